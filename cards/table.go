package cards

import (
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// table makes a basic card of each non-empty cell of a table row but the
// first: front "first cell — column header", back the cell.
func table(b notes.Block) []draft {
	if len(b.Cells) < 2 {
		return nil
	}
	key := cellMarkdown(b.Cells[0])
	if key == "" {
		return nil
	}
	var out []draft
	for j, c := range b.Cells[1:] {
		back := cellMarkdown(c)
		if isEmptyCell(back) || isLinkOnly(c) {
			continue
		}
		front := key
		if j+1 < len(b.Header) {
			if h := cellMarkdown(b.Header[j+1]); h != "" {
				front = key + " — " + h
			}
		}
		out = append(out, draft{kind: Basic, front: front, back: back, rule: ruleTable, score: 0.6})
	}
	return out
}

func cellMarkdown(t notes.Text) string {
	s, e := trimRange(t.Plain, 0, len(t.Plain))
	return strings.TrimSpace(answerMarkdown(t, s, e))
}

// isEmptyCell reports whether a cell says nothing worth a card ("", "-",
// "N/A", "?", "TBD"…).
func isEmptyCell(s string) bool {
	switch strings.ToLower(strings.Trim(s, "`*_ ")) {
	case "", "-", "--", "—", "–", "?", "n/a", "na", "n.a.", "tbd", "todo", "none", "null", "nil", "...", "…", "/":
		return true
	}
	return false
}

// isLinkOnly reports whether every word of t is link text: a cell such as
// "[Solution](…)" names a page, it is not a fact to learn.
func isLinkOnly(t notes.Text) bool {
	toks := tokenize(t.Plain)
	for _, tk := range toks {
		if !inSpan(t, tk.start, notes.Link, notes.WikiLink) {
			return false
		}
	}
	return len(toks) > 0
}
