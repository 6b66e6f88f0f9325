package cards

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// DefaultDeck is the deck of a card when neither the note nor Options name
// one.
const DefaultDeck = "Default"

// DefaultMaxPerNote is the number of guessed cards a note may give when
// Options.MaxPerNote is 0, or one per line, list item and table row when
// the note has more: a long reference page gets a card from each of its
// lines, not more.
const DefaultMaxPerNote = 400

// maxPerUnit caps the guessed cards of one line (or one sentence of a long
// paragraph): one fact per card, and not every word of a line is a fact.
const maxPerUnit = 3

// Options configures Generate and Explain. The zero value works.
type Options struct {
	// Deck is the deck used when the note names none, in its frontmatter
	// or with a #flashcards/… tag (the caller derives it from a --deck flag
	// or the note's folder, see DeckFromDir); when both are empty, cards go
	// to DefaultDeck.
	Deck string
	// Corpus holds word statistics of the whole set of notes being
	// processed, which sharpen the choice of the term a card hides; nil
	// uses the note's own statistics only. The same notes and Corpus always
	// give the same cards, but a Corpus built from other notes may change
	// which word of a line is hidden.
	Corpus *Corpus
	// MaxPerNote caps the guessed cards of one note, best scored kept, so
	// that a long reference page does not flood the deck; 0 means
	// DefaultMaxPerNote or, for a note of more lines, list items and table
	// rows, one card per such block; a negative value means no cap. Cards
	// the author wrote are never capped.
	MaxPerNote int
}

// Candidate is a card proposed by a rule, kept or dropped.
type Candidate struct {
	Card Card
	// Score ranks how likely a person is to keep the card, from 0 to 1:
	// 1 for cards the author wrote, less for guessed ones.
	Score float64
	// Dropped is "" for a kept card, else why it was dropped: "stop word
	// answer", "too short", "punctuation only", "answer too long", "answer
	// leaks into question", "nothing left to ask", "back equals front",
	// "empty", "same answer" (another card of the line asks for it), "line
	// cap", "note cap", "duplicate" (an identical card came first), "link
	// only", "code only", "etc.", "lead-in", "question", "admonition", "no
	// salient term", "not a key sentence", "instruction", "fragment" (the
	// line breaks off mid-sentence), "end marker" ("Fin de l'énoncé."),
	// "escaped answer" (the answer holds a character its Markdown escapes:
	// "child\*").
	Dropped string
}

// The rule names, in priority order (Card.Rule).
const (
	ruleExplicit    = "explicit"
	ruleCommand     = "command"
	ruleQuestion    = "question"
	ruleDefinition  = "definition"
	ruleEnumeration = "enumeration"
	ruleTable       = "table"
	ruleEmphasis    = "emphasis"
	ruleFact        = "fact"
	ruleSentence    = "sentence"
)

// Rules returns the names of the generation rules in priority order, as
// they appear in Card.Rule.
func Rules() []string {
	return []string{ruleExplicit, ruleCommand, ruleQuestion, ruleDefinition, ruleEnumeration, ruleTable,
		ruleEmphasis, ruleFact, ruleSentence}
}

// rulePriority orders the cards of one source line.
func rulePriority(rule string) int {
	switch rule {
	case ruleExplicit:
		return 1
	case ruleCommand, ruleQuestion, ruleDefinition, ruleTable:
		return 2
	case ruleEnumeration:
		return 3
	case ruleEmphasis:
		return 4
	case ruleFact:
		return 5
	}
	return 6
}

// The reasons a candidate is dropped (Candidate.Dropped).
const (
	dropStopWord    = "stop word answer"
	dropLeak        = "answer leaks into question"
	dropDuplicate   = "duplicate"
	dropSameAnswer  = "same answer"
	dropLineCap     = "line cap"
	dropNoteCap     = "note cap"
	dropLinkOnly    = "link only"
	dropTooShort    = "too short"
	dropLongAnswer  = "answer too long"
	dropEqual       = "back equals front"
	dropEtc         = "etc."
	dropEmpty       = "empty"
	dropPunctuation = "punctuation only"
	dropNoTerm      = "no salient term"
	dropCodeOnly    = "code only"
	dropNoContext   = "nothing left to ask"
	dropLeadIn      = "lead-in"
	dropMarkup      = "admonition"
	dropQuestion    = "question"
	dropTooLong     = "question too long"
	dropEscaped     = "escaped answer"
)

// maxFront is the longest question, in bytes, of a guessed card (about 300
// words): a longer one is no flashcard (the longest on the corpus is under
// 500), and a pathological line (a megabyte of text without a break) must
// not make one.
const maxFront = 2000

// draft is a card as a rule proposes it; the generator adds what comes from
// the note (ID, deck, context, source, tags).
type draft struct {
	// front, back and cloze are the card's Markdown. A cloze of one text
	// (lazy) sets src and del instead and is rendered only when kept (or
	// explained): rendering is the costliest step of a card. A dropped
	// draft whose front is src (mdFront) renders it only when explained.
	front, back, cloze string
	// q and a are the plain front and back the checks look at; a lazy
	// draft has no q but low, its text in lower case.
	q, a, low string
	src       notes.Text
	ctx       []string // the card's context, when ownCtx is set
	rule      string
	dropped   string
	score     float64
	kind      Kind
	line      int // source line when not the block's first
	// where the draft comes from, for the caps
	blk, unit int
	del       lazyDeletion
	// explicit drafts were written by the author: no stop-word, length or
	// cap check on their answers.
	explicit bool
	// highlights marks an explicit cloze made of ==highlights== only,
	// which does not make its note one of explicit cards.
	highlights bool
	lazy       bool
	mdFront    bool
	ownCtx     bool
	// leakChecked drafts were checked by their rule for an answer on the
	// front.
	leakChecked bool
}

// lazyDeletion is the one deletion of a lazy cloze: Plain[start:end] is
// hidden and Plain[ansStart:ansEnd] is the answer.
type lazyDeletion struct {
	start, end, ansStart, ansEnd int32
}

// textCloze returns the draft of a cloze card of unit u hiding
// Plain[s:e].
func textCloze(u *unit, s, e int, rule string, score float64) draft {
	return draft{
		kind: Cloze, rule: rule, score: score,
		src: u.t, del: lazyDeletion{int32(s), int32(e), int32(s), int32(e)}, lazy: true, low: u.lower,
		a: u.t.Plain[s:e],
	}
}

// droppedText returns a dropped cloze draft of rule whose front is the
// Markdown of t, rendered only when explained.
func droppedText(t notes.Text, rule, why string) draft {
	return draft{kind: Cloze, rule: rule, src: t, mdFront: true, q: t.Plain, dropped: why}
}

// plainIsMarkdown is plainIsMarkdown remembering its last answer: the
// drafts of one line come one after the other.
func (g *generator) plainIsMarkdown(t notes.Text) bool {
	if g.pimOK && len(t.Spans) == len(g.pimText.Spans) && t.Plain == g.pimText.Plain &&
		(len(t.Spans) == 0 || &t.Spans[0] == &g.pimText.Spans[0]) {
		return g.pimVal
	}
	g.pimText, g.pimVal, g.pimOK = t, plainIsMarkdown(t), true
	return g.pimVal
}

// render fills the Markdown of a lazy draft.
func (g *generator) render(d *draft) {
	if d.mdFront {
		d.front, d.mdFront = markdown(d.src), false
		return
	}
	if !d.lazy {
		return
	}
	del := d.del
	if g.plainIsMarkdown(d.src) {
		// Most lines have no markup: no need for the renderer.
		p := d.src.Plain
		ans := strings.TrimSpace(p[del.ansStart:del.ansEnd])
		d.front = strings.TrimSpace(g.text.concat(p[:del.start], ClozeMark, p[del.end:]))
		d.back = ans
		d.cloze = strings.TrimSpace(g.text.concat(p[:del.start], "{{c1::", ans, "}}", p[del.end:]))
		d.lazy = false
		return
	}
	// clozeCard of the one deletion, its two fills cut from the arena.
	ans := answerMarkdown(d.src, int(del.ansStart), int(del.ansEnd))
	edits := [1]edit{{int(del.start), int(del.end), ClozeMark}}
	md, marks := renderMarked(d.src, edits[:])
	front, cloze := md, md
	mark := string(marks[0])
	if k := strings.Index(md, mark); k >= 0 {
		front = g.text.concat(md[:k], ClozeMark, md[k+len(mark):])
		cloze = g.text.concat(md[:k], "{{c1::", ans, "}}", md[k+len(mark):])
	}
	d.front, d.back, d.cloze, d.lazy = strings.TrimSpace(front), ans, strings.TrimSpace(cloze), false
}

// Generate returns the cards of note n, sorted by source line, then rule
// priority, then ID, with no two cards sharing an ID. It never fails: text
// that makes no good card makes none. The returned cards are new memory
// owned by the caller. Generate is safe for concurrent use on distinct or
// unchanging notes and Corpus.
func Generate(n *notes.Note, opts Options) []Card {
	g := run(n, opts, false)
	if g == nil {
		return nil
	}
	return g.cards()
}

// Explain returns every card the rules proposed for note n, the dropped
// ones included with their reason, in Generate's order. Generate is Explain
// filtered to the candidates whose Dropped is "". Like Generate it never
// fails, returns memory owned by the caller and is safe for concurrent use.
func Explain(n *notes.Note, opts Options) []Candidate {
	return explain(n, opts, true)
}

func explain(n *notes.Note, opts Options, all bool) []Candidate {
	g := run(n, opts, true)
	if g == nil {
		return nil
	}
	return g.candidates()
}

// run makes and checks the drafts of note n, caps applied; nil for a nil
// note. Unless all is set, the drafts the junk filter drops are not kept.
func run(n *notes.Note, opts Options, all bool) *generator {
	if n == nil {
		return nil
	}
	g := newGenerator(n, opts)
	g.all = all
	g.drafts = make([]draft, 0, len(n.Blocks)) // about a draft a block
	if !g.explicitPass() {
		g.autoPass()
	}
	runs, ok := g.guessedRuns()
	g.sameAnswers(runs, ok)
	g.capUnits(runs, ok)
	g.capNote()
	return g
}

// DeckFromDir returns the deck named after a slash-separated folder path
// relative to the notes root: "fr/conf/2023" gives "fr::conf::2023", and ""
// or "." give "".
func DeckFromDir(dir string) string {
	var parts []string
	for p := range strings.SplitSeq(path.Clean(dir), "/") {
		if p == "" || p == "." || p == ".." {
			continue
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "::")
}

// flashcardsTag is the tag with which obsidian-spaced-repetition marks a
// note whose cards are all written out; "flashcards/a/b" also names the
// deck a::b.
const flashcardsTag = "flashcards"

// tagDeck returns the deck a #flashcards tag of tags names ("" for plain
// #flashcards) and whether there is such a tag.
func tagDeck(tags []string) (deck string, ok bool) {
	for _, t := range tags {
		if strings.EqualFold(t, flashcardsTag) {
			ok = true
			continue
		}
		if len(t) > len(flashcardsTag)+1 && strings.EqualFold(t[:len(flashcardsTag)], flashcardsTag) &&
			t[len(flashcardsTag)] == '/' {
			if d := DeckFromDir(t[len(flashcardsTag)+1:]); d != "" && deck == "" {
				deck = d
			}
			ok = true
		}
	}
	return deck, ok
}

// generator holds the state of one Generate or Explain call: one per
// note. Its buffers are reused from block to block (reset, not
// reallocated), and the strings and slices of its cards are cut from two
// arenas, so that a note costs a few allocations rather than a few per
// word.
type generator struct {
	n        *notes.Note
	opts     Options
	deck     string
	lang     lang
	tagged   bool     // the note has a #flashcards tag
	all      bool     // keep the dropped drafts too, for Explain
	valid    bool     // all the note's text is valid UTF-8: nothing to sanitize
	consumed []bool   // blocks already turned into cards by a multi-block rule
	leadIns  []string // per list group: the line ending with ':' before it
	info     []blockInfo
	maxToks  int              // the most words of a block
	enums    []*enumeration   // per block: the enumeration an item belongs to
	tf       map[string]int32 // occurrences of each lower-case word in the note, when tfOK
	tfOK     bool
	nwords   int // the words of the blocks
	drafts   []draft

	// Memories.
	titleText            string // the note's title on one line
	titleDone, titleIsH1 bool   // whether an H1 has the title's text
	ctx                  [][]string
	ctxDone              []bool // per block: its context, filled on first use
	// the context of the last block without parent or lead-in, and its
	// heading path
	headPath  []string
	headCtx   []string
	headCtxOK bool
	// per block: its title, context and tags in lower case, joined
	ctxLow   []string
	ctxLowOK []bool
	// the last context joined, and its joined text
	lastCtx    []string
	lastCtxLow string
	lastCtxOK  bool
	lowers     map[string]string // lowerOf's memory
	acronyms   map[string]int    // shorthand's memory: two-capital words and their counts
	// plainIsMarkdown's memory
	pimText notes.Text
	pimVal  bool
	pimOK   bool

	// Per-block buffers, good until the next block.
	wordBuf []word         // the words of the units
	stopBuf []bool         // the stop flags of the units
	unitBuf []unit         // the units
	tokBuf  []token        // the tokens of the units of a long block
	rngBuf  []rng          // the ranges of the units of a long block
	covered []bool         // per unit: a definition covers it
	rest    []int          // the units left to the sentence rule
	sents   []sentenceCand // the sentence cards
	order   []int          // keySentences' ranking
	dbuf    []draft        // the drafts a rule returns, good until the next rule runs
	taken   [][2]int       // the ranges the emphasis rule hid
	scratch []byte         // a text being built before it goes to the arena
	idBuf   []byte         // cardID's buffer

	// Arenas.
	spanBuf []notes.Span // the spans of the units of long blocks
	text    textArena    // lower-case texts and the strings of the cards
	strs    stringArena  // the contexts and tags of the cards
}

// blockInfo is the lower-case text and words of a block, computed once.
type blockInfo struct {
	lower string
	toks  []token
}

func newGenerator(n *notes.Note, opts Options) *generator {
	g := &generator{
		n: n, opts: opts,
		consumed: make([]bool, len(n.Blocks)),
		info:     make([]blockInfo, len(n.Blocks)),
		ctx:      make([][]string, len(n.Blocks)),
		ctxDone:  make([]bool, len(n.Blocks)),
	}
	tdeck, tagged := tagDeck(n.Tags)
	g.tagged = tagged
	g.deck = cmp.Or(n.Deck, tdeck, opts.Deck, DefaultDeck)
	maxGroup := 0
	size, longest := 0, 0
	for _, b := range n.Blocks {
		size += len(b.Text.Plain)
		longest = max(longest, len(b.Text.Plain))
	}
	// The words of all blocks, in one allocation as a rule: a text of n
	// bytes has at most (n+1)/2 words, about n/6 in prose. A block that
	// might not fit starts a new chunk, so that no append copies the
	// words already cut.
	arena := make([]token, 0, size/5+16)
	rest := size         // the bytes of the blocks not yet split
	g.text.reserve(size) // their lower-case texts
	g.text.scratch = make([]byte, 0, longest)
	for i, b := range n.Blocks {
		maxGroup = max(maxGroup, b.Group)
		p := g.text.lower(b.Text.Plain)
		if most := (len(p) + 1) / 2; cap(arena)-len(arena) < most {
			arena = make([]token, 0, max(most, rest/5+16))
		}
		rest -= len(p)
		start := len(arena)
		arena = appendTokens(arena, p)
		toks := arena[start:len(arena):len(arena)]
		if len(toks) == 0 {
			toks = nil
		}
		g.maxToks = max(g.maxToks, len(toks))
		g.info[i] = blockInfo{lower: p, toks: toks}
		g.nwords += len(toks)
	}
	g.lang = detectLang(g.info)
	g.valid = utf8.ValidString(n.Title) && utf8.ValidString(g.deck)
	for _, t := range n.Tags {
		g.valid = g.valid && utf8.ValidString(t)
	}
	for _, b := range n.Blocks {
		if !g.valid {
			break
		}
		g.valid = utf8.ValidString(b.Text.Plain)
		for _, h := range b.Headings {
			g.valid = g.valid && utf8.ValidString(h)
		}
	}
	g.leadIns = make([]string, maxGroup+1)
	for i, b := range n.Blocks {
		if b.Kind != notes.Item || b.Parent >= 0 || i == 0 || b.Group <= 0 || g.leadIns[b.Group] != "" {
			continue
		}
		prev := n.Blocks[i-1]
		if prev.Kind != notes.Line || prev.EndLine >= b.Line || prev.Quote != b.Quote {
			continue
		}
		if text, ok := leadIn(prev.Text.Plain); ok {
			g.leadIns[b.Group] = text
		}
	}
	return g
}

// leadIn reports whether a line introduces what follows (it ends with ':')
// and returns it without the colon.
func leadIn(plain string) (string, bool) {
	s := strings.TrimSpace(plain)
	if !strings.HasSuffix(s, ":") {
		return "", false
	}
	s = strings.TrimSpace(strings.TrimRight(s, ":"))
	return oneLine(s), s != ""
}

// explicitPass makes the cards the author wrote and reports whether the
// note is one of explicit cards: it has a #flashcards tag, or a card marked
// with ::, ?, ?? or {{…}}. The other rules then leave it alone. Clozes of
// ==highlights== alone do not count: many people highlight for emphasis,
// and their notes still get the guessed cards of their other lines.
func (g *generator) explicitPass() bool {
	blocks := g.n.Blocks
	// Multi-line cards first: they consume blocks before their separator.
	for i, b := range blocks {
		if b.Kind == notes.Line && !g.consumed[i] && isMultilineSeparator(b.Text.Plain) {
			if ds, used := explicitMultiline(g.n, i, g.consumed); len(ds) > 0 {
				for _, u := range used {
					g.consumed[u] = true
				}
				g.add(i, 0, ds...)
			}
		}
	}
	for i, b := range blocks {
		if g.consumed[i] || (b.Kind != notes.Line && b.Kind != notes.Item) {
			continue
		}
		if ds := explicitLine(b.Text); len(ds) > 0 {
			g.consumed[i] = true
			g.add(i, 0, ds...)
		}
	}
	if g.tagged {
		return true
	}
	for _, d := range g.drafts {
		if d.dropped == "" && !d.highlights {
			return true
		}
	}
	return false
}

// autoPass runs the rules that guess cards, block by block.
func (g *generator) autoPass() {
	g.findEnumerations()
	var keys map[int]tableLayout
	for i, b := range g.n.Blocks {
		if g.consumed[i] {
			continue
		}
		switch b.Kind {
		case notes.Row:
			if keys == nil {
				keys = tableLayouts(g.n)
			}
			g.add(i, 0, table(b, keys[i])...)
		case notes.Line, notes.Item:
			g.block(i)
		}
	}
}

// block runs the rules, in priority order, on a Line or Item block.
func (g *generator) block(i int) {
	g.wordBuf = g.wordBuf[:0] // the words of the last block's units are done with
	g.stopBuf = g.stopBuf[:0]
	b := g.n.Blocks[i]
	t := b.Text
	if i+1 < len(g.n.Blocks) && !g.consumed[i+1] && g.adjacent(b, g.n.Blocks[i+1]) {
		if d, ok := command(b, g.n.Blocks[i+1]); ok {
			g.consumed[i+1] = true
			g.add(i, 0, d)
			return
		}
	}
	if d, ok := g.question(i); ok {
		g.add(i, 0, d)
	}
	if isAdmonition(t.Plain) || isImportLine(t.Plain) {
		g.add(i, 0, droppedText(t, ruleSentence, dropMarkup))
		return
	}
	units := g.units(i)
	covered := slices.Grow(g.covered[:0], len(units))[:len(units)]
	clear(covered)
	g.covered = covered
	for k := range units {
		if ds := g.definition(&units[k]); len(ds) > 0 {
			covered[k] = g.add(i, k, ds...)
		}
	}
	if e := g.enums[i]; e != nil {
		if ds := g.enumerationCards(e, i); len(ds) > 0 && g.add(i, 0, ds...) {
			return
		}
	}
	rest := g.rest[:0]
	for k := range units {
		if covered[k] {
			continue
		}
		u := &units[k]
		if u.linkOnly() || u.reference(g.lang) || g.shortLeadIn(u) || g.isExerciseStep(u) {
			// A reference's title, a lead-in, a step of an exercise: the
			// sentence rule says why it makes no card.
			rest = append(rest, k)
			continue
		}
		emph, taken := g.emphasis(u)
		kept := g.add(i, k, emph...)
		if ds := g.facts(u, taken, kept); len(ds) > 0 {
			kept = g.add(i, k, ds...) || kept
		}
		if !kept {
			rest = append(rest, k)
		}
	}
	g.keySentences(i, units, rest)
	g.rest = rest
}

// shortLeadIn reports whether u only introduces what follows: it ends
// with ":" and has fewer than minLeadInWords content words.
func (g *generator) shortLeadIn(u *unit) bool {
	if !strings.HasSuffix(strings.TrimSpace(u.t.Plain), ":") {
		return false
	}
	content := 0
	for _, st := range g.stops(u) {
		if !st {
			content++
		}
	}
	return content < minLeadInWords
}

// adjacent reports whether only blank lines separate block a from block b,
// so that no hidden block (a fenced code block, say) lies between them.
func (g *generator) adjacent(a, b notes.Block) bool {
	for l := a.EndLine + 1; l < b.Line; l++ {
		if l < 1 || l > len(g.n.Lines) || strings.TrimSpace(g.n.Lines[l-1]) != "" {
			return false
		}
	}
	return true
}

// add checks the drafts made from unit k of block i and records them; it
// reports whether one of them was kept.
func (g *generator) add(i, k int, ds ...draft) bool {
	kept := false
	for _, d := range ds {
		d.blk, d.unit = i, k
		if d.line == 0 {
			d.line = g.n.Blocks[i].Line
		}
		g.check(&d)
		if d.dropped == "" || g.all {
			g.drafts = append(g.drafts, d)
		}
		kept = kept || d.dropped == ""
	}
	return kept
}

// context returns the breadcrumb of block i: note title, heading path,
// lead-in line and parent items, the lead-in and each parent cut after
// maxLeadInWords words. The result is shared: callers clone it.
func (g *generator) context(i int) []string {
	if g.ctxDone[i] {
		return g.ctx[i]
	}
	n := g.n
	b := n.Blocks[i]
	depth, top := 0, i
	for p, guard := b.Parent, 0; p >= 0 && p < len(n.Blocks) && guard < len(n.Blocks); p, guard = n.Blocks[p].Parent, guard+1 {
		depth++
		top = p
	}
	lead := ""
	if tb := n.Blocks[top]; tb.Kind == notes.Item && tb.Group > 0 && tb.Group < len(g.leadIns) {
		lead = g.leadIns[tb.Group]
	}
	// Blocks of one section share their heading path: without parents or
	// lead-in, they share their context too.
	plain := depth == 0 && lead == ""
	if plain && g.headCtxOK && sameSlice(b.Headings, g.headPath) {
		g.ctx[i], g.ctxDone[i] = g.headCtx, true
		return g.headCtx
	}

	ctx := make([]string, 0, 2+len(b.Headings)+depth)
	title := g.title()
	first := ""
	for _, h := range b.Headings {
		if h = oneLine(h); h != "" {
			first = h
			break
		}
	}
	// A title that is the text of an H1 (the parser takes the first H1 when
	// the frontmatter names none) encloses only the blocks under that H1,
	// whose heading path already starts with it: blocks before it or under
	// another H1 do not belong to it.
	if title != "" && !g.titleIsH1 && (first == "" || !strings.EqualFold(first, title)) {
		ctx = append(ctx, title)
	}
	for _, h := range b.Headings {
		if h = oneLine(h); h != "" {
			ctx = append(ctx, h)
		}
	}
	if lead != "" {
		ctx = append(ctx, shorten(lead, maxLeadInWords))
	}
	start := len(ctx)
	for p, guard := b.Parent, 0; p >= 0 && p < len(n.Blocks) && guard < len(n.Blocks); p, guard = n.Blocks[p].Parent, guard+1 {
		if s := oneLine(n.Blocks[p].Text.Plain); s != "" {
			// a parent item may be a whole paragraph: the breadcrumb shows
			// its start, as an enumeration shows its lead-in
			ctx = append(ctx, shorten(strings.TrimSpace(strings.TrimRight(s, ":")), maxLeadInWords))
		}
	}
	slices.Reverse(ctx[start:])
	if len(ctx) == 0 {
		ctx = nil
	}
	if plain {
		g.headPath, g.headCtx, g.headCtxOK = b.Headings, ctx, true
	}

	g.ctx[i], g.ctxDone[i] = ctx, true
	return ctx
}

// sameSlice reports whether a and b are the same slice: same length and
// same first element in memory.
func sameSlice(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0]
}

// title returns the note's title on one line, and sets titleIsH1 when it
// is the text of an H1 heading of the note.
func (g *generator) title() string {
	if !g.titleDone {
		g.titleText = oneLine(g.n.Title)
		low := strings.ToLower(g.titleText)
		for _, b := range g.n.Blocks {
			if b.Kind == notes.Heading && b.Depth == 1 && strings.ToLower(oneLine(b.Text.Plain)) == low {
				g.titleIsH1 = true
				break
			}
		}
		g.titleDone = true
	}
	return g.titleText
}

// candidates renders every draft, kept or dropped, into a candidate,
// sorts them and marks duplicates.
func (g *generator) candidates() []Candidate {
	strs := 0
	for k := range g.drafts {
		strs += len(g.n.Tags) + len(g.draftContext(&g.drafts[k]))
	}
	g.strs.reserve(strs)
	cands := make([]Candidate, 0, len(g.drafts))
	for k := range g.drafts {
		d := &g.drafts[k]
		g.renderDraft(d)
		cands = append(cands, Candidate{Card: g.card(d), Score: d.score, Dropped: d.dropped})
	}
	slices.SortStableFunc(cands, func(a, b Candidate) int { return compareCards(&a.Card, &b.Card) })
	seen := make(map[ID]bool, len(cands))
	for i := range cands {
		c := &cands[i]
		if c.Dropped != "" {
			continue
		}
		if seen[c.Card.ID] {
			c.Dropped = dropDuplicate
			continue
		}
		seen[c.Card.ID] = true
	}
	return cands
}

// cards renders the kept drafts into cards, sorted, duplicates left out;
// dropped drafts are never rendered.
func (g *generator) cards() []Card {
	size, strs, text := 0, 0, 0
	for k := range g.drafts {
		if d := &g.drafts[k]; d.dropped == "" {
			size++
			strs += len(g.n.Tags) + len(g.draftContext(d))
			text += len(ID("0123456789abcdef"))
			if d.lazy {
				text += 2*len(d.src.Plain) + len("{{c1::}}") + len(ClozeMark)
			}
		}
	}
	g.strs.reserve(strs)
	g.text.reserve(text)
	out := make([]Card, 0, size)
	for k := range g.drafts {
		d := &g.drafts[k]
		if d.dropped != "" {
			continue
		}
		if g.renderDraft(d); d.dropped != "" {
			continue
		}
		out = append(out, g.card(d))
	}
	slices.SortStableFunc(out, func(a, b Card) int { return compareCards(&a, &b) })
	seen := make(map[ID]bool, len(out))
	kept := out[:0]
	for _, c := range out {
		if !seen[c.ID] {
			seen[c.ID] = true
			kept = append(kept, c)
		}
	}
	clear(out[len(kept):])
	return kept
}

// compareCards orders cards by source line, rule priority, then ID.
func compareCards(a, b *Card) int {
	return cmp.Or(
		cmp.Compare(a.Source.Line, b.Source.Line),
		cmp.Compare(rulePriority(a.Rule), rulePriority(b.Rule)),
		cmp.Compare(a.ID, b.ID),
	)
}

// renderDraft fills the Markdown of d and drops it when the rendered
// front shows its answer.
func (g *generator) renderDraft(d *draft) {
	spans := d.lazy && len(d.src.Spans) > 0
	g.render(d)
	if spans && d.dropped == "" && g.leaks(d.front, d.back) {
		// Markup can split words the plain text joins ("x`0` x"):
		// check the rendered front too.
		d.dropped = dropLeak
	}
}

// draftContext returns the context of d's card.
func (g *generator) draftContext(d *draft) []string {
	if d.ownCtx {
		return d.ctx
	}
	return g.context(d.blk)
}

// card builds the card of the rendered draft d.
func (g *generator) card(d *draft) Card {
	ctx := g.draftContext(d)
	c := Card{
		Deck:    g.deck,
		Kind:    d.kind,
		Front:   strings.TrimSpace(d.front),
		Back:    strings.TrimSpace(d.back),
		Cloze:   d.cloze,
		Context: g.strs.clone(ctx),
		Source:  notesSource(g.n, d.line),
		Tags:    g.strs.clone(g.n.Tags),
		Rule:    d.rule,
	}
	if !g.valid {
		sanitize(&c)
	}
	c.ID = cardID(&g.idBuf, &g.text, c.Kind, c.Front, c.Back)
	return c
}

func notesSource(n *notes.Note, line int) Source {
	return Source{Path: n.Path, Line: line}
}

// guessedRuns returns, when the guessed drafts (neither explicit nor
// dropped) come block by block, the ranges of g.drafts that hold the
// guessed drafts of one block each; false when they do not.
func (g *generator) guessedRuns() ([][2]int, bool) {
	var runs [][2]int
	last := -1
	for k := range g.drafts {
		d := &g.drafts[k]
		if d.dropped != "" || d.explicit {
			continue
		}
		switch {
		case d.blk == last:
			runs[len(runs)-1][1] = k + 1
		case d.blk < last:
			return nil, false
		default:
			runs = append(runs, [2]int{k, k + 1})
			last = d.blk
		}
	}
	return runs, true
}

// sameAnswers keeps, of the guessed cloze cards of one block that ask for
// the same answer, the best scored: two clozes of one word on one line ask
// one fact twice.
func (g *generator) sameAnswers(runs [][2]int, ok bool) {
	if !ok {
		g.sameAnswersMap()
		return
	}
	type entry struct {
		a string
		k int
	}
	var best []entry
	for _, r := range runs {
		best = best[:0]
	next:
		for k := r[0]; k < r[1]; k++ {
			d := &g.drafts[k]
			if d.dropped != "" || d.explicit || d.kind != Cloze {
				continue
			}
			a := g.text.lower(strings.TrimSpace(d.a))
			for e := range best {
				if best[e].a != a {
					continue
				}
				if j := best[e].k; d.score > g.drafts[j].score {
					g.drafts[j].dropped = dropSameAnswer
					best[e].k = k
				} else {
					d.dropped = dropSameAnswer
				}
				continue next
			}
			best = append(best, entry{a, k})
		}
	}
}

// sameAnswersMap is sameAnswers for drafts in any order.
func (g *generator) sameAnswersMap() {
	type key struct {
		blk int
		a   string
	}
	best := map[key]int{}
	for k := range g.drafts {
		d := &g.drafts[k]
		if d.dropped != "" || d.explicit || d.kind != Cloze {
			continue
		}
		ky := key{d.blk, g.text.lower(strings.TrimSpace(d.a))}
		j, ok := best[ky]
		switch {
		case !ok:
			best[ky] = k
		case d.score > g.drafts[j].score:
			g.drafts[j].dropped = dropSameAnswer
			best[ky] = k
		default:
			d.dropped = dropSameAnswer
		}
	}
}

// capUnits keeps the maxPerUnit best guessed cards of each line.
func (g *generator) capUnits(runs [][2]int, ok bool) {
	if !ok {
		runs = [][2]int{{0, len(g.drafts)}}
	}
	var idx []int
	for _, r := range runs {
		for k := r[0]; k < r[1]; k++ {
			d := &g.drafts[k]
			if d.dropped != "" || d.explicit {
				continue
			}
			// The first draft of its line in the run: count the line.
			first, count := true, 0
			for j := r[0]; j < r[1]; j++ {
				e := &g.drafts[j]
				if e.dropped != "" || e.explicit || e.blk != d.blk || e.unit != d.unit {
					continue
				}
				if j < k {
					first = false
					break
				}
				count++
			}
			if !first || count <= maxPerUnit {
				continue
			}
			idx = idx[:0]
			for j := k; j < r[1]; j++ {
				if e := &g.drafts[j]; e.dropped == "" && !e.explicit && e.blk == d.blk && e.unit == d.unit {
					idx = append(idx, j)
				}
			}
			slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(g.drafts[b].score, g.drafts[a].score) })
			for _, j := range idx[maxPerUnit:] {
				g.drafts[j].dropped = dropLineCap
			}
		}
	}
}

// capNote keeps the best guessed cards of the note, up to MaxPerNote,
// spreading them over the note: the best card of each line comes before
// the second card of any line.
func (g *generator) capNote() {
	limit := g.opts.MaxPerNote
	if limit == 0 {
		// The best card of each line comes first, so that a long page
		// still gets a card from each line.
		blocks := 0
		for _, b := range g.n.Blocks {
			if b.Kind == notes.Line || b.Kind == notes.Item || b.Kind == notes.Row {
				blocks++
			}
		}
		limit = max(DefaultMaxPerNote, blocks)
	}
	if limit < 0 {
		return
	}
	var idx []int
	for k := range g.drafts {
		if d := &g.drafts[k]; d.dropped == "" && !d.explicit {
			idx = append(idx, k)
		}
	}
	if len(idx) <= limit {
		return
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(g.drafts[b].score, g.drafts[a].score) })
	// rank: how many better cards the draft's block has
	rank := make([]int, len(idx))
	seen := map[int]int{}
	for j, k := range idx {
		rank[j] = seen[g.drafts[k].blk]
		seen[g.drafts[k].blk]++
	}
	order := make([]int, len(idx))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rank[a], rank[b]) })
	for _, j := range order[limit:] {
		g.drafts[idx[j]].dropped = dropNoteCap
	}
}

// check applies the junk filter to d, setting d.dropped when it fails.
func (g *generator) check(d *draft) {
	if !d.lazy && d.q == "" && d.a == "" {
		d.q, d.a = d.front, d.back
	}
	if d.dropped != "" {
		return
	}
	q, a := strings.TrimSpace(d.q), strings.TrimSpace(d.a)
	if d.lazy {
		q = "-" // checked below, on the text around the deletion
	}
	switch {
	case q == "" || a == "":
		d.dropped = dropEmpty
	case !hasWordRune(a):
		d.dropped = dropPunctuation
	case !d.explicit && (d.lazy && len(d.src.Plain) > maxFront || !d.lazy && len(q) > maxFront):
		d.dropped = dropTooLong // before the checks that scan the text
	case d.lazy && d.lazyLeaks():
		d.dropped = dropLeak
	case d.lazy && !hasWordRune(d.src.Plain[:d.del.start]) && !hasWordRune(d.src.Plain[d.del.end:]):
		d.dropped = dropNoContext
	case !d.lazy && strings.EqualFold(q, a):
		d.dropped = dropEqual
	case !d.lazy && !d.leakChecked && d.kind == Cloze && g.leaks(q, a):
		d.dropped = dropLeak
	case !d.lazy && d.kind == Cloze && !hasWordRune(strings.ReplaceAll(q, ClozeMark, "")):
		d.dropped = dropNoContext
	case d.explicit:
	case d.kind != Cloze && g.containsWord(q, a):
		d.dropped = dropLeak
	case utf8.RuneCountInString(strings.Trim(a, "`")) < 2:
		d.dropped = dropTooShort
	case !strings.HasPrefix(a, "`") && !isAcronym(a) && g.lang.isStop(g.text.lower(a)):
		d.dropped = dropStopWord // code such as `__le__` or `if` is no stop word
	case isLongAnswer(a) && d.rule != ruleQuestion: // a question's answer may be a sentence
		d.dropped = dropLongAnswer
	case d.kind == Cloze && (d.rule == ruleSentence || d.rule == ruleFact) && namesNothing(a):
		d.dropped = dropNoTerm // "see the [...] below": "section" names nothing
	case d.lazy && strings.ContainsAny(a, "*\\") && !overlapsSpan(d.src, int(d.del.ansStart), int(d.del.ansEnd), notes.Code):
		d.dropped = dropEscaped // "[child\*]": the answer would show the backslash of its escape
	}
}

// namesNothing reports whether the answer a of a guessed cloze is a word
// that names nothing to learn: a generic noun ("problems", "section"), an
// adverb ("sequentially") or a common verb.
func namesNothing(a string) bool {
	w := lower(strings.TrimSpace(a))
	return isGeneric(w) || len(w) > 3 && isAdverb(w) || isCommonVerb(w)
}

// isAcronym reports whether w is written in capitals, two letters or more
// ("CI", "OR"): an acronym or a keyword, not a stop word.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// lazyLeaks reports whether the answer of a lazy cloze shows elsewhere on
// its front.
func (d *draft) lazyLeaks() bool {
	del := d.del
	// The back lists answers joined with "; ": each must stay hidden.
	for a := range strings.SplitSeq(d.low[del.ansStart:del.ansEnd], "; ") {
		a = strings.TrimSpace(a)
		if countWord(d.low[:del.start], a, 1) > 0 || countWord(d.low[del.end:], a, 1) > 0 {
			return true
		}
	}
	return false
}

// maxAnswerWords is the length past which an answer is a sentence to
// recite rather than a term, a number, a name or a short phrase.
const maxAnswerWords = 12

// isLongAnswer reports whether a is a whole sentence rather than a short
// answer: more than maxAnswerWords words, or more than eight ending with a
// period.
// A command in backticks counts its words by spaces ("`tar -xvf file`" is
// three).
func isLongAnswer(a string) bool {
	a = strings.TrimSpace(a)
	var n int
	if len(a) > 2 && a[0] == '`' && a[len(a)-1] == '`' && strings.Count(a, "`") == 2 {
		n = len(strings.Fields(a))
	} else {
		n = countWords(a)
	}
	return n > maxAnswerWords || (n > 8 && strings.HasSuffix(a, "."))
}

// leaks reports whether one of the answers of a cloze (back, several joined
// with "; ") shows on its front.
func leaks(front, back string) bool {
	for a := range strings.SplitSeq(back, "; ") {
		if containsWord(front, a) {
			return true
		}
	}
	return false
}

// leaks is leaks with the lower-case texts cut from the generator's arena.
func (g *generator) leaks(front, back string) bool {
	for a := range strings.SplitSeq(back, "; ") {
		if g.containsWord(front, a) {
			return true
		}
	}
	return false
}

// containsWord is containsWord with the lower-case texts cut from the
// generator's arena.
func (g *generator) containsWord(hay, needle string) bool {
	return countWord(g.text.toLower(hay), g.text.toLower(strings.TrimSpace(needle)), 1) > 0
}

// sanitize makes the text of a card valid UTF-8: invalid bytes become
// U+FFFD.
func sanitize(c *Card) {
	c.Front = strings.TrimSpace(strings.ToValidUTF8(c.Front, "\uFFFD"))
	c.Back = strings.TrimSpace(strings.ToValidUTF8(c.Back, "\uFFFD"))
	c.Cloze = strings.ToValidUTF8(c.Cloze, "\uFFFD")
	c.Deck = strings.ToValidUTF8(c.Deck, "\uFFFD")
	for i := range c.Context {
		c.Context[i] = strings.ToValidUTF8(c.Context[i], "\uFFFD")
	}
	for i := range c.Tags {
		c.Tags[i] = strings.ToValidUTF8(c.Tags[i], "\uFFFD")
	}
}

// isImportLine reports whether a line is an MDX import or export ("import
// X from '../x.md'"), an org-mode property drawer or an org-mode headline
// of level two or more ("** Missions du DPD", which Markdown reads as
// text): markup that a documentation site or an editor leaves in its
// pages. A headline, like a Markdown heading, makes no card.
func isImportLine(plain string) bool {
	s := strings.TrimSpace(plain)
	if strings.Contains(s, ":PROPERTIES:") || strings.HasPrefix(s, ":END:") || isOrgProperty(s) {
		return true // an org-mode property drawer
	}
	if isOrgHeadline(s) {
		return true
	}
	return (strings.HasPrefix(s, "import ") || strings.HasPrefix(s, "export ")) &&
		(strings.Contains(s, " from '") || strings.Contains(s, " from \""))
}

// isOrgHeadline reports whether s is an org-mode headline of level two or
// more: two or more stars, a space, then text. One star and a space is a
// Markdown list item, which never reaches here as text.
func isOrgHeadline(s string) bool {
	n := 0
	for n < len(s) && s[n] == '*' {
		n++
	}
	return n >= 2 && n < len(s) && s[n] == ' ' && strings.TrimSpace(s[n:]) != ""
}

// isOrgProperty reports whether s opens with an org-mode property such as
// ":CUSTOM_ID:".
func isOrgProperty(s string) bool {
	if len(s) < 3 || s[0] != ':' {
		return false
	}
	k := strings.IndexByte(s[1:], ':')
	if k < 1 {
		return false
	}
	for _, c := range []byte(s[1 : 1+k]) {
		if !('A' <= c && c <= 'Z' || c == '_') {
			return false
		}
	}
	return true
}

// isAdmonition reports whether a line is the title line of an admonition
// or callout ("!!! note", "??? tip", "[!warning]"), markup rather than
// content.
func isAdmonition(plain string) bool {
	s := strings.TrimSpace(plain)
	return strings.HasPrefix(s, "!!!") || strings.HasPrefix(s, "???") || strings.HasPrefix(s, "[!")
}
