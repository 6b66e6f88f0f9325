package notes

import "strings"

// alloc holds the memory of one Parse. The spans and sentence lists of a
// note are cut from shared chunks (a few big allocations instead of one per
// text), each result capped so that appending to it never writes into its
// neighbour's; the scratch slices are reused from one paragraph to the
// next. A nil *alloc allocates every result on its own: the exported Text
// methods use it, since their results outlive any Parse.
type alloc struct {
	spans []Span // the current chunk: results are spans[:len], the rest is free
	texts []Text
	first int // the size of the first chunks, when more than minChunk
	// strs holds the bytes of the note's strings. A strings.Builder only
	// ever appends, so the strings cut from what it returned stay valid.
	strs     strings.Builder
	strChunk int // the size of the chunks of strs
	// src is the note's normalized source as a string, which Note.Lines
	// are cut from: a string equal to a part of it is cut from it too.
	src string

	// Scratch, valid until the next use by the same function.
	active     []Span     // slicer: the spans that may reach the ranges
	lineActive []Span     // lineBlocks' slicer (sentences slice inside it)
	code       []span     // collapseSpace, sentences: the code spans
	ranges     []span     // sentences, lineBlocks: ranges of a text
	runs       [][2]int   // lineBlocks: first and last line of each block
	shifts     []shift    // collapseSpace
	lines      []textLine // splitBreaks
	bytes      []byte     // collapseSpace: the new Plain
}

// Chunk sizes, in elements: a small note takes the first chunk, the next
// ones double up to the largest.
const (
	minChunk = 32
	maxChunk = 1024
)

// spanBuf returns an empty slice with room for n spans, the start of the
// free part of the current chunk. The caller appends at most n spans to it
// and then passes it to keepSpans, before any other use of a.
func (a *alloc) spanBuf(n int) []Span {
	if a == nil {
		return make([]Span, 0, n)
	}
	if a.spans == nil || cap(a.spans)-len(a.spans) < n {
		a.spans = make([]Span, 0, max(n, min(2*cap(a.spans), maxChunk), minChunk, a.first))
	}
	return a.spans[len(a.spans):len(a.spans)]
}

// keepSpans takes the spans appended to the slice spanBuf returned out of
// the free part of the chunk and returns them, capped. The result is nil
// only when s is nil.
func (a *alloc) keepSpans(s []Span) []Span {
	if a == nil || s == nil {
		return s
	}
	a.spans = a.spans[:len(a.spans)+len(s)]
	return s[:len(s):len(s)]
}

// copySpans returns a copy of s, nil when s is empty.
func (a *alloc) copySpans(s []Span) []Span {
	if len(s) == 0 {
		return nil
	}
	return a.keepSpans(append(a.spanBuf(len(s)), s...))
}

// textBuf and keepTexts are spanBuf and keepSpans for texts.
func (a *alloc) textBuf(n int) []Text {
	if a == nil {
		return make([]Text, 0, n)
	}
	if a.texts == nil || cap(a.texts)-len(a.texts) < n {
		a.texts = make([]Text, 0, max(n, min(2*cap(a.texts), maxChunk), minChunk, a.first))
	}
	return a.texts[len(a.texts):len(a.texts)]
}

func (a *alloc) keepTexts(s []Text) []Text {
	if a == nil || s == nil {
		return s
	}
	a.texts = a.texts[:len(a.texts)+len(s)]
	return s[:len(s):len(s)]
}

// string returns b as a string cut from the chunk of strings.
func (a *alloc) string(b []byte) string {
	if a == nil {
		return string(b)
	}
	if len(b) == 0 {
		return ""
	}
	if a.strs.Cap()-a.strs.Len() < len(b) {
		// A new chunk: the strings cut from the last one keep it. The
		// chunks keep their size: a bigger one would mostly be left
		// unused at the end of the note.
		size := max(len(b), a.strChunk)
		a.strs = strings.Builder{}
		a.strs.Grow(size)
	}
	start := a.strs.Len()
	a.strs.Write(b)
	return a.strs.String()[start:]
}

// sourceString is string for bytes that may be those of the source from
// offset off on (off < 0 when there is no such guess): then the result
// is cut from a.src, with no copy.
func (a *alloc) sourceString(b []byte, off int) string {
	if a != nil && off >= 0 && off <= len(a.src) && len(b) <= len(a.src)-off {
		if s := a.src[off : off+len(b)]; s == string(b) {
			return s
		}
	}
	return a.string(b)
}

// maxStrChunk bounds the chunks of strings, in bytes.
const maxStrChunk = 64 << 10
