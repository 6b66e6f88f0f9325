package cards

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/notes"
)

func TestQuestion(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []dcard // the cards of rule "question"
	}{
		{
			name: "item answered by its child items",
			src: "# Deploys\n\n- Why should engineers ship their own code?\n" +
				"  - They know what changed\n  - Deploys stay small\n- Other point here\n",
			want: []dcard{{Kind: Basic, Front: "Why should engineers ship their own code?", Back: "- They know what changed\n- Deploys stay small"}},
		},
		{
			name: "one child item is the answer itself",
			src:  "- What does the cache hold?\n  - The rendered pages of the site\n",
			want: []dcard{{Kind: Basic, Front: "What does the cache hold?", Back: "The rendered pages of the site"}},
		},
		{
			name: "labelled question and answer paragraphs",
			src:  "**Q: For interviews, do I need to know everything here?**\n\n**A: No, you don't need to know everything here to prepare for the interview**.\n",
			want: []dcard{{Kind: Basic, Front: "For interviews, do I need to know everything here?", Back: "No, you don't need to know everything here to prepare for the interview."}},
		},
		{
			name: "french answer on the next line of the paragraph",
			src:  "Q: avoir une déontologie personnelle cela peut avoir un sens ?\nR. Oui ça existe, ça s'appelle un scrupule moral.\n",
			want: []dcard{{Kind: Basic, Front: "avoir une déontologie personnelle cela peut avoir un sens ?", Back: "Oui ça existe, ça s'appelle un scrupule moral."}},
		},
		{
			name: "first sentence of a long answer",
			src: "Médiateur de l'Université : en quoi cela consiste ?\nIndépendant, impartial, il assure la confidentialité des échanges. " +
				"Le médiateur ne peut pas représenter le président, l'indépendance doit être totale et l'objet n'est pas de trancher mais de rapprocher les parties.\n",
			want: []dcard{{Kind: Basic, Front: "Médiateur de l'Université : en quoi cela consiste ?", Back: "Indépendant, impartial, il assure la confidentialité des échanges."}},
		},
		{
			name: "the question is the last sentence of its line",
			src: "Une fois qu'on a dit ça, rien ne change. Question : Notion d'autoplagiat, quelles sont les limites de ce concept ?  \n" +
				"Réponse : Quand on se cite soi-même, il faut le faire bien\n",
			want: []dcard{{Kind: Basic, Front: "Notion d'autoplagiat, quelles sont les limites de ce concept ?", Back: "Quand on se cite soi-même, il faut le faire bien"}},
		},
		{
			name: "an answer line cut by a hard break keeps its finished sentence",
			src:  "Médiateur : en quoi cela consiste ?  \nIndépendant, impartial, il assure la confidentialité des échanges. Le  \nmédiateur ne peut pas représenter le président.\n",
			want: []dcard{{Kind: Basic, Front: "Médiateur : en quoi cela consiste ?", Back: "Indépendant, impartial, il assure la confidentialité des échanges."}},
		},
		{
			name: "a long answer written a statement a line keeps its first line",
			src: "Q: Rappel de la différence entre la déontologie, l'éthique et la morale ?\n" +
				"R: La déontologie est l'expérience du négatif dans des relations professionnelles\n" +
				"l'éthique est l'expérience du négatif dans toutes les relations (la déontologie est une spécialisation de l'éthique)\n" +
				"la morale est le discours sur les expériences positives comme négatives. Le discours moral a une base éthique\n",
			want: []dcard{{
				Kind:  Basic,
				Front: "Rappel de la différence entre la déontologie, l'éthique et la morale ?",
				Back:  "La déontologie est l'expérience du négatif dans des relations professionnelles",
			}},
		},
		{
			name: "a list of questions answers nothing",
			src:  "Ask:\n\n- Who is going to use it?\n- How many users are there?\n",
		},
		{
			name: "a rhetorical question before an unlabelled paragraph",
			src:  "New to system design?\n\nFirst, you'll need a basic understanding of common principles.\n",
		},
		{
			name: "answer too long to recall",
			src: "- How does the lookup work?\n  - In the main code base there are two versions of the lookup code and the third one is more performant\n" +
				"  - The second version is still used in regular lookup because it is blocked on feature parity with the first\n",
		},
		{
			name: "not a question",
			src:  "- Deploys are slowed down by managers\n  - They lack context\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := notes.Parse("q.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []dcard
			for _, c := range Generate(n, Options{}) {
				if c.Rule == ruleQuestion {
					got = append(got, dcard{Kind: c.Kind, Front: c.Front, Back: c.Back})
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Generate(%q) question cards mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestJunkReason(t *testing.T) {
	long := "No, you do not need to know everything here to prepare for the interview at all"
	tests := []struct {
		name string
		c    Card
		want string
	}{
		{name: "term", c: Card{Kind: Cloze, Front: "Redis keeps data in [...]", Back: "memory"}},
		{name: "stop word", c: Card{Kind: Cloze, Front: "The [...] is fast", Back: "the"}, want: "stop word answer"},
		{name: "sentence hidden in a cloze", c: Card{Kind: Cloze, Front: "Note: [...]", Back: long}, want: "sentence answer"},
		{name: "sentence answering a question", c: Card{Kind: Basic, Front: "Do I need to know everything here?", Back: long}},
		{
			name: "answer to a question too long to recall",
			c:    Card{Kind: Basic, Front: "Do I need to know everything?", Back: long + " " + long},
			want: "sentence answer",
		},
		{name: "sentence after a term", c: Card{Kind: Basic, Front: "Idempotence", Back: long}, want: "sentence answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JunkReason(tt.c); got != tt.want {
				t.Errorf("JunkReason(%q → %q) = %q, want %q", tt.c.Front, tt.c.Back, got, tt.want)
			}
		})
	}
}
