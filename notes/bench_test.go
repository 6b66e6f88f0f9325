package notes

import (
	"os"
	"testing"
	"time"

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

// loopNotes runs parse on every note per iteration and reports, besides
// the wall time, the CPU time of the process per iteration (cpu-ns/op):
// on a shared machine it moves less with the load, and it counts the
// garbage collector's work on other cores.
func loopNotes(b *testing.B, srcs [][]byte, size int64, parse func(src []byte)) {
	b.Helper()
	b.SetBytes(size)
	b.ReportAllocs()
	var cpu time.Duration
	cpuOK := true
	for b.Loop() {
		c0, ok0 := cpuTime()
		for _, src := range srcs {
			parse(src)
		}
		c1, ok1 := cpuTime()
		cpu += c1 - c0
		cpuOK = cpuOK && ok0 && ok1
	}
	if cpuOK && b.N > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkParse(b *testing.B) {
	srcs, size := benchNotes(b)
	loopNotes(b, srcs, size, func(src []byte) {
		if _, err := Parse("bench.md", src); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkGoldmarkOnly parses the same notes with goldmark alone and
// builds no model: "commonmark" is goldmark's default parser, "notes" the
// parser Parse configures (tables, frontmatter, wikilinks…). Each parser
// is built once, as bench/floor does.
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
			p := NewGoldmarkParser()
			return func(src []byte) { p.Parse(text.NewReader(src)) }
		}},
	}
	for _, p := range parsers {
		b.Run(p.name, func(b *testing.B) {
			loopNotes(b, srcs, size, p.new())
		})
	}
}
