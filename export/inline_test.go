package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "hello world", "hello world"},
		{"empty", "  \n ", ""},
		{"strong", "a **b** c", "a <b>b</b> c"},
		{"strong underscores", "a __b__ c", "a <b>b</b> c"},
		{"em star", "*x*", "<i>x</i>"},
		{"em underscore", "_x_", "<i>x</i>"},
		{"intraword underscore", "snake_case_name", "snake_case_name"},
		{"intraword star", "a*b*c", "a<i>b</i>c"},
		{"strong em", "***x***", "<i><b>x</b></i>"},
		{"nested", "*a **b** c*", "<i>a <b>b</b> c</i>"},
		{"unmatched", "2 * 3 = 6", "2 * 3 = 6"},
		{"unmatched open", "**a", "**a"},
		{"leftover", "***a**", "*<b>a</b>"},
		{"code", "use `a*b*c` here", "use <code>a*b*c</code> here"},
		{"code escapes html", "`<br>`", "<code>&lt;br&gt;</code>"},
		{"code double backticks", "`` a`b ``", "<code>a`b</code>"},
		{"unclosed backtick", "a ` b", "a ` b"},
		{"strike", "~~old~~ new", "<s>old</s> new"},
		{"single tilde", "~5 min", "~5 min"},
		{"mark", "==key== point", "<mark>key</mark> point"},
		{"equals in math", "a == b", "a == b"},
		{"escapes", `\*not\* \_em\_`, "*not* _em_"},
		{"escaped brace", `\{\{c1::x}}`, "&#123;&#123;c1::x}}"},
		{"html specials", `a < b && c > "d"`, `a &lt; b &amp;&amp; c &gt; "d"`},
		{"raw html is text", "<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"},
		{"newline", "a\nb", "a<br>b"},
		{"crlf", "a\r\nb\rc", "a<br>b<br>c"},
		{"control chars", "a\x00b\x1fc\x7f", "abc"},
		{"nfc", "e\u0301te\u0301", "été"},
		{"cloze markers intact", "**{{c1::Paris::capital}}** is {{c2::big}}", "<b>{{c1::Paris::capital}}</b> is {{c2::big}}"},
		{"cloze in code", "`{{c1::x}}`", "<code>{{c1::x}}</code>"},
		{"emphasis in cloze", "{{c1::*x* y}}", "{{c1::<i>x</i> y}}"},
		{"heading marker is text", "# not a heading", "# not a heading"},
		{"list marker is text", "1. first", "1. first"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderHTML(tt.in); got != tt.want {
				t.Errorf("renderHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestValidCloze(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"{{c1::a}}", true},
		{"x {{c1::a::hint}} y {{c2::b}}", true},
		{"{{c1::outer {{c2::inner}} }}", true},
		{"no marker", false},
		{"{{c1::never closed", false},
		{"{{c0::zero}}", false},
		{"{{c1,2::multi}}", false},
		{"{{c::x}}", false},
		{"}} {{c1::x}}", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := validCloze([]byte(tt.in)); got != tt.want {
			t.Errorf("validCloze(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzRenderHTML(f *testing.F) {
	for _, s := range []string{"a **b** c", "*a _b_*", "`x` ~~y~~ ==z==", `\*\{{c1::x}}`, "{{c1::**a**::h}}", "a\nb\r\nc", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := renderHTML(s)
		if got != renderHTML(s) {
			t.Fatalf("renderHTML(%q) is not deterministic", s)
		}
		if strings.ContainsAny(got, "\n\r\x00\x1f") {
			t.Fatalf("renderHTML(%q) = %q has a raw line break or control character", s, got)
		}
		// Strip our own tags: no '<' or '>' may be left, so the text cannot
		// inject markup.
		rest := got
		for _, tg := range []string{"<b>", "</b>", "<i>", "</i>", "<s>", "</s>", "<mark>", "</mark>", "<code>", "</code>", "<br>"} {
			rest = strings.ReplaceAll(rest, tg, "")
		}
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("renderHTML(%q) = %q has raw markup", s, got)
		}
		// Tags are balanced and properly nested.
		var stack []string
		for i := 0; i < len(got); i++ {
			if got[i] != '<' {
				continue
			}
			j := strings.IndexByte(got[i:], '>')
			name := got[i+1 : i+j]
			i += j
			switch {
			case name == "br":
			case strings.HasPrefix(name, "/"):
				if len(stack) == 0 || stack[len(stack)-1] != name[1:] {
					t.Fatalf("renderHTML(%q) = %q closes %s out of order", s, got, name)
				}
				stack = stack[:len(stack)-1]
			default:
				stack = append(stack, name)
			}
		}
		if len(stack) > 0 {
			t.Fatalf("renderHTML(%q) = %q leaves %v open", s, got, stack)
		}
	})
}

// runeMeasurer makes every character 1 mm wide, whatever the style.
type runeMeasurer struct{}

func (runeMeasurer) width(s string, _ style, _ float64) float64 {
	return float64(utf8.RuneCountInString(s))
}

func FuzzWrap(f *testing.F) {
	f.Add("a **b** c `d e` ~~f~~", 10)
	f.Add("averyveryverylongword and [...] more", 4)
	f.Add("x\ny\n\nz", 1)
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = width%40 + 1
		cov, err := newCoverage()
		if err != nil {
			t.Fatal(err)
		}
		runs := cov.runs(s, 0, inkColor, true)
		lines := wrap(runs, float64(width), bodySize, runeMeasurer{})
		var in, out strings.Builder
		for _, r := range runs {
			in.WriteString(strings.ReplaceAll(r.text, " ", ""))
		}
		for _, l := range lines {
			chars := 0
			for _, p := range l.pieces {
				out.WriteString(strings.ReplaceAll(p.text, " ", ""))
				chars += utf8.RuneCountInString(p.text)
			}
			if l.w > float64(width)+2*blankPad+1e-9 && chars > 1 {
				t.Fatalf("wrap(%q, %d): line %v is %.1f wide", s, width, l.pieces, l.w)
			}
		}
		if in.String() != out.String() {
			t.Fatalf("wrap(%q, %d) lost text: %q, want %q", s, width, out.String(), in.String())
		}
	})
}
