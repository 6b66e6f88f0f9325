package cards

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// suffixWords returns the words the suffix and elision tests try: the
// words of the corpus notes in lower case and as written, when the corpus
// is there, and a list of edge cases.
func suffixWords(t *testing.T) []string {
	t.Helper()
	words := []string{
		"", "a", "é", "s", "es", "ées", "ée", "és", "té", "tés", "if", "ifs", "ive", "ives", "eux", "euse",
		"euses", "able", "ables", "ible", "ibles", "ous", "ful", "less", "ical", "ant", "ent", "ment",
		"dangerous", "careful", "careless", "massive", "historical", "visible", "readable", "important",
		"different", "management", "personnalisées", "cachée", "mesurés", "qualité", "sportif", "sportifs",
		"active", "actives", "heureux", "heureuse", "heureuses", "capable", "capables", "lisible", "lisibles",
		"l'agile", "L'agile", "d’entreprise", "D’entreprise", "qu'il", "QU'IL", "jusqu'ici", "Jusqu'ici",
		"lorsqu'on", "LorsQu'on", "presqu'île", "c'", "l'", "aujourd'hui", "don't", "it's", "Ł'x", "É'x",
		"\xff'x", "l\xe2\x80", "l’", "x’y", "abcdefg'h", "ab'", "qu’", "puisqu’elle", "quoiqu'il",
	}
	if _, err := os.Stat(corpusDir); err == nil {
		for _, p := range corpusFiles(t) {
			n := parseFile(t, p)
			for _, b := range n.Blocks {
				for _, tk := range tokenize(b.Text.Plain) {
					w := b.Text.Plain[tk.start:tk.end]
					words = append(words, w, lower(w))
				}
			}
		}
	}
	return words
}

// TestSuffixHelpers checks the suffix tests that look at the last byte
// first against hasAnySuffix with their lists.
func TestSuffixHelpers(t *testing.T) {
	tests := []struct {
		name     string
		f        func(string) bool
		suffixes []string
	}{
		{"hasEnglishAdjectiveSuffix", hasEnglishAdjectiveSuffix, []string{"ous", "ful", "less", "ive", "ical", "ible", "able"}},
		{"hasFrenchAdjectiveSuffix", hasFrenchAdjectiveSuffix,
			[]string{"if", "ive", "ifs", "ives", "eux", "euse", "euses", "able", "ables", "ible", "ibles"}},
		{"hasParticipleSuffix", hasParticipleSuffix, []string{"é", "és", "ée", "ées"}},
	}
	words := suffixWords(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range words {
				if got, want := tt.f(w), hasAnySuffix(w, tt.suffixes...); got != want {
					t.Errorf("%s(%q) = %v, want %v", tt.name, w, got, want)
				}
			}
		})
	}
}

// slowElisionEnd is elisionEnd lowering its prefix with lower, as it
// did before it lowered in a buffer: the reference it must agree with.
func slowElisionEnd(w string) int {
	i := -1
	for j := 1; j < len(w) && j <= len("lorsqu"); j++ {
		if w[j] == '\'' || w[j] == 0xE2 && strings.HasPrefix(w[j:], "’") {
			i = j
			break
		}
	}
	if i <= 0 {
		return 0
	}
	switch lower(w[:i]) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu":
		_, n := utf8.DecodeRuneInString(w[i:])
		if i+n < len(w) {
			return i + n
		}
	}
	return 0
}

func TestElisionEnd(t *testing.T) {
	for _, w := range suffixWords(t) {
		if got, want := elisionEnd(w), slowElisionEnd(w); got != want {
			t.Errorf("elisionEnd(%q) = %d, want %d", w, got, want)
		}
	}
	for _, tt := range []struct {
		w    string
		want int
	}{
		{"l'agile", 2}, {"L'agile", 2}, {"d’entreprise", len("d’")}, {"Jusqu'ici", 6}, {"don't", 0}, {"l'", 0}, {"É'x", 0},
	} {
		if got := elisionEnd(tt.w); got != tt.want {
			t.Errorf("elisionEnd(%q) = %d, want %d", tt.w, got, tt.want)
		}
	}
}

func TestElisionEnd_allocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { elisionEnd("L'Agile") }); n != 0 {
		t.Errorf("elisionEnd(%q) allocates %v times, want 0", "L'Agile", n)
	}
}
