package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	seedNote  = "../../shared/seed/000_e0813f7712023e42.txt"
	corpusDir = "../../shared/corpus"
	ankiCheck = "../../shared/anki/anki_csv_check.py"
)

func needFile(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s not available: %v", p, err)
		}
	}
}

// mnemoRun runs one command in-process and fails the test on a non-zero
// exit code other than want.
func mnemoRun(t *testing.T, e map[string]string, stdin string, want int, args ...string) (string, string) {
	t.Helper()
	io, out, errOut := newTestIO(stdin)
	if code := run(t.Context(), args, io, env(e)); code != want {
		t.Fatalf("mnemo %q = %d, want %d; stderr:\n%s", args, code, want, errOut)
	}
	return out.String(), errOut.String()
}

// TestSeedEndToEnd adds the user's example note, reviews every card from a
// pipe and checks every card was graded once and is tied to a source line.
func TestSeedEndToEnd(t *testing.T) {
	needFile(t, seedNote)
	lines := strings.Count(mustRead(t, seedNote), "\n") + 1
	e := map[string]string{"MNEMO_DB": filepath.Join(t.TempDir(), "mnemo.db"), "MNEMO_NOW": "2026-03-01T09:00:00Z"}
	out, _ := mnemoRun(t, e, "", 0, "add", seedNote)
	t.Logf("add: %s", out)
	var n int
	if _, err := fmt.Sscanf(out, "%d new", &n); err != nil || n < 25 {
		t.Fatalf("add on the seed = %q, want at least 25 new cards", out)
	}
	_, errOut := mnemoRun(t, e, strings.Repeat("\n4\n", n), 0, "review", "--new", "1000", "--no-bury")
	if !strings.Contains(errOut, "graded") {
		t.Errorf("review summary missing: %s", errOut)
	}
	list, _ := mnemoRun(t, e, "", 0, "list", "--json")
	got := 0
	for _, l := range strings.Split(strings.TrimSpace(list), "\n") {
		var c struct {
			Status string
			Reps   int
			Source struct{ Line int }
		}
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatal(err)
		}
		if c.Status != "review" || c.Reps != 1 {
			t.Errorf("card %s: status %s reps %d, want review 1", l, c.Status, c.Reps)
		}
		if c.Source.Line < 1 || c.Source.Line > lines {
			t.Errorf("card %s: source line %d outside the note (1-%d)", l, c.Source.Line, lines)
		}
		got++
	}
	if got != n {
		t.Errorf("list has %d cards, add made %d", got, n)
	}
}

// TestCorpusAnkiExport exports every note of the corpus and the seed to
// Anki's text format and requires the shared checker to accept it.
func TestCorpusAnkiExport(t *testing.T) {
	needFile(t, corpusDir, seedNote, ankiCheck)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available: skipping the Anki checker")
	}
	e := map[string]string{"MNEMO_DB": filepath.Join(t.TempDir(), "none.db")}
	out := filepath.Join(t.TempDir(), "corpus.txt")
	mnemoRun(t, e, "", 0, "export", "anki", corpusDir, seedNote, "-o", out)
	res, err := exec.Command(py, ankiCheck, out).CombinedOutput()
	if err != nil {
		t.Fatalf("anki_csv_check.py %s: %v\n%s", out, err, res)
	}
	last := strings.TrimSpace(string(res))
	last = last[strings.LastIndex(last, "\n")+1:]
	if !strings.HasSuffix(last, " 0 errors") {
		t.Errorf("checker: %s", res)
	}
	t.Logf("checker: %s", last)
}

// TestSeedPDF renders the seed and reads it back with pdftotext: the
// accented words must survive.
func TestSeedPDF(t *testing.T) {
	needFile(t, seedNote)
	e := map[string]string{"MNEMO_DB": filepath.Join(t.TempDir(), "none.db"), "MNEMO_NOW": "2026-03-01T09:00:00Z"}
	pdf := filepath.Join(t.TempDir(), "seed.pdf")
	mnemoRun(t, e, "", 0, "export", "pdf", seedNote, "-o", pdf)
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not available (poppler-utils): PDF written but not read back")
	}
	text, err := exec.Command(tool, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, w := range []string{"Évaluer", "démarrage", "équipes", "d'affaire"} {
		if !strings.Contains(strings.ReplaceAll(string(text), "’", "'"), w) {
			t.Errorf("pdftotext output lacks %q", w)
		}
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedExplain checks that preview --explain on the seed shows each
// card's rule and score and the dropped candidates with their reason.
func TestSeedExplain(t *testing.T) {
	needFile(t, seedNote)
	e := map[string]string{"MNEMO_DB": filepath.Join(t.TempDir(), "none.db")}
	out, errOut := mnemoRun(t, e, "", 0, "preview", "--explain", seedNote)
	for _, want := range []string{"score ", "dropped: ", "emphasis"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview --explain on the seed lacks %q", want)
		}
	}
	if !strings.Contains(errOut, "candidates dropped") {
		t.Errorf("preview --explain summary missing: %s", errOut)
	}
}
