package notes

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/internal/goldenhash"
)

// updateHashes rewrites testdata/notes.sha256 from the current parser:
// go test ./notes -run TestParse_Hashes -update-hashes (the package
// before the flag: go test takes what follows an unknown flag as the
// test binary's arguments)
var updateHashes = flag.Bool("update-hashes", false, "rewrite testdata/notes.sha256")

// hashFile holds, per input, a SHA-256 of everything Parse returns (the
// whole Note, or the error), so that a change meant to be output-neutral
// (a speed change) is proved so. Only hashes are stored: no note text.
const hashFile = "testdata/notes.sha256"

// hashInput is one note of the hashed set.
type hashInput struct {
	name string
	src  []byte
}

// hashInputs returns the notes the hashes cover, keyed by a stable name:
// every file of the shared corpus and the seed, each also with CRLF line
// endings and cut at a few places (a cut note ends inside its structures),
// plus this package's fixtures, fuzz seeds and small hostile notes.
func hashInputs(t *testing.T) []hashInput {
	t.Helper()
	var ins []hashInput
	addVariants := func(name string, src []byte) {
		ins = append(ins, hashInput{name, src})
		ins = append(ins, hashInput{name + " crlf", bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))})
		for k := 1; k < 8; k++ {
			cut := len(src) * k / 8
			// A copy: goldmark may write past the end of what it parses.
			ins = append(ins, hashInput{fmt.Sprintf("%s cut %d/8", name, k), bytes.Clone(src[:cut])})
		}
	}
	for _, p := range corpusFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		addVariants("corpus/"+strings.TrimPrefix(filepath.ToSlash(p), corpusDir+"/"), src)
	}
	src, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	addVariants("seed", src)
	fixtures, err := filepath.Glob("testdata/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fixtures {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		addVariants("fixture/"+filepath.Base(p), src)
	}
	for i, s := range fuzzSeeds() {
		ins = append(ins, hashInput{fmt.Sprintf("fuzz seed %02d", i), []byte(s)})
	}
	for i, s := range hostileNotes() {
		ins = append(ins, hashInput{fmt.Sprintf("hostile %02d", i), []byte(s)})
	}
	return ins
}

// hostileNotes returns small versions of the notes of TestParse_Robust and
// other shapes that stress the model builder.
func hostileNotes() []string {
	r := strings.Repeat
	return []string{
		r("- ", 150) + "x\n",
		r("> ", 120) + "x\n",
		r("Lorem ipsum *dolor* sit amet, `consectetur` adipiscing elit. ", 200),
		r("- a bullet\n", 300),
		r("Line one.\nLine two\n\n", 100),
		r("# Title\n\nSome *text* here. And [a link](u).\n- item `code`\n  - sub\n\n", 50),
		r("a\n", 500),
		"text\n```\n" + r("code\n", 50),
		r("שלום עולם 👩‍👩‍👧 \u200b\u200f x\n", 50),
		r("[a](", 300),
		r("[a]\n", 300),
		r("_a ", 300) + r("a* ", 300),
		r("==a ", 300) + r("a~~ ", 300),
		r("[[a", 300),
		r("*a _b ", 40) + r("b_ a* ", 40),
		r("#a ", 300),
		r("`a` ", 300),
		r("Mr. Smith left. He said e.g. this! ", 100),
		r(".", 300),
		"| a | b |\n|---|---|\n" + r("| *c* | d |\n", 100),
		r("**a *b ~~c ==d [e](f) `g` h== i~~ j* k** ", 10) + "\n" + r("*", 40) + "deep" + r("*", 40),
		"- a\n  lazy\nStill lazy.\n  - b\n\n    para of b\n> [!note]- Title\n> body #tag/x \\#no\n",
		"Setext\n======\n\nsub\n---\n\n# A\n## B\n### C\n## D\n# E\n\ntext &amp; &#x263A; &bogus; <b>raw</b> <!-- c -->\n",
		"1. one\n2. two\n   3) three\n\n10. ten\n- [x] done\n- [ ] todo\n\t- tab item\n",
		"<div>\nhtml\n</div>\n\n    indented code\n\n***\n\n![img](x) ![[embed]] [[a#b#c]] [[ | ]] [[t\\|l]]\n",
		"e.g. this. And U.S. that… «Quote.» Next? Yes! 3.5 is it. Dr. Who. p. ex. ça.\u00a0» Fin.\n",
		"a `code\nspan` b  \nhard\\\nbreak\n" + r(" ", 10) + "\t\ttabs\n",
	}
}

// hashNote returns the SHA-256, in hex, of everything Parse returned: the
// Go syntax of the whole Note (%#v tells nil from empty slices), or the
// error's text.
func hashNote(n *Note, err error) string {
	h := sha256.New()
	if err != nil {
		fmt.Fprintf(h, "error %T: %v", err, err)
	} else {
		fmt.Fprintf(h, "%#v", *n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// parseHashes parses every input with parse and returns its hashes.
func parseHashes(ins []hashInput, parse func(path string, src []byte) (*Note, error)) map[string]string {
	out := make(map[string]string, len(ins))
	for _, in := range ins {
		n, err := parse("note/"+in.name+".md", in.src)
		out[in.name] = hashNote(n, err)
	}
	return out
}

// TestParse_Hashes checks that Parse gives, on every note of the corpus,
// the seed, the fixtures and more, exactly what testdata/notes.sha256
// records. Run with -update-hashes after a deliberate change of output,
// and say why in the change.
func TestParse_Hashes(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes cover the whole corpus")
	}
	for _, p := range []string{corpusDir, seedFile} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("hashes need %s: %v", p, err)
		}
	}
	ins := hashInputs(t)
	got := parseHashes(ins, Parse)
	goldenhash.Check(t, hashFile, got, *updateHashes, "Parse() output")
}

// TestParse_Concurrent parses the hashed notes from several goroutines at
// once, each in its own order, and checks that every result is the one a
// lone Parse gives: the notes share one goldmark parser.
func TestParse_Concurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the whole corpus several times")
	}
	for _, p := range []string{corpusDir, seedFile} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("needs %s: %v", p, err)
		}
	}
	// The notes as they are suffice, without their variants.
	var ins []hashInput
	for _, in := range hashInputs(t) {
		if !strings.Contains(in.name, " ") || strings.HasPrefix(in.name, "fuzz seed") || strings.HasPrefix(in.name, "hostile") {
			ins = append(ins, in)
		}
	}
	want := parseHashes(ins, Parse)
	const workers = 4
	got := make([]map[string]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			order := slices.Clone(ins)
			rot := len(order) * w / workers
			order = append(order[rot:], order[:rot]...)
			got[w] = parseHashes(order, Parse)
		})
	}
	wg.Wait()
	for w, g := range got {
		if diff := cmp.Diff(want, g); diff != "" {
			t.Errorf("Parse() in goroutine %d differs from a lone Parse (-want +got):\n%s", w, diff)
		}
	}
}
