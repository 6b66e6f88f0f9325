package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
)

// Memory is a Store kept in memory, for tests and dry runs: it has the
// semantics of Bolt (it returns the same values and errors for the same
// calls) but no file, and Due reads every card. It is safe for concurrent
// use; it keeps copies of the cards it is given and returns copies owned by
// the caller.
type Memory struct {
	mu     sync.RWMutex
	closed bool
	cards  map[cards.ID]*memCard
	seq    uint64 // last add sequence given
	log    []cards.Review
}

var _ Store = (*Memory)(nil)

// memCard is a stored card, as in a Bolt record plus its state.
type memCard struct {
	record
	state cards.State
}

func (c *memCard) entry() Entry {
	return Entry{
		Card:   copyCard(c.Card),
		State:  c.state,
		Status: statusOf(c.Orphaned, c.Suspended, c.state),
	}
}

// NewMemory returns an empty store.
func NewMemory() *Memory {
	return &Memory{cards: make(map[cards.ID]*memCard)}
}

// lock takes the lock for writing (or reading) and checks the store is open
// and ctx alive; the caller must call the returned unlock.
func (m *Memory) lock(ctx context.Context, write bool) (unlock func(), err error) {
	if write {
		m.mu.Lock()
		unlock = m.mu.Unlock
	} else {
		m.mu.RLock()
		unlock = m.mu.RUnlock
	}
	if m.closed {
		unlock()
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// Sync implements Store.Sync: the whole batch is applied, or nothing.
func (m *Memory) Sync(ctx context.Context, b Batch) (Summary, error) {
	cs, inBatch, err := dedupe(b.Cards)
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	defer unlock()

	// Decide everything first, so a cancelled context changes nothing.
	var sum Summary
	var upsert []cards.Card
	for i := range cs {
		if err := cancelled(ctx, i); err != nil {
			return Summary{}, fmt.Errorf("sync cards: %w", err)
		}
		c := &cs[i]
		switch old, ok := m.cards[c.ID]; {
		case !ok:
			sum.New++
		case !old.Orphaned && sameCard(&old.Card, c):
			sum.Unchanged++
			continue
		default:
			sum.Updated++
		}
		upsert = append(upsert, copyCard(*c))
	}
	var orphans []*memCard
	if len(b.Roots) > 0 {
		sc := newScope(b)
		n := 0
		for id, c := range m.cards {
			if err := cancelled(ctx, n); err != nil {
				return Summary{}, fmt.Errorf("sync cards: %w", err)
			}
			n++
			if _, ok := inBatch[string(id)]; ok || c.Orphaned || !sc.orphans(c.Card.Source.Path) {
				continue
			}
			orphans = append(orphans, c)
		}
	}
	if err := ctx.Err(); err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}

	for _, c := range upsert {
		if old, ok := m.cards[c.ID]; ok {
			old.Card = c
			old.Orphaned = false
			continue
		}
		m.seq++
		m.cards[c.ID] = &memCard{record: record{Card: c, Seq: m.seq}, state: cards.NewState()}
	}
	for _, c := range orphans {
		c.Orphaned = true
	}
	sum.Orphaned = len(orphans)
	return sum, nil
}

// Cards implements Store.Cards.
func (m *Memory) Cards(ctx context.Context, f Filter) ([]Entry, error) {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("list cards: %w", err)
	}
	defer unlock()
	var es []Entry
	n := 0
	for _, c := range m.cards {
		if err := cancelled(ctx, n); err != nil {
			return nil, fmt.Errorf("list cards: %w", err)
		}
		n++
		if e := c.entry(); f.matches(&e) {
			es = append(es, e)
		}
	}
	sortEntries(es)
	return es, nil
}

// Due implements Store.Due. Unlike Bolt, it reads every card.
func (m *Memory) Due(ctx context.Context, day cards.Date, q Query) ([]Entry, error) {
	q = capQuery(q)
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("list cards due %s: %w", day, err)
	}
	defer unlock()
	var due, fresh []*memCard
	n := 0
	for _, c := range m.cards {
		if err := cancelled(ctx, n); err != nil {
			return nil, fmt.Errorf("list cards due %s: %w", day, err)
		}
		n++
		if c.Orphaned || c.Suspended || !InDeck(c.Card.Deck, q.Deck) {
			continue
		}
		switch {
		case c.state.IsNew():
			fresh = append(fresh, c)
		case clampDate(c.state.Due) <= day:
			due = append(due, c)
		}
	}
	// The orders of Bolt's indexes: day then ID, and add sequence.
	slices.SortFunc(due, func(a, b *memCard) int {
		return cmp.Or(cmp.Compare(clampDate(a.state.Due), clampDate(b.state.Due)),
			strings.Compare(string(a.Card.ID), string(b.Card.ID)))
	})
	slices.SortFunc(fresh, func(a, b *memCard) int { return cmp.Compare(a.Seq, b.Seq) })
	fresh = fresh[:min(len(fresh), q.New)]
	var es []Entry
	for _, c := range slices.Concat(due, fresh) {
		if q.full(len(es)) {
			break
		}
		es = append(es, c.entry())
	}
	return es, nil
}

// clampDate returns d within the dates the Bolt due index can hold.
func clampDate(d cards.Date) cards.Date { return min(max(d, cards.MinDate), cards.MaxDate) }

// Record implements Store.Record.
func (m *Memory) Record(ctx context.Context, r cards.Review) error {
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return fmt.Errorf("record review of card %s: %w", r.Card, err)
	}
	defer unlock()
	c, ok := m.cards[r.Card]
	if !ok {
		return fmt.Errorf("record review of card %s: %w", r.Card, ErrNotFound)
	}
	if c.state != r.Before {
		return fmt.Errorf("record review of card %s: %w", r.Card, ErrConflict)
	}
	r.At = roundTime(r.At)
	m.log = append(m.log, r)
	if !r.Drill {
		c.state = r.After
	}
	return nil
}

// SetSuspended suspends card id, or brings it back into the queues when
// suspended is false, as Bolt.SetSuspended does. It returns ErrNotFound for
// an unknown card and ErrClosed. It is safe for concurrent use.
func (m *Memory) SetSuspended(ctx context.Context, id cards.ID, suspended bool) error {
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return fmt.Errorf("suspend card %s: %w", id, err)
	}
	defer unlock()
	c, ok := m.cards[id]
	if !ok {
		return fmt.Errorf("suspend card %s: %w", id, ErrNotFound)
	}
	c.Suspended = suspended
	return nil
}

// Reviews implements Store.Reviews.
func (m *Memory) Reviews(ctx context.Context, since time.Time) ([]cards.Review, error) {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	defer unlock()
	var rs []cards.Review
	for _, r := range m.log {
		if !r.At.Before(since) {
			rs = append(rs, r)
		}
	}
	sortReviews(rs)
	return rs, nil
}

// Close releases the store. It returns ErrClosed when the store is already
// closed.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	m.closed = true
	m.cards = nil
	m.log = nil
	return nil
}
