package export

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
)

// Sort sorts cs in place by deck, source path, source line and ID, the
// order in which Anki and PDF write cards. Ties (the same ID twice) are
// broken by kind and text, so the order never depends on the input order
// of distinct cards. It is not safe for concurrent use on the same slice.
func Sort(cs []cards.Card) {
	slices.SortStableFunc(cs, compareCards)
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
