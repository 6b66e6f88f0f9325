package cards

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mnemo-dev/mnemo/notes"
)

func TestDefinition(t *testing.T) {
	tests := []struct {
		name string
		lang lang
		in   string
		want []dcard
	}{
		{
			name: "colon",
			in:   "Idempotence: applying an operation twice changes nothing",
			want: []dcard{
				{Kind: Basic, Front: "Idempotence", Back: "applying an operation twice changes nothing"},
				{Kind: Reversed, Front: "applying an operation twice changes nothing", Back: "Idempotence"},
			},
		},
		{
			name: "french colon with space",
			lang: langFR,
			in:   "Bulle de filtre : isolement intellectuel dû aux algorithmes",
			want: []dcard{
				{Kind: Basic, Front: "Bulle de filtre", Back: "isolement intellectuel dû aux algorithmes"},
				{Kind: Reversed, Front: "isolement intellectuel dû aux algorithmes", Back: "Bulle de filtre"},
			},
		},
		{
			name: "strong term and spaced hyphen",
			in:   "**Separate chaining** - A linked list is used for each value",
			want: []dcard{
				{Kind: Basic, Front: "Separate chaining", Back: "A linked list is used for each value"},
				{Kind: Reversed, Front: "A linked list is used for each value", Back: "Separate chaining"},
			},
		},
		{
			name: "em dash and closing period",
			lang: langFR,
			in:   "MVP — produit minimum viable.",
			want: []dcard{
				{Kind: Basic, Front: "MVP", Back: "produit minimum viable"},
				{Kind: Reversed, Front: "produit minimum viable", Back: "MVP"},
			},
		},
		{
			name: "equals",
			in:   "TTL = time to live of a cache entry",
			want: []dcard{
				{Kind: Basic, Front: "TTL", Back: "time to live of a cache entry"},
				{Kind: Reversed, Front: "time to live of a cache entry", Back: "TTL"},
			},
		},
		{
			name: "strong term without separator",
			in:   "**Latency** the time it takes to perform an action",
			want: []dcard{
				{Kind: Basic, Front: "Latency", Back: "the time it takes to perform an action"},
				{Kind: Reversed, Front: "the time it takes to perform an action", Back: "Latency"},
			},
		},
		{
			name: "code value",
			lang: langFR,
			in:   "**Masque** : `255.255.255.224` sur ce réseau",
			want: []dcard{
				{Kind: Basic, Front: "Masque", Back: "`255.255.255.224` sur ce réseau"},
				{Kind: Reversed, Front: "`255.255.255.224` sur ce réseau", Back: "Masque"},
			},
		},
		{
			name: "english copula",
			in:   "A hash table is a data structure that maps keys to values.",
			want: []dcard{
				{Kind: Basic, Front: "hash table", Back: "a data structure that maps keys to values"},
				{Kind: Reversed, Front: "a data structure that maps keys to values", Back: "hash table"},
			},
		},
		{
			name: "copula definition stops at its clause",
			in:   "A single reverse proxy is a single point of failure, configuring several adds complexity",
			want: []dcard{
				// "a single point of failure" classes the proxy: many things
				// are one, so no reversed card asks for it.
				{Kind: Basic, Front: "single reverse proxy", Back: "a single point of failure"},
			},
		},
		{
			name: "copula class in french",
			lang: langFR,
			in:   "Le Go est un langage compilé.",
			want: []dcard{
				{Kind: Basic, Front: "Go", Back: "un langage compilé"},
			},
		},
		{
			name: "copula definition with an indefinite article",
			in:   "HTTP is a method for encoding and transporting data between a client and a server",
			want: []dcard{
				{Kind: Reversed, Front: "a method for encoding and transporting data between a client and a server", Back: "HTTP"},
			},
		},
		{
			name: "means",
			in:   "Idempotent means that repeating the call changes nothing",
			want: []dcard{
				{Kind: Basic, Front: "Idempotent", Back: "that repeating the call changes nothing"},
				{Kind: Reversed, Front: "that repeating the call changes nothing", Back: "Idempotent"},
			},
		},
		{
			name: "french copula",
			lang: langFR,
			in:   "Le DevOps est une culture qui rapproche le développement et l'exploitation.",
			want: []dcard{
				{Kind: Basic, Front: "DevOps", Back: "une culture qui rapproche le développement et l'exploitation"},
				{Kind: Reversed, Front: "une culture qui rapproche le développement et l'exploitation", Back: "DevOps"},
			},
		},
		{
			name: "désigne",
			lang: langFR,
			in:   "La zététique désigne l'art du doute méthodique",
			want: []dcard{
				{Kind: Basic, Front: "zététique", Back: "l'art du doute méthodique"},
				{Kind: Reversed, Front: "l'art du doute méthodique", Back: "zététique"},
			},
		},
		{
			name: "german copula",
			lang: langDE,
			in:   "Ein Compiler ist ein Programm, das Quellcode übersetzt",
			// "ein Programm" is too vague to ask for "Compiler": one way only
			want: []dcard{{Kind: Basic, Front: "Compiler", Back: "ein Programm"}},
		},
		{
			name: "long definition goes one way",
			in:   "Sharding: splitting the data of one database across many smaller databases, each holding a subset of the rows",
			want: []dcard{{
				Kind:  Reversed,
				Front: "splitting the data of one database across many smaller databases, each holding a subset of the rows",
				Back:  "Sharding",
			}},
		},
		{
			name: "term in its definition",
			in:   "Cache: a cache keeps copies of hot data",
			want: []dcard{
				{Kind: Basic, Front: "Cache", Back: "a cache keeps copies of hot data"},
				{Kind: Reversed, Front: "a cache keeps copies of hot data", Back: "Cache", Dropped: dropLeak},
			},
		},
		{name: "lead-in line", in: "Simplement un petit jeu de rôle pour introduire le DevOps:"},
		{name: "lead-in item with short term", in: "Les avantages :"},
		{name: "french verb phrase", lang: langFR, in: "Prendre en compte la constitution des équipes: junior vs senior"},
		{name: "french imperative", lang: langFR, in: "Lancez le script dans un terminal : `python3 famille.py`"},
		{name: "english imperative", in: "Use the cache: it saves a round trip"},
		{name: "sentence as term", in: "Servers should be stateless: they hold no session"},
		{name: "one word definition", in: "Réseau: local"},
		{name: "term ends a sentence", in: "It works. Really: it does work"},
		{name: "label", in: "Note: this only works on Linux"},
		{name: "numbered part", lang: langFR, in: "PARTIE 1 : pourquoi la déontologie est jugée secondaire"},
		{name: "ordinal part", lang: langFR, in: "1ère question : quelle fonction au niveau institutionnel"},
		{name: "mostly stop words", lang: langFR, in: "Il y a: deux types de tests"},
		{name: "definition stops short", in: "Gitv is an extension of the"},
		{name: "definition introduces a list", lang: langFR, in: "Les intérêts poursuivis sont les suivants :"},
		{name: "pronoun subject", in: "It is a common pattern in web apps"},
		{name: "property, not a definition", in: "Redis is fast and easy to run"},
		{name: "bold subject of a sentence", in: "**Service** pushes tweets to the Twitter Firehose"},
		{name: "remark after a spaced hyphen", in: "Generic except statements swallow bugs - log an exception there"},
		{name: "time is not a separator", in: "Rendez-vous à 10:30 devant la salle"},
		{name: "url is not a separator", in: "Docs at https://example.com today"},
		{name: "hyphenated word is not a dash", lang: langFR, in: "Le savoir-faire et le savoir-être comptent"},
		{name: "colon in code", in: "`a: b` est du YAML valide"},
		// The reversed card asks for the term from its definition: only a
		// description of the term does, not a value, a list or a quote.
		{
			name: "a field and its size: no reversed card",
			in:   "`text` - 140 bytes",
			want: []dcard{{Kind: Basic, Front: "`text`", Back: "140 bytes"}},
		},
		{
			name: "a label and a two-word value: no reversed card",
			in:   "Missing note - warning color",
			want: []dcard{{Kind: Basic, Front: "Missing note", Back: "warning color"}},
		},
		{
			name: "two words ask for an acronym",
			lang: langFR,
			in:   "**PID** : Identifiant unique.",
			want: []dcard{
				{Kind: Basic, Front: "PID", Back: "Identifiant unique"},
				{Kind: Reversed, Front: "Identifiant unique", Back: "PID"},
			},
		},
		{
			name: "a list of members: no reversed card",
			lang: langFR,
			in:   "**États** : Élu (Running), Prêt (Ready), Bloqué (Sleeping).",
			want: []dcard{{Kind: Basic, Front: "États", Back: "Élu (Running), Prêt (Ready), Bloqué (Sleeping)"}},
		},
		{
			name: "two sentences of advice: no reversed card",
			in:   "**Short timeline** - Aim for **breadth** with system design topics. Practice by solving **some** interview questions.",
		},
		{
			name: "a speaker and what they said: no card",
			lang: langFR,
			in: "Hervé Folliot : En physique, les méconduites qu'on rencontre le plus, ce sont des retouches " +
				"d'images qui permettent de démontrer la thèse",
		},
		{
			name: "a speaker and a question: no card",
			lang: langFR,
			in:   "Alexandre Serres : qu'est-ce que c'est qu'un RIS ? - Ethique de la recherche : Loi Huriet-Sérusclat 1988, Loi Jardé",
		},
		{
			name: "a definition that breaks off: no card",
			lang: langFR,
			in:   "Louis Cellier : non respect des personnes qui sont le sujet de l'étude ;",
		},
		{
			name: "a term with a url: no card",
			lang: langFR,
			in:   "Bernays (http://www.sudoc.fr/014399245) : convaincre les femmes de fumer en faisant passer cela pour un signe de libération",
		},
		{
			name: "mostly code: no reversed card",
			in:   "Abstraction: nested map `ColumnFamily<RowKey, Columns<ColKey, Value, Timestamp>>`",
			want: []dcard{{Kind: Basic, Front: "Abstraction", Back: "nested map `ColumnFamily<RowKey, Columns<ColKey, Value, Timestamp>>`"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lang
			if l == langOther {
				l = langEN
			}
			g, u := unitOf(l, tt.in)
			got := checked(g, g.definition(u))
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
				got = checked(&generator{lang: langEN}, []draft{d})
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
		lang lang
		in   string
		want []dcard
	}{
		{
			name: "emphasis inside french elision",
			lang: langFR,
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
		{
			name: "quoted phrases",
			lang: langFR,
			in:   "Basculer de la \"vélocité moyenne\" vers la « valeur d'affaire » en équipe",
			want: []dcard{
				{
					Kind:  Cloze,
					Front: "Basculer de la \"[...]\" vers la « valeur d'affaire » en équipe",
					Back:  "vélocité moyenne",
					Cloze: "Basculer de la \"{{c1::vélocité moyenne}}\" vers la « valeur d'affaire » en équipe",
				},
				{
					Kind:  Cloze,
					Front: "Basculer de la \"vélocité moyenne\" vers la « [...] » en équipe",
					Back:  "valeur d'affaire",
					Cloze: "Basculer de la \"vélocité moyenne\" vers la « {{c1::valeur d'affaire}} » en équipe",
				},
			},
		},
		{name: "whole line", in: "_\"People over process and tools\"_"},
		{name: "placeholder names", in: "Create notes called `foo` and `bar` with any content"},
		{name: "label", in: "**Note:** the internal load balancers are not shown here"},
		{name: "most of the line", in: "**Separate chaining everywhere** ok"},
		{name: "too many words", lang: langFR, in: "Se poser la question _Qu'est ce qui empêche d'amener une idée en production_ permet d'avancer"},
		{name: "stressed phrase", in: "*To avoid repeating discussions*, refer to the topics below for the main points"},
		{
			name: "a quoted adjective after an intensifier is tone",
			lang: langFR,
			in:   "Faire des sortes de *vis ma vie* pour ensuite avoir des discussions plus \"apaisées\"",
			want: []dcard{{
				Kind:  Cloze,
				Front: "Faire des sortes de [...] pour ensuite avoir des discussions plus \"apaisées\"",
				Back:  "vis ma vie",
				Cloze: "Faire des sortes de {{c1::vis ma vie}} pour ensuite avoir des discussions plus \"apaisées\"",
			}},
		},
		{
			name: "a stressed phrase of generic words is tone",
			in:   "System design is a **required component** of the **technical interview process** at many tech companies.",
			want: []dcard{{
				Kind:  Cloze,
				Front: "System design is a **required component** of the [...] at many tech companies.",
				Back:  "technical interview process",
				Cloze: "System design is a **required component** of the {{c1::technical interview process}} at many tech companies.",
			}},
		},
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
		{
			name: "a stressed adjective is tone, not a term",
			lang: langFR,
			in:   "Remarque : `JOIN` tout seul est **équivalent** à une jointure interne.",
			want: []dcard{{
				Kind:  Cloze,
				Front: "Remarque : [...] tout seul est **équivalent** à une jointure interne.",
				Back:  "`JOIN`",
				Cloze: "Remarque : {{c1::`JOIN`}} tout seul est **équivalent** à une jointure interne.",
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lang
			if l == langOther {
				l = langEN
			}
			g, u := unitOf(l, tt.in)
			ds, _ := g.emphasis(u)
			if diff := cmp.Diff(tt.want, checked(g, ds)); diff != "" {
				t.Errorf("emphasis(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFacts(t *testing.T) {
	tests := []struct {
		name string
		lang lang
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
		{name: "at most three", in: "Les lots 11, 12, 13 et 14 sont vendus", want: []string{"11", "12", "13"}},
		{name: "french date", lang: langFR, in: "La conférence a eu lieu le 5 décembre 2023 à Montréal", want: []string{"5 décembre 2023"}},
		{name: "english date", in: "The paper came out on December 5, 2023 in Nature", want: []string{"December 5, 2023"}},
		{name: "month and year", lang: langFR, in: "Un article paru dans Nature en juin 2020 le montre", want: []string{"juin 2020"}},
		{name: "iso date", in: "The event of 2023-12-05 was in Montreal", want: []string{"2023-12-05"}},
		{name: "may is a verb", in: "It may take 10 minutes", want: []string{"10 minutes"}},
		{name: "single digit", in: "Il y a 3 phases dans le projet ABC", want: []string{"ABC"}},
		{name: "capitalised generic word is no name", in: "When asking Item 1, all other text will be hidden."},
		{name: "inside a word", in: "Encode it as mp3 or x86 binaries"},
		{name: "time", in: "Début à 10:30 dans la grande salle"},
		{name: "version", in: "Upgrade to version 1.2.3 now"},
		{name: "code", in: "Run `sleep 100` in the shell"},
		{name: "numbers in links are left alone", in: "See [RFC 2616](https://example.com) for details", want: []string{"RFC"}},
		{name: "unit after a space", in: "Read sequentially from memory at 4 GB/s or 250 ms per MB", want: []string{"4 GB/s", "250 ms"}},
		{name: "word after a space is no unit", in: "Il y a 15 ans et 20 chats", want: []string{"15 ans", "20"}},
		{name: "bare url", in: "Source : https://example.com/c.php?g=577919&p=4304403 en 2020", want: []string{"2020"}},
		{name: "list of figures", in: "Result: 2, 7, 5, 6, 11, 1, 9, 5, 9"},
		{name: "acronym", lang: langFR, in: "ne pas seulement livrer des MVP à longueur de temps", want: []string{"MVP"}},
		{name: "plural acronym", lang: langFR, in: "En premier on pense aux différentes KPIs du projet", want: []string{"KPIs"}},
		{name: "proper name", lang: langFR, in: "exemple de Dynatrace qui intègre de la détection", want: []string{"Dynatrace"}},
		{name: "name with particle and initial", lang: langFR, in: "Selon Olivier Le Deuff et Thomas C. Durand la question reste ouverte", want: []string{"Olivier Le Deuff"}},
		{name: "name that opens a line", lang: langFR, in: "Olivier Le Deuff propose de n'ouvrir la relecture qu'après une validation", want: []string{"Olivier Le Deuff"}},
		{name: "name after a capitalised pronoun", lang: langFR, in: "Le texte du Committee On Publication Ethics fixe quatre obligations", want: []string{"Publication Ethics"}},
		{name: "name after a verb", lang: langFR, in: "Comme l'indique Olivier Le Deuff, un relecteur rencontre un problème", want: []string{"Olivier Le Deuff"}},
		{name: "name with an initial", lang: langFR, in: "Pour Thomas C. Durand, la zététique n'est pas une science", want: []string{"Thomas C. Durand"}},
		{name: "steps of a calculation", in: "10 KB per tweet × 500 million tweets per day × 30 days per month"},
		{name: "sentence start is no name", in: "Caching improves page load times a lot"},
		{name: "title case names nothing", in: "Different Ways To Define An Interval"},
		{name: "citation key", lang: langFR, in: "Eli Pariser en 2011@PariserTEDx2011 a montré ceci", want: []string{"Eli Pariser"}},
		{name: "question", lang: langFR, in: "Médiateur de l'Université : en quoi cela consiste ?"},
		// A weekday or a month alone dates a meeting; it is no fact.
		{name: "weekday", in: "Kevin is giving a talk on using Dendron this Friday.", want: []string{"Dendron"}},
		{name: "month alone", in: "Trying to move everything over by end of July."},
		{name: "french month alone", lang: langFR, in: "On prévoit de tout migrer avant la fin de Juillet."},
		{name: "an acronym alone in parentheses", lang: langFR, in: "Déploiement de la formation des personnels de recherche (H4SR)"},
		{name: "an acronym in parentheses after its hyphenated words", in: "A time-to-live (TTL) determines how long content is cached", want: []string{"TTL"}},
		{name: "an acronym in parentheses after its words", in: "Both teams signed a service level agreement (SLA) last week", want: []string{"SLA"}},
		{name: "a speaker's name is no fact", lang: langFR, in: "Louis Cellier : non respect des personnes qui sont le sujet de l'étude"},
		{name: "fragment names nothing", in: "Credit to this StackOverflow answer for how to do this with a"},
		{name: "fragment keeps its figures", in: "Read from main memory at 4 GB/s or", want: []string{"4 GB/s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lang
			if l == langOther {
				l = langEN
			}
			g, u := unitOf(l, tt.in)
			var got []string
			for _, d := range checked(g, g.facts(u, nil, false)) {
				if d.Dropped == "" {
					got = append(got, d.Back)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFacts_takenRange(t *testing.T) {
	g, u := unitOf(langFR, "Le **chiffre 2011** et aussi 1990 ensemble")
	_, taken := g.emphasis(u)
	var got []string
	for _, d := range g.facts(u, taken, true) {
		got = append(got, d.a)
	}
	if diff := cmp.Diff([]string{"1990"}, got); diff != "" {
		t.Errorf("facts after emphasis mismatch (-want +got):\n%s", diff)
	}
}

func TestSentence(t *testing.T) {
	tests := []struct {
		name        string
		lang        lang
		in          string
		ctx         string // the note's title
		wantBack    string
		wantDropped string
		avoid       string // with wantBack "": any answer but this one, or none
	}{
		{name: "elision prefix is not part of the answer", lang: langFR, in: "L'approche repose sur l'agilité au quotidien", wantBack: "agilité"},
		{name: "run of capitals", lang: langFR, in: "Secure Shell est un protocole utilisé pour se connecter", wantBack: "Secure Shell"},
		{name: "plain adjective is no term", lang: langFR, in: "faire des petits morceaux", wantBack: "morceaux"},
		{name: "compound noun after an article", ctx: "Load balancer", in: "The load balancer can become a performance bottleneck if it does not have enough resources.", wantBack: "performance bottleneck"},
		{name: "compound noun after a preposition", ctx: "Caching", in: "Keep caches consistent with the database through cache invalidation.", wantBack: "cache invalidation"},
		{name: "a noun and its verb are no compound", ctx: "Scaling", in: "As the service matures, we'd like to move towards higher availability.", avoid: "service matures"},
		{name: "a noun and its verb before an article", ctx: "Queues", in: "An application publishes a job to the queue, then notifies the user.", avoid: "application publishes"},
		{name: "french adjective after its noun", lang: langFR, ctx: "Déontologie", in: "C'est la déontologie qui crée le corps professionnel et non pas l'inverse.", wantBack: "corps professionnel"},
		{name: "french adjective after a noun that is an adjective", lang: langFR, ctx: "Fracture", in: "La fracture ne cesse d'évoluer, c'est un processus social dynamique.", avoid: "social dynamique"},
		{name: "a word of an idiom", ctx: "Readline", in: "Keybindings are supported by anything that uses Readline under the hood.", avoid: "hood"},
		{name: "a word of an idiom ending the line", ctx: "Sorted inputs", in: "Using binary search should be one of the first things that come to your mind.", avoid: "mind"},
		{name: "a word of a french idiom", lang: langFR, ctx: "Déontologie", in: "Cette institution est utile au bout du compte.", avoid: "compte"},
		{name: "a comparative after a copula", ctx: "Office hours", in: "Lookup v3 is more performant.", avoid: "performant"},
		{name: "a progressive after a contraction", ctx: "Tree cheatsheet › Essential questions practice topic", in: "These are essential questions to practice if you're studying for this topic.", avoid: "studying"},
		{name: "a maxim of preference", ctx: "Agile", in: `"People over process and tools"`, wantBack: "process and tools"},
		{name: "a french maxim of preference", lang: langFR, ctx: "Agile", in: "Les gens plutôt que les processus", wantBack: "processus"},
		{name: "over as an adverb", ctx: "Roadmap", in: "Trying to move everything over by end of July.", avoid: "by end of July"},
		{name: "able is no term", lang: langEN, in: "It takes some amount of practice to be able to recognize that a problem can be solved by DP.", ctx: "DP practice problem amount", avoid: "able"},
		{name: "term shown in context is avoided", lang: langFR, in: "usage frugal du DevOps en entreprise", ctx: "DevOps appliqué aux PME", wantBack: "entreprise"},
		{name: "repeated word is avoided", lang: langFR, in: "basculer de la vélocité moyenne vers la vélocité de valeur", wantBack: "moyenne"},
		{name: "noun phrase", in: "Federation adds more hardware and additional complexity.", wantBack: "additional complexity"},
		{name: "verb after its subject is avoided", in: "Sharding distributes data across different databases", wantBack: "databases"},
		{name: "infinitive is avoided", in: "It takes some practice to recognize a dynamic programming problem", wantBack: "dynamic programming"},
		{name: "possessive", in: "We rely on Python's standard library here", wantBack: "Python"},
		{name: "too short", in: "Chat apps", wantDropped: dropTooShort},
		{name: "acronym list", in: "TDD, BDD...", wantDropped: dropTooShort},
		{name: "etc", lang: langFR, in: "etc etc...", wantDropped: dropEtc},
		{name: "ellipsis", in: "...", wantDropped: dropEtc},
		{name: "link only", lang: langFR, in: "[Lien de l'événement](https://example.com)", wantDropped: dropLinkOnly},
		{name: "wikilinks only", in: "[[Triboelectric Effect Examples]]", wantDropped: dropLinkOnly},
		{name: "tag only", in: "#flashcards/science", wantDropped: dropLinkOnly},
		{name: "code only", in: "`ssh user@host -p 2222`", wantDropped: dropCodeOnly},
		{name: "stop words only", lang: langFR, in: "et puis de la", wantDropped: dropNoTerm},
		{name: "short lead-in", lang: langFR, in: "Les intérêts poursuivis sont les suivants :", wantDropped: dropLeadIn},
		{name: "question", in: "Who is going to use the system?", wantDropped: dropQuestion},
		{name: "see link", in: "See [the docs](https://example.com).", wantDropped: dropLinkOnly},
		{name: "verb before a determiner", in: "The server response repeats the steps above in reverse order.", wantBack: "server response"},
		{name: "verb after and before a determiner", in: "Separating the web layer allows you to scale and configure both layers independently.", wantBack: "web layer"},
		{name: "elided infinitive", lang: langFR, in: "avantage: permet d'accéder à la plus grande part de la littérature", wantBack: "littérature"},
		{name: "plain adjective after a noun", lang: langFR, in: "inconvénient: risque important de passer à côté d'une partie de la littérature", wantBack: "littérature"},
		{name: "noun phrase cut short", in: "It is easier to hire for talent working on commodity hardware than it is for specialized enterprise systems.", wantBack: "commodity hardware"},
		{name: "noun and its verb", in: "Conflict resolution comes more into play as more write nodes are added.", wantBack: "resolution"},
		{name: "adjective", lang: langFR, in: "Vérifiez que minou est plus lourd, et qu'ils sont de sexe différents.", wantDropped: dropInstruction},
		{name: "previous", in: "Each item points back to its previous item in the doubly linked list.", wantBack: "linked list"},
		{name: "generic noun", in: "Not predicting which items are needed in the future can result in reduced performance.", wantBack: "reduced performance"},
		{name: "instruction", in: "Type `baz` in the lookup bar.", wantDropped: dropInstruction},
		{name: "french instruction", lang: langFR, in: "Dans `htop`, repérez la colonne NI.", wantDropped: dropInstruction},
		{
			name: "french instruction after a clause", lang: langFR, wantDropped: dropInstruction,
			in: "Dans un REPL, créez une classe `C` sans attribut ni méthode, puis instanciez deux objets référencés `ob1` et `ob2`.",
		},
		{
			name: "french infinitive after a verb", lang: langFR, avoid: "investiguer",
			in: "Quand on fait ses propres recherches, alors qu'on pense investiguer de façon équitable et même faire un travail de pionnier",
		},
		{name: "compound adjective before its noun", avoid: "rapidly-changing", in: "Stores are often used for rapidly-changing data."},
		{name: "french infinitive after fait", lang: langFR, avoid: "remarquer", in: "Quand on le lui a fait remarquer il a dit que la vérité n'est pas son affaire."},
		{name: "adjective before its noun", avoid: "correct", in: "If the sender does not receive a correct response, it will resend the packets."},
		{name: "arbitrary", avoid: "arbitrary", in: "Define arbitrary methods just like other classes"},
		{name: "adverb names nothing", in: "Items will be asked sequentially.", wantDropped: dropNoTerm},
		{name: "generic noun names nothing", in: "They are NOT breakage solutions.", wantDropped: dropNoTerm},
		// Nouns that only quantify or relate what follows ("large amounts of
		// data", "the advantages of federation") teach nothing.
		{name: "amounts", avoid: "amounts", in: "When loading large amounts of data, it might be faster to disable indices, load the data, then rebuild the indices."},
		{name: "advantages", avoid: "advantages", in: "Similar to the advantages of federation, sharding results in less read and write traffic, less replication, and more cache hits."},
		{name: "operations", avoid: "operations", in: "Converts the query to use boolean operations"},
		{name: "activity", avoid: "activity", in: "User views the user timeline (activity from the user)"},
		{name: "french nominalisation", lang: langFR, avoid: "identification", in: "Se poser la question permet de faire un premier pas vers l'identification des processus à améliorer."},
		// Verbs and adjectives name nothing.
		{name: "verb before its object pronoun", avoid: "processes", in: "A worker picks up the job from the queue, processes it, then signals the job is complete"},
		{name: "french infinitive before its object", lang: langFR, avoid: "challenger", in: "Il faut accueillir et challenger les idées."},
		{name: "french verb after its pronoun", lang: langFR, avoid: "reconnaît", ctx: "La dimension relationnelle", in: "Au moins ce que cela reconnaît, c'est la dimension relationnelle de tout."},
		{name: "adjective after an intensifier", lang: langFR, avoid: "classique", in: "Ultra classique, la cible est les gens."},
		{name: "comparative after a copula", avoid: "trickier", ctx: "The home timeline", in: "Building the home timeline is trickier."},
		{name: "participle opening a clause", avoid: "opening", ctx: "Proxies", in: "Proxies can be useful even with one server, opening up the benefits described above."},
		{name: "passive participle", avoid: "faced", ctx: "Options", in: "With multiple copies, we are faced with options on how to synchronize them."},
		{name: "french infinitive after an object pronoun", lang: langFR, avoid: "envoyer", in: "Lorsqu'il bloque, on peut lui envoyer des signaux."},
		{name: "french verb after a reflexive pronoun", lang: langFR, avoid: "sentent engagés", ctx: "Les gens", in: "On veut que les gens se sentent engagés."},
		{name: "a participle that ends its sentence is its fact", ctx: "Denormalization", in: "Data is duplicated.", wantBack: "duplicated"},
		{name: "french participle without a determiner", lang: langFR, avoid: "écoutés", ctx: "Les gens engagés", in: "On veut que les gens se sentent engagés, écoutés"},
		{name: "french noun in é after its determiner", lang: langFR, ctx: "Chimique", in: "Un procédé chimique", wantBack: "procédé"},
		{name: "french reflexive pronoun", lang: langFR, avoid: "soi-même", ctx: "Citer", in: "Réponse : Quand on se cite soi-même, il faut le faire bien"},
		{name: "pronoun", avoid: "everything", ctx: "July", in: "Trying to move everything over by end of July."},
		{name: "end of a month", avoid: "end", ctx: "July", in: "Trying to move everything over by end of July."},
		{name: "adjective of time", avoid: "existing", ctx: "August preview", in: "Plan is to remove existing preview at the beginning of August."},
		{name: "weekday is no term", avoid: "Friday", ctx: "Talk", in: "Kevin is giving a talk this Friday."},
		{name: "a predicate that is no comparative", ctx: "Dataclasses", in: "Frozen dataclasses are immutable", wantBack: "immutable"},
		{name: "an acronym alone in parentheses", lang: langFR, avoid: "H4SR", in: "Déploiement de la formation des personnels de recherche (H4SR)"},
		{name: "end of an exercise", lang: langFR, in: "*Fin de l'énoncé.*", wantDropped: dropEndMarker},
		{name: "end of a section", in: "End of the exercise", wantDropped: dropEndMarker},
		{name: "verb after an adverb and a modal", avoid: "outnumber", ctx: "Reads and writes", in: "In most systems, reads can heavily outnumber writes."},
		{name: "participle after an adverb ends its sentence", ctx: "Traffic", in: "Traffic is not evenly distributed", wantBack: "distributed"},
		{name: "french verb after qui", lang: langFR, avoid: "restera", ctx: "Loi et déontologie", in: "Il y a une part de la déontologie qui restera non liée à la loi."},
		{name: "noun of an idiom", avoid: "conjunction", ctx: "Cache-aside write through", in: "Cache-aside in conjunction with write through can mitigate this issue."},
		{name: "french verb after its subject", lang: langFR, avoid: "communique", ctx: "Déontologie loi vérité", in: "Cette déontologie communique avec la loi ; ça préserve la vérité."},
		{name: "noun after a demonstrative", lang: langFR, avoid: "exigence", ctx: "Médecine contenu", in: "Cette exigence ne porte pas sur le contenu de la médecine."},
		// A unit that breaks off mid-sentence (a wrapped line, an item the
		// next one goes on) asks a fragment.
		{name: "fragment ends with a conjunction", in: "Simple time of day metric for predictable loads or", wantDropped: dropFragment},
		{name: "fragment ends with an article", in: "Credit to this StackOverflow answer for how to do this with a", wantDropped: dropFragment},
		{
			name: "fragment ends with a comma", lang: langFR, wantDropped: dropFragment,
			in: "Quand on fait ses propres recherches, on pense faire un travail de découvreur, de pionnier,",
		},
		{name: "the whole sentence before a fragment", lang: langFR, in: "Il assure la confidentialité des échanges. Le", wantBack: "confidentialité"},
		{name: "a preposition that ends a sentence is no fragment", in: "Each replica replays the transaction journal it relies on.", wantBack: "transaction"},
		{name: "a stranded preposition is no fragment", in: "Hide the reply if the reader does not follow the account being replied to", wantBack: "account"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lang
			if l == langOther {
				l = langEN
			}
			g, u := unitOf(l, tt.in)
			g.n.Title = tt.ctx
			d, _ := g.sentence(0, u)
			g.check(&d)
			if tt.wantDropped != "" {
				if d.dropped != tt.wantDropped {
					t.Errorf("sentence(%q) dropped = %q, want %q", tt.in, d.dropped, tt.wantDropped)
				}
				return
			}
			if tt.avoid != "" {
				if d.dropped == "" && d.a == tt.avoid {
					t.Errorf("sentence(%q) = %q, want another answer or none", tt.in, d.a)
				}
				return
			}
			if d.dropped != "" || d.a != tt.wantBack {
				t.Errorf("sentence(%q) = %q (dropped %q), want %q", tt.in, d.a, d.dropped, tt.wantBack)
			}
		})
	}
}

// TestDefinition_shorthand checks that a two-capital abbreviation the
// author uses all over the note ("DL" for déontologie) is no term to
// define, unless the definition spells it out.
func TestDefinition_shorthand(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{
			name: "private abbreviation",
			src: "La DL désigne les problèmes éthiques qui surgissent d'une profession.\n\nLa DL est ancienne.\n\n" +
				"Pourquoi la DL est secondaire.\n\nLa DL et la loi.",
		},
		{
			name: "private abbreviation in a sentence",
			src: "Selon l'auteur, la DL désigne les devoirs envers autrui.\n\nLa DL est ancienne.\n\n" +
				"Pourquoi la DL est secondaire.\n\nLa DL et la loi.",
		},
		{
			name: "an acronym spelled out",
			src:  "TD : Travaux Dirigés\n\nLe TD lance les tests.\n\nLe TD est rapide.\n\nLe TD aide.",
			want: []string{"TD → Travaux Dirigés", "Travaux Dirigés → TD"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Generate(miniNote("d.md", "", tt.src), Options{}) {
				if c.Rule == ruleDefinition || c.Back == "DL" {
					got = append(got, c.Front+" → "+c.Back)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("definition cards mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFacts_commonNounInWikiLink checks that a capitalised word linking
// to a note ("[[Loi]]") is no name when the note writes it in lower case
// elsewhere ("la loi"): the capital is the linked note's title.
func TestFacts_commonNounInWikiLink(t *testing.T) {
	src := "Cette déontologie communique avec la [[Loi]] et préserve la vérité.\n\n" +
		"Une part de la déontologie restera non liée à la loi.\n\nSelon [[Kant]] le devoir prime."
	var got []string
	for _, c := range Generate(miniNote("w.md", "", src), Options{}) {
		if c.Back == "Loi" || c.Back == "Kant" {
			got = append(got, c.Back)
		}
	}
	if diff := cmp.Diff([]string{"Kant"}, got); diff != "" {
		t.Errorf("fact cards mismatch (-want +got):\n%s", diff)
	}
}

func TestDefinition_vacuous(t *testing.T) {
	for _, in := range []string{
		"Security is a broad topic.",
		"Classic Clozes are the same as Simplified Clozes.",
		"Caching is a good idea.",
	} {
		g, u := unitOf(langEN, in)
		if ds := g.definition(u); len(ds) > 0 {
			t.Errorf("definition(%q) = %q → %q, want none: it defines nothing", in, ds[0].front, ds[0].back)
		}
	}
}

func TestSentence_card(t *testing.T) {
	g, u := unitOf(langFR, "Rassurer ses clients avec votre **histoire** et l'agilité")
	d, _ := g.sentence(0, u)
	want := []dcard{{
		Kind:  Cloze,
		Front: "Rassurer ses clients avec votre **histoire** et l'[...]",
		Back:  "agilité",
		Cloze: "Rassurer ses clients avec votre **histoire** et l'{{c1::agilité}}",
	}}
	if diff := cmp.Diff(want, checked(g, []draft{d})); diff != "" {
		t.Errorf("sentence mismatch (-want +got):\n%s", diff)
	}
}

func TestKeySentences(t *testing.T) {
	// A long paragraph gives cards for its better half of sentences, each
	// card showing its own sentence.
	src := "Load balancers distribute incoming client requests to computing resources such as application servers and databases. " +
		"In each case, the load balancer returns the response from the computing resource to the appropriate client. " +
		"They are effective at preventing requests from going to unhealthy servers and at eliminating a single point of failure. " +
		"It works well."
	n := miniNote("lb.md", "Load balancer", src)
	n.Blocks[0].Sentences = nil // let units split it
	var got []string
	for _, c := range Explain(n, Options{}) {
		got = append(got, c.Card.Rule+" "+c.Dropped+" | "+c.Card.Front)
	}
	if len(got) < 2 {
		t.Fatalf("Explain(long paragraph) = %q, want a candidate per sentence", got)
	}
	kept := 0
	for _, c := range Generate(n, Options{}) {
		kept++
		if countWords(c.Front) > 40 {
			t.Errorf("card front %q is a paragraph, want one sentence", c.Front)
		}
	}
	if kept == 0 || kept == len(got) {
		t.Errorf("Generate(long paragraph) kept %d of %d candidates, want some but not all:\n%q", kept, len(got), got)
	}
}

func TestEnumeration(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // front → back of the enumeration cards
	}{
		{
			name: "lead-in line",
			src:  "The four pillars of DevOps:\n- Culture\n- Automation\n- Measurement\n- Sharing\n- etc.",
			want: []string{
				"The four pillars of DevOps:\n- [...]\n- Automation\n- Measurement\n- Sharing → Culture",
				"The four pillars of DevOps:\n- Culture\n- [...]\n- Measurement\n- Sharing → Automation",
				"The four pillars of DevOps:\n- Culture\n- Automation\n- [...]\n- Sharing → Measurement",
				"The four pillars of DevOps:\n- Culture\n- Automation\n- Measurement\n- [...] → Sharing",
			},
		},
		{
			name: "ordered list under a heading keeps its numbers",
			src:  "# Deploy\n1. Download the artifact\n2. Configure it\n3. Run the application",
			want: []string{
				"Deploy:\n1. [...]\n2. Configure it\n3. Run the application → Download the artifact",
				"Deploy:\n1. Download the artifact\n2. [...]\n3. Run the application → Configure it",
				"Deploy:\n1. Download the artifact\n2. Configure it\n3. [...] → Run the application",
			},
		},
		{
			name: "items with a head term are asked by their term",
			src:  "CAP guarantees:\n- **Consistency** - every read receives the most recent write\n- **Availability** - every request receives a response\n- **Partition tolerance** - the system survives network failures",
			want: []string{
				"CAP guarantees:\n- [...]\n- Availability\n- Partition tolerance → Consistency",
				"CAP guarantees:\n- Consistency\n- [...]\n- Partition tolerance → Availability",
				"CAP guarantees:\n- Consistency\n- Availability\n- [...] → Partition tolerance",
			},
		},
		{
			name: "long lists show seven items around the hidden one",
			src:  "Letters:\n- alpha\n- bravo\n- charlie\n- delta\n- echo\n- foxtrot\n- golf\n- hotel\n- india\n- juliett",
			want: []string{
				"Letters:\n- [...]\n- bravo\n- charlie\n- delta\n- echo\n- foxtrot\n- golf\n- … → alpha",
				"Letters:\n- alpha\n- [...]\n- charlie\n- delta\n- echo\n- foxtrot\n- golf\n- … → bravo",
				"Letters:\n- alpha\n- bravo\n- [...]\n- delta\n- echo\n- foxtrot\n- golf\n- … → charlie",
				"Letters:\n- alpha\n- bravo\n- charlie\n- [...]\n- echo\n- foxtrot\n- golf\n- … → delta",
				"Letters:\n- …\n- bravo\n- charlie\n- delta\n- [...]\n- foxtrot\n- golf\n- hotel\n- … → echo",
				"Letters:\n- …\n- charlie\n- delta\n- echo\n- [...]\n- golf\n- hotel\n- india\n- … → foxtrot",
				"Letters:\n- …\n- delta\n- echo\n- foxtrot\n- [...]\n- hotel\n- india\n- juliett → golf",
				"Letters:\n- …\n- delta\n- echo\n- foxtrot\n- golf\n- [...]\n- india\n- juliett → hotel",
				"Letters:\n- …\n- delta\n- echo\n- foxtrot\n- golf\n- hotel\n- [...]\n- juliett → india",
				"Letters:\n- …\n- delta\n- echo\n- foxtrot\n- golf\n- hotel\n- india\n- [...] → juliett",
			},
		},
		{name: "no lead-in", src: "Some text here.\n\n- alpha beta\n- gamma delta"},
		{name: "a question's answers are no set", src: "What's new?:\n- Blog post coming\n- Implementation ready"},
		{name: "a list of questions is no set", src: "Agenda:\n- Why ship code?\n- How does it work?\n- Who deploys?"},
		{name: "items are remarks", src: "Notes:\n- The speaker works on deploys at a large travel company\n- Deploys happen many times a day across all the teams\n- Everyone is allowed to deploy their own code"},
		{name: "one item", src: "Tools:\n- Jenkins"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := miniNote("e.md", "", tt.src)
			var got []string
			for _, c := range Generate(n, Options{}) {
				if c.Rule == ruleEnumeration {
					got = append(got, c.Front+" → "+c.Back)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("enumeration cards mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTable(t *testing.T) {
	tests := []struct {
		name string
		b    notes.Block
		key  int
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
			name: "keyed by another column",
			b: notes.Block{
				Kind:   notes.Row,
				Cells:  []notes.Text{txt("Data store"), txt("Bigtable"), txt("Google")},
				Header: []notes.Text{txt("Type"), txt("System"), txt("Company")},
			},
			key: 1,
			want: []dcard{
				{Kind: Basic, Front: "Bigtable — Type", Back: "Data store"},
				{Kind: Basic, Front: "Bigtable — Company", Back: "Google"},
			},
		},
		{
			name: "key with a description",
			b: notes.Block{
				Kind:   notes.Row,
				Cells:  []notes.Text{txt("Data store"), txt("**MongoDB** - Document-oriented database")},
				Header: []notes.Text{txt("Type"), txt("System")},
			},
			key:  1,
			want: []dcard{{Kind: Basic, Front: "MongoDB — Type", Back: "Data store"}},
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
			name: "yes, no, emoji and links skipped",
			b: notes.Block{
				Kind:   notes.Row,
				Cells:  []notes.Text{txt("GET"), txt("Yes"), txt("[Solution](https://example.com)"), txt(":+1:"), txt("x")},
				Header: []notes.Text{txt("Method"), txt("Safe"), txt("Link"), txt("Short"), txt("Mark")},
			},
			want: []dcard{{Kind: Basic, Front: "GET — Mark", Back: "x", Dropped: dropTooShort}},
		},
		{
			name: "key that is a sentence",
			b:    notes.Block{Kind: notes.Row, Cells: []notes.Text{txt("Read through the system design topics to get a broad understanding"), txt("yes it is")}},
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
			got := checked(&generator{lang: langEN}, table(tt.b, tableLayout{key: tt.key}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("table mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTableLayouts(t *testing.T) {
	n := miniNote("t.md", "", "| Type | System | Notes |\n|---|---|---|\n| Data store | Bigtable | a |\n| Data store | HBase | b |\n| Queue | Kafka | c |")
	keys := tableLayouts(n)
	for i, b := range n.Blocks {
		if b.Kind == notes.Row && keys[i].key != 1 {
			t.Errorf("tableLayouts row %d key = %d, want 1 (the first column repeats)", i, keys[i].key)
		}
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

// TestStopWords_quantifiers: French quantifiers are determiners, no
// answers ("au travers de [plusieurs] conteneurs Docker" was a card).
func TestStopWords_quantifiers(t *testing.T) {
	for _, w := range []string{"plusieurs", "certaines", "divers", "diverses", "chacune", "nombreux", "nombreuses", "telles"} {
		if !isFrenchStopWord(w) {
			t.Errorf("isFrenchStopWord(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"conteneurs", "semaines"} {
		if isFrenchStopWord(w) {
			t.Errorf("isFrenchStopWord(%q) = true, want false", w)
		}
	}
}

func TestIdiomRanges(t *testing.T) {
	tests := []struct {
		in, ans string
		want    [][2]int
	}{
		{"uses readline under the hood.", "hood", [][2]int{{14, 28}}},
		{"keep an eye on metrics", "eye", [][2]int{{0, 11}}},
		{"the neighbourhood under the hoods", "hoods", nil},
		{"au bout du compte", "compte", [][2]int{{0, 17}}},
		// an answer in no idiom: the text is not searched
		{"uses readline under the hood.", "readline", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, idiomRanges(tt.in, tt.ans)); diff != "" {
			t.Errorf("idiomRanges(%q, %q) mismatch (-want +got):\n%s", tt.in, tt.ans, diff)
		}
	}
}

func TestIsImportLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"import Tabs from '@theme/Tabs';", true},
		{":PROPERTIES:", true},
		{":CUSTOM_ID: h-1", true},
		{"** Missions du DPD", true},
		{"*** Next steps", true},
		{"** ", false},
		{"**", false},
		{"* an item", false},
		{"Missions du DPD", false},
		{"Imports from abroad grew", false},
	}
	for _, tt := range tests {
		if got := isImportLine(tt.in); got != tt.want {
			t.Errorf("isImportLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestGenerate_orgHeadline: an org-mode headline left in a Markdown note
// ("** Missions du DPD", text to Markdown) makes no card, as a heading
// would not; the lines under it still do.
func TestGenerate_orgHeadline(t *testing.T) {
	n, err := notes.Parse("talk.md", []byte("# Talk\n\n** Missions du DPD\n\nLe DPD conseille le responsable de traitement sur le RGPD.\n"))
	if err != nil {
		t.Fatal(err)
	}
	cs := Generate(n, Options{})
	for _, c := range cs {
		if c.Source.Line == 3 {
			t.Errorf("card from the org headline: %q → %q", c.Front, c.Back)
		}
	}
	if len(cs) == 0 {
		t.Errorf("no card from the line under the headline")
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		in   string
		want lang
	}{
		{"The cache keeps a copy of the data that is read the most, and it is fast.", langEN},
		{"Le cache garde une copie des données les plus lues et il est rapide pour les lectures.", langFR},
		{"Der Cache ist ein Speicher, der die Daten für den schnellen Zugriff und mit wenig Aufwand hält.", langDE},
		{"El caché es una memoria que guarda los datos más leídos y es muy rápida para las lecturas.", langES},
		{"Кэш хранит копию данных, которые читают чаще всего.", langOther},
		{"キャッシュはよく読まれるデータのコピーを保持します。", langOther},
		{"`ls -a` `grep -r` `awk`", langOther},
	}
	for _, tt := range tests {
		n := miniNote("l.md", "", tt.in)
		if got := newGenerator(n, Options{}).lang; got != tt.want {
			t.Errorf("detectLang(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLower(t *testing.T) {
	tests := []struct{ in, want string }{
		{"already lower", "already lower"},
		{"Hello WORLD", "hello world"},
		{"Élève À L'École", "élève à l'école"},
		{"İstanbul", "İstanbul"}, // 'i̇' is longer than 'İ': kept so offsets hold
		{"\xffBAD", "\xffbad"},
	}
	for _, tt := range tests {
		got := lower(tt.in)
		if got != tt.want || len(got) != len(tt.in) {
			t.Errorf("lower(%q) = %q, want %q of the same length", tt.in, got, tt.want)
		}
	}
}

// TestIsInfinitive checks the French infinitives the sentence rule takes
// for verbs, after a preposition or a verb that takes a bare infinitive.
func TestIsInfinitive(t *testing.T) {
	tests := []struct {
		w, prev string
		want    bool
	}{
		{"livrer", "pour", true},
		{"transformer", "se", true},
		{"investiguer", "pense", true},
		{"partir", "veulent", true},
		{"comprendre", "allons", true},
		{"remarquer", "fait", true},
		{"investiguer", "on", false},
		{"papier", "le", false},
		{"serveur", "pense", false},
	}
	for _, tt := range tests {
		if got := isInfinitive(tt.w, tt.prev); got != tt.want {
			t.Errorf("isInfinitive(%q, %q) = %v, want %v", tt.w, tt.prev, got, tt.want)
		}
	}
}
