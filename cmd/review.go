package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/cmd/tui"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

type reviewOptions struct {
	App    *App
	Deck   string
	Limit  int
	New    int
	Cram   bool
	NoBury bool
}

func newReviewCmd(app *App, runF func(context.Context, *reviewOptions) error) *cobra.Command {
	opts := &reviewOptions{App: app}
	c := &cobra.Command{
		Use:   "review",
		Short: "Review the cards due today",
		Long: `Review shows today's due cards, then new cards (at most --new a day, counted
across sessions). For each card: read the question, answer in your head or
type it, press Enter to see the answer, then grade yourself from 0 to 5:

  0  blackout          3  correct, with serious difficulty
  1  wrong             4  correct after hesitation
  2  wrong, but close  5  perfect

The words again, hard, good and easy mean 1, 3, 4 and 5; quit ends the
session. Cards graded below 4 come back at the end of the session until they
score 4 or more (SM-2's same-day drill; it does not change the schedule).
Every answer is saved at once: end of input or Ctrl-C loses nothing. The
store is locked only while an answer is saved, so mnemo status, list and
export work beside a review; an answer waits up to 10 s for another mnemo
that is writing (such as an add).

When stdin is not a terminal the same protocol reads lines: for each card one
line (your attempt, may be empty), then one grade line.

` + exitCodesHelp,
		Example: `  mnemo review
  mnemo review --deck Conferences --limit 30
  printf '\n4\n' | mnemo review --limit 1`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Limit < 0 || opts.New < 0 {
				return usageErrorf("--limit and --new must not be negative")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runReview(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Deck, "deck", "", "review only this deck and its sub-decks")
	c.Flags().IntVar(&opts.Limit, "limit", 0, "review at most N cards (0: all due)")
	c.Flags().IntVar(&opts.New, "new", 20, "new cards a day, counted across sessions")
	c.Flags().BoolVar(&opts.Cram, "cram", false, "review every card of the deck without touching the schedule")
	c.Flags().BoolVar(&opts.NoBury, "no-bury", false, "keep the siblings of an answered card (same source line) today")
	return c
}

func runReview(ctx context.Context, opts *reviewOptions) error {
	app := opts.App
	hour, err := app.rollover()
	if err != nil {
		return err
	}
	// The store is opened for writing once, so a second writer is told at
	// once that it is locked (and an old store is upgraded); then the
	// session holds the lock only while it saves an answer.
	s, err := app.open()
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	path, err := app.dbPath()
	if err != nil {
		return err
	}
	cs := &callStore{wait: lockWait, open: func(readOnly bool) (store.Store, error) { return app.OpenStore(path, readOnly) }}
	today := scheduler.Day(app.Now(), hour)
	sess, err := newReviewSession(ctx, app, cs, today, opts)
	if err != nil {
		return err
	}
	ios := app.IO
	p := sess.Progress()
	if p.Left == 0 {
		fmt.Fprintln(ios.ErrOut, "Nothing due today.")
		return nil
	}
	if ios.InTTY && ios.OutTTY && app.TTY != nil {
		err = app.TTY(ctx, sess, tui.Options{NoColor: !ios.Color, Cram: opts.Cram, Now: app.Now})
	} else {
		fmt.Fprintf(ios.ErrOut, "%d cards today: %d to review, %d new.\n", p.Left, p.Review, p.New)
		err = lineReview(ctx, app, sess)
	}
	printSummary(ios, sess.Summary())
	switch {
	case errors.Is(err, errQuit), errors.Is(err, io.EOF):
		return nil
	case errors.Is(err, context.Canceled):
		return &errSilent{exitInterrupted}
	}
	return err
}

func printSummary(ios *IOStreams, s tui.Summary) {
	if s.Cards == 0 && s.Drilled == 0 {
		return
	}
	var parts []string
	for g, n := range s.Grades {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d×%d", n, g))
		}
	}
	fmt.Fprintf(ios.ErrOut, "\nSession: %d card(s) graded (%s), %d drill repeat(s), %s.", s.Cards, strings.Join(parts, " "), s.Drilled, s.Elapsed.Round(time.Second))
	if s.Leeches > 0 {
		fmt.Fprintf(ios.ErrOut, " %d leech(es) suspended: rewrite them.", s.Leeches)
	}
	if s.NextDue != "" {
		fmt.Fprintf(ios.ErrOut, " Next: %s.", s.NextDue)
	}
	fmt.Fprintln(ios.ErrOut)
}

var errQuit = errors.New("quit")

// lineReview runs the session over lines: for each card one line (the
// attempt, or a command word), the answer, then one grade line.
func lineReview(ctx context.Context, app *App, sess *reviewSession) error {
	ios := app.IO
	lines := newLineReader(ios.In)
	defer lines.stop()
	for {
		c, ok := sess.Current()
		if !ok {
			return nil
		}
		p := sess.Progress()
		crumbs := visible(strings.Join(append([]string{c.Deck}, c.Context...), " › "))
		fmt.Fprintf(ios.Out, "\n%s %d/%d · %s · %s\n", ios.dim("──"), p.Done+1, p.Done+p.Left, c.Status, ios.dim(fmt.Sprintf("%s  (%s)", crumbs, visible(c.Source))))
		fmt.Fprintf(ios.Out, "Q: %s\n", ios.bold(indentLines(highlightCloze(ios, visible(c.Front)), "   ")))
		_, handled, err := askLine(ctx, ios, lines, sess, "Your answer (Enter to reveal; or undo, suspend, bury, reject, quit): ")
		if err != nil {
			return err
		}
		if handled {
			continue
		}
		fmt.Fprintf(ios.Out, "A: %s\n", ios.green(indentLines(visible(c.Back), "   ")))
		for {
			line, handled, err := askLine(ctx, ios, lines, sess, "Grade 0-5 (0 blackout · 1 wrong · 2 almost · 3 hard · 4 good · 5 easy): ")
			if err != nil {
				return err
			}
			if handled {
				break
			}
			g, ok := parseGrade(line)
			if !ok {
				fmt.Fprintf(ios.ErrOut, "mnemo: %q is not a grade: type 0-5, again, hard, good, easy, or undo, suspend, bury, reject, quit\n", strings.TrimSpace(line))
				continue
			}
			if err := sess.Grade(int(g)); err != nil {
				return err
			}
			break
		}
	}
}

// askLine prompts on a terminal, reads one line and runs it when it is a
// command word; handled reports that it was one.
func askLine(ctx context.Context, ios *IOStreams, lines *lineReader, sess *reviewSession, prompt string) (line string, handled bool, err error) {
	if ios.InTTY {
		fmt.Fprint(ios.ErrOut, ios.dim(prompt))
	}
	if line, err = lines.read(ctx); err != nil {
		return "", false, err
	}
	handled, err = lineCommand(ios, sess, line)
	return line, handled, err
}

// lineCommand runs a command word typed instead of an attempt or a grade.
// It reports whether the line was one.
func lineCommand(ios *IOStreams, sess *reviewSession, line string) (bool, error) {
	var err error
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "q", "quit":
		return true, errQuit
	case "undo":
		err = sess.Undo()
		if errors.Is(err, tui.ErrNothingToUndo) {
			fmt.Fprintln(ios.ErrOut, "mnemo: nothing to undo")
			return true, nil
		}
	case "suspend":
		err = sess.Suspend()
	case "bury":
		err = sess.Bury()
	case "reject":
		err = sess.Reject()
	default:
		return false, nil
	}
	if err == nil {
		fmt.Fprintf(ios.ErrOut, "%s: done\n", strings.TrimSpace(line))
	}
	return true, err
}

// parseGrade reads a grade line: a digit 0-5 or again/hard/good/easy.
func parseGrade(line string) (cards.Grade, bool) {
	w := strings.ToLower(strings.TrimSpace(line))
	switch w {
	case "again":
		return cards.Wrong, true
	case "hard":
		return cards.Hard, true
	case "good":
		return cards.Good, true
	case "easy":
		return cards.Perfect, true
	}
	n, err := strconv.Atoi(w)
	if err != nil || !cards.Grade(n).Valid() {
		return 0, false
	}
	return cards.Grade(n), true
}

// highlightCloze colors the cloze mark.
func highlightCloze(io *IOStreams, front string) string {
	return strings.ReplaceAll(front, cards.ClozeMark, io.yellow(cards.ClozeMark))
}

// lineReader reads lines in the background so that a read can be
// abandoned when the context ends (Ctrl-C). stop ends the background
// reader once the session is over: it no longer waits to hand over a line
// nobody will read (a read already blocked on the input still ends at the
// input's next line or its end).
type lineReader struct {
	ch   chan string
	done chan struct{}
	err  error
}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{ch: make(chan string), done: make(chan struct{})}
	go func() {
		defer close(lr.ch)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lr.ch <- sc.Text():
			case <-lr.done:
				return
			}
		}
		lr.err = sc.Err()
	}()
	return lr
}

// stop tells the background reader that no more lines will be read.
func (lr *lineReader) stop() { close(lr.done) }

// read returns the next line, io.EOF at the end of input, or the context's
// error.
func (lr *lineReader) read(ctx context.Context) (string, error) {
	select {
	case line, ok := <-lr.ch:
		if !ok {
			if lr.err != nil {
				return "", fmt.Errorf("read input: %w", lr.err)
			}
			return "", io.EOF
		}
		return line, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
