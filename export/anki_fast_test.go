package export

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
)

// sortReference is Sort as first written: a stable sort of whole cards by
// group (deck, path, first line, breadcrumb), then compareCards, each
// card's group line looked up in a map. order
// must put cards exactly where it does.
func sortReference(cs []cards.Card) []cards.Card {
	type group struct{ deck, path, context string }
	ctx := func(c cards.Card) string { return strings.Join(c.Context, "\x00") }
	first := make(map[group]int)
	for _, c := range cs {
		g := group{c.Deck, c.Source.Path, ctx(c)}
		if l, ok := first[g]; !ok || c.Source.Line < l {
			first[g] = c.Source.Line
		}
	}
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b cards.Card) int {
		return cmp.Or(
			strings.Compare(a.Deck, b.Deck),
			strings.Compare(a.Source.Path, b.Source.Path),
			cmp.Compare(first[group{a.Deck, a.Source.Path, ctx(a)}], first[group{b.Deck, b.Source.Path, ctx(b)}]),
			strings.Compare(ctx(a), ctx(b)),
			compareCards(&a, &b),
		)
	})
	return out
}

// tieCards returns n cards drawn from small sets of values, so that decks,
// paths, lines, breadcrumbs and IDs tie often, and cards that differ only
// in their tags or rule (which Sort does not look at) are common. The
// breadcrumbs include ["a\x00b"] and ["a", "b"], which join the same.
func tieCards(r *rand.Rand, n int) []cards.Card {
	pick := func(ss ...string) string { return ss[r.IntN(len(ss))] }
	contexts := [][]string{nil, {"a"}, {"a", "b"}, {"a\x00b"}, {"b"}, {"a", "b", "c"}, {""}}
	cs := make([]cards.Card, n)
	for i := range cs {
		cs[i] = cards.Card{
			ID:      cards.ID(pick("1", "2", "3", "4", "5", "6")),
			Deck:    pick("", "a", "a::b", "b"),
			Kind:    cards.Kind(r.IntN(3) + 1),
			Front:   pick("q", "r", ""),
			Back:    pick("x", "y"),
			Cloze:   pick("", "{{c1::x}}"),
			Context: contexts[r.IntN(len(contexts))],
			Source:  cards.Source{Path: pick("n.md", "m.md", "a/n.md"), Line: r.IntN(6) + 1},
			Tags:    []string{pick("t", "u", "v")},
			Rule:    fmt.Sprint(i), // tells equal-sorting cards apart
		}
	}
	return cs
}

func TestSort_MatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 5, 40, 300, 2000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			in := tieCards(r, n)
			want := sortReference(in)
			got := slices.Clone(in)
			Sort(got)
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Errorf("Sort() differs from the reference sort (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(want, sorted(in)); diff != "" {
				t.Errorf("sorted() differs from the reference sort (-want +got):\n%s", diff)
			}
		})
	}
}

// withBadCards returns cs with a card that cannot be a note every k cards:
// bad ID, empty front, cloze without a deletion, unknown kind in turn.
func withBadCards(cs []cards.Card, k int) []cards.Card {
	out := slices.Clone(cs)
	for i := 0; i < len(out); i += k {
		switch c := &out[i]; i / k % 4 {
		case 0:
			c.ID = "bad-id"
		case 1:
			c.Kind, c.Front = cards.Basic, " \n "
		case 2:
			c.Kind, c.Cloze = cards.Cloze, "no deletion"
		case 3:
			c.Kind = 9
		}
	}
	return out
}

// TestWriteRows_Workers checks that the rows and skipped cards do not
// depend on how many goroutines render them.
func TestWriteRows_Workers(t *testing.T) {
	cs := withBadCards(manyCards(3*rowChunk+100), 97)
	idx := order(cs)
	names := [2]string{"Basic", "Cloze"}
	var want bytes.Buffer
	wantSkipped, err := writeRows(&want, cs, idx, names, 1)
	if err != nil {
		t.Fatalf("writeRows(1 worker) error = %v", err)
	}
	if len(wantSkipped) == 0 {
		t.Fatal("writeRows(1 worker) skipped no card: the test cards have no bad one")
	}
	for _, workers := range []int{2, 3, 8} {
		var got bytes.Buffer
		skipped, err := writeRows(&got, cs, idx, names, workers)
		if err != nil {
			t.Fatalf("writeRows(%d workers) error = %v", workers, err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Errorf("writeRows(%d workers) wrote other rows than with 1", workers)
		}
		if diff := gocmp.Diff(fmt.Sprint(wantSkipped), fmt.Sprint(skipped)); diff != "" {
			t.Errorf("writeRows(%d workers) skipped other cards than with 1 (-want +got):\n%s", workers, diff)
		}
	}
}

// failWriter accepts n bytes, then fails.
type failWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteRows_WriteError checks that a write error stops the workers and
// comes back, wherever it happens, even with more chunks than the workers
// may render ahead.
func TestWriteRows_WriteError(t *testing.T) {
	cs := manyCards(12 * rowChunk)
	idx := order(cs)
	for _, workers := range []int{1, 2, 4} {
		for _, after := range []int{0, 1000, 3 << 20} {
			_, err := writeRows(&failWriter{n: after}, cs, idx, [2]string{"Basic", "Cloze"}, workers)
			if !errors.Is(err, errFull) {
				t.Errorf("writeRows(%d workers, fails after %d bytes) error = %v, want %v", workers, after, err, errFull)
			}
		}
	}
	if err := Anki(&failWriter{n: 100}, cs, AnkiOptions{}); !errors.Is(err, errFull) {
		t.Errorf("Anki() error = %v, want %v", err, errFull)
	}
}

// TestAnki_RowsMatchNotes checks that each row of an export holds what
// NewAnkiNote makes of its card alone: the export's reuse of one card's
// deck, breadcrumb and tags for the next changes nothing.
func TestAnki_RowsMatchNotes(t *testing.T) {
	cs := withBadCards(manyCards(2000), 89)
	for _, tt := range ankiCases() {
		cs = append(cs, tt.cards...)
	}
	cs = append(cs, tieCards(rand.New(rand.NewPCG(3, 4)), 500)...)
	for i := range cs {
		// Alike breadcrumbs and tags, one after the other.
		switch i % 5 {
		case 1:
			cs[i].Context = slices.Clone(cs[i-1].Context)
		case 2:
			cs[i].Tags = slices.Clone(cs[i-1].Tags)
			cs[i].Rule = cs[i-1].Rule + "x"
		case 3:
			cs[i].Context = append(slices.Clone(cs[i-1].Context), "  spaced  out ")
		}
	}
	var buf bytes.Buffer
	if err := Anki(&buf, cs, AnkiOptions{}); err == nil {
		t.Fatal("Anki() error = nil, want the bad cards skipped")
	}
	rows, err := readRecords(strings.TrimPrefix(buf.String(), ankiHeader))
	if err != nil {
		t.Fatalf("readRecords() error = %v", err)
	}
	var want [][]string
	seen := map[cards.ID]bool{}
	for _, c := range sorted(cs) {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		n, err := NewAnkiNote(&c)
		if err != nil {
			continue
		}
		typ := "Basic"
		if n.Cloze {
			typ = "Cloze"
		}
		want = append(want, []string{n.GUID, typ, n.Deck, n.Fields[0], n.Fields[1], n.Tags})
	}
	if diff := gocmp.Diff(want, rows); diff != "" {
		t.Errorf("Anki() rows differ from NewAnkiNote (-want +got):\n%s", diff)
	}
}

// validClozeReference is validCloze as first written, one byte at a time.
func validClozeReference(text string) bool {
	depth, count := 0, 0
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], "{{c"):
			j := i + 3
			for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ',') {
				j++
			}
			if j == i+3 || !strings.HasPrefix(text[j:], "::") {
				i++
				continue
			}
			n, err := strconv.Atoi(text[i+3 : j])
			if err != nil || n < 1 {
				return false
			}
			depth++
			count++
			i = j + 2
		case depth > 0 && strings.HasPrefix(text[i:], "}}"):
			depth--
			i += 2
		default:
			i++
		}
	}
	return depth == 0 && count > 0
}

// FuzzFastPaths checks the shortcuts of the Anki export against plain
// code: cleanText's ASCII path against cleanUnicode, appendHTML's
// plain-text path against the inline reader, oneSpaced against
// strings.Fields, needsQuotes against strings.ContainsAny, tagIsClean and
// validCloze against the code they shortcut.
func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{"plain text", " a  b ", "a\tb\nc", "x\r\ny\x00z\x7f", "été\u0065\u0301", "\uFEFFbom",
		"a & <b>", "{{c1::x}} =", "\xff\xfe", "", "0123456#", "01234567\"", "{{c1::a {{c2::b}} }} }}", "{{c0::x}}", "{{{c1::x}}}",
		"a::b", "a:::b", "::a", "a::", "a:::", "a::::b", ":::", "x_y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanText(s), cleanUnicode(s); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", s, got, want)
		}
		clean := cleanText(s)
		got, _ := appendHTML([]byte("x"), nil, s)
		want, _ := appendInlineHTML([]byte("x"), nil, clean)
		if !bytes.Equal(got, want) {
			t.Errorf("appendHTML(%q) = %q, want %q", s, got, want)
		}
		if got, want := oneSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneSpaced(%q) = %q, want %q", s, got, want)
		}
		quote := strings.ContainsAny(s, "\t\"\r\n#")
		if got := needsQuotes(s); got != quote {
			t.Errorf("needsQuotes(%q) = %v, want %v", s, got, quote)
		}
		if got := needsQuotes([]byte(s)); got != quote {
			t.Errorf("needsQuotes([]byte(%q)) = %v, want %v", s, got, quote)
		}
		if tagIsClean(s) && cleanTagLevels(s) != s {
			t.Errorf("tagIsClean(%q) = true, but the tag cleans to %q", s, cleanTagLevels(s))
		}
		if got, want := validCloze([]byte(s)), validClozeReference(s); got != want {
			t.Errorf("validCloze(%q) = %v, want %v", s, got, want)
		}
	})
}

func BenchmarkSort(b *testing.B) {
	cs := manyCards(10000)
	b.ReportAllocs()
	for b.Loop() {
		order(cs)
	}
}
