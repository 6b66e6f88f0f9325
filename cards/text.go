package cards

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// edit replaces Plain[start:end] of a Text with repl, which is written into
// the rendered Markdown verbatim (it is never escaped or re-rendered).
type edit struct {
	start, end int
	repl       string
}

// render returns the light Markdown of t with the edits applied. Edits must
// be sorted by start and must not overlap. Spans that lie wholly inside an
// edited range disappear with it; spans around it keep enclosing it.
//
// The replacements go through private-use placeholder runes so that the
// Markdown renderer sees one character per edit and cannot escape or split
// the replacement text.
func render(t notes.Text, edits []edit) string {
	if len(edits) == 0 {
		return markdown(t)
	}
	md, marks := renderMarked(t, edits)
	return fill(md, marks, edits)
}

// fill replaces in md, rendered by renderMarked, the placeholder of each
// edit by its replacement text.
func fill(md string, marks []rune, edits []edit) string {
	for k, e := range edits {
		if e.repl != "" {
			md = strings.Replace(md, string(marks[k]), e.repl, 1)
		}
	}
	return md
}

// renderMarked renders t with each edit that has a replacement shown as
// a placeholder rune, returned with the runes, for fill to replace: one
// rendering then serves several sets of replacements (the front and the
// cloze of a card).
func renderMarked(t notes.Text, edits []edit) (string, []rune) {
	marks := placeholders(t.Plain, len(edits))
	var plain strings.Builder
	last := 0
	for k, e := range edits {
		plain.WriteString(t.Plain[last:e.start])
		if e.repl != "" {
			plain.WriteRune(marks[k])
		}
		last = e.end
	}
	plain.WriteString(t.Plain[last:])

	// width of the placeholder written for edit k
	width := func(k int) int {
		if edits[k].repl == "" {
			return 0
		}
		return utf8.RuneLen(marks[k])
	}
	// mapPos moves an offset of t.Plain to the edited text. A position
	// inside an edited range is clamped out of it: after the replacement
	// for a span start, before it for a span end.
	mapPos := func(p int, isStart bool) int {
		delta := 0
		for k, e := range edits {
			switch {
			case e.start == e.end && e.start == p:
				if isStart {
					delta += width(k)
				}
			case e.end <= p:
				delta += width(k) - (e.end - e.start)
			case e.start < p && p < e.end:
				if isStart {
					return e.start + delta + width(k)
				}
				return e.start + delta
			}
		}
		return p + delta
	}
	out := notes.Text{Plain: plain.String()}
	for _, sp := range t.Spans {
		covered := false
		for _, e := range edits {
			if e.start < e.end && sp.Start >= e.start && sp.End <= e.end {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		s, en := mapPos(sp.Start, true), mapPos(sp.End, false)
		if s >= en {
			continue
		}
		sp.Start, sp.End = s, en
		out.Spans = append(out.Spans, sp)
	}
	return markdown(out), marks
}

// placeholders returns n distinct private-use runes that do not occur in s.
func placeholders(s string, n int) []rune {
	out := make([]rune, 0, n)
	for r := rune(0xF0000); len(out) < n; r++ {
		if !strings.ContainsRune(s, r) {
			out = append(out, r)
		}
	}
	return out
}

// answerMarkdown renders Plain[start:end] as the answer of a card: the
// emphasis, strong, highlight or strike markup wrapping the whole answer is
// dropped (the back of a card needs no emphasis), code markup is kept.
func answerMarkdown(t notes.Text, start, end int) string {
	if !overlapsAnySpan(t, start, end) {
		return strings.TrimSpace(markdown(notes.Text{Plain: t.Plain[start:end]}))
	}
	var buf [4]notes.Span
	s := sliceSpans(buf[:0], t, start, end)
	spans := s.Spans[:0] // filtered in place: the spans are ours
	for _, sp := range s.Spans {
		whole := sp.Start == 0 && sp.End == len(s.Plain)
		if whole && sp.Kind != notes.Code {
			continue
		}
		spans = append(spans, sp)
	}
	s.Spans = spans
	return strings.TrimSpace(markdown(s))
}

// overlapsAnySpan reports whether a span of t overlaps [start, end).
func overlapsAnySpan(t notes.Text, start, end int) bool {
	for _, sp := range t.Spans {
		if sp.Start >= end {
			break
		}
		if sp.End > start {
			return true
		}
	}
	return false
}

// trimRange shrinks [start, end) of s to exclude leading and trailing white
// space.
func trimRange(s string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// inSpan reports whether the byte at pos lies inside a span of one of the
// given kinds.
func inSpan(t notes.Text, pos int, kinds ...notes.SpanKind) bool {
	for _, sp := range t.Spans {
		if sp.Start > pos {
			break
		}
		if pos < sp.End {
			for _, k := range kinds {
				if sp.Kind == k {
					return true
				}
			}
		}
	}
	return false
}

// overlapsSpan reports whether [start, end) overlaps a span of one of the
// given kinds.
func overlapsSpan(t notes.Text, start, end int, kinds ...notes.SpanKind) bool {
	for _, sp := range t.Spans {
		if sp.Start >= end {
			break
		}
		if sp.End > start {
			for _, k := range kinds {
				if sp.Kind == k {
					return true
				}
			}
		}
	}
	return false
}

// token is a word of a text: Plain[start:end].
type token struct{ start, end int }

// isWordRune reports whether r belongs to a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isASCIIWord reports whether the ASCII byte c is a letter or a digit.
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isJoiner reports whether r joins two word parts into one token
// ("post-mortem", "l'agile", "meteor.js", "snake_case").
func isJoiner(r rune) bool {
	switch r {
	case '-', '\'', '’', '.', '_', '‑':
		return true
	}
	return false
}

// tokenize splits s into words: runs of letters and digits, joined by
// hyphens, apostrophes, dots and underscores that sit between two of them.
func tokenize(s string) []token {
	return appendTokens(nil, s)
}

// appendTokens appends the words of s to out (see tokenize).
func appendTokens(out []token, s string) []token {
	return appendTokensN(out, s, -1)
}

// appendTokensN appends the first limit words of s to out, all of them
// when limit is negative.
func appendTokensN(out []token, s string, limit int) []token {
	i := 0
	for i < len(s) && limit != 0 {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			i += n
			continue
		}
		if out == nil {
			out = make([]token, 0, len(s)/6+1)
		}
		start := i
		i += n
		class := scriptClass(r)
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf && class == scriptOther {
				// ASCII inside a word of a script with spaces: no decoding.
				if isASCIIWord(c) {
					i++
					continue
				}
				if !isJoiner(rune(c)) || i+1 >= len(s) {
					break
				}
				if c2 := s[i+1]; c2 < utf8.RuneSelf {
					if !isASCIIWord(c2) {
						break
					}
					i++
					continue
				}
				// a joiner before a non-ASCII rune: decoded below
			}
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if isWordRune(r) {
				if r >= 0x3040 || class != scriptOther {
					if c := scriptClass(r); c != class {
						break // "LRUは最も": scripts written without spaces change words with their script
					}
				}
				i += n
				continue
			}
			if isJoiner(r) && i+n < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[i+n:])
				if isWordRune(r2) {
					i += n
					continue
				}
			}
			break
		}
		out = append(out, token{start, i})
		limit--
	}
	return out
}

// The script classes that split words written without spaces.
const (
	scriptOther = iota
	scriptHan
	scriptHiragana
	scriptKatakana
)

// scriptClass returns the class of r: Han, Hiragana, Katakana, or other.
func scriptClass(r rune) int {
	if r < 0x3040 {
		return scriptOther
	}
	switch {
	case unicode.Is(unicode.Hiragana, r):
		return scriptHiragana
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return scriptKatakana
	case unicode.Is(unicode.Han, r):
		return scriptHan
	}
	return scriptOther
}

// elisionEnd returns the offset in w after a French elided prefix ("l'",
// "d’", "qu'", "jusqu'"…), or 0 when w has none.
func elisionEnd(w string) int {
	i := -1
	for j := 1; j < len(w) && j <= len("lorsqu"); j++ {
		if w[j] == '\'' || w[j] == 0xE2 && strings.HasPrefix(w[j:], "’") {
			i = j
			break
		}
	}
	if i <= 0 {
		return 0
	}
	// lower(w[:i]) in a buffer: the prefixes are ASCII, and lower never
	// turns a byte of another rune into ASCII.
	var buf [len("lorsqu")]byte
	for j := range i {
		c := w[j]
		if c >= utf8.RuneSelf {
			return 0
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	switch string(buf[:i]) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu":
		_, n := utf8.DecodeRuneInString(w[i:])
		if i+n < len(w) {
			return i + n
		}
	}
	return 0
}

// coreWord trims a token to the word a card should ask for: without an
// elided French prefix ("l'agile" → "agile") or an English possessive
// ("Python's" → "Python").
func coreWord(s string, tk token) token {
	w := s[tk.start:tk.end]
	if e := elisionEnd(w); e > 0 {
		tk.start += e
		w = w[e:]
	}
	switch {
	case len(w) > 3 && strings.HasSuffix(w, "'s"):
		tk.end -= 2
	case len(w) > 5 && strings.HasSuffix(w, "’s"):
		tk.end -= len("’s")
	}
	return tk
}

// containsWord reports whether needle occurs in hay, ignoring case, as a
// whole word or phrase: not preceded or followed by a letter or digit.
func containsWord(hay, needle string) bool {
	return countWord(strings.ToLower(hay), strings.ToLower(strings.TrimSpace(needle)), 1) > 0
}

// countWord counts, up to limit, the whole-word occurrences of needle in
// hay, both already in lower case.
func countWord(hay, needle string, limit int) int {
	n := 0
	for s := indexWord(hay, needle, 0); s >= 0; s = indexWord(hay, needle, s+nextRuneLen(hay[s:])) {
		if n++; n >= limit {
			break
		}
	}
	return n
}

// indexWord returns the offset of the first whole-word occurrence of
// needle in hay at or after from (both in lower case): not preceded or
// followed by a letter or digit where needle starts or ends with one. It
// returns -1 when there is none, or when needle is empty.
func indexWord(hay, needle string, from int) int {
	if needle == "" {
		return -1
	}
	for off := from; off < len(hay); {
		i := strings.Index(hay[off:], needle)
		if i < 0 {
			return -1
		}
		s, e := off+i, off+i+len(needle)
		before, _ := utf8.DecodeLastRuneInString(hay[:s])
		after, _ := utf8.DecodeRuneInString(hay[e:])
		if (s == 0 || !isWordRune(before) || !isWordRune(firstRune(needle))) &&
			(e == len(hay) || !isWordRune(after) || !isWordRune(lastRune(needle))) {
			return s
		}
		off = s + nextRuneLen(hay[s:])
	}
	return -1
}

// nextRuneLen is the length of the first rune of s.
func nextRuneLen(s string) int { _, w := utf8.DecodeRuneInString(s); return w }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

// hasWordRune reports whether s holds a letter or a digit.
func hasWordRune(s string) bool {
	return strings.IndexFunc(s, isWordRune) >= 0
}

// oneLine folds runs of white space (new lines included) into one space.
func oneLine(s string) string {
	clean := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; clean && i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			clean = s[i+1] != ' '
		case c < ' ' || c >= utf8.RuneSelf:
			clean = c >= utf8.RuneSelf && c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 // no Unicode space
		}
	}
	if clean || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// markdown returns t.Markdown() of a copy of t whose invalid UTF-8 bytes
// are each replaced by '?', so that offsets stay put and the renderer only
// ever sees valid text.
func markdown(t notes.Text) string {
	if plainIsMarkdown(t) {
		return t.Plain
	}
	if utf8.ValidString(t.Plain) {
		return t.Markdown()
	}
	b := []byte(t.Plain)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			b[i] = '?'
		}
		i += n
	}
	t.Plain = string(b)
	return t.Markdown()
}

// plainIsMarkdown reports whether t renders as its Plain: no span with
// markup of its own and no character the renderer would escape. It saves
// the renderer's work on most lines.
func plainIsMarkdown(t notes.Text) bool {
	for _, sp := range t.Spans {
		switch sp.Kind {
		case notes.Link, notes.WikiLink:
		default:
			return false
		}
	}
	// IndexAny of ASCII bytes scans with a bitmap; ValidString goes eight
	// ASCII bytes at a time.
	return strings.IndexAny(t.Plain, "\\*`[_~=<&#") < 0 && utf8.ValidString(t.Plain)
}

// urlRanges returns the byte ranges of p that are bare URLs, paths or
// e-mail addresses: runs of non-space characters holding "://", "www." or
// "@".
func urlRanges(p string) [][2]int {
	if !strings.Contains(p, "://") && !strings.Contains(p, "www.") && !strings.Contains(p, "@") {
		return nil
	}
	var out [][2]int
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := strings.IndexFunc(p[i:], unicode.IsSpace)
		if j < 0 {
			j = len(p)
		} else {
			j += i
		}
		chunk := p[i:j]
		if strings.Contains(chunk, "://") || strings.Contains(chunk, "www.") || strings.Contains(chunk, "@") {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

// inRanges reports whether offset i lies in one of the ranges.
func inRanges(rs [][2]int, i int) bool {
	for _, r := range rs {
		if r[0] <= i && i < r[1] {
			return true
		}
	}
	return false
}

// lower returns s in lower case byte for byte: a rune whose lower-case
// form has another length in UTF-8, and an invalid byte, are kept as they
// are, so that offsets into s hold in the result. It allocates only when s
// has an upper-case letter.
func lower(s string) string {
	i := firstUpper(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			j := i
			for j < len(s) && s[j] < utf8.RuneSelf && (s[j] < 'A' || s[j] > 'Z') {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && 'A' <= s[j] && s[j] <= 'Z' {
				b.WriteByte(s[j] + 'a' - 'A')
				j++
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if lr := unicode.ToLower(r); lr != r && utf8.RuneLen(lr) == n {
			b.WriteRune(lr)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// lowerBytes lowers b in place from offset i on, as lower does.
func lowerBytes(b []byte, i int) []byte {
	for i < len(b) {
		if i+8 <= len(b) {
			// Eight ASCII bytes at a time: set bit 5 of the capitals.
			v := binary.LittleEndian.Uint64(b[i:])
			if v&0x8080808080808080 == 0 {
				// A byte has bit 7 set after adding 0x80-'A' when it is >= 'A',
				// and after adding 0x80-'Z'-1 when it is > 'Z'.
				ge := v + 0x3f3f3f3f3f3f3f3f // 0x80 - 'A' = 0x3f
				gt := v + 0x2525252525252525 // 0x80 - 'Z' - 1 = 0x25
				upper := ge &^ gt & 0x8080808080808080
				binary.LittleEndian.PutUint64(b[i:], v|upper>>2)
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if lr := unicode.ToLower(r); lr != r && utf8.RuneLen(lr) == n {
			utf8.EncodeRune(b[i:], lr)
		}
		i += n
	}
	return b
}

// firstUpper returns the offset of the first byte of s that lower may
// change: an ASCII capital or a non-ASCII byte; len(s) when there is none.
func firstUpper(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return i
		}
	}
	return len(s)
}
