package cards

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ID identifies a card: 16 lower-case hex digits of a SHA-256 of the card's
// normalized content (kind, front, back), never of its path, so a moved
// note keeps its cards.
type ID string

// NewID returns the ID of a card of kind k with the given front and back.
// Content is normalized first (NFC, lower case, runs of white space folded
// to one space, trimmed), so a change of case or spacing keeps the ID.
func NewID(k Kind, front, back string) ID {
	var buf [512]byte
	b := buf[:0]
	return cardID(&b, nil, k, front, back)
}

// slowID is NewID for any text: the reference that cardID's fast path
// must agree with (TestCardID, FuzzCardID).
func slowID(k Kind, front, back string) ID {
	h := sha256.New()
	h.Write([]byte(k.String()))
	h.Write([]byte{0})
	h.Write([]byte(normalize(front)))
	h.Write([]byte{0})
	h.Write([]byte(normalize(back)))
	return ID(hex.EncodeToString(h.Sum(nil)[:8]))
}

func normalize(s string) string {
	s = norm.NFC.String(strings.ToLower(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Kind is the type of a card.
type Kind int

// The kinds of card.
const (
	// Basic shows Front and asks for Back.
	Basic Kind = iota + 1
	// Cloze shows Front, a text with one deletion shown as [...], and asks
	// for Back, the deleted text.
	Cloze
	// Reversed is the second card of a two-way pair (q:::a): Front is the
	// original answer and Back the original question.
	Reversed
)

// String returns "basic", "cloze" or "reversed".
func (k Kind) String() string {
	switch k {
	case Basic:
		return "basic"
	case Cloze:
		return "cloze"
	case Reversed:
		return "reversed"
	}
	return "unknown"
}

// ParseKind is the inverse of Kind.String; it returns false for an unknown
// name.
func ParseKind(s string) (Kind, bool) {
	switch s {
	case "basic":
		return Basic, true
	case "cloze":
		return Cloze, true
	case "reversed":
		return Reversed, true
	}
	return 0, false
}

// ClozeMark is how a deletion is shown on the front of a cloze card.
const ClozeMark = "[...]"

// Card is one flashcard. Text fields hold light Markdown (**bold**,
// *italic*, `code`), never HTML.
type Card struct {
	ID   ID
	Deck string // levels joined with "::"
	Kind Kind
	// Front is the question; for a cloze, the text with its deletion(s)
	// shown as ClozeMark.
	Front string
	// Back is the answer; for a cloze, the deleted text (several deletions
	// of one card joined with "; ").
	Back string
	// Cloze is set for cloze cards only: the full text with each deletion
	// written {{c1::text}} (or {{c1::text::hint}}), as Anki writes it.
	Cloze string
	// Context is the breadcrumb shown with the card: note title, then the
	// heading path, then the parent list item, outermost first.
	Context []string
	Source  Source
	// Tags are the note's tags (frontmatter and inline), without '#'.
	Tags []string
	// Rule names the generation rule that made the card ("explicit",
	// "definition", "emphasis", "number", "fallback", …).
	Rule string
}

// Source is where a card comes from.
type Source struct {
	Path string // slash-separated path of the note
	Line int    // 1-based line of the text the card was made from
}

// Status is where a stored card stands.
type Status int

// The statuses of a stored card.
const (
	// StatusNew cards have never been reviewed.
	StatusNew Status = iota + 1
	// StatusReview cards have been reviewed at least once and are scheduled.
	StatusReview
	// StatusSuspended cards are kept with their schedule but never shown.
	StatusSuspended
	// StatusOrphaned cards lost their source text: kept with their history,
	// never shown, revived if the text comes back.
	StatusOrphaned
	// StatusRejected cards were dropped by the user (mnemo reject): kept
	// with their history, never shown, and not revived by a later add
	// until restored.
	StatusRejected
)

// String returns "new", "review", "suspended", "orphaned" or "rejected".
func (s Status) String() string {
	switch s {
	case StatusNew:
		return "new"
	case StatusReview:
		return "review"
	case StatusSuspended:
		return "suspended"
	case StatusOrphaned:
		return "orphaned"
	case StatusRejected:
		return "rejected"
	}
	return "unknown"
}
