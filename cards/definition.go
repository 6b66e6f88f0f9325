package cards

import (
	"strings"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "definition": a term and what it means make two cards, one each
// way. The forms, tried in order on a unit:
//
//   - a separator after a short term at the start of a line: "Term:
//     definition", "Term : définition", "Term — definition" (em or en dash
//     or spaced hyphen), "Term = definition";
//   - a **strong** term opening a list item, then its definition;
//   - a copula sentence: "X is/are a Y", "X means/denotes/refers to/stands
//     for Y", « X est/sont un Y », « X désigne/signifie/correspond à Y »
//     (and German, Spanish), where X is a short noun phrase, not a pronoun.
//
// A definition of up to maxAnswerWords words gives a basic card (term →
// definition) and a reversed one (definition → term); a longer one gives
// the reversed card only, since a paragraph is no answer to recite.

// defn is a definition found in a text: Plain[ts:te] is the term and
// Plain[ds:de] the definition.
type defn struct {
	ts, te, ds, de int
	copula         bool
}

// definition makes the cards of the definition unit u holds, if any.
func (g *generator) definition(u *unit) []draft {
	d, ok := findDefinition(u, g.lang)
	if !ok {
		return nil
	}
	if term := u.t.Plain[d.ts:d.te]; len(term) == 2 && g.shorthand(term) && !spellsOut(term, u.t.Plain[d.ds:d.de]) {
		return nil // "La DL désigne …": the author's abbreviation, no term to learn
	}
	ds := definitionCards(g.dbuf[:0], u.t, d, g.lang)
	g.dbuf = ds[:0]
	return ds
}

// definitionCards appends to out the cards of definition d of t.
func definitionCards(out []draft, t notes.Text, d defn, l lang) []draft {
	term := answerMarkdown(t, d.ts, d.te)
	def := answerMarkdown(t, d.ds, d.de)
	score := 0.8
	if d.copula {
		score = 0.7
	}
	rev := draft{kind: Reversed, front: def, back: term, rule: ruleDefinition, score: score - 0.05}
	reverse := describes(t, d, l)
	if isLongAnswer(def) {
		if !reverse {
			return out
		}
		return append(out, rev)
	}
	fwd := draft{kind: Basic, front: term, back: def, rule: ruleDefinition, score: score}
	if !reverse {
		return append(out, fwd)
	}
	return append(out, fwd, rev)
}

// describes reports whether Plain[ds:de] of t describes its term, so that
// a reversed card may ask for the term from it: three words or more (not
// "warning color", "ein Programm", unless the term is an acronym), not a
// value ("10 KB average"), a list of members ("Élu, Prêt, Bloqué"), several
// sentences of advice, words someone said (a first person: "qu'on", "we")
// or mostly code. A speaker's name before what they said, a field and its
// size, a label and its value make no question whose answer is the term.
func describes(t notes.Text, d defn, l lang) bool {
	ds, de := d.ds, d.de
	def := t.Plain[ds:de]
	if def == "" || '0' <= def[0] && def[0] <= '9' && !inSpan(t, ds, notes.Code) {
		return false // a value ("10 KB average"); a code value is a notation to recognise
	}
	var buf [32]token
	toks := appendTokens(buf[:0], def)
	if len(toks) < 3 && !isTechTerm(t.Plain[d.ts:d.te]) {
		return false // but "Identifiant unique" does ask for "PID"
	}
	for i := 0; i+2 < len(def); i++ {
		if c := def[i]; (c == '.' || c == '!' || c == '?') && def[i+1] == ' ' && isUpperStart(def[i+2:]) {
			return false // "Aim for breadth. Practice by solving questions."
		}
	}
	if isMemberList(def) {
		return false
	}
	if d.copula && len(toks) <= maxClassWords && isIndefinite(lower(def[toks[0].start:toks[0].end])) {
		return false // "X is a single point of failure": many things are; it classes X, not defines it
	}
	for _, tk := range toks {
		w := lower(def[tk.start:tk.end])
		if e := elisionEnd(w); e > 0 {
			w = w[e:] // "qu'on" → "on"
		}
		if isFirstPerson(w, l) {
			return false
		}
	}
	code := 0
	for _, sp := range t.Spans {
		if sp.Kind == notes.Code {
			code += max(0, min(sp.End, de)-max(sp.Start, ds))
		}
	}
	return code*2 <= len(def)
}

// maxClassWords is the length of a copula's predicate opened by an
// indefinite article ("a potential bottleneck", "un langage compilé") up to
// which it classes its subject rather than defines it.
const maxClassWords = 5

// isIndefinite reports whether the lower-case word w is an indefinite
// article.
func isIndefinite(w string) bool {
	switch w {
	case "a", "an", "un", "une", "ein", "eine", "uno", "una":
		return true
	}
	return false
}

// spellsOut reports whether the words of def, or the parts of its
// hyphenated words, start with the letters of the abbreviation term, in
// order ("TD", "Travaux Dirigés"; "TTL", "time-to-live").
func spellsOut(term, def string) bool {
	var buf [32]token
	k := 0
	for _, tk := range appendTokens(buf[:0], def) {
		for part := range strings.SplitSeq(def[tk.start:tk.end], "-") {
			if k < len(term) && part != "" && strings.EqualFold(part[:1], term[k:k+1]) {
				k++
			}
		}
	}
	return k == len(term)
}

// isMemberList reports whether def lists three members or more between
// commas, none longer than three words ("CPU, memory, IO, network").
func isMemberList(def string) bool {
	parts := 0
	for part := range strings.SplitSeq(def, ",") {
		if countWords(part) > 3 {
			return false
		}
		parts++
	}
	return parts >= 3
}

// isFirstPerson reports whether the lower-case word w is a pronoun of the
// first person (or French "on"), with which someone speaks rather than a
// note defines.
func isFirstPerson(w string, l lang) bool {
	switch w {
	case "i", "we", "my", "our", "us", "me":
		return l != langFR && l != langDE && l != langES
	case "je", "nous", "on", "moi", "mon", "ma", "mes", "notre", "nos":
		return l == langFR
	}
	return false
}

// findDefinition looks for a definition in u.
func findDefinition(u *unit, l lang) (defn, bool) {
	t := u.t
	if u.first {
		if d, ok := separatorDefinition(t, l); ok {
			return d, true
		}
		if d, ok := strongDefinition(t, l); ok {
			return d, true
		}
	}
	return copulaDefinition(u, l)
}

// separatorDefinition finds "Term: definition" and its dash and equals
// variants.
func separatorDefinition(t notes.Text, l lang) (defn, bool) {
	s, e, ok := definitionSeparator(t)
	if !ok {
		return defn{}, false
	}
	ts, te := trimRange(t.Plain, 0, s)
	ds, de := trimRange(t.Plain, e, len(t.Plain))
	ds, de = trimDefinition(t.Plain, ds, de)
	term, def := t.Plain[ts:te], t.Plain[ds:de]
	if !isTerm(term, l) || !isDefinition(def, l) {
		return defn{}, false
	}
	if t.Plain[s] != ':' && countWords(term) > 4 && !spanCovers(t, ts, te, notes.Strong, notes.Code) {
		return defn{}, false // "Generic except statements swallow bugs - log them" is a remark
	}
	return defn{ts: ts, te: te, ds: ds, de: de}, true
}

// isDefinition reports whether def can be the definition of a term: two
// to maxDefinitionWords words that do not introduce a list (":"), ask
// something ("?", « qu'est-ce qu'un RIS ? - … ») or stop short ("an
// extension of the", "le sujet de l'étude ;").
func isDefinition(def string, l lang) bool {
	n := countWords(def)
	if n < 2 || n > maxDefinitionWords || strings.HasSuffix(def, ":") || strings.ContainsRune(def, '?') ||
		strings.HasSuffix(def, ";") || strings.HasSuffix(def, ",") {
		return false
	}
	var buf [32]token
	toks := appendTokens(buf[:0], def)
	last := lower(def[toks[len(toks)-1].start:toks[len(toks)-1].end])
	return !(l.isStop(last) && isFunctionWord(last)) || strings.HasSuffix(def, ".") && len(last) > 3
}

// isFunctionWord reports whether the lower-case word w is an article,
// preposition or conjunction, which no finished phrase ends with.
func isFunctionWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or",
		"but", "as", "into", "than", "le", "la", "les", "l", "un", "une", "des", "du", "de", "d",
		"et", "ou", "à", "au", "aux", "en", "par", "pour", "sur", "avec", "dans", "que", "qui":
		return true
	}
	return false
}

// spanCovers reports whether a span of one of the kinds covers
// Plain[s:e].
func spanCovers(t notes.Text, s, e int, kinds ...notes.SpanKind) bool {
	for _, sp := range t.Spans {
		if sp.Start > s {
			break
		}
		if sp.End >= e {
			for _, k := range kinds {
				if sp.Kind == k {
					return true
				}
			}
		}
	}
	return false
}

// strongDefinition finds "**Term** definition": a strong span that opens
// the text, followed by at least three words.
func strongDefinition(t notes.Text, l lang) (defn, bool) {
	ls, _ := trimRange(t.Plain, 0, len(t.Plain))
	for _, sp := range t.Spans {
		if sp.Start > ls {
			break
		}
		if sp.Kind != notes.Strong || sp.Start != ls {
			continue
		}
		ts, te := trimRange(t.Plain, sp.Start, sp.End)
		ds, de := trimRange(t.Plain, sp.End, len(t.Plain))
		ds, de = trimDefinition(t.Plain, ds, de)
		if ds >= de || !isTerm(t.Plain[ts:te], l) {
			return defn{}, false
		}
		// Without a separator, the definition must read as one: a noun
		// phrase ("**Latency** the time …"), not the rest of a sentence
		// whose subject is in bold ("**Service** pushes tweets").
		if ds == sp.End || !strings.ContainsRune(":-—–=", rune(t.Plain[sp.End-1])) && !sepBetween(t.Plain[sp.End:ds]) {
			var buf [1]token
			toks := appendTokensN(buf[:0], t.Plain[ds:de], 1)
			if len(toks) == 0 || !isDeterminer(lower(t.Plain[ds+toks[0].start:ds+toks[0].end])) {
				return defn{}, false
			}
		}
		if !isDefinition(t.Plain[ds:de], l) || countWords(t.Plain[ds:de]) < 3 {
			return defn{}, false
		}
		return defn{ts: ts, te: te, ds: ds, de: de}, true
	}
	return defn{}, false
}

// sepBetween reports whether s, the text between a strong term and its
// definition, holds a separator.
func sepBetween(s string) bool {
	return strings.ContainsAny(s, ":-—–=")
}

// copulaDefinition finds "X is a Y" and its kin in a sentence of u.
func copulaDefinition(u *unit, l lang) (defn, bool) {
	toks := u.toks
	p, lp := u.t.Plain, u.lower
	// The subject opens the unit (or one of its sentences): find the verb
	// among the first words.
	start := 0
	for v := 1; v < len(toks) && v <= 6; v++ {
		w := lp[toks[v].start:toks[v].end]
		next := ""
		if v+1 < len(toks) {
			next = lp[toks[v+1].start:toks[v+1].end]
		}
		n, det := l.copula(w, next)
		if n == 0 {
			continue
		}
		ts, te := toks[start].start, toks[v-1].end
		// the subject must be the whole text before the verb
		if pre := strings.TrimSpace(p[:ts]); pre != "" && strings.Trim(pre, "*_\"«“ ") != "" {
			return defn{}, false
		}
		if strings.ContainsAny(p[ts:te], ",;:()") {
			return defn{}, false
		}
		first := lp[toks[start].start:toks[start].end]
		if isArticle(first) && v-start >= 2 {
			start++
			ts = toks[start].start
			first = lp[toks[start].start:toks[start].end]
		}
		if isPronoun(first) || !isTerm(p[ts:te], l) {
			return defn{}, false
		}
		for k := start; k < v; k++ {
			w := lp[toks[k].start:toks[k].end]
			if isVerbLike(w) || k > start && isPronoun(w) {
				return defn{}, false // "the constraints assume there is …"
			}
		}
		after := v + n
		if after >= len(toks) {
			return defn{}, false
		}
		if det && !isDeterminer(lp[toks[after].start:toks[after].end]) {
			return defn{}, false
		}
		ds := toks[after].start
		if n == 1 && !det {
			ds = toks[v].end // "means Y": keep nothing of the verb
		}
		ds, de := trimRange(p, ds, sentenceEnd(p, ds))
		// "X is a Y, which …": the definition is the noun phrase.
		if k := clauseEnd(p, ds, de); k > ds && countWords(p[ds:k]) >= 2 {
			de = k
		}
		ds, de = trimDefinition(p, ds, de)
		if !isDefinition(p[ds:de], l) || strings.HasSuffix(strings.TrimSpace(p[ds:sentenceEnd(p, ds)]), ":") ||
			isVacuous(lp[ds:de]) {
			return defn{}, false
		}
		return defn{ts: ts, te: te, ds: ds, de: de, copula: true}, true
	}
	return defn{}, false
}

// isVacuous reports whether the lower-case predicate def of a copula says
// nothing to learn: a judgement ("a broad topic", "a good idea") or a
// comparison ("the same as X", "similar to Y").
func isVacuous(def string) bool {
	var buf [32]token
	toks := appendTokens(buf[:0], def)
	if len(toks) == 0 {
		return true
	}
	first := def[toks[0].start:toks[0].end]
	if isDeterminer(first) && len(toks) > 1 {
		first = def[toks[1].start:toks[1].end]
	}
	switch first {
	case "same", "similar", "different", "like", "not", "also", "more", "less", "better", "worse", "much", "very":
		return true
	}
	last := def[toks[len(toks)-1].start:toks[len(toks)-1].end]
	return len(toks) <= 4 && (isGeneric(last) || last == "concept" || last == "choice" || last == "practice")
}

// clauseEnd returns where the first clause of p[ds:de] ends: at ", ",
// "; ", " (" or a spaced dash, or de.
func clauseEnd(p string, ds, de int) int {
	for i := ds; i < de; i++ {
		switch {
		case strings.HasPrefix(p[i:de], ", "), strings.HasPrefix(p[i:de], "; "), strings.HasPrefix(p[i:de], " ("),
			strings.HasPrefix(p[i:de], " – "), strings.HasPrefix(p[i:de], " — "), strings.HasPrefix(p[i:de], " - "):
			return i
		}
	}
	return de
}

// sentenceEnd returns the end of the sentence that runs on at p[i].
func sentenceEnd(p string, i int) int {
	for j := i; j < len(p); j++ {
		switch p[j] {
		case '.', '!', '?':
			if j+1 == len(p) || p[j+1] == ' ' {
				if j > 0 && p[j] == '.' && j+1 < len(p) && isAbbrevEnd(p[:j]) {
					continue
				}
				return j + 1
			}
		}
	}
	return len(p)
}

// isAbbrevEnd reports whether p ends with an abbreviation whose period
// does not end a sentence ("e.g", "i.e", "cf", "p. ex", "Dr", "M").
func isAbbrevEnd(p string) bool {
	i := strings.LastIndexAny(p, " (")
	w := strings.ToLower(p[i+1:])
	switch w {
	case "e.g", "i.e", "cf", "ex", "dr", "mr", "mrs", "vs", "etc", "p", "m", "st", "no", "fig", "approx":
		return true
	}
	return utf8.RuneCountInString(w) == 1
}

// trimDefinition drops a definition's closing period and a separator
// left in front of it.
func trimDefinition(p string, ds, de int) (int, int) {
	for ds < de && strings.IndexByte(":-=,|", p[ds]) >= 0 {
		ds++
	}
	ds, de = trimRange(p, ds, de)
	if de-ds > 1 && p[de-1] == '.' && !strings.HasSuffix(p[ds:de], "..") && !isAbbrevEnd(p[ds:de-1]) {
		de--
	} else if strings.HasSuffix(p[ds:de], "。") {
		de -= len("。")
	}
	return ds, de
}

// definitionSeparator returns the range of the first ": ", " : ", spaced
// dash or spaced "=" of t that lies outside code and links.
func definitionSeparator(t notes.Text) (start, end int, ok bool) {
	p := t.Plain
	for i := 0; i < len(p); {
		if c := p[i]; c != ':' && c != '-' && c != '=' && c != 0xE2 && c != 0xEF {
			i++ // no separator starts with this byte
			continue
		}
		r, n := utf8.DecodeRuneInString(p[i:])
		start, end = -1, -1
		switch r {
		case ':':
			next, _ := utf8.DecodeRuneInString(p[i+n:])
			if i+n == len(p) || isSpace(next) {
				start, end = i, i+n
			}
		case '：': // full-width colon, in Chinese and Japanese
			start, end = i, i+n
		case '—', '–', '-', '=':
			prev, _ := utf8.DecodeLastRuneInString(p[:i])
			next, _ := utf8.DecodeRuneInString(p[i+n:])
			if i > 0 && isSpace(prev) && i+n < len(p) && isSpace(next) {
				start, end = i, i+n
			}
		}
		if start >= 0 && !inSpan(t, i, notes.Code, notes.Link, notes.WikiLink) {
			return start, end, true
		}
		i += n
	}
	return 0, 0, false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' || r == '\u202f'
}

// isTerm reports whether s can be a defined term in a note of language l:
// 1 to 6 words, at most 60 characters, not a sentence, not a label such
// as "Note" or "Exemple", not mostly stop words, not a verb phrase.
func isTerm(s string, l lang) bool {
	if s == "" || utf8.RuneCountInString(s) > 60 || strings.ContainsRune(".!?…,;", lastRune(s)) {
		return false
	}
	if isLabel(s) || strings.ContainsAny(s, "\n") || strings.Contains(s, ". ") || !balanced(s) || strings.Contains(s, "://") {
		return false // nor a reference with its address: "Bernays (http://www.sudoc.fr/…)"
	}
	var buf [maxTermWords + 1]token
	words := appendTokensN(buf[:0], s, maxTermWords+1)
	if len(words) == 0 || len(words) > maxTermWords {
		return false
	}
	ls := lower(s)
	stops := 0
	for k, w := range words {
		word := s[w.start:w.end]
		if l.isStop(ls[w.start:w.end]) && (k == 0 || word != strings.ToUpper(word)) {
			stops++ // "C ou %CPU": a capital letter is a name, not "c'"
		}
	}
	if stops*2 > len(words) || stops == len(words) {
		return false
	}
	if len(words) >= 2 {
		first, second := ls[words[0].start:words[0].end], ls[words[1].start:words[1].end]
		if isImperative(first) && (isDeterminer(second) || isPronoun(second) || isPossessive(second)) ||
			(l != langEN && (isInfinitiveStart(first, second) || isFrenchImperative(first))) {
			return false // "Prendre en compte la constitution des équipes", "Lancez le script"
		}
		for _, w := range words[1:] {
			if lw := ls[w.start:w.end]; lw != "a" && (isVerbLike(lw) || isModal(lw)) {
				return false // "Servers should be stateless" is a sentence
			}
		}
	}
	return true
}

// isPossessive reports whether the lower-case word w is a possessive
// determiner ("your", "ses").
func isPossessive(w string) bool {
	switch w {
	case "my", "your", "his", "her", "its", "our", "their", "mon", "ma", "mes", "ton", "ta", "tes",
		"son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs":
		return true
	}
	return false
}

// isFrenchImperative reports whether the lower-case word w reads as a
// French imperative ("lancez", "vérifiez"), which opens an instruction.
func isFrenchImperative(w string) bool {
	return utf8.RuneCountInString(w) > 4 && strings.HasSuffix(w, "ez") || w == "faites" || w == "dites"
}

// isModal reports whether the lower-case word w is an auxiliary or modal
// verb, which a term never holds.
func isModal(w string) bool {
	switch w {
	case "should", "must", "can", "could", "would", "will", "might", "may", "shall", "cannot",
		"doit", "doivent", "peut", "peuvent", "faut", "sont", "est", "ont", "sera", "seront":
		return true
	}
	return false
}

// isImperative reports whether w is an English verb that opens an
// instruction rather than a term ("Use X: …", "Run the tests: …").
func isImperative(w string) bool {
	switch w {
	case "use", "make", "add", "run", "set", "get", "create", "install", "check", "remember",
		"keep", "avoid", "try", "find", "write", "read", "do", "don't", "go", "see", "note",
		"let", "put", "take", "start", "stop", "open", "close", "call", "build", "give", "ask",
		"think", "consider", "look", "learn", "move", "change", "remove", "delete", "update":
		return true
	}
	return false
}

// isInfinitiveStart reports whether a term opening with the lower-case
// words first and second reads as a French infinitive phrase ("prendre en
// compte", "rassurer ses clients"): a verb followed by a pronoun,
// determiner or preposition other than "de".
func isInfinitiveStart(first, second string) bool {
	if utf8.RuneCountInString(first) < 5 ||
		!(strings.HasSuffix(first, "er") || strings.HasSuffix(first, "ir") || strings.HasSuffix(first, "re")) {
		return false
	}
	switch second {
	case "en", "la", "le", "les", "l", "un", "une", "ses", "son", "sa", "leur", "leurs", "se", "s",
		"à", "au", "aux", "ce", "cette", "ces", "sur", "dans", "avec", "pour", "par", "vers":
		return true
	}
	return strings.HasPrefix(second, "l'") || strings.HasPrefix(second, "l’") ||
		strings.HasPrefix(second, "s'") || strings.HasPrefix(second, "s’")
}

// isVerbLike reports whether the lower-case word w, inside a would-be
// subject, shows it is a clause rather than a noun phrase ("What it does
// is …", "Ce qu'on veut est …").
func isVerbLike(w string) bool {
	switch w {
	case "is", "are", "was", "were", "be", "do", "does", "did", "has", "have", "can", "will",
		"should", "would", "must", "may", "if", "when", "while", "because", "that", "which",
		"est", "sont", "a", "ont", "peut", "doit", "si", "quand", "que", "qui", "qu", "car":
		return true
	}
	return false
}

// maxTermWords caps the length of a defined term or a table key.
const maxTermWords = 6

// maxDefinitionWords caps the length of a definition: past it, the text
// after the colon is a paragraph of notes, not a definition to recall.
const maxDefinitionWords = 40

// balanced reports whether the brackets of s are balanced, so that a colon
// inside "(example: …)" does not split a term.
func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// countWords returns the number of words of s.
func countWords(s string) int {
	n := 0
	in := false
	class := scriptOther
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII: no decoding, and its script class is scriptOther.
			w := isASCIIWord(c)
			if w {
				if !in || class != scriptOther {
					n++
				}
				class = scriptOther
			}
			in = w || (in && isJoiner(rune(c)))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		w := isWordRune(r)
		if w {
			c := scriptClass(r)
			if !in || c != class && (c != scriptOther || class != scriptOther) {
				n++
			}
			class = c
		}
		in = w || (in && isJoiner(r))
	}
	return n
}

// Rule "command": a line or item ending with ":" followed by a line that is
// only inline code (the layout of tldr pages) makes a basic card: front the
// description, back the code.
func command(b, next notes.Block) (draft, bool) {
	desc, ok := leadIn(b.Text.Plain)
	if !ok || next.Kind != notes.Line || !isCodeOnly(next.Text) || countWords(desc) < 2 {
		return draft{}, false
	}
	p := b.Text.Plain
	ds, de := trimRange(p, 0, len(p))
	de = ds + len(strings.TrimRight(p[ds:de], ":"))
	ds, de = trimRange(p, ds, de)
	return draft{
		kind:  Basic,
		front: answerMarkdown(b.Text, ds, de),
		back:  strings.TrimSpace(markdown(next.Text)),
		rule:  ruleCommand,
		score: 0.85,
	}, true
}

// isCodeOnly reports whether t is a single code span, ignoring the space
// around it.
func isCodeOnly(t notes.Text) bool {
	s, e := trimRange(t.Plain, 0, len(t.Plain))
	if s >= e {
		return false
	}
	for _, sp := range t.Spans {
		if sp.Kind == notes.Code && sp.Start <= s && sp.End >= e {
			return true
		}
	}
	return false
}
