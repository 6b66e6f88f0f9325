package cards

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// DefaultDeck is the deck of a card when neither the note nor Options name
// one.
const DefaultDeck = "Default"

// Options configures Generate and Explain. The zero value works.
type Options struct {
	// Deck is the deck used when the note's frontmatter names none (the
	// caller derives it from a --deck flag or the note's folder, see
	// DeckFromDir); when both are empty, cards go to DefaultDeck.
	Deck string
}

// Candidate is a card proposed by a rule, kept or dropped.
type Candidate struct {
	Card Card
	// Score ranks how likely a person is to keep the card, from 0 to 1:
	// 1 for cards the author wrote, less for guessed ones.
	Score float64
	// Dropped is "" for a kept card, else why it was dropped ("stop word
	// answer", "answer leaks into question", "duplicate", "link only",
	// "too short", "etc.", "empty", "no salient term", …).
	Dropped string
}

// The rule names, in priority order (Card.Rule).
const (
	ruleExplicit   = "explicit"
	ruleCommand    = "command"
	ruleDefinition = "definition"
	ruleTable      = "table"
	ruleEmphasis   = "emphasis"
	ruleNumber     = "number"
	ruleFallback   = "fallback"
)

// rulePriority orders the cards of one source line.
func rulePriority(rule string) int {
	switch rule {
	case ruleExplicit:
		return 1
	case ruleCommand, ruleDefinition, ruleTable:
		return 2
	case ruleEmphasis:
		return 3
	case ruleNumber:
		return 4
	}
	return 5
}

// The reasons a candidate is dropped (Candidate.Dropped).
const (
	dropStopWord    = "stop word answer"
	dropLeak        = "answer leaks into question"
	dropDuplicate   = "duplicate"
	dropLinkOnly    = "link only"
	dropTooShort    = "too short"
	dropEtc         = "etc."
	dropEmpty       = "empty"
	dropPunctuation = "punctuation only"
	dropNoTerm      = "no salient term"
	dropCodeOnly    = "code only"
	dropNoContext   = "nothing left to ask"
	dropLeadIn      = "lead-in"
	dropMarkup      = "admonition"
)

// draft is a card as a rule proposes it; the generator adds what comes from
// the note (ID, deck, context, source, tags).
type draft struct {
	kind               Kind
	front, back, cloze string
	rule               string
	score              float64
	dropped            string
	line               int // source line when not the block's first
	// explicit drafts were written by the author: no stop-word or length
	// check on their answers.
	explicit bool
}

// Generate returns the cards of note n, sorted by source line, then rule
// priority, then ID, with no two cards sharing an ID. It never fails: text
// that makes no good card makes none. The returned cards are new memory
// owned by the caller. Generate is safe for concurrent use on distinct or
// unchanging notes.
func Generate(n *notes.Note, opts Options) []Card {
	cands := Explain(n, opts)
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
	if n == nil {
		return nil
	}
	g := newGenerator(n, opts)
	g.run()
	return g.finish()
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

// generator holds the state of one Explain call.
type generator struct {
	n        *notes.Note
	deck     string
	consumed []bool   // blocks already turned into cards by a multi-block rule
	leadIns  []string // per list group: the line ending with ':' before it
	h1       map[string]bool
	cands    []Candidate
}

func newGenerator(n *notes.Note, opts Options) *generator {
	g := &generator{n: n, deck: n.Deck, consumed: make([]bool, len(n.Blocks))}
	if g.deck == "" {
		g.deck = opts.Deck
	}
	if g.deck == "" {
		g.deck = DefaultDeck
	}
	g.h1 = map[string]bool{}
	maxGroup := 0
	for _, b := range n.Blocks {
		if b.Kind == notes.Heading && b.Depth == 1 {
			g.h1[strings.ToLower(oneLine(b.Text.Plain))] = true
		}
		maxGroup = max(maxGroup, b.Group)
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

func (g *generator) run() {
	blocks := g.n.Blocks
	// Multi-line cards first: they consume blocks before their separator.
	for i, b := range blocks {
		if b.Kind == notes.Line && !g.consumed[i] && isMultilineSeparator(b.Text.Plain) {
			if ds, used := explicitMultiline(g.n, i, g.consumed); len(ds) > 0 {
				for _, u := range used {
					g.consumed[u] = true
				}
				g.add(i, ds...)
			}
		}
	}
	for i, b := range blocks {
		if g.consumed[i] {
			continue
		}
		switch b.Kind {
		case notes.Row:
			g.add(i, table(b)...)
		case notes.Line, notes.Item:
			g.block(i)
		}
	}
}

// block runs the rules, in priority order, on a Line or Item block.
func (g *generator) block(i int) {
	b := g.n.Blocks[i]
	t := b.Text
	if ds := explicitLine(t); len(ds) > 0 {
		g.add(i, ds...)
		return
	}
	if i+1 < len(g.n.Blocks) && !g.consumed[i+1] && g.adjacent(b, g.n.Blocks[i+1]) {
		if d, ok := command(b, g.n.Blocks[i+1]); ok {
			g.consumed[i+1] = true
			g.add(i, d)
			return
		}
	}
	if d, ok := definition(t); ok {
		g.add(i, d)
		return
	}
	if isAdmonition(t.Plain) {
		g.add(i, draft{kind: Cloze, front: markdown(t), rule: ruleFallback, dropped: dropMarkup})
		return
	}
	emph, taken := emphasis(t)
	nums := numbers(t, taken)
	covered := g.add(i, append(emph, nums...)...)
	if covered {
		return
	}
	ctx := append(g.context(i), g.n.Tags...)
	g.add(i, fallback(t, strings.Join(ctx, "\n")))
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

// add checks the drafts made from block i and records them as candidates;
// it reports whether one of them was kept.
func (g *generator) add(i int, ds ...draft) bool {
	if len(ds) == 0 {
		return false
	}
	b := g.n.Blocks[i]
	ctx := g.context(i)
	kept := false
	for _, d := range ds {
		check(&d)
		line := d.line
		if line == 0 {
			line = b.Line
		}
		c := Card{
			ID:      NewID(d.kind, d.front, d.back),
			Deck:    g.deck,
			Kind:    d.kind,
			Front:   d.front,
			Back:    d.back,
			Cloze:   d.cloze,
			Context: slices.Clone(ctx),
			Source:  Source{Path: g.n.Path, Line: line},
			Tags:    slices.Clone(g.n.Tags),
			Rule:    d.rule,
		}
		sanitize(&c)
		g.cands = append(g.cands, Candidate{Card: c, Score: d.score, Dropped: d.dropped})
		kept = kept || d.dropped == ""
	}
	return kept
}

// context returns the breadcrumb of block i: note title, heading path,
// lead-in line and parent items.
func (g *generator) context(i int) []string {
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
		return nil
	}
	return ctx
}

// finish sorts the candidates and marks duplicates.
func (g *generator) finish() []Candidate {
	slices.SortStableFunc(g.cands, func(a, b Candidate) int {
		return cmp.Or(
			cmp.Compare(a.Card.Source.Line, b.Card.Source.Line),
			cmp.Compare(rulePriority(a.Card.Rule), rulePriority(b.Card.Rule)),
			cmp.Compare(a.Card.ID, b.Card.ID),
		)
	})
	seen := map[ID]bool{}
	for i := range g.cands {
		c := &g.cands[i]
		if c.Dropped != "" {
			continue
		}
		if seen[c.Card.ID] {
			c.Dropped = dropDuplicate
			continue
		}
		seen[c.Card.ID] = true
	}
	return g.cands
}

// check applies the junk filter to d, setting d.dropped when it fails, and
// makes its text valid UTF-8.
func check(d *draft) {
	d.front = strings.TrimSpace(strings.ToValidUTF8(d.front, "\uFFFD"))
	d.back = strings.TrimSpace(strings.ToValidUTF8(d.back, "\uFFFD"))
	d.cloze = strings.ToValidUTF8(d.cloze, "\uFFFD")
	if d.dropped != "" {
		return
	}
	switch {
	case d.front == "" || d.back == "":
		d.dropped = dropEmpty
	case !hasWordRune(d.back):
		d.dropped = dropPunctuation
	case d.kind == Cloze && leaks(d.front, d.back):
		d.dropped = dropLeak
	case d.kind == Cloze && !hasWordRune(strings.ReplaceAll(d.front, ClozeMark, "")):
		d.dropped = dropNoContext
	case d.explicit:
	case utf8.RuneCountInString(strings.Trim(d.back, "`")) < 2:
		d.dropped = dropTooShort
	case d.kind == Cloze && !strings.HasPrefix(d.back, "`") && isStopWord(d.back):
		d.dropped = dropStopWord // code such as `__le__` or `if` is no stop word
	}
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

// sanitize makes the text that comes straight from the note valid UTF-8.
func sanitize(c *Card) {
	c.Deck = strings.ToValidUTF8(c.Deck, "\uFFFD")
	for i := range c.Context {
		c.Context[i] = strings.ToValidUTF8(c.Context[i], "\uFFFD")
	}
	for i := range c.Tags {
		c.Tags[i] = strings.ToValidUTF8(c.Tags[i], "\uFFFD")
	}
}

// isAdmonition reports whether a line is the title line of an admonition
// or callout ("!!! note", "??? tip", "[!warning]"), markup rather than
// content.
func isAdmonition(plain string) bool {
	s := strings.TrimSpace(plain)
	return strings.HasPrefix(s, "!!!") || strings.HasPrefix(s, "???") || strings.HasPrefix(s, "[!")
}
