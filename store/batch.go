package store

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
)

// errEmptyID is returned by Sync for a card without an ID.
var errEmptyID = errors.New("card has an empty ID")

// dedupe returns the cards of b with the first occurrence of each ID, in
// order, and the index of each ID in the result. The result is cs itself
// when no ID repeats (callers only read it): a large batch is not copied.
func dedupe(cs []cards.Card) ([]cards.Card, map[string]int, error) {
	seen := make(map[string]int, len(cs))
	var out []cards.Card // nil until an ID repeats
	for i, c := range cs {
		if c.ID == "" {
			return nil, nil, errEmptyID
		}
		if _, ok := seen[string(c.ID)]; ok {
			if out == nil {
				out = slices.Clone(cs[:i])
			}
			continue
		}
		if out != nil {
			seen[string(c.ID)] = len(out)
			out = append(out, c)
		} else {
			seen[string(c.ID)] = i
		}
	}
	if out == nil {
		return cs, seen, nil
	}
	return out, seen, nil
}

// scope decides which stored cards a Sync may orphan.
type scope struct {
	roots []string
	skip  map[string]struct{}
	// only, when not nil, holds the only paths in scope (the notes of a
	// Stream's part).
	only map[string]struct{}
}

func newScope(b Batch) scope {
	s := scope{roots: b.Roots, skip: make(map[string]struct{}, len(b.Skip))}
	for _, p := range b.Skip {
		s.skip[p] = struct{}{}
	}
	return s
}

// orphans reports whether a stored card at path, absent from the batch,
// becomes orphaned: its path is under a root and not skipped.
func (s scope) orphans(path string) bool {
	if _, ok := s.skip[path]; ok {
		return false
	}
	if _, ok := s.only[path]; !ok && s.only != nil {
		return false
	}
	for _, r := range s.roots {
		if under(path, r) {
			return true
		}
	}
	return false
}

// orphansPath is orphans for a path in bytes; it allocates nothing for a
// skipped path, the common case of an incremental add.
func (s scope) orphansPath(path []byte) bool {
	if _, ok := s.skip[string(path)]; ok {
		return false
	}
	if _, ok := s.only[string(path)]; !ok && s.only != nil {
		return false
	}
	return s.orphans(string(path))
}

// under reports whether path is root or lies under the folder root. The
// root "." (or "") covers every relative path that does not climb out
// with "..".
func under(path, root string) bool {
	switch {
	case root == "." || root == "":
		return path != "" && !strings.HasPrefix(path, "/") &&
			path != ".." && !strings.HasPrefix(path, "../")
	case path == root:
		return true
	case strings.HasSuffix(root, "/"): // "/" itself
		return strings.HasPrefix(path, root)
	}
	return len(path) > len(root) && path[len(root)] == '/' && strings.HasPrefix(path, root)
}

// statusOf computes a stored card's status. A card may carry two flags,
// rejected or suspended by the user and orphaned by Sync: the user's
// rejection shows first, then the orphaning, then the suspension.
func statusOf(f flags, s cards.State) cards.Status {
	switch {
	case f&flagRejected != 0:
		return cards.StatusRejected
	case f&flagOrphaned != 0:
		return cards.StatusOrphaned
	case f&flagSuspended != 0:
		return cards.StatusSuspended
	case s.IsNew():
		return cards.StatusNew
	}
	return cards.StatusReview
}

// matches reports whether e passes f.
func (f Filter) matches(e *Entry) bool {
	return InDeck(e.Card.Deck, f.Deck) && (f.Status == 0 || f.Status == e.Status)
}

// sortEntries sorts by deck, then source path, then source line, then ID.
func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(
			strings.Compare(a.Card.Deck, b.Card.Deck),
			strings.Compare(a.Card.Source.Path, b.Card.Source.Path),
			cmp.Compare(a.Card.Source.Line, b.Card.Source.Line),
			strings.Compare(string(a.Card.ID), string(b.Card.ID)),
		)
	})
}

// sortReviews sorts oldest first; answers given at the same instant keep
// their log order.
func sortReviews(rs []cards.Review) {
	slices.SortStableFunc(rs, func(a, b cards.Review) int { return a.At.Compare(b.At) })
}

// copyCard returns c with its own slices; empty slices become nil, as the
// Bolt store returns them.
func copyCard(c cards.Card) cards.Card {
	c.Context = copyStrings(c.Context)
	c.Tags = copyStrings(c.Tags)
	return c
}

func copyStrings(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	return slices.Clone(ss)
}

// sameCard reports whether a and b have identical fields, an empty and a
// nil slice being the same.
func sameCard(a, b *cards.Card) bool {
	return a.ID == b.ID && a.Deck == b.Deck && a.Kind == b.Kind &&
		a.Front == b.Front && a.Back == b.Back && a.Cloze == b.Cloze &&
		slices.Equal(a.Context, b.Context) && a.Source == b.Source &&
		slices.Equal(a.Tags, b.Tags) && a.Rule == b.Rule
}

// sameButSource reports whether a and b have the same fields but perhaps
// their ID and source: a card whose note moved, or whose line moved in
// its note, has not changed.
func sameButSource(a, b *cards.Card) bool {
	x, y := *a, *b
	x.ID, x.Source = "", cards.Source{}
	y.ID, y.Source = "", cards.Source{}
	return sameCard(&x, &y)
}

// bodyButSource returns the fields of a card body (see appendCardBody)
// after its source, which come first.
func bodyButSource(body []byte) []byte {
	d := decoder{b: body}
	d.string()
	d.varint()
	return d.b
}

// capQuery normalizes a Query: negative counts mean zero.
func capQuery(q Query) Query {
	q.New = max(q.New, 0)
	q.Limit = max(q.Limit, 0)
	return q
}

// full reports whether a queue of n entries reached q.Limit.
func (q Query) full(n int) bool { return q.Limit > 0 && n >= q.Limit }

// errStatus is returned by SetStatus for a status it cannot set.
var errStatus = errors.New("only suspended, rejected, new and review can be set")

// markOf returns the user's mark that SetStatus sets for status s: none
// for StatusNew and StatusReview, which clear the mark.
func markOf(s cards.Status) (flags, error) {
	switch s {
	case cards.StatusSuspended:
		return flagSuspended, nil
	case cards.StatusRejected:
		return flagRejected, nil
	case cards.StatusNew, cards.StatusReview:
		return 0, nil
	}
	return 0, errStatus
}
