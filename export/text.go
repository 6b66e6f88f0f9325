package export

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cleanText returns s as valid UTF-8 in NFC with LF line endings, without
// control characters other than tab and line feed, without byte order
// marks, and with white space trimmed from both ends.
func cleanText(s string) string {
	// Printable ASCII, tab and line feed are already all of that: only the
	// trimming is left, and the scan costs far less than the checks below.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < ' ' && c != '\t' && c != '\n' {
			return cleanUnicode(s)
		}
	}
	return strings.TrimSpace(s)
}

// cleanUnicode is cleanText for any text.
func cleanUnicode(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, needsCleaning) >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '\r':
				return '\n'
			case r == '\t' || r == '\n':
				return r
			case unicode.IsControl(r) || r == '\uFEFF':
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(norm.NFC.String(s))
}

func needsCleaning(r rune) bool {
	return r != '\t' && r != '\n' && unicode.IsControl(r) || r == '\uFEFF'
}
