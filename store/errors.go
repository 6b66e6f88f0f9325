package store

import "errors"

var (
	// ErrLocked is returned by Open when another process holds the store
	// and the lock timeout passed.
	ErrLocked = errors.New("database is locked")
	// ErrNotFound is returned when a card ID is not in the store.
	ErrNotFound = errors.New("card not found")
	// ErrConflict is returned by Record when the card's stored state is not
	// the review's Before state, and by Undo when the review is not the
	// card's last answer.
	ErrConflict = errors.New("card state changed since it was read")
	// ErrClosed is returned by every method of a closed store.
	ErrClosed = errors.New("store is closed")
	// ErrCorrupt is returned by Open when the file is not a mnemo store or
	// is damaged.
	ErrCorrupt = errors.New("store file is damaged or not a mnemo store")
	// ErrReadOnly is returned by the writing methods of a store opened
	// with Options.ReadOnly.
	ErrReadOnly = errors.New("store is read-only")
	// ErrVersion is returned by Open when the store was written by a newer
	// mnemo.
	ErrVersion = errors.New("store was written by a newer mnemo")
)

// ErrNotEmpty is returned by Load when the store already holds a card or
// a review.
var ErrNotEmpty = errors.New("store is not empty")
