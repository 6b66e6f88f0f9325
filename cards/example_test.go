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
	src := `# Hash tables

A hash table is a data structure that maps keys to values.
Python dictionaries have been ordered since version 3.7, released in 2018.
Collision strategies:

- Separate chaining
- Open addressing
- Cuckoo hashing
`
	n, err := notes.Parse("hash.md", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cards.Generate(n, cards.Options{Deck: "algo"}) {
		fmt.Printf("%d %s %s: %q → %q\n", c.Source.Line, c.Rule, c.Kind, c.Front, c.Back)
	}
	// Output:
	// 3 definition basic: "hash table" → "a data structure that maps keys to values"
	// 3 definition reversed: "a data structure that maps keys to values" → "hash table"
	// 4 fact cloze: "Python dictionaries have been ordered since version 3.7, released in [...]." → "2018"
	// 4 fact cloze: "Python dictionaries have been ordered since version [...], released in 2018." → "3.7"
	// 7 enumeration cloze: "Collision strategies:\n- [...]\n- Open addressing\n- Cuckoo hashing" → "Separate chaining"
	// 8 enumeration cloze: "Collision strategies:\n- Separate chaining\n- [...]\n- Cuckoo hashing" → "Open addressing"
	// 9 enumeration cloze: "Collision strategies:\n- Separate chaining\n- Open addressing\n- [...]" → "Cuckoo hashing"
}

// A note with explicit cards gives those only: its author chose.
func ExampleGenerate_explicit() {
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
}

func ExampleExplain() {
	src := "See [the docs](https://example.com).\nA **hash function** maps keys to bucket indexes.\n"
	n, err := notes.Parse("hash.md", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cards.Explain(n, cards.Options{}) {
		fmt.Printf("%s %.2f %q → %q dropped=%q\n", c.Card.Rule, c.Score, c.Card.Front, c.Card.Back, c.Dropped)
	}
	// Output:
	// sentence 0.10 "See the docs." → "" dropped="link only"
	// emphasis 0.70 "A [...] maps keys to bucket indexes." → "hash function" dropped=""
}

func ExampleNewCorpus() {
	var ns []*notes.Note
	for _, src := range []string{
		"A cache keeps hot data close. The cache must be invalidated.",
		"A queue decouples producers from consumers.",
		"The cache of the CDN expires after a TTL.",
	} {
		n, err := notes.Parse("n.md", []byte(src))
		if err != nil {
			fmt.Println(err)
			return
		}
		ns = append(ns, n)
	}
	c := cards.NewCorpus(ns...)
	fmt.Println(c.Len())
	for _, card := range cards.Generate(ns[1], cards.Options{Corpus: c}) {
		fmt.Printf("%s: %s → %s\n", card.Rule, card.Front, card.Back)
	}
	// Output:
	// 3
	// sentence: A queue decouples [...] from consumers. → producers
}

func ExampleQuality() {
	src := "# Notes\n\nThe CAP theorem forbids having all three guarantees at once.\nSee [the paper](https://example.com).\n"
	n, err := notes.Parse("cap.md", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	r := cards.Quality(n, cards.Generate(n, cards.Options{}))
	fmt.Printf("%d cards, %d junk, %d of %d content lines covered (%.0f%%)\n",
		r.Cards, r.Junk, r.Covered, r.Lines, 100*r.Coverage())
	// Output:
	// 1 cards, 0 junk, 1 of 1 content lines covered (100%)
}

func ExampleRules() {
	fmt.Println(cards.Rules())
	// Output:
	// [explicit command question definition enumeration table emphasis fact sentence]
}

func ExampleJunkReason() {
	fmt.Printf("%q\n", cards.JunkReason(cards.Card{Kind: cards.Cloze, Front: "The [...] is fast", Back: "the"}))
	fmt.Printf("%q\n", cards.JunkReason(cards.Card{Kind: cards.Cloze, Front: "Redis keeps data in [...]", Back: "memory"}))
	// Output:
	// "stop word answer"
	// ""
}
