package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/export/apkg"
)

func newExportAPKGCmd(app *App, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{App: app, Format: "apkg"}
	c := &cobra.Command{
		Use:   "apkg [PATH...]",
		Short: "Write an Anki package (.apkg) with schedules and review history",
		Long: `Export apkg writes an Anki package that File > Import (Anki 2.1.55 and later)
reads: every card as a note of two note types of its own, "mnemo Basic" and
"mnemo Cloze", in its deck (sub-decks kept), with its schedule (interval,
ease, due date, reviews, lapses; suspended cards stay suspended) and its
review log, so moving to Anki keeps your progress. GUIDs are the ones
'export anki' writes, so either export updates the other's notes.

In Anki 23.10 and later, tick "Import any learning progress" in the import
dialog, or the cards arrive as new. Anki takes the schedule only for cards
it does not have yet: importing again updates the text, not the schedule.

Without PATH it exports the stored cards (orphaned and rejected ones
excepted) with their schedules; with PATH it reads those notes directly and
exports them as new cards.

` + dueOnlyHelp + exitCodesHelp,
		Example: `  mnemo export apkg -o mnemo.apkg
  mnemo export apkg --deck lang::fr -o french.apkg
  mnemo export apkg notes/ -o notes.apkg`,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Output == "" && app.IO.OutTTY {
				return usageErrorf("an Anki package is not for the terminal: give -o FILE")
			}
			if err := checkDueOnly(opts, args); err != nil {
				return err
			}
			opts.Paths = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runExportAPKG(c.Context(), opts)
		},
	}
	exportFlags(c, opts)
	dueOnlyFlag(c, opts)
	return c
}

func runExportAPKG(ctx context.Context, opts *exportOptions) error {
	app := opts.App
	defer app.tuneGC(exportGCPercent, -1)()
	hour, err := app.rollover()
	if err != nil {
		return err
	}
	notes, problems, err := apkgNotes(ctx, opts)
	if errors.Is(err, errNothingDue) {
		return nothingDue(app, opts)
	}
	if err != nil {
		return err
	}
	if len(notes) == 0 {
		if problems != nil {
			return problems
		}
		return fmt.Errorf("no cards to export")
	}
	var buf bytes.Buffer
	werr := apkg.Write(&buf, notes, apkg.Options{Now: app.Now(), Rollover: hour})
	// Cards left out (each a *apkg.CardError) do not stop the others.
	left := map[cards.ID]bool{}
	if werr != nil {
		if _, ok := errors.AsType[*apkg.CardError](werr); !ok {
			return fmt.Errorf("export apkg: %w", werr)
		}
		for _, e := range unjoin(werr) {
			if ce, ok := errors.AsType[*apkg.CardError](e); ok {
				left[ce.ID] = true
			}
		}
		werr = fmt.Errorf("export apkg: %w", werr)
	}
	if len(left) == len(notes) {
		return errors.Join(werr, problems)
	}
	if err := writeOutput(app, opts.Output, buf.Bytes()); err != nil {
		return err
	}
	if opts.Output != "" {
		written, reviews := 0, 0
		for _, n := range notes {
			if !left[n.Card.ID] {
				left[n.Card.ID] = true // a repeated ID is written once
				written++
				reviews += len(n.Log)
			}
		}
		fmt.Fprintf(app.IO.ErrOut, "%d cards and %d reviews written to %s\n", written, reviews, opts.Output)
	}
	return errors.Join(werr, problems)
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// apkgNotes gathers the cards to export with their schedules and logs:
// from the store, or as new cards from notes when paths are given.
func apkgNotes(ctx context.Context, opts *exportOptions) ([]apkg.Note, error, error) {
	entries, log, problems, err := exportEntries(ctx, opts, true)
	if err != nil {
		return nil, nil, err
	}
	byCard := make(map[cards.ID][]cards.Review)
	for _, r := range log {
		byCard[r.Card] = append(byCard[r.Card], r)
	}
	ns := make([]apkg.Note, 0, len(entries))
	for _, e := range entries {
		n := apkg.Note{Card: e.Card, State: e.State, Suspended: e.Status == cards.StatusSuspended, Log: byCard[e.Card.ID]}
		// The store keeps no edit time: the last review stands for it, and
		// a card never reviewed takes the export time (Write's default), so
		// a re-import refreshes its text.
		for _, r := range n.Log {
			if r.At.After(n.Modified) {
				n.Modified = r.At
			}
		}
		ns = append(ns, n)
	}
	return ns, problems, nil
}
