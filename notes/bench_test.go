package notes

import (
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// benchNotes returns the corpus notes, or the fixtures when the corpus is
// absent, and their total size.
func benchNotes(b *testing.B) ([][]byte, int64) {
	b.Helper()
	var srcs [][]byte
	var size int64
	for _, file := range corpusFiles(b) {
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		size += int64(len(src))
	}
	return srcs, size
}

func BenchmarkParse(b *testing.B) {
	srcs, size := benchNotes(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := Parse("bench.md", src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGoldmarkOnly parses the same notes with goldmark alone and
// builds no model: "commonmark" is goldmark's default parser, "notes" the
// parser Parse configures (tables, frontmatter, wikilinks…).
func BenchmarkGoldmarkOnly(b *testing.B) {
	srcs, size := benchNotes(b)
	parsers := []struct {
		name string
		new  func() func([]byte)
	}{
		{"commonmark", func() func([]byte) {
			p := goldmark.DefaultParser()
			return func(src []byte) { p.Parse(text.NewReader(src)) }
		}},
		{"notes", func() func([]byte) {
			return func(src []byte) { newParser().Parse(text.NewReader(src)) }
		}},
	}
	for _, p := range parsers {
		b.Run(p.name, func(b *testing.B) {
			parse := p.new()
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range srcs {
					parse(src)
				}
			}
		})
	}
}
