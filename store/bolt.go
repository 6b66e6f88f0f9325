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
	"sync"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// schemaVersion is the layout of the buckets described in doc.go. A store
// with a higher version was written by a newer mnemo; one with a lower
// version is upgraded by Open (see migrate).
const schemaVersion = 3

// defaultTimeout is how long Open waits for the file lock by default.
const defaultTimeout = time.Second

// Bucket names and the meta key.
const (
	bucketMeta    = "meta"
	bucketCards   = "cards"
	bucketStates  = "states"
	bucketDue     = "due"
	bucketNew     = "new"
	bucketLog     = "log"
	bucketContent = "content"
	bucketDecks   = "decks"
	bucketNotes   = "notes"
	keyVersion    = "version"
)

// dataBuckets are the buckets besides meta of a version-1 store;
// version 2 adds bucketContent, version 3 bucketDecks and bucketNotes.
var dataBuckets = [...]string{bucketCards, bucketStates, bucketDue, bucketNew, bucketLog}

// bucketsOf returns the data buckets of schema version ver.
func bucketsOf(ver uint32) []string {
	names := dataBuckets[:]
	if ver >= 2 {
		names = append(names, bucketContent)
	}
	if ver >= 3 {
		names = append(names, bucketDecks, bucketNotes)
	}
	return names
}

// Options configures Open. The zero value opens the store for reading and
// writing and waits at most one second for another process to release it.
type Options struct {
	// Timeout is how long Open waits for the file lock held by another
	// process before it gives up with ErrLocked: 0 means one second, a
	// negative value gives up at once.
	Timeout time.Duration
	// ReadOnly opens an existing store with a shared lock, beside other
	// readers but not beside a writer. The file is never written, not
	// even to upgrade an older store (it is read as it is); Sync, Record,
	// SetStatus, Undo and Bury return ErrReadOnly.
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
	version  uint32 // schema version: below schemaVersion only when read-only
}

var (
	_ Store    = (*Bolt)(nil)
	_ Streamer = (*Bolt)(nil)
)

// Open opens the store file at path, creating it (mode 0600, its folder
// 0700) when it does not exist, unless opts.ReadOnly is set: a missing file
// is then an error wrapping fs.ErrNotExist.
//
// A store written by an older mnemo (schema version 1 or 2) is upgraded in
// place, in one transaction, unless opts.ReadOnly is set.
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
	case info.Size() == 0 && opts.ReadOnly:
		// An empty file is a store not made yet: what a first add killed
		// before bbolt wrote its pages leaves, or another Open in the
		// microseconds before it writes them.
		return nil, fmt.Errorf("%w: the file is empty", fs.ErrNotExist)
	case info.Size() == 0:
		// bbolt makes the store in an empty file once it holds the lock.
	default:
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

// initSchema checks the buckets of an opened file, creates them in a file
// that has none (one bbolt has just created), and upgrades an older store.
func (b *Bolt) initSchema() error {
	var ver uint32
	var staged bool
	err := guard(func() error {
		return b.db.View(func(tx *bolt.Tx) (err error) {
			ver, err = checkSchema(tx)
			staged = tx.Bucket([]byte(bucketStage)) != nil
			return err
		})
	})
	switch {
	case err != nil:
		return err
	case ver == schemaVersion && staged && !b.readOnly:
		// What a stream killed before its end had staged (see stage.go).
		if err := guard(func() error { return b.db.Update(dropStage) }); err != nil {
			return err
		}
		b.version = ver
		return nil
	case ver == schemaVersion:
		b.version = ver
		return nil
	case b.readOnly && ver == 0:
		return fmt.Errorf("%w: the file holds no mnemo buckets", ErrCorrupt)
	case b.readOnly:
		b.version = ver
		return nil
	}
	err = guard(func() error {
		return b.db.Update(func(tx *bolt.Tx) error {
			ver, err := checkSchema(tx)
			switch {
			case err != nil:
				return err
			case ver == 0:
				return createSchema(tx)
			case ver < schemaVersion:
				// Only the file's content can make the upgrade fail
				// here (the commit's I/O errors come later).
				if err := migrate(tx); err != nil {
					return fmt.Errorf("%w: upgrade from schema version %d: %w", ErrCorrupt, ver, err)
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	b.version = schemaVersion
	return nil
}

// createSchema creates the buckets of an empty file.
func createSchema(tx *bolt.Tx) error {
	meta, err := tx.CreateBucket([]byte(bucketMeta))
	if err != nil {
		return err
	}
	if err := putVersion(meta); err != nil {
		return err
	}
	for _, name := range bucketsOf(schemaVersion) {
		if _, err := tx.CreateBucket([]byte(name)); err != nil {
			return err
		}
	}
	return nil
}

func putVersion(meta *bolt.Bucket) error {
	return meta.Put([]byte(keyVersion), binary.BigEndian.AppendUint32(nil, schemaVersion))
}

// migrate upgrades a version-1 or version-2 store to the current version
// in tx: it builds the content index (version 1 has none) and the deck
// index from the cards and their states (a card whose record or state does
// not decode is left out, for Check to report), creates the empty notes
// bucket and sets the version. Nothing else changes: records, states,
// queue indexes and log keep their format; cards stored before get no
// Added and Changed days (0: unknown), since the store has no clock.
func migrate(tx *bolt.Tx) error {
	for _, name := range []string{bucketContent, bucketDecks, bucketNotes} {
		if tx.Bucket([]byte(name)) != nil {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket([]byte(name)); err != nil {
			return err
		}
	}
	t, err := openTables(tx, schemaVersion)
	if err != nil {
		return err
	}
	idx := t.derive()
	if err := putKeys(t.content, idx.content); err != nil {
		return fmt.Errorf("build content index: %w", err)
	}
	if err := putKeys(t.decks, idx.decks); err != nil {
		return fmt.Errorf("build deck index: %w", err)
	}
	return putVersion(tx.Bucket([]byte(bucketMeta)))
}

// derived are the index keys the cards and their states call for.
type derived struct {
	due, new, content, decks [][]byte
}

// derive reads every card and its state and returns the keys of the
// indexes built from them: a card whose record does not decode is in none,
// one whose state does not decode only in the content index. It reads and
// writes nothing else.
func (t *tables) derive() derived {
	var d derived
	c := t.cards.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r, err := decodeRecord(k, v)
		if err != nil {
			continue
		}
		d.content = append(d.content, contentKey(contentHash(&r.Card), k))
		s, err := t.state(k)
		if err != nil {
			continue
		}
		switch bk, key := t.indexKey(k, r.Flags, r.Seq, s); bk {
		case t.due:
			d.due = append(d.due, key)
		case t.new:
			d.new = append(d.new, key)
		}
		d.decks = append(d.decks, deckKey([]byte(r.Card.Deck), r.Flags, s, k))
	}
	return d
}

// checkSchema checks the schema version and the buckets, and returns the
// version, or 0 for a file without any bucket.
func checkSchema(tx *bolt.Tx) (uint32, error) {
	meta := tx.Bucket([]byte(bucketMeta))
	if meta == nil {
		c := tx.Cursor()
		if k, _ := c.First(); k != nil {
			return 0, fmt.Errorf("%w: no %q bucket", ErrCorrupt, bucketMeta)
		}
		return 0, nil
	}
	v := meta.Get([]byte(keyVersion))
	if len(v) != 4 {
		return 0, fmt.Errorf("%w: bad schema version %x", ErrCorrupt, v)
	}
	ver := binary.BigEndian.Uint32(v)
	switch {
	case ver > schemaVersion:
		return 0, fmt.Errorf("%w: schema version %d, this mnemo reads up to %d", ErrVersion, ver, schemaVersion)
	case ver < 1:
		return 0, fmt.Errorf("%w: bad schema version %d", ErrCorrupt, ver)
	}
	for _, name := range bucketsOf(ver) {
		if tx.Bucket([]byte(name)) == nil {
			return 0, fmt.Errorf("%w: no %q bucket", ErrCorrupt, name)
		}
	}
	return ver, nil
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
	// content is the content index; nil in a version-1 store, which is
	// only read.
	content *bolt.Bucket
	// decks is the deck index and notes the note stamps; nil in a store
	// older than version 3, which is only read.
	decks, notes *bolt.Bucket
}

func openTables(tx *bolt.Tx, version uint32) (*tables, error) {
	t := &tables{
		tx:      tx,
		cards:   tx.Bucket([]byte(bucketCards)),
		states:  tx.Bucket([]byte(bucketStates)),
		due:     tx.Bucket([]byte(bucketDue)),
		new:     tx.Bucket([]byte(bucketNew)),
		log:     tx.Bucket([]byte(bucketLog)),
		content: tx.Bucket([]byte(bucketContent)),
		decks:   tx.Bucket([]byte(bucketDecks)),
		notes:   tx.Bucket([]byte(bucketNotes)),
	}
	if t.cards == nil || t.states == nil || t.due == nil || t.new == nil || t.log == nil ||
		(t.content == nil && (version >= 2 || tx.Writable())) ||
		((t.decks == nil || t.notes == nil) && (version >= 3 || tx.Writable())) {
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
		t, err := openTables(tx, b.version)
		if err != nil {
			return err
		}
		if write {
			// What earlier transactions read of the file need not stay
			// resident (the parts of a big add, above all).
			releaseMap(tx)
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
// the card is in no queue (it has a flag: orphaned, suspended or rejected).
func (t *tables) indexKey(id []byte, f flags, seq uint64, s cards.State) (*bolt.Bucket, []byte) {
	switch {
	case f != 0:
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

// entry reads card id, its state and its buried-until date; ok is false
// when the card is absent.
func (t *tables) entry(id []byte) (e Entry, until cards.Date, ok bool, err error) {
	v := t.cards.Get(id)
	if v == nil {
		return Entry{}, 0, false, nil
	}
	r, err := decodeRecord(id, v)
	if err != nil {
		return Entry{}, 0, false, fmt.Errorf("%w: card %s: %w", ErrCorrupt, id, err)
	}
	s, err := t.state(id)
	if err != nil {
		return Entry{}, 0, false, err
	}
	return r.entry(s), r.Buried, true, nil
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

// Cards implements Store.Cards. It reads every card.
func (b *Bolt) Cards(ctx context.Context, f Filter) ([]Entry, error) {
	var es []Entry
	err := b.view(ctx, func(t *tables) error {
		es = nil
		add := func(k, v []byte) error {
			r, err := decodeRecord(k, v)
			if err != nil {
				return fmt.Errorf("%w: card %s: %w", ErrCorrupt, k, err)
			}
			if !InDeck(r.Card.Deck, f.Deck) {
				return nil
			}
			s, err := t.state(k)
			if err != nil {
				return err
			}
			e := r.entry(s)
			if f.matches(&e) {
				es = append(es, e)
			}
			return nil
		}
		if f.IDs != nil {
			for _, id := range f.IDs {
				k := []byte(id)
				if v := t.cards.Get(k); v != nil {
					if err := add(k, v); err != nil {
						return err
					}
				}
			}
			return nil
		}
		c := t.cards.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			n++
			if err := add(k, v); err != nil {
				return err
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
// new index, reading only the cards it meets there. It skips the cards
// buried past day (see Bury).
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
			if err := t.queue(&es, id, day, q.Deck, cards.StatusReview); err != nil {
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
			if err := t.queue(&es, id, day, q.Deck, cards.StatusNew); err != nil {
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

// queue appends card id to es when it is in deck and not buried past day;
// the index promised it has status want.
func (t *tables) queue(es *[]Entry, id []byte, day cards.Date, deck string, want cards.Status) error {
	e, until, ok, err := t.entry(id)
	if err != nil {
		return err
	}
	if !ok || e.Status != want {
		return fmt.Errorf("%w: the %s index lists card %s, which is %s",
			ErrCorrupt, want, id, statusName(ok, e.Status))
	}
	if !buried(until, day) && InDeck(e.Card.Deck, deck) {
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

// expect reads the head of card id and checks that its state is want: it
// returns ErrNotFound for an unknown card and ErrConflict for another state.
func (t *tables) expect(id []byte, want cards.State) (recordHead, error) {
	v := t.cards.Get(id)
	if len(id) == 0 || v == nil {
		return recordHead{}, ErrNotFound
	}
	h, err := decodeHead(v)
	if err != nil {
		return recordHead{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	s, err := t.state(id)
	if err != nil {
		return recordHead{}, err
	}
	if s != want {
		return recordHead{}, ErrConflict
	}
	return h, nil
}

// Record implements Store.Record in one write transaction.
func (b *Bolt) Record(ctx context.Context, r cards.Review) error {
	err := b.update(ctx, func(t *tables) error {
		id := []byte(r.Card)
		h, err := t.expect(id, r.Before)
		if err != nil {
			return err
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
		return t.reindex(id, &h, h.Flags, r.Before, h.Flags, r.After)
	})
	if err != nil {
		return fmt.Errorf("record review of card %s: %w", r.Card, err)
	}
	return nil
}

// reindex moves card id, whose record head is h, from the queue and deck
// index entries of its old flags and state to those of its new flags and
// state.
func (t *tables) reindex(id []byte, h *recordHead, oldFlags flags, old cards.State, f flags, s cards.State) error {
	oldBk, oldKey := t.indexKey(id, oldFlags, h.Seq, old)
	bk, k := t.indexKey(id, f, h.Seq, s)
	if err := move(oldBk, oldKey, bk, k); err != nil {
		return err
	}
	return move(t.decks, deckKey(h.deck, oldFlags, old, id), t.decks, deckKey(h.deck, f, s, id))
}

// move replaces the index entry oldKey of oldBk by k of bk; a nil bucket
// stands for no entry.
func move(oldBk *bolt.Bucket, oldKey []byte, bk *bolt.Bucket, k []byte) error {
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

// SetStatus implements Store.SetStatus in one write transaction. An ID
// that is no stored ID is looked up as a content hash (the ID `mnemo
// preview` shows for a card, which stays its stored ID until its text is
// edited): every stored card with that content gets the mark. A card keeps
// its state, history and orphaned flag; only its mark changes. It returns
// an error for a status other than StatusSuspended, StatusRejected,
// StatusNew or StatusReview, ErrNotFound (joined, one per ID) after
// applying the known IDs, ErrReadOnly and ErrClosed.
func (b *Bolt) SetStatus(ctx context.Context, ids []cards.ID, s cards.Status) error {
	mark, err := markOf(s)
	if err == nil {
		err = b.eachCard(ctx, ids, func(t *tables, sid []byte) error { return t.setMark(sid, mark) })
	}
	if err != nil {
		return fmt.Errorf("set cards %s: %w", s, err)
	}
	return nil
}

// eachCard calls f, in one write transaction, on every stored card that
// ids name (a stored ID, or a content hash naming one or more cards). The
// IDs that name no card are returned as ErrNotFound, joined, after the
// others were applied.
func (b *Bolt) eachCard(ctx context.Context, ids []cards.ID, f func(t *tables, sid []byte) error) error {
	var missing []error
	err := b.update(ctx, func(t *tables) error {
		missing = nil
		for n, id := range ids {
			if err := cancelled(ctx, n); err != nil {
				return err
			}
			sids, err := t.resolve(id)
			if err != nil {
				return err
			}
			if len(sids) == 0 {
				missing = append(missing, fmt.Errorf("card %s: %w", id, ErrNotFound))
			}
			for _, sid := range sids {
				if err := f(t, sid); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(missing...)
}

// resolve returns the stored IDs id names: itself when it is a stored ID,
// else the stored cards whose content hash it is.
func (t *tables) resolve(id cards.ID) ([][]byte, error) {
	if id == "" {
		return nil, nil
	}
	if t.cards.Get([]byte(id)) != nil {
		return [][]byte{[]byte(id)}, nil
	}
	if !isHash(id) {
		return nil, nil
	}
	var sids [][]byte
	c := t.content.Cursor()
	for k, _ := c.Seek([]byte(id)); k != nil && bytes.HasPrefix(k, []byte(id)); k, _ = c.Next() {
		_, sid, ok := splitContentKey(k)
		if !ok {
			return nil, fmt.Errorf("%w: bad content index key %x", ErrCorrupt, k)
		}
		sids = append(sids, slices.Clone(sid))
	}
	return sids, nil
}

// setMark replaces the user's mark of stored card id by mark, and moves
// the card in or out of its queue.
func (t *tables) setMark(id []byte, mark flags) error {
	v := t.cards.Get(id)
	if v == nil {
		return fmt.Errorf("%w: the content index lists card %s, which is missing", ErrCorrupt, id)
	}
	h, err := decodeHead(v)
	if err != nil {
		return fmt.Errorf("%w: card %s: %w", ErrCorrupt, id, err)
	}
	f := h.Flags&^flagsMark | mark
	if f == h.Flags {
		return nil
	}
	s, err := t.state(id)
	if err != nil {
		return err
	}
	if err := t.cards.Put(id, setFlags(v, f)); err != nil {
		return fmt.Errorf("put card %s: %w", id, err)
	}
	if err := t.reindex(id, &h, h.Flags, s, f, s); err != nil {
		return fmt.Errorf("reindex card %s: %w", id, err)
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
