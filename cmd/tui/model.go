package tui

import (
	"errors"
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Model is the Bubble Tea model of one review session. Build it with New;
// the zero Model is not usable. A Model is a value: Update returns the next
// one. It calls its Session from New and Update only, never from View.
type Model struct {
	s    Session
	opts Options
	th   theme
	dark bool

	w, h int

	card     Card
	over     bool
	prog     Progress
	sum      Summary
	revealed bool

	help, showSource, confirm bool
	source                    []SourceLine

	status    string
	statusBad bool
	scroll    int

	// undo mirrors the session's undo stack: whether the card was shown
	// answered when the action was taken, so that undoing a grade brings
	// the card back with its answer (ready to grade again).
	undo []bool

	start, end time.Time

	interrupted bool
	err         error
	fault       *fault
}

// fault carries a panic caught in View, which cannot return a command, to
// the next Update and to Run. It is shared by all copies of a Model.
type fault struct {
	mu     sync.Mutex
	err    error
	notify func()
}

func (f *fault) set(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil {
		f.err = err
		if f.notify != nil {
			f.notify()
		}
	}
}

func (f *fault) get() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// faultMsg wakes Update after View panicked.
type faultMsg struct{}

// New returns the model for a review of s. It asks s for its current card
// and progress at once. s must not be nil.
func New(s Session, opts Options) Model {
	m := Model{s: s, opts: opts, dark: true, fault: &fault{}}
	m.th = newTheme(opts.NoColor, m.dark)
	if opts.Now != nil {
		m.start = opts.Now()
	}
	m.refresh()
	return m
}

// Err returns the error that ended the program from inside: a panic caught
// in Update or View, or ErrInterrupted after ctrl+c; nil after q or the
// end of the session.
func (m Model) Err() error {
	if err := m.fault.get(); err != nil {
		return err
	}
	if m.err != nil {
		return m.err
	}
	if m.interrupted {
		return ErrInterrupted
	}
	return nil
}

// Init asks the terminal for its background color, to choose the light or
// dark palette.
func (m Model) Init() tea.Cmd {
	if m.opts.NoColor {
		return nil
	}
	return tea.RequestBackgroundColor
}

// Update handles one message. A panic inside it becomes an error that
// quits the program cleanly (see Err).
func (m Model) Update(msg tea.Msg) (res tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.err = fmt.Errorf("review screen: internal error: %v", r)
			res, cmd = m, tea.Quit
		}
	}()
	if m.fault.get() != nil {
		return m, tea.Quit
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.scroll = m.clampScroll(m.scroll)
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.th = newTheme(m.opts.NoColor, m.dark)
	case tea.KeyPressMsg:
		if msg.IsRepeat && !isScrollKey(msg.String()) {
			// A held-down key must not grade or skip a run of cards (only
			// terminals with the kitty protocol tell repeats apart).
			return m, nil
		}
		return m.key(msg.String())
	case faultMsg:
		return m, tea.Quit
	}
	return m, nil
}

// isScrollKey reports whether k scrolls, the only keys that may repeat
// when held down.
func isScrollKey(k string) bool {
	switch k {
	case "up", "down", "k", "j", "pgup", "pgdown":
		return true
	}
	return false
}

// key handles one key press, named as tea.Key.String names it.
func (m Model) key(k string) (tea.Model, tea.Cmd) {
	if k == "ctrl+c" {
		m.interrupted = true
		return m, tea.Quit
	}
	if m.over {
		if k == "u" {
			return m.doUndo(), nil
		}
		return m, tea.Quit
	}
	if m.confirm {
		m.confirm = false
		if k == "y" || k == "Y" {
			return m.act(m.s.Reject, "reject", "rejected for good"), nil
		}
		m.setStatus("kept the card", false)
		return m, nil
	}
	if m.help {
		m.help = false
		if k == "q" {
			return m, tea.Quit
		}
		return m, nil
	}
	switch k {
	case "q":
		return m, tea.Quit
	case "?":
		m.help = true
	case "esc":
		m.showSource = false
		m.setStatus("", false)
	case "space", "enter":
		if !m.revealed {
			m.revealed = true
			m.setStatus("", false)
		}
	case "0", "1", "2", "3", "4", "5":
		if !m.revealed {
			m.setStatus("show the answer first (space), then grade it", false)
			return m, nil
		}
		g := int(k[0] - '0')
		return m.act(func() error { return m.s.Grade(g) }, "grade", "graded "+k+" "+gradeWords[g]), nil
	case "u":
		return m.doUndo(), nil
	case "s":
		return m.act(m.s.Suspend, "suspend", "suspended"), nil
	case "b":
		return m.act(m.s.Bury, "bury", "buried until tomorrow"), nil
	case "r":
		m.confirm = true
		m.setStatus("", false)
	case "e":
		m.showSource = !m.showSource
		m.scroll = 0
		if m.showSource && m.source == nil {
			lines, err := m.s.Source()
			if err != nil {
				m.showSource = false
				m.setStatus("source: "+err.Error(), true)
				return m, nil
			}
			m.source = cleanSource(lines)
		}
		if m.showSource {
			m.scroll = m.clampScroll(m.sourceFocus())
		}
	case "up", "k":
		m.scroll = m.clampScroll(m.scroll - 1)
	case "down", "j":
		m.scroll = m.clampScroll(m.scroll + 1)
	case "pgup":
		m.scroll = m.clampScroll(m.scroll - m.bodyHeight())
	case "pgdown":
		m.scroll = m.clampScroll(m.scroll + m.bodyHeight())
	case "home":
		m.scroll = 0
	case "end":
		m.scroll = m.clampScroll(1 << 30)
	}
	return m, nil
}

// act runs one session action that moves on to the next card; on failure
// the card stays on screen and the error shows in the status line.
func (m Model) act(fn func() error, what, done string) Model {
	if err := fn(); err != nil {
		m.setStatus(what+": "+err.Error(), true)
		return m
	}
	m.undo = append(m.undo, m.revealed)
	m.refresh()
	if !m.over {
		m.setStatus(done, false)
	}
	return m
}

func (m Model) doUndo() Model {
	err := m.s.Undo()
	switch {
	case errors.Is(err, ErrNothingToUndo):
		m.setStatus("nothing to undo", false)
		return m
	case err != nil:
		m.setStatus("undo: "+err.Error(), true)
		return m
	}
	revealed := false
	if n := len(m.undo); n > 0 {
		revealed = m.undo[n-1]
		m.undo = m.undo[:n-1]
	}
	m.refresh()
	m.revealed = revealed && !m.over
	m.setStatus("undone", false)
	return m
}

// refresh reads the current card and progress from the session.
func (m *Model) refresh() {
	card, ok := m.s.Current()
	m.over = !ok
	m.card = cleanCard(card)
	m.prog = m.s.Progress()
	m.revealed, m.help, m.showSource, m.confirm = false, false, false, false
	m.source = nil
	m.scroll = 0
	if m.over {
		m.sum = m.s.Summary()
		m.sum.NextDue = clean(m.sum.NextDue, false)
		if m.opts.Now != nil {
			m.end = m.opts.Now()
		}
	}
}

func (m *Model) setStatus(s string, bad bool) {
	m.status, m.statusBad = clean(s, false), bad
}

func (m Model) clampScroll(off int) int {
	return max(0, min(off, len(m.bodyLines(m.width()))-m.bodyHeight()))
}

// sourceFocus is the scroll offset that puts the card's first line a third
// of the way down the body.
func (m Model) sourceFocus() int {
	for i, l := range m.source {
		if l.Current {
			return i + sourceHeaderLines - m.bodyHeight()/3
		}
	}
	return 0
}

// elapsed is the session's length: the session's own figure, else the
// screen's clock, else zero (unknown).
func (m Model) elapsed() time.Duration {
	if m.sum.Elapsed > 0 {
		return m.sum.Elapsed
	}
	if m.opts.Now != nil && !m.end.IsZero() {
		return m.end.Sub(m.start)
	}
	return 0
}

func cleanCard(c Card) Card {
	c.Front = clean(c.Front, true)
	c.Back = clean(c.Back, true)
	c.Kind = clean(c.Kind, false)
	c.Deck = clean(c.Deck, false)
	c.Source = clean(c.Source, false)
	c.Status = clean(c.Status, false)
	ctx := make([]string, 0, len(c.Context))
	for _, s := range c.Context {
		if s = clean(s, false); s != "" {
			ctx = append(ctx, s)
		}
	}
	c.Context = ctx
	return c
}

func cleanSource(lines []SourceLine) []SourceLine {
	out := make([]SourceLine, len(lines))
	for i, l := range lines {
		l.Text = clean(l.Text, false)
		out[i] = l
	}
	return out
}

// View renders the screen. A panic inside it renders the error instead
// and makes the next Update quit (see Err).
func (m Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			err := fmt.Errorf("review screen: internal error: %v", r)
			m.fault.set(err)
			v = tea.NewView(clean(err.Error(), false) + "\n\nEvery answer is saved. Press any key to quit.")
			v.AltScreen = true
		}
	}()
	v = tea.NewView(m.render())
	v.AltScreen = true
	return v
}
