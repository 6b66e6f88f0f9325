package cards

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/notes"
)

const conferenceNote = `# Conférence DevOps

Simplement un petit jeu de rôle pour introduire le DevOps et l'agile:
- faire des petits morceaux
- automatiser la livraison continue
  - avec des pipelines reproductibles
- etc etc...

## Agile

MVP — produit minimum viable
Très peu de projets IA arrivent en production (environ 15%)
L'approche agile n'est pas que du savoir-faire, c'est aussi du _savoir-être_.
[Lien de l'événement](https://example.com)
`

func TestGenerate(t *testing.T) {
	n := miniNote("fr/conf/devops.md", "Conférence DevOps", conferenceNote)
	n.Tags = []string{"devops"}
	got := Generate(n, Options{Deck: "fr::conf"})
	type row struct {
		Line        int
		Rule        string
		Kind        Kind
		Front, Back string
		Context     []string
	}
	var rows []row
	for _, c := range got {
		rows = append(rows, row{c.Source.Line, c.Rule, c.Kind, c.Front, c.Back, c.Context})
		if c.Deck != "fr::conf" || c.Source.Path != "fr/conf/devops.md" || c.ID != NewID(c.Kind, c.Front, c.Back) {
			t.Errorf("card %+v: wrong deck, path or ID", c)
		}
		if diff := cmp.Diff([]string{"devops"}, c.Tags); diff != "" {
			t.Errorf("card tags mismatch (-want +got):\n%s", diff)
		}
	}
	title := "Conférence DevOps"
	lead := "Simplement un petit jeu de rôle pour introduire le DevOps et l'agile"
	want := []row{
		{3, "sentence", Cloze, "Simplement un petit jeu de [...] pour introduire le DevOps et l'agile:", "rôle", []string{title}},
		{4, "enumeration", Cloze, lead + ":\n- [...]\n- automatiser la livraison continue", "faire des petits morceaux", []string{title}},
		{5, "enumeration", Cloze, lead + ":\n- faire des petits morceaux\n- [...]", "automatiser la livraison continue", []string{title}},
		{6, "sentence", Cloze, "avec des [...]", "pipelines reproductibles", []string{title, lead, "automatiser la livraison continue"}},
		{11, "definition", Reversed, "produit minimum viable", "MVP", []string{title, "Agile"}},
		{11, "definition", Basic, "MVP", "produit minimum viable", []string{title, "Agile"}},
		{12, "fact", Cloze, "Très peu de projets IA arrivent en production (environ [...])", "15%", []string{title, "Agile"}},
		{13, "emphasis", Cloze, "L'approche agile n'est pas que du savoir-faire, c'est aussi du [...].", "savoir-être", []string{title, "Agile"}},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("Generate mismatch (-want +got):\n%s", diff)
	}
}

func TestExplain(t *testing.T) {
	n := miniNote("n.md", "N", conferenceNote)
	type row struct {
		Line    int
		Rule    string
		Dropped string
	}
	var got []row
	for _, c := range Explain(n, Options{}) {
		if c.Card.Deck != DefaultDeck {
			t.Errorf("Explain card deck = %q, want %q", c.Card.Deck, DefaultDeck)
		}
		if c.Score <= 0 || c.Score > 1 {
			t.Errorf("Explain card %q score = %v, want in (0, 1]", c.Card.Front, c.Score)
		}
		if c.Dropped != "" {
			got = append(got, row{c.Card.Source.Line, c.Card.Rule, c.Dropped})
		}
	}
	want := []row{
		{7, "sentence", dropEtc},
		{14, "sentence", dropLinkOnly},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain dropped mismatch (-want +got):\n%s", diff)
	}
}

// TestGenerate_explicitNote checks that a note holding explicit cards, or
// tagged #flashcards, gives only the cards its author wrote, and that the
// tag names the deck.
func TestGenerate_explicitNote(t *testing.T) {
	src := "# Geography\n\nCanberra is the capital of Australia since 1913.\nCapital of Australia::Canberra\n"
	tests := []struct {
		name     string
		src      string
		tags     []string
		deck     string
		wantDeck string
		want     []string // rules
	}{
		{name: "explicit card", src: src, want: []string{"explicit"}, wantDeck: DefaultDeck},
		{name: "no explicit card", src: "# Geography\n\nCanberra is the capital of Australia since 1913.\n", want: []string{"definition", "definition"}, wantDeck: DefaultDeck},
		{name: "flashcards tag alone", src: "# Geography\n\nCanberra is the capital of Australia since 1913.\n", tags: []string{"flashcards"}, wantDeck: DefaultDeck},
		{name: "tag names the deck", src: src, tags: []string{"review", "flashcards/science/physics"}, want: []string{"explicit"}, wantDeck: "science::physics"},
		{name: "frontmatter deck first", src: src, tags: []string{"flashcards/science"}, deck: "Géo", want: []string{"explicit"}, wantDeck: "Géo"},
		{name: "highlights alone keep guessed cards", src: "# Geography\n\nCanberra is the capital of Australia since 1913.\nThe ==Murray== is the longest river of Australia.\n", want: []string{"definition", "definition", "explicit"}, wantDeck: DefaultDeck},
		{name: "code is no explicit card", src: "# Code\n\nThe `std::vector` type grows as needed in C++ programs.\n", want: []string{"emphasis"}, wantDeck: DefaultDeck},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := miniNote("n.md", "", tt.src)
			n.Tags, n.Deck = tt.tags, tt.deck
			var got []string
			for _, c := range Generate(n, Options{}) {
				got = append(got, c.Rule)
				if c.Deck != tt.wantDeck {
					t.Errorf("card %q deck = %q, want %q", c.Front, c.Deck, tt.wantDeck)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Generate rules mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGenerate_obsidianSR checks that the notes of the obsidian-spaced-
// repetition plugin in the corpus give exactly the cards their syntax
// defines: its documentation shows the syntax in code blocks (no explicit
// card), its test vaults define one basic card and two clozes.
func TestGenerate_obsidianSR(t *testing.T) {
	const dir = corpusDir + "/en/st3v3nmw-obsidian-spaced-repetition/"
	tests := []struct {
		file string
		want []string // "rule kind deck: front → back" of all the explicit cards
	}{
		{file: "docs/docs/en/flashcards/q-and-a-cards.md"},
		{file: "docs/docs/en/flashcards/cloze-cards.md"},
		{
			file: "tests/vaults/notes2/Triboelectric Effect.md",
			want: []string{"explicit basic science::physics: What is the phenomenon called when electric charge is transferred between two objects when they contact or slide against each other → Triboelectric effect"},
		},
		{
			file: "tests/vaults/notes6/A.md",
			want: []string{
				"explicit cloze Default: A [...] with multiple parts Navevo part → question",
				"explicit cloze Default: A question with multiple parts [...] → Navevo part",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if _, err := os.Stat(dir + tt.file); err != nil {
				t.Skipf("no corpus note: %v", err)
			}
			n := parseFile(t, dir+tt.file)
			cs := Generate(n, Options{})
			var got []string
			for _, c := range cs {
				if c.Rule == ruleExplicit {
					got = append(got, c.Rule+" "+c.Kind.String()+" "+c.Deck+": "+c.Front+" → "+c.Back)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("explicit cards of %s mismatch (-want +got):\n%s", tt.file, diff)
			}
			if len(tt.want) > 0 && len(got) != len(cs) {
				t.Errorf("%s gave %d guessed cards besides its explicit ones, want none", tt.file, len(cs)-len(got))
			}
		})
	}
}

func TestGenerate_caps(t *testing.T) {
	line := "In 1990, 2000 and 2010 the **first**, *second* and `third` releases of Foo shipped to 12345 users."
	n := miniNote("c.md", "", line)
	var kept, capped int
	for _, c := range Explain(n, Options{}) {
		switch c.Dropped {
		case "":
			kept++
		case dropLineCap:
			capped++
		}
	}
	if kept != maxPerUnit || capped == 0 {
		t.Errorf("Explain(%q) kept %d and capped %d, want %d kept and the rest capped", line, kept, capped, maxPerUnit)
	}

	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "The release of version %d shipped to %d users in Lyon.\n", 10+i, 1000+i)
	}
	n = miniNote("many.md", "", b.String())
	tests := []struct {
		max       int
		wantKept  int
		wantNoted bool
	}{
		{max: 0, wantKept: 24},
		{max: 5, wantKept: 5, wantNoted: true},
		{max: -1, wantKept: 24},
	}
	for _, tt := range tests {
		kept, noted := 0, false
		lines := map[int]bool{}
		for _, c := range Explain(n, Options{MaxPerNote: tt.max}) {
			if c.Dropped == "" {
				kept++
				lines[c.Card.Source.Line] = true
			}
			noted = noted || c.Dropped == dropNoteCap
		}
		if kept != tt.wantKept || noted != tt.wantNoted {
			t.Errorf("Explain(MaxPerNote %d) kept %d (note cap %v), want %d (%v)", tt.max, kept, noted, tt.wantKept, tt.wantNoted)
		}
		if tt.max > 0 && len(lines) != tt.max {
			t.Errorf("Explain(MaxPerNote %d) kept cards on %d lines, want one card on each of %d lines", tt.max, len(lines), tt.max)
		}
	}

	// A note longer than the default cap keeps a card on every line: the
	// default cap grows with the note.
	b.Reset()
	const long = DefaultMaxPerNote + 50
	for i := range long {
		fmt.Fprintf(&b, "The release of version %d shipped to %d users in Lyon.\n", 10+i, 1000+i)
	}
	n = miniNote("long.md", "", b.String())
	lines := map[int]bool{}
	kept = 0
	for _, c := range Generate(n, Options{}) {
		kept++
		lines[c.Source.Line] = true
	}
	if kept != long || len(lines) != long {
		t.Errorf("Generate(%d lines of two cards) kept %d cards on %d lines, want one on each line", long, kept, len(lines))
	}
}

// TestGenerate_languages runs notes in other languages: no panic, cards
// that hold the invariants, and a card from most lines.
func TestGenerate_languages(t *testing.T) {
	tests := []struct {
		name, src string
		minCards  int
	}{
		{"german", "# Zwischenspeicher\n\nEin Cache ist ein schneller Speicher, der häufig gelesene Daten hält.\nDer **Hit-Rate** misst den Anteil der Treffer.\nIm Jahr 2019 lag sie bei 95 %.\n", 3},
		{"spanish", "# Caché\n\nUna caché es una memoria rápida que guarda los datos más leídos.\nLa *tasa de aciertos* mide la proporción de aciertos.\nEn 2019 llegó al 95 %.\n", 3},
		{"russian", "# Кэш\n\nКэш — быстрая память для часто читаемых данных.\nДоля попаданий в 2019 году составила 95 %.\nПамять *Redis* работает быстро.\n", 3},
		{"japanese", "# キャッシュ\n\nキャッシュ：よく読まれるデータを保持する高速なメモリ。\n2019年のヒット率は95%でした。\n**Redis** はメモリ上で動作します。\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := notes.Parse(tt.name+".md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			cs := Generate(n, Options{})
			checkCards(t, n, cs)
			for _, c := range cs {
				if why := JunkReason(c); why != "" {
					t.Errorf("junk card (%s): %q → %q", why, c.Front, c.Back)
				}
			}
			if len(cs) < tt.minCards {
				t.Errorf("Generate(%s) gave %d cards, want at least %d: %+v", tt.name, len(cs), tt.minCards, cs)
			}
		})
	}
}

// TestGenerate_corpus checks that a Corpus sharpens the choice of term and
// that the same notes and Corpus always give the same cards.
func TestGenerate_corpusOption(t *testing.T) {
	common := "Caching is an important technique for important systems."
	var ns []*notes.Note
	for i := range 6 {
		ns = append(ns, miniNote(fmt.Sprintf("n%d.md", i), "", common+" Note "+strconv.Itoa(i)+" covers latency."))
	}
	target := miniNote("t.md", "", "An important cache avoids the expensive memcached round trip.")
	ns = append(ns, target)
	c := NewCorpus(ns...)
	if c.Len() != len(ns) {
		t.Errorf("NewCorpus(%d notes).Len() = %d", len(ns), c.Len())
	}
	first := Generate(target, Options{Corpus: c})
	if diff := cmp.Diff(first, Generate(target, Options{Corpus: c})); diff != "" {
		t.Errorf("Generate with a Corpus is not deterministic:\n%s", diff)
	}
	if len(first) != 1 || first[0].Back == "important" {
		t.Errorf("Generate with a Corpus = %+v, want one card that does not hide a word every note has", first)
	}
	if NewCorpus().Len() != 0 || (*Corpus)(nil).Len() != 0 {
		t.Error("an empty or nil Corpus has notes")
	}
}

func TestGenerate_deck(t *testing.T) {
	tests := []struct {
		name     string
		noteDeck string
		opts     Options
		want     string
	}{
		{name: "frontmatter wins", noteDeck: "Langues::Français", opts: Options{Deck: "fr"}, want: "Langues::Français"},
		{name: "fallback deck", opts: Options{Deck: "fr::conf"}, want: "fr::conf"},
		{name: "default", want: DefaultDeck},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := miniNote("n.md", "", "Capitale du Québec::Québec")
			n.Deck = tt.noteDeck
			got := Generate(n, tt.opts)
			if len(got) != 1 || got[0].Deck != tt.want {
				t.Errorf("Generate deck = %+v, want one card in %q", got, tt.want)
			}
		})
	}
}

func TestGenerate_duplicates(t *testing.T) {
	n := miniNote("n.md", "", "Capitale du Québec::Québec\n\ncapitale du  québec::Québec\n")
	cands := Explain(n, Options{})
	var dropped []string
	for _, c := range cands {
		dropped = append(dropped, c.Dropped)
	}
	if diff := cmp.Diff([]string{"", dropDuplicate}, dropped); diff != "" {
		t.Errorf("Explain duplicates mismatch (-want +got):\n%s", diff)
	}
	if got := Generate(n, Options{}); len(got) != 1 || got[0].Source.Line != 1 {
		t.Errorf("Generate kept %+v, want the card of line 1 only", got)
	}
}

func TestGenerate_context(t *testing.T) {
	src := "# Se comprendre entre développeurs et dirigeants\n\nUn jeu de rôle pour introduire le DevOps rapidement\n\n# Évaluer le processus de livraison\n\nIntroduction de l'idée de plateforme interne\n\n## Détails\n\nTableau de bord des équipes produit"
	n := miniNote("seed.md", "Se comprendre entre développeurs et dirigeants", src)
	var got [][]string
	for _, c := range Generate(n, Options{}) {
		got = append(got, c.Context)
	}
	want := [][]string{
		{"Se comprendre entre développeurs et dirigeants"},
		{"Évaluer le processus de livraison"},
		{"Évaluer le processus de livraison", "Détails"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Generate contexts mismatch (-want +got):\n%s", diff)
	}
}

// TestGenerate_longParentContext: a parent item or a lead-in that is a
// whole paragraph shows in the breadcrumb cut after maxLeadInWords words.
func TestGenerate_longParentContext(t *testing.T) {
	long := "Dans les Gardiens de la Raison, Foucart et Laurens montrent la perméabilité de certains cercles avec le monde industriel, ce qui englobe aussi des auteurs qui ne sont pas du mouvement"
	src := "# Critiques\n\n- " + long + "\n  - Nicolas Gauvrit remarque un rapport idéalisé à la science en 2019\n"
	n := miniNote("z.md", "", src)
	var got [][]string
	for _, c := range Generate(n, Options{}) {
		if c.Source.Line == 4 {
			got = append(got, c.Context)
		}
	}
	if len(got) == 0 {
		t.Fatal("no card from the nested item")
	}
	want := []string{"Critiques", "Dans les Gardiens de la Raison, Foucart et Laurens montrent la perméabilité de certains cercles avec le monde industriel, ce…"}
	for _, ctx := range got {
		if diff := cmp.Diff(want, ctx); diff != "" {
			t.Errorf("context mismatch (-want +got):\n%s", diff)
		}
	}
}

func TestGenerate_multiline(t *testing.T) {
	n := miniNote("n.md", "", "Quels sont les trois piliers\ndu DevOps en 2023\n?\nculture\nautomatisation et mesure\n")
	got := Generate(n, Options{})
	want := []Card{{
		Kind:   Basic,
		Front:  "Quels sont les trois piliers\ndu DevOps en 2023",
		Back:   "culture\nautomatisation et mesure",
		Deck:   DefaultDeck,
		Source: Source{Path: "n.md", Line: 1},
		Rule:   "explicit",
	}}
	want[0].ID = NewID(Basic, want[0].Front, want[0].Back)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Generate mismatch (-want +got):\n%s", diff)
	}
}

func TestGenerate_table(t *testing.T) {
	n := miniNote("n.md", "", "| Langage | Table de hachage |\n|---|---|\n| Python | `dict` |\n| Go | `map` |")
	var got []string
	for _, c := range Generate(n, Options{}) {
		got = append(got, c.Front+" → "+c.Back)
	}
	want := []string{"Python — Table de hachage → `dict`", "Go — Table de hachage → `map`"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Generate table mismatch (-want +got):\n%s", diff)
	}
}

// TestGenerate_tableColumns checks which columns of a table give cards: a
// column of free-text remarks (long sentences) is no answer to recite,
// and rows keyed by a run of ids (1, 2, 3) are the example data of an
// exercise.
func TestGenerate_tableColumns(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "a column of remarks",
			src: "| Operation | Big-O | Note |\n|---|---|---|\n| Access | O(n) | |\n| Search | O(n) | |\n" +
				"| Insert | O(1) | Assumes you have traversed to the insertion position |\n" +
				"| Remove | O(1) | Assumes you have traversed to the node to be removed |",
			want: []string{"Access — Big-O → O(n)", "Search — Big-O → O(n)", "Insert — Big-O → O(1)", "Remove — Big-O → O(1)"},
		},
		{
			name: "long descriptions stay when they are the only values",
			src:  "| JOIN utilisé | Résultat |\n|---|---|\n| `JOIN` ou `INNER JOIN` | Uniquement les lignes qui correspondent dans les deux tables |",
			want: []string{"`JOIN` ou `INNER JOIN` — Résultat → Uniquement les lignes qui correspondent dans les deux tables"},
		},
		{
			name: "short descriptions stay",
			src: "| Verb | Description |\n|---|---|\n| GET | Reads a resource |\n| PUT | Creates or replace a resource |\n" +
				"| POST | Creates a resource or trigger a process that handles data |",
			want: []string{
				"GET — Description → Reads a resource", "PUT — Description → Creates or replace a resource",
				"POST — Description → Creates a resource or trigger a process that handles data",
			},
		},
		{
			name: "rows keyed by ids are example data",
			src:  "| id | nom | ville |\n|---|---|---|\n| 1 | Alice | Paris |\n| 2 | Bob | Lyon |\n| 3 | Charlie | Lille |",
		},
		{
			name: "codes that are no run of ids",
			src:  "| Code | Meaning |\n|---|---|\n| 201 | Created |\n| 404 | Not Found |\n| 500 | Internal Server Error |",
			want: []string{"201 — Meaning → Created", "404 — Meaning → Not Found", "500 — Meaning → Internal Server Error"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Generate(miniNote("t.md", "", tt.src), Options{}) {
				got = append(got, c.Front+" → "+c.Back)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Generate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGenerate_escapes checks that no guessed card's answer shows the
// backslash of a Markdown escape: a cloze of "child\*" is dropped, and a
// table cell's footnote mark ("O(1)\*") is left out of its answer.
func TestGenerate_escapes(t *testing.T) {
	src := "# Recherche\n\n*child* dans Google Scholar est équivalent à *child\\** dans une requête de Pubmed.\n\n" +
		"| Operation | Big-O |\n|---|---|\n| Search | O(1)\\* |\n| Insert | O(n) |\n"
	n, err := notes.Parse("e.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range Generate(n, Options{}) {
		if strings.Contains(c.Back, "\\") {
			t.Errorf("card %q → %q shows an escape in its answer", c.Front, c.Back)
		}
		if c.Rule == ruleTable {
			got = append(got, c.Front+" → "+c.Back)
		}
	}
	want := []string{"Search — Big-O → O(1)", "Insert — Big-O → O(n)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("table cards mismatch (-want +got):\n%s", diff)
	}
}

func TestGenerate_nil(t *testing.T) {
	if got := Generate(nil, Options{}); len(got) != 0 {
		t.Errorf("Generate(nil) = %v, want none", got)
	}
	if got := Generate(&notes.Note{}, Options{}); len(got) != 0 {
		t.Errorf("Generate(empty note) = %v, want none", got)
	}
}

func TestDeckFromDir(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fr/conf/2023", "fr::conf::2023"},
		{"", ""},
		{".", ""},
		{"./fr/", "fr"},
		{"en", "en"},
		{"a//b", "a::b"},
	}
	for _, tt := range tests {
		if got := DeckFromDir(tt.in); got != tt.want {
			t.Errorf("DeckFromDir(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGenerate_instructions checks that the steps of an exercise or a
// procedure ("Tapez la commande : `ps -ef`", "Type `baz` in the lookup
// bar") give no guessed cloze, not even of their code or figures, while
// a statement beside them still does.
func TestGenerate_instructions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line rule back" of the cards
	}{
		{
			name: "french exercise",
			src: "# Processus\n\n" +
				"La commande `ps` affiche les processus du système et leur identifiant.\n\n" +
				"1. Faites grossir `minou` de 200g et maigrir `minette` de 150g, puis affichez leurs masses.\n" +
				"2. Tapez la commande de filtrage : `ps -ef | grep python3`.\n" +
				"3. Dans `htop`, repérez la colonne **NI** (Nice) et notez sa valeur.\n",
			want: []string{"3 emphasis `ps`"},
		},
		{
			name: "english user interface steps",
			src: "# Lookup\n\n" +
				"The lookup bar finds notes by their **hierarchy** and their title.\n\n" +
				"- Type `baz` in the lookup bar and press **Enter** to create the note.\n",
			want: []string{"3 emphasis hierarchy"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := notes.Parse("i.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range Generate(n, Options{}) {
				got = append(got, fmt.Sprintf("%d %s %s", c.Source.Line, c.Rule, c.Back))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Generate(%q) mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestGenerate_longLine: a sentence far longer than a question can be (a
// megabyte of text without a break, say) gives no guessed card, while an
// explicit card on such a line is the author's choice and stays.
func TestGenerate_longLine(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "release %d of Foo%d shipped to Lyon%d with **speed%d** and ", i, i, i, i)
	}
	long := b.String()
	n := miniNote("long.md", "", long)
	if got := Generate(n, Options{}); len(got) != 0 {
		t.Errorf("Generate(%d-byte sentence) = %d cards, want none; first front %d bytes", len(long), len(got), len(got[0].Front))
	}
	tooLong := 0
	for _, c := range Explain(n, Options{}) {
		if c.Dropped == dropTooLong {
			tooLong++
		}
	}
	if tooLong == 0 {
		t.Errorf("Explain(%d-byte sentence) dropped no candidate as %q", len(long), dropTooLong)
	}
	explicit := strings.Repeat("long question ", 200) + "::answer"
	if got := Generate(miniNote("ex.md", "", explicit), Options{}); len(got) != 1 {
		t.Errorf("Generate(long explicit line) = %d cards, want 1", len(got))
	}
}
