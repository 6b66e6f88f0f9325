// Package store persists cards, their schedules and the review log behind
// the Store interface. It has two implementations, Bolt (one bbolt file)
// and Memory (for tests), and a conformance suite in store/storetest that
// both pass. It imports only cards and bbolt; nothing outside this package
// sees bbolt, and it never imports scheduler.
//
// # File layout
//
// A Bolt store is one bbolt file holding nine buckets:
//
//	meta     "version" → schema version, 4 bytes big-endian (3)
//	cards    stored ID → card record: format byte, flags (orphaned,
//	         suspended, rejected), add sequence, the buried-until date
//	         (formats 2 and 3: format 2 is written for a buried card),
//	         the days the card was added and last changed (format 3,
//	         written for a card with either), then the card's fields
//	states   stored ID → cards.State
//	due      day (4 bytes big-endian, days since cards.MinDate) + stored ID
//	         → "" for each reviewed card without a flag
//	new      add sequence (8 bytes big-endian) + stored ID → ""
//	         for each never-reviewed card without a flag
//	content  content hash (16 hex digits) + stored ID → "" for every card
//	decks    deck (length-prefixed) + status code + due day (review
//	         cards only) + stored ID → "" for every card (see counts.go)
//	notes    note path → stamp (size, time, content hash, generator, card
//	         count) of each note Sync took cards from (see Note)
//	log      sequence (8 bytes big-endian) → cards.Review, append-only
//
// A tenth bucket, stage, exists only while a Stream into a store without
// cards finishes (see Streams): it holds the cards, states, content, decks
// and new buckets being built, which nothing reads. One left by a crash is
// removed by the next Open for writing; older mnemo versions ignore it.
//
// Schema version 1 had no content bucket, version 2 no decks and notes
// buckets; Open upgrades such a store in place, in one transaction, by
// building them (a store opened read-only is read as it is, without
// them). Cards stored before version 3 have no Added and Changed days.
//
// Values use a compact binary encoding (varints and length-prefixed
// strings) that starts with a format byte, so a later mnemo can change a
// format and still read the old one; a store whose schema version is newer
// than this package's is refused with ErrVersion. Review times keep their
// instant, their zone offset and their zone name.
//
// The due and new indexes are what make Due cheap: it seeks the due index
// up to the day asked and walks the new index in add order, reading only
// the cards it returns, never the whole cards bucket. The deck index makes
// Counts cheap: it counts keys, never decoding a card. Every write
// transaction keeps the indexes consistent with the states, flags and
// contents; Bolt.Check verifies it, and Bolt.Repair rebuilds them from
// the cards and their states.
//
// # Stored IDs and re-matching
//
// A card is stored under the ID it first came with, a hash of its
// content (cards.NewID), and keeps that stored ID for life, so its state,
// its review log, its Anki GUID and the ID a user types stay put when its
// text is edited. The content index maps the hash of each card's current
// kind, front and back to its stored ID. Sync matches an incoming card
// (whose ID is its content hash) to the stored card with the same ID and
// fields, else the stored card whose content hash is its ID, else the
// stored card of its ID; a note moved or renamed keeps its cards this way.
// A card still unmatched is then re-matched to a stored card that would
// otherwise become orphaned in this Sync (in scope, not orphaned already)
// of the same note, rule and kind, whose text is similar; see rematch in
// match.go for the measure. A re-matched card keeps its stored ID, state,
// history and marks; it takes the incoming card's fields. An edit that
// also moves the text to another note is not re-matched (new card plus
// orphan), nor is an edit of a text that went away in an earlier Sync.
//
// # Statuses
//
// A card has at most one user's mark, suspended or rejected, set and
// cleared by SetStatus, and Sync's orphaned flag. Any of them keeps the
// card out of the queues. Sync never changes a mark: a rejected card whose
// text comes back, or is edited, stays rejected; one whose text is gone
// is also orphaned. The status shown is rejected, then orphaned, then
// suspended, then new or review.
//
// # Undo and bury
//
// Bolt and Memory also have Undo, which removes a card's last answer from
// the log and puts its state back, and Bury, which hides cards from Due
// until a given day; they are not part of Store (callers find them with a
// type assertion). A buried card keeps its place in the due and new indexes,
// and its status: only Due skips it, reading its record.
//
// # Optional methods
//
// Beside Store, Bolt and Memory have Notes (the note stamps that let
// `mnemo add` skip unchanged notes), Stream (an add too big for memory,
// given in parts), Counts (cards per deck and status, for `mnemo status`),
// Verify, Check and Repair (for `mnemo check`), and Dump and Load (for
// backups). Store keeps the methods every command needs; callers find
// these with a type assertion.
//
// # Streams
//
// A Stream takes one add in parts of whole notes, each matched as Sync
// matches a batch (see Stream for where the order of the parts shows).
// A part's transaction writes what it changes of the stored cards; its new
// cards wait, sorted, in a temporary file beside the store, and Finish
// stores them in ID order, 25,000 a transaction, the last transaction also
// orphaning the cards of the notes no part covered. Written part by part,
// new cards would land all over the cards, states and content buckets,
// whose keys are content hashes: every part would rewrite most pages of a
// large store (on a 1-million-card add, 8 GB written for a 1.2 GB file,
// against 2.6 GB this way) and hold them all in memory until its commit.
// The new-card index, whose keys follow the order of the add, is the one
// written out of order; its pages touched by a transaction are what grows
// with the add (about 150 MB at a million new cards).
//
// Into a store without cards (the first add of a vault), Finish does
// better: every card is new, so it builds the five buckets apart, inside
// the stage bucket, each in the order of its keys (the new-card index from
// the parts' runs, in add order), 25,000 cards a transaction, then swaps
// them for the empty ones in one last transaction. No page is written
// twice and a transaction holds only its own cards: on a first add of a
// million cards, the add wrote 1.35 GB (the temporary file's 0.55 GB
// included) instead of 2.6 GB, for a store of 0.77 GB instead of 0.87,
// in a third less CPU time. Should the store gain cards meanwhile, the
// stage is dropped and the cards merged as above.
//
// bbolt reads the file through a shared memory map, whose pages, once
// read, count in the process's resident memory until it is unmapped: on
// Linux each write transaction first drops those that earlier ones read,
// and a scan of every card drops them as it goes (see releaseMap), so a
// big add or an add into a big store holds a few megabytes of the file,
// not all of it. (The pages stay in the system's file cache.)
//
// # Crash safety
//
// Every method runs in a single bbolt transaction, and nothing in this
// package writes the file outside one: Sync applies a whole `mnemo add` or
// nothing of it, Record appends to the log and moves the card in one
// commit. A Stream is the exception by design: each of its transactions
// leaves a consistent store, but a crash between them leaves the parts
// stored so far (their changes to stored cards, and the stamps of their
// notes that gave no new card), perhaps some of the new cards (without
// their notes' stamps, so the next add reads those notes again and finds
// the cards stored; none into a store without cards, whose Finish
// swaps them all in at once), and nothing orphaned by Finish. bbolt
// commits by writing new pages, syncing them, then switching one of its
// two meta pages, so a crash or power loss leaves the file as it was
// before or after the transaction. A file lock lets one process write
// at a time (readers opened with Options.ReadOnly share it).
//
// Open checks bbolt's meta pages itself before bbolt maps the file, so a
// file that is not a store, or was cut short, gives ErrCorrupt instead of a
// crash; a panic from bbolt on a damaged page, or a fault reading the
// memory map, is also turned into an error wrapping ErrCorrupt. bbolt
// trusts the sizes written in its pages, though: a write to a store whose
// pages were damaged inside (bits flipped on disk) can still exhaust memory
// instead of failing. Bolt.Check reads every page and reports such damage.
package store
