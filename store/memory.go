package store

import (
	"cmp"
	"context"
	"errors"
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
	cards  map[cards.ID]*memCard // by stored ID
	// content is the content index: content hash → stored IDs, sorted.
	content map[cards.ID][]cards.ID
	seq     uint64 // last add sequence given
	log     []cards.Review
	notes   map[string]Note // note stamps by path
}

var (
	_ Store    = (*Memory)(nil)
	_ Streamer = (*Memory)(nil)
)

// memCard is a stored card, as in a Bolt record plus its state and content
// hash.
type memCard struct {
	record
	state cards.State
	hash  cards.ID
}

func (c *memCard) entry() Entry {
	e := c.record.entry(c.state)
	e.Card = copyCard(c.Card)
	return e
}

// NewMemory returns an empty store.
func NewMemory() *Memory {
	return &Memory{cards: make(map[cards.ID]*memCard), content: make(map[cards.ID][]cards.ID), notes: make(map[string]Note)}
}

// index adds stored card c to the content index under its hash.
func (m *Memory) index(c *memCard) {
	c.hash = contentHash(&c.Card)
	ids := m.content[c.hash]
	i, _ := slices.BinarySearch(ids, c.Card.ID)
	m.content[c.hash] = slices.Insert(ids, i, c.Card.ID)
}

// unindex removes stored card c from the content index.
func (m *Memory) unindex(c *memCard) {
	ids := m.content[c.hash]
	if i, ok := slices.BinarySearch(ids, c.Card.ID); ok {
		ids = slices.Delete(ids, i, i+1)
	}
	if len(ids) == 0 {
		delete(m.content, c.hash)
		return
	}
	m.content[c.hash] = ids
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

// Sync implements Store.Sync: the whole batch is applied, or nothing. It
// matches cards as Bolt.Sync does.
func (m *Memory) Sync(ctx context.Context, b Batch) (Summary, error) {
	cs, index, err := dedupe(b.Cards)
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	defer unlock()
	// Decide everything first, so a cancelled context changes nothing.
	sc := newScope(b)
	p, err := m.plan(ctx, cs, index, sc, b.Day, nil)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	p.apply(nil)
	m.putNotes(&b, sc)
	return p.sum, nil
}

// Stream implements Streamer.Stream.
func (m *Memory) Stream(roots []string, day cards.Date) *Stream {
	return newStream(memStream{m: m, staged: new([]*memCard)}, roots, day)
}

// memStream is the Stream of a Memory store. As Bolt's, it keeps the new
// cards of the parts until Finish.
type memStream struct {
	m      *Memory
	staged *[]*memCard
}

func (ms memStream) syncPart(ctx context.Context, st *Stream, in *partInput) (partResult, error) {
	m := ms.m
	cs, index, err := dedupe(in.cards)
	if err != nil {
		return partResult{}, err
	}
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return partResult{}, err
	}
	defer unlock()
	p, err := m.plan(ctx, cs, index, in.sc, st.day, st)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return partResult{}, err
	}
	newPaths := make(map[string]struct{})
	p.apply(func(c *memCard) {
		*ms.staged = append(*ms.staged, c)
		newPaths[c.Card.Source.Path] = struct{}{}
	})
	res := partResult{sum: p.sum, orphaned: p.orphaned, revived: p.revived}
	b := &Batch{}
	for _, n := range in.notes {
		if _, ok := newPaths[n.Path]; ok {
			res.deferred = append(res.deferred, n)
		} else {
			b.Notes = append(b.Notes, n)
		}
	}
	m.putNotes(b, scope{})
	return res, nil
}

func (ms memStream) finish(ctx context.Context, st *Stream) (Summary, error) {
	m := ms.m
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	sc := st.finalScope()
	p, err := m.plan(ctx, nil, nil, sc, st.day, nil)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return Summary{}, err
	}
	for _, c := range *ms.staged {
		id := c.Card.ID
		for i := 1; m.cards[c.Card.ID] != nil; i++ {
			c.Card.ID = altID(id, i)
		}
		m.cards[c.Card.ID] = c
		m.index(c)
	}
	*ms.staged = nil
	p.apply(nil)
	m.putNotes(&Batch{Notes: st.deferred}, scope{})
	m.putNotes(&Batch{}, sc)
	return p.sum, nil
}

// memFate is what Sync does to one incoming card.
type memFate struct {
	what uint8
	sid  cards.ID // stored ID, once matched or new
	old  *memCard // the matched stored card
}

// memPlan is what a Sync will do.
type memPlan struct {
	sum Summary
	// apply applies the plan; stage, when not nil, takes the new cards
	// instead of the store (with their add sequence given).
	apply    func(stage func(*memCard))
	orphaned []cards.ID // the stored IDs it orphans
	revived  int        // cards orphaned by an earlier part of st it matches
}

// plan decides what Sync, or a part of stream st (nil for Sync), does,
// without changing the store. The stored cards taken by an earlier part of
// st are left out.
func (m *Memory) plan(ctx context.Context, cs []cards.Card, index map[string]int, sc scope, day cards.Date, st *Stream) (memPlan, error) {
	fates := make([]memFate, len(cs))
	claimed := make(map[cards.ID]bool)
	match := func(i int, old *memCard, what uint8) {
		fates[i] = memFate{what: what, sid: old.Card.ID, old: old}
		claimed[old.Card.ID] = true
	}
	// free reports whether stored card c may be matched.
	free := func(c *memCard) bool {
		return !claimed[c.Card.ID] && !st.hidden([]byte(c.Card.Source.Path), c.Flags)
	}
	// same reports whether stored card old has the fields of cs[i].
	same := func(old *memCard, i int) bool {
		c := cs[i]
		c.ID = old.Card.ID
		return sameCard(&old.Card, &c)
	}
	changed := func(old *memCard, i int) uint8 {
		if !same(old, i) || old.Flags&flagOrphaned != 0 {
			return syncUpdated
		}
		return syncUnchanged
	}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(string(cs[a].ID), string(cs[b].ID)) })

	var pending []int
	for n, i := range order { // the same stored ID, the same fields
		if err := cancelled(ctx, n); err != nil {
			return memPlan{}, err
		}
		if old, ok := m.cards[cs[i].ID]; ok && free(old) && same(old, i) {
			match(i, old, changed(old, i))
			continue
		}
		pending = append(pending, i)
	}
	pending = slices.DeleteFunc(pending, func(i int) bool { // content hash
		id := cs[i].ID
		if !isHash(id) {
			return false
		}
		var found cards.ID
		for _, sid := range m.content[id] {
			if free(m.cards[sid]) && (found == "" || sid == id) {
				found = sid
			}
		}
		if found == "" {
			return false
		}
		match(i, m.cards[found], changed(m.cards[found], i))
		return true
	})
	pending = slices.DeleteFunc(pending, func(i int) bool { // stored ID
		old, ok := m.cards[cs[i].ID]
		if !ok || !free(old) {
			return false
		}
		match(i, old, syncUpdated)
		return true
	})

	var orphans []*memCard
	if len(sc.roots) > 0 {
		n := 0
		for id, c := range m.cards {
			if err := cancelled(ctx, n); err != nil {
				return memPlan{}, err
			}
			n++
			if claimed[id] || c.Flags&flagOrphaned != 0 || !sc.orphans(c.Card.Source.Path) {
				continue
			}
			orphans = append(orphans, c)
		}
		slices.SortFunc(orphans, func(a, b *memCard) int { return strings.Compare(string(a.Card.ID), string(b.Card.ID)) })
		in := make([]*cards.Card, len(pending))
		for n, i := range pending {
			in[n] = &cs[i]
		}
		old := make([]*cards.Card, len(orphans))
		for n, c := range orphans {
			old[n] = &c.Card
		}
		for _, p := range rematch(in, old, cs) {
			match(pending[p[0]], orphans[p[1]], syncRematched)
		}
		orphans = slices.DeleteFunc(orphans, func(c *memCard) bool { return claimed[c.Card.ID] })
		pending = slices.DeleteFunc(pending, func(i int) bool { return fates[i].what != syncPending })
	}

	taken := make(map[cards.ID]bool)
	for _, i := range pending { // new
		id := cs[i].ID
		for n := 1; m.cards[id] != nil || taken[id]; n++ {
			id = altID(cs[i].ID, n)
			if _, ok := index[string(id)]; ok {
				id = cs[i].ID // an incoming ID: try the next one
			}
		}
		taken[id] = true
		fates[i] = memFate{what: syncNew, sid: id}
	}

	var p memPlan
	for _, f := range fates {
		switch f.what {
		case syncUnchanged:
			p.sum.Unchanged++
		case syncNew:
			p.sum.New++
		case syncRematched:
			p.sum.Rematched++
			p.sum.Updated++
		case syncUpdated:
			p.sum.Updated++
		}
		if st != nil && f.old != nil && f.old.Flags&flagOrphaned != 0 && st.orphaned.Has(f.sid) {
			p.revived++
		}
	}
	p.sum.Orphaned = len(orphans)
	for _, c := range orphans {
		p.orphaned = append(p.orphaned, c.Card.ID)
	}
	p.apply = func(stage func(*memCard)) {
		for i, f := range fates {
			c := copyCard(cs[i])
			c.ID = f.sid
			switch f.what {
			case syncNew:
				m.seq++
				mc := &memCard{record: record{Card: c, Seq: m.seq, Added: day, Changed: day}, state: cards.NewState()}
				if stage != nil {
					stage(mc)
					continue
				}
				m.cards[f.sid] = mc
				m.index(mc)
			case syncUpdated, syncRematched:
				m.unindex(f.old)
				if day != 0 && !sameButSource(&f.old.Card, &c) {
					f.old.Changed = day
				}
				f.old.Card = c
				f.old.Flags &^= flagOrphaned
				m.index(f.old)
			}
		}
		for _, c := range orphans {
			c.Flags |= flagOrphaned
		}
	}
	return p, nil
}

// Cards implements Store.Cards.
func (m *Memory) Cards(ctx context.Context, f Filter) ([]Entry, error) {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("list cards: %w", err)
	}
	defer unlock()
	var es []Entry
	if f.IDs != nil {
		for _, id := range f.IDs {
			if c := m.cards[id]; c != nil {
				if e := c.entry(); f.matches(&e) {
					es = append(es, e)
				}
			}
		}
		sortEntries(es)
		return es, nil
	}
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
		if c.Flags != 0 || buried(c.Buried, day) || !InDeck(c.Card.Deck, q.Deck) {
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

// SetStatus implements Store.SetStatus as Bolt.SetStatus does: an ID that
// is no stored ID is looked up as a content hash.
func (m *Memory) SetStatus(ctx context.Context, ids []cards.ID, s cards.Status) error {
	mark, err := markOf(s)
	if err != nil {
		return fmt.Errorf("set cards %s: %w", s, err)
	}
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return fmt.Errorf("set cards %s: %w", s, err)
	}
	defer unlock()
	var missing []error
	for _, id := range ids {
		found := false
		if c, ok := m.cards[id]; ok {
			c.Flags = c.Flags&^flagsMark | mark
			found = true
		} else if isHash(id) {
			for _, sid := range m.content[id] {
				c := m.cards[sid]
				c.Flags = c.Flags&^flagsMark | mark
				found = true
			}
		}
		if !found {
			missing = append(missing, fmt.Errorf("card %s: %w", id, ErrNotFound))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("set cards %s: %w", s, errors.Join(missing...))
	}
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
	m.content = nil
	m.log = nil
	m.notes = nil
	return nil
}
