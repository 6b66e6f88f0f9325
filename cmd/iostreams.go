package cmd

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams holds the standard streams and what we know of the terminal.
// Data goes to Out; messages, prompts and progress go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// InTTY and OutTTY report whether In and Out are terminals.
	InTTY, OutTTY bool
	// Color is true when escape codes may be written to ErrOut/Out (a
	// terminal, and NO_COLOR unset).
	Color bool
}

func systemIO(getenv func(string) string) *IOStreams {
	inTTY := term.IsTerminal(int(os.Stdin.Fd()))
	outTTY := term.IsTerminal(int(os.Stdout.Fd()))
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY: inTTY, OutTTY: outTTY,
		Color: outTTY && getenv("NO_COLOR") == "",
	}
}

// newTestIO returns streams backed by buffers, with TTY off.
func newTestIO(in string) (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{In: bytes.NewBufferString(in), Out: &out, ErrOut: &errOut}, &out, &errOut
}

// style wraps s in an SGR escape when color is on.
func (s *IOStreams) style(code, text string) string {
	if !s.Color {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s *IOStreams) bold(t string) string   { return s.style("1", t) }
func (s *IOStreams) dim(t string) string    { return s.style("2", t) }
func (s *IOStreams) green(t string) string  { return s.style("32", t) }
func (s *IOStreams) yellow(t string) string { return s.style("33", t) }
func (s *IOStreams) cyan(t string) string   { return s.style("36", t) }
