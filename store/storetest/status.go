package storetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

func testSetStatus(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	const p = "n/x.md"
	n := []string{"n"}
	a := card("a", "d", p, 1)
	b := card("b", "d", p, 2)
	// e is stored under e.ID, then edited: its content hash is e2.ID.
	e := basic("Which planet is the largest in the Solar System?", "Jupiter", p, 3)
	e2 := basic("Which planet is the largest of the Solar System?", "Jupiter", p, 3)
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b, e}, Roots: n})
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b, e2}, Roots: n})
	schedule(t, s, "b", day)

	statuses := func(t *testing.T, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, queue(mustCards(t, s, store.Filter{}))); diff != "" {
			t.Errorf("Cards() statuses mismatch (-want +got):\n%s", diff)
		}
	}
	e1 := string(e.ID)
	tests := []struct {
		name     string
		ids      []cards.ID
		status   cards.Status
		wantErr  error    // nil, ErrNotFound, or a non-sentinel error (errOther)
		wantText []string // in the error
		want     []string // Cards() after, as "id:status"
		due      []string // Due(day, 10 new) after
	}{
		{
			name: "reject", ids: []cards.ID{"a"}, status: cards.StatusRejected,
			want: []string{"a:rejected", "b:review", e1 + ":new"},
			due:  []string{"b:review", e1 + ":new"},
		},
		{
			name: "reject again", ids: []cards.ID{"a", "a"}, status: cards.StatusRejected,
			want: []string{"a:rejected", "b:review", e1 + ":new"},
			due:  []string{"b:review", e1 + ":new"},
		},
		{
			name: "suspend replaces the rejection", ids: []cards.ID{"a", "b"}, status: cards.StatusSuspended,
			want: []string{"a:suspended", "b:suspended", e1 + ":new"},
			due:  []string{e1 + ":new"},
		},
		{
			name: "clear with new: the status follows the state", ids: []cards.ID{"b"}, status: cards.StatusNew,
			want: []string{"a:suspended", "b:review", e1 + ":new"},
			due:  []string{"b:review", e1 + ":new"},
		},
		{
			name: "clear with review", ids: []cards.ID{"a"}, status: cards.StatusReview,
			want: []string{"a:new", "b:review", e1 + ":new"},
			due:  []string{"b:review", "a:new", e1 + ":new"},
		},
		{
			name: "by content hash", ids: []cards.ID{e2.ID}, status: cards.StatusRejected,
			want: []string{"a:new", "b:review", e1 + ":rejected"},
			due:  []string{"b:review", "a:new"},
		},
		{
			name: "by stored ID", ids: []cards.ID{e.ID}, status: cards.StatusNew,
			want: []string{"a:new", "b:review", e1 + ":new"},
			due:  []string{"b:review", "a:new", e1 + ":new"},
		},
		{
			name: "unknown IDs: the others are applied", ids: []cards.ID{"zz", "a", "", "yy"}, status: cards.StatusRejected,
			wantErr: store.ErrNotFound, wantText: []string{"card zz: card not found", "card yy: card not found"},
			want: []string{"a:rejected", "b:review", e1 + ":new"},
			due:  []string{"b:review", e1 + ":new"},
		},
		{
			name: "content hash of no card", ids: []cards.ID{cards.NewID(cards.Basic, "no", "card")}, status: cards.StatusNew,
			wantErr: store.ErrNotFound,
			want:    []string{"a:rejected", "b:review", e1 + ":new"},
			due:     []string{"b:review", e1 + ":new"},
		},
		{
			name: "orphaned cannot be set", ids: []cards.ID{"a", "b"}, status: cards.StatusOrphaned,
			wantErr: errOther, wantText: []string{"orphaned"},
			want: []string{"a:rejected", "b:review", e1 + ":new"},
			due:  []string{"b:review", e1 + ":new"},
		},
		{
			name: "zero status cannot be set", ids: []cards.ID{"a"}, status: 0,
			wantErr: errOther,
			want:    []string{"a:rejected", "b:review", e1 + ":new"},
			due:     []string{"b:review", e1 + ":new"},
		},
		{
			name: "no IDs", status: cards.StatusSuspended,
			want: []string{"a:rejected", "b:review", e1 + ":new"},
			due:  []string{"b:review", e1 + ":new"},
		},
	}
	for _, tt := range tests { // in order: each starts where the last ended
		t.Run(tt.name, func(t *testing.T) {
			err := s.SetStatus(t.Context(), tt.ids, tt.status)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Errorf("SetStatus(%v, %s) error = %v", tt.ids, tt.status, err)
			case tt.wantErr == errOther && (err == nil || errors.Is(err, store.ErrNotFound)):
				t.Errorf("SetStatus(%v, %s) error = %v, want a non-ErrNotFound error", tt.ids, tt.status, err)
			case tt.wantErr != nil && tt.wantErr != errOther && !errors.Is(err, tt.wantErr):
				t.Errorf("SetStatus(%v, %s) error = %v, want %v", tt.ids, tt.status, err, tt.wantErr)
			}
			for _, w := range tt.wantText {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("SetStatus(%v, %s) error = %v, want it to mention %q", tt.ids, tt.status, err, w)
				}
			}
			check(t, s)
			statuses(t, tt.want...)
			if diff := cmp.Diff(tt.due, queue(mustDue(t, s, day, store.Query{New: 10}))); diff != "" {
				t.Errorf("Due() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// errOther stands for an error that is not a sentinel of store.
var errOther = errors.New("another error")

// testRejected checks how Sync treats rejected cards, and the status a
// card with two flags shows.
func testRejected(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	const p = "n/x.md"
	n := []string{"n"}
	a := basic("What is the chemical symbol of gold?", "Au", p, 1)
	b := basic("What is the chemical symbol of silver?", "Ag", p, 2)
	aEdited := basic("What is the chemical symbol for gold?", "Au", p, 1)
	mustSync(t, s, store.Batch{Cards: []cards.Card{a, b}, Roots: n})
	schedule(t, s, a.ID, day)
	mustSetStatus(t, s, []cards.ID{a.ID}, cards.StatusRejected)
	ra, rb := string(a.ID)+":rejected", string(b.ID)

	steps := []struct {
		name   string
		batch  []cards.Card
		status cards.Status // SetStatus(a) before the sync, when not 0
		want   store.Summary
		cards  []string
		due    []string
	}{
		{
			name:  "same text: still rejected",
			batch: []cards.Card{a, b},
			want:  store.Summary{Unchanged: 2},
			cards: []string{ra, rb + ":new"},
			due:   []string{rb + ":new"},
		},
		{
			name:  "text gone: orphaned, shown rejected",
			batch: []cards.Card{b},
			want:  store.Summary{Unchanged: 1, Orphaned: 1},
			cards: []string{ra, rb + ":new"},
			due:   []string{rb + ":new"},
		},
		{
			name:  "text back: revived, still rejected",
			batch: []cards.Card{a, b},
			want:  store.Summary{Updated: 1, Unchanged: 1},
			cards: []string{ra, rb + ":new"},
			due:   []string{rb + ":new"},
		},
		{
			name:  "text edited: re-matched, still rejected",
			batch: []cards.Card{aEdited, b},
			want:  store.Summary{Updated: 1, Rematched: 1, Unchanged: 1},
			cards: []string{ra, rb + ":new"},
			due:   []string{rb + ":new"},
		},
		{
			name:  "gone again",
			batch: []cards.Card{b},
			want:  store.Summary{Unchanged: 1, Orphaned: 1},
			cards: []string{ra, rb + ":new"},
			due:   []string{rb + ":new"},
		},
		{
			name:   "restored while orphaned: orphaned",
			batch:  []cards.Card{b},
			status: cards.StatusReview,
			want:   store.Summary{Unchanged: 1},
			cards:  []string{string(a.ID) + ":orphaned", rb + ":new"},
			due:    []string{rb + ":new"},
		},
		{
			name:  "text back after the restore: in the queue",
			batch: []cards.Card{aEdited, b},
			want:  store.Summary{Updated: 1, Unchanged: 1},
			cards: []string{string(a.ID) + ":review", rb + ":new"},
			due:   []string{string(a.ID) + ":review", rb + ":new"},
		},
		{
			name:   "suspended and orphaned: orphaned",
			batch:  []cards.Card{b},
			status: cards.StatusSuspended,
			want:   store.Summary{Unchanged: 1, Orphaned: 1},
			cards:  []string{string(a.ID) + ":orphaned", rb + ":new"},
			due:    []string{rb + ":new"},
		},
	}
	for _, st := range steps {
		if st.status != 0 {
			mustSetStatus(t, s, []cards.ID{a.ID}, st.status)
		}
		if got := mustSync(t, s, store.Batch{Cards: st.batch, Roots: n}); got != st.want {
			t.Errorf("%s: Sync() = %+v, want %+v", st.name, got, st.want)
		}
		if diff := cmp.Diff(st.cards, queue(mustCards(t, s, store.Filter{}))); diff != "" {
			t.Errorf("%s: Cards() mismatch (-want +got):\n%s", st.name, diff)
		}
		if diff := cmp.Diff(st.due, queue(mustDue(t, s, day, store.Query{New: 10}))); diff != "" {
			t.Errorf("%s: Due() mismatch (-want +got):\n%s", st.name, diff)
		}
	}

	// Filters see one status per card: the rejected and orphaned card is
	// listed as rejected only.
	mustSetStatus(t, s, []cards.ID{a.ID}, cards.StatusRejected)
	for _, tt := range []struct {
		status cards.Status
		want   []cards.ID
	}{
		{cards.StatusRejected, []cards.ID{a.ID}},
		{cards.StatusOrphaned, nil},
		{cards.StatusSuspended, nil},
		{cards.StatusNew, []cards.ID{b.ID}},
	} {
		if got := ids(mustCards(t, s, store.Filter{Status: tt.status})); !cmp.Equal(got, tt.want) {
			t.Errorf("Cards(%s) = %v, want %v", tt.status, got, tt.want)
		}
	}
}
