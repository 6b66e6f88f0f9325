package notes

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestFind(t *testing.T) {
	fsys := fstest.MapFS{
		"vault/a.md":                {},
		"vault/B.MD":                {},
		"vault/c.markdown":          {},
		"vault/d.Markdown":          {},
		"vault/notes.txt":           {},
		"vault/image.png":           {},
		"vault/sub/deep/e.md":       {},
		"vault/.obsidian/config.md": {},
		"vault/.git/x.md":           {},
		"vault/.trash/old.md":       {},
		"vault/sub/.hidden.md":      {},
		"vault/folder.md/inside.md": {},
		"vault/mdfile":              {},
		"single/readme.txt":         {},
		"single/.hidden/visible.md": {},
		"other/x.txt":               {},
	}
	tests := []struct {
		name    string
		root    string
		want    []string
		wantErr error
	}{
		{
			name: "folder",
			root: "vault",
			want: []string{"vault/B.MD", "vault/a.md", "vault/c.markdown", "vault/d.Markdown", "vault/folder.md/inside.md", "vault/sub/deep/e.md"},
		},
		{
			name: "whole file system",
			root: ".",
			want: []string{"vault/B.MD", "vault/a.md", "vault/c.markdown", "vault/d.Markdown", "vault/folder.md/inside.md", "vault/sub/deep/e.md"},
		},
		{name: "a file of any extension", root: "single/readme.txt", want: []string{"single/readme.txt"}},
		{name: "a hidden folder given as root", root: "single/.hidden", want: []string{"single/.hidden/visible.md"}},
		{name: "folder without notes", root: "other"},
		{name: "missing", root: "nope", wantErr: fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(fsys, tt.root)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Find(%q) error = %v, want %v", tt.root, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.root, diff)
			}
		})
	}
}

func TestFind_Symlinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "real.md"))
	write(filepath.Join(outside, "elsewhere.md"))
	write(filepath.Join(outside, "linked.md"))
	links := map[string]string{
		filepath.Join(dir, "linkdir"):    outside,                              // a folder: not followed
		filepath.Join(dir, "linkdir.md"): outside,                              // a folder named like a note
		filepath.Join(dir, "link.md"):    filepath.Join(outside, "linked.md"),  // a file: kept
		filepath.Join(dir, "broken.md"):  filepath.Join(outside, "missing.md"), // broken: skipped
		filepath.Join(dir, "loop/loop"):  filepath.Join(dir, "loop"),           // a cycle
	}
	if err := os.MkdirAll(filepath.Join(dir, "loop"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	got, err := Find(os.DirFS(dir), ".")
	if err != nil {
		t.Fatalf("Find() error: %v", err)
	}
	want := []string{"link.md", "real.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find() mismatch (-want +got):\n%s", diff)
	}
}
