package cards

import (
	"strconv"
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "table": a table row is a record keyed by its first cell. Each other
// non-empty cell makes a basic card: front "key — column header", back the
// cell. When the first column repeats itself (a category, say), the first
// column whose cells are all distinct is the key instead. Empty cells
// ("-", "N/A", "?"), links alone, emoji codes (":+1:") and yes/no cells
// make no card, nor does a cell that is a whole sentence.

// tableLayout is what a table's rows share: the column that keys them
// (-1 when none does) and the columns of free-text remarks, which make no
// card.
type tableLayout struct {
	key   int
	prose []bool
}

// maxProseWords is the mean length of a column's cells from which it
// holds remarks ("Assumes you have traversed to the node to be removed")
// rather than values to recite ("O(1)", "Data store", "Reads a resource").
const maxProseWords = 7

// table makes the cards of row b, laid out as l.
func table(b notes.Block, l tableLayout) []draft {
	key := l.key
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
		if j == key || j < len(l.prose) && l.prose[j] {
			continue
		}
		back := cellMarkdown(withoutFootnote(c))
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

// tableLayouts returns, per row block of n, the layout of its table: the
// first column whose non-empty cells are distinct within the table keys it
// (-1 when none does, or when that column is a run of ids such as 1, 2, 3:
// the rows are the example data of an exercise), and the columns whose
// non-empty cells hold maxProseWords words or more on average are
// remarks, unless no other column holds values.
func tableLayouts(n *notes.Note) map[int]tableLayout {
	rows := map[int][]int{}
	for i, b := range n.Blocks {
		if b.Kind == notes.Row {
			rows[b.Group] = append(rows[b.Group], i)
		}
	}
	keys := make(map[int]tableLayout, len(rows))
	for _, rs := range rows {
		width := 0
		for _, i := range rs {
			width = max(width, len(n.Blocks[i].Cells))
		}
		prose := make([]bool, width)
		for col := range width {
			cells, words := 0, 0
			for _, i := range rs {
				if cs := n.Blocks[i].Cells; col < len(cs) && strings.TrimSpace(cs[col].Plain) != "" {
					cells++
					words += countWords(cs[col].Plain)
				}
			}
			prose[col] = cells > 0 && words >= maxProseWords*cells
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
		if key >= 0 && isIDRun(n, rs, key) {
			key = -1
		}
		// Remarks beside values: a table whose only values are long
		// descriptions ("JOIN | Uniquement les lignes qui …") keeps them.
		values := false
		for col, p := range prose {
			values = values || col != key && !p
		}
		if !values {
			clear(prose)
		}
		for _, i := range rs {
			keys[i] = tableLayout{key: key, prose: prose}
		}
	}
	return keys
}

// isIDRun reports whether column col of rows rs holds a run of ids: at
// least three small whole numbers, each one more than the one before (1,
// 2, 3 or 101, 102, 103).
func isIDRun(n *notes.Note, rs []int, col int) bool {
	if len(rs) < 3 {
		return false
	}
	prev := -1
	for _, i := range rs {
		cs := n.Blocks[i].Cells
		if col >= len(cs) {
			return false
		}
		v, err := strconv.Atoi(strings.TrimSpace(cs[col].Plain))
		if err != nil || v < 0 || v >= 1000 || prev >= 0 && v != prev+1 {
			return false
		}
		prev = v
	}
	return true
}

// withoutFootnote returns cell t without the mark of a footnote that ends
// it ("O(1)*": the note under the table says it is the average case), so
// that the answer does not show its escape ("O(1)\*").
func withoutFootnote(t notes.Text) notes.Text {
	p := strings.TrimRight(t.Plain, " ")
	if len(p) < 2 || p[len(p)-1] != '*' || strings.ContainsAny(p[len(p)-2:len(p)-1], " *") ||
		overlapsSpan(t, len(p)-1, len(p), notes.Code) {
		return t
	}
	return t.Slice(0, len(p)-1)
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
