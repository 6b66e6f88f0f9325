package cards

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mnemo-dev/mnemo/notes"

	"github.com/mnemo-dev/mnemo/internal/goldenhash"
)

// updateGolden rewrites testdata/cards.sha256 from the current generator:
// go test ./cards -run TestGoldenHashes -update-golden
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/cards.sha256")

// goldenFile holds, per note and mode, a SHA-256 of everything Generate
// and Explain return, so that a change meant to be output-neutral (a speed
// change) is proved so. Only hashes are stored: no note text.
const goldenFile = "testdata/cards.sha256"

// goldenNotes returns the notes the golden hashes cover, keyed by a stable
// name: the shared corpus, the seed and this package's fixtures.
func goldenNotes(t *testing.T) (names []string, ns []*notes.Note) {
	t.Helper()
	for _, p := range corpusFiles(t) {
		names = append(names, "corpus/"+strings.TrimPrefix(filepath.ToSlash(p), corpusDir+"/"))
		ns = append(ns, parseFile(t, p))
	}
	names = append(names, "seed")
	ns = append(ns, parseFile(t, seedPath))
	fixtures, err := filepath.Glob("testdata/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fixtures {
		names = append(names, "fixture/"+filepath.Base(p))
		ns = append(ns, parseFile(t, p))
	}
	return names, ns
}

// hashCandidates serialises every field of cs, with one line per
// candidate, and returns the SHA-256 of it in hex.
func hashCandidates(cs []Candidate) string {
	h := sha256.New()
	for _, c := range cs {
		k := c.Card
		fmt.Fprintf(h, "%s|%s|%d|%q|%q|%q|%q|%s:%d|%q|%s|%s|%s\n",
			k.ID, k.Deck, k.Kind, k.Front, k.Back, k.Cloze, k.Context, k.Source.Path, k.Source.Line,
			k.Tags, k.Rule, strconv.FormatFloat(c.Score, 'g', -1, 64), c.Dropped)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goldenHashes computes, for each note, the hashes of Generate and Explain
// with the corpus statistics of all the notes and with the note's own.
func goldenHashes(names []string, ns []*notes.Note) map[string]string {
	out := map[string]string{}
	withCorpus := Options{Corpus: NewCorpus(ns...)}
	for i, n := range ns {
		for _, m := range []struct {
			name string
			opts Options
		}{{"corpus", withCorpus}, {"note", Options{}}, {"nocap", Options{MaxPerNote: -1}}} {
			gen := Generate(n, m.opts)
			cs := make([]Candidate, len(gen))
			for j, c := range gen {
				cs[j] = Candidate{Card: c}
			}
			out[names[i]+" generate/"+m.name] = hashCandidates(cs)
			out[names[i]+" explain/"+m.name] = hashCandidates(Explain(n, m.opts))
		}
	}
	return out
}

// TestGoldenHashes checks that Generate and Explain give, on every note of
// the corpus, the seed and the fixtures, exactly what testdata/cards.sha256
// records. Run with -update-golden after a deliberate change of output,
// and say why in the change.
func TestGoldenHashes(t *testing.T) {
	if testing.Short() {
		t.Skip("golden hashes cover the whole corpus")
	}
	// The hashes "with corpus" depend on every note: without the shared
	// corpus and seed there is nothing to compare.
	for _, p := range []string{corpusDir, seedPath} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("golden hashes need %s: %v", p, err)
		}
	}
	names, ns := goldenNotes(t)
	got := goldenHashes(names, ns)
	goldenhash.Check(t, goldenFile, got, *updateGolden, "cards")
}
