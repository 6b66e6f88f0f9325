// Package export writes cards in formats meant for other tools and for
// paper: Anki's text import format (Anki) and a printable PDF study sheet
// (PDF), and a full JSON backup of a store (WriteBackup, ReadBackup; its
// layout is documented in json.go).
//
// Export takes plain values ([]cards.Card) that the caller has loaded; it
// never opens the store, and it imports only notes, cards and scheduler
// from this module. The PDF library (fpdf) is used in pdf.go only. Output is
// deterministic: the same cards and options always give the same bytes,
// whatever the order of the input slice.
package export
