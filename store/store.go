package store

import (
	"context"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
)

// Store persists cards, their schedules and the review log. Implementations
// are safe for concurrent use. Every slice and struct returned is a copy
// owned by the caller.
type Store interface {
	// Sync upserts the cards of one `mnemo add` in a single transaction:
	// it lands whole or not at all. New cards get cards.NewState(); cards
	// already stored keep their schedule (their Card fields are replaced
	// when they differ); stored cards in scope (see Batch) that are absent
	// from b.Cards become orphaned, and orphaned cards that come back are
	// revived. Cards with the same ID in b.Cards are merged: the first wins.
	// New cards are Added and Changed on b.Day; a card whose fields other
	// than its source change is Changed on b.Day. A store that keeps note
	// stamps (Bolt, Memory) records b.Notes.
	Sync(ctx context.Context, b Batch) (Summary, error)
	// Cards returns the stored cards that match f, with their state and
	// status, sorted by deck, then source path, then source line, then ID.
	Cards(ctx context.Context, f Filter) ([]Entry, error)
	// Due returns the review queue of day: first the cards due on or
	// before day (earliest due first, then ID), then new cards in the order
	// they were added, at most q.New of them. Suspended and orphaned cards
	// never appear. It reads the due index, never every card.
	Due(ctx context.Context, day cards.Date, q Query) ([]Entry, error)
	// Record applies one answer in a single transaction: it appends r to
	// the review log and, unless r.Drill, sets the card's state to r.After
	// and moves it in the due index. It returns ErrNotFound for an unknown
	// card and ErrConflict when the stored state is not r.Before (another
	// process answered first).
	Record(ctx context.Context, r cards.Review) error
	// SetStatus changes the user's mark on cards: StatusSuspended or
	// StatusRejected set the mark, StatusNew or StatusReview clear it (the
	// card's status then follows its state again). Marked cards leave the
	// due and new indexes; a rejected card stays rejected across Sync. It
	// returns ErrNotFound (joined, per card) for unknown IDs and applies the
	// others in one transaction.
	SetStatus(ctx context.Context, ids []cards.ID, s cards.Status) error
	// Reviews returns the review log entries with At >= since (all of them
	// for the zero time), oldest first.
	Reviews(ctx context.Context, since time.Time) ([]cards.Review, error)
	// Close releases the store. A closed store returns ErrClosed.
	Close() error
}

// Batch is the input of Sync.
type Batch struct {
	// Cards are the cards generated from the notes that parsed.
	Cards []cards.Card
	// Roots are the cleaned paths given to `mnemo add` (files or folders,
	// in the same form as cards.Source.Path). A stored card is in scope
	// when its Source.Path equals a root or lies under a root folder.
	Roots []string
	// Skip lists note paths whose stored cards are left as they are,
	// never orphaned: notes that failed to parse, and notes the caller
	// found unchanged since their stamp (see Note) and did not read. Their
	// cards are not in Cards.
	Skip []string
	// Notes are the stamps of the notes read, recorded in place of those
	// of the same paths; the stamps in scope of the notes neither here nor
	// in Skip are removed (their note is gone). Stores without stamps
	// ignore them.
	Notes []Note
	// Day is the day of the add: the Added and Changed day of the cards
	// it stores or changes. 0 leaves the dates alone: new cards get none.
	Day cards.Date
}

// Summary counts what Sync did.
type Summary struct {
	New     int // cards stored for the first time
	Updated int // stored cards whose fields changed, or that were revived
	// Rematched counts stored cards whose text was edited slightly: the
	// edited card took their place, ID and history (they are also counted
	// in Updated).
	Rematched int
	Unchanged int // stored cards with identical fields
	Orphaned  int // cards that became orphaned in this sync
}

// Filter selects cards for Cards. The zero Filter selects every card.
type Filter struct {
	// Deck selects a deck and its sub-decks ("a::b" matches "a::b" and
	// "a::b::c", not "a::bc"); "" selects all.
	Deck string
	// Status selects one status; 0 selects all.
	Status cards.Status
	// IDs, when set, selects these stored cards only, read directly
	// instead of scanning the store; unknown IDs are skipped.
	IDs []cards.ID
}

// Query shapes the queue returned by Due.
type Query struct {
	// Deck selects a deck and its sub-decks, as in Filter.
	Deck string
	// New is the most new cards to include (0: none).
	New int
	// Limit caps the whole queue (0: no cap); due cards come first.
	Limit int
}

// Entry is a stored card with its schedule and status.
type Entry struct {
	Card   cards.Card
	State  cards.State
	Status cards.Status
	// Added is the day Sync first stored the card and Changed the day its
	// fields other than its source last changed (see Batch.Day); 0 when
	// unknown, as for cards stored before mnemo kept these days.
	Added, Changed cards.Date
}

// InDeck reports whether deck is d or one of its sub-decks; every deck is in
// the empty deck d.
func InDeck(deck, d string) bool {
	if d == "" || deck == d {
		return true
	}
	return len(deck) > len(d)+2 && deck[:len(d)] == d && deck[len(d):len(d)+2] == "::"
}
