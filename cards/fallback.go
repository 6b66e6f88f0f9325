package cards

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-dev/mnemo/notes"
)

// fallback makes one cloze card of a line no other rule used: it hides the
// line's most salient term (see salience). A line of fewer than three words
// (links, tags and code aside), a line that is only links or tags, only
// code, or only "etc." gives a dropped candidate saying so. ctx is the
// card's context (title, headings, parents): a term it shows is a poor
// question.
func fallback(t notes.Text, ctx string) draft {
	d := draft{kind: Cloze, rule: ruleFallback, score: 0.1}
	toks := tokenize(t.Plain)
	urls := urlRanges(t.Plain)
	words, content, linked, code := 0, 0, 0, 0
	allEtc := true
	for _, tk := range toks {
		w := t.Plain[tk.start:tk.end]
		if !strings.EqualFold(w, "etc") {
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
			if !isStopWord(w) {
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
	case allEtc && (len(toks) > 0 || strings.Contains(t.Plain, "..") || strings.Contains(t.Plain, "…")):
		d.dropped = dropEtc
	case len(toks) == 0:
		d.dropped = dropPunctuation
	case content == 0 && code == 0 && linked > 0:
		d.dropped = dropLinkOnly // "See [the docs](…)." too
	case words == 0:
		d.dropped = dropCodeOnly
	case words+codeSpans < 3:
		d.dropped = dropTooShort
	case strings.HasSuffix(strings.TrimSpace(t.Plain), ":") && content < minLeadInWords:
		d.dropped = dropLeadIn // "The options are the following:"
	}
	if d.dropped != "" {
		d.front = markdown(t)
		return d
	}
	best, ok := salientTerm(t, toks, urls, ctx)
	if !ok {
		d.front, d.dropped = markdown(t), dropNoTerm
		return d
	}
	c := clozeCard(t, []deletion{{start: best.start, end: best.end, ansStart: best.start, ansEnd: best.end, group: 1}}, 1)
	c.rule, c.score = ruleFallback, 0.2+min(best.score, 4)/10
	return c
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

// term is a candidate answer of the fallback rule.
type term struct {
	start, end int
	score      float64
}

// salientTerm picks the term of t most worth asking for, among its words
// and short phrases (runs of capitalised words, quoted phrases of up to four
// words). Acronyms and inner capitals ("MVP", "KPIs", "DevOps") come first,
// then capitalised words that do not start a sentence, then long words,
// nouns before adverbs. Stop words, bare numbers, words in code, tags or
// struck text, terms shown in ctx and terms that occur twice in the line
// are avoided or never chosen.
func salientTerm(t notes.Text, toks []token, urls [][2]int, ctx string) (term, bool) {
	p := t.Plain
	var cands []term
	ok := func(tk token) bool {
		return !inSpan(t, tk.start, notes.Code, notes.Tag, notes.Strikethrough) && !inRanges(urls, tk.start)
	}
	for k, tk := range toks {
		if !ok(tk) {
			continue
		}
		c := coreWord(p, tk)
		w := p[c.start:c.end]
		if isStopWord(w) || isStopWord(p[tk.start:tk.end]) || !hasLetter(w) {
			continue
		}
		n := utf8.RuneCountInString(w)
		acr := isTechTerm(w)
		if n < 3 && !acr {
			continue
		}
		sc := float64(min(n, 12)) / 10
		initial := startsSentence(p, tk.start)
		switch {
		case acr:
			sc += 2
		case isUpperStart(w) && !initial:
			sc += 1.5
		}
		if initial {
			sc-- // a line's first word is mostly a verb or a generic opener
		}
		if k > 0 && isInfinitive(w, strings.ToLower(p[toks[k-1].start:toks[k-1].end])) {
			sc -= 0.7
		}
		sc += suffixBonus(strings.ToLower(w))
		if isGeneric(w) {
			sc -= 0.8
		}
		if inSpan(t, tk.start, notes.Link, notes.WikiLink) {
			sc += 0.3
		}
		cands = append(cands, term{c.start, c.end, sc})
		// A run of capitalised words is one name ("Julia Gillard").
		// A sentence's first word joins a name only when it looks like one
		// ("Secure Shell", "Eli Pariser"), not like an adjective ("Outdated
		// Django").
		lw := strings.ToLower(w)
		if isUpperStart(w) && !acr && !(initial && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing"))) {
			end := k
			for end+1 < len(toks) && end-k < 3 && ok(toks[end+1]) &&
				isUpperStart(p[toks[end+1].start:toks[end+1].end]) &&
				p[toks[end].end:toks[end+1].start] == " " {
				end++
			}
			if end > k {
				cands = append(cands, term{c.start, toks[end].end, 2 + float64(end-k)*0.3})
			}
		}
	}
	cands = append(cands, quotedPhrases(t, toks)...)
	var best term
	found := false
	lp, lctx := strings.ToLower(p), strings.ToLower(ctx)
	for _, c := range cands {
		ans := strings.ToLower(p[c.start:c.end])
		if countWord(lp, ans, 2) > 1 {
			continue // the answer would show on the front
		}
		if countWord(lctx, ans, 1) > 0 {
			c.score -= 3
		}
		if !found || c.score > best.score {
			best, found = c, true
		}
	}
	return best, found
}

// quotedPhrases returns the phrases of one to four words between quotes.
func quotedPhrases(t notes.Text, toks []token) []term {
	var out []term
	p := t.Plain
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		closer := rune(0)
		switch r {
		case '"':
			closer = '"'
		case '“':
			closer = '”'
		case '«':
			closer = '»'
		}
		if closer == 0 {
			i += n
			continue
		}
		k := strings.IndexRune(p[i+n:], closer)
		if k < 0 {
			break
		}
		s, e := trimRange(p, i+n, i+n+k)
		s, e = trimRange(p, s, e) // « x » has spaces inside
		words := 0
		for _, tk := range toks {
			if tk.start >= s && tk.end <= e {
				words++
			}
		}
		if words >= 1 && words <= 4 && !overlapsSpan(t, s, e, notes.Code) && !isStopWord(p[s:e]) {
			out = append(out, term{s, e, 1.2 + float64(min(utf8.RuneCountInString(p[s:e]), 20))/20})
		}
		i += n + k + utf8.RuneLen(closer)
	}
	return out
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
	return letters > 0 && (upper >= 2 || inner || (digits > 0 && letters+digits >= 2))
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
// infinitive ("se transformer", "pour livrer"): verbs make poor answers.
func isInfinitive(w, prev string) bool {
	switch prev {
	case "se", "s'", "s’", "pour", "à", "de", "d'", "d’", "peut", "doit", "faut", "va":
	default:
		return false
	}
	lw := strings.ToLower(w)
	return strings.HasSuffix(lw, "er") || strings.HasSuffix(lw, "ir")
}

// suffixBonus favours nouns (English and French suffixes) over adverbs.
func suffixBonus(w string) float64 {
	for _, s := range []string{
		"ly", "iquement", "ellement", "alement", "ièrement", "ainement", "ivement", "eusement",
		"ablement", "iblement", "ètement", "ument", "iment", "amment", "emment", "isément",
		"ormément", "orcément", "ectement", "airement", "ilement", "ertement", "ottement",
	} {
		if strings.HasSuffix(w, s) {
			return -1
		}
	}
	for _, s := range []string{"tion", "sion", "ness", "ity", "ité", "ism", "isme", "ance", "ence", "ogy", "ogie", "ship", "ure", "age"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return 0.5
		}
	}
	return 0
}

// isGeneric reports whether w is a noun so general that asking for it
// teaches little ("question", "value", "solution").
func isGeneric(w string) bool {
	switch strings.ToLower(w) {
	case "question", "questions", "solution", "solutions", "problem", "problems", "thing", "things",
		"case", "cases", "value", "values", "number", "numbers", "function", "time", "example",
		"idea", "ideas", "part", "parts", "type", "types", "kind", "work", "result", "results",
		"approach", "information", "step", "steps", "way", "ways", "point", "points",
		"problème", "problèmes", "façon", "manière", "valeur", "valeurs", "nombre", "fonction",
		"temps", "idée", "idées", "partie", "parties", "sorte", "utilisation", "travail",
		"résultat", "résultats", "approche", "informations", "étape", "étapes", "niveau":
		return true
	}
	return false
}
