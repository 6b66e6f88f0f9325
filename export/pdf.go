package export

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mnemo-dev/mnemo/cards"
)

// PDFOptions configures PDF. The zero value prints an A4 sheet titled
// "Flashcards" without a date.
type PDFOptions struct {
	// Title is printed at the top of the first page and in the running
	// header of the others; "" means "Flashcards".
	Title string
	// Date is printed under the title and is the document's creation and
	// modification date, so the same cards and options give the same bytes.
	// The zero Date (1970-01-01) is not printed.
	Date cards.Date
	// Paper is "a4" (the default when empty) or "letter", in any case.
	Paper string
	// Layout is "sheet" (the default when empty), "cards" or "cloze", in
	// any case. See PDF for what each prints.
	Layout string
}

// PDFResult describes a written study sheet.
type PDFResult struct {
	// Pages is the number of pages.
	Pages int
	// Replaced counts the characters the embedded Go fonts cannot draw
	// (emoji, CJK, …), printed as "□" instead.
	Replaced int
}

// The font families registered with fpdf.
const (
	familySans = "go"
	familyMono = "gomono"
)

// PDF writes cs to w as a printable study sheet in one of three layouts.
//
// The "sheet" layout (the default) prints a title with the date and
// card count, then the cards sorted as Sort sorts them, grouped under a
// heading per deck and a band per breadcrumb (Card.Context), each card a
// row with the question on the left (60%) and the answer on the right. The
// blank of a cloze front is drawn as a highlighted "[...]" box. Inline
// **bold**, *italic*, `code`, ~~strike~~ and ==highlight== are kept. Text
// wraps and is never cut; a row that does not fit the rest of a page moves
// to the next one, and only a row longer than a whole page is split. Pages
// after the first repeat the title and the deck in a running header; every
// page has "page N / M" in its footer. A dashed fold line with a small
// "fold here" label runs between the columns, so the answers can be folded
// under. A card whose ID repeats an earlier one is printed once.
//
// The "cards" layout prints cut-out cards, 85×55 mm, 2 × 4 to a page with
// crop marks in the margins: a page of fronts (the deck and breadcrumb in
// small grey, the question centred, light dashed cut guides), then a page
// of the same cards' backs (the answer), each row's columns reversed so
// that printing double-sided, flipping on the long edge, puts every back
// behind its front. Text is set as large as fits (12 pt), shrunk down to
// 7 pt and only then shortened with "…", after a whole word when it can,
// never inside a character. Every page has the title, date and side in a
// running header.
//
// The "cloze" layout prints, per note (Card.Source.Path) under a heading
// (the first part of its cards' breadcrumbs when they all share it, else
// its file name without extension), each source line of its
// cloze cards once, in line order, every deletion of the line replaced by a
// numbered blank "(1) ______" about as long as the answer (a list's lead-in
// line is merged into the list that repeats it); a smaller heading marks
// each change of breadcrumb inside the note. The note's basic cards follow
// as "question → answer" lines (a reversed card mirroring a basic card of
// the same note is left out). An answer key on a new page at the end lists
// "(n) answer" per note.
//
// Every layout prints the title and date and "page N / M" on every page.
//
// The Go fonts are embedded (subsets), so no font files are needed and
// accented text prints as is. A character they lack is printed as "□" and
// counted in PDFResult.Replaced: it is never an error. Output is
// byte-for-byte stable for the same cards and options. cs is not modified.
//
// PDF returns an error wrapping ErrPaper for an unknown paper size,
// ErrLayout for an unknown layout, and an error when writing to w fails.
// It is safe for concurrent use as long as cs is not being modified.
func PDF(w io.Writer, cs []cards.Card, opts PDFOptions) (PDFResult, error) {
	d, err := newPDFDoc(cs, opts)
	if err != nil {
		return PDFResult{}, fmt.Errorf("write pdf: %w", err)
	}
	res := PDFResult{Pages: len(d.sheet.pages), Replaced: d.cov.replaced}
	f, m, g := d.f, d.m, d.sheet.g
	header := d.cov.fixQuiet(d.title, 0)
	for i, pg := range d.sheet.pages {
		f.AddPage()
		if i >= d.sheet.headerFrom {
			runningHeader(f, m, g, header, d.cov.fixQuiet(pg.deck, 0))
		}
		for _, o := range pg.ops {
			draw(f, o)
		}
		footer(f, m, g, fmt.Sprintf("page %d / %d", i+1, len(d.sheet.pages)))
	}
	if err := f.Error(); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	if err := f.Output(w); err != nil {
		return res, fmt.Errorf("write pdf: %w", err)
	}
	return res, nil
}

// pdfDoc is a document laid out and ready to draw.
type pdfDoc struct {
	f     *fpdf.Fpdf
	m     fpdfMeasurer
	cov   *coverage
	sheet *sheet
	title string
}

func newPDFDoc(cs []cards.Card, opts PDFOptions) (*pdfDoc, error) {
	g, paper, err := geometryFor(opts.Paper)
	if err != nil {
		return nil, err
	}
	lay := layout
	switch l := strings.ToLower(strings.TrimSpace(opts.Layout)); l {
	case "", "sheet":
	case "cards":
		lay = layoutCards
	case "cloze":
		lay = layoutCloze
	default:
		return nil, fmt.Errorf("%w %q (want sheet, cards or cloze)", ErrLayout, opts.Layout)
	}
	title := strings.Join(strings.Fields(cleanText(opts.Title)), " ")
	if title == "" {
		title = "Flashcards"
	}
	cov, err := newCoverage()
	if err != nil {
		return nil, fmt.Errorf("load fonts: %w", err)
	}
	f := fpdf.New("P", "mm", paper, "")
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(opts.Date.Time())
	f.SetModificationDate(opts.Date.Time())
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(g.left, g.top, g.w-g.right)
	f.SetTitle(title, true)
	f.SetCreator("mnemo", true)
	ttf := fontTTF()
	for i := range numFonts {
		family, st := fontName(i)
		f.AddUTF8FontFromBytes(family, st, ttf[i])
	}
	m := fpdfMeasurer{f}
	// Lay out before the first page exists: SetFont then writes nothing.
	s := lay(uniqueIDs(sorted(cs)), title, opts.Date, m, cov, g)
	return &pdfDoc{f: f, m: m, cov: cov, sheet: s, title: title}, nil
}

// fontName returns the fpdf family and style of font i.
func fontName(i int) (family, st string) {
	switch i {
	case fontBold:
		return familySans, "B"
	case fontItalic:
		return familySans, "I"
	case fontBoldItalic:
		return familySans, "BI"
	case fontMono:
		return familyMono, ""
	}
	return familySans, ""
}

// fpdfMeasurer measures text with fpdf's own font metrics.
type fpdfMeasurer struct{ f *fpdf.Fpdf }

func (m fpdfMeasurer) setFont(st style, size float64) {
	family, fs := fontName(fontIndex(st))
	m.f.SetFont(family, fs, fontSize(st, size))
}

func (m fpdfMeasurer) width(text string, st style, size float64) float64 {
	m.setFont(st, size)
	return m.f.GetStringWidth(text)
}

func draw(f *fpdf.Fpdf, o op) {
	switch o.kind {
	case opText:
		family, fs := fontName(fontIndex(o.st))
		f.SetFont(family, fs, o.size)
		f.SetTextColor(o.color.parts())
		f.Text(o.x, o.y, o.text)
	case opRect:
		f.SetFillColor(o.color.parts())
		if o.lw > 0 {
			f.SetDrawColor(o.stroke.parts())
			f.SetLineWidth(o.lw)
			f.Rect(o.x, o.y, o.w, o.h, "FD")
			return
		}
		f.Rect(o.x, o.y, o.w, o.h, "F")
	case opLine, opDash:
		f.SetDrawColor(o.stroke.parts())
		f.SetLineWidth(o.lw)
		if o.kind == opDash {
			f.SetDashPattern([]float64{1.6, 1.2}, 0)
		}
		f.Line(o.x, o.y, o.x+o.w, o.y+o.h)
		if o.kind == opDash {
			f.SetDashPattern(nil, 0)
		}
	}
}

// runningHeader prints the title on the left and the deck on the right of
// pages after the first, each shortened to fit half the width.
func runningHeader(f *fpdf.Fpdf, m fpdfMeasurer, g geometry, title, deck string) {
	half := (g.right - g.left) / 2
	y := g.top - 9
	title = shorten(m, title, half-4)
	deck = shorten(m, deck, half-4)
	f.SetTextColor(mutedColor.parts())
	m.setFont(0, headerSize)
	f.Text(g.left, y, title)
	f.Text(g.right-f.GetStringWidth(deck), y, deck)
	f.SetDrawColor(ruleColor.parts())
	f.SetLineWidth(0.2)
	f.Line(g.left, y+2.2, g.right, y+2.2)
}

func footer(f *fpdf.Fpdf, m fpdfMeasurer, g geometry, text string) {
	m.setFont(0, headerSize)
	f.SetTextColor(mutedColor.parts())
	f.Text((g.w-f.GetStringWidth(text))/2, g.h-11, text)
}

// shorten cuts s with "…" so that it fits in max mm at header size.
func shorten(m fpdfMeasurer, s string, max float64) string {
	if m.width(s, 0, headerSize) <= max {
		return s
	}
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if m.width(s+"…", 0, headerSize) <= max {
			return strings.TrimSpace(s) + "…"
		}
	}
	return ""
}

// uniqueIDs keeps the first card of each ID, in place.
func uniqueIDs(cs []cards.Card) []cards.Card {
	seen := make(map[cards.ID]bool, len(cs))
	out := cs[:0]
	for _, c := range cs {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	return out
}
