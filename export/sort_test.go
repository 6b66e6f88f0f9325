package export

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
)

func TestSort(t *testing.T) {
	mk := func(deck, path string, line int, id cards.ID, context ...string) cards.Card {
		return cards.Card{Deck: deck, ID: id, Context: context, Source: cards.Source{Path: path, Line: line}}
	}
	const (
		rev   = "La Révolution française"
		steps = "Les grandes étapes"
		after = "Après"
	)
	tests := []struct {
		name string
		in   []cards.Card
		want []int // indexes into in, in sorted order
	}{
		{
			name: "deck, path, line, ID",
			in: []cards.Card{
				mk("b", "a.md", 1, "1"),
				mk("a", "b.md", 1, "2"),
				mk("a", "a.md", 9, "3"),
				mk("a", "a.md", 2, "5"),
				mk("a", "a.md", 2, "4"),
			},
			want: []int{4, 3, 2, 1, 0},
		},
		{
			// An enumeration card takes the heading as its context while
			// the line cards of its items add the sub-heading: sorted by
			// line alone the two breadcrumbs alternate.
			name: "interleaved contexts keep one group each",
			in: []cards.Card{
				mk("d", "n.md", 5, "a", rev, steps),
				mk("d", "n.md", 5, "b", rev),
				mk("d", "n.md", 6, "c", rev, steps),
				mk("d", "n.md", 6, "d", rev),
				mk("d", "n.md", 7, "e", rev, steps),
			},
			want: []int{1, 3, 0, 2, 4},
		},
		{
			name: "groups in order of their first line",
			in: []cards.Card{
				mk("d", "n.md", 20, "a", rev, after),
				mk("d", "n.md", 12, "b", rev),
				mk("d", "n.md", 3, "c", rev, steps),
				mk("d", "n.md", 25, "d", rev, steps),
				mk("d", "n.md", 14, "e", rev, after),
				mk("d", "n.md", 2, "f", rev),
			},
			want: []int{5, 1, 2, 3, 4, 0},
		},
		{
			name: "the same breadcrumb in another note is another group",
			in: []cards.Card{
				mk("d", "b.md", 1, "a", rev),
				mk("d", "a.md", 9, "b", rev),
				mk("d", "a.md", 1, "c", rev, steps),
				mk("d", "b.md", 2, "d", rev, steps),
			},
			want: []int{2, 1, 0, 3},
		},
		{
			name: "same first line: breadcrumb order",
			in: []cards.Card{
				mk("d", "n.md", 4, "a", rev, steps),
				mk("d", "n.md", 4, "b", rev),
			},
			want: []int{1, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]cards.Card, len(tt.want))
			for i, j := range tt.want {
				want[i] = tt.in[j]
			}
			for _, in := range [][]cards.Card{append([]cards.Card(nil), tt.in...), reverse(tt.in)} {
				Sort(in)
				if diff := cmp.Diff(want, in); diff != "" {
					t.Errorf("Sort() (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func reverse(cs []cards.Card) []cards.Card {
	out := make([]cards.Card, len(cs))
	for i, c := range cs {
		out[len(cs)-1-i] = c
	}
	return out
}

// TestPDF_SheetGroupsOnce checks that the sheet prints each breadcrumb's
// band once when the cards of two breadcrumbs come from interleaved lines.
func TestPDF_SheetGroupsOnce(t *testing.T) {
	var cs []cards.Card
	for i, item := range []string{"prise de la Bastille", "abolition des privilèges", "fuite à Varennes"} {
		line := 5 + i
		cs = append(cs,
			cards.Card{ID: cards.NewID(cards.Cloze, item+" [...]", "date"), Deck: "Histoire", Kind: cards.Cloze,
				Front: item + " [...]", Back: "date", Context: []string{"La Révolution française", "Les grandes étapes"},
				Source: cards.Source{Path: "rev.md", Line: line}},
			cards.Card{ID: cards.NewID(cards.Cloze, "étapes: [...]", item), Deck: "Histoire", Kind: cards.Cloze,
				Front: "Les grandes étapes: [...]", Back: item, Context: []string{"La Révolution française"},
				Source: cards.Source{Path: "rev.md", Line: line}})
	}
	d, err := newPDFDoc(cs, sheetOpts)
	if err != nil {
		t.Fatal(err)
	}
	bands := 0
	for _, pg := range d.sheet.pages {
		for _, o := range pg.ops {
			if o.kind == opRect && o.color == groupFill {
				bands++
			}
		}
	}
	if bands != 2 {
		t.Errorf("sheet of 2 breadcrumbs on interleaved lines has %d bands, want 2:\n%s", bands, dumpPages(d))
	}
}
