package cards

import (
	"slices"
	"strings"

	"github.com/mnemo-dev/mnemo/notes"
)

// txt builds a notes.Text from a small Markdown subset, so that rule tests
// do not depend on the notes parser: **strong**, *em*, _em_, `code`,
// ==highlight==, ~~strike~~, [text](url), [[target]], [[target|text]] and
// #tag.
func txt(s string) notes.Text {
	var plain strings.Builder
	var spans []notes.Span
	open := map[string]int{}
	add := func(k notes.SpanKind, start int, url string) {
		spans = append(spans, notes.Span{Kind: k, Start: start, End: plain.Len(), URL: url})
	}
	toggle := func(marker string, k notes.SpanKind) {
		if st, ok := open[marker]; ok {
			delete(open, marker)
			add(k, st, "")
			return
		}
		open[marker] = plain.Len()
	}
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "**"):
			toggle("**", notes.Strong)
			i += 2
		case strings.HasPrefix(rest, "=="):
			toggle("==", notes.Highlight)
			i += 2
		case strings.HasPrefix(rest, "~~"):
			toggle("~~", notes.Strikethrough)
			i += 2
		case rest[0] == '*' || (rest[0] == '_' && (i == 0 || isOpen(open, "_") || !isWordRune(rune(s[i-1])))):
			toggle(rest[:1], notes.Emphasis)
			i++
		case rest[0] == '`':
			end := strings.IndexByte(rest[1:], '`')
			if end < 0 {
				plain.WriteString(rest)
				i = len(s)
				continue
			}
			st := plain.Len()
			plain.WriteString(rest[1 : 1+end])
			add(notes.Code, st, "")
			i += end + 2
		case strings.HasPrefix(rest, "[["):
			end := strings.Index(rest, "]]")
			target := rest[2:end]
			shown := target
			if k := strings.IndexByte(target, '|'); k >= 0 {
				target, shown = target[:k], target[k+1:]
			}
			st := plain.Len()
			plain.WriteString(shown)
			add(notes.WikiLink, st, target)
			i += end + 2
		case rest[0] == '[' && strings.Contains(rest, "]("):
			mid := strings.Index(rest, "](")
			end := mid + strings.IndexByte(rest[mid:], ')')
			st := plain.Len()
			plain.WriteString(rest[1:mid])
			add(notes.Link, st, rest[mid+2:end])
			i += end + 1
		case rest[0] == '#' && (i == 0 || s[i-1] == ' ') && len(rest) > 1 && rest[1] != ' ' && rest[1] != '#':
			end := strings.IndexAny(rest, " ,.")
			if end < 0 {
				end = len(rest)
			}
			st := plain.Len()
			plain.WriteString(rest[:end])
			add(notes.Tag, st, "")
			i += end
		default:
			plain.WriteByte(s[i])
			i++
		}
	}
	slices.SortStableFunc(spans, func(a, b notes.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	return notes.Text{Plain: plain.String(), Spans: spans}
}

func isOpen(open map[string]int, m string) bool { _, ok := open[m]; return ok }

// miniNote builds a note from a small Markdown subset, line by line:
// "# heading", "- item" (two spaces per nesting level), "1. item",
// "| a | b |" tables (the first row is the header, the second the
// delimiter), "> quote", blank lines between paragraphs, and other lines as
// paragraph lines. It does not join wrapped lines.
func miniNote(path, title string, src string) *notes.Note {
	n := &notes.Note{Path: path, Title: title, Lines: strings.Split(src, "\n")}
	var heads []string
	var headDepth []int
	group := 0
	prevKind := notes.Kind(0)
	prevBlank := true
	var itemStack []int // block index of the open item at each depth
	var header []notes.Text
	for ln, raw := range n.Lines {
		line := strings.TrimRight(raw, " ")
		lineNo := ln + 1
		quote := false
		if strings.HasPrefix(line, "> ") {
			quote, line = true, line[2:]
		}
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		b := notes.Block{Line: lineNo, EndLine: lineNo, Parent: -1, Quote: quote}
		switch {
		case trimmed == "":
			prevBlank = true
			prevKind = 0
			header = nil
			continue
		case strings.HasPrefix(trimmed, "#") && strings.Contains(trimmed, "# ") && strings.Trim(trimmed[:strings.Index(trimmed, " ")], "#") == "":
			depth := strings.Index(trimmed, " ")
			for len(headDepth) > 0 && headDepth[len(headDepth)-1] >= depth {
				heads, headDepth = heads[:len(heads)-1], headDepth[:len(headDepth)-1]
			}
			b.Kind, b.Depth, b.Text = notes.Heading, depth, txt(trimmed[depth+1:])
			b.Headings = slices.Clone(heads)
			heads, headDepth = append(heads, b.Text.Plain), append(headDepth, depth)
			n.Blocks = append(n.Blocks, b)
			prevKind, prevBlank = notes.Heading, false
			continue
		case strings.HasPrefix(trimmed, "|"):
			cells := strings.Split(strings.Trim(trimmed, "|"), "|")
			if header == nil {
				group++
				for _, c := range cells {
					header = append(header, txt(strings.TrimSpace(c)))
				}
				prevKind, prevBlank = notes.Row, false
				continue
			}
			if strings.Trim(trimmed, "|-: ") == "" {
				continue
			}
			b.Kind, b.Group, b.Header = notes.Row, group, header
			var parts []string
			for _, c := range cells {
				b.Cells = append(b.Cells, txt(strings.TrimSpace(c)))
				parts = append(parts, strings.TrimSpace(c))
			}
			b.Text = txt(strings.Join(parts, " | "))
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* ") || isOrdered(trimmed):
			depth := indent / 2
			if prevKind != notes.Item || prevBlank && depth == 0 {
				if prevKind != notes.Item {
					group++
					itemStack = nil
				}
			}
			b.Kind, b.Depth, b.Group = notes.Item, depth, group
			b.Ordered = isOrdered(trimmed)
			body := trimmed[strings.Index(trimmed, " ")+1:]
			b.Text = txt(body)
			itemStack = itemStack[:min(depth, len(itemStack))]
			if depth > 0 && len(itemStack) > 0 {
				b.Parent = itemStack[len(itemStack)-1]
			}
			itemStack = append(itemStack, len(n.Blocks))
			b.Index = 1
			for k := len(n.Blocks) - 1; k >= 0; k-- {
				o := n.Blocks[k]
				if o.Kind == notes.Item && o.Group == group && o.Depth == depth && o.Parent == b.Parent {
					b.Index = o.Index + 1
					break
				}
			}
		default:
			if prevKind != notes.Line || prevBlank {
				group++
			}
			b.Kind, b.Group, b.Text = notes.Line, group, txt(trimmed)
			if indent >= 2 && len(itemStack) > 0 {
				b.Parent = itemStack[len(itemStack)-1]
			}
			b.Sentences = []notes.Text{b.Text}
		}
		b.Headings = slices.Clone(heads)
		if b.Kind == notes.Item {
			b.Sentences = []notes.Text{b.Text}
		}
		n.Blocks = append(n.Blocks, b)
		prevKind, prevBlank = b.Kind, false
	}
	return n
}

func isOrdered(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(s[i:], ". ")
}

// unitOf returns a generator on a note of the one line s, in language l,
// and the line's first unit.
func unitOf(l lang, s string) (*generator, *unit) {
	n := miniNote("t.md", "", s)
	g := newGenerator(n, Options{})
	g.lang = l
	us := g.units(0)
	u := us[0]
	return g, &u
}

// checked runs the junk filter on ds, renders them and simplifies them.
func checked(g *generator, ds []draft) []dcard {
	var out []dcard
	for _, d := range ds {
		g.check(&d)
		g.render(&d)
		out = append(out, dcard{d.kind, d.front, d.back, d.cloze, d.dropped})
	}
	return out
}
