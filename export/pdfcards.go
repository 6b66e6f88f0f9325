package export

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/cards"
)

// This file lays out the "cards" layout: cut-out cards, fronts on one page
// and their backs, mirrored, on the next.

// Card sizes (mm) and type sizes (pt) of the cards layout.
const (
	cardW       = 85.0
	cardH       = 55.0
	cardCols    = 2
	cardRows    = 4
	cardPad     = 4.0
	cardCtxSize = 6.5
	cardMaxSize = 12.0
	cardMinSize = 7.0
	cardStep    = 0.5
	leadPerPt   = bodyLead / bodySize // leading in mm per pt of type size
	cropLen     = 5.0
	cropGap     = 2.0
	cropWidth   = 0.15
)

const (
	cropColor  rgb = 0x404040
	guideColor rgb = 0xC8C8C8
)

// layoutCards lays cs (sorted, without repeated IDs) out as cut-out cards.
func layoutCards(cs []cards.Card, title string, date cards.Date, m measurer, cov *coverage, g geometry) *sheet {
	s := &sheet{g: g, m: m, cov: cov}
	meta := countLabel(len(cs))
	if date != 0 {
		meta = date.String() + "  ·  " + meta
	}
	if len(cs) == 0 {
		s.newPage()
		s.page.deck = meta
		s.drawLines(wrap([]run{{text: "No cards.", color: mutedColor}}, g.right-g.left, bodySize, m), g.left, s.y, bodyLead, bodySize)
		return s
	}
	x0 := (g.w - cardCols*cardW) / 2
	y0 := (g.h - cardRows*cardH) / 2
	per := cardCols * cardRows
	for start := 0; start < len(cs); start += per {
		chunk := cs[start:min(start+per, len(cs))]
		s.newPage()
		s.page.deck = meta + "  ·  fronts"
		s.cropMarks(x0, y0)
		s.cutGuides(x0, y0)
		for i := range chunk {
			c := &chunk[i]
			x := x0 + float64(i%cardCols)*cardW
			y := y0 + float64(i/cardCols)*cardH
			s.cardFace(x, y, cardContext(c), cov.runs(c.Front, 0, inkColor, c.Kind == cards.Cloze))
		}
		s.newPage()
		s.page.deck = meta + "  ·  backs (flip on long edge)"
		s.cropMarks(x0, y0)
		for i := range chunk {
			c := &chunk[i]
			// Mirrored: the back of column k is printed in column cols-1-k.
			x := x0 + float64(cardCols-1-i%cardCols)*cardW
			y := y0 + float64(i/cardCols)*cardH
			s.cardFace(x, y, "", cov.runs(c.Back, 0, answerColor, false))
		}
	}
	return s
}

func countLabel(n int) string {
	if n == 1 {
		return "1 card"
	}
	return strconv.Itoa(n) + " cards"
}

// cardContext is the small grey line at the top of a card's front: the
// deck, then the breadcrumb.
func cardContext(c *cards.Card) string {
	parts := []string{deckName(c.Deck)}
	for _, p := range c.Context {
		if p = strings.Join(strings.Fields(cleanText(p)), " "); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " › ")
}

// cropMarks draws short lines in the margins, in line with every cut of
// the grid whose top left corner is (x0, y0).
func (s *sheet) cropMarks(x0, y0 float64) {
	x1, y1 := x0+cardCols*cardW, y0+cardRows*cardH
	for c := range cardCols + 1 {
		x := x0 + float64(c)*cardW
		s.add(op{kind: opLine, x: x, y: y0 - cropGap - cropLen, h: cropLen, lw: cropWidth, stroke: cropColor})
		s.add(op{kind: opLine, x: x, y: y1 + cropGap, h: cropLen, lw: cropWidth, stroke: cropColor})
	}
	for r := range cardRows + 1 {
		y := y0 + float64(r)*cardH
		s.add(op{kind: opLine, x: x0 - cropGap - cropLen, y: y, w: cropLen, lw: cropWidth, stroke: cropColor})
		s.add(op{kind: opLine, x: x1 + cropGap, y: y, w: cropLen, lw: cropWidth, stroke: cropColor})
	}
}

// cutGuides draws the card edges as light dashed lines, for cutting with
// scissors. Only fronts have them: a back printed a little off would show
// its guides near the edges.
func (s *sheet) cutGuides(x0, y0 float64) {
	for c := range cardCols + 1 {
		s.add(op{kind: opDash, x: x0 + float64(c)*cardW, y: y0, h: cardRows * cardH, lw: cropWidth, stroke: guideColor})
	}
	for r := range cardRows + 1 {
		s.add(op{kind: opDash, x: x0, y: y0 + float64(r)*cardH, w: cardCols * cardW, lw: cropWidth, stroke: guideColor})
	}
}

// cardFace draws one side of the card whose top left corner is (x, y):
// ctx (if any) on one grey line at the top, body centred in the rest, set
// as large as fits.
func (s *sheet) cardFace(x, y float64, ctx string, body []run) {
	width := cardW - 2*cardPad
	top, bottom := y+cardPad, y+cardH-cardPad
	if ctx != "" {
		lines := wrap(s.cov.runs(ctx, 0, mutedColor, false), width, cardCtxSize, s.m)
		lines = s.clip(lines, 1, width, cardCtxSize)
		lead := cardCtxSize * leadPerPt
		s.drawLines(lines, x+cardPad, top, lead, cardCtxSize)
		top += lead + 1.5
	}
	avail := bottom - top
	size := cardMaxSize
	var lines []line
	for {
		lines = wrap(body, width, size, s.m)
		if float64(len(lines))*size*leadPerPt <= avail || size <= cardMinSize {
			break
		}
		size = max(size-cardStep, cardMinSize)
	}
	lead := size * leadPerPt
	lines = s.clip(lines, int(avail/lead), width, size)
	y = top + (avail-float64(len(lines))*lead)/2
	for i, l := range lines {
		s.drawLines([]line{l}, x+cardPad+(width-l.w)/2, y+float64(i)*lead, lead, size)
	}
}

// clip keeps the first n (at least 1) of lines, ending the last one kept
// with "…" when some were dropped. Characters are removed whole.
func (s *sheet) clip(lines []line, n int, width, size float64) []line {
	n = max(n, 1)
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	last := lines[n-1]
	last.pieces = append([]piece(nil), last.pieces...)
	st, col := style(0), inkColor
	if k := len(last.pieces); k > 0 {
		st, col = last.pieces[k-1].st&^(stBlank|stGap), last.pieces[k-1].color
	}
	ell := s.m.width("…", st, size)
	for len(last.pieces) > 0 && last.w+ell > width {
		k := len(last.pieces) - 1
		p := &last.pieces[k]
		_, rn := utf8.DecodeLastRuneInString(p.text)
		if p.st&stBlank != 0 || rn >= len(p.text) {
			last.w = p.x
			last.pieces = last.pieces[:k]
			continue
		}
		p.text = p.text[:len(p.text)-rn]
		p.w = s.m.width(p.text, p.st, size)
		last.w = p.x + p.w
	}
	// End on a whole word when the line has a space to cut at.
	if k := len(last.pieces) - 1; k >= 0 && last.pieces[k].st&stBlank == 0 {
		p := &last.pieces[k]
		if i := strings.LastIndexByte(strings.TrimRight(p.text, " "), ' '); i > 0 {
			p.text = strings.TrimRight(p.text[:i], " ")
			p.w = s.m.width(p.text, p.st, size)
			last.w = p.x + p.w
		}
	}
	last.pieces = append(last.pieces, piece{text: "…", st: st, color: col, x: last.w, w: ell})
	last.w += ell
	lines[n-1] = last
	return lines
}
