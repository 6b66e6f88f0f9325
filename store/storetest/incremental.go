package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// NoteLister is implemented by stores that keep note stamps (Bolt and
// Memory); the suite skips its stamp tests for other stores.
type NoteLister interface {
	Notes(ctx context.Context) ([]store.Note, error)
}

// Counter is implemented by stores that count cards per deck (Bolt and
// Memory); the suite skips its Counts tests for other stores.
type Counter interface {
	Counts(ctx context.Context, day cards.Date) (store.Counts, error)
}

// dated returns the dates of every stored card, by ID.
func dated(t *testing.T, s store.Store) map[cards.ID][2]cards.Date {
	t.Helper()
	out := make(map[cards.ID][2]cards.Date)
	for _, e := range mustCards(t, s, store.Filter{}) {
		out[e.Card.ID] = [2]cards.Date{e.Added, e.Changed}
	}
	return out
}

func testDates(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	a, b, c := card("a", "d", "n/x.md", 1), card("b", "d", "n/x.md", 2), card("c", "d", "n/y.md", 1)
	d1, d2, d3, d4 := day, day+1, day+2, day+3
	type dates = map[cards.ID][2]cards.Date
	steps := []struct {
		name  string
		batch store.Batch
		want  dates
	}{
		{"added", store.Batch{Cards: []cards.Card{a, b}, Roots: []string{"n"}, Day: d1},
			dates{"a": {d1, d1}, "b": {d1, d1}}},
		{"unchanged", store.Batch{Cards: []cards.Card{a, b, c}, Roots: []string{"n"}, Day: d2},
			dates{"a": {d1, d1}, "b": {d1, d1}, "c": {d2, d2}}},
		// An edit changes a card; a move of its line or its note does not.
		{"edited and moved", store.Batch{Cards: []cards.Card{edited(a), moved(b, "n/z.md"), c}, Roots: []string{"n"}, Day: d3},
			dates{"a": {d1, d3}, "b": {d1, d1}, "c": {d2, d2}}},
		// Orphaned, then revived as it was: not changed.
		{"orphaned", store.Batch{Cards: []cards.Card{edited(a), c}, Roots: []string{"n"}, Day: d4},
			dates{"a": {d1, d3}, "b": {d1, d1}, "c": {d2, d2}}},
		{"revived", store.Batch{Cards: []cards.Card{edited(a), moved(b, "n/z.md"), c}, Roots: []string{"n"}, Day: d4},
			dates{"a": {d1, d3}, "b": {d1, d1}, "c": {d2, d2}}},
		// Without a day, dates stay as they are and new cards get none.
		{"no day", store.Batch{Cards: []cards.Card{a, moved(b, "n/z.md"), c, card("e", "d", "n/y.md", 2)}, Roots: []string{"n"}},
			dates{"a": {d1, d3}, "b": {d1, d1}, "c": {d2, d2}, "e": {0, 0}}},
	}
	for _, st := range steps {
		mustSync(t, s, st.batch)
		if diff := cmp.Diff(st.want, dated(t, s)); diff != "" {
			t.Errorf("%s: Added and Changed mismatch (-want +got):\n%s", st.name, diff)
		}
	}
}

func testNotes(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	l, ok := s.(NoteLister)
	if !ok {
		t.Skipf("%T has no Notes method", s)
	}
	notes := func() []store.Note {
		t.Helper()
		ns, err := l.Notes(t.Context())
		if err != nil {
			t.Fatalf("Notes() error = %v", err)
		}
		return ns
	}
	x := store.Note{Path: "n/x.md", Size: 10, ModTime: 1e18, Hash: "hx", Gen: "1", Cards: 2}
	y := store.Note{Path: "n/y.md", Size: 20, Hash: "hy", Gen: "1", Cards: 1}
	out := store.Note{Path: "other/o.md", Size: 30, Hash: "ho", Gen: "1"}
	a, b, c := card("a", "d", "n/x.md", 1), card("b", "d", "n/x.md", 2), card("c", "d", "n/y.md", 1)
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b, c}, Roots: []string{"n"}, Notes: []store.Note{y, x}})
	mustSync(t, s, store.Batch{Roots: []string{"other"}, Notes: []store.Note{out}})
	if diff := cmp.Diff([]store.Note{x, y, out}, notes()); diff != "" {
		t.Fatalf("Notes() mismatch (-want +got):\n%s", diff)
	}

	// y changed, x did not: x is skipped, its cards and stamp stay.
	y2 := y
	y2.Size, y2.Hash = 21, "hy2"
	sum := mustSync(t, s, store.Batch{Cards: []cards.Card{edited(c)}, Roots: []string{"n"}, Skip: []string{"n/x.md"}, Notes: []store.Note{y2}})
	if want := (store.Summary{Updated: 1}); sum != want {
		t.Errorf("Sync(x skipped) = %+v, want %+v", sum, want)
	}
	if diff := cmp.Diff([]store.Note{x, y2, out}, notes()); diff != "" {
		t.Errorf("Notes() after y changed mismatch (-want +got):\n%s", diff)
	}
	if got := queue(mustCards(t, s, store.Filter{})); !cmp.Equal(got, []string{"a:new", "b:new", "c:new"}) {
		t.Errorf("cards after y changed = %v, want a, b and c new", got)
	}

	// x is gone: its cards are orphaned and its stamp forgotten; the
	// stamp outside the roots stays.
	sum = mustSync(t, s, store.Batch{Roots: []string{"n"}, Skip: []string{"n/y.md"}})
	if want := (store.Summary{Orphaned: 2}); sum != want {
		t.Errorf("Sync(x gone) = %+v, want %+v", sum, want)
	}
	if diff := cmp.Diff([]store.Note{y2, out}, notes()); diff != "" {
		t.Errorf("Notes() after x is gone mismatch (-want +got):\n%s", diff)
	}

	// The first stamp of a path wins, as the first card of an ID does.
	x2 := x
	x2.Hash = "other"
	mustSync(t, s, store.Batch{Notes: []store.Note{x, x2}})
	if diff := cmp.Diff([]store.Note{x, y2, out}, notes()); diff != "" {
		t.Errorf("Notes() after a repeated stamp mismatch (-want +got):\n%s", diff)
	}
}

func testCounts(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	c, ok := s.(Counter)
	if !ok {
		t.Skipf("%T has no Counts method", s)
	}
	cs := []cards.Card{
		card("n1", "b", "n/x.md", 1),      // new
		card("n2", "b::sub", "n/x.md", 2), // new
		card("r1", "b", "n/x.md", 3),      // due today
		card("r2", "b", "n/x.md", 4),      // due tomorrow
		card("r3", "aa", "n/x.md", 5),     // due tomorrow
		card("r4", "aa", "n/x.md", 6),     // due in a week
		card("s1", "aa", "n/x.md", 7),     // suspended
		card("j1", "b", "n/x.md", 8),      // rejected
		card("o1", "b", "n/y.md", 1),      // orphaned
	}
	mustSync(t, s, store.Batch{Cards: cs, Roots: []string{"n"}})
	schedule(t, s, "r1", day)
	schedule(t, s, "r2", day+1)
	schedule(t, s, "r3", day+1)
	schedule(t, s, "r4", day+7)
	mustSetStatus(t, s, []cards.ID{"s1"}, cards.StatusSuspended)
	mustSetStatus(t, s, []cards.ID{"j1"}, cards.StatusRejected)
	mustSync(t, s, store.Batch{Cards: cs[:8], Roots: []string{"n"}})

	got, err := c.Counts(t.Context(), day)
	if err != nil {
		t.Fatalf("Counts() error = %v", err)
	}
	want := store.Counts{
		Decks: []store.DeckCounts{
			{Deck: "aa", Review: 2, Suspended: 1, Total: 3},
			{Deck: "b", Due: 1, New: 1, Review: 2, Orphaned: 1, Rejected: 1, Total: 5},
			{Deck: "b::sub", New: 1, Total: 1},
		},
		All:  store.DeckCounts{Due: 1, New: 2, Review: 4, Suspended: 1, Orphaned: 1, Rejected: 1, Total: 9},
		Next: day + 1, NextN: 2,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Counts(%s) mismatch (-want +got):\n%s", day, diff)
	}
	// A week later every review card is due, none later.
	got, err = c.Counts(t.Context(), day+7)
	if err != nil {
		t.Fatalf("Counts() error = %v", err)
	}
	if got.All.Due != 4 || got.Next != 0 || got.NextN != 0 {
		t.Errorf("Counts(%s) = %+v, want 4 due and no next day", day+7, got.All)
	}
	// Counts agree with Cards.
	byDeck := map[string]int{}
	for _, e := range mustCards(t, s, store.Filter{}) {
		byDeck[e.Card.Deck]++
	}
	for _, d := range got.Decks {
		if byDeck[d.Deck] != d.Total {
			t.Errorf("Counts() deck %s total = %d, Cards() gives %d", d.Deck, d.Total, byDeck[d.Deck])
		}
	}
}
