package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mark is a set of inline styles on a run of text.
type mark uint8

const (
	markBold mark = 1 << iota
	markItalic
	markCode
	markCloze  // a deletion, "[...]" or "[hint]"
	markAnswer // the deleted text, filled in once revealed
)

// span is a run of text with one set of styles.
type span struct {
	text string
	mark mark
}

// clozeMark is how a deletion shows on a cloze front (cards.ClozeMark; the
// package does not import cards).
const clozeMark = "[...]"

// parseInline splits light Markdown into styled spans: **bold** and __bold__,
// *italic* and _italic_, `code`, backslash escapes, and cloze deletions
// ("[...]" always; "[hint]" too when cloze is set, unless it is a link).
// Emphasis closes on the line it opens. Anything it does not understand
// stays literal text: it never fails.
func parseInline(s string, cloze bool) []span {
	var (
		out []span
		buf strings.Builder
		cur mark
	)
	flush := func() {
		if buf.Len() > 0 {
			out = append(out, span{buf.String(), cur})
			buf.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			buf.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j > 0 {
				flush()
				out = append(out, span{s[i+1 : i+1+j], cur | markCode})
				i += j + 2
				continue
			}
		case strings.HasPrefix(s[i:], clozeMark):
			flush()
			out = append(out, span{clozeMark, cur | markCloze})
			i += len(clozeMark)
			continue
		case c == '[' && cloze:
			if j := clozeHint(s[i:]); j > 0 {
				flush()
				out = append(out, span{s[i : i+j], cur | markCloze})
				i += j
				continue
			}
		case c == '*' || c == '_':
			n := 1
			if i+1 < len(s) && s[i+1] == c {
				n = 2
			}
			delim := s[i : i+n]
			m := markItalic
			if n == 2 {
				m = markBold
			}
			if cur&m != 0 && canClose(s, i, n) {
				flush()
				cur &^= m
				i += n
				continue
			}
			if cur&m == 0 && canOpen(s, i, n) && hasCloser(s, i+n, delim) {
				flush()
				cur |= m
				i += n
				continue
			}
		}
		buf.WriteByte(c)
		i++
	}
	flush()
	return out
}

// clozeHint returns the length of a "[hint]" at the start of s, or 0 when s
// does not start with one: a link "[text](url)", an empty or multi-line
// bracket, or a long one is not a hint.
func clozeHint(s string) int {
	j := strings.IndexAny(s[1:], "[]\n")
	if j <= 0 || s[1+j] != ']' || j > 80 {
		return 0
	}
	end := j + 2
	if end < len(s) && s[end] == '(' {
		return 0
	}
	return end
}

// canOpen reports whether the delimiter run of n bytes at s[i] may open
// emphasis: followed by a non-space, and for '_' not inside a word
// (snake_case stays literal).
func canOpen(s string, i, n int) bool {
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if i+n >= len(s) || unicode.IsSpace(next) {
		return false
	}
	if s[i] == '_' && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		return !isWordRune(prev)
	}
	return true
}

// canClose reports whether the delimiter run at s[i] may close emphasis:
// preceded by a non-space, and for '_' not followed by a word character.
func canClose(s string, i, n int) bool {
	if i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if unicode.IsSpace(prev) {
		return false
	}
	if s[i] == '_' && i+n < len(s) {
		next, _ := utf8.DecodeRuneInString(s[i+n:])
		return !isWordRune(next)
	}
	return true
}

// maxEmphasis bounds the search for a closing delimiter, which keeps
// parsing linear on hostile input (a long line of stars).
const maxEmphasis = 400

// hasCloser reports whether delim appears later on the same line, within
// maxEmphasis bytes, as a closing delimiter, so that a lone "*" stays a
// literal star.
func hasCloser(s string, from int, delim string) bool {
	end := min(len(s), from+maxEmphasis)
	if nl := strings.IndexByte(s[from:end], '\n'); nl >= 0 {
		end = from + nl
	}
	for k := from; k < end; {
		j := strings.Index(s[k:end], delim)
		if j < 0 {
			return false
		}
		at := k + j
		if at > from && canClose(s, at, len(delim)) {
			return true
		}
		k = at + len(delim)
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isASCIIPunct reports whether c may be backslash-escaped, as in
// CommonMark.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// fillCloze replaces the single deletion of a cloze front with the answer,
// marked markAnswer. It returns the spans unchanged and false when there is
// not exactly one deletion.
func fillCloze(front []span, answer []span) ([]span, bool) {
	at := -1
	for i, sp := range front {
		if sp.mark&markCloze != 0 {
			if at >= 0 {
				return front, false
			}
			at = i
		}
	}
	if at < 0 || len(answer) == 0 {
		return front, false
	}
	out := make([]span, 0, len(front)+len(answer))
	out = append(out, front[:at]...)
	for _, a := range answer {
		a.text = strings.ReplaceAll(a.text, "\n", " ")
		a.mark |= markAnswer | front[at].mark&^markCloze
		out = append(out, a)
	}
	return append(out, front[at+1:]...), true
}

// clean makes text from a note safe and measurable on a terminal: tabs
// become spaces, and control characters (escape sequences included) are
// dropped, except newlines when multiline is set (else they become spaces).
func clean(s string, multiline bool) string {
	ok := true
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && multiline:
			b.WriteByte('\n')
		case r == '\t' && multiline:
			b.WriteString("    ")
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
		case r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
