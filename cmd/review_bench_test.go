package cmd

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

// BenchmarkReviewFirstCard measures what `mnemo review` does before it
// shows the first card on a store of 100,000 cards with 1,000 due: open the
// store, read today's log, build the queue, take the first card.
//
//	go test -run '^$' -bench ReviewFirstCard -benchtime 20x ./cmd
func BenchmarkReviewFirstCard(b *testing.B) {
	const total, due = 100_000, 1_000
	path := filepath.Join(b.TempDir(), "mnemo.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cs := make([]cards.Card, total)
	for i := range cs {
		front := fmt.Sprintf("Question number %d about topic %d", i, i%97)
		cs[i] = cards.Card{ID: cards.NewID(cards.Basic, front, "answer"), Deck: fmt.Sprintf("deck%d", i%10), Kind: cards.Basic,
			Front: front, Back: "answer", Source: cards.Source{Path: fmt.Sprintf("/notes/n%d.md", i/20), Line: i%20 + 1}, Rule: "explicit"}
	}
	ctx := b.Context()
	if _, err := s.Sync(ctx, store.Batch{Cards: cs, Roots: []string{"/notes"}}); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	day := scheduler.Day(now, scheduler.DefaultRollover)
	fresh, err := s.Due(ctx, day-1, store.Query{New: due})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range fresh {
		r := cards.Review{Card: e.Card.ID, At: now.AddDate(0, 0, -1), Day: day - 1, Grade: cards.Good, Before: e.State, After: scheduler.Next(e.State, cards.Good, day-1)}
		if err := s.Record(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	io, _, _ := newTestIO("")
	app := &App{IO: io, Getenv: env(nil), Now: func() time.Time { return now }, OpenStore: openBolt, DB: path}
	opts := &reviewOptions{App: app, New: 20}
	b.ReportAllocs()
	for b.Loop() {
		s, err := app.open()
		if err != nil {
			b.Fatal(err)
		}
		sess, err := newReviewSession(ctx, app, s, day, opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := sess.Current(); !ok {
			b.Fatal("no first card")
		}
		if p := sess.Progress(); p.Review != due || p.New != 20 {
			b.Fatalf("queue = %+v, want %d due and 20 new", p, due)
		}
		s.Close()
	}
}
