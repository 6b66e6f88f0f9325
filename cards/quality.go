package cards

import (
	"slices"
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
	// Lines counts the content lines in the narrow sense: list items and
	// paragraph lines of four words or more outside links, bare URLs, tags
	// and code that state something (see lineKind: references, short
	// lead-ins, questions and markup do not). Covered counts those that
	// gave at least one card (a lead-in line ending with ":" counts as
	// covered when a card of its list shows it, in its context or on its
	// front), and Missed names the others as "path:line".
	// Notes of explicit cards (see ExplicitNotes) are left out: their
	// author chose which lines make cards.
	Lines, Covered int
	Missed         []string
	// ExplicitNotes counts the notes whose cards are the ones their author
	// wrote (explicit markup or a #flashcards tag).
	ExplicitNotes int
	// Literal counts the content lines in the plainest sense: every list
	// item and paragraph line (blocks outside code blocks) with four words
	// or more outside inline code, whatever it says, in every note, notes
	// of explicit cards included. LiteralCovered counts those that gave a
	// card (a lead-in line ending with ":" only when the cards of its list
	// show it), and LiteralMissed names the others with the kind of line
	// they are.
	Literal, LiteralCovered int
	LiteralMissed           []MissedLine
}

// MissedLine is a content line that gave no card.
type MissedLine struct {
	Where string // "path:line"
	// Why is the kind of line, which says why it gave none: one of the
	// Miss* constants.
	Why string
}

// The kinds of a missed content line (MissedLine.Why). All but MissNoCard
// are the lines that Lines leaves out.
const (
	MissExplicit  = "explicit note" // a line of a note of explicit cards: its author chose the cards
	MissMarkup    = "markup"        // an admonition's title, an MDX import, an org property
	MissQuestion  = "question"      // a line that asks
	MissLinks     = "links"         // fewer than four words outside links, URLs and tags
	MissReference = "reference"     // only points elsewhere: "See …", "[Title](url), Author"
	MissLeadIn    = "lead-in"       // a short line ending with ":" whose list does not show it
	MissStep      = "step"          // a step of an exercise: "Tapez la commande …", "Click Save"
	MissNoCard    = "no card"       // a content line in the narrow sense too
)

// Coverage returns the share of content lines that gave a card, 1 when
// there are none.
func (r QualityReport) Coverage() float64 {
	if r.Lines == 0 {
		return 1
	}
	return float64(r.Covered) / float64(r.Lines)
}

// LiteralCoverage returns the share of literal content lines that gave a
// card, 1 when there are none.
func (r QualityReport) LiteralCoverage() float64 {
	if r.Literal == 0 {
		return 1
	}
	return float64(r.LiteralCovered) / float64(r.Literal)
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
	r.Literal += o.Literal
	r.LiteralCovered += o.LiteralCovered
	r.Missed = append(r.Missed, o.Missed...)
	r.LiteralMissed = append(r.LiteralMissed, o.LiteralMissed...)
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
// content lines gave none, in the narrow sense (Lines) and the plain one
// (Literal). It is safe for concurrent use.
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
	}
	for i, b := range n.Blocks {
		if !isLiteralLine(b) {
			continue
		}
		r.Literal++
		covered := coveredLine(n, i, cs)
		why := MissExplicit
		if !explicit {
			why = lineKind(b)
		}
		if why == "" {
			r.Lines++
			if covered {
				r.Covered++
			} else {
				r.Missed = append(r.Missed, n.Path+":"+strconv.Itoa(b.Line))
			}
			why = MissNoCard
		}
		if covered {
			r.LiteralCovered++
			continue
		}
		if why == MissLinks && strings.HasSuffix(strings.TrimSpace(b.Text.Plain), ":") {
			why = MissLeadIn
		}
		r.LiteralMissed = append(r.LiteralMissed, MissedLine{Where: n.Path + ":" + strconv.Itoa(b.Line), Why: why})
	}
	return r
}

// coveredLine reports whether block i of n gave a card of cs: one made
// from its lines, or, for a lead-in line ending with ":", one made from its
// list that shows the lead-in (in its context or on its front).
func coveredLine(n *notes.Note, i int, cs []Card) bool {
	b := n.Blocks[i]
	for k := range cs {
		if l := cs[k].Source.Line; l >= b.Line && l <= b.EndLine {
			return true
		}
	}
	last, ok := listAfter(n, i)
	if !ok {
		return false
	}
	lead, _ := leadIn(b.Text.Plain)
	lead = shorten(lead, maxLeadInWords) // as the breadcrumb shows it
	shown := shorten(strings.TrimSpace(strings.TrimRight(markdown(b.Text), ":")), maxLeadInWords)
	for k := range cs {
		c := &cs[k]
		if c.Source.Line <= b.EndLine || c.Source.Line > last {
			continue
		}
		if slices.Contains(c.Context, lead) || strings.HasPrefix(c.Front, shown) {
			return true
		}
	}
	return false
}

// isLiteralLine reports whether block b is a content line in the plainest
// sense: a list item or paragraph line with at least four words outside
// inline code (blocks are never inside code blocks).
func isLiteralLine(b notes.Block) bool {
	if b.Kind != notes.Item && b.Kind != notes.Line {
		return false
	}
	words := 0
	for _, tk := range tokenize(b.Text.Plain) {
		if !inSpan(b.Text, tk.start, notes.Code) {
			if words++; words >= 4 {
				return true
			}
		}
	}
	return false
}

// isContentLine reports whether block b is a content line: a list item or
// paragraph line with at least four words outside links, bare URLs, tags
// and code, that states something. Lines that only point elsewhere (a
// reference: "See the Security section", "[Title](url), Author"), only
// introduce what follows (a short line ending with ":"), ask a question,
// or are markup (an admonition's title, an MDX import) state nothing.
func isContentLine(b notes.Block) bool {
	return isLiteralLine(b) && lineKind(b) == ""
}

// lineKind returns why a literal content line b (see isLiteralLine) is no
// content line in the narrow sense, as a Miss* constant, or "" when it is
// one. The narrow sense leaves out, because no card worth keeping comes
// from them:
//
//   - MissMarkup: an admonition's title ("!!! note"), an MDX import, an
//     org-mode property: markup, not text;
//   - MissQuestion: a line ending with "?": it asks, and when something
//     answers it the question rule makes a card, which covers it;
//   - MissLinks: fewer than four words outside links, bare URLs, tags and
//     code: a bare link item ("[Title](url)"), a table of contents entry;
//   - MissReference: a line that only points elsewhere ("See the Security
//     section", "[Title](url), University of X");
//   - MissLeadIn: a line ending with ":" with fewer than six content words
//     ("Tasks:", "For instance, the following note:"), which introduces
//     what follows; it counts as covered when a card of its list shows it;
//   - MissStep: a step of an exercise or of a user interface, which tells
//     the reader what to do ("Tapez la commande : `ps -ef`", "Dans
//     `htop`, repérez la colonne NI", "Click Save"): its code and figures
//     are the exercise's, and the rules make no card of it.
func lineKind(b notes.Block) string {
	switch {
	case isAdmonition(b.Text.Plain) || isImportLine(b.Text.Plain):
		return MissMarkup
	case isQuestion(b.Text.Plain):
		return MissQuestion
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
	switch {
	case words < 4:
		return MissLinks
	case u.reference(langOther) || startsWithLink(t) && content <= maxLinkNoteWords:
		return MissReference
	case strings.HasSuffix(strings.TrimSpace(t.Plain), ":") && content < minLeadInWords:
		return MissLeadIn
	case isStepLine(&u):
		return MissStep
	}
	return ""
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
// than eight ending with a period, unless it answers a basic card's
// question in at most maxQuestionAnswerWords words), shows on the front, a
// side is empty, or the back equals the front.
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
	case isLongAnswer(back) && !(c.Kind == Basic && isQuestion(front) && countWords(back) <= maxQuestionAnswerWords):
		return "sentence answer" // but a question may ask for one
	case leaks(front, back):
		return "answer on the front"
	}
	return ""
}

// isStepLine reports whether the lower-case unit u reads as a step of an
// exercise in any language (see generator.isExerciseStep): an English
// verb of a user interface first, or a French imperative opening it.
func isStepLine(u *unit) bool {
	if len(u.toks) == 0 {
		return false
	}
	return isUIVerb(u.lower[u.toks[0].start:u.toks[0].end]) || opensWithImperative(u)
}
