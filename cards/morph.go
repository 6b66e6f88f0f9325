package cards

import (
	"strings"
)

// Word shapes. Without a part-of-speech tagger, suffixes tell nouns (the
// best answers) from adverbs, adjectives, participles and verbs (poor
// ones) well enough to rank the words of a line.

// suffixBonus returns how much the suffix of the lower-case word w says it
// is a noun (> 0) or an adverb, adjective or participle (< 0) in a note of
// language l. Lengths are counted in bytes: close enough, and cheap.
func (l lang) suffixBonus(w string) float64 {
	n := len(w)
	if n < 4 {
		return 0
	}
	if isAdverb(w) {
		return -1
	}
	if isNounSuffix(w) {
		return 0.5
	}
	if l != langFR {
		switch {
		case n > 5 && strings.HasSuffix(w, "ing"):
			return -0.7 // "running"
		case n > 5 && strings.HasSuffix(w, "ed"):
			return -0.65 // "delivered", but "distributed systems"
		case n > 6 && hasEnglishAdjectiveSuffix(w),
			n > 7 && w[n-1] == 't' && hasAnySuffix(w, "ant", "ent") && !strings.HasSuffix(w, "ment"):
			return -0.5 // "simultaneous", "predictable", "different"
		}
	}
	if l != langEN {
		switch {
		case n > 5 && hasParticipleSuffix(w) && !hasAnySuffix(w, "té", "tés") && !isNounInE(w):
			return -0.6 // "personnalisées"
		case n > 5 && hasFrenchAdjectiveSuffix(w):
			return -0.5
		}
	}
	return 0
}

// hasEnglishAdjectiveSuffix reports whether w ends with "ous", "ful",
// "less", "ive", "ical", "ible" or "able", looking only at the suffixes
// its last byte allows.
func hasEnglishAdjectiveSuffix(w string) bool {
	if w == "" {
		return false
	}
	switch w[len(w)-1] {
	case 's':
		return strings.HasSuffix(w, "ous") || strings.HasSuffix(w, "less")
	case 'l':
		return strings.HasSuffix(w, "ful") || strings.HasSuffix(w, "ical")
	case 'e':
		return strings.HasSuffix(w, "ive") || strings.HasSuffix(w, "ible") || strings.HasSuffix(w, "able")
	}
	return false
}

// hasFrenchAdjectiveSuffix reports whether w ends with "if", "ive",
// "ifs", "ives", "eux", "euse", "euses", "able", "ables", "ible" or
// "ibles", looking only at the suffixes its last byte allows.
func hasFrenchAdjectiveSuffix(w string) bool {
	if w == "" {
		return false
	}
	switch w[len(w)-1] {
	case 'f':
		return strings.HasSuffix(w, "if")
	case 'x':
		return strings.HasSuffix(w, "eux")
	case 'e':
		return strings.HasSuffix(w, "ive") || strings.HasSuffix(w, "euse") || strings.HasSuffix(w, "able") ||
			strings.HasSuffix(w, "ible")
	case 's':
		return strings.HasSuffix(w, "ifs") || strings.HasSuffix(w, "ives") || strings.HasSuffix(w, "euses") ||
			strings.HasSuffix(w, "ables") || strings.HasSuffix(w, "ibles")
	}
	return false
}

// hasParticipleSuffix reports whether w ends with "é", "és", "ée" or
// "ées", like a French past participle.
func hasParticipleSuffix(w string) bool {
	if w == "" {
		return false
	}
	switch w[len(w)-1] {
	case 0xA9: // the last byte of "é"
		return strings.HasSuffix(w, "é")
	case 's':
		return strings.HasSuffix(w, "és") || strings.HasSuffix(w, "ées")
	case 'e':
		return strings.HasSuffix(w, "ée")
	}
	return false
}

// isAdverb reports whether the lower-case word w has the suffix of an
// English or French adverb ("quickly", "automatiquement").
func isAdverb(w string) bool {
	n := len(w)
	if w[n-1] == 'y' {
		return w[n-2] == 'l' && n > 4
	}
	if strings.HasSuffix(w, "ward") || strings.HasSuffix(w, "wards") {
		return true // "afterward", "towards"
	}
	if !strings.HasSuffix(w, "ment") {
		return false
	}
	return hasAnySuffix(w, "iquement", "ellement", "alement", "ièrement", "ainement", "ivement",
		"eusement", "ablement", "iblement", "ètement", "ument", "iment", "amment", "emment", "émment",
		"idement", "ulement", "ûrement", "èrement", "uellement", "ièvement",
		"isément", "ormément", "orcément", "ectement", "airement", "ilement", "ertement", "ottement")
}

// isNounSuffix reports whether the lower-case word w has the suffix of an
// English or French noun ("replication", "latence", "management").
func isNounSuffix(w string) bool {
	n := len(w)
	switch w[n-1] {
	case 'n':
		return n > 6 && hasAnySuffix(w, "tion", "sion")
	case 's':
		return n > 7 && hasAnySuffix(w, "ness", "ments", "tions", "ités", "ities")
	case 'y':
		return n > 5 && hasAnySuffix(w, "ity", "ogy")
	case 0xA9:
		return n > 6 && strings.HasSuffix(w, "ité")
	case 'm':
		return n > 5 && strings.HasSuffix(w, "ism")
	case 'e':
		return n > 5 && hasAnySuffix(w, "isme", "ance", "ence", "ogie", "ure", "age")
	case 'p':
		return n > 6 && strings.HasSuffix(w, "ship")
	case 't':
		return n > 6 && strings.HasSuffix(w, "ment")
	}
	return false
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isNounInE reports whether w is one of the French nouns ending like a
// past participle ("idée", "données").
func isNounInE(w string) bool {
	switch strings.TrimSuffix(w, "s") {
	case "idée", "année", "donnée", "entrée", "durée", "pensée", "armée", "journée", "soirée",
		"musée", "lycée", "clé", "café", "degré", "marché", "comité", "employé", "salarié",
		"fée", "épée", "allée", "vallée", "poupée", "bouée", "chaussée", "arrivée", "montée",
		"randonnée", "foulée", "cheminée", "mosquée", "traînée", "requête", "été":
		return true
	}
	return false
}

// verbAfterSubject reports whether the lower-case word w, after the word
// prev (a stop word or not), reads as the verb of a sentence that opens
// with its subject ("Sharding distributes data", "A queue decouples …",
// "les usages dictent …"); second says w follows a one-word subject.
func (l lang) verbAfterSubject(w, prev string, prevStop, second bool) bool {
	if prev == "" || prevStop {
		switch prev {
		case "qui", "ils", "elles", "they", "which", "that", "who":
			// "… qui créent", "they build"
			return len(w) > 4 && (strings.HasSuffix(w, "ent") && !strings.HasSuffix(w, "ment") ||
				l == langEN && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
		}
		return false
	}
	if second && l != langFR && len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(prev, "s") {
		return true
	}
	return l != langEN && len(w) > 5 && strings.HasSuffix(w, "ent") && !strings.HasSuffix(w, "ment") &&
		(strings.HasSuffix(prev, "s") || strings.HasSuffix(prev, "x"))
}

// isGeneric reports whether the lower-case word w is a noun so general
// that asking for it teaches little ("question", "value", "product").
func isGeneric(w string) bool {
	switch w {
	case "question", "questions", "solution", "solutions", "problem", "problems", "thing", "things",
		"case", "cases", "value", "values", "number", "numbers", "function", "time", "example",
		"idea", "ideas", "part", "parts", "type", "types", "kind", "work", "result", "results",
		"approach", "information", "step", "steps", "way", "ways", "point", "points",
		"product", "products", "experience", "setup", "component", "components", "application",
		"applications", "issue", "issues", "stuff", "people", "person", "user", "users", "system",
		"systems", "data", "detail", "details", "feature", "features", "option", "options", "topic",
		"topics", "section", "sections", "page", "pages", "project", "projects", "team", "teams",
		"support", "usage", "change", "changes", "lot", "set", "list", "item", "items", "content",
		"level", "levels", "side", "reason", "reasons", "fact", "term", "terms", "day", "days",
		"year", "years", "future", "past", "lines", "beginning", "end", "rest", "middle", "performance", "process", "amount", "order", "group", "form", "model",
		"service", "services", "tool", "tools", "method", "methods", "access", "state", "status",
		"problème", "problèmes", "façon", "manière", "valeur", "valeurs", "nombre", "fonction",
		"temps", "idée", "idées", "partie", "parties", "sorte", "utilisation", "travail",
		"résultat", "résultats", "approche", "informations", "étape", "étapes", "niveau",
		"gens", "personne", "personnes", "sujet", "sujets", "projet", "projets", "équipe", "équipes",
		"outil", "outils", "moment", "besoin", "besoins", "mise", "place", "ensemble", "domaine",
		"aspect", "aspects", "lien", "liens", "fin", "début", "année", "années", "jour",
		"jours", "réponse", "personnel", "système", "systèmes", "données", "contenu",
		"élément", "éléments", "objet", "objets", "action", "actions", "forme", "formes",
		// nouns that quantify or relate what follows them: "large amounts of
		// data", "the advantages of federation", "l'identification des …"
		"amounts", "quantity", "quantities", "operation", "operations", "activity",
		"activities", "advantage", "advantages", "disadvantage", "disadvantages", "benefit", "benefits",
		"quantité", "quantités", "opération", "opérations", "activité", "activités", "avantage",
		"avantages", "inconvénient", "inconvénients", "identification",
		// nouns of idioms: "in conjunction with", "in addition to"
		"conjunction", "addition", "regard", "respect", "spite", "lieu":
		return true
	}
	return false
}

// isCommonVerb reports whether the lower-case word w is a common verb form
// (English or French) that names no thing: a poor answer in any sentence
// ("use", "make", "permet", "utiliser").
func isCommonVerb(w string) bool {
	switch w {
	case "use", "uses", "used", "using", "make", "makes", "made", "making", "get", "gets", "got", "getting",
		"run", "runs", "running", "see", "sees", "seen", "need", "needs", "needed", "allow", "allows",
		"allowed", "take", "takes", "took", "taken", "give", "gives", "gave", "given", "help", "helps",
		"want", "wants", "provide", "provides", "provided", "let", "lets", "keep", "keeps", "kept", "put",
		"puts", "go", "goes", "went", "come", "comes", "came", "become", "becomes", "became", "find",
		"finds", "found", "know", "knows", "knew", "known", "say", "says", "said", "tell", "tells", "told",
		"show", "shows", "shown", "try", "tries", "tried", "call", "calls", "called", "add", "adds", "added",
		"create", "creates", "created", "click", "clicks", "clicked", "type", "typed", "set", "sets",
		"include", "includes", "included", "require", "requires", "required", "enable", "enables",
		"enabled", "support", "supports", "supported", "work", "works", "worked", "mean", "means", "meant",
		"consider", "considered", "write", "writes", "wrote", "written", "read", "reads", "happen",
		"happens", "happened", "seem", "seems", "look", "looks", "change", "changes", "changed", "start",
		"starts", "started", "stop", "stops", "stopped", "contain", "contains", "contained",
		"faire", "fait", "font", "faut", "utiliser", "utilise", "utilisent", "utilisé", "utilisée",
		"permet", "permettent", "permettre", "peut", "peuvent", "doit", "doivent", "devient", "deviennent",
		"donne", "donnent", "donner", "prend", "prennent", "prendre", "mettre", "met", "mettent", "voir",
		"voit", "dit", "dire", "sait", "savoir", "aller", "va", "vont", "avoir", "être", "reste", "restent",
		"trouve", "trouver", "trouvent", "commence", "commencer", "dois", "passe", "passer":
		return true
	}
	return false
}
