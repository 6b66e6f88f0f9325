package cards

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// unit is the text one card is made from: a whole line or list item, or
// one sentence (or a few) of a long paragraph, so that a card asks for one
// fact with its own sentence around it rather than a whole paragraph.
type unit struct {
	t     notes.Text
	lower string // t.Plain in lower case, with the same offsets
	toks  []token
	blk   int  // index of its block in the note
	k     int  // index of the unit within its block
	line  int  // source line the unit starts on
	first bool // the unit opens its block
	words []word
	stops []bool // per token: a stop word (see generator.stops)
	urls  [][2]int
	urlOK bool
}

// urlRanges returns the bare URLs of u (see urlRanges), computed once.
func (u *unit) urlRanges() [][2]int {
	if !u.urlOK {
		u.urls, u.urlOK = urlRanges(u.t.Plain), true
	}
	return u.urls
}

// maxUnitWords is the length up to which a block is one unit; a longer one
// is split into its sentences.
const maxUnitWords = 35

// minUnitWords is the length under which a sentence joins its neighbour:
// "It works." is no card of its own.
const minUnitWords = 6

// maxMergedWords caps a sentence that starts with a pronoun and takes its
// predecessor along to say what the pronoun stands for.
const maxMergedWords = 45

// units splits block i into units. The units, their tokens and their
// ranges live in the generator's per-block buffers: they are good until
// the next block.
func (g *generator) units(i int) []unit {
	b := g.n.Blocks[i]
	inf := g.info[i]
	whole := unit{t: b.Text, lower: inf.lower, toks: inf.toks, line: b.Line, first: true, blk: i}
	g.unitBuf = append(g.unitBuf[:0], whole)
	if len(inf.toks) <= maxUnitWords {
		return g.unitBuf
	}
	p := b.Text.Plain
	off := 0
	sents := b.Sentences
	if len(sents) == 0 {
		sents = []notes.Text{b.Text}
	}
	pieces := g.rngBuf[:0]
	for _, s := range sents {
		k := strings.Index(p[off:], s.Plain)
		if k < 0 || s.Plain == "" {
			g.rngBuf = pieces
			return g.unitBuf
		}
		r := rng{s: off + k, e: off + k + len(s.Plain)}
		r.words = wordsIn(inf.toks, r.s, r.e)
		off = r.e
		pieces = splitLong(pieces, p, inf.toks, r)
	}
	// Merge in place: rs never runs ahead of pieces.
	rs := pieces[:0]
	for _, r := range pieces {
		if len(rs) > 0 {
			last := &rs[len(rs)-1]
			anaphor := startsWithPronoun(inf.lower[r.s:r.e]) && last.words+r.words <= maxMergedWords
			if r.words < minUnitWords || last.words < minUnitWords || anaphor {
				last.e, last.words = r.e, last.words+r.words
				continue
			}
		}
		rs = append(rs, r)
	}
	g.rngBuf = pieces
	if len(rs) < 2 {
		return g.unitBuf
	}
	out := g.unitBuf[:0]
	line := b.Line
	if g.tokBuf == nil {
		g.tokBuf = make([]token, 0, g.maxToks) // once per note: a block's units share its words
	}
	toks := g.tokBuf[:0]
	for k, r := range rs {
		u := unit{t: g.sliceText(b.Text, r.s, r.e), lower: inf.lower[r.s:r.e], k: k, first: k == 0, blk: i}
		start := len(toks)
		for _, tk := range inf.toks {
			if tk.start >= r.s && tk.end <= r.e {
				toks = append(toks, token{tk.start - r.s, tk.end - r.s})
			}
		}
		if len(toks) > start {
			u.toks = toks[start:len(toks):len(toks)]
		}
		line = g.lineOf(b, line, u)
		u.line = line
		out = append(out, u)
	}
	g.tokBuf = toks
	g.unitBuf = out
	return out
}

// rng is a range of a block's text and its number of words.
type rng struct{ s, e, words int }

func wordsIn(toks []token, s, e int) int {
	n := 0
	for _, tk := range toks {
		if tk.start >= s && tk.end <= e {
			n++
		}
	}
	return n
}

// maxSentenceWords is the length past which a sentence is cut at its
// clause breaks: a run-on line of notes ("x : y. z; w") is many facts.
const maxSentenceWords = 45

// splitLong appends to out range r of p, cut, when longer than
// maxSentenceWords, at its breaks (". ", "; ", " : ") into pieces of at
// least fifteen words.
func splitLong(out []rng, p string, toks []token, r rng) []rng {
	if r.words <= maxSentenceWords {
		return append(out, r)
	}
	start := r.s
	for i := r.s; i < r.e-2; i++ {
		brk := 0
		switch {
		case p[i] == '.' && p[i+1] == ' ' || p[i] == ';' && p[i+1] == ' ':
			brk = i + 2
		case p[i] == ' ' && p[i+1] == ':' && p[i+2] == ' ':
			brk = i + 3
		}
		if brk == 0 || wordsIn(toks, start, i) < 15 || wordsIn(toks, brk, r.e) < minUnitWords {
			continue
		}
		s, e := trimRange(p, start, i+1)
		out = append(out, rng{s, e, wordsIn(toks, s, e)})
		start = brk
	}
	s, e := trimRange(p, start, r.e)
	return append(out, rng{s, e, wordsIn(toks, s, e)})
}

// sliceText returns t.Slice(start, end) for 0 <= start <= end <= len(Plain)
// and spans in notes' order, its spans cut from the generator's span arena.
func (g *generator) sliceText(t notes.Text, start, end int) notes.Text {
	n := 0
	for _, sp := range t.Spans {
		if max(sp.Start, start) < min(sp.End, end) || start == 0 && end == len(t.Plain) {
			n++
		}
	}
	if cap(g.spanBuf)-len(g.spanBuf) < n {
		g.spanBuf = make([]notes.Span, 0, max(n, 64))
	}
	first := len(g.spanBuf)
	out := sliceSpans(g.spanBuf[first:first:first+n], t, start, end)
	g.spanBuf = g.spanBuf[:first+len(out.Spans)]
	return out
}

// sliceSpans returns t.Slice(start, end) for 0 <= start <= end <= len(Plain)
// and spans in notes' order, its spans appended to dst[:0] (nil when it
// has none, as Slice gives).
func sliceSpans(dst []notes.Span, t notes.Text, start, end int) notes.Text {
	out := notes.Text{Plain: t.Plain[start:end]}
	if start == 0 && end == len(t.Plain) {
		// The whole text keeps all its spans, as they are.
		if len(t.Spans) > 0 {
			out.Spans = append(dst[:0], t.Spans...)
		}
		return out
	}
	spans := dst[:0]
	for _, sp := range t.Spans {
		a, b := max(sp.Start, start), min(sp.End, end)
		if a < b {
			sp.Start, sp.End = a-start, b-start
			spans = append(spans, sp)
		}
	}
	if len(spans) == 0 {
		return out
	}
	// Clipping can reorder spans: sort them as notes does, by start, then
	// end descending (outer first), keeping the order of equal ones.
	slices.SortStableFunc(spans, func(a, b notes.Span) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	out.Spans = spans
	return out
}

// lineOf returns the source line, from line on, where unit u of block b
// starts: the first that holds its first long word.
func (g *generator) lineOf(b notes.Block, line int, u unit) int {
	for _, tk := range u.toks {
		w := u.t.Plain[tk.start:tk.end]
		if len(w) < 4 {
			continue
		}
		for l := line; l <= b.EndLine && l <= len(g.n.Lines); l++ {
			if strings.Contains(g.n.Lines[l-1], w) {
				return l
			}
		}
		break
	}
	return line
}

// startsWithPronoun reports whether the lower-case text s opens with a
// pronoun, which needs the sentence before it to be understood.
func startsWithPronoun(s string) bool {
	var buf [1]token
	toks := appendTokensN(buf[:0], s, 1)
	if len(toks) == 0 {
		return false
	}
	w := s[toks[0].start:toks[0].end]
	if e := elisionEnd(w); e > 0 {
		w = w[:e-1] // "c'est" → "c"
	}
	switch w {
	case "these", "those", "ce", "ces", "cette", "cet", "such", "both":
		return true
	}
	return isPronoun(w)
}

// linkOnly reports whether every word of u is link text: a reference's
// title names a page, it states no fact.
func (u *unit) linkOnly() bool {
	for _, tk := range u.toks {
		if !inSpan(u.t, tk.start, notes.Link, notes.WikiLink) {
			return false
		}
	}
	return len(u.toks) > 0
}

// reference reports whether u only points elsewhere: a short line that
// opens with "See" or "Voir", or one whose words outside links are stop
// words ("See the Python docs.").
func (u *unit) reference(l lang) bool {
	if len(u.toks) > 0 && len(u.toks) <= 8 {
		switch u.lower[u.toks[0].start:u.toks[0].end] {
		case "see", "voir", "cf", "refer":
			return true // "See the Security section", "Voir aussi : X"
		}
	}
	linked := false
	for _, tk := range u.toks {
		if inSpan(u.t, tk.start, notes.Link, notes.WikiLink) {
			linked = true
			continue
		}
		if w := u.lower[tk.start:tk.end]; !l.isStop(w) && w != "voir" && w != "see" {
			return false
		}
	}
	return linked
}
