package notes

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// view is the part of a Block most tests compare.
type view struct {
	Kind          Kind
	Line, EndLine int
	Depth         int
	Text          string
	Parent        int
	Group         int
	Ordered       bool
	Index         int
	Quote         bool
}

func views(n *Note) []view {
	var vs []view
	for _, b := range n.Blocks {
		vs = append(vs, view{b.Kind, b.Line, b.EndLine, b.Depth, b.Text.Plain, b.Parent, b.Group, b.Ordered, b.Index, b.Quote})
	}
	return vs
}

func mustParse(t *testing.T, src string) *Note {
	t.Helper()
	n, err := Parse("notes/test.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse(%q) error: %v", src, err)
	}
	for _, e := range checkNote(n) {
		t.Errorf("Parse(%q): %v", src, e)
	}
	return n
}

// Shorthands for expected blocks.
func hv(line, depth int, text string) view {
	return view{Kind: Heading, Line: line, EndLine: line, Depth: depth, Text: text, Parent: -1}
}

func line(l, end int, text string, group int) view {
	return view{Kind: Line, Line: l, EndLine: end, Text: text, Parent: -1, Group: group}
}

func item(l, end, depth int, text string, parent, group, index int) view {
	return view{Kind: Item, Line: l, EndLine: end, Depth: depth, Text: text, Parent: parent, Group: group, Index: index}
}

func TestParse_Blocks(t *testing.T) {
	quoted := func(v view) view { v.Quote = true; return v }
	ordered := func(v view) view { v.Ordered = true; return v }
	parented := func(v view, p int) view { v.Parent = p; return v }
	tests := []struct {
		name string
		src  string
		want []view
	}{
		{
			name: "empty note",
			src:  "",
		},
		{
			name: "blank lines only",
			src:  "\n  \n\t\n",
		},
		{
			name: "paragraph lines are thoughts",
			src:  "First thought.\nSecond thought\nThird: a list follows\n",
			want: []view{
				line(1, 1, "First thought.", 1),
				line(2, 2, "Second thought", 1),
				line(3, 3, "Third: a list follows", 1),
			},
		},
		{
			name: "wrapped lines are joined",
			src:  "This sentence was wrapped\nby the editor, and again\nhere. Then\na new one.\nUpper case starts a line\n",
			want: []view{
				line(1, 4, "This sentence was wrapped by the editor, and again here. Then a new one.", 1),
				line(5, 5, "Upper case starts a line", 1),
			},
		},
		{
			name: "French wrapped lines",
			src:  "Une phrase coupée\nqui continue ;\npuis une autre.\nÉvidemment une nouvelle ligne\n",
			want: []view{
				line(1, 2, "Une phrase coupée qui continue ;", 1),
				line(3, 3, "puis une autre.", 1),
				line(4, 4, "Évidemment une nouvelle ligne", 1),
			},
		},
		{
			name: "hard breaks split even wrapped lines",
			src:  "two spaces  \nthen backslash\\\nthen end\n",
			want: []view{
				line(1, 1, "two spaces", 1),
				line(2, 2, "then backslash", 1),
				line(3, 3, "then end", 1),
			},
		},
		{
			name: "paragraphs are groups",
			src:  "One.\n\nTwo.\nThree.\n",
			want: []view{
				line(1, 1, "One.", 1),
				line(3, 3, "Two.", 2),
				line(4, 4, "Three.", 2),
			},
		},
		{
			name: "headings atx and setext",
			src:  "# Title #\n\nSetext *two*\n---\n###### Six\n####### not a heading\n",
			want: []view{
				hv(1, 1, "Title"),
				hv(3, 2, "Setext two"),
				hv(5, 6, "Six"),
				line(6, 6, "####### not a heading", 1),
			},
		},
		{
			name: "empty heading is not a block",
			src:  "# \n##\ntext\n",
			want: []view{line(3, 3, "text", 1)},
		},
		{
			name: "nested bullets",
			src:  "- a\n  - b\n    - c\n  - d\n- e\n",
			want: []view{
				item(1, 1, 0, "a", -1, 1, 1),
				item(2, 2, 1, "b", 0, 2, 1),
				item(3, 3, 2, "c", 1, 3, 1),
				item(4, 4, 1, "d", 0, 2, 2),
				item(5, 5, 0, "e", -1, 1, 2),
			},
		},
		{
			name: "ordered list in a bullet",
			src:  "* step\n   1. one\n   2. two\n",
			want: []view{
				item(1, 1, 0, "step", -1, 1, 1),
				ordered(item(2, 2, 1, "one", 0, 2, 1)),
				ordered(item(3, 3, 1, "two", 0, 2, 2)),
			},
		},
		{
			name: "ordered list starting at 3 indexes from 1",
			src:  "3) c\n4) d\n",
			want: []view{
				ordered(item(1, 1, 0, "c", -1, 1, 1)),
				ordered(item(2, 2, 0, "d", -1, 1, 2)),
			},
		},
		{
			name: "item lines joined and later paragraphs",
			src:  "- Item starts here.\n  It continues.\n\n  A second paragraph.\n  Its second line.\n- next\n",
			want: []view{
				item(1, 2, 0, "Item starts here. It continues.", -1, 1, 1),
				parented(line(4, 4, "A second paragraph.", 2), 0),
				parented(line(5, 5, "Its second line.", 2), 0),
				item(6, 6, 0, "next", -1, 1, 2),
			},
		},
		{
			name: "task list items",
			src:  "- [ ] todo\n- [x] done\n- [ ]\n",
			want: []view{
				item(1, 1, 0, "todo", -1, 1, 1),
				item(2, 2, 0, "done", -1, 1, 2),
			},
		},
		{
			name: "lazy line after a list leaves it",
			src:  "Intro:\n- one\n- two...\nA comment on the list.\n",
			want: []view{
				line(1, 1, "Intro:", 1),
				item(2, 2, 0, "one", -1, 2, 1),
				item(3, 3, 0, "two...", -1, 2, 2),
				line(4, 4, "A comment on the list.", 3),
			},
		},
		{
			name: "lazy wrapped line stays in the item",
			src:  "- a long item that\nwraps lazily\n",
			want: []view{item(1, 2, 0, "a long item that wraps lazily", -1, 1, 1)},
		},
		{
			name: "deep one-line list",
			src:  "- - - x\n",
			want: []view{item(1, 1, 2, "x", -1, 1, 1)},
		},
		{
			name: "empty items are skipped",
			src:  "-\n- \n- x\n",
			want: []view{item(3, 3, 0, "x", -1, 1, 3)},
		},
		{
			name: "blockquote",
			src:  "> Quoted one.\n> Quoted two.\n>\n> - in a quote\n\nAfter.\n",
			want: []view{
				quoted(line(1, 1, "Quoted one.", 1)),
				quoted(line(2, 2, "Quoted two.", 1)),
				quoted(item(4, 4, 0, "in a quote", -1, 2, 1)),
				line(6, 6, "After.", 3),
			},
		},
		{
			name: "callout marker is dropped",
			src:  "> [!tip] Astuce\n> le corps\n\n> [!note]-\n> Body.\n",
			want: []view{
				quoted(line(1, 1, "Astuce", 1)),
				quoted(line(2, 2, "le corps", 1)),
				quoted(line(5, 5, "Body.", 2)),
			},
		},
		{
			name: "table rows",
			src:  "| Q | A |\n|---|:-:|\n| one | un |\n|  |  |\n| two | deux |\n\nafter\n",
			want: []view{
				{Kind: Row, Line: 3, EndLine: 3, Text: "one | un", Parent: -1, Group: 1},
				{Kind: Row, Line: 5, EndLine: 5, Text: "two | deux", Parent: -1, Group: 1},
				line(7, 7, "after", 2),
			},
		},
		{
			name: "no card text in code, html, comments, frontmatter, breaks, images",
			src: "---\ntitle: t\n---\n```go\nfenced()\n```\n\n    indented()\n\n<div>\nhtml block\n</div>\n\n<!--\ncomment\n-->\n***\n![alt](img.png)\n![[embed.png]]\n" +
				"Kept <!-- inline comment --> text <b>bold</b>.\n~~~\nunclosed fence\n",
			want: []view{line(20, 20, "Kept text bold.", 1)},
		},
		{
			name: "spaced repetition comment after a line",
			src:  "Question::Answer <!--SR:!2023-01-01,3,250-->\nNext::Line\n<!--SR:!2023-01-02,3,250-->\n",
			want: []view{
				line(1, 1, "Question::Answer", 1),
				line(2, 2, "Next::Line", 1),
			},
		},
		{
			name: "flashcard syntax survives",
			src:  "{{c1::answer::hint}} and q::a and q:::a\nmulti\n?\nline\n",
			want: []view{
				line(1, 2, "{{c1::answer::hint}} and q::a and q:::a multi", 1),
				line(3, 3, "?", 1),
				line(4, 4, "line", 1),
			},
		},
		{
			name: "unicode: rtl, emoji, zero width",
			src:  "مرحبا بالعالم.\n👋🏽 emoji line\n\u200b\n\u200bzero width\u200d\n",
			want: []view{
				line(1, 1, "مرحبا بالعالم.", 1),
				line(2, 2, "👋🏽 emoji line", 1),
				line(4, 4, "zero width", 1),
			},
		},
		{
			name: "unclosed fence swallows the rest",
			src:  "before\n\n```\nnever closed\n# not a heading\n",
			want: []view{line(1, 1, "before", 1)},
		},
		{
			name: "heading inside a list item",
			src:  "- # Title in item\n  text of item\n",
			want: []view{
				parented(hv(1, 1, "Title in item"), -1),
				line(2, 2, "text of item", 1),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := views(mustParse(t, tt.src))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) blocks mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestParse_sourceOrder: goldmark puts a table found inside a paragraph
// that a setext underline turns into a heading before that heading; the
// model keeps source order (found by FuzzParse).
func TestParse_sourceOrder(t *testing.T) {
	for _, src := range []string{
		"Title\nname\n-:\nAda\n-\n",
		"> Title\n> name\n> -:\n> Ada\n> -\n", // in a blockquote
		"- Title\n  name\n  -:\n  Ada\n  -\n", // in a list item
	} {
		n, err := Parse("n.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var lines []int
		for _, b := range n.Blocks {
			lines = append(lines, b.Line)
		}
		if !slices.IsSorted(lines) {
			t.Errorf("Parse(%q): block lines %v, want them in source order", src, lines)
		}
	}
}

func TestParse_Headings(t *testing.T) {
	src := "# A\ntext a\n### A3\ntext a3\n## A2\ntext a2\n# B\n#### B4\n- item b4\n"
	n := mustParse(t, src)
	var got [][]string
	for _, b := range n.Blocks {
		got = append(got, append([]string{b.Text.Plain + ":"}, b.Headings...))
	}
	want := [][]string{
		{"A:"},
		{"text a:", "A"},
		{"A3:", "A"},
		{"text a3:", "A", "A3"},
		{"A2:", "A"},
		{"text a2:", "A", "A2"},
		{"B:"},
		{"B4:", "B"},
		{"item b4:", "B", "B4"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(%q) headings mismatch (-want +got):\n%s", src, diff)
	}
}

func TestParse_Meta(t *testing.T) {
	tests := []struct {
		name      string
		path, src string
		title     string
		tags      []string
		deck      string
	}{
		{
			name: "frontmatter title wins",
			path: "a/b.md", src: "---\ntitle: From YAML\n---\n# From H1\n",
			title: "From YAML",
		},
		{
			name: "first h1",
			path: "a/b.md", src: "## Two\n# One *emph*\n# Other\n",
			title: "One emph",
		},
		{
			name: "file name",
			path: "dir/my note.final.md", src: "## no h1\n",
			title: "my note.final",
		},
		{
			name: "file name without extension",
			path: "README", src: "",
			title: "README",
		},
		{
			name: "tags as a list with # and numbers",
			path: "n.md", src: "---\ntags:\n  - Alpha\n  - \"#beta\"\n  - 2024\n  - [nested]\n---\n",
			title: "n", tags: []string{"Alpha", "beta", "2024"},
		},
		{
			name: "tags as a flow list",
			path: "n.md", src: "---\ntags: [a, b]\n---\n",
			title: "n", tags: []string{"a", "b"},
		},
		{
			name: "tags as a string with commas and spaces",
			path: "n.md", src: "---\ntags: \"a, b c,#d\"\n---\n",
			title: "n", tags: []string{"a", "b", "c", "d"},
		},
		{
			name: "tags as a number",
			path: "n.md", src: "---\ntags: 42\n---\n",
			title: "n", tags: []string{"42"},
		},
		{
			name:  "inline tags after frontmatter tags, deduplicated",
			path:  "n.md",
			src:   "---\ntags: [a]\n---\n## Head #h\nText #a #new/sub-tag_1 #b.\n#123 x#no `#code` [#link](u) \\#escaped #1st\n#c\n",
			title: "n", tags: []string{"a", "h", "new/sub-tag_1", "b", "c"},
		},
		{
			name: "French tags",
			path: "n.md", src: "Un #thème et #élève.\n",
			title: "n", tags: []string{"thème", "élève"},
		},
		{
			name: "deck and ignored keys",
			path: "n.md", src: "---\ndeck: Langues::Espagnol\naliases: [x]\ndate: 2024-01-01\ntitle: 2024\n---\n",
			title: "2024", deck: "Langues::Espagnol",
		},
		{
			name: "empty and null frontmatter",
			path: "n.md", src: "---\n---\ntext\n",
			title: "n",
		},
		{
			name: "non-string title and deck are ignored",
			path: "n.md", src: "---\ntitle: [a, b]\ndeck: {x: 1}\n---\n",
			title: "n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.path, []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.src, err)
			}
			if n.Path != tt.path {
				t.Errorf("Parse(%q).Path = %q, want %q", tt.src, n.Path, tt.path)
			}
			if n.Title != tt.title {
				t.Errorf("Parse(%q).Title = %q, want %q", tt.src, n.Title, tt.title)
			}
			if diff := cmp.Diff(tt.tags, n.Tags); diff != "" {
				t.Errorf("Parse(%q).Tags mismatch (-want +got):\n%s", tt.src, diff)
			}
			if n.Deck != tt.deck {
				t.Errorf("Parse(%q).Deck = %q, want %q", tt.src, n.Deck, tt.deck)
			}
		})
	}
}

func TestParse_Lines(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		lines     []string
		blockLine []int
	}{
		{"lf", "a\n\nb\n", []string{"a", "", "b"}, []int{1, 3}},
		{"no final newline", "a\n\nb", []string{"a", "", "b"}, []int{1, 3}},
		{"crlf", "a\r\n\r\nb\r\n", []string{"a", "", "b"}, []int{1, 3}},
		{"bom", "\ufeffa\n\nb", []string{"a", "", "b"}, []int{1, 3}},
		{"lone cr", "a\r\rb", []string{"a", "", "b"}, []int{1, 3}},
		{"trailing blank line", "a\n\n", []string{"a", ""}, []int{1}},
		{"bom crlf frontmatter", "\ufeff---\r\ntags: [x]\r\n---\r\n\r\n# H\r\ntext", []string{"---", "tags: [x]", "---", "", "# H", "text"}, []int{5, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src)
			if diff := cmp.Diff(tt.lines, n.Lines); diff != "" {
				t.Errorf("Parse(%q).Lines mismatch (-want +got):\n%s", tt.src, diff)
			}
			var got []int
			for _, b := range n.Blocks {
				got = append(got, b.Line)
			}
			if diff := cmp.Diff(tt.blockLine, got); diff != "" {
				t.Errorf("Parse(%q) block lines mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestParse_Inline(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		plain string
		spans []Span
	}{
		{
			name:  "emphasis and strong",
			src:   "*em* _em_ **strong** __strong__ ***both***",
			plain: "em em strong strong both",
			spans: []Span{
				{Kind: Emphasis, Start: 0, End: 2}, {Kind: Emphasis, Start: 3, End: 5},
				{Kind: Strong, Start: 6, End: 12}, {Kind: Strong, Start: 13, End: 19},
				{Kind: Emphasis, Start: 20, End: 24}, {Kind: Strong, Start: 20, End: 24},
			},
		},
		{
			name:  "nested spans outer first",
			src:   "**bold *inner* end**",
			plain: "bold inner end",
			spans: []Span{{Kind: Strong, Start: 0, End: 14}, {Kind: Emphasis, Start: 5, End: 10}},
		},
		{
			name:  "code spans",
			src:   "`a*b*` and `` x ` y `` and `==no==`",
			plain: "a*b* and x ` y and ==no==",
			spans: []Span{{Kind: Code, Start: 0, End: 4}, {Kind: Code, Start: 9, End: 14}, {Kind: Code, Start: 19, End: 25}},
		},
		{
			name:  "links and autolinks",
			src:   "[label *x*](https://a.b/c \"title\") <https://d.e> <me@f.g> [ref]\n\n[ref]: https://r.s",
			plain: "label x https://d.e me@f.g ref",
			spans: []Span{
				{Kind: Link, Start: 0, End: 7, URL: "https://a.b/c"}, {Kind: Emphasis, Start: 6, End: 7},
				{Kind: Link, Start: 8, End: 19, URL: "https://d.e"},
				{Kind: Link, Start: 20, End: 26, URL: "mailto:me@f.g"},
				{Kind: Link, Start: 27, End: 30, URL: "https://r.s"},
			},
		},
		{
			name:  "wikilinks",
			src:   "[[Page]] [[Page|shown]] [[Page#Part]] [[#Local]] [[]] [[a",
			plain: "Page shown Page > Part Local [[]] [[a",
			spans: []Span{
				{Kind: WikiLink, Start: 0, End: 4, URL: "Page"},
				{Kind: WikiLink, Start: 5, End: 10, URL: "Page"},
				{Kind: WikiLink, Start: 11, End: 22, URL: "Page#Part"},
				{Kind: WikiLink, Start: 23, End: 28, URL: "#Local"},
			},
		},
		{
			name:  "strikethrough and highlight",
			src:   "~~gone~~ ~one~ ==lit **up**== a == b ===x===",
			plain: "gone one lit up a == b ===x===",
			spans: []Span{
				{Kind: Strikethrough, Start: 0, End: 4}, {Kind: Strikethrough, Start: 5, End: 8},
				{Kind: Highlight, Start: 9, End: 15}, {Kind: Strong, Start: 13, End: 15},
			},
		},
		{
			name:  "tags",
			src:   "#start mid #tag-1/x, end#no",
			plain: "#start mid #tag-1/x, end#no",
			spans: []Span{{Kind: Tag, Start: 0, End: 6}, {Kind: Tag, Start: 11, End: 19}},
		},
		{
			name:  "escapes and entities",
			src:   `\*not em\* \[x\] \\ &amp; &eacute; &#233; &#x1F600; &bogus; \a`,
			plain: `*not em* [x] \ & é é 😀 &bogus; \a`,
		},
		{
			name:  "html tags dropped, text kept",
			src:   "a <span class=\"x\">b</span> <br/> c<!-- gone --> <img src=x>d",
			plain: "a b c d",
		},
		{
			name:  "images dropped",
			src:   "see ![alt *text*](x.png) and ![[pic.png]] here",
			plain: "see and here",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src)
			if len(n.Blocks) == 0 {
				t.Fatalf("Parse(%q) has no blocks", tt.src)
			}
			got := n.Blocks[0].Text
			want := Text{Plain: tt.plain, Spans: tt.spans}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse(%q) text mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestParse_Table(t *testing.T) {
	src := "| Front | **Back** |\n|---|---|\n| `a\\|b` | [[x\\|y]] |\n| only |\n"
	n := mustParse(t, src)
	want := []Block{
		{
			Kind: Row, Line: 3, EndLine: 3, Parent: -1, Group: 1,
			Text: Text{Plain: "a|b | y", Spans: []Span{{Kind: Code, Start: 0, End: 3}, {Kind: WikiLink, Start: 6, End: 7, URL: "x"}}},
			Cells: []Text{
				{Plain: "a|b", Spans: []Span{{Kind: Code, Start: 0, End: 3}}},
				{Plain: "y", Spans: []Span{{Kind: WikiLink, Start: 0, End: 1, URL: "x"}}},
			},
			Header: []Text{{Plain: "Front"}, {Plain: "Back", Spans: []Span{{Kind: Strong, Start: 0, End: 4}}}},
		},
		{
			Kind: Row, Line: 4, EndLine: 4, Parent: -1, Group: 1,
			Text:   Text{Plain: "only | "},
			Cells:  []Text{{Plain: "only"}, {}},
			Header: []Text{{Plain: "Front"}, {Plain: "Back", Spans: []Span{{Kind: Strong, Start: 0, End: 4}}}},
		},
	}
	if diff := cmp.Diff(want, n.Blocks); diff != "" {
		t.Errorf("Parse(%q) mismatch (-want +got):\n%s", src, diff)
	}
}

func TestParse_Code(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []CodeBlock
	}{
		{
			name: "fenced with language",
			src:  "To list all databases:\n\n```sql title=\"x\"\nSELECT 1;\n\nSELECT 2;\n```\nAfter.\n",
			want: []CodeBlock{{Line: 3, EndLine: 6, Lang: "sql", Text: "SELECT 1;\n\nSELECT 2;"}},
		},
		{
			name: "tilde fence",
			src:  "Text.\n\n~~~\n`a` ```\n~~~\n",
			want: []CodeBlock{{Line: 3, EndLine: 4, Text: "`a` ```"}},
		},
		{
			name: "indented",
			src:  "Text.\n\n    code one\n      code two\n\nAfter.\n",
			want: []CodeBlock{{Line: 3, EndLine: 4, Text: "code one\n  code two"}},
		},
		{
			name: "inside list items",
			src:  "- Start it:\n\n  ```sh\n  run\n  ```\n- b\n\n      indented\n",
			want: []CodeBlock{
				{Line: 3, EndLine: 4, Lang: "sh", Text: "run"},
				{Line: 8, EndLine: 8, Text: "indented"},
			},
		},
		{
			name: "unclosed fence at end of file",
			src:  "Text\n```go\nfunc f()",
			want: []CodeBlock{{Line: 2, EndLine: 3, Lang: "go", Text: "func f()"}},
		},
		{
			name: "empty fence",
			src:  "```\n```\n",
			want: []CodeBlock{{Line: 1, EndLine: 1}},
		},
		{
			name: "info string split on unicode spaces",
			src:  "```\u00a0go\u2003x\ncode\n```\n",
			want: []CodeBlock{{Line: 1, EndLine: 2, Lang: "go", Text: "code"}},
		},
		{
			name: "tabs inside a list item",
			src:  "- item\n\n\t```js\n\tf(\tx)\n\t\tnested\n\t```\n- b\n\n\t\tindented\tcode\n\t\t  more\n",
			want: []CodeBlock{
				{Line: 3, EndLine: 5, Lang: "js", Text: "f(\tx)\n\tnested"},
				{Line: 9, EndLine: 10, Text: "  indented\tcode\n    more"},
			},
		},
		{
			name: "crlf",
			src:  "```\r\na\r\n\r\nb\r\n```\r\n",
			want: []CodeBlock{{Line: 1, EndLine: 4, Text: "a\n\nb"}},
		},
		{
			name: "blank lines only",
			src:  "```sh\n\n\n```\n",
			want: []CodeBlock{{Line: 1, EndLine: 3, Lang: "sh"}},
		},
		{name: "inside a blockquote", src: "> ```\n> x\n> ```\n"},
		{name: "code span only", src: "Run `ls`.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src)
			if diff := cmp.Diff(tt.want, n.Code); diff != "" {
				t.Errorf("Parse(%q).Code mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestParse_Sentences(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"simple", "One. Two! Three? Four…", []string{"One.", "Two!", "Three?", "Four…"}},
		{"lower case does not start one", "It is 5 p.m. or so. ok then.", []string{"It is 5 p.m. or so. ok then."}},
		{"english abbreviations", "See e.g. Dr. Smith, Mr. Jones and Mrs. Lee vs. J. Doe. Next one.", []string{"See e.g. Dr. Smith, Mr. Jones and Mrs. Lee vs. J. Doe.", "Next one."}},
		{"dotted abbreviations", "The U.S. Army, i.e. Soldiers. Then.", []string{"The U.S. Army, i.e. Soldiers.", "Then."}},
		{"french numero", "Voir le n° 5. Ensuite le reste.", []string{"Voir le n° 5.", "Ensuite le reste."}},
		{"rtl", "مرحبا. عالم", []string{"مرحبا.", "عالم"}},
		{"etc ends a sentence before a capital", "Apples, pears, etc. Then more.", []string{"Apples, pears, etc.", "Then more."}},
		{"french abbreviations", "Voir p. ex. M. Dupont et Mme. Durand, cf. Chap. 2. Ensuite la suite.", []string{"Voir p. ex. M. Dupont et Mme. Durand, cf. Chap. 2.", "Ensuite la suite."}},
		{"french spacing", "Vraiment ? Oui ! « C’est dit. » Fin.", []string{"Vraiment ?", "Oui !", "« C’est dit. »", "Fin."}},
		{"numbers", "Pi is 3.14 and e is 2.71. 42 is the answer.", []string{"Pi is 3.14 and e is 2.71.", "42 is the answer."}},
		{"quotes", `He said "stop." "Why?" she asked.`, []string{`He said "stop."`, `"Why?" she asked.`}},
		{"ellipsis", "Wait... What? Well… Okay.", []string{"Wait...", "What?", "Well…", "Okay."}},
		{"code spans", "Run `a. B` now. Done.", []string{"Run `a. B` now.", "Done."}},
		{"trailing space", "End.   ", []string{"End."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParse(t, tt.src)
			if len(n.Blocks) != 1 {
				t.Fatalf("Parse(%q) gave %d blocks, want 1", tt.src, len(n.Blocks))
			}
			var got []string
			for _, s := range n.Blocks[0].Sentences {
				got = append(got, s.Markdown())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) sentences mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestParse_SentencesKeepSpans(t *testing.T) {
	n := mustParse(t, "A **bold. Claim** here. Next *one*.")
	var got []Text
	for _, s := range n.Blocks[0].Sentences {
		got = append(got, s)
	}
	want := []Text{
		{Plain: "A bold.", Spans: []Span{{Kind: Strong, Start: 2, End: 7}}},
		{Plain: "Claim here.", Spans: []Span{{Kind: Strong, Start: 0, End: 5}}},
		{Plain: "Next one.", Spans: []Span{{Kind: Emphasis, Start: 5, End: 8}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences mismatch (-want +got):\n%s", diff)
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantErr   error
		line, col int
		msg       string
	}{
		{"nul byte", "ok\nab\x00c", ErrBinary, 2, 3, "notes/test.md:2:3: binary content"},
		{"invalid utf-8", "ok\né\xff", ErrEncoding, 2, 2, "notes/test.md:2:2: invalid UTF-8: byte 0xff"},
		{"invalid utf-8 after crlf", "a\r\nb\r\n\xc3(", ErrEncoding, 3, 1, "notes/test.md:3:1: invalid UTF-8: byte 0xc3"},
		{"unclosed frontmatter", "---\ntitle: x\n\n# Body\n", ErrFrontmatter, 1, 1, `notes/test.md:1:1: invalid frontmatter: "---" is never closed`},
		{"broken yaml", "---\ntitle: x\ntags: [a, b\n---\n", ErrFrontmatter, 2, 0, ""},
		{"bad indentation", "---\ntitle: x\n  bad: y\n---\n", ErrFrontmatter, 3, 0, "notes/test.md:3: invalid frontmatter: mapping values are not allowed in this context"},
		{"not a mapping", "---\njust a string\n---\n", ErrFrontmatter, 2, 0, "notes/test.md:2: invalid frontmatter: not a mapping of keys to values"},
		{"a list", "---\n- a\n- b\n---\n", ErrFrontmatter, 2, 0, ""},
		{"too deep one line", strings.Repeat("- ", 10000) + "x\n", ErrTooComplex, 1, 0, "notes/test.md:1: note too complex: lists and blockquotes nest deeper than 100 levels"},
		{"too deep quotes", strings.Repeat(">", 101) + " x\n", ErrTooComplex, 1, 0, ""},
		{"too large", strings.Repeat("a", MaxSize+1), ErrTooLarge, 1, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse("notes/test.md", []byte(tt.src))
			if n != nil {
				t.Errorf("Parse() note = %v, want nil", n)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Parse() error = %v, want %v", err, tt.wantErr)
			}
			perr, ok := errors.AsType[*ParseError](err)
			if !ok {
				t.Fatalf("Parse() error %T is not a *ParseError", err)
			}
			if perr.File != "notes/test.md" || perr.Line != tt.line || perr.Col != tt.col {
				t.Errorf("Parse() error at %s:%d:%d, want notes/test.md:%d:%d", perr.File, perr.Line, perr.Col, tt.line, tt.col)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("Parse() error = %q, want %q", err.Error(), tt.msg)
			}
		})
	}
}

func TestParse_SourceNotRetained(t *testing.T) {
	src := []byte("# Title\n\nSome text.\n")
	n := mustParse(t, string(src))
	n2, err := Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	for i := range src {
		src[i] = 'x'
	}
	if n2.Lines[0] != "# Title" || n2.Blocks[1].Text.Plain != "Some text." {
		t.Errorf("Parse() result changed with its source: %q", n2.Lines)
	}
	if diff := cmp.Diff(n.Blocks, n2.Blocks); diff != "" {
		t.Errorf("Parse() blocks differ (-first +second):\n%s", diff)
	}
}

// TestParse_SourceNotWritten checks that Parse leaves alone the bytes
// after src in its backing array: a caller may parse a note that is a
// slice of a bigger buffer. goldmark appends a line ending to the last
// line of an indented code block that has none.
func TestParse_SourceNotWritten(t *testing.T) {
	for _, note := range []string{
		"text\n\n    code",
		"- item\n\n      code",
		"```\nfenced",
		"plain",
	} {
		buf := []byte(note + "#########")
		want := string(buf)
		if _, err := Parse("a.md", buf[:len(note)]); err != nil {
			t.Fatal(err)
		}
		if got := string(buf); got != want {
			t.Errorf("Parse(%q) changed its buffer to %q, want %q", note, got, want)
		}
	}
}

func TestParseError_Error(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: "a.md", Line: 3, Col: 4, Err: ErrEncoding}, "a.md:3:4: invalid UTF-8"},
		{&ParseError{File: "a.md", Line: 3, Err: ErrFrontmatter}, "a.md:3: invalid frontmatter"},
		{&ParseError{File: "a.md", Err: ErrTooLarge}, "a.md: note too large"},
		{&ParseError{Line: 2, Err: ErrBinary}, ":2: binary content"},
		{&ParseError{}, "<nil>"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q, want %q", tt.err, got, tt.want)
		}
		if tt.err.Err != nil && !errors.Is(tt.err, tt.err.Err) {
			t.Errorf("errors.Is(%v, %v) = false", tt.err, tt.err.Err)
		}
	}
}

func TestKind_String(t *testing.T) {
	kinds := map[Kind]string{Heading: "heading", Line: "line", Item: "item", Row: "row", 0: "unknown"}
	for k, want := range kinds {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}
