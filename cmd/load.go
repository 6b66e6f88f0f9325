package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/notes"
)

// loadResult is what reading the notes under some paths gave.
type loadResult struct {
	// Cards from every note that parsed, in path then line order.
	Cards []cards.Card
	// Roots are the absolute, slash-separated paths that were given.
	Roots []string
	// Skip lists the notes that failed, whose stored cards must be kept.
	Skip []string
	// Notes counts the notes that parsed; Empty lists those that gave no card.
	Notes int
	Empty []string
	// Candidates holds every candidate, kept or dropped, when explaining.
	Candidates []cards.Candidate
	// Problems holds one error per bad path or note, already displayable.
	Problems []error
}

// noteJob is one file to read: where it is and which deck it falls back to.
type noteJob struct {
	fsys fs.FS
	name string // path inside fsys
	abs  string // absolute slash path, stored as cards.Source.Path
	deck string
}

// loadNotes finds the notes under paths, parses them in parallel and
// generates their cards. deck, when set, replaces the folder-derived deck.
// A bad path or note is a Problem, never a reason to stop the others.
func loadNotes(ctx context.Context, app *App, paths []string, deck string, explain bool) (*loadResult, error) {
	jobs, res := findNotes(paths, deck)
	results := make([]noteResult, len(jobs))
	if err := parallel(ctx, len(jobs), func(i int) {
		results[i] = loadNote(jobs[i], explain)
	}); err != nil {
		return nil, err
	}
	for i, r := range results {
		res.add(app, jobs[i], r)
	}
	return res, nil
}

// add adds what note j gave to res.
func (res *loadResult) add(app *App, j noteJob, r noteResult) {
	if r.err != nil {
		res.Skip = append(res.Skip, j.abs)
		res.Problems = append(res.Problems, app.displayErr(r.err))
		return
	}
	res.Notes++
	if len(r.cards) == 0 {
		res.Empty = append(res.Empty, j.abs)
	}
	res.Cards = append(res.Cards, r.cards...)
	res.Candidates = append(res.Candidates, r.candidates...)
}

// findNotes finds the notes under paths without reading them: the files
// to read, sorted by path, each once, and a result holding the roots and
// the problems of bad paths (a missing path, a folder without notes).
func findNotes(paths []string, deck string) ([]noteJob, *loadResult) {
	res := &loadResult{}
	var jobs []noteJob
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			res.Problems = append(res.Problems, fmt.Errorf("%s: %w", p, err))
			continue
		}
		info, err := os.Stat(abs)
		if err != nil {
			res.Problems = append(res.Problems, &usageError{fmt.Errorf("%s: no such file or folder", p)})
			continue
		}
		root, name := abs, "."
		if !info.IsDir() {
			root, name = filepath.Dir(abs), filepath.Base(abs)
		}
		fsys := os.DirFS(root)
		found, err := notes.Find(fsys, name)
		if err != nil {
			res.Problems = append(res.Problems, fmt.Errorf("%s: %w", p, err))
			continue
		}
		res.Roots = append(res.Roots, filepath.ToSlash(abs))
		if len(found) == 0 {
			res.Problems = append(res.Problems, &usageError{fmt.Errorf("%s: no notes found (*.md)", p)})
			continue
		}
		for _, f := range found {
			d := deck
			if d == "" && info.IsDir() {
				d = cards.DeckFromDir(path.Dir(f))
			}
			jobs = append(jobs, noteJob{fsys: fsys, name: f, abs: filepath.ToSlash(filepath.Join(root, filepath.FromSlash(f))), deck: d})
		}
	}
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].abs < jobs[j].abs })
	return dedupJobs(jobs), res
}

// parallel calls f(0) … f(n-1) on one worker per CPU and waits for them;
// it stops handing out work when ctx ends and returns ctx's error.
func parallel(ctx context.Context, n int, f func(i int)) error {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}

// pipeline calls work(0) … work(n-1) on one worker per CPU and consume
// with each result, in order, on the calling goroutine. At most window
// results wait to be consumed, so the workers cannot run far ahead of a
// slow consumer. It stops at the first error of consume, or when ctx ends
// (returning ctx's error), and waits for the workers.
func pipeline[T any](ctx context.Context, n, window int, work func(i int) T, consume func(i int, v T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window = max(1, min(window, n))
	// Result i waits in ring[i%window]: i is handed out only once
	// i-window is consumed, so its slot is free.
	ring := make([]chan T, window)
	for i := range ring {
		ring[i] = make(chan T, 1)
	}
	slots := make(chan struct{}, window)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				ring[i%window] <- work(i)
			}
		})
	}
	wg.Go(func() {
		defer close(next)
		for i := range n {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	var err error
	for i := range n {
		var v T
		select {
		case v = <-ring[i%window]:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err == nil {
			err = consume(i, v)
		}
		if err != nil {
			break
		}
		<-slots
	}
	cancel()
	wg.Wait()
	return err
}

func dedupJobs(jobs []noteJob) []noteJob {
	out := jobs[:0]
	for i, j := range jobs {
		if i > 0 && j.abs == jobs[i-1].abs {
			continue
		}
		out = append(out, j)
	}
	return out
}

// noteResult is what one note gave.
type noteResult struct {
	cards      []cards.Card
	candidates []cards.Candidate // only when explaining
	err        error
}

func loadNote(j noteJob, explain bool) noteResult {
	src, err := readSource(j, nil)
	if err != nil {
		return noteResult{err: err}
	}
	cs, cands, err := parseNote(j, src, explain)
	return noteResult{cs, cands, err}
}

// readSource reads note j; info, when not nil, is its file's, from which
// a huge file is refused before it is read into memory.
func readSource(j noteJob, info fs.FileInfo) ([]byte, error) {
	if info == nil {
		info, _ = fs.Stat(j.fsys, j.name)
	}
	if info != nil && info.Size() > notes.MaxSize {
		return nil, &notes.ParseError{File: j.abs, Line: 1,
			Err: fmt.Errorf("%w: %d bytes, the limit is %d", notes.ErrTooLarge, info.Size(), notes.MaxSize)}
	}
	src, err := fs.ReadFile(j.fsys, j.name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", j.abs, err)
	}
	return src, nil
}

// parseNote parses note j from src and generates its cards, and with
// explain every candidate.
func parseNote(j noteJob, src []byte, explain bool) ([]cards.Card, []cards.Candidate, error) {
	n, err := notes.Parse(j.abs, src)
	if err != nil {
		return nil, nil, err
	}
	opts := cards.Options{Deck: j.deck}
	if !explain {
		return cards.Generate(n, opts), nil, nil
	}
	cands := cards.Explain(n, opts)
	var cs []cards.Card
	for _, c := range cands {
		if c.Dropped == "" {
			cs = append(cs, c.Card)
		}
	}
	return cs, cands, nil
}

// rel shows an absolute slash path relative to the working directory when
// it lies under it.
func (a *App) rel(p string) string {
	if a.Cwd == "" {
		return p
	}
	r, err := filepath.Rel(a.Cwd, filepath.FromSlash(p))
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return p
	}
	return filepath.ToSlash(r)
}

// displayErr rewrites the file of a parse error relative to the working
// directory.
func (a *App) displayErr(err error) error {
	if pe, ok := errors.AsType[*notes.ParseError](err); ok {
		c := *pe
		c.File = a.rel(c.File)
		return &c
	}
	return err
}

// report prints the problems of a load to ErrOut and returns the error that
// decides the exit code: a usage error for a bad path, exit 3 for
// bad notes, nil when all went well.
func (a *App) report(res *loadResult) error {
	var code error
	for _, p := range res.Problems {
		fmt.Fprintf(a.IO.ErrOut, "mnemo: %v\n", p)
		switch _, usage := errors.AsType[*usageError](p); {
		case usage:
			code = &errSilent{exitUsage}
		case code == nil:
			code = &errSilent{exitInvalid}
		}
	}
	for _, e := range res.Empty {
		fmt.Fprintf(a.IO.ErrOut, "mnemo: %s: no cards in this note\n", a.rel(e))
	}
	return code
}
