package cards

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// FuzzRules feeds the rules texts with arbitrary spans, as a buggy or
// surprising parser could produce them: no panic, and every kept card holds
// the invariants.
func FuzzRules(f *testing.F) {
	f.Add("Capital of Australia::Canberra", []byte{})
	f.Add("The first female prime minister was Julia Gillard", []byte{4, 35, 48})
	f.Add("{{c1::Paris}} est en {{c2::France}} depuis 1990", []byte{3, 0, 5})
	f.Add("Se connecter à un serveur distant :", []byte{3, 1, 10, 1, 2, 20})
	f.Add("l'agile d’entreprise: environ 15 % des équipes", []byte{1, 0, 7, 2, 3, 12})
	f.Add("\xff\xfe== x ==::\xff", []byte{4, 1, 3, 3, 0, 200})
	f.Fuzz(func(t *testing.T, plain string, spec []byte) {
		text := notes.Text{Plain: plain}
		for i := 0; i+2 < len(spec) && i < 30; i += 3 {
			s, e := int(spec[i+1])%(len(plain)+1), int(spec[i+2])%(len(plain)+1)
			if s > e {
				s, e = e, s
			}
			// Parse puts span bounds on rune boundaries.
			for s > 0 && s < len(plain) && !utf8.RuneStart(plain[s]) {
				s--
			}
			for e > 0 && e < len(plain) && !utf8.RuneStart(plain[e]) {
				e--
			}
			text.Spans = append(text.Spans, notes.Span{Kind: notes.SpanKind(spec[i]%8 + 1), Start: s, End: e})
		}
		slices.SortStableFunc(text.Spans, func(a, b notes.Span) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return b.End - a.End
		})
		code := notes.Text{Plain: "`x`", Spans: []notes.Span{{Kind: notes.Code, Start: 0, End: 3}}}
		n := &notes.Note{
			Path:  "f.md",
			Title: plain,
			Lines: []string{plain, "?", plain, plain, plain, "", plain},
			Blocks: []notes.Block{
				{Kind: notes.Line, Line: 1, EndLine: 1, Text: text, Group: 1, Parent: -1},
				{Kind: notes.Line, Line: 2, EndLine: 2, Text: notes.Text{Plain: "?"}, Group: 1, Parent: -1},
				{Kind: notes.Line, Line: 3, EndLine: 3, Text: text, Group: 1, Parent: -1},
				{Kind: notes.Item, Line: 4, EndLine: 4, Text: text, Group: 2, Parent: -1},
				{Kind: notes.Line, Line: 5, EndLine: 5, Text: code, Group: 3, Parent: 3},
				{Kind: notes.Row, Line: 7, EndLine: 7, Text: text, Group: 4, Parent: -1, Cells: []notes.Text{text, text}, Header: []notes.Text{text}},
				{Kind: notes.Item, Line: 4, EndLine: 4, Text: text, Group: 2, Parent: 3, Depth: 1},
			},
		}
		for _, c := range Explain(n, Options{}) {
			if c.Dropped != "" {
				continue
			}
			cc := c.Card
			for _, s := range append([]string{cc.Front, cc.Back, cc.Cloze}, cc.Context...) {
				if !utf8.ValidString(s) {
					t.Errorf("invalid UTF-8 in card %+v", cc)
				}
			}
			if strings.TrimSpace(cc.Front) == "" || strings.TrimSpace(cc.Back) == "" {
				t.Errorf("empty side in card %+v", cc)
			}
			if cc.Kind == Cloze && leaks(cc.Front, cc.Back) {
				t.Errorf("answer on the front of card %+v", cc)
			}
		}
	})
}
