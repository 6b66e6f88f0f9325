// Command vaultgen writes a synthetic Markdown vault for mnemo's scale
// benchmarks: folders of notes in English and French with YAML
// frontmatter, headings, nested bullets, paragraphs with inline markup,
// definitions, enumerations, tables, facts, code, callouts and, in a few
// notes, cards written by hand. Note sizes vary (log-normal, with a few big
// notes) around the average that -size / -notes gives.
//
// The same -notes, -size and -seed always write the same files: note i
// depends only on the seed and i, so -notes 2000 writes the first 2000
// notes of a -notes 40000 vault of the same average size.
//
// Usage:
//
//	go run ./bench/vaultgen -notes 40000 -size 200MB -o /tmp/vault
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "vaultgen:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("vaultgen", flag.ContinueOnError)
	notes := fs.Int("notes", 40000, "number of notes")
	size := fs.String("size", "", "total size aimed at (200MB, 1.5GiB, bytes; default: 5kB a note)")
	seed := fs.Uint64("seed", 1, "seed: the same seed writes the same vault")
	dir := fs.String("o", "", "folder to write, which must be empty or absent (required)")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "notes written in parallel")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() > 0 || *notes < 1 || *jobs < 1 {
		fs.Usage()
		return errors.New("usage: vaultgen -notes N [-size SIZE] [-seed S] -o DIR")
	}
	total := int64(*notes) * 5000
	if *size != "" {
		n, err := parseSize(*size)
		if err != nil {
			return err
		}
		total = n
	}
	st, err := generate(*dir, *notes, float64(total)/float64(*notes), *seed, *jobs)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d notes, %d bytes (%.1f MB), %d folders in %s\n",
		st.notes, st.bytes, float64(st.bytes)/1e6, st.folders, *dir)
	return nil
}

// stats counts what generate wrote.
type stats struct {
	notes, folders int
	bytes          int64
}

// generate writes notes 0 … n-1 of the vault of seed under dir, avg bytes a
// note on average, with jobs notes written at a time.
func generate(dir string, n int, avg float64, seed uint64, jobs int) (stats, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return stats{}, fmt.Errorf("%s is not empty", dir)
	}
	var (
		bytes   atomic.Int64
		mu      sync.Mutex
		folders = map[string]bool{}
		errs    = make([]error, jobs)
		wg      sync.WaitGroup
		next    atomic.Int64
	)
	for w := range jobs {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				rel, src := note(seed, i, avg)
				p := filepath.Join(dir, filepath.FromSlash(rel))
				d := filepath.Dir(p)
				mu.Lock()
				made := folders[d]
				mu.Unlock()
				if !made {
					// Two workers may both make it: MkdirAll allows that.
					if err := os.MkdirAll(d, 0o755); err != nil {
						errs[w] = fmt.Errorf("make folder: %w", err)
						return
					}
					mu.Lock()
					folders[d] = true
					mu.Unlock()
				}
				if err := os.WriteFile(p, src, 0o644); err != nil {
					errs[w] = fmt.Errorf("write note: %w", err)
					return
				}
				bytes.Add(int64(len(src)))
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return stats{}, err
	}
	return stats{notes: n, folders: len(folders), bytes: bytes.Load()}, nil
}

// parseSize reads 200MB, 1.5GB, 512kB (powers of 1000), 200MiB (powers of
// 1024) or a plain number of bytes.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   float64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
	}
	mult := 1.0
	num := strings.TrimSpace(s)
	for _, u := range units {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, kB, MB, GB, KiB, MiB or GiB", s)
	}
	return int64(v * mult), nil
}
