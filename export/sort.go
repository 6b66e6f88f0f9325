package export

import (
	"cmp"
	"encoding/binary"
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
	ord := order(cs)
	tmp := slices.Clone(cs)
	for i, j := range ord {
		cs[i] = tmp[j]
	}
}

// sorted returns a sorted copy of cs, leaving the caller's slice alone.
func sorted(cs []cards.Card) []cards.Card {
	out := make([]cards.Card, len(cs))
	for i, j := range order(cs) {
		out[i] = cs[j]
	}
	return out
}

// order returns the indexes of cs in the order Sort puts the cards, equal
// cards in input order, without moving the cards themselves: a card is
// large, and sorting small keys instead is several times faster.
//
// Cards are first put in groups of one deck, path and breadcrumb; the
// groups, far fewer than the cards, are sorted by (deck, path, first line,
// breadcrumb) into ranks, and the cards by (rank, line, ID), looking at the
// card itself only when two keys tie.
func order(cs []cards.Card) []int {
	type group struct {
		deck, path, context string // context: the breadcrumb joined with NUL
		first               int    // the first source line of the group
	}
	var groups []group
	ids := make(map[string]int32) // group key (see sortGroupKey) → index in groups
	type key struct {
		rank int32 // the group's index, then its rank
		idx  int32 // index in cs
		line int
		id   cards.ID
	}
	keys := make([]key, len(cs))
	var buf []byte
	var prev *cards.Card
	var g int32
	for i := range cs {
		c := &cs[i]
		// Cards mostly come note by note, often several of one breadcrumb
		// in a row: the previous card's group is worth a look first.
		if prev == nil || c.Deck != prev.Deck || c.Source.Path != prev.Source.Path || !slices.Equal(c.Context, prev.Context) {
			buf = sortGroupKey(buf[:0], c)
			var ok bool
			if g, ok = ids[string(buf)]; !ok {
				g = int32(len(groups))
				ids[string(buf)] = g
				groups = append(groups, group{c.Deck, c.Source.Path, strings.Join(c.Context, "\x00"), c.Source.Line})
			}
		}
		prev = c
		if c.Source.Line < groups[g].first {
			groups[g].first = c.Source.Line
		}
		keys[i] = key{rank: g, idx: int32(i), line: c.Source.Line, id: c.ID}
	}
	byRank := make([]int32, len(groups))
	for i := range byRank {
		byRank[i] = int32(i)
	}
	slices.SortFunc(byRank, func(a, b int32) int {
		ga, gb := &groups[a], &groups[b]
		return cmp.Or(
			strings.Compare(ga.deck, gb.deck),
			strings.Compare(ga.path, gb.path),
			cmp.Compare(ga.first, gb.first),
			strings.Compare(ga.context, gb.context),
		)
	})
	rank := make([]int32, len(groups))
	for r, g := range byRank {
		rank[g] = int32(r)
	}
	for i := range keys {
		keys[i].rank = rank[keys[i].rank]
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Or(
			cmp.Compare(a.rank, b.rank),
			cmp.Compare(a.line, b.line),
			strings.Compare(string(a.id), string(b.id)),
		); c != 0 {
			return c
		}
		return cmp.Or(compareCards(&cs[a.idx], &cs[b.idx]), cmp.Compare(a.idx, b.idx))
	})
	ord := make([]int, len(keys))
	for i, k := range keys {
		ord[i] = int(k.idx)
	}
	return ord
}

// sortGroupKey appends to b a key that is equal for two cards exactly when
// their decks, paths and breadcrumbs joined with NUL are: each string
// length-prefixed, so no choice of bytes makes two groups one.
func sortGroupKey(b []byte, c *cards.Card) []byte {
	b = binary.AppendUvarint(b, uint64(len(c.Deck)))
	b = append(b, c.Deck...)
	b = binary.AppendUvarint(b, uint64(len(c.Source.Path)))
	b = append(b, c.Source.Path...)
	for i, s := range c.Context {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, s...)
	}
	return b
}

func compareCards(a, b *cards.Card) int {
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
