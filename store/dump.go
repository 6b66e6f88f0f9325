package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
)

// Dump and Load serve backups: Dump reads everything a store holds, Load
// writes it into an empty store. They are methods of Bolt and Memory but
// not of Store: a caller finds them with a type assertion.

// Dump is everything a store holds, for backups. Cards are sorted by
// stored ID; the log is in log order (the order the answers were recorded).
type Dump struct {
	Cards []DumpCard
	Log   []cards.Review
}

// DumpCard is one stored card with its schedule, flags and add sequence.
type DumpCard struct {
	Card  cards.Card // Card.ID is the stored ID
	State cards.State
	// Orphaned is set by Sync for a card whose source is gone; Suspended
	// and Rejected are the user's marks (at most one of the two).
	Orphaned, Suspended, Rejected bool
	// Buried is the day the card comes back to Due after Bury; 0 when not
	// buried.
	Buried cards.Date
	// Seq is the add sequence: the order of the new-card queue, unique and
	// at least 1.
	Seq uint64
	// Added and Changed are the days the card was first stored and its
	// fields last changed (see Entry); 0 when unknown, as in a backup
	// written before they were kept.
	Added, Changed cards.Date
}

func (c *DumpCard) flags() flags {
	var f flags
	if c.Orphaned {
		f |= flagOrphaned
	}
	if c.Suspended {
		f |= flagSuspended
	}
	if c.Rejected {
		f |= flagRejected
	}
	return f
}

func dumpCard(r *record, s cards.State) DumpCard {
	return DumpCard{
		Card:      copyCard(r.Card),
		State:     s,
		Orphaned:  r.Flags&flagOrphaned != 0,
		Suspended: r.Flags&flagSuspended != 0,
		Rejected:  r.Flags&flagRejected != 0,
		Buried:    r.Buried,
		Seq:       r.Seq,
		Added:     r.Added,
		Changed:   r.Changed,
	}
}

// record returns the card record of c.
func (c *DumpCard) record() record {
	return record{Card: c.Card, Seq: c.Seq, Flags: c.flags(), Buried: buryDate(c.Buried), Added: c.Added, Changed: c.Changed}
}

// Validate reports what makes d unfit for Load (see Load), every problem
// joined, or the context's error. It reads nothing but d: callers run it
// before they create a store to load d into.
func (d *Dump) Validate(ctx context.Context) error { return checkDump(ctx, d) }

// checkDump reports what makes d unfit for Load: an empty or repeated
// card ID, a card both suspended and rejected, an add sequence of 0 or
// repeated, a review of an unknown card. Every problem is reported.
func checkDump(ctx context.Context, d *Dump) error {
	var errs []error
	ids := make(map[cards.ID]bool, len(d.Cards))
	seqs := make(map[uint64]cards.ID, len(d.Cards))
	for i := range d.Cards {
		if err := cancelled(ctx, i); err != nil {
			return err
		}
		c := &d.Cards[i]
		id := c.Card.ID
		switch {
		case id == "":
			errs = append(errs, fmt.Errorf("card %d has no ID", i+1))
			continue
		case ids[id]:
			errs = append(errs, fmt.Errorf("card %s appears twice", id))
		}
		ids[id] = true
		if c.Suspended && c.Rejected {
			errs = append(errs, fmt.Errorf("card %s is both suspended and rejected", id))
		}
		if c.Seq == 0 {
			errs = append(errs, fmt.Errorf("card %s has add sequence 0", id))
		} else if other, ok := seqs[c.Seq]; ok {
			errs = append(errs, fmt.Errorf("cards %s and %s share add sequence %d", other, id, c.Seq))
		}
		seqs[c.Seq] = id
	}
	for i, r := range d.Log {
		if err := cancelled(ctx, i); err != nil {
			return err
		}
		if !ids[r.Card] {
			errs = append(errs, fmt.Errorf("review %d names unknown card %s", i+1, r.Card))
		}
	}
	return errors.Join(errs...)
}

// Dump returns every card, with its state, flags, buried-until date and
// add sequence, sorted by stored ID, and the whole review log in log
// order. It reads the store in one transaction.
func (b *Bolt) Dump(ctx context.Context) (Dump, error) {
	var d Dump
	err := b.view(ctx, func(t *tables) error {
		d = Dump{}
		c := t.cards.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			r, err := decodeRecord(k, v)
			if err != nil {
				return fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
			}
			s, err := t.state(k)
			if err != nil {
				return err
			}
			d.Cards = append(d.Cards, dumpCard(&r, s))
		}
		c = t.log.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			r, err := decodeReview(v)
			if err != nil {
				return fmt.Errorf("%w: review %x: %w", ErrCorrupt, k, err)
			}
			d.Log = append(d.Log, r)
		}
		return nil
	})
	if err != nil {
		return Dump{}, fmt.Errorf("dump store: %w", err)
	}
	return d, nil
}

// Load fills an empty store with d in one transaction: the cards with
// their states, flags, buried-until dates and add sequences, and the log
// in the order given. It rebuilds the due, new and content indexes and
// sets the add sequence past the largest Seq, so a later Sync numbers new
// cards after them; Check passes afterwards.
//
// It returns ErrNotEmpty when the store holds any card or review, and an
// error naming every problem when d is inconsistent (see DumpCard: an
// empty or repeated ID or Seq, both marks, a review of an unknown card);
// it then changes nothing. A buried-until date of 1970-01-01 or earlier
// is stored as 0 (not buried), as Bury does.
func (b *Bolt) Load(ctx context.Context, d Dump) error {
	if err := checkDump(ctx, &d); err != nil {
		return fmt.Errorf("load store: %w", err)
	}
	err := b.update(ctx, func(t *tables) error {
		if k, _ := t.cards.Cursor().First(); k != nil {
			return ErrNotEmpty
		}
		if k, _ := t.log.Cursor().First(); k != nil {
			return ErrNotEmpty
		}
		var last uint64
		var dueKeys, newKeys, contentKeys, deckKeys [][]byte
		for i := range d.Cards {
			if err := cancelled(ctx, i); err != nil {
				return err
			}
			dc := &d.Cards[i]
			id := []byte(dc.Card.ID)
			r := dc.record()
			if err := t.cards.Put(id, appendRecord(nil, &r)); err != nil {
				return fmt.Errorf("put card %s: %w", id, err)
			}
			if err := t.states.Put(id, appendState(nil, dc.State)); err != nil {
				return fmt.Errorf("put state of card %s: %w", id, err)
			}
			switch bk, k := t.indexKey(id, r.Flags, r.Seq, dc.State); bk {
			case t.due:
				dueKeys = append(dueKeys, k)
			case t.new:
				newKeys = append(newKeys, k)
			}
			contentKeys = append(contentKeys, contentKey(contentHash(&r.Card), id))
			deckKeys = append(deckKeys, deckKey([]byte(r.Card.Deck), r.Flags, dc.State, id))
			last = max(last, r.Seq)
		}
		if err := t.cards.SetSequence(last); err != nil {
			return err
		}
		for name, keys := range map[string][][]byte{bucketDue: dueKeys, bucketNew: newKeys, bucketContent: contentKeys, bucketDecks: deckKeys} {
			if err := putKeys(t.tx.Bucket([]byte(name)), keys); err != nil {
				return fmt.Errorf("build %s index: %w", name, err)
			}
		}
		for i := range d.Log {
			if err := cancelled(ctx, i); err != nil {
				return err
			}
			seq, err := t.log.NextSequence()
			if err != nil {
				return err
			}
			if err := t.log.Put(binary.BigEndian.AppendUint64(nil, seq), appendReview(nil, &d.Log[i])); err != nil {
				return fmt.Errorf("append to review log: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load store: %w", err)
	}
	return nil
}

// Dump implements Bolt.Dump for the memory store.
func (m *Memory) Dump(ctx context.Context) (Dump, error) {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return Dump{}, fmt.Errorf("dump store: %w", err)
	}
	defer unlock()
	cs := make([]*memCard, 0, len(m.cards))
	for _, c := range m.cards {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b *memCard) int { return strings.Compare(string(a.Card.ID), string(b.Card.ID)) })
	var d Dump
	for _, c := range cs {
		d.Cards = append(d.Cards, dumpCard(&c.record, c.state))
	}
	d.Log = slices.Clone(m.log)
	return d, nil
}

// Load implements Bolt.Load for the memory store.
func (m *Memory) Load(ctx context.Context, d Dump) error {
	if err := checkDump(ctx, &d); err != nil {
		return fmt.Errorf("load store: %w", err)
	}
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return fmt.Errorf("load store: %w", err)
	}
	defer unlock()
	if len(m.cards) > 0 || len(m.log) > 0 {
		return fmt.Errorf("load store: %w", ErrNotEmpty)
	}
	for i := range d.Cards {
		dc := &d.Cards[i]
		c := &memCard{record: dc.record(), state: dc.State}
		c.Card = copyCard(c.Card)
		m.cards[c.Card.ID] = c
		m.index(c)
		m.seq = max(m.seq, c.Seq)
	}
	for _, r := range d.Log {
		r.At = roundTime(r.At)
		m.log = append(m.log, r)
	}
	return nil
}
