package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/notes"
)

// readVault returns every file under dir by slash path.
func readVault(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerate_deterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := generate(a, 50, 3000, 7, 3); err != nil {
		t.Fatalf("generate(%s): %v", a, err)
	}
	if _, err := generate(b, 50, 3000, 7, 1); err != nil {
		t.Fatalf("generate(%s): %v", b, err)
	}
	va, vb := readVault(t, a), readVault(t, b)
	if len(va) != 50 {
		t.Errorf("generate wrote %d files, want 50", len(va))
	}
	if diff := cmp.Diff(va, vb); diff != "" {
		t.Errorf("same seed, different vaults (-3 workers +1 worker):\n%s", diff)
	}

	// Another seed gives other notes.
	c := t.TempDir()
	if _, err := generate(c, 50, 3000, 8, 2); err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(va, readVault(t, c)) {
		t.Error("seeds 7 and 8 gave the same vault")
	}
}

func TestGenerate_refusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.md"), []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(dir, 5, 3000, 1, 1); err == nil {
		t.Error("generate into a non-empty folder: no error")
	}
}

// TestNote_parses checks that the notes parse with mnemo's parser and hold
// the mix the benchmark claims.
func TestNote_parses(t *testing.T) {
	const n = 200
	var total int
	features := map[string]int{}
	for i := range n {
		p, src := note(1, i, 4000)
		total += len(src)
		if !strings.HasSuffix(p, ".md") || strings.Count(p, "/") < 1 {
			t.Errorf("note %d: path %q, want FOLDER/NAME.md", i, p)
		}
		nt, err := notes.Parse(p, src)
		if err != nil {
			t.Fatalf("notes.Parse(note %d): %v", i, err)
		}
		if len(nt.Blocks) == 0 {
			t.Errorf("note %d (%s) has no blocks", i, p)
		}
		s := string(src)
		for name, marker := range map[string]string{
			"frontmatter": "---\n", "heading 2": "\n## ", "heading 3": "\n### ", "nested bullet": "\n  - ",
			"bold": "**", "highlight": "==", "wikilink": "[[", "link": "](https://", "code": "`",
			"table": "|---|", "lead-in": ":\n- ", "explicit": "::", "cloze": "{{c1::", "french": " est ",
			"fence": "```",
		} {
			if strings.Contains(s, marker) {
				features[name]++
			}
		}
	}
	for _, name := range []string{"frontmatter", "heading 2", "heading 3", "nested bullet", "bold",
		"highlight", "wikilink", "link", "code", "table", "lead-in", "explicit", "cloze", "french", "fence"} {
		if features[name] == 0 {
			t.Errorf("no note of %d has a %s", n, name)
		}
	}
	// Sizes vary around the average asked for.
	if avg := total / n; avg < 3000 || avg > 5000 {
		t.Errorf("mean note size %d, want about 4000", avg)
	}
}

func TestGenerate_prefix(t *testing.T) {
	// Note i does not depend on how many notes the vault has: a small
	// vault is the start of a bigger one with the same seed and average.
	small, big := t.TempDir(), t.TempDir()
	if _, err := generate(small, 20, 3000, 5, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(big, 60, 3000, 5, 2); err != nil {
		t.Fatal(err)
	}
	vs, vb := readVault(t, small), readVault(t, big)
	for p, src := range vs {
		if vb[p] != src {
			t.Errorf("%s differs between the 20-note and the 60-note vault", p)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{in: "200MB", want: 200_000_000},
		{in: "1.5GB", want: 1_500_000_000},
		{in: "512kB", want: 512_000},
		{in: "2MiB", want: 2 << 20},
		{in: "12345", want: 12345},
		{in: "0", wantErr: true},
		{in: "lots", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseSize(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseSize(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
