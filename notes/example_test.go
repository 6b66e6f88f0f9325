package notes_test

import (
	"errors"
	"fmt"
	"testing/fstest"

	"github.com/mnemo-dev/mnemo/notes"
)

func ExampleParse() {
	src := []byte(`---
tags: [biology]
deck: Science
---
# Cells

The **nucleus** holds the DNA. It is the cell's #core.
A line that wraps
onto the next one.

- mitochondria: energy
- ribosomes: proteins
`)
	n, err := notes.Parse("bio/cells.md", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Title, n.Tags, n.Deck)
	for _, b := range n.Blocks {
		fmt.Printf("%d-%d %s %q group %d: %s\n", b.Line, b.EndLine, b.Kind, b.Headings, b.Group, b.Text.Markdown())
	}
	fmt.Println(len(n.Blocks[1].Sentences), "sentences")
	// Output:
	// Cells [biology core] Science
	// 5-5 heading [] group 0: Cells
	// 7-7 line ["Cells"] group 1: The **nucleus** holds the DNA. It is the cell's #core.
	// 8-9 line ["Cells"] group 1: A line that wraps onto the next one.
	// 11-11 item ["Cells"] group 2: mitochondria: energy
	// 12-12 item ["Cells"] group 2: ribosomes: proteins
	// 2 sentences
}

func ExampleParse_error() {
	_, err := notes.Parse("broken.md", []byte("---\ntitle: [unclosed\n---\n"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, notes.ErrFrontmatter))
	if perr, ok := errors.AsType[*notes.ParseError](err); ok {
		fmt.Println(perr.File, perr.Line)
	}
	// Output:
	// broken.md:2: invalid frontmatter: did not find expected ',' or ']'
	// true
	// broken.md 2
}

func ExampleFind() {
	fsys := fstest.MapFS{
		"vault/b.md":               {},
		"vault/a.markdown":         {},
		"vault/img.png":            {},
		"vault/sub/c.MD":           {},
		"vault/.obsidian/notes.md": {},
	}
	paths, err := notes.Find(fsys, "vault")
	fmt.Println(paths, err)
	// Output:
	// [vault/a.markdown vault/b.md vault/sub/c.MD] <nil>
}

func ExampleText_Markdown() {
	n, _ := notes.Parse("n.md", []byte("A **bold** `code` ==mark== [[Page|link]] #tag"))
	t := n.Blocks[0].Text
	fmt.Println(t.Plain)
	fmt.Println(t.Markdown())
	// Output:
	// A bold code mark link #tag
	// A **bold** `code` ==mark== link #tag
}

func ExampleText_Slice() {
	n, _ := notes.Parse("n.md", []byte("one **two three**"))
	t := n.Blocks[0].Text.Slice(4, 7)
	fmt.Printf("%q %v\n", t.Plain, t.Spans)
	// Output:
	// "two" [{strong 0 3 }]
}
