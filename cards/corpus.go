package cards

import (
	"math"

	"github.com/mnemo-dev/mnemo/notes"
)

// Corpus holds the document frequencies of words across a set of notes:
// in how many notes each word occurs. The salience of a word, which picks
// the term a card hides, rises with its rarity across the set (its inverse
// document frequency), so that a word every note uses ("important",
// "version") makes a poorer answer than one special to a few. A Corpus is
// read-only once built and safe for concurrent use.
type Corpus struct {
	docs int
	idfs map[string]float32 // scaled idf of each word seen
}

// NewCorpus counts the words of notes ns (nil notes are skipped). The
// Corpus shares no memory with the notes.
func NewCorpus(ns ...*notes.Note) *Corpus {
	c := &Corpus{}
	df := map[string]int32{}
	seen := map[string]bool{}
	for _, n := range ns {
		if n == nil {
			continue
		}
		c.docs++
		clear(seen)
		for _, b := range n.Blocks {
			p := lower(b.Text.Plain)
			for _, tk := range tokenize(p) {
				tk = coreWord(p, tk)
				w := p[tk.start:tk.end]
				if !seen[w] {
					seen[w] = true
					df[string([]byte(w))]++ // a copy: p may be the note's memory
				}
			}
		}
	}
	c.idfs = make(map[string]float32, len(df))
	n := float64(c.docs)
	for w, k := range df {
		c.idfs[w] = float32(math.Log((n+1)/(float64(k)+1)) / math.Log(n+1))
	}
	return c
}

// minCorpus is the number of notes a Corpus needs to rate words; with
// fewer, the note's own statistics serve.
const minCorpus = 5

// Len returns the number of notes counted.
func (c *Corpus) Len() int {
	if c == nil {
		return 0
	}
	return c.docs
}

// idf returns the inverse document frequency of the lower-case word w,
// scaled to [0, 1]: 1 for a word no note has, near 0 for a word in all.
// ok is false when the corpus is too small to tell (fewer than minCorpus
// notes).
func (c *Corpus) idf(w string) (v float64, ok bool) {
	if c == nil || c.docs < minCorpus {
		return 0, false
	}
	if v, ok := c.idfs[w]; ok {
		return float64(v), true
	}
	return 1, true // a word no note has
}
