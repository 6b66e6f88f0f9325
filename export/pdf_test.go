package export

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
)

// pdfCards are hand-written cards exercising the study sheet.
func pdfCards() []cards.Card {
	ctx := func(c cards.Card, line int, path ...string) cards.Card {
		c.Context = path
		c.Source = cards.Source{Path: "notes/" + strings.ToLower(path[0]) + ".md", Line: line}
		return c
	}
	long := "Parce qu’elle concentre à la fois le pouvoir **législatif** et *exécutif*, " +
		"la Convention nationale gouverne la France de 1792 à 1795 ; elle proclame la République, " +
		"juge le roi, crée le Comité de salut public — et fixe le calendrier républicain, " +
		"dont les mois (vendémiaire, brumaire, frimaire…) suivent les saisons."
	return []cards.Card{
		ctx(basic("Histoire::Révolution", "Qu’est-ce que la « Convention » et pourquoi est-elle si importante ?", long),
			3, "Révolution française", "La Convention", "Institutions"),
		ctx(cloze("Histoire::Révolution", "La Bastille est prise le [...] 1789.", "14 juillet",
			"La Bastille est prise le {{c1::14 juillet}} 1789."), 9, "Révolution française", "La Convention", "Institutions"),
		ctx(basic("Histoire::Révolution", "Un *cœur* d’été à la française ?", "Ça dépend : « œuvre » — été, à, ç, œ."),
			12, "Révolution française", "Vocabulaire"),
		ctx(reversed("Histoire::Révolution", "Robespierre", "Qui dirige le Comité de salut public en 1793–1794 ?"),
			15, "Révolution française", "Vocabulaire"),
		ctx(basic("Programming::Go", "What does `len(s)` return for a **string**?", "The number of *bytes*, not runes: `len(\"été\") == 5`."),
			4, "Go notes", "Strings"),
		ctx(basic("Programming::Go", "Which keyword ~~throws~~ panics?", "`panic` — use ==errors== instead 🙂"),
			8, "Go notes", "Errors"),
		ctx(cloze("Programming::Go", "A [...] is a typed conduit; close it with [...].", "channel; close",
			"A {{c1::channel}} is a typed conduit; close it with {{c2::close}}."), 11, "Go notes", "Concurrency"),
		ctx(basic("Programming::Go", "Emoji and CJK: 🐕 犬 ✓", "Replaced by a visible marker"), 20, "Go notes", "Fonts"),
	}
}

func renderPDF(t testing.TB, cs []cards.Card, opts PDFOptions) ([]byte, PDFResult) {
	t.Helper()
	var buf bytes.Buffer
	res, err := PDF(&buf, cs, opts)
	if err != nil {
		t.Fatalf("PDF() error = %v", err)
	}
	return buf.Bytes(), res
}

var sheetOpts = PDFOptions{Title: "Révisions — été 2026", Date: cards.DateOf(2026, time.March, 1)}

func TestPDF_Text(t *testing.T) {
	data, res := renderPDF(t, pdfCards(), sheetOpts)
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
		t.Fatalf("PDF() output is not a PDF file")
	}
	if res.Pages != 1 {
		t.Errorf("PDF() pages = %d, want 1", res.Pages)
	}
	// 🙂, 🐕, 犬 and ✓.
	if res.Replaced != 4 {
		t.Errorf("PDF() replaced = %d, want 4", res.Replaced)
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found (poppler-utils)")
	}
	out, err := exec.CommandContext(t.Context(), pdftotext, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"Révisions — été 2026", "2026-03-01", "8 cards",
		"Qu’est-ce que la « Convention »", "législatif", "exécutif", "vendémiaire", "saisons.",
		"cœur", "d’été", "œuvre", "Ça dépend", "Histoire › Révolution", "[...]", "14 juillet",
		"len(s)", "panics", "□", "page 1 / 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, text)
		}
	}
}

func TestPDF_Stable(t *testing.T) {
	a, _ := renderPDF(t, pdfCards(), sheetOpts)
	cs := pdfCards()
	for i, j := 0, len(cs)-1; i < j; i, j = i+1, j-1 {
		cs[i], cs[j] = cs[j], cs[i]
	}
	b, _ := renderPDF(t, cs, sheetOpts)
	if !bytes.Equal(a, b) {
		t.Errorf("PDF() output differs between two runs (%d and %d bytes)", len(a), len(b))
	}
	if bytes.Contains(a, []byte(time.Now().Format("20060102"))) && time.Now().Format("20060102") != "20260301" {
		t.Errorf("PDF() output contains today's date")
	}
}

func TestPDF_Many(t *testing.T) {
	cs := manyCards(1000)
	data, res := renderPDF(t, cs, PDFOptions{Title: "Bench", Paper: "letter"})
	if res.Pages < 20 {
		t.Errorf("PDF() pages = %d for 1000 cards, want at least 20", res.Pages)
	}
	if res.Replaced != 0 {
		t.Errorf("PDF() replaced = %d, want 0", res.Replaced)
	}
	if len(data) == 0 {
		t.Error("PDF() wrote nothing")
	}
}

func TestPDF_Edges(t *testing.T) {
	huge := strings.Repeat("word ", 2500) + strings.Repeat("x", 400)
	tests := []struct {
		name string
		cs   []cards.Card
	}{
		{"no cards", nil},
		{"empty texts", []cards.Card{basic("", "", "")}},
		{"row taller than a page", []cards.Card{basic("D", "q", huge)}},
		{"control characters", []cards.Card{basic("D\x00", "a\x01\tb\r\nc", "\uFEFF\u202F!\u200d\uFE0F")}},
		{"unbalanced markup", []cards.Card{basic("D", "**a *b `c", "~~x ==y")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, res := renderPDF(t, tt.cs, PDFOptions{})
			if res.Pages < 1 || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("PDF() = %d pages, %d bytes", res.Pages, len(data))
			}
		})
	}
}

func TestPDF_Paper(t *testing.T) {
	_, err := PDF(&bytes.Buffer{}, nil, PDFOptions{Paper: "a5"})
	if !errors.Is(err, ErrPaper) {
		t.Errorf("PDF(Paper: a5) error = %v, want %v", err, ErrPaper)
	}
}

func BenchmarkPDF(b *testing.B) {
	cs := manyCards(1000)
	for _, l := range layouts {
		b.Run(l, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if _, err := PDF(&buf, cs, PDFOptions{Title: "Bench", Layout: l}); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// TestPDF_Layout compares the laid-out pages (every text, rule and box with
// its position) with a golden file: reviewable, unlike the PDF bytes.
func TestPDF_Layout(t *testing.T) {
	cs := append(pdfCards(), with(basic("Programming::Go", "Long?", strings.Repeat("a long answer ", 400)), func(c *cards.Card) {
		c.Context = []string{"Go notes", "Fonts"}
		c.Source = cards.Source{Path: "notes/go notes.md", Line: 30}
	}))
	d, err := newPDFDoc(cs, sheetOpts)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "pdf_layout.golden"), []byte(dumpPages(d)))
}

// dumpPages lists every text, rule and box of d's pages with its position.
func dumpPages(d *pdfDoc) string {
	var b strings.Builder
	for i, pg := range d.sheet.pages {
		fmt.Fprintf(&b, "page %d deck=%q\n", i+1, pg.deck)
		for _, o := range pg.ops {
			switch o.kind {
			case opText:
				fmt.Fprintf(&b, "  text %6.2f %6.2f font=%d size=%.1f color=%06x %q\n", o.x, o.y, fontIndex(o.st), o.size, uint32(o.color), o.text)
			case opRect:
				fmt.Fprintf(&b, "  rect %6.2f %6.2f %6.2f×%.2f fill=%06x", o.x, o.y, o.w, o.h, uint32(o.color))
				if o.lw > 0 {
					fmt.Fprintf(&b, " stroke=%06x/%.2f", uint32(o.stroke), o.lw)
				}
				b.WriteByte('\n')
			case opLine, opDash:
				if o.kind == opDash {
					b.WriteString("  dash")
				} else {
					b.WriteString("  line")
				}
				fmt.Fprintf(&b, " %6.2f %6.2f → %6.2f %6.2f %06x/%.2f\n", o.x, o.y, o.x+o.w, o.y+o.h, uint32(o.stroke), o.lw)
			}
		}
	}
	return b.String()
}

// TestPDF_Fit checks that nothing is drawn outside the content area and
// that rows never overlap.
func TestPDF_Fit(t *testing.T) {
	for _, paper := range []string{"a4", "letter", "a4 cloze", "letter cloze"} {
		paper, layout, _ := strings.Cut(paper, " ")
		d, err := newPDFDoc(append(pdfCards(), manyCards(200)...), PDFOptions{Paper: paper, Layout: layout})
		if err != nil {
			t.Fatal(err)
		}
		g := d.sheet.g
		for i, pg := range d.sheet.pages {
			for _, o := range pg.ops {
				bottom := o.y + o.h
				if o.x < g.left-1 || o.x+o.w > g.right+1 || o.y < g.top-15 || bottom > g.bottom+0.01 {
					t.Errorf("%s page %d: op %+v outside the content area", paper, i+1, o)
				}
				if o.kind == opText && o.x+d.m.width(o.text, o.st, o.size/fontSize(o.st, 1)) > g.right+0.5 {
					t.Errorf("%s page %d: text %q runs past the right margin", paper, i+1, o.text)
				}
			}
		}
	}
}

func ExamplePDF() {
	cs := []cards.Card{{
		ID:      "0123456789abcdef",
		Deck:    "Français",
		Kind:    cards.Basic,
		Front:   "Que veut dire « *cœur* » ? 🙂",
		Back:    "L’organe qui pompe le sang.",
		Context: []string{"Vocabulaire", "Le corps"},
	}}
	var buf bytes.Buffer
	res, err := PDF(&buf, cs, PDFOptions{Title: "Révisions", Date: cards.DateOf(2026, time.March, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d page, %d character replaced\n", res.Pages, res.Replaced)
	// Output:
	// 1 page, 1 character replaced
}
