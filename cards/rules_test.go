package cards

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/notes"
)

func TestDefinition(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []dcard
	}{
		{
			name: "colon",
			in:   "Idempotence: applying an operation twice changes nothing more",
			want: []dcard{{Kind: Basic, Front: "Idempotence", Back: "applying an operation twice changes nothing more"}},
		},
		{
			name: "french colon with space",
			in:   "Bulle de filtre : isolement intellectuel dû aux algorithmes",
			want: []dcard{{Kind: Basic, Front: "Bulle de filtre", Back: "isolement intellectuel dû aux algorithmes"}},
		},
		{
			name: "strong term and spaced hyphen",
			in:   "**Separate chaining** - A linked list is used for each value",
			want: []dcard{{Kind: Basic, Front: "Separate chaining", Back: "A linked list is used for each value"}},
		},
		{
			name: "em dash",
			in:   "MVP — produit minimum viable",
			want: []dcard{{Kind: Basic, Front: "MVP", Back: "produit minimum viable"}},
		},
		{
			name: "code value",
			in:   "**Masque** : `255.255.255.224` sur ce réseau",
			want: []dcard{{Kind: Basic, Front: "Masque", Back: "`255.255.255.224` sur ce réseau"}},
		},
		{name: "lead-in line", in: "Simplement un petit jeu de rôle pour introduire le DevOps:"},
		{name: "lead-in item with short term", in: "Les avantages :"},
		{name: "term too long", in: "Prendre en compte la constitution des équipes: junior vs senior, interne vs pigiste"},
		{name: "one word definition", in: "Réseau: local"},
		{name: "term ends a sentence", in: "It works. Really: it does work"},
		{name: "label", in: "Note: this only works on Linux"},
		{name: "mostly stop words", in: "Il y a: deux types de tests"},
		{name: "time is not a separator", in: "Rendez-vous à 10:30 devant la salle"},
		{name: "url is not a separator", in: "Docs at https://example.com today"},
		{name: "hyphenated word is not a dash", in: "Le savoir-faire et le savoir-être comptent"},
		{name: "colon in code", in: "`a: b` est du YAML valide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []dcard
			if d, ok := definition(txt(tt.in)); ok {
				got = simplify([]draft{d})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("definition(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCommand(t *testing.T) {
	tests := []struct {
		name       string
		desc, next string
		want       []dcard
	}{
		{
			name: "tldr item",
			desc: "Se connecter à un serveur distant :",
			next: "`ssh {{utilisateur}}@{{hote_distant}}`",
			want: []dcard{{Kind: Basic, Front: "Se connecter à un serveur distant", Back: "`ssh {{utilisateur}}@{{hote_distant}}`"}},
		},
		{
			name: "english",
			desc: "List all files, including hidden ones:",
			next: "`ls -a`",
			want: []dcard{{Kind: Basic, Front: "List all files, including hidden ones", Back: "`ls -a`"}},
		},
		{name: "no colon", desc: "List all files", next: "`ls -a`"},
		{name: "next is prose", desc: "List all files:", next: "use `ls -a` for that"},
		{name: "one word", desc: "Exemple :", next: "`ls -a`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := notes.Block{Kind: notes.Item, Text: txt(tt.desc)}
			next := notes.Block{Kind: notes.Line, Text: txt(tt.next)}
			var got []dcard
			if d, ok := command(b, next); ok {
				got = simplify([]draft{d})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("command(%q, %q) mismatch (-want +got):\n%s", tt.desc, tt.next, diff)
			}
		})
	}
}

func TestEmphasis(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []dcard
	}{
		{
			name: "emphasis inside french elision",
			in:   "Il est important de rester dans la logique d'_improvment_ et de livrer.",
			want: []dcard{{
				Kind:  Cloze,
				Front: "Il est important de rester dans la logique d'[...] et de livrer.",
				Back:  "improvment",
				Cloze: "Il est important de rester dans la logique d'{{c1::improvment}} et de livrer.",
			}},
		},
		{
			name: "strong and code make two cards",
			in:   "Use **autosquash** with `git commit --fixup` before a rebase",
			want: []dcard{
				{
					Kind:  Cloze,
					Front: "Use [...] with `git commit --fixup` before a rebase",
					Back:  "autosquash",
					Cloze: "Use {{c1::autosquash}} with `git commit --fixup` before a rebase",
				},
				{
					Kind:  Cloze,
					Front: "Use **autosquash** with [...] before a rebase",
					Back:  "`git commit --fixup`",
					Cloze: "Use **autosquash** with {{c1::`git commit --fixup`}} before a rebase",
				},
			},
		},
		{
			name: "nested spans: outer one only",
			in:   "The ***key idea*** of the talk is simple",
			want: []dcard{{Kind: Cloze, Front: "The [...] of the talk is simple", Back: "key idea", Cloze: "The {{c1::key idea}} of the talk is simple"}},
		},
		{name: "whole line", in: "_\"People over process and tools\"_"},
		{name: "most of the line", in: "**Separate chaining everywhere** ok"},
		{name: "too many words", in: "Se poser la question _Qu'est ce qui empêche d'amener une idée en production_ permet d'avancer"},
		{
			name: "stop word",
			in:   "It is **not** what you think at all",
			want: []dcard{{Kind: Cloze, Front: "It is [...] what you think at all", Back: "not", Cloze: "It is {{c1::not}} what you think at all", Dropped: dropStopWord}},
		},
		{
			name: "single character",
			in:   "Set the variable *x* before the loop starts",
			want: []dcard{{Kind: Cloze, Front: "Set the variable [...] before the loop starts", Back: "x", Cloze: "Set the variable {{c1::x}} before the loop starts", Dropped: dropTooShort}},
		},
		{
			name: "answer repeated in the line",
			in:   "The **cache** is fast, a cache miss is slow",
			want: []dcard{{Kind: Cloze, Front: "The [...] is fast, a cache miss is slow", Back: "cache", Cloze: "The {{c1::cache}} is fast, a cache miss is slow", Dropped: dropLeak}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, _ := emphasis(txt(tt.in))
			got := simplify(ds)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("emphasis(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // backs
	}{
		{name: "percentage in parentheses", in: "Très peu de projets vont en production (environ 15%)", want: []string{"15%"}},
		{name: "french percentage", in: "Le taux atteint 15 % cette année", want: []string{"15 %"}},
		{name: "year", in: "Eli Pariser a décrit la bulle de filtre en 2011", want: []string{"2011"}},
		{name: "decimal", in: "Python 3.5 added the async keyword", want: []string{"3.5"}},
		{name: "thousands with space", in: "Environ 2 000 personnes étaient présentes", want: []string{"2 000"}},
		{name: "thousands with comma", in: "About 1,000,000 requests per day", want: []string{"1,000,000"}},
		{name: "attached unit", in: "The p99 latency dropped to 120ms after the fix", want: []string{"120ms"}},
		{name: "currency", in: "The plan costs $20 per month", want: []string{"$20"}},
		{name: "several", in: "Entre 1990 et 2010 le marché a doublé", want: []string{"1990", "2010"}},
		{name: "single digit", in: "Il y a 3 phases dans le projet"},
		{name: "inside a word", in: "Encode it as MP3 or x86 binaries"},
		{name: "date", in: "L'événement du 2023-12-05 à Montréal"},
		{name: "time", in: "Début à 10:30 dans la grande salle"},
		{name: "version", in: "Upgrade to version 1.2.3 now"},
		{name: "code", in: "Run `sleep 100` in the shell"},
		{name: "link", in: "See [RFC 2616](https://example.com) for details"},
		{name: "long attached word", in: "The 1password manager is popular"},
		{name: "unit after a space", in: "Read sequentially from memory at 4 GB/s or 250 ms per MB", want: []string{"4 GB/s", "250 ms"}},
		{name: "word after a space is no unit", in: "Il y a 15 ans et 20 chats", want: []string{"15", "20"}},
		{name: "bare url", in: "Source : https://example.com/c.php?g=577919&p=4304403 en 2020", want: []string{"2020"}},
		{name: "list of figures", in: "Result: 2, 7, 5, 6, 11, 1, 9, 5, 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range numbers(txt(tt.in), nil) {
				got = append(got, d.back)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("numbers(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNumbers_takenRange(t *testing.T) {
	in := txt("Le **chiffre 2011** et aussi 1990 ensemble")
	_, taken := emphasis(in)
	var got []string
	for _, d := range numbers(in, taken) {
		got = append(got, d.back)
	}
	if diff := cmp.Diff([]string{"1990"}, got); diff != "" {
		t.Errorf("numbers after emphasis mismatch (-want +got):\n%s", diff)
	}
}

func TestFallback(t *testing.T) {
	tests := []struct {
		name        string
		in, ctx     string
		wantBack    string
		wantDropped string
	}{
		{name: "acronym", in: "ne pas seulement livrer des MVP à longueur de temps", wantBack: "MVP"},
		{name: "plural acronym", in: "En premier on pense aux différentes KPIs du projet", wantBack: "KPIs"},
		{name: "inner capital", in: "tout ce qui est dans le coin du DevOps", wantBack: "DevOps"},
		{name: "elision prefix is not part of the answer", in: "L'approche repose sur l'agilité au quotidien", wantBack: "agilité"},
		{name: "proper name", in: "exemple de Dynatrace qui intègre de la détection", wantBack: "Dynatrace"},
		{name: "run of capitals", in: "Secure Shell est un protocole utilisé pour se connecter", wantBack: "Secure Shell"},
		{name: "quoted phrase", in: "Introduction de l'idée de \"plateforme\" dans l'équipe", wantBack: "plateforme"},
		{name: "longest content word", in: "faire des petits morceaux", wantBack: "morceaux"},
		{name: "term shown in context is avoided", in: "usage frugal du DevOps en entreprise", ctx: "DevOps appliqué aux PME", wantBack: "entreprise"},
		{name: "repeated word is avoided", in: "basculer de la vélocité moyenne vers la vélocité de valeur", wantBack: "moyenne"},
		{name: "english noun", in: "Hashing is the most common example of a space-time tradeoff", wantBack: "space-time"},
		{name: "possessive", in: "We rely on Python's standard library here", wantBack: "Python"},
		{name: "too short", in: "Chat apps", wantDropped: dropTooShort},
		{name: "acronym list", in: "TDD, BDD...", wantDropped: dropTooShort},
		{name: "etc", in: "etc etc...", wantDropped: dropEtc},
		{name: "ellipsis", in: "...", wantDropped: dropEtc},
		{name: "link only", in: "[Lien de l'événement](https://example.com)", wantDropped: dropLinkOnly},
		{name: "wikilinks only", in: "[[Triboelectric Effect Examples]]", wantDropped: dropLinkOnly},
		{name: "tag only", in: "#flashcards/science", wantDropped: dropLinkOnly},
		{name: "code only", in: "`ssh user@host -p 2222`", wantDropped: dropCodeOnly},
		{name: "stop words only", in: "et puis de la", wantDropped: dropNoTerm},
		{name: "short lead-in", in: "Les intérêts poursuivis sont les suivants :", wantDropped: dropLeadIn},
		{name: "long lead-in", in: "Un petit jeu de rôle pour introduire les grosses notions du DevOps et l'agilité:", wantBack: "DevOps"},
		{name: "words of a bare url are not asked", in: "Create a vault by running dendron://dendron.dendron-site/vaults now", wantBack: "running"},
		{name: "see link", in: "See [the docs](https://example.com).", wantDropped: dropLinkOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fallback(txt(tt.in), tt.ctx)
			check(&d)
			if tt.wantDropped != "" {
				if d.dropped != tt.wantDropped {
					t.Errorf("fallback(%q) dropped = %q, want %q", tt.in, d.dropped, tt.wantDropped)
				}
				return
			}
			if d.dropped != "" || d.back != tt.wantBack {
				t.Errorf("fallback(%q) = %q (dropped %q), want %q", tt.in, d.back, d.dropped, tt.wantBack)
			}
		})
	}
}

func TestFallback_card(t *testing.T) {
	d := fallback(txt("Rassurer ses clients avec votre **histoire** et l'agilité"), "")
	check(&d)
	want := dcard{
		Kind:  Cloze,
		Front: "Rassurer ses clients avec votre **histoire** et l'[...]",
		Back:  "agilité",
		Cloze: "Rassurer ses clients avec votre **histoire** et l'{{c1::agilité}}",
	}
	if diff := cmp.Diff(want, simplify([]draft{d})[0]); diff != "" {
		t.Errorf("fallback mismatch (-want +got):\n%s", diff)
	}
}

func TestTable(t *testing.T) {
	tests := []struct {
		name string
		b    notes.Block
		want []dcard
	}{
		{
			name: "one card per cell",
			b: notes.Block{
				Kind:   notes.Row,
				Cells:  []notes.Text{txt("Python"), txt("`dict`"), txt("N/A"), txt("**O(1)**")},
				Header: []notes.Text{txt("Language"), txt("API"), txt("Notes"), txt("Lookup")},
			},
			want: []dcard{
				{Kind: Basic, Front: "Python — API", Back: "`dict`"},
				{Kind: Basic, Front: "Python — Lookup", Back: "O(1)"},
			},
		},
		{
			name: "short header",
			b: notes.Block{
				Kind:   notes.Row,
				Cells:  []notes.Text{txt("192.168.247.31"), txt("Broadcast (réservée)")},
				Header: []notes.Text{txt("Adresse IP")},
			},
			want: []dcard{{Kind: Basic, Front: "192.168.247.31", Back: "Broadcast (réservée)"}},
		},
		{
			name: "yes and no, links skipped",
			b: notes.Block{
				Kind:   notes.Row,
				Cells:  []notes.Text{txt("GET"), txt("Yes"), txt("[Solution](https://example.com)"), txt("x")},
				Header: []notes.Text{txt("Method"), txt("Safe"), txt("Link"), txt("Mark")},
			},
			want: []dcard{
				{Kind: Basic, Front: "GET — Safe", Back: "Yes"},
				{Kind: Basic, Front: "GET — Mark", Back: "x", Dropped: dropTooShort},
			},
		},
		{
			name: "empty first cell",
			b:    notes.Block{Kind: notes.Row, Cells: []notes.Text{txt(""), txt("x y")}},
		},
		{
			name: "single cell",
			b:    notes.Block{Kind: notes.Row, Cells: []notes.Text{txt("alone")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := simplify(table(tt.b))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("table mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIsAdmonition(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`!!! note "Card 1"`, true},
		{"??? tip", true},
		{"[!warning] Attention", true},
		{"Note: this is content", false},
		{"!important", false},
	}
	for _, tt := range tests {
		if got := isAdmonition(tt.in); got != tt.want {
			t.Errorf("isAdmonition(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
