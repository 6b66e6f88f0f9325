package main

// Word lists for the synthetic notes, written for this generator. They are
// plain vocabulary, not text from any corpus: sentences are assembled from
// them by the templates in gen.go.

// enNouns are English count nouns in the singular.
var enNouns = []string{
	"protein", "enzyme", "cell", "membrane", "neuron", "gene", "molecule", "atom",
	"river", "glacier", "volcano", "delta", "plateau", "basin", "coastline", "reef",
	"network", "router", "packet", "server", "cache", "queue", "thread", "process",
	"compiler", "parser", "function", "variable", "pointer", "index", "database", "table",
	"treaty", "empire", "republic", "dynasty", "parliament", "revolution", "kingdom", "council",
	"cathedral", "bridge", "harbour", "fortress", "canal", "railway", "aqueduct", "tower",
	"theorem", "proof", "equation", "matrix", "vector", "integral", "sequence", "graph",
	"market", "price", "budget", "loan", "contract", "tariff", "currency", "wage",
	"symphony", "sonata", "chord", "melody", "rhythm", "scale", "opera", "concerto",
	"muscle", "artery", "vein", "organ", "bone", "tissue", "hormone", "vaccine",
	"planet", "comet", "star", "galaxy", "orbit", "telescope", "satellite", "nebula",
	"verb", "clause", "syllable", "dialect", "alphabet", "grammar", "prefix", "accent",
	"sensor", "battery", "circuit", "engine", "turbine", "valve", "lever", "pump",
	"forest", "meadow", "wetland", "desert", "prairie", "tundra", "savanna", "lagoon",
	"lease", "statute", "court", "verdict", "witness", "appeal", "tribunal", "motion",
	"recipe", "sauce", "dough", "broth", "spice", "ferment", "oven", "harvest",
}

// enAdjectives describe nouns.
var enAdjectives = []string{
	"stable", "fragile", "ancient", "modern", "dense", "sparse", "rapid", "gradual",
	"central", "peripheral", "primary", "secondary", "linear", "circular", "complex", "simple",
	"local", "global", "public", "private", "early", "late", "major", "minor",
	"organic", "synthetic", "coastal", "inland", "northern", "southern", "eastern", "western",
	"acidic", "neutral", "heavy", "light", "visible", "hidden", "formal", "informal",
	"recursive", "iterative", "parallel", "serial", "static", "dynamic", "strict", "lazy",
	"fertile", "arid", "humid", "frozen", "volatile", "durable", "elastic", "rigid",
}

// enVerbs are transitive verbs as [third person singular, plural, past].
var enVerbs = [][3]string{
	{"regulates", "regulate", "regulated"}, {"contains", "contain", "contained"},
	{"transforms", "transform", "transformed"}, {"produces", "produce", "produced"},
	{"controls", "control", "controlled"}, {"reduces", "reduce", "reduced"},
	{"increases", "increase", "increased"}, {"protects", "protect", "protected"},
	{"connects", "connect", "connected"}, {"stores", "store", "stored"},
	{"measures", "measure", "measured"}, {"replaces", "replace", "replaced"},
	{"supports", "support", "supported"}, {"blocks", "block", "blocked"},
	{"encodes", "encode", "encoded"}, {"divides", "divide", "divided"},
	{"absorbs", "absorb", "absorbed"}, {"releases", "release", "released"},
	{"defines", "define", "defined"}, {"limits", "limit", "limited"},
	{"carries", "carry", "carried"}, {"builds", "build", "built"},
	{"shapes", "shape", "shaped"}, {"drives", "drive", "drove"},
	{"follows", "follow", "followed"}, {"crosses", "cross", "crossed"},
	{"signs", "sign", "signed"}, {"describes", "describe", "described"},
	{"compiles", "compile", "compiled"}, {"schedules", "schedule", "scheduled"},
	{"filters", "filter", "filtered"}, {"sorts", "sort", "sorted"},
}

// enNames are people, real-sounding but generic.
var enNames = []string{
	"Ada Hartley", "Thomas Reed", "Helen Marsh", "Victor Lang", "Grace Holloway",
	"Samuel Ortiz", "Irene Walsh", "Oscar Bramley", "Nora Quinn", "Felix Dunmore",
	"Clara Whitfield", "Hugo Pennant", "Lydia Crane", "Arthur Vance", "Maya Soren",
	"Edwin Talbot", "Rosa Kendrick", "Julian Ashe", "Martha Lowell", "Isaac Brennan",
}

// enPlaces are towns, regions and rivers.
var enPlaces = []string{
	"Northbridge", "the Aldmoor Valley", "Port Henley", "Eastwick", "the Kessel Plateau",
	"Ravenford", "the Lune estuary", "Marlow Heights", "Saint Ives Bay", "Greyhaven",
	"the Corran Hills", "Westmarch", "Lakeport", "the Thornby Marshes", "Kingsreach",
}

// enConditions end sentences.
var enConditions = []string{
	"under high pressure", "at low temperature", "in most cases", "during the winter",
	"after the first year", "when the load is high", "in the absence of light",
	"before the reform", "at the end of the cycle", "in dry conditions",
	"without any warning", "for several decades", "in every region", "at night",
}

// enPeriods are units of time.
var enPeriods = []string{"day", "week", "month", "year", "decade", "season", "hour", "cycle"}

// enMonths are the months in English.
var enMonths = []string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// enLinkers start follow-up sentences.
var enLinkers = []string{"However,", "As a result,", "In practice,", "For example,",
	"By contrast,", "Later,", "In short,", "Historically,", "Typically,", "Note that"}

// frNoun is a French noun and its gender.
type frNoun struct {
	w   string
	fem bool
}

// frNouns are French count nouns in the singular.
var frNouns = []frNoun{
	{"cellule", true}, {"protéine", true}, {"enzyme", true}, {"membrane", true},
	{"neurone", false}, {"gène", false}, {"atome", false}, {"noyau", false},
	{"fleuve", false}, {"glacier", false}, {"volcan", false}, {"plateau", false},
	{"bassin", false}, {"côte", true}, {"récif", false}, {"vallée", true},
	{"réseau", false}, {"routeur", false}, {"paquet", false}, {"serveur", false},
	{"fichier", false}, {"processus", false}, {"compilateur", false}, {"fonction", true},
	{"variable", true}, {"base", true}, {"table", true}, {"requête", true},
	{"traité", false}, {"empire", false}, {"royaume", false}, {"dynastie", true},
	{"assemblée", true}, {"révolution", true}, {"république", true}, {"province", true},
	{"cathédrale", true}, {"pont", false}, {"port", false}, {"forteresse", true},
	{"canal", false}, {"château", false}, {"abbaye", true}, {"tour", true},
	{"théorème", false}, {"preuve", true}, {"équation", true}, {"matrice", true},
	{"vecteur", false}, {"intégrale", true}, {"suite", true}, {"graphe", false},
	{"marché", false}, {"prix", false}, {"budget", false}, {"contrat", false},
	{"monnaie", true}, {"salaire", false}, {"impôt", false}, {"banque", true},
	{"symphonie", true}, {"mélodie", true}, {"accord", false}, {"rythme", false},
	{"muscle", false}, {"artère", true}, {"organe", false}, {"hormone", true},
	{"planète", true}, {"comète", true}, {"étoile", true}, {"galaxie", true},
	{"orbite", true}, {"satellite", false}, {"verbe", false}, {"syllabe", true},
	{"forêt", true}, {"prairie", true}, {"désert", false}, {"lagune", true},
	{"tribunal", false}, {"jugement", false}, {"témoin", false}, {"loi", true},
	{"recette", true}, {"sauce", true}, {"pâte", true}, {"four", false},
}

// frAdjective has its masculine and feminine singular forms.
type frAdjective struct{ m, f string }

// frAdjectives describe nouns; they follow them.
var frAdjectives = []frAdjective{
	{"stable", "stable"}, {"fragile", "fragile"}, {"ancien", "ancienne"}, {"moderne", "moderne"},
	{"dense", "dense"}, {"rapide", "rapide"}, {"lent", "lente"}, {"central", "centrale"},
	{"principal", "principale"}, {"secondaire", "secondaire"}, {"linéaire", "linéaire"},
	{"complexe", "complexe"}, {"simple", "simple"}, {"local", "locale"}, {"public", "publique"},
	{"privé", "privée"}, {"organique", "organique"}, {"côtier", "côtière"}, {"nordique", "nordique"},
	{"acide", "acide"}, {"neutre", "neutre"}, {"lourd", "lourde"}, {"léger", "légère"},
	{"visible", "visible"}, {"caché", "cachée"}, {"récursif", "récursive"}, {"parallèle", "parallèle"},
	{"statique", "statique"}, {"dynamique", "dynamique"}, {"fertile", "fertile"}, {"aride", "aride"},
	{"humide", "humide"}, {"gelé", "gelée"}, {"durable", "durable"}, {"rigide", "rigide"},
}

// frVerbs are transitive verbs as [il, ils, passé composé participle].
var frVerbs = [][3]string{
	{"régule", "régulent", "régulé"}, {"contient", "contiennent", "contenu"},
	{"transforme", "transforment", "transformé"}, {"produit", "produisent", "produit"},
	{"contrôle", "contrôlent", "contrôlé"}, {"réduit", "réduisent", "réduit"},
	{"augmente", "augmentent", "augmenté"}, {"protège", "protègent", "protégé"},
	{"relie", "relient", "relié"}, {"stocke", "stockent", "stocké"},
	{"mesure", "mesurent", "mesuré"}, {"remplace", "remplacent", "remplacé"},
	{"soutient", "soutiennent", "soutenu"}, {"bloque", "bloquent", "bloqué"},
	{"code", "codent", "codé"}, {"divise", "divisent", "divisé"},
	{"absorbe", "absorbent", "absorbé"}, {"libère", "libèrent", "libéré"},
	{"définit", "définissent", "défini"}, {"limite", "limitent", "limité"},
	{"transporte", "transportent", "transporté"}, {"construit", "construisent", "construit"},
	{"décrit", "décrivent", "décrit"}, {"trie", "trient", "trié"},
}

// frNames are people.
var frNames = []string{
	"Jeanne Morel", "Louis Garnier", "Claire Dubois", "Henri Lefèvre", "Amélie Rousseau",
	"Paul Mercier", "Sophie Caron", "Étienne Fabre", "Lucie Marchand", "Gaston Perrin",
	"Hélène Vasseur", "Marcel Roux", "Odile Chevalier", "René Barbier", "Inès Colin",
}

// frPlaces are towns: "à {place}" and "de {place}" read well.
var frPlaces = []string{
	"Valmont", "Montclair", "Saint-Aubin", "Beaulieu", "Castelnau", "Villeneuve",
	"Lacroix", "Roquefort", "Port-Vendres", "Sainte-Marthe", "Orvault", "Brissac",
	"Mirecourt", "Lavaur", "Pontarlier",
}

// frConditions end sentences.
var frConditions = []string{
	"sous haute pression", "à basse température", "dans la plupart des cas", "pendant l'hiver",
	"après la première année", "quand la charge est forte", "en l'absence de lumière",
	"avant la réforme", "à la fin du cycle", "par temps sec", "sans prévenir",
	"pendant plusieurs décennies", "dans chaque région", "la nuit",
}

// frPeriods are units of time, with their article in "chaque".
var frPeriods = []string{"jour", "semaine", "mois", "année", "décennie", "saison", "heure", "cycle"}

// frMonths are the months in French.
var frMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// frLinkers start follow-up sentences.
var frLinkers = []string{"Cependant,", "Par conséquent,", "En pratique,", "Par exemple,",
	"À l'inverse,", "Plus tard,", "En bref,", "Historiquement,", "En général,", "Notons que"}

// codeWords are identifiers and commands for inline code and code blocks.
var codeWords = []string{
	"git rebase", "make test", "go vet", "ls -la", "grep -rn", "docker run", "kubectl get pods",
	"SELECT", "JOIN", "malloc", "fork()", "exec()", "HashMap", "Vec<T>", "async", "await",
	"O(n log n)", "O(1)", "0x7f", "UTF-8", "SIGTERM", "chmod 600", "tar -xzf", "ssh-keygen",
	"curl -I", "ps aux", "sort -u", "len(s)", "map[string]int", "std::vector",
}

// enTopics and frTopics name the top folders; their sub-folders come from
// subTopics.
var (
	enTopics = []string{"Biology", "History", "Computing", "Geography", "Mathematics",
		"Economics", "Music", "Medicine", "Astronomy", "Linguistics", "Engineering",
		"Ecology", "Law", "Cooking"}
	frTopics = []string{"Biologie", "Histoire", "Informatique", "Géographie",
		"Mathématiques", "Économie", "Musique", "Médecine", "Droit", "Cuisine"}
	subTopics = []string{"basics", "lectures", "reading", "exam", "projects", "archive",
		"2023", "2024", "2025", "seminar", "review", "drafts"}
)

// enChatter and frChatter are the personal remarks notes are full of; they
// name nothing worth a card. A remark is an opening and an ending.
var (
	enChatterStart = []string{"I think", "To be honest,", "As far as I can tell,", "It seems that",
		"I am not sure, but", "We said last time that", "My guess is that", "In my opinion,",
		"Somebody told me that", "I should check whether"}
	enChatterEnd = []string{"this is probably the best way to do it.", "it does not matter much here.",
		"we will see how it goes next time.", "it was not like that before.", "this part is worth reading again.",
		"that is what they meant.", "it is more or less the same thing.", "we can come back to it later.",
		"nobody really knows why.", "it depends on what you want to do with it."}
	frChatterStart = []string{"Je pense que", "Pour être honnête,", "Il me semble que", "Je ne suis pas sûr, mais",
		"On a dit la dernière fois que", "À mon avis,", "On m'a dit que", "Il faudrait vérifier si",
		"Je crois que", "Franchement,"}
	frChatterEnd = []string{"c'est sans doute la meilleure façon de faire.", "ça n'a pas beaucoup d'importance ici.",
		"on verra bien la prochaine fois.", "ce n'était pas comme ça avant.", "cette partie mérite d'être relue.",
		"c'est ce qu'ils voulaient dire.", "c'est à peu près la même chose.", "on pourra y revenir plus tard.",
		"personne ne sait vraiment pourquoi.", "tout dépend de ce qu'on veut en faire."}
)
