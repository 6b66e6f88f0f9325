//go:build race

package notes

// raceEnabled is true when the race detector slows everything down.
const raceEnabled = true
