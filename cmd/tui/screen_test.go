package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/google/go-cmp/cmp"
)

// The golden screens live in testdata/TestScreens/*.golden; rewrite them
// with `go test ./cmd/tui -update` (the flag comes from
// github.com/charmbracelet/x/exp/golden, which teatest uses) and review
// them like code: `cat` shows the colored ones as they look.

// runKeys drives a real Bubble Tea program (teatest) with the sample
// session at w×h, types keys, quits, and returns the final model.
func runKeys(t *testing.T, f *fakeSession, opts Options, w, h int, keys string) Model {
	t.Helper()
	tm := teatest.NewTestModel(t, New(f, opts),
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithoutSignalHandler()))
	for _, r := range keys {
		tm.Send(keyPress(r))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
}

// keyPress is the message a terminal sends for r; \r is enter and \x1b
// escape, as in a terminal.
func keyPress(r rune) tea.KeyPressMsg {
	switch r {
	case '\r':
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case '\x1b':
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

func TestScreens(t *testing.T) {
	tests := []struct {
		name string
		keys string
	}{
		{name: "front", keys: ""},
		{name: "revealed", keys: " "},
		{name: "cloze revealed", keys: " 4 "},
		{name: "help", keys: "?"},
		{name: "source", keys: "e"},
		{name: "reject confirm", keys: "r"},
		{name: "summary", keys: " 4 5 2"},
	}
	for _, tt := range tests {
		for _, color := range []bool{false, true} {
			name := tt.name
			if color {
				name += " color"
			}
			t.Run(name, func(t *testing.T) {
				m := runKeys(t, newFake(sampleCards()...), Options{NoColor: !color}, 80, 24, tt.keys)
				golden.RequireEqual(t, m.View().Content)
			})
		}
	}
}

// TestKeyFlows checks which Session methods a key sequence calls, through
// a real program.
func TestKeyFlows(t *testing.T) {
	tests := []struct {
		name       string
		keys       string
		wantCalls  []string
		wantStatus string
	}{
		{name: "reveal then grade 4", keys: " 4", wantCalls: []string{"grade 4"}, wantStatus: "graded 4 good"},
		{name: "enter reveals too", keys: "\r0", wantCalls: []string{"grade 0"}, wantStatus: "graded 0 blackout"},
		{name: "grade before reveal is ignored", keys: "3", wantStatus: "show the answer first (space), then grade it"},
		{name: "undo", keys: " 4u", wantCalls: []string{"grade 4", "undo"}, wantStatus: "undone"},
		{name: "nothing to undo", keys: "u", wantCalls: []string{"undo"}, wantStatus: "nothing to undo"},
		{name: "suspend", keys: "s", wantCalls: []string{"suspend"}, wantStatus: "suspended"},
		{name: "bury", keys: "b", wantCalls: []string{"bury"}, wantStatus: "buried until tomorrow"},
		{name: "reject confirmed", keys: "ry", wantCalls: []string{"reject"}, wantStatus: "rejected for good"},
		{name: "reject declined", keys: "rn", wantStatus: "kept the card"},
		{name: "source", keys: "e", wantCalls: []string{"source"}},
		{name: "help swallows the next key", keys: "?s"},
		{name: "other keys do nothing", keys: "xz7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(sampleCards()...)
			m := runKeys(t, f, Options{NoColor: true}, 80, 24, tt.keys)
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("keys %q: calls (-want +got):\n%s", tt.keys, diff)
			}
			if m.status != tt.wantStatus {
				t.Errorf("keys %q: status = %q, want %q", tt.keys, m.status, tt.wantStatus)
			}
		})
	}
}

// TestQuit checks that q and ctrl+c end the program on their own, and
// what Err reports.
func TestQuit(t *testing.T) {
	tests := []struct {
		name    string
		keys    []tea.KeyPressMsg
		wantErr error
	}{
		{name: "q", keys: []tea.KeyPressMsg{{Code: 'q', Text: "q"}}},
		{name: "q from the help", keys: []tea.KeyPressMsg{{Code: '?', Text: "?"}, {Code: 'q', Text: "q"}}},
		{name: "ctrl+c", keys: []tea.KeyPressMsg{{Code: 'c', Mod: tea.ModCtrl}}, wantErr: ErrInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(sampleCards()...)
			tm := teatest.NewTestModel(t, New(f, Options{NoColor: true}), teatest.WithProgramOptions(tea.WithoutSignalHandler()))
			for _, k := range tt.keys {
				tm.Send(k)
			}
			m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
			if err := m.Err(); err != tt.wantErr {
				t.Errorf("Err() after %s = %v, want %v", tt.name, err, tt.wantErr)
			}
			if len(f.calls) != 0 {
				t.Errorf("calls after %s = %v, want none", tt.name, f.calls)
			}
		})
	}
}

// TestSummaryUndo checks that u on the summary brings the last card back,
// answer shown, ready to be graded again.
func TestSummaryUndo(t *testing.T) {
	f := newFake(sampleCards()[:1]...)
	m := runKeys(t, f, Options{NoColor: true}, 80, 24, " 2u")
	if m.over || !m.revealed {
		t.Fatalf("after grading the last card and u: over=%v revealed=%v, want false true", m.over, m.revealed)
	}
	if diff := cmp.Diff([]string{"grade 2", "undo"}, f.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if !strings.Contains(m.View().Content, "0 blackout") {
		t.Errorf("after undo the grades are not on screen:\n%s", m.View().Content)
	}
}
