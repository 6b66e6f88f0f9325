package cards

import (
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
Capitale du Québec::Québec
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
	lead := "Simplement un petit jeu de rôle pour introduire le DevOps et l'agile"
	want := []row{
		{3, "fallback", Cloze, "Simplement un petit jeu de rôle pour [...] le DevOps et l'agile:", "introduire", []string{"Conférence DevOps"}},
		{4, "fallback", Cloze, "faire des petits [...]", "morceaux", []string{"Conférence DevOps", lead}},
		{5, "fallback", Cloze, "automatiser la [...] continue", "livraison", []string{"Conférence DevOps", lead}},
		{6, "fallback", Cloze, "avec des pipelines [...]", "reproductibles", []string{"Conférence DevOps", lead, "automatiser la livraison continue"}},
		{11, "definition", Basic, "MVP", "produit minimum viable", []string{"Conférence DevOps", "Agile"}},
		{12, "number", Cloze, "Très peu de projets IA arrivent en production (environ [...])", "15%", []string{"Conférence DevOps", "Agile"}},
		{13, "emphasis", Cloze, "L'approche agile n'est pas que du savoir-faire, c'est aussi du [...].", "savoir-être", []string{"Conférence DevOps", "Agile"}},
		{15, "explicit", Basic, "Capitale du Québec", "Québec", []string{"Conférence DevOps", "Agile"}},
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
		if c.Dropped != "" {
			got = append(got, row{c.Card.Source.Line, c.Card.Rule, c.Dropped})
		}
	}
	want := []row{
		{7, "fallback", dropEtc},
		{14, "fallback", dropLinkOnly},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain dropped mismatch (-want +got):\n%s", diff)
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
