package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

// newStore writes a store of n new cards, as mnemo add leaves it.
func newStore(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mnemo.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := make([]cards.Card, n)
	for i := range cs {
		cs[i] = cards.Card{
			ID:     cards.ID(fmt.Sprintf("card%04d", i)),
			Deck:   "Default",
			Kind:   cards.Basic,
			Front:  fmt.Sprintf("question %d", i),
			Back:   fmt.Sprintf("answer %d", i),
			Source: cards.Source{Path: "/notes/a.md", Line: i + 1},
			Rule:   "definition",
		}
	}
	if _, err := s.Sync(t.Context(), store.Batch{Cards: cs, Roots: []string{"/notes"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func readLog(t *testing.T, path string) store.Dump {
	t.Helper()
	d, err := readStore(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRun(t *testing.T) {
	args := []string{"-days", "30", "-new", "5", "-end", "2026-03-01", "-seed", "3"}
	a, b := newStore(t, 40), newStore(t, 40)
	var out bytes.Buffer
	if err := run(t.Context(), append([]string{"-db", a}, args...), &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if err := run(t.Context(), append([]string{"-db", b}, args...), &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	da, db := readLog(t, a), readLog(t, b)
	if diff := cmp.Diff(da, db); diff != "" {
		t.Errorf("same seed, different histories (-a +b):\n%s", diff)
	}
	if len(da.Cards) != 40 {
		t.Errorf("history kept %d cards, want 40", len(da.Cards))
	}

	first, last := cards.DateOf(2026, 1, 31), cards.DateOf(2026, 3, 1)
	newOn := map[cards.Date]int{}
	state := map[cards.ID]cards.State{}
	for _, r := range da.Log {
		if r.Day < first || r.Day > last || scheduler.Day(r.At, scheduler.DefaultRollover) != r.Day {
			t.Fatalf("review %+v: day outside %s..%s or not the day of its time", r, first, last)
		}
		if r.Drill {
			if r.Before != r.After {
				t.Errorf("drill %+v changes the state", r)
			}
			continue
		}
		if want, ok := state[r.Card]; ok && r.Before != want {
			t.Errorf("review of %s starts from %+v, the last review left %+v", r.Card, r.Before, want)
		}
		if got, want := r.After, scheduler.Next(r.Before, r.Grade, r.Day); got != want {
			t.Errorf("review %+v: After = %+v, want scheduler.Next = %+v", r, got, want)
		}
		if r.Before.IsNew() {
			newOn[r.Day]++
		}
		state[r.Card] = r.After
	}
	// Five new cards a day until the 40 run out, on day 8.
	for d := first; d <= last; d++ {
		want := 5
		if d >= first.AddDays(8) {
			want = 0
		}
		if newOn[d] != want {
			t.Errorf("%s: %d new cards studied, want %d", d, newOn[d], want)
		}
	}
	// Every card studied has its last state stored.
	for _, c := range da.Cards {
		if s, ok := state[c.Card.ID]; !ok || c.State != s {
			t.Errorf("card %s stored with %+v, its last review left %+v", c.Card.ID, c.State, s)
		}
	}

	// A store with a history is refused.
	if err := run(t.Context(), []string{"-db", a}, &out); err == nil {
		t.Error("run on a store with reviews: no error")
	}
}
