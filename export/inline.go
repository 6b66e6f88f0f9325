package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the one inline Markdown reader shared by the Anki and PDF
// writers. Card text is a light subset: **strong** / __strong__,
// *em* / _em_, `code`, ~~strike~~, ==highlight==, backslash escapes and line
// breaks. Everything else (links, raw HTML, block syntax) is plain text, so a
// card that starts with "1." or "#" stays exactly as written.
//
// Emphasis follows the CommonMark delimiter-run rules (left/right flanking,
// intra-word "_" does not emphasise, the rule of three), which is what the
// notes' own Markdown reader does, so a card reads the same everywhere.

// tag is one inline style opened or closed by a delimiter run.
type tag uint8

const (
	tagStrong tag = iota + 1
	tagEm
	tagStrike
	tagMark
)

type tokKind uint8

const (
	tokText    tokKind = iota + 1 // literal text
	tokEscaped                    // one backslash-escaped ASCII punctuation character
	tokCode                       // a code span's content
	tokDelim                      // a run of *, _, ~ or =
	tokBreak                      // a line break
)

// token is one piece of parsed inline text. A delimiter token renders as
// its closing tags (innermost first), the delimiter characters nobody used,
// then its opening tags (outermost first).
type token struct {
	kind tokKind
	text string

	ch       byte // delimiter character
	n        int  // delimiter characters not used by a match
	orig     int  // run length as written
	canOpen  bool
	canClose bool
	removed  bool // no longer on the delimiter stack

	open  []tag
	close []tag
}

// literal returns the unused delimiter characters of a delimiter token.
func (t *token) literal() string {
	return strings.Repeat(string(t.ch), t.n)
}

// parseInline reads s (NFC, LF line endings) into tokens.
func parseInline(s string) []token {
	return appendInline(nil, s)
}

// appendInline reads s (NFC, LF line endings) into tokens appended to toks,
// so a caller that parses many texts can reuse one slice. A text token is
// always a substring of s: literal text runs between the other tokens.
func appendInline(toks []token, s string) []token {
	// noCloser[n] records that no run of n backticks follows, so each
	// length is searched for in vain at most once.
	var noCloser map[int]bool
	start := len(toks)
	text := 0 // start of the pending text, which ends at i
	flush := func(i int) {
		if i > text {
			toks = append(toks, token{kind: tokText, text: s[text:i]})
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			flush(i)
			toks = append(toks, token{kind: tokBreak})
			i++
			text = i
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			flush(i)
			toks = append(toks, token{kind: tokEscaped, text: s[i+1 : i+2]})
			i += 2
			text = i
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			flush(i)
			toks = append(toks, token{kind: tokBreak})
			i += 2
			text = i
		case c == '`':
			n := runLen(s, i, '`')
			end := -1
			if !noCloser[n] {
				end = findBacktickRun(s, i+n, n)
				if end < 0 {
					if noCloser == nil {
						noCloser = map[int]bool{}
					}
					noCloser[n] = true
				}
			}
			if end >= 0 {
				flush(i)
				toks = append(toks, token{kind: tokCode, text: codeContent(s[i+n : end])})
				i = end + n
				text = i
				continue
			}
			i += n
		case c == '*' || c == '_' || c == '~' || c == '=':
			n := runLen(s, i, c)
			if (c == '~' || c == '=') && n != 2 {
				i += n
				continue
			}
			flush(i)
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			if i == 0 {
				before = '\n'
			}
			after, _ := utf8.DecodeRuneInString(s[i+n:])
			if i+n == len(s) {
				after = '\n'
			}
			left, right := flanking(before, after)
			t := token{kind: tokDelim, ch: c, n: n, orig: n}
			switch c {
			case '_':
				t.canOpen = left && (!right || isPunct(before))
				t.canClose = right && (!left || isPunct(after))
			default:
				t.canOpen, t.canClose = left, right
			}
			toks = append(toks, t)
			i += n
			text = i
		default:
			i++
		}
	}
	flush(len(s))
	matchEmphasis(toks[start:])
	return toks
}

// matchEmphasis pairs delimiter runs, as CommonMark's "process emphasis"
// does: closers from left to right, each with the nearest usable opener.
// The delimiter stack is a linked list with removal, and a failed search
// records how far down it went (CommonMark's openers_bottom), so the work
// stays linear in practice however hostile the text.
func matchEmphasis(toks []token) {
	var d []int // token index of each delimiter run, in order
	for i := range toks {
		if toks[i].kind == tokDelim {
			d = append(d, i)
		}
	}
	m := len(d)
	if m < 2 {
		return
	}
	links := make([]int, 2*m)
	prev, next := links[:m], links[m:]
	for i := range m {
		prev[i], next[i] = i-1, i+1
	}
	remove := func(i int) {
		if prev[i] >= 0 {
			next[prev[i]] = next[i]
		}
		if next[i] < m {
			prev[next[i]] = prev[i]
		}
		toks[d[i]].removed = true
	}
	// bottom[ch][canOpen][orig%3] is openers_bottom for closers of that
	// kind, plus one (0: not set yet), in an array rather than a map: this
	// runs for nearly every card.
	var bottom [4][2][3]int
	chIndex := func(ch byte) int {
		switch ch {
		case '*':
			return 0
		case '_':
			return 1
		case '~':
			return 2
		}
		return 3
	}
	for ci := 0; ci < m; {
		c := &toks[d[ci]]
		if c.removed || !c.canClose || c.n == 0 {
			ci = next[ci]
			continue
		}
		open := 0
		if c.canOpen {
			open = 1
		}
		bot := &bottom[chIndex(c.ch)][open][c.orig%3]
		lo := -1
		if *bot > 0 {
			lo = *bot - 1
		}
		oi := -1
		for k := prev[ci]; k > lo; k = prev[k] {
			o := &toks[d[k]]
			if o.ch != c.ch || !o.canOpen || o.n == 0 {
				continue
			}
			if (c.ch == '*' || c.ch == '_') && (o.canClose || c.canOpen) &&
				(o.orig+c.orig)%3 == 0 && !(o.orig%3 == 0 && c.orig%3 == 0) {
				continue
			}
			oi = k
			break
		}
		if oi < 0 {
			*bot = prev[ci] + 1
			if !c.canOpen {
				remove(ci)
			}
			ci = next[ci]
			continue
		}
		o := &toks[d[oi]]
		use, tg := 1, tagEm
		switch {
		case c.ch == '~':
			use, tg = 2, tagStrike
		case c.ch == '=':
			use, tg = 2, tagMark
		case o.n >= 2 && c.n >= 2:
			use, tg = 2, tagStrong
		}
		o.n -= use
		c.n -= use
		o.open = append([]tag{tg}, o.open...)
		c.close = append(c.close, tg)
		for k := next[oi]; k != ci; k = next[k] {
			remove(k)
		}
		if o.n == 0 {
			remove(oi)
		}
		if c.n == 0 {
			remove(ci)
			ci = next[ci]
		}
	}
}

// flanking reports whether a delimiter run between the runes before and
// after is left-flanking and right-flanking (CommonMark 6.2). Start and end
// of text count as white space.
func flanking(before, after rune) (left, right bool) {
	left = !unicode.IsSpace(after) && (!isPunct(after) || unicode.IsSpace(before) || isPunct(before))
	right = !unicode.IsSpace(before) && (!isPunct(before) || unicode.IsSpace(after) || isPunct(after))
	return left, right
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// findBacktickRun returns the index of the next run of exactly n backticks
// at or after i, or -1.
func findBacktickRun(s string, i, n int) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		j += i
		m := runLen(s, j, '`')
		if m == n {
			return j
		}
		i = j + m
	}
	return -1
}

// codeContent applies CommonMark's code span rules: line endings become
// spaces, and one space is stripped from each end when both ends have one
// and the content is not all spaces.
func codeContent(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
		s = s[1 : len(s)-1]
	}
	return s
}
