package cards

import (
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mnemo-dev/mnemo/notes"
)

// The quality bar TestQuality holds the generator to, on the seed note and
// on the corpus as a whole.
const (
	minCoverage = 0.90
	maxJunkRate = 0.05
)

var sampleCards = flag.Int("sample", 0, "TestQuality logs this many corpus cards drawn at random (fixed seed)")

var showMissed = flag.Bool("missed", false, "TestQuality logs each content line that gave no card, with the dropped candidates")

// qualityNotes parses the corpus notes and the seed, skipping when neither
// is there.
func qualityNotes(t testing.TB) (corpus []*notes.Note, seed *notes.Note) {
	t.Helper()
	if _, err := os.Stat(corpusDir); err == nil {
		for _, p := range corpusFiles(t) {
			corpus = append(corpus, parseFile(t, p))
		}
	}
	if _, err := os.Stat(seedPath); err == nil {
		seed = parseFile(t, seedPath)
	}
	if len(corpus) == 0 && seed == nil {
		t.Skip("neither the corpus nor the seed note is here")
	}
	return corpus, seed
}

// qualityNotesOrNil returns the corpus notes and the seed, or nil.
func qualityNotesOrNil(t testing.TB) []*notes.Note {
	t.Helper()
	var out []*notes.Note
	if _, err := os.Stat(corpusDir); err == nil {
		for _, p := range corpusFiles(t) {
			out = append(out, parseFile(t, p))
		}
	}
	if _, err := os.Stat(seedPath); err == nil {
		out = append(out, parseFile(t, seedPath))
	}
	return out
}

// TestQuality runs the generator over every note of the shared corpus and
// the seed, logs per-note and total figures (cards, cards per rule, junk
// rate, coverage of content lines), and fails when the seed or the corpus
// as a whole covers less than minCoverage of its content lines or has more
// than maxJunkRate junk cards. Run it with -v to read the figures
// (make quality).
func TestQuality(t *testing.T) {
	corpus, seed := qualityNotes(t)
	// Per-note statistics, as mnemo add and preview use them: a note's
	// cards must not depend on which other notes were added with it.
	opts := Options{}
	var total QualityReport
	var pool []Candidate
	for _, n := range corpus {
		cs := Generate(n, opts)
		if *sampleCards > 0 {
			for _, c := range Explain(n, opts) {
				if c.Dropped == "" {
					pool = append(pool, c)
				}
			}
		}
		r := Quality(n, cs)
		t.Log(reportLine(strings.TrimPrefix(n.Path, corpusDir+"/"), r))
		for _, c := range cs {
			if why := JunkReason(c); why != "" {
				t.Logf("    junk (%s) %s:%d %s: %q → %q", why, c.Source.Path, c.Source.Line, c.Rule, c.Front, c.Back)
			}
		}
		if *showMissed {
			logMissed(t, n, opts, r)
		}
		total.Add(r)
	}
	if *sampleCards > 0 {
		rng := rand.New(rand.NewPCG(1, 2))
		for k := 0; k < *sampleCards && len(pool) > 0; k++ {
			j := rng.IntN(len(pool))
			c := pool[j].Card
			score := pool[j].Score
			pool = append(pool[:j], pool[j+1:]...)
			t.Logf("SAMPLE %d %s:%d %s/%s %.2f [%s] Q: %q A: %q", k+1, strings.TrimPrefix(c.Source.Path, corpusDir+"/"), c.Source.Line,
				c.Rule, c.Kind, score, strings.Join(c.Context, " › "), c.Front, c.Back)
		}
	}
	if len(corpus) > 0 {
		t.Log(reportLine("CORPUS", total))
		t.Logf("corpus rules: %s", formatCounts(total.Rules))
		t.Logf("corpus junk: %s", formatCounts(total.JunkReasons))
		t.Logf("corpus missed lines: %s", strings.Join(total.Missed, " "))
		checkQuality(t, "corpus", total)
	}
	if seed != nil {
		cs := Generate(seed, opts)
		r := Quality(seed, cs)
		t.Log(reportLine("SEED", r))
		t.Logf("seed rules: %s", formatCounts(r.Rules))
		t.Logf("seed missed lines: %s", strings.Join(r.Missed, " "))
		checkQuality(t, "seed", r)
	}
}

func checkQuality(t *testing.T, name string, r QualityReport) {
	t.Helper()
	if r.Coverage() < minCoverage {
		t.Errorf("%s: coverage %.1f%%, want at least %.0f%%", name, 100*r.Coverage(), 100*minCoverage)
	}
	if r.JunkRate() > maxJunkRate {
		t.Errorf("%s: junk %.1f%%, want at most %.0f%%", name, 100*r.JunkRate(), 100*maxJunkRate)
	}
}

func reportLine(name string, r QualityReport) string {
	return fmt.Sprintf("%-90s cards %4d  junk %3d (%4.1f%%)  coverage %3d/%3d (%5.1f%%)  %s",
		name, r.Cards, r.Junk, 100*r.JunkRate(), r.Covered, r.Lines, 100*r.Coverage(), formatCounts(r.Rules))
}

func formatCounts(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// logMissed logs the content lines of n that gave no card and why.
func logMissed(t *testing.T, n *notes.Note, opts Options, r QualityReport) {
	t.Helper()
	cands := Explain(n, opts)
	for _, m := range r.Missed {
		line := 0
		fmt.Sscanf(m[strings.LastIndexByte(m, ':')+1:], "%d", &line)
		var why []string
		for _, c := range cands {
			if c.Card.Source.Line == line {
				why = append(why, c.Card.Rule+":"+c.Dropped)
			}
		}
		text := ""
		for _, b := range n.Blocks {
			if b.Line == line {
				text = b.Text.Plain
			}
		}
		t.Logf("    missed %s %q %v", m, text, why)
	}
}
