package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
)

// The Bolt store keeps its values in a small binary format: every value
// starts with a format byte, integers are varints, strings and lists are
// length-prefixed. It is compact, keeps strings byte for byte (JSON would
// replace invalid UTF-8) and lets Sync compare a stored card with an
// incoming one without decoding it. A later format gets a new format byte
// and the decoders keep reading the old ones.
const (
	recordV1 = 1 // card record: flags, add sequence, card fields
	// recordV2 adds the buried-until date after the add sequence; it is
	// written only for a card with one, so a store never buried keeps
	// version-1 records.
	recordV2 = 2
	// recordV3 adds the days the card was added and last changed after
	// the buried-until date; it is written only for a card with one of
	// them (every card Sync stores with a Batch.Day), so older stores keep
	// their records until their cards change.
	recordV3 = 3
	stateV1  = 1 // cards.State
	reviewV1 = 1 // cards.Review
)

// flags are the marks of a card record that decide its status. A card
// with any flag set is in no queue.
type flags uint8

// The flags of a card record: orphaned is set by Sync, suspended and
// rejected by SetStatus (a card has at most one of the two).
const (
	flagOrphaned flags = 1 << iota
	flagSuspended
	flagRejected

	flagsKnown = flagOrphaned | flagSuspended | flagRejected
	// flagsMark are the user's marks, set and cleared by SetStatus.
	flagsMark = flagSuspended | flagRejected
)

// errShort reports a value that ends before its last field.
var errShort = errors.New("value is truncated")

// record is a stored card with the flags that decide its status.
type record struct {
	Card  cards.Card
	Seq   uint64 // add sequence: the order of the new-card queue
	Flags flags
	// Buried is the day the card comes back to Due after Bury: Due skips
	// it on earlier days. 0 (as in a version-1 record) means not buried.
	Buried cards.Date
	// Added is the day Sync first stored the card, Changed the day its
	// fields other than its source last changed; 0 when unknown (cards
	// stored before mnemo kept them, or without a Batch.Day).
	Added, Changed cards.Date
}

// entry returns the Entry of record r with state s.
func (r *record) entry(s cards.State) Entry {
	return Entry{Card: r.Card, State: s, Status: statusOf(r.Flags, s), Added: r.Added, Changed: r.Changed}
}

// appendRecord appends the encoding of r; the card ID is the key, not part
// of the value.
func appendRecord(b []byte, r *record) []byte {
	b = appendHead(b, r.Flags, r.Seq, r.Buried, r.Added, r.Changed)
	return appendCardBody(b, &r.Card)
}

// appendHead appends the fields of a card record before the card's: the
// oldest format that holds them (version 1 for a card neither buried nor
// dated, version 2 for a buried one, else version 3).
func appendHead(b []byte, f flags, seq uint64, buried, added, changed cards.Date) []byte {
	switch {
	case buried == 0 && added == 0 && changed == 0:
		b = append(b, recordV1, byte(f))
		return binary.AppendUvarint(b, seq)
	case added == 0 && changed == 0:
		b = append(b, recordV2, byte(f))
		b = binary.AppendUvarint(b, seq)
		return binary.AppendVarint(b, int64(buried))
	}
	b = append(b, recordV3, byte(f))
	b = binary.AppendUvarint(b, seq)
	b = binary.AppendVarint(b, int64(buried))
	b = binary.AppendVarint(b, int64(added))
	return binary.AppendVarint(b, int64(changed))
}

// setBuried returns a new card record: the one h was decoded from, with
// the buried-until date d.
func setBuried(h *recordHead, d cards.Date) []byte {
	b := appendHead(make([]byte, 0, 32+len(h.body)), h.Flags, h.Seq, d, h.Added, h.Changed)
	return append(b, h.body...)
}

// appendCardBody appends every field of c but its ID. The path comes first
// so the orphan scan of Sync reads it without decoding the rest.
func appendCardBody(b []byte, c *cards.Card) []byte {
	b = appendString(b, c.Source.Path)
	b = binary.AppendVarint(b, int64(c.Source.Line))
	b = appendString(b, c.Deck)
	b = binary.AppendVarint(b, int64(c.Kind))
	b = appendString(b, c.Front)
	b = appendString(b, c.Back)
	b = appendString(b, c.Cloze)
	b = appendStrings(b, c.Context)
	b = appendStrings(b, c.Tags)
	return appendString(b, c.Rule)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// recordHead is the part of a card record that Sync reads for every stored
// card: flags, add sequence, dates, path, deck, and where the card fields
// start.
type recordHead struct {
	Flags          flags
	Seq            uint64
	Buried         cards.Date
	Added, Changed cards.Date
	path, deck     []byte // share the value's memory
	body           []byte // the card fields, as appendCardBody wrote them
}

// decodeHead decodes the head of a card record without copying the body.
func decodeHead(v []byte) (recordHead, error) {
	var h recordHead
	if len(v) < 2 {
		return h, errShort
	}
	if v[0] < recordV1 || v[0] > recordV3 {
		return h, fmt.Errorf("unknown card record format %d", v[0])
	}
	h.Flags = flags(v[1])
	if h.Flags&^flagsKnown != 0 {
		return h, fmt.Errorf("unknown card flags %#x", v[1])
	}
	if h.Flags&flagsMark == flagsMark {
		return h, fmt.Errorf("card both suspended and rejected (flags %#x)", v[1])
	}
	d := decoder{b: v[2:]}
	h.Seq = d.uvarint()
	if v[0] >= recordV2 {
		h.Buried = d.date()
	}
	if v[0] >= recordV3 {
		h.Added = d.date()
		h.Changed = d.date()
	}
	h.body = d.b
	h.path = d.bytes()
	d.varint() // line
	h.deck = d.bytes()
	return h, d.err
}

// decodeRecord decodes a card record stored under id. Strings are copied:
// the result does not share memory with v.
func decodeRecord(id []byte, v []byte) (record, error) {
	h, err := decodeHead(v)
	if err != nil {
		return record{}, err
	}
	r := record{Seq: h.Seq, Flags: h.Flags, Buried: h.Buried, Added: h.Added, Changed: h.Changed}
	c := &r.Card
	c.ID = cards.ID(id)
	d := decoder{b: h.body}
	c.Source.Path = d.string()
	c.Source.Line = d.int()
	c.Deck = d.string()
	c.Kind = cards.Kind(d.int())
	c.Front = d.string()
	c.Back = d.string()
	c.Cloze = d.string()
	c.Context = d.strings()
	c.Tags = d.strings()
	c.Rule = d.string()
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d bytes after the last field", len(d.b))
	}
	return r, d.err
}

// setFlags returns a copy of the record v with flags f.
func setFlags(v []byte, f flags) []byte {
	out := append([]byte(nil), v...)
	out[1] = byte(f)
	return out
}

func appendState(b []byte, s cards.State) []byte {
	b = append(b, stateV1)
	return appendStateFields(b, s)
}

func appendStateFields(b []byte, s cards.State) []byte {
	b = binary.AppendVarint(b, int64(s.Reps))
	b = binary.AppendVarint(b, int64(s.EF))
	b = binary.AppendVarint(b, int64(s.Interval))
	b = binary.AppendVarint(b, int64(s.Due))
	b = binary.AppendVarint(b, int64(s.Lapses))
	b = binary.AppendVarint(b, int64(s.Reviews))
	return binary.AppendVarint(b, int64(s.Last))
}

func decodeState(v []byte) (cards.State, error) {
	if len(v) < 1 {
		return cards.State{}, errShort
	}
	if v[0] != stateV1 {
		return cards.State{}, fmt.Errorf("unknown state format %d", v[0])
	}
	d := decoder{b: v[1:]}
	s := d.state()
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d bytes after the last field", len(d.b))
	}
	return s, d.err
}

// appendReview encodes r. At keeps its instant, its zone offset and its
// zone name (not the zone's rules: it comes back as a fixed zone, or UTC).
func appendReview(b []byte, r *cards.Review) []byte {
	b = append(b, reviewV1)
	b = appendString(b, string(r.Card))
	b = appendTime(b, r.At)
	b = binary.AppendVarint(b, int64(r.Day))
	b = binary.AppendVarint(b, int64(r.Grade))
	drill := byte(0)
	if r.Drill {
		drill = 1
	}
	b = append(b, drill)
	b = appendStateFields(b, r.Before)
	return appendStateFields(b, r.After)
}

func decodeReview(v []byte) (cards.Review, error) {
	var r cards.Review
	if len(v) < 1 {
		return r, errShort
	}
	if v[0] != reviewV1 {
		return r, fmt.Errorf("unknown review format %d", v[0])
	}
	d := decoder{b: v[1:]}
	r.Card = cards.ID(d.string())
	r.At = d.time()
	r.Day = cards.Date(d.int())
	r.Grade = cards.Grade(d.int())
	switch d.byte() {
	case 0:
	case 1:
		r.Drill = true
	default:
		d.fail(errors.New("bad drill flag"))
	}
	r.Before = d.state()
	r.After = d.state()
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d bytes after the last field", len(d.b))
	}
	return r, d.err
}

// Time encoding flags.
const (
	timeUTC   = 0 // UTC: no offset follows
	timeFixed = 1 // an offset in seconds and a zone name follow
)

func appendTime(b []byte, t time.Time) []byte {
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	name, offset := t.Zone()
	if offset == 0 && (name == "UTC" || name == "") {
		return append(b, timeUTC)
	}
	b = append(b, timeFixed)
	b = binary.AppendVarint(b, int64(offset))
	return appendString(b, name)
}

// roundTime returns t as the Bolt store gives it back, so that Memory
// returns the same values: no monotonic reading, zone reduced to its
// offset and name.
func roundTime(t time.Time) time.Time {
	d := decoder{b: appendTime(nil, t)}
	return d.time()
}

// decoder reads the fields of a value; the first error sticks and makes
// every later read return a zero value.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v := d.varint()
	if int64(int(v)) != v {
		d.fail(fmt.Errorf("integer %d out of range", v))
		return 0
	}
	return int(v)
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.fail(errShort)
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) string() string {
	return string(d.bytes())
}

// bytes decodes a string without copying it.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail(errShort)
		return nil
	}
	s := d.b[:n:n]
	d.b = d.b[n:]
	return s
}

// strings decodes a list; an empty list is nil.
func (d *decoder) strings() []string {
	n := d.uvarint()
	if d.err != nil || n == 0 {
		return nil
	}
	// Each string takes at least one byte: a longer count is damage, and
	// must not make us allocate.
	if n > uint64(len(d.b)) {
		d.fail(errShort)
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.string()
	}
	if d.err != nil {
		return nil
	}
	return ss
}

func (d *decoder) state() cards.State {
	var s cards.State
	s.Reps = d.int()
	s.EF = d.int()
	s.Interval = d.int()
	s.Due = d.date()
	s.Lapses = d.int()
	s.Reviews = d.int()
	s.Last = d.date()
	return s
}

func (d *decoder) date() cards.Date {
	v := d.varint()
	if int64(cards.Date(v)) != v {
		d.fail(fmt.Errorf("date %d out of range", v))
		return 0
	}
	return cards.Date(v)
}

func (d *decoder) time() time.Time {
	sec := d.varint()
	nsec := d.uvarint()
	kind := d.byte()
	if d.err != nil {
		return time.Time{}
	}
	if nsec >= 1e9 {
		d.fail(fmt.Errorf("nanoseconds %d out of range", nsec))
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	switch kind {
	case timeUTC:
		return t.UTC()
	case timeFixed:
		offset := d.int()
		name := d.string()
		if d.err != nil {
			return time.Time{}
		}
		// time.FixedZone accepts any offset, but zones beyond ±1 day are
		// not real ones.
		if offset < -86400 || offset > 86400 {
			d.fail(fmt.Errorf("zone offset %d out of range", offset))
			return time.Time{}
		}
		return t.In(time.FixedZone(name, offset))
	}
	d.fail(fmt.Errorf("unknown time zone kind %d", kind))
	return time.Time{}
}
