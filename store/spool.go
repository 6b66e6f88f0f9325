package store

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// A spool keeps the new cards of a Bolt stream's parts until Finish
// stores them, in a temporary file beside the store: one run of cards
// sorted by stored ID a part. Finish merges the runs and stores the cards
// in ID order, a range at a time: written in key order, the pages of the
// cards, states and content buckets are written once, full, where cards
// written part by part (in random ID order) would rewrite most pages of
// a large store for every part.
//
// The file is removed once created (where the system allows it), so a
// crash leaves nothing behind.
type spool struct {
	dir  string
	f    *os.File // nil until the first card
	w    *bufio.Writer
	size int64 // bytes written, flushed or not
	runs []spoolRun
	run  spoolRun // the run being written
	buf  []byte
	rec  []byte // the record being spooled
}

// spoolRun is one part's new cards in the file.
type spoolRun struct {
	off, n int64 // offset and length in bytes
	cards  int
}

// spooled is one new card in a spool.
type spooled struct {
	sid, rec []byte
	run      int // the run it was read from
}

func newSpool(dir string) *spool { return &spool{dir: dir} }

// begin starts a run.
func (s *spool) begin() { s.run = spoolRun{off: s.size} }

// add appends a card to the run: its stored ID and record. (Its content
// hash, which the content index needs, is computed again from the record
// when the card is stored, off the path of the parts: see feed.)
func (s *spool) add(sid []byte, r *record) error {
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, ".mnemo-add-*")
		if err != nil {
			return fmt.Errorf("spool new cards: %w", err)
		}
		_ = os.Remove(f.Name()) // where the system allows it: else at close
		s.f, s.w = f, bufio.NewWriterSize(f, 256<<10)
	}
	b := s.buf[:0]
	b = binary.AppendUvarint(b, uint64(len(sid)))
	b = append(b, sid...)
	s.rec = appendRecord(s.rec[:0], r)
	b = binary.AppendUvarint(b, uint64(len(s.rec)))
	b = append(b, s.rec...)
	s.buf = b
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("spool new cards: %w", err)
	}
	s.size += int64(len(b))
	s.run.cards++
	return nil
}

// end ends the run: keep it, or (when its part failed) drop it.
func (s *spool) end(keep bool) error {
	if !keep {
		if s.f != nil && s.size != s.run.off {
			if err := s.w.Flush(); err != nil {
				return fmt.Errorf("spool new cards: %w", err)
			}
			if err := s.f.Truncate(s.run.off); err != nil {
				return fmt.Errorf("spool new cards: %w", err)
			}
			if _, err := s.f.Seek(s.run.off, io.SeekStart); err != nil {
				return fmt.Errorf("spool new cards: %w", err)
			}
			s.w.Reset(s.f)
			s.size = s.run.off
		}
		return nil
	}
	s.run.n = s.size - s.run.off
	if s.run.cards > 0 {
		s.runs = append(s.runs, s.run)
	}
	return nil
}

// cards returns how many cards the runs hold.
func (s *spool) cards() int {
	n := 0
	for _, r := range s.runs {
		n += r.cards
	}
	return n
}

// merge returns the cards of every run in stored ID order.
func (s *spool) merge() (*spoolMerge, error) {
	m := &spoolMerge{}
	if len(s.runs) == 0 {
		return m, nil
	}
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("spool new cards: %w", err)
	}
	for i := range s.runs {
		rd := s.reader(i, &m.mem)
		ok, err := rd.next()
		if err != nil {
			return nil, err
		}
		if ok {
			m.h = append(m.h, rd)
		}
	}
	heap.Init(&m.h)
	return m, nil
}

// reader returns a reader of run i, which carves the cards it reads from
// mem. The writes to the spool must be flushed first (see merge).
func (s *spool) reader(i int, mem *chunks) *spoolReader {
	r := s.runs[i]
	return &spoolReader{r: bufio.NewReaderSize(io.NewSectionReader(s.f, r.off, r.n), 32<<10), mem: mem, run: i}
}

// close removes the file.
func (s *spool) close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	if rmErr := os.Remove(s.f.Name()); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
		err = errors.Join(err, rmErr)
	}
	s.f = nil
	return err
}

// spoolDir returns the folder of the store file at path.
func spoolDir(path string) string { return filepath.Dir(path) }

// spoolReader reads one run.
type spoolReader struct {
	r   *bufio.Reader
	cur spooled
	mem *chunks // where the fields of the cards read are carved from
	run int
}

// next reads the next card of the run into cur; false at its end.
func (rd *spoolReader) next() (bool, error) {
	var err error
	read := func() []byte {
		if err != nil {
			return nil
		}
		var n uint64
		if n, err = binary.ReadUvarint(rd.r); err != nil {
			return nil
		}
		b := rd.mem.make(int(n))
		_, err = io.ReadFull(rd.r, b)
		return b
	}
	sid := read()
	if errors.Is(err, io.EOF) {
		return false, nil
	}
	rd.cur = spooled{sid: sid, rec: read(), run: rd.run}
	if err != nil {
		return false, fmt.Errorf("read spooled cards: %w", err)
	}
	return true, nil
}

// spoolMerge yields the cards of several runs in stored ID order.
type spoolMerge struct {
	h   runHeap
	mem chunks
}

// chunks carves small byte slices from larger allocations: the fields of
// a spooled card are three slices that live until the transaction that
// stores the card ends, and one allocation for many of them is cheaper.
type chunks struct{ buf []byte }

// chunkSize is the size of each allocation of chunks; a slice that big or
// more has one of its own.
const chunkSize = 64 << 10

// make returns a slice of n bytes, which a later make never overlaps.
func (c *chunks) make(n int) []byte {
	if n >= chunkSize/4 {
		return make([]byte, n)
	}
	if cap(c.buf)-len(c.buf) < n {
		c.buf = make([]byte, 0, chunkSize)
	}
	start := len(c.buf)
	c.buf = c.buf[:start+n]
	return c.buf[start : start+n : start+n]
}

// next returns the card with the least stored ID; false when none is left.
func (m *spoolMerge) next() (spooled, bool, error) {
	if len(m.h) == 0 {
		return spooled{}, false, nil
	}
	rd := m.h[0]
	c := rd.cur
	ok, err := rd.next()
	if err != nil {
		return spooled{}, false, err
	}
	if ok {
		heap.Fix(&m.h, 0)
	} else {
		heap.Pop(&m.h)
	}
	return c, true, nil
}

type runHeap []*spoolReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return bytes.Compare(h[i].cur.sid, h[j].cur.sid) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*spoolReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
