package cards

import (
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// emphasis makes a cloze card of each *emphasized*, **strong** or `code`
// span of a line (the outermost of nested spans), skipping spans that cover
// most of the line (80% or more), spans longer than six words, and — with a
// reason — single characters and stop words. It also returns the ranges it
// clozed so that the number rule leaves them alone.
func emphasis(t notes.Text) ([]draft, [][2]int) {
	var out []draft
	var taken [][2]int
	ls, le := trimRange(t.Plain, 0, len(t.Plain))
	lineLen := utf8.RuneCountInString(t.Plain[ls:le])
	outer := -1 // end of the last span considered, to skip nested ones
	for _, sp := range t.Spans {
		if sp.Kind != notes.Emphasis && sp.Kind != notes.Strong && sp.Kind != notes.Code {
			continue
		}
		if sp.Start < outer || sp.End > len(t.Plain) || sp.Start >= sp.End {
			continue
		}
		outer = sp.End
		s, e := trimRange(t.Plain, sp.Start, sp.End)
		n := utf8.RuneCountInString(t.Plain[s:e])
		if n == 0 || n*5 >= lineLen*4 || countWords(t.Plain[s:e]) > 6 ||
			overlapsSpan(t, sp.Start, sp.End, notes.Highlight, notes.Tag) {
			continue
		}
		d := clozeCard(t, []deletion{{start: sp.Start, end: sp.End, ansStart: s, ansEnd: e, group: 1}}, 1)
		d.rule, d.score = ruleEmphasis, 0.7
		if sp.Kind == notes.Code {
			d.score = 0.6
		}
		out = append(out, d)
		taken = append(taken, [2]int{sp.Start, sp.End})
	}
	return out, taken
}
