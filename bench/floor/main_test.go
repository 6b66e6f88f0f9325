package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/mnemo-dev/mnemo/notes"
)

func TestParseAll(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.md":             "---\ntags: [x]\n---\n# A\n\nSome **bold** text.\n",
		"sub/b.markdown":   "| a | b |\n|---|---|\n| 1 | 2 |\n",
		"sub/notes.txt":    "not a note\n",
		".obsidian/c.md":   "hidden folder\n",
		"sub/.hidden.md":   "hidden file\n",
		"deep/er/c.MD":     "- [ ] task ==high== [[link]]\n",
		"deep/er/empty.md": "",
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantBytes := len(files["a.md"]) + len(files["sub/b.markdown"]) + len(files["deep/er/c.MD"])
	for _, jobs := range []int{1, 3} {
		got, err := parseAll(dir, jobs)
		if err != nil {
			t.Fatalf("parseAll(-j %d): %v", jobs, err)
		}
		if got.files != 4 || got.bytes != int64(wantBytes) || got.nodes < 20 {
			t.Errorf("parseAll(-j %d) = %+v, want 4 files, %d bytes, 20 nodes or more", jobs, got, wantBytes)
		}
	}
}

// TestNewParser checks that the floor parses the syntax notes.Parse
// enables, so that it does the same work.
func TestNewParser(t *testing.T) {
	src := []byte("---\ntitle: t\n---\n" +
		"Some ==highlighted== and ~~struck~~ text with a [[Wiki Link|label]].\n\n" +
		"- [x] done\n\n" +
		"| a | b |\n|---|---|\n| 1 | 2 |\n")
	doc := notes.NewGoldmarkParser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	kinds := map[string]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			kinds[n.Kind().String()]++
		}
		return ast.WalkContinue, nil
	})
	got := map[string]int{}
	for _, k := range []string{"MnemoHighlight", "MnemoWikiLink", "Strikethrough", "TaskCheckBox", "Table", "ThematicBreak"} {
		got[k] = kinds[k]
	}
	// The frontmatter is consumed, not read as a thematic break.
	want := map[string]int{"MnemoHighlight": 1, "MnemoWikiLink": 1, "Strikethrough": 1, "TaskCheckBox": 1, "Table": 1, "ThematicBreak": 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("node kinds (-want +got):\n%s", diff)
	}
}
