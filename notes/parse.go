package notes

import (
	"fmt"
	"path"
	"strings"

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
// share memory with src. Parse is safe for concurrent use.
func Parse(path string, src []byte) (*Note, error) {
	if len(src) > MaxSize {
		return nil, &ParseError{File: path, Line: 1,
			Err: fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(src), MaxSize)}
	}
	norm := normalize(src)
	if perr := checkBytes(path, norm); perr != nil {
		return nil, perr
	}
	lines := splitLines(norm)
	fmEnd, perr := frontmatterEnd(path, lines)
	if perr != nil {
		return nil, perr
	}
	if perr := complexity(path, lines, fmEnd+1); perr != nil {
		return nil, perr
	}

	pc := parser.NewContext()
	doc := newParser().Parse(text.NewReader(norm), parser.WithContext(pc))
	m, perr := decodeMeta(path, frontmatter.Get(pc))
	if perr != nil {
		return nil, perr
	}

	b := &builder{
		note:   &Note{Path: path, Deck: m.deck, Lines: lines},
		src:    norm,
		lines:  newLineIndex(norm),
		parent: -1,
	}
	for _, t := range m.tags {
		b.tags.add(t)
	}
	b.in = inliner{src: norm, lines: b.lines, tags: &b.tags}
	b.container(doc)

	n := b.note
	n.Blocks = b.blocks()
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

// newParser returns a goldmark parser for notes: CommonMark with GFM
// tables, strikethrough and task lists, YAML frontmatter, ==highlight==
// and [[wikilinks]]. A parser is cheap to build and is built per call so
// that the package keeps no state.
func newParser() parser.Parser {
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
	lines lineIndex
	in    inliner
	tags  tagList

	headings []heading
	path     []string // Headings of the blocks below the last heading
	h1       string   // text of the first level-1 heading
	groups   int
	chunks   [][]Block
	count    int // blocks in chunks

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
// Blocks are big: they go into chunks, copied once into Note.Blocks by
// blocks, rather than into a slice copied over and over as it grows.
func (b *builder) emit(blk Block) int {
	blk.Parent = b.parent
	blk.Quote = b.quote
	if blk.Kind != Heading {
		blk.Headings = b.path
	}
	if k := len(b.chunks) - 1; k < 0 || len(b.chunks[k]) == cap(b.chunks[k]) {
		// A note has at most a block per line: the first chunk fits
		// most notes, the next ones double.
		size := min(max(len(b.note.Lines), 8), 1024)
		if k >= 0 {
			size = min(2*cap(b.chunks[k]), 16384)
		}
		b.chunks = append(b.chunks, make([]Block, 0, size))
	}
	k := len(b.chunks) - 1
	b.chunks[k] = append(b.chunks[k], blk)
	b.count++
	return b.count - 1
}

// blocks returns the emitted blocks in one slice.
func (b *builder) blocks() []Block {
	if len(b.chunks) == 1 {
		return b.chunks[0]
	}
	if b.count == 0 {
		return nil
	}
	all := make([]Block, 0, b.count)
	for _, c := range b.chunks {
		all = append(all, c...)
	}
	return all
}

// container walks the children of a document, blockquote or list item.
func (b *builder) container(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.block(c)
	}
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
			t, breaks = stripCallout(t, breaks)
		}
		b.lineBlocks(t, splitBreaks(t, breaks, b.firstLine(v), b.lastLine(v)), 0)
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
	}
	// Code blocks, HTML blocks, thematic breaks and anything else hold no
	// card text.
}

// stripCallout removes the marker of an Obsidian callout ("[!tip]",
// "[!note]-") from the start of a blockquote's first paragraph, leaving
// the callout's title, if any, as a line of its own.
func stripCallout(t Text, breaks []lineBreak) (Text, []lineBreak) {
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
	moved := make([]lineBreak, len(breaks))
	for i, br := range breaks {
		br.pos -= end
		moved[i] = br
	}
	if len(moved) > 0 {
		moved[0].hard = true
	}
	return t.Slice(end, len(p)), moved
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
	t = collapseSpace(t).trim() // setext headings span lines
	for len(b.headings) > 0 && b.headings[len(b.headings)-1].level >= h.Level {
		b.headings = b.headings[:len(b.headings)-1]
	}
	above := b.headingPath()
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
	}
	b.path = b.headingPath()
}

// headingPath returns the texts of the open headings. Blocks share it, so
// its capacity is capped: appending to it never writes into another's.
func (b *builder) headingPath() []string {
	if len(b.headings) == 0 {
		return nil
	}
	p := make([]string, len(b.headings))
	for i, h := range b.headings {
		p[i] = h.text
	}
	return p[:len(p):len(p)]
}

// textLine is one line of a paragraph, a range of its Text.
type textLine struct {
	start, end int  // range in the paragraph's Plain, trimmed
	line       int  // 1-based source lines
	endLine    int  //
	hard       bool // ends with a hard break
}

// splitBreaks cuts the text of a paragraph on source lines first to last
// at its line breaks.
func splitBreaks(t Text, breaks []lineBreak, first, last int) []textLine {
	out := make([]textLine, 0, len(breaks)+1)
	start, line := 0, first
	for _, br := range breaks {
		s, e := trimBounds(t.Plain, start, br.pos)
		out = append(out, textLine{start: s, end: e, line: line, endLine: max(br.line-1, line), hard: br.hard})
		start, line = br.pos+1, br.line
	}
	s, e := trimBounds(t.Plain, start, len(t.Plain))
	out = append(out, textLine{start: s, end: e, line: line, endLine: max(last, line)})
	return out
}

// lineBlocks emits the lines of a paragraph as Line blocks of one group
// (created when group is 0), joining wrapped lines.
func (b *builder) lineBlocks(t Text, lines []textLine, group int) {
	var ranges []span
	var runs [][2]int // first and last index in lines of each block
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
		ranges = append(ranges, span{l.start, lines[j].end})
		runs = append(runs, [2]int{i, j})
		i = j
	}
	if len(ranges) == 0 {
		return
	}
	if group == 0 {
		group = b.newGroup()
	}
	for k, txt := range sliceRanges(t, ranges) {
		txt = collapseSpace(txt)
		first, last := lines[runs[k][0]], lines[runs[k][1]]
		b.emit(Block{
			Kind:      Line,
			Line:      first.line,
			EndLine:   last.endLine,
			Text:      txt,
			Sentences: sentences(txt),
			Group:     group,
		})
	}
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
		lines := splitBreaks(t, breaks, b.firstLine(para), b.lastLine(para))
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
			txt := collapseSpace(t.Slice(kept[first].start, kept[len(kept)-1].end))
			if *group == 0 {
				*group = b.newGroup()
			}
			idx := b.emit(Block{
				Kind:      Item,
				Line:      kept[first].line,
				EndLine:   kept[len(kept)-1].endLine,
				Depth:     b.listDepth,
				Text:      txt,
				Sentences: sentences(txt),
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
	if line < 1 || line > len(b.lines) {
		return 0
	}
	start := b.lines[line-1]
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
	start := b.lines[line-1]
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
				Text:    joinTexts(cells, " | "),
				Group:   group,
				Cells:   cells,
				Header:  header,
			})
		}
	}
}

func (b *builder) cells(row ast.Node) []Text {
	var cells []Text
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		t, _ := b.in.convert(c)
		cells = append(cells, collapseSpace(t).trim())
	}
	return cells
}
