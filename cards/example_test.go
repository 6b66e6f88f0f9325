package cards_test

import (
	"fmt"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/notes"
)

func ExampleDeckFromDir() {
	fmt.Printf("%q\n", cards.DeckFromDir("fr/conf/2023"))
	fmt.Printf("%q\n", cards.DeckFromDir("."))
	// Output:
	// "fr::conf::2023"
	// ""
}

func ExampleGenerate() {
	src := `# Geography

Capital of Australia::Canberra
The first female prime minister of Australia was ==Julia Gillard==
Australia has about 27 000 000 inhabitants.
`
	n, err := notes.Parse("geo.md", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cards.Generate(n, cards.Options{Deck: "geo"}) {
		fmt.Printf("%d %s %s: %s → %s\n", c.Source.Line, c.Rule, c.Kind, c.Front, c.Back)
	}
	// Output:
	// 3 explicit basic: Capital of Australia → Canberra
	// 4 explicit cloze: The first female prime minister of Australia was [...] → Julia Gillard
	// 5 number cloze: Australia has about [...] inhabitants. → 27 000 000
}

func ExampleExplain() {
	src := "See [the docs](https://example.com).\nA **hash function** maps keys to bucket indexes.\n"
	n, err := notes.Parse("hash.md", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cards.Explain(n, cards.Options{}) {
		fmt.Printf("%s %q → %q dropped=%q\n", c.Card.Rule, c.Card.Front, c.Card.Back, c.Dropped)
	}
	// Output:
	// fallback "See the docs." → "" dropped="link only"
	// emphasis "A [...] maps keys to bucket indexes." → "hash function" dropped=""
}
