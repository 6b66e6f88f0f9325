package notes

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Slice returns the sub-text Plain[start:end] with its spans clipped to
// the range and shifted to it; spans left empty are dropped. Out-of-range
// bounds are clamped (start > end gives an empty Text); bounds should fall
// on rune boundaries. The caller owns the result's Spans: they share no
// memory with t's. Slice is safe for concurrent use.
func (t Text) Slice(start, end int) Text {
	start = min(max(start, 0), len(t.Plain))
	end = min(max(end, start), len(t.Plain))
	if start == 0 && end == len(t.Plain) {
		// The whole text keeps every span, empty ones included.
		return Text{Plain: t.Plain, Spans: slices.Clone(t.Spans)}
	}
	sl := slicer{t: t}
	return sl.slice(start, end, nil)
}

// span is a byte range [0] to [1].
type span [2]int

// slicer slices a text at ranges given in order, not overlapping, in one
// sweep over its spans.
type slicer struct {
	t      Text
	active []Span // spans that started before the last range's end
	next   int    // first span of t not yet in active
}

// newSlicer returns a slicer of t that keeps its active spans in the
// scratch slice buf (the caller takes back sl.active when done).
func newSlicer(t Text, buf []Span) slicer {
	return slicer{t: t, active: buf[:0]}
}

// slice returns Plain[s:e] with the spans clipped to it, shifted and
// sorted; Spans is nil when none is left.
func (sl *slicer) slice(s, e int, a *alloc) Text {
	t := sl.t
	for sl.next < len(t.Spans) && t.Spans[sl.next].Start < e {
		sl.active = append(sl.active, t.Spans[sl.next])
		sl.next++
	}
	keep := sl.active[:0]
	count := 0
	for _, sp := range sl.active {
		if sp.End > s {
			keep = append(keep, sp)
			if max(sp.Start, s) < min(sp.End, e) {
				count++
			}
		}
	}
	sl.active = keep
	var spans []Span
	if count > 0 {
		spans = a.spanBuf(count)
		for _, sp := range sl.active {
			lo, hi := max(sp.Start, s), min(sp.End, e)
			if lo < hi {
				sp.Start, sp.End = lo-s, hi-s
				spans = append(spans, sp)
			}
		}
		sortSpans(spans)
		spans = a.keepSpans(spans)
	}
	return Text{Plain: t.Plain[s:e], Spans: spans}
}

// sortSpans orders spans by Start, then End descending (outer first),
// keeping the order of spans with equal bounds.
func sortSpans(spans []Span) {
	for i := 1; i < len(spans); i++ {
		if spanLess(spans[i], spans[i-1]) {
			slices.SortStableFunc(spans, spanCompare)
			return
		}
	}
}

func spanLess(a, b Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End > b.End
}

func spanCompare(a, b Span) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	return b.End - a.End
}

// isTrimmed reports whether r is removed from the edges of a text: white
// space and the invisible zero-width characters.
func isTrimmed(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// trimBounds returns the range of t.Plain[s:e] without leading and
// trailing space.
func trimBounds(plain string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(plain[s:e])
		if !isTrimmed(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(plain[s:e])
		if !isTrimmed(r) {
			break
		}
		e -= n
	}
	return s, e
}

// sub is Slice with the spans from a.
func (t Text) sub(start, end int, a *alloc) Text {
	var buf []Span
	if a != nil {
		buf = a.active
	}
	sl := newSlicer(t, buf)
	t = sl.slice(start, end, a)
	if a != nil {
		a.active = sl.active[:0]
	}
	return t
}

// trim returns t without leading and trailing space; its spans come from
// a.
func (t Text) trim(a *alloc) Text {
	s, e := trimBounds(t.Plain, 0, len(t.Plain))
	if s == 0 && e == len(t.Plain) {
		return t
	}
	return t.sub(s, e, a)
}

// joinTexts concatenates texts with sep between them, shifting spans.
func joinTexts(texts []Text, sep string, a *alloc) Text {
	size, count := 0, 0
	for i, t := range texts {
		if i > 0 {
			size += len(sep)
		}
		size += len(t.Plain)
		count += len(t.Spans)
	}
	var b strings.Builder
	b.Grow(size)
	var spans []Span
	if count > 0 {
		spans = a.spanBuf(count)
	}
	for i, t := range texts {
		if i > 0 {
			b.WriteString(sep)
		}
		off := b.Len()
		for _, sp := range t.Spans {
			sp.Start += off
			sp.End += off
			spans = append(spans, sp)
		}
		b.WriteString(t.Plain)
	}
	return Text{Plain: b.String(), Spans: a.keepSpans(spans)}
}

// Markdown renders t back to light Markdown: Strong as **x**, Emphasis as
// *x*, Code in backticks (more of them when x holds one), Strikethrough as
// ~~x~~ and Highlight as ==x==; links, wikilinks and tags become their
// plain text. Characters of Plain that would otherwise read as markup are
// escaped with a backslash, so parsing the result gives t back for texts
// that came from Parse. Block syntax at the start of the result (a leading
// "# " or "- ") is not escaped. Markdown is safe for concurrent use.
func (t Text) Markdown() string {
	type marker struct {
		span  Span
		open  string
		close string
	}
	var ms []marker
	for _, sp := range t.Spans {
		s := max(sp.Start, 0)
		e := min(sp.End, len(t.Plain))
		if s >= e {
			continue
		}
		var m string
		switch sp.Kind {
		case Strong:
			m = "**"
		case Emphasis:
			m = "*"
		case Strikethrough:
			m = "~~"
		case Highlight:
			m = "=="
		case Code:
		default:
			continue
		}
		if sp.Kind != Code {
			// Delimiters must touch the text they mark: spaces go outside.
			s, e = trimBounds(t.Plain, s, e)
			if s >= e {
				continue
			}
		}
		sp.Start, sp.End = s, e
		ms = append(ms, marker{span: sp, open: m, close: m})
	}
	sort.SliceStable(ms, func(i, j int) bool { return spanLess(ms[i].span, ms[j].span) })

	var tags map[int]bool // starts of Tag spans: their '#' stays as is
	for _, sp := range t.Spans {
		if sp.Kind == Tag && sp.Start >= 0 && sp.Start < len(t.Plain) {
			if tags == nil {
				tags = make(map[int]bool)
			}
			tags[sp.Start] = true
		}
	}

	var b strings.Builder
	var stack []marker
	next := 0
	closeAt := func(p int) {
		// Close every span ending here; a span that overlaps one still
		// open above it is closed and reopened around it.
		for {
			k := -1
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].span.End <= p {
					k = i
					break
				}
			}
			if k < 0 {
				return
			}
			above := append([]marker(nil), stack[k+1:]...)
			for i := len(stack) - 1; i >= k; i-- {
				b.WriteString(stack[i].close)
			}
			stack = stack[:k]
			for _, m := range above {
				b.WriteString(m.open)
				stack = append(stack, m)
			}
		}
	}
	for p := 0; p < len(t.Plain); {
		closeAt(p)
		for next < len(ms) && ms[next].span.Start < p {
			next++ // started inside a code span
		}
		if next < len(ms) && ms[next].span.Start == p {
			m := ms[next]
			next++
			if m.span.Kind == Code {
				b.WriteString(codeSpan(t.Plain[p:m.span.End]))
				p = m.span.End
				continue
			}
			b.WriteString(m.open)
			stack = append(stack, m)
			continue
		}
		r, n := utf8.DecodeRuneInString(t.Plain[p:])
		if needsEscape(t.Plain, p, n, r) && !tags[p] {
			b.WriteByte('\\')
		}
		b.WriteString(t.Plain[p : p+n])
		p += n
	}
	closeAt(len(t.Plain))
	for i := len(stack) - 1; i >= 0; i-- {
		b.WriteString(stack[i].close)
	}
	return b.String()
}

// codeSpan renders s as a code span with a fence longer than any run of
// backticks inside it.
func codeSpan(s string) string {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		(len(s) > 1 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

// needsEscape reports whether the rune r of n bytes at plain[p] would
// start markup when the rendered text is parsed again.
func needsEscape(plain string, p, n int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(plain[:p])
	if p == 0 {
		prev = ' '
	}
	nextR, _ := utf8.DecodeRuneInString(plain[p+n:])
	if p+n >= len(plain) {
		nextR = ' '
	}
	switch r {
	case '\\', '*', '`', '[':
		return true
	case '_':
		return !isAlnum(prev) || !isAlnum(nextR)
	case '~', '=':
		return prev == r || nextR == r
	case '<':
		return unicode.IsLetter(nextR) || nextR == '/' || nextR == '!' || nextR == '?'
	case '&':
		return looksLikeEntity(plain[p:])
	case '#':
		return unicode.IsSpace(prev) && unicode.IsLetter(nextR)
	}
	return false
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// looksLikeEntity reports whether s starts with an entity or numeric
// character reference such as "&amp;" or "&#38;".
func looksLikeEntity(s string) bool {
	for i := 1; i < len(s) && i < 34; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 1
		case c == '#' && i == 1, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return false
}

// collapseSpace replaces each run of spaces, tabs and line breaks outside
// code spans by one space (a line break, or markup that was dropped, such
// as an image or a comment, leaves such runs), moving the spans with the
// text. It returns t itself when there is nothing to replace.
func collapseSpace(t Text, a *alloc) Text {
	plain := t.Plain
	// A run is a line break, a tab, or a space before a space (before a
	// tab or a line break, it is found by them).
	if strings.IndexByte(plain, '\n') < 0 && strings.IndexByte(plain, '\t') < 0 && !strings.Contains(plain, "  ") {
		return t
	}
	var code []span
	if a != nil {
		code = a.code[:0]
	}
	for _, sp := range t.Spans {
		if sp.Kind == Code {
			code = append(code, span{sp.Start, sp.End})
		}
	}
	var shifts []shift
	var buf []byte
	if a != nil {
		shifts, buf = a.shifts[:0], a.bytes[:0]
	}
	if cap(buf) < len(plain) {
		buf = make([]byte, 0, len(plain))
	}
	i, removed, ci := 0, 0, 0
	for i < len(plain) {
		for ci < len(code) && code[ci][1] <= i {
			ci++
		}
		if ci < len(code) && code[ci][0] <= i {
			buf = append(buf, plain[i:code[ci][1]]...)
			i = code[ci][1]
			continue
		}
		// Copy up to the next space, or the next code span.
		j := i
		stop := len(plain)
		if ci < len(code) {
			stop = code[ci][0]
		}
		for j < stop && !isCollapsed(plain[j]) {
			j++
		}
		buf = append(buf, plain[i:j]...)
		if j == stop {
			i = j
			continue
		}
		i = j
		for j < len(plain) && isCollapsed(plain[j]) && !(ci < len(code) && code[ci][0] <= j) {
			j++
		}
		buf = append(buf, ' ')
		if j-i > 1 {
			removed += j - i - 1
			shifts = append(shifts, shift{i, j, removed})
		}
		i = j
	}
	mapPos := func(p int) int {
		// The first run that ends after p: p is before it or inside it.
		k := sort.Search(len(shifts), func(k int) bool { return shifts[k].old > p })
		delta := 0
		if k > 0 {
			delta = shifts[k-1].delta
		}
		if k < len(shifts) && p > shifts[k].start {
			return shifts[k].start - delta + 1
		}
		return p - delta
	}
	var spans []Span
	if len(t.Spans) > 0 {
		spans = a.spanBuf(len(t.Spans))
	}
	for _, sp := range t.Spans {
		sp.Start, sp.End = mapPos(sp.Start), mapPos(sp.End)
		if sp.Start < sp.End {
			spans = append(spans, sp)
		}
	}
	sortSpans(spans)
	out := Text{Plain: a.string(buf), Spans: a.keepSpans(spans)}
	if a != nil {
		a.code, a.shifts, a.bytes = code[:0], shifts[:0], buf[:0]
	}
	return out
}

// shift records that the run of white space [start, old) of a text became
// one space: from old on, offsets are delta smaller.
type shift struct{ start, old, delta int }

// isCollapsed reports whether c is white space that collapseSpace joins.
func isCollapsed(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
