package notes

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dump renders a note for review: one entry per block with its place and
// its text as Markdown, then one per code block.
func dump(n *Note) string {
	var b strings.Builder
	fmt.Fprintf(&b, "path: %s\ntitle: %s\ntags: %q\ndeck: %q\nlines: %d\n", n.Path, n.Title, n.Tags, n.Deck, len(n.Lines))
	for i, blk := range n.Blocks {
		fmt.Fprintf(&b, "\n[%d] %s lines %d-%d", i, blk.Kind, blk.Line, blk.EndLine)
		switch blk.Kind {
		case Heading:
			fmt.Fprintf(&b, " level %d", blk.Depth)
		case Item:
			fmt.Fprintf(&b, " depth %d index %d", blk.Depth, blk.Index)
			if blk.Ordered {
				b.WriteString(" ordered")
			}
		}
		if blk.Group != 0 {
			fmt.Fprintf(&b, " group %d", blk.Group)
		}
		if blk.Parent >= 0 {
			fmt.Fprintf(&b, " parent %d", blk.Parent)
		}
		if blk.Quote {
			b.WriteString(" quote")
		}
		if len(blk.Headings) > 0 {
			fmt.Fprintf(&b, " under %q", blk.Headings)
		}
		fmt.Fprintf(&b, "\n    %s\n", blk.Text.Markdown())
		for _, sp := range blk.Text.Spans {
			if sp.URL != "" {
				fmt.Fprintf(&b, "    %s %q -> %s\n", sp.Kind, blk.Text.Plain[sp.Start:sp.End], sp.URL)
			}
		}
		if len(blk.Sentences) > 1 {
			for _, s := range blk.Sentences {
				fmt.Fprintf(&b, "    · %s\n", s.Markdown())
			}
		}
		if blk.Kind == Row {
			for j, c := range blk.Cells {
				h := ""
				if j < len(blk.Header) {
					h = blk.Header[j].Markdown()
				}
				fmt.Fprintf(&b, "    %s: %s\n", h, c.Markdown())
			}
		}
	}
	for i, c := range n.Code {
		fmt.Fprintf(&b, "\n[code %d] lines %d-%d lang %q\n", i, c.Line, c.EndLine, c.Lang)
		for l := range strings.SplitSeq(c.Text, "\n") {
			fmt.Fprintf(&b, "    | %s\n", l)
		}
	}
	return b.String()
}

// TestParse_Golden parses each testdata/*.md and compares a dump of the
// note with testdata/*.golden (go test ./notes -update rewrites them).
func TestParse_Golden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			n, err := Parse(filepath.ToSlash(file), src)
			if err != nil {
				t.Fatalf("Parse() error: %v", err)
			}
			for _, e := range checkNote(n) {
				t.Error(e)
			}
			got := dump(n)
			golden := strings.TrimSuffix(file, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("Parse(%s) mismatch (-want +got):\n%s", file, diff)
			}
		})
	}
}
