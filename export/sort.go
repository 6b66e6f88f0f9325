package export

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
)

// Sort sorts cs in place in the order in which Anki and PDF write cards:
// by deck and source path; within a note, by breadcrumb (Card.Context),
// the breadcrumbs in the order of their first source line (the shorter
// first on a tie), so the cards of one breadcrumb stay together even when
// their lines interleave with another's (an enumeration's cards take the
// heading as their breadcrumb, its items' own cards add the sub-heading);
// then by source line and ID. Ties (the same ID twice) are broken by kind
// and text, so the order never depends on the input order of distinct
// cards. It is not safe for concurrent use on the same slice.
func Sort(cs []cards.Card) {
	type keyed struct {
		c       cards.Card
		context string // the breadcrumb joined with NUL
		first   int    // the first source line of the card's group
	}
	type group struct{ deck, path, context string }
	first := make(map[group]int)
	ks := make([]keyed, len(cs))
	for i, c := range cs {
		ks[i] = keyed{c: c, context: strings.Join(c.Context, "\x00")}
		g := group{c.Deck, c.Source.Path, ks[i].context}
		if l, ok := first[g]; !ok || c.Source.Line < l {
			first[g] = c.Source.Line
		}
	}
	for i := range ks {
		ks[i].first = first[group{ks[i].c.Deck, ks[i].c.Source.Path, ks[i].context}]
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(
			strings.Compare(a.c.Deck, b.c.Deck),
			strings.Compare(a.c.Source.Path, b.c.Source.Path),
			cmp.Compare(a.first, b.first),
			strings.Compare(a.context, b.context),
			compareCards(a.c, b.c),
		)
	})
	for i := range ks {
		cs[i] = ks[i].c
	}
}

// sorted returns a sorted copy of cs, leaving the caller's slice alone.
func sorted(cs []cards.Card) []cards.Card {
	out := slices.Clone(cs)
	Sort(out)
	return out
}

func compareCards(a, b cards.Card) int {
	return cmp.Or(
		strings.Compare(a.Deck, b.Deck),
		strings.Compare(a.Source.Path, b.Source.Path),
		cmp.Compare(a.Source.Line, b.Source.Line),
		strings.Compare(string(a.ID), string(b.ID)),
		cmp.Compare(a.Kind, b.Kind),
		strings.Compare(a.Front, b.Front),
		strings.Compare(a.Back, b.Back),
		strings.Compare(a.Cloze, b.Cloze),
	)
}
