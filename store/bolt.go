package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// schemaVersion is the layout of the buckets described in doc.go. A store
// with a higher version was written by a newer mnemo.
const schemaVersion = 1

// defaultTimeout is how long Open waits for the file lock by default.
const defaultTimeout = time.Second

// Bucket names and the meta key.
const (
	bucketMeta   = "meta"
	bucketCards  = "cards"
	bucketStates = "states"
	bucketDue    = "due"
	bucketNew    = "new"
	bucketLog    = "log"
	keyVersion   = "version"
)

// dataBuckets are the buckets besides meta, created with it.
var dataBuckets = [...]string{bucketCards, bucketStates, bucketDue, bucketNew, bucketLog}

// Options configures Open. The zero value opens the store for reading and
// writing and waits at most one second for another process to release it.
type Options struct {
	// Timeout is how long Open waits for the file lock held by another
	// process before it gives up with ErrLocked: 0 means one second, a
	// negative value gives up at once.
	Timeout time.Duration
	// ReadOnly opens an existing store with a shared lock, beside other
	// readers but not beside a writer. The file is never written; Sync,
	// Record and SetSuspended return ErrReadOnly.
	ReadOnly bool
}

// Bolt is the Store kept in one bbolt file. Every method runs in one bbolt
// transaction, so a crash leaves the file as it was before or after the
// call, never in between. It is safe for concurrent use by goroutines; two
// processes cannot open the same file for writing at the same time.
//
// Besides the errors of the Store interface, its methods return ErrClosed
// after Close, ErrReadOnly for a write to a store opened read-only, the
// context's error when ctx ends first (a write then changes nothing), and
// an error wrapping ErrCorrupt when they meet damaged data. Everything they
// return is a copy owned by the caller.
type Bolt struct {
	mu       sync.RWMutex // held for reading by each call, for writing by Close
	db       *bolt.DB     // nil once closed
	path     string
	readOnly bool
}

var _ Store = (*Bolt)(nil)

// Open opens the store file at path, creating it (mode 0600, its folder
// 0700) when it does not exist, unless opts.ReadOnly is set: a missing file
// is then an error wrapping fs.ErrNotExist.
//
// It returns an error wrapping ErrLocked when another process holds the
// file past opts.Timeout, ErrCorrupt when the file is not a mnemo store or
// is damaged (an empty file included), and ErrVersion when it was written
// by a newer mnemo. The caller must Close the store.
func Open(path string, opts Options) (*Bolt, error) {
	b, err := open(path, opts)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return b, nil
}

func open(path string, opts Options) (*Bolt, error) {
	timeout := opts.Timeout
	switch {
	case timeout == 0:
		timeout = defaultTimeout
	case timeout < 0:
		timeout = time.Nanosecond // bbolt tries once, then gives up
	}

	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !opts.ReadOnly:
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, fmt.Errorf("%w: is a directory", ErrCorrupt)
	default:
		// An existing empty file is refused: it is not a store. (Another
		// Open that created the file has it empty for the microseconds
		// before bbolt writes its first pages.)
		if err := checkFile(path, info.Size()); err != nil {
			return nil, err
		}
	}

	var file *os.File
	bopts := &bolt.Options{
		Timeout:         timeout,
		ReadOnly:        opts.ReadOnly,
		InitialMmapSize: initialMmapSize(),
		// Keep the file so it can be closed (and its lock released) if
		// bbolt panics on a damaged page before it returns.
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	var db *bolt.DB
	err = guard(func() (err error) {
		db, err = bolt.Open(path, 0o600, bopts)
		return err
	})
	switch {
	case err == nil:
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, ErrLocked
	case errors.Is(err, ErrCorrupt):
		if db == nil && file != nil {
			_ = file.Close()
		}
		return nil, err
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum),
		errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	default:
		return nil, err
	}

	db.AllocSize = allocSize
	b := &Bolt{db: db, path: path, readOnly: opts.ReadOnly}
	if err := b.initSchema(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return b, nil
}

// Each time a write outgrows bbolt's memory map, bbolt maps the file again
// and first copies to the heap every page the transaction has read: on the
// first Sync of 100,000 cards that took a third of the time. So the map
// starts with room to grow, which costs only address space (except on
// Windows, where bbolt makes the file as large as the map, and on 32-bit
// systems, short of address space: both keep bbolt's default). bbolt then
// grows the file allocSize at a time, instead of its default 16 MiB once
// the map is larger than that.
const (
	mmapSize  = 256 << 20
	allocSize = 64 << 10
)

func initialMmapSize() int {
	if runtime.GOOS == "windows" || strconv.IntSize < 64 {
		return 0
	}
	return mmapSize
}

// checkFile rejects a file that bbolt could not open safely.
func checkFile(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := checkHeader(f, size); err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return nil
}

// initSchema checks the buckets of an opened file, and creates them in a
// file that has none (one bbolt has just created).
func (b *Bolt) initSchema() error {
	var empty bool
	err := guard(func() error {
		return b.db.View(func(tx *bolt.Tx) (err error) {
			empty, err = checkSchema(tx)
			return err
		})
	})
	if err != nil || !empty {
		return err
	}
	if b.readOnly {
		return fmt.Errorf("%w: the file holds no mnemo buckets", ErrCorrupt)
	}
	return guard(func() error {
		return b.db.Update(func(tx *bolt.Tx) error {
			if empty, err := checkSchema(tx); err != nil || !empty {
				return err
			}
			meta, err := tx.CreateBucket([]byte(bucketMeta))
			if err != nil {
				return err
			}
			v := binary.BigEndian.AppendUint32(nil, schemaVersion)
			if err := meta.Put([]byte(keyVersion), v); err != nil {
				return err
			}
			for _, name := range dataBuckets {
				if _, err := tx.CreateBucket([]byte(name)); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// checkSchema checks the schema version and the buckets; empty reports a
// file without any bucket.
func checkSchema(tx *bolt.Tx) (empty bool, err error) {
	meta := tx.Bucket([]byte(bucketMeta))
	if meta == nil {
		c := tx.Cursor()
		if k, _ := c.First(); k != nil {
			return false, fmt.Errorf("%w: no %q bucket", ErrCorrupt, bucketMeta)
		}
		return true, nil
	}
	v := meta.Get([]byte(keyVersion))
	if len(v) != 4 {
		return false, fmt.Errorf("%w: bad schema version %x", ErrCorrupt, v)
	}
	switch ver := binary.BigEndian.Uint32(v); {
	case ver > schemaVersion:
		return false, fmt.Errorf("%w: schema version %d, this mnemo reads up to %d", ErrVersion, ver, schemaVersion)
	case ver < 1:
		return false, fmt.Errorf("%w: bad schema version %d", ErrCorrupt, ver)
	}
	for _, name := range dataBuckets {
		if tx.Bucket([]byte(name)) == nil {
			return false, fmt.Errorf("%w: no %q bucket", ErrCorrupt, name)
		}
	}
	return false, nil
}

// guard runs fn and turns a panic into an error wrapping ErrCorrupt: bbolt
// panics on some damaged pages, and SetPanicOnFault turns a fault reading
// the memory map into a panic instead of a crash.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrCorrupt, p)
		}
	}()
	return fn()
}

// Path returns the path the store was opened with. It is safe for
// concurrent use, also after Close.
func (b *Bolt) Path() string { return b.path }

// Close releases the file and its lock. It returns ErrClosed when the store
// is already closed.
func (b *Bolt) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.db == nil {
		return ErrClosed
	}
	err := b.db.Close()
	b.db = nil
	if err != nil {
		return fmt.Errorf("close store %s: %w", b.path, err)
	}
	return nil
}

// tables are the data buckets of one transaction.
type tables struct {
	tx                           *bolt.Tx
	cards, states, due, new, log *bolt.Bucket
}

func openTables(tx *bolt.Tx) (*tables, error) {
	t := &tables{
		tx:     tx,
		cards:  tx.Bucket([]byte(bucketCards)),
		states: tx.Bucket([]byte(bucketStates)),
		due:    tx.Bucket([]byte(bucketDue)),
		new:    tx.Bucket([]byte(bucketNew)),
		log:    tx.Bucket([]byte(bucketLog)),
	}
	if t.cards == nil || t.states == nil || t.due == nil || t.new == nil || t.log == nil {
		return nil, fmt.Errorf("%w: a bucket is missing", ErrCorrupt)
	}
	return t, nil
}

// view runs fn in a read transaction.
func (b *Bolt) view(ctx context.Context, fn func(*tables) error) error {
	return b.run(ctx, false, fn)
}

// update runs fn in a write transaction, committed when fn returns nil.
func (b *Bolt) update(ctx context.Context, fn func(*tables) error) error {
	return b.run(ctx, true, fn)
}

func (b *Bolt) run(ctx context.Context, write bool, fn func(*tables) error) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.db == nil {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if write && b.readOnly {
		return ErrReadOnly
	}
	txFn := func(tx *bolt.Tx) error {
		t, err := openTables(tx)
		if err != nil {
			return err
		}
		return fn(t)
	}
	return guard(func() error {
		if write {
			return b.db.Update(txFn)
		}
		return b.db.View(txFn)
	})
}

// cancelled checks ctx every 1024 steps of a loop.
func cancelled(ctx context.Context, i int) error {
	if i&1023 != 0 {
		return nil
	}
	return ctx.Err()
}

// dueKey returns the due index key of card id due on d: the day as
// 4 big-endian bytes counted from cards.MinDate, then the ID, so keys sort
// by day, then ID.
func dueKey(d cards.Date, id []byte) []byte {
	d = min(max(d, cards.MinDate), cards.MaxDate)
	k := make([]byte, 0, 4+len(id))
	k = binary.BigEndian.AppendUint32(k, uint32(d-cards.MinDate))
	return append(k, id...)
}

// newKey returns the new index key of card id added as seq: 8 big-endian
// bytes, then the ID, so keys sort in the order cards were added.
func newKey(seq uint64, id []byte) []byte {
	k := make([]byte, 0, 8+len(id))
	k = binary.BigEndian.AppendUint64(k, seq)
	return append(k, id...)
}

// splitDueKey splits a due index key into its day and card ID.
func splitDueKey(k []byte) (cards.Date, []byte, bool) {
	if len(k) <= 4 {
		return 0, nil, false
	}
	return cards.Date(int64(binary.BigEndian.Uint32(k)) + int64(cards.MinDate)), k[4:], true
}

// splitNewKey splits a new index key into its add sequence and card ID.
func splitNewKey(k []byte) (uint64, []byte, bool) {
	if len(k) <= 8 {
		return 0, nil, false
	}
	return binary.BigEndian.Uint64(k), k[8:], true
}

// indexKey returns the queue index and key of a card, or a nil bucket when
// the card is in no queue (orphaned or suspended).
func (t *tables) indexKey(id []byte, orphaned, suspended bool, seq uint64, s cards.State) (*bolt.Bucket, []byte) {
	switch {
	case orphaned || suspended:
		return nil, nil
	case s.IsNew():
		return t.new, newKey(seq, id)
	}
	return t.due, dueKey(s.Due, id)
}

// state reads the state of card id.
func (t *tables) state(id []byte) (cards.State, error) {
	v := t.states.Get(id)
	if v == nil {
		return cards.State{}, fmt.Errorf("%w: card %s has no state", ErrCorrupt, id)
	}
	s, err := decodeState(v)
	if err != nil {
		return cards.State{}, fmt.Errorf("%w: state of card %s: %w", ErrCorrupt, id, err)
	}
	return s, nil
}

// entry reads card id and its state; ok is false when the card is absent.
func (t *tables) entry(id []byte) (e Entry, ok bool, err error) {
	v := t.cards.Get(id)
	if v == nil {
		return Entry{}, false, nil
	}
	r, err := decodeRecord(id, v)
	if err != nil {
		return Entry{}, false, fmt.Errorf("%w: card %s: %w", ErrCorrupt, id, err)
	}
	s, err := t.state(id)
	if err != nil {
		return Entry{}, false, err
	}
	return Entry{Card: r.Card, State: s, Status: statusOf(r.Orphaned, r.Suspended, s)}, true, nil
}

// putKeys puts the keys, sorted first (bbolt inserts in key order much
// faster), with empty values.
func putKeys(bk *bolt.Bucket, keys [][]byte) error {
	slices.SortFunc(keys, bytes.Compare)
	for _, k := range keys {
		if err := bk.Put(k, []byte{}); err != nil {
			return err
		}
	}
	return nil
}

// Sync implements Store.Sync in one write transaction. It reads every
// stored card once, to find the ones to orphan, and writes only the cards
// that change.
func (b *Bolt) Sync(ctx context.Context, batch Batch) (Summary, error) {
	cs, inBatch, err := dedupe(batch.Cards)
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	// Writing in key order keeps bbolt fast on large batches.
	type item struct {
		id cards.ID
		i  int
	}
	items := make([]item, len(cs))
	for i := range cs {
		items[i] = item{cs[i].ID, i}
	}
	slices.SortFunc(items, func(a, b item) int { return strings.Compare(string(a.id), string(b.id)) })
	order := make([]int, len(cs))
	for n, it := range items {
		order[n] = it.i
	}
	sc := newScope(batch)
	var sum Summary
	err = b.update(ctx, func(t *tables) error {
		var err error
		sum, err = t.sync(ctx, cs, order, inBatch, sc)
		return err
	})
	if err != nil {
		return Summary{}, fmt.Errorf("sync cards: %w", err)
	}
	return sum, nil
}

// What Sync does to a card of the batch.
const (
	syncUnchanged = iota
	syncNew
	syncUpdated
)

func (t *tables) sync(ctx context.Context, cs []cards.Card, order []int, inBatch map[string]struct{}, sc scope) (Summary, error) {
	var sum Summary
	what := make([]uint8, len(cs))
	heads := make([]recordHead, len(cs))
	var body []byte
	for n, i := range order {
		if err := cancelled(ctx, n); err != nil {
			return sum, err
		}
		c := &cs[i]
		v := t.cards.Get([]byte(c.ID))
		if v == nil {
			what[i] = syncNew
			sum.New++
			continue
		}
		h, err := decodeHead(v)
		if err != nil {
			return sum, fmt.Errorf("%w: card %s: %w", ErrCorrupt, c.ID, err)
		}
		body = appendCardBody(body[:0], c)
		if !h.Orphaned && bytes.Equal(h.body, body) {
			sum.Unchanged++
			continue
		}
		what[i] = syncUpdated
		heads[i] = h
		sum.Updated++
	}
	if sum.New+sum.Updated > 0 {
		if err := t.upsert(ctx, cs, order, what, heads); err != nil {
			return sum, err
		}
	}
	if len(sc.roots) > 0 {
		n, err := t.orphan(ctx, inBatch, sc)
		if err != nil {
			return sum, err
		}
		sum.Orphaned = n
	}
	return sum, nil
}

// upsert writes the new and updated cards of a Sync.
func (t *tables) upsert(ctx context.Context, cs []cards.Card, order []int, what []uint8, heads []recordHead) error {
	// New cards queue in the order of the batch.
	seq := t.cards.Sequence()
	seqs := make([]uint64, len(cs))
	for i := range cs {
		if what[i] == syncNew {
			seq++
			seqs[i] = seq
		}
	}
	if err := t.cards.SetSequence(seq); err != nil {
		return err
	}
	newState := appendState(nil, cards.NewState()) // shared: bbolt only reads values
	var newKeys, dueKeys [][]byte
	var buf []byte
	for n, i := range order {
		if err := cancelled(ctx, n); err != nil {
			return err
		}
		c := &cs[i]
		id := []byte(c.ID)
		var r record
		switch what[i] {
		case syncUnchanged:
			continue
		case syncNew:
			r = record{Card: *c, Seq: seqs[i]}
			if err := t.states.Put(id, newState); err != nil {
				return fmt.Errorf("put state of card %s: %w", c.ID, err)
			}
			newKeys = append(newKeys, newKey(r.Seq, id))
		case syncUpdated:
			h := &heads[i]
			r = record{Card: *c, Seq: h.Seq, Suspended: h.Suspended}
			if h.Orphaned { // revived: back in its queue
				s, err := t.state(id)
				if err != nil {
					return err
				}
				switch bk, k := t.indexKey(id, false, h.Suspended, h.Seq, s); bk {
				case t.new:
					newKeys = append(newKeys, k)
				case t.due:
					dueKeys = append(dueKeys, k)
				}
			}
		}
		// bbolt keeps the value slice until the transaction ends: carve
		// each value from a shared buffer instead of reusing it.
		if cap(buf)-len(buf) < 4096 {
			buf = make([]byte, 0, 64<<10)
		}
		start := len(buf)
		buf = appendRecord(buf, &r)
		if err := t.cards.Put(id, buf[start:len(buf):len(buf)]); err != nil {
			return fmt.Errorf("put card %s: %w", c.ID, err)
		}
	}
	if err := putKeys(t.new, newKeys); err != nil {
		return fmt.Errorf("index new cards: %w", err)
	}
	if err := putKeys(t.due, dueKeys); err != nil {
		return fmt.Errorf("index due cards: %w", err)
	}
	return nil
}

// orphan marks the stored cards in scope and absent from the batch as
// orphaned, and takes them out of their queue.
func (t *tables) orphan(ctx context.Context, inBatch map[string]struct{}, sc scope) (int, error) {
	type orphan struct {
		id, v []byte
		h     recordHead
	}
	var found []orphan
	c := t.cards.Cursor()
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := cancelled(ctx, n); err != nil {
			return 0, err
		}
		n++
		if _, ok := inBatch[string(k)]; ok {
			continue
		}
		h, err := decodeHead(v)
		if err != nil {
			return 0, fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
		}
		if h.Orphaned || !sc.orphans(h.Path) {
			continue
		}
		found = append(found, orphan{id: slices.Clone(k), v: slices.Clone(v), h: h})
	}
	// Change the bucket only once the cursor is done with it.
	for _, o := range found {
		if err := t.cards.Put(o.id, setFlags(o.v, true, o.h.Suspended)); err != nil {
			return 0, fmt.Errorf("put card %s: %w", o.id, err)
		}
		s, err := t.state(o.id)
		if err != nil {
			return 0, err
		}
		if bk, k := t.indexKey(o.id, false, o.h.Suspended, o.h.Seq, s); bk != nil {
			if err := bk.Delete(k); err != nil {
				return 0, fmt.Errorf("unindex card %s: %w", o.id, err)
			}
		}
	}
	return len(found), nil
}

// Cards implements Store.Cards. It reads every card.
func (b *Bolt) Cards(ctx context.Context, f Filter) ([]Entry, error) {
	var es []Entry
	err := b.view(ctx, func(t *tables) error {
		es = nil
		c := t.cards.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			r, err := decodeRecord(k, v)
			if err != nil {
				return fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
			}
			if !InDeck(r.Card.Deck, f.Deck) {
				continue
			}
			s, err := t.state(k)
			if err != nil {
				return err
			}
			e := Entry{Card: r.Card, State: s, Status: statusOf(r.Orphaned, r.Suspended, s)}
			if f.matches(&e) {
				es = append(es, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list cards: %w", err)
	}
	sortEntries(es)
	return es, nil
}

// Due implements Store.Due. It walks the due index up to day, then the
// new index, reading only the cards it meets there.
func (b *Bolt) Due(ctx context.Context, day cards.Date, q Query) ([]Entry, error) {
	q = capQuery(q)
	var es []Entry
	err := b.view(ctx, func(t *tables) error {
		es = nil
		// Keys sort by day: stop at the first key past day.
		c := t.due.Cursor()
		n := 0
		for k, _ := c.First(); k != nil && !q.full(len(es)); k, _ = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			d, id, ok := splitDueKey(k)
			if !ok {
				return fmt.Errorf("%w: bad due index key %x", ErrCorrupt, k)
			}
			if d > day {
				break
			}
			if err := t.queue(&es, id, q.Deck, cards.StatusReview); err != nil {
				return err
			}
		}
		news := 0
		c = t.new.Cursor()
		for k, _ := c.First(); k != nil && news < q.New && !q.full(len(es)); k, _ = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			_, id, ok := splitNewKey(k)
			if !ok {
				return fmt.Errorf("%w: bad new index key %x", ErrCorrupt, k)
			}
			before := len(es)
			if err := t.queue(&es, id, q.Deck, cards.StatusNew); err != nil {
				return err
			}
			news += len(es) - before
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list cards due %s: %w", day, err)
	}
	return es, nil
}

// queue appends card id to es when it is in deck; the index promised it
// has status want.
func (t *tables) queue(es *[]Entry, id []byte, deck string, want cards.Status) error {
	e, ok, err := t.entry(id)
	if err != nil {
		return err
	}
	if !ok || e.Status != want {
		return fmt.Errorf("%w: the %s index lists card %s, which is %s",
			ErrCorrupt, want, id, statusName(ok, e.Status))
	}
	if InDeck(e.Card.Deck, deck) {
		*es = append(*es, e)
	}
	return nil
}

func statusName(ok bool, s cards.Status) string {
	if !ok {
		return "missing"
	}
	return s.String()
}

// Record implements Store.Record in one write transaction.
func (b *Bolt) Record(ctx context.Context, r cards.Review) error {
	err := b.update(ctx, func(t *tables) error {
		id := []byte(r.Card)
		v := t.cards.Get(id)
		if len(id) == 0 || v == nil {
			return ErrNotFound
		}
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		s, err := t.state(id)
		if err != nil {
			return err
		}
		if s != r.Before {
			return ErrConflict
		}
		seq, err := t.log.NextSequence()
		if err != nil {
			return err
		}
		if err := t.log.Put(binary.BigEndian.AppendUint64(nil, seq), appendReview(nil, &r)); err != nil {
			return fmt.Errorf("append to review log: %w", err)
		}
		if r.Drill {
			return nil
		}
		if err := t.states.Put(id, appendState(nil, r.After)); err != nil {
			return err
		}
		return t.reindex(id, h.Orphaned, h.Suspended, h.Seq, s, h.Orphaned, h.Suspended, r.After)
	})
	if err != nil {
		return fmt.Errorf("record review of card %s: %w", r.Card, err)
	}
	return nil
}

// reindex moves card id from the queue entry of its old flags and state to
// the one of its new flags and state.
func (t *tables) reindex(id []byte, oldOrphaned, oldSuspended bool, seq uint64, old cards.State,
	orphaned, suspended bool, s cards.State) error {
	oldBk, oldKey := t.indexKey(id, oldOrphaned, oldSuspended, seq, old)
	bk, k := t.indexKey(id, orphaned, suspended, seq, s)
	if oldBk == bk && bytes.Equal(oldKey, k) {
		return nil
	}
	if oldBk != nil {
		if err := oldBk.Delete(oldKey); err != nil {
			return err
		}
	}
	if bk != nil {
		return bk.Put(k, []byte{})
	}
	return nil
}

// SetSuspended suspends card id, or brings it back into the queues when
// suspended is false. A suspended card keeps its schedule and history and
// stays suspended across syncs. It returns ErrNotFound for an unknown card,
// ErrReadOnly and ErrClosed. It is safe for concurrent use.
func (b *Bolt) SetSuspended(ctx context.Context, id cards.ID, suspended bool) error {
	err := b.update(ctx, func(t *tables) error {
		key := []byte(id)
		v := t.cards.Get(key)
		if len(key) == 0 || v == nil {
			return ErrNotFound
		}
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		if h.Suspended == suspended {
			return nil
		}
		s, err := t.state(key)
		if err != nil {
			return err
		}
		if err := t.cards.Put(key, setFlags(v, h.Orphaned, suspended)); err != nil {
			return err
		}
		return t.reindex(key, h.Orphaned, h.Suspended, h.Seq, s, h.Orphaned, suspended, s)
	})
	if err != nil {
		return fmt.Errorf("suspend card %s: %w", id, err)
	}
	return nil
}

// Reviews implements Store.Reviews. It reads the whole log.
func (b *Bolt) Reviews(ctx context.Context, since time.Time) ([]cards.Review, error) {
	var rs []cards.Review
	err := b.view(ctx, func(t *tables) error {
		rs = nil
		c := t.log.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			r, err := decodeReview(v)
			if err != nil {
				return fmt.Errorf("%w: review %x: %w", ErrCorrupt, k, err)
			}
			if !r.At.Before(since) {
				rs = append(rs, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	sortReviews(rs)
	return rs, nil
}
