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

// Report is what Verify found.
type Report struct {
	// Cards and Reviews count the cards and the review-log entries.
	Cards, Reviews int
	// Problems lists the inconsistencies found, at most 50; Found counts
	// them all.
	Problems []error
	Found    int
}

// Check verifies the whole store, as Verify does. It returns nil for a
// sound store, else an error wrapping ErrCorrupt that lists the problems
// (at most 50, then their count), or the errors of Verify.
func (b *Bolt) Check(ctx context.Context) error {
	r, err := b.Verify(ctx)
	if err != nil {
		return err
	}
	return r.problems().err("check store " + b.path)
}

func (r *Report) problems() *problems { return &problems{list: r.Problems, n: r.Found} }

// Verify checks the whole store and reports what it found: that every
// page reads and the pages fit in the file, that every card decodes and
// has a state, that add sequences are unique, that the due, new and deck
// indexes hold exactly the entries the cards' states and flags call for,
// that the content index holds exactly one entry per card, under the hash
// of its current content, that every review names a stored card, that the
// state of each card is the After state of its last review that is not a
// drill (a new state for a card without one), and that every note stamp
// decodes. (A store of an older schema opened read-only lacks the indexes
// added since: their checks are skipped.) Its error is ErrClosed, the
// context's, or one wrapping ErrCorrupt when a page is too damaged to read
// on; the problems are in the Report. It reads every page: it is meant
// for `mnemo check`, not every command. It is safe for concurrent use.
func (b *Bolt) Verify(ctx context.Context) (Report, error) {
	var p problems
	var rep Report
	err := b.view(ctx, func(t *tables) error {
		p = problems{}
		rep = Report{}
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
		wantDecks := make(map[string]string)
		states := make(map[string]cards.State)
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
			wantContent[string(contentKey(contentHash(&r.Card), k))] = string(k)
			s, err := t.state(k)
			if err != nil {
				p.add("%w", err)
				continue
			}
			states[string(k)] = s
			wantDecks[string(deckKey([]byte(r.Card.Deck), r.Flags, s, k))] = string(k)
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
		if t.decks != nil {
			checkIndex(&p, t.decks.Cursor(), wantDecks, "deck", describeDeckKey)
		}
		lastAfter := make(map[string]cards.State)
		c = t.log.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			rep.Reviews++
			r, err := decodeReview(v)
			if err != nil {
				p.add("review %x: %w", k, err)
				continue
			}
			if _, ok := ids[string(r.Card)]; !ok {
				p.add("review %x names unknown card %s", k, r.Card)
			}
			if !r.Drill {
				lastAfter[string(r.Card)] = r.After
			}
		}
		checkLog(&p, states, lastAfter)
		if t.notes != nil {
			c = t.notes.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if _, err := decodeNote(k, v); err != nil {
					p.add("note %s: %w", k, err)
				}
			}
		}
		rep.Cards = len(ids)
		return nil
	})
	if err != nil {
		return Report{}, fmt.Errorf("check store %s: %w", b.path, err)
	}
	rep.Problems, rep.Found = p.list, p.n
	return rep, nil
}

// checkLog checks that the state of each card (by ID) is the After state
// of its last review that is not a drill, or a new state when it has none.
func checkLog(p *problems, states, lastAfter map[string]cards.State) {
	for _, id := range slices.Sorted(maps.Keys(states)) {
		s := states[id]
		after, ok := lastAfter[id]
		switch {
		case ok && after != s:
			p.add("card %s: its state (%s) is not the one its last review left (%s)", id, describeState(s), describeState(after))
		case !ok && !s.IsNew():
			p.add("card %s: its state (%s) says it was reviewed, but the log has no review of it", id, describeState(s))
		}
	}
}

func describeState(s cards.State) string {
	return fmt.Sprintf("reviews %d, interval %d, due %s", s.Reviews, s.Interval, s.Due)
}

func describeDeckKey(k []byte) string {
	e, ok := splitDeckKey(k)
	switch {
	case !ok:
		return fmt.Sprintf("bad key %x", k)
	case e.code == codeReview:
		return fmt.Sprintf("card %s in deck %q, review due %s", e.id, e.deck, e.due)
	}
	return fmt.Sprintf("card %s in deck %q, %s", e.id, e.deck, codeName(e.code))
}

func codeName(code byte) string {
	switch code {
	case codeNew:
		return "new"
	case codeSuspended:
		return "suspended"
	case codeOrphaned:
		return "orphaned"
	}
	return "rejected"
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
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if _, ok := want[string(k)]; ok {
			if len(v) != 0 {
				p.add("the %s index holds a value under %s", name, describe(k))
			}
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
// current content, that every review names a stored card and that each
// card's state is the one its last review left, as Bolt.Check does (a
// Memory store has no queue or deck index to check). It returns nil, an
// error wrapping ErrCorrupt that lists the problems, or ErrClosed. It is
// safe for concurrent use.
func (m *Memory) Check(ctx context.Context) error {
	r, err := m.Verify(ctx)
	if err != nil {
		return err
	}
	return r.problems().err("check store")
}

// Verify implements Bolt.Verify for the memory store: it checks what
// Check does.
func (m *Memory) Verify(ctx context.Context) (Report, error) {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return Report{}, fmt.Errorf("check store: %w", err)
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
	lastAfter := make(map[string]cards.State)
	for i, r := range m.log {
		if _, ok := m.cards[r.Card]; !ok {
			p.add("review %d names unknown card %s", i+1, r.Card)
		}
		if !r.Drill {
			lastAfter[string(r.Card)] = r.After
		}
	}
	states := make(map[string]cards.State, len(m.cards))
	for id, c := range m.cards {
		states[string(id)] = c.state
	}
	checkLog(&p, states, lastAfter)
	return Report{Cards: len(m.cards), Reviews: len(m.log), Problems: p.list, Found: p.n}, nil
}

// Fix is what Repair changed in one index.
type Fix struct {
	// Index is "due", "new", "content" or "deck".
	Index string
	// Removed counts the entries that did not belong there, Added the
	// entries that were missing.
	Removed, Added int
}

// Repair rebuilds the due, new, content and deck indexes from the cards
// and their states, in one write transaction, and returns what it changed
// in each index that was wrong (nothing for a sound store). It never
// changes a card, a state, a note stamp or the review log: a card whose
// record or state does not decode stays out of the indexes, and Verify
// still reports it. It returns ErrReadOnly, ErrClosed, the context's
// error, or an error wrapping ErrCorrupt for pages too damaged to read.
// It is safe for concurrent use.
func (b *Bolt) Repair(ctx context.Context) ([]Fix, error) {
	var fixes []Fix
	err := b.update(ctx, func(t *tables) error {
		fixes = nil
		d := t.derive()
		for _, ix := range []struct {
			name string
			bk   *bolt.Bucket
			want [][]byte
		}{
			{"due", t.due, d.due},
			{"new", t.new, d.new},
			{"content", t.content, d.content},
			{"deck", t.decks, d.decks},
		} {
			f, err := rebuild(ctx, ix.bk, ix.want)
			if err != nil {
				return fmt.Errorf("rebuild the %s index: %w", ix.name, err)
			}
			if f.Removed+f.Added > 0 {
				f.Index = ix.name
				fixes = append(fixes, f)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("repair store %s: %w", b.path, err)
	}
	return fixes, nil
}

// rebuild makes the keys of bk exactly want, all with empty values.
func rebuild(ctx context.Context, bk *bolt.Bucket, want [][]byte) (Fix, error) {
	var f Fix
	keep := make(map[string]struct{}, len(want))
	for _, k := range want {
		keep[string(k)] = struct{}{}
	}
	var extra [][]byte
	c := bk.Cursor()
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := cancelled(ctx, n); err != nil {
			return f, err
		}
		n++
		if _, ok := keep[string(k)]; ok && len(v) == 0 && v != nil {
			delete(keep, string(k))
			continue
		}
		extra = append(extra, slices.Clone(k))
	}
	for _, k := range extra {
		if v := bk.Get(k); v == nil && bk.Bucket(k) != nil {
			if err := bk.DeleteBucket(k); err != nil {
				return f, err
			}
		} else if err := bk.Delete(k); err != nil {
			return f, err
		}
		if _, ok := keep[string(k)]; !ok {
			f.Removed++
		}
	}
	var missing [][]byte
	for _, k := range want {
		if _, ok := keep[string(k)]; ok {
			missing = append(missing, k)
		}
	}
	// A key whose value was wrong was deleted above and is put back here:
	// it counts as added, not removed.
	f.Added = len(missing)
	return f, putKeys(bk, missing)
}

// Repair implements Bolt.Repair for the memory store: it rebuilds the
// content index, its only index.
func (m *Memory) Repair(ctx context.Context) ([]Fix, error) {
	unlock, err := m.lock(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("repair store: %w", err)
	}
	defer unlock()
	var f Fix
	want := make(map[cards.ID][]cards.ID)
	for _, id := range slices.Sorted(maps.Keys(m.cards)) {
		c := m.cards[id]
		c.hash = contentHash(&c.Card)
		want[c.hash] = append(want[c.hash], id)
	}
	for h, ids := range m.content {
		for _, id := range ids {
			if !slices.Contains(want[h], id) {
				f.Removed++
			}
		}
	}
	for h, ids := range want {
		for _, id := range ids {
			if !slices.Contains(m.content[h], id) {
				f.Added++
			}
		}
	}
	m.content = want
	if f.Removed+f.Added == 0 {
		return nil, nil
	}
	f.Index = "content"
	return []Fix{f}, nil
}
