package notes

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	corpusDir = "../../shared/corpus"
	seedFile  = "../../shared/seed/000_e0813f7712023e42.txt"
)

// corpusFiles returns every file of the shared corpus of real notes.
func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		tb.Skipf("no corpus at %s: %v", corpusDir, err)
	}
	return files
}

func TestParse_Corpus(t *testing.T) {
	files := corpusFiles(t)
	if _, err := os.Stat(seedFile); err == nil {
		files = append(files, seedFile)
	}
	for _, file := range files {
		name := strings.TrimPrefix(file, corpusDir+"/")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			n, err := Parse(file, src)
			if err != nil {
				t.Fatalf("Parse() error: %v", err)
			}
			for _, e := range checkNote(n) {
				t.Error(e)
			}
			if strings.TrimSpace(string(src)) != "" && len(n.Blocks) == 0 {
				t.Errorf("Parse() found no blocks in %d bytes", len(src))
			}
			again, err := Parse(file, src)
			if err != nil {
				t.Fatalf("second Parse() error: %v", err)
			}
			if diff := cmp.Diff(n, again); diff != "" {
				t.Errorf("Parse() is not deterministic (-first +second):\n%s", diff)
			}
		})
	}
}

func TestParse_Seed(t *testing.T) {
	src, err := os.ReadFile(seedFile)
	if err != nil {
		t.Skipf("no seed note: %v", err)
	}
	n, err := Parse("seed.txt", src)
	if err != nil {
		t.Fatalf("Parse() error: %v", err)
	}
	for _, e := range checkNote(n) {
		t.Error(e)
	}
	if diff := cmp.Diff([]string{"devops", "conference"}, n.Tags); diff != "" {
		t.Errorf("Tags mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(n.Title, "Se comprendre") {
		t.Errorf("Title = %q, want the first heading", n.Title)
	}
	count := map[Kind]int{}
	for _, b := range n.Blocks {
		count[b.Kind]++
	}
	if count[Heading] < 5 || count[Line] < 30 {
		t.Errorf("block kinds = %v, want at least 5 headings and 30 lines", count)
	}
	intro := -1
	for i, b := range n.Blocks {
		if b.Kind == Line && strings.HasPrefix(b.Text.Plain, "Simplement un petit") {
			intro = i
			break
		}
	}
	if intro < 0 || !strings.HasSuffix(n.Blocks[intro].Text.Plain, ":") {
		t.Fatalf("no Line block \"Simplement un petit…:\"")
	}
	items := n.Blocks[intro+1 : intro+5]
	for i, b := range items {
		if b.Kind != Item || b.Index != i+1 || b.Depth != 0 || b.Parent != -1 || b.Group != items[0].Group || b.Ordered {
			t.Errorf("block %d after the intro = %+v, want item %d of the list", i+1, b, i+1)
		}
	}
	if items[0].Group == n.Blocks[intro].Group {
		t.Errorf("the list shares group %d with the line above it", items[0].Group)
	}
	if after := n.Blocks[intro+5]; after.Kind != Line || !strings.HasPrefix(after.Text.Plain, "Ultra classique") {
		t.Errorf("block after the list = %s %q, want the Line \"Ultra classique…\"", after.Kind, after.Text.Plain)
	}
}
