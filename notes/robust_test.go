package notes

import (
	"errors"
	"flag"
	"strings"
	"testing"
	"time"
)

var fullSize = flag.Bool("full", false, "run TestParse_Robust with its inputs at full size (up to 8 MB)")

// TestParse_Robust feeds hostile notes to Parse: each must give a clear
// *ParseError or a sane Note, quickly. The big inputs that Parse accepts
// are an eighth of their size unless -full is given (a twentieth under
// -short or -race, where timing is not checked).
func TestParse_Robust(t *testing.T) {
	scale := 8
	switch {
	case *fullSize:
		scale = 1
	case testing.Short() || raceEnabled:
		scale = 20
	}
	mb := (1 << 20) / scale
	const fullMB = 1 << 20 // rejected inputs are cheap: always full size
	repeat := func(s string, size int) string { return strings.Repeat(s, max(size/len(s), 1)) }
	indented := func(depth int) string {
		var b strings.Builder
		for i := range depth {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name    string
		src     string
		wantErr error // nil: a note
		blocks  int   // with wantErr nil, -1 when any number will do
	}{
		{"10,000-deep list on one line", strings.Repeat("- ", 10000) + "x\n", ErrTooComplex, 0},
		{"10,000-deep indented list", indented(10000), ErrTooLarge, 0},
		{"1,000-deep indented list", indented(1000), ErrTooComplex, 0},
		{"100-deep indented lists, many times", repeat(indented(99), 4<<20), ErrTooComplex, 0},
		{"10,000-deep blockquote", strings.Repeat(">", 10000) + " x\n", ErrTooComplex, 0},
		{"5 MB single line", repeat("Lorem ipsum *dolor* sit amet, `consectetur` adipiscing elit. ", 5*mb), nil, 1},
		{"5 MB single word", repeat("a", 5*mb), nil, 1},
		{"100,000 bullets", repeat("- a bullet\n", 100000/scale*11), nil, 100000 / scale},
		{"many short paragraphs", repeat("Line one.\nLine two\n\n", 4*mb), nil, -1},
		{"8 MB note", repeat("# Title\n\nSome *text* here. And [a link](u).\n- item `code`\n  - sub\n\n", 8*mb), nil, -1},
		{"4 MB paragraph of one-letter lines", repeat("a\n", 4*mb), nil, 1},
		{"unclosed fence", "text\n```\n" + repeat("code\n", mb), nil, 1},
		{"unclosed frontmatter", "---\ntitle: x\n" + repeat("body\n", fullMB), ErrFrontmatter, 0},
		{"NUL byte late", repeat("text\n", fullMB) + "\x00", ErrBinary, 0},
		{"invalid UTF-8", "ok\n\xc0\xaf", ErrEncoding, 0},
		{"UTF-16", "\xff\xfe#\x00 \x00T\x00", ErrBinary, 0},
		{"RTL, emoji and zero width", repeat("שלום עולם 👩‍👩‍👧 \u200b\u200f x\n", mb), nil, -1},
		{"unclosed link destinations", repeat("[a](", 4*fullMB), ErrTooComplex, 0},
		{"unclosed <link destinations", repeat("[a](<", 4*fullMB), ErrTooComplex, 0},
		{"bracket lines in one paragraph", repeat("[a]\n", 4*fullMB), ErrTooComplex, 0},
		{"link reference definitions", repeat("[x]: a\n", 4*fullMB), ErrTooComplex, 0},
		{"unmatched emphasis", repeat("_a ", 2*fullMB) + repeat("a* ", 2*fullMB), ErrTooComplex, 0},
		{"unmatched highlight", repeat("==a ", 2*fullMB) + repeat("a~~ ", 2*fullMB), ErrTooComplex, 0},
		{"backtick runs of every length", backtickRuns(4 * fullMB), ErrTooComplex, 0},
		{"deep quotes on every line", repeat(strings.Repeat(">", 99)+" x\n", 8*fullMB), ErrTooComplex, 0},
		{"unclosed wikilinks", repeat("[[a", 4*mb), nil, 1},
		{"nested emphasis", repeat("*a _b ", mb) + repeat("b_ a* ", mb), nil, 1},
		{"many tags", repeat("#a ", 4*mb), nil, 1},
		{"many code spans", repeat("`a` ", 4*mb), nil, 1},
		{"many sentences", repeat("Mr. Smith left. He said e.g. this! ", 4*mb), nil, 1},
		{"only dots", repeat(".", 4*mb), nil, 1},
		{"only blank lines", repeat("\n", 8*mb), nil, 0},
		{"big table", "| a | b |\n|---|---|\n" + repeat("| *c* | d |\n", 4*mb), nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			n, err := Parse("hostile.md", []byte(tt.src))
			elapsed := time.Since(start)
			t.Logf("%d bytes in %v", len(tt.src), elapsed)
			if !raceEnabled && elapsed > 15*time.Second/time.Duration(scale) {
				t.Errorf("Parse() took %v, want a few seconds at most", elapsed)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Parse() error = %v, want %v", err, tt.wantErr)
				}
				if e := checkError(err); e != nil {
					t.Error(e)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse() error: %v", err)
			}
			if tt.blocks >= 0 && len(n.Blocks) != tt.blocks {
				t.Errorf("Parse() gave %d blocks, want %d", len(n.Blocks), tt.blocks)
			}
			if len(tt.src) < 2<<20 {
				for _, e := range checkNote(n) {
					t.Error(e)
					break
				}
			}
		})
	}
}

// backtickRuns returns lines each ending with a run of backticks of a new
// length: every run opens a code span that never closes.
func backtickRuns(size int) string {
	var b strings.Builder
	for k := 1; b.Len() < size; k++ {
		b.WriteString("a " + strings.Repeat("`", k%3000+1) + "\n")
	}
	return b.String()
}
