package cmd

import (
	"fmt"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// sessionFixture is a memory store with cards on a few source lines.
func sessionFixture(t *testing.T, n int, sameLine bool) (*App, store.Store, cards.Date) {
	t.Helper()
	s := store.NewMemory()
	cs := make([]cards.Card, n)
	for i := range cs {
		front := fmt.Sprintf("Question %d", i)
		line := i + 1
		if sameLine {
			line = 1
		}
		cs[i] = cards.Card{ID: cards.NewID(cards.Basic, front, "a"), Deck: "d", Kind: cards.Basic, Front: front, Back: "a",
			Source: cards.Source{Path: "/n.md", Line: line}, Rule: "explicit"}
	}
	if _, err := s.Sync(t.Context(), store.Batch{Cards: cs, Roots: []string{"/n.md"}}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	io, _, _ := newTestIO("")
	app := &App{IO: io, Getenv: env(nil), Now: func() time.Time { return now }}
	return app, s, cards.DateOf(2026, 3, 1)
}

func TestReviewSession_Queue(t *testing.T) {
	tests := []struct {
		name     string
		cards    int
		sameLine bool
		opts     reviewOptions
		grades   []int // given in order to the cards shown
		want     []string
	}{
		{"new cards in add order, drill at the end", 3, false, reviewOptions{New: 20},
			[]int{4, 2, 5, 4}, []string{"Question 0", "Question 1", "Question 2", "Question 1"}},
		{"new limit", 5, false, reviewOptions{New: 2}, []int{4, 4}, []string{"Question 0", "Question 1"}},
		{"siblings buried after one answer", 3, true, reviewOptions{New: 20}, []int{4}, []string{"Question 0"}},
		{"no-bury keeps siblings", 3, true, reviewOptions{New: 20, NoBury: true}, []int{4, 4, 4}, []string{"Question 0", "Question 1", "Question 2"}},
		{"limit caps the queue", 5, false, reviewOptions{New: 20, Limit: 1}, []int{5}, []string{"Question 0"}},
		{"a drill repeats until 4", 1, false, reviewOptions{New: 20}, []int{1, 3, 4}, []string{"Question 0", "Question 0", "Question 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, s, today := sessionFixture(t, tt.cards, tt.sameLine)
			opts := tt.opts
			opts.App = app
			rs, err := newReviewSession(t.Context(), app, s, today, &opts)
			if err != nil {
				t.Fatal(err)
			}
			var shown []string
			for _, g := range tt.grades {
				c, ok := rs.Current()
				if !ok {
					t.Fatalf("session ended after %v, want %v", shown, tt.want)
				}
				shown = append(shown, c.Front)
				if err := rs.Grade(g); err != nil {
					t.Fatal(err)
				}
			}
			if c, ok := rs.Current(); ok {
				t.Errorf("card %q still to show after %v", c.Front, shown)
			}
			if fmt.Sprint(shown) != fmt.Sprint(tt.want) {
				t.Errorf("shown %v, want %v", shown, tt.want)
			}
		})
	}
}

// TestReviewSession_NewLimitAcrossSessions checks that two sessions on the
// same day share the day's new-card limit.
func TestReviewSession_NewLimitAcrossSessions(t *testing.T) {
	app, s, today := sessionFixture(t, 5, false)
	opts := &reviewOptions{App: app, New: 3}
	for i, want := range []int{3, 0} {
		rs, err := newReviewSession(t.Context(), app, s, today, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := rs.Progress().New; got != want {
			t.Fatalf("session %d: %d new cards, want %d", i+1, got, want)
		}
		for range want {
			if err := rs.Grade(4); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestReviewSession_Leech checks that the 8th lapse suspends the card and
// that undo brings it back as it was.
func TestReviewSession_Leech(t *testing.T) {
	app, s, today := sessionFixture(t, 1, false)
	ctx := t.Context()
	due, err := s.Due(ctx, today, store.Query{New: 1})
	if err != nil || len(due) != 1 {
		t.Fatalf("Due = %v, %v", due, err)
	}
	// Seven lapses already, and a passing run under way.
	e := due[0]
	before := e.State
	after := cards.State{Reps: 3, EF: 250, Interval: 15, Due: today, Lapses: leechLapses - 1, Reviews: 20, Last: today - 15}
	if err := s.Record(ctx, cards.Review{Card: e.Card.ID, At: time.Date(2026, 2, 14, 9, 0, 0, 0, time.UTC), Day: today - 15, Grade: 4, Before: before, After: after}); err != nil {
		t.Fatal(err)
	}
	rs, err := newReviewSession(ctx, app, s, today, &reviewOptions{App: app, New: 20})
	if err != nil {
		t.Fatal(err)
	}
	if err := rs.Grade(1); err != nil {
		t.Fatal(err)
	}
	if rs.leeches != 1 {
		t.Errorf("leeches = %d, want 1", rs.leeches)
	}
	if _, ok := rs.Current(); ok {
		t.Error("a leech comes back in the drill; want it suspended")
	}
	list, err := s.Cards(ctx, store.Filter{})
	if err != nil || list[0].Status != cards.StatusSuspended || list[0].State.Lapses != leechLapses {
		t.Fatalf("after the 8th lapse: %+v, %v; want suspended with %d lapses", list, err, leechLapses)
	}
	if err := rs.Undo(); err != nil {
		t.Fatal(err)
	}
	list, err = s.Cards(ctx, store.Filter{})
	if err != nil || list[0].Status != cards.StatusReview || list[0].State != after {
		t.Fatalf("after undo: %+v, %v; want the state before the lapse", list, err)
	}
}

// TestReviewSession_Cram checks that a cram session shows every card and
// saves nothing.
func TestReviewSession_Cram(t *testing.T) {
	app, s, today := sessionFixture(t, 3, true)
	rs, err := newReviewSession(t.Context(), app, s, today, &reviewOptions{App: app, Cram: true})
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for g := range 3 {
		if _, ok := rs.Current(); !ok {
			t.Fatalf("cram ended after %d cards, want 3", shown)
		}
		shown++
		if err := rs.Grade(g + 3); err != nil {
			t.Fatal(err)
		}
	}
	log, err := s.Reviews(t.Context(), time.Time{})
	if err != nil || len(log) != 0 {
		t.Errorf("cram wrote %d log entries (%v), want none", len(log), err)
	}
	list, err := s.Cards(t.Context(), store.Filter{Status: cards.StatusNew})
	if err != nil || len(list) != 3 {
		t.Errorf("after cram %d new cards (%v), want 3", len(list), err)
	}
}
