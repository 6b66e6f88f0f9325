package tui

import "time"

// Card is what the review screen shows of one card. Front and Back hold
// light Markdown: **bold**, *italic* or _italic_, and `code`. The front of a
// cloze card holds "[...]" (or "[hint]") where the deletion is.
type Card struct {
	Front, Back string
	// Kind is "basic", "cloze" or "reversed".
	Kind string
	Deck string
	// Context is the breadcrumb below the deck: the note's title, the
	// headings above the card, its parent list item.
	Context []string
	// Source is where the card comes from, as "path/to/note.md:12".
	Source string
	// Status is "new", "review" or "drill" (a same-day repeat of a card
	// graded below 4).
	Status string
}

// Progress counts today's cards: Done answered so far and Left still to
// show, of which New, Review and Drill by kind of visit.
type Progress struct{ Done, Left, New, Review, Drill int }

// Summary describes a finished session.
type Summary struct {
	// Cards counts the graded cards, not counting drill repeats.
	Cards int
	// Drilled counts drill repeats.
	Drilled int
	// Elapsed is the session's length; when zero the screen measures it
	// with Options.Now, if set.
	Elapsed time.Duration
	// Grades counts the answers by SM-2 grade, drill repeats excluded.
	Grades [6]int
	// NextDue is preformatted by the session, e.g. "tomorrow: 12 cards".
	NextDue string
	// Leeches counts the cards that became leeches this session.
	Leeches int
}

// SourceLine is one line of the note a card comes from; Current marks the
// card's own lines.
type SourceLine struct {
	N       int
	Text    string
	Current bool
}

// Session is one review session as the screen drives it. Every method that
// changes the session saves at once: quitting at any moment loses nothing.
// The screen calls it from one goroutine only.
type Session interface {
	// Current returns the card to show now, or false when the session is
	// over.
	Current() (Card, bool)
	// Grade records SM-2 grade g (0..5) for the current card and moves on.
	Grade(g int) error
	// Undo undoes the last grade, suspension, burial or rejection and makes
	// its card current again; it returns ErrNothingToUndo when there is
	// none.
	Undo() error
	// Suspend suspends the current card and moves on.
	Suspend() error
	// Bury hides the current card until tomorrow and moves on.
	Bury() error
	// Reject rejects the current (generated) card for good and moves on.
	Reject() error
	// Source returns the lines of the note around the current card.
	Source() ([]SourceLine, error)
	// Progress counts today's cards.
	Progress() Progress
	// Summary describes the session so far.
	Summary() Summary
}

// Options configures the review screen. The zero value works: colors on,
// no clock, normal (scheduling) review.
type Options struct {
	// NoColor turns every escape code off: the screen is plain text, with
	// its structure carried by characters alone (NO_COLOR).
	NoColor bool
	// Cram marks a session whose answers do not change the schedule; the
	// screen says so in its header.
	Cram bool
	// Now is the clock, used only to time the session when the Summary does
	// not; nil leaves the time out.
	Now func() time.Time
	// Environ is the environment handed to Bubble Tea by Run (TERM and
	// friends, to detect the terminal); nil means the process environment,
	// which Bubble Tea then reads itself.
	Environ []string
}
