package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

// Sync implements Store.Sync in one write transaction. It looks up each
// incoming card (one read for an unchanged card), reads every stored card
// once when the batch has roots, to find the ones to orphan, and writes
// only the cards that change. See match.go for how cards are matched.
func (b *Bolt) Sync(ctx context.Context, batch Batch) (Summary, error) {
	cs, index, order, err := prepare(batch.Cards)
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	sc := newScope(batch)
	var sum Summary
	err = b.update(ctx, func(t *tables) error {
		s := &syncer{t: t, ctx: ctx, cs: cs, order: order, index: index, sc: sc, day: batch.Day}
		var err error
		if sum, err = s.run(); err != nil {
			return err
		}
		return t.putNotes(ctx, &batch, sc)
	})
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	return sum, nil
}

// prepare dedupes incoming cards (see dedupe) and returns their indexes
// sorted by ID: reading and writing in key order keeps bbolt fast on
// large batches.
func prepare(in []cards.Card) (cs []cards.Card, index map[string]int, order []int, err error) {
	cs, index, err = dedupe(in)
	if err != nil {
		return nil, nil, nil, err
	}
	// Sorting IDs beside their index is faster than sorting indexes.
	type item struct {
		id cards.ID
		i  int
	}
	items := make([]item, len(cs))
	for i := range cs {
		items[i] = item{cs[i].ID, i}
	}
	slices.SortFunc(items, func(a, b item) int { return strings.Compare(string(a.id), string(b.id)) })
	order = make([]int, len(cs))
	for n, it := range items {
		order[n] = it.i
	}
	return cs, index, order, nil
}

// What Sync does to a card of the batch.
const (
	syncPending   = iota // not matched yet
	syncUnchanged        // matched, fields identical
	syncUpdated          // matched, fields changed or revived
	syncRematched        // matched by similarity to a card about to be orphaned
	syncNew              // stored for the first time
)

// fate is what Sync does to one incoming card.
type fate struct {
	what   uint8
	stored bool       // a stored card has the incoming card's ID
	self   bool       // matched to the stored card of its own ID
	sid    []byte     // stored ID, once matched or new; nil when self
	flags  flags      // flags of the matched stored card
	seq    uint64     // add sequence of the matched stored card
	buried cards.Date // buried-until date of the matched stored card
	// added and changed are the dates of the matched stored card.
	added, changed cards.Date
	// deck and body are the deck and card fields of the matched stored
	// card, when they may change.
	deck, body []byte
	// oldHash is the content hash of the matched stored card when its
	// content may change, "" when it surely does not.
	oldHash cards.ID
}

// orphan is a stored card absent from the batch, in scope.
type orphan struct {
	id, v []byte
	h     recordHead
	taken bool // re-matched: not orphaned after all
}

// syncer runs one Sync in a write transaction.
type syncer struct {
	t     *tables
	ctx   context.Context
	cs    []cards.Card
	order []int          // indexes of cs sorted by ID
	index map[string]int // incoming ID → index in cs
	sc    scope
	day   cards.Date
	// st is the stream of a part (nil for Sync): the stored cards an
	// earlier part took are hidden. cands, when not nil, lists the only
	// stored cards that may become orphaned, instead of every card.
	st    *Stream
	cands [][]byte
	// spool, when not nil, takes the new cards instead of the buckets
	// (a Bolt stream's part), and newPaths the paths of their notes.
	spool    *spool
	newPaths map[string]struct{}

	fates []fate
	// extra holds the stored IDs matched by an incoming card of another
	// ID; a stored ID matched by the card of the same ID is found through
	// index and fates, so an unchanged batch builds no second map.
	extra   map[string]struct{}
	pending []int // indexes of cs still unmatched, in ID order
	orphans []orphan
	body    []byte
	// orphaned lists the IDs orphaned, and revived counts the cards an
	// earlier part of st orphaned that are matched again (streams only).
	orphaned []cards.ID
	revived  int
}

// claimed reports whether stored card sid is matched by an incoming card.
func (s *syncer) claimed(sid []byte) bool {
	if i, ok := s.index[string(sid)]; ok && s.fates[i].self {
		return true
	}
	_, ok := s.extra[string(sid)]
	return ok
}

// hidden reports whether stored card sid was taken by an earlier part of
// the stream.
func (s *syncer) hidden(sid []byte) (bool, error) {
	v := s.t.cards.Get(sid)
	if v == nil {
		return false, fmt.Errorf("%w: the content index lists card %s, which is missing", ErrCorrupt, sid)
	}
	h, err := decodeHead(v)
	if err != nil {
		return false, fmt.Errorf("%w: card %s: %w", ErrCorrupt, sid, err)
	}
	return s.st.hidden(h.path, h.Flags), nil
}

// match records that incoming card i replaces stored card sid.
func (s *syncer) match(i int, sid []byte, h *recordHead, what uint8, oldHash cards.ID) {
	f := &s.fates[i]
	f.what, f.flags, f.seq, f.buried, f.oldHash = what, h.Flags, h.Seq, h.Buried, oldHash
	f.added, f.changed = h.Added, h.Changed
	if what != syncUnchanged {
		f.deck, f.body = slices.Clone(h.deck), slices.Clone(h.body)
	}
	f.self = string(sid) == string(s.cs[i].ID)
	if !f.self {
		f.sid = slices.Clone(sid)
		s.extra[string(sid)] = struct{}{}
	}
}

// same reports whether stored card h has the fields of incoming card i.
func (s *syncer) same(h *recordHead, i int) bool {
	s.body = appendCardBody(s.body[:0], &s.cs[i])
	return bytes.Equal(h.body, s.body)
}

func (s *syncer) run() (Summary, error) {
	s.fates = make([]fate, len(s.cs))
	s.extra = make(map[string]struct{})
	steps := []func() error{s.matchSame, s.matchContent, s.matchID}
	if len(s.sc.roots) > 0 {
		steps = append(steps, s.scan)
	}
	if k, _ := s.t.cards.Cursor().First(); k == nil {
		// No stored card (the first add): nothing to match or orphan.
		s.pending, steps = slices.Clone(s.order), nil
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return Summary{}, err
		}
	}
	if err := s.assignNew(); err != nil {
		return Summary{}, err
	}
	return s.write()
}

// matchSame matches each incoming card to the stored card of the same ID
// when every field is the same: one read for an unchanged card.
func (s *syncer) matchSame() error {
	for n, i := range s.order {
		if err := cancelled(s.ctx, n); err != nil {
			return err
		}
		id := s.cs[i].ID
		v := s.t.cards.Get([]byte(id))
		if v == nil {
			s.pending = append(s.pending, i)
			continue
		}
		s.fates[i].stored = true
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("%w: card %s: %w", ErrCorrupt, id, err)
		}
		if s.st.hidden(h.path, h.Flags) || !s.same(&h, i) {
			s.pending = append(s.pending, i)
			continue
		}
		what := uint8(syncUnchanged)
		if h.Flags&flagOrphaned != 0 {
			what = syncUpdated // revived
		}
		s.match(i, []byte(id), &h, what, "")
	}
	return nil
}

// matchContent matches the cards left to the stored card whose content
// hash is their ID.
func (s *syncer) matchContent() error {
	if len(s.pending) == 0 {
		return nil
	}
	c := s.t.content.Cursor()
	rest := s.pending[:0]
	for n, i := range s.pending {
		if err := cancelled(s.ctx, n); err != nil {
			return err
		}
		id := s.cs[i].ID
		sid, err := s.lookupContent(c, id)
		if err != nil {
			return err
		}
		if sid == nil {
			rest = append(rest, i)
			continue
		}
		v := s.t.cards.Get(sid)
		if v == nil {
			return fmt.Errorf("%w: the content index lists card %s, which is missing", ErrCorrupt, sid)
		}
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("%w: card %s: %w", ErrCorrupt, sid, err)
		}
		switch {
		case !s.same(&h, i):
			s.match(i, sid, &h, syncUpdated, id)
		case h.Flags&flagOrphaned != 0:
			s.match(i, sid, &h, syncUpdated, "")
		default:
			s.match(i, sid, &h, syncUnchanged, "")
		}
	}
	s.pending = rest
	return nil
}

// lookupContent returns the stored card, not yet matched, whose content
// hash is id (the one stored as id itself first), or nil.
func (s *syncer) lookupContent(c *bolt.Cursor, id cards.ID) ([]byte, error) {
	if !isHash(id) {
		return nil, nil
	}
	var found []byte
	for k, _ := c.Seek([]byte(id)); k != nil && bytes.HasPrefix(k, []byte(id)); k, _ = c.Next() {
		_, sid, ok := splitContentKey(k)
		if !ok {
			return nil, fmt.Errorf("%w: bad content index key %x", ErrCorrupt, k)
		}
		if s.claimed(sid) {
			continue
		}
		if s.st != nil {
			hidden, err := s.hidden(sid)
			if err != nil {
				return nil, err
			}
			if hidden {
				continue
			}
		}
		if string(sid) == string(id) {
			return sid, nil
		}
		if found == nil {
			found = sid
		}
	}
	return found, nil
}

// matchID matches the cards left to the stored card of the same ID,
// whatever its content, when no other card matched it.
func (s *syncer) matchID() error {
	rest := s.pending[:0]
	for n, i := range s.pending {
		if err := cancelled(s.ctx, n); err != nil {
			return err
		}
		id := []byte(s.cs[i].ID)
		if !s.fates[i].stored || s.claimed(id) {
			rest = append(rest, i)
			continue
		}
		v := s.t.cards.Get(id)
		r, err := decodeRecord(id, v)
		if err != nil {
			return fmt.Errorf("%w: card %s: %w", ErrCorrupt, id, err)
		}
		h, _ := decodeHead(v) // decodeRecord decoded it
		if s.st.hidden(h.path, h.Flags) {
			rest = append(rest, i)
			continue
		}
		s.match(i, id, &h, syncUpdated, contentHash(&r.Card))
	}
	s.pending = rest
	return nil
}

// scan reads every stored card to find those that become orphaned: in
// scope and matched by no incoming card. Among them, those of the notes,
// rules and kinds of the cards left unmatched are offered to rematch.
func (s *syncer) scan() error {
	paths := make(map[string]struct{})
	groups := make(map[groupKey]struct{})
	in := make([]*cards.Card, len(s.pending))
	for n, i := range s.pending {
		in[n] = &s.cs[i]
		paths[in[n].Source.Path] = struct{}{}
		groups[groupOf(in[n])] = struct{}{}
	}
	var old []*cards.Card
	var oldAt []int // index in s.orphans of each card of old
	n := 0
	for k, v := range s.stored() {
		if err := cancelled(s.ctx, n); err != nil {
			return err
		}
		if n%releaseEvery == releaseEvery-1 {
			releaseMap(s.t.tx)
		}
		n++
		if v == nil || s.claimed(k) {
			continue
		}
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
		}
		if h.Flags&flagOrphaned != 0 || !s.sc.orphansPath(h.path) {
			continue
		}
		v = slices.Clone(v)
		h, _ = decodeHead(v) // the same head, in memory of its own
		if _, ok := paths[string(h.path)]; ok {
			r, err := decodeRecord(k, v)
			if err != nil {
				return fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
			}
			if _, ok := groups[groupOf(&r.Card)]; ok {
				old = append(old, &r.Card)
				oldAt = append(oldAt, len(s.orphans))
			}
		}
		// Change the bucket only once the cursor is done with it.
		s.orphans = append(s.orphans, orphan{id: slices.Clone(k), v: v, h: h})
	}
	pairs := rematch(in, old, s.cs)
	if len(pairs) == 0 {
		return nil
	}
	for _, p := range pairs {
		i := s.pending[p[0]]
		o := &s.orphans[oldAt[p[1]]]
		o.taken = true
		s.match(i, o.id, &o.h, syncRematched, contentHash(old[p[1]]))
	}
	s.pending = slices.DeleteFunc(s.pending, func(i int) bool { return s.fates[i].what != syncPending })
	return nil
}

// stored yields the stored cards that may become orphaned: every card, or
// the candidates (a value is nil for a candidate no longer stored).
func (s *syncer) stored() iter.Seq2[[]byte, []byte] {
	return func(yield func(k, v []byte) bool) {
		if s.cands != nil {
			for _, k := range s.cands {
				if !yield(k, s.t.cards.Get(k)) {
					return
				}
			}
			return
		}
		c := s.t.cards.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if !yield(k, v) {
				return
			}
		}
	}
}

// assignNew gives each card left a stored ID: its own, or an alternative
// one when a matched stored card holds it.
func (s *syncer) assignNew() error {
	var taken map[string]struct{}
	for _, i := range s.pending {
		f := &s.fates[i]
		f.what = syncNew
		if !f.stored {
			f.sid = []byte(s.cs[i].ID)
			continue
		}
		if taken == nil {
			taken = make(map[string]struct{})
		}
		for n := 1; ; n++ {
			id := altID(s.cs[i].ID, n)
			_, incoming := s.index[string(id)]
			_, used := taken[string(id)]
			if !incoming && !used && s.t.cards.Get([]byte(id)) == nil {
				f.sid = []byte(id)
				taken[string(id)] = struct{}{}
				break
			}
		}
	}
	return nil
}

// write applies the fates and the orphans, and counts them.
func (s *syncer) write() (Summary, error) {
	var sum Summary
	var changed []int
	for _, i := range s.order {
		switch s.fates[i].what {
		case syncUnchanged:
			sum.Unchanged++
			continue
		case syncNew:
			sum.New++
		case syncRematched:
			sum.Rematched++
			sum.Updated++
		case syncUpdated:
			sum.Updated++
		}
		if s.fates[i].sid == nil {
			s.fates[i].sid = []byte(s.cs[i].ID)
		}
		if f := &s.fates[i]; s.st != nil && f.what != syncNew && f.flags&flagOrphaned != 0 && s.st.orphaned.Has(cards.ID(f.sid)) {
			s.revived++
		}
		changed = append(changed, i)
	}
	// New cards queue in the order of the batch.
	seq := s.t.cards.Sequence()
	for i := range s.fates {
		if s.fates[i].what == syncNew {
			seq++
			s.fates[i].seq = seq
		}
	}
	if err := s.t.cards.SetSequence(seq); err != nil {
		return sum, err
	}
	// In ID order, most cards are in stored ID order already.
	bySID := func(a, b int) int { return bytes.Compare(s.fates[a].sid, s.fates[b].sid) }
	if !slices.IsSortedFunc(changed, bySID) {
		slices.SortFunc(changed, bySID)
	}

	t := s.t
	newState := appendState(nil, cards.NewState()) // shared: bbolt only reads values
	var newKeys, dueKeys, contentKeys, deckKeys [][]byte
	var buf []byte
	for n, i := range changed {
		if err := cancelled(s.ctx, n); err != nil {
			return sum, err
		}
		c, f := &s.cs[i], &s.fates[i]
		r := record{Card: *c, Seq: f.seq, Flags: f.flags &^ flagOrphaned, Buried: f.buried,
			Added: f.added, Changed: f.changed}
		if f.what == syncNew {
			r.Added, r.Changed = s.day, s.day
			if s.spool != nil {
				if err := s.spool.add(f.sid, &r); err != nil {
					return sum, err
				}
				s.newPaths[c.Source.Path] = struct{}{}
				continue
			}
		} else if s.day != 0 {
			s.body = appendCardBody(s.body[:0], c)
			if !bytes.Equal(bodyButSource(f.body), bodyButSource(s.body)) {
				r.Changed = s.day
			}
		}
		switch {
		case f.what == syncNew:
			if err := t.states.Put(f.sid, newState); err != nil {
				return sum, fmt.Errorf("put state of card %s: %w", f.sid, err)
			}
			newKeys = append(newKeys, newKey(r.Seq, f.sid))
			contentKeys = append(contentKeys, contentKey(contentHash(c), f.sid))
			deckKeys = append(deckKeys, deckKey([]byte(c.Deck), 0, cards.NewState(), f.sid))
		case f.flags != r.Flags || string(f.deck) != c.Deck:
			st, err := t.state(f.sid)
			if err != nil {
				return sum, err
			}
			if old, k := deckKey(f.deck, f.flags, st, f.sid), deckKey([]byte(c.Deck), r.Flags, st, f.sid); !bytes.Equal(old, k) {
				if err := t.decks.Delete(old); err != nil {
					return sum, fmt.Errorf("unindex deck of card %s: %w", f.sid, err)
				}
				deckKeys = append(deckKeys, k)
			}
			if f.flags&flagOrphaned == 0 || r.Flags != 0 {
				break
			}
			// Revived: back in its queue.
			switch bk, k := t.indexKey(f.sid, 0, r.Seq, st); bk {
			case t.new:
				newKeys = append(newKeys, k)
			case t.due:
				dueKeys = append(dueKeys, k)
			}
		}
		if f.what != syncNew && f.oldHash != "" {
			if h := contentHash(c); h != f.oldHash {
				if err := t.content.Delete(contentKey(f.oldHash, f.sid)); err != nil {
					return sum, fmt.Errorf("unindex content of card %s: %w", f.sid, err)
				}
				contentKeys = append(contentKeys, contentKey(h, f.sid))
			}
		}
		// bbolt keeps the value slice until the transaction ends: carve
		// each value from a shared buffer instead of reusing it.
		if cap(buf)-len(buf) < 4096 {
			buf = make([]byte, 0, 64<<10)
		}
		start := len(buf)
		buf = appendRecord(buf, &r)
		if err := t.cards.Put(f.sid, buf[start:len(buf):len(buf)]); err != nil {
			return sum, fmt.Errorf("put card %s: %w", f.sid, err)
		}
	}
	if err := putKeys(t.new, newKeys); err != nil {
		return sum, fmt.Errorf("index new cards: %w", err)
	}
	if err := putKeys(t.due, dueKeys); err != nil {
		return sum, fmt.Errorf("index due cards: %w", err)
	}
	if err := putKeys(t.content, contentKeys); err != nil {
		return sum, fmt.Errorf("index card contents: %w", err)
	}
	if err := putKeys(t.decks, deckKeys); err != nil {
		return sum, fmt.Errorf("index card decks: %w", err)
	}
	for _, o := range s.orphans {
		if o.taken {
			continue
		}
		sum.Orphaned++
		if s.st != nil {
			s.orphaned = append(s.orphaned, cards.ID(o.id))
		}
		if err := t.cards.Put(o.id, setFlags(o.v, o.h.Flags|flagOrphaned)); err != nil {
			return sum, fmt.Errorf("put card %s: %w", o.id, err)
		}
		st, err := t.state(o.id)
		if err != nil {
			return sum, err
		}
		if err := t.reindex(o.id, &o.h, o.h.Flags, st, o.h.Flags|flagOrphaned, st); err != nil {
			return sum, fmt.Errorf("unindex card %s: %w", o.id, err)
		}
	}
	return sum, nil
}

// Stream implements Streamer.Stream. At its first part, the stream reads
// every stored card once to list, by note path, those under the roots
// that are not orphaned (about 20 bytes a card): each part then reads the
// stored cards of its own notes only, and Finish those of the notes no
// part covered. Should another write come between two parts, the next
// part reads every card again. The new cards of the parts wait in a
// temporary file beside the store (see spool) until Finish.
func (b *Bolt) Stream(roots []string, day cards.Date) *Stream {
	bs := &boltStream{b: b, spool: newSpool(spoolDir(b.path)), batch: mergeBatch,
		stageBatch: stageBatch, keysBatch: newKeysBatch}
	return newStream(bs, roots, day)
}

// mergeBatch is how many new cards each transaction of Finish stores.
const mergeBatch = 25_000

// releaseEvery is how many stored cards a scan of every card reads between
// two releases of the pages it read (see releaseMap): about 15 MB.
const releaseEvery = 1 << 15

// boltStream is the Stream of a Bolt store.
type boltStream struct {
	b     *Bolt
	spool *spool
	batch int // mergeBatch, but in tests
	// stageBatch and keysBatch are stageBatch and newKeysBatch, but in
	// tests; noStage (tests) makes Finish merge the new cards even into
	// a store without cards, and afterStage (tests) is called before the
	// staged buckets are put in place.
	stageBatch, keysBatch int
	noStage               bool
	afterStage            func()
	// byPath lists the stored IDs of the cards under the roots that were
	// not orphaned as of the write transaction lastTx, by path.
	byPath map[string]*idList
	lastTx int
}

// refresh lists the stored cards by path, unless the list is up to date:
// only the stream wrote since it was made (a part changes the paths of the
// cards it takes to the paths of its own notes, which no later part
// covers, and Finish stores new cards of those notes: the list needs no
// change).
func (bs *boltStream) refresh(t *tables, roots []string) error {
	if bs.byPath != nil && t.tx.ID() == bs.lastTx+1 {
		return nil
	}
	bs.byPath = make(map[string]*idList)
	sc := scope{roots: roots}
	c := t.cards.Cursor()
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if n++; n%releaseEvery == 0 {
			releaseMap(t.tx)
		}
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
		}
		if h.Flags&flagOrphaned != 0 || !sc.orphansPath(h.path) {
			continue
		}
		l := bs.byPath[string(h.path)]
		if l == nil {
			l = new(idList)
			bs.byPath[string(h.path)] = l
		}
		*l = l.add(k)
	}
	return nil
}

// candidates returns the stored IDs listed under the paths in scope, in
// key order.
func (bs *boltStream) candidates(sc scope) [][]byte {
	cands := [][]byte{}
	add := func(l *idList) {
		if l != nil {
			l.each(func(id []byte) { cands = append(cands, id) })
		}
	}
	if sc.only != nil {
		for p := range sc.only {
			add(bs.byPath[p])
		}
	} else {
		for p, l := range bs.byPath {
			if sc.orphans(p) {
				add(l)
			}
		}
	}
	slices.SortFunc(cands, bytes.Compare)
	return cands
}

func (bs *boltStream) syncPart(ctx context.Context, st *Stream, in *partInput) (partResult, error) {
	cs, index, order, err := prepare(in.cards)
	if err != nil {
		return partResult{}, err
	}
	var res partResult
	var txID int
	bs.spool.begin()
	err = bs.b.update(ctx, func(t *tables) error {
		if err := bs.refresh(t, st.roots); err != nil {
			return err
		}
		s := &syncer{t: t, ctx: ctx, cs: cs, order: order, index: index, sc: in.sc, day: st.day,
			st: st, cands: bs.candidates(in.sc), spool: bs.spool, newPaths: make(map[string]struct{})}
		sum, err := s.run()
		if err != nil {
			return err
		}
		res = partResult{sum: sum, orphaned: s.orphaned, revived: s.revived}
		b := &Batch{}
		for _, n := range in.notes {
			if _, ok := s.newPaths[n.Path]; ok {
				res.deferred = append(res.deferred, n)
			} else {
				b.Notes = append(b.Notes, n)
			}
		}
		txID = t.tx.ID()
		return t.putNotes(ctx, b, scope{})
	})
	if serr := bs.spool.end(err == nil); err == nil {
		err = serr
	}
	if err != nil {
		return partResult{}, err
	}
	bs.lastTx = txID
	return res, nil
}

// finish stores the spooled cards, mergeBatch at a time in stored ID
// order, then, in the transaction of the last ones, orphans the cards of
// the notes of no part and records the stamps deferred.
func (bs *boltStream) finish(ctx context.Context, st *Stream) (Summary, error) {
	defer bs.spool.close()
	if bs.spool.cards() > 0 && !bs.noStage {
		// Into a store without cards, the new cards are stored apart,
		// then put in place at once (see stage.go).
		sum, err := bs.finishStaged(ctx, st)
		if !errors.Is(err, errNotEmpty) {
			if err != nil {
				return Summary{}, err
			}
			return sum, bs.spool.close()
		}
	}
	m, err := bs.spool.merge()
	if err != nil {
		return Summary{}, err
	}
	f := feed(m, bs.batch)
	defer f.close()
	sc := st.finalScope()
	sum := Summary{}
	for last := false; !last; {
		var txID int
		err := bs.b.update(ctx, func(t *tables) error {
			last = false
			cs, err := f.next(ctx)
			if err != nil {
				return err
			}
			if err := bs.store(ctx, t, cs); err != nil {
				return err
			}
			txID = t.tx.ID()
			if len(cs) == bs.batch {
				return nil
			}
			last = true
			if err := bs.refresh(t, st.roots); err != nil {
				return err
			}
			s := &syncer{t: t, ctx: ctx, sc: sc, day: st.day, cands: bs.candidates(sc)}
			if sum, err = s.run(); err != nil {
				return err
			}
			if err := t.putNotes(ctx, &Batch{Notes: st.deferred}, scope{}); err != nil {
				return err
			}
			return t.putNotes(ctx, &Batch{}, sc)
		})
		if err != nil {
			return Summary{}, err
		}
		bs.lastTx = txID
	}
	return sum, bs.spool.close()
}

// fillSorted is the fill percent of the pages written in key order.
const fillSorted = 0.9

// store stores the new cards cs, which come in stored ID order. A card
// whose stored ID is taken (another write came between the parts) takes
// the first alternative ID free.
func (bs *boltStream) store(ctx context.Context, t *tables, cs []newCard) error {
	newState := appendState(nil, cards.NewState()) // shared: bbolt only reads values
	var newKeys, contentKeys, deckKeys [][]byte
	// The cards come in key order: fill the pages (bbolt halves them by
	// default, which suits random writes), leaving a little room.
	for _, bk := range []*bolt.Bucket{t.cards, t.states, t.content} {
		bk.FillPercent = fillSorted
	}
	for n := range cs {
		if err := cancelled(ctx, n); err != nil {
			return err
		}
		c := &cs[n]
		sid := c.sid
		for i := 1; t.cards.Get(sid) != nil; i++ {
			sid = []byte(altID(cards.ID(c.sid), i))
		}
		if err := t.cards.Put(sid, c.rec); err != nil {
			return fmt.Errorf("put card %s: %w", sid, err)
		}
		if err := t.states.Put(sid, newState); err != nil {
			return fmt.Errorf("put state of card %s: %w", sid, err)
		}
		newKeys = append(newKeys, newKey(c.seq, sid))
		contentKeys = append(contentKeys, contentKey(c.hash, sid))
		deckKeys = append(deckKeys, deckKey(c.deck, 0, cards.NewState(), sid))
	}
	if err := putKeys(t.new, newKeys); err != nil {
		return fmt.Errorf("index new cards: %w", err)
	}
	if err := putKeys(t.content, contentKeys); err != nil {
		return fmt.Errorf("index card contents: %w", err)
	}
	if err := putKeys(t.decks, deckKeys); err != nil {
		return fmt.Errorf("index card decks: %w", err)
	}
	return nil
}
