package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

// goodNote is the well-formed note beside every hostile one: its card must
// land whatever its neighbour does.
const goodNote = "- Capital of France::Paris\n"

// hostileCard is a card as preview --json prints it, reduced to what the
// hostile suite compares.
type hostileCard struct {
	Front, Back string
	Line        int
}

// hostileScale shrinks the three notes whose cards take seconds to make
// (100,000 bullets, a 2,000-row table, a 7 MB line) under -race, which
// makes them ten times slower, and in short mode: full size they would
// take most of the package's time budget. `go test ./cmd` without -race
// runs them full size.
func hostileScale(n int) int {
	if raceEnabled || testing.Short() {
		return n / 10
	}
	return n
}

// longLine is one line of n bytes of prose, cut mid-word.
func longLine(n int) []byte {
	b := bytes.Repeat([]byte("the quick fox jumps over "), n/25+1)
	return append(b[:n], '\n')
}

// hostileCase is one hostile note: how to make it and what mnemo must do
// with it.
type hostileCase struct {
	name string
	src  func() []byte
	// wantErr, when set, is the error mnemo must report for the note
	// (a regular expression matched against a line of stderr, after
	// "mnemo: <path of the note>:"); the note then gives no card and both
	// commands exit 3.
	wantErr string
	// want are the note's cards when they are known exactly; otherwise
	// wantCount is how many it gives (at most, with atMost).
	want      []hostileCard
	wantCount int
	atMost    bool
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{name: "binary", src: func() []byte {
			r := rand.New(rand.NewPCG(6, 6))
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(r.UintN(256))
			}
			return b
		}, wantErr: `\d+:\d+: binary content`},
		{name: "nul", src: func() []byte { return []byte("- Capital of Spain::Madrid\n- Capital of\x00 Italy::Rome\n") },
			wantErr: `2:13: binary content`},
		{name: "utf16", src: func() []byte { return []byte("\xff\xfe-\x00 \x00a\x00:\x00:\x00b\x00\n\x00") },
			wantErr: `1:4: binary content`},
		{name: "invalid-utf8", src: func() []byte { return []byte("- Capital of Spain::Madrid\n- Caf\xe9 au lait::coffee\n") },
			wantErr: `2:6: invalid UTF-8: byte 0xe9`},
		{name: "line-20mb", src: func() []byte { return longLine(20 << 20) },
			wantErr: `1: note too large: 20971521 bytes, the limit is 8388608`},
		// A line under the size limit is read, and gives at most the
		// three cards of a line, none with a question longer than a card can
		// be (checked below).
		{name: "line-7mb", src: func() []byte { return longLine(hostileScale(7 << 20)) }, wantCount: 3, atMost: true},
		{name: "nested-list-10000", src: func() []byte { return []byte(strings.Repeat("- ", 10_000) + "deep\n") },
			wantErr: `1: note too complex: lists and blockquotes nest deeper than 100 levels`},
		{name: "nested-quote-10000", src: func() []byte { return []byte(strings.Repeat("> ", 10_000) + "deep\n") },
			wantErr: `1: note too complex: lists and blockquotes nest deeper than 100 levels`},
		{name: "nested-lines-1000", src: func() []byte {
			var b strings.Builder
			for i := range 1000 {
				fmt.Fprintf(&b, "%s- level %d\n", strings.Repeat("  ", i), i)
			}
			return []byte(b.String())
		}, wantErr: `101: note too complex: lists and blockquotes nest deeper than 100 levels`},
		// A note's guessed cards are capped at one per list item or table
		// row, and at least cards.DefaultMaxPerNote: here one per item.
		{name: "bullets-100000", src: func() []byte {
			var b strings.Builder
			for i := range hostileScale(100_000) {
				fmt.Fprintf(&b, "- Item %d: the value %d\n", i, i*7)
			}
			return []byte(b.String())
		}, wantCount: max(cards.DefaultMaxPerNote, hostileScale(100_000))},
		{name: "table-2000x50", src: func() []byte {
			var b strings.Builder
			for row := range hostileScale(2_000) + 2 {
				for col := range 50 {
					switch row {
					case 0:
						fmt.Fprintf(&b, "| H%d ", col)
					case 1:
						b.WriteString("|---")
					default:
						fmt.Fprintf(&b, "| r%dc%d ", row, col)
					}
				}
				b.WriteString("|\n")
			}
			return []byte(b.String())
		}, wantCount: max(cards.DefaultMaxPerNote, hostileScale(2_000))},
		// Everything after an unclosed fence is code, as in CommonMark.
		{name: "unclosed-fence", src: func() []byte {
			return []byte("- Capital of Spain::Madrid\n\n```go\nfunc main() {}\n- Capital of Italy::Rome\n")
		}, want: []hostileCard{{"Capital of Spain", "Madrid", 1}}},
		{name: "unclosed-frontmatter", src: func() []byte { return []byte("---\ntitle: Capitals\ntags: [geo]\n\n- Capital of Spain::Madrid\n") },
			wantErr: `1:1: invalid frontmatter: "---" is never closed`},
		{name: "bad-yaml", src: func() []byte { return []byte("---\ntitle: [Capitals\n---\n- Capital of Spain::Madrid\n") },
			wantErr: `2: invalid frontmatter: .+`},
		{name: "empty", src: func() []byte { return nil }},
		{name: "crlf", src: func() []byte {
			return []byte("# Capitals\r\n\r\n- Capital of Spain::Madrid\r\n- Capital of Italy::Rome\r\n")
		},
			want: []hostileCard{{"Capital of Spain", "Madrid", 3}, {"Capital of Italy", "Rome", 4}}},
		{name: "cr-only", src: func() []byte { return []byte("# Capitals\r\r- Capital of Spain::Madrid\r- Capital of Italy::Rome\r") },
			want: []hostileCard{{"Capital of Spain", "Madrid", 3}, {"Capital of Italy", "Rome", 4}}},
		{name: "bom", src: func() []byte { return []byte("\ufeff# Capitals\n\n- Capital of Spain::Madrid\n") },
			want: []hostileCard{{"Capital of Spain", "Madrid", 3}}},
		{name: "rtl", src: func() []byte {
			return []byte("- عاصمة مصر::القاهرة\n- בירת ישראל::ירושלים\n- Capital of مصر::Cairo\n- \u202eevil\u202c::override\n")
		}, want: []hostileCard{{"عاصمة مصر", "القاهرة", 1}, {"בירת ישראל", "ירושלים", 2}, {"Capital of مصر", "Cairo", 3}, {"\u202eevil\u202c", "override", 4}}},
		{name: "emoji", src: func() []byte {
			return []byte("- 🇫🇷 Capital of France 🥖::Paris 🗼\n- 👍::thumbs up\n- 👨‍👩‍👧 family::emoji\n")
		},
			want: []hostileCard{{"🇫🇷 Capital of France 🥖", "Paris 🗼", 1}, {"👍", "thumbs up", 2}, {"👨‍👩‍👧 family", "emoji", 3}}},
		// Explicit cards keep their text as written, invisible characters
		// included (ZWJ and ZWNJ carry meaning in emoji and some scripts);
		// a card of invisible characters only is no card.
		{name: "zero-width", src: func() []byte { return []byte("- Capital\u200b of\u200c Spain\u200d::Ma\u2060drid\n- \u200b::\u200b\n") },
			want: []hostileCard{{"Capital\u200b of\u200c Spain\u200d", "Ma\u2060drid", 1}}},
		{name: "control-chars", src: func() []byte {
			return []byte("- Esc \x1b[31mred\x1b[0m question::answer \x1b]0;pwned\x07 here\n- Bell\x07 ring::x\n")
		}, want: []hostileCard{{"Esc \x1b\\[31mred\x1b\\[0m question", "answer \x1b]0;pwned\x07 here", 1}, {"Bell\x07 ring", "x", 2}}},
	}
}

// TestHostileNotes runs `mnemo preview --json` and `mnemo add` as
// processes on folders holding one hostile note beside a good one. Each
// must end within its budget without a panic and either give the hostile
// note's expected cards or report it with its file and line (exit 3); the
// good note's card always comes out of preview and lands in the store,
// and add stores exactly the cards preview shows.
func TestHostileNotes(t *testing.T) {
	// A process is killed after a minute (a hang); the budget bounds its
	// CPU time, which other processes on the machine change less than the
	// wall clock. The biggest notes take about 3 s of it.
	budget := 10 * time.Second
	if raceEnabled {
		budget = 30 * time.Second
	}
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			folder := filepath.Join(dir, "notes")
			writeFile(t, filepath.Join(folder, "good.md"), goodNote)
			hostile := filepath.Join(folder, tt.name+".md")
			src := tt.src()
			if err := os.WriteFile(hostile, src, 0o644); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(dir, "store", "mnemo.db")
			p := newMnemoProc(t, db)
			wantCode := 0
			var errRe *regexp.Regexp
			if tt.wantErr != "" {
				wantCode = exitInvalid
				errRe = regexp.MustCompile(`(?m)^mnemo: ` + regexp.QuoteMeta(hostile) + `:` + tt.wantErr + `$`)
			}
			check := func(cmd string, r procResult) {
				t.Helper()
				if r.cpu > budget {
					t.Errorf("%s took %v of CPU time (%v in all), want at most %v", cmd, r.cpu, r.took, budget)
				}
				if r.code != wantCode {
					t.Errorf("%s = exit %d, want %d; stderr:\n%s", cmd, r.code, wantCode, outputTail(r.err))
				}
				if errRe != nil && !errRe.MatchString(r.err) {
					t.Errorf("%s stderr = %q, want a line matching %q", cmd, outputTail(r.err), errRe)
				}
			}

			prev := p.run(time.Minute, "", "preview", "--json", folder)
			check("preview", prev)
			var got []hostileCard
			good := false
			for _, l := range strings.Split(strings.TrimSpace(prev.out), "\n") {
				if l == "" {
					continue
				}
				var c cardJSON
				if err := json.Unmarshal([]byte(l), &c); err != nil {
					t.Fatalf("preview --json line %q: %v", outputTail(l), err)
				}
				switch c.Source.Path {
				case filepath.ToSlash(filepath.Join(folder, "good.md")):
					good = good || c.Front == "Capital of France" && c.Back == "Paris"
				case filepath.ToSlash(hostile):
					got = append(got, hostileCard{c.Front, c.Back, c.Source.Line})
				default:
					t.Errorf("preview gave a card from %s", c.Source.Path)
				}
			}
			if !good {
				t.Errorf("preview: the good note's card is missing")
			}
			switch {
			case tt.want != nil || tt.wantCount == 0:
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("preview cards of %s (-want +got):\n%s", tt.name, diff)
				}
			case tt.atMost && len(got) > tt.wantCount:
				t.Errorf("preview gave %d cards for %s, want at most %d", len(got), tt.name, tt.wantCount)
			case !tt.atMost && len(got) != tt.wantCount:
				t.Errorf("preview gave %d cards for %s, want %d", len(got), tt.name, tt.wantCount)
			}

			add := p.run(time.Minute, "", "add", folder)
			check("add", add)
			s, err := store.Open(db, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("open the store after add: %v", err)
			}
			defer s.Close()
			es, err := s.Cards(t.Context(), store.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			stored, goodStored := 0, false
			for _, e := range es {
				switch e.Card.Source.Path {
				case filepath.ToSlash(hostile):
					stored++
				default:
					goodStored = goodStored || e.Card.Front == "Capital of France" && e.Status == cards.StatusNew
				}
			}
			if !goodStored {
				t.Errorf("add: the good note's card is not in the store")
			}
			if stored != len(got) {
				t.Errorf("add stored %d cards of %s, preview showed %d", stored, tt.name, len(got))
			}
			t.Logf("preview %v (CPU %v), add %v (CPU %v), %d cards", prev.took.Round(time.Millisecond), prev.cpu.Round(time.Millisecond), add.took.Round(time.Millisecond), add.cpu.Round(time.Millisecond), len(got))

			switch tt.name {
			case "line-7mb":
				for _, c := range got {
					if len(c.Front) > 10_000 {
						t.Errorf("a %d-byte line gives a card with a %d-byte question", len(src)-1, len(c.Front))
					}
				}
			case "control-chars":
				plain := p.run(time.Minute, "", "preview", folder)
				if bytes.ContainsAny([]byte(plain.out+plain.err), "\x1b\x07") {
					t.Errorf("preview printed the note's escape sequences as they are:\n%q", plain.out)
				}
				if !strings.Contains(plain.out, "Esc ␛\\[31mred␛\\[0m question") || !strings.Contains(plain.out, "Bell␇ ring") {
					t.Errorf("preview does not show the control characters visibly:\n%s", plain.out)
				}
			}
		})
	}
}
