package cards

import (
	"strings"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "emphasis": what the author set apart is what matters. Each
// *emphasized*, **strong** or `code` span of a unit (the outermost of
// nested spans) and each phrase of one to four words between quotes
// (« », "…", “…”) makes a cloze card that hides it. Spans that cover most
// of the unit (80% or more) or run past six words are no terms and are
// skipped, and so are spans inside highlights and tags.

// maxEmphasisWords is the longest span the emphasis rule hides.
const maxEmphasisWords = 6

// emphasis makes the cloze cards of the emphasized spans and quoted
// phrases of u. It also returns the ranges it clozed so that the fact rule
// leaves them alone.
func (g *generator) emphasis(u *unit) ([]draft, [][2]int) {
	t := u.t
	out, taken := g.dbuf[:0], g.taken[:0]
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
		if n == 0 || n*5 >= lineLen*4 || countWords(t.Plain[s:e]) > maxEmphasisWords ||
			overlapsSpan(t, sp.Start, sp.End, notes.Highlight, notes.Tag) || sp.Kind != notes.Code && g.isPhrase(u, s, e) {
			continue
		}
		if sp.Kind == notes.Code && isPlaceholder(u.lower[s:e]) || sp.Kind != notes.Code && isLabel(t.Plain[s:e]) {
			continue // `foo`, `bar`: names of an example; **Note:**: a label
		}
		if sp.Kind != notes.Code && (isPlainAdjective(u.lower[s:e]) || g.isWeakPhrase(u.lower[s:e]) || adjectiveAt(u, s, e)) {
			continue // "est **équivalent** à", "a **required component**": stressed for tone, no term
		}
		d := textCloze(u, s, e, ruleEmphasis, 0.7)
		d.del.start, d.del.end = int32(sp.Start), int32(sp.End)
		switch sp.Kind {
		case notes.Code:
			d.score = 0.6
		case notes.Emphasis:
			d.score = 0.65
		}
		out = append(out, d)
		taken = append(taken, [2]int{sp.Start, sp.End})
	}
	for _, q := range quotedPhrases(t, u.toks) {
		if overlapsTaken(taken, q.start, q.end) || utf8.RuneCountInString(t.Plain[q.start:q.end])*5 >= lineLen*4 ||
			g.lang.isStop(u.lower[q.start:q.end]) || adjectiveAt(u, q.start, q.end) {
			continue
		}
		out = append(out, textCloze(u, q.start, q.end, ruleEmphasis, 0.55))
		taken = append(taken, [2]int{q.start, q.end})
	}
	g.dbuf, g.taken = out[:0], taken[:0]
	return out, taken
}

// isPhrase reports whether the emphasized Plain[s:e] of u is a phrase
// stressed for tone rather than a term: three words or more opening with
// a stop word ("*To avoid repeating discussions*", "*not at all*").
func (g *generator) isPhrase(u *unit, s, e int) bool {
	var buf [3]token
	toks := appendTokensN(buf[:0], u.lower[s:e], 3)
	return len(toks) >= 3 && g.lang.isStop(u.lower[s+toks[0].start:s+toks[0].end])
}

// isWeakPhrase reports whether the lower-case phrase w has two words or
// more and each is a stop word, a generic noun, a common verb, a plain
// adjective or an adverb ("required component", "very important
// part"): stressed for tone, it names nothing.
func (g *generator) isWeakPhrase(w string) bool {
	var buf [maxEmphasisWords + 1]token
	toks := appendTokensN(buf[:0], w, len(buf))
	if len(toks) < 2 {
		return false
	}
	for _, tk := range toks {
		x := w[tk.start:tk.end]
		if !g.lang.isStop(x) && !isGeneric(x) && !isCommonVerb(x) && !isPlainAdjective(x) && !(len(x) > 3 && isAdverb(x)) {
			return false
		}
	}
	return true
}

// adjectiveAt reports whether Plain[s:e] of u is one word right after an
// adverb of degree (`plus "apaisées"`, "very *fast*"): an adjective set
// apart for tone.
func adjectiveAt(u *unit, s, e int) bool {
	prev, words := -1, 0
	for k, tk := range u.toks {
		switch {
		case tk.end <= s:
			prev = k
		case tk.start >= s && tk.end <= e:
			words++
		}
	}
	return words == 1 && prev >= 0 && isIntensifier(u.lower[u.toks[prev].start:u.toks[prev].end])
}

// isPlaceholder reports whether the lower-case w is a name that examples
// use for anything.
func isPlaceholder(w string) bool {
	switch strings.Trim(w, "`") {
	case "foo", "bar", "baz", "qux", "quux", "foobar", "x", "y", "z", "a", "b", "c", "toto", "tata", "titi":
		return true
	}
	return false
}

// quotedPhrases returns the phrases of one to four words between quotes,
// outside code.
func quotedPhrases(t notes.Text, toks []token) []token {
	var out []token
	p := t.Plain
	if strings.IndexByte(p, '"') < 0 && !strings.Contains(p, "“") && !strings.Contains(p, "«") {
		return nil // no opening quote
	}
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		closer := rune(0)
		switch r {
		case '"':
			closer = '"'
		case '“':
			closer = '”'
		case '«':
			closer = '»'
		}
		if closer == 0 {
			i += n
			continue
		}
		k := strings.IndexRune(p[i+n:], closer)
		if k < 0 {
			break
		}
		s, e := trimPunct(p, i+n, i+n+k)
		words := 0
		for _, tk := range toks {
			if tk.start >= s && tk.end <= e {
				words++
			}
		}
		if words >= 1 && words <= 4 && !overlapsSpan(t, s, e, notes.Code) {
			out = append(out, token{s, e})
		}
		i += n + k + utf8.RuneLen(closer)
	}
	return out
}

// trimPunct shrinks [s, e) of p to start and end with a letter or digit
// (a quote holds "; 1" as well as "word").
func trimPunct(p string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(p[s:e])
		if isWordRune(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(p[s:e])
		if isWordRune(r) {
			break
		}
		e -= n
	}
	return s, e
}

func overlapsTaken(taken [][2]int, s, e int) bool {
	for _, r := range taken {
		if s < r[1] && r[0] < e {
			return true
		}
	}
	return false
}
