package cards

import (
	"strings"
	"testing"
)

// TestCardID checks that cardID, NewID's fast path, gives NewID's result
// on the cards of the corpus and on texts chosen to trip it.
func TestCardID(t *testing.T) {
	texts := []string{
		"", " ", "a", "Hello  World", "\tTabs\nand\r\nlines  ", "L'Agile d’Équipe À PARIS",
		"ÀÉÎÕÜ ÿ Ÿ", "İstanbul", "ǅ ǈ ǋ", "e\u0301", "ﬁ ligature", "\u00a0nbsp\u00a0", "x\u2003y",
		"\xff bad", strings.Repeat("Long TEXT ", 60), "Σ ς", "日本語 テキスト", "Ω Å K",
		"l’agile — “quoted” … 5 €", "a\u2000b\u2001c\u2028d\u205fe", "x\u2024y\u2025z", "‰ ′ ″ ‹ ›",
		"one two three", " lead", "trail ", "a b\tc d", "A B c", "x  y z", "[...] a b", "a \u00e9 b",
	}
	check := func(k Kind, f, b string) {
		t.Helper()
		var buf []byte
		if got, want := cardID(&buf, nil, k, f, b), slowID(k, f, b); got != want {
			t.Errorf("cardID(%v, %q, %q) = %s, want slowID's %s", k, f, b, got, want)
		}
	}
	for _, f := range texts {
		for _, b := range texts {
			check(Cloze, f, b)
		}
	}
	for _, n := range qualityNotesOrNil(t) {
		for _, c := range Generate(n, Options{}) {
			check(c.Kind, c.Front, c.Back)
		}
	}
}

func FuzzCardID(f *testing.F) {
	f.Add("Hello  World", "l'Agile")
	f.Fuzz(func(t *testing.T, front, back string) {
		var buf []byte
		if got, want := cardID(&buf, nil, Basic, front, back), slowID(Basic, front, back); got != want {
			t.Errorf("cardID(%q, %q) = %s, want %s", front, back, got, want)
		}
	})
}
