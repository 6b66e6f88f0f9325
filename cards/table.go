package cards

import (
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "table": a table row is a record keyed by its first cell. Each other
// non-empty cell makes a basic card: front "key — column header", back the
// cell. When the first column repeats itself (a category, say), the first
// column whose cells are all distinct is the key instead. Empty cells
// ("-", "N/A", "?"), links alone, emoji codes (":+1:") and yes/no cells
// make no card, nor does a cell that is a whole sentence.

// table makes the cards of row b, keyed by its column key.
func table(b notes.Block, key int) []draft {
	if len(b.Cells) < 2 || key < 0 || key >= len(b.Cells) {
		return nil
	}
	kt := b.Cells[key]
	if d, ok := separatorDefinition(kt, langOther); ok {
		kt = kt.Slice(d.ts, d.te) // "**MongoDB** - Document-oriented database" is keyed by MongoDB
	}
	k := cellMarkdown(kt)
	if k == "" || countWords(kt.Plain) > maxTermWords {
		return nil // a key that is a sentence keys nothing
	}
	var out []draft
	for j, c := range b.Cells {
		if j == key {
			continue
		}
		back := cellMarkdown(c)
		if isEmptyCell(back) || isLinkOnly(c) || isEmoji(back) || isStopWord(strings.Trim(back, "*_ ")) {
			continue
		}
		front := k
		if j < len(b.Header) {
			if h := cellMarkdown(b.Header[j]); h != "" {
				front = k + " — " + h
			}
		}
		out = append(out, draft{kind: Basic, front: front, back: back, rule: ruleTable, score: 0.6})
	}
	return out
}

// tableKeys returns, per block of n, the column that keys its table row:
// the first column whose non-empty cells are distinct within the table
// (-1 when none is).
func tableKeys(n *notes.Note) map[int]int {
	rows := map[int][]int{}
	for i, b := range n.Blocks {
		if b.Kind == notes.Row {
			rows[b.Group] = append(rows[b.Group], i)
		}
	}
	keys := make(map[int]int, len(rows))
	for _, rs := range rows {
		width := 0
		for _, i := range rs {
			width = max(width, len(n.Blocks[i].Cells))
		}
		key := -1
		for col := 0; col < width-1 && key < 0; col++ {
			seen := map[string]bool{}
			distinct := true
			for _, i := range rs {
				cells := n.Blocks[i].Cells
				if col >= len(cells) {
					continue
				}
				v := strings.ToLower(strings.TrimSpace(cells[col].Plain))
				if v == "" || seen[v] {
					distinct = false
					break
				}
				seen[v] = true
			}
			if distinct {
				key = col
			}
		}
		for _, i := range rs {
			keys[i] = key
		}
	}
	return keys
}

// isEmoji reports whether a cell is an emoji short code such as ":+1:".
func isEmoji(s string) bool {
	return len(s) > 2 && s[0] == ':' && s[len(s)-1] == ':' && !strings.ContainsAny(s[1:len(s)-1], " :")
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
	var buf [32]token
	toks := appendTokens(buf[:0], t.Plain)
	for _, tk := range toks {
		if !inSpan(t, tk.start, notes.Link, notes.WikiLink) {
			return false
		}
	}
	return len(toks) > 0
}
