package store

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
)

// similarity returns the similarity of cards a and b of one note whose
// incoming cards are batch, without the cheap bounds of score (0 when a
// cloze asks another thing).
func similarity(a, b *cards.Card, batch []cards.Card) float64 {
	m := newMatcher()
	v := &vocab{df: make(map[int32]int)}
	for i := range batch {
		v.add(m.tokens(&batch[i]))
	}
	ta, tb := m.text(v, a), m.text(v, b)
	if ta.cloze && (ta.left != tb.left || ta.right != tb.right) && !m.sameAnswer(ta.back, tb.back) {
		return 0
	}
	return 1 - m.distance(&ta, &tb)/max(ta.total, tb.total)
}

// note returns the basic cards of one note, one per "front|back", on lines
// 1, 2, …
func note(texts ...string) []cards.Card {
	var cs []cards.Card
	for i, t := range texts {
		front, back, _ := strings.Cut(t, "|")
		cs = append(cs, cards.Card{ID: cards.NewID(cards.Basic, front, back), Kind: cards.Basic, Front: front, Back: back,
			Source: cards.Source{Path: "n.md", Line: i + 1}, Rule: "explicit"})
	}
	return cs
}

// clozeOf returns a cloze card of text, whose deletion is written [answer].
func clozeOf(text string) cards.Card {
	start, end := strings.Index(text, "["), strings.Index(text, "]")
	front := text[:start] + cards.ClozeMark + text[end+1:]
	back := text[start+1 : end]
	return cards.Card{ID: cards.NewID(cards.Cloze, front, back), Kind: cards.Cloze, Front: front, Back: back,
		Cloze: text[:start] + "{{c1::" + back + "}}" + text[end+1:], Source: cards.Source{Path: "n.md", Line: 1}, Rule: "emphasis"}
}

func TestSimilarity(t *testing.T) {
	six := "one two three four five six"
	tests := []struct {
		name string
		a, b cards.Card
		rest []cards.Card // the note's other incoming cards
		want float64
	}{
		{"same words", note(six)[0], note(six + "!")[0], nil, 1},
		{"case and punctuation", note("One, two: three?|four")[0], note("one two three four")[0], nil, 1},
		{"typo of six", note("one two three four fives six")[0], note(six)[0], nil, 1 - 0.5/6},
		{"letter changed", note("one two thrxe four five six")[0], note(six)[0], nil, 1 - 0.5/6},
		{"letters swapped", note("one two three four fvie six")[0], note(six)[0], nil, 1 - 0.5/6},
		{"word added to six", note(six + " seven")[0], note(six)[0], nil, 1 - 1.0/7},
		{"word changed of six", note("one two three four five ten")[0], note(six)[0], nil, 1 - 1.0/6},
		{"short word changed", note("one two three four five sox")[0], note(six)[0], nil, 1 - 1.0/6},
		{"nothing shared", note("alpha beta")[0], note("gamma delta")[0], nil, 0},
		{
			// Words all cards of the note share weigh little.
			name: "other item of a list",
			a:    note("What is the capital of Brazil?|Brasília")[0],
			b:    note("What is the capital of Canada?|Ottawa")[0],
			rest: note("What is the capital of Japan?|Tokyo", "What is the capital of Peru?|Lima"),
			want: 1 - 2*math.Log(4)/(5*math.Log(4.0/3)+2*math.Log(4)), // 0.342
		},
		{
			name: "typo in a list",
			a:    note("What is the capital of Canada?|Ottawa")[0],
			b:    note("What is the capital of Canda?|Ottawa")[0],
			rest: note("What is the capital of Japan?|Tokyo", "What is the capital of Peru?|Lima"),
			want: 1 - 0.5*math.Log(4)/(5*math.Log(4.0/3)+2*math.Log(4)), // 0.835
		},
		{
			name: "cloze answer changed in place",
			a:    clozeOf("The tower is [330] metres tall and was finished in 1889"),
			b:    clozeOf("The tower is [324] metres tall and was finished in 1889"),
			want: 0.913,
		},
		{
			name: "cloze moved to another word",
			a:    clozeOf("The tower is 330 metres tall and was finished in [1889]"),
			b:    clozeOf("The tower is [330] metres tall and was finished in 1889"),
			want: 0,
		},
		{
			name: "cloze answer with a typo moved",
			a:    clozeOf("The [mitochondrion] is the powerhouse"),
			b:    clozeOf("The [mitochondrium] is powerhouse"),
			want: 0.727,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			batch := append([]cards.Card{tt.a}, tt.rest...)
			got := similarity(&tt.a, &tt.b, batch)
			if math.Abs(got-tt.want) > 0.001 {
				t.Errorf("similarity(%q, %q) = %.3f, want %.3f", tt.a.Front, tt.b.Front, got, tt.want)
			}
		})
	}
}

func TestRematch(t *testing.T) {
	at := func(c cards.Card, path, rule string, kind cards.Kind, line int) cards.Card {
		c.Source = cards.Source{Path: path, Line: line}
		c.Rule, c.Kind = rule, kind
		return c
	}
	base := note("alpha beta gamma delta epsilon kappa")[0]
	typo := note("alpha beta gamma delta epsilon kapa")[0]
	tests := []struct {
		name    string
		in, old []cards.Card
		want    [][2]int
	}{
		{"nothing in", nil, note("a b c"), nil},
		{"nothing old", note("a b c"), nil, nil},
		{"edited card", []cards.Card{typo}, []cards.Card{base}, [][2]int{{0, 0}}},
		{"below the threshold", note("alpha beta gamma delta"), note("alpha beta gamma delta epsilon kappa omega"), nil},
		{"another note", []cards.Card{typo}, []cards.Card{at(base, "m.md", "explicit", cards.Basic, 1)}, nil},
		{"another rule", []cards.Card{typo}, []cards.Card{at(base, "n.md", "definition", cards.Basic, 1)}, nil},
		{"another kind", []cards.Card{typo}, []cards.Card{at(base, "n.md", "explicit", cards.Reversed, 1)}, nil},
		{
			// in[0] is closer to old[1] than to old[0], but in[1] is
			// closer still: first come would pair in[0]-old[1], then
			// in[1]-old[0] (0.61).
			name: "best pair first",
			in:   note("alpha beta gamma delta epsilon kappa", "alpha beta gamma delta epsilon kappas!"),
			old:  note("alpha beta gamma delta epsilon kappa omega", "alpha beta gamma delta epsilon kappas"),
			want: [][2]int{{1, 1}, {0, 0}},
		},
		{
			name: "ties go to the nearest line",
			in:   []cards.Card{at(typo, "n.md", "explicit", cards.Basic, 5)},
			old: []cards.Card{
				at(base, "n.md", "explicit", cards.Basic, 1),
				at(base, "n.md", "explicit", cards.Basic, 6),
				at(base, "n.md", "explicit", cards.Basic, 9),
			},
			want: [][2]int{{0, 1}},
		},
		{
			name: "one old card for two edits: the closer wins",
			in:   note("alpha beta gamma delta epsilon kappa zeta", "alpha beta gamma delta epsilon kapa"),
			old:  []cards.Card{base},
			want: [][2]int{{1, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := make([]*cards.Card, len(tt.in))
			for i := range tt.in {
				in[i] = &tt.in[i]
			}
			old := make([]*cards.Card, len(tt.old))
			for i := range tt.old {
				old[i] = &tt.old[i]
			}
			got := rematch(in, old, tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rematch() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNearWords(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"capital", "capitol", true},
		{"receive", "recieve", true},
		{"mitochondrion", "mitochondria", true},
		{"word", "words", true},
		{"chat", "chta", true},
		{"powerhouse", "powerhose", true},
		{"capital", "capitalism", false},
		{"word", "sword!", false},
		{"1889", "1887", true},
		{"canada", "brazil", false},
		{"abcdefgh", "abcdefghij", true},
		{"abcdefgh", "abcdefghijk", false},
		{"été", "ete", false},
	}
	for _, tt := range tests {
		if got := nearWords([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("nearWords(%q, %q) = %t, want %t", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"ca", "abc", 3},
		{"kitten", "sitting", 3},
		{"été", "ete", 2},
	}
	for _, tt := range tests {
		if got := osaDistance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIsHash(t *testing.T) {
	tests := []struct {
		id   cards.ID
		want bool
	}{
		{cards.NewID(cards.Basic, "a", "b"), true},
		{"0123456789abcdef", true},
		{"0123456789ABCDEF", false},
		{"0123456789abcde", false},
		{"0123456789abcdefa", false},
		{"0123456789abcdeg", false},
		{"", false},
		{"a", false},
	}
	for _, tt := range tests {
		if got := isHash(tt.id); got != tt.want {
			t.Errorf("isHash(%q) = %t, want %t", tt.id, got, tt.want)
		}
	}
}

func TestAltID(t *testing.T) {
	id := cards.NewID(cards.Basic, "a", "b")
	seen := map[cards.ID]bool{id: true}
	for n := 1; n <= 3; n++ {
		got := altID(id, n)
		if !isHash(got) || seen[got] || got != altID(id, n) {
			t.Errorf("altID(%s, %d) = %s, want a new, stable 16-digit ID", id, n, got)
		}
		seen[got] = true
	}
}

func TestContentKey(t *testing.T) {
	h := cards.NewID(cards.Basic, "a", "b")
	k := contentKey(h, []byte("stored"))
	gh, gid, ok := splitContentKey(k)
	if !ok || string(gh) != string(h) || string(gid) != "stored" {
		t.Errorf("splitContentKey(contentKey(%s, stored)) = %s, %s, %t", h, gh, gid, ok)
	}
	for _, k := range []string{"", "0123456789abcdef"} {
		if _, _, ok := splitContentKey([]byte(k)); ok {
			t.Errorf("splitContentKey(%q) ok, want a bad key", k)
		}
	}
}

func BenchmarkRematch(b *testing.B) {
	// A note of 300 cards rewritten: every card edited.
	var in, old []cards.Card
	for i := range 300 {
		front := fmt.Sprintf("In step %d the service reads the queue, checks item %d and writes the result to table %d", i, i*7, i%13)
		old = append(old, note(front + "|answer " + fmt.Sprint(i))[0])
		in = append(in, note(strings.Replace(front, "reads", "polls", 1) + "|answer " + fmt.Sprint(i))[0])
	}
	pin := make([]*cards.Card, len(in))
	pold := make([]*cards.Card, len(old))
	for i := range in {
		pin[i], pold[i] = &in[i], &old[i]
	}
	b.ReportAllocs()
	for b.Loop() {
		if got := rematch(pin, pold, in); len(got) != len(in) {
			b.Fatalf("rematch() = %d pairs, want %d", len(got), len(in))
		}
	}
}
