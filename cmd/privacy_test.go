package cmd

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// snapshotTree describes every entry under root, the root included: its
// type and permissions, size, modification time, and the SHA-256 of a
// file's bytes or a link's target. Directory times change when an entry
// is created or removed in them, even for a moment.
func snapshotTree(t *testing.T, root string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		desc := fmt.Sprintf("%v size=%d mtime=%d", info.Mode(), info.Size(), info.ModTime().UnixNano())
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			desc += " -> " + target
		case info.Mode().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" sha256=%x", sha256.Sum256(b))
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		snap[rel] = desc
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", root, err)
	}
	return snap
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// wantMode fails the test unless path has permissions want.
func wantMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Errorf("stat %s: %v", path, err)
		return
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s has mode %v, want %v", path, got, want)
	}
}

// TestPrivacy runs every command on a notes tree, with umask 000 so that
// a file created without an explicit mode would show, and checks that the
// notes are never touched (every file's bytes, mode and time, every
// folder's listing and time, are as before) and that what mnemo writes is
// private: the store and every export file mode 0600, the folders it
// creates for a store 0700, and nothing else left behind.
func TestPrivacy(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to set the umask")
	}
	root := t.TempDir()
	notesDir := filepath.Join(root, "notes")
	writeFile(t, filepath.Join(notesDir, "geo.md"), "---\ntitle: Geography\ntags: [geo]\n---\n# Capitals\n\n- Capital of France::Paris\n- Capital of Peru::Lima\n")
	writeFile(t, filepath.Join(notesDir, "science", "physics.md"), "# Physics\n\nThe speed of light is 299,792 km/s.\n\n- **Inertia** keeps a body in its state of motion\n- Newton: the unit of force\n")
	writeFile(t, filepath.Join(notesDir, "science", "deep", "chem.md"), "# Chemistry\n\n| Element | Symbol |\n|---|---|\n| Gold | Au |\n| Iron | Fe |\n")
	writeFile(t, filepath.Join(notesDir, "readonly.md"), "- Capital of Japan::Tokyo\n")
	writeFile(t, filepath.Join(notesDir, "private.md"), "- Capital of Chile::Santiago\n")
	writeFile(t, filepath.Join(notesDir, ".obsidian", "app.json"), "{}\n")
	writeFile(t, filepath.Join(notesDir, "image.png"), "\x89PNG\r\n\x1a\n\x00\x00")
	if err := os.Chmod(filepath.Join(notesDir, "readonly.md"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(notesDir, "private.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("geo.md", filepath.Join(notesDir, "link.md")); err != nil {
		t.Fatal(err)
	}
	// Old times on everything, folders last: a write would make them now.
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	var dirs []string
	filepath.WalkDir(notesDir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			dirs = append(dirs, path)
		case d.Type().IsRegular():
			return os.Chtimes(path, old, old)
		}
		return nil
	})
	for _, d := range slices.Backward(dirs) {
		if err := os.Chtimes(d, old, old); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshotTree(t, notesDir)

	db := filepath.Join(root, "data", "mnemo", "mnemo.db")
	out := filepath.Join(root, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	p := newMnemoProc(t, db)
	p.umask0 = filepath.Join(root, "bin", "mnemo")
	if err := os.MkdirAll(filepath.Dir(p.umask0), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(p.exe, p.umask0); err != nil {
		t.Fatal(err)
	}
	if r := p.must("", "add", notesDir); !strings.Contains(r.out, " new") {
		t.Fatalf("add printed %q, want a count of new cards", r.out)
	}
	var id string
	for _, l := range strings.Split(strings.TrimSpace(p.must("", "list", "--json").out), "\n") {
		var c struct{ ID string }
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("list --json line %q: %v", l, err)
		}
		id = c.ID
	}
	newDB := filepath.Join(root, "restored", "sub", "mnemo.db")
	commands := [][]string{
		{"preview", notesDir},
		{"preview", "--explain", "--json", notesDir},
		{"review"},
		{"status"},
		{"status", "--short"},
		{"stats"},
		{"stats", "--json"},
		{"list"},
		{"reject", id},
		{"restore", id},
		{"export", "anki", "-o", filepath.Join(out, "store.txt")},
		{"export", "apkg", "-o", filepath.Join(out, "store.apkg")},
		{"export", "pdf", "-o", filepath.Join(out, "store.pdf")},
		{"export", "json", "-o", filepath.Join(out, "backup.json")},
		{"export", "anki", notesDir, "-o", filepath.Join(out, "notes.txt")},
		{"export", "apkg", notesDir, "-o", filepath.Join(out, "notes.apkg")},
		{"export", "pdf", notesDir, "-o", filepath.Join(out, "notes.pdf")},
		{"--db", newDB, "import", "json", filepath.Join(out, "backup.json")},
		{"add", notesDir},
	}
	if hasCheckCommand(p) {
		commands = append(commands, []string{"check"})
	}
	for _, a := range commands {
		p.must("\n4\n\n5\nquit\n", a...)
	}

	if diff := cmp.Diff(before, snapshotTree(t, notesDir)); diff != "" {
		t.Errorf("the notes changed (-before +after):\n%s", diff)
	}
	for _, d := range []string{filepath.Join(root, "data"), filepath.Dir(db), filepath.Join(root, "restored"), filepath.Dir(newDB)} {
		wantMode(t, d, 0o700)
	}
	for _, f := range []string{db, newDB} {
		wantMode(t, f, 0o600)
		if got := listDir(t, filepath.Dir(f)); !slices.Equal(got, []string{"mnemo.db"}) {
			t.Errorf("%s holds %q, want only mnemo.db", filepath.Dir(f), got)
		}
	}
	wantOut := []string{"backup.json", "notes.apkg", "notes.pdf", "notes.txt", "store.apkg", "store.pdf", "store.txt"}
	if got := listDir(t, out); !slices.Equal(got, wantOut) {
		t.Errorf("the export folder holds %q, want %q", got, wantOut)
	}
	for _, f := range wantOut {
		wantMode(t, filepath.Join(out, f), 0o600)
	}
}
