package cmd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
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
const cardsVersion = "1"

type addOptions struct {
	App   *App
	Paths []string
	Deck  string
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

The whole add is one transaction: it lands whole or not at all. A note that
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

func runAdd(ctx context.Context, opts *addOptions) error {
	app := opts.App
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
	plan, err := planAdd(ctx, app, jobs, res, stamps)
	if err != nil {
		return err
	}
	problems := app.report(res)
	var sum store.Summary
	if plan.write() {
		b := store.Batch{Cards: res.Cards, Skip: res.Skip, Notes: plan.stamps, Day: day}
		if plan.changed > 0 || plan.gone > 0 {
			b.Roots = res.Roots // only then can a card become orphaned
		}
		if sum, err = s.Sync(ctx, b); err != nil {
			return fmt.Errorf("store cards: %w", err)
		}
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	fmt.Fprintf(app.IO.Out, "%d new, %d updated, %d unchanged, %d orphaned", sum.New, sum.Updated, sum.Unchanged+plan.keptCards, sum.Orphaned)
	if sum.Rematched > 0 {
		// Edited cards that kept their history are counted in updated too.
		fmt.Fprintf(app.IO.Out, "; %d re-matched after edits", sum.Rematched)
	}
	if plan.kept > 0 {
		fmt.Fprintf(app.IO.Out, "; %s unchanged", plural(plan.kept, "note"))
	}
	fmt.Fprintln(app.IO.Out)
	if plan.failed > 0 {
		fmt.Fprintf(app.IO.ErrOut, "mnemo: %d of %d notes skipped (see above); their stored cards were kept\n", plan.failed, len(jobs))
	}
	return problems
}

// addPlan is what an add found, note by note.
type addPlan struct {
	// stamps are the stamps to record: those of the notes read whose
	// stamp changed.
	stamps []store.Note
	// changed counts the notes parsed (their cards are in the batch),
	// kept the notes whose stamp says they did not change (their cards
	// stay as they are: keptCards), failed the notes that did not parse,
	// and gone the stamps under the roots whose note is no more.
	changed, kept, keptCards, failed, gone int
}

// write reports whether the add has anything to write.
func (p *addPlan) write() bool { return p.changed > 0 || p.gone > 0 || len(p.stamps) > 0 }

// noteOutcome is what became of one note.
type noteOutcome struct {
	kept   bool       // unchanged: not parsed
	stamp  store.Note // its new stamp, when not failed
	result noteResult // when parsed, or failed
}

// planAdd reads, in parallel, the notes whose stamp does not prove them
// unchanged, parses those whose content changed, and fills res with their
// cards, problems and skipped paths (the notes kept and those that
// failed).
func planAdd(ctx context.Context, app *App, jobs []noteJob, res *loadResult, stamps map[string]store.Note) (*addPlan, error) {
	gen := generatorVersion()
	// File times come from the file system's clock, not the review clock
	// that MNEMO_NOW pins.
	wall := time.Now()
	outs := make([]noteOutcome, len(jobs))
	if err := parallel(ctx, len(jobs), func(i int) {
		old, ok := stamps[jobs[i].abs]
		outs[i] = addNote(jobs[i], old, ok, noteGen(gen, jobs[i].deck), wall)
	}); err != nil {
		return nil, err
	}
	p := &addPlan{}
	total := 0
	for _, o := range outs {
		total += len(o.result.cards)
	}
	res.Cards = slices.Grow(res.Cards, total)
	seen := make(map[string]bool, len(jobs))
	ids := make(map[cards.ID]bool, total)
	for i, o := range outs {
		j := jobs[i]
		seen[j.abs] = true
		switch {
		case o.kept:
			p.kept++
			p.keptCards += o.stamp.Cards
			res.Skip = append(res.Skip, j.abs)
			if old, ok := stamps[j.abs]; !ok || old != o.stamp {
				p.stamps = append(p.stamps, o.stamp)
			}
		case o.result.err != nil:
			p.failed++
			res.add(app, j, o.result)
		default:
			p.changed++
			res.add(app, j, o.result)
			// Count the cards the note adds to the batch: Sync merges
			// cards of one ID, the first wins.
			o.stamp.Cards = 0
			for _, c := range o.result.cards {
				if !ids[c.ID] {
					ids[c.ID] = true
					o.stamp.Cards++
				}
			}
			p.stamps = append(p.stamps, o.stamp)
		}
	}
	for path := range stamps {
		if !seen[path] && underAny(path, res.Roots) {
			p.gone++
		}
	}
	return p, nil
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
