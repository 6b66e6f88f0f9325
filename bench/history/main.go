// Command history gives a mnemo store a simulated history of reviews: a
// year (or -days) of daily sessions, each answering every card due that
// day and up to -new new cards, with grades drawn from a seeded source.
// The store is the one `mnemo add` filled; its cards are kept as they are.
//
// It reads the store whole, replays the days on a store.Memory (one bbolt
// transaction and fsync per answer would take hours for a year), then
// writes the result, cards and review log, into a fresh store file that
// replaces the original. The sessions follow `mnemo review`: SM-2 through
// scheduler.Next, a card graded below 4 is drilled the same day until it
// scores 4 (drill answers are logged, changing no state), and a card that
// lapses 8 times is suspended as a leech.
//
// Usage:
//
//	go run ./bench/history -db STORE [-days 365] [-new 40] [-end 2026-03-01] [-seed 1]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "history:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	db := fs.String("db", "", "store to give a history (required)")
	days := fs.Int("days", 365, "days of reviews")
	newPerDay := fs.Int("new", 40, "new cards a day")
	end := fs.String("end", "2026-03-01", "last day of reviews (YYYY-MM-DD)")
	seed := fs.Uint64("seed", 1, "seed of the grades")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" || fs.NArg() > 0 || *days < 1 || *newPerDay < 0 {
		fs.Usage()
		return errors.New("usage: history -db STORE [-days N] [-new N] [-end DATE] [-seed S]")
	}
	last, err := cards.ParseDate(*end)
	if err != nil {
		return err
	}

	start := time.Now()
	d, err := readStore(ctx, *db)
	if err != nil {
		return err
	}
	if len(d.Log) > 0 {
		return fmt.Errorf("%s already has %d reviews: give history a store fresh from mnemo add", *db, len(d.Log))
	}
	m := store.NewMemory()
	if err := m.Load(ctx, d); err != nil {
		return err
	}
	sim := simulator{s: m, r: rand.New(rand.NewPCG(*seed, 0)), newPerDay: *newPerDay}
	for day := last.AddDays(1 - *days); day <= last; day++ {
		if err := sim.session(ctx, day); err != nil {
			return err
		}
	}
	d, err = m.Dump(ctx)
	if err != nil {
		return err
	}
	if err := writeStore(ctx, *db, d); err != nil {
		return err
	}
	fmt.Fprintf(out, "%d cards, %d reviews (%d drills) over %d days to %s, %d studied, %d suspended as leeches, in %.1fs\n",
		len(d.Cards), len(d.Log), sim.drills, *days, last, sim.studied, sim.leeches, time.Since(start).Seconds())
	return nil
}

// readStore returns everything the store at path holds.
func readStore(ctx context.Context, path string) (store.Dump, error) {
	b, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return store.Dump{}, err
	}
	defer b.Close()
	return b.Dump(ctx)
}

// writeStore replaces the store at path by a new one holding d.
func writeStore(ctx context.Context, path string, d store.Dump) error {
	tmp := path + ".history"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	b, err := store.Open(tmp, store.Options{})
	if err != nil {
		return err
	}
	if err := b.Load(ctx, d); err != nil {
		_ = b.Close()
		return err
	}
	if err := b.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// leechLapses is when `mnemo review` suspends a card.
const leechLapses = 8

// simulator answers the cards of each day. It is not safe for concurrent
// use.
type simulator struct {
	s         *store.Memory
	r         *rand.Rand
	newPerDay int

	studied, drills, leeches int
}

// session reviews the cards due on day and up to newPerDay new ones.
func (sm *simulator) session(ctx context.Context, day cards.Date) error {
	queue, err := sm.s.Due(ctx, day, store.Query{New: sm.newPerDay})
	if err != nil {
		return err
	}
	at := day.Time().Add(9 * time.Hour)
	for _, e := range queue {
		at = at.Add(time.Duration(5+sm.r.IntN(20)) * time.Second)
		if e.State.IsNew() {
			sm.studied++
		}
		g := sm.grade(e.State)
		after := scheduler.Next(e.State, g, day)
		r := cards.Review{Card: e.Card.ID, At: at, Day: day, Grade: g, Before: e.State, After: after}
		if err := sm.s.Record(ctx, r); err != nil {
			return err
		}
		if after.Lapses >= leechLapses && e.State.Lapses < leechLapses {
			sm.leeches++
			if err := sm.s.SetStatus(ctx, []cards.ID{e.Card.ID}, cards.StatusSuspended); err != nil {
				return err
			}
			continue
		}
		// SM-2: repeat the card the same day until it scores 4 or 5.
		for g < cards.Good {
			at = at.Add(time.Duration(5+sm.r.IntN(20)) * time.Second)
			g = sm.drillGrade()
			d := cards.Review{Card: e.Card.ID, At: at, Day: day, Grade: g, Drill: true, Before: after, After: after}
			if err := sm.s.Record(ctx, d); err != nil {
				return err
			}
			sm.drills++
		}
	}
	return nil
}

// grade draws an answer: new cards and cards that lapsed often are
// recalled less well than cards with a long run of passes.
func (sm *simulator) grade(s cards.State) cards.Grade {
	recall := 0.75 + 0.04*float64(min(s.Reps, 5)) - 0.03*float64(min(s.Lapses, 5))
	if sm.r.Float64() >= recall {
		return cards.Grade(sm.r.IntN(3)) // 0, 1 or 2: a lapse
	}
	switch x := sm.r.Float64(); {
	case x < 0.15:
		return cards.Hard
	case x < 0.75:
		return cards.Good
	}
	return cards.Perfect
}

// drillGrade is the grade of a same-day repeat: mostly right by then.
func (sm *simulator) drillGrade() cards.Grade {
	if sm.r.Float64() < 0.8 {
		return cards.Good
	}
	return cards.Grade(1 + sm.r.IntN(3))
}
