package cards

import (
	stdcmp "cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/notes"
)

// trickyTexts are texts that trip case and space handling: capitals of
// every width, runes whose lower case has another length, invalid bytes,
// white space of several kinds.
var trickyTexts = []string{
	"", "a", "A", "abc", "ABC", "Hello World", "HELLO WORLD 123 ÀÉÎ", "İstanbul", "ǅ ǈ ǋ", "Σ ς",
	"Ⱥ ⱥ", "K Kelvin", "\xff bad \xfe", "a\xc3", "日本語 テキスト", "l’Agile d’Équipe", "x\u2003y",
	"tab\there\nnew line", "Part 2", "1ère Question", "  spaced   out  ", "step\u00a0III",
	"THE QUICK BROWN FOX JUMPS OVER", "@[\\]^_`{|}~ AZaz", "ÀÀÀÀÀÀÀÀÀÀ", "MiXeD cAsE wOrDs!",
}

// randomText returns a text of n runes drawn from a mix of ASCII,
// Latin-1, other scripts, white space and invalid bytes.
func randomText(r *rand.Rand, n int) string {
	pool := []string{"a", "Z", "q", "M", " ", "  ", "\t", "\n", "-", "'", ".", "_", "3", "É", "é", "ß",
		"İ", "Ⱥ", "ǅ", "Σ", "日", "\u00a0", "\u2003", "’", "\xff", "@", "[", "`"}
	var b strings.Builder
	for range n {
		b.WriteString(pool[r.IntN(len(pool))])
	}
	return b.String()
}

// lowerRef is lower written the plain way: the reference the fast paths
// must agree with.
func lowerRef(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if lr := unicode.ToLower(r); lr != r && utf8.RuneLen(lr) == n {
			utf8.EncodeRune(b[i:], lr)
		}
		i += n
	}
	return string(b)
}

func arenaInputs() []string {
	r := rand.New(rand.NewPCG(1, 2))
	in := append([]string(nil), trickyTexts...)
	for n := range 300 {
		in = append(in, randomText(r, n%40))
	}
	return in
}

// TestLowerCase checks lower, textArena.lower, textArena.toLower and
// appendToLower against their references.
func TestLowerCase(t *testing.T) {
	var a textArena
	for _, s := range arenaInputs() {
		if got, want := lower(s), lowerRef(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
		if got, want := a.lower(s), lowerRef(s); got != want {
			t.Errorf("textArena.lower(%q) = %q, want %q", s, got, want)
		}
		if got, want := a.toLower(s), strings.ToLower(s); got != want {
			t.Errorf("textArena.toLower(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendToLower(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("appendToLower(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTextArenaKeepsStrings checks that the strings an arena returned
// stay as they were while it grows.
func TestTextArenaKeepsStrings(t *testing.T) {
	var a textArena
	var got, want []string
	for i, s := range arenaInputs() {
		part := strings.Repeat(s, i%7+1)
		got = append(got, a.concat(part, "|", s), a.bytes([]byte(s)), a.lower(part))
		want = append(want, part+"|"+s, s, lowerRef(part))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("arena strings changed (-want +got):\n%s", diff)
	}
}

// TestStringArenaClone checks that clones are equal, keep nil apart from
// empty, and do not share room with one another.
func TestStringArenaClone(t *testing.T) {
	var a stringArena
	if got := a.clone(nil); got != nil {
		t.Errorf("clone(nil) = %#v, want nil", got)
	}
	if got := a.clone([]string{}); got == nil || len(got) != 0 {
		t.Errorf("clone(empty) = %#v, want empty, not nil", got)
	}
	a.reserve(3)
	x := a.clone([]string{"a", "b"})
	y := a.clone([]string{"c"})
	x = append(x, "grown")
	if diff := cmp.Diff([]string{"c"}, y); diff != "" {
		t.Errorf("appending to one clone changed another (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "b", "grown"}, x); diff != "" {
		t.Errorf("clone (-want +got):\n%s", diff)
	}
}

// TestSliceText checks that generator.sliceText slices as notes'
// Text.Slice does, spans clipped, shifted and sorted.
func TestSliceText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	g := &generator{}
	for n := range 500 {
		plain := randomText(r, 5+n%30)
		var spans []notes.Span
		for range r.IntN(6) {
			s := r.IntN(len(plain) + 1)
			e := s + r.IntN(len(plain)-s+1)
			spans = append(spans, notes.Span{Kind: notes.SpanKind(1 + r.IntN(5)), Start: s, End: e})
		}
		// notes gives spans by start, then end descending
		slices.SortStableFunc(spans, func(a, b notes.Span) int {
			return stdcmp.Or(stdcmp.Compare(a.Start, b.Start), stdcmp.Compare(b.End, a.End))
		})
		text := notes.Text{Plain: plain, Spans: spans}
		s := r.IntN(len(plain) + 1)
		e := s + r.IntN(len(plain)-s+1)
		want := text.Slice(s, e)
		got := g.sliceText(text, s, e)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("sliceText(%q, %v, %d, %d) (-Slice +sliceText):\n%s", plain, spans, s, e, diff)
		}
	}
}

// TestTwoFields checks twoFields against strings.Fields.
func TestTwoFields(t *testing.T) {
	for _, s := range arenaInputs() {
		a, b, ok := twoFields([]byte(s))
		f := strings.Fields(s)
		if ok != (len(f) == 2) {
			t.Errorf("twoFields(%q) ok = %v, strings.Fields gives %q", s, ok, f)
			continue
		}
		if ok && (string(a) != f[0] || string(b) != f[1]) {
			t.Errorf("twoFields(%q) = %q, %q, want %q", s, a, b, f)
		}
	}
}

// TestFastPaths checks the ASCII fast paths of countWords and isTechTerm
// against their rune by rune forms.
func TestFastPaths(t *testing.T) {
	countRef := func(s string) int {
		n := 0
		in := false
		class := scriptOther
		for _, r := range s {
			w := isWordRune(r)
			if w {
				c := scriptClass(r)
				if !in || c != class && (c != scriptOther || class != scriptOther) {
					n++
				}
				class = c
			}
			in = w || (in && isJoiner(r))
		}
		return n
	}
	inputs := append(arenaInputs(), "MVP", "DevOps", "iPhone", "S3", "OAuth2", "x86", "a-b c_d e.f", "LRUは最も")
	for _, s := range inputs {
		if got, want := countWords(s), countRef(s); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
		if got, want := isTechTerm(s), isTechTermRunes(s); got != want {
			t.Errorf("isTechTerm(%q) = %v, want %v", s, got, want)
		}
	}
}
