package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/mnemo-dev/mnemo/cards"
)

// Streamer is implemented by stores that can take one `mnemo add` in
// several transactions (Bolt and Memory): an add too big to hold in memory
// at once is given to a Stream one part at a time. Callers find it with a
// type assertion.
type Streamer interface {
	// Stream begins a sync in parts of the notes under roots (see
	// Batch.Roots) on day (see Batch.Day). The store must stay open until
	// the stream is finished.
	Stream(roots []string, day cards.Date) *Stream
}

// Part is one part of a Stream: the whole of some notes.
type Part struct {
	// Cards are the cards generated from the notes of Paths, in order.
	Cards []cards.Card
	// Paths are the notes read for this part, in the form of
	// cards.Source.Path. Their stored cards absent from Cards become
	// orphaned (after re-matching, as in Sync) when they lie under the
	// stream's roots and are not in Skip. A path belongs to one part.
	Paths []string
	// Skip lists notes whose stored cards are left as they are: notes
	// that failed to parse, and notes found unchanged (see Batch.Skip).
	Skip []string
	// Notes are the stamps to record (see Batch.Notes).
	Notes []Note
}

// Stream is one sync given in parts, made by Streamer.Stream, for an add
// too big to hold in memory at once. Sync matches each part's cards to the
// stored cards in one transaction, which changes the stored cards that
// match (updated, re-matched, revived) or that its notes lost (orphaned),
// and records the stamps of its notes that gave no new card. The new
// cards wait, with the stamps of their notes, until Finish, which stores
// them in several transactions (Bolt: 25,000 cards each, in ID order; into
// a store without cards, built apart and put in place by the last) and,
// in the last, orphans the stored cards under the roots whose note no part
// read or skipped (a note deleted or moved) and forgets those notes'
// stamps.
//
// The final state is that of one Sync of all the parts' cards, stamps and
// skipped paths with the stream's roots, except in the rare cases that
// depend on the order of the notes, which decides what each part sees:
//
//   - The first card of an ID wins across parts, in the order they are
//     given, as in one batch. A stored card that an earlier part took
//     (matched, and not orphaned since) is not matched again by a later
//     part: a text copied into a second note stays with the first.
//   - A stored card is orphaned by the part of its note when that note no
//     longer has it; a later part may still take it back whole (a text
//     moved to another note, whose card keeps its history), but an earlier
//     re-match may have taken it for an edited text of its own note (one
//     Sync would have let the other note have it, and left the edited text
//     new).
//
// A stored card whose note no part covers is never orphaned before Finish,
// so a moved note keeps its cards whichever of its old and new paths comes
// first. If the stream stops before its end (an error, a crash), the
// parts' changes to stored cards stay, and perhaps some of the new cards;
// the notes whose new cards did not all land have no new stamp, so the
// next add reads them again (and finds the cards that landed unchanged).
//
// Sync's summary counts the part alone; Finish returns the counts of the
// whole stream, where a card orphaned by a part and taken back by a later
// one counts as updated only. A Stream is not safe for concurrent use; it
// holds, besides the part in progress, the paths of the notes seen and
// the IDs of the cards given (8 bytes each), and Bolt's stream the IDs of
// the cards stored under the roots when it began (about 20 bytes each)
// and a temporary file of the new cards. The store must not be written by
// other means between the parts (if it is, nothing breaks, but the stream
// may store a new card beside the same card written meanwhile).
type Stream struct {
	impl  streamImpl
	roots []string
	day   cards.Date
	// seen holds the notes of the parts stored so far (their Paths not
	// skipped, and the paths of their cards): a stored card of such a note
	// that is not orphaned was taken by its part.
	seen map[string]struct{}
	// skip and noted hold the paths skipped and stamped by the parts.
	skip, noted map[string]struct{}
	given       IDSet  // IDs of the cards of the parts stored so far
	orphaned    IDSet  // stored IDs the parts orphaned
	deferred    []Note // stamps that Finish records
	total       Summary
	parts       int
	done        bool
}

// streamImpl is what a store does for a Stream.
type streamImpl interface {
	// syncPart stores one part in one transaction; it changes nothing of
	// st.
	syncPart(ctx context.Context, st *Stream, in *partInput) (partResult, error)
	// finish orphans the cards of the notes of no part and forgets their
	// stamps, in one transaction.
	finish(ctx context.Context, st *Stream) (Summary, error)
}

// partInput is a part as a store sees it.
type partInput struct {
	cards []cards.Card // without the IDs given by earlier parts
	sc    scope        // the part's notes under the roots, less the skipped
	notes []Note
}

// partResult is what a store did with a part.
type partResult struct {
	sum      Summary
	orphaned []cards.ID // stored IDs orphaned
	revived  int        // cards orphaned by an earlier part and matched again
	// deferred are the stamps of the notes whose new cards wait for
	// Finish.
	deferred []Note
}

// errStreamDone is returned by Stream.Sync and Stream.Finish once the
// stream is finished.
var errStreamDone = errors.New("stream is finished")

// newStream returns a stream of impl.
func newStream(impl streamImpl, roots []string, day cards.Date) *Stream {
	return &Stream{
		impl: impl, roots: slices.Clone(roots), day: day,
		seen: make(map[string]struct{}), skip: make(map[string]struct{}), noted: make(map[string]struct{}),
	}
}

// Sync stores one part in one transaction, which lands whole or not at
// all, but for its new cards (see Stream). Its cards are matched to the
// stored cards as Store.Sync matches a batch's, but for the stored cards
// taken by an earlier part, and for the cards whose ID an earlier part
// gave, which are dropped (the first wins). It returns the counts of this
// part, ErrClosed, the context's error, an error wrapping ErrCorrupt, or
// an error when the part names a path of an earlier part, the new cards
// cannot be written to the temporary file, or the stream is finished.
// After an error the stream goes on as if the part had not been given.
func (st *Stream) Sync(ctx context.Context, p Part) (Summary, error) {
	if st.done {
		return Summary{}, fmt.Errorf("sync part: %w", errStreamDone)
	}
	skip := make(map[string]struct{}, len(p.Skip))
	for _, path := range p.Skip {
		skip[path] = struct{}{}
	}
	only := make(map[string]struct{}, len(p.Paths))
	for _, path := range p.Paths {
		if _, ok := st.seen[path]; ok {
			return Summary{}, fmt.Errorf("sync part: note %s is in an earlier part", path)
		}
		if _, ok := skip[path]; !ok {
			only[path] = struct{}{}
		}
	}
	cs := p.Cards
	for i := range cs {
		if st.given.Has(cs[i].ID) {
			cs = slices.DeleteFunc(slices.Clone(cs), func(c cards.Card) bool { return st.given.Has(c.ID) })
			break
		}
	}
	in := &partInput{cards: cs, sc: scope{roots: st.roots, skip: skip, only: only}, notes: p.Notes}
	res, err := st.impl.syncPart(ctx, st, in)
	if err != nil {
		return Summary{}, fmt.Errorf("sync part: %w", err)
	}
	st.parts++
	for path := range only {
		st.seen[path] = struct{}{}
	}
	for i := range cs {
		st.given.Add(cs[i].ID)
		st.seen[cs[i].Source.Path] = struct{}{}
	}
	for path := range skip {
		st.skip[path] = struct{}{}
	}
	for _, n := range p.Notes {
		st.noted[n.Path] = struct{}{}
	}
	st.given.flush()
	for _, id := range res.orphaned {
		st.orphaned.Add(id)
	}
	st.orphaned.flush()
	st.deferred = append(st.deferred, res.deferred...)
	st.total.add(res.sum)
	st.total.Orphaned -= res.revived
	return res.sum, nil
}

// Finish ends the stream: it stores the new cards of the parts and the
// stamps of their notes, orphans the stored cards under the roots that are
// not orphaned and whose note no part read or skipped, and forgets those
// notes' stamps (see Stream). It returns the counts of the whole stream,
// ErrClosed, the context's error, or an error wrapping ErrCorrupt. The
// stream is over even after an error: what its transactions stored stays.
func (st *Stream) Finish(ctx context.Context) (Summary, error) {
	if st.done {
		return Summary{}, fmt.Errorf("finish sync: %w", errStreamDone)
	}
	st.done = true
	sum, err := st.impl.finish(ctx, st)
	if err != nil {
		return Summary{}, fmt.Errorf("finish sync: %w", err)
	}
	st.total.add(sum)
	return st.total, nil
}

// finalScope is the scope of Finish: the roots, less every note a part
// read, skipped or stamped.
func (st *Stream) finalScope() scope {
	keep := make(map[string]struct{}, len(st.seen)+len(st.skip)+len(st.noted))
	for _, m := range []map[string]struct{}{st.seen, st.skip, st.noted} {
		for p := range m {
			keep[p] = struct{}{}
		}
	}
	return scope{roots: st.roots, skip: keep}
}

// hidden reports whether a stored card at path with flags f was taken by
// an earlier part of st (nil: no stream).
func (st *Stream) hidden(path []byte, f flags) bool {
	if st == nil || f&flagOrphaned != 0 {
		return false
	}
	_, ok := st.seen[string(path)]
	return ok
}

func (s *Summary) add(o Summary) {
	s.New += o.New
	s.Updated += o.Updated
	s.Rematched += o.Rematched
	s.Unchanged += o.Unchanged
	s.Orphaned += o.Orphaned
}

// IDSet is a set of card IDs that keeps a content hash (the ID of nearly
// every card, see cards.NewID) in 8 bytes of a sorted slice: the IDs of a
// million cards take 8 MB. The IDs added last wait in a map until they are
// merged in. The zero IDSet is empty; it is not safe for concurrent use.
type IDSet struct {
	sorted []uint64
	fresh  map[uint64]struct{}   // hashes added since the last flush
	other  map[cards.ID]struct{} // IDs that are not content hashes
}

// Add adds id to the set and reports whether it was new.
func (s *IDSet) Add(id cards.ID) bool {
	h, ok := packHash(id)
	if !ok {
		if _, found := s.other[id]; found {
			return false
		}
		if s.other == nil {
			s.other = make(map[cards.ID]struct{})
		}
		s.other[id] = struct{}{}
		return true
	}
	if s.hasHash(h) {
		return false
	}
	if s.fresh == nil {
		s.fresh = make(map[uint64]struct{})
	}
	s.fresh[h] = struct{}{}
	if len(s.fresh) >= 1<<15 {
		s.flush()
	}
	return true
}

// Has reports whether id is in the set.
func (s *IDSet) Has(id cards.ID) bool {
	if h, ok := packHash(id); ok {
		return s.hasHash(h)
	}
	_, found := s.other[id]
	return found
}

func (s *IDSet) hasHash(h uint64) bool {
	if _, found := s.fresh[h]; found {
		return true
	}
	_, found := slices.BinarySearch(s.sorted, h)
	return found
}

// flush merges the hashes added since the last flush into the sorted
// slice.
func (s *IDSet) flush() {
	if len(s.fresh) == 0 {
		return
	}
	add := slices.Sorted(maps.Keys(s.fresh)) // none is in sorted: see Add
	// Merge from the back, in place.
	n, m := len(s.sorted), len(add)
	s.sorted = slices.Grow(s.sorted, m)[:n+m]
	for i, j, k := n-1, m-1, n+m-1; j >= 0; k-- {
		if i >= 0 && s.sorted[i] > add[j] {
			s.sorted[k] = s.sorted[i]
			i--
		} else {
			s.sorted[k] = add[j]
			j--
		}
	}
	s.fresh = nil
}

// packHash returns a content hash as the number its hex digits spell.
func packHash(id cards.ID) (uint64, bool) {
	if !isHash(id) {
		return 0, false
	}
	h, err := strconv.ParseUint(string(id), 16, 64)
	return h, err == nil
}

// idList packs stored IDs in one byte slice, each after its length.
type idList []byte

func (l idList) add(id []byte) idList {
	l = binary.AppendUvarint(l, uint64(len(id)))
	return append(l, id...)
}

// each calls f with each ID of l, a slice of l.
func (l idList) each(f func(id []byte)) {
	for len(l) > 0 {
		n, k := binary.Uvarint(l)
		if k <= 0 || uint64(len(l)-k) < n {
			return
		}
		f(l[k : k+int(n)])
		l = l[k+int(n):]
	}
}
