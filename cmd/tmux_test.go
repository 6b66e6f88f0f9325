package cmd

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReviewInTmux drives the real review screen in a tmux terminal of
// 80×24: reveal, grade, undo, quit, resume and finish a 5-card session,
// then checks the saved states. It skips when tmux is not installed.
func TestReviewInTmux(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux not available")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mnemo")
	if out, err := exec.Command("go", "build", "-o", bin, "./mnemo").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	note := writeFile(t, filepath.Join(dir, "notes", "geo.md"),
		"- Capital of France::Paris\n- Capital of Japan::Tokyo\n- Capital of Peru::Lima\n- Capital of Chile::Santiago\n- Capital of Kenya::Nairobi\n")
	db := filepath.Join(dir, "mnemo.db")
	environ := append(os.Environ(), "MNEMO_DB="+db, "MNEMO_NOW=2026-03-01T09:00:00Z", "TERM=xterm-256color", "NO_COLOR=1")
	mnemo := func(args ...string) string {
		t.Helper()
		c := exec.Command(bin, args...)
		c.Env = environ
		out, err := c.Output()
		if err != nil {
			t.Fatalf("mnemo %q: %v", args, err)
		}
		return string(out)
	}
	mnemo("add", filepath.Dir(note))

	sock := filepath.Join(dir, "tmux.sock")
	tm := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %q: %v\n%s", args, err, out)
		}
		return string(out)
	}
	session := "r1"
	start := func(name string) {
		t.Helper()
		session = name
		cmdline := "env MNEMO_DB=" + db + " MNEMO_NOW=2026-03-01T09:00:00Z NO_COLOR=1 " + bin + " review; sleep 30"
		tm("new-session", "-d", "-s", name, "-x", "80", "-y", "24", cmdline)
	}
	defer exec.Command(tmux, "-S", sock, "kill-server").Run()
	screen := func() string { return tm("capture-pane", "-p", "-t", session) }
	waitFor := func(want string) string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			s := screen()
			if strings.Contains(s, want) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("screen never showed %q; last screen:\n%s", want, s)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	keys := func(k ...string) { tm(append([]string{"send-keys", "-t", session}, k...)...) }

	start("r1")
	first := waitFor("Capital of France")
	t.Logf("first card:\n%s", first)
	keys("Space")
	t.Logf("revealed:\n%s", waitFor("Paris"))
	keys("5") // France: 5
	waitFor("Capital of Japan")
	keys("Space")
	waitFor("Tokyo")
	keys("2") // Japan: 2, then undo it and give 4
	waitFor("Capital of Peru")
	keys("u")
	waitFor("Capital of Japan")
	keys("4")
	waitFor("Capital of Peru")
	keys("q")
	waitFor("Session: 2 card(s) graded")

	// Resume: the three cards left, all graded 4. The new session starts
	// before the old one is killed, so the tmux server never exits between.
	start("r2")
	tm("kill-session", "-t", "r1")
	waitFor("Capital of Peru")
	for _, want := range []string{"Capital of Chile", "Capital of Kenya", "Session complete"} {
		keys("Space")
		time.Sleep(100 * time.Millisecond)
		keys("4")
		t.Logf("screen:\n%s", waitFor(want))
	}
	keys("x")
	waitFor("Session: 3 card(s) graded")

	type state struct {
		Front  string
		Reps   int
		EF     float64
		Status string
	}
	got := map[string]state{}
	for _, l := range strings.Split(strings.TrimSpace(mnemo("list", "--json")), "\n") {
		var s state
		if err := json.Unmarshal([]byte(l), &s); err != nil {
			t.Fatal(err)
		}
		got[s.Front] = s
	}
	want := map[string]state{
		"Capital of France": {"Capital of France", 1, 2.60, "review"},
		"Capital of Japan":  {"Capital of Japan", 1, 2.50, "review"},
		"Capital of Peru":   {"Capital of Peru", 1, 2.50, "review"},
		"Capital of Chile":  {"Capital of Chile", 1, 2.50, "review"},
		"Capital of Kenya":  {"Capital of Kenya", 1, 2.50, "review"},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("after the session %s = %+v, want %+v", k, got[k], w)
		}
	}
}
