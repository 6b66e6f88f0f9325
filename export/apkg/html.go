package apkg

import (
	"crypto/sha1"
	"encoding/binary"
	"html"
	"regexp"
	"strconv"
)

// Field HTML, decks and tags come from export.NewAnkiNote, so a package
// and a text export of the same card fill the same note. This file holds
// what only the collection needs.

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	clozeRE = regexp.MustCompile(`\{\{c(\d+)::`)
)

// stripHTML removes tags and decodes entities, as Anki does for sfld and
// csum (there is no media to preserve).
func stripHTML(s string) string {
	return html.UnescapeString(tagRE.ReplaceAllString(s, ""))
}

// checksum is Anki's csum: the first 4 bytes of the SHA-1 of the first
// field with HTML stripped, as a big-endian unsigned integer.
func checksum(field string) uint32 {
	h := sha1.Sum([]byte(stripHTML(field)))
	return binary.BigEndian.Uint32(h[:4])
}

// clozeOrd returns the template ordinal of a cloze text: the smallest N of
// its {{cN::…}} markers, minus one; false when it has none.
func clozeOrd(text string) (int, bool) {
	best := 0
	for _, m := range clozeRE.FindAllStringSubmatch(text, -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil || n < 1 {
			continue
		}
		if best == 0 || n < best {
			best = n
		}
	}
	return best - 1, best > 0
}

// tagsField returns the notes.tags value for a tags cell of the text
// export: the same tags with a space at each end, as Anki stores them.
func tagsField(tags string) string {
	if tags == "" {
		return ""
	}
	return " " + tags + " "
}
