package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// Undoer is implemented by stores that can revert a card's last answer
// (Bolt and Memory); the suite skips its Undo tests for other stores.
type Undoer interface {
	Undo(ctx context.Context, r cards.Review) error
}

// Burier is implemented by stores that can hide cards from Due for a
// while (Bolt and Memory); the suite skips its Bury tests for other stores.
type Burier interface {
	Bury(ctx context.Context, ids []cards.ID, until cards.Date) error
}

func undoer(t *testing.T, s store.Store) Undoer {
	t.Helper()
	u, ok := s.(Undoer)
	if !ok {
		t.Skipf("%T has no Undo method", s)
	}
	return u
}

func burier(t *testing.T, s store.Store) Burier {
	t.Helper()
	b, ok := s.(Burier)
	if !ok {
		t.Skipf("%T has no Bury method", s)
	}
	return b
}

func mustUndo(t *testing.T, u Undoer, r cards.Review) {
	t.Helper()
	if err := u.Undo(t.Context(), r); err != nil {
		t.Fatalf("Undo(%s at %v) error = %v", r.Card, r.At, err)
	}
}

func mustBury(t *testing.T, b Burier, ids []cards.ID, until cards.Date) {
	t.Helper()
	if err := b.Bury(t.Context(), ids, until); err != nil {
		t.Fatalf("Bury(%v, %s) error = %v", ids, until, err)
	}
}

// snapshot is what Undo must restore: every card and the whole log.
type snapshot struct {
	Cards   []store.Entry
	Reviews []cards.Review
}

func snap(t *testing.T, s store.Store) snapshot {
	t.Helper()
	return snapshot{mustCards(t, s, store.Filter{}), mustReviews(t, s, time.Time{})}
}

func testUndo(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	u := undoer(t, s)
	due := func(d cards.Date, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, queue(mustDue(t, s, d, store.Query{New: 10}))); diff != "" {
			t.Errorf("Due(%s) mismatch (-want +got):\n%s", d, diff)
		}
	}
	undone := func(what string, want snapshot) {
		t.Helper()
		check(t, s)
		if diff := cmp.Diff(want, snap(t, s)); diff != "" {
			t.Errorf("after Undo of %s, cards and log mismatch (-want +got):\n%s", what, diff)
		}
	}
	mustSync(t, s, store.Batch{Cards: []cards.Card{card("a", "d", "n/x.md", 1), card("b", "d", "n/x.md", 2), card("c", "d", "n/x.md", 3)}})

	// A first answer: the card goes back to the new queue, in add order.
	s0 := snap(t, s)
	r1 := cards.Review{Card: "a", At: atTime(), Day: day, Grade: cards.Good, Before: cards.NewState(), After: reviewed(day + 1)}
	mustRecord(t, s, r1)
	mustUndo(t, u, r1)
	undone("a first answer", s0)
	due(day, "a:new", "b:new", "c:new")

	// A later answer, with the answers of other cards after it.
	mustRecord(t, s, r1)
	s1 := snap(t, s)
	r2 := cards.Review{Card: "a", At: atTime().Add(24 * time.Hour), Day: day + 1, Grade: cards.Hard, Before: r1.After, After: reviewed(day + 3)}
	r2.After.Reps, r2.After.Reviews, r2.After.Last = 2, 2, day+1
	mustRecord(t, s, r2)
	rb := cards.Review{Card: "b", At: atTime().Add(25 * time.Hour), Day: day + 1, Grade: cards.Good, Before: cards.NewState(), After: reviewed(day + 2)}
	mustRecord(t, s, rb)
	mustUndo(t, u, r2)
	s1.Cards[1].State, s1.Cards[1].Status = rb.After, cards.StatusReview
	s1.Reviews = append(s1.Reviews, rb)
	undone("an answer followed by another card's", s1)
	due(day+1, "a:review", "c:new")

	// A drill: only its log entry goes.
	s2 := snap(t, s)
	drill := cards.Review{Card: "b", At: atTime().Add(26 * time.Hour), Day: day + 1, Grade: cards.Wrong, Drill: true, Before: rb.After, After: rb.After}
	mustRecord(t, s, drill)
	mustUndo(t, u, drill)
	undone("a drill", s2)

	// A marked card keeps its mark and stays out of the queues.
	mustSetStatus(t, s, []cards.ID{"a"}, cards.StatusSuspended)
	s3 := snap(t, s)
	ra := cards.Review{Card: "a", At: atTime().Add(27 * time.Hour), Day: day + 1, Grade: cards.Blackout, Before: r1.After, After: cards.NewState()}
	mustRecord(t, s, ra)
	mustUndo(t, u, ra)
	undone("an answer of a suspended card", s3)
	due(day+1, "c:new")
	mustSetStatus(t, s, []cards.ID{"a"}, cards.StatusReview)

	stale := func(r cards.Review, f func(*cards.Review)) cards.Review {
		f(&r)
		return r
	}
	// b's last answer is now a drill: rb is no longer its last entry,
	// though b's state is still rb.After.
	db := cards.Review{Card: "b", At: atTime().Add(28 * time.Hour), Day: day + 1, Grade: cards.Good, Drill: true, Before: rb.After, After: rb.After}
	mustRecord(t, s, db)
	s4 := snap(t, s)
	errTests := []struct {
		name    string
		r       cards.Review
		wantErr error
	}{
		{"already undone", r2, store.ErrConflict},
		{"not the last entry", rb, store.ErrConflict},
		{"other instant", stale(db, func(r *cards.Review) { r.At = r.At.Add(time.Second) }), store.ErrConflict},
		{"other grade", stale(db, func(r *cards.Review) { r.Grade = cards.Perfect }), store.ErrConflict},
		{"not a drill", stale(db, func(r *cards.Review) { r.Drill = false }), store.ErrConflict},
		{"other before", stale(db, func(r *cards.Review) { r.Before = reviewed(day) }), store.ErrConflict},
		{"other after", stale(rb, func(r *cards.Review) { r.After = reviewed(day + 9) }), store.ErrConflict},
		{"never answered", cards.Review{Card: "c", At: atTime(), Day: day, Drill: true, Before: cards.NewState(), After: cards.NewState()}, store.ErrConflict},
		{"unknown card", stale(rb, func(r *cards.Review) { r.Card = "zz" }), store.ErrNotFound},
		{"empty ID", stale(rb, func(r *cards.Review) { r.Card = "" }), store.ErrNotFound},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			if err := u.Undo(t.Context(), tt.r); !errors.Is(err, tt.wantErr) {
				t.Errorf("Undo() error = %v, want %v", err, tt.wantErr)
			}
		})
	}
	undone("stale answers", s4)

	// After the drill is undone, rb is b's last answer again.
	mustUndo(t, u, db)
	mustUndo(t, u, rb)
	check(t, s)
	due(day+1, "a:review", "b:new", "c:new")
	s4 = snap(t, s)

	// The answer as the log returns it (zone reduced to an offset) undoes.
	rz := cards.Review{Card: "c", At: atTime().In(time.FixedZone("CET", 3600)), Day: day, Grade: cards.Good, Before: cards.NewState(), After: reviewed(day + 1)}
	mustRecord(t, s, rz)
	for _, r := range mustReviews(t, s, time.Time{}) {
		if r.Card == "c" {
			mustUndo(t, u, r)
		}
	}
	undone("an answer read back from the log", s4)
}

func testBury(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	b := burier(t, s)
	due := func(d cards.Date, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, queue(mustDue(t, s, d, store.Query{New: 10}))); diff != "" {
			t.Errorf("Due(%s) mismatch (-want +got):\n%s", d, diff)
		}
	}
	cs := []cards.Card{card("a", "d", "n/x.md", 1), card("b", "d", "n/x.md", 2), card("c", "d", "n/x.md", 3), card("n", "d", "n/x.md", 4)}
	mustSync(t, s, store.Batch{Cards: cs})
	schedule(t, s, "b", day)
	schedule(t, s, "c", day-1)
	due(day, "c:review", "b:review", "a:new", "n:new")
	all := mustCards(t, s, store.Filter{})

	mustBury(t, b, []cards.ID{"b", "a"}, day+2)
	check(t, s)
	if diff := cmp.Diff(all, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() after Bury mismatch (-want +got):\n%s", diff)
	}
	due(day, "c:review", "n:new")
	due(day+1, "c:review", "n:new")
	due(day+2, "c:review", "b:review", "a:new", "n:new")
	// A buried new card leaves room for the next one.
	if got := queue(mustDue(t, s, day, store.Query{New: 1})); !cmp.Equal(got, []string{"c:review", "n:new"}) {
		t.Errorf("Due(day, New: 1) = %v, want c then n", got)
	}

	// The date stays with the card across Sync, edits included, and
	// answers.
	cs[0] = edited(cs[0])
	mustSync(t, s, store.Batch{Cards: cs, Roots: []string{"n"}})
	mustRecord(t, s, cards.Review{Card: "b", At: atTime(), Day: day, Grade: cards.Wrong, Drill: true, Before: reviewed(day), After: reviewed(day)})
	due(day+1, "c:review", "n:new")

	// Bury again to an earlier day, or to today, un-buries.
	mustBury(t, b, []cards.ID{"b"}, day+1)
	due(day+1, "c:review", "b:review", "n:new")
	mustBury(t, b, []cards.ID{"a", "b"}, day)
	check(t, s)
	due(day, "c:review", "b:review", "a:new", "n:new")

	err := b.Bury(t.Context(), []cards.ID{"zz", "n", "yy"}, day+1)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Bury(unknown) error = %v, want ErrNotFound", err)
	}
	if err != nil && (!strings.Contains(err.Error(), "zz") || !strings.Contains(err.Error(), "yy")) {
		t.Errorf("Bury(two unknown) error = %v, want both IDs named", err)
	}
	due(day, "c:review", "b:review", "a:new")
	check(t, s)
}
