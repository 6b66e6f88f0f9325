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
	// {New:2 Updated:0 Rematched:0 Unchanged:0 Orphaned:0}
	// {New:0 Updated:0 Rematched:0 Unchanged:1 Orphaned:1}
	// c1 new le chat
}

// An edited card keeps its stored ID, so its schedule and history follow
// the edit; a rejected card stays out of the queue across syncs.
func ExampleMemory_Sync() {
	ctx := context.Background()
	s := store.NewMemory()
	defer s.Close()
	// Cards as cards.Generate makes them: the ID is the content hash.
	card := func(front, back string, line int) cards.Card {
		return cards.Card{
			ID: cards.NewID(cards.Basic, front, back), Deck: "geo", Kind: cards.Basic,
			Front: front, Back: back, Source: cards.Source{Path: "geo.md", Line: line}, Rule: "explicit",
		}
	}
	roots := []string{"geo.md"}
	first := []cards.Card{
		card("What is the capitol of Australia?", "Canberra", 1),
		card("What is the capital of Canada?", "Ottawa", 2),
	}
	s.Sync(ctx, store.Batch{Cards: first, Roots: roots})

	// The typo is fixed: the card is re-matched, not replaced.
	fixed := []cards.Card{card("What is the capital of Australia?", "Canberra", 1), first[1]}
	sum, _ := s.Sync(ctx, store.Batch{Cards: fixed, Roots: roots})
	fmt.Printf("%+v\n", sum)
	fmt.Println(fixed[0].ID == first[0].ID)

	// `mnemo reject` with the ID `mnemo preview` shows (the content hash).
	_ = s.SetStatus(ctx, []cards.ID{fixed[0].ID}, cards.StatusRejected)
	sum, _ = s.Sync(ctx, store.Batch{Cards: fixed, Roots: roots})
	fmt.Printf("%+v\n", sum)
	es, _ := s.Cards(ctx, store.Filter{})
	for _, e := range es {
		fmt.Println(e.Card.ID == first[e.Card.Source.Line-1].ID, e.Status, e.Card.Front)
	}
	// Output:
	// {New:0 Updated:1 Rematched:1 Unchanged:1 Orphaned:0}
	// false
	// {New:0 Updated:0 Rematched:0 Unchanged:2 Orphaned:0}
	// true rejected What is the capital of Australia?
	// true new What is the capital of Canada?
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

// A big add goes to a Stream in parts of whole notes: a part stores what
// it changes of the stored cards, Finish the new cards, and it orphans the
// cards of the notes no part read.
func ExampleStream() {
	ctx := context.Background()
	s := store.NewMemory()
	defer s.Close()
	card := func(id cards.ID, path string) cards.Card {
		return cards.Card{ID: id, Deck: "d", Kind: cards.Basic, Front: "front " + string(id), Source: cards.Source{Path: path, Line: 1}}
	}
	s.Sync(ctx, store.Batch{Cards: []cards.Card{card("a", "n/a.md"), card("gone", "n/gone.md")}, Roots: []string{"n"}})

	st := s.Stream([]string{"n"}, 0)
	sum, _ := st.Sync(ctx, store.Part{Cards: []cards.Card{card("a", "n/a.md")}, Paths: []string{"n/a.md"}})
	fmt.Printf("part 1: %+v\n", sum)
	sum, _ = st.Sync(ctx, store.Part{Cards: []cards.Card{card("b", "n/b.md")}, Paths: []string{"n/b.md"}})
	fmt.Printf("part 2: %+v\n", sum)
	sum, _ = st.Finish(ctx)
	fmt.Printf("all: %+v\n", sum)
	es, _ := s.Cards(ctx, store.Filter{})
	for _, e := range es {
		fmt.Println(e.Card.ID, e.Status)
	}
	// Output:
	// part 1: {New:0 Updated:0 Rematched:0 Unchanged:1 Orphaned:0}
	// part 2: {New:1 Updated:0 Rematched:0 Unchanged:0 Orphaned:0}
	// all: {New:1 Updated:0 Rematched:0 Unchanged:1 Orphaned:1}
	// a new
	// b new
	// gone orphaned
}
