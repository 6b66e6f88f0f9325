package export

import (
	"errors"
	"fmt"

	"github.com/mnemo-dev/mnemo/cards"
)

// Reasons a card cannot be exported, found through errors.Is on a
// *CardError (or on the joined error Anki returns).
var (
	// ErrEmptyFront is returned when a basic or reversed card has no
	// question text once cleaned.
	ErrEmptyFront = errors.New("empty front")
	// ErrBadCloze is returned when a cloze card's Cloze text has no usable
	// deletion: none at all, a marker never closed with "}}", c0, or a
	// marker naming several cards (c1,2::), which old Anki versions do not
	// read.
	ErrBadCloze = errors.New("cloze text has no valid {{cN::…}} deletion")
	// ErrBadID is returned when a card ID is empty or holds characters
	// other than ASCII letters and digits, so it cannot make a stable GUID.
	ErrBadID = errors.New("card ID is not alphanumeric")
	// ErrUnknownKind is returned when a card's Kind is not Basic, Cloze or
	// Reversed.
	ErrUnknownKind = errors.New("unknown card kind")
)

// ErrPaper is returned by PDF when PDFOptions.Paper names an unknown paper
// size.
var ErrPaper = errors.New("unknown paper size")

// ErrLayout is returned by PDF when PDFOptions.Layout names an unknown
// layout.
var ErrLayout = errors.New("unknown pdf layout")

// CardError reports a card that was skipped. Err is one of the sentinels
// above.
type CardError struct {
	ID     cards.ID
	Source cards.Source
	Err    error
}

// Error returns "path:line: card ID: reason".
func (e *CardError) Error() string {
	return fmt.Sprintf("%s:%d: card %s: %v", e.Source.Path, e.Source.Line, e.ID, e.Err)
}

// Unwrap returns the reason.
func (e *CardError) Unwrap() error { return e.Err }

// Reasons ReadBackup refuses a file.
var (
	// ErrNotBackup is returned when the file is not a mnemo backup: not a
	// JSON object, or its "format" is not "mnemo-backup".
	ErrNotBackup = errors.New("not a mnemo backup")
	// ErrBackupVersion is returned when the backup's "version" is not one
	// this mnemo reads (it was written by a newer one).
	ErrBackupVersion = errors.New("unsupported backup version")
)
