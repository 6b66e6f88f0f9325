package cmd

import (
	"context"
	"testing"
	"time"
)

// endless is an input that never ends: a line "x" over and over.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "x\n"[i%2]
	}
	return len(p) - len(p)%2, nil
}

// TestLineReader_stop: once the session stops reading, the background
// reader ends even though its input goes on (it used to wait forever to
// hand over its next line).
func TestLineReader_stop(t *testing.T) {
	lr := newLineReader(endless{})
	if line, err := lr.read(context.Background()); err != nil || line != "x" {
		t.Fatalf("read = %q, %v; want \"x\"", line, err)
	}
	lr.stop()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-lr.ch:
			if !ok {
				return // the reader ended
			}
		case <-deadline:
			t.Fatal("the background reader still runs 5 s after stop")
		}
	}
}
