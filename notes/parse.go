package notes

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
)

// Parse reads one note. path is kept verbatim as Note.Path and names the
// file in errors; the title falls back to its base name.
//
// Parse returns a *ParseError wrapping ErrTooLarge, ErrBinary,
// ErrEncoding, ErrFrontmatter or ErrTooComplex when the note cannot be
// read; any Markdown is otherwise accepted. The returned Note does not
// share memory with src, and Parse never writes to src's array (not even
// past its length). Parse is safe for concurrent use: calls share one
// Markdown parser, built on the first call.
func Parse(path string, src []byte) (*Note, error) {
	if len(src) > MaxSize {
		return nil, &ParseError{File: path, Line: 1,
			Err: fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(src), MaxSize)}
	}
	// goldmark appends to slices of its source (a line ending to an
	// indented code block's last line): with no room left in norm, that
	// copies rather than writing into the caller's memory past src.
	norm := normalize(src)
	norm = norm[:len(norm):len(norm)]
	if perr := checkBytes(path, norm); perr != nil {
		return nil, perr
	}
	// The source as a string: the lines, and the texts that are copies of
	// it, are cut from it.
	str := string(norm)
	lines := splitLines(str)
	fmEnd, perr := frontmatterEnd(path, lines)
	if perr != nil {
		return nil, perr
	}
	if perr := complexity(path, lines, fmEnd+1); perr != nil {
		return nil, perr
	}

	pc := parser.NewContext()
	doc := markdown().Parse(text.NewReader(norm), parser.WithContext(pc))
	var m meta
	if data := frontmatter.Get(pc); data != nil {
		// When the note starts with it, the frontmatter's text is lines
		// 2 to fmEnd, as the extension found it (see frontmatterEnd).
		// The extension also takes one after a blank first line.
		ok := false
		if fmEnd >= 0 {
			m, ok = simpleMeta(lines[1:fmEnd])
		}
		if !ok {
			if m, perr = decodeMeta(path, data.Decode); perr != nil {
				return nil, perr
			}
		}
	}

	b := &builder{
		note:   &Note{Path: path, Deck: m.deck, Lines: lines},
		src:    norm,
		lines:  newLineIndex(lines),
		parent: -1,
	}
	for _, t := range m.tags {
		b.tags.add(t)
	}
	b.a.src = str
	b.in = inliner{src: norm, lines: b.lines, tags: &b.tags, a: &b.a,
		verbatim: bytes.IndexByte(norm, '\\') < 0 && bytes.IndexByte(norm, '&') < 0}
	// The texts that are not cut from the source (those with markup, or
	// lines joined) take less than half of it, often a quarter.
	b.a.strChunk = min(len(norm)/4+64, maxStrChunk)
	if size := maxBlocks(doc); size > 0 {
		b.note.Blocks = make([]Block, 0, size)
		// Most blocks have a sentence and a span or so.
		b.a.first = min(size, maxChunk)
	}
	sourceOrder(doc)
	b.container(doc)

	n := b.note
	if len(n.Blocks) == 0 {
		n.Blocks = nil // maxBlocks counted an empty heading or paragraph
	}
	n.Tags = b.tags.list
	switch {
	case m.title != "":
		n.Title = m.title
	case b.h1 != "":
		n.Title = b.h1
	default:
		n.Title = baseName(path)
	}
	return n, nil
}

// markdown returns the goldmark parser of every note, built on first use.
// goldmark's parser and the extensions it holds (goldmark's own, the
// frontmatter parser, ours) keep no state between parses once the parser
// has parsed a first document, which markdown does before returning it:
// from then on it is only read, so it is shared rather than built per note
// (building one costs more than parsing a small note). The package keeps
// no mutable state.
var markdown = sync.OnceValue(func() parser.Parser {
	p := NewGoldmarkParser()
	p.Parse(text.NewReader(nil)) // goldmark finishes its setup on the first parse
	return p
})

// NewGoldmarkParser returns a new goldmark parser configured as Parse
// uses it: CommonMark with GFM tables, strikethrough and task lists, YAML
// frontmatter, ==highlight== and [[wikilinks]]. It is for measuring what
// goldmark alone costs on notes (bench/floor); Parse shares one.
func NewGoldmarkParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
			util.Prioritized(&frontmatter.Parser{Formats: []frontmatter.Format{frontmatter.YAML}}, 0),
		)...),
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(),
			util.Prioritized(extension.NewStrikethroughParser(), 500),
			util.Prioritized(extension.NewTaskCheckBoxParser(), 0),
			util.Prioritized(highlightParser{}, 500),
			util.Prioritized(wikiLinkParser{}, 199), // before links (200)
		)...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(extension.NewTableParagraphTransformer(), 200),
		)...),
		parser.WithASTTransformers(
			util.Prioritized(extension.NewTableASTTransformer(), 0),
		),
	)
}

// baseName is the file name of p without its extension.
func baseName(p string) string {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	if base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// heading is an open heading: its level and plain text.
type heading struct {
	level int
	text  string
}

// builder walks goldmark's block tree and appends Blocks to a Note.
type builder struct {
	note  *Note
	src   []byte
	lines *lineIndex
	in    inliner
	tags  tagList
	a     alloc

	headings []heading
	path     []string // Headings of the blocks below the last heading
	h1       string   // text of the first level-1 heading
	groups   int

	// The context of the blocks being walked.
	parent    int // the enclosing Item, or -1
	listDepth int // lists around the blocks
	quote     bool
	callout   bool // the block is the first of a blockquote
}

func (b *builder) newGroup() int {
	b.groups++
	return b.groups
}

// emit appends a block with the current context and returns its index.
func (b *builder) emit(blk Block) int {
	blk.Parent = b.parent
	blk.Quote = b.quote
	if blk.Kind != Heading {
		blk.Headings = b.path
	}
	b.note.Blocks = append(b.note.Blocks, blk)
	return len(b.note.Blocks) - 1
}

// maxBlocks returns an upper bound of the blocks a document gives, for
// sizing Note.Blocks once: a Block per heading, table row and paragraph
// line (a list item's block holds at least one line of its paragraph).
func maxBlocks(n ast.Node) int {
	count := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Heading, *east.TableRow:
			count++
		case *ast.Paragraph, *ast.TextBlock:
			count += v.Lines().Len()
		case *ast.List, *ast.ListItem, *ast.Blockquote, *east.Table:
			count += maxBlocks(v)
		}
	}
	return count
}

// container walks the children of the document.
func (b *builder) container(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.block(c)
	}
}

// sourceOrder puts the children of n, and of the blockquotes, lists and
// list items below it, in the order they start in the source. Goldmark's
// table extension puts a table found inside a paragraph before that
// paragraph ("0\n0\n-:\n0\n-": a table from line 2 before the heading of
// line 1), in a document, a blockquote or a list item alike, and blocks
// must come in source order. Children in order, as nearly always, are
// left as they are.
func sourceOrder(n ast.Node) {
	if !inOrder(n) {
		var kids []ast.Node
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			kids = append(kids, c)
		}
		slices.SortStableFunc(kids, func(a, c ast.Node) int { return cmp.Compare(startOffset(a), startOffset(c)) })
		for _, c := range kids {
			n.RemoveChild(n, c)
		}
		for _, c := range kids {
			n.AppendChild(n, c)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Blockquote, *ast.List, *ast.ListItem:
			sourceOrder(c)
		}
	}
}

// inOrder reports whether the children of n come in the order they start
// in the source.
func inOrder(n ast.Node) bool {
	last := -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		at := startOffset(c)
		if at < last {
			return false
		}
		last = at
	}
	return true
}

// startOffset is the offset in the source where block n starts, as far as
// goldmark tells: its first line, the first row of a table, or its
// position.
func startOffset(n ast.Node) int {
	if lines := n.Lines(); lines != nil && lines.Len() > 0 {
		return lines.At(0).Start
	}
	if _, ok := n.(*east.Table); ok && n.FirstChild() != nil {
		if c := n.FirstChild(); c.Pos() >= 0 {
			return c.Pos()
		}
	}
	return n.Pos()
}

func (b *builder) block(n ast.Node) {
	callout := b.callout
	b.callout = false
	switch v := n.(type) {
	case *ast.Heading:
		b.heading(v)
	case *ast.Paragraph, *ast.TextBlock:
		t, breaks := b.in.convert(v)
		if callout {
			t, breaks = stripCallout(t, breaks, &b.a)
		}
		b.lineBlocks(t, b.splitBreaks(t, breaks, b.firstLine(v), b.lastLine(v)), 0)
	case *ast.List:
		b.list(v)
	case *ast.Blockquote:
		saved := b.quote
		b.quote = true
		for c := v.FirstChild(); c != nil; c = c.NextSibling() {
			b.callout = c == v.FirstChild()
			b.block(c)
		}
		b.quote = saved
	case *east.Table:
		b.table(v)
	case *ast.FencedCodeBlock:
		if !b.quote {
			b.code(v, true, v.Info)
		}
	case *ast.CodeBlock:
		if !b.quote {
			b.code(v, false, nil)
		}
	}
	// HTML blocks, thematic breaks and anything else hold no card text.
}

// code appends a code block to Note.Code; info is a fenced block's info
// string, if any.
func (b *builder) code(n ast.Node, fenced bool, info *ast.Text) {
	lines := n.Lines()
	cb := CodeBlock{Line: b.firstLine(n)}
	if fenced && n.Pos() >= 0 {
		cb.Line = b.lines.line(n.Pos())
	}
	cb.EndLine = cb.Line
	if lines.Len() > 0 {
		cb.EndLine = max(b.lastLine(n), cb.Line)
	}
	if info != nil {
		cb.Lang = b.firstWord(info.Segment)
	}
	cb.Text = b.codeText(lines)
	b.note.Code = append(b.note.Code, cb)
}

// codeText returns the text of a code block's lines, without its final
// line endings.
func (b *builder) codeText(lines *text.Segments) string {
	n := lines.Len()
	if n == 0 {
		return ""
	}
	// Most often the lines are a part of the source as they are: their
	// segments follow each other, with no padding, and no line ending to
	// add.
	first := lines.At(0)
	whole := true
	for i := range n {
		seg := lines.At(i)
		if seg.Padding != 0 || i > 0 && seg.Start != lines.At(i-1).Stop ||
			seg.ForceNewline && seg.Stop > seg.Start && b.src[seg.Stop-1] != '\n' {
			whole = false
			break
		}
	}
	if whole {
		v := bytes.TrimRight(b.src[first.Start:lines.At(n-1).Stop], "\n")
		return b.a.src[first.Start : first.Start+len(v)]
	}
	buf := b.a.bytes[:0]
	for i := range n {
		seg := lines.At(i)
		buf = append(buf, seg.Value(b.src)...)
	}
	buf = bytes.TrimRight(buf, "\n")
	s := b.a.sourceString(buf, first.Start)
	b.a.bytes = buf[:0]
	return s
}

// firstWord returns the first word of a segment of the source, as
// strings.Fields would split it.
func (b *builder) firstWord(seg text.Segment) string {
	v := seg.Value(b.src)
	start := 0
	for start < len(v) {
		r, n := utf8.DecodeRune(v[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	end := start
	for end < len(v) {
		r, n := utf8.DecodeRune(v[end:])
		if unicode.IsSpace(r) {
			break
		}
		end += n
	}
	off := -1
	if seg.Padding == 0 {
		off = seg.Start + start
	}
	return b.a.sourceString(v[start:end], off)
}

// stripCallout removes the marker of an Obsidian callout ("[!tip]",
// "[!note]-") from the start of a blockquote's first paragraph, leaving
// the callout's title, if any, as a line of its own. It moves breaks in
// place.
func stripCallout(t Text, breaks []lineBreak, a *alloc) (Text, []lineBreak) {
	p := t.Plain
	if !strings.HasPrefix(p, "[!") {
		return t, breaks
	}
	end := strings.IndexAny(p, "] \t\n")
	if end < 3 || p[end] != ']' {
		return t, breaks
	}
	end++
	if end < len(p) && (p[end] == '+' || p[end] == '-') {
		end++
	}
	for i := range breaks {
		breaks[i].pos -= end
	}
	if len(breaks) > 0 {
		breaks[0].hard = true
	}
	return t.sub(end, len(p), a), breaks
}

// firstLine is the 1-based line where a leaf block starts.
func (b *builder) firstLine(n ast.Node) int {
	if lines := n.Lines(); lines.Len() > 0 {
		return b.lines.line(lines.At(0).Start)
	}
	return b.lines.line(max(n.Pos(), 0))
}

// lastLine is the 1-based line where a leaf block ends.
func (b *builder) lastLine(n ast.Node) int {
	if lines := n.Lines(); lines.Len() > 0 {
		seg := lines.At(lines.Len() - 1)
		return b.lines.line(max(seg.Stop-1, seg.Start))
	}
	return b.firstLine(n)
}

func (b *builder) heading(h *ast.Heading) {
	t, _ := b.in.convert(h)
	t.Spans = b.a.copySpans(t.Spans)      // the heading may keep them as they are
	t = collapseSpace(t, &b.a).trim(&b.a) // setext headings span lines
	for len(b.headings) > 0 && b.headings[len(b.headings)-1].level >= h.Level {
		b.headings = b.headings[:len(b.headings)-1]
	}
	// b.path holds the texts of the headings open before this one.
	var above []string
	if k := len(b.headings); k > 0 {
		above = b.path[:k:k]
	}
	if t.Plain != "" {
		b.emit(Block{
			Kind:     Heading,
			Line:     b.firstLine(h),
			EndLine:  b.lastLine(h),
			Depth:    h.Level,
			Text:     t,
			Headings: above,
		})
		if h.Level == 1 && b.h1 == "" {
			b.h1 = t.Plain
		}
		b.headings = append(b.headings, heading{h.Level, t.Plain})
		// Blocks share the path, so its capacity is capped: appending to
		// it never writes into another's.
		p := make([]string, len(above)+1)
		copy(p, above)
		p[len(above)] = t.Plain
		b.path = p
		return
	}
	b.path = above
}

// textLine is one line of a paragraph, a range of its Text.
type textLine struct {
	start, end int  // range in the paragraph's Plain, trimmed
	line       int  // 1-based source lines
	endLine    int  //
	hard       bool // ends with a hard break
}

// splitBreaks cuts the text of a paragraph on source lines first to last
// at its line breaks. The lines are scratch, valid until the next call.
func (b *builder) splitBreaks(t Text, breaks []lineBreak, first, last int) []textLine {
	out := b.a.lines[:0]
	start, line := 0, first
	for _, br := range breaks {
		s, e := trimBounds(t.Plain, start, br.pos)
		out = append(out, textLine{start: s, end: e, line: line, endLine: max(br.line-1, line), hard: br.hard})
		start, line = br.pos+1, br.line
	}
	s, e := trimBounds(t.Plain, start, len(t.Plain))
	out = append(out, textLine{start: s, end: e, line: line, endLine: max(last, line)})
	b.a.lines = out
	return out
}

// lineBlocks emits the lines of a paragraph as Line blocks of one group
// (created when group is 0), joining wrapped lines.
func (b *builder) lineBlocks(t Text, lines []textLine, group int) {
	runs := b.a.runs[:0] // first and last index in lines of each block
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.start == l.end {
			continue
		}
		j := i
		for j+1 < len(lines) && !lines[j].hard {
			next := lines[j+1]
			if next.start == next.end ||
				!wrapped(t.Plain[lines[j].start:lines[j].end], t.Plain[next.start:next.end]) {
				break
			}
			j++
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	b.a.runs = runs[:0]
	if len(runs) == 0 {
		return
	}
	if group == 0 {
		group = b.newGroup()
	}
	sl := newSlicer(t, b.a.lineActive)
	for _, run := range runs {
		first, last := lines[run[0]], lines[run[1]]
		txt := collapseSpace(sl.slice(first.start, last.end, &b.a), &b.a)
		b.emit(Block{
			Kind:      Line,
			Line:      first.line,
			EndLine:   last.endLine,
			Text:      txt,
			Sentences: sentences(txt, &b.a),
			Group:     group,
		})
	}
	b.a.lineActive = sl.active[:0]
}

func (b *builder) list(l *ast.List) {
	group, index := 0, 0
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		item, ok := c.(*ast.ListItem)
		if !ok {
			continue
		}
		index++
		b.item(item, l.IsOrdered(), index, &group)
	}
}

// item emits a list item: the Item block for its first paragraph, then its
// other blocks with the item as their parent.
func (b *builder) item(li *ast.ListItem, ordered bool, index int, group *int) {
	savedParent, savedDepth := b.parent, b.listDepth
	defer func() { b.parent, b.listDepth = savedParent, savedDepth }()

	rest := li.FirstChild()
	switch para := rest.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		rest = rest.NextSibling()
		t, breaks := b.in.convert(para)
		lines := b.splitBreaks(t, breaks, b.firstLine(para), b.lastLine(para))
		// The item keeps its lines up to the first lazy continuation line
		// that is not a wrapped line: that one, and the lines after it,
		// were written after the list.
		cut := len(lines)
		contentCol := b.column(para, 0)
		for i := 1; i < len(lines); i++ {
			if lines[i].start == lines[i].end || b.lineColumn(lines[i].line) >= contentCol {
				continue
			}
			prev := i - 1
			for prev > 0 && lines[prev].start == lines[prev].end {
				prev--
			}
			if !wrapped(t.Plain[lines[prev].start:lines[prev].end], t.Plain[lines[i].start:lines[i].end]) {
				cut = i
				break
			}
		}
		kept := lines[:cut]
		for len(kept) > 0 && kept[len(kept)-1].start == kept[len(kept)-1].end {
			kept = kept[:len(kept)-1]
		}
		first := 0
		for first < len(kept) && kept[first].start == kept[first].end {
			first++
		}
		if first < len(kept) {
			txt := collapseSpace(t.sub(kept[first].start, kept[len(kept)-1].end, &b.a), &b.a)
			if *group == 0 {
				*group = b.newGroup()
			}
			idx := b.emit(Block{
				Kind:      Item,
				Line:      kept[first].line,
				EndLine:   kept[len(kept)-1].endLine,
				Depth:     b.listDepth,
				Text:      txt,
				Sentences: sentences(txt, &b.a),
				Group:     *group,
				Ordered:   ordered,
				Index:     index,
			})
			if cut < len(lines) {
				b.lineBlocks(t, lines[cut:], 0)
			}
			b.parent = idx
		} else if cut < len(lines) {
			b.lineBlocks(t, lines[cut:], 0)
		}
	}
	b.listDepth++
	for c := rest; c != nil; c = c.NextSibling() {
		b.block(c)
	}
}

// column returns the visual column (tabs to multiples of 4) of the first
// non-blank character of a block's i-th line.
func (b *builder) column(n ast.Node, i int) int {
	lines := n.Lines()
	if i >= lines.Len() {
		return 0
	}
	return b.columnAt(lines.At(i).Start)
}

// lineColumn returns the column of the first non-blank character of a
// source line that is not a blockquote marker.
func (b *builder) lineColumn(line int) int {
	if line < 1 || line > len(b.lines.starts) {
		return 0
	}
	start := b.lines.starts[line-1]
	col := 0
	for i := start; i < len(b.src) && b.src[i] != '\n'; i++ {
		switch b.src[i] {
		case ' ', '>':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col
		}
	}
	return col
}

// columnAt returns the column of the first non-blank character at or
// after offset, counted from the start of its line.
func (b *builder) columnAt(offset int) int {
	line := b.lines.line(offset)
	start := b.lines.starts[line-1]
	col := 0
	for i := start; i < len(b.src) && b.src[i] != '\n'; i++ {
		c := b.src[i]
		if i >= offset && c != ' ' && c != '\t' {
			return col
		}
		if c == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return col
}

func (b *builder) table(tbl *east.Table) {
	var header []Text
	group := 0
	for c := tbl.FirstChild(); c != nil; c = c.NextSibling() {
		switch row := c.(type) {
		case *east.TableHeader:
			header = b.cells(row)
		case *east.TableRow:
			cells := b.cells(row)
			empty := true
			for _, cell := range cells {
				if cell.Plain != "" {
					empty = false
					break
				}
			}
			if empty {
				continue
			}
			if group == 0 {
				group = b.newGroup()
			}
			line := b.lines.line(max(row.Pos(), 0))
			b.emit(Block{
				Kind:    Row,
				Line:    line,
				EndLine: line,
				Text:    joinTexts(cells, " | ", &b.a),
				Group:   group,
				Cells:   cells,
				Header:  header,
			})
		}
	}
}

func (b *builder) cells(row ast.Node) []Text {
	n := 0
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		n++
	}
	var cells []Text
	if n > 0 {
		cells = make([]Text, 0, n)
	}
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		t, _ := b.in.convert(c)
		t.Spans = b.a.copySpans(t.Spans) // the cell may keep them as they are
		cells = append(cells, collapseSpace(t, &b.a).trim(&b.a))
	}
	return cells
}
