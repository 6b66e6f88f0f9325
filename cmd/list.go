package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

type listOptions struct {
	App      *App
	Deck     string
	JSON     bool
	Rejected bool
}

func newListCmd(app *App, runF func(context.Context, *listOptions) error) *cobra.Command {
	opts := &listOptions{App: app}
	c := &cobra.Command{
		Use:   "list",
		Short: "List stored cards with their schedule",
		Long: `List prints the stored cards with their status (new, review, suspended,
orphaned, rejected) and schedule, sorted by deck, source and line.

With --json it prints one JSON object per card per line: the keys of
'mnemo preview --json' plus status, reps, ef (a number with 2 decimals),
interval (days), due (YYYY-MM-DD, or null for a new card), lapses and
last_review (YYYY-MM-DD or null).

` + exitCodesHelp,
		Example: `  mnemo list --deck Conferences
  mnemo list --json | jq 'select(.status == "review") | .due'`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runList(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Deck, "deck", "", "only this deck and its sub-decks")
	c.Flags().BoolVar(&opts.JSON, "json", false, "one JSON object per card per line")
	c.Flags().BoolVar(&opts.Rejected, "rejected", false, "only the cards you rejected (mnemo reject)")
	return c
}

func runList(ctx context.Context, opts *listOptions) error {
	app := opts.App
	s, err := app.openRead()
	if err != nil || s == nil {
		return err
	}
	defer s.Close()
	f := store.Filter{Deck: opts.Deck}
	if opts.Rejected {
		f.Status = cards.StatusRejected
	}
	entries, err := s.Cards(ctx, f)
	if err != nil {
		return fmt.Errorf("read cards: %w", err)
	}
	if opts.JSON {
		js := make([]cardJSON, len(entries))
		for i, e := range entries {
			js[i] = entryJSON(app, e)
		}
		return writeJSONLines(app.IO.Out, js)
	}
	w := app.IO.Out
	for _, e := range entries {
		due := "-"
		if !e.State.IsNew() {
			due = e.State.Due.String()
		}
		if app.IO.OutTTY {
			fmt.Fprintf(w, "%s  %-9s %-10s %s  %s\n", app.IO.dim(string(e.Card.ID)), e.Status, due, app.IO.cyan(visible(e.Card.Deck)), oneLine(visible(e.Card.Front), 70))
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Card.ID, e.Status, due, visible(e.Card.Deck), oneLine(visible(e.Card.Front), 0), oneLine(visible(e.Card.Back), 0))
	}
	return nil
}
