package cmd

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

type statusOptions struct {
	App   *App
	Short bool
}

func newStatusCmd(app *App, runF func(context.Context, *statusOptions) error) *cobra.Command {
	opts := &statusOptions{App: app}
	c := &cobra.Command{
		Use:   "status",
		Short: "Show what is due today, per deck",
		Long: `Status prints, for each deck, the cards due today, the new cards, the total
and the orphaned cards (whose source text is gone), then on stderr the day,
the cards due and the next day cards are due after today. It opens the store
read-only, so it can run beside a review.

With --short it prints one line for a shell prompt, such as "12 due · 5 new"
or "0 due · next 2026-03-04": the cards due today, the new cards when there
are any and, when nothing is due, the next due day. Nothing else is printed,
colors only on a terminal, and before the first 'mnemo add' it prints
nothing.

` + exitCodesHelp,
		Example: `  mnemo status
  PS1='[$(mnemo status --short)] $ '`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runStatus(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.Short, "short", false, "one line for a shell prompt: due and new counts")
	return c
}

type deckCounts struct{ due, fresh, total, orphaned int }

// cardCounter is implemented by stores that count cards without reading
// them (store.Bolt, store.Memory).
type cardCounter interface {
	Counts(ctx context.Context, day cards.Date) (store.Counts, error)
}

func runStatus(ctx context.Context, opts *statusOptions) error {
	app := opts.App
	hour, err := app.rollover()
	if err != nil {
		return err
	}
	today := scheduler.Day(app.Now(), hour)
	s, err := app.openRead()
	if err != nil {
		return err
	}
	if s == nil {
		if !opts.Short {
			fmt.Fprintln(app.IO.ErrOut, "No cards yet: run 'mnemo add NOTES' first.")
		}
		return nil
	}
	defer s.Close()
	byDeck, sum, next, nextN, err := countCards(ctx, s, today)
	if err != nil {
		return err
	}
	if opts.Short {
		return writeShortStatus(app.IO, sum, next, nextN)
	}
	decks := make([]string, 0, len(byDeck))
	for d := range byDeck {
		decks = append(decks, d)
	}
	sort.Strings(decks)
	if !app.IO.OutTTY {
		fmt.Fprintln(app.IO.Out, "deck\tdue\tnew\ttotal\torphaned")
		for _, d := range decks {
			c := byDeck[d]
			fmt.Fprintf(app.IO.Out, "%s\t%d\t%d\t%d\t%d\n", d, c.due, c.fresh, c.total, c.orphaned)
		}
		writeStatusSummary(app.IO, today, sum.due, next, nextN)
		return nil
	}
	w := tabwriter.NewWriter(app.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, app.IO.bold("deck\tdue\tnew\ttotal\torphaned"))
	for _, d := range decks {
		c := byDeck[d]
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\n", d, c.due, c.fresh, c.total, c.orphaned)
	}
	fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\n", app.IO.bold("all"), sum.due, sum.fresh, sum.total, sum.orphaned)
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	writeStatusSummary(app.IO, today, sum.due, next, nextN)
	return nil
}

// countCards counts the cards of each deck, and returns the next day
// cards are due after today and how many.
func countCards(ctx context.Context, s store.Store, today cards.Date) (byDeck map[string]*deckCounts, sum deckCounts, next cards.Date, nextN int, err error) {
	byDeck = map[string]*deckCounts{}
	if c, ok := s.(cardCounter); ok {
		n, err := c.Counts(ctx, today)
		if err != nil {
			return nil, sum, 0, 0, fmt.Errorf("read cards: %w", err)
		}
		for _, d := range n.Decks {
			byDeck[d.Deck] = &deckCounts{due: d.Due, fresh: d.New, total: d.Total, orphaned: d.Orphaned}
		}
		sum = deckCounts{due: n.All.Due, fresh: n.All.New, total: n.All.Total, orphaned: n.All.Orphaned}
		return byDeck, sum, n.Next, n.NextN, nil
	}
	entries, err := s.Cards(ctx, store.Filter{})
	if err != nil {
		return nil, sum, 0, 0, fmt.Errorf("read cards: %w", err)
	}
	for _, e := range entries {
		d := byDeck[e.Card.Deck]
		if d == nil {
			d = &deckCounts{}
			byDeck[e.Card.Deck] = d
		}
		for _, c := range []*deckCounts{d, &sum} {
			c.total++
			switch e.Status {
			case cards.StatusNew:
				c.fresh++
			case cards.StatusOrphaned:
				c.orphaned++
			case cards.StatusReview:
				if e.State.Due <= today {
					c.due++
				}
			}
		}
	}
	next, nextN = nextDue(entries, today)
	return byDeck, sum, next, nextN, nil
}

// nextDue returns the earliest due day after today among review cards and
// how many cards are due that day; (0, 0) when there is none.
func nextDue(entries []store.Entry, today cards.Date) (cards.Date, int) {
	var next cards.Date
	n := 0
	for _, e := range entries {
		d := e.State.Due
		if e.Status != cards.StatusReview || d <= today {
			continue
		}
		switch {
		case n == 0 || d < next:
			next, n = d, 1
		case d == next:
			n++
		}
	}
	return next, n
}

// writeStatusSummary writes the day, the cards due and the next due day to
// stderr.
func writeStatusSummary(ios *IOStreams, today cards.Date, due int, next cards.Date, nextN int) {
	fmt.Fprintf(ios.ErrOut, "Today is %s: %d card(s) due.\n", today, due)
	if nextN > 0 {
		fmt.Fprintf(ios.ErrOut, "Next: %s (%s).\n", next, plural(nextN, "card"))
	}
}

// writeShortStatus writes the --short line.
func writeShortStatus(ios *IOStreams, sum deckCounts, next cards.Date, nextN int) error {
	due := fmt.Sprintf("%d due", sum.due)
	if sum.due > 0 {
		due = ios.yellow(due)
	}
	parts := []string{due}
	if sum.fresh > 0 {
		parts = append(parts, fmt.Sprintf("%d new", sum.fresh))
	}
	if sum.due == 0 && nextN > 0 {
		parts = append(parts, "next "+next.String())
	}
	if _, err := fmt.Fprintln(ios.Out, strings.Join(parts, " · ")); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	return nil
}
