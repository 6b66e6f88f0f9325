package apkg

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/export"
)

// maxDue keeps review due day numbers below the 100,000 that Anki's
// "Check Database" treats as invalid.
const maxDue = 99999

// Note is one card to write, with its schedule and review history. Each
// card becomes one Anki note with one card.
type Note struct {
	// Card is the content. Basic and Reversed cards become "mnemo Basic"
	// notes (Front: breadcrumb and question, Back: answer); a reversed
	// card is its own note, as in the text export. Cloze cards become
	// "mnemo Cloze" notes (Text: Card.Cloze, Back Extra: breadcrumb).
	Card cards.Card
	// State is the SM-2 schedule: a new state (IsNew) gives a new Anki
	// card, any other a review card with its interval, ease, due day,
	// reviews and lapses.
	State cards.State
	// Suspended writes the card suspended (queue -1), schedule kept.
	Suspended bool
	// Log is the card's review log, in any order; entries for other cards
	// are ignored.
	Log []cards.Review
	// Modified is when the content last changed (notes.mod and cards.mod):
	// a re-import updates a note only when this is newer than the
	// collection's copy. The zero time means Options.Now.
	Modified time.Time
}

// Options configures Write.
type Options struct {
	// Now is the export time (required). No id or time written is later.
	// Its location is the time zone of review days.
	Now time.Time
	// Rollover is the hour a review day starts (0-23), as the scheduler
	// used it; out of range means 4.
	Rollover int
	// DeckName maps a card's deck to the Anki deck name ("::" for levels);
	// nil means export.AnkiDeck, as in the text export.
	DeckName func(string) string
}

// Write writes notes to w as an Anki package: a zip holding
// collection.anki21 (SQLite, schema 11) and an empty media map.
//
// Notes are sorted by deck, source and card ID, and a card ID seen before
// is skipped, so the same notes and Now always give the same bytes. Ids
// of notes and cards are milliseconds just before Now; review log ids are
// the review times in milliseconds, made unique and never after Now.
//
// Review log: a graded review becomes a row of type 0 (learning, the first
// review of a new card) or 1 (review), with its SM-2 grade mapped to
// Anki's ease (0-2 Again, 3 Hard, 4 Good, 5 Easy), the interval after and
// before it, and the E-Factor after it. A drill (a same-day repeat that
// changed no schedule) becomes a row of type 0 when the card was first
// learned that day, else type 2 (relearning), as Anki logs its own
// same-day steps; its intervals are the card's unchanged interval.
//
// A card that cannot be a note (unknown kind, cloze text without a
// deletion) is left out and the others are still written; the returned
// error then joins one *CardError per card left out. It returns ErrNoNow,
// writing nothing, without Options.Now. Write is safe for concurrent use
// as long as notes is not being modified.
func Write(w io.Writer, notes []Note, opts Options) error {
	if opts.Now.IsZero() {
		return ErrNoNow
	}
	if opts.Rollover < 0 || opts.Rollover > 23 {
		opts.Rollover = 4
	}
	if opts.DeckName == nil {
		opts.DeckName = export.AnkiDeck
	}
	col, skipped := build(notes, opts)
	db, err := col.sqlite()
	if err != nil {
		return fmt.Errorf("write anki collection: %w", err)
	}
	if err := writeZip(w, db, opts.Now); err != nil {
		return fmt.Errorf("write anki package: %w", err)
	}
	return errors.Join(skipped...)
}

// collection is everything that goes into the SQLite file.
type collection struct {
	crt, modMs int64
	offset     int // minutes west of UTC at crt
	rollover   int
	decks      map[string]deck
	notes      []noteRow
	cards      []cardRow
	revlog     []revRow
}

type noteRow struct {
	id         int64
	guid       string
	mid        int64
	mod        int64
	tags, flds string
	sfld       string
	csum       uint32
}

type cardRow struct {
	id, nid, did              int64
	ord                       int
	mod                       int64
	typ, queue                int
	due                       int64
	ivl, factor, reps, lapses int
}

type revRow struct {
	id, cid                         int64
	ease, ivl, lastIvl, factor, typ int
}

// build lays out the collection; cards that cannot be notes are left out
// and returned as *CardError.
func build(in []Note, opts Options) (*collection, []error) {
	ns := make([]*Note, len(in))
	for i := range in {
		ns[i] = &in[i]
	}
	slices.SortStableFunc(ns, func(a, b *Note) int {
		return cmp.Or(
			strings.Compare(a.Card.Deck, b.Card.Deck),
			strings.Compare(a.Card.Source.Path, b.Card.Source.Path),
			cmp.Compare(a.Card.Source.Line, b.Card.Source.Line),
			strings.Compare(string(a.Card.ID), string(b.Card.ID)))
	})
	seen := make(map[cards.ID]bool, len(ns))
	uniq := ns[:0]
	for _, n := range ns {
		if !seen[n.Card.ID] {
			seen[n.Card.ID] = true
			uniq = append(uniq, n)
		}
	}
	ns = uniq

	loc := opts.Now.Location()
	nowMs := opts.Now.UnixMilli()
	// Day 0 is the earliest day anything happened: a review, a last
	// review, or today.
	today := dayOf(opts.Now, opts.Rollover)
	day0 := today
	for _, n := range ns {
		if n.State.Last != 0 && n.State.Last < day0 {
			day0 = n.State.Last
		}
		for _, r := range n.Log {
			if r.Card == n.Card.ID && r.Day < day0 {
				day0 = r.Day
			}
		}
	}
	y, m, d := day0.Time().Date()
	crtTime := time.Date(y, m, d, opts.Rollover, 0, 0, 0, loc)
	_, off := crtTime.Zone()
	c := &collection{
		crt:      crtTime.Unix(),
		modMs:    nowMs,
		offset:   -off / 60,
		rollover: opts.Rollover,
		decks:    map[string]deck{},
	}
	c.addDeck("Default", 1, opts.Now.Unix())

	var skipped []error
	ok := ns[:0]
	for _, nt := range ns {
		if _, _, _, err := noteFields(&nt.Card); err != nil {
			skipped = append(skipped, &CardError{ID: nt.Card.ID, Source: nt.Card.Source, Err: err})
			continue
		}
		ok = append(ok, nt)
	}
	ns = ok

	n := int64(len(ns))
	var revs []revIn
	newPos := int64(0)
	for i, nt := range ns {
		id := nowMs - n + int64(i) // unique, before Now, in sort order
		an, ord, mid, _ := noteFields(&nt.Card)
		flds := an.Fields
		mod := nt.Modified
		if mod.IsZero() || mod.After(opts.Now) {
			mod = opts.Now
		}
		c.notes = append(c.notes, noteRow{
			id: id, guid: an.GUID, mid: mid, mod: mod.Unix(),
			tags: tagsField(an.Tags),
			flds: strings.Join(flds[:], "\x1f"),
			sfld: stripHTML(flds[0]), csum: checksum(flds[0]),
		})
		did := c.deckID(opts.DeckName(nt.Card.Deck), opts.Now.Unix())
		cr := cardRow{id: id, nid: id, did: did, ord: ord, mod: mod.Unix()}
		s := nt.State
		if s.IsNew() {
			newPos++
			cr.due = newPos
		} else {
			cr.typ, cr.queue = 2, 2
			cr.due = min(max(int64(s.Due)-int64(day0), 0), maxDue)
			cr.ivl = max(s.Interval, 1)
			cr.factor = ankiFactor(s.EF)
			cr.reps, cr.lapses = s.Reviews, s.Lapses
		}
		if nt.Suspended {
			cr.queue = -1
		}
		c.cards = append(c.cards, cr)
		for _, r := range nt.Log {
			if r.Card == nt.Card.ID {
				revs = append(revs, revIn{cid: id, r: r})
			}
		}
	}
	c.revlog = revlog(revs, nowMs)
	return c, skipped
}

// dayOf is scheduler.Day: the calendar date of t after the rollover hour.
func dayOf(t time.Time, rollover int) cards.Date {
	t = t.Add(-time.Duration(rollover) * time.Hour)
	return cards.DateOf(t.Date())
}

// ankiFactor is an E-Factor in hundredths as Anki's ease in thousandths,
// at least 1300 (the floor of both SM-2 and Anki). An ease of 2000 or less
// is kept as SM-2 made it, though Anki's "Check Database" would reset it
// to 2500.
func ankiFactor(ef int) int {
	return max(ef*10, 1300)
}

// noteFields returns c as an Anki note (fields, deck and tags exactly as
// the text export writes them), its template ordinal and note type.
func noteFields(c *cards.Card) (export.AnkiNote, int, int64, error) {
	n, err := export.NewAnkiNote(c)
	if err != nil || !n.Cloze {
		return n, 0, BasicModelID, err
	}
	ord, ok := clozeOrd(n.Fields[0])
	if !ok {
		return n, 0, 0, export.ErrBadCloze
	}
	return n, ord, ClozeModelID, nil
}

type revIn struct {
	cid int64
	r   cards.Review
}

// revlog turns reviews into rows whose ids are the review times in
// milliseconds, strictly increasing in time order, none after nowMs: they
// are assigned from the latest back, each at most one less than the next.
func revlog(in []revIn, nowMs int64) []revRow {
	slices.SortStableFunc(in, func(a, b revIn) int {
		return cmp.Or(a.r.At.Compare(b.r.At), cmp.Compare(a.cid, b.cid))
	})
	rows := make([]revRow, len(in))
	next := nowMs + 1
	for i := len(in) - 1; i >= 0; i-- {
		r := in[i].r
		id := min(r.At.UnixMilli(), next-1)
		next = id
		row := revRow{id: id, cid: in[i].cid, ease: ease(r.Grade),
			ivl: r.After.Interval, lastIvl: r.Before.Interval, factor: ankiFactor(r.After.EF)}
		switch {
		case r.Drill && r.After.Reviews <= 1:
			row.typ = 0
		case r.Drill:
			row.typ = 2
		case r.Before.IsNew():
			row.typ = 0
		default:
			row.typ = 1
		}
		rows[i] = row
	}
	return rows
}

// ease maps an SM-2 grade to Anki's answer button.
func ease(g cards.Grade) int {
	switch {
	case g <= cards.WrongEasy:
		return 1
	case g == cards.Hard:
		return 2
	case g == cards.Good:
		return 3
	}
	return 4
}

// deckID returns the id of the Anki deck name, adding it and its parents.
func (c *collection) deckID(name string, mod int64) int64 {
	parts := strings.Split(name, "::")
	var id int64
	for i := range parts {
		full := strings.Join(parts[:i+1], "::")
		id = c.addDeck(full, deckID(full), mod)
	}
	return id
}

// addDeck adds a deck once; names that differ only in case are one deck,
// as Anki matches them.
func (c *collection) addDeck(name string, id, mod int64) int64 {
	key := strings.ToLower(name)
	if d, ok := c.decks[key]; ok {
		return d.ID
	}
	if key == "default" {
		id = 1
	}
	c.decks[key] = deck{ID: id, Name: name, Mod: mod, USN: -1, Conf: 1}
	return id
}

// deckID is a stable id for a deck name (ignoring case), between 2^52 and
// 2^53 so that JSON readers keep it exact.
func deckID(name string) int64 {
	h := sha256.Sum256([]byte(strings.ToLower(name)))
	return int64(binary.BigEndian.Uint64(h[:8])&(1<<52-1)) | 1<<52
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// sqlite returns the collection as the bytes of a SQLite file, built in
// memory (no temporary file) and serialized.
func (c *collection) sqlite() ([]byte, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, schema); err != nil {
		return nil, fmt.Errorf("create schema: %w", err)
	}
	if err := c.insert(ctx, conn); err != nil {
		return nil, err
	}
	var data []byte
	err = conn.Raw(func(dc any) error {
		s, ok := dc.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return fmt.Errorf("sqlite driver cannot serialize")
		}
		var err error
		data, err = s.Serialize()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("serialize: %w", err)
	}
	return data, nil
}

func (c *collection) insert(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	conf, err := json.Marshal(map[string]any{
		"activeDecks": []int{1}, "curDeck": 1, "newSpread": 0, "collapseTime": 1200,
		"timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": nil,
		"nextPos": len(c.cards) + 1, "sortType": "noteFld", "sortBackwards": false,
		"addToCur": true, "dayLearnFirst": false, "schedVer": 2,
		"creationOffset": c.offset, "sched2021": true, "rollover": c.rollover,
	})
	if err != nil {
		return err
	}
	mods, err := json.Marshal(models())
	if err != nil {
		return err
	}
	decks := make(map[string]deck, len(c.decks))
	for _, d := range c.decks {
		decks[itoa(d.ID)] = d
	}
	dks, err := json.Marshal(decks) // map keys are sorted: stable bytes
	if err != nil {
		return err
	}
	dc, err := json.Marshal(dconf(c.modMs / 1000))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		c.crt, c.modMs, c.modMs, string(conf), string(mods), string(dks), string(dc)); err != nil {
		return fmt.Errorf("insert col: %w", err)
	}
	insNote, err := tx.PrepareContext(ctx, `INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`)
	if err != nil {
		return err
	}
	defer insNote.Close()
	for _, n := range c.notes {
		if _, err := insNote.ExecContext(ctx, n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, int64(n.csum)); err != nil {
			return fmt.Errorf("insert note %s: %w", n.guid, err)
		}
	}
	insCard, err := tx.PrepareContext(ctx, `INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '')`)
	if err != nil {
		return err
	}
	defer insCard.Close()
	for _, cr := range c.cards {
		if _, err := insCard.ExecContext(ctx, cr.id, cr.nid, cr.did, cr.ord, cr.mod, cr.typ, cr.queue, cr.due,
			cr.ivl, cr.factor, cr.reps, cr.lapses); err != nil {
			return fmt.Errorf("insert card: %w", err)
		}
	}
	insRev, err := tx.PrepareContext(ctx, `INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, 0, ?)`)
	if err != nil {
		return err
	}
	defer insRev.Close()
	for _, r := range c.revlog {
		if _, err := insRev.ExecContext(ctx, r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.typ); err != nil {
			return fmt.Errorf("insert review: %w", err)
		}
	}
	return tx.Commit()
}

// writeZip writes the package: collection.anki21 and an empty media map,
// deflated, with fixed timestamps (Now in UTC) so the bytes are stable.
func writeZip(w io.Writer, db []byte, now time.Time) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mod := now.UTC().Truncate(2 * time.Second)
	for _, f := range []struct {
		name string
		data []byte
	}{{"collection.anki21", db}, {"media", []byte("{}")}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
