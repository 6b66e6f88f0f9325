package tui

import (
	"context"
	"errors"
	"fmt"
)

var (
	// ErrNothingToUndo is returned by Session.Undo when there is no answer,
	// suspension, burial or rejection left to undo in this session. The
	// review screen shows it as a gentle notice, not as an error.
	ErrNothingToUndo = errors.New("nothing to undo")

	// ErrInterrupted is returned by Run when the user pressed ctrl+c. It
	// wraps context.Canceled, so callers that map a cancelled context to
	// the "interrupted" exit code need no extra case.
	ErrInterrupted = fmt.Errorf("review interrupted: %w", context.Canceled)
)
