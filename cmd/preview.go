package cmd

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
)

type previewOptions struct {
	App     *App
	Paths   []string
	Deck    string
	JSON    bool
	Explain bool
}

func newPreviewCmd(app *App, runF func(context.Context, *previewOptions) error) *cobra.Command {
	opts := &previewOptions{App: app}
	c := &cobra.Command{
		Use:   "preview PATH...",
		Short: "Show the cards that add would make, without storing them",
		Long: `Preview reads notes as add does and prints the cards they give, with the rule
that made each one and its source line. The store is not opened.

With --explain it also shows each card's score and the candidates that were
dropped, with the reason (stop word answer, answer leaks into question,
duplicate, link only, …).

With --json it prints one JSON object per card per line, with the keys id,
deck, kind (basic, cloze, reversed), front, back, context (array), source
{path, line}, tags and rule. A cloze front shows its deletion as [...] and its
back is the deleted text.

` + exitCodesHelp,
		Example: `  mnemo preview talk.md
  mnemo preview ~/notes --json | jq -r .rule | sort | uniq -c
  mnemo preview --explain talk.md`,
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
	c.Flags().BoolVar(&opts.Explain, "explain", false, "show scores and the dropped candidates with the reason")
	return c
}

func runPreview(ctx context.Context, opts *previewOptions) error {
	app := opts.App
	res, err := loadNotes(ctx, app, opts.Paths, opts.Deck, opts.Explain)
	if err != nil {
		return err
	}
	problems := app.report(res)
	if opts.Explain {
		return errors.Join(explainCards(app, res.Candidates, opts.JSON), problems)
	}
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
	for _, c := range res.Cards {
		printCard(app, c, "")
	}
	fmt.Fprintf(app.IO.ErrOut, "%d cards from %d notes\n", len(res.Cards), res.Notes)
	return problems
}

// printCard prints one card as preview shows it, with a note after the rule.
func printCard(app *App, c cards.Card, note string) {
	w, ios := app.IO.Out, app.IO
	fmt.Fprintf(w, "%s  %s  %s%s  %s\n", ios.dim(visible(fmt.Sprintf("%s:%d", app.rel(c.Source.Path), c.Source.Line))),
		c.Kind, ios.cyan(c.Rule), note, ios.dim(visible(strings.Join(append([]string{c.Deck}, c.Context...), " › "))))
	fmt.Fprintf(w, "  Q: %s\n  A: %s\n\n", indentLines(visible(c.Front), "     "), ios.green(indentLines(visible(c.Back), "     ")))
}

// explainJSON is a candidate as preview --explain --json prints it.
type explainJSON struct {
	cardJSON
	Score   float64 `json:"score"`
	Dropped string  `json:"dropped,omitempty"`
}

func explainCards(app *App, cands []cards.Candidate, asJSON bool) error {
	if asJSON {
		js := make([]explainJSON, len(cands))
		for i, c := range cands {
			js[i] = explainJSON{app.toJSON(c.Card), math.Round(c.Score*1000) / 1000, c.Dropped}
		}
		return writeJSONLines(app.IO.Out, js)
	}
	kept := 0
	for _, c := range cands {
		note := fmt.Sprintf("  score %.2f", c.Score)
		if c.Dropped != "" {
			note += "  " + app.IO.yellow("dropped: "+c.Dropped)
		} else {
			kept++
		}
		printCard(app, c.Card, note)
	}
	fmt.Fprintf(app.IO.ErrOut, "%d cards kept, %d candidates dropped\n", kept, len(cands)-kept)
	return nil
}

// indentLines indents every line after the first.
func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// visible makes a note's control characters visible before they reach a
// terminal, which would otherwise obey them (an escape sequence in a note
// could recolour the screen or set the window title): C0 controls other
// than newline and tab become their Control Pictures (␛, ␇), DEL becomes
// ␡ and C1 controls U+FFFD.
func visible(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case !isControl(r):
			return r
		case r < 0x20:
			return 0x2400 + r
		case r == 0x7f:
			return '\u2421'
		}
		return '\uFFFD'
	}, s)
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r < 0xa0
}
