package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt trusts the page numbers it reads from the file: a file that is not
// a bbolt database, or one cut short, can make it read past the end of its
// memory map (a fault that kills the process) or panic. checkHeader reads
// the two meta pages the way bbolt does and rejects such files before
// bbolt maps them. The layout is bbolt's on-disk format, version 2:
//
//	page header (16 bytes): id u64, flags u16, count u16, overflow u32
//	meta: magic u32, version u32, pageSize u32, flags u32,
//	      root bucket {root pgid u64, sequence u64}, freelist pgid u64,
//	      high-water pgid u64, txid u64, checksum u64 (FNV-64a of the above)
//
// in the byte order of the machine that wrote it (bbolt files do not move
// between byte orders).
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	boltPageHeader  = 16
	boltMetaSize    = 64
	boltNoFreelist  = ^uint64(0)
	boltMinPageSize = 512
	boltMaxPageSize = 1 << 24 // the largest page size bbolt looks for
)

// boltMeta is a decoded, valid meta page.
type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// parseMeta decodes the meta page at the start of p (page header
// included); ok is false when it is not a valid meta page. Like bbolt, it
// checks the magic, the version and the checksum, not the page flags.
func parseMeta(p []byte) (boltMeta, bool) {
	if len(p) < boltPageHeader+boltMetaSize {
		return boltMeta{}, false
	}
	e := binary.NativeEndian
	m := p[boltPageHeader : boltPageHeader+boltMetaSize]
	if e.Uint32(m[0:]) != boltMagic || e.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != e.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: e.Uint32(m[8:]),
		root:     e.Uint64(m[16:]),
		freelist: e.Uint64(m[32:]),
		pgid:     e.Uint64(m[40:]),
		txid:     e.Uint64(m[48:]),
	}, true
}

// errNotBolt is what checkHeader finds wrong, wrapped in ErrCorrupt by Open.
var errNotBolt = errors.New("no valid bbolt meta page")

// checkHeader checks that the file at path, of the given size, has a valid
// meta page whose pages all lie inside the file.
func checkHeader(f *os.File, size int64) error {
	if size == 0 {
		return errors.New("file is empty")
	}
	buf := make([]byte, boltPageHeader+boltMetaSize)
	read := func(off int64) (boltMeta, bool) {
		n, err := f.ReadAt(buf, off)
		if err != nil && !(errors.Is(err, io.EOF) && n == len(buf)) {
			return boltMeta{}, false
		}
		return parseMeta(buf)
	}
	// Like bbolt: the page size comes from the first meta page, or from the
	// second one found at a power-of-two offset when the first is damaged.
	var pageSize int64
	if m, ok := read(0); ok {
		pageSize = int64(m.pageSize)
	} else {
		for p := int64(1024); p <= boltMaxPageSize && p < size; p <<= 1 {
			if m, ok := read(p); ok && int64(m.pageSize) == p {
				pageSize = p
				break
			}
		}
	}
	if pageSize < boltMinPageSize || pageSize > boltMaxPageSize || pageSize&(pageSize-1) != 0 {
		return errNotBolt
	}
	m0, ok0 := read(0)
	m1, ok1 := read(pageSize)
	ok0 = ok0 && int64(m0.pageSize) == pageSize
	ok1 = ok1 && int64(m1.pageSize) == pageSize
	// bbolt uses the valid meta page with the higher transaction ID.
	var m boltMeta
	switch {
	case ok0 && ok1:
		m = m0
		if m1.txid > m0.txid {
			m = m1
		}
	case ok0:
		m = m0
	case ok1:
		m = m1
	default:
		return errNotBolt
	}
	if m.pgid < 4 || m.pgid > uint64(size/pageSize) {
		return fmt.Errorf("file is cut short: %d bytes hold %d pages of %d, the meta page counts %d",
			size, size/pageSize, pageSize, m.pgid)
	}
	if m.root < 2 || m.root >= m.pgid {
		return fmt.Errorf("root page %d out of range", m.root)
	}
	if m.freelist != boltNoFreelist && (m.freelist < 2 || m.freelist >= m.pgid) {
		return fmt.Errorf("freelist page %d out of range", m.freelist)
	}
	return nil
}
