package notes

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// maxSpanDepth caps how many spans may be open at once: markup nested
// deeper keeps its text but loses its spans, which bounds the work of
// splitting a long paragraph into lines.
const maxSpanDepth = 32

// lineBreak is a line break inside an inline text: Plain holds a '\n' at
// pos.
type lineBreak struct {
	pos  int
	hard bool
	line int // 1-based source line after the break
}

// tagList collects tags in order of first appearance.
type tagList struct {
	seen map[string]bool // the tags of list, once it is long
	list []string
}

func (l *tagList) add(tag string) {
	if tag == "" {
		return
	}
	// A note has few tags: look them up in the list, until there are
	// enough for a map to pay.
	const listed = 16
	if l.seen == nil {
		if slices.Contains(l.list, tag) {
			return
		}
		if len(l.list) == listed {
			l.seen = make(map[string]bool, 2*listed)
			for _, t := range l.list {
				l.seen[t] = true
			}
		}
	} else if l.seen[tag] {
		return
	}
	if l.seen != nil {
		l.seen[tag] = true
	}
	l.list = append(l.list, tag)
}

// inliner turns the inline children of a goldmark block into a Text.
type inliner struct {
	src   []byte
	lines *lineIndex
	tags  *tagList
	a     *alloc
	// verbatim is true when src holds no '\\' and no '&': its texts have
	// no escape or entity to resolve.
	verbatim bool

	// Scratch, reused from block to block.
	buf      []byte
	off      int // where buf may start in the source, or -1
	spans    []Span
	open     int // spans open now
	breaks   []lineBreak
	escaped  []int // offsets in buf of escaped '#'
	stack    []frame
	bounds   []int
	excluded []span
}

// frame is an inline node being walked and its span (index in spans, or
// -1).
type frame struct {
	node ast.Node
	span int
}

// convert returns the text of block's inline children, with a '\n' in
// Plain at each line break (listed in breaks). The spans and breaks are
// scratch, valid until the next call.
func (in *inliner) convert(block ast.Node) (Text, []lineBreak) {
	in.buf, in.spans, in.breaks, in.escaped, in.open = in.buf[:0], in.spans[:0], in.breaks[:0], in.escaped[:0], 0
	in.off = -1
	if block.Type() == ast.TypeBlock {
		// Size the buffers once: a long paragraph would otherwise copy
		// them many times over as they grow.
		lines := block.Lines()
		size := 0
		for i := range lines.Len() {
			seg := lines.At(i)
			size += seg.Stop - seg.Start
		}
		if cap(in.buf) < size {
			in.buf = make([]byte, 0, max(size, 2*cap(in.buf)))
		}
		if cap(in.breaks) < lines.Len()-1 {
			in.breaks = make([]lineBreak, 0, lines.Len()-1)
		}
	}
	stack := in.stack[:0]
	n := block.FirstChild()
	for n != nil {
		span, descend := -1, false
		switch v := n.(type) {
		case *ast.Text:
			in.text(v)
		case *ast.String:
			if v.IsCode() || v.IsRaw() {
				in.buf = append(in.buf, v.Value...)
			} else {
				in.appendText(v.Value)
			}
		case *ast.CodeSpan:
			in.codeSpan(v)
		case *ast.Emphasis:
			kind := Emphasis
			if v.Level >= 2 {
				kind = Strong
			}
			span, descend = in.openSpan(kind, ""), true
		case *ast.Link:
			span, descend = in.openSpan(Link, in.a.string(v.Destination)), true
		case *ast.AutoLink:
			url := in.a.string(v.URL(in.src))
			if v.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			i := in.openSpan(Link, url)
			in.buf = append(in.buf, v.Label(in.src)...)
			in.closeSpan(i)
		case *east.Strikethrough:
			span, descend = in.openSpan(Strikethrough, ""), true
		case *highlightNode:
			span, descend = in.openSpan(Highlight, ""), true
		case *wikiLinkNode:
			if !v.Embed {
				i := in.openSpan(WikiLink, in.a.sourceString(v.Target, v.TargetAt))
				in.buf = append(in.buf, wikiText(v)...)
				in.closeSpan(i)
			}
		case *ast.Image, *ast.RawHTML, *east.TaskCheckBox:
			// Dropped: see the package documentation.
		default:
			descend = true
		}
		if descend {
			if n.FirstChild() != nil {
				stack = append(stack, frame{n, span})
				n = n.FirstChild()
				continue
			}
			in.closeSpan(span)
		}
		for n.NextSibling() == nil && len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			in.closeSpan(f.span)
			n = f.node
		}
		n = n.NextSibling()
	}
	in.stack = stack[:0]
	spans := in.spans[:0]
	for _, sp := range in.spans {
		if sp.Start < sp.End {
			spans = append(spans, sp)
		}
	}
	spans = in.scanTags(spans)
	in.spans = spans[:0]
	if len(spans) == 0 {
		spans = nil
	}
	sortSpans(spans)
	return Text{Plain: in.a.sourceString(in.buf, in.off), Spans: spans}, in.breaks
}

// scanTags finds the #tags of the text built in buf, adds them to the
// note's tags and returns spans with a Tag span for each. A tag starts
// with '#' at the start of the text or after white space, then a letter;
// it is never inside code or a link, never an escaped '#', and it stops
// where another span starts or ends, so that spans stay nested.
func (in *inliner) scanTags(spans []Span) []Span {
	buf := in.buf
	if bytes.IndexByte(buf, '#') < 0 {
		return spans
	}
	bounds := in.bounds[:0]     // starts and ends of spans, sorted
	excluded := in.excluded[:0] // code and links, sorted by start
	defer func() { in.bounds, in.excluded = bounds[:0], excluded[:0] }()
	for _, sp := range spans {
		bounds = append(bounds, sp.Start, sp.End)
		if sp.Kind == Code || sp.Kind == Link || sp.Kind == WikiLink {
			excluded = append(excluded, span{sp.Start, sp.End})
		}
	}
	slices.Sort(bounds)
	slices.SortFunc(excluded, func(a, b span) int { return a[0] - b[0] })
	// Merge nested ranges (code in a link) so that they are disjoint.
	merged := excluded[:0]
	for _, r := range excluded {
		if k := len(merged) - 1; k >= 0 && r[0] < merged[k][1] {
			merged[k][1] = max(merged[k][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	inExcluded := func(p int) bool {
		k := sort.Search(len(merged), func(k int) bool { return merged[k][0] > p }) - 1
		return k >= 0 && merged[k][1] > p
	}
	esc := 0
	for i := 0; i < len(buf); i++ {
		if buf[i] != '#' {
			continue
		}
		for esc < len(in.escaped) && in.escaped[esc] < i {
			esc++
		}
		if esc < len(in.escaped) && in.escaped[esc] == i {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRune(buf[:i])
			if !unicode.IsSpace(r) {
				continue
			}
		}
		n := tagLength(buf[i+1:])
		if n == 0 || inExcluded(i) {
			continue
		}
		end := i + 1 + n
		if k := sort.SearchInts(bounds, i+1); k < len(bounds) && bounds[k] < end {
			end = bounds[k]
		}
		if end-i < 2 {
			continue
		}
		in.tags.add(in.a.string(buf[i+1 : end]))
		spans = append(spans, Span{Kind: Tag, Start: i, End: end})
		i = end - 1
	}
	return spans
}

func (in *inliner) openSpan(kind SpanKind, url string) int {
	if in.open >= maxSpanDepth {
		return -1
	}
	in.open++
	in.spans = append(in.spans, Span{Kind: kind, Start: len(in.buf), End: len(in.buf), URL: url})
	return len(in.spans) - 1
}

func (in *inliner) closeSpan(i int) {
	if i < 0 {
		return
	}
	in.open--
	in.spans[i].End = len(in.buf)
}

// text appends a text node and the line break that ends it, if any.
func (in *inliner) text(t *ast.Text) {
	value := t.Segment.Value(in.src)
	if len(in.buf) == 0 {
		in.off = t.Segment.Start
	}
	if t.IsRaw() {
		in.buf = append(in.buf, value...)
	} else {
		in.appendText(value)
	}
	if t.SoftLineBreak() || t.HardLineBreak() {
		in.breaks = append(in.breaks, lineBreak{
			pos:  len(in.buf),
			hard: t.HardLineBreak(),
			line: in.lines.line(t.Segment.Stop) + 1,
		})
		in.buf = append(in.buf, '\n')
	}
}

// codeSpan appends a code span's content verbatim, its line endings turned
// into spaces.
func (in *inliner) codeSpan(c *ast.CodeSpan) {
	i := in.openSpan(Code, "")
	for n := c.FirstChild(); n != nil; n = n.NextSibling() {
		var v []byte
		switch t := n.(type) {
		case *ast.Text:
			v = t.Segment.Value(in.src)
		case *ast.String:
			v = t.Value
		}
		for _, b := range v {
			if b == '\n' {
				b = ' '
			}
			in.buf = append(in.buf, b)
		}
	}
	in.closeSpan(i)
}

// appendText appends Markdown text: backslash escapes give the literal
// character and entity references are resolved.
func (in *inliner) appendText(raw []byte) {
	if in.verbatim || bytes.IndexByte(raw, '\\') < 0 && bytes.IndexByte(raw, '&') < 0 {
		in.buf = append(in.buf, raw...)
		return
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw) && util.IsPunct(raw[i+1]):
			if raw[i+1] == '#' {
				in.escaped = append(in.escaped, len(in.buf))
			}
			in.buf = append(in.buf, raw[i+1])
			i += 2
		case c == '&':
			if r, n := entity(raw[i:]); n > 0 {
				in.buf = append(in.buf, r...)
				i += n
			} else {
				in.buf = append(in.buf, c)
				i++
			}
		default:
			j := i + 1
			for j < len(raw) && raw[j] != '\\' && raw[j] != '&' {
				j++
			}
			in.buf = append(in.buf, raw[i:j]...)
			i = j
		}
	}
}

// tagLength returns the length of the tag name s starts with: a letter,
// then letters, digits, '_', '-' and '/'. It is 0 when s starts no tag.
func tagLength(s []byte) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRune(s[n:])
		ok := unicode.IsLetter(r)
		if n > 0 {
			ok = ok || unicode.IsMark(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '/'
		}
		if !ok {
			break
		}
		n += size
	}
	return n
}

// entity decodes the entity or numeric character reference s starts
// with, returning its bytes and length (0 when there is none).
func entity(s []byte) ([]byte, int) {
	if len(s) < 3 || s[0] != '&' {
		return nil, 0
	}
	if s[1] == '#' {
		i, base := 2, 10
		if s[i] == 'x' || s[i] == 'X' {
			i, base = 3, 16
		}
		start := i
		var v rune
		for i < len(s) && i-start < 8 && isDigitIn(s[i], base) {
			v = v*rune(base) + digitValue(s[i])
			i++
		}
		maxDigits := 7
		if base == 16 {
			maxDigits = 6
		}
		if i == start || i-start > maxDigits || i >= len(s) || s[i] != ';' {
			return nil, 0
		}
		return utf8.AppendRune(nil, util.ToValidRune(v)), i + 1
	}
	i := 1
	for i < len(s) && i < 34 && (isDigitIn(s[i], 10) || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != ';' {
		return nil, 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(s[1:i]))
	if !ok {
		return nil, 0
	}
	return e.Characters, i + 1
}

func isDigitIn(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

func digitValue(c byte) rune {
	switch {
	case c >= 'a':
		return rune(c-'a') + 10
	case c >= 'A':
		return rune(c-'A') + 10
	}
	return rune(c - '0')
}

// wikiText is what a reader sees of a wikilink: its label, else its
// target with "#heading" shown as " > heading" (as Obsidian does).
func wikiText(w *wikiLinkNode) []byte {
	if len(w.Label) > 0 {
		return w.Label
	}
	if bytes.IndexByte(w.Target, '#') < 0 {
		return w.Target // already trimmed by the parser
	}
	var parts []string
	for p := range strings.SplitSeq(string(w.Target), "#") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return []byte(strings.Join(parts, " > "))
}
