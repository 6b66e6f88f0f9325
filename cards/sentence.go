package cards

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// Rule "sentence": a unit that no other rule used still makes a card: the
// cloze of its most salient term. Salience adds up what makes a word worth
// asking for: rarity across the notes (inverse document frequency, from
// Options.Corpus or else the note itself), acronyms and inner capitals
// ("MVP", "DevOps"), names that do not open a sentence, length, noun
// suffixes; it subtracts what makes a poor answer: stop words, bare
// numbers, generic nouns ("problem", "valeur"), adverbs, verbs after "to"
// or "pour", words already shown by the card's context (title, headings,
// parent item) and words that occur twice in the unit (the answer would
// show on the front).
//
// A long paragraph split into several units gives cards only for its key
// sentences: the units are scored (mean term rarity, position, a
// definitional verb, numbers, length) and the better half is kept.
//
// A short maxim of preference whose words are all common ("People over
// process and tools", « Les gens plutôt que les processus ») hides what it
// is preferred to.
//
// A unit of fewer than three words, only links or tags, only code, only
// "etc." or a short line that only introduces a list gives no card (a
// dropped candidate says why).

// keySentences makes the sentence cards of units rest of block i, which
// no other rule used.
func (g *generator) keySentences(i int, units []unit, rest []int) {
	if len(rest) == 0 {
		return
	}
	cs := g.sents[:0]
	for _, k := range rest {
		u := &units[k]
		d, best := g.sentence(i, u)
		if d.dropped != "" {
			g.add(i, k, d)
			continue
		}
		cs = append(cs, sentenceCand{d, g.sentenceScore(u, best), k})
	}
	keep := len(cs)
	if len(units) > 1 {
		keep = max(1, (len(cs)+1)/2)
	}
	order := g.order[:0]
	for j := range cs {
		order = append(order, j)
	}
	g.order = order
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case cs[a].score > cs[b].score:
			return -1
		case cs[a].score < cs[b].score:
			return 1
		}
		return 0
	})
	for r, j := range order {
		if r >= keep {
			cs[j].d.dropped = dropNotKey
		}
	}
	for _, c := range cs {
		c.d.line = units[c.k].line
		g.add(i, c.k, c.d)
	}
	clear(cs) // no text kept alive past the block
	g.sents = cs[:0]
}

// sentenceCand is a sentence card of a block and its score as a key
// sentence.
type sentenceCand struct {
	d     draft
	score float64
	k     int
}

// dropNotKey is why a sentence of a long paragraph made no card.
const dropNotKey = "not a key sentence"

// sentenceScore rates unit u as a key sentence of its paragraph, given the
// salience of its best term.
func (g *generator) sentenceScore(u *unit, best float64) float64 {
	sum, n := 0.0, 0
	stops := g.stops(u)
	for k, tk := range u.toks {
		w := u.lower[tk.start:tk.end]
		if !hasLetter(w) || stops[k] {
			continue
		}
		if k < len(u.words) && u.words[k].idfOK && len(u.words[k].lower) == len(w) {
			sum += u.words[k].idf // the core is the whole token: its rarity is known
		} else {
			sum += g.idf(w)
		}
		n++
	}
	sc := min(best, 4) / 10
	if n > 0 {
		sc += 0.5 * sum / float64(n)
	}
	if u.first {
		sc += 0.2
	}
	if len(u.toks) > 1 {
		if v, _ := g.lang.copula(u.lower[u.toks[1].start:u.toks[1].end], ""); v > 0 {
			sc += 0.2
		}
	}
	if countNumbers(u.t.Plain) > 0 {
		sc += 0.1
	}
	switch words := len(u.toks); {
	case words < minUnitWords:
		sc -= 0.3
	case words > 40:
		sc -= 0.2
	}
	return sc
}

// idf returns the rarity of the lower-case word w, from 0 (every note has
// it) to 1.
func (g *generator) idf(w string) float64 {
	if v, ok := g.opts.Corpus.idf(w); ok {
		return v
	}
	// Without a corpus, a word the note repeats is its topic, which the
	// card's context already shows: 1 for a word used once, 1/2 for three
	// times, less and less beyond.
	if !g.tfOK {
		g.countWords()
	}
	tf := float64(max(g.tf[w], 1))
	return 1 / (1 + 0.5*(tf-1))
}

// countWords counts the words of the note (their core: "l'agile" counts as
// "agile") into g.tf, for idf without a corpus: on first use, since a note
// of explicit cards needs none.
func (g *generator) countWords() {
	g.tf = make(map[string]int32, g.nwords/2+16) // a distinct word in three or so: no rehash
	for _, inf := range g.info {
		for _, tk := range inf.toks {
			tk = coreWord(inf.lower, tk)
			g.tf[inf.lower[tk.start:tk.end]]++
		}
	}
	g.tfOK = true
}

// inContext reports whether the lower-case term w shows in the context of
// block i (title, headings, lead-in, parents) or the note's tags: a term
// the card's context shows is a poor answer.
func (g *generator) inContext(i int, w string) bool {
	if strings.IndexByte(w, 0) >= 0 {
		// The joined context below separates its parts with NUL bytes.
		for _, s := range g.contextParts(i) {
			if countWord(g.lowerOf(s), w, 1) > 0 {
				return true
			}
		}
		return false
	}
	return countWord(g.joinedContext(i), w, 1) > 0
}

// contextParts returns what inContext looks at for block i: the title, the
// context and the tags.
func (g *generator) contextParts(i int) []string {
	ctx := g.context(i)
	parts := make([]string, 0, 1+len(ctx)+len(g.n.Tags))
	parts = append(parts, g.n.Title)
	parts = append(parts, ctx...)
	return append(parts, g.n.Tags...)
}

// joinedContext returns the title, context and tags of block i in lower
// case, joined by NUL bytes (no word rune: a whole word of one part is a
// whole word of the joined text), computed once per context.
func (g *generator) joinedContext(i int) string {
	if g.ctxLow == nil {
		g.ctxLow = make([]string, len(g.n.Blocks))
		g.ctxLowOK = make([]bool, len(g.n.Blocks))
	}
	if g.ctxLowOK[i] {
		return g.ctxLow[i]
	}
	ctx := g.context(i)
	if !g.lastCtxOK || !sameSlice(ctx, g.lastCtx) {
		b := append(g.scratch[:0], g.n.Title...)
		for _, s := range ctx {
			b = append(b, 0)
			b = append(b, s...)
		}
		for _, s := range g.n.Tags {
			b = append(b, 0)
			b = append(b, s...)
		}
		g.scratch = b
		g.lastCtx, g.lastCtxLow, g.lastCtxOK = ctx, g.text.lower(g.text.bytes(b)), true
	}
	g.ctxLow[i], g.ctxLowOK[i] = g.lastCtxLow, true
	return g.lastCtxLow
}

// lowerOf returns s in lower case, remembered: the same headings and
// titles come back for every block.
func (g *generator) lowerOf(s string) string {
	if l, ok := g.lowers[s]; ok {
		return l
	}
	if g.lowers == nil {
		g.lowers = map[string]string{}
	}
	l := g.text.lower(s)
	g.lowers[s] = l
	return l
}

// sentence makes the sentence card of unit u of block i, or a dropped
// draft saying why it makes none; it also returns the salience of the
// hidden term.
func (g *generator) sentence(i int, u *unit) (draft, float64) {
	t := u.t
	d := draft{kind: Cloze, rule: ruleSentence, score: 0.1, line: u.line}
	urls := u.urlRanges()
	words, content, linked, code := 0, 0, 0, 0
	allEtc := true
	stops := g.stops(u)
	for k, tk := range u.toks {
		w := u.lower[tk.start:tk.end]
		if w != "etc" {
			allEtc = false
		}
		switch {
		case inSpan(t, tk.start, notes.Code):
			code++
		case inSpan(t, tk.start, notes.Link, notes.WikiLink, notes.Tag) || inRanges(urls, tk.start):
			linked++
		case !hasLetter(w):
			// numbers are no words: "Result: 2, 7, 5, 6" is a list of figures
		default:
			words++
			if !stops[k] {
				content++
			}
		}
	}
	if startsWithLink(t) && content <= maxLinkNoteWords {
		content = 0 // "[Title](url), Author" in a list of resources
	}
	codeSpans := 0
	for _, sp := range t.Spans {
		if sp.Kind == notes.Code {
			codeSpans++
		}
	}
	switch {
	case allEtc && (len(u.toks) > 0 || strings.Contains(t.Plain, "..") || strings.Contains(t.Plain, "…")):
		d.dropped = dropEtc
	case len(u.toks) == 0:
		d.dropped = dropPunctuation
	case content == 0 && code == 0 && linked > 0 || u.reference(g.lang):
		d.dropped = dropLinkOnly // "See [the docs](…).", "See the Security section" too
	case words == 0:
		d.dropped = dropCodeOnly
	case words+codeSpans < 3:
		d.dropped = dropTooShort
	case strings.HasSuffix(strings.TrimSpace(t.Plain), ":") && content < minLeadInWords:
		d.dropped = dropLeadIn // "The options are the following:"
	case isQuestion(t.Plain):
		d.dropped = dropQuestion // a word hidden in a question asks nothing
	case g.isInstruction(u):
		d.dropped = dropInstruction // "Type `baz` in the lookup bar.": a step, not a fact
	case isEndMarker(u):
		d.dropped = dropEndMarker // "Fin de l'énoncé.": layout, not a fact
	case content > 0 && fragmentStart(u) == 0:
		d.dropped = dropFragment // "metric for predictable loads or": the sentence goes on elsewhere
	}
	if d.dropped != "" {
		dd := droppedText(t, ruleSentence, d.dropped)
		dd.score, dd.line = d.score, d.line
		return dd, 0
	}
	best, ok := g.salientTerm(i, u)
	if s, e, pref := preference(u, g.lang); pref && (!ok || best.score < minSalience) {
		// "People over [process and tools]": a maxim of common words still
		// says what it prefers to what
		c := textCloze(u, s, e, ruleSentence, 0.3)
		c.line = u.line
		return c, minSalience
	}
	if !ok {
		dd := droppedText(t, ruleSentence, dropNoTerm)
		dd.score, dd.line = d.score, d.line
		return dd, 0
	}
	c := textCloze(u, best.start, best.end, ruleSentence, 0.2+min(best.score, 4)/10)
	c.line = u.line
	if best.score < minSalience {
		c.dropped = dropNoTerm // "Viewing the timeline should be [...]": nothing worth asking
	}
	return c, best.score
}

// maxPreferenceWords is the length up to which a line "A over B" is a
// maxim ("Composition over inheritance"), not a sentence that uses "over".
const maxPreferenceWords = 8

// preference reports whether unit u, in language l, is a short maxim of
// preference, "A over B" or « A plutôt que B », and returns the bounds of
// B in u.t.Plain, without closing quotes or punctuation.
func preference(u *unit, l lang) (start, end int, ok bool) {
	n := len(u.toks)
	if n < 3 || n > maxPreferenceWords {
		return 0, 0, false
	}
	for k := 1; k+1 < n; k++ {
		w := u.lower[u.toks[k].start:u.toks[k].end]
		next := k + 1
		switch {
		case w == "over":
		case w == "plutôt" && u.lower[u.toks[k+1].start:u.toks[k+1].end] == "que" && k+2 < n:
			next = k + 2
		default:
			continue
		}
		if next+1 < n && isArticle(u.lower[u.toks[next].start:u.toks[next].end]) {
			next++ // « plutôt que [les outils] »: the noun is the answer
		} else if l.isStop(u.lower[u.toks[next].start:u.toks[next].end]) {
			return 0, 0, false // "move everything over by July": an adverb
		}
		return u.toks[next].start, u.toks[n-1].end, true
	}
	return 0, 0, false
}

// isQuestion reports whether a unit asks a question: a prompt whose
// answer, if any, follows it.
func isQuestion(p string) bool {
	s := strings.TrimRight(strings.TrimSpace(p), "*_\"»” )")
	return strings.HasSuffix(s, "?")
}

// minSalience is the salience under which the best term of a line is no
// answer worth a card (a verb, an adjective, a generic noun).
const minSalience = 1.3

// term is a candidate answer: Plain[start:end] of a unit and its salience.
type term struct {
	start, end int
	score      float64
}

// word is what the salience scoring knows of one token of a unit,
// computed once per unit.
type word struct {
	core    token  // the token without elision or possessive
	lower   string // the core word in lower case
	morph   float64
	score   float64 // salience as a single-word answer
	idf     float64 // rarity of the core word, when idfOK
	initial bool    // the token opens its sentence
	verb    bool    // it reads as a verb
	ok      bool    // it can be a single-word answer
	usable  bool    // not code, tag, struck text or URL
	stop    bool    // a stop word
	acr     bool    // an acronym or technical name (isTechTerm)
	scored  bool    // verb, morph, score and ok are filled (generator.score)
	idfOK   bool
}

// gapEndsSentence reports whether the text between two words ends a
// sentence: past quotes, brackets and spaces, it ends with . ! ? : or ….
func gapEndsSentence(gap string) bool {
	for i := len(gap) - 1; i >= 0; i-- {
		switch c := gap[i]; c {
		case ' ', '\t', '\n', '"', '\'', '(', '*', '_', '[':
			continue
		case '.', '!', '?', ':':
			return true
		default:
			if c < utf8.RuneSelf {
				return false
			}
			r, n := utf8.DecodeLastRuneInString(gap[:i+1])
			switch {
			case r == '…':
				return true
			case unicode.IsSpace(r) || r == '«' || r == '“':
				i -= n - 1
				continue
			}
			return false
		}
	}
	return false
}

// stops returns, per token of u, whether it is a stop word, computed
// once per unit.
func (g *generator) stops(u *unit) []bool {
	if u.stops != nil || len(u.toks) == 0 {
		return u.stops
	}
	if cap(g.stopBuf)-len(g.stopBuf) < len(u.toks) {
		g.stopBuf = make([]bool, 0, max(g.maxToks, 64)) // once per note: a block's units share its words
	}
	st := g.stopBuf[len(g.stopBuf) : len(g.stopBuf)+len(u.toks)]
	g.stopBuf = g.stopBuf[:len(g.stopBuf)+len(u.toks)]
	for k, tk := range u.toks {
		st[k] = g.lang.isStop(u.lower[tk.start:tk.end])
	}
	u.stops = st
	return st
}

// words analyses the tokens of u.
func (g *generator) words(u *unit) []word {
	if u.words != nil || len(u.toks) == 0 {
		return u.words
	}
	p := u.t.Plain
	urls := u.urlRanges()
	stops := g.stops(u)
	if cap(g.wordBuf)-len(g.wordBuf) < len(u.toks) {
		g.wordBuf = make([]word, 0, max(g.maxToks, 64)) // once per note
	}
	ws := g.wordBuf[len(g.wordBuf) : len(g.wordBuf)+len(u.toks)]
	g.wordBuf = g.wordBuf[:len(g.wordBuf)+len(u.toks)]
	for k, tk := range u.toks {
		w := &ws[k]
		w.core = coreWord(p, tk)
		w.lower = u.lower[w.core.start:w.core.end]
		w.acr = isTechTerm(p[w.core.start:w.core.end])
		whole := u.lower[tk.start:tk.end]
		if len(whole) == len(w.lower) {
			w.stop = stops[k] // the core is the whole token
		} else {
			w.stop = g.lang.isStop(w.lower) || stops[k]
		}
		if k == 0 {
			w.initial = startsSentence(p, tk.start)
		} else {
			w.initial = gapEndsSentence(p[u.toks[k-1].end:tk.start])
		}
		w.usable = !inSpan(u.t, tk.start, notes.Code, notes.Tag, notes.Strikethrough) && !inRanges(urls, tk.start)
		w.scored, w.idfOK = false, false
	}
	u.words = ws
	return ws
}

// score fills the verb, morph, score and ok fields of word k of u, once:
// they cost the most and only candidate answers need them.
func (g *generator) score(u *unit, ws []word, k int) *word {
	w := &ws[k]
	if w.scored {
		return w
	}
	w.scored = true
	w.verb, w.morph = false, 0
	n, ok := g.answerable(u, ws, k)
	if !ok {
		// No answer: its verb and morph are never read.
		w.score, w.ok = 0, false
		return w
	}
	sure := false
	p := u.t.Plain
	tk := u.toks[k]
	whole := u.lower[tk.start:tk.end]
	prev, prevStop := "", false
	if k > 0 {
		prev, prevStop = u.lower[u.toks[k-1].start:u.toks[k-1].end], ws[k-1].stop
	}
	second := k == 1 || k == 2 && isArticle(ws[0].lower)
	next, gap := "", ""
	if k+1 < len(u.toks) {
		next, gap = u.lower[u.toks[k+1].start:u.toks[k+1].end], p[tk.end:u.toks[k+1].start]
	}
	// A verb for sure: before its object pronoun ("processes it"),
	// after a French subject pronoun ("cela reconnaît"), or shaped like
	// a French infinitive before its object ("challenger les idées").
	// A capitalised word inside a sentence is a name ("Committee On
	// Publication Ethics", "Olivier Le Deuff"), never one of these.
	lowerWord := w.initial || !isUpperStart(p[w.core.start:w.core.end])
	sure = lowerWord && (g.lang != langFR && k > 0 && gap == " " && isObjectPronoun(next) ||
		g.lang != langEN && (isFrenchPronounBeforeVerb(prev) && !isUpperStart(p[u.toks[k-1].start:]) ||
			gap == " " && isFrenchInfinitiveShape(w.lower) && isFrenchObjectDeterminer(next) &&
				!isUpperStart(p[u.toks[k+1].start:])))
	// an adverb between a modal and its verb: "reads can heavily outnumber writes"
	sure = sure || lowerWord && g.lang != langFR && k > 1 && k+1 < len(u.toks) && len(prev) > 3 && isAdverb(prev) &&
		isVerbContext(u.lower[u.toks[k-2].start:u.toks[k-2].end]) // but "Traffic is not evenly [distributed]"
	// the word after a French subject that opens the line, "Cette
	// déontologie [communique]": its verb or an adjective (but "Les
	// grandes [entreprises]")
	sure = sure || lowerWord && g.lang == langFR && k == 2 && !ws[1].stop && !isPlainAdjective(ws[1].lower) &&
		(isDeterminer(ws[0].lower) || isDemonstrative(ws[0].lower))
	w.verb = sure || g.isVerb(w.lower, prev, prevStop, second, w.initial) || isCommonVerb(w.lower) ||
		len(whole) != len(w.lower) && isElidedInfinitive(whole) ||
		g.lang != langFR && k > 0 && gap == " " && isDeterminerAfterVerb(next) ||
		// a passive participle: "we are faced with", not "Data is duplicated."
		g.lang != langFR && strings.HasSuffix(w.lower, "ed") && isCopulaWord(prev) && k+1 < len(ws) ||
		// a progressive: "if you're [studying] for this topic"
		g.lang != langFR && len(w.lower) > 5 && strings.HasSuffix(w.lower, "ing") && (isCopulaWord(prev) || isBeContraction(prev)) ||
		// a participle opening a clause: "…, opening up the benefits"
		g.lang != langFR && k > 0 && k+1 < len(ws) && ws[k+1].stop && strings.HasSuffix(w.lower, "ing") &&
			isCommaGap(p[u.toks[k-1].end:tk.start])
	w.morph = g.lang.suffixBonus(w.lower)
	w.score, w.ok = g.wordScore(u, ws, k, n), true
	if sure {
		w.ok = false
	}
	return w
}

// scoreAll scores every word of u.
func (g *generator) scoreAll(u *unit, ws []word) {
	for k := range ws {
		g.score(u, ws, k)
	}
}

// salientTerm picks the term of unit u of block i most worth asking for,
// among its words, runs of capitalised words (names) and pairs of content
// words (noun phrases such as "query cache").
func (g *generator) salientTerm(i int, u *unit) (term, bool) {
	best, found := g.pickTerm(i, u, nil)
	if found {
		// "under the [hood]": a word of an idiom asks for the idiom, so
		// the pick is made again without the idioms' words
		if idioms := idiomRanges(u.lower, u.lower[best.start:best.end]); len(idioms) > 0 {
			best, found = g.pickTerm(i, u, idioms)
		}
	}
	return best, found
}

// pickTerm is salientTerm without idioms: no term overlaps a range of
// avoid.
func (g *generator) pickTerm(i int, u *unit, avoid [][2]int) (term, bool) {
	p := u.t.Plain
	ws := g.words(u)
	g.scoreAll(u, ws)
	var best term
	found := false
	frag := fragmentStart(u)
	consider := func(s, e int, sc float64, once bool) {
		if found && sc <= best.score || frag >= 0 && e > frag {
			return // nor a term of an unfinished sentence
		}
		for _, r := range avoid {
			if s < r[1] && e > r[0] {
				return
			}
		}
		ans := u.lower[s:e]
		if !once && countWord(u.lower, ans, 2) > 1 {
			return // the answer would show on the front
		}
		if g.inContext(i, ans) {
			sc -= 3
		}
		if !found || sc > best.score {
			best, found = term{s, e, sc}, true
		}
	}
	for k := range ws {
		w := &ws[k]
		if !w.usable {
			continue
		}
		if w.ok {
			consider(w.core.start, w.core.end, w.score, false)
		}
		// A run of capitalised words is one name ("Julia Gillard"). A
		// sentence's first word joins a name only when it looks like one
		// ("Secure Shell", "Eli Pariser"), not like an adjective ("Outdated
		// Django").
		text := p[w.core.start:w.core.end]
		if isUpperStart(text) && g.lang != langDE && !w.acr && !w.stop &&
			!(w.initial && (strings.HasSuffix(w.lower, "ed") || strings.HasSuffix(w.lower, "ing"))) {
			end := k
			for end+1 < len(ws) && end-k < 3 && ws[end+1].usable &&
				isUpperStart(p[u.toks[end+1].start:u.toks[end+1].end]) &&
				p[u.toks[end].end:u.toks[end+1].start] == " " {
				end++
			}
			if end > k && !isTitleCase(u) {
				base := 1.5
				for j := k; j <= end; j++ {
					if ws[j].ok {
						base = max(base, ws[j].score)
					}
				}
				consider(w.core.start, u.toks[end].end, base+0.5+float64(end-k)*0.3, false)
			}
		}
	}
	// Noun phrases: two content words in a row, none a verb, the first
	// maybe an adjective or participle ("distributed systems"), the second
	// noun-like ("query cache"), not elided ("problèmes d'éthique").
	for k := 0; k+1 < len(ws); k++ {
		a, b := &ws[k], &ws[k+1]
		if !a.ok || !b.ok || a.verb || b.verb || a.initial && a.score < 1 || a.morph < -0.65 ||
			isPlainAdjective(b.lower) ||
			b.morph < -0.7 || strings.HasSuffix(b.lower, "ed") ||
			elisionEnd(u.lower[u.toks[k+1].start:u.toks[k+1].end]) > 0 ||
			p[u.toks[k].end:u.toks[k+1].start] != " " {
			continue // the second word may be a gerund: "dynamic programming"
		}
		sc := (a.score+b.score)/2 + 0.35
		if found && sc <= best.score {
			continue
		}
		if countWord(u.lower, a.lower, 2) > 1 || countWord(u.lower, b.lower, 2) > 1 {
			continue // "vélocité moyenne … vélocité de valeur": half the answer shows
		}
		if isPlainAdjective(a.lower) {
			continue // "petit jeu": the adjective adds nothing to ask
		}
		if k+2 < len(ws) && isDeterminer(ws[k+2].lower) {
			continue // "chaque commit déclenche un pipeline": b is a verb
		}
		consider(a.core.start, b.core.end, sc, true)
	}
	switch {
	case found && g.lang == langEN:
		best = g.compound(i, u, ws, best)
	case found && g.lang == langFR:
		best = g.nounAdjective(i, u, ws, best)
	}
	return best, found
}

// compound widens the single-word answer best of unit u of block i to the
// English compound noun it ends ("race [conditions]" → "[race
// conditions]", "a [performance bottleneck]"): the noun just before it,
// itself after an article, a possessive or a preposition ("lead to" is no
// preposition: "to race" may be a verb), neither a verb, an adverb, a
// gerund nor an adjective, with a noun after it that no determiner, adverb
// or preposition follows (which would make it a verb: "the service
// [matures], we…", "one pointer [increments] twice"). Hiding the head alone
// leaves half a term to guess from the other half.
func (g *generator) compound(i int, u *unit, ws []word, best term) term {
	k := wordOf(ws, best)
	if k < 2 {
		return best
	}
	a, before := &ws[k-1], ws[k-2].lower
	p := u.t.Plain
	if !a.usable || a.stop && !a.acr || a.initial || !a.ok || a.verb || isPlainAdjective(a.lower) ||
		strings.HasSuffix(a.lower, "ly") || strings.HasSuffix(a.lower, "ing") ||
		p[u.toks[k-1].end:u.toks[k].start] != " " || p[u.toks[k-2].end:u.toks[k-1].start] != " " {
		return best
	}
	if !isArticle(before) && !isPossessive(before) && !isCompoundPreposition(before) {
		return best
	}
	if k+1 < len(ws) {
		next := ws[k+1].lower
		if isDeterminer(next) || isAdverb(next) || isCompoundPreposition(next) && next != "of" ||
			strings.HasSuffix(next, "ly") || isCommaGap(p[u.toks[k].end:u.toks[k+1].start]) {
			return best
		}
	}
	return g.widen(i, u, a, best)
}

// wordOf returns the index of the word of ws that best is, or -1 when best
// is no single word.
func wordOf(ws []word, best term) int {
	for k := range ws {
		if ws[k].core.start == best.start {
			if ws[k].core.end == best.end {
				return k
			}
			break
		}
	}
	return -1
}

// widen returns best widened to start with word a before it, unless the
// pair shows in the context of block i or a repeats in unit u (half the
// answer would show).
func (g *generator) widen(i int, u *unit, a *word, best term) term {
	if g.inContext(i, u.lower[a.core.start:best.end]) || countWord(u.lower, a.lower, 2) > 1 {
		return best
	}
	best.start = a.core.start
	return best
}

// nounAdjective widens the single-word answer best of unit u of block i,
// a French adjective after its noun, to the noun and the adjective
// ("le corps [professionnel]" → "le [corps professionnel]", "des sciences
// [humaines]" → "des [sciences humaines]"): the adjective alone asks for a
// shade of meaning, the pair names the thing. The noun must follow a
// determiner or a preposition, and be no adjective itself.
func (g *generator) nounAdjective(i int, u *unit, ws []word, best term) term {
	k := wordOf(ws, best)
	if k < 1 || !isFrenchAdjectiveShape(ws[k].lower) {
		return best
	}
	a := &ws[k-1]
	p := u.t.Plain
	if !a.usable || a.stop || a.initial || !a.ok || a.verb || isPlainAdjective(a.lower) ||
		isFrenchAdjectiveShape(a.lower) || isAdverb(a.lower) || p[u.toks[k-1].end:u.toks[k].start] != " " {
		return best
	}
	elided := a.core.start > u.toks[k-1].start // "l'éthique [médicale]"
	if !elided && (k < 2 || !isFrenchNounOpener(ws[k-2].lower) || p[u.toks[k-2].end:u.toks[k-1].start] != " ") {
		return best
	}
	return g.widen(i, u, a, best)
}

// isFrenchAdjectiveShape reports whether the lower-case word w ends like a
// French adjective that follows its noun ("professionnel", "humaines",
// "dynamique", "sociale").
func isFrenchAdjectiveShape(w string) bool {
	return len(w) > 5 && !isNounSuffix(w) && hasAnySuffix(w, "el", "elle", "els", "elles", "ique", "iques",
		"if", "ive", "ifs", "ives", "al", "ale", "ales", "aux", "aire", "aires", "eux", "euse", "euses",
		"able", "ables", "ible", "ibles", "ain", "aine", "ains", "aines", "ien", "ienne", "iens", "iennes")
}

// isFrenchNounOpener reports whether the lower-case French word w opens a
// noun phrase: a determiner or a preposition.
func isFrenchNounOpener(w string) bool {
	switch w {
	case "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce", "cet", "cette", "ces",
		"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes",
		"en", "par", "pour", "sur", "dans", "avec", "sans", "entre", "vers", "chez":
		return true
	}
	return false
}

// idioms are fixed phrases whose words are no answers: hidden, they ask
// for the phrase, not for anything the note says ("keep an [eye] on the
// metrics", "under the [hood]", "au bout du [compte]").
var idioms = [...]string{
	"under the hood", "keep an eye", "keep in mind", "bear in mind", "in mind", "to mind", "to your mind",
	"on the other hand", "at the end of the day", "in the long run", "on the fly",
	"out of the box", "in a nutshell", "rule of thumb", "as an extension", "the big picture",
	"au bout du compte", "en fin de compte", "point de vue", "au fur et à mesure",
	"tenir compte", "prendre en compte", "faire face", "par rapport", "à la fois", "en effet",
	"de plus en plus", "en tout cas", "du coup",
}

// idiomRanges returns the byte ranges of the idioms in the lower-case text
// p that overlap the answer ans, a part of p: whole-word occurrences of
// the idioms that hold one of ans's words. Most answers are in no idiom,
// and then p is not searched.
func idiomRanges(p, ans string) [][2]int {
	var out [][2]int
	for _, id := range idioms {
		if !sharesWord(id, ans) {
			continue
		}
		for s := indexWord(p, id, 0); s >= 0; s = indexWord(p, id, s+len(id)) {
			out = append(out, [2]int{s, s + len(id)})
		}
	}
	return out
}

// sharesWord reports whether the lower-case phrase id holds a word of the
// lower-case text ans.
func sharesWord(id, ans string) bool {
	var buf [8]token
	for _, tk := range appendTokens(buf[:0], ans) {
		if countWord(id, ans[tk.start:tk.end], 1) > 0 {
			return true
		}
	}
	return false
}

// isCompoundPreposition reports whether the lower-case English word w is a
// preposition a compound noun may follow ("resulting in cache misses").
func isCompoundPreposition(w string) bool {
	switch w {
	case "in", "of", "with", "through", "for", "from", "as", "by", "on", "into", "via", "about", "without", "between":
		return true
	}
	return false
}

// isDeterminerAfterVerb reports whether the lower-case English word w
// opens a noun phrase that mostly follows a verb ("repeats the steps",
// "configure both layers"), not a noun.
func isDeterminerAfterVerb(w string) bool {
	switch w {
	case "the", "a", "an", "both", "each", "every", "its", "their", "our", "your", "this", "these", "those":
		return true
	}
	return false
}

// isIndefinitePronoun reports whether the lower-case word w is a pronoun
// that the stop words leave out ("everything", "soi-même").
func isIndefinitePronoun(w string) bool {
	switch w {
	case "everything", "everyone", "everybody", "someone", "somebody", "anybody", "nobody":
		return true
	}
	return strings.HasSuffix(w, "-même") || strings.HasSuffix(w, "-mêmes")
}

// isDemonstrative reports whether the lower-case word w is a
// demonstrative determiner, whose noun refers back to what came before.
func isDemonstrative(w string) bool {
	switch w {
	case "this", "these", "those", "cette", "cet", "ces":
		return true
	}
	return false
}

// isParticipleShape reports whether the lower-case French word w ends like
// a past participle ("écoutés", "personnalisées") and is none of the
// nouns that do ("idée", "qualité").
func isParticipleShape(w string) bool {
	return len(w) > 5 && hasParticipleSuffix(w) && !isNounInE(w) &&
		!hasAnySuffix(w, "ité", "ités", "eté", "etés", "auté", "autés", "côté", "côtés", "santé")
}

// isObjectPronoun reports whether the lower-case English word w is an
// object pronoun, which follows a verb ("processes it").
func isObjectPronoun(w string) bool {
	switch w {
	case "it", "them", "him", "us", "me":
		return true
	}
	return false
}

// isCommaGap reports whether the text between two words holds a comma: a
// participle after one opens a clause ("…, opening up the benefits").
func isCommaGap(gap string) bool {
	return strings.IndexByte(gap, ',') >= 0
}

// isFrenchPronounBeforeVerb reports whether the lower-case French word w
// is a pronoun that a verb follows: a subject ("ce que cela reconnaît")
// or an object before its verb ("les gens se sentent", "on peut lui
// envoyer").
func isFrenchPronounBeforeVerb(w string) bool {
	switch w {
	case "il", "elle", "on", "cela", "ça", "ceci", "je", "tu", "ils", "elles", "nous", "vous", "se", "me",
		"te", "lui", "qui":
		return true
	}
	return false
}

// isFrenchInfinitiveShape reports whether the lower-case word w ends like
// a French infinitive ("challenger", "accueillir", "prendre").
func isFrenchInfinitiveShape(w string) bool {
	return utf8.RuneCountInString(w) > 4 && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir") ||
		strings.HasSuffix(w, "re"))
}

// isFrenchObjectDeterminer reports whether the lower-case French word w
// opens the object of a verb ("challenger les idées"): a determiner other
// than "de", "des" and "du", which also follow nouns.
func isFrenchObjectDeterminer(w string) bool {
	switch w {
	case "le", "la", "les", "un", "une", "ses", "son", "sa", "ces", "cette", "ce", "cet", "leurs", "leur",
		"nos", "vos", "mes", "notre", "votre":
		return true
	}
	return strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "l’")
}

// isIntensifier reports whether the lower-case word w is an adverb of
// degree, after which comes an adjective rather than a term ("ultra
// classique", "plus apaisées", "very fast"). "More" and "less" are left
// out: in English they come before nouns too.
func isIntensifier(w string) bool {
	switch w {
	case "very", "too", "quite", "rather", "really", "extremely", "fairly", "so", "très", "trop",
		"assez", "ultra", "plutôt", "vraiment", "tellement", "si", "plus", "moins", "hyper":
		return true
	}
	return false
}

// isComparative reports whether the lower-case English word w makes the
// comparative or superlative of the adjective after it, when a copula
// comes before ("is more reliable"; but "more servers" is a noun).
func isComparative(w string) bool {
	return w == "more" || w == "less" || w == "most" || w == "least"
}

// isElidedInfinitive reports whether the lower-case token w is a French
// infinitive or verb behind an elided pronoun or preposition ("d'accéder",
// "s'appelle", "n'existe").
func isElidedInfinitive(w string) bool {
	e := elisionEnd(w)
	if e == 0 {
		return false
	}
	switch w[0] {
	case 's', 'n':
		return true
	case 'd':
		core := w[e:]
		return utf8.RuneCountInString(core) > 4 && (strings.HasSuffix(core, "er") || strings.HasSuffix(core, "ir"))
	}
	return false
}

// isOrdinal reports whether the lower-case word w is an ordinal
// ("second", "deuxième"), which names no fact.
func isOrdinal(w string) bool {
	switch w {
	case "first", "second", "third", "fourth", "fifth", "premier", "première", "deuxième",
		"seconde", "troisième", "quatrième", "cinquième", "dernier", "dernière", "last":
		return true
	}
	return false
}

// isCopulaWord reports whether the lower-case word w is a form of "to be",
// after which an adjective is a predicate rather than a term.
func isCopulaWord(w string) bool {
	switch w {
	case "be", "is", "are", "was", "were", "been", "being", "être", "est", "sont", "était", "sera",
		"reste", "semble", "devient":
		return true
	}
	return false
}

// isBeContraction reports whether the lower-case English word w ends with
// a form of "to be" ("you're", "it's", "I'm"), before a progressive.
func isBeContraction(w string) bool {
	switch w {
	case "am", "i'm", "you're", "we're", "they're", "he's", "she's", "it's", "that's", "there's":
		return true
	}
	return false
}

// isCompoundAdjective reports whether the lower-case word w is an English
// compound adjective: an adverb or a word joined to a participle
// ("rapidly-changing", "long-lived", "well-known").
func isCompoundAdjective(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 {
		return false
	}
	first, last := w[:strings.IndexByte(w, '-')], w[k+1:]
	return len(last) > 4 && (strings.HasSuffix(last, "ing") || strings.HasSuffix(last, "ed")) ||
		len(first) > 3 && strings.HasSuffix(first, "ly")
}

// isPlainAdjective reports whether the lower-case word w is a common
// adjective that comes before nouns and makes no term with them.
func isPlainAdjective(w string) bool {
	switch w {
	case "petit", "petite", "petits", "petites", "grand", "grande", "grands", "grandes", "gros",
		"grosse", "bon", "bonne", "bons", "bonnes", "nouveau", "nouvelle", "nouveaux", "nouvelles",
		"vieux", "vieille", "beau", "belle", "simple", "simples", "vrai", "vraie", "premier",
		"première", "dernier", "dernière", "small", "big", "large", "old", "good", "great",
		"little", "main", "real", "whole", "huge", "nice", "bad", "better", "best", "important",
		"importante", "importants", "importantes", "différent", "différente", "différents", "différentes",
		"different", "previous", "next", "same", "other", "various", "certain", "possible", "necessary",
		"common", "specific", "particular", "general", "new", "high", "low", "easy", "hard", "useful",
		"utile", "utiles", "même", "mêmes", "autre", "autres", "général", "générale", "correct",
		"incorrect", "arbitrary", "equivalent", "équivalent", "équivalente", "équivalents", "équivalentes",
		"correcte", "corrects", "correctes", "existing", "current", "remaining", "upcoming":
		return true
	}
	return false
}

// isVerb reports whether the lower-case word w, after the word prev,
// reads as a verb (second says w follows a one-word subject): an infinitive ("to recognize", "pour
// livrer"), after a modal or a pronoun ("can manage", "you encounter"), an
// imperative ("Déterminez", "Use …" opening a line) or the verb of a
// sentence that opens with its subject ("Sharding distributes …").
func (g *generator) isVerb(w, prev string, prevStop, second, initial bool) bool {
	switch {
	case isInfinitive(w, prev), isImperative(w) && initial, g.lang.verbAfterSubject(w, prev, prevStop, second):
		return true
	case g.lang != langFR && isVerbContext(prev):
		return true
	case g.lang != langEN && isFrenchImperative(w):
		return true
	}
	return false
}

// isVerbContext reports whether an English word after the lower-case
// word prev is a verb: after "to", a modal or a subject pronoun.
func isVerbContext(prev string) bool {
	switch prev {
	case "to", "can", "could", "should", "would", "will", "must", "may", "might", "cannot", "can't",
		"don't", "doesn't", "didn't", "won't", "you", "we", "they", "i", "he", "she", "it", "only",
		"also", "always", "never", "not", "often", "usually", "then", "please":
		return true
	}
	return false
}

// answerable reports whether word k of u can be an answer at all, with
// its length in runes: not a stop word, a number, a word of one or two
// letters, a page name, an adjective after an intensifier, the author's
// abbreviation, a pronoun, a date of a meeting or a French participle.
func (g *generator) answerable(u *unit, ws []word, k int) (int, bool) {
	w := &ws[k]
	text := u.t.Plain[w.core.start:w.core.end]
	lw := w.lower
	if w.stop || !hasLetter(text) {
		return 0, false
	}
	n := utf8.RuneCountInString(text)
	acr := w.acr
	if n < 3 && !acr || strings.Count(text, ".") >= 2 {
		return 0, false // "dendron.topic.refactoring" names a page, it is no term
	}
	if k > 0 && !acr && isIntensifier(u.lower[u.toks[k-1].start:u.toks[k-1].end]) {
		return 0, false // "Ultra [classique]", "very [fast]": an adjective
	}
	if k > 1 && !acr && isComparative(u.lower[u.toks[k-1].start:u.toks[k-1].end]) &&
		isCopulaWord(u.lower[u.toks[k-2].start:u.toks[k-2].end]) {
		return 0, false // "Lookup v3 is more [performant]": a predicate adjective
	}
	if acr && (len(text) == 2 && g.shorthand(text) || bareAcronym(u, w.core.start, w.core.end)) {
		return 0, false // "La [DL] désigne …", "recherche ([H4SR])": the author's abbreviations
	}
	if isIndefinitePronoun(lw) || isCalendarWord(lw) {
		return 0, false // "soi-même", "everything": pronouns; "this [Friday]": a date of a meeting
	}
	if g.lang == langFR && isParticipleShape(lw) && !isUpperStart(text) &&
		(k == 0 || !isDeterminer(u.lower[u.toks[k-1].start:u.toks[k-1].end])) {
		return 0, false // "se sentent engagés, [écoutés]": a participle; a noun takes a determiner
	}
	return n, true
}

// wordScore returns the salience of word k of u as an answer, n runes
// long, once answerable said it can be one.
func (g *generator) wordScore(u *unit, ws []word, k, n int) float64 {
	w := &ws[k]
	text := u.t.Plain[w.core.start:w.core.end]
	lw := w.lower
	acr := w.acr
	sc := float64(min(n, 12)) / 10
	switch {
	case acr:
		sc += 2
	case isUpperStart(text) && !w.initial && g.lang != langDE &&
		!(inSpan(u.t, w.core.start, notes.WikiLink) && g.writtenLower(lw)): // "la [[Loi]]" and "la loi"
		sc += 1.5
	}
	if w.initial {
		sc-- // a line's first word is mostly a verb or a generic opener
	}
	if !acr && w.verb {
		sc--
	}
	if !acr {
		sc += w.morph
	}
	if isGeneric(lw) || isPlainAdjective(lw) || isOrdinal(lw) || isCompoundAdjective(lw) {
		sc--
	}
	if k > 0 && w.morph <= 0 && !acr && !isUpperStart(text) && isCopulaWord(u.lower[u.toks[k-1].start:u.toks[k-1].end]) {
		sc -= 0.5 // "should be [...]": a predicate adjective
		if g.lang != langFR && len(lw) > 5 && strings.HasSuffix(lw, "er") && k == len(u.toks)-1 {
			sc -= 1 // "… is [trickier].": a comparative
		}
	}
	if k > 0 && !acr && isDemonstrative(u.lower[u.toks[k-1].start:u.toks[k-1].end]) {
		sc-- // "Cette [exigence] ne porte pas …": it names what the line before said
	}
	if inSpan(u.t, w.core.start, notes.Link, notes.WikiLink) {
		sc += 0.3
	}
	w.idf, w.idfOK = g.idf(lw), true
	sc += 1.5 * w.idf
	return sc
}

// termScore returns the salience of the term Plain[s:e] of unit u, a word
// or a name whose first word is token k, and false when it cannot be an
// answer.
func (g *generator) termScore(u *unit, s, e, k int) (float64, bool) {
	ws := g.words(u)
	w := g.score(u, ws, k)
	if e == w.core.end {
		return w.score, w.ok
	}
	if !w.ok {
		return 0, false
	}
	sc := w.score
	for j := k + 1; j < len(ws) && u.toks[j].end <= e; j++ {
		sc = max(sc, g.score(u, ws, j).score)
	}
	return sc, true
}

// minLeadInWords is the number of content words a line ending with ":"
// needs to make a card of its own; shorter ones only introduce a list.
const minLeadInWords = 6

// maxLinkNoteWords is the number of content words a line that opens with a
// link may add and still be only a reference to it ("[Title](url), Author").
const maxLinkNoteWords = 5

// startsWithLink reports whether t opens with a link or wikilink.
func startsWithLink(t notes.Text) bool {
	s, _ := trimRange(t.Plain, 0, len(t.Plain))
	for _, sp := range t.Spans {
		if sp.Start > s {
			break
		}
		if sp.Kind == notes.Link || sp.Kind == notes.WikiLink {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func isUpperStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isTechTerm reports whether w looks like an acronym or a technical name:
// two or more capitals ("MVP", "KPIs", "IA"), a capital inside ("DevOps",
// "iPhone"), or letters mixed with digits ("S3", "OAuth2").
func isTechTerm(w string) bool {
	upper, letters, digits := 0, 0, 0
	inner := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= utf8.RuneSelf:
			return isTechTermRunes(w)
		case 'A' <= c && c <= 'Z':
			upper++
			letters++
			if i > 0 {
				inner = true
			}
		case 'a' <= c && c <= 'z':
			letters++
		case '0' <= c && c <= '9':
			digits++
		}
	}
	return letters > 0 && (upper >= 2 || inner || (digits > 0 && upper > 0 && letters+digits >= 2))
}

// isTechTermRunes is isTechTerm for any text.
func isTechTermRunes(w string) bool {
	upper, letters, digits := 0, 0, 0
	inner := false
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			if i > 0 {
				inner = true
			}
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return letters > 0 && (upper >= 2 || inner || (digits > 0 && upper > 0 && letters+digits >= 2))
}

// startsSentence reports whether the word at offset i opens its line or
// sentence.
func startsSentence(p string, i int) bool {
	s := strings.TrimRightFunc(p[:i], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'«“(*_[", r)
	})
	if s == "" {
		return true
	}
	return strings.ContainsRune(".!?:…", lastRune(s))
}

// isInfinitive reports whether w, after the word prev, looks like a French
// infinitive ("se transformer", "pour livrer", "on pense investiguer"):
// verbs make poor answers.
func isInfinitive(w, prev string) bool {
	switch prev {
	case "se", "s'", "s’", "pour", "à", "de", "d'", "d’", "peut", "doit", "faut", "va", "bien", "sans",
		"pouvoir", "savoir", "vouloir", "faire", "ne", "peuvent", "doivent", "veut", "veulent",
		// verbs that take a bare infinitive: "on pense investiguer"
		"pense", "pensent", "pensons", "pensez", "peux", "pouvons", "pouvez", "dois", "devons", "devez",
		"veux", "voulons", "voulez", "sais", "sait", "savons", "savez", "savent", "vais", "vas", "allons",
		"allez", "vont", "aime", "aiment", "préfère", "préfèrent", "souhaite", "souhaitent", "espère",
		"espèrent", "compte", "comptent", "ose", "osent", "semble", "semblent", "laisse", "laissent",
		"fait", "font": // "on le lui a fait remarquer"
	default:
		return false
	}
	lw := strings.ToLower(w)
	return strings.HasSuffix(lw, "er") || strings.HasSuffix(lw, "ir") ||
		strings.HasSuffix(lw, "re") && utf8.RuneCountInString(lw) > 4 // "introduire", "prendre"
}

// isInstruction reports whether u tells the reader what to do in a
// procedure: it opens with an English imperative of a user interface
// ("Click", "Type"), or of a step ("Run", "Create") in a numbered list, or
// a French one ("Lancez", "Dans `htop`, repérez …") comes
// among its first words. Advice ("Use CHAR for fixed-length fields")
// states a fact and is no instruction.
func (g *generator) isInstruction(u *unit) bool {
	if len(u.toks) > 0 && g.lang != langFR && isStepVerb(u.lower[u.toks[0].start:u.toks[0].end]) {
		return g.n.Blocks[u.blk].Ordered // a numbered step; a bullet may be advice ("Open only the ports needed")
	}
	return g.isExerciseStep(u)
}

// isExerciseStep reports whether u tells the reader what to do in an
// exercise or a user interface: it opens with an English verb of a user
// interface ("Click", "Type"), or with a French imperative ("Faites",
// "Tapez", "Dans `htop`, repérez …", see opensWithImperative). Its code and
// figures are the exercise's, no fact to learn: it makes no guessed card.
// A numbered step of a procedure ("4. Create a fixup commit: `git commit
// --fixup`") still gives the clozes of its code.
func (g *generator) isExerciseStep(u *unit) bool {
	if len(u.toks) == 0 {
		return false
	}
	if g.lang != langFR && isUIVerb(u.lower[u.toks[0].start:u.toks[0].end]) {
		return true
	}
	if g.lang == langEN {
		return false
	}
	return opensWithImperative(u)
}

// opensWithImperative reports whether a French imperative comes among the
// first three words of the lower-case unit u ("Tapez …", "Dans `htop`,
// repérez …") or right after a comma among its first seven ("Dans votre
// IDE préféré, créez …").
func opensWithImperative(u *unit) bool {
	for k, tk := range u.toks[:min(len(u.toks), 7)] {
		w := u.lower[tk.start:tk.end]
		if !isFrenchImperative(w) || w == "assez" {
			continue
		}
		if k < 3 || strings.Contains(u.lower[u.toks[k-1].end:tk.start], ",") {
			return true
		}
	}
	return false
}

// isUIVerb reports whether the lower-case word w is an English verb that
// opens a step in a user interface ("Click", "Type").
func isUIVerb(w string) bool {
	switch w {
	case "type", "click", "press", "hit", "navigate", "enter", "paste", "scroll", "tap", "drag":
		return true
	}
	return false
}

// isStepVerb reports whether the lower-case word w is an English verb
// that opens a step of a procedure, or a piece of advice.
func isStepVerb(w string) bool {
	switch w {
	case "run", "open", "go", "select", "choose", "install", "launch", "copy", "save", "restart",
		"visit", "download", "create", "rename", "delete":
		return true
	}
	return false
}

// dropInstruction is why a line that tells the reader what to do next
// made no sentence card.
const dropInstruction = "instruction"

// dropEndMarker is why a line that marks the end of an exercise or a part
// ("Fin de l'énoncé.") made no card.
const dropEndMarker = "end marker"

// isEndMarker reports whether u only marks the end of an exercise, a part
// or a document: "Fin de l'énoncé.", "Fin du TP", "End of the exercise",
// five words at most opening with "fin de" or "end of".
func isEndMarker(u *unit) bool {
	if len(u.toks) < 2 || len(u.toks) > 5 {
		return false
	}
	first := u.lower[u.toks[0].start:u.toks[0].end]
	second := u.lower[u.toks[1].start:u.toks[1].end]
	if e := elisionEnd(second); e > 0 {
		second = second[:e]
	}
	switch {
	case first == "fin":
		return second == "de" || second == "du" || second == "des" || second == "d'" || second == "d’"
	case first == "end":
		return second == "of"
	}
	return false
}

// dropFragment is why a unit that breaks off mid-sentence made no card.
const dropFragment = "fragment"

// fragmentStart returns, when unit u breaks off mid-sentence, where its
// unfinished sentence starts (0 when u holds no whole sentence before it),
// else -1. A unit breaks off when it ends with a comma or with a word that
// needs what follows (an article, a conjunction or a preposition: "metric
// for predictable loads or", "answer for how to do this with a"), as the
// wrapped line of a paragraph or an item that the next one goes on does.
// A cloze of the unfinished sentence asks half a sentence; the whole
// sentences before it ("… des échanges. Le") still make cards.
func fragmentStart(u *unit) int {
	p := strings.TrimRightFunc(u.t.Plain, unicode.IsSpace)
	if len(u.toks) < 2 {
		return -1
	}
	if !strings.HasSuffix(p, ",") {
		if last := u.toks[len(u.toks)-1]; last.end != len(p) || !isDangling(u.lower[last.start:last.end]) {
			return -1
		}
	}
	for k := len(u.toks) - 1; k > 0; k-- {
		gap := strings.TrimRight(p[u.toks[k-1].end:u.toks[k].start], " \t\"'»”)*_")
		if strings.HasSuffix(gap, ".") || strings.HasSuffix(gap, "!") || strings.HasSuffix(gap, "?") ||
			strings.HasSuffix(gap, "…") {
			return u.toks[k].start
		}
	}
	return 0
}

// isDangling reports whether the lower-case word w, ending a line, leaves
// it unfinished: an article or a conjunction, or a French preposition,
// that needs a word after it. English prepositions may end a sentence
// ("the person being replied to"); French ones seldom do.
func isDangling(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "nor", "than",
		"le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "et", "ou", "mais", "ni", "à",
		"au", "aux", "par", "dans", "vers", "chez":
		return true
	}
	return false
}
