package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shape of the vault. The shares are of notes; sizes are in bytes.
const (
	frenchShare   = 0.3   // notes written in French
	explicitShare = 0.05  // notes whose author wrote cards (q::a, {{c1::…}})
	bigShare      = 0.004 // the few big notes (a course, a reading log)
	bigFactor     = 25    // how much bigger a big note is than the average
	sizeSigma     = 0.8   // spread of the log-normal note sizes
	minNoteSize   = 150
	maxNoteSize   = 4 << 20 // half of notes.MaxSize
	// blockOvershoot is how far past its target a note ends on average,
	// measured on 8,000 notes.
	blockOvershoot = 350
)

// noteSize returns the size the note drawn by r aims at, for an average of
// avg bytes: log-normal with mean 1, a few notes bigFactor times bigger,
// scaled so that the mean over many notes is avg.
func noteSize(r *rand.Rand, avg float64) int {
	w := math.Exp(sizeSigma*r.NormFloat64() - sizeSigma*sizeSigma/2)
	if r.Float64() < bigShare {
		w *= bigFactor
	}
	w /= 1 + bigShare*(bigFactor-1)
	return min(max(int(avg*w), minNoteSize), maxNoteSize)
}

// note returns the path (slash-separated, relative to the vault) and the
// text of note i of a vault made with seed, aiming at avg bytes per note.
// The same arguments always give the same note.
func note(seed uint64, i int, avg float64) (string, []byte) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	g := &gen{r: r, fr: r.Float64() < frenchShare}
	target := noteSize(r, avg)
	g.explicit = r.Float64() < explicitShare
	dir := g.folder()
	title := g.title()
	name := slug(title) + "-" + strconv.FormatInt(int64(i), 36) + ".md"
	g.b = make([]byte, 0, target+512)
	g.frontmatter(title, dir)
	if r.Float64() < 0.7 {
		g.printf("# %s\n\n", title)
	}
	g.paragraph()
	g.blank()
	// A note ends with a whole block, overshooting its target by about
	// blockOvershoot bytes on average: stop short by that much.
	target = max(target-blockOvershoot, minNoteSize)
	for len(g.b) < target {
		g.section(target)
	}
	return dir + "/" + name, g.b
}

// gen writes one note. It is not safe for concurrent use.
type gen struct {
	r        *rand.Rand
	fr       bool // French, else English
	explicit bool // the note has the author's own cards
	b        []byte
	terms    []string // terms defined so far, for [[wikilinks]]
}

func (g *gen) printf(format string, args ...any) { g.b = fmt.Appendf(g.b, format, args...) }
func (g *gen) line(s string)                     { g.b = append(append(g.b, s...), '\n') }
func (g *gen) blank()                            { g.b = append(g.b, '\n') }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *gen) n(lo, hi int) int      { return lo + g.r.IntN(hi-lo+1) }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// skewed picks an index below n, small ones far more often (a vault has a
// few big folders and many small ones).
func (g *gen) skewed(n int) int { return int(float64(n) * math.Pow(g.r.Float64(), 2.2)) }

func (g *gen) folder() string {
	topics := enTopics
	if g.fr {
		topics = frTopics
	}
	dir := topics[g.skewed(len(topics))]
	if g.chance(0.15) {
		return dir // notes at the top of a topic
	}
	dir += "/" + subTopics[g.skewed(len(subTopics))]
	if g.chance(0.1) {
		dir += "/part-" + strconv.Itoa(g.n(1, 3))
	}
	return dir
}

func (g *gen) title() string {
	if g.fr {
		n := pick(g, frNouns)
		switch g.r.IntN(3) {
		case 0:
			return capitalize(frPlural(n.w) + " " + frAdj(g, n.fem, true))
		case 1:
			return capitalize(n.w + " et " + pick(g, frNouns).w)
		default:
			return "Notes sur " + frDef(n) + " " + frAdj(g, n.fem, false)
		}
	}
	switch g.r.IntN(3) {
	case 0:
		return capitalize(pick(g, enAdjectives) + " " + enPlural(pick(g, enNouns)))
	case 1:
		return capitalize(pick(g, enNouns) + " and " + pick(g, enNouns))
	default:
		return "Notes on the " + pick(g, enNouns) + " " + pick(g, enNouns)
	}
}

func (g *gen) frontmatter(title, dir string) {
	if g.chance(0.2) {
		return
	}
	g.line("---")
	if g.chance(0.4) {
		g.printf("title: %q\n", title)
	}
	tags := []string{strings.ToLower(strings.Split(dir, "/")[0])}
	for range g.n(0, 3) {
		if g.fr {
			tags = append(tags, pick(g, frNouns).w)
		} else {
			tags = append(tags, pick(g, enNouns))
		}
	}
	if g.chance(0.5) {
		g.printf("tags: [%s]\n", strings.Join(tags, ", "))
	} else {
		g.line("tags:")
		for _, t := range tags {
			g.printf("  - %s\n", t)
		}
	}
	g.printf("created: %d-%02d-%02d\n", g.n(2019, 2025), g.n(1, 12), g.n(1, 28))
	if g.chance(0.1) {
		g.printf("aliases: [%s]\n", strings.ToLower(title))
	}
	g.line("---")
	g.blank()
}

// section writes a level-2 heading and its blocks, sometimes with level-3
// sub-sections, stopping early once the note reaches target bytes.
func (g *gen) section(target int) {
	g.printf("## %s\n\n", g.heading())
	for range g.n(1, 4) {
		g.block()
		if len(g.b) >= target {
			return
		}
	}
	if g.chance(0.4) {
		for range g.n(1, 3) {
			g.printf("### %s\n\n", g.heading())
			for range g.n(1, 3) {
				g.block()
				if len(g.b) >= target {
					return
				}
			}
		}
	}
}

func (g *gen) heading() string {
	if g.fr {
		n := pick(g, frNouns)
		switch g.r.IntN(4) {
		case 0:
			return capitalize(frDef(n))
		case 1:
			return capitalize(frPlural(n.w)) + " " + frAdj(g, n.fem, true)
		case 2:
			return "Exemples"
		default:
			return capitalize(n.w) + " " + frAdj(g, n.fem, false)
		}
	}
	switch g.r.IntN(4) {
	case 0:
		return "The " + pick(g, enNouns)
	case 1:
		return capitalize(enPlural(pick(g, enNouns)))
	case 2:
		return "Examples"
	default:
		return capitalize(pick(g, enAdjectives) + " " + pick(g, enNouns))
	}
}

// block writes one block and the blank line after it.
func (g *gen) block() {
	w := g.r.IntN(100)
	switch {
	case g.explicit && w < 25:
		g.explicitCards()
	case w < 44:
		g.paragraph()
	case w < 51:
		g.bullets()
	case w < 55:
		g.definitions()
	case w < 60:
		g.enumeration()
	case w < 62:
		g.table()
	case w < 64:
		g.facts()
	case w < 85:
		g.codeBlock()
	case w < 89:
		g.quote()
	case w < 92:
		g.tasks()
	default:
		g.related()
	}
	g.blank()
}

func (g *gen) paragraph() {
	var sb strings.Builder
	for i := range g.n(4, 12) {
		if i > 0 {
			sb.WriteByte(' ')
			if g.chance(0.3) {
				sb.WriteString(g.linker())
				sb.WriteByte(' ')
				sb.WriteString(lowerFirst(g.sentence()))
				continue
			}
		}
		sb.WriteString(g.sentence())
	}
	g.line(sb.String())
}

func (g *gen) linker() string {
	if g.fr {
		return pick(g, frLinkers)
	}
	return pick(g, enLinkers)
}

func (g *gen) bullets() {
	if g.chance(0.5) {
		g.line(g.leadSentence())
	}
	g.list(0, g.n(3, 7))
}

// list writes n items at depth (0 at the margin), some with children.
func (g *gen) list(depth, n int) {
	indent := strings.Repeat("  ", depth)
	marker := "- "
	if g.chance(0.1) {
		marker = "* "
	}
	for range n {
		var item string
		switch g.r.IntN(4) {
		case 0:
			item = g.phrase()
		case 1:
			item = g.definition()
		default:
			item = g.sentence()
		}
		g.line(indent + marker + item)
		if depth < 2 && g.chance(0.25) {
			g.list(depth+1, g.n(1, 3))
		}
	}
}

func (g *gen) definitions() {
	bulleted := g.chance(0.5)
	for range g.n(1, 3) {
		if bulleted {
			g.line("- " + g.definition())
		} else {
			g.line(g.definition())
			g.blank()
		}
	}
}

// enumeration is a lead-in ending with ":" and its list.
func (g *gen) enumeration() {
	k := g.n(3, 6)
	ordered := g.chance(0.35)
	if g.fr {
		n := pick(g, frNouns)
		switch g.r.IntN(3) {
		case 0:
			g.printf("Les principaux %s %s sont :\n", frPlural(pick(g, frNouns).w), frOf(n))
		case 1:
			g.printf("%s comprend %d parties :\n", capitalize(frDef(n)), k)
		default:
			g.line("Les étapes :")
		}
	} else {
		switch g.r.IntN(3) {
		case 0:
			g.printf("The main %s of the %s are:\n", enPlural(pick(g, enNouns)), pick(g, enNouns))
		case 1:
			g.printf("The %s has %d parts:\n", pick(g, enNouns), k)
		default:
			g.line("Steps:")
		}
	}
	for i := range k {
		marker := "- "
		if ordered {
			marker = strconv.Itoa(i+1) + ". "
		}
		g.line(marker + g.phrase())
	}
}

func (g *gen) table() {
	rows := g.n(3, 6)
	if g.fr {
		g.line("| Terme | Définition | Année |")
	} else {
		g.line("| Term | Meaning | Year |")
	}
	g.line("|---|---|---|")
	for range rows {
		g.printf("| %s | %s | %d |\n", capitalize(g.term()), g.shortDef(), g.year())
	}
	if g.chance(0.15) {
		g.blank()
		if g.fr {
			g.line("| Ville | Distance | Part |")
		} else {
			g.line("| Place | Distance | Share |")
		}
		g.line("|:---|---:|---:|")
		places := enPlaces
		if g.fr {
			places = frPlaces
		}
		for range rows {
			g.printf("| %s | %d km | %d %% |\n", pick(g, places), g.n(2, 900), g.n(1, 99))
		}
	}
}

func (g *gen) facts() {
	for range g.n(1, 3) {
		g.line(g.fact())
	}
}

func (g *gen) codeBlock() {
	if g.chance(0.4) {
		// tldr style: a description ending with ":" then a command.
		g.line(g.leadSentence())
		g.blank()
		g.printf("`%s %s`\n", pick(g, codeWords), slug(pick(g, enNouns)))
		return
	}
	lang := pick(g, []string{"go", "python", "sh", "sql", ""})
	g.line("```" + lang)
	for range g.n(8, 40) {
		id := slug(pick(g, enNouns))
		switch g.r.IntN(4) {
		case 0:
			g.printf("%s := %s(%d)\n", id, slug(pick(g, enNouns)), g.n(0, 999))
		case 1:
			g.printf("for i := 0; i < %d; i++ { %s[i]++ }\n", g.n(2, 64), id)
		case 2:
			g.printf("SELECT %s FROM %s WHERE id > %d;\n", id, enPlural(id), g.n(1, 9999))
		default:
			g.printf("$ %s %s\n", pick(g, codeWords), id)
		}
	}
	g.line("```")
}

func (g *gen) quote() {
	if g.chance(0.5) {
		g.printf("> [!%s] %s\n", pick(g, []string{"note", "tip", "warning", "info"}), g.heading())
	}
	for range g.n(1, 3) {
		g.line("> " + g.sentence())
	}
}

func (g *gen) tasks() {
	for range g.n(2, 4) {
		box := " "
		if g.chance(0.4) {
			box = "x"
		}
		g.printf("- [%s] %s\n", box, g.phrase())
	}
}

func (g *gen) related() {
	links := make([]string, g.n(1, 4))
	for i := range links {
		links[i] = "[[" + g.linkTarget() + "]]"
	}
	if g.fr {
		g.line("Voir aussi : " + strings.Join(links, ", "))
	} else {
		g.line("See also: " + strings.Join(links, ", "))
	}
	if g.chance(0.3) {
		g.printf("Source: [%s](https://example.org/%s/%d)\n", g.heading(), slug(pick(g, enNouns)), g.n(1, 9999))
	}
	if g.chance(0.2) {
		g.printf("![[%s.png]]\n", slug(pick(g, enNouns)))
	}
}

func (g *gen) linkTarget() string {
	if len(g.terms) > 0 && g.chance(0.5) {
		return capitalize(pick(g, g.terms))
	}
	return capitalize(g.term())
}

// explicitCards writes cards the way people write them by hand.
func (g *gen) explicitCards() {
	for range g.n(1, 4) {
		switch g.r.IntN(4) {
		case 0:
			g.line(g.question() + "::" + g.phrase())
		case 1:
			g.line(capitalize(g.term()) + ":::" + g.shortDef())
		case 2:
			if g.fr {
				n := pick(g, frNouns)
				g.printf("%s a été %s en {{c1::%d}} à {{c2::%s}}.\n", capitalize(frDef(n)), frPP(g, n.fem), g.year(), pick(g, frPlaces))
			} else {
				g.printf("The %s was %s in {{c1::%d}} near {{c2::%s}}.\n", pick(g, enNouns), pick(g, enVerbs)[2], g.year(), pick(g, enPlaces))
			}
		default:
			g.line(g.question())
			g.line("?")
			g.line(capitalize(g.phrase()))
		}
	}
}

func (g *gen) question() string {
	if g.fr {
		n := pick(g, frNouns)
		return "Que " + pick(g, frVerbs)[0] + " " + frDef(n) + " " + frAdj(g, n.fem, false) + " ?"
	}
	return "What does the " + pick(g, enAdjectives) + " " + pick(g, enNouns) + " " + pick(g, enVerbs)[1] + "?"
}

// leadSentence is a line ending with ":" that introduces what follows.
func (g *gen) leadSentence() string {
	if g.fr {
		return capitalize(frPlural(pick(g, frNouns).w)) + " à retenir :"
	}
	return "Things to remember about the " + pick(g, enNouns) + ":"
}

// term is a two-word term: "recursive parser", « réseau dense ».
func (g *gen) term() string {
	if g.fr {
		n := pick(g, frNouns)
		return n.w + " " + frAdj(g, n.fem, false)
	}
	return pick(g, enAdjectives) + " " + pick(g, enNouns)
}

// definition is "Term: …", "**Term** — …", "X is Y" or their French forms.
func (g *gen) definition() string {
	if g.fr {
		tn := pick(g, frNouns)
		t := frNoun{tn.w + " " + frAdj(g, tn.fem, false), tn.fem}
		g.terms = append(g.terms, t.w)
		n := pick(g, frNouns)
		switch g.r.IntN(4) {
		case 0:
			return capitalize(t.w) + " : " + frIndef(n) + " qui " + pick(g, frVerbs)[0] + " " + frDef(pick(g, frNouns)) + "."
		case 1:
			return "**" + capitalize(t.w) + "** — " + g.shortDef()
		case 2:
			return capitalize(frDef(frNoun{g.decorate(t.w), t.fem})) + " désigne " + frIndef(n) + " " + frAdj(g, n.fem, false) + "."
		default:
			return capitalize(frIndef(t)) + " est " + frIndef(n) + " qui " + pick(g, frVerbs)[0] + " des " + frPlural(pick(g, frNouns).w) + "."
		}
	}
	t := g.term()
	g.terms = append(g.terms, t)
	switch g.r.IntN(4) {
	case 0:
		n := pick(g, enNouns)
		return capitalize(t) + ": " + enA(n) + " " + n + " that " + pick(g, enVerbs)[0] + " the " + pick(g, enNouns) + " " + pick(g, enConditions) + "."
	case 1:
		return "**" + capitalize(t) + "** — " + g.shortDef()
	case 2:
		a := pick(g, enAdjectives)
		return capitalize(enA(t)) + " " + g.decorate(t) + " is " + enA(a) + " " + a + " " + pick(g, enNouns) + " that " + pick(g, enVerbs)[0] + " " + enPlural(pick(g, enNouns)) + "."
	default:
		return capitalize(t) + " = " + pick(g, enNouns) + " × " + pick(g, enNouns)
	}
}

func (g *gen) shortDef() string {
	if g.fr {
		n := pick(g, frNouns)
		return frIndef(n) + " qui " + pick(g, frVerbs)[0] + " " + frDef(pick(g, frNouns))
	}
	return "the " + pick(g, enNouns) + " that " + pick(g, enVerbs)[0] + " " + enPlural(pick(g, enNouns))
}

// phrase is a short noun phrase, as list items are.
func (g *gen) phrase() string {
	if g.fr {
		n := pick(g, frNouns)
		switch g.r.IntN(3) {
		case 0:
			return "les " + g.decorate(frPlural(n.w)) + " " + frAdj(g, n.fem, true)
		case 1:
			return capitalize(frDef(n)) + " " + frOf(pick(g, frNouns))
		default:
			return g.decorate(n.w) + " " + frAdj(g, n.fem, false) + g.maybeYear()
		}
	}
	switch g.r.IntN(3) {
	case 0:
		return pick(g, enAdjectives) + " " + g.decorate(enPlural(pick(g, enNouns)))
	case 1:
		return capitalize("the " + pick(g, enNouns) + " of the " + pick(g, enNouns))
	default:
		return g.decorate(pick(g, enNouns)) + " " + pick(g, enConditions) + g.maybeYear()
	}
}

// decorate sometimes wraps w in inline markup.
func (g *gen) decorate(w string) string {
	switch x := g.r.Float64(); {
	case x < 0.05:
		return "**" + w + "**"
	case x < 0.08:
		return "_" + w + "_"
	case x < 0.10:
		return "==" + w + "=="
	case x < 0.13:
		return "[[" + capitalize(w) + "]]"
	case x < 0.14:
		return "[" + w + "](https://example.org/" + slug(w) + ")"
	case x < 0.16:
		return "`" + pick(g, codeWords) + "`"
	}
	return w
}

func (g *gen) year() int { return g.n(1450, 2024) }

// maybeYear is sometimes a year in brackets to end a list item.
func (g *gen) maybeYear() string {
	if g.chance(0.3) {
		return " (" + strconv.Itoa(g.year()) + ")"
	}
	return ""
}

func (g *gen) date() string {
	d, m, y := g.n(1, 28), g.r.IntN(12), g.year()
	if g.fr {
		return fmt.Sprintf("%d %s %d", d, frMonths[m], y)
	}
	if g.chance(0.5) {
		return fmt.Sprintf("%s %d, %d", enMonths[m], d, y)
	}
	return fmt.Sprintf("%d %s %d", d, enMonths[m], y)
}

// number is a count written as people do: 12,400 or « 12 400 ».
func (g *gen) number() string {
	n := g.n(2, 90000)
	if n < 1000 {
		return strconv.Itoa(n)
	}
	sep := ","
	if g.fr {
		sep = "\u202f"
	}
	return strconv.Itoa(n/1000) + sep + fmt.Sprintf("%03d", n%1000)
}

func (g *gen) fact() string {
	if g.fr {
		n := pick(g, frNouns)
		switch g.r.IntN(3) {
		case 0:
			return capitalize(frDef(n)) + " de " + pick(g, frPlaces) + " a été " + frPP(g, n.fem) + " le " + g.date() + "."
		case 1:
			return "Environ " + strconv.Itoa(g.n(2, 98)) + " % des " + frPlural(n.w) + " " + pick(g, frVerbs)[1] + " " + frDef(pick(g, frNouns)) + "."
		default:
			return pick(g, frNames) + " a " + pick(g, frVerbs)[2] + " " + g.number() + " " + frPlural(n.w) + " en " + strconv.Itoa(g.year()) + "."
		}
	}
	switch g.r.IntN(3) {
	case 0:
		return "The " + pick(g, enNouns) + " of " + pick(g, enPlaces) + " was " + pick(g, enVerbs)[2] + " on " + g.date() + "."
	case 1:
		return "About " + strconv.Itoa(g.n(2, 98)) + "% of " + enPlural(pick(g, enNouns)) + " " + pick(g, enVerbs)[1] + " the " + pick(g, enNouns) + "."
	default:
		return pick(g, enNames) + " " + pick(g, enVerbs)[2] + " " + g.number() + " " + enPlural(pick(g, enNouns)) + " in " + strconv.Itoa(g.year()) + "."
	}
}

// sentence is one sentence from a template, with some inline markup,
// often made longer by a clause, as prose sentences are.
func (g *gen) sentence() string {
	if g.chance(0.35) {
		return g.chatter()
	}
	s := g.shortSentence()
	if !strings.HasSuffix(s, ".") || !g.chance(0.6) {
		return s
	}
	return s[:len(s)-1] + g.clause() + "."
}

// chatter is a remark that names nothing worth learning.
func (g *gen) chatter() string {
	if g.fr {
		return pick(g, frChatterStart) + " " + pick(g, frChatterEnd)
	}
	return pick(g, enChatterStart) + " " + pick(g, enChatterEnd)
}

// clause continues a sentence: ", because …", « , alors que … ».
func (g *gen) clause() string {
	if g.fr {
		n, n2 := pick(g, frNouns), pick(g, frNouns)
		return pick(g, []string{", parce que ", ", alors que ", ", même si ", " et "}) +
			frDef(n) + " " + frAdj(g, n.fem, false) + " " + pick(g, frVerbs)[0] + " " + frDef(n2) + " " + pick(g, frConditions)
	}
	return pick(g, []string{", because ", ", while ", ", even though ", " and "}) +
		"the " + pick(g, enAdjectives) + " " + pick(g, enNouns) + " " + pick(g, enVerbs)[0] + " the " + pick(g, enNouns) + " " + pick(g, enConditions)
}

func (g *gen) shortSentence() string {
	if g.fr {
		return g.frSentence()
	}
	v := pick(g, enVerbs)
	n1, n2, n3 := pick(g, enNouns), pick(g, enNouns), pick(g, enNouns)
	adj := pick(g, enAdjectives)
	d := g.decorate
	switch g.template() {
	case 0:
		return "The " + adj + " " + d(n1) + " " + v[0] + " the " + d(n2) + " " + pick(g, enConditions) + "."
	case 1:
		return pick(g, enNames) + " " + v[2] + " the first " + d(n1) + " in " + strconv.Itoa(g.year()) + "."
	case 2:
		return "In " + pick(g, enPlaces) + ", " + d(enPlural(n1)) + " " + v[1] + " about " + g.number() + " " + enPlural(n3) + " every " + pick(g, enPeriods) + "."
	case 3:
		return capitalize(enA(n1)) + " " + d(n1) + " " + v[0] + " " + d(enPlural(n2)) + " when the " + n3 + " is " + adj + "."
	case 4:
		return "Each " + d(n1) + " " + v[0] + " at most " + strconv.Itoa(g.n(2, 64)) + " " + enPlural(n3) + ", and the " + d(n2) + " " + pick(g, enVerbs)[0] + " the rest."
	case 5:
		return "Unlike the " + d(n1) + ", the " + adj + " " + d(n2) + " never " + v[0] + " the " + n3 + "."
	case 6:
		return "Why does the " + d(n1) + " " + v[1] + " the " + d(n2) + "?"
	case 7:
		return "The " + d(n1) + " " + v[0] + " the " + d(n2) + ", which " + pick(g, enVerbs)[0] + " the " + adj + " " + n3 + " " + pick(g, enConditions) + "."
	case 8:
		return "Most " + d(enPlural(n1)) + " " + v[1] + " " + adj + " " + enPlural(n3) + " " + pick(g, enConditions) + "."
	default:
		return "Use `" + pick(g, codeWords) + "` to check the " + d(n1) + " before the " + d(n2) + " " + v[0] + " it."
	}
}

// template picks a sentence template. Templates 1, 2 and 4 state facts
// (a name, a date, a count): prose has fewer of those than the others.
func (g *gen) template() int {
	k := g.r.IntN(16)
	if k >= 10 {
		k = [...]int{0, 3, 5, 6, 7, 8}[k-10]
	}
	return k
}

// enA is the indefinite article for w: "a" or "an".
func enA(w string) string {
	if strings.ContainsRune("aeiou", rune(strings.TrimLeft(w, "*_=[`")[0])) {
		return "an"
	}
	return "a"
}

func (g *gen) frSentence() string {
	v := pick(g, frVerbs)
	n1, n2, n3 := pick(g, frNouns), pick(g, frNouns), pick(g, frNouns)
	switch g.template() {
	case 0:
		return capitalize(frDef(n1)) + " " + frAdj(g, n1.fem, false) + " " + v[0] + " " + frDef(n2) + " " + pick(g, frConditions) + "."
	case 1:
		first := "le premier"
		if n1.fem {
			first = "la première"
		}
		return pick(g, frNames) + " a " + v[2] + " " + first + " " + g.decorate(n1.w) + " en " + strconv.Itoa(g.year()) + "."
	case 2:
		return "À " + pick(g, frPlaces) + ", les " + frPlural(n1.w) + " " + v[1] + " environ " + g.number() + " " + frPlural(n3.w) + " chaque " + pick(g, frPeriods) + "."
	case 3:
		return capitalize(frIndef(n1)) + " " + v[0] + " des " + g.decorate(frPlural(n2.w)) + " quand " + frDef(n3) + " est " + frAdj(g, n3.fem, false) + "."
	case 4:
		return "Chaque " + n1.w + " " + v[0] + " au plus " + strconv.Itoa(g.n(2, 64)) + " " + frPlural(n3.w) + ", et " + frDef(n2) + " " + pick(g, frVerbs)[0] + " le reste."
	case 5:
		return "Contrairement " + frTo(n1) + ", " + frDef(n2) + " " + frAdj(g, n2.fem, false) + " " + frNe(v[0]) + " jamais " + frDef(n3) + "."
	case 6:
		return "Pourquoi " + frDef(n1) + " " + frInvert(v[0], pronoun(n1)) + " " + frDef(n2) + " ?"
	case 7:
		return capitalize(frDef(n1)) + " " + v[0] + " " + g.decorate(frDef(n2)) + ", qui " + pick(g, frVerbs)[0] + " " + frDef(n3) + " " + pick(g, frConditions) + "."
	default:
		return "La plupart des " + frPlural(n1.w) + " " + v[1] + " des " + frPlural(n3.w) + " " + frAdj(g, n3.fem, true) + "."
	}
}

// English and French grammar, enough for the templates.

func enPlural(w string) string {
	switch {
	case w == "matrix":
		return "matrices"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func frPlural(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"):
		return w
	case strings.HasSuffix(w, "au"):
		return w + "x"
	case strings.HasSuffix(w, "al"):
		return w[:len(w)-2] + "aux"
	}
	return w + "s"
}

func frAdj(g *gen, fem, plural bool) string {
	a := pick(g, frAdjectives)
	w := a.m
	if fem {
		w = a.f
	}
	if plural {
		return frPlural(w)
	}
	return w
}

// frPP is a past participle agreeing with a noun.
func frPP(g *gen, fem bool) string {
	pp := pick(g, frVerbs)[2]
	if fem {
		return pp + "e"
	}
	return pp
}

// vowel reports whether w, past any inline markup, starts with a vowel
// sound (h counts: the word lists have no aspirated h).
func vowel(w string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "*_=[`"))
	return strings.ContainsRune("aeiouyéèêâîôh", unicode.ToLower(r))
}

// frDef is the noun with its definite article: le, la, l'.
func frDef(n frNoun) string {
	switch {
	case vowel(n.w):
		return "l'" + n.w
	case n.fem:
		return "la " + n.w
	}
	return "le " + n.w
}

func frIndef(n frNoun) string {
	if n.fem {
		return "une " + n.w
	}
	return "un " + n.w
}

// frOf is "du n", "de la n", "de l'n".
func frOf(n frNoun) string {
	switch {
	case vowel(n.w):
		return "de l'" + n.w
	case n.fem:
		return "de la " + n.w
	}
	return "du " + n.w
}

// frTo is "au n", "à la n", "à l'n".
func frTo(n frNoun) string {
	switch {
	case vowel(n.w):
		return "à l'" + n.w
	case n.fem:
		return "à la " + n.w
	}
	return "au " + n.w
}

// frInvert is the inverted question form: « stocke-t-il », « définit-il ».
func frInvert(verb, pronoun string) string {
	if strings.HasSuffix(verb, "e") || strings.HasSuffix(verb, "a") {
		return verb + "-t-" + pronoun
	}
	return verb + "-" + pronoun
}

func pronoun(n frNoun) string {
	if n.fem {
		return "elle"
	}
	return "il"
}

// frNe puts "ne" before a verb, elided before a vowel: « n'absorbe ».
func frNe(verb string) string {
	if vowel(verb) {
		return "n'" + verb
	}
	return "ne " + verb
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowers the first letter of a sentence that starts with a
// function word, so that it can follow a linker; names keep their capital.
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	word, _, _ = strings.Cut(word, "'")
	switch word {
	case "The", "A", "Each", "Unlike", "Most", "Use", "Why", "In", "About",
		"Le", "La", "L", "Les", "Un", "Une", "Chaque", "Contrairement", "Pourquoi", "À":
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// slug turns a title into a file name: lowercase ASCII words and dashes.
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			sb.WriteRune(r)
			dash = false
		case r > unicode.MaxASCII && unicode.IsLetter(r):
			sb.WriteString(fold(r))
			dash = false
		case !dash && sb.Len() > 0:
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}

// fold drops the accent of the French letters the word lists use.
func fold(r rune) string {
	switch r {
	case 'à', 'â':
		return "a"
	case 'é', 'è', 'ê', 'ë':
		return "e"
	case 'î', 'ï':
		return "i"
	case 'ô':
		return "o"
	case 'û', 'ù':
		return "u"
	case 'ç':
		return "c"
	}
	return ""
}
