package notes

import (
	"errors"
	"strconv"
)

// The errors a ParseError wraps.
var (
	// ErrBinary is returned when a note contains a NUL byte, which text
	// never does (UTF-16 files are binary to us).
	ErrBinary = errors.New("binary content")
	// ErrEncoding is returned when a note is not valid UTF-8; the
	// ParseError points at the first bad byte.
	ErrEncoding = errors.New("invalid UTF-8")
	// ErrFrontmatter is returned when a note's YAML frontmatter does not
	// parse, is not a mapping, or is never closed.
	ErrFrontmatter = errors.New("invalid frontmatter")
	// ErrTooLarge is returned when a note is larger than MaxSize bytes.
	ErrTooLarge = errors.New("note too large")
	// ErrTooComplex is returned when a note nests lists and blockquotes
	// more than MaxDepth levels deep, or has a paragraph whose markup would
	// take the Markdown parser too long (many thousands of unmatched
	// brackets or emphasis delimiters).
	ErrTooComplex = errors.New("note too complex")
)

// ParseError is a problem with one note, at a 1-based line and column
// (counted in characters; Col is 0 when unknown). It unwraps to one of the
// sentinel errors of this package.
type ParseError struct {
	File      string
	Line, Col int
	Err       error
}

// Error returns "file:line:col: message", leaving out the column when it
// is 0 (and the line too when it is 0).
func (e *ParseError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
		if e.Col > 0 {
			s += ":" + strconv.Itoa(e.Col)
		}
	}
	msg := "<nil>"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if s == "" {
		return msg
	}
	return s + ": " + msg
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
