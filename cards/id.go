package cards

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode"
	"unicode/utf8"
)

// cardID returns NewID(k, front, back), computed in buf (reused between
// calls) for texts whose runes all lie below U+0300 (Latin scripts without
// combining marks, which NFC leaves alone) or are typographic punctuation:
// it lowers and folds the white space of the text in one pass. Other texts
// go through slowID. Card IDs took a tenth of Generate's time otherwise;
// TestCardID and FuzzCardID check that the two agree.
//
// The ID is cut from arena when there is one, else allocated.
func cardID(buf *[]byte, arena *textArena, k Kind, front, back string) ID {
	b := append((*buf)[:0], k.String()...)
	b = append(b, 0)
	b, ok := appendNormalized(b, front)
	if ok {
		b = append(b, 0)
		b, ok = appendNormalized(b, back)
	}
	*buf = b
	if !ok {
		return slowID(k, front, back)
	}
	sum := sha256.Sum256(b)
	var hx [16]byte
	hex.Encode(hx[:], sum[:8])
	if arena == nil {
		return ID(hx[:])
	}
	return ID(arena.bytes(hx[:]))
}

// appendNormalized appends s as normalize would return it (lower case,
// runs of white space folded to one space, trimmed) and reports whether it
// could: false for invalid UTF-8 and runes from U+0300 on.
func appendNormalized(out []byte, s string) ([]byte, bool) {
	space, started := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if keepsNormalized(c) {
				// A run of ASCII that is neither space nor capital goes as
				// it is.
				j := i + 1
				for j < len(s) && (keepsNormalized(s[j]) || s[j] == ' ' && j+1 < len(s) && keepsNormalized(s[j+1])) {
					j++ // a single space between kept bytes stays as it is
				}
				if space && started {
					out = append(out, ' ')
				}
				space, started = false, true
				out = append(out, s[i:j]...)
				i = j
				continue
			}
			i++
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				space = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if space && started {
				out = append(out, ' ')
			}
			space, started = false, true
			out = append(out, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r >= 0x300 && !isStablePunct(r) {
			return out, false
		}
		i += n
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && started {
			out = append(out, ' ')
		}
		space, started = false, true
		if r < 0x300 {
			if r = unicode.ToLower(r); r >= 0x300 {
				return out, false
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

// keepsNormalized reports whether the byte c is ASCII that normalize
// leaves as it is: no white space, no capital.
func keepsNormalized(c byte) bool {
	return c < utf8.RuneSelf && c != ' ' && c-'\t' > '\r'-'\t' && c-'A' >= 26
}

// isStablePunct reports whether r is typographic punctuation or a
// currency sign ("’", "—", "…", "€") that NFC and lower-casing leave as it
// is and that is no space.
func isStablePunct(r rune) bool {
	return 0x2010 <= r && r <= 0x2027 || 0x2030 <= r && r <= 0x205E || 0x20A0 <= r && r <= 0x20BF
}
