package export

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

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
// ErrUnknownKind. A write error is returned as soon as it happens. Anki is
// safe for concurrent use as long as cs is not being modified.
func Anki(w io.Writer, cs []cards.Card, opts AnkiOptions) error {
	names := [...]string{cleanName(opts.BasicName, "Basic"), cleanName(opts.ClozeName, "Cloze")}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(ankiHeader)
	var skipped []error
	seen := make(map[cards.ID]bool, len(cs))
	var row []byte
	for _, c := range sorted(cs) {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		cells, err := ankiRow(&c, names)
		if err != nil {
			skipped = append(skipped, &CardError{ID: c.ID, Source: c.Source, Err: err})
			continue
		}
		row = row[:0]
		for i, cell := range cells {
			if i > 0 {
				row = append(row, '\t')
			}
			row = appendCell(row, cell)
		}
		row = append(row, '\n')
		if _, err := bw.Write(row); err != nil {
			return fmt.Errorf("write anki export: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write anki export: %w", err)
	}
	return errors.Join(skipped...)
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
	var n AnkiNote
	if c.ID == "" || strings.IndexFunc(string(c.ID), notAlnum) >= 0 {
		return n, ErrBadID
	}
	n.GUID = GUIDPrefix + string(c.ID)
	n.Deck = AnkiDeck(c.Deck)
	n.Tags = ankiTags(c.Tags, c.Rule)
	ctx := contextHTML(c.Context)
	switch c.Kind {
	case cards.Basic, cards.Reversed:
		front := renderHTML(c.Front)
		if front == "" {
			return n, ErrEmptyFront
		}
		n.Fields = [2]string{ctx + noCloze(front), noCloze(renderHTML(c.Back))}
	case cards.Cloze:
		text := renderHTML(c.Cloze)
		if !validCloze(text) {
			return n, ErrBadCloze
		}
		n.Cloze, n.Fields = true, [2]string{text, ctx}
	default:
		return n, fmt.Errorf("%w %d", ErrUnknownKind, int(c.Kind))
	}
	return n, nil
}

// ankiRow returns the six cells of c's row.
func ankiRow(c *cards.Card, names [2]string) ([6]string, error) {
	n, err := NewAnkiNote(c)
	if err != nil {
		return [6]string{}, err
	}
	typ := names[0]
	if n.Cloze {
		typ = names[1]
	}
	return [6]string{n.GUID, typ, n.Deck, n.Fields[0], n.Fields[1], n.Tags}, nil
}

func notAlnum(r rune) bool {
	return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
}

// appendCell appends s to b, quoted as FORMAT.md 4.5 asks: a cell holding a
// tab, '"', CR, LF or '#' anywhere is put in quotes with inner quotes
// doubled ('#' because Anki skips a record starting with '#' as a comment).
func appendCell(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\t\"\r\n#") {
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
// "::" level), sorted and without duplicates, ignoring case as Anki does.
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
	var levels []string
	for l := range strings.SplitSeq(cleanText(t), "::") {
		l = strings.Join(strings.Fields(l), "_")
		if l != "" {
			levels = append(levels, l)
		}
	}
	return strings.Join(levels, "::")
}

// renderHTML returns the light Markdown s as HTML on one line.
func renderHTML(s string) string {
	s = cleanText(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, t := range parseInline(s) {
		switch t.kind {
		case tokText:
			writeEscaped(&b, t.text)
		case tokEscaped:
			// An escaped brace is written as an entity, so that it can never
			// join a neighbour into a cloze marker Anki would act on.
			switch t.text {
			case "{":
				b.WriteString("&#123;")
			case "}":
				b.WriteString("&#125;")
			default:
				writeEscaped(&b, t.text)
			}
		case tokCode:
			b.WriteString("<code>")
			writeEscaped(&b, t.text)
			b.WriteString("</code>")
		case tokBreak:
			b.WriteString("<br>")
		case tokDelim:
			for _, tg := range t.close {
				b.WriteString(htmlTag(tg, true))
			}
			b.WriteString(t.literal())
			for _, tg := range t.open {
				b.WriteString(htmlTag(tg, false))
			}
		}
	}
	return b.String()
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

func writeEscaped(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, "&<>")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		}
		s = s[i+1:]
	}
}

// noCloze writes "{{" in a Basic field as "{&#123;": it shows the same,
// and Anki never mistakes it for a cloze marker.
func noCloze(s string) string {
	return strings.ReplaceAll(s, "{{", "{&#123;")
}

// contextHTML returns the breadcrumb div for ctx, or "" when ctx has no
// text.
func contextHTML(ctx []string) string {
	var parts []string
	for _, c := range ctx {
		if h := renderHTML(strings.Join(strings.Fields(c), " ")); h != "" {
			parts = append(parts, h)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return contextOpen + noCloze(strings.Join(parts, " › ")) + "</div>"
}

// validCloze reports whether text has at least one cloze deletion Anki
// 2.1.55 and later all read the same way: every {{cN:: marker closed, N a
// single number of at least 1. Markers are found as Anki finds them,
// leftmost first, with "}}" closing the innermost open one.
func validCloze(text string) bool {
	depth, count := 0, 0
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], "{{c"):
			j := i + 3
			for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ',') {
				j++
			}
			if j == i+3 || !strings.HasPrefix(text[j:], "::") {
				i++
				continue
			}
			num := text[i+3 : j]
			n, err := strconv.Atoi(num)
			if err != nil || n < 1 {
				return false // c0, c1,2 or an overflowing number
			}
			depth++
			count++
			i = j + 2
		case depth > 0 && strings.HasPrefix(text[i:], "}}"):
			depth--
			i += 2
		default:
			i++
		}
	}
	return depth == 0 && count > 0
}
