package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// coldParts returns the parts of a first add of about 200 cards: notes of
// up to ten cards (two of them hold the same card, one has none, one is
// skipped), given about 25 cards a part.
func coldParts() []store.Part {
	cs := testCards(180, "cold") // IDs that are not their content hashes
	for i := range 20 {
		front := fmt.Sprintf("hashed question %d", i)
		cs = append(cs, cards.Card{ID: cards.NewID(cards.Basic, front, "yes"), Deck: "hashed", Kind: cards.Basic,
			Front: front, Back: "yes", Source: cards.Source{Path: fmt.Sprintf("n/hashed%d.md", i/5), Line: i%5 + 1}})
	}
	dup := cs[3]
	dup.Source = cards.Source{Path: "n/zz-copy.md", Line: 1}
	cs = append(cs, dup) // the first wins
	slices.SortStableFunc(cs, func(a, b cards.Card) int { return strings.Compare(a.Source.Path, b.Source.Path) })
	var parts []store.Part
	for start := 0; start < len(cs); {
		end := min(start+25, len(cs))
		for end < len(cs) && cs[end].Source.Path == cs[end-1].Source.Path {
			end++
		}
		p := store.Part{Cards: cs[start:end]}
		for _, c := range p.Cards {
			if !slices.Contains(p.Paths, c.Source.Path) {
				p.Paths = append(p.Paths, c.Source.Path)
				p.Notes = append(p.Notes, store.Note{Path: c.Source.Path, Size: int64(len(p.Paths)), Hash: "h-" + c.Source.Path})
			}
		}
		parts = append(parts, p)
		start = end
	}
	parts[0].Paths = append(parts[0].Paths, "n/empty.md")
	parts[0].Notes = append(parts[0].Notes, store.Note{Path: "n/empty.md", Hash: "empty"})
	parts[1].Skip = append(parts[1].Skip, "n/broken.md")
	return parts
}

// storeState is what the stage tests compare of two stores: the cards,
// the queue of new cards (the add order) and the note stamps.
type storeState struct {
	Cards []store.Entry
	Queue []cards.ID
	Notes []store.Note
}

func stateOf(t *testing.T, s *store.Bolt) storeState {
	t.Helper()
	if err := s.Check(t.Context()); err != nil {
		t.Fatalf("Check() error = %v", err)
	}
	es, err := s.Cards(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.Due(t.Context(), day, store.Query{New: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var queue []cards.ID
	for _, e := range due {
		queue = append(queue, e.Card.ID)
	}
	ns, err := s.Notes(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return storeState{es, queue, ns}
}

// streamParts gives parts to st, checking s after each, and finishes it.
func streamParts(t *testing.T, s *store.Bolt, st *store.Stream, parts []store.Part) store.Summary {
	t.Helper()
	for i, p := range parts {
		if _, err := st.Sync(t.Context(), p); err != nil {
			t.Fatalf("Stream.Sync(part %d) error = %v", i, err)
		}
		if err := s.Check(t.Context()); err != nil {
			t.Fatalf("Check() after part %d error = %v", i, err)
		}
	}
	sum, err := st.Finish(t.Context())
	if err != nil {
		t.Fatalf("Stream.Finish() error = %v", err)
	}
	return sum
}

// batchOf returns the one Sync batch of parts, under "n" on day.
func batchOf(parts []store.Part) store.Batch {
	all := store.Batch{Roots: []string{"n"}, Day: day}
	for _, p := range parts {
		all.Cards = append(all.Cards, p.Cards...)
		all.Skip = append(all.Skip, p.Skip...)
		all.Notes = append(all.Notes, p.Notes...)
	}
	return all
}

// TestBolt_StreamStaged streams a first add into an empty store, whose new
// cards Finish builds apart and puts in place at once: the store ends as
// one Sync of the same cards leaves it, and as a Finish that merges the
// cards into the buckets (the way of a store with cards) leaves it, with
// the same queue order, whatever the number of transactions.
func TestBolt_StreamStaged(t *testing.T) {
	parts := coldParts()
	all := batchOf(parts)
	one := openBolt(t)
	wantSum, err := one.Sync(t.Context(), all)
	if err != nil {
		t.Fatal(err)
	}
	want := stateOf(t, one)
	if len(want.Queue) != 200 {
		t.Fatalf("the add queues %d new cards, want 200", len(want.Queue))
	}
	for _, batch := range []int{7, 50, 1000} {
		for _, merged := range []bool{false, true} {
			t.Run(fmt.Sprintf("batch=%d,merged=%v", batch, merged), func(t *testing.T) {
				s := openBolt(t)
				st := s.StreamBatch([]string{"n"}, day, batch)
				if merged {
					st = s.StreamMerged([]string{"n"}, day, batch)
				}
				staged := false
				st.AfterStage(func() { staged = true })
				sum := streamParts(t, s, st, parts)
				if staged == merged {
					t.Errorf("the Finish staged its cards: %v, want %v", staged, !merged)
				}
				if sum != wantSum {
					t.Errorf("Stream.Finish() = %+v, want %+v as Sync gives", sum, wantSum)
				}
				if diff := cmp.Diff(want, stateOf(t, s)); diff != "" {
					t.Errorf("the store after the stream differs from one Sync (-Sync +Stream):\n%s", diff)
				}
				if s.Staged(t) {
					t.Error("the stage bucket is left after Finish")
				}
				entries, err := os.ReadDir(filepath.Dir(s.Path()))
				if err != nil {
					t.Fatal(err)
				}
				if len(entries) != 1 {
					t.Errorf("the store's folder holds %d files after the stream, want the store only", len(entries))
				}
			})
		}
	}
}

// TestBolt_StreamStaged_Interrupted checks what a Finish interrupted while
// it staged leaves: a store that passes its check, holds the parts' stamps
// of notes without new cards and no card, and whose stage bucket the next
// Open for writing removes; a stream into such a store stores its cards.
func TestBolt_StreamStaged_Interrupted(t *testing.T) {
	parts := coldParts()
	path := filepath.Join(t.TempDir(), "mnemo.db")
	s := openAt(t, path, store.Options{})
	st := s.StreamBatch([]string{"n"}, day, 7)
	for _, p := range parts {
		if _, err := st.Sync(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	s.LeaveStage(t) // as if Finish was killed while it staged
	got := stateOf(t, s)
	// The notes that gave no new card have their stamps; the others wait
	// for their cards.
	want := storeState{Notes: []store.Note{{Path: "n/empty.md", Hash: "empty"}, {Path: "n/zz-copy.md", Size: 5, Hash: "h-n/zz-copy.md"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the store after parts and a stage differs (-want +got):\n%s", diff)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro := openAt(t, path, store.Options{ReadOnly: true})
	if !ro.Staged(t) {
		t.Error("a store opened read-only lost its stage bucket: it must not be written")
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, store.Options{})
	if s.Staged(t) {
		t.Error("Open for writing left the stage bucket of an interrupted stream")
	}

	// A stage left in an open store goes at the next staged Finish.
	s.LeaveStage(t)
	streamParts(t, s, s.StreamBatch([]string{"n"}, day, 7), coldParts())
	if s.Staged(t) {
		t.Error("the stage bucket is left after Finish")
	}
	if got := stateOf(t, s); len(got.Cards) != 200 || len(got.Queue) != 200 {
		t.Errorf("the store holds %d cards, %d queued, want 200 and 200", len(got.Cards), len(got.Queue))
	}
}

// TestBolt_StreamStaged_Written checks a Finish into an empty store that
// another write fills while it stages: the stage is dropped and the cards
// merged, as in a store with cards.
func TestBolt_StreamStaged_Written(t *testing.T) {
	parts := coldParts()
	other := cards.Card{ID: cards.NewID(cards.Basic, "other", "card"), Deck: "other", Kind: cards.Basic,
		Front: "other", Back: "card", Source: cards.Source{Path: "elsewhere/x.md", Line: 1}}
	all := batchOf(parts)
	ref := openBolt(t)
	if _, err := ref.Sync(t.Context(), all); err != nil {
		t.Fatal(err)
	}
	if _, err := ref.Sync(t.Context(), store.Batch{Cards: []cards.Card{other}, Day: day}); err != nil {
		t.Fatal(err)
	}

	s := openBolt(t)
	st := s.StreamBatch([]string{"n"}, day, 7)
	staged := 0
	st.AfterStage(func() {
		staged++
		if _, err := s.Sync(t.Context(), store.Batch{Cards: []cards.Card{other}, Day: day}); err != nil {
			t.Error(err)
		}
	})
	streamParts(t, s, st, parts)
	if staged != 1 {
		t.Errorf("Finish staged the cards %d times, want 1", staged)
	}
	if s.Staged(t) {
		t.Error("the stage bucket is left after Finish")
	}
	// The other card, stored before the stream's new cards, still comes
	// after them in the queue: the parts took their add sequences.
	if diff := cmp.Diff(stateOf(t, ref), stateOf(t, s)); diff != "" {
		t.Errorf("the store differs from the Syncs of the same cards (-Sync +Stream):\n%s", diff)
	}
}

// BenchmarkBolt_StreamFirst streams a first add of 20,000 cards, in parts
// of 2,000, into an empty store: staged (the way of an empty store) and
// merged (the way of a store with cards), to compare the two.
func BenchmarkBolt_StreamFirst(b *testing.B) {
	cs := testCards(20_000, "bench")
	var parts []store.Part
	for start := 0; start < len(cs); start += 2000 {
		p := store.Part{Cards: cs[start : start+2000]}
		for _, c := range p.Cards {
			if len(p.Paths) == 0 || p.Paths[len(p.Paths)-1] != c.Source.Path {
				p.Paths = append(p.Paths, c.Source.Path)
			}
		}
		parts = append(parts, p)
	}
	for _, merged := range []bool{false, true} {
		b.Run(fmt.Sprintf("merged=%v", merged), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := store.Open(filepath.Join(b.TempDir(), "mnemo.db"), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				st := s.StreamBatch([]string{"n"}, day, 5000)
				if merged {
					st = s.StreamMerged([]string{"n"}, day, 5000)
				}
				for _, p := range parts {
					if _, err := st.Sync(b.Context(), p); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := st.Finish(b.Context()); err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
