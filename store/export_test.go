package store

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/mnemo-dev/mnemo/cards"
)

// SetStates sets the states of stored cards and moves them in the indexes,
// in one transaction and without logging reviews: benchmarks use it to
// build large stores of reviewed cards quickly.
func (b *Bolt) SetStates(ctx context.Context, states map[cards.ID]cards.State) error {
	return b.update(ctx, func(t *tables) error {
		for _, id := range slices.Sorted(maps.Keys(states)) {
			key := []byte(id)
			h, err := decodeHead(t.cards.Get(key))
			if err != nil {
				return err
			}
			old, err := t.state(key)
			if err != nil {
				return err
			}
			if err := t.states.Put(key, appendState(nil, states[id])); err != nil {
				return err
			}
			if err := t.reindex(key, &h, h.Flags, old, h.Flags, states[id]); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteV1 writes a small store in the layout of schema version 1 at path,
// for the tests of package store_test.
func WriteV1(t testing.TB, path string) {
	cs, log := v1Store()
	writeV1(t, path, cs, log, nil)
}

// StreamBatch is Stream with Finish storing batch new cards a transaction.
func (b *Bolt) StreamBatch(roots []string, day cards.Date, batch int) *Stream {
	st := b.Stream(roots, day)
	bs := st.impl.(*boltStream)
	bs.batch, bs.stageBatch, bs.keysBatch = batch, batch, batch
	return st
}

// StreamMerged is StreamBatch with Finish merging the new cards into the
// buckets even in a store without cards, as it did before it staged them.
func (b *Bolt) StreamMerged(roots []string, day cards.Date, batch int) *Stream {
	st := b.StreamBatch(roots, day, batch)
	st.impl.(*boltStream).noStage = true
	return st
}

// AfterStage sets a function that a Finish into a store without cards
// calls once it has staged the new cards, before it puts them in place.
func (st *Stream) AfterStage(f func()) { st.impl.(*boltStream).afterStage = f }

// Staged reports whether the store holds a stage bucket (see stage.go).
func (b *Bolt) Staged(t testing.TB) bool {
	staged := false
	if err := b.view(t.Context(), func(tt *tables) error {
		staged = tt.tx.Bucket([]byte(bucketStage)) != nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return staged
}

// LeaveStage puts in the store a stage bucket holding a card, as a Finish
// killed while it staged leaves it.
func (b *Bolt) LeaveStage(t testing.TB) {
	err := b.update(t.Context(), func(tt *tables) error {
		root, err := tt.tx.CreateBucket([]byte(bucketStage))
		if err != nil {
			return err
		}
		bk, err := root.CreateBucket([]byte(bucketCards))
		if err != nil {
			return err
		}
		return bk.Put([]byte("0123456789abcdef"), []byte("left over"))
	})
	if err != nil {
		t.Fatal(err)
	}
}
