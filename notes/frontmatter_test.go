package notes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// metaSeeds are frontmatters (without their "---" lines) in and around
// the subset simpleMeta reads.
func metaSeeds() []string {
	return []string{
		"",
		"title: Cells\ndeck: Biology\ntags: [cell, dna]",
		"tags:\n  - a\n  - '#b'\n  -\n  - null\ncreated: 2022-05-04",
		"tags:\n- a\n- b\n# comment\n\nTitle: \"Quoted: title\"",
		"title: 'single'\ntitle: second\nTAGS: a, b c  c",
		"tags: a\tb",
		"title: null\ndeck: ~\ntags: []",
		"title: [a, b]\ndeck:\n  - x\ntags: \"#a, #b\"",
		"title: C# and  spaces   \ndeck: x [y] {z}",
		"tags: [C#, x]",
		"title: a\n  continued",
		"tags: [a, b,]",
		"tags: [a, 'b']",
		"title: \"esc\\\"aped\"",
		"title: x # comment",
		"title: |\n  block",
		"title: &a x\ndeck: *a",
		"  title: indented",
		"tags:\n  - a\n    b",
		"tags:\n  - a\n - b",
		"# only a comment",
		"key with space: x",
		"title: l'été\ndeck: 日本語",
		"title: x\u2028deck: y",
		"# c\u2028title: x",
		"title:\tx",
		"tags:\n- [a]\n- {b: c}",
		"- a\n- b",
		"title: yes\ndeck: 0x1F\ntags: [1, 2.5, true]",
	}
}

// yamlMeta is decodeMeta on the YAML text of lines.
func yamlMeta(lines []string) (meta, *ParseError) {
	raw := []byte(strings.Join(lines, "\n") + "\n")
	return decodeMeta("x.md", func(v any) error { return yaml.Unmarshal(raw, v) })
}

func TestSimpleMeta(t *testing.T) {
	accepted := 0
	for _, fm := range metaSeeds() {
		lines := strings.Split(fm, "\n")
		got, ok := simpleMeta(lines)
		if !ok {
			continue
		}
		accepted++
		want, perr := yamlMeta(lines)
		if perr != nil {
			t.Errorf("simpleMeta(%q) accepts what YAML rejects: %v", fm, perr)
			continue
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(meta{})); diff != "" {
			t.Errorf("simpleMeta(%q) mismatch (-yaml +simple):\n%s", fm, diff)
		}
	}
	if accepted < 11 {
		t.Errorf("simpleMeta accepted %d seeds, want the 11 in its subset at least", accepted)
	}
}

// FuzzSimpleMeta checks that whatever simpleMeta reads, it reads as the
// YAML parser does.
func FuzzSimpleMeta(f *testing.F) {
	for _, fm := range metaSeeds() {
		f.Add(fm)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		// Parse gives valid UTF-8, in lines without line endings.
		if !utf8.ValidString(fm) {
			return
		}
		fm = strings.ReplaceAll(fm, "\r", "\n")
		lines := strings.Split(fm, "\n")
		got, ok := simpleMeta(lines)
		if !ok {
			return
		}
		want, perr := yamlMeta(lines)
		if perr != nil {
			t.Fatalf("simpleMeta(%q) accepts what YAML rejects: %v", fm, perr)
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(meta{})); diff != "" {
			t.Fatalf("simpleMeta(%q) mismatch (-yaml +simple):\n%s", fm, diff)
		}
	})
}
