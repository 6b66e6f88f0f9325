package apkg

import (
	"errors"
	"fmt"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/export"
)

// Errors returned by Write.
var (
	// ErrUnknownKind is returned when a card's Kind is not Basic, Reversed
	// or Cloze (the text export's sentinel: the two judge cards alike).
	ErrUnknownKind = export.ErrUnknownKind
	// ErrBadCloze is returned when a cloze card's text has no {{cN::…}}
	// deletion.
	ErrBadCloze = export.ErrBadCloze
	// ErrNoNow is returned when Options.Now is the zero time.
	ErrNoNow = errors.New("no export time")
)

// CardError is returned (joined, one per card) for a card Write left out
// because it cannot be an Anki note. It unwraps to ErrUnknownKind or
// ErrBadCloze.
type CardError struct {
	ID     cards.ID
	Source cards.Source
	Err    error
}

// Error returns "card ID (path:line): reason".
func (e *CardError) Error() string {
	return fmt.Sprintf("card %s (%s:%d): %v", e.ID, e.Source.Path, e.Source.Line, e.Err)
}

// Unwrap returns the reason.
func (e *CardError) Unwrap() error { return e.Err }
