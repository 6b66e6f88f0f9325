package cards

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mnemo-dev/mnemo/internal/benchvault"
	"github.com/mnemo-dev/mnemo/notes"
)

// BenchmarkGenerateVsParse parses every corpus note, then generates its
// cards, timing the two apart in each iteration (see
// benchGenerateVsParse).
func BenchmarkGenerateVsParse(b *testing.B) {
	benchGenerateVsParse(b, corpusFiles(b))
}

// BenchmarkGenerateVault is BenchmarkGenerateVsParse on the notes of the
// folder MNEMO_BENCH_VAULT names (a vault of bench/vaultgen, say), at most
// MNEMO_BENCH_MAX of them spread over the vault (see benchvault.Files); it
// is skipped when MNEMO_BENCH_VAULT is unset.
//
//	MNEMO_BENCH_VAULT=/tmp/v4k MNEMO_BENCH_MAX=1000 go test -run '^$' -bench GenerateVault ./cards
func BenchmarkGenerateVault(b *testing.B) {
	benchGenerateVsParse(b, benchvault.Files(b))
}

// benchGenerateVsParse parses the notes of files, then generates their
// cards, timing the two apart in each iteration: in "corpus" with the
// Corpus of all of them, in "note" with the zero Options, as add does.
// It reports the CPU time of the process spent in each (the garbage
// collector's included), which a shared, busy machine disturbs less than
// wall time, and the fastest iteration of each in wall time; gen/parse is
// the ratio of the CPU times (of the wall times where the CPU time is
// unknown).
func benchGenerateVsParse(b *testing.B, files []string) {
	srcs := make([][]byte, len(files))
	ns := make([]*notes.Note, len(files))
	for i, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = src
		n, err := notes.Parse(filepath.ToSlash(p), src)
		if err != nil {
			b.Fatalf("notes.Parse(%s): %v", p, err)
		}
		ns[i] = n
	}
	for _, bc := range []struct {
		name string
		opts Options
	}{
		{"corpus", Options{Corpus: NewCorpus(ns...)}},
		{"note", Options{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			timeGenerateVsParse(b, files, srcs, ns, bc.opts)
		})
	}
}

// timeGenerateVsParse is one case of benchGenerateVsParse: ns is a buffer
// for the notes of srcs.
func timeGenerateVsParse(b *testing.B, files []string, srcs [][]byte, ns []*notes.Note, opts Options) {
	b.ReportAllocs()
	var bestParse, bestGen, cpuParse, cpuGen time.Duration
	cpuOK := true
	iters := 0
	for b.Loop() {
		c0, ok0 := benchvault.CPUTime()
		t0 := time.Now()
		for i, src := range srcs {
			n, err := notes.Parse(files[i], src)
			if err != nil {
				b.Fatal(err)
			}
			ns[i] = n
		}
		c1, ok1 := benchvault.CPUTime()
		t1 := time.Now()
		for _, n := range ns {
			Generate(n, opts)
		}
		c2, ok2 := benchvault.CPUTime()
		t2 := time.Now()
		cpuOK = cpuOK && ok0 && ok1 && ok2
		cpuParse += c1 - c0
		cpuGen += c2 - c1
		iters++
		if p := t1.Sub(t0); bestParse == 0 || p < bestParse {
			bestParse = p
		}
		if g := t2.Sub(t1); bestGen == 0 || g < bestGen {
			bestGen = g
		}
	}
	b.ReportMetric(float64(bestParse.Microseconds())/1000, "parse-ms")
	b.ReportMetric(float64(bestGen.Microseconds())/1000, "gen-ms")
	ratio := float64(bestGen) / float64(bestParse)
	if cpuOK && cpuParse > 0 {
		b.ReportMetric(float64(cpuParse.Microseconds())/1000/float64(iters), "parse-cpu-ms")
		b.ReportMetric(float64(cpuGen.Microseconds())/1000/float64(iters), "gen-cpu-ms")
		ratio = float64(cpuGen) / float64(cpuParse)
	}
	b.ReportMetric(ratio, "gen/parse")
}
