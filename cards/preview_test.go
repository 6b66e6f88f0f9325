package cards

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

var previewFlag = flag.String("preview", "", "comma-separated notes whose cards TestPreview logs")

// TestPreview logs the candidates of the notes named by -preview, kept and
// dropped, to read the generator's output while working on the rules:
//
//	go test ./cards -run TestPreview -v -preview ../../shared/seed/000_e0813f7712023e42.txt
func TestPreview(t *testing.T) {
	if *previewFlag == "" {
		t.Skip("no -preview notes")
	}
	for p := range strings.SplitSeq(*previewFlag, ",") {
		n := parseFile(t, p)
		for _, c := range Explain(n, Options{Deck: DeckFromDir(filepath.ToSlash(filepath.Dir(p)))}) {
			cc := c.Card
			mark := "+"
			if c.Dropped != "" {
				mark = "- (" + c.Dropped + ")"
			}
			t.Logf("%s %d %s/%s %.2f [%s] %q → %q %s", filepath.Base(p), cc.Source.Line, cc.Rule, cc.Kind, c.Score, strings.Join(cc.Context, " › "), cc.Front, cc.Back, mark)
		}
	}
}
