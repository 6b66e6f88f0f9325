package notes

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.md")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range seeds {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, err := Parse("fuzz.md", src)
		if err != nil {
			if n != nil {
				t.Errorf("Parse() = %v and error %v", n, err)
			}
			if e := checkError(err); e != nil {
				t.Error(e)
			}
			return
		}
		for _, e := range checkNote(n) {
			t.Error(e)
		}
		for _, b := range n.Blocks {
			_ = b.Text.Markdown()
			for _, s := range b.Sentences {
				_ = s.Markdown()
			}
			half := b.Text.Slice(len(b.Text.Plain)/2, len(b.Text.Plain)+1)
			_ = half.Markdown()
		}
	})
}

// fuzzSeeds returns small notes that reach the corners of the parser.
func fuzzSeeds() []string {
	return []string{
		"", "---", "---\n", "---\n---", "---\na: [\n---\n", "- - - - x", "> > - x\n> y",
		"| a |\n|---|\n| [[b\\|c]] |", "==a **b==** c", "[[a|b]] ![[c]] [d](e) <f@g.h>",
		"#tag #1 \\#no `#c`", "a  \nb\\\nc", "\ufeff\r\n# x\r\n- [ ] y\r", "<!--SR:!x-->\n~~~\n",
		"> [!tip]\n> x", "*a _b *c _d e_ f* g_ h*", "&#0; &#x110000; &amp &nbsp;",
		"\n---", "\n---\ntitle: x\n---\n", " \n----\ntags: [a]\n----\n# y", "#",
	}
}
