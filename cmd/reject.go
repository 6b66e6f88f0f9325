package cmd

import (
	"context"
	"fmt"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
)

type markOptions struct {
	App    *App
	IDs    []cards.ID
	Status cards.Status
}

var idPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// newMarkCmd builds reject and restore, which differ only in the mark.
func newMarkCmd(app *App, runF func(context.Context, *markOptions) error, use, short, long, example string, st cards.Status) *cobra.Command {
	opts := &markOptions{App: app, Status: st}
	return &cobra.Command{
		Use:     use + " ID...",
		Short:   short,
		Long:    long + "\n\n" + exitCodesHelp,
		Example: example,
		Args:    usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.IDs = nil
			for _, a := range args {
				if !idPattern.MatchString(a) {
					return usageErrorf("%q is not a card ID (16 hex digits, as 'mnemo list' shows)", a)
				}
				opts.IDs = append(opts.IDs, cards.ID(a))
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runMark(c.Context(), opts)
		},
	}
}

func newRejectCmd(app *App, runF func(context.Context, *markOptions) error) *cobra.Command {
	return newMarkCmd(app, runF, "reject", "Drop generated cards for good",
		`Reject drops cards you do not want: they are never shown again and stay
rejected when the notes are added again, but keep their history.
'mnemo list --rejected' lists them and 'mnemo restore ID' brings one back.
IDs are those of 'mnemo list' (or of 'mnemo preview' for an unchanged card).`,
		`  mnemo reject 3f2a9c0d1e2b4a5c
  mnemo list --json | jq -r 'select(.rule == "fact") | .id' | xargs mnemo reject`,
		cards.StatusRejected)
}

func newRestoreCmd(app *App, runF func(context.Context, *markOptions) error) *cobra.Command {
	return newMarkCmd(app, runF, "restore", "Bring back rejected cards",
		`Restore undoes 'mnemo reject': the cards are reviewed again, with the
schedule they had.`,
		`  mnemo list --rejected
  mnemo restore 3f2a9c0d1e2b4a5c`,
		cards.StatusNew)
}

func runMark(ctx context.Context, opts *markOptions) error {
	s, err := opts.App.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetStatus(ctx, opts.IDs, opts.Status); err != nil {
		return fmt.Errorf("mark cards: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	verb := "rejected"
	if opts.Status != cards.StatusRejected {
		verb = "restored"
	}
	fmt.Fprintf(opts.App.IO.ErrOut, "%d card(s) %s\n", len(opts.IDs), verb)
	return nil
}
