package export

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/mnemo-dev/mnemo/cards"
)

// The JSON backup is a full, versioned copy of a store, written by
// WriteBackup and read by ReadBackup. Its layout, version 1:
//
//	{
//	  "format": "mnemo-backup",
//	  "version": 1,
//	  "cards": [
//	    {
//	      "id": "…", "deck": "a::b", "kind": "basic" | "cloze" | "reversed",
//	      "front": "…", "back": "…", "cloze": "…",
//	      "context": ["…"], "source": {"path": "notes/a.md", "line": 3},
//	      "tags": ["…"], "rule": "explicit",
//	      "state": {"reps": 1, "ef": 250, "interval": 1, "due": "2026-03-11",
//	                "lapses": 0, "reviews": 1, "last": "2026-03-10"},
//	      "flags": {"orphaned": false, "suspended": false, "rejected": true,
//	                "buried": "2026-03-11"},
//	      "seq": 1, "added": "2026-03-01", "changed": "2026-03-05"
//	    }
//	  ],
//	  "log": [
//	    {"card": "…", "at": "2026-03-10T09:30:00.000000000+01:00",
//	     "zone": "CET", "day": "2026-03-10", "grade": 4, "drill": false,
//	     "before": {…state…}, "after": {…state…}}
//	  ]
//	}
//
// Cards are sorted by ID (the stored ID); the log is in the order the
// answers were recorded. Keys are always written in the order above, every
// key is present except "flags.buried" (absent when the card is not
// buried), "added" and "changed" (the days the card was first stored and
// its text last changed; absent when unknown, as for cards stored before
// mnemo kept them), "zone" (absent for UTC) and "offset" (see below), and lists
// are never null, so the same store always gives the same bytes.
//
// Dates are days written YYYY-MM-DD; a state's "due" and "last" of a card
// never reviewed are 1970-01-01 (day 0). "ef" is the SM-2 E-Factor as an
// integer in hundredths (250 means 2.50). "at" is RFC 3339 with nine
// digits of nanoseconds and the zone offset; "zone" is the zone's name
// (as the store keeps it), so the time comes back with its instant, its
// offset and its name; "offset" (absent unless the zone's offset is not
// whole minutes, as in some historical zones) is then the offset in
// seconds, and "at" is in UTC. "seq" is the add sequence, the order of the
// new-card queue. Strings are JSON strings: bytes that are not valid UTF-8
// (which no note read as text holds) are written as U+FFFD.
//
// A later layout gets a new "version"; ReadBackup refuses a version it
// does not know, and any key it does not know.

// BackupFormat is the "format" of a JSON backup.
const BackupFormat = "mnemo-backup"

// BackupVersion is the layout version WriteBackup writes and the only one
// ReadBackup reads.
const BackupVersion = 1

// Backup is everything a store holds: its cards and its review log.
type Backup struct {
	// Cards are the stored cards; WriteBackup sorts them by ID.
	Cards []BackupCard
	// Log is the review log in log order.
	Log []cards.Review
}

// BackupCard is one stored card with its schedule, flags and add
// sequence. It has the fields of store.DumpCard, so a caller that holds
// one converts it with BackupCard(d).
type BackupCard struct {
	Card  cards.Card
	State cards.State
	// Orphaned, Suspended and Rejected are the card's flags.
	Orphaned, Suspended, Rejected bool
	// Buried is the day the card comes back to the queue; 0 when not
	// buried.
	Buried cards.Date
	// Seq is the card's add sequence.
	Seq uint64
	// Added and Changed are the days the card was first stored and its
	// fields last changed; 0 when unknown.
	Added, Changed cards.Date
}

// timeLayout is RFC 3339 with nine digits of nanoseconds.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

type backupJSON struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Cards   []cardBackup `json:"cards"`
	Log     []reviewJSON `json:"log"`
}

type cardBackup struct {
	ID      cards.ID   `json:"id"`
	Deck    string     `json:"deck"`
	Kind    string     `json:"kind"`
	Front   string     `json:"front"`
	Back    string     `json:"back"`
	Cloze   string     `json:"cloze"`
	Context []string   `json:"context"`
	Source  sourceJSON `json:"source"`
	Tags    []string   `json:"tags"`
	Rule    string     `json:"rule"`
	State   stateJSON  `json:"state"`
	Flags   flagsJSON  `json:"flags"`
	Seq     uint64     `json:"seq"`
	Added   string     `json:"added,omitempty"`
	Changed string     `json:"changed,omitempty"`
}

type sourceJSON struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

type stateJSON struct {
	Reps     int    `json:"reps"`
	EF       int    `json:"ef"`
	Interval int    `json:"interval"`
	Due      string `json:"due"`
	Lapses   int    `json:"lapses"`
	Reviews  int    `json:"reviews"`
	Last     string `json:"last"`
}

type flagsJSON struct {
	Orphaned  bool   `json:"orphaned"`
	Suspended bool   `json:"suspended"`
	Rejected  bool   `json:"rejected"`
	Buried    string `json:"buried,omitempty"`
}

type reviewJSON struct {
	Card   cards.ID  `json:"card"`
	At     string    `json:"at"`
	Zone   string    `json:"zone,omitempty"`
	Offset int       `json:"offset,omitempty"`
	Day    string    `json:"day"`
	Grade  int       `json:"grade"`
	Drill  bool      `json:"drill"`
	Before stateJSON `json:"before"`
	After  stateJSON `json:"after"`
}

// WriteBackup writes b as a JSON backup (see the layout above), cards
// sorted by ID, indented by two spaces and ending with a newline. It
// returns an error, and writes nothing, for a card of unknown kind, a
// date past 9999-12-31 or before 0001-01-01, or a review time outside
// those years.
func WriteBackup(w io.Writer, b Backup) error {
	out := backupJSON{
		Format: BackupFormat, Version: BackupVersion,
		Cards: make([]cardBackup, 0, len(b.Cards)),
		Log:   make([]reviewJSON, 0, len(b.Log)),
	}
	var errs []error
	cs := slices.Clone(b.Cards)
	slices.SortStableFunc(cs, func(a, b BackupCard) int { return cmp.Compare(a.Card.ID, b.Card.ID) })
	for _, c := range cs {
		j, err := cardToJSON(&c)
		if err != nil {
			errs = append(errs, fmt.Errorf("card %s: %w", c.Card.ID, err))
			continue
		}
		out.Cards = append(out.Cards, j)
	}
	for i, r := range b.Log {
		j, err := reviewToJSON(&r)
		if err != nil {
			errs = append(errs, fmt.Errorf("review %d of card %s: %w", i+1, r.Card, err))
			continue
		}
		out.Log = append(out.Log, j)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// dateJSON writes d as YYYY-MM-DD; dates outside years 1 to 9999 are
// refused, since they would not read back.
func dateJSON(d cards.Date) (string, error) {
	if d < cards.MinDate || d > cards.MaxDate {
		return "", fmt.Errorf("date %d is outside 0001-01-01 to 9999-12-31", d)
	}
	return d.String(), nil
}

func stateToJSON(s cards.State) (stateJSON, error) {
	due, err1 := dateJSON(s.Due)
	last, err2 := dateJSON(s.Last)
	if err := errors.Join(err1, err2); err != nil {
		return stateJSON{}, err
	}
	return stateJSON{
		Reps: s.Reps, EF: s.EF, Interval: s.Interval, Due: due,
		Lapses: s.Lapses, Reviews: s.Reviews, Last: last,
	}, nil
}

func cardToJSON(c *BackupCard) (cardBackup, error) {
	if _, ok := cards.ParseKind(c.Card.Kind.String()); !ok {
		return cardBackup{}, fmt.Errorf("%w %d", ErrUnknownKind, c.Card.Kind)
	}
	st, err := stateToJSON(c.State)
	if err != nil {
		return cardBackup{}, err
	}
	f := flagsJSON{Orphaned: c.Orphaned, Suspended: c.Suspended, Rejected: c.Rejected}
	if c.Buried != 0 {
		if f.Buried, err = dateJSON(c.Buried); err != nil {
			return cardBackup{}, err
		}
	}
	k := &c.Card
	j := cardBackup{
		ID: k.ID, Deck: k.Deck, Kind: k.Kind.String(), Front: k.Front, Back: k.Back, Cloze: k.Cloze,
		Context: nonNil(k.Context), Source: sourceJSON{k.Source.Path, k.Source.Line},
		Tags: nonNil(k.Tags), Rule: k.Rule, State: st, Flags: f, Seq: c.Seq,
	}
	if c.Added != 0 {
		if j.Added, err = dateJSON(c.Added); err != nil {
			return cardBackup{}, err
		}
	}
	if c.Changed != 0 {
		if j.Changed, err = dateJSON(c.Changed); err != nil {
			return cardBackup{}, err
		}
	}
	return j, nil
}

func reviewToJSON(r *cards.Review) (reviewJSON, error) {
	if y := r.At.Year(); y < 1 || y > 9999 {
		return reviewJSON{}, fmt.Errorf("time %s is outside years 1 to 9999", r.At)
	}
	day, err := dateJSON(r.Day)
	if err != nil {
		return reviewJSON{}, err
	}
	before, err1 := stateToJSON(r.Before)
	after, err2 := stateToJSON(r.After)
	if err := errors.Join(err1, err2); err != nil {
		return reviewJSON{}, err
	}
	j := reviewJSON{
		Card: r.Card, At: r.At.Format(timeLayout), Day: day,
		Grade: int(r.Grade), Drill: r.Drill, Before: before, After: after,
	}
	name, offset := r.At.Zone()
	if !(offset == 0 && (name == "UTC" || name == "")) {
		j.Zone = name
	}
	if offset%60 != 0 {
		// RFC 3339 offsets are whole minutes.
		j.At, j.Offset = r.At.UTC().Format(timeLayout), offset
	}
	return j, nil
}

// ReadBackup reads a JSON backup written by WriteBackup. It returns an
// error wrapping ErrNotBackup for a file that is not one, ErrBackupVersion
// for a version other than BackupVersion, and an error for any unknown
// key, a bad date, time or kind, or data after the backup. Empty lists
// come back nil, as a store gives them.
func ReadBackup(r io.Reader) (Backup, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Backup{}, fmt.Errorf("read backup: %w", err)
	}
	// The head first, without DisallowUnknownFields: a newer version may
	// have keys this one does not know.
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Backup{}, fmt.Errorf("read backup: %w: %w", ErrNotBackup, err)
	}
	if head.Format != BackupFormat {
		return Backup{}, fmt.Errorf("read backup: %w: format %q, want %q", ErrNotBackup, head.Format, BackupFormat)
	}
	if head.Version != BackupVersion {
		return Backup{}, fmt.Errorf("read backup: %w %d (this mnemo reads version %d)", ErrBackupVersion, head.Version, BackupVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in backupJSON
	if err := dec.Decode(&in); err != nil {
		return Backup{}, fmt.Errorf("read backup: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Backup{}, errors.New("read backup: data after the backup")
	}
	var b Backup
	var errs []error
	for i := range in.Cards {
		c, err := cardFromJSON(&in.Cards[i])
		if err != nil {
			errs = append(errs, fmt.Errorf("card %d (%s): %w", i+1, in.Cards[i].ID, err))
			continue
		}
		b.Cards = append(b.Cards, c)
	}
	for i := range in.Log {
		r, err := reviewFromJSON(&in.Log[i])
		if err != nil {
			errs = append(errs, fmt.Errorf("review %d of card %s: %w", i+1, in.Log[i].Card, err))
			continue
		}
		b.Log = append(b.Log, r)
	}
	if err := errors.Join(errs...); err != nil {
		return Backup{}, fmt.Errorf("read backup: %w", err)
	}
	return b, nil
}

func nilIfEmpty(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	return ss
}

func parseDate(what, s string) (cards.Date, error) {
	d, err := cards.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return d, nil
}

func stateFromJSON(what string, j *stateJSON) (cards.State, error) {
	due, err1 := parseDate(what+" due", j.Due)
	last, err2 := parseDate(what+" last", j.Last)
	if err := errors.Join(err1, err2); err != nil {
		return cards.State{}, err
	}
	return cards.State{
		Reps: j.Reps, EF: j.EF, Interval: j.Interval, Due: due,
		Lapses: j.Lapses, Reviews: j.Reviews, Last: last,
	}, nil
}

func cardFromJSON(j *cardBackup) (BackupCard, error) {
	kind, ok := cards.ParseKind(j.Kind)
	if !ok {
		return BackupCard{}, fmt.Errorf("%w %q", ErrUnknownKind, j.Kind)
	}
	st, err := stateFromJSON("state", &j.State)
	if err != nil {
		return BackupCard{}, err
	}
	c := BackupCard{
		Card: cards.Card{
			ID: j.ID, Deck: j.Deck, Kind: kind, Front: j.Front, Back: j.Back, Cloze: j.Cloze,
			Context: nilIfEmpty(j.Context), Source: cards.Source{Path: j.Source.Path, Line: j.Source.Line},
			Tags: nilIfEmpty(j.Tags), Rule: j.Rule,
		},
		State: st, Orphaned: j.Flags.Orphaned, Suspended: j.Flags.Suspended, Rejected: j.Flags.Rejected,
		Seq: j.Seq,
	}
	if j.Flags.Buried != "" {
		if c.Buried, err = parseDate("buried", j.Flags.Buried); err != nil {
			return BackupCard{}, err
		}
	}
	if j.Added != "" {
		if c.Added, err = parseDate("added", j.Added); err != nil {
			return BackupCard{}, err
		}
	}
	if j.Changed != "" {
		if c.Changed, err = parseDate("changed", j.Changed); err != nil {
			return BackupCard{}, err
		}
	}
	return c, nil
}

func reviewFromJSON(j *reviewJSON) (cards.Review, error) {
	at, err := time.Parse(time.RFC3339Nano, j.At)
	if err != nil {
		return cards.Review{}, fmt.Errorf("at: %w", err)
	}
	// time.Parse gives the local zone when its offset matches: keep only
	// the offset and the zone name the backup holds.
	_, offset := at.Zone()
	if j.Offset != 0 {
		if offset != 0 || j.Offset%60 == 0 || j.Offset < -86400 || j.Offset > 86400 {
			return cards.Review{}, fmt.Errorf("offset %d with time %s", j.Offset, j.At)
		}
		offset = j.Offset
	}
	if offset == 0 && (j.Zone == "" || j.Zone == "UTC") {
		at = at.UTC()
	} else {
		at = at.In(time.FixedZone(j.Zone, offset))
	}
	day, err := parseDate("day", j.Day)
	if err != nil {
		return cards.Review{}, err
	}
	before, err1 := stateFromJSON("before", &j.Before)
	after, err2 := stateFromJSON("after", &j.After)
	if err := errors.Join(err1, err2); err != nil {
		return cards.Review{}, err
	}
	return cards.Review{
		Card: j.Card, At: at, Day: day, Grade: cards.Grade(j.Grade),
		Drill: j.Drill, Before: before, After: after,
	}, nil
}
