package cards

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textArena hands out strings cut from one growing buffer, so that the
// many short strings of a note's cards cost a few allocations rather than
// one each. A strings.Builder only ever appends: the bytes behind a string
// it returned are never written again, so the strings stay valid as it
// grows.
type textArena struct {
	b       strings.Builder
	scratch []byte // a buffer to lower a text in
	used    int    // the bytes of the buffers before b
}

// arenaChunk is the least a textArena grows by.
const arenaChunk = 1 << 10

// reserve makes room for n more bytes, so that writes of at most n bytes
// go to one buffer. A new buffer grows with what the arena handed out
// already, a quarter of it, up to 16 KiB.
func (a *textArena) reserve(n int) {
	if a.b.Cap()-a.b.Len() < n {
		// A new buffer: the old one stays behind the strings cut from it.
		a.used += a.b.Len()
		a.b = strings.Builder{}
		a.b.Grow(max(n, arenaChunk, min(a.used/4, 16<<10)))
	}
}

// concat returns the concatenation of parts.
func (a *textArena) concat(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	a.reserve(n)
	start := a.b.Len()
	for _, p := range parts {
		a.b.WriteString(p)
	}
	return a.b.String()[start:]
}

// bytes returns b as a string.
func (a *textArena) bytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	a.reserve(len(b))
	start := a.b.Len()
	a.b.Write(b)
	return a.b.String()[start:]
}

// stringArena hands out string slices cut from shared chunks, each with
// its capacity cut to its length so that an append by its owner never
// writes over another's elements.
type stringArena struct {
	free []string
}

// reserve makes room for n more strings in one allocation.
func (a *stringArena) reserve(n int) {
	if cap(a.free)-len(a.free) < n {
		a.free = make([]string, 0, n)
	}
}

// clone returns a copy of s, nil for nil.
func (a *stringArena) clone(s []string) []string {
	if s == nil {
		return nil
	}
	if len(s) == 0 {
		return s[:0:0]
	}
	if cap(a.free)-len(a.free) < len(s) {
		a.free = make([]string, 0, max(len(s), 256))
	}
	start := len(a.free)
	a.free = append(a.free, s...)
	return a.free[start:len(a.free):len(a.free)]
}

// lower returns lower(s), cut from the arena when it differs from s.
// scratch is a buffer to work in.
func (a *textArena) lower(s string) string {
	i := firstUpper(s)
	if i == len(s) {
		return s
	}
	a.scratch = lowerBytes(append(a.scratch[:0], s...), i)
	return a.bytes(a.scratch)
}

// toLower returns strings.ToLower(s), cut from the arena when it differs
// from s.
func (a *textArena) toLower(s string) string {
	if !changesLower(s) {
		return s
	}
	a.reserve(len(s) + utf8.UTFMax)
	start := a.b.Len()
	for _, r := range s {
		// An invalid byte ranges as utf8.RuneError, which strings.ToLower
		// writes too.
		if r = unicode.ToLower(r); r < utf8.RuneSelf {
			a.b.WriteByte(byte(r))
		} else {
			a.b.WriteRune(r)
		}
	}
	return a.b.String()[start:]
}

// changesLower reports whether strings.ToLower(s) differs from s.
func changesLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			return true
		}
		if c < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToLower(r) != r {
			return true
		}
		i += n - 1
	}
	return false
}

// appendToLower appends strings.ToLower(s) to dst.
func appendToLower(dst []byte, s string) []byte {
	for _, r := range s {
		if r = unicode.ToLower(r); r < utf8.RuneSelf {
			dst = append(dst, byte(r))
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}
