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
	// salient term", "not a key sentence", "instruction".
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
)

// draft is a card as a rule proposes it; the generator adds what comes from
// the note (ID, deck, context, source, tags).
type draft struct {
	kind    Kind
	rule    string
	score   float64
	dropped string
	// explicit drafts were written by the author: no stop-word, length or
	// cap check on their answers.
	explicit bool
	// highlights marks an explicit cloze made of ==highlights== only,
	// which does not make its note one of explicit cards.
	highlights bool
	line       int // source line when not the block's first
	// front, back and cloze are the card's Markdown. A cloze of one text
	// sets src and dels instead and is rendered only when kept (or
	// explained): rendering is the costliest step of a card.
	front, back, cloze string
	src                notes.Text
	dels               []deletion
	grp                int
	lazy               bool
	// q and a are the plain front and back the checks look at; a lazy
	// draft has no q but low, its text in lower case.
	q, a, low string
	ctx       []string // the card's context, when ownCtx is set
	ownCtx    bool
	// leakChecked drafts were checked by their rule for an answer on the
	// front.
	leakChecked bool
	// where the draft comes from, for the caps
	blk, unit int
}

// textCloze returns the draft of a cloze card of unit u hiding
// Plain[s:e].
func textCloze(u *unit, s, e int, rule string, score float64) draft {
	dels := []deletion{{start: s, end: e, ansStart: s, ansEnd: e, group: 1}}
	return draft{
		kind: Cloze, rule: rule, score: score,
		src: u.t, dels: dels, grp: 1, lazy: true, low: u.lower,
		a: u.t.Plain[s:e],
	}
}

// render fills the Markdown of a lazy draft.
func (d *draft) render() {
	if !d.lazy {
		return
	}
	if del := d.dels[0]; len(d.dels) == 1 && del.hint == "" && plainIsMarkdown(d.src) {
		// Most lines have no markup: no need for the renderer.
		p := d.src.Plain
		ans := strings.TrimSpace(p[del.ansStart:del.ansEnd])
		d.front = strings.TrimSpace(p[:del.start] + ClozeMark + p[del.end:])
		d.back = ans
		d.cloze = strings.TrimSpace(p[:del.start] + "{{c1::" + ans + "}}" + p[del.end:])
		d.lazy = false
		return
	}
	c := clozeCard(d.src, d.dels, d.grp)
	d.front, d.back, d.cloze, d.lazy = c.front, c.back, c.cloze, false
}

// Generate returns the cards of note n, sorted by source line, then rule
// priority, then ID, with no two cards sharing an ID. It never fails: text
// that makes no good card makes none. The returned cards are new memory
// owned by the caller. Generate is safe for concurrent use on distinct or
// unchanging notes and Corpus.
func Generate(n *notes.Note, opts Options) []Card {
	cands := explain(n, opts, false)
	out := make([]Card, 0, len(cands))
	for _, c := range cands {
		if c.Dropped == "" {
			out = append(out, c.Card)
		}
	}
	return out
}

// Explain returns every card the rules proposed for note n, the dropped
// ones included with their reason, in Generate's order. Generate is Explain
// filtered to the candidates whose Dropped is "". Like Generate it never
// fails, returns memory owned by the caller and is safe for concurrent use.
func Explain(n *notes.Note, opts Options) []Candidate {
	return explain(n, opts, true)
}

func explain(n *notes.Note, opts Options, all bool) []Candidate {
	if n == nil {
		return nil
	}
	g := newGenerator(n, opts)
	if !g.explicitPass() {
		g.autoPass()
	}
	return g.finish(all)
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

// generator holds the state of one Explain call.
type generator struct {
	n        *notes.Note
	opts     Options
	deck     string
	lang     lang
	tagged   bool     // the note has a #flashcards tag
	consumed []bool   // blocks already turned into cards by a multi-block rule
	leadIns  []string // per list group: the line ending with ':' before it
	h1       map[string]bool
	info     []blockInfo
	ctx      [][]string // per block, filled on first use
	ctxDone  []bool
	lowers   map[string]string // lowerOf's memory
	acronyms map[string]int    // shorthand's memory: two-capital words and their counts
	ctxLow   [][]string        // per block: its context in lower case
	valid    bool              // all the note's text is valid UTF-8: nothing to sanitize
	wordBuf  []word            // backing store of the words of the units of a block
	unitBuf  []unit            // backing store of the units of a block
	idBuf    []byte
	tf       map[string]int32 // occurrences of each lower-case word in the note
	enums    []*enumeration   // per block: the enumeration an item belongs to
	drafts   []draft
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
		drafts:   make([]draft, 0, len(n.Blocks)),
	}
	tdeck, tagged := tagDeck(n.Tags)
	g.tagged = tagged
	g.deck = cmp.Or(n.Deck, tdeck, opts.Deck, DefaultDeck)
	maxGroup := 0
	size := 0
	for _, b := range n.Blocks {
		size += len(b.Text.Plain)
	}
	arena := make([]token, 0, size/6+1) // the words of all blocks, in one allocation
	for i, b := range n.Blocks {
		if b.Kind == notes.Heading && b.Depth == 1 {
			if g.h1 == nil {
				g.h1 = map[string]bool{}
			}
			g.h1[strings.ToLower(oneLine(b.Text.Plain))] = true
		}
		maxGroup = max(maxGroup, b.Group)
		p := lower(b.Text.Plain)
		start := len(arena)
		arena = appendTokens(arena, p)
		toks := arena[start:len(arena):len(arena)]
		if len(toks) == 0 {
			toks = nil
		}
		g.info[i] = blockInfo{lower: p, toks: toks}
		if g.opts.Corpus.Len() < minCorpus {
			if g.tf == nil {
				g.tf = make(map[string]int32, size/24+16) // about a distinct word in four
			}
			for _, tk := range toks {
				tk = coreWord(p, tk)
				g.tf[p[tk.start:tk.end]]++
			}
		}
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
	var keys map[int]int
	for i, b := range g.n.Blocks {
		if g.consumed[i] {
			continue
		}
		switch b.Kind {
		case notes.Row:
			if keys == nil {
				keys = tableKeys(g.n)
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
		g.add(i, 0, draft{kind: Cloze, front: markdown(t), q: t.Plain, rule: ruleSentence, dropped: dropMarkup})
		return
	}
	units := g.units(i)
	covered := make([]bool, len(units))
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
	var rest []int
	for k := range units {
		if covered[k] {
			continue
		}
		u := &units[k]
		if u.linkOnly() || u.reference(g.lang) || g.shortLeadIn(u) {
			rest = append(rest, k) // a reference's title: the sentence rule says so
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
}

// shortLeadIn reports whether u only introduces what follows: it ends
// with ":" and has fewer than minLeadInWords content words.
func (g *generator) shortLeadIn(u *unit) bool {
	if !strings.HasSuffix(strings.TrimSpace(u.t.Plain), ":") {
		return false
	}
	content := 0
	for _, tk := range u.toks {
		if !g.lang.isStop(u.lower[tk.start:tk.end]) {
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
		g.drafts = append(g.drafts, d)
		kept = kept || d.dropped == ""
	}
	return kept
}

// context returns the breadcrumb of block i: note title, heading path,
// lead-in line and parent items. The result is shared: callers clone it.
func (g *generator) context(i int) []string {
	if g.ctxDone[i] {
		return g.ctx[i]
	}
	n := g.n
	b := n.Blocks[i]
	var ctx []string
	title := oneLine(n.Title)
	var heads []string
	for _, h := range b.Headings {
		if h = oneLine(h); h != "" {
			heads = append(heads, h)
		}
	}
	// A title that is the text of an H1 (the parser takes the first H1 when
	// the frontmatter names none) encloses only the blocks under that H1,
	// whose heading path already starts with it: blocks before it or under
	// another H1 do not belong to it.
	if title != "" && !g.h1[strings.ToLower(title)] &&
		(len(heads) == 0 || !strings.EqualFold(heads[0], title)) {
		ctx = append(ctx, title)
	}
	ctx = append(ctx, heads...)
	var parents []string
	top := i
	for p, guard := b.Parent, 0; p >= 0 && p < len(n.Blocks) && guard < len(n.Blocks); p, guard = n.Blocks[p].Parent, guard+1 {
		if s := oneLine(n.Blocks[p].Text.Plain); s != "" {
			parents = append(parents, strings.TrimSpace(strings.TrimRight(s, ":")))
		}
		top = p
	}
	if tb := n.Blocks[top]; tb.Kind == notes.Item && tb.Group > 0 && tb.Group < len(g.leadIns) && g.leadIns[tb.Group] != "" {
		ctx = append(ctx, g.leadIns[tb.Group])
	}
	slices.Reverse(parents)
	ctx = append(ctx, parents...)
	if len(ctx) == 0 {
		ctx = nil
	}
	g.ctx[i], g.ctxDone[i] = ctx, true
	return ctx
}

// finish applies the caps, builds the candidates, sorts them and marks
// duplicates. Unless all is set, dropped drafts are left out and never
// rendered.
func (g *generator) finish(all bool) []Candidate {
	g.sameAnswers()
	g.capUnits()
	g.capNote()
	n := g.n
	size := len(g.drafts)
	if !all {
		size = 0
		for k := range g.drafts {
			if g.drafts[k].dropped == "" {
				size++
			}
		}
	}
	cands := make([]Candidate, 0, size)
	for k := range g.drafts {
		d := &g.drafts[k]
		if d.dropped != "" && !all {
			continue
		}
		spans := d.lazy && len(d.src.Spans) > 0
		d.render()
		if spans && d.dropped == "" && leaks(d.front, d.back) {
			// Markup can split words the plain text joins ("x`0` x"):
			// check the rendered front too.
			d.dropped = dropLeak
			if !all {
				continue
			}
		}
		ctx := d.ctx
		if !d.ownCtx {
			ctx = g.context(d.blk)
		}
		c := Card{
			Deck:    g.deck,
			Kind:    d.kind,
			Front:   strings.TrimSpace(d.front),
			Back:    strings.TrimSpace(d.back),
			Cloze:   d.cloze,
			Context: slices.Clone(ctx),
			Source:  notesSource(n, d.line),
			Tags:    slices.Clone(n.Tags),
			Rule:    d.rule,
		}
		if !g.valid {
			sanitize(&c)
		}
		c.ID = cardID(&g.idBuf, c.Kind, c.Front, c.Back)
		cands = append(cands, Candidate{Card: c, Score: d.score, Dropped: d.dropped})
	}
	slices.SortStableFunc(cands, func(a, b Candidate) int {
		return cmp.Or(
			cmp.Compare(a.Card.Source.Line, b.Card.Source.Line),
			cmp.Compare(rulePriority(a.Card.Rule), rulePriority(b.Card.Rule)),
			cmp.Compare(a.Card.ID, b.Card.ID),
		)
	})
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
	if !all {
		kept := cands[:0]
		for _, c := range cands {
			if c.Dropped == "" {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	return cands
}

func notesSource(n *notes.Note, line int) Source {
	return Source{Path: n.Path, Line: line}
}

// sameAnswers keeps, of the guessed cloze cards of one block that ask for
// the same answer, the best scored: two clozes of one word on one line ask
// one fact twice.
func (g *generator) sameAnswers() {
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
		ky := key{d.blk, lower(strings.TrimSpace(d.a))}
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
func (g *generator) capUnits() {
	type key struct{ blk, unit int }
	count := map[key]int{}
	for k := range g.drafts {
		d := &g.drafts[k]
		if d.dropped == "" && !d.explicit {
			count[key{d.blk, d.unit}]++
		}
	}
	for ky, c := range count {
		if c <= maxPerUnit {
			continue
		}
		var idx []int
		for k := range g.drafts {
			d := &g.drafts[k]
			if d.dropped == "" && !d.explicit && d.blk == ky.blk && d.unit == ky.unit {
				idx = append(idx, k)
			}
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(g.drafts[b].score, g.drafts[a].score) })
		for _, k := range idx[maxPerUnit:] {
			g.drafts[k].dropped = dropLineCap
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
	case d.lazy && d.lazyLeaks():
		d.dropped = dropLeak
	case d.lazy && !hasWordRune(d.src.Plain[:d.dels[0].start]) && !hasWordRune(d.src.Plain[d.dels[0].end:]):
		d.dropped = dropNoContext
	case !d.lazy && strings.EqualFold(q, a):
		d.dropped = dropEqual
	case !d.lazy && !d.leakChecked && d.kind == Cloze && leaks(q, a):
		d.dropped = dropLeak
	case !d.lazy && d.kind == Cloze && !hasWordRune(strings.ReplaceAll(q, ClozeMark, "")):
		d.dropped = dropNoContext
	case d.explicit:
	case d.kind != Cloze && containsWord(q, a):
		d.dropped = dropLeak
	case utf8.RuneCountInString(strings.Trim(a, "`")) < 2:
		d.dropped = dropTooShort
	case !strings.HasPrefix(a, "`") && !isAcronym(a) && g.lang.isStop(lower(a)):
		d.dropped = dropStopWord // code such as `__le__` or `if` is no stop word
	case isLongAnswer(a) && d.rule != ruleQuestion: // a question's answer may be a sentence
		d.dropped = dropLongAnswer
	}
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
	del := d.dels[0]
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
// X from '../x.md'") or an org-mode property drawer: markup that a
// documentation site or an editor leaves in its pages.
func isImportLine(plain string) bool {
	s := strings.TrimSpace(plain)
	if strings.Contains(s, ":PROPERTIES:") || strings.HasPrefix(s, ":END:") || isOrgProperty(s) {
		return true // an org-mode property drawer
	}
	return (strings.HasPrefix(s, "import ") || strings.HasPrefix(s, "export ")) &&
		(strings.Contains(s, " from '") || strings.Contains(s, " from \""))
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
