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
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

type reviewOptions struct {
	App   *App
	Deck  string
	Limit int
	New   int
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
Every answer is saved at once: end of input or Ctrl-C loses nothing.

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
	return c
}

// session is one review: the store, the day and the input.
type session struct {
	app     *App
	s       store.Store
	today   cards.Date
	lines   *lineReader
	graded  int
	counts  [6]int
	drilled int
	started time.Time
}

func runReview(ctx context.Context, opts *reviewOptions) error {
	app := opts.App
	hour, err := app.rollover()
	if err != nil {
		return err
	}
	s, err := app.open()
	if err != nil {
		return err
	}
	defer s.Close()
	now := app.Now()
	today := scheduler.Day(now, hour)
	fresh, err := newLeft(ctx, s, today, opts.New)
	if err != nil {
		return err
	}
	queue, err := s.Due(ctx, today, store.Query{Deck: opts.Deck, New: fresh, Limit: opts.Limit})
	if err != nil {
		return fmt.Errorf("read today's cards: %w", err)
	}
	ios := app.IO
	if len(queue) == 0 {
		fmt.Fprintln(ios.ErrOut, "Nothing due today.")
		return nil
	}
	sess := &session{app: app, s: s, today: today, lines: newLineReader(ios.In), started: now}
	nNew := 0
	for _, e := range queue {
		if e.State.IsNew() {
			nNew++
		}
	}
	fmt.Fprintf(ios.ErrOut, "%d cards today: %d to review, %d new.\n", len(queue), len(queue)-nNew, nNew)

	var drill []*store.Entry
	err = func() error {
		for i := range queue {
			e := &queue[i]
			g, err := sess.ask(ctx, e, fmt.Sprintf("%d/%d", i+1, len(queue)), false)
			if err != nil {
				return err
			}
			if g < cards.Good {
				drill = append(drill, e)
			}
		}
		// SM-2 step 5: repeat the day's weak cards until each scores 4+.
		for round := 1; len(drill) > 0; round++ {
			fmt.Fprintf(ios.ErrOut, "\nDrill: %d card(s) graded below 4 come back.\n", len(drill))
			var again []*store.Entry
			for i, e := range drill {
				g, err := sess.ask(ctx, e, fmt.Sprintf("drill %d · %d/%d", round, i+1, len(drill)), true)
				if err != nil {
					return err
				}
				if g < cards.Good {
					again = append(again, e)
				}
			}
			drill = again
		}
		return nil
	}()
	sess.summary()
	switch {
	case errors.Is(err, errQuit), errors.Is(err, io.EOF):
		return nil
	case errors.Is(err, context.Canceled):
		return &errSilent{exitInterrupted}
	}
	return err
}

// newLeft returns how many new cards may still be introduced today.
func newLeft(ctx context.Context, s store.Store, today cards.Date, perDay int) (int, error) {
	if perDay == 0 {
		return 0, nil
	}
	// The log is oldest first; reviews of today lie within two days of the
	// day's midnight UTC whatever the zone.
	log, err := s.Reviews(ctx, today.Time().Add(-48*time.Hour))
	if err != nil {
		return 0, fmt.Errorf("read review log: %w", err)
	}
	seen := 0
	for _, r := range log {
		if r.Day == today && !r.Drill && r.Before.IsNew() {
			seen++
		}
	}
	return max(perDay-seen, 0), nil
}

var errQuit = errors.New("quit")

// ask shows one card, reads the attempt and the grade, and records it;
// e.State becomes the state after the answer.
func (s *session) ask(ctx context.Context, e *store.Entry, pos string, drill bool) (cards.Grade, error) {
	io := s.app.IO
	c := e.Card
	label := "review"
	if e.State.IsNew() {
		label = "new"
	}
	if drill {
		label = "drill"
	}
	crumbs := strings.Join(append([]string{c.Deck}, c.Context...), " › ")
	fmt.Fprintf(io.Out, "\n%s %s · %s · %s\n", io.dim("──"), pos, label, io.dim(fmt.Sprintf("%s  (%s:%d)", crumbs, s.app.rel(c.Source.Path), c.Source.Line)))
	fmt.Fprintf(io.Out, "Q: %s\n", io.bold(indentLines(highlightCloze(io, c.Front), "   ")))
	if io.InTTY {
		fmt.Fprint(io.ErrOut, io.dim("Your answer (Enter to reveal): "))
	}
	if _, err := s.lines.read(ctx); err != nil {
		return 0, err
	}
	fmt.Fprintf(io.Out, "A: %s\n", io.green(indentLines(c.Back, "   ")))
	for {
		if io.InTTY {
			fmt.Fprint(io.ErrOut, io.dim("Grade 0-5 (0 blackout · 1 wrong · 2 almost · 3 hard · 4 good · 5 easy): "))
		}
		line, err := s.lines.read(ctx)
		if err != nil {
			return 0, err
		}
		g, ok, quit := parseGrade(line)
		if quit {
			return 0, errQuit
		}
		if !ok {
			fmt.Fprintf(io.ErrOut, "mnemo: %q is not a grade: type 0-5, again, hard, good, easy or quit\n", strings.TrimSpace(line))
			continue
		}
		return g, s.record(ctx, e, g, drill)
	}
}

func (s *session) record(ctx context.Context, e *store.Entry, g cards.Grade, drill bool) error {
	r := cards.Review{Card: e.Card.ID, At: s.app.Now(), Day: s.today, Grade: g, Drill: drill, Before: e.State, After: e.State}
	if !drill {
		r.After = scheduler.Next(e.State, g, s.today)
	}
	// A saved answer must survive Ctrl-C, so it is written with a context
	// that the interrupt does not cancel.
	if err := s.s.Record(context.WithoutCancel(ctx), r); err != nil {
		return fmt.Errorf("save answer for card %s: %w", e.Card.ID, err)
	}
	e.State = r.After
	if drill {
		s.drilled++
	} else {
		s.graded++
		s.counts[g]++
	}
	return nil
}

func (s *session) summary() {
	io := s.app.IO
	if s.graded == 0 && s.drilled == 0 {
		return
	}
	var parts []string
	for g, n := range s.counts {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d×%d", n, g))
		}
	}
	fmt.Fprintf(io.ErrOut, "\nSession: %d card(s) graded (%s), %d drill repeat(s), %s.\n",
		s.graded, strings.Join(parts, " "), s.drilled, s.app.Now().Sub(s.started).Round(time.Second))
}

// parseGrade reads a grade line: a digit 0-5 or again/hard/good/easy.
func parseGrade(line string) (g cards.Grade, ok, quit bool) {
	w := strings.ToLower(strings.TrimSpace(line))
	switch w {
	case "again":
		return cards.Wrong, true, false
	case "hard":
		return cards.Hard, true, false
	case "good":
		return cards.Good, true, false
	case "easy":
		return cards.Perfect, true, false
	case "q", "quit":
		return 0, false, true
	}
	n, err := strconv.Atoi(w)
	if err != nil || !cards.Grade(n).Valid() {
		return 0, false, false
	}
	return cards.Grade(n), true, false
}

// highlightCloze colors the cloze mark.
func highlightCloze(io *IOStreams, front string) string {
	return strings.ReplaceAll(front, cards.ClozeMark, io.yellow(cards.ClozeMark))
}

// lineReader reads lines in the background so that a read can be
// abandoned when the context ends (Ctrl-C).
type lineReader struct {
	ch  chan string
	err error
}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{ch: make(chan string)}
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			lr.ch <- sc.Text()
		}
		lr.err = sc.Err()
		close(lr.ch)
	}()
	return lr
}

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
