package notes

// Note is one parsed Markdown file: its metadata and its content as a flat
// list of blocks in document order. A Note owns its slices; callers may read
// them freely but should not modify a Note shared with other goroutines.
type Note struct {
	// Path is the note's path exactly as given to Parse (slash-separated).
	Path string
	// Title is the frontmatter "title", else the text of the first H1,
	// else the file name without its extension.
	Title string
	// Tags holds the frontmatter "tags" (a YAML list, or a string split on
	// commas and spaces) followed by the inline #tags of the body, without
	// the leading '#', first occurrence kept, in order of appearance.
	Tags []string
	// Deck is the frontmatter "deck", or "" when the note names none.
	Deck string
	// Lines holds the raw source lines with the BOM removed and CRLF turned
	// into LF, without their line endings: Lines[0] is line 1.
	Lines []string
	// Blocks holds every piece of card text in document order. Fenced and
	// indented code, HTML blocks and comments, and the frontmatter never
	// appear here.
	Blocks []Block
	// Code holds the fenced and indented code blocks at the top level and
	// inside list items (not inside blockquotes), in document order. Rules
	// that look at Blocks alone never see them.
	Code []CodeBlock
}

// CodeBlock is one fenced or indented code block.
type CodeBlock struct {
	// Line is the 1-based line of the opening fence (of the first code
	// line for an indented block); EndLine is that of the last code line
	// (Line for a fenced block with no code).
	Line, EndLine int
	// Lang is the first word of a fence's info string ("sql" for
	// "```sql title"), or "" when there is none.
	Lang string
	// Text is the code without the fences and the indentation, lines
	// joined with "\n", with no final line ending.
	Text string
}

// Kind says what a Block is.
type Kind int

// The kinds of block.
const (
	// Heading is an ATX or setext heading; Depth is its level (1–6).
	Heading Kind = iota + 1
	// Line is one thought of a paragraph: a paragraph is split at soft line
	// breaks (in notes a line break ends a thought), except that a line that
	// was merely wrapped (it does not end with . ! ? : ; and the next line
	// starts with a lower-case letter) is joined with the next.
	Line
	// Item is one list item (bullet or ordered): the text of its first
	// paragraph. Later paragraphs of the item are Line blocks whose Parent is
	// the item; nested lists are Item blocks whose Parent is the item.
	Item
	// Row is one body row of a table; Cells and Header hold its cells.
	Row
)

// String returns the kind's name in lower case ("heading", "line", …).
func (k Kind) String() string {
	switch k {
	case Heading:
		return "heading"
	case Line:
		return "line"
	case Item:
		return "item"
	case Row:
		return "row"
	}
	return "unknown"
}

// Block is one unit of card text with its place in the note.
type Block struct {
	Kind Kind
	// Line and EndLine are the 1-based first and last source lines.
	Line, EndLine int
	// Depth is the heading level for a Heading, the list nesting depth for
	// an Item (0 for a top-level list), and 0 otherwise.
	Depth int
	// Text is the block's inline content. For a Row it is the cells joined
	// with " | ".
	Text Text
	// Sentences splits Text into sentences (at least one for Line and Item
	// blocks; nil for Heading and Row). Abbreviations such as "e.g.", "i.e.",
	// "Dr.", "M.", "cf.", "p. ex." and numbers like "3.5" do not end one.
	Sentences []Text
	// Headings is the heading path that encloses the block, outermost
	// first, as plain text (for a Heading: the headings above it).
	Headings []string
	// Parent is the index in Note.Blocks of the Item that contains this
	// block (a nested item, or a later paragraph line of an item), or -1.
	Parent int
	// Group identifies the paragraph (for Line), list (for Item) or table
	// (for Row) the block belongs to: blocks with the same Group are
	// siblings. Groups are numbered from 1 in document order; a Heading has
	// Group 0.
	Group int
	// Ordered is true for an item of an ordered list; Index is the item's
	// 1-based position among its siblings (for every Item).
	Ordered bool
	Index   int
	// Quote is true for a block inside a blockquote.
	Quote bool
	// Cells and Header are a Row's cells and its table's header cells
	// (Header may be shorter or longer than Cells).
	Cells  []Text
	Header []Text
}

// Text is inline content: the text a reader sees, with the spans of markup
// that were removed from it. Markup characters (**, _, `, ==, [[ ]], link
// targets, HTML tags and comments) are not part of Plain.
type Text struct {
	Plain string
	// Spans are sorted by Start, then by End descending (outer spans first).
	// Start and End are byte offsets into Plain.
	Spans []Span
}

// SpanKind says what markup a Span had.
type SpanKind int

// The kinds of inline span.
const (
	Emphasis      SpanKind = iota + 1 // *x* or _x_
	Strong                            // **x** or __x__
	Code                              // `x`
	Highlight                         // ==x==
	Link                              // [x](url), <url>; URL holds the target
	WikiLink                          // [[target]] or [[target|x]]; URL holds the target
	Strikethrough                     // ~~x~~
	Tag                               // #tag (the span covers "#tag" in Plain)
)

// String returns the span kind's name in lower case ("emphasis", …).
func (k SpanKind) String() string {
	switch k {
	case Emphasis:
		return "emphasis"
	case Strong:
		return "strong"
	case Code:
		return "code"
	case Highlight:
		return "highlight"
	case Link:
		return "link"
	case WikiLink:
		return "wikilink"
	case Strikethrough:
		return "strikethrough"
	case Tag:
		return "tag"
	}
	return "unknown"
}

// Span marks Plain[Start:End] as having had markup of the given kind.
type Span struct {
	Kind       SpanKind
	Start, End int
	URL        string
}
