// Package cards holds mnemo's card values (Card, ID, Kind, State, Review,
// Date, Grade) and turns a parsed note into cards, without a language
// model: Generate reads a *notes.Note and proposes cards with a fixed list
// of rules, each a small named unit whose name the card carries in
// Card.Rule.
//
// # Explicit cards first
//
// Rule "explicit" makes the cards the author wrote, in the syntax of the
// obsidian-spaced-repetition plugin: "question::answer" (one basic card),
// "question:::answer" (a basic and a reversed card), multi-line cards
// whose sides touch a line holding only "?" (basic) or "??" (both ways),
// and clozes: each ==highlight== (with an optional ^[hint] and a [^N]
// group) and each Anki-style {{c1::answer::hint}}, {{1::answer}} or
// {{answer}}. Deletions of one group make one card; deletions without a
// group make one card each, so "A {{question}} with {{two parts}}" gives
// two cards, as in the plugin. Markup inside inline code or code blocks is
// no card (`std::vector`, `'3 days'::interval`), nor is text that reads as
// code written bare (std::move(x), a::b::c, '3 days'::interval) or a
// template field ({{fm.desc}}).
//
// A note that holds explicit cards (::, :::, ?, ??, {{…}}), or a
// #flashcards tag, is a note of explicit cards: its author marked what they
// want to learn, as users of the plugin do, and the other rules leave its
// other lines alone. ==Highlights== alone do not make a note one of explicit
// cards, since many people highlight for emphasis: they become clozes and
// the other lines still get guessed cards. A
// "#flashcards/science/physics" tag puts the note's cards in deck
// "science::physics" (the frontmatter's deck still comes first).
//
// # Guessed cards
//
// In other notes, these rules run on each block in priority order:
//
//   - "command": a line ending with ":" followed by a line that is only
//     inline code (tldr pages) gives description → code;
//   - "question": a line that asks ("Why …?", "Q: … ?", « … ? ») and the
//     text that answers it (its child items, the next line of its
//     paragraph, or a next paragraph or list when a "Q:"/"A:" label marks
//     them) give a basic card question → answer of at most thirty words;
//     a question nothing answers gives none;
//   - "table": each cell of a table row gives "key — column" → cell, the
//     key being the first column whose cells are distinct; a column of
//     free-text remarks (seven words a cell or more on average, beside
//     columns of values) gives none, nor do rows keyed by a run of ids
//     (1, 2, 3: the example data of an exercise), and a cell's footnote
//     mark ("O(1)*") is left out of its answer;
//   - "definition": "Term: definition", "Term — definition", "Term =
//     definition", "**Term** a definition", and copula sentences ("X is
//     a Y", "X means Y", « X est un Y », « X désigne Y »), both ways: a
//     basic card term → definition and a reversed one definition → term
//     (only the reversed one when the definition is too long to recite).
//     The reversed card needs a definition that describes the term: not a
//     value ("`text` - 140 bytes"), a short label ("Missing note - warning
//     color", unless the term is an acronym), a list of members, several
//     sentences of advice, words someone said ("Hervé Folliot : En
//     physique, on …") or mostly code. No card at all comes from a
//     definition that asks something or breaks off (« Alexandre Serres :
//     qu'est-ce qu'un RIS ? - … », "… de l'étude ;"), a term with a web
//     address, or the author's private two-letter shorthand (« La DL
//     désigne … », used all over the note and spelled out nowhere);
//   - "enumeration": a lead-in (a line ending with ":", the heading right
//     above the list, or the parent item) and a list of short items is a
//     set; each item makes one overlapping cloze card showing the lead-in
//     and its siblings (at most seven, ordered lists with their numbers)
//     with that one item hidden;
//   - "emphasis": each *emphasized*, **strong** or `code` span and each
//     quoted phrase of one to four words (« », "…", “…”) is hidden in a
//     cloze;
//   - "fact": each number, percentage, amount or date is hidden in a
//     cloze; a line with no other card hides its most salient acronym or
//     name instead, but not a month or a weekday alone ("by end of July",
//     "this Friday": the dates of a meeting), a speaker's name opening the
//     line before a colon, an acronym alone in parentheses that its words
//     do not spell out ("personnels de recherche (H4SR)"), or a linked
//     note's capitalised title the note also writes in lower case ("la
//     [[Loi]]");
//   - "sentence": a line that no other rule used hides its most salient
//     term. Salience scores words and two-word noun phrases by rarity
//     across the notes (TF-IDF: Options.Corpus, else the note's own word
//     counts), shape (acronyms, names, noun suffixes up; verbs, adverbs,
//     generic nouns, words the card's context shows down); a line whose
//     best term scores too low ("Viewing the timeline should be fast")
//     makes no card. A long paragraph is cut into its sentences and only
//     its key sentences (by mean rarity, position, a definitional verb,
//     numbers) make cards. Lines that only point elsewhere ("See the
//     docs"), introduce a list ("Options:"), ask a question, mark the end
//     of an exercise (« Fin de l'énoncé. ») or are markup make no card
//     either, and neither does a sentence that breaks off at the end of its
//     line ("metric for predictable loads or", "…, de pionnier,").
//
// Each card carries its context: the note title, the heading path, the
// lead-in and the parent items. Rules work on the note's language (English,
// French, German, Spanish, told apart by their commonest words; other
// languages get the language-neutral rules): stop words, definitional
// verbs and abbreviations follow it, and accents and apostrophes stay in
// answers ("l'[...]" hides "agile", not "l'agile").
//
// # Scores, junk and caps
//
// Every candidate has a Score from 0 to 1 (1 for explicit cards). A
// candidate is dropped, with the reason Explain reports, when its answer
// is empty, punctuation, a single character, a stop word or a whole
// sentence (more than twelve words, or more than eight ending with a
// period), when it shows on the front, when nothing else is left on the
// front, when another card of the block asks for the same answer, past
// three guessed cards per line (the best scored kept), past
// Options.MaxPerNote guessed cards per note (by default 400, or one per
// line, item and table row of a longer note; the best card of each line
// first), and when an identical card came first. Explicit cards are never
// capped. The sentence rule hides nouns, names, technical terms and
// numbers, not verbs (common ones, one before a determiner or an object
// pronoun: "processes it", an elided French infinitive, one after a verb
// or a French pronoun: « on pense investiguer », « cela reconnaît », « se
// sentent », a French infinitive before its object: « challenger les
// idées »), adverbs, plain or compound adjectives ("correct",
// "rapidly-changing"), a word after an intensifier (« Ultra classique »),
// a French participle without a determiner, a comparative ending its
// sentence ("is trickier."), or generic nouns (also those that quantify
// what follows: "large amounts of data", "the advantages of"); and it
// leaves out the steps of a procedure ("Type `baz` in the lookup bar.",
// « Déterminez la complexité »). The steps of an exercise or a user
// interface give no guessed card at all, not even of their code or figures
// (« Tapez la commande : `ps -ef` »), and a stressed plain adjective (« est
// **équivalent** à », « plus "apaisées" ») or phrase of generic words ("a
// **required component**") is no term. No guessed cloze hides an answer
// that holds a character its Markdown escapes ("child\*").
//
// Quality measures generated cards mechanically: the junk rate (answers
// that are stop words, single characters, punctuation or sentences,
// answers on the front, empty sides) and two coverages. The literal one
// counts every list item and paragraph line of four words or more outside
// code; the narrow one leaves out the lines that state nothing a card
// could ask: bare links and lists of links, references ("See …"), short
// lead-ins whose list does not show them, questions nothing answers,
// steps of exercises, markup, and the lines of notes of explicit cards. TestQuality holds the
// generator to at least 90% narrow coverage and at most 5% junk on the
// seed note and on the shared corpus, and keeps the literal coverage
// from falling under what the rules reach.
//
// The package imports only notes, the standard library and golang.org/x/text;
// it must not import scheduler, store, export or cmd. It never reads files,
// prints, or looks at the clock.
package cards
