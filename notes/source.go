package notes

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

const (
	// MaxSize is the largest note Parse accepts, in bytes.
	MaxSize = 8 << 20
	// MaxDepth is how deeply lists and blockquotes may nest in a note.
	// goldmark's cost grows with the square of the nesting depth on every
	// line, so deeper notes are rejected with ErrTooComplex.
	MaxDepth = 100
	// maxCost bounds the estimated work of goldmark's quadratic paths,
	// in rough nanoseconds (see complexity).
	maxCost = 1_000_000_000
)

// normalize removes a UTF-8 BOM and turns CRLF and lone CR into LF. It
// returns src itself when there is nothing to change.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// lineIndex maps byte offsets of a normalized source to 1-based lines.
// It remembers the last line found: the builder asks in document order.
type lineIndex struct {
	starts []int // start offset of each line
	last   int   // index in starts of the last line found
}

// newLineIndex returns the index of a source split into lines by
// splitLines.
func newLineIndex(lines []string) *lineIndex {
	starts := make([]int, max(len(lines), 1))
	off := 0
	for i, l := range lines {
		starts[i] = off
		off += len(l) + 1
	}
	return &lineIndex{starts: starts}
}

// line returns the 1-based line holding offset (offset ≥ 0).
func (li *lineIndex) line(offset int) int {
	s := li.starts
	if k := li.last; s[k] <= offset {
		// Most offsets are on the last line found or a few after it.
		for end := min(k+4, len(s)-1); k < end && s[k+1] <= offset; k++ {
		}
		if k == len(s)-1 || s[k+1] > offset {
			li.last = k
			return k + 1
		}
	}
	n := sort.Search(len(s), func(i int) bool { return s[i] > offset })
	li.last = max(n-1, 0)
	return n
}

// splitLines returns the lines of a normalized source without their
// endings; a final line ending does not start an empty line. The lines
// are cut from s.
func splitLines(s string) []string {
	if len(s) == 0 {
		return nil
	}
	n := strings.Count(s, "\n")
	if s[len(s)-1] != '\n' {
		n++
	}
	lines := make([]string, 0, n)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i])
		s = s[i+1:]
	}
	return lines
}

// position returns the 1-based line and character column of offset.
func position(src []byte, offset int) (line, col int) {
	line = 1 + bytes.Count(src[:offset], []byte("\n"))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:offset])
}

// checkBytes rejects binary content and invalid UTF-8 in a normalized
// source.
func checkBytes(file string, src []byte) *ParseError {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := position(src, i)
		return &ParseError{File: file, Line: line, Col: col, Err: ErrBinary}
	}
	if utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			line, col := position(src, i)
			return &ParseError{File: file, Line: line, Col: col,
				Err: fmt.Errorf("%w: byte 0x%02x", ErrEncoding, src[i])}
		}
		i += size
	}
	return nil
}

// frontmatterEnd returns the index in lines of the line closing the
// frontmatter opened on the first line, -1 when the note has none, or an
// error when it is never closed. It mirrors the frontmatter extension: a
// line of three or more '-' opens, the same line closes.
func frontmatterEnd(file string, lines []string) (int, *ParseError) {
	if len(lines) == 0 || !isDashes(lines[0]) {
		return -1, nil
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] == lines[0] {
			return i, nil
		}
	}
	return -1, &ParseError{File: file, Line: 1, Col: 1,
		Err: fmt.Errorf("%w: %q is never closed", ErrFrontmatter, lines[0])}
}

func isDashes(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '-' {
			return false
		}
	}
	return true
}

// complexity rejects notes that would make goldmark slow, with a cheap
// scan of the lines (from first, after the frontmatter). It estimates:
//
//   - the nesting depth of lists and blockquotes on each line (goldmark
//     pays the square of it per line);
//   - for each run of lines that may be one paragraph, brackets × lines
//     (goldmark re-reads the paragraph's segments for every link label);
//   - link destinations "](" scanned to the end of their token;
//   - emphasis closers that find no opener and scan back over all the
//     pending delimiters of the paragraph;
//   - backtick runs that open a code span, scanned up to the next run of
//     the same length or the end of the paragraph.
//
// The estimates are upper bounds for common shapes, not exact: a note is
// rejected only when the total is far beyond what any real note needs.
func complexity(file string, lines []string, first int) *ParseError {
	// Estimating the markup looks at every byte. A bound from the sizes
	// of the paragraphs usually shows that it cannot reach maxCost: then
	// only the nesting needs checking, which the bound's pass does.
	if estimate(file, lines, first, false) == nil {
		return nil
	}
	return estimate(file, lines, first, true)
}

// estimate is complexity, with the estimates of markup when exact is
// true. When it is false, each run of lines counts for runBound of its
// size instead, and any error, or a bound above maxCost, gives a
// *ParseError that is not the one to report (estimate again, exactly).
func estimate(file string, lines []string, first int, exact bool) *ParseError {
	var (
		lists    []int // content columns of the open list items
		run      paragraphRun
		runBytes int64 // without exact: the size of the run, as run.offset
		cost     int64 // of the paragraphs
		nesting  int64 // of the containers
	)
	if exact {
		run.init()
	}
	end := func() {
		if exact {
			cost += run.end()
		} else {
			cost += runBound(runBytes)
			runBytes = 0
		}
	}
	tooComplex := func(i int, format string, args ...any) *ParseError {
		return &ParseError{File: file, Line: i + 1,
			Err: fmt.Errorf("%w: "+format, append([]any{ErrTooComplex}, args...)...)}
	}
	for i := first; i < len(lines); i++ {
		line := lines[i]
		if isBlank(line) {
			end()
			continue
		}
		quotes, markers, pos, col := 0, 0, 0, 0
		breaks := false
		for {
			for pos < len(line) && (line[pos] == ' ' || line[pos] == '\t') {
				if line[pos] == '\t' {
					col += 4 - col%4
				} else {
					col++
				}
				pos++
			}
			if pos < len(line) && line[pos] == '>' {
				quotes++
				pos++
				col++
				continue
			}
			w, content := listMarker(line[pos:])
			if w == 0 {
				break
			}
			if markers == 0 {
				for len(lists) > 0 && lists[len(lists)-1] > col {
					lists = lists[:len(lists)-1]
				}
			}
			markers++
			lists = append(lists, col+w+1)
			if len(lists)+quotes > MaxDepth {
				return tooComplex(i, "lists and blockquotes nest deeper than %d levels", MaxDepth)
			}
			if content {
				breaks = true
			}
			pos += w
			col += w
		}
		if len(lists)+quotes > MaxDepth {
			return tooComplex(i, "lists and blockquotes nest deeper than %d levels", MaxDepth)
		}
		// goldmark matches every open container on every line, and each
		// match costs about the depth again.
		depth := int64(len(lists) + quotes)
		nesting += 8 * depth * depth
		if nesting > maxCost {
			return tooComplex(i, "lists and blockquotes nest too deeply for so many lines")
		}
		rest := line[pos:]
		if !breaks && startsBlock(rest) {
			breaks = true
		}
		if breaks {
			end()
		}
		if exact {
			cost += run.add(rest)
		} else {
			runBytes += int64(len(rest)) + 1
		}
		if cost > maxCost {
			return tooComplex(i, "too much markup for one paragraph")
		}
	}
	end()
	if cost > maxCost {
		return tooComplex(len(lines)-1, "too much markup for one paragraph")
	}
	return nil
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// listMarker returns the width of the list marker s starts with (0 when
// none) and whether the item has content on this line.
func listMarker(s string) (width int, content bool) {
	if s == "" {
		return 0, false
	}
	w := 0
	ordered := false
	switch c := s[0]; {
	case c == '-' || c == '+' || c == '*':
		w = 1
	case c >= '0' && c <= '9':
		for w < len(s) && w < 9 && s[w] >= '0' && s[w] <= '9' {
			w++
		}
		if w == len(s) || (s[w] != '.' && s[w] != ')') {
			return 0, false
		}
		ordered = true
		w++
	default:
		return 0, false
	}
	if w < len(s) && s[w] != ' ' && s[w] != '\t' {
		return 0, false
	}
	content = !isBlank(s[w:])
	// An ordered item interrupts a paragraph only when it starts at 1, so
	// other numbers may continue the paragraph: not a break.
	if ordered && content && !(w == 2 && s[0] == '1') {
		content = false
	}
	return w, content
}

// startsBlock reports whether a line (after its container markers) starts
// a block that ends a paragraph: an ATX heading, a fence, a thematic break
// or a table row.
func startsBlock(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '#':
		n := 0
		for n < len(s) && s[n] == '#' {
			n++
		}
		return n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
	case len(s) >= 3 && (s[:3] == "```" || s[:3] == "~~~"):
		return true
	}
	return false
}

// runBound bounds the estimates of paragraphRun for a run of b bytes (as
// counted by its offset: each line and its line ending), from the worst
// case of each estimate: lines × brackets ≤ b²/4; for backticks, per run
// length, the gaps between runs and to the end ≤ 2b, with at most √(2b)
// lengths; for link destinations, on a line of ℓ bytes, ℓ/2 pending
// destinations × 4ℓ, ≤ 2b² in all; for emphasis, 10 × the pending
// delimiters at each delimiter run, ≤ 10 × b²/2. In all 7.25b² + 2b√(2b),
// which is at most 11b² for b ≥ 1.
func runBound(b int64) int64 { return 11 * b * b }

// paragraphRun accumulates the cost estimate of one run of lines that may
// be a single paragraph.
type paragraphRun struct {
	lines, brackets int64
	delims          []byte // pending emphasis openers, by delimiter char
	open            [256]int
	offset          int64         // bytes of the run before this line
	ticks           map[int]int64 // length of a backtick run → its last offset

	// The bytes add looks at: markup, and also what ends a pending link
	// destination.
	markup, pending [256]bool
}

// init fills the byte sets of r.
func (r *paragraphRun) init() {
	for _, c := range []byte("[]`*_~=") {
		r.markup[c] = true
		r.pending[c] = true
	}
	for _, c := range []byte(" \t>") {
		r.pending[c] = true
	}
}

// add accounts for one line of the run and returns the cost that does not
// depend on the rest of the run.
func (r *paragraphRun) add(s string) int64 {
	r.lines++
	var cost int64
	// Pending "](" destinations: plain ones end at whitespace, <...> ones
	// at '>'; each costs the bytes goldmark scans.
	var nWS, sumWS, nLT, sumLT int64
	for i := 0; i < len(s); i++ {
		// Skip the bytes that change nothing: all but markup, and white
		// space and '>' while no destination is pending.
		if nWS == 0 && nLT == 0 {
			for i < len(s) && !r.markup[s[i]] {
				i++
			}
		} else {
			for i < len(s) && !r.pending[s[i]] {
				i++
			}
		}
		if i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c == '[':
			r.brackets++
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			j := i + 2
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) && s[j] == '<' {
				nLT++
				sumLT += int64(j)
			} else {
				nWS++
				sumWS += int64(j)
			}
		case c == ' ' || c == '\t':
			cost += 4 * (nWS*int64(i) - sumWS)
			nWS, sumWS = 0, 0
		case c == '>':
			cost += 4 * (nLT*int64(i) - sumLT)
			nLT, sumLT = 0, 0
		case c == '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			at := r.offset + int64(i)
			if r.ticks == nil {
				r.ticks = make(map[int]int64)
			}
			if last, ok := r.ticks[j-i]; ok {
				cost += at - last
			}
			r.ticks[j-i] = at
			i = j - 1
		case c == '*' || c == '_' || c == '~' || c == '=':
			j := i
			for j < len(s) && s[j] == c {
				j++
			}
			cost += r.delimiter(s, i, j)
			i = j - 1
		}
	}
	n := int64(len(s))
	cost += 4 * (nWS*n - sumWS + nLT*n - sumLT)
	r.offset += n + 1
	return cost
}

// delimiter simulates goldmark's delimiter matching for the run s[i:j]:
// a closer without an opener scans every pending delimiter.
func (r *paragraphRun) delimiter(s string, i, j int) int64 {
	c := s[i]
	if (c == '~' && j-i > 2) || (c == '=' && j-i != 2) {
		return 0
	}
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if j < len(s) {
		after, _ = utf8.DecodeRuneInString(s[j:])
	}
	bp, bs := util.IsPunctRune(before), util.IsSpaceRune(before)
	ap, as := util.IsPunctRune(after), util.IsSpaceRune(after)
	left := !as && (!ap || bs || bp)
	right := !bs && (!bp || as || ap)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || bp)
		canClose = right && (!left || ap)
	}
	var cost int64
	if canClose {
		if r.open[c] > 0 {
			k := len(r.delims) - 1
			for r.delims[k] != c {
				k--
			}
			cost = 10 * int64(len(r.delims)-k)
			for _, d := range r.delims[k:] {
				r.open[d]--
			}
			r.delims = r.delims[:k]
			return cost
		}
		cost = 10 * int64(len(r.delims))
	}
	if canOpen {
		r.delims = append(r.delims, c)
		r.open[c]++
	}
	return cost
}

// end closes the run and returns its cost that depends on its length.
func (r *paragraphRun) end() int64 {
	cost := r.lines * r.brackets
	// A backtick run with no run of its length after it scans to the end.
	for _, last := range r.ticks {
		cost += r.offset - last
	}
	clear(r.ticks)
	r.lines, r.brackets, r.offset = 0, 0, 0
	for _, d := range r.delims {
		r.open[d]--
	}
	r.delims = r.delims[:0]
	return cost
}
