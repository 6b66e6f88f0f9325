package export

import (
	"fmt"
	"math"
	"strings"

	"github.com/mnemo-dev/mnemo/cards"
)

// This file lays the study sheet out into pages of drawing operations, all
// positions in mm from the page's top left corner. Laying out before drawing
// tells us the page count, so footers can say "page N / M" exactly.

// geometry is the page and its margins.
type geometry struct {
	w, h        float64 // page size
	left, right float64 // x of the content's edges
	top, bottom float64 // y of the content's edges on pages after the first
}

func geometryFor(paper string) (geometry, string, error) {
	var g geometry
	var name string
	switch strings.ToLower(strings.TrimSpace(paper)) {
	case "", "a4":
		g.w, g.h, name = 210, 297, "A4"
	case "letter":
		g.w, g.h, name = 215.9, 279.4, "Letter"
	default:
		return g, "", fmt.Errorf("%w %q (want a4 or letter)", ErrPaper, paper)
	}
	g.left, g.right = 20, g.w-20
	g.top, g.bottom = 22, g.h-20
	return g, name, nil
}

// Type sizes (pt), leading and spacing (mm).
const (
	bodySize   = 10.0
	monoScale  = 0.9 // Go Mono looks larger than Go at the same size
	bodyLead   = 4.7
	rowPad     = 2.1
	gutter     = 6.0
	qShare     = 0.6
	titleSize  = 20.0
	titleLead  = 8.5
	metaSize   = 9.0
	deckSize   = 13.5
	deckLead   = 6.2
	groupSize  = 10.0
	groupLead  = 4.7
	groupPad   = 1.5
	headerSize = 8.0
	foldSize   = 6.5
	ptToMM     = 25.4 / 72
)

// Colours.
const (
	inkColor    rgb = 0x191919
	answerColor rgb = 0x183E6C
	mutedColor  rgb = 0x737373
	deckColor   rgb = 0x16365C
	groupColor  rgb = 0x282C34
	groupFill   rgb = 0xE8EEF6
	ruleColor   rgb = 0xD4D4D4
	codeFill    rgb = 0xECECEC
	markFill    rgb = 0xFFEC8C
	blankFill   rgb = 0xFFF4D6
	blankStroke rgb = 0xCD963C
	blankColor  rgb = 0x965C00
)

// fontSize returns the size text of style st is set at.
func fontSize(st style, size float64) float64 {
	if st&stMono != 0 {
		return size * monoScale
	}
	return size
}

type opKind uint8

const (
	opText opKind = iota + 1 // text with its baseline at y
	opRect                   // filled rectangle, stroked when lw > 0
	opLine                   // line from (x, y) to (x+w, y+h)
	opDash                   // dashed line from (x, y) to (x+w, y+h)
)

// op is one drawing operation.
type op struct {
	kind       opKind
	x, y, w, h float64
	text       string
	st         style
	size       float64
	color      rgb
	stroke     rgb
	lw         float64
}

// sheetPage is the content of one page.
type sheetPage struct {
	ops  []op
	deck string // the deck shown in the running header
}

// sheet lays cards out page by page.
type sheet struct {
	g     geometry
	m     measurer
	cov   *coverage
	pages []*sheetPage
	page  *sheetPage
	y     float64
	deck  string
	// headerFrom is the index of the first page with a running header.
	headerFrom int
	// fold draws the fold line on every new page.
	fold bool
}

// card row columns.
func (s *sheet) qWidth() float64 { return (s.g.right - s.g.left - gutter) * qShare }
func (s *sheet) aX() float64     { return s.g.left + s.qWidth() + gutter }
func (s *sheet) aWidth() float64 { return s.g.right - s.aX() }

func (s *sheet) newPage() {
	s.page = &sheetPage{deck: s.deck}
	s.pages = append(s.pages, s.page)
	s.y = s.g.top
	if s.fold {
		s.foldLine(s.g.top - 2.4)
	}
}

// foldLine draws the dashed fold line between the question and answer
// columns from y down to the bottom margin, labelled "fold here".
func (s *sheet) foldLine(y float64) {
	x := s.g.left + s.qWidth() + gutter/2
	const label = "fold here"
	w := s.m.width(label, stItalic, foldSize)
	s.add(op{kind: opText, x: x - w/2, y: y, text: label, st: stItalic, size: foldSize, color: mutedColor})
	s.add(op{kind: opDash, x: x, y: y + 1.2, h: s.g.bottom - y - 1.2, lw: 0.25, stroke: mutedColor})
}

func (s *sheet) atTop() bool { return s.y == s.g.top }

func (s *sheet) add(o op) { s.page.ops = append(s.page.ops, o) }

// layout lays cs (sorted, without repeated IDs) out under title.
func layout(cs []cards.Card, title string, date cards.Date, m measurer, cov *coverage, g geometry) *sheet {
	s := &sheet{g: g, m: m, cov: cov, headerFrom: 1}
	s.newPage()
	s.titleBlock(title, date, len(cs))
	if len(cs) == 0 {
		s.drawLines(wrap([]run{{text: "No cards.", color: mutedColor}}, s.g.right-s.g.left, bodySize, m), s.g.left, s.y, bodyLead, bodySize)
		return s
	}
	s.fold = true
	s.foldLine(s.y + 2.6)
	var deck, group string
	for i, c := range cs {
		row := s.rowOf(&c)
		next := row.height(0, min(row.lines(), 2))
		d := deckName(c.Deck)
		if i == 0 || d != deck {
			deck, group = d, ""
			s.deckHeading(d, next+groupLead+2*groupPad+4)
		}
		if key := groupKey(&c); i == 0 || key != group {
			group = key
			s.groupHeading(&c, next)
		}
		s.row(row)
	}
	return s
}

func (s *sheet) titleBlock(title string, date cards.Date, n int) {
	width := s.g.right - s.g.left
	lines := wrap([]run{{text: s.cov.fix(title, stBold), st: stBold, color: inkColor}}, width, titleSize, s.m)
	s.y = s.g.top - 4
	s.drawLines(lines, s.g.left, s.y, titleLead, titleSize)
	s.y += float64(len(lines)) * titleLead
	meta := fmt.Sprintf("%d cards", n)
	if n == 1 {
		meta = "1 card"
	}
	if date != 0 {
		meta = date.String() + "  ·  " + meta
	}
	s.drawLines(wrap([]run{{text: meta, color: mutedColor}}, width, metaSize, s.m), s.g.left, s.y, bodyLead, metaSize)
	s.y += bodyLead + 2
	s.add(op{kind: opLine, x: s.g.left, y: s.y, w: width, lw: 0.6, stroke: deckColor})
	s.y += 3
}

// deckName returns the deck as shown: levels joined with " › ".
func deckName(deck string) string {
	var levels []string
	for l := range strings.SplitSeq(cleanText(deck), "::") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			levels = append(levels, l)
		}
	}
	if len(levels) == 0 {
		return "Default"
	}
	return strings.Join(levels, " › ")
}

// groupKey identifies the group of a card: its breadcrumb, or its note
// when it has none.
func groupKey(c *cards.Card) string {
	if len(c.Context) == 0 {
		return "\x00" + c.Source.Path
	}
	return strings.Join(c.Context, "\x00")
}

// ensure starts a new page unless h mm still fit below s.y.
func (s *sheet) ensure(h float64) {
	if s.y+h > s.g.bottom && !s.atTop() {
		s.newPage()
	}
}

func (s *sheet) deckHeading(deck string, next float64) {
	width := s.g.right - s.g.left
	lines := wrap(s.cov.runs(deck, stBold, deckColor, false), width, deckSize, s.m)
	h := float64(len(lines))*deckLead + 3.5
	if !s.atTop() {
		s.y += 5
	}
	s.deck = deck
	s.ensure(h + next)
	if s.atTop() {
		s.page.deck = deck // the running header names the deck a page starts with
	}
	s.drawLines(lines, s.g.left, s.y, deckLead, deckSize)
	s.y += float64(len(lines))*deckLead + 0.8
	s.add(op{kind: opLine, x: s.g.left, y: s.y, w: width, lw: 0.4, stroke: deckColor})
	s.y += 2.7
}

func (s *sheet) groupHeading(c *cards.Card, next float64) {
	parts := c.Context
	if len(parts) == 0 {
		if c.Source.Path == "" {
			return
		}
		parts = []string{c.Source.Path}
	}
	var runs []run
	for i, p := range parts {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		st := style(0)
		if i == 0 {
			st = stBold
		}
		if len(runs) > 0 {
			runs = append(runs, run{text: " › ", color: mutedColor})
		}
		runs = append(runs, s.cov.runs(p, st, groupColor, false)...)
	}
	if len(runs) == 0 {
		return
	}
	width := s.g.right - s.g.left - 2*groupPad - 1
	lines := wrap(runs, width, groupSize, s.m)
	h := float64(len(lines))*groupLead + 2*groupPad
	if !s.atTop() {
		s.y += 2.5
	}
	s.ensure(h + next)
	s.add(op{kind: opRect, x: s.g.left, y: s.y, w: s.g.right - s.g.left, h: h, color: groupFill})
	s.add(op{kind: opRect, x: s.g.left, y: s.y, w: 0.8, h: h, color: deckColor})
	s.drawLines(lines, s.g.left+groupPad+1, s.y+groupPad, groupLead, groupSize)
	s.y += h
}

// rowBlock is a card laid out in its two columns.
type rowBlock struct{ q, a []line }

func (r rowBlock) lines() int { return max(len(r.q), len(r.a), 1) }

// height is the height of the row's lines from..to (exclusive).
func (r rowBlock) height(from, to int) float64 {
	return float64(to-from)*bodyLead + 2*rowPad
}

func (s *sheet) rowOf(c *cards.Card) rowBlock {
	q := s.cov.runs(c.Front, 0, inkColor, c.Kind == cards.Cloze)
	a := s.cov.runs(c.Back, 0, answerColor, false)
	return rowBlock{
		q: wrap(q, s.qWidth(), bodySize, s.m),
		a: wrap(a, s.aWidth(), bodySize, s.m),
	}
}

// row places a card. A row that does not fit the rest of the page starts
// a new one; only a row taller than a whole page is split, between lines.
func (s *sheet) row(r rowBlock) {
	n := r.lines()
	full := s.g.bottom - s.g.top
	for k := 0; k < n; {
		fit := int(math.Floor((s.g.bottom - s.y - 2*rowPad) / bodyLead))
		switch {
		case fit >= n-k:
			fit = n - k
		case !s.atTop() && (k == 0 && r.height(0, n) <= full || fit < 2):
			s.newPage()
			continue
		case fit < 1:
			fit = 1 // a line taller than the page: cannot happen with these sizes
		}
		s.rowPart(r, k, k+fit)
		k += fit
		if k < n {
			s.newPage()
		}
	}
}

func (s *sheet) rowPart(r rowBlock, from, to int) {
	y := s.y + rowPad
	q := sliceLines(r.q, from, to)
	if from > 0 && len(q) == 0 {
		q = wrap([]run{{text: "(continued)", st: stItalic, color: mutedColor}}, s.qWidth(), bodySize, s.m)
	}
	s.drawLines(q, s.g.left, y, bodyLead, bodySize)
	s.drawLines(sliceLines(r.a, from, to), s.aX(), y, bodyLead, bodySize)
	s.y += r.height(from, to)
	s.add(op{kind: opLine, x: s.g.left, y: s.y, w: s.g.right - s.g.left, lw: 0.2, stroke: ruleColor})
}

func sliceLines(ls []line, from, to int) []line {
	return ls[min(from, len(ls)):min(to, len(ls))]
}

// drawLines adds the ops of lines set at size pt, the first line's top at
// y, one every lead mm.
func (s *sheet) drawLines(lines []line, x, y, lead, size float64) {
	for i, l := range lines {
		top := y + float64(i)*lead
		base := top + lead/2 + size*ptToMM*0.36
		for _, p := range l.pieces {
			s.drawPiece(p, x+p.x, base, size)
		}
	}
}

func (s *sheet) drawPiece(p piece, x, base, size float64) {
	sz := fontSize(p.st, size)
	em := sz * ptToMM
	switch {
	case p.st&stGap != 0:
		s.add(op{kind: opText, x: x + gapPad, y: base, text: p.text, st: p.st, size: sz, color: blankColor})
		return
	case p.st&stBlank != 0:
		s.add(op{kind: opRect, x: x, y: base - 0.8*em, w: p.w, h: 1.05 * em, color: blankFill, stroke: blankStroke, lw: 0.25})
		s.add(op{kind: opText, x: x + blankPad, y: base, text: p.text, st: p.st, size: sz, color: blankColor})
		return
	case p.st&stMark != 0:
		s.add(op{kind: opRect, x: x - 0.3, y: base - 0.82*em, w: p.w + 0.6, h: 1.1 * em, color: markFill})
	case p.st&stMono != 0 && strings.TrimSpace(p.text) != "":
		s.add(op{kind: opRect, x: x - 0.4, y: base - 0.82*em, w: p.w + 0.8, h: 1.1 * em, color: codeFill})
	}
	if p.text != "" {
		s.add(op{kind: opText, x: x, y: base, text: p.text, st: p.st, size: sz, color: p.color})
	}
	if p.st&stStrike != 0 {
		s.add(op{kind: opLine, x: x, y: base - 0.28*em, w: p.w, lw: 0.2, stroke: p.color})
	}
}
