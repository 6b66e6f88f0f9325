// Package store persists cards, their schedules and the review log behind
// the Store interface. It has two implementations, Bolt (one bbolt file)
// and Memory (for tests), and a conformance suite in store/storetest that
// both pass. It imports only cards and bbolt; nothing outside this package
// sees bbolt, and it never imports scheduler.
//
// # File layout
//
// A Bolt store is one bbolt file holding six buckets:
//
//	meta    "version" → schema version, 4 bytes big-endian (1)
//	cards   card ID → card record: format byte, flags (orphaned,
//	        suspended), add sequence, then the card's fields
//	states  card ID → cards.State
//	due     day (4 bytes big-endian, days since cards.MinDate) + card ID → ""
//	        for each reviewed card that is neither suspended nor orphaned
//	new     add sequence (8 bytes big-endian) + card ID → ""
//	        for each never-reviewed card that is neither suspended nor orphaned
//	log     sequence (8 bytes big-endian) → cards.Review, append-only
//
// Values use a compact binary encoding (varints and length-prefixed
// strings) that starts with a format byte, so a later mnemo can change a
// format and still read the old one; a store whose schema version is newer
// than this package's is refused with ErrVersion. Review times keep their
// instant, their zone offset and their zone name.
//
// The due and new indexes are what make Due cheap: it seeks the due index
// up to the day asked and walks the new index in add order, reading only
// the cards it returns, never the whole cards bucket. Every write
// transaction keeps the indexes consistent with the states and flags;
// Bolt.Check verifies it.
//
// # Crash safety
//
// Every method runs in a single bbolt transaction, and nothing in this
// package writes the file outside one: Sync applies a whole `mnemo add` or
// nothing of it, Record appends to the log and moves the card in one
// commit. bbolt commits by writing new pages, syncing them, then switching
// one of its two meta pages, so a crash or power loss leaves the file as it
// was before or after the transaction. A file lock lets one process write
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
