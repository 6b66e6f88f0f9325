package storetest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// streamer returns s as a store.Streamer, or skips the test.
func streamer(t *testing.T, s store.Store) store.Streamer {
	t.Helper()
	st, ok := s.(store.Streamer)
	if !ok {
		t.Skipf("%T has no Stream method", s)
	}
	return st
}

// note is a note of the stream tests: its path and its cards' texts.
type note struct {
	path  string
	texts []string
}

// noteCards returns the cards of notes, in order: each text "front|back"
// is a basic card whose ID is its content hash.
func noteCards(ns ...note) []cards.Card {
	var cs []cards.Card
	for _, n := range ns {
		for i, text := range n.texts {
			front, back, _ := strings.Cut(text, "|")
			cs = append(cs, basic(front, back, n.path, i+1))
		}
	}
	return cs
}

// part returns the part that reads notes ns and skips paths skip.
func part(skip []string, ns ...note) store.Part {
	p := store.Part{Cards: noteCards(ns...), Skip: skip}
	for _, n := range ns {
		p.Paths = append(p.Paths, n.path)
		p.Notes = append(p.Notes, store.Note{Path: n.path, Hash: strings.Join(n.texts, "\n"), Cards: len(n.texts)})
	}
	return p
}

// batchOf returns the Sync batch of the parts, with roots and day.
func batchOf(roots []string, day cards.Date, parts ...store.Part) store.Batch {
	b := store.Batch{Roots: roots, Day: day}
	for _, p := range parts {
		b.Cards = append(b.Cards, p.Cards...)
		b.Skip = append(b.Skip, p.Skip...)
		b.Notes = append(b.Notes, p.Notes...)
	}
	return b
}

// streamAll gives parts to a new stream of s and finishes it.
func streamAll(t *testing.T, s store.Store, roots []string, day cards.Date, parts ...store.Part) store.Summary {
	t.Helper()
	st := streamer(t, s).Stream(roots, day)
	for i, p := range parts {
		if _, err := st.Sync(t.Context(), p); err != nil {
			t.Fatalf("Stream.Sync(part %d) error = %v", i, err)
		}
		check(t, s)
	}
	sum, err := st.Finish(t.Context())
	if err != nil {
		t.Fatalf("Stream.Finish() error = %v", err)
	}
	check(t, s)
	return sum
}

// streamState is what the stream tests compare of two stores.
type streamState struct {
	Cards []store.Entry
	Queue []cards.ID // Due's order, new cards by add sequence
	Notes []store.Note
}

func streamSnap(t *testing.T, s store.Store) streamState {
	t.Helper()
	sn := streamState{Cards: mustCards(t, s, store.Filter{}), Queue: ids(mustDue(t, s, day, store.Query{New: 1 << 20}))}
	if l, ok := s.(NoteLister); ok {
		ns, err := l.Notes(t.Context())
		if err != nil {
			t.Fatalf("Notes() error = %v", err)
		}
		sn.Notes = ns
	}
	return sn
}

func testStream(t *testing.T, open func(*testing.T) store.Store) {
	roots := []string{"n"}
	const q1, q2 = "Capital of Kalovia|Mirentu", "Longest river of Kalovia|the Saquor"
	const q3, q4 = "Highest peak of Kalovia|Mount Brizo", "Currency of Kalovia|the kalo"
	x := note{"n/x.md", []string{q1, q2}}
	y := note{"n/y.md", []string{q3}}
	z := note{"n/z.md", []string{q4}}
	type round struct {
		parts []store.Part
		want  store.Summary
	}
	tests := []struct {
		name   string
		rounds []round
	}{
		{"new notes in parts", []round{
			{[]store.Part{part(nil, x), part(nil, y, z)}, store.Summary{New: 4}},
			{[]store.Part{part(nil, x, y), part(nil, z)}, store.Summary{Unchanged: 4}},
		}},
		{"a note gone is orphaned by Finish", []round{
			{[]store.Part{part(nil, x), part(nil, y, z)}, store.Summary{New: 4}},
			{[]store.Part{part(nil, x), part(nil, z)}, store.Summary{Unchanged: 3, Orphaned: 1}},
		}},
		{"skipped notes are kept", []round{
			{[]store.Part{part(nil, x), part(nil, y, z)}, store.Summary{New: 4}},
			{[]store.Part{part([]string{"n/x.md"}), part([]string{"n/y.md"}, z)}, store.Summary{Unchanged: 1}},
		}},
		{"a card gone from its note is orphaned by its part", []round{
			{[]store.Part{part(nil, x), part(nil, y)}, store.Summary{New: 3}},
			{[]store.Part{part(nil, note{"n/x.md", []string{q1}}), part(nil, y)}, store.Summary{Unchanged: 2, Orphaned: 1}},
		}},
		{"an edited card is re-matched in its part", []round{
			{[]store.Part{part(nil, x), part(nil, y)}, store.Summary{New: 3}},
			{[]store.Part{part(nil, note{"n/x.md", []string{q1, "Longest river in Kalovia|the Saquor"}}), part(nil, y)},
				store.Summary{Updated: 1, Rematched: 1, Unchanged: 2}},
		}},
		{"a note moved before its old path", []round{
			{[]store.Part{part(nil, y), part(nil, z)}, store.Summary{New: 2}},
			{[]store.Part{part(nil, note{"n/a.md", y.texts}), part(nil, z)}, store.Summary{Updated: 1, Unchanged: 1}},
		}},
		{"a note moved after its old path", []round{
			{[]store.Part{part(nil, x), part(nil, y)}, store.Summary{New: 3}},
			{[]store.Part{part(nil, y), part(nil, note{"n/zz.md", x.texts})}, store.Summary{Updated: 2, Unchanged: 1}},
		}},
		{"a copy in a later part is dropped", []round{
			{[]store.Part{part(nil, x)}, store.Summary{New: 2}},
			{[]store.Part{part(nil, x), part(nil, note{"n/zz.md", x.texts})}, store.Summary{Unchanged: 2}},
		}},
		{"a copy in an earlier part takes the cards", []round{
			{[]store.Part{part(nil, y)}, store.Summary{New: 1}},
			{[]store.Part{part(nil, note{"n/a.md", y.texts}), part(nil, y)}, store.Summary{Updated: 1}},
		}},
		{"an old text in a later note leaves the edited card", []round{
			{[]store.Part{part(nil, x)}, store.Summary{New: 2}},
			{[]store.Part{part(nil, note{"n/x.md", []string{q1, "Longest river in Kalovia|the Saquor"}})},
				store.Summary{Updated: 1, Rematched: 1, Unchanged: 1}},
			// The stored card of q2 holds the edited text, which x takes;
			// y's q2, of the card's stored ID, is a new card.
			{[]store.Part{part(nil, note{"n/x.md", []string{q1, "Longest river in Kalovia|the Saquor"}}), part(nil, note{"n/y.md", []string{q2}})},
				store.Summary{New: 1, Unchanged: 2}},
		}},
		{"a text moved to a later note keeps its card", []round{
			{[]store.Part{part(nil, x), part(nil, y)}, store.Summary{New: 3}},
			{[]store.Part{part(nil, note{"n/x.md", []string{q1}}), part(nil, note{"n/y.md", []string{q3, q2}})},
				store.Summary{Unchanged: 2, Updated: 1}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one, parts := open(t), open(t)
			defer one.Close()
			defer parts.Close()
			for i, r := range tt.rounds {
				d := day + cards.Date(i)
				want := mustSync(t, one, batchOf(roots, d, r.parts...))
				if want != r.want {
					t.Errorf("round %d: Sync() = %+v, want %+v", i, want, r.want)
				}
				if got := streamAll(t, parts, roots, d, r.parts...); got != want {
					t.Errorf("round %d: Stream.Finish() = %+v, want %+v as Sync gives", i, got, want)
				}
				if diff := cmp.Diff(streamSnap(t, one), streamSnap(t, parts)); diff != "" {
					t.Errorf("round %d: the stream and Sync disagree (-Sync +Stream):\n%s", i, diff)
				}
			}
		})
	}
}

// testStreamSteps checks what a stream stores part by part, and its errors.
func testStreamSteps(t *testing.T, open func(*testing.T) store.Store) {
	s := open(t)
	defer s.Close()
	x := note{"n/x.md", []string{"Capital of Kalovia|Mirentu"}}
	y := note{"n/y.md", []string{"Currency of Kalovia|the kalo"}}
	roots := []string{"n"}
	streamAll(t, s, roots, day, part(nil, x), part(nil, y))
	mustSetStatus(t, s, []cards.ID{noteCards(x)[0].ID}, cards.StatusRejected)

	// x and y are gone, a is new and b unchanged: nothing is orphaned
	// before Finish, and a's card and stamp wait for Finish too.
	b := note{"n/b.md", []string{"Flag of Kalovia|green and gold"}}
	streamAll(t, s, []string{"n/b.md"}, day, part(nil, b))
	st := streamer(t, s).Stream(roots, day+1)
	a := note{"n/a.md", []string{"Anthem of Kalovia|Sing, Kalovia"}}
	sum, err := st.Sync(t.Context(), part(nil, a, b))
	if err != nil {
		t.Fatalf("Stream.Sync() error = %v", err)
	}
	if want := (store.Summary{New: 1, Unchanged: 1}); sum != want {
		t.Errorf("Stream.Sync(a, b) = %+v, want %+v", sum, want)
	}
	check(t, s)
	id := func(n note) string { return string(noteCards(n)[0].ID) }
	if got, want := queue(mustCards(t, s, store.Filter{})), []string{
		id(b) + ":new", id(x) + ":rejected", id(y) + ":new",
	}; !cmp.Equal(got, want) {
		t.Errorf("cards before Finish = %v, want %v", got, want)
	}
	stamped := func() []string {
		t.Helper()
		l, ok := s.(NoteLister)
		if !ok {
			return nil
		}
		ns, err := l.Notes(t.Context())
		if err != nil {
			t.Fatalf("Notes() error = %v", err)
		}
		var paths []string
		for _, n := range ns {
			paths = append(paths, n.Path)
		}
		return paths
	}
	if _, ok := s.(NoteLister); ok {
		if got, want := stamped(), []string{"n/b.md", "n/x.md", "n/y.md"}; !cmp.Equal(got, want) {
			t.Errorf("stamps before Finish = %v, want %v", got, want)
		}
	}
	if _, err := st.Sync(t.Context(), part(nil, a)); err == nil {
		t.Errorf("Stream.Sync(a again) error = nil, want an error: a is in an earlier part")
	}
	sum, err = st.Finish(t.Context())
	if err != nil {
		t.Fatalf("Stream.Finish() error = %v", err)
	}
	if want := (store.Summary{New: 1, Unchanged: 1, Orphaned: 2}); sum != want {
		t.Errorf("Stream.Finish() = %+v, want %+v", sum, want)
	}
	check(t, s)
	// A rejected card stays rejected, orphaned or not.
	if got, want := queue(mustCards(t, s, store.Filter{})), []string{
		id(a) + ":new", id(b) + ":new", id(x) + ":rejected", id(y) + ":orphaned",
	}; !cmp.Equal(got, want) {
		t.Errorf("cards after Finish = %v, want %v", got, want)
	}
	if _, ok := s.(NoteLister); ok {
		if got, want := stamped(), []string{"n/a.md", "n/b.md"}; !cmp.Equal(got, want) {
			t.Errorf("stamps after Finish = %v, want %v", got, want)
		}
	}
	if _, err := st.Sync(t.Context(), part(nil, x)); err == nil {
		t.Errorf("Stream.Sync() after Finish error = nil, want an error")
	}
	if _, err := st.Finish(t.Context()); err == nil {
		t.Errorf("Stream.Finish() twice error = nil, want an error")
	}

	// Another write between two parts: the stream still sees it. x comes
	// back (revived, still rejected); y is written by a Sync between the
	// parts and is gone again; c is new in the first part and written by
	// that Sync too: the stream stores its own c under another ID (the
	// store must not be written by other means during a stream, but
	// nothing breaks when it is).
	st = streamer(t, s).Stream(roots, day+2)
	c := note{"n/c.md", []string{"Motto of Kalovia|Always onward"}}
	if _, err := st.Sync(t.Context(), part(nil, a, b, c)); err != nil {
		t.Fatalf("Stream.Sync() error = %v", err)
	}
	mustSync(t, s, store.Batch{Cards: noteCards(y, c), Day: day + 2})
	if _, err := st.Sync(t.Context(), part(nil, x)); err != nil {
		t.Fatalf("Stream.Sync() error = %v", err)
	}
	sum, err = st.Finish(t.Context())
	if err != nil {
		t.Fatalf("Stream.Finish() error = %v", err)
	}
	if want := (store.Summary{New: 1, Unchanged: 2, Updated: 1, Orphaned: 1}); sum != want {
		t.Errorf("Stream.Finish() = %+v, want %+v", sum, want)
	}
	check(t, s)
	got := queue(mustCards(t, s, store.Filter{}))
	want := []string{id(a) + ":new", id(b) + ":new", id(c) + ":new", id(x) + ":rejected", id(y) + ":orphaned"}
	if len(got) != 6 || !cmp.Equal(slices.DeleteFunc(slices.Clone(got), func(e string) bool { return !slices.Contains(want, e) }), want) {
		t.Errorf("cards after the second stream = %v, want %v and c's card under another ID", got, want)
	}
}

// testStreamProperty checks that a stream, however its notes are split in
// parts, leaves the store as one Sync of the same notes does, round after
// round of random changes to the notes: edits, moves, copies, notes
// deleted, skipped, brought back. (Texts never move between two notes
// that are both read: then the order of the parts may decide, see
// store.Stream.) Each of 100 seeded cases is replayed by its seed.
func testStreamProperty(t *testing.T, open func(*testing.T) store.Store) {
	streamer(t, open(t))
	for seed := range uint64(100) {
		streamCase(t, open, rand.New(rand.NewPCG(seed, 0x73747265616d)), seed)
		if t.Failed() {
			return
		}
	}
}

// streamCase runs one case of testStreamProperty.
func streamCase(t *testing.T, open func(*testing.T) store.Store, r *rand.Rand, seed uint64) {
	t.Helper()
	one, parts := open(t), open(t)
	defer one.Close()
	defer parts.Close()
	m := &vaultModel{r: r, notes: map[string][]string{}}
	for round := range 3 {
		d := day + cards.Date(round)
		var ps []store.Part
		var run []store.Part
		for _, op := range m.change() {
			if len(run) > 0 && r.IntN(2) == 0 {
				ps = append(ps, mergeParts(run))
				run = nil
			}
			run = append(run, op)
		}
		if len(run) > 0 {
			ps = append(ps, mergeParts(run))
		}
		want, err := one.Sync(t.Context(), batchOf([]string{"n"}, d, ps...))
		if err != nil {
			t.Fatalf("seed %d, round %d: Sync() error = %v", seed, round, err)
		}
		st := parts.(store.Streamer).Stream([]string{"n"}, d)
		for i, p := range ps {
			if _, err := st.Sync(t.Context(), p); err != nil {
				t.Fatalf("seed %d, round %d: Stream.Sync(part %d) error = %v", seed, round, i, err)
			}
		}
		got, err := st.Finish(t.Context())
		if err != nil {
			t.Fatalf("seed %d, round %d: Stream.Finish() error = %v", seed, round, err)
		}
		if got != want {
			t.Errorf("seed %d, round %d: Stream.Finish() = %+v, Sync() = %+v", seed, round, got, want)
		}
		if diff := cmp.Diff(streamSnap(t, one), streamSnap(t, parts)); diff != "" {
			t.Fatalf("seed %d, round %d: the stream of %d parts and Sync disagree (-Sync +Stream):\n%s", seed, round, len(ps), diff)
		}
		check(t, parts)
		// Some cards get a user's mark, in both stores.
		for _, e := range streamSnap(t, one).Cards {
			if r.IntN(10) == 0 {
				for _, s := range []store.Store{one, parts} {
					if err := s.SetStatus(t.Context(), []cards.ID{e.Card.ID}, cards.StatusRejected); err != nil {
						t.Fatalf("SetStatus() error = %v", err)
					}
				}
			}
		}
	}
}

// vaultModel is a vault of notes whose texts change from round to round.
type vaultModel struct {
	r     *rand.Rand
	notes map[string][]string // path → texts
	gone  [][]string          // texts of deleted notes
	n     int                 // texts and paths made so far
}

// text returns a new text.
func (m *vaultModel) text() string {
	m.n++
	return fmt.Sprintf("What did the council of Kalovia decide in year %d about the harbour|a tax of %d kalos", 1000+m.n, m.n)
}

// path returns a new note path.
func (m *vaultModel) path() string {
	m.n++
	return fmt.Sprintf("n/%s%d.md", []string{"a", "k", "t", "z"}[m.r.IntN(4)], m.n)
}

// change changes the notes and returns the parts that read them, one a
// note, in path order.
func (m *vaultModel) change() []store.Part {
	r := m.r
	type op struct {
		path string
		p    store.Part
	}
	var ops []op
	read := func(path string, texts []string) {
		m.notes[path] = texts
		ops = append(ops, op{path, part(nil, note{path, texts})})
	}
	// A text held by two notes (a copy) is never edited, and notes that
	// change are not copied: a text would then move between two notes
	// read.
	holders := m.holders()
	copyable := map[string]bool{}
	for _, path := range slices.Sorted(mapKeys(m.notes)) {
		texts := m.notes[path]
		o := r.IntN(7)
		if o == 2 && slices.ContainsFunc(texts, func(t string) bool { return holders[t] > 1 }) {
			o = 1
		}
		switch o {
		case 0: // unchanged, not read
			ops = append(ops, op{path, store.Part{Skip: []string{path}}})
			copyable[path] = true
		case 1: // read, unchanged
			read(path, texts)
			copyable[path] = true
		case 2: // edited: a text edited slightly, one dropped, one added
			texts = slices.Clone(texts)
			if len(texts) > 0 {
				i := r.IntN(len(texts))
				texts[i] = strings.Replace(texts[i], "decide in", "decide, in", 1)
			}
			if len(texts) > 1 && r.IntN(2) == 0 {
				texts = slices.Delete(texts, 0, 1)
			}
			if r.IntN(2) == 0 {
				texts = append(texts, m.text())
			}
			read(path, texts)
		case 3: // moved
			delete(m.notes, path)
			read(m.path(), texts)
		case 4: // deleted
			delete(m.notes, path)
			m.gone = append(m.gone, texts)
		default: // read, unchanged, and perhaps copied
			read(path, texts)
			copyable[path] = true
		}
	}
	for _, path := range slices.Sorted(mapKeys(copyable)) {
		if r.IntN(4) == 0 {
			read(m.path(), m.notes[path])
		}
	}
	if len(m.gone) > 0 && r.IntN(2) == 0 {
		holders := m.holders()
		if !slices.ContainsFunc(m.gone[0], func(t string) bool { return holders[t] > 0 }) {
			read(m.path(), m.gone[0])
		}
		m.gone = m.gone[1:]
	}
	for range r.IntN(5) {
		var texts []string
		for range r.IntN(4) {
			texts = append(texts, m.text())
		}
		read(m.path(), texts)
	}
	slices.SortFunc(ops, func(a, b op) int { return strings.Compare(a.path, b.path) })
	out := make([]store.Part, len(ops))
	for i, o := range ops {
		out[i] = o.p
	}
	return out
}

// holders counts the notes that hold each text.
func (m *vaultModel) holders() map[string]int {
	n := map[string]int{}
	for _, texts := range m.notes {
		for _, t := range texts {
			n[t]++
		}
	}
	return n
}

// mergeParts returns one part holding ps.
func mergeParts(ps []store.Part) store.Part {
	var out store.Part
	for _, p := range ps {
		out.Cards = append(out.Cards, p.Cards...)
		out.Paths = append(out.Paths, p.Paths...)
		out.Skip = append(out.Skip, p.Skip...)
		out.Notes = append(out.Notes, p.Notes...)
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
