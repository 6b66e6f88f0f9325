package cards

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// Cards the author wrote in obsidian-spaced-repetition or Anki syntax.

// explicitLine returns the cards a line or item writes explicitly:
// "question::answer" (one basic card), "question:::answer" (a basic and a
// reversed card), or cloze deletions (==highlight== and {{c1::anki}}). A
// line with a separator makes no cloze card. Markup inside code spans is
// ignored.
func explicitLine(t notes.Text) []draft {
	dels := deletions(t)
	if s, e, ok := qaSeparator(t, dels); ok {
		qs, qe := trimRange(t.Plain, 0, s)
		as, ae := trimRange(t.Plain, e, len(t.Plain))
		q, a := answerMarkdown(t, qs, qe), answerMarkdown(t, as, ae)
		d := draft{kind: Basic, front: q, back: a, rule: ruleExplicit, score: 1, explicit: true}
		if e-s == 2 {
			return []draft{d}
		}
		r := draft{kind: Reversed, front: a, back: q, rule: ruleExplicit, score: 1, explicit: true}
		return []draft{d, r}
	}
	if len(dels) == 0 {
		return nil
	}
	var groups []int
	for _, d := range dels {
		if !slices.Contains(groups, d.group) {
			groups = append(groups, d.group)
		}
	}
	out := make([]draft, 0, len(groups))
	for _, grp := range groups {
		d := clozeCard(t, dels, grp)
		d.rule, d.score, d.explicit = ruleExplicit, 1, true
		out = append(out, d)
	}
	return out
}

// qaSeparator finds the first run of exactly two or three colons outside
// code spans, link text and cloze deletions with text on both sides, and
// returns its range.
func qaSeparator(t notes.Text, dels []deletion) (start, end int, ok bool) {
	p := t.Plain
	for i := 0; i < len(p); {
		if p[i] != ':' {
			i++
			continue
		}
		j := i
		for j < len(p) && p[j] == ':' {
			j++
		}
		if n := j - i; (n == 2 || n == 3) && !overlapsSpan(t, i, j, notes.Code, notes.Link, notes.WikiLink) &&
			!inDeletion(dels, i) && !codeLikeColons(p, i, j) {
			if strings.TrimSpace(p[:i]) != "" && strings.TrimSpace(p[j:]) != "" {
				return i, j, true
			}
		}
		i = j
	}
	return 0, 0, false
}

// codeLikeColons reports whether the colons at p[i:j] read as code
// written outside backticks rather than as a card separator: a path
// ("a::b::c"), a call or generic ("std::move(x)", "std::vector<int>") or a
// SQL cast ("'3 days'::interval").
func codeLikeColons(p string, i, j int) bool {
	if i == 0 || j >= len(p) {
		return false
	}
	before, after := p[i-1], p[j]
	if !isIdentByte(after) {
		return false
	}
	if before == '\'' {
		return true // 'literal'::type
	}
	if before == ')' || before == ']' {
		// (expr)::type and arr[1]::type are casts; "Egypt (Misr)::Cairo"
		// and "sin(x)::cos(x)" are cards.
		k := j
		for k < len(p) && isIdentByte(p[k]) {
			k++
		}
		return isSQLType(strings.ToLower(p[j:k]))
	}
	if !isIdentByte(before) {
		return false
	}
	k := j
	for k < len(p) && isIdentByte(p[k]) {
		k++
	}
	b := i
	for b > 0 && isIdentByte(p[b-1]) {
		b--
	}
	return k < len(p) && (strings.IndexByte("<(;[{", p[k]) >= 0 || strings.HasPrefix(p[k:], "::")) ||
		strings.HasSuffix(p[:b], "::")
}

// isSQLType reports whether t names a common SQL (PostgreSQL) type, as
// written after a "::" cast.
func isSQLType(t string) bool {
	switch t {
	case "int", "int2", "int4", "int8", "integer", "smallint", "bigint", "numeric", "decimal",
		"real", "float", "float4", "float8", "double", "money", "text", "varchar", "char",
		"character", "bool", "boolean", "date", "time", "timestamp", "timestamptz", "interval",
		"uuid", "json", "jsonb", "bytea", "regclass", "inet", "cidr", "xml", "oid", "name":
		return true
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func inDeletion(dels []deletion, pos int) bool {
	for _, d := range dels {
		if d.start <= pos && pos < d.end {
			return true
		}
	}
	return false
}

// deletion is one cloze deletion of a line: Plain[start:end] is its whole
// syntax (markup, hint and group markers included), Plain[ansStart:ansEnd]
// the deleted text.
type deletion struct {
	start, end       int
	ansStart, ansEnd int
	hint             string
	group            int
	// highlight marks a ==highlight== deletion: many people highlight
	// for emphasis, so such clozes alone do not make a note explicit-only.
	highlight bool
}

// deletions returns the cloze deletions of t, in order: ==highlights==
// (with an optional obsidian-sr ^[hint] and [^N] group after them) and
// Anki-style {{c1::answer::hint}}, {{1::answer}}, {{answer}}. Deletions
// with no group number get a group of their own.
func deletions(t notes.Text) []deletion {
	var out []deletion
	for _, sp := range t.Spans {
		if sp.Kind != notes.Highlight || overlapsSpan(t, sp.Start, sp.End, notes.Code) {
			continue
		}
		s, e := trimRange(t.Plain, sp.Start, sp.End)
		if s >= e {
			continue
		}
		d := deletion{start: sp.Start, end: sp.End, ansStart: s, ansEnd: e, group: -1, highlight: true}
		rest := t.Plain[sp.End:]
		if strings.HasPrefix(rest, "^[") {
			if k := strings.IndexByte(rest, ']'); k > 0 {
				d.hint = strings.TrimSpace(rest[2:k])
				d.end += k + 1
				rest = rest[k+1:]
			}
		}
		if strings.HasPrefix(rest, "[^") {
			if k := strings.IndexByte(rest, ']'); k > 2 {
				if n, err := strconv.Atoi(rest[2:k]); err == nil && n > 0 {
					d.group = n
				}
				d.end += k + 1
			}
		}
		if len(out) > 0 && out[len(out)-1].end > d.start {
			continue // nested highlights: keep the outer one
		}
		out = append(out, d)
	}
	out = append(out, ankiDeletions(t)...)
	slices.SortFunc(out, func(a, b deletion) int { return a.start - b.start })
	// Drop overlapping deletions (a {{…}} inside a highlight).
	kept := out[:0]
	for _, d := range out {
		if len(kept) > 0 && kept[len(kept)-1].end > d.start {
			continue
		}
		kept = append(kept, d)
	}
	next := 1 << 20
	for i := range kept {
		if kept[i].group < 0 {
			kept[i].group = next
			next++
		}
	}
	return kept
}

// ankiDeletions finds the {{…}} deletions of t outside code spans.
func ankiDeletions(t notes.Text) []deletion {
	var out []deletion
	p := t.Plain
	for off := 0; off < len(p); {
		i := strings.Index(p[off:], "{{")
		if i < 0 {
			break
		}
		s := off + i
		j := strings.Index(p[s+2:], "}}")
		if j < 0 {
			break
		}
		e := s + 2 + j + 2
		inner := p[s+2 : e-2]
		off = s + 2
		if inner == "" || strings.Contains(inner, "{{") || strings.TrimLeft(inner, " \t") != inner || isTemplateField(inner) ||
			overlapsSpan(t, s, e, notes.Code) {
			continue
		}
		parts := strings.Split(inner, "::")
		group := -1
		ansOff := s + 2
		if len(parts) >= 2 {
			num := strings.TrimPrefix(strings.TrimPrefix(parts[0], "c"), "C")
			if n, err := strconv.Atoi(num); err == nil && n > 0 && num == strings.TrimSpace(num) {
				group = n
				ansOff += len(parts[0]) + 2
				parts = parts[1:]
			}
		}
		as, ae := trimRange(p, ansOff, ansOff+len(parts[0]))
		if as >= ae {
			continue
		}
		d := deletion{start: s, end: e, ansStart: as, ansEnd: ae, group: group}
		if len(parts) > 1 {
			d.hint = strings.TrimSpace(strings.Join(parts[1:], "::"))
		}
		out = append(out, d)
		off = e
	}
	return out
}

// isTemplateField reports whether the text between {{ and }} is a
// template expression ("fm.desc", "user.name") rather than a deletion.
func isTemplateField(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			if !isIdentByte(p[i]) {
				return false
			}
		}
	}
	return true
}

// clozeCard makes the cloze card that asks for the deletions of group grp:
// they show as [...] (or [hint]) on the front, the others as plain text.
func clozeCard(t notes.Text, dels []deletion, grp int) draft {
	front := make([]edit, len(dels))
	cloze := make([]edit, len(dels))
	var answers []string
	highlights := true
	for k, d := range dels {
		ans := answerMarkdown(t, d.ansStart, d.ansEnd)
		front[k] = edit{d.start, d.end, ans}
		cloze[k] = front[k]
		if d.group != grp {
			continue
		}
		answers = append(answers, ans)
		highlights = highlights && d.highlight
		mark, c := ClozeMark, "{{c1::"+ans+"}}"
		if d.hint != "" {
			mark, c = "["+d.hint+"]", "{{c1::"+ans+"::"+d.hint+"}}"
		}
		front[k].repl, cloze[k].repl = mark, c
	}
	md, marks := renderMarked(t, front)
	return draft{
		kind:       Cloze,
		front:      strings.TrimSpace(fill(md, marks, front)),
		back:       strings.Join(answers, "; "),
		cloze:      strings.TrimSpace(fill(md, marks, cloze)),
		highlights: highlights,
	}
}

// isMultilineSeparator reports whether a line is a multi-line card
// separator: "?" (basic) or "??" (basic and reversed).
func isMultilineSeparator(plain string) bool {
	s := strings.TrimSpace(plain)
	return s == "?" || s == "??"
}

// explicitMultiline makes the cards of the multi-line separator at block i:
// the question is the lines of the same paragraph before it; the answer the
// lines after it, or, when the separator ends its paragraph, the blocks that
// follow up to the next blank source line. It returns the cards and the
// blocks they consumed (nil when the separator has no question or answer).
func explicitMultiline(n *notes.Note, i int, consumed []bool) ([]draft, []int) {
	sep := n.Blocks[i]
	var used []int
	var q []string
	for k := i - 1; k >= 0; k-- {
		b := n.Blocks[k]
		if b.Kind != notes.Line || b.Group != sep.Group || consumed[k] {
			break
		}
		q = append(q, markdown(b.Text))
		used = append(used, k)
	}
	slices.Reverse(q)
	var a []string
	k := i + 1
	for ; k < len(n.Blocks); k++ {
		b := n.Blocks[k]
		if b.Kind != notes.Line || b.Group != sep.Group || consumed[k] {
			break
		}
		a = append(a, markdown(b.Text))
		used = append(used, k)
	}
	if len(a) == 0 {
		blank := len(n.Lines) + 1
		for l := sep.EndLine + 1; l <= len(n.Lines); l++ {
			if strings.TrimSpace(n.Lines[l-1]) == "" {
				blank = l
				break
			}
		}
		for ; k < len(n.Blocks); k++ {
			b := n.Blocks[k]
			if b.Line >= blank || b.Kind == notes.Heading || consumed[k] {
				break
			}
			s := markdown(b.Text)
			if b.Kind == notes.Item {
				s = strings.Repeat("  ", max(b.Depth, 0)) + "- " + s
			}
			a = append(a, s)
			used = append(used, k)
		}
	}
	question := strings.TrimSpace(strings.Join(q, "\n"))
	answer := strings.TrimSpace(strings.Join(a, "\n"))
	if question == "" || answer == "" {
		return nil, nil
	}
	used = append(used, i)
	first := i
	if len(q) > 0 {
		first = i - len(q)
	}
	line := n.Blocks[first].Line
	d := draft{kind: Basic, front: question, back: answer, rule: ruleExplicit, score: 1, explicit: true, line: line}
	if strings.TrimSpace(sep.Text.Plain) == "?" {
		return []draft{d}, used
	}
	r := draft{kind: Reversed, front: answer, back: question, rule: ruleExplicit, score: 1, explicit: true, line: line}
	return []draft{d, r}, used
}
