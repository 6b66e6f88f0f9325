package cards

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

const (
	corpusDir = "../../shared/corpus"
	seedPath  = "../../shared/seed/000_e0813f7712023e42.txt"
)

// parseFile parses the note at path, failing the test on error.
func parseFile(t testing.TB, path string) *notes.Note {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	n, err := notes.Parse(filepath.ToSlash(path), src)
	if err != nil {
		t.Fatalf("notes.Parse(%s): %v", path, err)
	}
	return n
}

// corpusFiles lists the Markdown notes of the shared corpus, or skips.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus at %s: %v", corpusDir, err)
	}
	return files
}

// checkCards checks the invariants every generated card must hold.
func checkCards(t testing.TB, n *notes.Note, cs []Card) {
	t.Helper()
	seen := map[ID]bool{}
	for i, c := range cs {
		for _, s := range append([]string{c.Front, c.Back, c.Cloze, c.Deck, c.Rule}, c.Context...) {
			if !utf8.ValidString(s) {
				t.Errorf("%s: card %q has invalid UTF-8 %q", n.Path, c.Front, s)
			}
		}
		if strings.TrimSpace(c.Front) == "" || strings.TrimSpace(c.Back) == "" {
			t.Errorf("%s:%d: card with empty side: %q → %q", n.Path, c.Source.Line, c.Front, c.Back)
		}
		if c.Kind == Cloze {
			if !strings.Contains(c.Cloze, "{{c1::") {
				t.Errorf("%s:%d: cloze %q has no deletion", n.Path, c.Source.Line, c.Cloze)
			}
			for a := range strings.SplitSeq(c.Back, "; ") {
				if containsWord(c.Front, a) {
					t.Errorf("%s:%d: answer %q shows on front %q", n.Path, c.Source.Line, a, c.Front)
				}
			}
		} else if c.Cloze != "" {
			t.Errorf("%s:%d: %v card has a cloze %q", n.Path, c.Source.Line, c.Kind, c.Cloze)
		}
		if c.Source.Line < 1 || c.Source.Line > len(n.Lines) || c.Source.Path != n.Path {
			t.Errorf("%s: card %q has source %+v outside the note (%d lines)", n.Path, c.Front, c.Source, len(n.Lines))
		}
		if c.ID != NewID(c.Kind, c.Front, c.Back) {
			t.Errorf("%s: card %q has ID %s, want NewID", n.Path, c.Front, c.ID)
		}
		if seen[c.ID] {
			t.Errorf("%s: duplicate ID %s (%q)", n.Path, c.ID, c.Front)
		}
		seen[c.ID] = true
		if i > 0 && cs[i-1].Source.Line > c.Source.Line {
			t.Errorf("%s: cards not sorted by line: %d after %d", n.Path, c.Source.Line, cs[i-1].Source.Line)
		}
	}
}

func ruleCounts(cs []Card) map[string]int {
	m := map[string]int{}
	for _, c := range cs {
		m[c.Rule]++
	}
	return m
}

func TestGenerate_corpus(t *testing.T) {
	total := map[string]int{}
	drops := map[string]int{}
	all := 0
	for _, p := range corpusFiles(t) {
		n := parseFile(t, p)
		cs := Generate(n, Options{Deck: DeckFromDir(filepath.ToSlash(filepath.Dir(p)))})
		checkCards(t, n, cs)
		for r, k := range ruleCounts(cs) {
			total[r] += k
		}
		for _, c := range Explain(n, Options{}) {
			if c.Dropped != "" {
				drops[c.Dropped]++
			}
		}
		all += len(cs)
	}
	t.Logf("corpus: %d cards, per rule %v; dropped %v", all, total, drops)
}

func TestGenerate_seed(t *testing.T) {
	if _, err := os.Stat(seedPath); err != nil {
		t.Skipf("no seed note: %v", err)
	}
	n := parseFile(t, seedPath)
	cs := Generate(n, Options{})
	checkCards(t, n, cs)
	if len(cs) < 25 {
		t.Errorf("Generate(seed) gave %d cards, want at least 25", len(cs))
	}
	t.Logf("seed: %d cards, per rule %v", len(cs), ruleCounts(cs))
	for _, c := range cs {
		t.Logf("%3d %-10s %-8s %q → %q", c.Source.Line, c.Rule, c.Kind, c.Front, c.Back)
	}
	for _, c := range Explain(n, Options{}) {
		if c.Dropped != "" {
			t.Logf("dropped %3d %-10s %q (%s)", c.Card.Source.Line, c.Card.Rule, c.Card.Front, c.Dropped)
		}
	}
	// Nearly every content line (three words or more, not a link) makes a
	// card.
	content, covered := 0, 0
	for _, b := range n.Blocks {
		if (b.Kind != notes.Line && b.Kind != notes.Item) || countWords(b.Text.Plain) < 3 || startsWithLink(b.Text) {
			continue
		}
		content++
		if slices.ContainsFunc(cs, func(c Card) bool { return c.Source.Line >= b.Line && c.Source.Line <= b.EndLine }) {
			covered++
		} else {
			t.Logf("no card for line %d: %q", b.Line, b.Text.Plain)
		}
	}
	if covered*10 < content*9 {
		t.Errorf("Generate(seed) covered %d of %d content lines, want 90%%", covered, content)
	}
}

// TestGenerate_fixtures runs the fixtures of testdata through the parser.
func TestGenerate_fixtures(t *testing.T) {
	tests := []struct {
		file string
		want []string // "line rule: front → back" of some expected cards
		not  []string // "rule: front" prefixes that must not be cards
	}{
		{
			file: "testdata/explicit.md",
			want: []string{
				"15 explicit: Capital of Australia → Canberra",
				"16 explicit: Canberra → capital of Australia",
				"16 explicit: capital of Australia → Canberra",
				"19 explicit: The first female prime minister of Australia was [...] → Julia Gillard",
				"20 explicit: Brazilians speak [language] and Spanish is close to it. → Portuguese",
				"20 explicit: Brazilians speak Portuguese and [...] is close to it. → Spanish",
				"22 explicit: Which three pillars does DevOps rest on → culture and automation measurement and sharing",
				"28 explicit: Name the two SM-2 inputs → previous interval and grade",
				"28 explicit: previous interval and grade → Name the two SM-2 inputs",
				"32 explicit: What does `ls -a` list? → hidden files too",
			},
			not: []string{"explicit: the question goes on this side", "explicit: info 1", "explicit: In C++"},
		},
		{
			file: "testdata/conference-fr.md",
			want: []string{
				"16 definition: Déploiement continu → chaque changement validé part en production automatiquement",
				"16 definition: chaque changement validé part en production automatiquement → Déploiement continu",
				"17 definition: MTTR → temps moyen de rétablissement après un incident",
				"11 enumeration: Le but de la matinée était de présenter les bases de l'intégration continue:\n- [...]\n- automatiser les tests et la livraison → découper le travail en petits lots",
				"18 fact: Selon l'étude, environ [...] des équipes déploient plusieurs fois par jour. → 15 %",
				"19 emphasis: Il faut surtout mesurer le [...] plutôt que la vélocité. → lead time",
				"24 table: Intégration continue — Objectif → détecter tôt les régressions",
				"25 table: Feature flags — Outil → LaunchDarkly",
				"29 emphasis: Un [...] sans blâme analyse l'incident en se centrant sur le système. → post-mortem",
			},
		},
		{
			file: "testdata/algorithms-en.md",
			want: []string{
				"8 definition: Separate chaining → a linked list holds the items of each bucket",
				"9 definition: Open addressing → all entries are stored in the bucket array itself",
				"16 table: Search — Big-O → O(1)",
				"21 fact: Python dictionaries have been ordered since version 3.7, announced in [...]. → 2017",
				"24 command: List the files of a directory, hidden ones included → `ls -a`",
			},
			not: []string{"definition: Note"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			n := parseFile(t, tt.file)
			cs := Generate(n, Options{})
			checkCards(t, n, cs)
			var got []string
			for _, c := range cs {
				got = append(got, strings.Join([]string{strconv.Itoa(c.Source.Line), " ", c.Rule, ": ", c.Front, " → ", c.Back}, ""))
				for _, bad := range tt.not {
					if strings.HasPrefix(c.Rule+": "+c.Front, bad) {
						t.Errorf("Generate(%s) made a card of %q: %q → %q", tt.file, bad, c.Front, c.Back)
					}
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Generate(%s) lacks card %q; got:\n%s", tt.file, w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

func FuzzGenerate(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, p := range files {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{
		"q::a", "a:::b", "==x== and ==y==", "{{c1::a::b}} {{c2::c}}", "{{}}", "{{c1::}}", "x\n?\ny",
		"??\n", "- a:\n  - b", "| a | b |\n|---|---|\n| c | d |", "15% de 2 000 en 1990", "`a::b`", "\xff\xfe::\xff",
		"l'agile d’entreprise qu'il", "**", "*a*", "a - b - c", "Term: def ini tion",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := notes.Parse("fuzz.md", []byte(src))
		if err != nil || n == nil {
			return
		}
		checkCards(t, n, Generate(n, Options{}))
	})
}

// BenchmarkGenerate generates the cards of every corpus note, with the
// Corpus of all of them (as add does) and with the note's own statistics
// only. Compare with BenchmarkParse in notes.
func BenchmarkGenerate(b *testing.B) {
	var ns []*notes.Note
	for _, p := range corpusFiles(b) {
		ns = append(ns, parseFile(b, p))
	}
	for _, bc := range []struct {
		name string
		opts Options
	}{
		{"corpus", Options{Corpus: NewCorpus(ns...)}},
		{"note", Options{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, n := range ns {
					Generate(n, bc.opts)
				}
			}
		})
	}
}

func BenchmarkNewCorpus(b *testing.B) {
	var ns []*notes.Note
	for _, p := range corpusFiles(b) {
		ns = append(ns, parseFile(b, p))
	}
	b.ReportAllocs()
	for b.Loop() {
		NewCorpus(ns...)
	}
}

func TestGenerate_commandNextToCode(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // rules of the cards
	}{
		{name: "adjacent", src: "List the files of a directory:\n\n`ls -a`\n", want: []string{"command"}},
		{name: "fenced block between", src: "List the files of a directory:\n\n```\nls\n```\n\n`ls -a`\n"}, // the short lead-in alone makes no card
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := notes.Parse("c.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range Generate(n, Options{}) {
				got = append(got, c.Rule)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Generate(%q) rules = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}
