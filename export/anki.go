package export

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/cards"
)

// AnkiOptions configures Anki. The zero value targets a collection created
// in English, whose stock note types are "Basic" and "Cloze".
type AnkiOptions struct {
	// BasicName is the collection's name for the stock Basic note type
	// (fields Front, Back); "" means "Basic". A German collection calls it
	// "Einfach", a French one "Basique".
	BasicName string
	// ClozeName is the collection's name for the stock Cloze note type
	// (fields Text, Back Extra); "" means "Cloze".
	ClozeName string
}

// ankiHeader is the export profile of /work/shared/anki/FORMAT.md section
// 12: Anki's own "Notes in Plain Text" layout with every column on.
const ankiHeader = "#separator:tab\n" +
	"#html:true\n" +
	"#guid column:1\n" +
	"#notetype column:2\n" +
	"#deck column:3\n" +
	"#tags column:6\n" +
	"#if matches:update current\n"

// GUIDPrefix starts every GUID Anki writes; the rest is the card ID, so a
// re-import updates the notes of an earlier one.
const GUIDPrefix = "mnemo"

// contextOpen starts the breadcrumb shown with a card. Single-quoted
// attributes and a named colour keep '"' and '#' out of the cell, so the
// common row needs no CSV quoting.
const contextOpen = "<div class='mnemo-context' style='font-size:smaller;color:gray'>"

// Anki writes cs to w in Anki's text import format: UTF-8 without BOM, LF
// line endings, the fixed header block of our export profile, then one
// tab-separated row per card: GUID, note type, deck, field 1, field 2, tags.
//
// Rows are sorted as Sort sorts, so the same cards always give the same
// bytes; cs itself is not modified. A card whose ID repeats an earlier one
// is left out, so a GUID never appears twice.
//
//   - Basic and Reversed cards become notes of the Basic type (a reversed
//     card is already the second direction of a pair, so Anki's "Basic (and
//     reversed card)" type would make it twice). Field 1 is the breadcrumb
//     (Card.Context) in a small grey div, then the question; field 2 is the
//     answer. The breadcrumb sits on the question side because a short
//     question often means nothing without its heading.
//   - Cloze cards become notes of the Cloze type: field 1 is Card.Cloze with
//     its {{cN::…}} markers kept as written, field 2 (Back Extra) the
//     breadcrumb.
//
// Text fields are light Markdown rendered to HTML (**bold** → <b>,
// *italic* → <i>, `code` → <code>, ~~strike~~ → <s>, ==mark== → <mark>;
// line breaks → <br>; &, < and > escaped). Outside Card.Cloze, "{{" is
// written "{&#123;", which reads the same but is never a cloze marker.
//
// The deck cell is the card's deck with each "::" level trimmed and empty
// levels dropped; an empty deck becomes "Default", and a purely numeric one
// such as "2018" becomes "mnemo::2018", because Anki reads a number in the
// deck column as a deck id and skips the note when no deck has that id.
// Tags are the card's tags plus "mnemo" and "mnemo::<rule>", with spaces
// turned into "_", sorted and without duplicates.
//
// A card that cannot make a valid note (empty front, cloze text without a
// valid deletion, bad ID, unknown kind) is skipped and the other cards are
// still written; the returned error then joins one *CardError per skipped
// card, each unwrapping to ErrEmptyFront, ErrBadCloze, ErrBadID or
// ErrUnknownKind. A write error is returned as soon as it happens. Rows
// are rendered on up to GOMAXPROCS goroutines and written in order; the
// bytes do not depend on how many. Anki is safe for concurrent use as long
// as cs is not being modified.
func Anki(w io.Writer, cs []cards.Card, opts AnkiOptions) error {
	names := [...]string{cleanName(opts.BasicName, "Basic"), cleanName(opts.ClozeName, "Cloze")}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(ankiHeader)
	ord := order(cs)
	seen := make(map[cards.ID]struct{}, len(cs))
	keep := ord[:0]
	for _, i := range ord {
		if _, dup := seen[cs[i].ID]; !dup {
			seen[cs[i].ID] = struct{}{}
			keep = append(keep, i)
		}
	}
	skipped, err := writeRows(bw, cs, keep, names, runtime.GOMAXPROCS(0))
	if err != nil {
		return fmt.Errorf("write anki export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write anki export: %w", err)
	}
	return errors.Join(skipped...)
}

// rowChunk is how many rows one worker renders at a time: enough to make
// handing out work cheap, few enough to keep both cores busy to the end.
const rowChunk = 1024

// writeRows writes the rows of cs[idx[0]], cs[idx[1]], … to w, rendered by
// up to workers goroutines a chunk at a time and written in order. It
// returns the cards it skipped, in order, or the first write error.
func writeRows(w io.Writer, cs []cards.Card, idx []int, names [2]string, workers int) ([]error, error) {
	n := (len(idx) + rowChunk - 1) / rowChunk
	workers = max(1, min(workers, n))
	if workers == 1 {
		r := newAnkiRenderer(names)
		var skipped []error
		var rows []byte
		for k := 0; k < len(idx); k += rowChunk {
			var s []error
			rows, s = r.rows(rows[:0], cs, idx[k:min(k+rowChunk, len(idx))])
			skipped = append(skipped, s...)
			if _, err := w.Write(rows); err != nil {
				return nil, err
			}
		}
		return skipped, nil
	}
	type chunk struct {
		rows    []byte
		skipped []error
		done    chan struct{}
	}
	chunks := make([]chunk, n)
	for k := range chunks {
		chunks[k].done = make(chan struct{})
	}
	// Workers take chunks in order. At most slots chunks are rendered and
	// not yet written, so memory stays bounded when w is slow; a written
	// chunk's buffer goes back to free for the next.
	slots := 4 * workers
	sem := make(chan struct{}, slots)
	free := make(chan []byte, slots)
	quit := make(chan struct{}) // closed when the writer gives up
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			r := newAnkiRenderer(names)
			for {
				select {
				case sem <- struct{}{}:
				case <-quit:
					return
				}
				k := int(next.Add(1) - 1)
				select {
				case <-quit:
					k = n // the writer gave up: render nothing more
				default:
				}
				if k >= n {
					<-sem // the slot just taken: no chunk holds it
					return
				}
				var buf []byte
				select {
				case buf = <-free:
				default:
				}
				c := &chunks[k]
				c.rows, c.skipped = r.rows(buf[:0], cs, idx[k*rowChunk:min((k+1)*rowChunk, len(idx))])
				close(c.done)
			}
		})
	}
	var skipped []error
	for k := range chunks {
		c := &chunks[k]
		<-c.done
		skipped = append(skipped, c.skipped...)
		_, err := w.Write(c.rows)
		select {
		case free <- c.rows:
		default:
		}
		c.rows = nil
		<-sem
		if err != nil {
			// Workers waiting for a slot see quit; one rendering a chunk
			// finishes it, then sees quit too. Slots are never taken back
			// here: draining them could steal the one a worker is about
			// to give back, and leave it waiting forever.
			close(quit)
			wg.Wait()
			return nil, err
		}
	}
	wg.Wait()
	return skipped, nil
}

// AnkiNote is a card as an Anki note, as both the text export and the
// .apkg writer (export/apkg) store it, so the two formats name and fill the
// same notes.
type AnkiNote struct {
	GUID string // GUIDPrefix + card ID
	// Cloze is true for a Cloze note (Text, Back Extra), false for a
	// Basic one (Front, Back).
	Cloze  bool
	Fields [2]string // HTML
	Deck   string    // Anki deck name, levels joined with "::"
	Tags   string    // space-separated, cleaned, sorted
}

// NewAnkiNote returns c as an Anki note. It returns ErrBadID,
// ErrEmptyFront, ErrBadCloze or ErrUnknownKind for a card that cannot be
// one.
func NewAnkiNote(c *cards.Card) (AnkiNote, error) {
	var r ankiRenderer
	cloze, err := r.fields(c)
	if err != nil {
		return AnkiNote{}, err
	}
	return AnkiNote{
		GUID:   GUIDPrefix + string(c.ID),
		Cloze:  cloze,
		Fields: [2]string{string(r.field[0]), string(r.field[1])},
		Deck:   r.deck(c.Deck),
		Tags:   r.tags(c.Tags, c.Rule),
	}, nil
}

// ankiRenderer turns cards into notes and rows, reusing its buffers from
// one card to the next. Cards in export order come note by note, so it
// keeps the deck, breadcrumb and tags of the last card with what they
// gave, and works them out again only when they change. It is not safe for
// concurrent use.
type ankiRenderer struct {
	names [2]string // the note type cells, quoted

	field [2][]byte // the fields of the last card, as HTML
	toks  []token

	lastDeck, deckName string
	haveDeck           bool
	lastContext        []string
	contextDiv         []byte
	haveContext        bool
	lastTags           []string
	tagCells           map[string]string // rule → tags cell, for lastTags
}

func newAnkiRenderer(names [2]string) *ankiRenderer {
	return &ankiRenderer{names: [2]string{
		string(appendCell(nil, names[0])),
		string(appendCell(nil, names[1])),
	}}
}

// rows appends the rows of cs[idx[0]], cs[idx[1]], … to b, and returns
// one *CardError per card it skipped.
func (r *ankiRenderer) rows(b []byte, cs []cards.Card, idx []int) ([]byte, []error) {
	var skipped []error
	for _, i := range idx {
		c := &cs[i]
		cloze, err := r.fields(c)
		if err != nil {
			skipped = append(skipped, &CardError{ID: c.ID, Source: c.Source, Err: err})
			continue
		}
		// The GUID is letters and digits only: it never needs quoting.
		b = append(b, GUIDPrefix...)
		b = append(b, c.ID...)
		b = append(b, '\t')
		if cloze {
			b = append(b, r.names[1]...)
		} else {
			b = append(b, r.names[0]...)
		}
		b = append(b, '\t')
		b = appendCell(b, r.deck(c.Deck))
		b = append(b, '\t')
		b = appendCell(b, r.field[0])
		b = append(b, '\t')
		b = appendCell(b, r.field[1])
		b = append(b, '\t')
		b = appendCell(b, r.tags(c.Tags, c.Rule))
		b = append(b, '\n')
	}
	return b, skipped
}

// fields renders c's two fields into r.field and reports whether c is a
// Cloze note. The errors are those of NewAnkiNote.
func (r *ankiRenderer) fields(c *cards.Card) (cloze bool, err error) {
	if !alnumID(c.ID) {
		return false, ErrBadID
	}
	f0, f1 := r.field[0][:0], r.field[1][:0]
	defer func() { r.field[0], r.field[1] = f0, f1 }()
	switch c.Kind {
	case cards.Basic, cards.Reversed:
		f0 = append(f0, r.context(c.Context)...)
		n := len(f0)
		if f0 = r.html(f0, c.Front); len(f0) == n {
			return false, ErrEmptyFront
		}
		f0 = noClozeFrom(f0, n)
		f1 = noClozeFrom(r.html(f1, c.Back), 0)
		return false, nil
	case cards.Cloze:
		if f0 = r.html(f0, c.Cloze); !validCloze(f0) {
			return false, ErrBadCloze
		}
		f1 = append(f1, r.context(c.Context)...)
		return true, nil
	}
	return false, fmt.Errorf("%w %d", ErrUnknownKind, int(c.Kind))
}

// html appends the light Markdown s rendered as HTML.
func (r *ankiRenderer) html(b []byte, s string) []byte {
	b, r.toks = appendHTML(b, r.toks[:0], s)
	return b
}

// deck returns AnkiDeck(deck).
func (r *ankiRenderer) deck(deck string) string {
	if !r.haveDeck || deck != r.lastDeck {
		r.lastDeck, r.deckName, r.haveDeck = deck, AnkiDeck(deck), true
	}
	return r.deckName
}

// context returns the breadcrumb div of ctx (see appendContext). The
// result is valid until the next call.
func (r *ankiRenderer) context(ctx []string) []byte {
	if !r.haveContext || !slices.Equal(ctx, r.lastContext) {
		r.lastContext, r.haveContext = ctx, true
		r.contextDiv = r.appendContext(r.contextDiv[:0], ctx)
	}
	return r.contextDiv
}

// tags returns ankiTags(tags, rule).
func (r *ankiRenderer) tags(tags []string, rule string) string {
	if r.tagCells == nil || !slices.Equal(tags, r.lastTags) {
		r.lastTags = tags
		clear(r.tagCells)
		if r.tagCells == nil {
			r.tagCells = make(map[string]string)
		}
	}
	// The cards of a note share its tags but not their rule.
	cell, ok := r.tagCells[rule]
	if !ok {
		cell = ankiTags(tags, rule)
		r.tagCells[rule] = cell
	}
	return cell
}

// appendContext appends the breadcrumb div for ctx, or nothing when ctx
// has no text.
func (r *ankiRenderer) appendContext(b []byte, ctx []string) []byte {
	start := len(b)
	b = append(b, contextOpen...)
	n := len(b)
	parts := 0
	for _, c := range ctx {
		m := len(b)
		if parts > 0 {
			b = append(b, " › "...)
		}
		k := len(b)
		if b = r.html(b, oneSpaced(c)); len(b) == k {
			b = b[:m] // no text: no part, and no separator for it
			continue
		}
		parts++
	}
	if parts == 0 {
		return b[:start]
	}
	b = noClozeFrom(b, n)
	return append(b, "</div>"...)
}

// alnumID reports whether id is a valid GUID suffix: not empty, ASCII
// letters and digits only.
func alnumID(id cards.ID) bool {
	for i := 0; i < len(id); i++ {
		if c := id[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return id != ""
}

// oneSpaced returns s with its white space runs made one space and
// trimmed: strings.Join(strings.Fields(s), " "), without allocating when
// s is already so, as a breadcrumb nearly always is.
func oneSpaced(s string) string {
	space := true // at the start, or after a space
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c <= ' ' && (c != ' ' || space):
			return strings.Join(strings.Fields(s), " ")
		default:
			space = c == ' '
		}
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// appendCell appends s to b, quoted as FORMAT.md 4.5 asks: a cell holding a
// tab, '"', CR, LF or '#' anywhere is put in quotes with inner quotes
// doubled ('#' because Anki skips a record starting with '#' as a comment).
func appendCell[T string | []byte](b []byte, s T) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// needsQuotes reports whether s holds a tab, '"', CR, LF or '#'. It looks
// at eight bytes at a time: the cells of a big export add up to tens of
// megabytes, nearly all of which need no quotes.
func needsQuotes[T string | []byte](s T) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// hasZero is not 0 when a byte of x is 0 (and exactly then).
	hasZero := func(x uint64) uint64 { return (x - ones) &^ x & highs }
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if hasZero(x^(ones*'\t'))|hasZero(x^(ones*'"'))|hasZero(x^(ones*'\r'))|
			hasZero(x^(ones*'\n'))|hasZero(x^(ones*'#')) != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case '\t', '"', '\r', '\n', '#':
			return true
		}
	}
	return false
}

// cleanName returns a note type name fit for a cell, or def when none is
// left.
func cleanName(s, def string) string {
	s = strings.Join(strings.Fields(cleanText(s)), " ")
	if s == "" {
		return def
	}
	return s
}

// AnkiDeck returns the Anki deck name of deck: levels cleaned and trimmed of
// white space and ':' (as Anki trims them), empty levels dropped, "Default"
// when nothing is left, and "mnemo::" in front of a name Anki would read as
// a deck id.
func AnkiDeck(deck string) string {
	var levels []string
	for l := range strings.SplitSeq(cleanText(deck), "::") {
		l = strings.Join(strings.Fields(l), " ")
		l = strings.Trim(l, ": ")
		if l != "" {
			levels = append(levels, l)
		}
	}
	d := strings.Join(levels, "::")
	if d == "" {
		return "Default"
	}
	if isInteger(d) {
		return GUIDPrefix + "::" + d
	}
	return d
}

// isInteger reports whether Anki would try s as a numeric id: an optional
// sign and ASCII digits only (whatever the range, to be safe).
func isInteger(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// ankiTags returns the tags cell: the card's tags plus "mnemo" and
// "mnemo::<rule>", each cleaned (spaces inside a tag become '_', no empty
// "::" level, no ':' at a level's edge), sorted and without duplicates, ignoring case as Anki does.
func ankiTags(tags []string, rule string) string {
	all := make([]string, 0, len(tags)+2)
	add := func(t string) {
		if t = cleanTag(t); t != "" {
			all = append(all, t)
		}
	}
	for _, t := range tags {
		add(t)
	}
	add(GUIDPrefix)
	if rule != "" {
		add(GUIDPrefix + "::" + rule)
	}
	slices.SortFunc(all, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
	out := all[:0]
	for _, t := range all {
		if len(out) > 0 && strings.EqualFold(out[len(out)-1], t) {
			continue
		}
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

func cleanTag(t string) string {
	if tagIsClean(t) {
		return t
	}
	return cleanTagLevels(t)
}

// cleanTagLevels is cleanTag without its shortcut: each "::" level of t
// cleaned, its spaces made '_', and the empty levels dropped.
func cleanTagLevels(t string) string {
	var levels []string
	for l := range strings.SplitSeq(cleanText(t), "::") {
		// a ':' at a level's edge would run into the "::" beside it
		// ("mnemo::" + ": ::0" gave "mnemo:::::0", whose levels Anki
		// cannot tell apart)
		l = strings.Trim(strings.Join(strings.Fields(l), "_"), ":")
		if l != "" {
			levels = append(levels, l)
		}
	}
	return strings.Join(levels, "::")
}

// tagIsClean reports whether cleanTag would return t as it is: printable
// ASCII without spaces, and no empty "::" level nor one with a ':' at its
// edge. Most tags are, and the check allocates nothing.
func tagIsClean(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] <= ' ' || t[i] >= 0x7f {
			return false
		}
	}
	for l := range strings.SplitSeq(t, "::") {
		if l == "" || l[0] == ':' || l[len(l)-1] == ':' {
			return false
		}
	}
	return true
}

// renderHTML returns the light Markdown s as HTML on one line.
func renderHTML(s string) string {
	b, _ := appendHTML(nil, nil, s)
	return string(b)
}

// appendHTML appends the light Markdown s rendered as HTML on one line to
// b, parsing into toks, whose memory it reuses and returns.
func appendHTML(b []byte, toks []token, s string) ([]byte, []token) {
	s = cleanText(s)
	if strings.IndexAny(s, "\n\\`*_~=") < 0 {
		// Nothing the inline reader acts on: all text.
		return appendEscaped(b, s), toks
	}
	return appendInlineHTML(b, toks, s)
}

// appendInlineHTML is appendHTML for s already cleaned, through the
// inline reader whatever s holds.
func appendInlineHTML(b []byte, toks []token, s string) ([]byte, []token) {
	toks = appendInline(toks[:0], s)
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tokText:
			b = appendEscaped(b, t.text)
		case tokEscaped:
			// An escaped brace is written as an entity, so that it can never
			// join a neighbour into a cloze marker Anki would act on.
			switch t.text {
			case "{":
				b = append(b, "&#123;"...)
			case "}":
				b = append(b, "&#125;"...)
			default:
				b = appendEscaped(b, t.text)
			}
		case tokCode:
			b = append(b, "<code>"...)
			b = appendEscaped(b, t.text)
			b = append(b, "</code>"...)
		case tokBreak:
			b = append(b, "<br>"...)
		case tokDelim:
			for _, tg := range t.close {
				b = append(b, htmlTag(tg, true)...)
			}
			for range t.n {
				b = append(b, t.ch)
			}
			for _, tg := range t.open {
				b = append(b, htmlTag(tg, false)...)
			}
		}
	}
	return b, toks
}

func htmlTag(t tag, closing bool) string {
	switch {
	case t == tagStrong && !closing:
		return "<b>"
	case t == tagStrong:
		return "</b>"
	case t == tagEm && !closing:
		return "<i>"
	case t == tagEm:
		return "</i>"
	case t == tagStrike && !closing:
		return "<s>"
	case t == tagStrike:
		return "</s>"
	case !closing:
		return "<mark>"
	}
	return "</mark>"
}

func appendEscaped(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, "&<>")
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		}
		s = s[i+1:]
	}
}

// noClozeFrom writes each "{{" in b[from:] as "{&#123;": it shows the
// same in a Basic field, and Anki never mistakes it for a cloze marker.
func noClozeFrom(b []byte, from int) []byte {
	if !bytes.Contains(b[from:], []byte("{{")) {
		return b
	}
	s := strings.ReplaceAll(string(b[from:]), "{{", "{&#123;")
	return append(b[:from], s...)
}

// validCloze reports whether text has at least one cloze deletion Anki
// 2.1.55 and later all read the same way: every {{cN:: marker closed, N a
// single number of at least 1. Markers are found as Anki finds them,
// leftmost first, with "}}" closing the innermost open one.
func validCloze(text []byte) bool {
	depth, count := 0, 0
	for i := 0; i < len(text); {
		// Only "{{c", and "}}" inside a marker, count: skip to a brace.
		var j int
		if depth > 0 {
			j = bytes.IndexAny(text[i:], "{}")
		} else {
			j = bytes.IndexByte(text[i:], '{')
		}
		if j < 0 {
			break
		}
		i += j
		switch {
		case hasPrefixAt(text, i, "{{c"):
			j := i + 3
			for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ',') {
				j++
			}
			if j == i+3 || !hasPrefixAt(text, j, "::") {
				i++
				continue
			}
			num := string(text[i+3 : j])
			n, err := strconv.Atoi(num)
			if err != nil || n < 1 {
				return false // c0, c1,2 or an overflowing number
			}
			depth++
			count++
			i = j + 2
		case depth > 0 && hasPrefixAt(text, i, "}}"):
			depth--
			i += 2
		default:
			i++
		}
	}
	return depth == 0 && count > 0
}

// hasPrefixAt reports whether text[i:] starts with prefix.
func hasPrefixAt(text []byte, i int, prefix string) bool {
	return len(text)-i >= len(prefix) && string(text[i:i+len(prefix)]) == prefix
}
