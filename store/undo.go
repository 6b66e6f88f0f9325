package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/mnemo-dev/mnemo/cards"
)

// Undo and Bury serve the review screen. They are methods of Bolt and
// Memory but not of Store: a caller finds them with a type assertion.

// sameReview reports whether the log entry got is the answer r: same card,
// instant, grade, drill flag and states (Day is not compared; At is
// compared as an instant, since the store keeps only its zone's offset and
// name).
func sameReview(got, r *cards.Review) bool {
	return got.Card == r.Card && got.At.Equal(r.At) && got.Grade == r.Grade &&
		got.Drill == r.Drill && got.Before == r.Before && got.After == r.After
}

// undoneState returns the state the card of r must have for r to be
// undone: r.After, or r.Before for a drill, which changed no state.
func undoneState(r *cards.Review) cards.State {
	if r.Drill {
		return r.Before
	}
	return r.After
}

// Undo reverts the answer r, which must be the last review-log entry of
// r.Card: the entry is removed from the log and, unless r.Drill, the card's
// state is set back to r.Before and the due/new indexes follow. It returns
// ErrNotFound for an unknown card and ErrConflict when r is not the card's
// last log entry (compare Card, At, Grade, Drill, Before, After) or the
// card's state is not r.After (r.Before for a drill). One transaction.
//
// It finds the entry by reading the log backwards from its end, so undoing
// the last answer reads one entry. Besides those errors it returns the
// errors of the other writing methods (ErrClosed, ErrReadOnly, ErrCorrupt,
// the context's).
func (b *Bolt) Undo(ctx context.Context, r cards.Review) error {
	err := b.update(ctx, func(t *tables) error {
		id := []byte(r.Card)
		h, err := t.expect(id, undoneState(&r))
		if err != nil {
			return err
		}
		key, last, err := t.lastReview(ctx, r.Card)
		if err != nil {
			return err
		}
		if key == nil || !sameReview(&last, &r) {
			return ErrConflict
		}
		if err := t.log.Delete(key); err != nil {
			return fmt.Errorf("remove from review log: %w", err)
		}
		if r.Drill {
			return nil
		}
		if err := t.states.Put(id, appendState(nil, r.Before)); err != nil {
			return err
		}
		return t.reindex(id, &h, h.Flags, r.After, h.Flags, r.Before)
	})
	if err != nil {
		return fmt.Errorf("undo review of card %s: %w", r.Card, err)
	}
	return nil
}

// lastReview returns the key and the entry of the last review of card id
// in the log, or a nil key when it has none.
func (t *tables) lastReview(ctx context.Context, id cards.ID) ([]byte, cards.Review, error) {
	c := t.log.Cursor()
	n := 0
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if err := cancelled(ctx, n); err != nil {
			return nil, cards.Review{}, err
		}
		n++
		r, err := decodeReview(v)
		if err != nil {
			return nil, cards.Review{}, fmt.Errorf("%w: review %x: %w", ErrCorrupt, k, err)
		}
		if r.Card == id {
			return bytes.Clone(k), r, nil
		}
	}
	return nil, cards.Review{}, nil
}

// Bury hides cards from Due until the day until (exclusive: on day `until`
// they are due again; a bury with until <= today therefore un-buries).
// Unknown IDs give ErrNotFound joined per ID, the others are applied in
// one transaction.
//
// As in SetStatus, an ID that is no stored ID is looked up as a content
// hash. A buried card keeps its state, status and place in the indexes
// (Cards and Check see no difference); only Due skips it before until.
// The date stays with the card across Sync. A date of 1970-01-01 or
// earlier also un-buries (0 means not buried).
func (b *Bolt) Bury(ctx context.Context, ids []cards.ID, until cards.Date) error {
	until = buryDate(until)
	err := b.eachCard(ctx, ids, func(t *tables, sid []byte) error { return t.bury(sid, until) })
	if err != nil {
		return fmt.Errorf("bury cards until %s: %w", until, err)
	}
	return nil
}

// bury sets the buried-until date of stored card id; until is already
// normalized (see buryDate).
func (t *tables) bury(id []byte, until cards.Date) error {
	v := t.cards.Get(id)
	if v == nil {
		return fmt.Errorf("%w: the content index lists card %s, which is missing", ErrCorrupt, id)
	}
	h, err := decodeHead(v)
	if err != nil {
		return fmt.Errorf("%w: card %s: %w", ErrCorrupt, id, err)
	}
	if until == h.Buried {
		return nil
	}
	if err := t.cards.Put(id, setBuried(&h, until)); err != nil {
		return fmt.Errorf("put card %s: %w", id, err)
	}
	return nil
}

// buryDate returns the buried-until date stored for a Bury until day
// until: 0 (not buried) for 1970-01-01 and earlier, which no review day
// of mnemo precedes.
func buryDate(until cards.Date) cards.Date { return max(until, 0) }

// buried reports whether a card with the buried-until date d is hidden
// from Due on day.
func buried(d, day cards.Date) bool { return d > 0 && day < d }

// Undo implements Bolt.Undo for the memory store.
func (m *Memory) Undo(ctx context.Context, r cards.Review) error {
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return fmt.Errorf("undo review of card %s: %w", r.Card, err)
	}
	defer unlock()
	c, ok := m.cards[r.Card]
	if !ok {
		return fmt.Errorf("undo review of card %s: %w", r.Card, ErrNotFound)
	}
	if c.state != undoneState(&r) {
		return fmt.Errorf("undo review of card %s: %w", r.Card, ErrConflict)
	}
	i := len(m.log) - 1
	for i >= 0 && m.log[i].Card != r.Card {
		i--
	}
	if i < 0 || !sameReview(&m.log[i], &r) {
		return fmt.Errorf("undo review of card %s: %w", r.Card, ErrConflict)
	}
	m.log = slices.Delete(m.log, i, i+1)
	if !r.Drill {
		c.state = r.Before
	}
	return nil
}

// Bury implements Bolt.Bury for the memory store.
func (m *Memory) Bury(ctx context.Context, ids []cards.ID, until cards.Date) error {
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return fmt.Errorf("bury cards until %s: %w", until, err)
	}
	defer unlock()
	until = buryDate(until)
	var missing []error
	for _, id := range ids {
		found := false
		if c, ok := m.cards[id]; ok {
			c.Buried = until
			found = true
		} else if isHash(id) {
			for _, sid := range m.content[id] {
				m.cards[sid].Buried = until
				found = true
			}
		}
		if !found {
			missing = append(missing, fmt.Errorf("card %s: %w", id, ErrNotFound))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("bury cards until %s: %w", until, errors.Join(missing...))
	}
	return nil
}
