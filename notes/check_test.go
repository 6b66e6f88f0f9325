package notes

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkNote returns the invariants a parsed note breaks.
func checkNote(n *Note) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	checkText := func(where string, t Text) {
		if !utf8.ValidString(t.Plain) {
			fail("%s: Plain %q is not valid UTF-8", where, t.Plain)
		}
		for i, sp := range t.Spans {
			if sp.Start < 0 || sp.End > len(t.Plain) || sp.Start >= sp.End {
				fail("%s: span %d %+v out of bounds of %d bytes", where, i, sp, len(t.Plain))
				continue
			}
			if !utf8.ValidString(t.Plain[sp.Start:sp.End]) {
				fail("%s: span %d %+v cuts a character", where, i, sp)
			}
			if i > 0 && spanLess(sp, t.Spans[i-1]) {
				fail("%s: span %d %+v is out of order", where, i, sp)
			}
		}
	}
	for _, l := range n.Lines {
		if !utf8.ValidString(l) {
			fail("line %q is not valid UTF-8", l)
		}
	}
	for i, b := range n.Blocks {
		short := b.Text.Plain
		if len(short) > 40 {
			short = strings.ToValidUTF8(short[:40], "") + "…"
		}
		where := fmt.Sprintf("block %d (%s %q)", i, b.Kind, short)
		if b.Line < 1 || b.Line > len(n.Lines) || b.EndLine < b.Line || b.EndLine > len(n.Lines) {
			fail("%s: lines %d-%d outside 1-%d", where, b.Line, b.EndLine, len(n.Lines))
		}
		if i > 0 && b.Line < n.Blocks[i-1].Line {
			fail("%s: starts on line %d, before the block above (%d)", where, b.Line, n.Blocks[i-1].Line)
		}
		if b.Text.Plain == "" {
			fail("%s: empty text", where)
		}
		checkText(where, b.Text)
		for j, s := range b.Sentences {
			checkText(fmt.Sprintf("%s sentence %d", where, j), s)
		}
		for j, c := range b.Cells {
			checkText(fmt.Sprintf("%s cell %d", where, j), c)
		}
		for j, c := range b.Header {
			checkText(fmt.Sprintf("%s header %d", where, j), c)
		}
		switch b.Kind {
		case Line, Item:
			if len(b.Sentences) == 0 {
				fail("%s: no sentences", where)
			}
		case Heading, Row:
			if b.Sentences != nil {
				fail("%s: has sentences", where)
			}
		default:
			fail("%s: unknown kind", where)
		}
		if b.Parent != -1 && (b.Parent < 0 || b.Parent >= i || n.Blocks[b.Parent].Kind != Item) {
			fail("%s: parent %d is not an item above it", where, b.Parent)
		}
		if (b.Kind == Heading) != (b.Group == 0) {
			fail("%s: group %d", where, b.Group)
		}
		if b.Kind == Item && b.Index < 1 {
			fail("%s: index %d", where, b.Index)
		}
		if b.Kind == Heading && (b.Depth < 1 || b.Depth > 6) {
			fail("%s: heading depth %d", where, b.Depth)
		}
	}
	for i, c := range n.Code {
		if c.Line < 1 || c.EndLine < c.Line || c.EndLine > len(n.Lines) {
			fail("code %d: lines %d-%d outside 1-%d", i, c.Line, c.EndLine, len(n.Lines))
		}
		if i > 0 && c.Line <= n.Code[i-1].EndLine {
			fail("code %d: starts on line %d, within the code above (%d-%d)", i, c.Line, n.Code[i-1].Line, n.Code[i-1].EndLine)
		}
		if strings.HasSuffix(c.Text, "\n") || strings.ContainsAny(c.Lang, " \t\n") {
			fail("code %d: text %q or language %q not trimmed", i, c.Text, c.Lang)
		}
	}
	for _, tag := range n.Tags {
		if tag == "" || tag[0] == '#' || !utf8.ValidString(tag) {
			fail("bad tag %q", tag)
		}
	}
	return errs
}

// checkError returns what is wrong with an error from Parse.
func checkError(err error) error {
	perr, ok := errors.AsType[*ParseError](err)
	if !ok {
		return fmt.Errorf("error %T %v is not a *ParseError", err, err)
	}
	if perr.Line < 1 {
		return fmt.Errorf("error %v has line %d", err, perr.Line)
	}
	for _, sentinel := range []error{ErrBinary, ErrEncoding, ErrFrontmatter, ErrTooLarge, ErrTooComplex} {
		if errors.Is(err, sentinel) {
			return nil
		}
	}
	return fmt.Errorf("error %v wraps no sentinel", err)
}
