//go:build race

package export

// raceEnabled is true when the race detector slows everything down, so
// wall-clock budgets are not checked.
const raceEnabled = true
