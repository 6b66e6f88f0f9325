package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/mnemo-dev/mnemo/notes"
	"github.com/mnemo-dev/mnemo/store"
)

// Exit codes, documented in the root command's help.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInvalid     = 3
	exitLocked      = 4
	exitInterrupted = 130
)

const exitCodesHelp = `Exit codes:
  0    success, including "nothing due"
  1    failure (I/O error, damaged store)
  2    usage: bad flag, argument or path
  3    one or more notes are invalid (the others were processed)
  4    the store is locked by another mnemo process
  130  interrupted (Ctrl-C); answers given so far are saved`

// usageError marks an error as the user's invocation being wrong.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, a ...any) error {
	return &usageError{fmt.Errorf(format, a...)}
}

// errSilent is an error already reported to the user; only its code matters.
type errSilent struct{ code int }

func (e *errSilent) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error returned by a command to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	if e, ok := errors.AsType[*errSilent](err); ok {
		return e.code
	}
	switch {
	case errors.Is(err, store.ErrLocked):
		return exitLocked
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	if _, ok := errors.AsType[*usageError](err); ok {
		return exitUsage
	}
	if _, ok := errors.AsType[*notes.ParseError](err); ok {
		return exitInvalid
	}
	return exitFailure
}
