package export

import (
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/cards"
)

// This file lays out the "cloze" layout: each note's text with its
// deletions blanked and numbered, then an answer key.

// clozeNote is the printable content of one note.
type clozeNote struct {
	deck  string
	name  string
	lines []*clozeLine
	pairs []*cards.Card // basic and reversed cards, "Q → A"
}

// clozeLine is one source line with all its deletions.
type clozeLine struct {
	line int
	ctx  string     // the breadcrumb, below the note's name
	full string     // the text with every deletion's answer in place
	dels []clozeDel // sorted by start, not overlapping
	// front is set instead of full for a cloze card without Cloze text:
	// its Front, blanks already shown as cards.ClozeMark.
	front string
	ans   []string
}

// clozeDel is a deletion: full[start:end] is its answer.
type clozeDel struct{ start, end int }

// parseCloze returns text with the {{cN::answer(::hint)}} markers replaced
// by their answers, and where each answer is. A marker never closed is
// kept as text.
func parseCloze(text string) (string, []clozeDel) {
	var b strings.Builder
	var dels []clozeDel
	for {
		i := strings.Index(text, "{{c")
		if i < 0 {
			break
		}
		j := i + 3
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		end := strings.Index(text[j:], "}}")
		if j == i+3 || !strings.HasPrefix(text[j:], "::") || end < 0 {
			b.WriteString(text[:i+3])
			text = text[i+3:]
			continue
		}
		inner := text[j+2 : j+end]
		if h := strings.Index(inner, "::"); h >= 0 {
			inner = inner[:h]
		}
		b.WriteString(text[:i])
		start := b.Len()
		b.WriteString(inner)
		dels = append(dels, clozeDel{start, b.Len()})
		text = text[j+end+2:]
	}
	b.WriteString(text)
	return b.String(), dels
}

// add merges deletions ds into the line, skipping any that overlaps one
// already there.
func (l *clozeLine) add(ds []clozeDel) {
	for _, d := range ds {
		if d.start >= d.end {
			continue
		}
		i, _ := slices.BinarySearchFunc(l.dels, d, func(a, b clozeDel) int { return a.start - b.start })
		if i > 0 && l.dels[i-1].end > d.start || i < len(l.dels) && l.dels[i].start < d.end {
			continue
		}
		l.dels = slices.Insert(l.dels, i, d)
	}
}

// text returns the line with every deletion shown as cards.ClozeMark, and
// the answers in order.
func (l *clozeLine) text() (string, []string) {
	if l.front != "" {
		return l.front, l.ans
	}
	var b strings.Builder
	ans := make([]string, 0, len(l.dels))
	at := 0
	for _, d := range l.dels {
		b.WriteString(strings.ReplaceAll(l.full[at:d.start], cards.ClozeMark, "[…]"))
		b.WriteString(cards.ClozeMark)
		ans = append(ans, strings.TrimSpace(l.full[d.start:d.end]))
		at = d.end
	}
	b.WriteString(strings.ReplaceAll(l.full[at:], cards.ClozeMark, "[…]"))
	return b.String(), ans
}

// clozeNotes groups cs (sorted) by note, in order of first appearance.
func clozeNotes(cs []cards.Card) []*clozeNote {
	var notes []*clozeNote
	names := noteNames(cs)
	byPath := map[string]*clozeNote{}
	type lineKey struct {
		path string
		text string
	}
	byLine := map[lineKey]*clozeLine{}
	for i := range cs {
		c := &cs[i]
		n := byPath[c.Source.Path]
		if n == nil {
			n = &clozeNote{deck: deckName(c.Deck), name: names[c.Source.Path]}
			byPath[c.Source.Path] = n
			notes = append(notes, n)
		}
		if c.Kind != cards.Cloze {
			n.pairs = append(n.pairs, c)
			continue
		}
		full, dels := parseCloze(c.Cloze)
		if len(dels) == 0 {
			front := strings.TrimSpace(c.Front)
			k := lineKey{c.Source.Path, "\x00" + front}
			if byLine[k] != nil {
				continue
			}
			cl := &clozeLine{line: c.Source.Line, ctx: n.crumb(c), front: front}
			marks := strings.Count(front, cards.ClozeMark)
			cl.ans = strings.Split(c.Back, "; ")
			if len(cl.ans) != marks {
				cl.ans = []string{c.Back}
			}
			byLine[k] = cl
			n.lines = append(n.lines, cl)
			continue
		}
		k := lineKey{c.Source.Path, full}
		cl := byLine[k]
		if cl == nil {
			cl = &clozeLine{line: c.Source.Line, ctx: n.crumb(c), full: full}
			byLine[k] = cl
			n.lines = append(n.lines, cl)
		}
		cl.line = min(cl.line, c.Source.Line)
		cl.add(dels)
	}
	for _, n := range notes {
		n.lines = mergeLeads(n.lines)
		slices.SortStableFunc(n.lines, func(a, b *clozeLine) int { return a.line - b.line })
		n.pairs = mirrorsDropped(n.pairs)
	}
	return notes
}

// noteNames returns the name printed above each note (by path): the
// first part of its cards' breadcrumbs when they all share it (the note's
// title), else the file name without its extension, so that a note of
// several top-level headings is not named after the first one.
func noteNames(cs []cards.Card) map[string]string {
	const mixed = "\x00" // the note's cards have different first parts
	first := map[string]string{}
	for i := range cs {
		c := &cs[i]
		name := ""
		if len(c.Context) > 0 {
			name = strings.Join(strings.Fields(cleanText(c.Context[0])), " ")
		}
		if prev, seen := first[c.Source.Path]; name == "" || seen && prev != name {
			name = mixed
		}
		first[c.Source.Path] = name
	}
	for p, name := range first {
		if name != mixed {
			continue
		}
		base := path.Base(p)
		if stem := strings.TrimSuffix(base, path.Ext(base)); stem != "" {
			base = stem
		}
		if base == "" || base == "." || base == "/" {
			base = "Untitled note"
		}
		first[p] = base
	}
	return first
}

// mergeLeads merges a one-line text into the longer text that starts
// with it (the lead-in line of a list and the list), so the line prints once.
func mergeLeads(ls []*clozeLine) []*clozeLine {
	lead := map[string]*clozeLine{}
	for _, l := range ls {
		if first, _, ok := strings.Cut(l.full, "\n"); ok && l.front == "" && lead[first] == nil {
			lead[first] = l
		}
	}
	out := ls[:0]
	for _, l := range ls {
		if into := lead[l.full]; into != nil && l.front == "" && !strings.Contains(l.full, "\n") {
			into.add(l.dels)
			into.line = min(into.line, l.line)
			continue
		}
		out = append(out, l)
	}
	return out
}

// crumb returns c's breadcrumb without the note's name.
func (n *clozeNote) crumb(c *cards.Card) string {
	var parts []string
	for i, p := range c.Context {
		p = strings.Join(strings.Fields(cleanText(p)), " ")
		if p == "" || i == 0 && p == n.name {
			continue
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " › ")
}

// mirrorsDropped removes the reversed cards that mirror a basic card of
// the same list.
func mirrorsDropped(ps []*cards.Card) []*cards.Card {
	type qa struct{ q, a string }
	basics := map[qa]bool{}
	for _, c := range ps {
		if c.Kind != cards.Reversed {
			basics[qa{c.Front, c.Back}] = true
		}
	}
	out := ps[:0]
	for _, c := range ps {
		if c.Kind == cards.Reversed && basics[qa{c.Back, c.Front}] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// gap returns the numbered blank of answer n: "(n) " and underscores about
// as long as the answer.
func gap(n int, answer string) string {
	k := min(max(utf8.RuneCountInString(answer), 4), 28)
	return "(" + strconv.Itoa(n) + ") " + strings.Repeat("_", k)
}

// Spacing of the cloze layout (mm).
const (
	paraGap  = 2.2
	noteGap  = 4.0
	keyInset = 9.0
	subSize  = 9.5 // pt
)

// layoutCloze lays cs (sorted, without repeated IDs) out as blanked notes
// and an answer key.
func layoutCloze(cs []cards.Card, title string, date cards.Date, m measurer, cov *coverage, g geometry) *sheet {
	s := &sheet{g: g, m: m, cov: cov, headerFrom: 1}
	s.newPage()
	s.titleBlock(title, date, len(cs))
	width := g.right - g.left
	if len(cs) == 0 {
		s.drawLines(wrap([]run{{text: "No cards.", color: mutedColor}}, width, bodySize, m), g.left, s.y, bodyLead, bodySize)
		return s
	}
	notes := clozeNotes(cs)
	answers := make([][]string, len(notes))
	deck := ""
	for i, n := range notes {
		if i == 0 || n.deck != deck {
			deck = n.deck
			s.deckHeading(deck, 2*groupLead+2*groupPad+bodyLead)
		}
		s.noteHeading(n.name, bodyLead)
		num := 0
		crumb := ""
		for _, l := range n.lines {
			if l.ctx != crumb {
				crumb = l.ctx
				s.subHeading(crumb)
			}
			text, ans := l.text()
			runs := cov.runs(text, 0, inkColor, true)
			k := 0
			for j := range runs {
				if runs[j].st&stBlank == 0 {
					continue
				}
				a := ""
				if k < len(ans) {
					a = ans[k]
					answers[i] = append(answers[i], a)
				}
				k++
				num++
				runs[j].text = gap(num, plainAnswer(a))
				runs[j].st |= stGap
			}
			s.flow(wrap(runs, width, bodySize, m), g.left, bodyLead, bodySize)
			s.y += paraGap
		}
		for _, c := range n.pairs {
			if ctx := n.crumb(c); ctx != crumb {
				crumb = ctx
				s.subHeading(crumb)
			}
			runs := cov.runs(c.Front, 0, inkColor, c.Kind == cards.Cloze)
			runs = append(runs, run{text: "  →  ", color: mutedColor})
			runs = append(runs, cov.runs(c.Back, 0, answerColor, false)...)
			s.flow(wrap(runs, width, bodySize, m), g.left, bodyLead, bodySize)
			s.y += paraGap / 2
		}
		s.y += noteGap - paraGap
	}
	// The answer key.
	s.newPage()
	s.deck = "Answer key"
	s.page.deck = s.deck
	s.drawLines(wrap([]run{{text: "Answer key", st: stBold, color: deckColor}}, width, deckSize, m), g.left, s.y, deckLead, deckSize)
	s.y += deckLead + 0.8
	s.add(op{kind: opLine, x: g.left, y: s.y, w: width, lw: 0.4, stroke: deckColor})
	s.y += 2.7
	empty := true
	for i, n := range notes {
		if len(answers[i]) == 0 {
			continue
		}
		empty = false
		counted := cov.replaced
		s.noteHeading(n.name, bodyLead) // counted once, above
		cov.replaced = counted
		for k, a := range answers[i] {
			runs := append([]run{{text: "(" + strconv.Itoa(k+1) + ") ", st: stBold, color: blankColor}}, cov.runs(a, 0, answerColor, false)...)
			s.flow(wrap(runs, width-keyInset, bodySize, m), g.left+keyInset, bodyLead, bodySize)
		}
		s.y += noteGap - paraGap
	}
	if empty {
		s.drawLines(wrap([]run{{text: "No cloze cards.", color: mutedColor}}, width, bodySize, m), g.left, s.y, bodyLead, bodySize)
	}
	return s
}

// plainAnswer is answer without its Markdown, to size its blank.
func plainAnswer(a string) string {
	var b strings.Builder
	for _, t := range parseInline(cleanText(a)) {
		switch t.kind {
		case tokText, tokEscaped, tokCode:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// noteHeading draws a band with a note's name, kept with next mm of what
// follows.
func (s *sheet) noteHeading(name string, next float64) {
	width := s.g.right - s.g.left - 2*groupPad - 1
	lines := wrap(s.cov.runs(name, stBold, groupColor, false), width, groupSize, s.m)
	h := float64(len(lines))*groupLead + 2*groupPad
	if !s.atTop() {
		s.y += 2.5
	}
	s.ensure(h + next)
	s.add(op{kind: opRect, x: s.g.left, y: s.y, w: s.g.right - s.g.left, h: h, color: groupFill})
	s.add(op{kind: opRect, x: s.g.left, y: s.y, w: 0.8, h: h, color: deckColor})
	s.drawLines(lines, s.g.left+groupPad+1, s.y+groupPad, groupLead, groupSize)
	s.y += h + 1.5
}

// subHeading draws a breadcrumb inside a note, kept with a line of text.
func (s *sheet) subHeading(crumb string) {
	if crumb == "" {
		return
	}
	width := s.g.right - s.g.left
	lines := wrap(s.cov.runs(crumb, stBold, groupColor, false), width, subSize, s.m)
	s.y += 1
	s.ensure(float64(len(lines))*groupLead + bodyLead)
	s.flow(lines, s.g.left, groupLead, subSize)
	s.y += 0.6
}

// flow draws lines one under the other from s.y, moving to a new page when
// the next line does not fit.
func (s *sheet) flow(lines []line, x, lead, size float64) {
	for _, l := range lines {
		s.ensure(lead)
		s.drawLines([]line{l}, x, s.y, lead, size)
		s.y += lead
	}
}
