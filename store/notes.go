package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Note is what a store remembers of a note file it took cards from, so
// that `mnemo add` can tell a note that did not change without reading or
// parsing it. The store only keeps stamps: the caller decides what they
// mean. Sync records those of Batch.Notes.
type Note struct {
	// Path is the note's path, as in cards.Source.Path.
	Path string
	// Size and ModTime (Unix nanoseconds) are the file's when it was read;
	// a ModTime of 0 says not to trust them (the file was written too
	// close to the moment it was read), so Hash must be compared.
	Size, ModTime int64
	// Hash identifies the file's content.
	Hash string
	// Gen identifies what besides the content decides the note's cards:
	// the generator's version, the deck the note falls back to.
	Gen string
	// Cards is how many cards the note gave (to its Sync: a card of an
	// ID another note gave first counts for that note only).
	Cards int
}

// noteV1 is the format byte of a note stamp.
const noteV1 = 1

func appendNote(b []byte, n *Note) []byte {
	b = append(b, noteV1)
	b = binary.AppendVarint(b, n.Size)
	b = binary.AppendVarint(b, n.ModTime)
	b = appendString(b, n.Hash)
	b = appendString(b, n.Gen)
	return binary.AppendUvarint(b, uint64(n.Cards))
}

func decodeNote(path, v []byte) (Note, error) {
	if len(v) < 1 {
		return Note{}, errShort
	}
	if v[0] != noteV1 {
		return Note{}, fmt.Errorf("unknown note format %d", v[0])
	}
	d := decoder{b: v[1:]}
	n := Note{Path: string(path), Size: d.varint(), ModTime: d.varint(), Hash: d.string(), Gen: d.string()}
	c := d.uvarint()
	if c > math.MaxInt32 && d.err == nil {
		d.fail(fmt.Errorf("card count %d out of range", c))
	}
	n.Cards = int(c)
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d bytes after the last field", len(d.b))
	}
	return n, d.err
}

// Notes returns the note stamps recorded by Sync, sorted by path (none in
// a store older than schema version 3 opened read-only). It returns
// ErrClosed, the context's error, or an error wrapping ErrCorrupt. It is
// safe for concurrent use; the result is the caller's.
func (b *Bolt) Notes(ctx context.Context) ([]Note, error) {
	var ns []Note
	err := b.view(ctx, func(t *tables) error {
		ns = nil
		if t.notes == nil {
			return nil
		}
		c := t.notes.Cursor()
		i := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, i); err != nil {
				return err
			}
			i++
			n, err := decodeNote(k, v)
			if err != nil {
				return fmt.Errorf("%w: note %s: %w", ErrCorrupt, k, err)
			}
			ns = append(ns, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list notes: %w", err)
	}
	return ns, nil
}

// putNotes records the stamps of b.Notes and removes the stamps in scope
// that are neither in b.Notes nor skipped: their note is gone.
func (t *tables) putNotes(ctx context.Context, b *Batch, sc scope) error {
	keep := make(map[string]struct{}, len(b.Notes))
	for _, n := range b.Notes {
		keep[n.Path] = struct{}{}
	}
	if len(sc.roots) > 0 {
		var gone [][]byte
		c := t.notes.Cursor()
		i := 0
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if err := cancelled(ctx, i); err != nil {
				return err
			}
			i++
			if _, ok := keep[string(k)]; !ok && sc.orphans(string(k)) {
				gone = append(gone, slices.Clone(k))
			}
		}
		for _, k := range gone {
			if err := t.notes.Delete(k); err != nil {
				return fmt.Errorf("forget note %s: %w", k, err)
			}
		}
	}
	ns := slices.Clone(b.Notes)
	slices.SortStableFunc(ns, func(a, b Note) int { return strings.Compare(a.Path, b.Path) })
	for i := range ns {
		if i > 0 && ns[i].Path == ns[i-1].Path {
			continue // the first wins, as for cards
		}
		if err := t.notes.Put([]byte(ns[i].Path), appendNote(nil, &ns[i])); err != nil {
			return fmt.Errorf("record note %s: %w", ns[i].Path, err)
		}
	}
	return nil
}

// putNotes implements Bolt's putNotes for the memory store.
func (m *Memory) putNotes(b *Batch, sc scope) {
	keep := make(map[string]struct{}, len(b.Notes))
	for _, n := range b.Notes {
		keep[n.Path] = struct{}{}
	}
	if len(sc.roots) > 0 {
		for p := range m.notes {
			if _, ok := keep[p]; !ok && sc.orphans(p) {
				delete(m.notes, p)
			}
		}
	}
	seen := make(map[string]bool, len(b.Notes))
	for _, n := range b.Notes {
		if !seen[n.Path] {
			seen[n.Path] = true
			m.notes[n.Path] = n
		}
	}
}

// Notes implements Bolt.Notes for the memory store.
func (m *Memory) Notes(ctx context.Context) ([]Note, error) {
	unlock, err := m.lock(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("list notes: %w", err)
	}
	defer unlock()
	var ns []Note
	for _, p := range slices.Sorted(maps.Keys(m.notes)) {
		ns = append(ns, m.notes[p])
	}
	return ns, nil
}
