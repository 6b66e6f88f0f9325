package cards

import (
	"strings"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// definition makes a basic card of a "Term: definition" line or item (also
// "Term : définition" and "Term — definition" with an em dash, en dash or
// spaced hyphen): front the term, back the definition. The term must be
// short (1 to 6 words, at most 60 characters, not a sentence, not a label
// such as "Note" or "Exemple", not mostly stop words) and the definition at
// least two words. A line ending with ":" introduces a list and defines
// nothing.
func definition(t notes.Text) (draft, bool) {
	s, e, ok := definitionSeparator(t)
	if !ok {
		return draft{}, false
	}
	ts, te := trimRange(t.Plain, 0, s)
	ds, de := trimRange(t.Plain, e, len(t.Plain))
	term, def := t.Plain[ts:te], t.Plain[ds:de]
	if !isTerm(term) || strings.HasSuffix(def, ":") || strings.HasSuffix(def, "?") ||
		countWords(def) < 2 || countWords(def) > maxDefinitionWords {
		return draft{}, false
	}
	return draft{
		kind:  Basic,
		front: answerMarkdown(t, ts, te),
		back:  answerMarkdown(t, ds, de),
		rule:  ruleDefinition,
		score: 0.8,
	}, true
}

// definitionSeparator returns the range of the first ": ", " : " or
// spaced dash of t that lies outside code and links.
func definitionSeparator(t notes.Text) (start, end int, ok bool) {
	p := t.Plain
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		start, end = -1, -1
		switch r {
		case ':':
			next, _ := utf8.DecodeRuneInString(p[i+n:])
			if i+n == len(p) || isSpace(next) {
				start, end = i, i+n
			}
		case '—', '–', '-':
			prev, _ := utf8.DecodeLastRuneInString(p[:i])
			next, _ := utf8.DecodeRuneInString(p[i+n:])
			if i > 0 && isSpace(prev) && i+n < len(p) && isSpace(next) {
				start, end = i, i+n
			}
		}
		if start >= 0 && !inSpan(t, i, notes.Code, notes.Link, notes.WikiLink) {
			return start, end, true
		}
		i += n
	}
	return 0, 0, false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' || r == '\u202f'
}

// isTerm reports whether s can be a defined term.
func isTerm(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 60 || strings.ContainsRune(".!?…,;", lastRune(s)) {
		return false
	}
	if isLabel(s) || strings.ContainsAny(s, "\n") || strings.Contains(s, ". ") || !balanced(s) {
		return false
	}
	words := tokenize(s)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	stops := 0
	for k, w := range words {
		word := s[w.start:w.end]
		if isStopWord(word) && (k == 0 || word != strings.ToUpper(word)) {
			stops++ // "C ou %CPU": a capital letter is a name, not "c'"
		}
	}
	return stops*2 <= len(words) && stops < len(words)
}

// maxDefinitionWords caps the length of a definition: past it, the text
// after the colon is a paragraph of notes, not a definition to recall.
const maxDefinitionWords = 40

// balanced reports whether the brackets of s are balanced, so that a colon
// inside "(example: …)" does not split a term.
func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// countWords returns the number of words of s.
func countWords(s string) int { return len(tokenize(s)) }

// command makes a basic card of a line or item ending with ":" followed by a
// line that is only inline code (the layout of tldr pages): front the
// description, back the code.
func command(b, next notes.Block) (draft, bool) {
	desc, ok := leadIn(b.Text.Plain)
	if !ok || next.Kind != notes.Line || !isCodeOnly(next.Text) || countWords(desc) < 2 {
		return draft{}, false
	}
	p := b.Text.Plain
	ds, de := trimRange(p, 0, len(p))
	de = ds + len(strings.TrimRight(p[ds:de], ":"))
	ds, de = trimRange(p, ds, de)
	return draft{
		kind:  Basic,
		front: answerMarkdown(b.Text, ds, de),
		back:  strings.TrimSpace(markdown(next.Text)),
		rule:  ruleCommand,
		score: 0.8,
	}, true
}

// isCodeOnly reports whether t is a single code span, ignoring the space
// around it.
func isCodeOnly(t notes.Text) bool {
	s, e := trimRange(t.Plain, 0, len(t.Plain))
	if s >= e {
		return false
	}
	for _, sp := range t.Spans {
		if sp.Kind == notes.Code && sp.Start <= s && sp.End >= e {
			return true
		}
	}
	return false
}
