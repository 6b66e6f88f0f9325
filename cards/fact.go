package cards

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "fact": numbers, percentages, amounts, dates, acronyms and names are
// the facts of a line. Each number or date of a unit makes a cloze card
// (up to maxFactCards); a unit that gave no other card hides its most
// salient acronym or name instead ("KPIs", "Dynatrace", "Julia Gillard").
// Numbers inside code, links, tags, words ("MP3", "x86") or versions
// ("1.2.3") are left alone, and so are bare single digits and lines that
// list more than maxNumbersInLine figures.

// maxFactCards caps the number and date cards of one unit.
const maxFactCards = 3

// facts makes the fact cards of u; taken holds the ranges the emphasis
// rule already hid, and kept whether it made a card.
func (g *generator) facts(u *unit, taken [][2]int, kept bool) []draft {
	t := u.t
	p := t.Plain
	if isArithmetic(p) {
		return nil
	}
	out := g.dbuf[:0]
	ok := func(s, e int) bool {
		return !overlapsSpan(t, s, e, notes.Code, notes.Link, notes.WikiLink, notes.Tag, notes.Highlight) &&
			!overlapsTaken(taken, s, e)
	}
	for _, r := range findDates(u) {
		if ok(r.start, r.end) && len(out) < maxFactCards {
			out = append(out, textCloze(u, r.start, r.end, ruleFact, 0.6))
			taken = append(taken, [2]int{r.start, r.end})
		}
	}
	if countNumbers(p) <= maxNumbersInLine {
		urls := u.urlRanges()
		for i := 0; i < len(p) && len(out) < maxFactCards; {
			c := p[i]
			if !isDigit(c) {
				if c < utf8.RuneSelf {
					i++
					continue
				}
				r, n := utf8.DecodeRuneInString(p[i:])
				if !unicode.IsDigit(r) {
					i += n
					continue
				}
			}
			s, e, good := numberAt(p, i)
			_, n := utf8.DecodeRuneInString(p[i:])
			i = max(e, i+n)
			if !good || e-s == 1 || !ok(s, e) || inRanges(urls, s) {
				continue
			}
			out = append(out, textCloze(u, s, e, ruleFact, 0.55))
		}
	}
	if len(out) == 0 && !kept && !isQuestion(p) {
		if d, found := g.nameFact(u, taken); found {
			out = append(out, d)
		}
	}
	g.dbuf = out[:0]
	return out
}

// isArithmetic reports whether p computes ("10 KB per tweet * 500 million
// tweets per day"): its figures are steps of a calculation, not facts.
func isArithmetic(p string) bool {
	return countNumbers(p) >= 2 && (strings.Contains(p, " * ") || strings.Contains(p, " / ") ||
		strings.Contains(p, " × ") || strings.Contains(p, " = "))
}

// month reports whether the lower-case word w names a month (English or
// French, full or abbreviated).
func month(w string) bool {
	if len(w) < 3 || len(w) > len("septembre") {
		return false
	}
	switch w[0] {
	case 'j', 'f', 'm', 'a', 's', 'o', 'n', 'd':
	default:
		return false
	}
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
		"sept", "oct", "nov", "dec",
		"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre", "janv", "févr", "avr", "juil":
		return true
	}
	return false
}

// findDates returns the dates of u: "5 December 2023", "December 5, 2023",
// "décembre 2023", "1er mai", "2023-12-05".
func findDates(u *unit) []token {
	var out []token
	p, lp, toks := u.t.Plain, u.lower, u.toks
	isNum := func(k, maxLen int) bool {
		if k < 0 || k >= len(toks) {
			return false
		}
		w := lp[toks[k].start:toks[k].end]
		if w == "1er" {
			return maxLen <= 2
		}
		if len(w) > maxLen {
			return false
		}
		for i := 0; i < len(w); i++ {
			if !isDigit(w[i]) {
				return false
			}
		}
		return true
	}
	gap := func(a, b int) bool { // only spaces or ", " between tokens a and b
		s := p[toks[a].end:toks[b].start]
		return s == " " || s == ", " || s == "\u00a0"
	}
	for k := 0; k < len(toks); k++ {
		w := lp[toks[k].start:toks[k].end]
		if len(w) == 10 && w[4] == '-' && w[7] == '-' && isNum4(w[:4]) && isNum4("00"+w[5:7]) && isNum4("00"+w[8:]) {
			out = append(out, toks[k])
			continue
		}
		if !month(w) {
			continue
		}
		s, e := toks[k].start, toks[k].end
		day := isNum(k-1, 2) && gap(k-1, k)
		if day {
			s = toks[k-1].start
		}
		next := k + 1
		if !day && isNum(next, 2) && gap(k, next) && !(isNum(next+1, 4) && len(lp[toks[next].start:toks[next].end]) == 4) {
			day = true
			e = toks[next].end
			next++
		}
		year := isNum(next, 4) && toks[next].end-toks[next].start == 4 && gap(next-1, next)
		if year {
			e = toks[next].end
		}
		if !day && !year {
			continue
		}
		if w == "may" && !(day && year) {
			continue // "may" is mostly a verb
		}
		out = append(out, token{s, e})
		k = next
	}
	return out
}

// bareAcronym reports whether the acronym Plain[s:e] of u stands alone in
// parentheses without the words before it spelling it out ("formation
// des personnels de recherche (H4SR)"): the name of a programme the note
// does not explain, which asks for the author's shorthand. An acronym
// after its words ("service level agreement (SLA)") is its expansion.
func bareAcronym(u *unit, s, e int) bool {
	p := u.t.Plain
	if s == 0 || e >= len(p) || p[s-1] != '(' || p[e] != ')' {
		return false
	}
	last := len(u.toks) - 1 // the last word before the parenthesis
	for last >= 0 && u.toks[last].end >= s {
		last--
	}
	if last < 0 {
		return true
	}
	first := max(0, last-(e-s)+1) // as many words as the acronym has letters
	return !spellsOut(p[s:e], p[u.toks[first].start:u.toks[last].end])
}

// writtenLower reports whether the note writes the lower-case word w in
// lower case somewhere ("la loi"): then its capital elsewhere ("la
// [[Loi]]", a link to the note of that title) makes no name.
func (g *generator) writtenLower(w string) bool {
	for i, b := range g.n.Blocks {
		low := g.info[i].lower
		for off := 0; off < len(low); {
			k := strings.Index(low[off:], w)
			if k < 0 {
				break
			}
			s := off + k
			if s+len(w) <= len(b.Text.Plain) && b.Text.Plain[s:s+len(w)] == w && countWord(low[s:], w, 1) > 0 &&
				(s == 0 || !isWordRune(lastRune(low[:s]))) {
				return true
			}
			off = s + len(w)
		}
	}
	return false
}

// speakerLabelEnd returns where the name of a speaker that opens u ends
// ("Louis Cellier : non respect des personnes …"), or 0: two to four
// capitalised words before a colon, as the notes of a talk write whoever
// speaks. Asking who said it asks for the notes' layout, not a fact.
func speakerLabelEnd(u *unit) int {
	p := u.t.Plain
	words := 0
	for k, tk := range u.toks {
		if k > 0 && strings.TrimSpace(p[u.toks[k-1].end:tk.start]) != "" {
			break // punctuation between words
		}
		if !isUpperStart(p[tk.start:tk.end]) || words == 4 {
			return 0
		}
		words++
		if rest := strings.TrimLeft(p[tk.end:], " \u00a0"); strings.HasPrefix(rest, ":") {
			if words < 2 {
				return 0
			}
			return tk.end
		}
	}
	return 0
}

// isCalendarWord reports whether the lower-case word w names a month or a
// day of the week (English or French): alone, it dates a meeting or a
// plan ("by end of July", "this Friday"), no fact to learn.
func isCalendarWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
		"mercredi", "jeudi", "vendredi", "samedi", "dimanche":
		return true
	}
	return month(w)
}

func isNum4(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// nameFact makes a cloze card of the most salient acronym or name of u
// that does not start its sentence.
func (g *generator) nameFact(u *unit, taken [][2]int) (draft, bool) {
	p := u.t.Plain
	if isTitleCase(u) {
		return draft{}, false // "How To Define An Interval" names nothing
	}
	var best term
	found := false
	urls := u.urlRanges()
	ws := g.words(u)
	frag, label := fragmentStart(u), speakerLabelEnd(u)
	for k, tk := range u.toks {
		if inSpan(u.t, tk.start, notes.Code, notes.Tag, notes.Strikethrough) || overlapsTaken(taken, tk.start, tk.end) ||
			inRanges(urls, tk.start) || frag >= 0 && tk.start >= frag {
			continue // nor a name of an unfinished sentence: "Credit to this [StackOverflow] answer … with a"
		}
		c := ws[k].core
		w := p[c.start:c.end]
		acr := ws[k].acr
		upper := isUpperStart(w) && g.lang != langDE && !g.lang.isStop(u.lower[c.start:c.end]) && // German capitalises all nouns
			!isOrdinal(u.lower[c.start:c.end])
		// A run of capitalised words is one name ("Julia Gillard",
		// "Olivier Le Deuff").
		end, words := c.end, 1
		if upper && !acr {
			for j := k + 1; j < len(u.toks) && j-k <= 3; j++ {
				nw := p[u.toks[j].start:u.toks[j].end]
				gap := p[u.toks[j-1].end:u.toks[j].start]
				initial := gap == ". " && u.toks[j-1].end-u.toks[j-1].start == 1 // "Thomas C. Durand"
				if !isUpperStart(nw) || gap != " " && !initial {
					break
				}
				if len(nw) == 1 && j+1 < len(u.toks) && p[u.toks[j].end:u.toks[j+1].start] == ". " {
					continue // the initial of "Thomas C. Durand"
				}
				if g.lang.isStop(u.lower[u.toks[j].start:u.toks[j].end]) {
					if j+1 < len(u.toks) && isParticle(u.lower[u.toks[j].start:u.toks[j].end]) &&
						isUpperStart(p[u.toks[j+1].start:u.toks[j+1].end]) {
						continue // "Le" in "Olivier Le Deuff"
					}
					break
				}
				end, words = u.toks[j].end, words+1
			}
		}
		// A capitalised word that opens a sentence is a name only when
		// another follows it.
		name := upper && (!startsSentence(p, tk.start) || words > 1)
		if !acr && !name || utf8.RuneCountInString(w) < 2 || g.inContext(u.blk, u.lower[c.start:end]) ||
			c.start < label || // "[Louis Cellier] : non respect des …"
			acr && bareAcronym(u, c.start, c.end) || // "personnels de recherche ([H4SR])"
			words == 1 && !acr && inSpan(u.t, c.start, notes.WikiLink) && g.writtenLower(u.lower[c.start:c.end]) ||
			words == 1 && isCalendarWord(u.lower[c.start:c.end]) || // "this [Friday]", "end of [July]"
			words == 1 && !acr && (isGeneric(u.lower[c.start:c.end]) || isCommonVerb(u.lower[c.start:c.end])) ||
			acr && len(w) == 2 && g.shorthand(w) {
			continue
		}
		sc, good := g.termScore(u, c.start, end, k)
		if !good {
			continue
		}
		if !found || sc > best.score {
			best, found = term{c.start, end, sc}, true
		}
	}
	if !found {
		return draft{}, false
	}
	return textCloze(u, best.start, best.end, ruleFact, 0.45), true
}

// shorthand reports whether the two-capital word w is the author's
// shorthand, used all over the note ("DL" for déontologie, four times or
// more and once in 25 blocks at least) and spelled out by neither its
// title nor its headings ("DP" under "Dynamic programming" is the
// field's): asking for it asks for a private abbreviation.
func (g *generator) shorthand(w string) bool {
	if g.acronyms == nil {
		g.acronyms = map[string]int{}
		for i, b := range g.n.Blocks {
			p := b.Text.Plain
			for _, tk := range g.info[i].toks {
				if tk.end-tk.start == 2 && 'A' <= p[tk.start] && p[tk.start] <= 'Z' && 'A' <= p[tk.start+1] && p[tk.start+1] <= 'Z' {
					g.acronyms[p[tk.start:tk.end]]++
				}
			}
		}
	}
	uses := g.acronyms[w]
	if uses < 4 || uses*25 < len(g.n.Blocks) {
		return false
	}
	if g.spellsOutRun(w, g.n.Title) {
		return false
	}
	for _, b := range g.n.Blocks {
		if b.Kind == notes.Heading && g.spellsOutRun(w, b.Text.Plain) {
			return false
		}
	}
	return true
}

// spellsOutRun reports whether consecutive words of s, stop words left
// out, start with the letters of the abbreviation w, in order ("Dynamic
// programming" spells out "DP"; "de la" spells out nothing).
func (g *generator) spellsOutRun(w, s string) bool {
	var buf [64]token
	toks := appendTokens(buf[:0], s)
	ls := lower(s)
	words := toks[:0]
	for _, tk := range toks {
		if !g.lang.isStop(ls[tk.start:tk.end]) {
			words = append(words, tk)
		}
	}
	for k := 0; k+len(w) <= len(words); k++ {
		match := true
		for j := 0; j < len(w) && match; j++ {
			match = strings.EqualFold(s[words[k+j].start:words[k+j].start+1], w[j:j+1])
		}
		if match {
			return true
		}
	}
	return false
}

// isParticle reports whether the lower-case word w may sit inside a
// person's name ("Le Deuff", "van Rossum", "de Gaulle").
func isParticle(w string) bool {
	switch w {
	case "le", "la", "de", "du", "des", "van", "von", "der", "den", "di", "da", "del", "y":
		return true
	}
	return false
}

// isTitleCase reports whether most words of u are capitalised, as in a
// title.
func isTitleCase(u *unit) bool {
	caps, words := 0, 0
	for _, tk := range u.toks {
		w := u.t.Plain[tk.start:tk.end]
		if !hasLetter(w) {
			continue
		}
		words++
		if isUpperStart(w) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*6
}
