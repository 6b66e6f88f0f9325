package cards

import (
	"strings"
)

// lang is the language of a note, as far as the rules care: which stop
// words to skip and which definitional verbs to look for.
type lang int

// The languages mnemo tells apart. Other languages get langOther and the
// language-neutral rules (markup, separators, numbers, salience).
const (
	langOther lang = iota
	langEN
	langFR
	langDE
	langES
)

// String returns "en", "fr", "de", "es" or "other".
func (l lang) String() string {
	switch l {
	case langEN:
		return "en"
	case langFR:
		return "fr"
	case langDE:
		return "de"
	case langES:
		return "es"
	}
	return "other"
}

// maxLangTokens caps the words detectLang reads: a note's first few hundred
// words tell its language as well as all of them.
const maxLangTokens = 400

// detectLang guesses the language of a note from the share of each
// language's most common words among its first words (the lower-case
// text and words of its blocks). A note with too few such words (code,
// names, another language) is langOther.
func detectLang(info []blockInfo) lang {
	var score [5]int
	words := 0
	for _, b := range info {
		if words >= maxLangTokens {
			break
		}
		for _, tk := range b.toks {
			words++
			if l := markerLang(b.lower[tk.start:tk.end]); l != langOther {
				score[l]++
			}
		}
	}
	best, hits := langOther, 0
	for l := langEN; l <= langES; l++ {
		if score[l] > hits {
			best, hits = l, score[l]
		}
	}
	// Marker words make up a fifth to a third of running text; code and
	// name lists have few of them.
	if hits < 3 || hits*12 < words {
		return langOther
	}
	return best
}

// markerLang returns the language a very common word belongs to, only for
// words that belong to one language alone.
func markerLang(w string) lang {
	switch w {
	case "the", "and", "of", "is", "to", "that", "it", "with", "for", "are", "this", "be", "you",
		"was", "have", "from", "can", "will", "an", "by", "which", "when", "there", "their", "what":
		return langEN
	case "le", "la", "les", "et", "est", "du", "des", "une", "un", "que", "qui", "pour", "dans",
		"pas", "sur", "avec", "ce", "au", "aux", "sont", "cette", "mais", "ou", "il", "nous", "vous", "l'", "d'":
		return langFR
	case "der", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "auf", "für", "dem",
		"auch", "werden", "wird", "oder", "sind", "einer", "eines", "wie", "bei", "nach":
		return langDE
	case "el", "los", "y", "es", "las", "por", "con", "para", "una", "como", "pero", "más", "del",
		"está", "son", "lo", "muy", "también", "fue", "hay":
		return langES
	}
	if strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "l’") || strings.HasPrefix(w, "d’") {
		return langFR
	}
	return langOther
}

// isStop reports whether w, in lower case, is a stop word of a note in
// language l. English stop words count in every language (notes in
// French, German or Spanish quote English freely); the other lists count
// only in their language, so that "car" and "son" stay words in English.
// A note of unknown language uses the English and French lists.
func (l lang) isStop(w string) bool {
	if w != "" && w[0] >= 0xE3 && scriptClass(firstRune(w)) == scriptHiragana {
		return true // kana between the words of Japanese: particles and endings
	}
	if strings.IndexByte(w, 0xE2) >= 0 && strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	if isEnglishStopWord(w) {
		return true
	}
	switch l {
	case langFR, langOther:
		return isFrenchStopWord(w)
	case langDE:
		return isGermanStopWord(w)
	case langES:
		return isSpanishStopWord(w)
	}
	return false
}

// isStopWord reports whether w (any case) is a stop word in English or
// French, the languages mnemo knows best: the language-blind check the
// junk filter and Quality use.
func isStopWord(w string) bool {
	return langOther.isStop(lower(w))
}

// copula reports whether the lower-case word w (with the next word, for
// two-word verbs) links a term to its definition in language l, and how
// many words the verb takes. det says whether the definition must start
// with a determiner ("X is a Y", not "X is fast").
func (l lang) copula(w, next string) (words int, det bool) {
	switch l {
	case langEN, langOther:
		switch w {
		case "is", "are":
			if next == "called" || next == "defined" || next == "known" {
				return 0, false
			}
			return 1, true
		case "means", "denotes":
			return 1, false
		case "refers", "stands":
			if next == "to" || next == "for" {
				return 2, false
			}
		}
		if l == langEN {
			return 0, false
		}
	}
	switch l {
	case langFR, langOther:
		switch w {
		case "est", "sont":
			return 1, true
		case "désigne", "désignent", "signifie", "signifient":
			return 1, false
		case "correspond", "correspondent":
			if next == "à" || next == "au" || next == "aux" {
				return 1, false
			}
		}
	case langDE:
		switch w {
		case "ist", "sind":
			return 1, true
		case "bezeichnet", "bedeutet":
			return 1, false
		}
	case langES:
		switch w {
		case "es", "son":
			return 1, true
		case "significa", "designa":
			return 1, false
		}
	}
	return 0, false
}

// isDeterminer reports whether the lower-case word w opens a noun phrase
// ("a", "the", "une", "l'agile"), as the definition of "X is Y" must.
func isDeterminer(w string) bool {
	switch w {
	case "a", "an", "the", "one", "any",
		"un", "une", "le", "la", "les", "des", "du", "l", "l'", "l’",
		"ein", "eine", "der", "die", "das",
		"el", "los", "las", "una", "uno", "unos", "unas":
		return true
	}
	return strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "l’")
}

// isArticle reports whether the lower-case word w is an article a defined
// term may start with ("The CAP theorem is …" defines "CAP theorem").
func isArticle(w string) bool {
	switch w {
	case "a", "an", "the", "un", "une", "le", "la", "les", "l", "l'", "l’",
		"ein", "eine", "der", "die", "das", "el", "los", "las", "una", "uno", "unos", "unas":
		return true
	}
	return false
}

// isPronoun reports whether the lower-case word w is a pronoun or
// demonstrative: a sentence that starts with one defines nothing ("It is a
// …", "C'est …", "This is …").
func isPronoun(w string) bool {
	switch w {
	case "it", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we",
		"you", "i", "what", "which", "who", "one", "each", "all", "some", "both", "such", "its",
		"il", "elle", "ce", "c", "c'", "c’", "cela", "ça", "ceci", "on", "ils", "elles", "nous",
		"vous", "je", "tu", "qui", "quoi", "tout", "tous", "celui", "celle", "ceux", "chacun",
		"es", "er", "sie", "das", "dies", "man", "wir", "ello", "esto", "eso", "esta", "este":
		return true
	}
	return strings.HasPrefix(w, "c'") || strings.HasPrefix(w, "c’")
}
