package tui

import (
	"flag"
	"os"
	"testing"
	"time"
)

var demo = flag.Bool("demo", false, "run the review screen on this terminal with a fake session (build with go test -c and run the binary)")

// TestDemo is a manual harness, not a test: run
//
//	go test -c -o /tmp/tuidemo ./cmd/tui && /tmp/tuidemo -test.run TestDemo -demo
//
// to review the sample cards on the real terminal.
func TestDemo(t *testing.T) {
	if !*demo {
		t.Skip("manual harness: pass -demo")
	}
	cards := append(sampleCards(), longCard())
	f := newFake(cards...)
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	n := 0
	clock := func() time.Time { n++; return start.Add(time.Duration(n) * 37 * time.Second) }
	err := Run(t.Context(), f, os.Stdin, os.Stdout, Options{NoColor: os.Getenv("NO_COLOR") != "", Now: clock, Environ: os.Environ()})
	t.Logf("Run = %v; calls %v", err, f.calls)
}

// longCard is taller than a small screen, to exercise scrolling.
func longCard() Card {
	return Card{
		Front: "Name the **four** conditions Coffman gave for a deadlock, and say which one a lock ordering breaks.",
		Back: "1. *Mutual exclusion*: a resource is held by one process at a time.\n" +
			"2. *Hold and wait*: a process holds one resource while waiting for another.\n" +
			"3. *No preemption*: a resource is released only voluntarily.\n" +
			"4. *Circular wait*: a cycle of processes each waits for the next.\n\n" +
			"A global lock order makes a cycle impossible, so it breaks **circular wait**; `sync.Mutex` itself does nothing about it.",
		Kind:    "basic",
		Deck:    "Systems",
		Context: []string{"Operating systems — concurrency and synchronisation", "Deadlock"},
		Source:  "notes/systems/operating-systems-concurrency.md:214",
		Status:  "review",
	}
}
