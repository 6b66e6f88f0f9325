package cmd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/export"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

type exportOptions struct {
	App    *App
	Format string // "anki" or "pdf"
	Paths  []string
	Deck   string
	Output string
	// DueOnly keeps the review cards due today or earlier.
	DueOnly bool
	// Since, when set, keeps the cards added or changed on that day or
	// later: a date (2026-03-01) or a number of days back (7d).
	Since string
	// Anki
	BasicName, ClozeName string
	// PDF
	Paper, Title, Layout string
}

func newExportCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:   "export",
		Short: "Export cards to Anki, a printable PDF or a JSON backup",
		Long: `Export writes cards for other tools: 'export anki' a text file that Anki's
File > Import reads at once, 'export apkg' an Anki package that carries your
schedules and review history, 'export pdf' printable study sheets, 'export
json' a full backup of the store that 'mnemo import json' restores.

Without PATH it exports the stored cards (orphaned ones excepted), opening
the store read-only; with PATH it reads those notes directly, without a store.
With --due-only, anki, apkg and pdf export only the cards due for review
today or earlier, for a day's review away from the terminal.

` + exitCodesHelp,
		Example: `  mnemo export anki -o mnemo.txt
  mnemo export pdf notes/ -o sheet.pdf
  mnemo export pdf --due-only --layout cards -o today.pdf`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	c.AddCommand(newExportAnkiCmd(app, nil), newExportPDFCmd(app, nil), newExportAPKGCmd(app, nil), newExportJSONCmd(app, nil))
	return c
}

func newExportAnkiCmd(app *App, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{App: app, Format: "anki"}
	c := &cobra.Command{
		Use:   "anki [PATH...]",
		Short: "Write an Anki import file (tab-separated text with headers)",
		Long: `Export anki writes the text format that Anki (2.1.55 and later) imports with
File > Import and no settings to change: headers name the separator, HTML,
and the GUID, note type, deck and tags columns. Each card is a Basic or Cloze
note with a stable GUID, so importing again updates the notes instead of
duplicating them. Decks keep their "::" hierarchy; tags are the note's tags
plus "mnemo" and the rule that made the card.

` + dueOnlyHelp + `If your Anki collection was created in another language, give the names of
its note types: --basic-name Basique --cloze-name "Texte à trous".

` + exitCodesHelp,
		Example: `  mnemo export anki -o mnemo.txt
  mnemo export anki notes/ --deck Notes -o notes.txt
  mnemo export anki --basic-name Einfach --cloze-name Lückentext -o deck.txt
  mnemo export anki --due-only -o today.txt`,
		RunE: func(c *cobra.Command, args []string) error {
			return startExport(c, opts, args, runF)
		},
	}
	exportFlags(c, opts)
	dueOnlyFlag(c, opts)
	c.Flags().StringVar(&opts.BasicName, "basic-name", "Basic", "name of Anki's Basic note type in your collection")
	c.Flags().StringVar(&opts.ClozeName, "cloze-name", "Cloze", "name of Anki's Cloze note type in your collection")
	return c
}

func newExportPDFCmd(app *App, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{App: app, Format: "pdf"}
	c := &cobra.Command{
		Use:   "pdf [PATH...]",
		Short: "Write a printable PDF study sheet",
		Long: `Export pdf writes study sheets to print, in one of three layouts:

  sheet  question | answer side by side, grouped by deck and heading, with a
         fold line so the answers can be folded away (the default)
  cards  a grid of cut-out cards with crop marks: fronts on one page, backs
         mirrored on the next, for duplex printing (flip on the long edge)
  cloze  each note's text with its deletions blanked and numbered, and an
         answer key at the end

Every page has the title, date and page number. Fonts are embedded, so
accents, curly quotes and dashes print right; a character the fonts lack
(an emoji, say) is replaced by a visible mark and counted in a warning.

` + dueOnlyHelp + exitCodesHelp,
		Example: `  mnemo export pdf -o sheet.pdf
  mnemo export pdf talk.md --paper letter -o talk.pdf
  mnemo export pdf notes/ --layout cards -o cards.pdf`,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Paper != "a4" && opts.Paper != "letter" {
				return usageErrorf("--paper %q: want a4 or letter", opts.Paper)
			}
			switch opts.Layout {
			case "sheet", "cards", "cloze":
			default:
				return usageErrorf("--layout %q: want sheet, cards or cloze", opts.Layout)
			}
			if opts.Output == "" && app.IO.OutTTY {
				return usageErrorf("a PDF is not for the terminal: give -o FILE")
			}
			return startExport(c, opts, args, runF)
		},
	}
	exportFlags(c, opts)
	dueOnlyFlag(c, opts)
	c.Flags().StringVar(&opts.Paper, "paper", "a4", "paper size: a4 or letter")
	c.Flags().StringVar(&opts.Layout, "layout", "sheet", "sheet, cards or cloze")
	c.Flags().StringVar(&opts.Title, "title", "", "title printed on the sheet (default: the deck, or \"mnemo\")")
	return c
}

// exportFlags adds the flags every export format has.
func exportFlags(c *cobra.Command, opts *exportOptions) {
	c.Flags().StringVar(&opts.Deck, "deck", "", "only this deck and its sub-decks (with PATH: the deck to give notes)")
	c.Flags().StringVarP(&opts.Output, "output", "o", "", "write to FILE instead of standard output")
}

// dueOnlyFlag adds --due-only and --since, which the store exports of
// anki, apkg and pdf have.
func dueOnlyFlag(c *cobra.Command, opts *exportOptions) {
	c.Flags().BoolVar(&opts.DueOnly, "due-only", false,
		"only the cards due for review today or earlier (new, suspended cards left out); not with PATH")
	c.Flags().StringVar(&opts.Since, "since", "",
		"only the cards added or changed on this day or later: 2026-03-01, or 7d for a week back; not with PATH")
}

// dueOnlyHelp is the part of an export command's help about --due-only.
const dueOnlyHelp = `With --due-only it exports only the cards due for review on today's review
day or earlier, as 'mnemo review' and 'mnemo status' count them (the day
starts at MNEMO_DAY_START, 4:00 by default): new cards are not due, nor are
suspended ones. When nothing is due it says so and writes no file.

With --since DAY it exports only the cards 'mnemo add' stored or changed on
that day or later (a date such as 2026-03-01, or 7d for seven days before
today): what is new since your last export. Cards stored before mnemo kept
these days count as older than any DAY.

`

// checkDueOnly rejects --due-only and --since with notes: they have no
// schedule and no history.
func checkDueOnly(opts *exportOptions, args []string) error {
	if opts.DueOnly && len(args) > 0 {
		return usageErrorf("--due-only reads the schedules in the store: give no PATH")
	}
	if opts.Since != "" && len(args) > 0 {
		return usageErrorf("--since reads when cards were stored: give no PATH")
	}
	return nil
}

// sinceDay parses --since: a date, or a number of days before today
// ("7d").
func sinceDay(v string, today cards.Date) (cards.Date, error) {
	if n, ok := strings.CutSuffix(v, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 {
			return 0, usageErrorf("--since %q: want a date (2026-03-01) or a number of days (7d)", v)
		}
		return today.AddDays(-days), nil
	}
	d, err := cards.ParseDate(v)
	if err != nil {
		return 0, usageErrorf("--since %q: want a date (2026-03-01) or a number of days (7d)", v)
	}
	return d, nil
}

// changedSince returns the entries added or changed on day since or later
// (a card's Changed day is its Added day until its text changes).
func changedSince(entries []store.Entry, since cards.Date) []store.Entry {
	var out []store.Entry
	for _, e := range entries {
		if e.Changed >= since {
			out = append(out, e)
		}
	}
	return out
}

// errNothingDue is returned by exportEntries when --due-only or --since
// leave no card; the commands report it and succeed.
var errNothingDue = errors.New("nothing due today")

// nothingDue reports that no card was left to export, as review does when
// nothing is due, and succeeds.
func nothingDue(app *App, opts *exportOptions) error {
	what := "Nothing due today"
	switch {
	case opts.DueOnly && opts.Since != "":
		what = "No card due today was added or changed since " + opts.Since
	case opts.Since != "":
		what = "No card added or changed since " + opts.Since
	}
	fmt.Fprintln(app.IO.ErrOut, what+": no file written.")
	return nil
}

// dueEntries returns the entries due for review on day today or earlier:
// reviewed cards (StatusReview) whose due date has come. New cards are
// not due; suspended, orphaned and rejected ones are never reviewed.
func dueEntries(entries []store.Entry, today cards.Date) []store.Entry {
	var due []store.Entry
	for _, e := range entries {
		if e.Status == cards.StatusReview && e.State.Due <= today {
			due = append(due, e)
		}
	}
	return due
}

func startExport(c *cobra.Command, opts *exportOptions, args []string, runF func(context.Context, *exportOptions) error) error {
	if err := checkDueOnly(opts, args); err != nil {
		return err
	}
	opts.Paths = args
	if runF != nil {
		return runF(c.Context(), opts)
	}
	return runExport(c.Context(), opts)
}

func runExport(ctx context.Context, opts *exportOptions) error {
	app := opts.App
	defer app.tuneGC(exportGCPercent, -1)()
	cs, problems, err := exportCards(ctx, opts)
	if errors.Is(err, errNothingDue) {
		return nothingDue(app, opts)
	}
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		if problems != nil {
			return problems
		}
		return fmt.Errorf("no cards to export")
	}
	// Written as made: an Anki export of 94,000 cards is 30 MB, which a
	// buffer would hold twice over as it grew.
	err = writeOutputFrom(app, opts.Output, func(w io.Writer) error {
		var err error
		switch opts.Format {
		case "anki":
			err = export.Anki(w, cs, export.AnkiOptions{BasicName: opts.BasicName, ClozeName: opts.ClozeName})
		case "pdf":
			hour, herr := app.rollover()
			if herr != nil {
				return herr
			}
			title := opts.Title
			if title == "" {
				title = "mnemo"
				if opts.Deck != "" {
					title = opts.Deck
				}
			}
			var res export.PDFResult
			res, err = export.PDF(w, cs, export.PDFOptions{Title: title, Date: scheduler.Day(app.Now(), hour), Paper: opts.Paper, Layout: opts.Layout})
			if err == nil && res.Replaced > 0 {
				fmt.Fprintf(app.IO.ErrOut, "mnemo: %d character(s) the fonts lack were printed as a mark\n", res.Replaced)
			}
		}
		if err != nil {
			return fmt.Errorf("export %s: %w", opts.Format, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if opts.Output != "" {
		fmt.Fprintf(app.IO.ErrOut, "%d cards written to %s\n", len(cs), opts.Output)
	}
	return problems
}

// exportCards gathers the cards to export: from notes when paths are given,
// else from the store.
func exportCards(ctx context.Context, opts *exportOptions) ([]cards.Card, error, error) {
	entries, _, problems, err := exportEntries(ctx, opts, false)
	if err != nil {
		return nil, nil, err
	}
	cs := make([]cards.Card, len(entries))
	for i, e := range entries {
		cs[i] = e.Card
	}
	return cs, problems, nil
}

// exportEntries gathers what an export writes. With paths, the cards of
// those notes, new, read without a store. Else the stored cards of the
// deck that the user keeps (orphaned and rejected ones are left out), or
// with opts.DueOnly those due today or earlier (errNothingDue when none
// is), with the review log when withLog. problems are the notes that could
// not be read, already reported.
func exportEntries(ctx context.Context, opts *exportOptions, withLog bool) (entries []store.Entry, log []cards.Review, problems, err error) {
	app := opts.App
	if len(opts.Paths) > 0 {
		res, err := loadNotes(ctx, app, opts.Paths, opts.Deck, false)
		if err != nil {
			return nil, nil, nil, err
		}
		entries = make([]store.Entry, len(res.Cards))
		for i, c := range res.Cards {
			entries[i] = store.Entry{Card: c, State: cards.NewState(), Status: cards.StatusNew}
		}
		return entries, nil, app.report(res), nil
	}
	var today, since cards.Date
	if opts.DueOnly || opts.Since != "" {
		hour, err := app.rollover()
		if err != nil {
			return nil, nil, nil, err
		}
		today = scheduler.Day(app.Now(), hour)
	}
	if opts.Since != "" {
		if since, err = sinceDay(opts.Since, today); err != nil {
			return nil, nil, nil, err
		}
	}
	s, err := app.openRead()
	if err != nil {
		return nil, nil, nil, err
	}
	if s == nil {
		return nil, nil, nil, fmt.Errorf("no store yet: run 'mnemo add NOTES' first, or give the notes to export")
	}
	defer s.Close()
	all, err := s.Cards(ctx, store.Filter{Deck: opts.Deck})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read cards: %w", err)
	}
	if opts.DueOnly {
		entries = dueEntries(all, today)
	} else {
		// In place: all is ours, and growing a second slice of 94,000
		// entries cost a tenth of a big export.
		entries = all[:0]
		for _, e := range all {
			if e.Status != cards.StatusOrphaned && e.Status != cards.StatusRejected {
				entries = append(entries, e)
			}
		}
	}
	if opts.Since != "" {
		entries = changedSince(entries, since)
	}
	if len(entries) == 0 && (opts.DueOnly || opts.Since != "") {
		return nil, nil, nil, errNothingDue
	}
	if withLog {
		if log, err = s.Reviews(ctx, time.Time{}); err != nil {
			return nil, nil, nil, fmt.Errorf("read reviews: %w", err)
		}
	}
	return entries, log, nil, nil
}

// writeOutput writes data to path atomically (a temporary file renamed into
// place, mode 0600), or to Out when path is "" or "-".
func writeOutput(app *App, path string, data []byte) error {
	return writeOutputFrom(app, path, func(w io.Writer) error {
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}

// writeOutputFrom writes what write writes to path atomically (a temporary
// file renamed into place, mode 0600), or to Out when path is "" or "-".
// When write fails, nothing is written: the temporary file is removed,
// and Out gets nothing, its bytes having been held back until the end.
// write's own error is returned as it is.
func writeOutputFrom(app *App, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		if _, err := app.IO.Out.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
