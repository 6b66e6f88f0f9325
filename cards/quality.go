package cards

import (
	"strconv"
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// QualityReport holds mechanical quality figures of the cards of one note
// or, added up with Add, of many.
type QualityReport struct {
	Notes int
	Cards int
	// Rules counts the cards per rule (Card.Rule).
	Rules map[string]int
	// Junk counts the cards that fail a mechanical check, JunkReasons per
	// check: "stop word answer", "single character answer", "punctuation
	// only", "sentence answer", "answer on the front", "empty side", "back
	// equals front".
	Junk        int
	JunkReasons map[string]int
	// Lines counts the content lines: list items and paragraph lines of
	// four words or more outside links, bare URLs, tags and code that
	// state something (see isContentLine: references, short lead-ins,
	// questions and markup do not). Covered counts those that gave at
	// least one card (a lead-in line ending with ":" counts as covered when
	// its list gave one: its cards show it), and Missed names the others
	// as "path:line".
	// Notes of explicit cards (see ExplicitNotes) are left out: their
	// author chose which lines make cards.
	Lines, Covered int
	Missed         []string
	// ExplicitNotes counts the notes whose cards are the ones their author
	// wrote (explicit markup or a #flashcards tag).
	ExplicitNotes int
}

// Coverage returns the share of content lines that gave a card, 1 when
// there are none.
func (r QualityReport) Coverage() float64 {
	if r.Lines == 0 {
		return 1
	}
	return float64(r.Covered) / float64(r.Lines)
}

// JunkRate returns the share of cards that fail a mechanical check.
func (r QualityReport) JunkRate() float64 {
	if r.Cards == 0 {
		return 0
	}
	return float64(r.Junk) / float64(r.Cards)
}

// Add adds the figures of o to r.
func (r *QualityReport) Add(o QualityReport) {
	r.Notes += o.Notes
	r.Cards += o.Cards
	r.Junk += o.Junk
	r.Lines += o.Lines
	r.Covered += o.Covered
	r.ExplicitNotes += o.ExplicitNotes
	r.Missed = append(r.Missed, o.Missed...)
	if r.Rules == nil {
		r.Rules = map[string]int{}
	}
	for k, v := range o.Rules {
		r.Rules[k] += v
	}
	if r.JunkReasons == nil {
		r.JunkReasons = map[string]int{}
	}
	for k, v := range o.JunkReasons {
		r.JunkReasons[k] += v
	}
}

// Quality measures the cards cs that Generate made from note n: how many
// per rule, how many fail a mechanical junk check (JunkReason), and which
// content lines gave none. It is safe for concurrent use.
func Quality(n *notes.Note, cs []Card) QualityReport {
	r := QualityReport{Notes: 1, Cards: len(cs), Rules: map[string]int{}, JunkReasons: map[string]int{}}
	explicit := false
	for _, c := range cs {
		r.Rules[c.Rule]++
		if c.Rule == ruleExplicit {
			explicit = true
		}
		if why := JunkReason(c); why != "" {
			r.Junk++
			r.JunkReasons[why]++
		}
	}
	if _, tagged := tagDeck(n.Tags); tagged {
		explicit = true
	}
	if explicit {
		r.ExplicitNotes = 1
		return r
	}
	for i, b := range n.Blocks {
		if !isContentLine(b) {
			continue
		}
		r.Lines++
		first, last := b.Line, b.EndLine
		if end, ok := listAfter(n, i); ok {
			last = end // a lead-in is asked through its list
		}
		covered := false
		for _, c := range cs {
			if c.Source.Line >= first && c.Source.Line <= last {
				covered = true
				break
			}
		}
		if covered {
			r.Covered++
		} else {
			r.Missed = append(r.Missed, n.Path+":"+strconv.Itoa(b.Line))
		}
	}
	return r
}

// isContentLine reports whether block b is a content line: a list item or
// paragraph line with at least four words outside links, bare URLs, tags
// and code, that states something. Lines that only point elsewhere (a
// reference: "See the Security section", "[Title](url), Author"), only
// introduce what follows (a short line ending with ":"), ask a question,
// or are markup (an admonition's title, an MDX import) state nothing.
func isContentLine(b notes.Block) bool {
	if b.Kind != notes.Item && b.Kind != notes.Line || isAdmonition(b.Text.Plain) || isImportLine(b.Text.Plain) ||
		isQuestion(b.Text.Plain) {
		return false
	}
	t := b.Text
	p := lower(t.Plain)
	u := unit{t: t, lower: p, toks: tokenize(p)}
	urls := urlRanges(t.Plain)
	words, content := 0, 0
	for _, tk := range u.toks {
		if !inSpan(t, tk.start, notes.Link, notes.WikiLink, notes.Tag, notes.Code) && !inRanges(urls, tk.start) {
			words++
			if !isStopWord(p[tk.start:tk.end]) {
				content++
			}
		}
	}
	if words < 4 || u.reference(langOther) || startsWithLink(t) && content <= maxLinkNoteWords {
		return false
	}
	return !(strings.HasSuffix(strings.TrimSpace(t.Plain), ":") && content < minLeadInWords)
}

// listAfter reports whether block i of n is a lead-in (it ends with ":"
// and a list follows it) and returns the last source line of that list.
func listAfter(n *notes.Note, i int) (int, bool) {
	b := n.Blocks[i]
	if !strings.HasSuffix(strings.TrimSpace(b.Text.Plain), ":") || i+1 >= len(n.Blocks) {
		return 0, false
	}
	next := n.Blocks[i+1]
	if next.Kind != notes.Item {
		return 0, false
	}
	end := next.EndLine
	for _, o := range n.Blocks[i+1:] {
		if o.Kind == notes.Heading || o.Kind != notes.Item && o.Parent < 0 {
			break
		}
		end = o.EndLine
	}
	return end, true
}

// JunkReason returns why card c fails a mechanical quality check, or ""
// when it passes: its answer is a stop word, a single character,
// punctuation only or a whole sentence (more than twelve words, or more
// than eight ending with a period), shows on the front, a side is empty,
// or the back equals the front.
func JunkReason(c Card) string {
	front, back := strings.TrimSpace(c.Front), strings.TrimSpace(c.Back)
	bare := strings.Trim(back, "`*_ ")
	switch {
	case front == "" || back == "":
		return "empty side"
	case strings.EqualFold(front, back):
		return "back equals front"
	case !hasWordRune(back):
		return "punctuation only"
	case len([]rune(bare)) < 2:
		return "single character answer"
	case !strings.HasPrefix(back, "`") && !isAcronym(bare) && isStopWord(bare):
		return "stop word answer"
	case isLongAnswer(back):
		return "sentence answer"
	case leaks(front, back):
		return "answer on the front"
	}
	return ""
}
