package export

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkerPath is the independent Python checker of Anki text files.
const checkerPath = "../../shared/anki/anki_csv_check.py"

func basic(deck, front, back string) cards.Card {
	return cards.Card{
		ID: cards.NewID(cards.Basic, front, back), Deck: deck, Kind: cards.Basic,
		Front: front, Back: back, Rule: "explicit",
		Source: cards.Source{Path: "notes/test.md", Line: 1},
	}
}

func reversed(deck, front, back string) cards.Card {
	c := basic(deck, front, back)
	c.Kind = cards.Reversed
	c.ID = cards.NewID(cards.Reversed, front, back)
	return c
}

func cloze(deck, front, back, text string) cards.Card {
	c := basic(deck, front, back)
	c.Kind = cards.Cloze
	c.ID = cards.NewID(cards.Cloze, front, back)
	c.Cloze = text
	c.Rule = "emphasis"
	return c
}

func with(c cards.Card, f func(*cards.Card)) cards.Card {
	f(&c)
	return c
}

// ankiCases are the golden cases; each writes testdata/anki_<name>.golden.
func ankiCases() []struct {
	name  string
	cards []cards.Card
} {
	return []struct {
		name  string
		cards []cards.Card
	}{
		{"basic", []cards.Card{
			with(basic("Geography::Europe", "Capital of **France**?", "Paris"), func(c *cards.Card) {
				c.Context = []string{"Capitals", "Western Europe"}
				c.Tags = []string{"geo", "europe"}
				c.Source.Line = 3
			}),
			with(basic("Geography::Europe", "Capital of *Italy*?", "Rome"), func(c *cards.Card) {
				c.Context = []string{"Capitals", "Southern Europe"}
				c.Tags = []string{"geo"}
				c.Source.Line = 7
			}),
		}},
		{"reversed", []cards.Card{
			basic("Vocab", "chat", "cat"),
			with(reversed("Vocab", "cat", "chat"), func(c *cards.Card) { c.Context = []string{"Animals"} }),
		}},
		{"cloze_hint", []cards.Card{
			with(cloze("History", "The Bastille fell in [...].", "1789",
				"The Bastille fell in **{{c1::1789::year}}**."), func(c *cards.Card) {
				c.Context = []string{"French Revolution", "Timeline"}
			}),
			cloze("History", "[...] was crowned in 1804.", "Napoleon",
				"{{c1::Napoleon}} was crowned in `1804`, see {{c2::Notre-Dame::a church}}."),
		}},
		{"html_specials", []cards.Card{
			basic("Code", `Is a < b && c > d "true"?`, `Only if "b" > a & d < c`),
			basic("Code", "What does `<br>` do?", "Breaks a line in <html>"),
			with(basic("Code", "Template {{Front}} syntax?", "Mustache, not a cloze: {{c1::x}}"), func(c *cards.Card) {
				c.Context = []string{"{{c2::not a cloze}}"}
			}),
		}},
		{"hash", []cards.Card{
			with(basic("Lang#1", "What is C#?", "A language; see #tags"), func(c *cards.Card) {
				c.Tags = []string{"#csharp", "prog lang"}
			}),
		}},
		{"tabs_newlines", []cards.Card{
			basic("Misc", "first line\nsecond\tline", "a\r\nb\rc"),
			with(basic("Misc\t::Sub", "tab\there", "x"), func(c *cards.Card) {
				c.Tags = []string{"two words", "a::b", "empty::::level", "  "}
				c.Context = []string{"Title\nwith break", "", "Heading"}
			}),
		}},
		{"numeric_deck", []cards.Card{
			basic("2018", "Year deck?", "yes"),
			basic("Exams::2019", "Numeric child?", "fine"),
			basic("  ::-42:: ", "Signed number?", "prefixed"),
			basic("", "No deck?", "Default"),
		}},
		{"unicode", []cards.Card{
			with(basic("Français::Été", "Qu’est-ce qu’un « cœur » ?", "L’organe — e\u0301té, à, ç"), func(c *cards.Card) {
				c.Context = []string{"Anatomie", "Le cœur"}
				c.Tags = []string{"français", "Français"}
				c.Rule = "définition"
			}),
			basic("日本語", "犬 means?", "dog 🐕"),
		}},
	}
}

func TestAnki_Golden(t *testing.T) {
	var all []cards.Card
	for _, tt := range ankiCases() {
		all = append(all, tt.cards...)
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Anki(&buf, tt.cards, AnkiOptions{}); err != nil {
				t.Fatalf("Anki() error = %v", err)
			}
			golden(t, filepath.Join("testdata", "anki_"+tt.name+".golden"), buf.Bytes())
			checkAnkiOutput(t, buf.Bytes())
		})
	}
	t.Run("all", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Anki(&buf, all, AnkiOptions{}); err != nil {
			t.Fatalf("Anki() error = %v", err)
		}
		golden(t, filepath.Join("testdata", "anki_all.golden"), buf.Bytes())
	})
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./export -update): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
	}
}

func TestAnki_Checker(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	if _, err := os.Stat(checkerPath); err != nil {
		t.Skipf("checker not found: %v", err)
	}
	var all []cards.Card
	for _, tt := range ankiCases() {
		all = append(all, tt.cards...)
	}
	tests := []struct {
		name string
		opts AnkiOptions
		args []string
	}{
		{"english", AnkiOptions{}, nil},
		{"french", AnkiOptions{BasicName: "Basique", ClozeName: "Texte à trous"},
			[]string{"--basic-name", "Basique", "--cloze-name", "Texte à trous"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Anki(&buf, all, tt.opts); err != nil {
				t.Fatalf("Anki() error = %v", err)
			}
			path := filepath.Join(t.TempDir(), "export.txt")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{checkerPath, "--strict"}, tt.args...)
			out, err := exec.CommandContext(t.Context(), python, append(args, path)...).CombinedOutput()
			if err != nil {
				t.Fatalf("anki_csv_check.py: %v\n%s", err, out)
			}
			want := fmt.Sprintf("%d notes ok, 0 errors", len(all))
			if !strings.Contains(string(out), want) {
				t.Errorf("anki_csv_check.py output = %q, want it to contain %q", out, want)
			}
		})
	}
}

func TestAnki_Skips(t *testing.T) {
	good := basic("D", "q", "a")
	noMarker := cloze("D", "x [...]", "y", "x y")
	unclosed := cloze("D", "a [...]", "b", "a {{c1::b")
	empty := basic("D", "  \n", "a")
	badID := with(basic("D", "q2", "a2"), func(c *cards.Card) { c.ID = "ab#cd" })
	kind := with(basic("D", "q3", "a3"), func(c *cards.Card) { c.Kind = 0 })
	dup := with(good, func(c *cards.Card) { c.Back = "other" })

	var buf bytes.Buffer
	err := Anki(&buf, []cards.Card{noMarker, good, unclosed, empty, badID, kind, dup}, AnkiOptions{})
	for _, want := range []error{ErrBadCloze, ErrEmptyFront, ErrBadID, ErrUnknownKind} {
		if !errors.Is(err, want) {
			t.Errorf("Anki() error = %v, want it to wrap %v", err, want)
		}
	}
	var ids []cards.ID
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		ce, ok := errors.AsType[*CardError](e)
		if !ok {
			t.Fatalf("error %v is not a *CardError", e)
		}
		ids = append(ids, ce.ID)
	}
	if len(ids) != 5 {
		t.Errorf("Anki() skipped %v, want 5 cards", ids)
	}
	rows := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[7:]
	want := []string{"mnemo" + string(good.ID) + "\tBasic\tD\tq\ta\tmnemo mnemo::explicit"}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("Anki() rows (-want +got):\n%s", diff)
	}
}

func TestAnki_Deterministic(t *testing.T) {
	var all []cards.Card
	for _, tt := range ankiCases() {
		all = append(all, tt.cards...)
	}
	var a, b bytes.Buffer
	if err := Anki(&a, all, AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	rev := make([]cards.Card, len(all))
	for i, c := range all {
		rev[len(all)-1-i] = c
	}
	before := fmt.Sprint(rev)
	if err := Anki(&b, rev, AnkiOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("Anki() output depends on input order")
	}
	if fmt.Sprint(rev) != before {
		t.Errorf("Anki() modified its input slice")
	}
}

func TestAnkiDeck(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A::B", "A::B"},
		{" A :: B ", "A::B"},
		{"A::::B", "A::B"},
		{"", "Default"},
		{" :: ", "Default"},
		{"2018", "mnemo::2018"},
		{"+7", "mnemo::+7"},
		{"Exams::2018", "Exams::2018"},
		{"A:::B", "A::B"},
		{"x\ty", "x y"},
	}
	for _, tt := range tests {
		if got := AnkiDeck(tt.in); got != tt.want {
			t.Errorf("AnkiDeck(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnkiTags(t *testing.T) {
	tests := []struct {
		tags []string
		rule string
		want string
	}{
		{nil, "", "mnemo"},
		{nil, "explicit", "mnemo mnemo::explicit"},
		{[]string{"b", "a", "b"}, "x", "a b mnemo mnemo::x"},
		{[]string{"two words", "a:: b ::", "::"}, "", "a::b mnemo two_words"},
		{[]string{"Tag", "tag"}, "", "mnemo Tag"},
		{[]string{"b", "A", "a"}, "", "A b mnemo"},
		{[]string{"MNEMO"}, "", "MNEMO"},
		// a ':' at a level's edge would make ":::", whose levels Anki
		// cannot tell apart (found by FuzzAnki)
		{nil, ": ::0", "mnemo mnemo::0"},
		{[]string{"a:::b", "c:", ":d"}, "", "a::b c d mnemo"},
		{[]string{"a:b"}, "", "a:b mnemo"},
	}
	for _, tt := range tests {
		if got := ankiTags(tt.tags, tt.rule); got != tt.want {
			t.Errorf("ankiTags(%q, %q) = %q, want %q", tt.tags, tt.rule, got, tt.want)
		}
	}
}

func ExampleAnki() {
	c := cards.Card{
		ID:      "0123456789abcdef",
		Deck:    "Geography",
		Kind:    cards.Basic,
		Front:   "Capital of **France**?",
		Back:    "Paris",
		Context: []string{"Capitals"},
		Tags:    []string{"europe"},
		Rule:    "explicit",
	}
	if err := Anki(os.Stdout, []cards.Card{c}, AnkiOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// #separator:tab
	// #html:true
	// #guid column:1
	// #notetype column:2
	// #deck column:3
	// #tags column:6
	// #if matches:update current
	// mnemo0123456789abcdef	Basic	Geography	<div class='mnemo-context' style='font-size:smaller;color:gray'>Capitals</div>Capital of <b>France</b>?	Paris	europe mnemo mnemo::explicit
}
