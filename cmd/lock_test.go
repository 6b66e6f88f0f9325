package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/store"
)

// lockBudget is how long a command may take to give up on a held store:
// the store's one-second lock timeout plus the start of a process, which
// is slower under -race on a busy machine.
func lockBudget() time.Duration {
	if raceEnabled {
		return 4 * time.Second
	}
	return 2 * time.Second
}

// lockFixture is a store with two cards and a JSON backup of it.
type lockFixture struct {
	p      *mnemoProc
	dir    string
	notes  string
	db     string
	backup string
	ids    []string // the cards' IDs, in list order
	fronts []string // and their fronts
}

func newLockFixture(t *testing.T) *lockFixture {
	t.Helper()
	dir := t.TempDir()
	f := &lockFixture{dir: dir, notes: filepath.Join(dir, "notes"), db: filepath.Join(dir, "store", "mnemo.db"), backup: filepath.Join(dir, "backup.json")}
	writeFile(t, filepath.Join(f.notes, "geo.md"), "- Capital of France::Paris\n- Capital of Peru::Lima\n")
	f.p = newMnemoProc(t, f.db)
	f.p.must("", "add", f.notes)
	f.p.must("", "export", "json", "-o", f.backup)
	for _, l := range strings.Split(strings.TrimSpace(f.p.must("", "list", "--json").out), "\n") {
		var c struct{ ID, Front string }
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("list --json line %q: %v", l, err)
		}
		f.ids = append(f.ids, c.ID)
		f.fronts = append(f.fronts, c.Front)
	}
	if len(f.ids) != 2 {
		t.Fatalf("list --json gave %d cards, want 2", len(f.ids))
	}
	return f
}

// runAll runs each argv as its own mnemo process, all at once, and
// returns their results in order.
func runAll(p *mnemoProc, budget time.Duration, argvs [][]string) []procResult {
	p.t.Helper()
	res := make([]procResult, len(argvs))
	errs := make([]error, len(argvs))
	var wg sync.WaitGroup
	for i, a := range argvs {
		wg.Go(func() { res[i], errs[i] = p.runE(budget+30*time.Second, "\n4\n", a...) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		p.t.Fatal(err)
	}
	return res
}

// TestLock_WriterHeld holds the store for writing in this process, as a
// long `mnemo add` does, and runs every other command as a process of its
// own beside it: each one that needs the store gives up with exit 4 and
// "database is locked" within the lock timeout (readers too: a shared lock
// cannot be taken beside a writer's), while the commands that read notes
// only (preview, and export with paths) run as usual. Once the holder is
// gone, the writers work again.
func TestLock_WriterHeld(t *testing.T) {
	f := newLockFixture(t)
	fresh := filepath.Join(f.dir, "fresh.db")
	out := filepath.Join(f.dir, "out")
	locked := [][]string{
		{"add", f.notes},
		{"review"},
		{"reject", f.ids[0]},
		{"restore", f.ids[0]},
		{"status"},
		{"stats"},
		{"list"},
		{"export", "anki", "-o", out + ".txt"},
		{"export", "apkg", "-o", out + ".apkg"},
		{"export", "pdf", "-o", out + ".pdf"},
		{"export", "json", "-o", out + ".json"},
	}
	if hasCheckCommand(f.p) {
		locked = append(locked, []string{"check"}, []string{"check", "--repair"})
	}
	free := [][]string{
		{"preview", f.notes},
		{"export", "anki", f.notes, "-o", out + "-notes.txt"},
		{"export", "pdf", f.notes, "-o", out + "-notes.pdf"},
		{"--db", fresh, "import", "json", f.backup},
	}

	held, err := store.Open(f.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// import json into the held store: exit 4 too, before it reads the
	// store (which is not empty).
	locked = append(locked, []string{"--db", f.db, "import", "json", f.backup})
	res := runAll(f.p, lockBudget(), append(locked, free...))
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}
	for i, a := range locked {
		r := res[i]
		if r.code != exitLocked || !strings.Contains(r.err, "database is locked") {
			t.Errorf("mnemo %q beside a writer = exit %d, stderr %q; want exit %d and \"database is locked\"", a, r.code, outputTail(r.err), exitLocked)
		}
		if r.took > lockBudget() {
			t.Errorf("mnemo %q beside a writer took %v, want at most %v", a, r.took, lockBudget())
		}
	}
	for i, a := range free {
		if r := res[len(locked)+i]; r.code != 0 {
			t.Errorf("mnemo %q beside a writer = exit %d, want 0 (it does not use that store); stderr:\n%s", a, r.code, outputTail(r.err))
		}
	}

	// The holder is gone: writers work again.
	f.p.must("", "reject", f.ids[0])
	f.p.must("", "restore", f.ids[0])
	f.p.must("", "add", f.notes)
}

// TestLock_BesideReview runs every command while a line-mode review waits
// for an answer on its stdin. The review holds the store only while it
// saves an answer, so readers and writers both run beside it, within the
// time a command takes; then the review saves its answer as usual.
func TestLock_BesideReview(t *testing.T) {
	f := newLockFixture(t)
	out := filepath.Join(f.dir, "out")
	rr := startReview(t, f.p, "--no-bury")
	defer func() {
		rr.c.Process.Kill()
		rr.c.Wait()
	}()
	var front string
	for front == "" {
		select {
		case l, ok := <-rr.shown:
			if !ok {
				t.Fatalf("review ended before showing a card; stderr:\n%s", rr.stderr())
			}
			front = l.front
		case <-time.After(30 * time.Second):
			t.Fatalf("review showed no card within 30 s; stderr:\n%s", rr.stderr())
		}
	}

	// The card on screen is not touched, so that its answer can land.
	other := f.ids[0]
	if front == f.fronts[0] {
		other = f.ids[1]
	}
	cmds := [][]string{
		{"status"},
		{"stats"},
		{"list"},
		{"export", "anki", "-o", out + ".txt"},
		{"export", "apkg", "-o", out + ".apkg"},
		{"export", "pdf", "-o", out + ".pdf"},
		{"export", "json", "-o", out + ".json"},
		{"preview", f.notes},
		{"add", f.notes},
		{"reject", other},
		{"restore", other},
	}
	if hasCheckCommand(f.p) {
		cmds = append(cmds, []string{"check"})
	}
	budget := lockBudget()
	for _, a := range cmds {
		// One at a time: two writers side by side wait for each other.
		r := f.p.run(budget+30*time.Second, "", a...)
		if r.code != 0 {
			t.Errorf("mnemo %q beside a waiting review = exit %d, want 0; stderr:\n%s", a, r.code, outputTail(r.err))
		}
		if r.took > budget {
			t.Errorf("mnemo %q beside a waiting review took %v, want at most %v", a, r.took, budget)
		}
	}

	// The review goes on: its answer is saved.
	if _, err := fmt.Fprint(rr.stdin, "\n5\nquit\n"); err != nil {
		t.Fatal(err)
	}
	rr.stdin.Close()
	<-rr.done
	if err := rr.c.Wait(); err != nil {
		t.Fatalf("review after the other commands: %v; stderr:\n%s", err, rr.stderr())
	}
	_, log := checkStore(t, f.p, f.db, true)
	if len(log) != 1 || log[0].Grade != 5 {
		t.Errorf("review log after the session = %+v, want one answer graded 5", log)
	}
}
