package export

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/notes"
)

// corpusCards returns up to n cards of the shared corpus of real notes:
// all those of its French notes, then English ones, in Sort order, each
// in the deck "language::repository". It skips the test without the
// corpus.
func corpusCards(t *testing.T, n int) []cards.Card {
	t.Helper()
	root := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	var fr, en []cards.Card
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		note, err := notes.Parse(rel, src)
		if err != nil {
			return nil // a note the parser refuses is another test's business
		}
		parts := strings.SplitN(rel, "/", 3)
		for _, c := range cards.Generate(note, cards.Options{}) {
			c.Deck = parts[0] + "::" + parts[1]
			if parts[0] == "fr" {
				fr = append(fr, c)
			} else {
				en = append(en, c)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	Sort(fr)
	Sort(en)
	return slices.Concat(fr, en)[:min(n, len(fr)+len(en))]
}

// poppler runs one of the poppler tools on the PDF at path, skipping the
// test when it is not installed.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not found (poppler-utils)", tool)
	}
	out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %q: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// words returns the words of s (runs of letters and marks) that have a
// letter outside ASCII.
func words(s string) []string {
	var ws []string
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		if strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
			ws = append(ws, w)
		}
	}
	return ws
}

// TestPDF_Corpus prints 1,000 cards of real notes in every layout and reads
// the result back with poppler: pdfinfo finds the pages and the paper size,
// pdffonts only embedded fonts, and pdftotext the accented words whole.
func TestPDF_Corpus(t *testing.T) {
	cs := corpusCards(t, 1000)
	if len(cs) < 1000 {
		t.Fatalf("corpus gives %d cards, want at least 1000", len(cs))
	}
	// Every word with an accent that the cards hold, as pdftotext must
	// give it back: never split, never mangled.
	known := map[string]bool{}
	for _, c := range cs {
		for _, s := range append([]string{c.Front, c.Back, c.Cloze, c.Deck, c.Source.Path}, c.Context...) {
			for _, w := range words(s) {
				known[w] = true
			}
		}
	}
	dir := t.TempDir()
	start := time.Now()
	for _, tt := range []struct{ layout, paper, size string }{
		{"sheet", "a4", "595.28 x 841.89 pts (A4)"},
		{"cards", "letter", "612 x 792 pts (letter)"},
		{"cloze", "a4", "595.28 x 841.89 pts (A4)"},
	} {
		t.Run(tt.layout, func(t *testing.T) {
			var buf bytes.Buffer
			res, err := PDF(&buf, cs, PDFOptions{Title: "Corpus", Date: cards.DateOf(2026, time.March, 1), Layout: tt.layout, Paper: tt.paper})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tt.layout+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}

			info := poppler(t, "pdfinfo", path)
			pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info)
			if pages == nil || pages[1] == "0" {
				t.Errorf("pdfinfo: no pages:\n%s", info)
			} else if pages[1] != strconv.Itoa(res.Pages) {
				t.Errorf("pdfinfo: %s pages, PDF said %d", pages[1], res.Pages)
			}
			if !regexp.MustCompile(`(?m)^Page size:\s+` + regexp.QuoteMeta(tt.size) + `$`).MatchString(info) {
				t.Errorf("pdfinfo: page size is not %s:\n%s", tt.size, info)
			}

			// All pages share one resource dictionary, so the first page
			// lists every font (pdffonts on all pages takes seconds); the
			// file must hold one embedded font program per font and no
			// standard (never embedded) font.
			fonts := strings.Split(strings.TrimSpace(poppler(t, "pdffonts", "-l", "1", path)), "\n")
			if len(fonts) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", strings.Join(fonts, "\n"))
			}
			for _, f := range fonts[2:] {
				// name type encoding emb sub uni object ID: emb is the
				// fifth column from the right.
				if cols := strings.Fields(f); len(cols) < 7 || cols[len(cols)-5] != "yes" {
					t.Errorf("pdffonts: font not embedded: %s", f)
				}
			}
			if n := bytes.Count(buf.Bytes(), []byte("/FontFile2 ")); n != len(fonts)-2 {
				t.Errorf("%d embedded font programs for %d fonts", n, len(fonts)-2)
			}
			if bytes.Contains(buf.Bytes(), []byte("/Subtype /Type1")) {
				t.Errorf("the PDF uses a standard font, which is not embedded")
			}

			// pdftotext takes about 10 ms a page: the cut-out cards (2
			// pages for 8 cards) are read on their last 60 pages, the
			// French decks (decks sort "en" before "fr").
			args := []string{"-enc", "UTF-8", path, "-"}
			if tt.layout == "cards" {
				args = append([]string{"-f", strconv.Itoa(max(res.Pages-59, 1))}, args...)
			}
			text := poppler(t, "pdftotext", args...)
			found := map[string]bool{}
			for _, w := range words(text) {
				if !known[w] {
					t.Errorf("pdftotext gives %q, a word with an accent that no card holds (split or mangled)", w)
				}
				found[w] = true
			}
			// The sheet prints every question and answer whole.
			if tt.layout == "sheet" {
				for _, c := range cs {
					for _, w := range words(c.Front + " " + c.Back) {
						if !found[w] {
							t.Errorf("pdftotext of the sheet lacks %q (card %s)", w, c.ID)
						}
					}
				}
			}
			if len(found) < 100 {
				t.Errorf("pdftotext finds %d words with accents, want at least 100 (the cards hold %d)", len(found), len(known))
			}
			t.Logf("%s: %d pages, %d fonts, %d words with accents, %d replaced", tt.layout, res.Pages, len(fonts)-2, len(found), res.Replaced)
		})
	}
	// The render time is checked by TestPDF_Layouts and the benchmarks;
	// here poppler dominates and the machine's load decides.
	t.Logf("printing and reading back 3 × %d cards took %v", len(cs), time.Since(start))
}
