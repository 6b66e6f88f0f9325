// Package cards holds mnemo's card values (Card, ID, Kind, State, Review,
// Date, Grade) and turns a parsed note into cards.
//
// Generate reads a *notes.Note and proposes cards with a fixed list of rules,
// tried in priority order on every block of the note:
//
//   - "explicit": cards the author wrote (q::a, q:::a, multi-line ? and ??,
//     ==highlight== and {{c1::anki}} clozes);
//   - "command": a line ending with ":" followed by a line of inline code
//     (the layout of tldr pages);
//   - "definition": "Term: definition" and "Term — definition";
//   - "table": one card per cell of a table row;
//   - "emphasis": a cloze of each *emphasized*, **strong** or `code` span;
//   - "number": a cloze of each number, percentage or year;
//   - "fallback": a cloze of the most salient term of any other line.
//
// Explain returns every candidate with the reason it was dropped, if it was.
//
// The package imports only notes, the standard library and golang.org/x/text;
// it must not import scheduler, store, export or cmd. It never reads files,
// prints, or looks at the clock.
package cards
