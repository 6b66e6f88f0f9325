// Package apkg writes Anki packages (.apkg, the legacy schema 11 layout that
// every Anki from 2.1.55 on imports): the cards as notes of two fixed note
// types, "mnemo Basic" and "mnemo Cloze", with each card's SM-2 schedule
// and its review log, so a user who moves to Anki keeps their progress.
//
// The format is described in /work/shared/anki/FORMAT.md section 13.
// The package takes plain values (cards, states, reviews); it never opens
// the store and never reads the clock: the caller passes Options.Now.
// It imports cards only (never store or cmd) and keeps the SQLite driver
// (modernc.org/sqlite, pure Go) to itself.
package apkg
