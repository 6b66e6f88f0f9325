package store

import (
	"context"
	"maps"
	"slices"

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
			if err := t.reindex(key, h.Orphaned, h.Suspended, h.Seq, old, h.Orphaned, h.Suspended, states[id]); err != nil {
				return err
			}
		}
		return nil
	})
}
