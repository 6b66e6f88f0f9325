// Package storetest is the conformance suite of store.Store: every
// implementation runs it from its own tests,
//
//	func TestBolt(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { … })
//	}
//
// It imports store and cards only, and is imported only by tests.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// Checker is implemented by stores that can verify their own consistency
// (Bolt and Memory); the suite checks such a store after every change.
type Checker interface {
	Check(ctx context.Context) error
}

// Run runs the conformance suite. open must return a new, empty store for
// each call; the suite closes it, and open may register a t.Cleanup that
// closes it again and ignores ErrClosed.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(*testing.T, func(*testing.T) store.Store)
	}{
		{"Sync", testSync},
		{"SyncKeepsSchedule", testSyncKeepsSchedule},
		{"SyncIsAtomic", testSyncIsAtomic},
		{"Copies", testCopies},
		{"Cards", testCards},
		{"Due", testDue},
		{"Record", testRecord},
		{"Drill", testDrill},
		{"Reviews", testReviews},
		{"Suspend", testSuspend},
		{"StableIDs", testStableIDs},
		{"Rematch", testRematch},
		{"RematchKeepsSchedule", testRematchKeepsSchedule},
		{"SetStatus", testSetStatus},
		{"Rejected", testRejected},
		{"Context", testContext},
		{"Closed", testClosed},
		{"Concurrent", testConcurrent},
		{"Undo", testUndo},
		{"Bury", testBury},
		{"Dates", testDates},
		{"Notes", testNotes},
		{"Counts", testCounts},
		{"Stream", testStream},
		{"StreamSteps", testStreamSteps},
		{"StreamProperty", testStreamProperty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// day is the review day of the suite, 2026-03-10.
const day = cards.Date(20522)

// atTime returns 09:00 UTC on day: the moment of the suite's answers.
func atTime() time.Time { return day.Time().Add(9 * time.Hour) }

// card returns a basic card; its fields other than the arguments are
// derived from id.
func card(id cards.ID, deck, path string, line int) cards.Card {
	return cards.Card{
		ID:      id,
		Deck:    deck,
		Kind:    cards.Basic,
		Front:   "front of " + string(id),
		Back:    "back of " + string(id),
		Context: []string{"Note", "Heading"},
		Source:  cards.Source{Path: path, Line: line},
		Tags:    []string{"tag"},
		Rule:    "explicit",
	}
}

func edited(c cards.Card) cards.Card {
	c.Front += " (edited)"
	return c
}

func moved(c cards.Card, path string) cards.Card {
	c.Source.Path = path
	return c
}

func newEntry(c cards.Card, status cards.Status) store.Entry {
	return store.Entry{Card: c, State: cards.NewState(), Status: status}
}

func mustSync(t *testing.T, s store.Store, b store.Batch) store.Summary {
	t.Helper()
	sum, err := s.Sync(t.Context(), b)
	if err != nil {
		t.Fatalf("Sync() error = %v", err)
	}
	check(t, s)
	return sum
}

func mustCards(t *testing.T, s store.Store, f store.Filter) []store.Entry {
	t.Helper()
	es, err := s.Cards(t.Context(), f)
	if err != nil {
		t.Fatalf("Cards(%+v) error = %v", f, err)
	}
	return es
}

func mustDue(t *testing.T, s store.Store, d cards.Date, q store.Query) []store.Entry {
	t.Helper()
	es, err := s.Due(t.Context(), d, q)
	if err != nil {
		t.Fatalf("Due(%s, %+v) error = %v", d, q, err)
	}
	return es
}

func mustRecord(t *testing.T, s store.Store, r cards.Review) {
	t.Helper()
	if err := s.Record(t.Context(), r); err != nil {
		t.Fatalf("Record(%s) error = %v", r.Card, err)
	}
	check(t, s)
}

func mustSetStatus(t *testing.T, s store.Store, ids []cards.ID, st cards.Status) {
	t.Helper()
	if err := s.SetStatus(t.Context(), ids, st); err != nil {
		t.Fatalf("SetStatus(%v, %s) error = %v", ids, st, err)
	}
	check(t, s)
}

func mustReviews(t *testing.T, s store.Store, since time.Time) []cards.Review {
	t.Helper()
	rs, err := s.Reviews(t.Context(), since)
	if err != nil {
		t.Fatalf("Reviews(%v) error = %v", since, err)
	}
	return rs
}

// check runs the store's own consistency check, when it has one.
func check(t *testing.T, s store.Store) {
	t.Helper()
	if c, ok := s.(Checker); ok {
		if err := c.Check(t.Context()); err != nil {
			t.Fatalf("Check() error = %v", err)
		}
	}
}

// state returns the stored state of card id.
func state(t *testing.T, s store.Store, id cards.ID) cards.State {
	t.Helper()
	for _, e := range mustCards(t, s, store.Filter{}) {
		if e.Card.ID == id {
			return e.State
		}
	}
	t.Fatalf("card %s not stored", id)
	return cards.State{}
}

// reviewed returns the state of a card passed once, due on due.
func reviewed(due cards.Date) cards.State {
	return cards.State{Reps: 1, EF: cards.DefaultEF, Interval: 1, Due: due, Reviews: 1, Last: day}
}

// schedule records a graded review of card id that makes it due on due,
// and returns the review.
func schedule(t *testing.T, s store.Store, id cards.ID, due cards.Date) cards.Review {
	t.Helper()
	before := state(t, s, id)
	after := before
	after.Reps++
	after.Reviews++
	after.Interval = 1
	after.Due = due
	after.Last = day
	r := cards.Review{Card: id, At: atTime(), Day: day, Grade: cards.Good, Before: before, After: after}
	mustRecord(t, s, r)
	return r
}

// queue renders entries as "id:status", in order.
func queue(es []store.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s:%s", e.Card.ID, e.Status))
	}
	return out
}

// ids returns the IDs of entries, in order.
func ids(es []store.Entry) []cards.ID {
	var out []cards.ID
	for _, e := range es {
		out = append(out, e.Card.ID)
	}
	return out
}

func testSync(t *testing.T, open func(*testing.T) store.Store) {
	a := card("a", "d", "n/x.md", 1)
	b := card("b", "d", "n/y.md", 1)
	c := card("c", "d", "m/z.md", 1)
	d := card("d", "d", "nx/w.md", 1)
	n := []string{"n"}
	type step struct {
		batch store.Batch
		want  store.Summary
	}
	tests := []struct {
		name  string
		steps []step
		want  []store.Entry
	}{
		{
			name:  "empty batch",
			steps: []step{{store.Batch{Roots: n}, store.Summary{}}},
		},
		{
			name:  "new cards",
			steps: []step{{store.Batch{Cards: []cards.Card{b, a}, Roots: n}, store.Summary{New: 2}}},
			want:  []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "same batch twice",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{Unchanged: 2}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "edited card is updated",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{edited(a), b}, Roots: n}, store.Summary{Updated: 1, Unchanged: 1}},
			},
			want: []store.Entry{newEntry(edited(a), cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "empty and nil slices are the same",
			steps: []step{
				{store.Batch{Cards: []cards.Card{{ID: "e", Kind: cards.Basic, Context: []string{}}}}, store.Summary{New: 1}},
				{store.Batch{Cards: []cards.Card{{ID: "e", Kind: cards.Basic, Tags: []string{}}}}, store.Summary{Unchanged: 1}},
			},
			want: []store.Entry{newEntry(cards.Card{ID: "e", Kind: cards.Basic}, cards.StatusNew)},
		},
		{
			name: "absent card is orphaned",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1, Orphaned: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusOrphaned)},
		},
		{
			name: "orphaned card is counted once",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1, Orphaned: 1}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusOrphaned)},
		},
		{
			name: "orphaned card comes back",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1, Orphaned: 1}},
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{Updated: 1, Unchanged: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "orphaned card comes back edited",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1, Orphaned: 1}},
				{store.Batch{Cards: []cards.Card{edited(b)}}, store.Summary{Updated: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(edited(b), cards.StatusNew)},
		},
		{
			name: "skipped note keeps its cards",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n, Skip: []string{"n/y.md"}}, store.Summary{Unchanged: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "card under another root is kept",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, c}, Roots: []string{"n", "m"}}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1}},
			},
			want: []store.Entry{newEntry(c, cards.StatusNew), newEntry(a, cards.StatusNew)},
		},
		{
			name: "root is a folder not a prefix",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, d}, Roots: []string{"n", "nx"}}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{Unchanged: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(d, cards.StatusNew)},
		},
		{
			name: "root is a file",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Roots: []string{"n/y.md"}}, store.Summary{Orphaned: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusOrphaned)},
		},
		{
			name: "dot root covers relative paths",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, c}, Roots: []string{"."}}, store.Summary{New: 2}},
				{store.Batch{Roots: []string{"."}}, store.Summary{Orphaned: 2}},
			},
			want: []store.Entry{newEntry(c, cards.StatusOrphaned), newEntry(a, cards.StatusOrphaned)},
		},
		{
			name: "no roots orphan nothing",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{}, store.Summary{}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "moved note keeps its cards",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, b}, Roots: n}, store.Summary{New: 2}},
				{store.Batch{Cards: []cards.Card{moved(a, "m/x.md"), b}, Roots: []string{"n", "m"}}, store.Summary{Updated: 1, Unchanged: 1}},
			},
			want: []store.Entry{newEntry(moved(a, "m/x.md"), cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "duplicate IDs in a batch: the first wins",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a, edited(a), b, a}, Roots: n}, store.Summary{New: 2}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew), newEntry(b, cards.StatusNew)},
		},
		{
			name: "duplicate of a stored card",
			steps: []step{
				{store.Batch{Cards: []cards.Card{a}, Roots: n}, store.Summary{New: 1}},
				{store.Batch{Cards: []cards.Card{a, edited(a)}, Roots: n}, store.Summary{Unchanged: 1}},
			},
			want: []store.Entry{newEntry(a, cards.StatusNew)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			for i, st := range tt.steps {
				got := mustSync(t, s, st.batch)
				if diff := cmp.Diff(st.want, got); diff != "" {
					t.Errorf("Sync() #%d summary mismatch (-want +got):\n%s", i+1, diff)
				}
			}
			if diff := cmp.Diff(tt.want, mustCards(t, s, store.Filter{})); diff != "" {
				t.Errorf("Cards() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func testSyncKeepsSchedule(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	a := card("a", "d", "n/x.md", 1)
	b := card("b", "d", "n/y.md", 1)
	n := []string{"n"}
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b}, Roots: n})
	r := schedule(t, s, "a", day+3)
	reviewedA := store.Entry{Card: a, State: r.After, Status: cards.StatusReview}
	due := func(want ...string) {
		t.Helper()
		got := queue(mustDue(t, s, day+3, store.Query{}))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Due() mismatch (-want +got):\n%s", diff)
		}
	}

	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{a, b}, Roots: n}); got != (store.Summary{Unchanged: 2}) {
		t.Errorf("Sync(same cards) = %+v, want 2 unchanged", got)
	}
	want := []store.Entry{reviewedA, newEntry(b, cards.StatusNew)}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() after unchanged sync mismatch (-want +got):\n%s", diff)
	}
	due("a:review")

	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{edited(a), b}, Roots: n}); got != (store.Summary{Updated: 1, Unchanged: 1}) {
		t.Errorf("Sync(edited card) = %+v, want 1 updated, 1 unchanged", got)
	}
	reviewedA.Card = edited(a)
	want = []store.Entry{reviewedA, newEntry(b, cards.StatusNew)}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() after edit mismatch (-want +got):\n%s", diff)
	}

	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{b}, Roots: n}); got != (store.Summary{Unchanged: 1, Orphaned: 1}) {
		t.Errorf("Sync(without a) = %+v, want 1 unchanged, 1 orphaned", got)
	}
	orphaned := reviewedA
	orphaned.Status = cards.StatusOrphaned
	want = []store.Entry{orphaned, newEntry(b, cards.StatusNew)}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() after orphaning mismatch (-want +got):\n%s", diff)
	}
	due()

	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{edited(a), b}, Roots: n}); got != (store.Summary{Updated: 1, Unchanged: 1}) {
		t.Errorf("Sync(a back) = %+v, want 1 updated, 1 unchanged", got)
	}
	want = []store.Entry{reviewedA, newEntry(b, cards.StatusNew)}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() after revival mismatch (-want +got):\n%s", diff)
	}
	due("a:review")
	if got := mustReviews(t, s, time.Time{}); len(got) != 1 {
		t.Errorf("Reviews() = %d reviews, want the 1 recorded", len(got))
	}
}

func testSyncIsAtomic(t *testing.T, open func(*testing.T) store.Store) {
	a := card("a", "d", "n/x.md", 1)
	tests := []struct {
		name    string
		ctx     func() context.Context
		batch   store.Batch
		wantErr error
	}{
		{
			name: "cancelled context",
			ctx: func() context.Context {
				ctx, cancel := context.WithCancel(t.Context())
				cancel()
				return ctx
			},
			batch:   store.Batch{Cards: []cards.Card{a}, Roots: []string{"n"}},
			wantErr: context.Canceled,
		},
		{
			name:  "card without ID",
			ctx:   t.Context,
			batch: store.Batch{Cards: []cards.Card{a, {Front: "no ID"}}, Roots: []string{"n"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			mustSync(t, s, store.Batch{Cards: []cards.Card{card("b", "d", "n/y.md", 1)}})
			before := mustCards(t, s, store.Filter{})
			got, err := s.Sync(tt.ctx(), tt.batch)
			if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("Sync() = %+v, %v; want error %v", got, err, tt.wantErr)
			}
			if got != (store.Summary{}) {
				t.Errorf("Sync() summary = %+v on error, want zero", got)
			}
			if diff := cmp.Diff(before, mustCards(t, s, store.Filter{})); diff != "" {
				t.Errorf("Cards() changed by a failed Sync (-before +after):\n%s", diff)
			}
			check(t, s)
		})
	}
}

func testCopies(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	a := card("a", "d", "n/x.md", 1)
	in := card("a", "d", "n/x.md", 1)
	mustSync(t, s, store.Batch{Cards: []cards.Card{in}})
	in.Tags[0] = "changed by the caller"
	in.Context[0] = "changed by the caller"

	got := mustCards(t, s, store.Filter{})
	got[0].Card.Tags[0] = "changed by the caller"
	got[0].Card.Context[0] = "changed by the caller"
	due := mustDue(t, s, day, store.Query{New: 1})
	due[0].Card.Tags[0] = "changed by the caller"

	want := []store.Entry{newEntry(a, cards.StatusNew)}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() shares memory with the caller (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, mustDue(t, s, day, store.Query{New: 1})); diff != "" {
		t.Errorf("Due() shares memory with the caller (-want +got):\n%s", diff)
	}
}

func testCards(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	batch := []cards.Card{
		card("k1", "lang", "b.md", 5),
		card("k2", "lang", "a.md", 9),
		card("k4", "lang", "a.md", 2),
		card("k3", "lang", "a.md", 2),
		card("k5", "lang::fr", "a.md", 1),
		card("k6", "lang::fr::verbs", "z.md", 1),
		card("k7", "language", "a.md", 1),
		card("k8", "", "z.md", 1),
		card("k9", "math", "gone/a.md", 1),
	}
	mustSync(t, s, store.Batch{Cards: batch})
	mustSync(t, s, store.Batch{Cards: batch[:8], Roots: []string{"gone"}})
	schedule(t, s, "k2", day)
	schedule(t, s, "k5", day)
	mustSetStatus(t, s, []cards.ID{"k7"}, cards.StatusSuspended)
	mustSetStatus(t, s, []cards.ID{"k1"}, cards.StatusRejected)

	tests := []struct {
		name string
		f    store.Filter
		want []cards.ID
	}{
		{"all sorted by deck path line ID", store.Filter{}, []cards.ID{"k8", "k3", "k4", "k2", "k1", "k5", "k6", "k7", "k9"}},
		{"deck and sub-decks", store.Filter{Deck: "lang"}, []cards.ID{"k3", "k4", "k2", "k1", "k5", "k6"}},
		{"sub-deck", store.Filter{Deck: "lang::fr"}, []cards.ID{"k5", "k6"}},
		{"leaf deck", store.Filter{Deck: "lang::fr::verbs"}, []cards.ID{"k6"}},
		{"deck that shares a prefix", store.Filter{Deck: "language"}, []cards.ID{"k7"}},
		{"partial deck name", store.Filter{Deck: "lang::f"}, nil},
		{"unknown deck", store.Filter{Deck: "nope"}, nil},
		{"review", store.Filter{Status: cards.StatusReview}, []cards.ID{"k2", "k5"}},
		{"orphaned", store.Filter{Status: cards.StatusOrphaned}, []cards.ID{"k9"}},
		{"suspended", store.Filter{Status: cards.StatusSuspended}, []cards.ID{"k7"}},
		{"rejected", store.Filter{Status: cards.StatusRejected}, []cards.ID{"k1"}},
		{"deck and status", store.Filter{Deck: "lang", Status: cards.StatusNew}, []cards.ID{"k3", "k4", "k6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(mustCards(t, s, tt.f))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Cards(%+v) mismatch (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	t.Run("new", func(t *testing.T) {
		want := []cards.ID{"k8", "k3", "k4", "k6"}
		if diff := cmp.Diff(want, ids(mustCards(t, s, store.Filter{Status: cards.StatusNew}))); diff != "" {
			t.Errorf("Cards(new) mismatch (-want +got):\n%s", diff)
		}
	})
}

func testDue(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	gone := []cards.Card{
		card("oR", "d", "gone/a.md", 1), // orphaned, reviewed and due
		card("oN", "d", "gone/a.md", 2), // orphaned, new
	}
	kept := []cards.Card{
		card("rB", "d", "a.md", 1),
		card("n2", "d", "a.md", 2),
		card("rA", "d", "a.md", 3),
		card("n1", "d::sub", "a.md", 4),
		card("rC", "d", "a.md", 5),
		card("rD", "d", "a.md", 6),
		card("rE", "other", "a.md", 7),
		card("n3", "other", "a.md", 8),
		card("sR", "d", "a.md", 9),
		card("sN", "d", "a.md", 10),
	}
	mustSync(t, s, store.Batch{Cards: gone})
	mustSync(t, s, store.Batch{Cards: kept})
	schedule(t, s, "rA", day-2)
	schedule(t, s, "rB", day)
	schedule(t, s, "rC", day-2)
	schedule(t, s, "rD", day+1)
	schedule(t, s, "rE", day-5)
	schedule(t, s, "oR", day-1)
	schedule(t, s, "sR", day-1)
	mustSync(t, s, store.Batch{Cards: kept, Roots: []string{"gone"}})
	mustSetStatus(t, s, []cards.ID{"sR"}, cards.StatusSuspended)
	mustSetStatus(t, s, []cards.ID{"sN"}, cards.StatusRejected)

	due := []string{"rE:review", "rA:review", "rC:review", "rB:review"}
	plus := func(more ...string) []string { return slices.Concat(due, more) }
	tests := []struct {
		name string
		day  cards.Date
		q    store.Query
		want []string
	}{
		{"due only", day, store.Query{}, due},
		{"some new", day, store.Query{New: 2}, plus("n2:new", "n1:new")},
		{"all new", day, store.Query{New: 10}, plus("n2:new", "n1:new", "n3:new")},
		{"negative new", day, store.Query{New: -1}, due},
		{"limit within due", day, store.Query{New: 10, Limit: 2}, due[:2]},
		{"limit within new", day, store.Query{New: 10, Limit: 5}, plus("n2:new")},
		{"deck and sub-decks", day, store.Query{Deck: "d", New: 10}, []string{"rA:review", "rC:review", "rB:review", "n2:new", "n1:new"}},
		{"sub-deck", day, store.Query{Deck: "d::sub", New: 10}, []string{"n1:new"}},
		{"other deck", day, store.Query{Deck: "other", New: 1}, []string{"rE:review", "n3:new"}},
		{"new cap after deck filter", day, store.Query{Deck: "other", New: 1, Limit: 10}, []string{"rE:review", "n3:new"}},
		{"earlier day", day - 3, store.Query{New: 1}, []string{"rE:review", "n2:new"}},
		{"before any due", day - 10, store.Query{}, nil},
		{"next day", day + 1, store.Query{}, plus("rD:review")},
		{"far future", cards.MaxDate, store.Query{}, plus("rD:review")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := queue(mustDue(t, s, tt.day, tt.q))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Due(%s, %+v) mismatch (-want +got):\n%s", tt.day, tt.q, diff)
			}
		})
	}
	t.Run("entries hold states", func(t *testing.T) {
		got := mustDue(t, s, day, store.Query{Deck: "other", New: 1})
		want := []store.Entry{
			{Card: kept[6], State: reviewed(day - 5), Status: cards.StatusReview},
			newEntry(kept[7], cards.StatusNew),
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Due() mismatch (-want +got):\n%s", diff)
		}
	})
}

func testRecord(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	a := card("a", "d", "n/x.md", 1)
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, card("b", "d", "n/x.md", 2)}})

	r1 := cards.Review{Card: "a", At: atTime(), Day: day, Grade: cards.Good, Before: cards.NewState(), After: reviewed(day + 1)}
	mustRecord(t, s, r1)
	want := []store.Entry{{Card: a, State: r1.After, Status: cards.StatusReview}}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{Status: cards.StatusReview})); diff != "" {
		t.Errorf("Cards() after Record mismatch (-want +got):\n%s", diff)
	}
	if got := queue(mustDue(t, s, day, store.Query{New: 10})); !cmp.Equal(got, []string{"b:new"}) {
		t.Errorf("Due(day) = %v, want only b: a is due tomorrow", got)
	}
	if got := queue(mustDue(t, s, day+1, store.Query{})); !cmp.Equal(got, []string{"a:review"}) {
		t.Errorf("Due(day+1) = %v, want a", got)
	}

	errTests := []struct {
		name    string
		r       cards.Review
		wantErr error
	}{
		{"stale before", r1, store.ErrConflict},
		{"stale drill", cards.Review{Card: "a", At: atTime(), Day: day, Drill: true, Before: cards.NewState(), After: cards.NewState()}, store.ErrConflict},
		{"unknown card", cards.Review{Card: "zz", At: atTime(), Day: day, Before: cards.NewState(), After: reviewed(day)}, store.ErrNotFound},
		{"empty ID", cards.Review{At: atTime(), Day: day, Before: cards.NewState(), After: reviewed(day)}, store.ErrNotFound},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.Record(t.Context(), tt.r); !errors.Is(err, tt.wantErr) {
				t.Errorf("Record() error = %v, want %v", err, tt.wantErr)
			}
		})
	}
	if diff := cmp.Diff([]cards.Review{r1}, mustReviews(t, s, time.Time{})); diff != "" {
		t.Errorf("Reviews() after failed Records mismatch (-want +got):\n%s", diff)
	}

	r2 := cards.Review{Card: "a", At: atTime().Add(24 * time.Hour), Day: day + 1, Grade: cards.Good, Before: r1.After, After: reviewed(day + 6)}
	r2.After.Reps = 2
	mustRecord(t, s, r2)
	if got := queue(mustDue(t, s, day+5, store.Query{})); len(got) != 0 {
		t.Errorf("Due(day+5) = %v after the second review, want nothing", got)
	}
	if got := queue(mustDue(t, s, day+6, store.Query{})); !cmp.Equal(got, []string{"a:review"}) {
		t.Errorf("Due(day+6) = %v, want a", got)
	}

	// A review may send a card back to the new queue (an undo does).
	r3 := cards.Review{Card: "a", At: atTime().Add(48 * time.Hour), Day: day + 2, Grade: cards.Blackout, Before: r2.After, After: cards.NewState()}
	mustRecord(t, s, r3)
	if got := queue(mustDue(t, s, day+6, store.Query{New: 10})); !cmp.Equal(got, []string{"a:new", "b:new"}) {
		t.Errorf("Due(day+6) = %v after a reset, want a then b as new, in add order", got)
	}
	if diff := cmp.Diff([]cards.Review{r1, r2, r3}, mustReviews(t, s, time.Time{})); diff != "" {
		t.Errorf("Reviews() mismatch (-want +got):\n%s", diff)
	}
}

func testDrill(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	a := card("a", "d", "n/x.md", 1)
	mustSync(t, s, store.Batch{Cards: []cards.Card{a}})
	r := schedule(t, s, "a", day)
	drill := cards.Review{Card: "a", At: atTime().Add(time.Minute), Day: day, Grade: cards.Wrong, Drill: true, Before: r.After, After: r.After}
	mustRecord(t, s, drill)
	// Even a drill whose After differs changes nothing but the log.
	odd := drill
	odd.At = odd.At.Add(time.Minute)
	odd.After = reviewed(day + 30)
	mustRecord(t, s, odd)

	want := []store.Entry{{Card: a, State: r.After, Status: cards.StatusReview}}
	if diff := cmp.Diff(want, mustCards(t, s, store.Filter{})); diff != "" {
		t.Errorf("Cards() after drills mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, mustDue(t, s, day, store.Query{})); diff != "" {
		t.Errorf("Due() after drills mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]cards.Review{r, drill, odd}, mustReviews(t, s, time.Time{})); diff != "" {
		t.Errorf("Reviews() mismatch (-want +got):\n%s", diff)
	}
}

func testReviews(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	mustSync(t, s, store.Batch{Cards: []cards.Card{card("a", "d", "n/x.md", 1)}})
	r := schedule(t, s, "a", day+1)
	cet := time.FixedZone("CET", 3600)
	est := time.FixedZone("EST", -5*3600)
	drill := func(at time.Time) cards.Review {
		return cards.Review{Card: "a", At: at, Day: day, Grade: cards.Good, Drill: true, Before: r.After, After: r.After}
	}
	// Logged out of order: Reviews sorts by time.
	late := drill(time.Date(2026, 3, 10, 12, 0, 0, 5, est)) // 17:00:00.000000005 UTC
	mid := drill(time.Date(2026, 3, 10, 11, 30, 0, 0, cet)) // 10:30 UTC
	mustRecord(t, s, late)
	mustRecord(t, s, mid)

	tests := []struct {
		name  string
		since time.Time
		want  []cards.Review
	}{
		{"all", time.Time{}, []cards.Review{r, mid, late}},
		{"since is inclusive", mid.At, []cards.Review{mid, late}},
		{"since in another zone", mid.At.UTC(), []cards.Review{mid, late}},
		{"just after", mid.At.Add(time.Nanosecond), []cards.Review{late}},
		{"nanoseconds kept", late.At.Add(-time.Nanosecond), []cards.Review{late}},
		{"after the last", late.At.Add(time.Nanosecond), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustReviews(t, s, tt.since)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Reviews(%v) mismatch (-want +got):\n%s", tt.since, diff)
			}
		})
	}
	t.Run("zones kept", func(t *testing.T) {
		var got []string
		for _, r := range mustReviews(t, s, time.Time{}) {
			got = append(got, r.At.Format(time.RFC3339Nano+" MST"))
		}
		want := []string{
			"2026-03-10T09:00:00Z UTC",
			"2026-03-10T11:30:00+01:00 CET",
			"2026-03-10T12:00:00.000000005-05:00 EST",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Reviews() times mismatch (-want +got):\n%s", diff)
		}
	})
}

func testSuspend(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	suspend := func(id cards.ID, on bool) {
		t.Helper()
		st := cards.StatusSuspended
		if !on {
			st = cards.StatusNew
		}
		mustSetStatus(t, s, []cards.ID{id}, st)
	}
	statuses := func(want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, queue(mustCards(t, s, store.Filter{}))); diff != "" {
			t.Errorf("Cards() statuses mismatch (-want +got):\n%s", diff)
		}
	}
	due := func(want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, queue(mustDue(t, s, day, store.Query{New: 10}))); diff != "" {
			t.Errorf("Due() mismatch (-want +got):\n%s", diff)
		}
	}
	a := card("a", "d", "n/x.md", 1)
	b := card("b", "d", "n/x.md", 2)
	n := []string{"n"}
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b}, Roots: n})
	r := schedule(t, s, "b", day)
	suspend("a", true)
	suspend("b", true)
	suspend("b", true) // twice is fine
	statuses("a:suspended", "b:suspended")
	due()

	if got := mustSync(t, s, store.Batch{Cards: []cards.Card{a, b}, Roots: n}); got != (store.Summary{Unchanged: 2}) {
		t.Errorf("Sync() = %+v, want 2 unchanged", got)
	}
	mustSync(t, s, store.Batch{Cards: []cards.Card{b}, Roots: n})
	statuses("a:orphaned", "b:suspended")
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b}, Roots: n})
	statuses("a:suspended", "b:suspended")
	due()

	// A suspended card can still be answered (a drill, or an undo), and
	// stays out of the queue.
	r2 := cards.Review{Card: "b", At: atTime(), Day: day, Grade: cards.Good, Before: r.After, After: reviewed(day - 1)}
	mustRecord(t, s, r2)
	due()

	suspend("a", false)
	suspend("b", false)
	statuses("a:new", "b:review")
	due("b:review", "a:new")

	if err := s.SetStatus(t.Context(), []cards.ID{"zz"}, cards.StatusSuspended); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetStatus(unknown) error = %v, want ErrNotFound", err)
	}
}

func testContext(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	mustSync(t, s, store.Batch{Cards: []cards.Card{card("a", "d", "n/x.md", 1)}})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	calls := []struct {
		name string
		call func() error
	}{
		{"Sync", func() error { _, err := s.Sync(ctx, store.Batch{}); return err }},
		{"Cards", func() error { _, err := s.Cards(ctx, store.Filter{}); return err }},
		{"Due", func() error { _, err := s.Due(ctx, day, store.Query{}); return err }},
		{"Record", func() error {
			return s.Record(ctx, cards.Review{Card: "a", At: atTime(), Day: day, Before: cards.NewState(), After: reviewed(day)})
		}},
		{"Reviews", func() error { _, err := s.Reviews(ctx, time.Time{}); return err }},
		{"SetStatus", func() error { return s.SetStatus(ctx, []cards.ID{"a"}, cards.StatusRejected) }},
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s(cancelled context) error = %v, want context.Canceled", c.name, err)
		}
	}
	if got := mustReviews(t, s, time.Time{}); len(got) != 0 {
		t.Errorf("Reviews() = %v, want none: the cancelled Record must not land", got)
	}
	if got := queue(mustCards(t, s, store.Filter{})); !cmp.Equal(got, []string{"a:new"}) {
		t.Errorf("Cards() = %v, want a:new: the cancelled SetStatus must not land", got)
	}
}

func testClosed(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	mustSync(t, s, store.Batch{Cards: []cards.Card{card("a", "d", "n/x.md", 1)}})
	if err := s.Close(); err != nil {
		t.Fatalf("Close() error = %v", err)
	}
	ctx := t.Context()
	calls := []struct {
		name string
		call func() error
	}{
		{"Sync", func() error { _, err := s.Sync(ctx, store.Batch{}); return err }},
		{"Cards", func() error { _, err := s.Cards(ctx, store.Filter{}); return err }},
		{"Due", func() error { _, err := s.Due(ctx, day, store.Query{}); return err }},
		{"Record", func() error {
			return s.Record(ctx, cards.Review{Card: "a", At: atTime(), Day: day, Before: cards.NewState(), After: reviewed(day)})
		}},
		{"Reviews", func() error { _, err := s.Reviews(ctx, time.Time{}); return err }},
		{"SetStatus", func() error { return s.SetStatus(ctx, []cards.ID{"a"}, cards.StatusSuspended) }},
		{"Close", s.Close},
	}
	if c, ok := s.(Checker); ok {
		calls = append(calls, struct {
			name string
			call func() error
		}{"Check", func() error { return c.Check(ctx) }})
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, store.ErrClosed) {
			t.Errorf("%s() after Close error = %v, want ErrClosed", c.name, err)
		}
	}
}

func testConcurrent(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	const workers, rounds = 4, 10
	var batch []cards.Card
	for i := range 50 {
		batch = append(batch, card(cards.ID(fmt.Sprintf("c%02d", i)), "d", "n/x.md", i+1))
	}
	mustSync(t, s, store.Batch{Cards: batch})
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*rounds)
	for w := range workers {
		wg.Go(func() { // answers its own card
			id := batch[w].ID
			st := cards.NewState()
			for i := range rounds {
				next := reviewed(day + cards.Date(i))
				if err := s.Record(t.Context(), cards.Review{Card: id, At: atTime(), Day: day, Before: st, After: next}); err != nil {
					errs <- err
					return
				}
				st = next
			}
		})
		wg.Go(func() { // reads and re-syncs
			for range rounds {
				if _, err := s.Due(t.Context(), day, store.Query{New: 5}); err != nil {
					errs <- err
				}
				if _, err := s.Cards(t.Context(), store.Filter{Deck: "d"}); err != nil {
					errs <- err
				}
				if _, err := s.Sync(t.Context(), store.Batch{Cards: batch, Roots: []string{"n"}}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent call error = %v", err)
	}
	if got := len(mustReviews(t, s, time.Time{})); got != workers*rounds {
		t.Errorf("Reviews() = %d reviews, want %d", got, workers*rounds)
	}
	check(t, s)
}
