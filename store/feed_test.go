package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
)

// spoolOf returns a spool holding cards in runs of run cards, each run
// sorted by ID as a part's is, with add sequences in the order given.
func spoolOf(t *testing.T, cs []cards.Card, run int) *spool {
	t.Helper()
	s := newSpool(t.TempDir())
	t.Cleanup(func() { _ = s.close() })
	for start := 0; start < len(cs); start += run {
		part := slices.Clone(cs[start:min(start+run, len(cs))])
		seqs := make(map[cards.ID]uint64)
		for i, c := range part {
			seqs[c.ID] = uint64(start + i + 1)
		}
		slices.SortFunc(part, func(a, b cards.Card) int { return strings.Compare(string(a.ID), string(b.ID)) })
		s.begin()
		for _, c := range part {
			r := record{Card: c, Seq: seqs[c.ID], Added: day0, Changed: day0}
			if err := s.add([]byte(c.ID), &r); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.end(true); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

const day0 = cards.Date(20000)

func feedCards(n int) []cards.Card {
	cs := make([]cards.Card, n)
	for i := range cs {
		front, back := fmt.Sprintf("Question %d", i), fmt.Sprintf("answer %d", i%7)
		cs[i] = cards.Card{ID: cards.NewID(cards.Basic, front, back), Deck: fmt.Sprintf("d%d", i%3),
			Kind: cards.Basic, Front: front, Back: back, Source: cards.Source{Path: "n.md", Line: i + 1}}
	}
	return cs
}

// TestFeed reads spools of several runs through feeders of several batch
// sizes: every card comes once, in stored ID order, in batches of the
// size asked but the last, with its add sequence, deck and content hash.
func TestFeed(t *testing.T) {
	cs := feedCards(103)
	cs[5].ID = "not a hash" // the content hash is computed, not taken from the ID
	type got struct {
		SID  string
		Seq  uint64
		Deck string
		Hash cards.ID
	}
	var want []got
	for i, c := range cs {
		want = append(want, got{string(c.ID), uint64(i + 1), c.Deck, cards.NewID(c.Kind, c.Front, c.Back)})
	}
	slices.SortFunc(want, func(a, b got) int { return strings.Compare(a.SID, b.SID) })
	for _, batch := range []int{1, 10, 103, 500} {
		t.Run(fmt.Sprint(batch), func(t *testing.T) {
			m, err := spoolOf(t, cs, 20).merge()
			if err != nil {
				t.Fatal(err)
			}
			f := feed(m, batch)
			defer f.close()
			var all []got
			for {
				b, err := f.next(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				if b == nil {
					break
				}
				if len(b) > batch {
					t.Fatalf("a batch of %d cards, want at most %d", len(b), batch)
				}
				for _, c := range b {
					if _, err := decodeRecord(c.sid, c.rec); err != nil {
						t.Fatalf("card %s: record: %v", c.sid, err)
					}
					all = append(all, got{string(c.sid), c.seq, string(c.deck), c.hash})
				}
				if len(b) < batch {
					break
				}
			}
			if diff := cmp.Diff(want, all); diff != "" {
				t.Errorf("the cards fed differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFeed_Close stops a feeder before its end: close returns, and the
// spool can be read again.
func TestFeed_Close(t *testing.T) {
	s := spoolOf(t, feedCards(500), 50)
	m, err := s.merge()
	if err != nil {
		t.Fatal(err)
	}
	f := feed(m, 10)
	if b, err := f.next(t.Context()); err != nil || len(b) != 10 {
		t.Fatalf("next() = %d cards, %v; want 10, nil", len(b), err)
	}
	f.close()
	m, err = s.merge()
	if err != nil {
		t.Fatal(err)
	}
	f = feed(m, 1000)
	defer f.close()
	if b, err := f.next(t.Context()); err != nil || len(b) != 500 {
		t.Fatalf("next() after a new merge = %d cards, %v; want 500, nil", len(b), err)
	}
}
