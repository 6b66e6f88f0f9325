package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/google/go-cmp/cmp"
)

func TestParseInline(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		cloze bool
		want  []span
	}{
		{name: "plain", in: "just text", want: []span{{"just text", 0}}},
		{name: "bold", in: "a **b** c", want: []span{{"a ", 0}, {"b", markBold}, {" c", 0}}},
		{name: "bold underscores", in: "__b__", want: []span{{"b", markBold}}},
		{name: "italic star", in: "*i*", want: []span{{"i", markItalic}}},
		{name: "italic underscore", in: "x _i_ y", want: []span{{"x ", 0}, {"i", markItalic}, {" y", 0}}},
		{name: "snake_case stays", in: "use snake_case_name here", want: []span{{"use snake_case_name here", 0}}},
		{name: "lone star stays", in: "2 * 3 = 6", want: []span{{"2 * 3 = 6", 0}}},
		{name: "list bullet stays", in: "* item", want: []span{{"* item", 0}}},
		{name: "unclosed bold stays", in: "**open", want: []span{{"**open", 0}}},
		{name: "code", in: "call `f(*p)` now", want: []span{{"call ", 0}, {"f(*p)", markCode}, {" now", 0}}},
		{name: "code inside bold", in: "**see `x`**", want: []span{{"see ", markBold}, {"x", markBold | markCode}}},
		{name: "unclosed backtick stays", in: "a ` b", want: []span{{"a ` b", 0}}},
		{name: "escape", in: `\*not italic\*`, want: []span{{"*not italic*", 0}}},
		{name: "bold italic", in: "***x***", want: []span{{"x", markBold | markItalic}}},
		{name: "cloze mark", in: "a [...] b", want: []span{{"a ", 0}, {"[...]", markCloze}, {" b", 0}}},
		{name: "cloze mark outside cloze cards", in: "[...]", want: []span{{"[...]", markCloze}}},
		{name: "cloze hint", in: "capital: [city]", cloze: true, want: []span{{"capital: ", 0}, {"[city]", markCloze}}},
		{name: "hint only on cloze cards", in: "capital: [city]", want: []span{{"capital: [city]", 0}}},
		{name: "link is no hint", in: "[doc](http://x)", cloze: true, want: []span{{"[doc](http://x)", 0}}},
		{name: "empty", in: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseInline(tt.in, tt.cloze)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(span{})); diff != "" {
				t.Errorf("parseInline(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFillCloze(t *testing.T) {
	tests := []struct {
		name, front, back string
		want              []span
		wantOK            bool
	}{
		{
			name: "one deletion", front: "a [...] b", back: "**x**",
			want:   []span{{"a ", 0}, {"x", markBold | markAnswer}, {" b", 0}},
			wantOK: true,
		},
		{name: "two deletions", front: "[...] and [...]", back: "x", want: parseInline("[...] and [...]", true)},
		{name: "none", front: "plain", back: "x", want: parseInline("plain", true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fillCloze(parseInline(tt.front, true), parseInline(tt.back, false))
			if ok != tt.wantOK {
				t.Errorf("fillCloze(%q, %q) ok = %v, want %v", tt.front, tt.back, ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(span{})); diff != "" {
				t.Errorf("fillCloze(%q, %q) (-want +got):\n%s", tt.front, tt.back, diff)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		in        string
		multiline bool
		want      string
	}{
		{"plain é 漢字", false, "plain é 漢字"},
		{"a\tb\nc", false, "a b c"},
		{"a\tb\nc", true, "a    b\nc"},
		{"x\x1b[31my\x07\r\u009b", true, "x[31my"},
		{"bad \xff byte", false, "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := clean(tt.in, tt.multiline); got != tt.want {
			t.Errorf("clean(%q, %v) = %q, want %q", tt.in, tt.multiline, got, tt.want)
		}
	}
}

// FuzzCard renders arbitrary card text: no panic, nothing wider than the
// screen, no control character from the text on a plain screen, and the
// parser keeps every letter.
func FuzzCard(f *testing.F) {
	for _, c := range append(sampleCards(), longCard()) {
		f.Add(c.Front, c.Back, c.Kind == "cloze", 80)
	}
	f.Add("**a *b `c` d* e** [x] \\*", "_u_", true, 20)
	f.Add("漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", false, 30)
	f.Add("averyveryveryveryveryverylongwordwithoutanyspaceatallthatmustbebrokensomewhere", "- a\n  - b", false, 26)
	f.Fuzz(func(t *testing.T, front, back string, cloze bool, w int) {
		w = 24 + (w%120+120)%120
		kind := "basic"
		if cloze {
			kind = "cloze"
		}
		spans := parseInline(front, cloze)
		var b strings.Builder
		for _, sp := range spans {
			b.WriteString(sp.text)
		}
		if utf8.ValidString(front) && letters(b.String()) != letters(front) {
			t.Errorf("parseInline(%q) lost letters: %q", front, b.String())
		}
		for _, color := range []bool{false, true} {
			f := newFake(Card{Front: front, Back: back, Kind: kind, Deck: "d", Status: "new"})
			m := sized(New(f, Options{NoColor: !color}), w, 24)
			for _, keys := range []string{"", " "} {
				m, _ := press(t, m, keys)
				screen := m.View().Content
				for i, l := range strings.Split(screen, "\n") {
					if lipgloss.Width(l) > w {
						t.Fatalf("w=%d keys %q: line %d is %d wide: %q", w, keys, i+1, lipgloss.Width(l), l)
					}
				}
				if !color && strings.ContainsAny(screen, "\x1b\a\r\u009b") {
					t.Fatalf("plain screen holds a control character: %q", screen)
				}
			}
		}
	})
}

// letters keeps the letters and digits of s, to compare text across
// markup.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if isWordRune(r) {
			return r
		}
		return -1
	}, s)
}
