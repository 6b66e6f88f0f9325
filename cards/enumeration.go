package cards

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "enumeration": a lead-in (a line ending with ":", the heading right
// above the list, or the parent item of a nested list) followed by list
// items is a set, and a set is not recited whole: each item makes one
// overlapping cloze card whose front is the lead-in and the list with that
// one item hidden, its back the item. An ordered list keeps its numbers as
// cues. Items such as "etc." are left out; an item with a head term
// ("**Term**: …", "Term — …") is asked and shown by its term; a long item
// (more than maxEnumItemWords words) is shown cut short and asked by the
// other rules instead. Lists of more than maxEnumShown items show the
// maxEnumShown items around the hidden one.

// maxEnumItemWords is the length up to which a whole item is an answer.
const maxEnumItemWords = 8

// maxEnumShown is the number of items an enumeration card shows at most.
const maxEnumShown = 7

// maxLeadInWords caps the lead-in shown on an enumeration card.
const maxLeadInWords = 20

// enumeration is a list that enumerates a set.
type enumeration struct {
	lead     string // lead-in Markdown, without its colon
	leadCtx  string // the context entry the lead-in repeats
	items    []int  // block indexes of the items, in order
	shown    []string
	asked    []string // answer Markdown per item, "" when not asked
	ordered  bool
	low      string   // lowLead's memory
	lowShown []string // shown in lower case
}

// findEnumerations finds the lists of the note that enumerate a set and
// records, for each of their items, its list in g.enums.
func (g *generator) findEnumerations() {
	n := g.n
	g.enums = make([]*enumeration, len(n.Blocks))
	// The items, by list (group and parent), each list in document order.
	var items []int
	for i, b := range n.Blocks {
		if b.Kind == notes.Item && !g.consumed[i] {
			items = append(items, i)
		}
	}
	if len(items) < 2 {
		return
	}
	key := func(i int) (int, int) { return n.Blocks[i].Group, n.Blocks[i].Parent }
	slices.SortStableFunc(items, func(a, b int) int {
		ga, pa := key(a)
		gb, pb := key(b)
		return cmp.Or(cmp.Compare(ga, gb), cmp.Compare(pa, pb))
	})
	// The lists, in the order of their first items.
	var lists [][2]int
	for s := 0; s < len(items); {
		e := s + 1
		for e < len(items) && n.Blocks[items[e]].Group == n.Blocks[items[s]].Group &&
			n.Blocks[items[e]].Parent == n.Blocks[items[s]].Parent {
			e++
		}
		if e-s >= 2 {
			lists = append(lists, [2]int{s, e})
		}
		s = e
	}
	slices.SortFunc(lists, func(a, b [2]int) int { return cmp.Compare(items[a[0]], items[b[0]]) })
	for _, l := range lists {
		e := g.newEnumeration(items[l[0]:l[1]:l[1]])
		if e == nil {
			continue
		}
		for _, i := range e.items {
			g.enums[i] = e
		}
	}
}

// newEnumeration returns the enumeration of the sibling items, or nil when
// they have no lead-in or are not a set of short items.
func (g *generator) newEnumeration(items []int) *enumeration {
	n := g.n
	first := n.Blocks[items[0]]
	// A cheap look at the items first: most lists of remarks are long.
	short := 0
	for _, i := range items {
		if len(g.info[i].toks) <= maxEnumItemWords || hasHead(n.Blocks[i].Text) {
			short++
		}
	}
	if short < 2 || short*2 < len(items) {
		return nil
	}
	e := &enumeration{ordered: first.Ordered}
	switch {
	case first.Parent >= 0:
		p := n.Blocks[first.Parent]
		if !isTopicLine(p.Text.Plain) {
			return nil // "Dendron is currently two extensions." says something; its items too
		}
		e.lead = strings.TrimSpace(strings.TrimRight(markdown(p.Text), ":"))
		e.leadCtx = strings.TrimSpace(strings.TrimRight(oneLine(p.Text.Plain), ":"))
	case items[0] > 0 && first.Group < len(g.leadIns) && g.leadIns[first.Group] != "" &&
		n.Blocks[items[0]-1].Kind == notes.Line && n.Blocks[items[0]-1].EndLine < first.Line:
		prev := n.Blocks[items[0]-1]
		e.lead = strings.TrimSpace(strings.TrimRight(markdown(prev.Text), ":"))
		e.leadCtx = g.leadIns[first.Group]
	case items[0] > 0 && n.Blocks[items[0]-1].Kind == notes.Heading:
		h := n.Blocks[items[0]-1]
		e.lead = markdown(h.Text)
		e.leadCtx = oneLine(h.Text.Plain)
	default:
		return nil
	}
	if e.lead == "" || strings.HasSuffix(strings.TrimRight(e.leadCtx, ": "), "?") {
		return nil // the items of a question are its answers, not a set
	}
	e.lead = shorten(e.lead, maxLeadInWords)
	e.items = make([]int, 0, len(items))
	strs := make([]string, 2*len(items))
	e.asked, e.shown = strs[:0:len(items)], strs[len(items):len(items)]
	asked, words, parents, sentences := 0, 0, 0, 0
	for _, i := range items {
		b := n.Blocks[i]
		t := b.Text
		if isEtc(t.Plain, g.info[i].toks) {
			continue
		}
		if i+1 < len(n.Blocks) && n.Blocks[i+1].Parent == i {
			parents++
		}
		if s := strings.TrimSpace(t.Plain); strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") ||
			strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
			sentences++ // statements and questions, not members of a set
		}
		e.items = append(e.items, i)
		a, s := g.enumItem(t, g.info[i].toks)
		e.asked = append(e.asked, a)
		e.shown = append(e.shown, s)
		if a != "" {
			asked++
			words += countWords(a)
		}
	}
	// An outline (items with lists of their own) or a list of sentences is
	// no set.
	if asked < 2 || asked*2 < len(e.items) || words > maxEnumMeanWords*asked ||
		parents >= 2 && parents*2 > len(e.items) || sentences*4 > len(e.items) {
		return nil
	}
	return e
}

// hasHead reports whether an item may open with a head term: a strong
// span or a separator early on ("**Term** …", "Term: …", "Term - …").
func hasHead(t notes.Text) bool {
	if len(t.Spans) > 0 && t.Spans[0].Kind == notes.Strong && t.Spans[0].Start <= 1 {
		return true
	}
	head := t.Plain[:min(len(t.Plain), 80)]
	return strings.Contains(head, ": ") || strings.Contains(head, " - ") || strings.Contains(head, " — ") ||
		strings.Contains(head, " – ") || strings.Contains(head, " = ")
}

// maxEnumMeanWords caps the mean length of the asked items of a list: a
// set is made of names and short phrases; a list of longer items is a
// list of remarks, each asked by the other rules.
const maxEnumMeanWords = 6

// isTopicLine reports whether the parent item of a nested list introduces
// it: it ends with ":" or is a short phrase, not a sentence.
func isTopicLine(p string) bool {
	s := strings.TrimSpace(p)
	if strings.HasSuffix(s, ":") {
		return true
	}
	return countWords(s) <= 6 && !strings.ContainsAny(lastRuneString(s), ".!?")
}

func lastRuneString(s string) string {
	r := lastRune(s)
	return string(r)
}

// enumItem returns how an item is asked ("" when it is not) and how it is
// shown among its siblings.
func (g *generator) enumItem(t notes.Text, toks []token) (asked, shown string) {
	u := unit{t: t, toks: toks}
	if u.linkOnly() || strings.HasSuffix(strings.TrimSpace(t.Plain), ":") && countWords(t.Plain) > maxEnumItemWords {
		return "", shorten(markdown(t), maxEnumItemWords)
	}
	if d, ok := separatorDefinition(t, g.lang); ok {
		term := answerMarkdown(t, d.ts, d.te)
		return term, term
	}
	if d, ok := strongDefinition(t, g.lang); ok {
		term := answerMarkdown(t, d.ts, d.te)
		return term, term
	}
	s, e := trimRange(t.Plain, 0, len(t.Plain))
	s, e = trimDefinition(t.Plain, s, e)
	for e > s && t.Plain[e-1] == ':' {
		e-- // a sub-heading item: "Frontend:"
	}
	s, e = trimRange(t.Plain, s, e)
	if s >= e || countWords(t.Plain[s:e]) > maxEnumItemWords {
		return "", shorten(markdown(t), maxEnumItemWords)
	}
	a := answerMarkdown(t, s, e)
	return a, a
}

// enumerationCards makes the card of item block i of enumeration e.
func (g *generator) enumerationCards(e *enumeration, i int) []draft {
	k := -1
	for j, it := range e.items {
		if it == i {
			k = j
		}
	}
	if k < 0 || e.asked[k] == "" {
		return nil
	}
	lo, hi := 0, len(e.items)
	if hi > maxEnumShown {
		lo = max(0, k-maxEnumShown/2)
		hi = min(len(e.items), lo+maxEnumShown)
		lo = max(0, hi-maxEnumShown)
	}
	frontLen := 0
	// The answer must not show on the front: in the lead-in or a sibling.
	if e.lowShown == nil {
		e.lowShown = make([]string, len(e.shown))
		for j, s := range e.shown {
			e.lowShown[j] = g.text.lower(s)
		}
	}
	// An answer holding "; " reads as several (Card.Back joins deletions
	// with it): each part must not show ("0:", "- 0", "- ; 0").
	leak := false
	for ans := range strings.SplitSeq(g.text.lower(e.asked[k]), "; ") {
		if ans == "" {
			continue
		}
		leak = leak || countWord(e.lowLead(&g.text), ans, 1) > 0
		for j := lo; j < hi && !leak; j++ {
			leak = j != k && countWord(e.lowShown[j], ans, 1) > 0
		}
	}
	// The front and the cloze are written one after the other in the
	// generator's scratch buffer, then cut from its arena.
	buf := g.scratch[:0]
	for part := range 2 {
		isFront := part == 0
		buf = append(buf, e.lead...)
		buf = append(buf, ':')
		if lo > 0 {
			buf = append(buf, "\n- …"...)
		}
		for j := lo; j < hi; j++ {
			if e.ordered {
				buf = append(buf, '\n')
				buf = strconv.AppendInt(buf, int64(g.n.Blocks[e.items[j]].Index), 10)
				buf = append(buf, ". "...)
			} else {
				buf = append(buf, "\n- "...)
			}
			switch {
			case j != k:
				buf = append(buf, e.shown[j]...)
			case isFront:
				buf = append(buf, ClozeMark...)
			default:
				buf = append(buf, "{{c1::"...)
				buf = append(buf, e.asked[j]...)
				buf = append(buf, "}}"...)
			}
		}
		if hi < len(e.items) {
			buf = append(buf, "\n- …"...)
		}
		if isFront {
			frontLen = len(buf)
		}
	}
	g.scratch = buf
	both := g.text.bytes(buf)
	front, cloze := both[:frontLen], both[frontLen:]
	score := 0.7
	if len(e.items) > maxEnumShown {
		score -= 0.1
	}
	if countWords(e.asked[k]) > 5 {
		score -= 0.1
	}
	ctx := g.context(i)
	if len(ctx) > 0 && ctx[len(ctx)-1] == e.leadCtx {
		ctx = ctx[:len(ctx)-1]
	}
	d := draft{
		kind: Cloze, rule: ruleEnumeration, score: score,
		front: front, back: e.asked[k], cloze: cloze,
		q: front, a: e.asked[k], ctx: ctx, ownCtx: true, leakChecked: true,
	}
	if leak {
		d.dropped = dropLeak
	}
	return append(g.dbuf[:0], d)
}

// lowLead returns the lead-in in lower case, computed once.
func (e *enumeration) lowLead(a *textArena) string {
	if e.low == "" {
		e.low = a.concat(a.lower(e.lead), ":\n")
	}
	return e.low
}

// shorten cuts s after its first max words, with "…".
func shorten(s string, max int) string {
	words := 0
	in := false
	for i, r := range s {
		w := isWordRune(r)
		if w && !in {
			words++
			if words > max {
				return strings.TrimRight(s[:i], " ,;:-—") + "…"
			}
		}
		in = w || (in && isJoiner(r))
	}
	return s
}

// isEtc reports whether a list item only says the list goes on ("etc.",
// "etc etc...", "…").
func isEtc(p string, toks []token) bool {
	for _, tk := range toks {
		if !strings.EqualFold(p[tk.start:tk.end], "etc") {
			return false
		}
	}
	s := strings.TrimSpace(p)
	return s != "" && strings.Trim(s, ".… ") == "" || strings.Contains(strings.ToLower(s), "etc")
}
