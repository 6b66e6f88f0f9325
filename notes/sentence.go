package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// knownAbbreviation reports whether a word (in lower case, without its
// period) is an abbreviation that does not end a sentence. Single letters
// ("J.", "M.", "p.") and dotted forms ("e.g.", "i.e.", "U.S.") are handled
// by rule. "etc." is not here: it ends a sentence when an upper-case word
// follows it, and sentences only end there.
func knownAbbreviation(word string) bool {
	switch word {
	case "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "cf", // English
		"fig", "approx", "vol", "resp",
		"mme", "mmes", "mlle", "mlles", "ex", "env", "éd", "chap", "av", // French
		"apr", "cie", "pp":
		return true
	}
	return false
}

// isAbbreviation reports whether word (the text before a period, after
// the last white space) is an abbreviation.
func isAbbreviation(word string) bool {
	word = strings.TrimLeft(word, "([{\"'«“‘¿¡")
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsLetter(r)
	}
	lower := strings.ToLower(word)
	if knownAbbreviation(lower) {
		return true
	}
	// Dotted abbreviations: every part one or two letters (e.g, i.e, U.S,
	// J.-C).
	if !strings.Contains(word, ".") {
		return false
	}
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
// a code span. It returns at least one Text for a non-empty t.
func sentences(t Text) []Text {
	plain := t.Plain
	var code []span
	for _, sp := range t.Spans {
		if sp.Kind == Code {
			if code == nil {
				code = make([]span, 0, len(t.Spans))
			}
			code = append(code, span{sp.Start, sp.End})
		}
	}
	var ranges []span
	start, ci := 0, 0
	for i := 0; i < len(plain); {
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
	if start == 0 {
		return []Text{t} // one sentence: share t's spans
	}
	ranges = append(ranges, span{start, len(plain)})
	out := sliceRanges(t, ranges)
	kept := out[:0]
	for _, s := range out {
		if s = s.trim(); s.Plain != "" {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return []Text{t}
	}
	return kept
}

// wordBefore returns the word that ends at plain[i], or "" when it is
// longer than 24 bytes (no abbreviation is).
func wordBefore(plain string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(plain[:j])
		if unicode.IsSpace(r) {
			break
		}
		j -= n
		if i-j > 24 {
			return ""
		}
	}
	return plain[j:i]
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
