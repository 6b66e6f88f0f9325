package apkg

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/export"
)

var testNow = time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)

func at(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

// testNotes is a hand-written set: basic, reversed, cloze with a schedule
// and three reviews (one a drill), a new card, a suspended card, nested
// decks.
func testNotes() []Note {
	s1 := cards.State{EF: 250, Reviews: 0}
	s2 := cards.State{Reps: 1, EF: 250, Interval: 1, Due: cards.DateOf(2026, 3, 11), Reviews: 1, Last: cards.DateOf(2026, 3, 10)}
	s3 := cards.State{Reps: 2, EF: 236, Interval: 6, Due: cards.DateOf(2026, 3, 17), Reviews: 2, Last: cards.DateOf(2026, 3, 11)}
	cloze := cards.Card{
		ID: "c10ze00000000001", Deck: "lang::fr::verbs", Kind: cards.Cloze,
		Front: "Je [...] là", Back: "suis", Cloze: "Je {{c1::suis}} **là**",
		Context: []string{"French", "Être"}, Tags: []string{"fr", "grammar"}, Rule: "cloze",
		Source: cards.Source{Path: "fr.md", Line: 3},
	}
	return []Note{
		{
			Card: cards.Card{ID: "ba51c00000000001", Deck: "geo", Kind: cards.Basic,
				Front: "Capital of *France*", Back: "Paris & co <b>", Context: []string{"geo"},
				Rule: "explicit", Source: cards.Source{Path: "geo.md", Line: 1}},
			State:    cards.State{Reps: 3, EF: 260, Interval: 15, Due: cards.DateOf(2026, 4, 1), Reviews: 3, Last: cards.DateOf(2026, 3, 17)},
			Modified: at(17, 10),
		},
		{
			Card: cards.Card{ID: "5e7e500000000001", Deck: "geo", Kind: cards.Reversed,
				Front: "Paris", Back: "Capital of France", Rule: "explicit",
				Source: cards.Source{Path: "geo.md", Line: 2}},
			State: cards.NewState(),
		},
		{
			Card:  cloze,
			State: s3,
			Log: []cards.Review{
				{Card: cloze.ID, At: at(10, 8), Day: cards.DateOf(2026, 3, 10), Grade: 4, Before: s1, After: s2},
				{Card: cloze.ID, At: at(11, 8), Day: cards.DateOf(2026, 3, 11), Grade: 3, Before: s2, After: s3},
				{Card: cloze.ID, At: at(11, 9), Day: cards.DateOf(2026, 3, 11), Grade: 5, Drill: true, Before: s3, After: s3},
				{Card: "0ther00000000000", At: at(12, 9), Grade: 5},
			},
			Modified: at(11, 9),
		},
		{
			Card: cards.Card{ID: "5u5be00000000001", Deck: "lang::fr", Kind: cards.Basic,
				Front: "`avoir`", Back: "to have", Source: cards.Source{Path: "fr.md", Line: 9}},
			State:     cards.State{Reps: 1, EF: 250, Interval: 1, Due: cards.DateOf(2026, 3, 19), Reviews: 1, Lapses: 1, Last: cards.DateOf(2026, 3, 18)},
			Suspended: true,
		},
	}
}

func writeTest(t *testing.T, notes []Note) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, notes, Options{Now: testNow, Rollover: 4}); err != nil {
		t.Fatalf("Write() = %v", err)
	}
	return buf.Bytes()
}

// unpack extracts the package into a temporary directory and returns the
// collection path.
func unpack(t *testing.T, pkg []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatalf("zip: %v", err)
	}
	var names []string
	dir := t.TempDir()
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "media" && string(data) != "{}" {
			t.Errorf("media = %q, want {}", data)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"collection.anki21", "media"}, names); diff != "" {
		t.Fatalf("zip entries (-want +got):\n%s", diff)
	}
	return filepath.Join(dir, "collection.anki21")
}

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func query[T any](t *testing.T, db *sql.DB, q string, scan func(*sql.Rows) (T, error)) []T {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWrite(t *testing.T) {
	db := openDB(t, unpack(t, writeTest(t, testNotes())))
	nowMs := testNow.UnixMilli()
	// Day 0 is 2026-03-10, the first review; 04:00 UTC.
	crt := time.Date(2026, 3, 10, 4, 0, 0, 0, time.UTC).Unix()

	type colRow struct {
		Crt, Mod, Scm, Ver, Dty, USN, Ls int64
		Conf, Models, Decks, Dconf, Tags string
	}
	cols := query(t, db, `SELECT crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags FROM col`, func(r *sql.Rows) (colRow, error) {
		var c colRow
		err := r.Scan(&c.Crt, &c.Mod, &c.Scm, &c.Ver, &c.Dty, &c.USN, &c.Ls, &c.Conf, &c.Models, &c.Decks, &c.Dconf, &c.Tags)
		return c, err
	})
	if len(cols) != 1 {
		t.Fatalf("col rows = %d, want 1", len(cols))
	}
	c := cols[0]
	if diff := cmp.Diff([]int64{crt, nowMs, nowMs, 11, 0, 0, 0}, []int64{c.Crt, c.Mod, c.Scm, c.Ver, c.Dty, c.USN, c.Ls}); diff != "" {
		t.Errorf("col (-want +got):\n%s", diff)
	}
	var conf map[string]any
	if err := json.Unmarshal([]byte(c.Conf), &conf); err != nil {
		t.Fatal(err)
	}
	if conf["schedVer"] != 2.0 || conf["rollover"] != 4.0 || conf["creationOffset"] != 0.0 {
		t.Errorf("conf = %v", conf)
	}
	var decks map[string]struct {
		ID   int64
		Name string
		Conf int64
	}
	if err := json.Unmarshal([]byte(c.Decks), &decks); err != nil {
		t.Fatal(err)
	}
	deckIDs := map[string]int64{}
	for k, d := range decks {
		if k != itoa(d.ID) {
			t.Errorf("deck key %s holds id %d", k, d.ID)
		}
		deckIDs[d.Name] = d.ID
	}
	wantDecks := map[string]int64{"Default": 1, "geo": deckID("geo"), "lang": deckID("lang"),
		"lang::fr": deckID("lang::fr"), "lang::fr::verbs": deckID("lang::fr::verbs")}
	if diff := cmp.Diff(wantDecks, deckIDs); diff != "" {
		t.Errorf("decks (-want +got):\n%s", diff)
	}
	var models map[string]struct {
		Name string
		Type int
		Flds []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(c.Models), &models); err != nil {
		t.Fatal(err)
	}
	if m := models[itoa(BasicModelID)]; m.Name != "mnemo Basic" || m.Type != 0 || len(m.Flds) != 2 {
		t.Errorf("basic model = %+v", m)
	}
	if m := models[itoa(ClozeModelID)]; m.Name != "mnemo Cloze" || m.Type != 1 || len(m.Flds) != 2 {
		t.Errorf("cloze model = %+v", m)
	}

	type note struct {
		ID, Mid, Mod int64
		GUID, Tags   string
		Flds, Sfld   string
		Csum         int64
	}
	gotNotes := query(t, db, `SELECT id, guid, mid, mod, tags, flds, sfld, csum FROM notes ORDER BY id`, func(r *sql.Rows) (note, error) {
		var n note
		err := r.Scan(&n.ID, &n.GUID, &n.Mid, &n.Mod, &n.Tags, &n.Flds, &n.Sfld, &n.Csum)
		return n, err
	})
	ctxGeo := contextOpen + "geo</div>"
	clozeFld := "Je {{c1::suis}} <b>là</b>"
	wantNotes := []note{
		{nowMs - 4, BasicModelID, at(17, 10).Unix(), "mnemoba51c00000000001", " mnemo mnemo::explicit ",
			ctxGeo + "Capital of <i>France</i>\x1fParis &amp; co &lt;b&gt;", "geoCapital of France", int64(checksum(ctxGeo + "Capital of <i>France</i>"))},
		{nowMs - 3, BasicModelID, testNow.Unix(), "mnemo5e7e500000000001", " mnemo mnemo::explicit ",
			"Paris\x1fCapital of France", "Paris", int64(checksum("Paris"))},
		{nowMs - 2, BasicModelID, testNow.Unix(), "mnemo5u5be00000000001", " mnemo ",
			"<code>avoir</code>\x1fto have", "avoir", int64(checksum("avoir"))},
		{nowMs - 1, ClozeModelID, at(11, 9).Unix(), "mnemoc10ze00000000001", " fr grammar mnemo mnemo::cloze ",
			clozeFld + "\x1f" + contextOpen + "French › Être</div>", "Je {{c1::suis}} là", int64(checksum(clozeFld))},
	}
	if diff := cmp.Diff(wantNotes, gotNotes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}

	type card struct {
		ID, Nid, Did                                   int64
		Ord, Type, Queue                               int
		Due                                            int64
		Ivl, Factor, Reps, Lapses, Left, Odue, Odid, F int
		USN                                            int
	}
	gotCards := query(t, db, `SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, usn FROM cards ORDER BY id`, func(r *sql.Rows) (card, error) {
		var c card
		err := r.Scan(&c.ID, &c.Nid, &c.Did, &c.Ord, &c.Type, &c.Queue, &c.Due, &c.Ivl, &c.Factor, &c.Reps, &c.Lapses, &c.Left, &c.Odue, &c.Odid, &c.F, &c.USN)
		return c, err
	})
	wantCards := []card{
		// Due 2026-04-01 is day 22 from 2026-03-10.
		{ID: nowMs - 4, Nid: nowMs - 4, Did: deckID("geo"), Type: 2, Queue: 2, Due: 22, Ivl: 15, Factor: 2600, Reps: 3, USN: -1},
		{ID: nowMs - 3, Nid: nowMs - 3, Did: deckID("geo"), Due: 1, USN: -1},
		{ID: nowMs - 2, Nid: nowMs - 2, Did: deckID("lang::fr"), Type: 2, Queue: -1, Due: 9, Ivl: 1, Factor: 2500, Reps: 1, Lapses: 1, USN: -1},
		{ID: nowMs - 1, Nid: nowMs - 1, Did: deckID("lang::fr::verbs"), Type: 2, Queue: 2, Due: 7, Ivl: 6, Factor: 2360, Reps: 2, USN: -1},
	}
	if diff := cmp.Diff(wantCards, gotCards); diff != "" {
		t.Errorf("cards (-want +got):\n%s", diff)
	}

	type rev struct {
		ID, Cid                                  int64
		USN, Ease, Ivl, LastIvl, Factor, Time, T int
	}
	gotRevs := query(t, db, `SELECT id, cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id`, func(r *sql.Rows) (rev, error) {
		var v rev
		err := r.Scan(&v.ID, &v.Cid, &v.USN, &v.Ease, &v.Ivl, &v.LastIvl, &v.Factor, &v.Time, &v.T)
		return v, err
	})
	wantRevs := []rev{
		{ID: at(10, 8).UnixMilli(), Cid: nowMs - 1, USN: -1, Ease: 3, Ivl: 1, LastIvl: 0, Factor: 2500, T: 0},
		{ID: at(11, 8).UnixMilli(), Cid: nowMs - 1, USN: -1, Ease: 2, Ivl: 6, LastIvl: 1, Factor: 2360, T: 1},
		{ID: at(11, 9).UnixMilli(), Cid: nowMs - 1, USN: -1, Ease: 4, Ivl: 6, LastIvl: 6, Factor: 2360, T: 2},
	}
	if diff := cmp.Diff(wantRevs, gotRevs); diff != "" {
		t.Errorf("revlog (-want +got):\n%s", diff)
	}

	var graves int
	if err := db.QueryRow(`SELECT count(*) FROM graves`).Scan(&graves); err != nil || graves != 0 {
		t.Errorf("graves = %d, %v; want 0", graves, err)
	}
	var journal string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil || journal != "delete" {
		t.Errorf("journal_mode = %q, %v; want delete", journal, err)
	}
}

func TestChecksum(t *testing.T) {
	tests := []struct {
		field string
		want  uint32
	}{
		{"hello", 2868168221},
		{"<b>hello</b>", 2868168221},
		{"<div class='x'>hel</div>lo", 2868168221},
	}
	for _, tt := range tests {
		if got := checksum(tt.field); got != tt.want {
			t.Errorf("checksum(%q) = %d, want %d", tt.field, got, tt.want)
		}
	}
}

func TestEase(t *testing.T) {
	want := []int{1, 1, 1, 2, 3, 4}
	for g, w := range want {
		if got := ease(cards.Grade(g)); got != w {
			t.Errorf("ease(%d) = %d, want %d", g, got, w)
		}
	}
}

// contextOpen starts the breadcrumb the text export puts in the fields.
const contextOpen = "<div class='mnemo-context' style='font-size:smaller;color:gray'>"

// renderHTML renders s as a package's Back field: the text export's
// renderer, which the package shares.
func renderHTML(t *testing.T, s string) string {
	t.Helper()
	n, err := export.NewAnkiNote(&cards.Card{ID: "a1", Kind: cards.Basic, Front: "q", Back: s})
	if err != nil {
		t.Fatal(err)
	}
	return n.Fields[1]
}

func TestRenderHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"**bold** and *it*", "<b>bold</b> and <i>it</i>"},
		{"a < b & c > d", "a &lt; b &amp; c &gt; d"},
		{"`x < *y*` z", "<code>x &lt; *y*</code> z"},
		{"one `open", "one `open"},
		{"line\nbreak", "line<br>break"},
		{"2 * 3 * 4", "2 * 3 * 4"},
	}
	for _, tt := range tests {
		if got := renderHTML(t, tt.in); got != tt.want {
			t.Errorf("renderHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDeckName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "Default"},
		{"a:: b ::c", "a::b::c"},
		{"a::::b", "a::b"},
		{"2018", "mnemo::2018"},
	}
	for _, tt := range tests {
		if got := export.AnkiDeck(tt.in); got != tt.want {
			t.Errorf("AnkiDeck(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrite_errors(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil, Options{}); !errors.Is(err, ErrNoNow) || buf.Len() != 0 {
		t.Errorf("Write(no Now) = %v (%d bytes), want ErrNoNow and nothing written", err, buf.Len())
	}
	good := testNotes()[0]
	bad := []Note{
		{Card: cards.Card{ID: "x", Kind: cards.Cloze, Cloze: "no deletion"}},
		good,
		{Card: cards.Card{ID: "y", Kind: 9}},
	}
	err := Write(&buf, bad, Options{Now: testNow})
	if !errors.Is(err, ErrBadCloze) || !errors.Is(err, ErrUnknownKind) {
		t.Errorf("Write(bad cards) = %v, want ErrBadCloze and ErrUnknownKind", err)
	}
	if ce, ok := errors.AsType[*CardError](err); !ok || ce.ID != "x" {
		t.Errorf("Write(bad cards) = %v, want a *CardError for x first", err)
	}
	db := openDB(t, unpack(t, buf.Bytes()))
	var notes int
	if err := db.QueryRow(`SELECT count(*) FROM notes`).Scan(&notes); err != nil || notes != 1 {
		t.Errorf("notes = %d, %v; want the 1 good card", notes, err)
	}
}

func TestWrite_stable(t *testing.T) {
	a := writeTest(t, testNotes())
	ns := testNotes()
	ns[0], ns[3] = ns[3], ns[0] // order does not matter
	b := writeTest(t, ns)
	if !bytes.Equal(a, b) {
		t.Error("Write gave different bytes for the same notes")
	}
}

// TestWrite_ids checks that review ids stay unique and never pass Now, even
// for reviews in the same millisecond or in the future.
func TestWrite_ids(t *testing.T) {
	s := cards.NewState()
	var log []cards.Review
	for i := range 5 {
		log = append(log, cards.Review{Card: "a", At: testNow.Add(time.Duration(i-2) * time.Microsecond), Grade: 4, Before: s, After: s})
	}
	rows := revlog(func() []revIn {
		var in []revIn
		for _, r := range log {
			in = append(in, revIn{cid: 1, r: r})
		}
		return in
	}(), testNow.UnixMilli())
	seen := map[int64]bool{}
	for _, r := range rows {
		if seen[r.id] || r.id > testNow.UnixMilli() {
			t.Errorf("revlog id %d repeated or after now %d", r.id, testNow.UnixMilli())
		}
		seen[r.id] = true
	}
}

// TestWrite_python checks the collection with Python's own sqlite3 module
// (skipped without python3).
func TestWrite_python(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	path := unpack(t, writeTest(t, testNotes()))
	const script = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
names = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'"))
assert names == ["cards", "col", "graves", "notes", "revlog"], names
idx = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'"))
want = sorted(["ix_notes_usn", "ix_cards_usn", "ix_revlog_usn", "ix_cards_nid", "ix_cards_sched", "ix_revlog_cid", "ix_notes_csum"])
assert idx == want, idx
counts = [db.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in ("col", "notes", "cards", "revlog")]
assert counts == [1, 4, 4, 3], counts
orphans = db.execute("SELECT count(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)").fetchone()[0]
assert orphans == 0
print("ok")
`
	out, err := exec.CommandContext(t.Context(), py, "-c", script, path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("python check: %v\n%s", err, out)
	}
}

// TestWrite_ankiReader reads the package with the npm package anki-reader
// (skipped with -short, without node and npm, or when the install fails).
func TestWrite_ankiReader(t *testing.T) {
	if testing.Short() {
		t.Skip("needs npm install")
	}
	node, err1 := exec.LookPath("node")
	npm, err2 := exec.LookPath("npm")
	if err1 != nil || err2 != nil {
		t.Skip("no node or npm")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	install := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--silent", "anki-reader@0.3.0")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		t.Skipf("npm install anki-reader: %v\n%s", err, out)
	}
	col := unpack(t, writeTest(t, testNotes()))
	// anki-reader's readAnkiPackage looks for collection.anki2 only, so the
	// test hands it the extracted collection.anki21.
	const script = `
import { readAnkiCollection } from 'anki-reader';
import { readFileSync } from 'fs';
const col = await readAnkiCollection(readFileSync(process.argv[2]));
const out = [];
for (const [id, deck] of Object.entries(col.getDecks())) {
  for (const [cid, card] of Object.entries(deck.getCards())) {
    out.push([deck.getName(), card.getRawFields()]);
  }
}
out.sort((a, b) => a[1] < b[1] ? -1 : 1);
console.log(JSON.stringify(out));
`
	if err := os.WriteFile(filepath.Join(dir, "read.mjs"), []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, node, "read.mjs", col)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v\n%s", err, out)
	}
	var got [][2]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("anki-reader output %q: %v", out, err)
	}
	want := [][2]string{
		{"lang::fr", "<code>avoir</code>\x1fto have"},
		{"geo", contextOpen + "geo</div>Capital of <i>France</i>\x1fParis &amp; co &lt;b&gt;"},
		{"lang::fr::verbs", "Je {{c1::suis}} <b>là</b>\x1f" + contextOpen + "French › Être</div>"},
		{"geo", "Paris\x1fCapital of France"},
	}
	// The same order as the script's (by fields, UTF-16 code units; all
	// ASCII at the first difference here).
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anki-reader notes (-want +got):\n%s", diff)
	}
}

// TestWrite_header checks the SQLite header: a rollback-journal file (not
// WAL), readable by any SQLite 3.
func TestWrite_header(t *testing.T) {
	data, err := os.ReadFile(unpack(t, writeTest(t, testNotes())))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("SQLite format 3\x00")) || data[18] != 1 || data[19] != 1 {
		t.Errorf("header = %q, want SQLite format 3 with read/write version 1", data[:20])
	}
}

func BenchmarkWrite(b *testing.B) {
	base := testNotes()
	var ns []Note
	for i := range 250 {
		for _, n := range base {
			n.Card.ID = cards.ID(fmt.Sprintf("%s%04d", n.Card.ID[:12], i))
			ns = append(ns, n)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, ns, Options{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}
