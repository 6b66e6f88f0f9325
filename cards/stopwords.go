package cards

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isEnglishStopWord(w string) bool {
	switch w {
	case "we'll", "you'll", "they'll", "i'll", "i'm", "i've", "we're", "you're", "they're",
		"we've", "you've", "they've", "can't", "won't", "doesn't", "didn't", "aren't",
		"weren't", "shouldn't", "wouldn't", "couldn't", "haven't", "hasn't", "hadn't",
		"let's", "what's", "here's", "he's", "she's", "i'd", "you'd", "we'd", "they'd", "ok", "okay":
		return true
	case "a", "about", "above", "across", "actually", "after", "again",
		"against", "all", "almost", "along", "already", "also", "although",
		"always", "am", "among", "an", "and", "another", "any", "anyone",
		"anything", "are", "around", "as", "at", "away", "back", "basically",
		"be", "because", "been", "before", "being", "below", "between", "both",
		"but", "by", "can", "cannot", "could", "did", "do", "does", "doing",
		"don't", "done", "down", "during", "e.g", "each", "either", "else",
		"enough", "etc", "even", "ever", "every", "few", "first", "for",
		"from", "further", "get", "gets", "getting", "got", "had", "has",
		"have", "having", "he", "her", "here", "hers", "herself", "him",
		"himself", "his", "how", "however", "i", "i.e", "if", "in", "instead",
		"into", "is", "isn't", "it", "it's", "its", "itself", "just", "last",
		"least", "less", "let", "like", "lot", "lots", "made", "make", "makes",
		"many", "may", "maybe", "me", "might", "more", "most", "much", "must",
		"my", "myself", "need", "needs", "never", "new", "next", "no", "nor",
		"not", "nothing", "now", "of", "off", "often", "on", "once", "one",
		"only", "onto", "or", "other", "others", "otherwise", "our", "ours",
		"out", "over", "own", "per", "perhaps", "probably", "quite", "rather",
		"really", "same", "see", "seem", "seems", "several", "shall", "she",
		"should", "simply", "since", "so", "some", "something", "still",
		"such", "than", "that", "that's", "the", "their", "theirs", "them",
		"themselves", "then", "there", "there's", "these", "they", "thing",
		"things", "this", "those", "though", "through", "thus", "to", "too",
		"toward", "towards", "two", "under", "until", "up", "upon", "us",
		"use", "used", "uses", "using", "usually", "very", "via", "vs", "was",
		"wasn't", "way", "we", "well", "were", "what", "when", "where",
		"whether", "which", "while", "who", "whom", "whose", "why", "will",
		"with", "within", "without", "would", "yes", "yet", "you", "your",
		"yours", "yourself", "regarding", "including", "following", "according", "concerning",
		"despite", "till", "unless", "whereas", "besides", "beyond", "whatever", "whenever",
		"able", "unable":
		return true
	}
	return false
}

func isFrenchStopWord(w string) bool {
	switch w {
	case "a", "afin", "ai", "ainsi", "alors", "après", "assez", "au", "aucun",
		"aucune", "aujourd'hui", "auprès", "aussi", "autant", "autour",
		"autre", "autres", "aux", "avait", "avant", "avec", "avoir",
		"beaucoup", "bien", "bon", "bref", "c", "car", "cas", "ce", "ceci",
		"cela", "celle", "celles", "celui", "cependant", "certain", "certaine",
		"certains", "ces", "cet", "cette", "ceux", "cf", "chacun", "chaque",
		"chez", "chose", "choses", "ci", "comme", "comment", "d", "dans", "de",
		"dedans", "dehors", "depuis", "des", "deux", "devrait", "doit",
		"doivent", "donc", "dont", "du", "déjà", "elle", "elles", "en",
		"encore", "ensuite", "entre", "est", "et", "etc", "eu", "eux",
		"exemple", "faire", "fais", "fait", "faut", "fois", "font", "hors",
		"ici", "il", "ils", "j", "jamais", "je", "jusqu", "l", "la", "le",
		"les", "leur", "leurs", "lors", "lorsque", "lui", "là", "m", "ma",
		"mais", "me", "mes", "moi", "moins", "mon", "même", "mêmes", "n", "ne",
		"ni", "non", "nos", "notamment", "notre", "nous", "on", "ont", "or",
		"ou", "où", "par", "parce", "pas", "peu", "peut", "peuvent", "plus",
		"plutôt", "pour", "pourquoi", "puis", "qu", "quand", "que", "quel",
		"quelle", "quelles", "quelque", "quelques", "quels", "qui", "quoi",
		"rien", "s", "sa", "sans", "se", "selon", "ses", "seul", "seule",
		"seulement", "si", "sien", "simplement", "soi", "soit", "son", "sont",
		"sous", "souvent", "suis", "sur", "surtout", "t", "ta", "tandis",
		"tant", "te", "tel", "telle", "tels", "tes", "toi", "ton", "toujours",
		"tous", "tout", "toute", "toutes", "trop", "très", "tu", "un", "une",
		"va", "vers", "veut", "via", "voici", "voilà", "vont", "vos", "votre",
		"vous", "vraiment", "y", "à", "ça", "également", "étaient", "était",
		"été", "être", "plusieurs", "certaines", "divers", "diverses", "chacune",
		"nombreux", "nombreuses", "telles":
		return true
	}
	return false
}

func isGermanStopWord(w string) bool {
	switch w {
	case "aber", "alle", "allem", "allen", "aller", "als", "also", "am", "an", "auch", "auf",
		"aus", "bei", "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dein", "dem",
		"den", "denn", "der", "des", "dich", "die", "dies", "diese", "diesem", "diesen", "dieser",
		"dieses", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines",
		"er", "es", "euch", "für", "gegen", "hab", "habe", "haben", "hat", "hatte", "ich", "ihr",
		"ihre", "im", "in", "ist", "ja", "jede", "jedem", "jeden", "jeder", "kann", "kein", "keine",
		"man", "mehr", "mein", "mich", "mit", "muss", "nach", "nicht", "nichts", "noch", "nur",
		"ob", "oder", "ohne", "schon", "sehr", "sein", "seine", "sich", "sie", "sind", "so",
		"soll", "über", "um", "und", "uns", "unter", "viel", "vom", "von", "vor", "war", "waren",
		"was", "weil", "wenn", "wer", "werden", "wie", "wieder", "will", "wir", "wird", "wo",
		"zu", "zum", "zur", "zwischen":
		return true
	}
	return false
}

func isSpanishStopWord(w string) bool {
	switch w {
	case "a", "al", "algo", "algunos", "ante", "antes", "como", "con", "contra", "cual",
		"cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos",
		"en", "entre", "era", "es", "esa", "ese", "eso", "esta", "está", "estaba", "están",
		"este", "esto", "estos", "fue", "ha", "hace", "hacer", "han", "hasta", "hay", "la",
		"las", "le", "les", "lo", "los", "más", "me", "mi", "mucho", "muy", "nada", "ni", "no",
		"nos", "nosotros", "o", "otra", "otro", "otros", "para", "pero", "poco", "por",
		"porque", "puede", "que", "qué", "se", "sea", "ser", "si", "sí", "sin", "sobre", "son",
		"su", "sus", "también", "tan", "tanto", "te", "tiene", "todo", "todos", "tu", "un",
		"una", "uno", "unos", "y", "ya", "yo":
		return true
	}
	return false
}

// isLabel reports whether a would-be defined term is a label that
// introduces a remark ("Note: …", "Exemple : …") rather than a term.
func isLabel(term string) bool {
	term = strings.TrimFunc(term, func(r rune) bool { return !isWordRune(r) }) // "🧠 Astuce", "Note:"
	var buf [64]byte
	lowb := buf[:0]
	if len(term) <= len(buf)-utf8.UTFMax*2 {
		lowb = appendToLower(lowb, term)
	} else {
		lowb = []byte(strings.ToLower(term))
	}
	switch string(lowb) { // no allocation: the compiler compares the bytes
	case "note", "notes", "nb", "n.b", "example", "examples", "e.g", "eg", "tip", "tips",
		"warning", "caution", "important", "info", "todo", "to do", "fixme", "source", "sources",
		"see", "see also", "update", "edit", "pros", "cons", "summary", "tl;dr", "tldr",
		"conclusion", "question", "questions", "answer", "answers", "reference", "references",
		"link", "links", "result", "results", "output", "input", "usage", "step", "steps",
		"remarque", "remarques", "exemple", "exemples", "attention", "astuce", "astuces",
		"résumé", "réponse", "réponses", "voir", "voir aussi", "avantages", "inconvénients",
		"idée", "idées", "objectif", "objectifs", "contexte", "lien", "liens", "référence",
		"références", "à faire", "rappel", "conseil", "conseils", "résultat", "résultats",
		"plus d'informations", "more information", "définition", "definition", "ps",
		"avantage", "inconvénient", "advantage", "advantages", "disadvantage", "disadvantages",
		"drawback", "drawbacks", "benefit", "benefits", "limite", "limites", "limitation",
		"limitations", "problème", "problèmes", "problem", "problems", "solution", "solutions",
		"données", "data", "mots-clé", "mots-clés", "keywords", "tags", "auteur", "author",
		"date", "status", "statut", "version", "type", "exemple concret", "for example",
		"niveau", "level", "durée", "duration", "lieu", "location", "place", "prérequis",
		"prerequisites", "prerequisite", "goal", "goals", "but", "aim", "aims", "intro",
		"introduction", "when", "where", "who", "what", "why", "how", "quand", "où", "qui",
		"quoi", "pourquoi", "comment", "speaker", "speakers", "orateur", "intervenant",
		"intervenants", "todo list", "tasks", "tâches", "features", "fonctionnalités":
		return true
	}
	// "Partie 1", "Step 2", "Chapitre III": a numbered part is no term.
	if bytes.IndexFunc(lowb, unicode.IsSpace) < 0 {
		return false // one word: not two fields
	}
	f0, f1, ok := twoFields(lowb)
	if !ok {
		return false
	}
	if a, b := string(f0), string(f1); isNumbering(b) || isNumbering(a) {
		if isNumbering(a) {
			a = b // "1ère question"
		}
		switch a {
		case "part", "partie", "step", "étape", "chapter", "chapitre", "section", "exercise",
			"exercice", "question", "lesson", "leçon", "module", "session", "day", "jour",
			"week", "semaine", "phase", "niveau", "level", "slide", "tp", "td":
			return true
		}
	}
	return false
}

// twoFields returns the two fields of s, split at white space as
// strings.Fields splits, and false when s has not exactly two.
func twoFields(s []byte) (a, b []byte, ok bool) {
	var fields [2][]byte
	n := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRune(s[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		j := i + w
		for j < len(s) {
			r, w := utf8.DecodeRune(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += w
		}
		if n == 2 {
			return nil, nil, false
		}
		fields[n] = s[i:j]
		n++
		i = j
	}
	return fields[0], fields[1], n == 2
}

// isNumbering reports whether s numbers a part: digits, a Roman numeral or
// a single letter.
func isNumbering(s string) bool {
	s = strings.TrimRight(s, ".)")
	if s == "" {
		return false
	}
	for _, suf := range []string{"ère", "er", "re", "e", "ème", "nd", "st", "rd", "th"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" && strings.Trim(t, "0123456789") == "" {
			return true // "1ère", "2nd", "3e"
		}
	}
	if strings.Trim(s, "0123456789") == "" || strings.Trim(s, "ivxlc") == "" {
		return true
	}
	return len(s) == 1
}
