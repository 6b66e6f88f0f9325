package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// TestRunAdd_Incremental follows a vault through adds: notes whose stamp
// proves them unchanged are not read, and an add where nothing changed
// leaves the store file as it was, byte for byte.
func TestRunAdd_Incremental(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "mnemo.db")
	notes := filepath.Join(dir, "notes")
	a := writeFile(t, filepath.Join(notes, "a.md"), "- a1::b1\n- a2::b2\n")
	b := writeFile(t, filepath.Join(notes, "sub", "b.md"), "- c1::d1\n")
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{a, b} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	e := map[string]string{"MNEMO_DB": db, "MNEMO_NOW": "2026-03-01T09:00:00Z"}
	add := func(args ...string) string {
		t.Helper()
		io, out, errOut := newTestIO("")
		if code := run(t.Context(), append([]string{"add", notes}, args...), io, env(e)); code != 0 {
			t.Fatalf("add = %d; stderr:\n%s", code, errOut)
		}
		return out.String()
	}
	file := func() []byte {
		t.Helper()
		v, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	stamps := func() []store.Note {
		t.Helper()
		s, err := store.Open(db, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ns, err := s.Notes(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return ns
	}

	if got, want := add(), "3 new, 0 updated, 0 unchanged, 0 orphaned\n"; got != want {
		t.Errorf("first add = %q, want %q", got, want)
	}
	ns := stamps()
	if len(ns) != 2 || ns[0].Path != filepath.ToSlash(a) || ns[0].Cards != 2 || ns[0].ModTime != old.UnixNano() || ns[0].Hash == "" {
		t.Errorf("stamps after the first add = %+v, want a.md's with 2 cards and its time", ns)
	}

	before := file()
	if got, want := add(), "0 new, 0 updated, 3 unchanged, 0 orphaned; 2 notes unchanged\n"; got != want {
		t.Errorf("add of unchanged notes = %q, want %q", got, want)
	}
	if !bytes.Equal(before, file()) {
		t.Errorf("add of unchanged notes wrote the store")
	}

	// Touched, not changed: the content is compared, the stamp takes the
	// new time, no card changes. A time within the last two seconds is
	// not trusted: it is stamped 0, so the next add compares the content.
	newer := old.Add(time.Minute)
	if err := os.Chtimes(a, newer, newer); err != nil {
		t.Fatal(err)
	}
	if got, want := add(), "0 new, 0 updated, 3 unchanged, 0 orphaned; 2 notes unchanged\n"; got != want {
		t.Errorf("add of a touched note = %q, want %q", got, want)
	}
	if ns := stamps(); ns[0].ModTime != newer.UnixNano() {
		t.Errorf("stamp of a touched note has time %d, want %d", ns[0].ModTime, newer.UnixNano())
	}
	if err := os.Chtimes(a, time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	add()
	if ns := stamps(); ns[0].ModTime != 0 {
		t.Errorf("stamp of a note touched just now has time %d, want 0", ns[0].ModTime)
	}

	// An edit is read; the other note is not.
	writeFile(t, a, "- a1::b1\n- a2::b2 edited\n")
	if got, want := add(), "0 new, 1 updated, 2 unchanged, 0 orphaned; 1 re-matched after edits; 1 note unchanged\n"; got != want {
		t.Errorf("add of an edited note = %q, want %q", got, want)
	}
	// So is every note when the deck they fall back to changes.
	if got, want := add("--deck", "D"), "0 new, 3 updated, 0 unchanged, 0 orphaned\n"; got != want {
		t.Errorf("add --deck = %q, want %q", got, want)
	}
	// A deleted note's cards are orphaned and its stamp forgotten.
	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	if got, want := add("--deck", "D"), "0 new, 0 updated, 2 unchanged, 1 orphaned; 1 note unchanged\n"; got != want {
		t.Errorf("add after a note was deleted = %q, want %q", got, want)
	}
	var paths []string
	for _, n := range stamps() {
		paths = append(paths, n.Path)
	}
	if diff := cmp.Diff([]string{filepath.ToSlash(a)}, paths); diff != "" {
		t.Errorf("stamps after a note was deleted (-want +got):\n%s", diff)
	}
}

// TestRunAdd_NoStore checks that an add with nothing to add creates no
// store.
func TestRunAdd_NoStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store", "mnemo.db")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"add", filepath.Join(dir, "missing")}, {"add", empty}} {
		io, _, errOut := newTestIO("")
		if code := run(t.Context(), args, io, env(map[string]string{"MNEMO_DB": db})); code != exitUsage {
			t.Errorf("run(%q) = %d, want %d", args, code, exitUsage)
		}
		if !strings.Contains(errOut.String(), filepath.Base(args[1])) {
			t.Errorf("run(%q) stderr = %q, want it to name the path", args, errOut)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("run(%q) left a store behind (stat: %v)", args, err)
		}
	}
}

// TestRunAdd_Parts follows a vault through adds stored in parts of a few
// notes (see partCards) and through adds of one transaction: both print
// the same counts and leave the same cards, new-card queue and stamps,
// while notes are edited, deleted, moved and copied. (The first add in
// parts goes into an empty store, whose new cards are staged apart and
// swapped in at the end; the later ones merge into the stored cards.)
func TestRunAdd_Parts(t *testing.T) {
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	paths := writeVault(t, vault, 40, rand.New(rand.NewPCG(1, 2)))
	stores := map[string]*addOptions{"one": {}, "parts": {partCards: 30, partNotes: 4}}
	add := func(name string) string {
		t.Helper()
		io, out, errOut := newTestIO("")
		app, err := newApp(io, env(map[string]string{"MNEMO_DB": filepath.Join(dir, name+".db"), "MNEMO_NOW": "2026-03-01T09:00:00Z"}))
		if err != nil {
			t.Fatal(err)
		}
		opts := *stores[name]
		opts.App, opts.Paths = app, []string{vault}
		if err := runAdd(t.Context(), &opts); err != nil {
			t.Fatalf("add (%s) error = %v; stderr:\n%s", name, err, errOut)
		}
		return out.String()
	}
	type state struct {
		Cards []store.Entry
		Queue []cards.ID // the new cards in add order
		Notes []store.Note
	}
	read := func(name string) state {
		t.Helper()
		s, err := store.Open(filepath.Join(dir, name+".db"), store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Check(t.Context()); err != nil {
			t.Errorf("Check() of the %s store error = %v", name, err)
		}
		es, err := s.Cards(t.Context(), store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		ns, err := s.Notes(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.Due(t.Context(), 0, store.Query{New: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		var queue []cards.ID
		for _, e := range due {
			queue = append(queue, e.Card.ID)
		}
		return state{es, queue, ns}
	}
	edit := []func(){
		func() {},
		func() { // lines added to some notes, one line edited
			for i := 0; i < len(paths); i += 5 {
				f, err := os.OpenFile(paths[i], os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				_, err = fmt.Fprintf(f, "\n- Kalovia fact %d::the answer %d\n", i, i)
				if err := errors.Join(err, f.Close()); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(paths[5])
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, paths[5], strings.Replace(string(b), "::the answer 5", "::the answer five", 1))
		},
		func() { // a note deleted, one moved, one copied
			if err := os.Remove(paths[3]); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(paths[7], filepath.Join(vault, "moved.md")); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(paths[11])
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(vault, "zz", "copy.md"), string(b))
		},
	}
	for round, change := range edit {
		change()
		one, parts := add("one"), add("parts")
		if one != parts {
			t.Errorf("round %d: add in parts printed %q, add in one transaction %q", round, parts, one)
		}
		if round == 0 {
			if n := len(read("one").Cards); n <= 2*30 {
				t.Fatalf("the vault gives %d cards, too few for parts of 30", n)
			}
		}
		if diff := cmp.Diff(read("one"), read("parts")); diff != "" {
			t.Errorf("round %d: stores after adds in one transaction and in parts differ (-one +parts):\n%s", round, diff)
		}
	}
}

// TestKillAdd_Parts kills adds stored in parts (a vault of more than
// partNotes notes) at random moments: every transaction must leave a store
// that passes its check, the cards of deleted notes are orphaned all at
// once or not yet, and the next add, run to its end, leaves the store as
// adds never killed do.
func TestKillAdd_Parts(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("adds of 2,100 notes: not with -short or -race")
	}
	r := testRand(t)
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	paths := writeVault(t, vault, partNotes+100, r)
	ref := newMnemoProc(t, filepath.Join(dir, "ref", "mnemo.db"))
	p := newMnemoProc(t, filepath.Join(dir, "killed", "mnemo.db"))
	type state struct {
		Cards []store.Entry
		Notes []store.Note
	}
	read := func(p *mnemoProc) state {
		t.Helper()
		db := strings.TrimPrefix(p.env[slices.IndexFunc(p.env, func(kv string) bool { return strings.HasPrefix(kv, "MNEMO_DB=") })], "MNEMO_DB=")
		es, _ := checkStore(t, p, db, false)
		s, err := store.Open(db, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ns, err := s.Notes(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for i := range ns {
			ns[i].ModTime = 0 // read at other moments
		}
		return state{es, ns}
	}
	// kill runs add on p and kills it after a random part of est.
	kill := func(est time.Duration) {
		t.Helper()
		c := p.cmd(context.Background(), "add", vault)
		var errOut bytes.Buffer
		c.Stderr = &errOut
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(r.Int64N(int64(est)))
		timer := time.AfterFunc(delay, func() { _ = c.Process.Signal(syscall.SIGKILL) })
		err := c.Wait()
		timer.Stop()
		if code := exitStatus(t, err); code != 0 && code != -1 {
			t.Fatalf("mnemo add = exit %d, want 0 or killed; stderr:\n%s", code, outputTail(errOut.String()))
		}
		t.Logf("add killed after %v (of about %v)", delay, est)
	}

	// A first add, killed twice, then run to its end.
	est := ref.must("", "add", vault).took
	kill(est)
	read(p)
	kill(est)
	read(p)
	p.must("", "add", vault)
	if diff := cmp.Diff(read(ref), read(p)); diff != "" {
		t.Fatalf("after killed first adds, the store differs from one never killed (-never killed +killed):\n%s", diff)
	}

	// Notes deleted and most others lengthened: the killed add orphans
	// the deleted notes' cards at its end, all at once.
	var gone []string
	for i, path := range paths {
		switch {
		case i%100 == 7:
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			gone = append(gone, filepath.ToSlash(path))
		case i%20 != 0:
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = fmt.Fprintf(f, "\n- %s::the %s of %s\n", madeUpWord(r, true), madeUpWord(r, false), madeUpWord(r, true))
			if err := errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
		}
	}
	est = ref.must("", "add", vault).took
	kill(est)
	orphaned, active := 0, 0
	for _, e := range read(p).Cards {
		if slices.Contains(gone, e.Card.Source.Path) {
			if e.Status == cards.StatusOrphaned {
				orphaned++
			} else {
				active++
			}
		}
	}
	if orphaned > 0 && active > 0 {
		t.Errorf("after a killed add, %d cards of deleted notes are orphaned and %d not: want all or none", orphaned, active)
	}
	p.must("", "add", vault)
	if diff := cmp.Diff(read(ref), read(p)); diff != "" {
		t.Errorf("after a killed add, the store differs from one never killed (-never killed +killed):\n%s", diff)
	}
}

func TestPipeline(t *testing.T) {
	const n, window = 200, 8
	var mu sync.Mutex
	started, consumed := 0, 0
	var order []int
	err := pipeline(t.Context(), n, window, func(i int) int {
		mu.Lock()
		started++
		if ahead := started - consumed; ahead > window {
			t.Errorf("work(%d) runs %d results ahead of the consumer, want at most %d", i, ahead, window)
		}
		mu.Unlock()
		return i * i
	}, func(i, v int) error {
		if v != i*i {
			t.Errorf("consume(%d, %d), want the result of work(%d)", i, v, i)
		}
		mu.Lock()
		consumed++
		mu.Unlock()
		order = append(order, i)
		return nil
	})
	if err != nil {
		t.Fatalf("pipeline() error = %v", err)
	}
	if len(order) != n || !slices.IsSorted(order) {
		t.Errorf("pipeline() consumed %d results, in order: %v; want %d in order", len(order), slices.IsSorted(order), n)
	}

	stop := errors.New("stop")
	got := 0
	err = pipeline(t.Context(), n, window, func(i int) int { return i }, func(i, v int) error {
		got++
		if i == 50 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || got != 51 {
		t.Errorf("pipeline() with a consumer failing at 50 = %v after %d results, want %v after 51", err, got, stop)
	}

	ctx, cancel := context.WithCancel(t.Context())
	err = pipeline(ctx, n, window, func(i int) int { return i }, func(i, v int) error {
		if i == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("pipeline() cancelled = %v, want %v", err, context.Canceled)
	}
}
