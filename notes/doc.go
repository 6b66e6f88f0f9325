// Package notes reads Markdown notes into a flat document model: a note's
// metadata (title, tags and deck, from its YAML frontmatter and its text)
// and its card text as a list of blocks (headings, paragraph lines, list
// items, table rows) with their inline markup and source lines.
//
// It owns everything Markdown: it is the only package of the module that
// imports goldmark (CommonMark, plus GFM tables, strikethrough and task
// lists, YAML frontmatter, and two small extensions of its own for
// Obsidian's ==highlight== and [[wikilinks]]). It imports no other package
// of the module.
//
// # What is card text
//
// Card text never comes from fenced or indented code, HTML blocks, HTML
// comments (block or inline, such as the <!--SR:…--> scheduling comments of
// obsidian-spaced-repetition), the frontmatter or thematic breaks; code
// blocks are kept apart, in Note.Code, for rules that pair a line with the
// code after it. Images
// (![alt](src) and Obsidian embeds ![[file]]) are dropped with their alt
// text: a picture's description is rarely a thought worth a card. Raw
// inline HTML loses its tags and keeps the text between them. The marker
// of an Obsidian callout ("> [!tip] Title") is dropped, its title kept as
// a line of its own. Flashcard syntax ("q::a", "q:::a", "{{c1::a::hint}}")
// is plain text to Markdown and reaches Plain unchanged.
//
// A paragraph is split into Line blocks at its line breaks, except that a
// line that was merely wrapped (it does not end with . ! ? … : or ; and
// the next line starts with a lower-case letter) is joined with the next
// one; a hard break always splits. The same test decides the fate of a
// list item's lazy continuation line (a line not indented under the item
// that still continues its paragraph, as a remark written right after a
// list): a wrapped line stays in the item, anything else leaves the list
// as a Line block of its own. Runs of white space become one space.
//
// A #tag starts at the start of a text or after white space, with '#' then
// a letter, then letters, digits, '_', '-' and '/' ("#123" is no tag, nor
// is a heading's "# "). Tags are never read inside code or links, nor from
// an escaped \#.
//
// A wikilink shows its label, else its target with "#" shown as " > "
// ([[Page#Part]] reads "Page > Part"); the span's URL keeps the target.
//
// # Limits
//
// Parse rejects, with a *ParseError, notes larger than MaxSize, notes with
// lists and blockquotes nested deeper than MaxDepth, and notes whose markup
// would make goldmark slow: goldmark is quadratic in some patterns (deep
// nesting on many lines, thousands of brackets or unmatched emphasis
// delimiters in one paragraph, unclosed link destinations or code spans on
// long lines). A cheap scan estimates that cost before goldmark runs and
// returns ErrTooComplex when no real note would come near it. Markup nested
// more than 32 spans deep keeps its text but loses its spans.
package notes
