package apkg

import (
	"cmp"
	"crypto/sha1"
	"encoding/binary"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// This file holds a minimal Markdown-to-HTML renderer for card text. The
// full one (export.renderHTML) is unexported; until it is shared, fields
// get HTML escaping, **bold**, *italic*, `code` and <br> for line breaks.

var (
	boldRE   = regexp.MustCompile(`\*\*([^*]+?)\*\*`)
	italicRE = regexp.MustCompile(`\*([^*\s](?:[^*]*?[^*\s])?)\*`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
	clozeRE  = regexp.MustCompile(`\{\{c(\d+)::`)
)

// contextOpen starts the breadcrumb shown with a card, as in the text
// export.
const contextOpen = "<div class='mnemo-context' style='font-size:smaller;color:gray'>"

// renderHTML returns the light Markdown s as HTML on one line.
func renderHTML(s string) string {
	s = cleanText(s)
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 && i < strings.Count(s, "`") {
			b.WriteString("<code>" + html.EscapeString(part) + "</code>")
			continue
		}
		if i%2 == 1 {
			b.WriteString("`") // an unclosed backtick is text
		}
		t := escape(part)
		t = boldRE.ReplaceAllString(t, "<b>$1</b>")
		t = italicRE.ReplaceAllString(t, "<i>$1</i>")
		b.WriteString(t)
	}
	return strings.ReplaceAll(b.String(), "\n", "<br>")
}

// escape escapes &, < and > (quotes are fine in a field).
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// cleanText drops control characters other than LF and tab (Anki drops
// them on import) and CR.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// contextHTML returns the breadcrumb div for ctx, or "".
func contextHTML(ctx []string) string {
	var parts []string
	for _, c := range ctx {
		if h := renderHTML(strings.Join(strings.Fields(c), " ")); h != "" {
			parts = append(parts, h)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return contextOpen + noCloze(strings.Join(parts, " › ")) + "</div>"
}

// noCloze keeps "{{" in a Basic field from reading as a cloze marker.
func noCloze(s string) string { return strings.ReplaceAll(s, "{{", "{&#123;") }

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

// DeckName is the default Options.DeckName: the deck with each "::" level
// trimmed and empty levels dropped, "Default" when nothing is left, and
// "mnemo::" in front of a purely numeric name (as the text export does).
func DeckName(deck string) string {
	var levels []string
	for l := range strings.SplitSeq(cleanText(deck), "::") {
		l = strings.Trim(strings.Join(strings.Fields(l), " "), ": ")
		if l != "" {
			levels = append(levels, l)
		}
	}
	d := strings.Join(levels, "::")
	if d == "" {
		return "Default"
	}
	if strings.IndexFunc(strings.TrimLeft(d, "+-"), func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return guidPrefix + "::" + d
	}
	return d
}

// tagsField returns the notes.tags value: the card's tags plus "mnemo" and
// "mnemo::<rule>", cleaned, sorted, without duplicates (ignoring case),
// with a space at each end.
func tagsField(tags []string, rule string) string {
	all := make([]string, 0, len(tags)+2)
	add := func(t string) {
		var levels []string
		for l := range strings.SplitSeq(cleanText(t), "::") {
			if l = strings.Join(strings.Fields(l), "_"); l != "" {
				levels = append(levels, l)
			}
		}
		if t = strings.Join(levels, "::"); t != "" {
			all = append(all, t)
		}
	}
	for _, t := range tags {
		add(t)
	}
	add(guidPrefix)
	if rule != "" {
		add(guidPrefix + "::" + rule)
	}
	slices.SortFunc(all, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
	all = slices.CompactFunc(all, strings.EqualFold)
	return " " + strings.Join(all, " ") + " "
}
