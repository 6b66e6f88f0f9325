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
	st.impl.(*boltStream).batch = batch
	return st
}
