package cmd

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	percent := debug.SetGCPercent(100)
	defer debug.SetGCPercent(percent)

	app := &App{Getenv: env(nil)}
	restore := app.tuneGC(400, -1)
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("GC percent while tuned = %d, want 400", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after restore = %d, want 100", got)
	}

	app = &App{Getenv: env(map[string]string{"GOGC": "50"})}
	app.tuneGC(400, -1)()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent with GOGC set = %d, want it left at 100", got)
	}
}
