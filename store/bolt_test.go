package store_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
	"github.com/mnemo-dev/mnemo/store/storetest"
	bolt "go.etcd.io/bbolt"
)

// day is the review day of these tests, 2026-03-10.
const day = cards.Date(20522)

// openBolt opens a new store in a temporary folder, closed at the end of
// the test.
func openBolt(t testing.TB) *store.Bolt {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "mnemo.db"), store.Options{})
}

// openAt opens the store at path, closed at the end of the test.
func openAt(t testing.TB, path string, opts store.Options) *store.Bolt {
	t.Helper()
	b, err := store.Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s, %+v) error = %v", path, opts, err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil && !errors.Is(err, store.ErrClosed) {
			t.Errorf("Close() error = %v", err)
		}
	})
	return b
}

func TestBolt(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openBolt(t) })
}

// testCards returns n cards in folder "n", one note per 10 cards.
func testCards(n int, prefix string) []cards.Card {
	cs := make([]cards.Card, n)
	for i := range cs {
		front := fmt.Sprintf("%s question %d", prefix, i)
		cs[i] = cards.Card{
			ID:      cards.NewID(cards.Basic, front, "answer"),
			Deck:    fmt.Sprintf("deck%d", i%7),
			Kind:    cards.Basic,
			Front:   front,
			Back:    fmt.Sprintf("answer %d", i),
			Context: []string{"Note", "Heading"},
			Source:  cards.Source{Path: fmt.Sprintf("n/%s%d.md", prefix, i/10), Line: i%10 + 1},
			Tags:    []string{"tag"},
			Rule:    "explicit",
		}
	}
	return cs
}

func TestOpen_ReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	b := openAt(t, path, store.Options{})
	ctx := t.Context()
	cs := testCards(30, "a")
	if _, err := b.Sync(ctx, store.Batch{Cards: cs, Roots: []string{"n"}}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	after := cards.State{Reps: 1, EF: 250, Interval: 1, Due: day + 1, Reviews: 1, Last: day}
	if err := b.Record(ctx, cards.Review{Card: cs[3].ID, At: at, Day: day, Grade: cards.Good, Before: cards.NewState(), After: after}); err != nil {
		t.Fatal(err)
	}
	if err := b.SetStatus(ctx, []cards.ID{cs[4].ID}, cards.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync(ctx, store.Batch{Cards: cs[:20], Roots: []string{"n"}}); err != nil {
		t.Fatal(err)
	}
	read := func(b *store.Bolt) ([]store.Entry, []store.Entry, []cards.Review) {
		t.Helper()
		all, err := b.Cards(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		due, err := b.Due(ctx, day+1, store.Query{New: 100})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := b.Reviews(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return all, due, rs
	}
	all, due, rs := read(b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	b = openAt(t, path, store.Options{})
	all2, due2, rs2 := read(b)
	if diff := cmp.Diff(all, all2); diff != "" {
		t.Errorf("Cards() after reopen mismatch (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(due, due2); diff != "" {
		t.Errorf("Due() after reopen mismatch (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(rs, rs2); diff != "" {
		t.Errorf("Reviews() after reopen mismatch (-before +after):\n%s", diff)
	}
	if _, off := rs2[0].At.Zone(); off != 3600 {
		t.Errorf("Reviews()[0].At zone offset = %d after reopen, want 3600", off)
	}
	// The add sequence survives: a card added now queues after the others.
	more := testCards(1, "b")
	if _, err := b.Sync(ctx, store.Batch{Cards: append(cs[:20:20], more...)}); err != nil {
		t.Fatal(err)
	}
	due3, err := b.Due(ctx, day+1, store.Query{New: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := due3[len(due3)-1].Card.ID; got != more[0].ID || len(due3) != len(due)+1 {
		t.Errorf("Due() after reopen and sync = %d cards ending with %s, want %d ending with %s",
			len(due3), got, len(due)+1, more[0].ID)
	}
	if err := b.Check(ctx); err != nil {
		t.Errorf("Check() error = %v", err)
	}
}

func TestOpen_Locked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	openAt(t, path, store.Options{})

	// flock locks belong to open files, not processes: a second Open in the
	// same process waits like another process would.
	start := time.Now()
	_, err := store.Open(path, store.Options{})
	elapsed := time.Since(start)
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("second Open() error = %v, want ErrLocked", err)
	}
	if elapsed < 900*time.Millisecond || elapsed > 3*time.Second {
		t.Errorf("second Open() gave up after %v, want about the default 1s", elapsed)
	}
	if got, want := err.Error(), "open store "+path+": database is locked"; got != want {
		t.Errorf("second Open() error = %q, want %q", got, want)
	}

	tests := []struct {
		name string
		opts store.Options
	}{
		{"negative timeout", store.Options{Timeout: -1}},
		{"short timeout", store.Options{Timeout: 20 * time.Millisecond}},
		{"read-only beside a writer", store.Options{Timeout: -1, ReadOnly: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := store.Open(path, tt.opts); !errors.Is(err, store.ErrLocked) {
				t.Errorf("Open(%+v) error = %v, want ErrLocked", tt.opts, err)
			}
		})
	}
}

func TestOpen_FileMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "mnemo")
	path := filepath.Join(dir, "mnemo.db")
	openAt(t, path, store.Options{})
	for _, c := range []struct {
		path string
		want fs.FileMode
	}{
		{path, 0o600},
		{dir, 0o700 | fs.ModeDir},
		{filepath.Dir(dir), 0o700 | fs.ModeDir},
	} {
		info, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode(); got != c.want {
			t.Errorf("mode of %s = %v, want %v", c.path, got, c.want)
		}
	}
}

// TestOpen_FileSize guards the map and allocation sizes Open gives bbolt:
// a small store makes a small file.
func TestOpen_FileSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	b := openAt(t, path, store.Options{})
	if _, err := b.Sync(t.Context(), store.Batch{Cards: testCards(100, "a")}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > 256<<10 {
		t.Errorf("a store of 100 cards takes %d bytes, want at most 256 KiB", info.Size())
	}
}

func TestOpen_ReadOnly(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(dir, "missing", "mnemo.db")
		_, err := store.Open(path, store.Options{ReadOnly: true})
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(missing, ReadOnly) error = %v, want fs.ErrNotExist", err)
		}
		if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(missing, ReadOnly) created %s", filepath.Dir(path))
		}
	})

	path := filepath.Join(dir, "mnemo.db")
	w := openAt(t, path, store.Options{})
	ctx := t.Context()
	cs := testCards(5, "a")
	if _, err := w.Sync(ctx, store.Batch{Cards: cs}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	r1 := openAt(t, path, store.Options{ReadOnly: true})
	r2 := openAt(t, path, store.Options{ReadOnly: true}) // readers share the lock
	for _, r := range []*store.Bolt{r1, r2} {
		got, err := r.Cards(ctx, store.Filter{})
		if err != nil || len(got) != len(cs) {
			t.Errorf("read-only Cards() = %d cards, %v; want %d", len(got), err, len(cs))
		}
		if err := r.Check(ctx); err != nil {
			t.Errorf("read-only Check() error = %v", err)
		}
	}
	writes := []struct {
		name string
		call func() error
	}{
		{"Sync", func() error { _, err := r1.Sync(ctx, store.Batch{Cards: testCards(1, "b")}); return err }},
		{"Record", func() error {
			return r1.Record(ctx, cards.Review{Card: cs[0].ID, Before: cards.NewState(), After: cards.NewState()})
		}},
		{"SetStatus", func() error { return r1.SetStatus(ctx, []cards.ID{cs[0].ID}, cards.StatusRejected) }},
	}
	for _, c := range writes {
		if err := c.call(); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("read-only %s() error = %v, want ErrReadOnly", c.name, err)
		}
	}
	if _, err := store.Open(path, store.Options{Timeout: -1}); !errors.Is(err, store.ErrLocked) {
		t.Errorf("Open() beside readers error = %v, want ErrLocked", err)
	}
	r1.Close()
	r2.Close()
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("read-only use changed the file")
	}
}

// validStore returns the bytes of a store holding n cards.
func validStore(t testing.TB, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "valid.db")
	b := openAt(t, path, store.Options{})
	if _, err := b.Sync(t.Context(), store.Batch{Cards: testCards(n, "a")}); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// boltFile returns the bytes of a bbolt file made by fill.
func boltFile(t *testing.T, fill func(tx *bolt.Tx) error) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fill); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mnemoBuckets fills a bbolt file like a store of the given schema
// version, leaving out the bucket named skip.
func mnemoBuckets(version []byte, skip string) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		if err := meta.Put([]byte("version"), version); err != nil {
			return err
		}
		for _, name := range []string{"cards", "states", "due", "new", "log", "content", "decks", "notes"} {
			if name == skip {
				continue
			}
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		return nil
	}
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestOpen_EmptyFile: an empty file is what a first add killed before
// bbolt wrote its pages leaves. A writer makes the store in it; a reader
// finds no store yet.
func TestOpen_EmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(path, store.Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open(read-only) of an empty file: error = %v, want fs.ErrNotExist", err)
	}
	b := openAt(t, path, store.Options{})
	if err := b.Check(t.Context()); err != nil {
		t.Errorf("Check() of the store made in the empty file = %v", err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	ro := openAt(t, path, store.Options{ReadOnly: true})
	ro.Close()
}

func TestOpen_Corrupt(t *testing.T) {
	valid := validStore(t, 2000)
	page := os.Getpagesize()
	wiped := bytes.Clone(valid)
	clear(wiped[:2*page])
	v4 := binary.BigEndian.AppendUint32(nil, 4)
	v3 := binary.BigEndian.AppendUint32(nil, 3)
	v2 := binary.BigEndian.AppendUint32(nil, 2)
	v1 := binary.BigEndian.AppendUint32(nil, 1)

	tests := []struct {
		name    string
		data    []byte
		wantErr error
	}{
		{"text file", []byte("# Notes\n\nA *card* here.\n"), store.ErrCorrupt},
		{"garbage", randomBytes(1, 64<<10), store.ErrCorrupt},
		{"one page of garbage", randomBytes(2, 4096), store.ErrCorrupt},
		{"truncated to half", valid[:len(valid)/2], store.ErrCorrupt},
		{"truncated to two pages", valid[:2*page], store.ErrCorrupt},
		{"truncated to 100 bytes", valid[:100], store.ErrCorrupt},
		{"meta pages wiped", wiped, store.ErrCorrupt},
		{"bbolt file of another program", boltFile(t, func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("other"))
			return err
		}), store.ErrCorrupt},
		{"bad schema version", boltFile(t, mnemoBuckets([]byte{1}, "")), store.ErrCorrupt},
		{"schema version zero", boltFile(t, mnemoBuckets(make([]byte, 4), "")), store.ErrCorrupt},
		{"missing bucket", boltFile(t, mnemoBuckets(v1, "log")), store.ErrCorrupt},
		{"missing bucket in version 2", boltFile(t, mnemoBuckets(v2, "content")), store.ErrCorrupt},
		{"missing bucket in version 3", boltFile(t, mnemoBuckets(v3, "decks")), store.ErrCorrupt},
		{"newer schema", boltFile(t, mnemoBuckets(v4, "")), store.ErrVersion},
	}
	for _, tt := range tests {
		for _, ro := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/readonly=%t", tt.name, ro), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "mnemo.db")
				if err := os.WriteFile(path, tt.data, 0o600); err != nil {
					t.Fatal(err)
				}
				b, err := store.Open(path, store.Options{ReadOnly: ro})
				if err == nil {
					b.Close()
				}
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Open() error = %v, want %v", err, tt.wantErr)
				}
				got, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, tt.data) {
					t.Errorf("Open() changed the file it refused")
				}
				// The lock was released: a good store can take its place.
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
				if !ro {
					openAt(t, path, store.Options{Timeout: -1})
				}
			})
		}
	}
	t.Run("directory", func(t *testing.T) {
		if _, err := store.Open(t.TempDir(), store.Options{}); !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("Open(directory) error = %v, want ErrCorrupt", err)
		}
	})
}

// TestOpen_DamagedPages overwrites the pages of a store behind its meta
// pages: every call must fail with ErrCorrupt, or work, but never crash.
func TestOpen_DamagedPages(t *testing.T) {
	valid := validStore(t, 2000)
	page := os.Getpagesize()
	for seed := range uint64(8) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			data := bytes.Clone(valid)
			r := rand.New(rand.NewPCG(seed, 7))
			// Damage a few whole pages, or scribble over many.
			for range 1 + r.IntN(4) {
				p := 2 + r.IntN(len(data)/page-2)
				copy(data[p*page:(p+1)*page], randomBytes(seed*100+uint64(p), page))
			}
			path := filepath.Join(t.TempDir(), "mnemo.db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			b, err := store.Open(path, store.Options{})
			if err != nil {
				if !errors.Is(err, store.ErrCorrupt) {
					t.Fatalf("Open() error = %v, want ErrCorrupt", err)
				}
				return
			}
			defer b.Close()
			ctx := t.Context()
			calls := []struct {
				name string
				call func() error
			}{
				{"Check", func() error { return b.Check(ctx) }},
				{"Cards", func() error { _, err := b.Cards(ctx, store.Filter{}); return err }},
				{"Due", func() error { _, err := b.Due(ctx, day, store.Query{New: 50}); return err }},
				{"Reviews", func() error { _, err := b.Reviews(ctx, time.Time{}); return err }},
				{"Sync", func() error {
					_, err := b.Sync(ctx, store.Batch{Cards: testCards(10, "z"), Roots: []string{"n"}})
					return err
				}},
			}
			for _, c := range calls {
				if err := c.call(); err != nil && !errors.Is(err, store.ErrCorrupt) {
					t.Errorf("%s() error = %v, want nil or ErrCorrupt", c.name, err)
				}
			}
		})
	}
}

// FuzzOpen opens arbitrary files, damaged version-1 stores among them
// (which Open upgrades): Open and the methods of the store it returns must
// fail with ErrCorrupt or ErrVersion, or work, never panic.
func FuzzOpen(f *testing.F) {
	valid := validStore(f, 50)
	f.Add([]byte{})
	f.Add([]byte("not a store"))
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(valid[:4096])
	// A version-1 store: Open upgrades it.
	v1 := filepath.Join(f.TempDir(), "v1.db")
	store.WriteV1(f, v1)
	if data, err := os.ReadFile(v1); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "mnemo.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		b, err := store.Open(path, store.Options{Timeout: -1})
		if err != nil {
			if !errors.Is(err, store.ErrCorrupt) && !errors.Is(err, store.ErrVersion) {
				t.Fatalf("Open() error = %v, want ErrCorrupt or ErrVersion", err)
			}
			return
		}
		defer b.Close()
		ctx := t.Context()
		for _, err := range []error{
			b.Check(ctx),
			func() error { _, err := b.Cards(ctx, store.Filter{}); return err }(),
			func() error { _, err := b.Due(ctx, day, store.Query{New: 10}); return err }(),
			func() error { _, err := b.Reviews(ctx, time.Time{}); return err }(),
		} {
			if err != nil && !errors.Is(err, store.ErrCorrupt) {
				t.Errorf("error = %v, want nil or ErrCorrupt", err)
			}
		}
	})
}

func TestBolt_Path(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mnemo.db")
	b := openAt(t, path, store.Options{})
	b.Close()
	if got := b.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
}

// benchStore returns a store holding cs.
func benchStore(b *testing.B, cs []cards.Card) *store.Bolt {
	b.Helper()
	s := openBolt(b)
	if _, err := s.Sync(b.Context(), store.Batch{Cards: cs, Roots: []string{"n"}}); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkSync(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		cs := testCards(n, "a")
		b.Run(fmt.Sprintf("new/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				s := openBolt(b)
				b.StartTimer()
				if _, err := s.Sync(b.Context(), store.Batch{Cards: cs, Roots: []string{"n"}}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
		b.Run(fmt.Sprintf("unchanged/%d", n), func(b *testing.B) {
			s := benchStore(b, cs)
			b.ReportAllocs()
			for b.Loop() {
				sum, err := s.Sync(b.Context(), store.Batch{Cards: cs, Roots: []string{"n"}})
				if err != nil || sum.Unchanged != n {
					b.Fatalf("Sync() = %+v, %v", sum, err)
				}
			}
		})
		// One note of 10 cards edited, the others skipped as unchanged,
		// as an incremental `mnemo add` does.
		b.Run(fmt.Sprintf("one-note/%d", n), func(b *testing.B) {
			s := benchStore(b, cs)
			var skip []string
			for i := 10; i < n; i += 10 {
				skip = append(skip, cs[i].Source.Path)
			}
			batch := slices.Clone(cs[:10])
			k := 0
			b.ReportAllocs()
			for b.Loop() {
				k++
				c := &batch[0]
				c.Front = cs[0].Front + [...]string{" again", " anew"}[k%2]
				c.ID = cards.NewID(c.Kind, c.Front, c.Back)
				sum, err := s.Sync(b.Context(), store.Batch{Cards: batch, Roots: []string{"n"}, Skip: skip})
				if err != nil || sum.Rematched != 1 || sum.Unchanged != 9 || sum.Orphaned != 0 {
					b.Fatalf("Sync() = %+v, %v", sum, err)
				}
			}
		})
		// One card in 100 edited at each sync: each is re-matched.
		b.Run(fmt.Sprintf("edited/%d", n), func(b *testing.B) {
			s := benchStore(b, cs)
			batch := slices.Clone(cs)
			k := 0
			b.ReportAllocs()
			for b.Loop() {
				k++
				for i := 0; i < n; i += 100 {
					c := &batch[i]
					c.Front = cs[i].Front + [...]string{" again", " anew"}[k%2]
					c.ID = cards.NewID(c.Kind, c.Front, c.Back)
				}
				sum, err := s.Sync(b.Context(), store.Batch{Cards: batch, Roots: []string{"n"}})
				if err != nil || sum.Rematched != n/100 || sum.Unchanged != n-n/100 {
					b.Fatalf("Sync() = %+v, %v", sum, err)
				}
			}
		})
	}
}

// reviewedStore returns a store of n cards, every one reviewed: 1 in
// n/due is due by day, the others later.
func reviewedStore(b *testing.B, n, due int) *store.Bolt {
	b.Helper()
	cs := testCards(n, "a")
	s := benchStore(b, cs)
	states := make(map[cards.ID]cards.State, n)
	for i, c := range cs {
		d := day + 1 + cards.Date(i%300)
		if i%(n/due) == 0 {
			d = day - cards.Date(i%30)
		}
		states[c.ID] = cards.State{Reps: 1, EF: 250, Interval: 1, Due: d, Reviews: 1, Last: day - 30}
	}
	if err := s.SetStates(b.Context(), states); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkCounts counts 100,000 cards per deck, as `mnemo status` does,
// from the deck index ("index") and, for comparison, from every card as
// status did before the deck index ("cards").
func BenchmarkCounts(b *testing.B) {
	const n, due = 100_000, 1_000
	s := reviewedStore(b, n, due)
	b.Run("index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := s.Counts(b.Context(), day)
			if err != nil || c.All.Total != n || c.All.Due != due || len(c.Decks) != 7 {
				b.Fatalf("Counts() = %+v, %v", c.All, err)
			}
		}
	})
	b.Run("cards", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			es, err := s.Cards(b.Context(), store.Filter{})
			if err != nil || len(es) != n {
				b.Fatalf("Cards() = %d cards, %v", len(es), err)
			}
		}
	})
}

func BenchmarkDue(b *testing.B) {
	const n, due = 100_000, 1_000
	// Every card reviewed; 1 in 100 due by day, the others later.
	s := reviewedStore(b, n, due)
	tests := []struct {
		name string
		q    store.Query
		want int
	}{
		{"all", store.Query{New: 20}, due},
		{"deck", store.Query{Deck: "deck3", New: 20}, due / 7},
		{"limit", store.Query{New: 20, Limit: 50}, 50},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				es, err := s.Due(b.Context(), day, tt.q)
				if err != nil || len(es) < tt.want*9/10 || len(es) > tt.want*11/10 {
					b.Fatalf("Due() = %d cards, %v; want about %d", len(es), err, tt.want)
				}
			}
		})
	}
}

func BenchmarkRecord(b *testing.B) {
	cs := testCards(10_000, "a")
	s := benchStore(b, cs)
	states := make([]cards.State, len(cs))
	for i := range states {
		states[i] = cards.NewState()
	}
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		k := i % len(cs)
		after := states[k]
		after.Reps++
		after.Reviews++
		after.Due = day + cards.Date(i%50)
		r := cards.Review{Card: cs[k].ID, At: at, Day: day, Grade: cards.Good, Before: states[k], After: after}
		if err := s.Record(b.Context(), r); err != nil {
			b.Fatal(err)
		}
		states[k] = after
		i++
	}
}

// TestBolt_StreamBatches streams notes in parts whose new cards Finish
// stores a few at a time, in several transactions: the store ends as one
// Sync of the same cards leaves it, and each transaction leaves it
// consistent.
func TestBolt_StreamBatches(t *testing.T) {
	old := testCards(40, "old")
	one, parts := openBolt(t), openBolt(t)
	for _, s := range []*store.Bolt{one, parts} {
		if _, err := s.Sync(t.Context(), store.Batch{Cards: old, Roots: []string{"n"}, Day: day}); err != nil {
			t.Fatal(err)
		}
	}
	// Notes old0 and old1 are gone, the others edited or unchanged, and
	// 120 new cards come in notes new0 … new11.
	next := slices.Clone(old[20:])
	for i := range next {
		if i%3 == 0 {
			next[i].Back += " (edited)"
		}
	}
	next = append(next, testCards(120, "new")...)
	slices.SortStableFunc(next, func(a, b cards.Card) int { return strings.Compare(a.Source.Path, b.Source.Path) })
	want, err := one.Sync(t.Context(), store.Batch{Cards: next, Roots: []string{"n"}, Day: day + 1})
	if err != nil {
		t.Fatal(err)
	}
	st := parts.StreamBatch([]string{"n"}, day+1, 7)
	for start := 0; start < len(next); {
		end := min(start+25, len(next))
		for end < len(next) && next[end].Source.Path == next[end-1].Source.Path {
			end++
		}
		p := store.Part{Cards: next[start:end]}
		for _, c := range p.Cards {
			if !slices.Contains(p.Paths, c.Source.Path) {
				p.Paths = append(p.Paths, c.Source.Path)
			}
		}
		if _, err := st.Sync(t.Context(), p); err != nil {
			t.Fatal(err)
		}
		if err := parts.Check(t.Context()); err != nil {
			t.Fatalf("Check() after a part error = %v", err)
		}
		start = end
	}
	got, err := st.Finish(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Stream.Finish() = %+v, want %+v as Sync gives", got, want)
	}
	if err := parts.Check(t.Context()); err != nil {
		t.Fatalf("Check() after Finish error = %v", err)
	}
	for _, q := range []store.Query{{New: 1000}} {
		w, err := one.Due(t.Context(), day+1, q)
		if err != nil {
			t.Fatal(err)
		}
		g, err := parts.Due(t.Context(), day+1, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("Due() after the stream mismatch (-Sync +Stream):\n%s", diff)
		}
	}
	w, _ := one.Cards(t.Context(), store.Filter{})
	g, _ := parts.Cards(t.Context(), store.Filter{})
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("Cards() after the stream mismatch (-Sync +Stream):\n%s", diff)
	}
	// The spool file is gone.
	entries, err := os.ReadDir(filepath.Dir(parts.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("the store's folder holds %d files after the stream, want the store only", len(entries))
	}
}
