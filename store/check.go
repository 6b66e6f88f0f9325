package store

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"

	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
)

// maxProblems is how many inconsistencies Check lists before it only
// counts them.
const maxProblems = 50

// problems collects the inconsistencies found by Check.
type problems struct {
	list []error
	n    int
}

func (p *problems) add(format string, args ...any) {
	p.n++
	if len(p.list) < maxProblems {
		p.list = append(p.list, fmt.Errorf(format, args...))
	}
}

// err returns nil when nothing was found, else one error wrapping
// ErrCorrupt that lists the problems, one a line.
func (p *problems) err(what string) error {
	if p.n == 0 {
		return nil
	}
	list := p.list
	if p.n > len(list) {
		list = append(list, fmt.Errorf("and %d more", p.n-len(list)))
	}
	return fmt.Errorf("%s: %w: %d problems:\n%w", what, ErrCorrupt, p.n, errors.Join(list...))
}

// Check verifies the whole store: that every page reads and the pages fit
// in the file, that every card decodes and has a state, that add sequences
// are unique, that the due and new indexes hold exactly the entries the
// cards' states and flags call for, that the content index holds exactly
// one entry per card, under the hash of its current content, and that
// every review names a stored card. (A version-1 store opened read-only
// has no content index yet: that check is skipped.) It returns nil for a
// sound store, else an error wrapping ErrCorrupt that lists the problems
// (at most 50, then their count), or ErrClosed. It reads every page: it is
// meant for `mnemo check`, not every command. It is safe for concurrent use.
func (b *Bolt) Check(ctx context.Context) error {
	var p problems
	err := b.view(ctx, func(t *tables) error {
		p = problems{}
		// Read every page first: a damaged one panics or faults, which
		// guard turns into ErrCorrupt. (bbolt's own Tx.Check is not used: it
		// reads pages in a goroutine of its own, where a fault kills the
		// process, and loops over page counts read from the file, which
		// hangs on a damaged page header.)
		if err := walk(ctx, t.tx.Cursor(), t.tx.Bucket); err != nil {
			return err
		}
		checkPages(&p, t.tx)
		ids := make(map[string]struct{})
		seqs := make(map[uint64]string)
		wantDue := make(map[string]string) // index key → card ID
		wantNew := make(map[string]string)
		wantContent := make(map[string]string)
		last := t.cards.Sequence()
		c := t.cards.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			ids[string(k)] = struct{}{}
			r, err := decodeRecord(k, v)
			if err != nil {
				p.add("card %s: %w", k, err)
				continue
			}
			if r.Seq == 0 || r.Seq > last {
				p.add("card %s: add sequence %d is not in 1..%d", k, r.Seq, last)
			}
			if other, ok := seqs[r.Seq]; ok {
				p.add("cards %s and %s share add sequence %d", other, k, r.Seq)
			}
			seqs[r.Seq] = string(k)
			s, err := t.state(k)
			if err != nil {
				p.add("%w", err)
				continue
			}
			wantContent[string(contentKey(contentHash(&r.Card), k))] = string(k)
			switch bk, key := t.indexKey(k, r.Flags, r.Seq, s); bk {
			case t.due:
				wantDue[string(key)] = string(k)
			case t.new:
				wantNew[string(key)] = string(k)
			}
		}
		c = t.states.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if _, ok := ids[string(k)]; !ok {
				p.add("state of unknown card %s", k)
			}
		}
		checkIndex(&p, t.due.Cursor(), wantDue, "due", func(k []byte) string {
			d, id, ok := splitDueKey(k)
			if !ok {
				return fmt.Sprintf("bad key %x", k)
			}
			return fmt.Sprintf("card %s on %s", id, d)
		})
		checkIndex(&p, t.new.Cursor(), wantNew, "new", func(k []byte) string {
			seq, id, ok := splitNewKey(k)
			if !ok {
				return fmt.Sprintf("bad key %x", k)
			}
			return fmt.Sprintf("card %s added %d", id, seq)
		})
		if t.content != nil {
			checkIndex(&p, t.content.Cursor(), wantContent, "content", func(k []byte) string {
				h, id, ok := splitContentKey(k)
				if !ok {
					return fmt.Sprintf("bad key %x", k)
				}
				return fmt.Sprintf("card %s with content %s", id, h)
			})
		}
		c = t.log.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			r, err := decodeReview(v)
			if err != nil {
				p.add("review %x: %w", k, err)
				continue
			}
			if _, ok := ids[string(r.Card)]; !ok {
				p.add("review %x names unknown card %s", k, r.Card)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check store %s: %w", b.path, err)
	}
	return p.err("check store " + b.path)
}

// walk reads every byte of every key and value of a bucket and of the
// buckets nested in it; bucket opens the nested bucket of a key.
func walk(ctx context.Context, c *bolt.Cursor, bucket func([]byte) *bolt.Bucket) error {
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := cancelled(ctx, n); err != nil {
			return err
		}
		n++
		crc32.Update(crc32.Update(0, crc32.IEEETable, k), crc32.IEEETable, v)
		if v != nil {
			continue
		}
		if b := bucket(k); b != nil {
			if err := walk(ctx, b.Cursor(), b.Bucket); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkPages checks that the pages the buckets use, overflow included, fit
// in the file: a damaged overflow count in a page header would make bbolt
// free billions of pages on the next write.
func checkPages(p *problems, tx *bolt.Tx) {
	used := int64(2) // the meta pages
	_ = tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
		s := b.Stats()
		used += int64(s.BranchPageN) + int64(s.BranchOverflowN) + int64(s.LeafPageN) + int64(s.LeafOverflowN)
		return nil
	})
	if pages := tx.Size() / int64(tx.DB().Info().PageSize); used > pages {
		p.add("the buckets use %d pages, more than the %d of the file", used, pages)
	}
}

// cursor is the part of a bbolt cursor checkIndex uses.
type cursor interface {
	First() ([]byte, []byte)
	Next() ([]byte, []byte)
}

// checkIndex compares the keys of an index with the keys it should hold,
// want, which it empties.
func checkIndex(p *problems, c cursor, want map[string]string, name string, describe func([]byte) string) {
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if _, ok := want[string(k)]; ok {
			delete(want, string(k))
			continue
		}
		p.add("the %s index lists %s, which does not belong there", name, describe(k))
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		p.add("card %s is missing from the %s index (%s)", want[k], name, describe([]byte(k)))
	}
}

// Check verifies that every card has a valid add sequence, that the
// content index holds exactly one entry per card, under the hash of its
// current content, and that every review names a stored card, as
// Bolt.Check does (a Memory store has no queue index to check). It returns
// nil, an error wrapping ErrCorrupt that lists the problems, or ErrClosed.
// It is safe for concurrent use.
func (m *Memory) Check(ctx context.Context) error {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	defer unlock()
	var p problems
	seqs := make(map[uint64]cards.ID)
	for id, c := range m.cards {
		if id != c.Card.ID {
			p.add("card %s is stored as %s", c.Card.ID, id)
		}
		if c.Seq == 0 || c.Seq > m.seq {
			p.add("card %s: add sequence %d is not in 1..%d", id, c.Seq, m.seq)
		}
		if other, ok := seqs[c.Seq]; ok {
			p.add("cards %s and %s share add sequence %d", other, id, c.Seq)
		}
		seqs[c.Seq] = id
		h := contentHash(&c.Card)
		if h != c.hash {
			p.add("card %s has content %s, indexed as %s", id, h, c.hash)
		}
		if _, ok := slices.BinarySearch(m.content[h], id); !ok {
			p.add("card %s is missing from the content index (card %s with content %s)", id, id, h)
		}
	}
	for _, h := range slices.Sorted(maps.Keys(m.content)) {
		ids := m.content[h]
		for i, id := range ids {
			if c, ok := m.cards[id]; !ok || c.hash != h || (i > 0 && ids[i-1] >= id) {
				p.add("the content index lists card %s with content %s, which does not belong there", id, h)
			}
		}
	}
	for i, r := range m.log {
		if _, ok := m.cards[r.Card]; !ok {
			p.add("review %d names unknown card %s", i+1, r.Card)
		}
	}
	return p.err("check store")
}
