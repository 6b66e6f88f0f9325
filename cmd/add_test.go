package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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
