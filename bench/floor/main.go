// Command floor parses every note under a folder with goldmark alone, as
// mnemo's notes package configures it, and nothing else: no card rules, no
// store. It is the floor that `mnemo add` is measured against: the least
// any Markdown tool built on goldmark pays to read the same files.
//
// It finds the notes as `mnemo add` does (notes.Find: *.md and *.markdown,
// hidden folders skipped), reads each file and parses it with one worker
// per CPU (-j), then prints the files, bytes and elapsed time.
//
// The parser is notes.NewGoldmarkParser, the one notes.Parse uses: CommonMark, GFM tables, strikethrough and task lists,
// YAML frontmatter, ==highlight== and [[wikilinks]]. Each worker builds
// its parser once.
//
// Usage:
//
//	go run ./bench/floor [-j N] DIR
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/mnemo-dev/mnemo/notes"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "files parsed in parallel")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *jobs < 1 {
		fs.Usage()
		return errors.New("usage: floor [-j N] DIR")
	}
	start := time.Now()
	res, err := parseAll(fs.Arg(0), *jobs)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(out, "files=%d bytes=%d nodes=%d seconds=%.3f MB/s=%.1f\n",
		res.files, res.bytes, res.nodes, el.Seconds(), float64(res.bytes)/1e6/el.Seconds())
	return nil
}

// result counts what parseAll read.
type result struct {
	files int
	bytes int64
	nodes int64 // block and inline nodes, so the parse cannot be skipped
}

// parseAll parses every note under dir with jobs workers.
func parseAll(dir string, jobs int) (result, error) {
	found, err := notes.Find(os.DirFS(dir), ".")
	if err != nil {
		return result{}, err
	}
	var (
		next         atomic.Int64
		bytes, nodes atomic.Int64
		errs         = make([]error, jobs)
		wg           sync.WaitGroup
	)
	for w := range jobs {
		wg.Go(func() {
			p := notes.NewGoldmarkParser()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(found) {
					return
				}
				src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(found[i])))
				if err != nil {
					errs[w] = err
					return
				}
				doc := p.Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
				bytes.Add(int64(len(src)))
				nodes.Add(int64(count(doc)))
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return result{}, err
	}
	return result{files: len(found), bytes: bytes.Load(), nodes: nodes.Load()}, nil
}

// count returns the number of nodes in the tree under n.
func count(n ast.Node) int {
	c := 1
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c += count(ch)
	}
	return c
}
