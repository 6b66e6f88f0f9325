package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/store"
)

type checkOptions struct {
	App    *App
	Repair bool
}

// verifier and repairer are the check methods of store.Bolt and
// store.Memory, which are not part of store.Store.
type (
	verifier interface {
		Verify(ctx context.Context) (store.Report, error)
	}
	repairer interface {
		Repair(ctx context.Context) ([]store.Fix, error)
	}
)

func newCheckCmd(app *App, runF func(context.Context, *checkOptions) error) *cobra.Command {
	opts := &checkOptions{App: app}
	c := &cobra.Command{
		Use:   "check",
		Short: "Check the store for damage",
		Long: `Check reads the whole store and checks that it is consistent: every page
reads, every card has a state, the indexes that make review and status fast
(due, new, content, deck) hold exactly what the cards call for, and each
card's state is the one its last answer in the review log left. It prints
"ok: N cards, N reviews", or each problem found and exits 1.

Check opens the store read-only, so it can run beside a review. With
--repair it takes the store for writing and rebuilds the indexes from the
cards and their states, then checks again; it never changes a card, a
schedule or the review log, so a problem in those is reported, not fixed
(restore a backup made with 'mnemo export json').

` + exitCodesHelp,
		Example: `  mnemo check
  mnemo check --repair`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runCheck(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.Repair, "repair", false, "rebuild the indexes from the cards and their states")
	return c
}

func runCheck(ctx context.Context, opts *checkOptions) error {
	app := opts.App
	path, err := app.dbPath()
	if err != nil {
		return err
	}
	var s store.Store
	if opts.Repair {
		// Repair never creates a store.
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no store at %s: run 'mnemo add NOTES' first", path)
		}
		s, err = app.open()
	} else {
		s, err = app.openRead()
	}
	if err != nil {
		return err
	}
	if s == nil {
		return fmt.Errorf("no store at %s: run 'mnemo add NOTES' first", path)
	}
	defer s.Close()
	v, ok := s.(verifier)
	if !ok {
		return fmt.Errorf("check: the store %s cannot be checked", path)
	}
	if opts.Repair {
		r, ok := s.(repairer)
		if !ok {
			return fmt.Errorf("check: the store %s cannot be repaired", path)
		}
		fixes, err := r.Repair(ctx)
		if err != nil {
			return err // Repair names the store
		}
		for _, f := range fixes {
			fmt.Fprintf(app.IO.ErrOut, "repaired the %s index: %d wrong entries removed, %d missing entries added\n",
				f.Index, f.Removed, f.Added)
		}
		if len(fixes) == 0 {
			fmt.Fprintln(app.IO.ErrOut, "the indexes were sound: nothing to repair")
		}
	}
	rep, err := v.Verify(ctx)
	if err != nil {
		return err // Verify names the store
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if rep.Found == 0 {
		fmt.Fprintf(app.IO.Out, "ok: %s, %s\n", plural(rep.Cards, "card"), plural(rep.Reviews, "review"))
		return nil
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(app.IO.Out, p)
	}
	if more := rep.Found - len(rep.Problems); more > 0 {
		fmt.Fprintf(app.IO.Out, "and %d more\n", more)
	}
	hint := ""
	if !opts.Repair {
		hint = " (mnemo check --repair rebuilds the indexes)"
	}
	return fmt.Errorf("store %s: %s found%s", path, plural(rep.Found, "problem"), hint)
}
