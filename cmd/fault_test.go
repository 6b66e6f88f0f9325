package cmd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// The tests in this file run mnemo as a real process, which they kill with
// SIGKILL at random moments, then check that the store still opens, passes
// its consistency check and kept every answer the review had acknowledged.
//
// The process is this test binary under the name "mnemo": TestMain hands
// it to testscript.Main, which runs mnemo when argv[0] is "mnemo" (so under
// -race the child is race-instrumented too).

// testNow is the pinned clock of the processes (MNEMO_NOW).
const testNow = "2026-03-01T09:00:00Z"

// mnemoProc runs mnemo processes on one store.
type mnemoProc struct {
	t   *testing.T
	exe string
	env []string
	// check is whether this mnemo has a check command: 0 not known yet,
	// 1 yes, -1 no.
	check int
	// umask0, when set, is a link named mnemo to the test binary: the
	// processes then run through sh with umask 000, so that a file mnemo
	// creates without an explicit mode would be world-writable.
	umask0 string
}

// newMnemoProc returns a runner of mnemo processes with MNEMO_DB set to db.
func newMnemoProc(t *testing.T, db string) *mnemoProc {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary: %v", err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "MNEMO_") || strings.HasPrefix(kv, "NO_COLOR=") || strings.HasPrefix(kv, "XDG_DATA_HOME=") || strings.HasPrefix(kv, "GORACE=") {
			continue
		}
		env = append(env, kv)
	}
	// Under -race a process sleeps a second before it exits (to let
	// goroutines report races) unless told not to.
	env = append(env, "MNEMO_DB="+db, "MNEMO_NOW="+testNow, "NO_COLOR=1", "GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	return &mnemoProc{t: t, exe: exe, env: env}
}

// cmd returns an unstarted mnemo process with args.
func (p *mnemoProc) cmd(ctx context.Context, args ...string) *exec.Cmd {
	var c *exec.Cmd
	if p.umask0 != "" {
		c = exec.CommandContext(ctx, "sh", append([]string{"-c", `umask 000 && exec "$0" "$@"`, p.umask0}, args...)...)
	} else {
		c = exec.CommandContext(ctx, p.exe)
		c.Args = append([]string{"mnemo"}, args...)
	}
	c.Env = p.env
	return c
}

// procResult is how a mnemo process ended.
type procResult struct {
	code     int
	out, err string
	took     time.Duration // wall clock
	cpu      time.Duration // user and system time, which other processes change less
}

// run runs mnemo with args and stdin to the end, killing it after budget.
// It fails the test at once when the process hangs or cannot run.
func (p *mnemoProc) run(budget time.Duration, stdin string, args ...string) procResult {
	p.t.Helper()
	r, err := p.runE(budget, stdin, args...)
	if err != nil {
		p.t.Fatal(err)
	}
	return r
}

// runE is run for other goroutines than the test's: it returns what
// run would fail the test with.
func (p *mnemoProc) runE(budget time.Duration, stdin string, args ...string) (procResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	c := p.cmd(ctx, args...)
	c.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	start := time.Now()
	err := c.Run()
	r := procResult{out: out.String(), err: errOut.String(), took: time.Since(start)}
	if c.ProcessState != nil {
		r.cpu = c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	if ctx.Err() != nil {
		return r, fmt.Errorf("mnemo %q did not end within %v (hang); stderr:\n%s", args, budget, outputTail(r.err))
	}
	if err != nil {
		ee, ok := errors.AsType[*exec.ExitError](err)
		if !ok {
			return r, fmt.Errorf("run mnemo %q: %w", args, err)
		}
		r.code = ee.ExitCode()
	}
	if strings.Contains(r.err, "panic") || strings.Contains(r.err, "DATA RACE") {
		return r, fmt.Errorf("mnemo %q: stderr shows a panic or a race:\n%s", args, outputTail(r.err))
	}
	return r, nil
}

// must runs mnemo and fails the test unless it exits 0.
func (p *mnemoProc) must(stdin string, args ...string) procResult {
	p.t.Helper()
	r := p.run(60*time.Second, stdin, args...)
	if r.code != 0 {
		p.t.Fatalf("mnemo %q = exit %d, want 0; stderr:\n%s", args, r.code, outputTail(r.err))
	}
	return r
}

// exitStatus returns the exit code of a finished process, -1 when it was
// killed by a signal.
func exitStatus(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	ee, ok := errors.AsType[*exec.ExitError](err)
	if !ok {
		t.Fatalf("run mnemo: %v", err)
	}
	return ee.ExitCode()
}

// tail returns the end of a long output.
func outputTail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

// checkStore opens the store as a fresh process would, runs its
// consistency check and returns its cards and review log. With cli and
// `mnemo check` available (it is not in every version), it runs that too.
func checkStore(t *testing.T, p *mnemoProc, db string, cli bool) ([]store.Entry, []cards.Review) {
	t.Helper()
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("open the store after the kill: %v", err)
	}
	defer s.Close()
	ctx := t.Context()
	if err := s.Check(ctx); err != nil {
		t.Fatalf("the store fails its check after the kill: %v", err)
	}
	es, err := s.Cards(ctx, store.Filter{})
	if err != nil {
		t.Fatalf("read cards after the kill: %v", err)
	}
	log, err := s.Reviews(ctx, time.Time{})
	if err != nil {
		t.Fatalf("read the review log after the kill: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if cli && hasCheckCommand(p) {
		if r := p.run(30*time.Second, "", "check"); r.code != 0 {
			t.Fatalf("mnemo check after the kill = exit %d, want 0; stderr:\n%s", r.code, outputTail(r.err))
		}
	}
	return es, log
}

// hasCheckCommand reports whether this mnemo has a check command.
func hasCheckCommand(p *mnemoProc) bool {
	p.t.Helper()
	if p.check == 0 {
		p.check = -1
		if r := p.run(30*time.Second, "", "check", "--help"); r.code == 0 && strings.Contains(r.out+r.err, "mnemo check") {
			p.check = 1
		}
	}
	return p.check == 1
}

// testRand returns a seeded source, logging the seed so that a failure can
// be replayed with MNEMO_TEST_SEED.
func testRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("MNEMO_TEST_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("MNEMO_TEST_SEED=%q: %v", v, err)
		}
		seed = n
	}
	t.Logf("random seed %d (rerun with MNEMO_TEST_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, 0x6d6e656d6f))
}

// syllables make the made-up words of the generated notes, so that every
// note has its own cards.
var syllables = [...]string{"ka", "lo", "mi", "ren", "tu", "sa", "vor", "el", "din", "qua", "bri", "zo", "fen", "ul", "tar", "gi", "mos", "pe", "hal", "nix"}

func madeUpWord(r *rand.Rand, capital bool) string {
	var b strings.Builder
	for range 2 + r.IntN(3) {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	w := b.String()
	if capital {
		w = strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}

// writeVault writes n notes in varied shapes (frontmatter, headings, nested
// bullets, definitions, facts, tables, explicit cards, code) under dir, in
// a few folders, and returns their paths.
func writeVault(t *testing.T, dir string, n int, r *rand.Rand) []string {
	t.Helper()
	var paths []string
	for i := range n {
		var b strings.Builder
		title := madeUpWord(r, true) + " " + madeUpWord(r, false)
		if i%3 == 0 {
			fmt.Fprintf(&b, "---\ntitle: %s\ntags: [%s, %s]\n---\n", title, madeUpWord(r, false), madeUpWord(r, false))
		}
		fmt.Fprintf(&b, "# %s %d\n\n", title, i)
		fmt.Fprintf(&b, "%s is a %s used by the %s of %s.\n\n", madeUpWord(r, true), madeUpWord(r, false), madeUpWord(r, false), madeUpWord(r, true))
		fmt.Fprintf(&b, "## %s\n\n", madeUpWord(r, true))
		fmt.Fprintf(&b, "The %s kinds of %s:\n", madeUpWord(r, false), madeUpWord(r, false))
		for range 3 + r.IntN(4) {
			fmt.Fprintf(&b, "- %s\n", madeUpWord(r, true))
		}
		fmt.Fprintf(&b, "\n- %s: the %s of a %s in %d\n", madeUpWord(r, true), madeUpWord(r, false), madeUpWord(r, false), 1800+r.IntN(220))
		fmt.Fprintf(&b, "  - **%s** keeps the %s near %d%%\n", madeUpWord(r, true), madeUpWord(r, false), r.IntN(100))
		fmt.Fprintf(&b, "    - the %s of %s holds `%s`\n", madeUpWord(r, false), madeUpWord(r, true), madeUpWord(r, false))
		fmt.Fprintf(&b, "- %s — %s for %s\n\n", madeUpWord(r, true), madeUpWord(r, false), madeUpWord(r, false))
		if i%4 == 0 {
			fmt.Fprintf(&b, "| Name | Value | Place |\n|---|---|---|\n")
			for range 3 {
				fmt.Fprintf(&b, "| %s | %d | %s |\n", madeUpWord(r, true), r.IntN(1000), madeUpWord(r, true))
			}
			b.WriteString("\n")
		}
		if i%5 == 0 {
			fmt.Fprintf(&b, "```\n%s := %d\n```\n\n", madeUpWord(r, false), r.IntN(9))
		}
		fmt.Fprintf(&b, "The %s of %s was ==%s== in %d.\n", madeUpWord(r, false), madeUpWord(r, true), madeUpWord(r, true), 1900+r.IntN(120))
		p := filepath.Join(dir, fmt.Sprintf("topic%d", i%7), fmt.Sprintf("note%03d.md", i))
		writeFile(t, p, b.String())
		paths = append(paths, p)
	}
	return paths
}

// TestKillAdd kills `mnemo add` of a 300-note vault (100 under -race,
// which makes every add five times slower) at random moments. Each
// round first changes the vault: new notes with known explicit cards
// ("marker" notes) appear and an older one is deleted. After each kill the
// store must open and pass its check, and the add must have landed whole
// or not at all: either every change since the last landed add shows in
// the markers' statuses, or none does.
func TestKillAdd(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	r := testRand(t)
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	db := filepath.Join(dir, "store", "mnemo.db")
	n := 300
	if raceEnabled {
		n = 100
	}
	base := writeVault(t, vault, n, r)
	p := newMnemoProc(t, db)
	first := p.must("", "add", vault)
	t.Logf("add of %d notes: %v (%s)", n, first.took, strings.TrimSpace(first.out))
	// est is how long an add takes: the kills fall from its start to a
	// little past its end. It follows the adds that end before the kill.
	est := first.took

	// landed and pending model the marker cards: front → active (true) or
	// orphaned (false) in the store, as of the last landed add, and as
	// they will be once an add lands.
	landed := map[string]bool{}
	pending := map[string]bool{}
	var live []string // marker notes on disk
	killed, finished := 0, 0
	for round := range rounds {
		// Two new marker notes, and one older one deleted.
		for j := range 2 {
			name := fmt.Sprintf("marker-%d-%d", round, j)
			front := fmt.Sprintf("Marker %d %d %s", round, j, madeUpWord(r, true))
			writeFile(t, filepath.Join(vault, "markers", name+".md"), fmt.Sprintf("- %s::%s\n", front, madeUpWord(r, false)))
			live = append(live, name+"\x00"+front)
			pending[front] = true
		}
		if len(live) > 4 {
			k := r.IntN(len(live) - 2)
			name, front, _ := strings.Cut(live[k], "\x00")
			if err := os.Remove(filepath.Join(vault, "markers", name+".md")); err != nil {
				t.Fatal(err)
			}
			live = append(live[:k], live[k+1:]...)
			if _, stored := landed[front]; stored {
				pending[front] = false // kept, orphaned
			} else {
				delete(pending, front) // never stored
			}
		}

		// A fifth of the other notes get a new line, so that each add
		// reads and writes much.
		for range n / 5 {
			path := base[r.IntN(len(base))]
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = fmt.Fprintf(f, "\n- %s: the %s of %s in %d\n", madeUpWord(r, true), madeUpWord(r, false), madeUpWord(r, true), 1500+r.IntN(500))
			if err := errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
		}

		delay := time.Duration(r.Int64N(int64(est) * 11 / 10))
		c := p.cmd(context.Background(), "add", vault)
		var errOut bytes.Buffer
		c.Stderr = &errOut
		start := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(delay, func() { _ = c.Process.Signal(syscall.SIGKILL) })
		err := c.Wait()
		timer.Stop()
		code := exitStatus(t, err)
		switch code {
		case 0:
			est = time.Since(start)
			finished++
		case -1:
			killed++
		default:
			t.Fatalf("round %d: mnemo add = exit %d, want 0 or killed; stderr:\n%s", round, code, outputTail(errOut.String()))
		}

		// mnemo check, a process under -race, runs every few rounds.
		es, _ := checkStore(t, p, db, round%5 == 4)
		got := map[string]bool{}
		for _, e := range es {
			if strings.HasPrefix(e.Card.Front, "Marker ") {
				got[e.Card.Front] = e.Status != cards.StatusOrphaned
			}
		}
		switch {
		case maps.Equal(got, pending):
			landed = maps.Clone(pending)
		case code == 0:
			t.Fatalf("round %d: add ended with 0 but the markers are %v, want %v", round, got, pending)
		case maps.Equal(got, landed):
			// The add was killed before its commit: nothing changed.
		default:
			t.Fatalf("round %d: the killed add (after %v) landed in part: markers %v, want all of %v or none (%v)", round, delay, got, pending, landed)
		}
		pending = maps.Clone(landed)
		for _, l := range live {
			_, front, _ := strings.Cut(l, "\x00")
			pending[front] = true
		}
		for front := range landed {
			if !strings.Contains(strings.Join(live, "\n"), "\x00"+front) {
				pending[front] = false
			}
		}
	}
	// A last add to the end lands every change.
	p.must("", "add", vault)
	es, _ := checkStore(t, p, db, true)
	got := map[string]bool{}
	for _, e := range es {
		if strings.HasPrefix(e.Card.Front, "Marker ") {
			got[e.Card.Front] = e.Status != cards.StatusOrphaned
		}
	}
	if !maps.Equal(got, pending) {
		t.Errorf("after a last full add the markers are %v, want %v", got, pending)
	}
	t.Logf("%d of %d rounds passed: %d adds killed, %d finished before the kill", rounds, rounds, killed, finished)
}

// givenAnswer is one grade given in a line-mode review.
type givenAnswer struct {
	front, back string
	grade       int
}

// reviewRun is a line-mode review process fed one line at a time.
type reviewRun struct {
	c      *exec.Cmd
	stdin  io.WriteCloser
	shown  chan shownLine // the header, Q: and A: lines of each card
	mu     sync.Mutex
	errOut bytes.Buffer
	done   chan struct{} // closed when stdout ends
}

// shownLine is one line the review printed for a card: its header
// ("── n/total"), its question ("Q: front") or its answer ("A: back"), of
// which only the first line is kept.
type shownLine struct {
	n           int
	front, back string
}

func (rr *reviewRun) stderr() string {
	rr.mu.Lock()
	defer rr.mu.Unlock()
	return rr.errOut.String()
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (w lockedWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(b)
}

// startReview starts `mnemo review` in line mode with its stdin a pipe.
func startReview(t *testing.T, p *mnemoProc, args ...string) *reviewRun {
	t.Helper()
	rr := &reviewRun{shown: make(chan shownLine, 1000), done: make(chan struct{})}
	rr.c = p.cmd(context.Background(), append([]string{"review"}, args...)...)
	var err error
	if rr.stdin, err = rr.c.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := rr.c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	rr.c.Stderr = lockedWriter{&rr.mu, &rr.errOut}
	if err := rr.c.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(rr.done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "── "):
				n, _, _ := strings.Cut(strings.TrimPrefix(line, "── "), "/")
				k, _ := strconv.Atoi(n)
				rr.shown <- shownLine{n: k}
			case strings.HasPrefix(line, "Q: "):
				rr.shown <- shownLine{front: strings.TrimPrefix(line, "Q: ")}
			case strings.HasPrefix(line, "A: "):
				rr.shown <- shownLine{back: strings.TrimPrefix(line, "A: ")}
			}
		}
		close(rr.shown)
	}()
	return rr
}

// TestKillReview kills line-mode reviews at random moments while they are
// fed answers slowly, one line at a time: during startup, between answers,
// or just after a grade line was written, while the answer is being saved.
// An answer is acknowledged once the review shows the next card (it saves
// the answer before it moves on). After each kill the store must open and
// pass its check, every acknowledged answer must be in the review log with
// its grade, and the log must hold no answer that was never given.
func TestKillReview(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	r := testRand(t)
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	db := filepath.Join(dir, "store", "mnemo.db")
	writeVault(t, vault, 60, r)
	p := newMnemoProc(t, db)
	p.must("", "add", vault)

	acked, lost, sentTotal, saved, passed := 0, 0, 0, 0, 0
	prevLog := 0
	for round := range rounds {
		rr := startReview(t, p, "--new", "100000")
		var sent []givenAnswer // grades written to the review
		var ack []givenAnswer  // grades the review moved on from
		// Kill during startup (mode 0), or after 0 to 5 acknowledged
		// answers: while the review waits for input (mode 1), or right
		// after a grade line was written, while it saves (mode 2).
		wantAcks := r.IntN(6)
		mode := r.IntN(3)
		if mode == 0 {
			time.Sleep(time.Duration(r.Int64N(int64(300 * time.Millisecond))))
		}
		deadline := time.After(30 * time.Second)
		next := func() (shownLine, bool) {
			select {
			case l, ok := <-rr.shown:
				return l, ok
			case <-deadline:
				rr.c.Process.Kill()
				t.Fatalf("round %d: the review printed nothing for 30 s; stderr:\n%s", round, outputTail(rr.stderr()))
				return shownLine{}, false
			}
		}
		// cur is the card on screen; a header after n grades acknowledges
		// the n-th.
		var cur givenAnswer
	feed:
		for mode != 0 {
			l, ok := next()
			if !ok {
				break // the session ended before the kill
			}
			switch {
			case l.n > 0:
				if n := len(sent); n > 0 {
					if l.n != n+1 {
						t.Fatalf("round %d: card shown as %d after %d grades", round, l.n, n)
					}
					ack = append(ack, sent[n-1])
				}
				if len(ack) == wantAcks && mode == 1 {
					break feed
				}
			case l.front != "":
				cur = givenAnswer{front: l.front}
				time.Sleep(time.Duration(r.IntN(3)) * time.Millisecond)
				if _, err := fmt.Fprintf(rr.stdin, "%s\n", madeUpWord(r, false)); err != nil {
					break feed
				}
			case l.back != "":
				cur.back, cur.grade = l.back, 4+r.IntN(2)
				time.Sleep(time.Duration(r.IntN(3)) * time.Millisecond)
				if _, err := fmt.Fprintf(rr.stdin, "%d\n", cur.grade); err != nil {
					break feed
				}
				sent = append(sent, cur)
				if len(ack) == wantAcks {
					break feed // mode 2: kill while the answer is saved
				}
			}
		}
		if mode != 0 {
			time.Sleep(time.Duration(r.Int64N(int64(4 * time.Millisecond))))
		}
		_ = rr.c.Process.Signal(syscall.SIGKILL)
		rr.stdin.Close()
		<-rr.done
		for l := range rr.shown { // printed between the last read and the kill
			if n := len(sent); n > 0 && l.n == n+1 {
				ack = append(ack, sent[n-1])
			}
		}
		err := rr.c.Wait()
		switch code := exitStatus(t, err); code {
		case -1:
		case 0: // the session ended first: every answer was saved
			ack = sent
		default:
			t.Fatalf("round %d: review = exit %d, want 0 or killed; stderr:\n%s", round, code, outputTail(rr.stderr()))
		}
		if s := rr.stderr(); strings.Contains(s, "panic") || strings.Contains(s, "DATA RACE") {
			t.Errorf("round %d: stderr shows a panic or a race:\n%s", round, outputTail(s))
		}

		es, log := checkStore(t, p, db, round%5 == 4)
		byID := map[cards.ID]store.Entry{}
		for _, e := range es {
			byID[e.Card.ID] = e
		}
		added := log[prevLog:]
		ok := true
		if len(added) < len(ack) || len(added) > len(sent) {
			ok = false
			t.Errorf("round %d: the log grew by %d answers; %d were acknowledged and %d sent", round, len(added), len(ack), len(sent))
		}
		// The log's new answers are the first answers sent, in order.
		for i, rv := range added {
			if i >= len(sent) {
				break
			}
			e := byID[rv.Card]
			a := sent[i]
			if firstLine(e.Card.Front) != a.front || firstLine(e.Card.Back) != a.back || int(rv.Grade) != a.grade {
				ok = false
				t.Errorf("round %d: answer %d in the log is %q/%q graded %d, want %q/%q graded %d", round, i, firstLine(e.Card.Front), firstLine(e.Card.Back), rv.Grade, a.front, a.back, a.grade)
			}
		}
		if len(added) < len(ack) {
			lost += len(ack) - len(added)
		}
		if ok {
			passed++
		}
		saved += len(added)
		acked += len(ack)
		sentTotal += len(sent)
		prevLog = len(log)
	}
	t.Logf("%d of %d kills passed: %d answers sent, %d acknowledged, %d saved, %d acknowledged answers lost", passed, rounds, sentTotal, acked, saved, lost)
}

// firstLine is the first line of s, as the review prints it after "Q: ".
func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// TestKillAdd_EmptyStore starts from what a first `mnemo add` killed
// between creating the store file and writing its first pages leaves: an
// empty file (bbolt writes the pages in one call, so a kill leaves them
// all or none). The next add must make the store, not call it damaged.
func TestKillAdd_EmptyStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store", "mnemo.db")
	writeFile(t, db, "")
	if err := os.Chmod(db, 0o600); err != nil {
		t.Fatal(err)
	}
	notes := writeFile(t, filepath.Join(dir, "notes", "geo.md"), "- Capital of France::Paris\n")
	p := newMnemoProc(t, db)
	r := p.run(time.Minute, "", "add", notes)
	if r.code != 0 {
		t.Fatalf("add on an empty store file = exit %d, want 0; stderr:\n%s", r.code, outputTail(r.err))
	}
	es, _ := checkStore(t, p, db, true)
	if len(es) != 1 || es[0].Card.Front != "Capital of France" {
		t.Errorf("the store holds %+v, want the one card of the note", es)
	}
}
