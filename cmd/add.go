package cmd

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

// cardsVersion names the rules that turn notes into cards. Bump it in the
// change that makes cards.Generate give other cards for the same note: add
// then reads every note again instead of trusting its stamp. (Builds that
// carry a module version or a VCS revision add them, so a new release or
// commit re-reads every note once even if this is forgotten.)
const cardsVersion = "3"

type addOptions struct {
	App   *App
	Paths []string
	Deck  string
	// partCards and partNotes, when not 0, replace the constants of the
	// same names (tests store small vaults in parts).
	partCards, partNotes int
}

func newAddCmd(app *App, runF func(context.Context, *addOptions) error) *cobra.Command {
	opts := &addOptions{App: app}
	c := &cobra.Command{
		Use:   "add PATH...",
		Short: "Turn notes into cards and store them",
		Long: `Add reads Markdown notes (files, or folders searched recursively for *.md,
skipping hidden folders such as .obsidian and .git), turns them into cards and
stores them with their schedule. Run it again after editing notes: unchanged
cards keep their schedule, and cards whose text is gone become "orphaned" —
kept with their history, never shown — instead of being deleted. A card whose
line you edited slightly (a typo fixed, a word added) is re-matched to the
card it replaces and keeps its history; a moved or renamed note keeps its
cards. Cards you rejected (mnemo reject) stay rejected.

Add remembers each note's size, time and content: a note that did not change
since the last add is not read again, and its cards stay as they are. When
nothing changed, add writes nothing.

An add that reads fewer than 2,000 notes giving fewer than 20,000 cards is
one transaction: it lands whole or not at all. A bigger add is stored in
parts, so that its memory is that of the notes in flight, not of the vault:
each part's changes to stored cards (edits, re-matches, orphaned lines)
land with the part, the new cards at the end, and the cards of deleted
notes are orphaned last. If it is interrupted, what landed stays, and the
next add reads again the notes whose cards had not all landed. A note that
cannot be read is reported (file:line: why) and skipped; the others land.

A card's deck is the note's frontmatter "deck", else --deck, else the note's
folders under the PATH given, joined with "::" ("Default" for notes at the top).

` + exitCodesHelp,
		Example: `  mnemo add ~/notes
  mnemo add talk.md --deck Conferences::DevOps`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runAdd(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Deck, "deck", "", "deck for notes whose frontmatter names none (default: their folders)")
	return c
}

// noteLister is implemented by stores that keep note stamps (store.Bolt,
// store.Memory).
type noteLister interface {
	Notes(ctx context.Context) ([]store.Note, error)
}

// An add whose notes give more cards (or more notes to read) than a part
// holds is stored in parts (see store.Stream), so that its memory is that
// of the notes in flight, not of the vault: partCards cards or partNotes
// notes read, whichever comes first, and whole notes. An add smaller
// than one part is one transaction. addWindow is how many notes may be
// read ahead of the one being stored.
const (
	partCards = 20000
	partNotes = 2000
	addWindow = 256
)

// addMemoryLimit is the heap size past which the garbage collector works
// during an add, instead of whenever the heap has doubled: an add keeps
// little memory alive (the notes in flight, the part, the store's
// transaction) and makes much garbage, so collecting only near the limit
// saves about a third of its CPU time (measured on a 5,000-note vault)
// without using more memory than that. GOGC or GOMEMLIMIT in the
// environment leave the collector as they set it.
const addMemoryLimit = 256 << 20

func runAdd(ctx context.Context, opts *addOptions) error {
	app := opts.App
	defer app.tuneGC(-1, addMemoryLimit)()
	hour, err := app.rollover()
	if err != nil {
		return err
	}
	day := scheduler.Day(app.Now(), hour)
	// Paths are checked before the store is created, so a typo leaves no
	// empty store behind.
	jobs, res := findNotes(opts.Paths, opts.Deck)
	if len(jobs) == 0 {
		if problems := app.report(res); problems != nil {
			return problems
		}
		return usageErrorf("no notes to add")
	}
	// The store is opened before any note is read: a second writer learns
	// at once that it is locked, and the stamps tell which notes to read.
	s, err := app.open()
	if err != nil {
		return err
	}
	defer s.Close()
	stamps := map[string]store.Note{}
	if l, ok := s.(noteLister); ok {
		ns, err := l.Notes(ctx)
		if err != nil {
			return fmt.Errorf("read note stamps: %w", err)
		}
		for _, n := range ns {
			stamps[n.Path] = n
		}
	}
	w := &addWriter{app: app, s: s, day: day, res: res, stamps: stamps,
		partCards: cmp.Or(opts.partCards, partCards), partNotes: cmp.Or(opts.partNotes, partNotes)}
	if sm, ok := s.(store.Streamer); ok {
		w.streamer = sm
	}
	gen := generatorVersion()
	// File times come from the file system's clock, not the review clock
	// that MNEMO_NOW pins.
	wall := time.Now()
	err = pipeline(ctx, len(jobs), addWindow, func(i int) noteOutcome {
		old, ok := stamps[jobs[i].abs]
		return addNote(jobs[i], old, ok, noteGen(gen, jobs[i].deck), wall)
	}, func(i int, o noteOutcome) error {
		return w.take(ctx, jobs[i], o, i == len(jobs)-1)
	})
	if err != nil {
		return err
	}
	problems := app.report(res)
	sum, err := w.finish(ctx)
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	fmt.Fprintf(app.IO.Out, "%d new, %d updated, %d unchanged, %d orphaned", sum.New, sum.Updated, sum.Unchanged+w.keptCards, sum.Orphaned)
	if sum.Rematched > 0 {
		// Edited cards that kept their history are counted in updated too.
		fmt.Fprintf(app.IO.Out, "; %d re-matched after edits", sum.Rematched)
	}
	if w.kept > 0 {
		fmt.Fprintf(app.IO.Out, "; %s unchanged", plural(w.kept, "note"))
	}
	fmt.Fprintln(app.IO.Out)
	if w.failed > 0 {
		fmt.Fprintf(app.IO.ErrOut, "mnemo: %d of %d notes skipped (see above); their stored cards were kept\n", w.failed, len(jobs))
	}
	return problems
}

// addWriter stores what an add found, note by note in path order: it
// gathers whole notes into a part and stores the part when it is full and
// more notes follow (see partCards), else everything in one Sync at the
// end.
type addWriter struct {
	app      *App
	s        store.Store
	streamer store.Streamer // nil when the store cannot stream
	day      cards.Date
	res      *loadResult // the roots, the problems and the empty notes
	stamps   map[string]store.Note

	partCards, partNotes int
	part                 store.Part    // the notes gathered, not stored yet
	stream               *store.Stream // once a part is stored
	seen                 map[string]bool
	ids                  store.IDSet // IDs of the cards gathered so far

	// changed counts the notes parsed (their cards are in the parts),
	// kept the notes whose stamp says they did not change (their cards
	// stay as they are: keptCards), failed the notes that did not parse.
	changed, kept, keptCards, failed int
}

// take adds what became of note j to the part, and stores the part when
// it is full and j is not the last note.
func (w *addWriter) take(ctx context.Context, j noteJob, o noteOutcome, last bool) error {
	if w.seen == nil {
		w.seen = make(map[string]bool)
	}
	w.seen[j.abs] = true
	p := &w.part
	switch {
	case o.kept:
		w.kept++
		w.keptCards += o.stamp.Cards
		p.Skip = append(p.Skip, j.abs)
		if old, ok := w.stamps[j.abs]; !ok || old != o.stamp {
			p.Notes = append(p.Notes, o.stamp)
		}
	case o.result.err != nil:
		w.failed++
		w.res.add(w.app, j, o.result)
		p.Skip = append(p.Skip, j.abs)
	default:
		w.changed++
		w.res.Notes++
		if len(o.result.cards) == 0 {
			w.res.Empty = append(w.res.Empty, j.abs)
		}
		// Count the cards the note adds: the first card of an ID wins.
		o.stamp.Cards = 0
		for _, c := range o.result.cards {
			if w.ids.Add(c.ID) {
				o.stamp.Cards++
			}
		}
		p.Cards = append(p.Cards, o.result.cards...)
		p.Paths = append(p.Paths, j.abs)
		p.Notes = append(p.Notes, o.stamp)
	}
	if last || w.streamer == nil || (len(p.Cards) < w.partCards && len(p.Paths) < w.partNotes) {
		return nil
	}
	if w.stream == nil {
		w.stream = w.streamer.Stream(w.res.Roots, w.day)
	}
	if _, err := w.stream.Sync(ctx, *p); err != nil {
		return fmt.Errorf("store cards: %w", err)
	}
	clear(p.Cards) // let the cards go, keep the room
	*p = store.Part{Cards: p.Cards[:0]}
	return nil
}

// finish stores what is left: the whole add in one Sync when no part was
// stored, else the last part, then the end of the stream.
func (w *addWriter) finish(ctx context.Context) (store.Summary, error) {
	p := &w.part
	if w.stream != nil {
		if _, err := w.stream.Sync(ctx, *p); err != nil {
			return store.Summary{}, fmt.Errorf("store cards: %w", err)
		}
		sum, err := w.stream.Finish(ctx)
		if err != nil {
			return store.Summary{}, fmt.Errorf("store cards: %w", err)
		}
		return sum, nil
	}
	gone := 0
	for path := range w.stamps {
		if !w.seen[path] && underAny(path, w.res.Roots) {
			gone++
		}
	}
	if w.changed == 0 && gone == 0 && len(p.Notes) == 0 {
		return store.Summary{}, nil // nothing changed: nothing is written
	}
	b := store.Batch{Cards: p.Cards, Skip: p.Skip, Notes: p.Notes, Day: w.day}
	if w.changed > 0 || gone > 0 {
		b.Roots = w.res.Roots // only then can a card become orphaned
	}
	sum, err := w.s.Sync(ctx, b)
	if err != nil {
		return store.Summary{}, fmt.Errorf("store cards: %w", err)
	}
	return sum, nil
}

// noteOutcome is what became of one note.
type noteOutcome struct {
	kept   bool       // unchanged: not parsed
	stamp  store.Note // its new stamp, when not failed
	result noteResult // when parsed, or failed
}

// addNote decides what to do with note j, whose stored stamp is old (when
// ok): keep it when its size and time, else its content, are the stamp's,
// else parse it. gen is what besides the content decides its cards.
func addNote(j noteJob, old store.Note, ok bool, gen string, wall time.Time) noteOutcome {
	info, err := fs.Stat(j.fsys, j.name)
	if err != nil {
		return noteOutcome{result: noteResult{err: fmt.Errorf("read %s: %w", j.abs, err)}}
	}
	st := store.Note{Path: j.abs, Size: info.Size(), ModTime: info.ModTime().UnixNano(), Gen: gen}
	// A file written within the last two seconds may change again
	// without its time changing (coarse file times): its time is not
	// kept, so the next add compares its content.
	if wall.Sub(info.ModTime()) < 2*time.Second {
		st.ModTime = 0
	}
	ok = ok && old.Gen == gen
	if ok && old.ModTime != 0 && old.ModTime == st.ModTime && old.Size == st.Size {
		return noteOutcome{kept: true, stamp: old}
	}
	src, err := readSource(j, info)
	if err != nil {
		return noteOutcome{result: noteResult{err: err}}
	}
	sum := sha256.Sum256(src)
	st.Hash = hex.EncodeToString(sum[:16])
	if ok && old.Hash == st.Hash {
		st.Cards = old.Cards
		return noteOutcome{kept: true, stamp: st}
	}
	cs, _, err := parseNote(j, src, false)
	if err != nil {
		return noteOutcome{result: noteResult{err: err}}
	}
	st.Cards = len(cs)
	return noteOutcome{stamp: st, result: noteResult{cards: cs}}
}

// noteGen returns what besides its content decides the cards of a note
// whose fallback deck is deck: the generator's version and the deck (from
// --deck, or from the folders under the path given to add).
func noteGen(gen, deck string) string { return gen + "\x00" + deck }

// generatorVersion returns cardsVersion with the module version and VCS
// revision of the build, when it carries them.
func generatorVersion() string {
	v := []string{cardsVersion}
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = append(v, info.Main.Version)
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				v = append(v, s.Value)
			}
		}
	}
	return strings.Join(v, "+")
}

// underAny reports whether path is one of roots or lies under one.
func underAny(path string, roots []string) bool {
	for _, r := range roots {
		if path == r || strings.HasPrefix(path, strings.TrimSuffix(r, "/")+"/") {
			return true
		}
	}
	return false
}
