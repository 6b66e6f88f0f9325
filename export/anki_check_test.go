package export

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/cards"
)

// checkAnkiOutput re-reads an Anki export with the quoting rules of
// FORMAT.md section 4 and checks the export profile of section 12.
func checkAnkiOutput(t *testing.T, data []byte) {
	t.Helper()
	if err := recheckAnki(data); err != nil {
		t.Errorf("export does not pass the re-check: %v\n%s", err, data)
	}
}

func recheckAnki(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8")
	}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		return errors.New("starts with a BOM")
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		return errors.New("no final newline")
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		return errors.New("contains CR")
	}
	text := string(data)
	if !strings.HasPrefix(text, ankiHeader) {
		return errors.New("header block differs")
	}
	rows, err := readRecords(text[len(ankiHeader):])
	if err != nil {
		return err
	}
	guids := map[string]bool{}
	for i, cells := range rows {
		if len(cells) != 6 {
			return fmt.Errorf("row %d has %d cells, want 6: %q", i+1, len(cells), cells)
		}
		for k, c := range cells {
			if strings.IndexFunc(c, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }) >= 0 {
				return fmt.Errorf("row %d cell %d has a control character: %q", i+1, k+1, c)
			}
		}
		guid := cells[0]
		if !strings.HasPrefix(guid, GUIDPrefix) || strings.IndexFunc(guid, notAlnum) >= 0 {
			return fmt.Errorf("row %d: bad GUID %q", i+1, guid)
		}
		if guids[guid] {
			return fmt.Errorf("row %d: GUID %q repeated", i+1, guid)
		}
		guids[guid] = true
		if cells[1] != "Basic" && cells[1] != "Cloze" {
			return fmt.Errorf("row %d: note type %q", i+1, cells[1])
		}
		deck := cells[2]
		if deck == "" || isInteger(deck) {
			return fmt.Errorf("row %d: bad deck %q", i+1, deck)
		}
		for l := range strings.SplitSeq(deck, "::") {
			if strings.TrimSpace(l) == "" || strings.TrimSpace(l) != l {
				return fmt.Errorf("row %d: deck %q has an empty or untrimmed level", i+1, deck)
			}
		}
		if cells[3] == "" {
			return fmt.Errorf("row %d: empty first field", i+1)
		}
		if cells[1] == "Cloze" && !validCloze([]byte(cells[3])) {
			return fmt.Errorf("row %d: cloze text %q has no valid deletion", i+1, cells[3])
		}
		for k := 3; k <= 4; k++ {
			if strings.ContainsRune(cells[k], '\n') {
				return fmt.Errorf("row %d: field %d has a raw line break", i+1, k-2)
			}
		}
		for tag := range strings.FieldsSeq(cells[5]) {
			for l := range strings.SplitSeq(tag, "::") {
				if l == "" {
					return fmt.Errorf("row %d: tag %q has an empty level", i+1, tag)
				}
			}
		}
	}
	return nil
}

// readRecords splits text into tab-separated records, the way Anki's CSV
// reader does, but strictly: a quote inside an unquoted cell, text after a
// closing quote, an unclosed quote or a record starting with '#' is an
// error.
func readRecords(text string) ([][]string, error) {
	var rows [][]string
	var cells []string
	var cell strings.Builder
	line := 8
	startRecord := true
	for i := 0; i < len(text); {
		if startRecord {
			if text[i] == '#' {
				return nil, fmt.Errorf("line %d: record starts with '#' and would be a comment", line)
			}
			if text[i] == '\n' {
				return nil, fmt.Errorf("line %d: blank line", line)
			}
			startRecord = false
		}
		if text[i] == '"' {
			i++
			for {
				if i >= len(text) {
					return nil, fmt.Errorf("line %d: quoted cell never closed", line)
				}
				if text[i] == '"' {
					if i+1 < len(text) && text[i+1] == '"' {
						cell.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				if text[i] == '\n' {
					line++
				}
				cell.WriteByte(text[i])
				i++
			}
			if i < len(text) && text[i] != '\t' && text[i] != '\n' {
				return nil, fmt.Errorf("line %d: text after a closing quote", line)
			}
		} else {
			for i < len(text) && text[i] != '\t' && text[i] != '\n' {
				if text[i] == '"' {
					return nil, fmt.Errorf("line %d: quote inside an unquoted cell", line)
				}
				if text[i] == '#' {
					return nil, fmt.Errorf("line %d: '#' inside an unquoted cell", line)
				}
				cell.WriteByte(text[i])
				i++
			}
		}
		cells = append(cells, cell.String())
		cell.Reset()
		if i >= len(text) {
			return nil, fmt.Errorf("line %d: last record has no newline", line)
		}
		if text[i] == '\n' {
			rows = append(rows, cells)
			cells = nil
			startRecord = true
			line++
		}
		i++
	}
	return rows, nil
}

func TestReadRecords(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"a\tb\n", 2, false},
		{"\"a\tb\"\tc\n", 2, false},
		{"\"a\nb\"\tc\n", 2, false},
		{"\"a\"\"b\"\tc\n", 2, false},
		{"a\"b\tc\n", 0, true},
		{"\"ab\"x\tc\n", 0, true},
		{"#a\tb\n", 0, true},
		{"\"a\tb\n", 0, true},
		{"a\tb", 0, true},
	}
	for _, tt := range tests {
		rows, err := readRecords(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("readRecords(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && len(rows[0]) != tt.want {
			t.Errorf("readRecords(%q) = %q, want %d cells", tt.in, rows, tt.want)
		}
	}
}

func FuzzAnki(f *testing.F) {
	f.Add("Capital of **France**?", "Paris", "Geo::Europe", "geo europe", uint8(1))
	f.Add("a\tb\nc", "\"q\" #x <y> & z", "2018", "a::b  c", uint8(2))
	f.Add("x [...] y", "{{c1::", " :: ", "::", uint8(3))
	f.Add("`code` ~~s~~ ==m==", "\x00\x1f\r\n", "#deck", "#t", uint8(4))
	f.Add("", "", "", "", uint8(0))
	f.Fuzz(func(t *testing.T, front, back, deck, tags string, k uint8) {
		kind := cards.Kind(k%4 + 1) // includes one invalid kind
		c := cards.Card{
			ID:    cards.NewID(kind, front, back),
			Deck:  deck,
			Kind:  kind,
			Front: front,
			Back:  back,
			Tags:  strings.Fields(tags),
			Rule:  tags,
		}
		if kind == cards.Cloze {
			c.Cloze = front + " {{c1::" + back + "}}"
		}
		c2 := c
		c2.Kind, c2.Front, c2.ID = cards.Basic, back+"?", cards.NewID(cards.Basic, back+"?", front)
		c2.Context = []string{deck, front}
		var buf bytes.Buffer
		err := Anki(&buf, []cards.Card{c, c2, c}, AnkiOptions{})
		for _, e := range unwrapAll(err) {
			if _, ok := errors.AsType[*CardError](e); !ok {
				t.Fatalf("Anki() error %v is not a *CardError", e)
			}
		}
		if err := recheckAnki(buf.Bytes()); err != nil {
			t.Fatalf("export does not pass the re-check: %v\n%q", err, buf.Bytes())
		}
	})
}

func notAlnum(r rune) bool {
	return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
}

func unwrapAll(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// manyCards returns n distinct cards over a few decks and notes, with a
// realistic mix of kinds and Markdown.
func manyCards(n int) []cards.Card {
	cs := make([]cards.Card, 0, n)
	for i := range n {
		deck := fmt.Sprintf("Course %d::Part %d", i%5, i%3)
		ctx := []string{fmt.Sprintf("Note %d", i/20), fmt.Sprintf("Section %d", i/7), "Sub-section"}
		src := cards.Source{Path: fmt.Sprintf("notes/n%03d.md", i/20), Line: i%20*3 + 1}
		var c cards.Card
		switch i % 3 {
		case 0:
			front := fmt.Sprintf("What is the **role** of item %d in the *system*, and why does it matter?", i)
			back := fmt.Sprintf("It stores `state %d` and keeps the rest consistent — see à côté, été.", i)
			c = cards.Card{ID: cards.NewID(cards.Basic, front, back), Kind: cards.Basic, Front: front, Back: back}
		case 1:
			front := fmt.Sprintf("Answer %d: a long answer that wraps", i)
			back := fmt.Sprintf("Question %d", i)
			c = cards.Card{ID: cards.NewID(cards.Reversed, front, back), Kind: cards.Reversed, Front: front, Back: back}
		default:
			front := fmt.Sprintf("The value of constant %d is [...] in most systems.", i)
			back := fmt.Sprintf("%d.5", i)
			c = cards.Card{
				ID: cards.NewID(cards.Cloze, front, back), Kind: cards.Cloze, Front: front, Back: back,
				Cloze: fmt.Sprintf("The value of constant %d is **{{c1::%d.5::number}}** in most systems.", i, i),
			}
		}
		c.Deck, c.Context, c.Source = deck, ctx, src
		c.Tags = []string{"bench", fmt.Sprintf("topic%d", i%11)}
		c.Rule = "explicit"
		cs = append(cs, c)
	}
	return cs
}

func BenchmarkAnki(b *testing.B) {
	cs := manyCards(10000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Anki(&buf, cs, AnkiOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
