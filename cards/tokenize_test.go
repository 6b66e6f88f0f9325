package cards

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// slowTokens is tokenize without its ASCII fast path, rune by rune: the
// reference the fast path must agree with.
func slowTokens(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		i += n
		class := scriptClass(r)
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				if scriptClass(r) != class {
					break
				}
				i += n
				continue
			}
			if isJoiner(r) && i+n < len(s) {
				if r2, _ := utf8.DecodeRuneInString(s[i+n:]); isWordRune(r2) {
					i += n
					continue
				}
			}
			break
		}
		out = append(out, token{start, i})
	}
	return out
}

var tokenizeSeeds = []string{
	"", "a", "post-mortem l'agile meteor.js snake_case", "a- b -c 'x' y'", "l’agile d’entreprise", "état-major é-t",
	"LRUは最もよく使われる", "x.é y_ü z-1 1.5 a..b", "trailing-", "-lead", "a\xffb", "10:30 2023-12-05 O(log(n))",
}

func TestTokenize(t *testing.T) {
	for _, s := range tokenizeSeeds {
		if got, want := tokenize(s), slowTokens(s); !slices.Equal(got, want) {
			t.Errorf("tokenize(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range tokenizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tokenize(s), slowTokens(s); !slices.Equal(got, want) {
			t.Errorf("tokenize(%q) = %v, want %v", s, got, want)
		}
	})
}
