package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/store"
)

type addOptions struct {
	App   *App
	Paths []string
	Deck  string
}

func newAddCmd(app *App, runF func(context.Context, *addOptions) error) *cobra.Command {
	opts := &addOptions{App: app}
	c := &cobra.Command{
		Use:   "add PATH...",
		Short: "Turn notes into cards and store them",
		Long: `Add reads Markdown notes (files, or folders searched recursively for *.md,
skipping hidden folders such as .obsidian and .git), turns them into cards and
stores them with their schedule. Run it again after editing notes: unchanged
cards keep their schedule, and cards whose text is gone become "orphaned" —
kept with their history, never shown — instead of being deleted. A card whose
line you edited slightly (a typo fixed, a word added) is re-matched to the
card it replaces and keeps its history; a moved or renamed note keeps its
cards. Cards you rejected (mnemo reject) stay rejected.

The whole add is one transaction: it lands whole or not at all. A note that
cannot be read is reported (file:line: why) and skipped; the others land.

A card's deck is the note's frontmatter "deck", else --deck, else the note's
folders under the PATH given, joined with "::" ("Default" for notes at the top).

` + exitCodesHelp,
		Example: `  mnemo add ~/notes
  mnemo add talk.md --deck Conferences::DevOps`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runAdd(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Deck, "deck", "", "deck for notes whose frontmatter names none (default: their folders)")
	return c
}

func runAdd(ctx context.Context, opts *addOptions) error {
	app := opts.App
	// The store is opened first: a second writer learns at once that it is
	// locked, before any note is read, and incremental adds can consult it.
	s, err := app.open()
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := loadNotes(ctx, app, opts.Paths, opts.Deck, false)
	if err != nil {
		return err
	}
	problems := app.report(res)
	if res.Notes == 0 && len(res.Skip) == 0 {
		if problems != nil {
			return problems
		}
		return usageErrorf("no notes to add")
	}
	sum, err := s.Sync(ctx, store.Batch{Cards: res.Cards, Roots: res.Roots, Skip: res.Skip})
	if err != nil {
		return fmt.Errorf("store cards: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	fmt.Fprintf(app.IO.Out, "%d new, %d updated, %d unchanged, %d orphaned", sum.New, sum.Updated, sum.Unchanged, sum.Orphaned)
	if sum.Rematched > 0 {
		// Edited cards that kept their history are counted in updated too.
		fmt.Fprintf(app.IO.Out, "; %d re-matched after edits", sum.Rematched)
	}
	fmt.Fprintln(app.IO.Out)
	if len(res.Skip) > 0 {
		fmt.Fprintf(app.IO.ErrOut, "mnemo: %d of %d notes skipped (see above); their stored cards were kept\n", len(res.Skip), res.Notes+len(res.Skip))
	}
	return problems
}
