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
// on the corpus as a whole: coverage of content lines in the narrow sense
// (QualityReport.Lines), junk rate, and a floor under the literal coverage
// (QualityReport.Literal) at what the rules reach today, so that it does
// not regress. The literal figure stays under 90% on the corpus because of
// lines no card should come from: bare links ("[Title](url)", tables of
// contents), references, questions nothing answers, lead-ins of code
// blocks, steps of exercises (see lineKind). It went from 78.8% to 76.9%
// when the steps of exercises stopped giving clozes of their code, and
// from 76.5% to 75.5% when eighteen lines lost their only card, each junk:
// a verb or an adjective ("[processes] it", "trop [gourmand]", "time
// [remaining]"), a generic noun ("large [amounts] of data", "([activity]
// from the user)"), a month alone ("beginning of [August]") or half a
// sentence broken off at the end of its line ("metric for [predictable
// loads] or"); to 75.4% when org-mode headlines left in a Markdown note
// ("** Missions du DPD") stopped giving clozes, as headings do; and to
// 75.3% when a French quantifier stopped being an answer ("au travers de
// [plusieurs] conteneurs Docker"); and to 75.1% when a progressive did
// ("if you're [studying] for this topic", the same line in five notes:
// 1358/1809 = 75.07%).
const (
	minCoverage      = 0.90
	maxJunkRate      = 0.05
	minLiteralCorpus = 0.750
	minLiteralSeed   = 0.95
)

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
	for _, n := range corpus {
		cs := Generate(n, opts)
		r := Quality(n, cs)
		refineMissed(n, opts, &r)
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
	if len(corpus) > 0 {
		t.Log(reportLine("CORPUS", total))
		t.Logf("corpus rules: %s", formatCounts(total.Rules))
		t.Logf("corpus junk: %s", formatCounts(total.JunkReasons))
		t.Logf("corpus missed lines: %s", strings.Join(total.Missed, " "))
		logLiteralMissed(t, "corpus", total)
		checkQuality(t, "corpus", total, minLiteralCorpus)
	}
	if seed != nil {
		cs := Generate(seed, opts)
		r := Quality(seed, cs)
		refineMissed(seed, opts, &r)
		t.Log(reportLine("SEED", r))
		t.Logf("seed rules: %s", formatCounts(r.Rules))
		t.Logf("seed missed lines: %s", strings.Join(r.Missed, " "))
		logLiteralMissed(t, "seed", r)
		checkQuality(t, "seed", r, minLiteralSeed)
	}
}

// sampleSize is the number of corpus cards TestQualitySample reads.
const sampleSize = 100

// TestQualitySample logs the seed note's cards and sampleSize corpus cards
// drawn at random with a fixed seed (front | back | rule | context), for a
// person to read with -v, and fails when one of them is junk (JunkReason)
// or a guessed cloze hides a word that names nothing: a generic noun
// ("example", "way"), an adverb or a verb.
func TestQualitySample(t *testing.T) {
	corpus, seed := qualityNotes(t)
	if seed != nil {
		for _, c := range Generate(seed, Options{}) {
			t.Log(sampleLine("seed", c))
			checkSampled(t, c)
		}
	}
	var pool []Card
	for _, n := range corpus {
		pool = append(pool, Generate(n, Options{})...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < sampleSize && len(pool) > 0; k++ {
		j := rng.IntN(len(pool))
		c := pool[j]
		pool = append(pool[:j], pool[j+1:]...)
		t.Log(sampleLine(fmt.Sprint(k+1), c))
		checkSampled(t, c)
	}
}

func sampleLine(tag string, c Card) string {
	return fmt.Sprintf("%s %s:%d\n    %q | %q | %s/%s | %s", tag, strings.TrimPrefix(c.Source.Path, corpusDir+"/"), c.Source.Line,
		c.Front, c.Back, c.Rule, c.Kind, strings.Join(c.Context, " › "))
}

// checkSampled fails when card c is junk or hides a word that names
// nothing.
func checkSampled(t *testing.T, c Card) {
	t.Helper()
	if why := JunkReason(c); why != "" {
		t.Errorf("card %s:%d %q → %q is junk: %s", c.Source.Path, c.Source.Line, c.Front, c.Back, why)
	}
	if c.Kind != Cloze || c.Rule != ruleSentence && c.Rule != ruleFact {
		return
	}
	if w := lower(c.Back); isGeneric(w) || len(w) > 3 && isAdverb(w) || isCommonVerb(w) {
		t.Errorf("card %s:%d %q hides %q, a word that names nothing", c.Source.Path, c.Source.Line, c.Front, c.Back)
	}
}

func checkQuality(t *testing.T, name string, r QualityReport, minLiteral float64) {
	t.Helper()
	if r.LiteralCoverage() < minLiteral {
		t.Errorf("%s: literal coverage %.1f%%, want at least %.1f%%", name, 100*r.LiteralCoverage(), 100*minLiteral)
	}
	if r.Coverage() < minCoverage {
		t.Errorf("%s: coverage %.1f%%, want at least %.0f%%", name, 100*r.Coverage(), 100*minCoverage)
	}
	if r.JunkRate() > maxJunkRate {
		t.Errorf("%s: junk %.1f%%, want at most %.0f%%", name, 100*r.JunkRate(), 100*maxJunkRate)
	}
}

func reportLine(name string, r QualityReport) string {
	return fmt.Sprintf("%-90s cards %4d  junk %3d (%4.1f%%)  coverage %3d/%3d (%5.1f%%)  literal %3d/%3d (%5.1f%%)  %s",
		name, r.Cards, r.Junk, 100*r.JunkRate(), r.Covered, r.Lines, 100*r.Coverage(),
		r.LiteralCovered, r.Literal, 100*r.LiteralCoverage(), formatCounts(r.Rules))
}

// refineMissed names, for the literal content lines of n that gave no card
// though they are content lines in the narrow sense too, what dropped
// their candidates when one reason dropped them all ("no card (note
// cap)").
func refineMissed(n *notes.Note, opts Options, r *QualityReport) {
	var cands []Candidate
	for k := range r.LiteralMissed {
		m := &r.LiteralMissed[k]
		if m.Why != MissNoCard {
			continue
		}
		if cands == nil {
			cands = Explain(n, opts)
		}
		line := missedLine(m.Where)
		why := ""
		for _, c := range cands {
			if c.Card.Source.Line != line {
				continue
			}
			if why == "" || why == c.Dropped {
				why = c.Dropped
			} else {
				why = "mixed"
			}
		}
		if why == "" {
			why = "no candidate"
		}
		m.Why = MissNoCard + " (" + why + ")"
	}
}

// missedLine returns the line number of "path:line".
func missedLine(where string) int {
	line := 0
	fmt.Sscanf(where[strings.LastIndexByte(where, ':')+1:], "%d", &line)
	return line
}

// logLiteralMissed logs the literal content lines that gave no card,
// grouped by kind, with their text when -missed is set.
func logLiteralMissed(t *testing.T, name string, r QualityReport) {
	t.Helper()
	groups := map[string][]string{}
	for _, m := range r.LiteralMissed {
		groups[m.Why] = append(groups[m.Why], m.Where)
	}
	for _, why := range slices.Sorted(maps.Keys(groups)) {
		t.Logf("%s literal missed, %s: %d", name, why, len(groups[why]))
		if *showMissed {
			for _, w := range groups[why] {
				t.Logf("    %s %q", strings.TrimPrefix(w, corpusDir+"/"), lineText(w))
			}
		}
	}
}

// lineText returns the text of line where ("path:line") of its file.
func lineText(where string) string {
	k := strings.LastIndexByte(where, ':')
	src, err := os.ReadFile(where[:k])
	if err != nil {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if l := missedLine(where); l >= 1 && l <= len(lines) {
		return strings.TrimSpace(lines[l-1])
	}
	return ""
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
