package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

const testDay = cards.Date(20522) // 2026-03-10

// checkedStore returns a store holding cards a (reviewed, due testDay), b
// (new) and c (suspended), with a logged review.
func checkedStore(t *testing.T) *Bolt {
	t.Helper()
	b, err := Open(filepath.Join(t.TempDir(), "mnemo.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ctx := t.Context()
	var cs []cards.Card
	for _, id := range []cards.ID{"a", "b", "c"} {
		cs = append(cs, cards.Card{ID: id, Kind: cards.Basic, Source: cards.Source{Path: "n.md", Line: 1}})
	}
	if _, err := b.Sync(ctx, Batch{Cards: cs}); err != nil {
		t.Fatal(err)
	}
	after := cards.State{Reps: 1, EF: 250, Interval: 1, Due: testDay, Reviews: 1, Last: testDay - 1}
	r := cards.Review{Card: "a", At: time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), Day: testDay - 1, Grade: cards.Good, Before: cards.NewState(), After: after}
	if err := b.Record(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := b.SetStatus(ctx, []cards.ID{"c"}, cards.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	if err := b.Check(ctx); err != nil {
		t.Fatalf("Check() of a sound store error = %v", err)
	}
	return b
}

func TestBolt_Check(t *testing.T) {
	bucket := func(tx *bolt.Tx, name string) *bolt.Bucket { return tx.Bucket([]byte(name)) }
	// checkedStore's cards have no text: they share one content hash.
	empty := cards.NewID(cards.Basic, "", "")
	other := cards.NewID(cards.Basic, "other", "")
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx) error
		want    []string
	}{
		{
			name:    "due entry missing",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketDue).Delete(dueKey(testDay, []byte("a"))) },
			want:    []string{"card a is missing from the due index (card a on 2026-03-10)"},
		},
		{
			name: "due entry on the wrong day",
			corrupt: func(tx *bolt.Tx) error {
				return moveKey(bucket(tx, bucketDue), dueKey(testDay, []byte("a")), dueKey(testDay+1, []byte("a")))
			},
			want: []string{
				"the due index lists card a on 2026-03-11, which does not belong there",
				"card a is missing from the due index (card a on 2026-03-10)",
			},
		},
		{
			name:    "suspended card in the new index",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketNew).Put(newKey(3, []byte("c")), []byte{}) },
			want:    []string{"the new index lists card c added 3, which does not belong there"},
		},
		{
			name:    "state missing",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketStates).Delete([]byte("b")) },
			want:    []string{"card b has no state", "the new index lists card b added 2"},
		},
		{
			name: "state of an unknown card",
			corrupt: func(tx *bolt.Tx) error {
				return bucket(tx, bucketStates).Put([]byte("zz"), appendState(nil, cards.NewState()))
			},
			want: []string{"state of unknown card zz"},
		},
		{
			name:    "damaged record",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketCards).Put([]byte("b"), []byte{recordV1}) },
			want:    []string{"card b: value is truncated"},
		},
		{
			name: "shared add sequence",
			corrupt: func(tx *bolt.Tx) error {
				v := appendRecord(nil, &record{Card: cards.Card{ID: "b", Kind: cards.Basic, Source: cards.Source{Path: "n.md", Line: 1}}, Seq: 1})
				return bucket(tx, bucketCards).Put([]byte("b"), v)
			},
			want: []string{"cards a and b share add sequence 1", "card b is missing from the new index"},
		},
		{
			name:    "content entry missing",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketContent).Delete(contentKey(empty, []byte("b"))) },
			want:    []string{"card b is missing from the content index (card b with content " + string(empty) + ")"},
		},
		{
			name: "content entry under another hash",
			corrupt: func(tx *bolt.Tx) error {
				return bucket(tx, bucketContent).Put(contentKey(other, []byte("a")), []byte{})
			},
			want: []string{"the content index lists card a with content " + string(other) + ", which does not belong there"},
		},
		{
			name: "content entry of an unknown card",
			corrupt: func(tx *bolt.Tx) error {
				return bucket(tx, bucketContent).Put(contentKey(empty, []byte("zz")), []byte{})
			},
			want: []string{"the content index lists card zz with content"},
		},
		{
			name:    "bad content key",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketContent).Put([]byte("short"), []byte{}) },
			want:    []string{"the content index lists bad key 73686f7274"},
		},
		{
			name: "card edited without its content entry",
			corrupt: func(tx *bolt.Tx) error {
				v := appendRecord(nil, &record{Card: cards.Card{Kind: cards.Basic, Front: "other", Source: cards.Source{Path: "n.md", Line: 1}}, Seq: 2})
				return bucket(tx, bucketCards).Put([]byte("b"), v)
			},
			want: []string{
				"card b is missing from the content index (card b with content " + string(other) + ")",
				"the content index lists card b with content " + string(empty) + ", which does not belong there",
			},
		},
		{
			name: "deck entry missing",
			corrupt: func(tx *bolt.Tx) error {
				return bucket(tx, bucketDecks).Delete(deckKey(nil, 0, cards.NewState(), []byte("b")))
			},
			want: []string{`card b is missing from the deck index (card b in deck "", new)`},
		},
		{
			name: "deck entry in another deck",
			corrupt: func(tx *bolt.Tx) error {
				return moveKey(bucket(tx, bucketDecks), deckKey(nil, flagSuspended, cards.NewState(), []byte("c")),
					deckKey([]byte("x"), flagSuspended, cards.NewState(), []byte("c")))
			},
			want: []string{
				`the deck index lists card c in deck "x", suspended, which does not belong there`,
				`card c is missing from the deck index (card c in deck "", suspended)`,
			},
		},
		{
			name:    "bad deck key",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketDecks).Put([]byte{9}, []byte{}) },
			want:    []string{"the deck index lists bad key 09"},
		},
		{
			name: "state not the one the log left",
			corrupt: func(tx *bolt.Tx) error {
				s := cards.State{Reps: 2, EF: 250, Interval: 6, Due: testDay + 5, Reviews: 2, Last: testDay}
				if err := bucket(tx, bucketStates).Put([]byte("a"), appendState(nil, s)); err != nil {
					return err
				}
				return moveKey(bucket(tx, bucketDue), dueKey(testDay, []byte("a")), dueKey(testDay+5, []byte("a")))
			},
			want: []string{"card a: its state (reviews 2, interval 6, due 2026-03-15) is not the one its last review left (reviews 1, interval 1, due 2026-03-10)"},
		},
		{
			name: "reviewed state without a review",
			corrupt: func(tx *bolt.Tx) error {
				s := cards.State{Reps: 1, EF: 250, Interval: 1, Due: testDay, Reviews: 1, Last: testDay - 1}
				return bucket(tx, bucketStates).Put([]byte("c"), appendState(nil, s))
			},
			want: []string{"card c: its state (reviews 1, interval 1, due 2026-03-10) says it was reviewed, but the log has no review of it"},
		},
		{
			name:    "damaged note stamp",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketNotes).Put([]byte("n.md"), []byte{noteV1, 1}) },
			want:    []string{"note n.md: value is truncated"},
		},
		{
			name: "review of an unknown card",
			corrupt: func(tx *bolt.Tx) error {
				return bucket(tx, bucketLog).Put([]byte{0, 0, 0, 0, 0, 0, 0, 9}, appendReview(nil, &cards.Review{Card: "zz"}))
			},
			want: []string{"review 0000000000000009 names unknown card zz"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := checkedStore(t)
			if err := b.db.Update(tt.corrupt); err != nil {
				t.Fatal(err)
			}
			err := b.Check(t.Context())
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check() error = %v, want ErrCorrupt", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check() error = %q, want it to mention %q", err, w)
				}
			}
		})
	}
}

// TestBolt_Repair damages each index, then repairs it: Repair rebuilds
// the indexes, says what it fixed, and leaves cards, states and log as
// they were.
func TestBolt_Repair(t *testing.T) {
	bucket := func(tx *bolt.Tx, name string) *bolt.Bucket { return tx.Bucket([]byte(name)) }
	empty := cards.NewID(cards.Basic, "", "")
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx) error
		want    []Fix
	}{
		{
			name: "due entry on the wrong day",
			corrupt: func(tx *bolt.Tx) error {
				return moveKey(bucket(tx, bucketDue), dueKey(testDay, []byte("a")), dueKey(testDay+1, []byte("a")))
			},
			want: []Fix{{Index: "due", Removed: 1, Added: 1}},
		},
		{
			name:    "suspended card in the new index",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketNew).Put(newKey(3, []byte("c")), []byte{}) },
			want:    []Fix{{Index: "new", Removed: 1}},
		},
		{
			name:    "new index emptied",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketNew).Delete(newKey(2, []byte("b"))) },
			want:    []Fix{{Index: "new", Added: 1}},
		},
		{
			name:    "content entry missing",
			corrupt: func(tx *bolt.Tx) error { return bucket(tx, bucketContent).Delete(contentKey(empty, []byte("b"))) },
			want:    []Fix{{Index: "content", Added: 1}},
		},
		{
			name: "deck entries garbled",
			corrupt: func(tx *bolt.Tx) error {
				if err := bucket(tx, bucketDecks).Put([]byte{9}, []byte("value")); err != nil {
					return err
				}
				return bucket(tx, bucketDecks).Delete(deckKey(nil, 0, cards.NewState(), []byte("b")))
			},
			want: []Fix{{Index: "deck", Removed: 1, Added: 1}},
		},
		{
			name: "index entry with a value",
			corrupt: func(tx *bolt.Tx) error {
				return bucket(tx, bucketDue).Put(dueKey(testDay, []byte("a")), []byte("x"))
			},
			want: []Fix{{Index: "due", Added: 1}},
		},
		{
			name: "nested bucket in an index",
			corrupt: func(tx *bolt.Tx) error {
				_, err := bucket(tx, bucketNew).CreateBucket([]byte("nested"))
				return err
			},
			want: []Fix{{Index: "new", Removed: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := checkedStore(t)
			ctx := t.Context()
			before, err := b.Dump(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.db.Update(tt.corrupt); err != nil {
				t.Fatal(err)
			}
			if err := b.Check(ctx); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check() of the damaged store error = %v, want ErrCorrupt", err)
			}
			got, err := b.Repair(ctx)
			if err != nil {
				t.Fatalf("Repair() error = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Repair() mismatch (-want +got):\n%s", diff)
			}
			if err := b.Check(ctx); err != nil {
				t.Errorf("Check() after Repair() error = %v", err)
			}
			if again, err := b.Repair(ctx); err != nil || again != nil {
				t.Errorf("second Repair() = %v, %v; want nothing to fix", again, err)
			}
			after, err := b.Dump(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("Repair() changed cards, states or log (-before +after):\n%s", diff)
			}
		})
	}
}

// TestBolt_RepairLeavesLog shows what Repair does not fix: a state that
// is not the one the log left is reported before and after.
func TestBolt_RepairLeavesLog(t *testing.T) {
	b := checkedStore(t)
	ctx := t.Context()
	s := cards.State{Reps: 1, EF: 250, Interval: 1, Due: testDay + 3, Reviews: 1, Last: testDay - 1}
	if err := b.db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte(bucketStates)).Put([]byte("a"), appendState(nil, s)) }); err != nil {
		t.Fatal(err)
	}
	fixes, err := b.Repair(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Fix{{Index: "due", Removed: 1, Added: 1}, {Index: "deck", Removed: 1, Added: 1}}
	if diff := cmp.Diff(want, fixes); diff != "" {
		t.Errorf("Repair() mismatch (-want +got):\n%s", diff)
	}
	r, err := b.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Found != 1 || !strings.Contains(r.Problems[0].Error(), "card a: its state") {
		t.Errorf("Verify() after Repair() = %+v, want the state of card a only", r)
	}
	if r.Cards != 3 || r.Reviews != 1 {
		t.Errorf("Verify() counts %d cards and %d reviews, want 3 and 1", r.Cards, r.Reviews)
	}
	if st, err := b.Cards(ctx, Filter{IDs: []cards.ID{"a"}}); err != nil || st[0].State != s {
		t.Errorf("Repair() changed the state of card a: %+v, %v", st, err)
	}
}

func moveKey(b *bolt.Bucket, from, to []byte) error {
	if err := b.Delete(from); err != nil {
		return err
	}
	return b.Put(to, []byte{})
}

func TestBolt_DueBadIndex(t *testing.T) {
	b := checkedStore(t)
	if err := b.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketDue)).Put(dueKey(testDay-1, []byte("b")), []byte{})
	}); err != nil {
		t.Fatal(err)
	}
	_, err := b.Due(t.Context(), testDay, Query{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "the review index lists card b, which is new") {
		t.Errorf("Due() error = %v, want ErrCorrupt naming card b", err)
	}
}

func TestProblems_Cap(t *testing.T) {
	var p problems
	for i := range maxProblems + 5 {
		p.add("problem %d", i)
	}
	err := p.err("check")
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "55 problems") || !strings.HasSuffix(err.Error(), "and 5 more") {
		t.Errorf("err() = %v, want 55 problems listed as 50 and 5 more", err)
	}
}

func TestMemory_Check(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(m *Memory)
		want    []string
	}{
		{
			name:    "content entry missing",
			corrupt: func(m *Memory) { delete(m.content, m.cards["a"].hash) },
			want:    []string{"card a is missing from the content index"},
		},
		{
			name:    "card edited without its content entry",
			corrupt: func(m *Memory) { m.cards["a"].Card.Front = "changed" },
			want:    []string{"card a has content", "card a is missing from the content index"},
		},
		{
			name:    "content entry of an unknown card",
			corrupt: func(m *Memory) { m.content["0123456789abcdef"] = []cards.ID{"zz"} },
			want:    []string{"the content index lists card zz with content 0123456789abcdef"},
		},
		{
			name:    "review of an unknown card",
			corrupt: func(m *Memory) { m.log = append(m.log, cards.Review{Card: "zz"}) },
			want:    []string{"review 1 names unknown card zz"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMemory()
			cs := []cards.Card{{ID: "a", Kind: cards.Basic, Front: "a"}, {ID: "b", Kind: cards.Basic, Front: "b"}}
			if _, err := m.Sync(t.Context(), Batch{Cards: cs}); err != nil {
				t.Fatal(err)
			}
			if err := m.Check(t.Context()); err != nil {
				t.Fatalf("Check() of a sound store error = %v", err)
			}
			tt.corrupt(m)
			err := m.Check(t.Context())
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check() error = %v, want ErrCorrupt", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check() error = %q, want it to mention %q", err, w)
				}
			}
		})
	}
}
