package cmd

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

// FuzzParseGrade checks the grade line reader of the line-mode review: it
// never panics, and it accepts exactly a digit 0-5 (as strconv reads it:
// "+4" and "04" too) or one of the words again, hard, good, easy, with
// any case and surrounding space, mapping each to a valid grade.
//
//	go test -run '^$' -fuzz '^FuzzParseGrade$' -fuzztime 1m ./cmd
func FuzzParseGrade(f *testing.F) {
	for _, s := range []string{
		"", "4", "0", "5", "6", "-1", "+4", "-0", "04", " 5 ", "\t3\t", "4\r",
		"again", "hard", "good", "easy", "EASY", " Good ", "goodd", "４", "4\x00",
		"undo", "suspend", "bury", "reject", "quit", "q", "QUIT", "Paris", "9999999999999999999999",
	} {
		f.Add(s)
	}
	words := map[string]cards.Grade{"again": cards.Wrong, "hard": cards.Hard, "good": cards.Good, "easy": cards.Perfect}
	f.Fuzz(func(t *testing.T, line string) {
		g, ok := parseGrade(line)
		w := strings.ToLower(strings.TrimSpace(line))
		want, wantOK := words[w]
		if !wantOK {
			n, err := strconv.Atoi(w)
			want, wantOK = cards.Grade(n), err == nil && n >= 0 && n <= 5
		}
		if ok != wantOK || ok && g != want {
			t.Fatalf("parseGrade(%q) = %v, %v; want %v, %v", line, g, ok, want, wantOK)
		}
		if ok && !g.Valid() {
			t.Fatalf("parseGrade(%q) = %v, an invalid grade", line, g)
		}
		if !ok && g != 0 {
			t.Fatalf("parseGrade(%q) refused the line but returned %v", line, g)
		}
	})
}

// lineModeCards is the number of cards of the fuzzed sessions: more than
// an input may hold lines, so that a session ends only by the end of its
// input or by quit.
const lineModeCards = 64

// FuzzLineReview feeds arbitrary input to the line-mode review of a
// memory store with lineModeCards cards. It never panics; it ends with
// the end of input or quit (never an error); every answer it saved has a
// valid grade and the SM-2 state that grade gives (a drill repeat keeps
// the state); it saved at most one answer per grade line and counts
// every one it saved; and the store passes its check.
//
//	go test -run '^$' -fuzz '^FuzzLineReview$' -fuzztime 1m ./cmd
func FuzzLineReview(f *testing.F) {
	f.Add([]byte("\n4\n"))
	f.Add([]byte("Paris\ngood\ntokyo?\neasy\n"))
	f.Add([]byte("\n2\n\n1\n\n4\n\n3\n\n5\n"))
	f.Add([]byte("\n5\nundo\n\n4\nundo\nundo\n"))
	f.Add([]byte("suspend\nbury\nreject\nundo\nundo\n\n4\n"))
	f.Add([]byte("\nnot a grade\n6\n-1\nhard\n\nagain\nquit\n\n4\n"))
	f.Add([]byte("\r\n4\r\n\r\n0\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 64<<10 {
			return
		}
		// Keep fewer lines than cards and stop after the first quit, so
		// that the session reads its whole input (its reader goroutine then
		// ends instead of waiting for a reader that has gone).
		sc := bufio.NewScanner(bytes.NewReader(in))
		var lines []string
		grades := 0
		for sc.Scan() && len(lines) < lineModeCards-1 {
			l := sc.Text()
			lines = append(lines, l)
			if _, ok := parseGrade(l); ok {
				grades++
			}
			if w := strings.ToLower(strings.TrimSpace(l)); w == "q" || w == "quit" {
				break
			}
		}
		app, s, today := sessionFixture(t, lineModeCards, false)
		ios, out, errOut := newTestIO(strings.Join(lines, "\n"))
		app.IO = ios
		sess, err := newReviewSession(t.Context(), app, s, today, &reviewOptions{App: app, New: lineModeCards})
		if err != nil {
			t.Fatal(err)
		}
		err = lineReview(t.Context(), app, sess)
		if err != nil && !errors.Is(err, errQuit) && !errors.Is(err, io.EOF) {
			t.Fatalf("lineReview(%q) = %v, want the end of input or quit; stderr:\n%s", lines, err, errOut)
		}
		if strings.Contains(out.String()+errOut.String(), "panic") {
			t.Fatalf("lineReview(%q) output mentions a panic", lines)
		}
		log, err := s.Reviews(t.Context(), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(log) > grades {
			t.Fatalf("lineReview(%q) saved %d answers from %d grade lines", lines, len(log), grades)
		}
		sum := sess.Summary()
		if n := sum.Cards + sum.Drilled; n != len(log) {
			t.Fatalf("lineReview(%q) counts %d graded and %d drilled, the log holds %d answers", lines, sum.Cards, sum.Drilled, len(log))
		}
		for _, r := range log {
			want := r.Before
			if !r.Drill {
				want = scheduler.Next(r.Before, r.Grade, today)
			}
			if !r.Grade.Valid() || r.Day != today || r.After != want {
				t.Fatalf("lineReview(%q) saved %+v: want a valid grade, day %v and the state SM-2 gives", lines, r, today)
			}
		}
		if err := s.(*store.Memory).Check(t.Context()); err != nil {
			t.Fatalf("after lineReview(%q) the store fails its check: %v", lines, err)
		}
	})
}
