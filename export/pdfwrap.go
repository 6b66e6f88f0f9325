package export

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/mnemo-dev/mnemo/cards"
)

// This file turns card text into styled runs and wraps them into lines. It
// knows fonts only through the measurer interface, so fpdf stays in pdf.go.

// style is a set of inline styles of a run of text.
type style uint8

const (
	stBold style = 1 << iota
	stItalic
	stMono
	stStrike
	stMark
	stBlank // the blank of a cloze front
	stGap   // with stBlank: a numbered blank of the cloze layout, no box
)

// The fonts embedded in the PDF, indexed by fontIndex.
const (
	fontRegular = iota
	fontBold
	fontItalic
	fontBoldItalic
	fontMono
	numFonts
)

// fontTTF returns the TrueType data of each embedded font.
func fontTTF() [numFonts][]byte {
	return [numFonts][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF, gomono.TTF}
}

// fontIndex returns the font that draws text of style st.
func fontIndex(st style) int {
	switch {
	case st&stMono != 0:
		return fontMono
	case st&(stBold|stBlank) != 0 && st&stItalic != 0:
		return fontBoldItalic
	case st&(stBold|stBlank) != 0:
		return fontBold
	case st&stItalic != 0:
		return fontItalic
	}
	return fontRegular
}

// rgb is a colour, 0xRRGGBB.
type rgb uint32

func (c rgb) parts() (r, g, b int) { return int(c >> 16 & 0xff), int(c >> 8 & 0xff), int(c & 0xff) }

// run is a piece of text in one style and colour; br marks a line break.
type run struct {
	text  string
	st    style
	color rgb
	br    bool
}

// measurer gives the width in mm of text set in style st at size pt.
type measurer interface {
	width(text string, st style, size float64) float64
}

// replacement is drawn for a character the fonts lack.
const replacement = '□'

// coverage knows which characters the embedded fonts can draw. It is made
// per document, so nothing is shared between calls.
type coverage struct {
	fonts [numFonts]*sfnt.Font
	buf   sfnt.Buffer
	has   [numFonts]map[rune]bool
	// replaced counts characters drawn as the replacement marker.
	replaced int
}

func newCoverage() (*coverage, error) {
	c := &coverage{}
	for i, ttf := range fontTTF() {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, err
		}
		c.fonts[i] = f
		c.has[i] = make(map[rune]bool)
	}
	return c, nil
}

func (c *coverage) covers(font int, r rune) bool {
	if r < 0x7f && r >= ' ' {
		return true
	}
	ok, seen := c.has[font][r]
	if !seen {
		g, err := c.fonts[font].GlyphIndex(&c.buf, r)
		// fpdf keeps widths for the Basic Multilingual Plane only.
		ok = err == nil && g != 0 && r <= 0xFFFF
		c.has[font][r] = ok
	}
	return ok
}

// fix returns s with every character the font of st cannot draw replaced:
// spaces by a plain or no-break space, invisible format characters dropped,
// and anything else by a visible marker, counted in c.replaced.
func (c *coverage) fix(s string, st style) string {
	font := fontIndex(st)
	clean := true
	for _, r := range s {
		if !c.covers(font, r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	mark := "?"
	if c.covers(font, replacement) {
		mark = string(replacement)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case c.covers(font, r):
			b.WriteRune(r)
		case r == '\u202F' || r == '\u2007' || r == '\u2060':
			b.WriteRune('\u00A0') // no-break spaces stay unbreakable
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			// zero-width joiners, marks and selectors draw nothing anyway
		default:
			b.WriteString(mark)
			c.replaced++
		}
	}
	return b.String()
}

// fixQuiet is fix without counting: for text already counted once, such as
// the title repeated in running headers.
func (c *coverage) fixQuiet(s string, st style) string {
	n := c.replaced
	s = c.fix(s, st)
	c.replaced = n
	return s
}

// runs returns the light Markdown s as runs in base style and colour col.
// With blanks, each cards.ClozeMark becomes a run of its own in stBlank.
func (c *coverage) runs(s string, base style, col rgb, blanks bool) []run {
	s = strings.ReplaceAll(cleanText(s), "\t", " ")
	var out []run
	st := base
	var stack []tag
	add := func(text string, st style) {
		if text == "" {
			return
		}
		if !blanks || st&stMono != 0 {
			out = append(out, run{text: c.fix(text, st), st: st, color: col})
			return
		}
		for {
			i := strings.Index(text, cards.ClozeMark)
			if i < 0 {
				break
			}
			if i > 0 {
				out = append(out, run{text: c.fix(text[:i], st), st: st, color: col})
			}
			out = append(out, run{text: cards.ClozeMark, st: st | stBlank, color: col})
			text = text[i+len(cards.ClozeMark):]
		}
		if text != "" {
			out = append(out, run{text: c.fix(text, st), st: st, color: col})
		}
	}
	restyle := func() {
		st = base
		for _, t := range stack {
			st |= tagStyle(t)
		}
	}
	for _, t := range parseInline(s) {
		switch t.kind {
		case tokText, tokEscaped:
			add(t.text, st)
		case tokCode:
			add(t.text, st|stMono)
		case tokBreak:
			out = append(out, run{br: true})
		case tokDelim:
			for range t.close {
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
			restyle()
			add(t.literal(), st)
			stack = append(stack, t.open...) // outermost first: push order
			restyle()
		}
	}
	return out
}

func tagStyle(t tag) style {
	switch t {
	case tagStrong:
		return stBold
	case tagEm:
		return stItalic
	case tagStrike:
		return stStrike
	case tagMark:
		return stMark
	}
	return 0
}

// piece is text placed on a line, x from the line's start.
type piece struct {
	text  string
	st    style
	color rgb
	x, w  float64
}

// line is one wrapped line.
type line struct {
	pieces []piece
	w      float64
}

// blankPad is the room left on each side of a cloze blank for its box;
// gapPad the room on each side of a numbered blank of the cloze layout,
// which has no box, so that it sits as close to its punctuation as a word.
const (
	blankPad = 0.8
	gapPad   = 0.15
)

// padOf is the room left on each side of a piece in style st (mm).
func padOf(st style) float64 {
	switch {
	case st&stGap != 0:
		return gapPad
	case st&stBlank != 0:
		return blankPad
	}
	return 0
}

// wrapper fills lines greedily, word by word. A word is a maximal stretch
// of text without a space, possibly in several styles ("**bold**,").
type wrapper struct {
	m     measurer
	size  float64
	max   float64
	lines []line
	cur   line
	word  []piece // the word being gathered, x relative to the word start
	wordW float64
	space *piece // the space before the word, if any
}

// wrap breaks runs into lines no wider than max mm at size pt. A word wider
// than a line is broken between characters; nothing is ever cut.
func wrap(runs []run, max, size float64, m measurer) []line {
	wr := &wrapper{m: m, size: size, max: max}
	for _, r := range runs {
		if r.br {
			wr.flushWord()
			wr.endLine()
			wr.space = nil
			continue
		}
		if r.st&stBlank != 0 {
			wr.addFrag(r.text, r.st, r.color)
			continue
		}
		text := r.text
		for text != "" {
			i := strings.IndexByte(text, ' ')
			if i < 0 {
				wr.addFrag(text, r.st, r.color)
				break
			}
			if i > 0 {
				wr.addFrag(text[:i], r.st, r.color)
			}
			wr.flushWord()
			if wr.space == nil {
				wr.space = &piece{text: " ", st: r.st, color: r.color, w: m.width(" ", r.st, size)}
			}
			text = text[i+1:]
		}
	}
	wr.flushWord()
	if len(wr.cur.pieces) > 0 || len(wr.lines) == 0 {
		wr.endLine()
	}
	return wr.lines
}

func (wr *wrapper) addFrag(text string, st style, col rgb) {
	w := wr.m.width(text, st, wr.size) + 2*padOf(st)
	wr.word = append(wr.word, piece{text: text, st: st, color: col, x: wr.wordW, w: w})
	wr.wordW += w
}

// flushWord places the gathered word on the current line or a new one.
func (wr *wrapper) flushWord() {
	if len(wr.word) == 0 {
		return
	}
	word, wordW := wr.word, wr.wordW
	wr.word, wr.wordW = nil, 0
	if len(wr.cur.pieces) > 0 {
		sp := 0.0
		if wr.space != nil {
			sp = wr.space.w
		}
		if wr.cur.w+sp+wordW <= wr.max {
			if wr.space != nil {
				wr.place(*wr.space)
			}
		} else {
			wr.endLine()
		}
	}
	wr.space = nil
	if wordW <= wr.max-wr.cur.w {
		for _, p := range word {
			wr.place(p)
		}
		return
	}
	// Too long for any line: break between characters.
	for _, p := range word {
		for p.text != "" {
			room := wr.max - wr.cur.w
			n := wr.fitPrefix(p.text, p.st, room)
			if n == 0 && len(wr.cur.pieces) == 0 {
				_, n = utf8.DecodeRuneInString(p.text) // at least one character per line
				if p.st&stBlank != 0 {
					n = len(p.text) // a blank is never split
				}
			}
			if n == 0 {
				wr.endLine()
				continue
			}
			q := p
			q.text = p.text[:n]
			q.w = wr.m.width(q.text, q.st, wr.size)
			if q.st&stBlank != 0 {
				q.w = p.w
			}
			wr.place(q)
			p.text = p.text[n:]
			if p.text != "" {
				wr.endLine()
			}
		}
	}
}

// fitPrefix returns the length in bytes of the longest prefix of s that
// fits in room mm.
func (wr *wrapper) fitPrefix(s string, st style, room float64) int {
	if st&stBlank != 0 {
		if wr.m.width(s, st, wr.size)+2*padOf(st) <= room {
			return len(s)
		}
		return 0
	}
	n, w := 0, 0.0
	for i, r := range s {
		w += wr.m.width(string(r), st, wr.size)
		if w > room {
			return n
		}
		n = i + utf8.RuneLen(r)
	}
	return n
}

// place appends p at the end of the current line, merging it into the
// previous piece when both look the same.
func (wr *wrapper) place(p piece) {
	p.x = wr.cur.w
	wr.cur.w += p.w
	if n := len(wr.cur.pieces); n > 0 {
		last := &wr.cur.pieces[n-1]
		if last.st == p.st && last.color == p.color && p.st&stBlank == 0 {
			last.text += p.text
			last.w += p.w
			return
		}
	}
	wr.cur.pieces = append(wr.cur.pieces, p)
}

func (wr *wrapper) endLine() {
	// A space left at the end of a line is not drawn.
	if n := len(wr.cur.pieces); n > 0 {
		last := &wr.cur.pieces[n-1]
		if t := strings.TrimRight(last.text, " "); t != last.text && last.st&stBlank == 0 {
			cut := wr.m.width(last.text[len(t):], last.st, wr.size)
			last.text, last.w = t, last.w-cut
			wr.cur.w -= cut
		}
	}
	wr.lines = append(wr.lines, wr.cur)
	wr.cur = line{}
}
