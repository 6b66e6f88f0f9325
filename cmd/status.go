package cmd

import (
	"context"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

type statusOptions struct {
	App *App
}

func newStatusCmd(app *App, runF func(context.Context, *statusOptions) error) *cobra.Command {
	opts := &statusOptions{App: app}
	return &cobra.Command{
		Use:   "status",
		Short: "Show what is due today, per deck",
		Long: `Status prints, for each deck, the cards due today, the new cards, the total
and the orphaned cards (whose source text is gone). It opens the store
read-only, so it can run beside a review.

` + exitCodesHelp,
		Example: `  mnemo status`,
		Args:    usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runStatus(c.Context(), opts)
		},
	}
}

type deckCounts struct{ due, fresh, total, orphaned int }

func runStatus(ctx context.Context, opts *statusOptions) error {
	app := opts.App
	hour, err := app.rollover()
	if err != nil {
		return err
	}
	s, err := app.openRead()
	if err != nil {
		return err
	}
	if s == nil {
		fmt.Fprintln(app.IO.ErrOut, "No cards yet: run 'mnemo add NOTES' first.")
		return nil
	}
	defer s.Close()
	entries, err := s.Cards(ctx, store.Filter{})
	if err != nil {
		return fmt.Errorf("read cards: %w", err)
	}
	today := scheduler.Day(app.Now(), hour)
	byDeck := map[string]*deckCounts{}
	var sum deckCounts
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
	fmt.Fprintf(app.IO.ErrOut, "Today is %s: %d card(s) due.\n", today, sum.due)
	return nil
}
