package store_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// TestBolt_BuryPersists checks that a bury survives closing the store,
// and that a read-only store refuses Bury and Undo.
func TestBolt_BuryPersists(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "mnemo.db")
	day := cards.DateOf(2026, 3, 10)
	s := openAt(t, path, store.Options{})
	c := cards.Card{ID: "a", Deck: "d", Kind: cards.Basic, Front: "f", Back: "b", Source: cards.Source{Path: "n.md", Line: 1}}
	if _, err := s.Sync(ctx, store.Batch{Cards: []cards.Card{c}}); err != nil {
		t.Fatalf("Sync() error = %v", err)
	}
	if err := s.Bury(ctx, []cards.ID{"a"}, day+1); err != nil {
		t.Fatalf("Bury() error = %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close() error = %v", err)
	}

	r := openAt(t, path, store.Options{ReadOnly: true})
	for _, tt := range []struct {
		day  cards.Date
		want int
	}{{day, 0}, {day + 1, 1}} {
		es, err := r.Due(ctx, tt.day, store.Query{New: 10})
		if err != nil || len(es) != tt.want {
			t.Errorf("Due(%s) = %d cards, %v; want %d", tt.day, len(es), err, tt.want)
		}
	}
	if err := r.Check(ctx); err != nil {
		t.Errorf("Check() error = %v", err)
	}
	if err := r.Bury(ctx, []cards.ID{"a"}, day); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("read-only Bury() error = %v, want ErrReadOnly", err)
	}
	rev := cards.Review{Card: "a", Day: day, Before: cards.NewState(), After: cards.NewState(), Drill: true}
	if err := r.Undo(ctx, rev); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("read-only Undo() error = %v, want ErrReadOnly", err)
	}
	es, err := r.Cards(ctx, store.Filter{})
	if err != nil {
		t.Fatalf("Cards() error = %v", err)
	}
	want := []store.Entry{{Card: c, State: cards.NewState(), Status: cards.StatusNew}}
	if diff := cmp.Diff(want, es); diff != "" {
		t.Errorf("Cards() of a buried card mismatch (-want +got):\n%s", diff)
	}
}
