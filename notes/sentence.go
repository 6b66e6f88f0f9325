package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// knownAbbreviation reports whether a word (in lower case, without its
// period) is an abbreviation that does not end a sentence; a switch on
// string(word) copies nothing. Single letters ("J.", "M.", "p.") and
// dotted forms ("e.g.", "i.e.", "U.S.") are handled by rule. "etc." is
// not here: it ends a sentence when an upper-case word follows it, and
// sentences only end there.
func knownAbbreviation(word []byte) bool {
	switch string(word) {
	case "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "cf", // English
		"fig", "approx", "vol", "resp",
		"mme", "mmes", "mlle", "mlles", "ex", "env", "éd", "chap", "av", // French
		"apr", "cie", "pp":
		return true
	}
	return false
}

// knownAbbreviationFold is knownAbbreviation of word in lower case,
// lowered on the stack. The longest abbreviation has 6 bytes, and
// lowering a rune divides its bytes by 3 at most: longer words are none.
func knownAbbreviationFold(word string) bool {
	if len(word) > 18 {
		return false
	}
	var buf [32]byte
	if ascii(word) {
		if len(word) > 6 {
			return false
		}
		for i := 0; i < len(word); i++ {
			c := word[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return knownAbbreviation(buf[:len(word)])
	}
	lower := buf[:0]
	for _, r := range word {
		lower = utf8.AppendRune(lower, unicode.ToLower(r))
	}
	return knownAbbreviation(lower)
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isAbbreviation reports whether word (the text before a period, after
// the last white space) is an abbreviation.
func isAbbreviation(word string) bool {
	word = strings.TrimLeftFunc(word, func(r rune) bool {
		switch r {
		case '(', '[', '{', '"', '\'', '«', '“', '‘', '¿', '¡':
			return true
		}
		return false
	})
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsLetter(r)
	}
	if knownAbbreviationFold(word) {
		return true
	}
	// Dotted abbreviations: every part one or two letters (e.g, i.e, U.S,
	// J.-C).
	if !strings.Contains(word, ".") {
		return false
	}
	lower := strings.ToLower(word)
	for part := range strings.SplitSeq(lower, ".") {
		part = strings.Trim(part, "-")
		n := 0
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
			n++
		}
		if n > 2 {
			return false
		}
	}
	return true
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || r == '؟'
}

// isCloser is a character that may follow the end of a sentence before
// the space: closing quotes and brackets.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '}':
		return true
	}
	return false
}

// startsSentence reports whether r may start a sentence: an upper-case or
// caseless letter, a digit or an opening quote or bracket.
func startsSentence(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '¿', '¡':
		return true
	}
	if unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r) {
		return true
	}
	return unicode.IsLetter(r) && !unicode.IsLower(r)
}

// sentences splits t into sentences: at . ! ? … followed by white space
// and the start of a sentence, not after an abbreviation and not inside
// a code span. It returns at least one Text for a non-empty t; the list
// and its texts' spans come from a.
func sentences(t Text, a *alloc) []Text {
	plain := t.Plain
	var code []span
	if a != nil {
		code = a.code[:0]
	}
	for _, sp := range t.Spans {
		if sp.Kind == Code {
			code = append(code, span{sp.Start, sp.End})
		}
	}
	var ranges []span
	if a != nil {
		ranges = a.ranges[:0]
	}
	start, ci := 0, 0
	next := newTerminators(plain)
	for i := 0; i < len(plain); {
		// Only a terminator's first byte matters: skip to the next one.
		// Each is a rune's first byte, so i stays on rune boundaries.
		if i = next.index(i); i == len(plain) {
			break
		}
		r, n := utf8.DecodeRuneInString(plain[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		for ci < len(code) && code[ci][1] <= i {
			ci++
		}
		if ci < len(code) && code[ci][0] <= i {
			i = code[ci][1]
			continue
		}
		// The run of terminators, then closing quotes (French puts a
		// space before »), then white space, then the next sentence.
		j := i + n
		single := r == '.'
		for j < len(plain) {
			r2, n2 := utf8.DecodeRuneInString(plain[j:])
			if !isTerminator(r2) {
				break
			}
			single = false
			j += n2
		}
		k := j
		for k < len(plain) {
			r2, n2 := utf8.DecodeRuneInString(plain[k:])
			if isCloser(r2) {
				k += n2
				continue
			}
			if r2 == ' ' || r2 == '\u00a0' || r2 == '\u202f' {
				r3, n3 := utf8.DecodeRuneInString(plain[k+n2:])
				if r3 == '»' || r3 == '”' {
					k += n2 + n3
					continue
				}
			}
			break
		}
		m := k
		for m < len(plain) {
			r2, n2 := utf8.DecodeRuneInString(plain[m:])
			if !unicode.IsSpace(r2) {
				break
			}
			m += n2
		}
		if m == k || m == len(plain) {
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(plain[m:])
		if !startsSentence(next) || (single && isAbbreviation(wordBefore(plain, i))) {
			i = j
			continue
		}
		ranges = append(ranges, span{start, k})
		start, i = m, m
	}
	if a != nil {
		a.code = code[:0]
	}
	if start == 0 {
		one := append(a.textBuf(1), t) // one sentence: share t's spans
		return a.keepTexts(one)
	}
	ranges = append(ranges, span{start, len(plain)})
	// Each sentence is trimmed: slice at the trimmed bounds at once (the
	// spans of slicing twice are the same, since they nest).
	kept := a.textBuf(len(ranges))
	var active []Span
	if a != nil {
		active = a.active
	}
	sl := newSlicer(t, active)
	for _, r := range ranges {
		s, e := trimBounds(plain, r[0], r[1])
		if s == e {
			continue
		}
		kept = append(kept, sl.slice(s, e, a))
	}
	if a != nil {
		a.active, a.ranges = sl.active[:0], ranges[:0]
	}
	if len(kept) == 0 {
		return a.keepTexts(append(kept, t))
	}
	return a.keepTexts(kept)
}

// terminatorBytes are the bytes that may start a terminator in UTF-8:
// '.', '!', '?' and the first bytes of '…' and '؟'.
const terminatorBytes = ".!?\xe2\xd8"

// terminators finds the bytes of terminatorBytes in a text with one fast
// search per byte found, rather than a test of every byte.
type terminators struct {
	s    string
	next [len(terminatorBytes)]int // where each byte is next, len(s) for never
}

func newTerminators(s string) terminators {
	t := terminators{s: s}
	for k := range t.next {
		t.next[k] = -1
	}
	return t
}

// index returns the offset of the first byte of terminatorBytes at or
// after from, or len(s) when there is none. Calls must not go back.
func (t *terminators) index(from int) int {
	best := len(t.s)
	for k := range t.next {
		if t.next[k] < from {
			if j := strings.IndexByte(t.s[from:], terminatorBytes[k]); j >= 0 {
				t.next[k] = from + j
			} else {
				t.next[k] = len(t.s)
			}
		}
		best = min(best, t.next[k])
	}
	return best
}

// wordBefore returns the word that ends at plain[i], or "" when it is
// longer than 24 bytes (no abbreviation is).
func wordBefore(plain string, i int) string {
	j := i
	for j > 0 {
		if c := plain[j-1]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				break
			}
			j--
		} else {
			r, n := utf8.DecodeLastRuneInString(plain[:j])
			if unicode.IsSpace(r) {
				break
			}
			j -= n
		}
		if i-j > 24 {
			return ""
		}
	}
	return plain[j:i]
}

// asciiSpace reports whether the ASCII byte c is white space, as
// unicode.IsSpace says.
func asciiSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// endsThought reports whether a line ends a thought: its last character,
// before closing quotes and brackets, is . ! ? … : or ;.
func endsThought(plain string) bool {
	plain = strings.TrimRightFunc(plain, func(r rune) bool { return isTrimmed(r) || isCloser(r) })
	r, _ := utf8.DecodeLastRuneInString(plain)
	return isTerminator(r) || r == ':' || r == ';'
}

// startsLower reports whether a line starts with a lower-case letter.
func startsLower(plain string) bool {
	r, _ := utf8.DecodeRuneInString(plain)
	return unicode.IsLower(r)
}

// wrapped reports whether the line next merely continues the line prev
// that was wrapped.
func wrapped(prev, next string) bool {
	return !endsThought(prev) && startsLower(next)
}
