package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// altScreenOff is what Bubble Tea writes when it leaves the alternate
// screen: its presence at the end of the output means the terminal was
// restored.
const altScreenOff = "\x1b[?1049l"

func TestRun(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantCalls []string
		wantErr   error
	}{
		{name: "reveal, grade 4, quit", in: " 4q", wantCalls: []string{"grade 4"}},
		{name: "grade before reveal is ignored", in: "4q"},
		{name: "suspend bury reject", in: "sbryq", wantCalls: []string{"suspend", "bury", "reject"}},
		{name: "whole session then any key", in: " 5 4 3x", wantCalls: []string{"grade 5", "grade 4", "grade 3"}},
		{name: "ctrl+c interrupts", in: " \x03", wantErr: ErrInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(sampleCards()...)
			var out bytes.Buffer
			// A hang (waiting for keys past the end of input) fails fast.
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			err := Run(ctx, f, strings.NewReader(tt.in), &out, Options{NoColor: true})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Run(%q) = %v, want %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("Run(%q) calls (-want +got):\n%s", tt.in, diff)
			}
			if !strings.Contains(out.String(), altScreenOff) {
				t.Errorf("Run(%q) did not leave the alternate screen", tt.in)
			}
		})
	}
}

func TestRun_ContextCancel(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, newFake(sampleCards()...), pr, io.Discard, Options{NoColor: true}) }()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

// TestRun_Panic checks that a panicking Session ends Run with an error and
// a restored terminal, before the screen is up and while it runs.
func TestRun_Panic(t *testing.T) {
	var out bytes.Buffer
	err := Run(t.Context(), panicSession{newFake(sampleCards()...)}, strings.NewReader(" 4"), &out, Options{NoColor: true})
	if err == nil || !strings.Contains(err.Error(), "internal error: boom") {
		t.Errorf("Run with a Grade that panics = %v, want an internal error", err)
	}
	if !strings.Contains(out.String(), altScreenOff) {
		t.Error("Run did not leave the alternate screen after a panic")
	}

	err = Run(t.Context(), currentPanics{}, strings.NewReader(""), io.Discard, Options{})
	if err == nil || !strings.Contains(err.Error(), "internal error: no card") {
		t.Errorf("Run with a Current that panics = %v, want an internal error", err)
	}
}

type currentPanics struct{ Session }

func (currentPanics) Current() (Card, bool) { panic("no card") }
