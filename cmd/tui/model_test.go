package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/google/go-cmp/cmp"
)

// press feeds keys to m through Update, as the program would, and returns
// the model and the last command.
func press(t *testing.T, m Model, keys string) (Model, tea.Cmd) {
	t.Helper()
	var cmd tea.Cmd
	for _, r := range keys {
		var next tea.Model
		next, cmd = m.Update(keyPress(r))
		m = next.(Model)
	}
	return m, cmd
}

func sized(m Model, w, h int) Model {
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// states are the screens a session goes through, reached by keys from
// the start of the sample session plus a long card.
var states = []struct{ name, keys string }{
	{"front", ""},
	{"revealed", " "},
	{"help", "?"},
	{"source", "e"},
	{"reject confirm", "r"},
	{"error status", "!"}, // see screenAt: the next grade fails
	{"cloze revealed", " 4 "},
	{"long card revealed", "sss "},
	{"long card scrolled", "sss jjjjjjjjjj"},
	{"summary", "ssss"},
}

// screenAt builds the model for one of states at w×h.
func screenAt(t *testing.T, opts Options, w, h int, keys string) Model {
	t.Helper()
	f := newFake(append(sampleCards(), longCard())...)
	m := sized(New(f, opts), w, h)
	if keys == "!" {
		f.fail = errors.New("save answer for card 0123456789abcdef: disk full, and this message is long enough to be cut")
		keys = " 4"
	}
	m, _ = press(t, m, keys)
	return m
}

// TestModel_View_Fits checks every screen at several sizes: exactly h
// lines, none wider than w cells.
func TestModel_View_Fits(t *testing.T) {
	sizes := [][2]int{{80, 24}, {60, 20}, {120, 40}, {40, 12}, {30, 8}, {10, 3}}
	for _, size := range sizes {
		for _, st := range states {
			for _, color := range []bool{false, true} {
				w, h := size[0], size[1]
				t.Run(fmt.Sprintf("%dx%d %s color=%v", w, h, st.name, color), func(t *testing.T) {
					m := screenAt(t, Options{NoColor: !color}, w, h, st.keys)
					checkFits(t, m.View().Content, w, h)
				})
			}
		}
	}
}

func checkFits(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("screen has %d lines, want %d:\n%s", len(lines), h, screen)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide, want at most %d: %q", i+1, lw, w, l)
		}
	}
}

// TestModel_Resize checks that a resize mid-card re-lays the screen out.
func TestModel_Resize(t *testing.T) {
	m := screenAt(t, Options{}, 80, 24, "sss ")
	for _, size := range [][2]int{{60, 20}, {120, 40}, {80, 24}, {200, 60}} {
		m = sized(m, size[0], size[1])
		checkFits(t, m.View().Content, size[0], size[1])
	}
}

// TestModel_View_NoColor checks that with NoColor no screen holds an
// escape code: the alternate screen and cursor are Bubble Tea's business,
// outside the view's text.
func TestModel_View_NoColor(t *testing.T) {
	for _, st := range states {
		t.Run(st.name, func(t *testing.T) {
			m := screenAt(t, Options{NoColor: true}, 80, 24, st.keys)
			v := m.View()
			if strings.ContainsRune(v.Content, '\x1b') {
				t.Errorf("NoColor view holds an escape code:\n%q", v.Content)
			}
			if !v.AltScreen {
				t.Error("view does not ask for the alternate screen")
			}
		})
	}
	m := screenAt(t, Options{}, 80, 24, " ")
	if !strings.ContainsRune(m.View().Content, '\x1b') {
		t.Error("color view holds no escape code")
	}
}

// TestModel_View_Text checks what the screens say.
func TestModel_View_Text(t *testing.T) {
	tests := []struct {
		name, keys string
		opts       Options
		want       []string
		notWant    []string
	}{
		{name: "front", want: []string{"Go › ", "notes/go/concurrency.md:12", "0 done · 3 left", "1 new", "1 review", "1 drill", "[review] basic", "What happens on a send to a `nil` channel?", "space show the answer"}, notWant: []string{"blocks", "blackout"}},
		{name: "revealed", keys: " ", want: []string{"It blocks forever; a `select`", "0 blackout  1 wrong  2 almost  3 hard  4 good  5 easy", "u undo  s suspend  b bury  r reject  e source  ? help  q quit"}},
		{name: "cloze front", keys: " 4", want: []string{"returns [...] at once."}},
		{name: "cloze filled in", keys: " 4 ", want: []string{"returns [the zero value] at once."}},
		{name: "cram", opts: Options{Cram: true}, want: []string{"[cram] 0 done"}},
		{name: "grade before reveal", keys: "4", want: []string{"show the answer first"}},
		{name: "source", keys: "e", want: []string{"> 12 │ - A send on a nil channel blocks forever.", "   10 │ ## Channels", "e card"}},
		{name: "help", keys: "?", want: []string{"Keys", " 3  hard      right, with serious difficulty", "reject a generated card (y/n)"}},
		{name: "error", keys: "!", want: []string{"! grade: save answer for card 0123456789abcdef: disk full"}},
		{name: "summary", keys: " 5 4 1", want: []string{"Session complete", "3 cards graded  ·  7m 42s  ·  1m 32s a card", "2 drill repeats  ·  ! 1 new leech", "next  tomorrow: 12 cards", "u undo the last answer"}, notWant: []string{"graded 1 wrong"}},
		{name: "summary timed by the clock", keys: "sss", opts: Options{Now: steps(90 * time.Second)}, want: []string{"0 cards graded", "1m 30s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.NoColor = true
			f := newFake(sampleCards()...)
			if tt.name == "summary timed by the clock" {
				f.elapsed = 0
			}
			m := sized(New(f, tt.opts), 80, 24)
			if tt.keys == "!" {
				f.fail = errors.New("save answer for card 0123456789abcdef: disk full")
				tt.keys = " 4"
			}
			m, _ = press(t, m, tt.keys)
			screen := m.View().Content
			for _, w := range tt.want {
				if !strings.Contains(screen, w) {
					t.Errorf("screen lacks %q:\n%s", w, screen)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(screen, w) {
					t.Errorf("screen holds %q:\n%s", w, screen)
				}
			}
		})
	}
}

// steps is a clock that moves d at each reading.
func steps(d time.Duration) func() time.Time {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time { now = now.Add(d); return now }
}

// TestModel_Update_SessionError checks that a failing Session leaves the
// card on screen, answer shown, and says why.
func TestModel_Update_SessionError(t *testing.T) {
	f := newFake(sampleCards()...)
	f.fail = errors.New("disk full")
	m, cmd := press(t, New(f, Options{NoColor: true}), " 4")
	if isQuit(cmd) {
		t.Fatal("a Session error quit the program")
	}
	if m.card.Front != sampleCards()[0].Front || !m.revealed {
		t.Errorf("after a failed grade: card %q revealed=%v, want the first card, revealed", m.card.Front, m.revealed)
	}
	if want := "grade: disk full"; m.status != want || !m.statusBad {
		t.Errorf("status = %q (bad=%v), want %q (bad)", m.status, m.statusBad, want)
	}
	// Retrying works.
	m, _ = press(t, m, "4")
	if diff := cmp.Diff([]string{"grade 4", "grade 4"}, f.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if m.card.Front != sampleCards()[1].Front {
		t.Errorf("after the retry the card is %q, want the second", m.card.Front)
	}
}

// panicSession panics in Grade.
type panicSession struct{ *fakeSession }

func (panicSession) Grade(int) error { panic("boom") }

// TestModel_Update_Panic checks that a panic in Update becomes an error
// and a clean quit.
func TestModel_Update_Panic(t *testing.T) {
	m := New(panicSession{newFake(sampleCards()...)}, Options{NoColor: true})
	m, cmd := press(t, m, " 4")
	if !isQuit(cmd) {
		t.Error("a panic in Update did not quit")
	}
	if err := m.Err(); err == nil || !strings.Contains(err.Error(), "internal error: boom") {
		t.Errorf("Err() = %v, want an internal error: boom", err)
	}
}

// TestModel_View_Panic checks that a panic in View renders the error and
// makes the next Update quit.
func TestModel_View_Panic(t *testing.T) {
	m := New(newFake(sampleCards()...), Options{})
	woke := false
	m.fault.notify = func() { woke = true }
	m.th.inline = func(mark) lipgloss.Style { panic("bad style") }
	v := m.View()
	if !strings.Contains(v.Content, "internal error: bad style") || !v.AltScreen {
		t.Errorf("View after a panic = %q (alt=%v), want the error", v.Content, v.AltScreen)
	}
	if !woke {
		t.Error("View's panic did not wake the program")
	}
	next, cmd := m.Update(faultMsg{})
	if !isQuit(cmd) {
		t.Error("Update after View's panic did not quit")
	}
	if err := next.(Model).Err(); err == nil || !strings.Contains(err.Error(), "bad style") {
		t.Errorf("Err() = %v, want the View panic", err)
	}
}

// TestModel_View_HostileText checks that escape sequences and control
// characters in a note never reach the terminal.
func TestModel_View_HostileText(t *testing.T) {
	c := Card{
		Front:   "evil \x1b[2J\x1b]0;owned\a front\twith tab \x9b31m \u009b32m",
		Back:    "back \x1b[31mred",
		Kind:    "basic",
		Deck:    "D\x1b[1m",
		Context: []string{"ti\rtle", ""},
		Source:  "a.md:1\x07",
		Status:  "new",
	}
	f := newFake(c)
	f.source = []SourceLine{{N: 1, Text: "line \x1b[5m blink", Current: true}}
	for _, keys := range []string{"", " ", "e"} {
		m, _ := press(t, New(f, Options{NoColor: true}), keys)
		if s := m.View().Content; strings.ContainsAny(s, "\x1b\a\r\t\u009b") {
			t.Errorf("keys %q: screen holds a control character: %q", keys, s)
		}
	}
}

func TestModel_Scroll(t *testing.T) {
	m := screenAt(t, Options{NoColor: true}, 60, 20, "sss ")
	if !strings.Contains(m.View().Content, "↓ more below (j)") {
		t.Fatalf("long card at 60x20 shows no scroll hint:\n%s", m.View().Content)
	}
	m, _ = press(t, m, strings.Repeat("j", 50))
	screen := m.View().Content
	if !strings.Contains(screen, "↑ more above (k)") || !strings.Contains(screen, "sync.Mutex") {
		t.Errorf("scrolled to the end, the screen is:\n%s", screen)
	}
	m, _ = press(t, m, strings.Repeat("k", 50))
	if m.scroll != 0 {
		t.Errorf("scroll after k×50 = %d, want 0", m.scroll)
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "0s"},
		{42*time.Second + 400*time.Millisecond, "42s"},
		{3*time.Minute + 5*time.Second, "3m 05s"},
		{time.Hour + 2*time.Minute + 30*time.Second, "1h 02m"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.in); got != tt.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestModel_Breadcrumb(t *testing.T) {
	tests := []struct {
		name string
		w    int
		want string
	}{
		{name: "fits", w: 80, want: "Go › Concurrency in practice › Channels › Nil channels"},
		{name: "long parts shortened", w: 45, want: "Go › Concurrency i… › Channels › Nil channels"},
		{name: "then replaced", w: 30, want: "Go › … › Nil channels"},
		{name: "then cut", w: 12, want: "Go › … › Ni…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(newFake(sampleCards()...), Options{NoColor: true})
			got := m.breadcrumb(tt.w)
			if got != tt.want {
				t.Errorf("breadcrumb(%d) = %q, want %q", tt.w, got, tt.want)
			}
			if lipgloss.Width(got) > tt.w {
				t.Errorf("breadcrumb(%d) is %d wide", tt.w, lipgloss.Width(got))
			}
		})
	}
}

func BenchmarkModel_View(b *testing.B) {
	m := sized(New(newFake(append(sampleCards(), longCard())...), Options{}), 80, 24)
	next, _ := m.Update(keyPress(' '))
	m = next.(Model)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// TestModel_Update_Repeat checks that a held-down key grades one card only.
func TestModel_Update_Repeat(t *testing.T) {
	f := newFake(sampleCards()...)
	m, _ := press(t, New(f, Options{NoColor: true}), " 4 ")
	for range 5 {
		next, _ := m.Update(tea.KeyPressMsg{Code: '4', Text: "4", IsRepeat: true})
		m = next.(Model)
	}
	if diff := cmp.Diff([]string{"grade 4"}, f.calls); diff != "" {
		t.Errorf("calls after a held 4 (-want +got):\n%s", diff)
	}
}
