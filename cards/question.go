package cards

import (
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "question": a line that asks a question and the text that answers
// it make a basic card, question → answer, as in a FAQ. The answer is
//
//   - the child items of a list item that asks ("- Why …?" and its
//     sub-items), shown as a list when there are several;
//   - the next line of the same paragraph ("Q: … ?" then "R: …" on the
//     next line);
//   - the next paragraph when the question or the answer carries a label
//     ("**Q: …?**" then "**A: …**"), or the list right after a labelled
//     question.
//
// Labels ("Q:", "A:", "R.", "Question :", "Réponse :") are left out of the
// card. An answer longer than maxQuestionAnswerWords words keeps its first
// sentence when that one is short enough, else the question makes no card:
// a card asks for what one can recall. A question with no answer (an
// agenda, a list of questions to ask) makes none either, nor does a
// rhetorical question before an unlabelled paragraph ("New to system
// design?").

// maxQuestionAnswerWords is the longest answer of a question card.
const maxQuestionAnswerWords = 30

// maxQuestionItems is the largest number of child items that answer a
// question.
const maxQuestionItems = 5

// question makes the card of block i when it asks a question that the
// next blocks answer.
func (g *generator) question(i int) (draft, bool) {
	blocks := g.n.Blocks
	b := blocks[i]
	if !isQuestion(b.Text.Plain) {
		return draft{}, false
	}
	t := b.Text
	if k := len(b.Sentences); k > 1 {
		t = lastSentence(b)
	}
	qs, qe, labelled := questionLabel(t.Plain)
	front := plainMarkdown(t, qs, qe)
	var back string
	switch {
	case b.Kind == notes.Item:
		back = g.childAnswer(i)
	case i+1 < len(blocks):
		next := blocks[i+1]
		switch {
		case next.Kind == notes.Line && next.Group == b.Group:
			back = g.lineAnswer(i+1, labelled)
		case !g.adjacent(b, next) || next.Quote != b.Quote || next.Parent != b.Parent:
		case next.Kind == notes.Line:
			if _, _, answerLabel := answerLabel(next.Text.Plain, true); labelled || answerLabel {
				back = g.lineAnswer(i+1, labelled)
			}
		case next.Kind == notes.Item && labelled:
			back = g.listAnswer(i+1, func(o notes.Block) bool {
				return o.Kind == notes.Item && o.Group == next.Group && o.Parent == next.Parent
			})
		}
	}
	if back == "" {
		return draft{}, false
	}
	return draft{kind: Basic, rule: ruleQuestion, score: 0.75, front: front, back: back}, true
}

// childAnswer returns the answer that the child blocks of item i give, or
// "".
func (g *generator) childAnswer(i int) string {
	if i+1 >= len(g.n.Blocks) || g.n.Blocks[i+1].Parent != i {
		return ""
	}
	return g.listAnswer(i+1, func(o notes.Block) bool { return o.Parent == i })
}

// listAnswer returns the blocks from first on that are siblings (by
// sibling, skipping their descendants) as an answer: the text of one, a
// Markdown list of several, "" when they are too many, too long or ask
// questions themselves.
func (g *generator) listAnswer(first int, sibling func(notes.Block) bool) string {
	var parts []string
	words := 0
	for j := first; j < len(g.n.Blocks); j++ {
		o := g.n.Blocks[j]
		if !sibling(o) {
			if g.descends(j, first) {
				continue // a grandchild: the answer's detail
			}
			break
		}
		if (o.Kind != notes.Item && o.Kind != notes.Line) || isQuestion(o.Text.Plain) || len(parts) == maxQuestionItems {
			return ""
		}
		s, e, _ := answerLabel(o.Text.Plain, true)
		words += countWords(o.Text.Plain[s:e])
		if words > maxQuestionAnswerWords {
			return ""
		}
		parts = append(parts, plainMarkdown(o.Text, s, e))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return "- " + strings.Join(parts, "\n- ")
}

// descends reports whether block j lies inside the item of block first or
// one of its later siblings: its chain of parents reaches a block at or
// after first.
func (g *generator) descends(j, first int) bool {
	for p, guard := g.n.Blocks[j].Parent, 0; p >= 0 && guard < len(g.n.Blocks); p, guard = g.n.Blocks[p].Parent, guard+1 {
		if p >= first && p < j {
			return true
		}
	}
	return false
}

// lineAnswer returns the answer that line block j gives: the whole line,
// or its first sentence when the line is too long, or "" when that is too
// long too. Answer labels are left out ("A:" and "R." only when the
// question was labelled).
func (g *generator) lineAnswer(j int, labelled bool) string {
	b := g.n.Blocks[j]
	if isQuestion(b.Text.Plain) {
		return ""
	}
	t := b.Text
	s, e, _ := answerLabel(t.Plain, labelled)
	// A line cut by a hard break ("… des échanges. Le") keeps its finished
	// sentences; a long one its first sentence.
	cut := j+1 < len(g.n.Blocks) && g.n.Blocks[j+1].Kind == notes.Line && g.n.Blocks[j+1].Group == b.Group &&
		!endsSentence(t.Plain)
	if (cut || countWords(t.Plain[s:e]) > maxQuestionAnswerWords) && len(b.Sentences) > 1 {
		first := b.Sentences[0]
		if k := strings.Index(t.Plain, first.Plain); k >= 0 && k+len(first.Plain) > s {
			e = k + len(first.Plain)
		}
	}
	if countWords(t.Plain[s:e]) > maxQuestionAnswerWords && b.EndLine > b.Line && b.Line <= len(g.n.Lines) {
		// Written a statement a line, without periods ("R: La DL est
		// l'expérience du négatif …" then "l'éthique est …"): the first
		// line answers, unless it breaks off.
		line := strings.TrimSpace(g.n.Lines[b.Line-1])
		if k := len(line); k > s && k < e && strings.HasPrefix(t.Plain, line) {
			var buf [32]token
			u := unit{t: t.Slice(s, k), lower: g.text.lower(t.Plain[s:k])}
			u.toks = appendTokens(buf[:0], u.lower)
			if len(u.toks) > 0 && fragmentStart(&u) < 0 {
				e = k
			}
		}
	}
	if countWords(t.Plain[s:e]) > maxQuestionAnswerWords {
		return ""
	}
	if countWords(t.Plain[s:e]) == 0 {
		return ""
	}
	return plainMarkdown(t, s, e)
}

// lastSentence returns the last sentence of block b, the whole text when
// it cannot be found in it.
func lastSentence(b notes.Block) notes.Text {
	last := b.Sentences[len(b.Sentences)-1]
	k := strings.LastIndex(b.Text.Plain, last.Plain)
	if k < 0 || last.Plain == "" {
		return b.Text
	}
	return b.Text.Slice(k, k+len(last.Plain))
}

// endsSentence reports whether p ends with the end of a sentence.
func endsSentence(p string) bool {
	s := strings.TrimRight(strings.TrimSpace(p), "*_\"»” )")
	return s != "" && strings.ContainsRune(".!?…", lastRune(s))
}

// questionLabel returns the range of plain p without a question label
// ("Q:", "Q.", "Question :") and whether it had one.
func questionLabel(p string) (start, end int, labelled bool) {
	return stripLabel(p, "q", "question")
}

// answerLabel returns the range of plain p without an answer label
// ("Answer:", "Réponse :", and when short is set "A:", "R."), and whether
// it had one.
func answerLabel(p string, short bool) (start, end int, labelled bool) {
	if short {
		return stripLabel(p, "a", "r", "answer", "réponse", "reponse")
	}
	return stripLabel(p, "answer", "réponse", "reponse")
}

// stripLabel returns the range of p, trimmed, without a leading label
// (one of the lower-case words, followed by ":" or "."), and whether it
// had one.
func stripLabel(p string, labels ...string) (start, end int, labelled bool) {
	s, e := trimRange(p, 0, len(p))
	for _, l := range labels {
		if len(p)-s <= len(l) || !strings.EqualFold(p[s:s+len(l)], l) {
			continue
		}
		k := s + len(l)
		for k < e && p[k] == ' ' {
			k++
		}
		if k >= e || p[k] != ':' && p[k] != '.' || k+1 < e && p[k+1] != ' ' && len(l) > 1 {
			continue
		}
		ls, _ := trimRange(p, k+1, e)
		if ls < e {
			return ls, e, true
		}
	}
	return s, e, false
}

// plainMarkdown renders Plain[s:e] of t as one side of a card, without
// the emphasis that wraps all of it (a trailing period may sit outside
// it: "**No, you don't**.").
func plainMarkdown(t notes.Text, s, e int) string {
	end := e
	for end > s && (t.Plain[end-1] == '.' || t.Plain[end-1] == ' ') {
		end--
	}
	return answerMarkdown(t, s, end) + t.Plain[end:e]
}
