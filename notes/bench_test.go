package notes

import (
	"os"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/mnemo-dev/mnemo/internal/benchvault"
)

// The benchmarks run on two sets of notes: "corpus", the shared corpus
// (skipped when it is absent), and "vault", every
// *.md file under the folder named by the environment variable
// MNEMO_BENCH_VAULT, such as a vault written by bench/vaultgen (skipped
// when the variable is unset). MNEMO_BENCH_MAX, when set, keeps that many
// of the vault's files, spread evenly over them in path order. The cost of
// Parse beyond goldmark's is the ratio of BenchmarkParse/SET to
// BenchmarkGoldmarkOnly/SET/notes:
//
//	go run ./bench/vaultgen -notes 4000 -o /tmp/v4k
//	MNEMO_BENCH_VAULT=/tmp/v4k MNEMO_BENCH_MAX=1000 \
//	  go test -run '^$' -bench 'Parse|GoldmarkOnly/.*/notes' -count 5 ./notes
//
// The vault is read by benchvault.Files.

// benchSet is a set of notes to benchmark on.
type benchSet struct {
	name  string
	files func(tb testing.TB) []string
}

// benchSets returns the sets of notes every benchmark runs on.
func benchSets() []benchSet {
	return []benchSet{{"corpus", corpusFiles}, {"vault", benchvault.Files}}
}

// readNotes returns the contents of files and their total size.
func readNotes(b *testing.B, files []string) ([][]byte, int64) {
	b.Helper()
	var srcs [][]byte
	var size int64
	for _, file := range files {
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
		c0, ok0 := benchvault.CPUTime()
		for _, src := range srcs {
			parse(src)
		}
		c1, ok1 := benchvault.CPUTime()
		cpu += c1 - c0
		cpuOK = cpuOK && ok0 && ok1
	}
	if cpuOK && b.N > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkParse(b *testing.B) {
	for _, set := range benchSets() {
		b.Run(set.name, func(b *testing.B) {
			srcs, size := readNotes(b, set.files(b))
			loopNotes(b, srcs, size, func(src []byte) {
				if _, err := Parse("bench.md", src); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkGoldmarkOnly parses the same notes with goldmark alone and
// builds no model: "commonmark" is goldmark's default parser, "notes" the
// parser Parse configures (tables, frontmatter, wikilinks…). Each parser
// is built once, as bench/floor does.
func BenchmarkGoldmarkOnly(b *testing.B) {
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
	for _, set := range benchSets() {
		b.Run(set.name, func(b *testing.B) {
			srcs, size := readNotes(b, set.files(b))
			for _, p := range parsers {
				b.Run(p.name, func(b *testing.B) {
					loopNotes(b, srcs, size, p.new())
				})
			}
		})
	}
}
