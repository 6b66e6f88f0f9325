package cards

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dcard is the part of a draft the rule tests compare.
type dcard struct {
	Kind               Kind
	Front, Back, Cloze string
	Dropped            string
}

func simplify(ds []draft) []dcard {
	var out []dcard
	g := &generator{lang: langEN}
	for _, d := range ds {
		g.check(&d)
		g.render(&d)
		out = append(out, dcard{d.kind, d.front, d.back, d.cloze, d.dropped})
	}
	return out
}

func TestExplicitLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []dcard
	}{
		{
			name: "single line basic",
			in:   "the question goes on this side::answer goes here!",
			want: []dcard{{Kind: Basic, Front: "the question goes on this side", Back: "answer goes here!"}},
		},
		{
			name: "single line bidirectional",
			in:   "info 1:::info 2",
			want: []dcard{{Kind: Basic, Front: "info 1", Back: "info 2"}, {Kind: Reversed, Front: "info 2", Back: "info 1"}},
		},
		{
			name: "spaces around the separator are trimmed",
			in:   "Capitale de la France :: Paris",
			want: []dcard{{Kind: Basic, Front: "Capitale de la France", Back: "Paris"}},
		},
		{name: "separator in code", in: "`std::vector` is a sequence container"},
		{name: "cast in code", in: "cast with `x::int` in SQL"},
		{name: "separator in link text", in: "see [std::vector](https://example.com) docs"},
		{name: "nothing before", in: "::answer"},
		{name: "nothing after", in: "question::  "},
		{name: "four colons", in: "a::::b"},
		{name: "url has one colon", in: "see http://example.com for more"},
		{name: "bare c++ call", in: "Call std::move(x) to steal the buffer"},
		{name: "bare rust path", in: "Use std::io::Result everywhere"},
		{name: "bare sql cast", in: "select '3 days'::interval; works"},
		{name: "bare sql cast after parentheses", in: "select (a + b)::integer from t"},
		{name: "bare sql cast after brackets", in: "then arr[1]::text, the first"},
		{
			name: "parentheses before the separator",
			in:   "Capital of Egypt (Misr)::Cairo",
			want: []dcard{{Kind: Basic, Front: "Capital of Egypt (Misr)", Back: "Cairo"}},
		},
		{
			name: "call before the separator",
			in:   "f(x) = x² at x = 3::Nine",
			want: []dcard{{Kind: Basic, Front: "f(x) = x² at x = 3", Back: "Nine"}},
		},
		{
			name: "brackets before the separator",
			in:   "What does [[wikilink]] make?::a link",
			want: []dcard{{Kind: Basic, Front: "What does wikilink make?", Back: "a link"}},
		},
		{
			name: "closing parenthesis right before the separator",
			in:   "The derivative of sin(x)::cos(x)",
			want: []dcard{{Kind: Basic, Front: "The derivative of sin(x)", Back: "cos(x)"}},
		},
		{name: "template field", in: "The title is {{fm.desc}} here"},
		{
			name: "curly clozes without groups make one card each",
			in:   "A {{question}} with multiple parts {{Navevo part}}",
			want: []dcard{
				{Kind: Cloze, Front: "A [...] with multiple parts Navevo part", Back: "question", Cloze: "A {{c1::question}} with multiple parts Navevo part"},
				{Kind: Cloze, Front: "A question with multiple parts [...]", Back: "Navevo part", Cloze: "A question with multiple parts {{c1::Navevo part}}"},
			},
		},
		{
			name: "separator after code",
			in:   "What does `ls -a` show?::hidden files too",
			want: []dcard{{Kind: Basic, Front: "What does `ls -a` show?", Back: "hidden files too"}},
		},
		{
			name: "highlight cloze",
			in:   "The first female prime minister of Australia was ==Julia Gillard==",
			want: []dcard{{
				Kind:  Cloze,
				Front: "The first female prime minister of Australia was [...]",
				Back:  "Julia Gillard",
				Cloze: "The first female prime minister of Australia was {{c1::Julia Gillard}}",
			}},
		},
		{
			name: "two highlights make two cards",
			in:   "The first female ==prime minister== of Australia was ==Julia Gillard==",
			want: []dcard{
				{
					Kind:  Cloze,
					Front: "The first female [...] of Australia was Julia Gillard",
					Back:  "prime minister",
					Cloze: "The first female {{c1::prime minister}} of Australia was Julia Gillard",
				},
				{
					Kind:  Cloze,
					Front: "The first female prime minister of Australia was [...]",
					Back:  "Julia Gillard",
					Cloze: "The first female prime minister of Australia was {{c1::Julia Gillard}}",
				},
			},
		},
		{
			name: "highlight with obsidian-sr hint",
			in:   "This ==note== doesn't need to have ==number==^[hint] on clozes",
			want: []dcard{
				{
					Kind:  Cloze,
					Front: "This [...] doesn't need to have number on clozes",
					Back:  "note",
					Cloze: "This {{c1::note}} doesn't need to have number on clozes",
				},
				{
					Kind:  Cloze,
					Front: "This note doesn't need to have [hint] on clozes",
					Back:  "number",
					Cloze: "This note doesn't need to have {{c1::number::hint}} on clozes",
				},
			},
		},
		{
			name: "highlights grouped by footnote number",
			in:   "This is a ==cloze==[^1]. This is ==too==[^2]. And ==this one==[^1].",
			want: []dcard{
				{
					Kind:  Cloze,
					Front: "This is a [...]. This is too. And [...].",
					Back:  "cloze; this one",
					Cloze: "This is a {{c1::cloze}}. This is too. And {{c1::this one}}.",
				},
				{
					Kind:  Cloze,
					Front: "This is a cloze. This is [...]. And this one.",
					Back:  "too",
					Cloze: "This is a cloze. This is {{c1::too}}. And this one.",
				},
			},
		},
		{
			name: "anki cloze with hint",
			in:   "Brazilians speak {{c1::Portuguese::language}}",
			want: []dcard{{
				Kind:  Cloze,
				Front: "Brazilians speak [language]",
				Back:  "Portuguese",
				Cloze: "Brazilians speak {{c1::Portuguese::language}}",
			}},
		},
		{
			name: "anki groups",
			in:   "{{c1::Paris}} est la capitale de la {{c2::France}}, {{c1::Lyon}} non",
			want: []dcard{
				{
					Kind:  Cloze,
					Front: "[...] est la capitale de la France, [...] non",
					Back:  "Paris; Lyon",
					Cloze: "{{c1::Paris}} est la capitale de la France, {{c1::Lyon}} non",
				},
				{
					Kind:  Cloze,
					Front: "Paris est la capitale de la [...], Lyon non",
					Back:  "France",
					Cloze: "Paris est la capitale de la {{c1::France}}, Lyon non",
				},
			},
		},
		{
			name: "obsidian-sr numbered anki pattern",
			in:   "Brazilians speak {{1::Portuguese}}",
			want: []dcard{{
				Kind:  Cloze,
				Front: "Brazilians speak [...]",
				Back:  "Portuguese",
				Cloze: "Brazilians speak {{c1::Portuguese}}",
			}},
		},
		{
			name: "unnumbered deletions are separate cards",
			in:   "A {{question}} with multiple parts {{Navevo part}}",
			want: []dcard{
				{Kind: Cloze, Front: "A [...] with multiple parts Navevo part", Back: "question", Cloze: "A {{c1::question}} with multiple parts Navevo part"},
				{Kind: Cloze, Front: "A question with multiple parts [...]", Back: "Navevo part", Cloze: "A question with multiple parts {{c1::Navevo part}}"},
			},
		},
		{
			name: "markup kept around the deletion",
			in:   "Le mot ==l'agile== est en **gras**",
			want: []dcard{{Kind: Cloze, Front: "Le mot [...] est en **gras**", Back: "l'agile", Cloze: "Le mot {{c1::l'agile}} est en **gras**"}},
		},
		{
			name: "deletion inside strong text",
			in:   "**La réponse est {{c1::42}}**",
			want: []dcard{{Kind: Cloze, Front: "**La réponse est [...]**", Back: "42", Cloze: "**La réponse est {{c1::42}}**"}},
		},
		{
			name: "answer shown elsewhere is dropped",
			in:   "==Paris== is big and Paris is old",
			want: []dcard{{Kind: Cloze, Front: "[...] is big and Paris is old", Back: "Paris", Cloze: "{{c1::Paris}} is big and Paris is old", Dropped: dropLeak}},
		},
		{name: "anki syntax in code", in: "Write `{{c1::answer}}` in Anki"},
		{name: "template braces with spaces", in: "Use {{ fm.title }} in a template"},
		{name: "tldr placeholders in code", in: "`ssh {{user}}@{{host}}`"},
		{
			name: "separator wins over cloze",
			in:   "Where is ==Paris==?::France",
			want: []dcard{{Kind: Basic, Front: "Where is ==Paris==?", Back: "France"}},
		},
		{
			name: "separator inside a deletion is not a separator",
			in:   "Brazilians speak {{c1::Portuguese}} in Brazil",
			want: []dcard{{Kind: Cloze, Front: "Brazilians speak [...] in Brazil", Back: "Portuguese", Cloze: "Brazilians speak {{c1::Portuguese}} in Brazil"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := simplify(explicitLine(txt(tt.in)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("explicitLine(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestExplicitMultiline(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     []dcard
		wantLine int
	}{
		{
			name:     "basic",
			src:      "Intro.\n\nAs per the definition\nof multiline the prompt\n?\nsame goes for\nthe answer\n\nAfter.",
			want:     []dcard{{Kind: Basic, Front: "As per the definition\nof multiline the prompt", Back: "same goes for\nthe answer"}},
			wantLine: 3,
		},
		{
			name: "bidirectional",
			src:  "info 1A\ninfo 1B\n??\ninfo 2A",
			want: []dcard{
				{Kind: Basic, Front: "info 1A\ninfo 1B", Back: "info 2A"},
				{Kind: Reversed, Front: "info 2A", Back: "info 1A\ninfo 1B"},
			},
			wantLine: 1,
		},
		{
			name:     "answer is the list that follows",
			src:      "Les trois piliers du DevOps\n?\n- culture\n- automatisation\n  - CI\n\n- mesure",
			want:     []dcard{{Kind: Basic, Front: "Les trois piliers du DevOps", Back: "- culture\n- automatisation\n  - CI"}},
			wantLine: 1,
		},
		{name: "no question", src: "?\nanswer"},
		{name: "no answer", src: "question\n?\n\nnext paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := miniNote("q.md", "Q", tt.src)
			var got []dcard
			line := 0
			for i, b := range n.Blocks {
				if isMultilineSeparator(b.Text.Plain) {
					ds, _ := explicitMultiline(n, i, make([]bool, len(n.Blocks)))
					got = simplify(ds)
					if len(ds) > 0 {
						line = ds[0].line
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("explicitMultiline mismatch (-want +got):\n%s", diff)
			}
			if line != tt.wantLine {
				t.Errorf("explicitMultiline line = %d, want %d", line, tt.wantLine)
			}
		})
	}
}
