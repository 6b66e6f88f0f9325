package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

// A stream into a store without cards (the first add of a vault) ends
// another way than by merging its new cards into the buckets (see
// boltStream.store): every card it stores is new, so the buckets it fills
// can be built apart, each in the order of its own keys, then put in place
// at once. Merged into the buckets 25,000 cards a transaction, in stored
// ID order, the cards, states and content buckets are written in key
// order, but the new-card index, whose keys follow the add sequence, is
// not: every transaction rewrites (and holds in memory) nearly all of its
// pages, and on a million cards that is most of the time and memory of
// the add.
//
// So Finish builds the cards, states, content, deck and new-card buckets
// inside the bucket "stage" (bucketStage), stageBatch cards a
// transaction: the first four in stored ID order, from the spool, then
// the new-card index in add order. Each of these transactions changes
// nothing outside the stage bucket, which no reader looks at: the store
// stays as the parts left it, consistent. The last transaction checks
// that the store still holds no card, replaces the empty buckets by the
// built ones (bbolt moves a bucket without copying it), removes the stage
// bucket and records the stamps. A crash before it leaves a stage bucket
// that the next Finish, or the next Open for writing, removes.

// bucketStage is the root bucket in which a stream into a store without
// cards builds its buckets.
const bucketStage = "stage"

// stagedBuckets are the buckets a stream into an empty store builds, in
// the order they are put in place.
var stagedBuckets = [...]string{bucketCards, bucketStates, bucketContent, bucketDecks, bucketNew}

// stageBatch is how many cards each transaction of a staged Finish
// writes: their pages are new, appended, so a transaction holds little
// more than the cards themselves.
const stageBatch = 25_000

// newKeysBatch is how many new-card index keys each transaction of a
// staged Finish writes.
const newKeysBatch = 250_000

// errNotEmpty is returned by finishStaged when the store has cards: the
// stream ends by merging its cards instead.
var errNotEmpty = errors.New("the store has cards")

// empty reports whether the buckets a stream stages hold nothing, nor the
// due index: the store has no card.
func (t *tables) empty() bool {
	for _, bk := range []*bolt.Bucket{t.cards, t.states, t.due, t.new, t.content, t.decks} {
		if k, _ := bk.Cursor().First(); k != nil {
			return false
		}
	}
	return true
}

// dropStage removes the stage bucket, when there is one.
func dropStage(tx *bolt.Tx) error {
	if tx.Bucket([]byte(bucketStage)) == nil {
		return nil
	}
	if err := tx.DeleteBucket([]byte(bucketStage)); err != nil {
		return fmt.Errorf("remove stage bucket: %w", err)
	}
	return nil
}

// stage is what a staged Finish has built so far.
type stage struct {
	// last is the greatest stored ID staged: a stored ID past it is free.
	last []byte
	// alt holds the cards staged under another ID than their spooled
	// one (see boltStream.store), by run and spooled ID: none unless a
	// write came between the parts.
	alt map[spoolCard]string
}

// spoolCard names a card of a spool: its run and its stored ID there.
type spoolCard struct {
	run int
	sid string
}

// stagedBucket returns the bucket name inside the stage bucket of tx.
func stagedBucket(tx *bolt.Tx, name string) *bolt.Bucket {
	return tx.Bucket([]byte(bucketStage)).Bucket([]byte(name))
}

// finishStaged ends st in a store without cards (see above). It returns
// errNotEmpty, having written nothing that stays, when the store has
// cards at its start or at its end.
func (bs *boltStream) finishStaged(ctx context.Context, st *Stream) (Summary, error) {
	m, err := bs.spool.merge()
	if err != nil {
		return Summary{}, err
	}
	f := feed(m, bs.stageBatch)
	defer f.close()
	sg := &stage{}
	first := true
	for more := true; more; first = false {
		err := bs.b.update(ctx, func(t *tables) error {
			if first {
				if !t.empty() {
					return errNotEmpty
				}
				if err := dropStage(t.tx); err != nil {
					return err
				}
				root, err := t.tx.CreateBucket([]byte(bucketStage))
				if err != nil {
					return fmt.Errorf("create stage bucket: %w", err)
				}
				for _, name := range stagedBuckets {
					if _, err := root.CreateBucket([]byte(name)); err != nil {
						return fmt.Errorf("create stage bucket: %w", err)
					}
				}
			}
			cs, err := f.next(ctx)
			if err != nil {
				return err
			}
			more = len(cs) == bs.stageBatch
			return sg.stageCards(ctx, t.tx, cs)
		})
		if err != nil {
			return Summary{}, err
		}
	}
	if err := sg.newIndex(ctx, bs.b, bs.spool, bs.keysBatch); err != nil {
		return Summary{}, err
	}
	if bs.afterStage != nil {
		bs.afterStage()
	}
	err = bs.b.update(ctx, func(t *tables) error {
		if !t.empty() {
			return errNotEmpty
		}
		seq := t.cards.Sequence()
		for _, name := range stagedBuckets {
			if err := t.tx.DeleteBucket([]byte(name)); err != nil {
				return fmt.Errorf("replace bucket %s: %w", name, err)
			}
			if err := t.tx.MoveBucket([]byte(name), t.tx.Bucket([]byte(bucketStage)), nil); err != nil {
				return fmt.Errorf("replace bucket %s: %w", name, err)
			}
		}
		if err := dropStage(t.tx); err != nil {
			return err
		}
		t, err := openTables(t.tx, schemaVersion)
		if err != nil {
			return err
		}
		if err := t.cards.SetSequence(seq); err != nil {
			return err
		}
		// The store had no card: none to orphan. Every card now stored
		// is a card of a part.
		if err := t.putNotes(ctx, &Batch{Notes: st.deferred}, scope{}); err != nil {
			return err
		}
		return t.putNotes(ctx, &Batch{}, st.finalScope())
	})
	if errors.Is(err, errNotEmpty) {
		// Another write stored cards meanwhile: the stage goes.
		if derr := bs.b.update(ctx, func(t *tables) error { return dropStage(t.tx) }); derr != nil {
			return Summary{}, derr
		}
	}
	return Summary{}, err
}

// stageCards stages the cards cs, which come in stored ID order, in tx.
// Like boltStream.store, it gives a card whose stored ID is taken the
// first alternative ID free.
func (sg *stage) stageCards(ctx context.Context, tx *bolt.Tx, cs []newCard) error {
	bks := make(map[string]*bolt.Bucket, len(stagedBuckets))
	for _, name := range stagedBuckets {
		bk := stagedBucket(tx, name)
		bk.FillPercent = fillSorted
		bks[name] = bk
	}
	cardsBk, states := bks[bucketCards], bks[bucketStates]
	newState := appendState(nil, cards.NewState()) // shared: bbolt only reads values
	contentKeys := make([][]byte, 0, len(cs))
	deckKeys := make([][]byte, 0, len(cs))
	for n := range cs {
		if err := cancelled(ctx, n); err != nil {
			return err
		}
		c := &cs[n]
		sid := c.sid
		if bytes.Compare(sid, sg.last) <= 0 {
			for i := 1; cardsBk.Get(sid) != nil; i++ {
				sid = []byte(altID(cards.ID(c.sid), i))
			}
			if !bytes.Equal(sid, c.sid) {
				if sg.alt == nil {
					sg.alt = make(map[spoolCard]string)
				}
				sg.alt[spoolCard{c.run, string(c.sid)}] = string(sid)
			}
		}
		if bytes.Compare(sid, sg.last) > 0 {
			sg.last = append(sg.last[:0], sid...)
		}
		if err := cardsBk.Put(sid, c.rec); err != nil {
			return fmt.Errorf("put card %s: %w", sid, err)
		}
		if err := states.Put(sid, newState); err != nil {
			return fmt.Errorf("put state of card %s: %w", sid, err)
		}
		contentKeys = append(contentKeys, contentKey(c.hash, sid))
		deckKeys = append(deckKeys, deckKey(c.deck, 0, cards.NewState(), sid))
	}
	if err := putKeys(bks[bucketContent], contentKeys); err != nil {
		return fmt.Errorf("index card contents: %w", err)
	}
	if err := putKeys(bks[bucketDecks], deckKeys); err != nil {
		return fmt.Errorf("index card decks: %w", err)
	}
	return nil
}

// keyBatch is keys to write, one after the other in keys, each ending at
// the next of ends.
type keyBatch struct {
	keys []byte
	ends []int
	err  error
}

// newIndex writes the new-card index keys of the cards staged, in key
// order, about batch a transaction (whole runs). It reads the spool again,
// a run at a time, in a goroutine of its own: the cards of a run (a part)
// follow those of the runs before in add order.
func (sg *stage) newIndex(ctx context.Context, b *Bolt, sp *spool, batch int) error {
	ch := make(chan keyBatch, 1)
	stop := make(chan struct{})
	done := make(chan struct{})
	defer func() {
		close(stop)
		<-done
	}()
	go func() {
		defer close(done)
		defer close(ch)
		send := func(kb keyBatch) bool {
			select {
			case ch <- kb:
				return true
			case <-stop:
				return false
			}
		}
		type card struct {
			seq uint64
			sid []byte
		}
		var kb keyBatch
		var run []card
		for i := range sp.runs {
			var mem chunks
			run = run[:0]
			rd := sp.reader(i, &mem)
			for {
				ok, err := rd.next()
				if err == nil && ok {
					var h recordHead
					if h, err = decodeHead(rd.cur.rec); err == nil {
						sid := rd.cur.sid
						if alt, ok := sg.alt[spoolCard{i, string(sid)}]; ok {
							sid = []byte(alt)
						}
						run = append(run, card{h.Seq, sid})
						continue
					}
					err = fmt.Errorf("read spooled cards: %w", err)
				}
				if err != nil {
					send(keyBatch{err: err})
					return
				}
				break
			}
			// Add sequences are unique: they alone order the keys.
			slices.SortFunc(run, func(a, b card) int { return cmp.Compare(a.seq, b.seq) })
			for _, c := range run {
				kb.keys = binary.BigEndian.AppendUint64(kb.keys, c.seq)
				kb.keys = append(kb.keys, c.sid...)
				kb.ends = append(kb.ends, len(kb.keys))
			}
			if len(kb.ends) >= batch || i+1 == len(sp.runs) {
				if !send(kb) {
					return
				}
				kb = keyBatch{}
			}
		}
	}()
	for {
		var kb keyBatch
		var ok bool
		select {
		case kb, ok = <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !ok {
			return nil
		}
		if kb.err != nil {
			return kb.err
		}
		err := b.update(ctx, func(t *tables) error {
			bk := stagedBucket(t.tx, bucketNew)
			bk.FillPercent = 1 // keys come in order, and later ones go after them
			start := 0
			for n, end := range kb.ends {
				if err := cancelled(ctx, n); err != nil {
					return err
				}
				if err := bk.Put(kb.keys[start:end], []byte{}); err != nil {
					return fmt.Errorf("index new cards: %w", err)
				}
				start = end
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}
