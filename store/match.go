package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/mnemo-dev/mnemo/cards"
)

// How Sync finds the stored card an incoming card replaces.
//
// A card is stored under the ID it first came with, its stored ID, and
// keeps it for life; the content index maps the content hash of each
// stored card's current kind, front and back (cards.NewID) to its stored
// ID. Sync matches each incoming card, whose ID cards.Generate makes the
// content hash, in this order:
//
//  1. the stored card under the incoming ID whose fields are all the same
//     (the fast path of an unchanged card);
//  2. a stored card whose content hash is the incoming ID, through the
//     content index (a card edited and re-matched earlier, or one whose
//     note moved);
//  3. the stored card under the incoming ID, whatever its content (an
//     edit undone after a re-match, or a caller whose IDs are not hashes);
//  4. re-matching: a stored card about to be orphaned by this Sync, from
//     the same note, made by the same rule, of the same kind, whose text is
//     similar (see rematch);
//
// and stores the cards left as new, under their own ID or, when a matched
// card holds that ID already, under an alternative one (altID). A stored
// card is matched at most once.

const (
	// hashLen is the length of a content hash, as cards.NewID returns it.
	hashLen = 16
	// rematchThreshold is the least similarity of an edited card and the
	// stored card it replaces.
	rematchThreshold = 0.6
	// maxRematchPairs caps the pairs compared in one group of re-match
	// candidates: past it (a note rewritten whole, thousands of cards), the
	// group's cards are left new and orphaned.
	maxRematchPairs = 1 << 20
)

// contentHash returns the content hash of c: the ID cards.Generate gives a
// card of its kind, front and back.
func contentHash(c *cards.Card) cards.ID { return cards.NewID(c.Kind, c.Front, c.Back) }

// isHash reports whether id has the form of a content hash, 16 lower-case
// hex digits: only such an ID is looked up in the content index.
func isHash(id cards.ID) bool {
	if len(id) != hashLen {
		return false
	}
	for i := range len(id) {
		if c := id[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// contentKey returns the content index key of stored card id whose content
// hash is h: the hash, then the stored ID. Two stored cards may share a
// content hash (only when a caller gives IDs that are not hashes), so the
// index is a set of pairs, sorted by hash.
func contentKey(h cards.ID, id []byte) []byte {
	k := make([]byte, 0, len(h)+len(id))
	k = append(k, h...)
	return append(k, id...)
}

// splitContentKey splits a content index key into its hash and stored ID.
func splitContentKey(k []byte) (h, id []byte, ok bool) {
	if len(k) <= hashLen {
		return nil, nil, false
	}
	return k[:hashLen], k[hashLen:], true
}

// altID returns the n-th alternative stored ID (n ≥ 1) of a new card whose
// own ID a matched stored card holds: 16 hex digits of a hash of the ID and
// n, so the same Sync gives the same IDs.
func altID(id cards.ID, n int) cards.ID {
	h := sha256.Sum256([]byte(string(id) + "\x00" + strconv.Itoa(n)))
	return cards.ID(hex.EncodeToString(h[:hashLen/2]))
}

// groupKey is what an edited card shares with the card it replaces.
type groupKey struct {
	path, rule string
	kind       cards.Kind
}

func groupOf(c *cards.Card) groupKey {
	return groupKey{path: c.Source.Path, rule: c.Rule, kind: c.Kind}
}

// rematch pairs incoming cards that matched no stored card (in) with
// stored cards about to be orphaned (old), each card at most once. It
// compares only cards of the same group (note path, rule and kind), and
// pairs greedily best first: the most similar pair of all is taken, then
// the most similar of the cards left, and so on, while the similarity is
// at least rematchThreshold; ties go to the pair whose source lines are
// closest, then to the smaller IDs. batch holds every incoming card: those
// of a note weigh its words (see newVocab). It returns the pairs as
// indexes into in and old.
func rematch(in, old []*cards.Card, batch []cards.Card) [][2]int {
	if len(in) == 0 || len(old) == 0 {
		return nil
	}
	groups := make(map[groupKey][2][]int)
	for i, c := range in {
		g := groups[groupOf(c)]
		g[0] = append(g[0], i)
		groups[groupOf(c)] = g
	}
	notes := make(map[string]*vocab)
	for j, c := range old {
		if g, ok := groups[groupOf(c)]; ok {
			g[1] = append(g[1], j)
			groups[groupOf(c)] = g
			notes[c.Source.Path] = nil
		}
	}
	m := newMatcher()
	for path := range notes {
		notes[path] = &vocab{df: make(map[int32]int)}
	}
	for i := range batch {
		if v := notes[batch[i].Source.Path]; v != nil {
			v.add(m.tokens(&batch[i]))
		}
	}

	type pair struct {
		i, j int
		sim  float64
		dist int // lines between the two cards
	}
	var pairs []pair
	for key, g := range groups {
		ins, olds := g[0], g[1]
		if len(olds) == 0 || len(ins)*len(olds) > maxRematchPairs {
			continue
		}
		v := notes[key.path]
		a := make([]simText, len(ins))
		for n, i := range ins {
			a[n] = m.text(v, in[i])
		}
		for _, j := range olds {
			b := m.text(v, old[j])
			for n, i := range ins {
				if sim, ok := m.score(&a[n], &b); ok {
					d := in[i].Source.Line - old[j].Source.Line
					pairs = append(pairs, pair{i, j, sim, max(d, -d)})
				}
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		return cmp.Or(
			cmp.Compare(y.sim, x.sim),
			cmp.Compare(x.dist, y.dist),
			strings.Compare(string(in[x.i].ID), string(in[y.i].ID)),
			strings.Compare(string(old[x.j].ID), string(old[y.j].ID)),
		)
	})
	usedIn := make([]bool, len(in))
	usedOld := make([]bool, len(old))
	var out [][2]int
	for _, p := range pairs {
		if usedIn[p.i] || usedOld[p.j] {
			continue
		}
		usedIn[p.i], usedOld[p.j] = true, true
		out = append(out, [2]int{p.i, p.j})
	}
	return out
}

// vocab weighs the words of one note. A word's weight is its inverse
// document frequency among the note's incoming cards, log((n+1)/df) with
// df at least 1: a word most cards share ("what is the capital of" in a
// list of capitals) weighs little, so two different items of such a list
// differ by their own words; a note of one card weighs every word the
// same.
type vocab struct {
	n  int
	df map[int32]int
}

func (v *vocab) add(toks []int32) {
	v.n++
	seen := make(map[int32]bool, len(toks))
	for _, t := range toks {
		if !seen[t] {
			seen[t] = true
			v.df[t]++
		}
	}
}

func (v *vocab) weight(t int32) float64 {
	return math.Log(float64(v.n+1) / float64(max(v.df[t], 1)))
}

// text returns the text of card c as the similarity measure sees it,
// its words weighed by v.
func (m *matcher) text(v *vocab, c *cards.Card) simText {
	toks := m.tokens(c)
	t := simText{toks: toks, w: make([]float64, len(toks))}
	for i, tok := range toks {
		t.w[i] = v.weight(tok)
		t.total += t.w[i]
	}
	t.bag = make([]tokenWeight, len(toks))
	for i := range toks {
		t.bag[i] = tokenWeight{toks[i], t.w[i]}
	}
	slices.SortFunc(t.bag, func(a, b tokenWeight) int { return cmp.Compare(a.tok, b.tok) })
	if c.Kind == cards.Cloze {
		t.cloze = true
		t.back = m.split(c.Back)
		t.left, t.right = noWord, noWord
		if before, after, ok := strings.Cut(c.Front, cards.ClozeMark); ok {
			if w := m.split(before); len(w) > 0 {
				t.left = w[len(w)-1]
			}
			if w := m.split(after); len(w) > 0 {
				t.right = w[0]
			}
		}
	}
	return t
}

// noWord stands for the edge of a text, beside a cloze mark.
const noWord = -1

// simText is the text of a card as the similarity measure sees it.
type simText struct {
	toks  []int32       // word tokens, in order
	w     []float64     // the weight of each token
	total float64       // the sum of w
	bag   []tokenWeight // the tokens, sorted
	// For a cloze: the words of the answer, and those on either side of
	// the first cloze mark in the front.
	cloze       bool
	back        []int32
	left, right int32
}

type tokenWeight struct {
	tok int32
	w   float64
}

// matcher computes the similarity of card texts. Words are interned as
// small integers, and whether two words are near (a typo apart) is
// remembered.
type matcher struct {
	ids   map[string]int32
	words [][]rune
	toks  map[*cards.Card][]int32
	near  map[uint64]bool
	rows  [2][]float64
}

func newMatcher() *matcher {
	return &matcher{
		ids:  make(map[string]int32),
		toks: make(map[*cards.Card][]int32),
		near: make(map[uint64]bool),
	}
}

// tokens returns the word tokens of a card: those of its front, back and
// cloze text, lower-cased, split at anything that is not a letter, a digit
// or a combining mark (so punctuation, Markdown and the cloze mark [...]
// count for nothing).
func (m *matcher) tokens(c *cards.Card) []int32 {
	if toks, ok := m.toks[c]; ok {
		return toks
	}
	var toks []int32
	for _, s := range [...]string{c.Front, c.Back, c.Cloze} {
		toks = append(toks, m.split(s)...)
	}
	m.toks[c] = toks
	return toks
}

// split returns the word tokens of s.
func (m *matcher) split(s string) []int32 {
	var toks []int32
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), notWord) {
		id, ok := m.ids[w]
		if !ok {
			id = int32(len(m.words))
			m.ids[w] = id
			m.words = append(m.words, []rune(w))
		}
		toks = append(toks, id)
	}
	return toks
}

func notWord(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// score returns the similarity of a and b, and false when it is surely
// below rematchThreshold. The similarity is 1 - d/W, where W is the
// weight of the heavier text and d the weighted word-level edit distance:
// inserting or deleting a word costs its weight, replacing a word the
// greater weight of the two, halved when the words are near (a typo apart,
// see nearWords). With equal weights, one word of n added, dropped or
// changed gives 1 - 1/n, a typo fixed 1 - 1/2n.
//
// Two clozes of one sentence differ by little more than their answers, so
// a cloze must also ask the same thing: its answer similar (see
// sameAnswer), or its cloze mark between the same two words (an answer
// changed in place, a number updated say).
func (m *matcher) score(a, b *simText) (float64, bool) {
	if a.cloze && (a.left != b.left || a.right != b.right) && !m.sameAnswer(a.back, b.back) {
		return 0, false
	}
	heavy := max(a.total, b.total)
	if heavy == 0 {
		return 1, true
	}
	// Cheap lower bounds of d first. Each edit changes the weight of the
	// text by at most its cost: d ≥ |Wa - Wb|. A word not matched by an
	// equal word costs at least a quarter of its weight (a near
	// replacement costs half the greater weight of two words), and only
	// the common words can be matched: d ≥ (Wa + Wb - 2·common)/4.
	lb := max(math.Abs(a.total-b.total), (a.total+b.total-2*commonWeight(a.bag, b.bag))/4)
	if 1-lb/heavy < rematchThreshold {
		return 0, false
	}
	sim := 1 - m.distance(a, b)/heavy
	return sim, sim >= rematchThreshold
}

// sameAnswer reports whether two cloze answers are alike: at least half
// their words the same, counting a word near another (a typo apart) as
// half the same.
func (m *matcher) sameAnswer(a, b []int32) bool {
	n := max(len(a), len(b))
	if n == 0 {
		return true
	}
	ta := simText{toks: a, w: ones(len(a))}
	tb := simText{toks: b, w: ones(len(b))}
	return m.distance(&ta, &tb) <= float64(n)/2
}

func ones(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// commonWeight returns the weight of the intersection of two sorted
// multisets of tokens.
func commonWeight(a, b []tokenWeight) float64 {
	w := 0.0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0].tok < b[0].tok:
			a = a[1:]
		case a[0].tok > b[0].tok:
			b = b[1:]
		default:
			w += a[0].w
			a, b = a[1:], b[1:]
		}
	}
	return w
}

// distance returns the weighted word-level edit distance of a and b.
func (m *matcher) distance(a, b *simText) float64 {
	n := len(b.toks)
	for i := range m.rows {
		if cap(m.rows[i]) < n+1 {
			m.rows[i] = make([]float64, n+1)
		}
	}
	prev, cur := m.rows[0][:n+1], m.rows[1][:n+1]
	prev[0] = 0
	for j := 1; j <= n; j++ {
		prev[j] = prev[j-1] + b.w[j-1]
	}
	for i := 1; i <= len(a.toks); i++ {
		x, wx := a.toks[i-1], a.w[i-1]
		cur[0] = prev[0] + wx
		for j := 1; j <= n; j++ {
			y, wy := b.toks[j-1], b.w[j-1]
			sub := prev[j-1]
			if x != y {
				sub += max(wx, wy) * m.subFactor(x, y)
			}
			cur[j] = min(sub, prev[j]+wx, cur[j-1]+wy)
		}
		prev, cur = cur, prev
	}
	return prev[n]
}

// subFactor returns the share of the greater weight that replacing word x
// by word y costs, x != y: 1/2 for near words, else 1.
func (m *matcher) subFactor(x, y int32) float64 {
	wx, wy := m.words[x], m.words[y]
	if min(len(wx), len(wy)) < minNearLen {
		return 1
	}
	k := uint64(min(x, y))<<32 | uint64(max(x, y))
	near, ok := m.near[k]
	if !ok {
		near = nearWords(wx, wy)
		m.near[k] = near
	}
	if near {
		return 0.5
	}
	return 1
}

// minNearLen is the length of the shortest word that can be near another:
// a change to a shorter word is a different word ("is" and "it").
const minNearLen = 4

// nearWords reports whether two words differ by a typo: one letter added,
// dropped, changed or swapped with the next (two for words of 8 letters
// or more).
func nearWords(a, b []rune) bool {
	limit := 1
	if max(len(a), len(b)) >= 8 {
		limit = 2
	}
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return false
	}
	return osaDistance(a, b) <= limit
}

// osaDistance returns the optimal string alignment distance of a and b:
// the Levenshtein distance where swapping two adjacent letters costs 1.
func osaDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
