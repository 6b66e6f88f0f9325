// Package tui is the full-screen review of `mnemo review`: a Bubble Tea
// program that shows one card at a time, reveals the answer, and takes an
// SM-2 grade from 0 to 5.
//
// The package knows nothing of the store or the scheduler: it drives a
// [Session], which the cmd package implements over the store and which saves
// every answer before returning. It imports only the standard library,
// Bubble Tea and Lip Gloss (charm.land/...) and the charmbracelet helpers
// they are built on; it must not import store, scheduler or export, and like
// every package below cmd it never reads the environment, calls time.Now,
// prints outside the streams it is given, or exits.
//
// Keys: space or enter shows the answer; 0–5 grade it (digits pressed before
// the answer is shown are ignored, with a hint); u undoes the last answer,
// s suspends, b buries until tomorrow, r rejects a generated card (after a
// y/n confirmation), e shows the card's lines in its note, ? shows help,
// ↑/↓ scroll a card taller than the screen, q quits and ctrl+c interrupts.
package tui
