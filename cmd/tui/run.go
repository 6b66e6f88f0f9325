package tui

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run shows the review of s full-screen (alternate screen) on out, reading
// keys from in, and returns when the session is over and its summary
// dismissed, or when the user quits: nil after q or the summary,
// ErrInterrupted after ctrl+c (it wraps context.Canceled), ctx's error
// (wrapped) when ctx ends. The terminal is restored in every case; a panic
// inside the screen or the Session comes back as an error, not a crash.
//
// in and out must not be nil. When in is a terminal Run puts it in raw
// mode; out should be the terminal itself (an *os.File), else the screen
// stays 80×24 and gets no resize. Run installs no signal handler (the
// caller's ctx carries SIGINT and SIGTERM) and calls s from one goroutine
// at a time.
func Run(ctx context.Context, s Session, in io.Reader, out io.Writer, opts Options) error {
	if in == nil || out == nil {
		return errors.New("review screen: no input or no output stream")
	}
	m, err := newSafe(s, opts)
	if err != nil {
		return err
	}
	popts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(in),
		tea.WithOutput(out),
		// cmd owns the signals: SIGINT and SIGTERM cancel ctx.
		tea.WithoutSignalHandler(),
	}
	if opts.Environ != nil {
		popts = append(popts, tea.WithEnvironment(opts.Environ))
	}
	if opts.NoColor {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(m, popts...)
	m.fault.notify = func() { go p.Send(faultMsg{}) }
	final, err := p.Run()
	if fm, ok := final.(Model); ok {
		if ferr := fm.Err(); ferr != nil {
			return ferr
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("review: %w", context.Cause(ctx))
		}
		if errors.Is(err, tea.ErrInterrupted) {
			return ErrInterrupted
		}
		return fmt.Errorf("review screen: %w", err)
	}
	return nil
}

// newSafe is New with a panic of the Session (before the screen is up)
// returned as an error.
func newSafe(s Session, opts Options) (m Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("review screen: internal error: %v", r)
		}
	}()
	return New(s, opts), nil
}
