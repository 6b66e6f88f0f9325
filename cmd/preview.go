package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

type previewOptions struct {
	App   *App
	Paths []string
	Deck  string
	JSON  bool
}

func newPreviewCmd(app *App, runF func(context.Context, *previewOptions) error) *cobra.Command {
	opts := &previewOptions{App: app}
	c := &cobra.Command{
		Use:   "preview PATH...",
		Short: "Show the cards that add would make, without storing them",
		Long: `Preview reads notes as add does and prints the cards they give, with the rule
that made each one and its source line. The store is not opened.

With --json it prints one JSON object per card per line, with the keys id,
deck, kind (basic, cloze, reversed), front, back, context (array), source
{path, line}, tags and rule. A cloze front shows its deletion as [...] and its
back is the deleted text.

` + exitCodesHelp,
		Example: `  mnemo preview talk.md
  mnemo preview ~/notes --json | jq -r .rule | sort | uniq -c`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runPreview(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Deck, "deck", "", "deck for notes whose frontmatter names none")
	c.Flags().BoolVar(&opts.JSON, "json", false, "one JSON object per card per line")
	return c
}

func runPreview(ctx context.Context, opts *previewOptions) error {
	app := opts.App
	res, err := loadNotes(ctx, app, opts.Paths, opts.Deck)
	if err != nil {
		return err
	}
	problems := app.report(res)
	if opts.JSON {
		js := make([]cardJSON, len(res.Cards))
		for i, c := range res.Cards {
			js[i] = app.toJSON(c)
		}
		if err := writeJSONLines(app.IO.Out, js); err != nil {
			return err
		}
		return problems
	}
	w := app.IO.Out
	for _, c := range res.Cards {
		fmt.Fprintf(w, "%s  %s  %s  %s\n", app.IO.dim(fmt.Sprintf("%s:%d", app.rel(c.Source.Path), c.Source.Line)),
			c.Kind, app.IO.cyan(c.Rule), app.IO.dim(strings.Join(append([]string{c.Deck}, c.Context...), " › ")))
		fmt.Fprintf(w, "  Q: %s\n  A: %s\n\n", indentLines(c.Front, "     "), app.IO.green(indentLines(c.Back, "     ")))
	}
	fmt.Fprintf(app.IO.ErrOut, "%d cards from %d notes\n", len(res.Cards), res.Notes)
	return problems
}

// indentLines indents every line after the first.
func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}
