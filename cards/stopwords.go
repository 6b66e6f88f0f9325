package cards

import "strings"

// isStopWord reports whether w (any case, ’ or ') is an English or French
// stop word: a word too common to be worth asking for.
func isStopWord(w string) bool {
	w = strings.ToLower(w)
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return isEnglishStopWord(w) || isFrenchStopWord(w)
}

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
		"yours", "yourself":
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
		"été", "être":
		return true
	}
	return false
}

// isLabel reports whether a would-be defined term is a label that
// introduces a remark ("Note: …", "Exemple : …") rather than a term.
func isLabel(term string) bool {
	switch strings.ToLower(strings.TrimSpace(term)) {
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
		"date", "status", "statut", "version", "type", "exemple concret", "for example":
		return true
	}
	return false
}
