package notes

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestText_Slice(t *testing.T) {
	text := Text{Plain: "ab cd ef", Spans: []Span{
		{Kind: Strong, Start: 0, End: 5},
		{Kind: Emphasis, Start: 3, End: 5},
		{Kind: Link, Start: 6, End: 8, URL: "u"},
	}}
	tests := []struct {
		name       string
		start, end int
		want       Text
	}{
		{"all", 0, 8, text},
		{"clips outer, keeps inner", 3, 8, Text{Plain: "cd ef", Spans: []Span{
			{Kind: Strong, Start: 0, End: 2}, {Kind: Emphasis, Start: 0, End: 2}, {Kind: Link, Start: 3, End: 5, URL: "u"},
		}}},
		{"drops emptied spans", 5, 6, Text{Plain: " "}},
		{"clips inside", 1, 4, Text{Plain: "b c", Spans: []Span{{Kind: Strong, Start: 0, End: 3}, {Kind: Emphasis, Start: 2, End: 3}}}},
		{"empty", 4, 4, Text{}},
		{"out of range is clamped", -3, 99, text},
		{"reversed is empty", 6, 2, Text{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text.Slice(tt.start, tt.end)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Slice(%d, %d) mismatch (-want +got):\n%s", tt.start, tt.end, diff)
			}
		})
	}
}

func TestText_SliceDoesNotShare(t *testing.T) {
	text := Text{Plain: "abc", Spans: []Span{{Kind: Code, Start: 0, End: 3}}}
	got := text.Slice(0, 3)
	got.Spans[0].End = 1
	if text.Spans[0].End != 3 {
		t.Errorf("Slice shares its spans with the original")
	}
}

func TestText_Markdown(t *testing.T) {
	tests := []struct {
		name string
		text Text
		want string
	}{
		{"plain", Text{Plain: "just text: q::a {{c1::x}}"}, "just text: q::a {{c1::x}}"},
		{"strong and emphasis", Text{Plain: "a b c", Spans: []Span{{Kind: Strong, Start: 0, End: 1}, {Kind: Emphasis, Start: 4, End: 5}}}, "**a** b *c*"},
		{"nested", Text{Plain: "bold inner end", Spans: []Span{{Kind: Strong, Start: 0, End: 14}, {Kind: Emphasis, Start: 5, End: 10}}}, "**bold *inner* end**"},
		{"same range", Text{Plain: "both", Spans: []Span{{Kind: Emphasis, Start: 0, End: 4}, {Kind: Strong, Start: 0, End: 4}}}, "***both***"},
		{"code", Text{Plain: "run x*y now", Spans: []Span{{Kind: Code, Start: 4, End: 7}}}, "run `x*y` now"},
		{"code with backtick", Text{Plain: "a`b", Spans: []Span{{Kind: Code, Start: 0, End: 3}}}, "``a`b``"},
		{"code starting with backtick", Text{Plain: "`a", Spans: []Span{{Kind: Code, Start: 0, End: 2}}}, "`` `a ``"},
		{"spans inside code are ignored", Text{Plain: "abc", Spans: []Span{{Kind: Code, Start: 0, End: 3}, {Kind: Strong, Start: 1, End: 2}}}, "`abc`"},
		{"strike and highlight", Text{Plain: "old new", Spans: []Span{{Kind: Strikethrough, Start: 0, End: 3}, {Kind: Highlight, Start: 4, End: 7}}}, "~~old~~ ==new=="},
		{"links, wikilinks and tags are text", Text{Plain: "site page #tag", Spans: []Span{
			{Kind: Link, Start: 0, End: 4, URL: "https://x"}, {Kind: WikiLink, Start: 5, End: 9, URL: "Page"}, {Kind: Tag, Start: 10, End: 14},
		}}, "site page #tag"},
		{"emphasis in a link", Text{Plain: "a link", Spans: []Span{{Kind: Link, Start: 0, End: 6, URL: "u"}, {Kind: Emphasis, Start: 2, End: 6}}}, "a *link*"},
		{"spaces move outside markers", Text{Plain: "a b c", Spans: []Span{{Kind: Strong, Start: 1, End: 4}}}, "a **b** c"},
		{"escapes", Text{Plain: `2*3 a_b _x [y] \ a==b ~~ <b> &amp; #notag`}, `2\*3 a_b \_x \[y] \\ a\=\=b \~\~ \<b> \&amp; \#notag`},
		{"overlapping spans", Text{Plain: "abcd", Spans: []Span{{Kind: Strong, Start: 0, End: 3}, {Kind: Emphasis, Start: 1, End: 4}}}, "**a*bc****d*"},
		{"bad spans are ignored", Text{Plain: "ab", Spans: []Span{{Kind: Strong, Start: -1, End: 9}, {Kind: Emphasis, Start: 2, End: 1}}}, "**ab**"},
		{"french", Text{Plain: "L’élève a dit « oui »", Spans: []Span{{Kind: Emphasis, Start: 0, End: len("L’élève")}}}, "*L’élève* a dit « oui »"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.text.Markdown(); got != tt.want {
				t.Errorf("%+v.Markdown() = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestText_MarkdownRoundTrip parses a line, renders its text and parses
// the rendering again: the text must come back the same.
func TestText_MarkdownRoundTrip(t *testing.T) {
	srcs := []string{
		"**bold *nested* end** and `code` and ~~gone~~ and ==lit==",
		"***both*** and *a **b** c*",
		"escaped \\*star\\* and a\\_b and \\[x] and \\\\ back",
		"`` a`b `` and ``` `` ```",
		"q::a {{c1::answer::hint}} q:::a #tag x#y",
		"Le *chat* de l’élève — « **oui** » ; ok ?",
		"2 * 3 = 6 and a == b and 5 < 6 > 4",
		"snake_case_name and __strong__ and _em_",
		"**bold with `code` inside** then ==**mixed**==",
	}
	for _, src := range srcs {
		t.Run(src, func(t *testing.T) {
			first := mustParse(t, src).Blocks[0].Text
			md := first.Markdown()
			second := mustParse(t, md).Blocks[0].Text
			if diff := cmp.Diff(first, second); diff != "" {
				t.Errorf("Parse(%q) then Markdown() = %q, which parses differently (-first +second):\n%s", src, md, diff)
			}
		})
	}
}

func TestCollapseSpace(t *testing.T) {
	// Runs of space outside code become one space; code keeps its own.
	in := Text{Plain: "a  \n b x  y\tc", Spans: []Span{{Kind: Strong, Start: 0, End: 6}, {Kind: Code, Start: 7, End: 11}}}
	want := Text{Plain: "a b x  y c", Spans: []Span{{Kind: Strong, Start: 0, End: 3}, {Kind: Code, Start: 4, End: 8}}}
	if diff := cmp.Diff(want, collapseSpace(in, nil)); diff != "" {
		t.Errorf("collapseSpace(%q) mismatch (-want +got):\n%s", in.Plain, diff)
	}
}

func TestSpanKind_String(t *testing.T) {
	kinds := map[SpanKind]string{
		Emphasis: "emphasis", Strong: "strong", Code: "code", Highlight: "highlight", Link: "link",
		WikiLink: "wikilink", Strikethrough: "strikethrough", Tag: "tag", 0: "unknown",
	}
	for k, want := range kinds {
		if got := k.String(); got != want {
			t.Errorf("SpanKind(%d).String() = %q, want %q", k, got, want)
		}
	}
}
