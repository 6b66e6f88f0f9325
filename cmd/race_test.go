//go:build race

package cmd

// raceEnabled is true under -race, which makes every process slower.
const raceEnabled = true
