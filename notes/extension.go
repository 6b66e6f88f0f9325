package notes

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The goldmark inline extensions for Obsidian syntax: ==highlight== and
// [[wikilinks]]. They only build AST nodes; nothing here renders HTML.
// Every note is parsed by one shared goldmark parser (see markdown), from
// several goroutines at once: the parsers here must keep no state, all of
// it goes in the nodes and the parser.Context.

// Node kinds are registered once with goldmark; they are never modified.
var (
	kindHighlight = ast.NewNodeKind("MnemoHighlight")
	kindWikiLink  = ast.NewNodeKind("MnemoWikiLink")
)

// highlightNode is ==text==; its children are the highlighted inlines.
type highlightNode struct {
	ast.BaseInline
}

func (n *highlightNode) Kind() ast.NodeKind { return kindHighlight }

func (n *highlightNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// highlightDelimiters follows goldmark's strikethrough: "==" runs are
// delimiters that pair like emphasis.
type highlightDelimiters struct{}

func (highlightDelimiters) IsDelimiter(b byte) bool { return b == '=' }

func (highlightDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (highlightDelimiters) OnMatch(consumes int) ast.Node { return &highlightNode{} }

// highlightParser is the inline parser for "==". Code spans are parsed
// before it, so "==" inside backticks stays literal.
type highlightParser struct{}

func (highlightParser) Trigger() []byte { return []byte{'='} }

func (highlightParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 2, highlightDelimiters{})
	if node == nil || node.OriginalLength != 2 || before == '=' {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

// wikiLinkNode is [[target]], [[target|label]] or [[target#heading]]; an
// embed is the same with a leading '!'.
type wikiLinkNode struct {
	ast.BaseInline
	Target []byte
	Label  []byte // nil when the link has none
	Embed  bool
	// TargetAt is where Target may start in the source, or -1: Target
	// is then most often the source's bytes there.
	TargetAt int
}

func (n *wikiLinkNode) Kind() ast.NodeKind { return kindWikiLink }

func (n *wikiLinkNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Target": string(n.Target),
		"Label":  string(n.Label),
	}, nil)
}

// wikiLinkParser parses Obsidian wikilinks. It runs before goldmark's link
// parser and gives way to it (returns nil) on anything else. A link never
// spans lines, and the search for "]]" stops at the next "[[", so a line
// full of unclosed "[[" costs linear time.
type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'[', '!'} }

func (wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	i := 0
	embed := false
	if len(line) > 0 && line[0] == '!' {
		embed = true
		i = 1
	}
	if len(line) < i+4 || line[i] != '[' || line[i+1] != '[' {
		return nil
	}
	start := i + 2
	end := -1
	for j := start; j+1 < len(line); j++ {
		c := line[j]
		if c == '\n' {
			break
		}
		if c == ']' && line[j+1] == ']' {
			end = j
			break
		}
		if c == '[' && line[j+1] == '[' {
			break
		}
	}
	if end < 0 {
		return nil
	}
	inner := line[start:end]
	target, label := inner, []byte(nil)
	if k := bytes.IndexByte(inner, '|'); k >= 0 {
		target, label = inner[:k], inner[k+1:]
		// In a table cell the pipe is escaped: [[target\|label]].
		target = bytes.TrimSuffix(target, []byte{'\\'})
		label = bytes.TrimSpace(label)
	}
	target = bytes.TrimSpace(target)
	if len(target) == 0 && len(label) == 0 {
		return nil
	}
	at := -1
	if seg.Padding == 0 {
		// target is a part of line, which starts at seg.Start in the
		// source unless it was padded.
		at = seg.Start + cap(line) - cap(target)
	}
	block.Advance(end + 2)
	return &wikiLinkNode{Target: target, Label: label, Embed: embed, TargetAt: at}
}
