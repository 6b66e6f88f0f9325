package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

func ExampleNewMemory() {
	ctx := context.Background()
	s := store.NewMemory()
	defer s.Close()

	note := []cards.Card{
		{ID: "c1", Deck: "fr", Kind: cards.Basic, Front: "le chat", Back: "the cat", Source: cards.Source{Path: "fr.md", Line: 3}},
		{ID: "c2", Deck: "fr", Kind: cards.Basic, Front: "le chien", Back: "the dog", Source: cards.Source{Path: "fr.md", Line: 4}},
	}
	sum, _ := s.Sync(ctx, store.Batch{Cards: note, Roots: []string{"fr.md"}})
	fmt.Printf("%+v\n", sum)

	// The note loses a line: its card is kept, orphaned.
	sum, _ = s.Sync(ctx, store.Batch{Cards: note[:1], Roots: []string{"fr.md"}})
	fmt.Printf("%+v\n", sum)

	today := cards.DateOf(2026, 3, 1)
	due, _ := s.Due(ctx, today, store.Query{New: 10})
	for _, e := range due {
		fmt.Println(e.Card.ID, e.Status, e.Card.Front)
	}
	// Output:
	// {New:2 Updated:0 Unchanged:0 Orphaned:0}
	// {New:0 Updated:0 Unchanged:1 Orphaned:1}
	// c1 new le chat
}

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "mnemo")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "mnemo.db")

	ctx := context.Background()
	s, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	c := cards.Card{ID: "c1", Deck: "fr", Kind: cards.Basic, Front: "le chat", Back: "the cat"}
	if _, err := s.Sync(ctx, store.Batch{Cards: []cards.Card{c}}); err != nil {
		fmt.Println(err)
		return
	}
	today := cards.DateOf(2026, 3, 1)
	after := cards.State{Reps: 1, EF: cards.DefaultEF, Interval: 1, Due: today.AddDays(1), Reviews: 1, Last: today}
	err = s.Record(ctx, cards.Review{
		Card:   c.ID,
		At:     time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC),
		Day:    today,
		Grade:  cards.Good,
		Before: cards.NewState(),
		After:  after,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Another process (here, another Open) finds the store locked.
	if _, err := store.Open(path, store.Options{Timeout: -1}); errors.Is(err, store.ErrLocked) {
		fmt.Println("locked")
	}
	tomorrow, _ := s.Due(ctx, today.AddDays(1), store.Query{})
	for _, e := range tomorrow {
		fmt.Println(e.Card.ID, e.Status, "due", e.State.Due)
	}
	// Output:
	// locked
	// c1 review due 2026-03-02
}
