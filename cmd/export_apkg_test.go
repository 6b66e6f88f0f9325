package cmd

import (
	"archive/zip"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

func TestNewExportAPKGCmd(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		tty     bool
		want    exportOptions
		wantErr bool
	}{
		{"output", []string{"-o", "x.apkg"}, true, exportOptions{Format: "apkg", Paths: []string{}, Output: "x.apkg"}, false},
		{"deck and paths", []string{"--deck", "a::b", "n.md", "-o", "x.apkg"}, false, exportOptions{Format: "apkg", Deck: "a::b", Paths: []string{"n.md"}, Output: "x.apkg"}, false},
		{"pipe", nil, false, exportOptions{Format: "apkg", Paths: []string{}}, false},
		{"terminal", nil, true, exportOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFlags(t, &App{IO: &IOStreams{OutTTY: tt.tty}}, newExportAPKGCmd, tt.args, tt.want, tt.wantErr)
		})
	}
}

// keepOpen is a store whose Close does nothing, so a test can read the
// memory store after the command closed it.
type keepOpen struct{ store.Store }

func (keepOpen) Close() error { return nil }

func TestRunExportAPKG(t *testing.T) {
	ctx := t.Context()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	mem := store.NewMemory()
	t.Cleanup(func() { mem.Close() })
	cs := []cards.Card{
		{ID: "aaaaaaaaaaaaaaaa", Kind: cards.Basic, Front: "Capital of France", Back: "Paris", Source: cards.Source{Path: "/n/geo.md", Line: 1}},
		{ID: "bbbbbbbbbbbbbbbb", Kind: cards.Basic, Front: "Capital of Japan", Back: "Tokyo", Source: cards.Source{Path: "/n/geo.md", Line: 2}},
		{ID: "cccccccccccccccc", Kind: cards.Basic, Front: "Capital of Peru", Back: "Lima", Source: cards.Source{Path: "/n/geo.md", Line: 3}},
		{ID: "dddddddddddddddd", Kind: cards.Basic, Front: "Capital of Chad", Back: "N'Djamena", Source: cards.Source{Path: "/n/geo.md", Line: 4}},
	}
	if _, err := mem.Sync(ctx, store.Batch{Cards: cs, Roots: []string{"/n"}}); err != nil {
		t.Fatal(err)
	}
	after := cards.State{Reps: 1, EF: 250, Interval: 1, Due: cards.DateOf(2026, 3, 10), Reviews: 1, Last: cards.DateOf(2026, 3, 9)}
	r := cards.Review{Card: "aaaaaaaaaaaaaaaa", At: now.Add(-24 * time.Hour), Day: cards.DateOf(2026, 3, 9), Grade: 4, Before: cards.NewState(), After: after}
	if err := mem.Record(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := mem.SetStatus(ctx, []cards.ID{"bbbbbbbbbbbbbbbb"}, cards.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	if err := mem.SetStatus(ctx, []cards.ID{"cccccccccccccccc"}, cards.StatusRejected); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	out := filepath.Join(dir, "deck.apkg")
	ios, _, errOut := newTestIO("")
	app := &App{IO: ios, Getenv: env(nil), Now: func() time.Time { return now }, DB: filepath.Join(dir, "mnemo.db"),
		OpenStore: func(string, bool) (store.Store, error) { return keepOpen{mem}, nil }}
	if err := runExportAPKG(ctx, &exportOptions{App: app, Format: "apkg", Output: out}); err != nil {
		t.Fatalf("runExportAPKG() = %v", err)
	}
	if got, want := errOut.String(), "3 cards and 1 reviews written to "+out+"\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}

	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("collection.anki21")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	colPath := filepath.Join(dir, "collection.anki21")
	if err := os.WriteFile(colPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", colPath) // driver registered by export/apkg
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT n.guid, c.type, c.queue, c.ivl, (SELECT count(*) FROM revlog r WHERE r.cid = c.id) FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.guid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var guid string
		var typ, queue, ivl, revs int
		if err := rows.Scan(&guid, &typ, &queue, &ivl, &revs); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{guid, itoaInt(typ), itoaInt(queue), itoaInt(ivl), itoaInt(revs)}, " "))
	}
	want := []string{
		"mnemoaaaaaaaaaaaaaaaa 2 2 1 1",  // reviewed once
		"mnemobbbbbbbbbbbbbbbb 0 -1 0 0", // suspended, new
		"mnemodddddddddddddddd 0 0 0 0",  // new; the rejected card is left out
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exported cards (-want +got):\n%s", diff)
	}
}

func itoaInt(n int) string { return strconv.Itoa(n) }

// TestExportAPKGMatchesList runs mnemo as a user does (add, scripted
// reviews over ten days, a suspension), then checks that every card of the
// exported package, read by Python's sqlite3, carries the schedule that
// 'mnemo list --json' shows: type and queue by status, interval, ease
// (E-Factor × 1000), due day, lapses, and reps and revlog rows equal to the
// card's graded reviews and review log in 'mnemo export json'.
func TestExportAPKGMatchesList(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	dir := t.TempDir()
	// One card per deck, so each review session picks its card.
	for deck, line := range map[string]string{
		"a": "- Capital of France::Paris",
		"b": "- Capital of Japan::Tokyo",
		"c": "- Capital of Peru::Lima",
		"d": "- Capital of Chad::N'Djamena",
		"e": "- The ==Seine== flows through Paris.",
		"f": "- Capital of Spain::Madrid",
	} {
		writeFile(t, filepath.Join(dir, "notes", deck, "n.md"), line+"\n")
	}
	db := filepath.Join(dir, "mnemo.db")
	mnemo := func(now, stdin string, args ...string) string {
		t.Helper()
		ios, out, errOut := newTestIO(stdin)
		if code := run(t.Context(), args, ios, env(map[string]string{"MNEMO_DB": db, "MNEMO_NOW": now})); code != exitOK {
			t.Fatalf("mnemo %q at %s = %d; stderr:\n%s", args, now, code, errOut)
		}
		return out.String()
	}
	mnemo("2026-03-01T09:00:00Z", "", "add", filepath.Join(dir, "notes"))
	// Each session: an attempt line and a grade line per card; a grade
	// below 4 brings the card back in the same day's drill.
	sessions := []struct{ day, deck, answers string }{
		{"2026-03-01", "a", "Paris\n5\n"},
		{"2026-03-01", "b", "\n4\n"},
		{"2026-03-01", "c", "\n3\n\n4\n"},
		{"2026-03-01", "d", "\n4\n"},
		{"2026-03-01", "e", "\n4\n"},
		{"2026-03-02", "a", "\n4\n"},
		{"2026-03-02", "b", "\n2\n\n4\n"}, // a lapse
		{"2026-03-02", "c", "\n5\n"},
		{"2026-03-02", "d", "suspend\n"},
		{"2026-03-02", "e", "\n4\n"},
		{"2026-03-03", "b", "\n4\n"},
		{"2026-03-09", "a", "\n3\n\n4\n"},
	}
	for _, s := range sessions {
		mnemo(s.day+"T09:00:00Z", s.answers, "review", "--deck", s.deck)
	}
	const now = "2026-03-10T09:00:00Z"

	// What mnemo says.
	type listed struct {
		ID       cards.ID    `json:"id"`
		Status   string      `json:"status"`
		EF       json.Number `json:"ef"`
		Interval int         `json:"interval"`
		Due      *string     `json:"due"`
		Lapses   int         `json:"lapses"`
	}
	var list []listed
	dec := json.NewDecoder(strings.NewReader(mnemo(now, "", "list", "--json")))
	for dec.More() {
		var l listed
		if err := dec.Decode(&l); err != nil {
			t.Fatal(err)
		}
		list = append(list, l)
	}
	var backup struct {
		Cards []struct {
			ID    cards.ID `json:"id"`
			State struct {
				Reviews int `json:"reviews"`
			} `json:"state"`
		} `json:"cards"`
		Log []struct {
			Card  cards.ID `json:"card"`
			Drill bool     `json:"drill"`
		} `json:"log"`
	}
	if err := json.Unmarshal([]byte(mnemo(now, "", "export", "json")), &backup); err != nil {
		t.Fatal(err)
	}
	reviews, logged, graded := map[cards.ID]int{}, map[cards.ID]int{}, map[cards.ID]int{}
	for _, c := range backup.Cards {
		reviews[c.ID] = c.State.Reviews
	}
	for _, r := range backup.Log {
		logged[r.Card]++
		if !r.Drill {
			graded[r.Card]++
		}
	}

	// What Anki would read.
	out := filepath.Join(dir, "deck.apkg")
	mnemo(now, "", "export", "apkg", "-o", out)
	col := filepath.Join(dir, "collection.anki21")
	unzipFile(t, out, "collection.anki21", col)
	const query = `import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
crt, = db.execute("SELECT crt FROM col").fetchone()
rows = db.execute("""SELECT n.guid, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses,
  (SELECT count(*) FROM revlog r WHERE r.cid = c.id) FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.guid""").fetchall()
print(json.dumps({"crt": crt, "cards": rows}))`
	raw, err := exec.CommandContext(t.Context(), python, "-c", query, col).Output()
	if err != nil {
		t.Fatalf("python3 sqlite3: %v", err)
	}
	var anki struct {
		Crt   int64               `json:"crt"`
		Cards [][]json.RawMessage `json:"cards"` // guid, then numbers
	}
	if err := json.Unmarshal(raw, &anki); err != nil {
		t.Fatalf("python3 output %s: %v", raw, err)
	}
	// Day 0 of the collection: crt is its rollover hour (04:00 by default).
	day0 := cards.DateOf(time.Unix(anki.Crt, 0).UTC().Add(-4 * time.Hour).Date())

	type ankiCard struct {
		Type, Queue, Due, Ivl, Factor, Reps, Lapses, Revlog int
	}
	got := map[string]ankiCard{}
	for _, r := range anki.Cards {
		var guid string
		var v [8]int
		if err := json.Unmarshal(r[0], &guid); err != nil {
			t.Fatal(err)
		}
		for i := range v {
			if err := json.Unmarshal(r[i+1], &v[i]); err != nil {
				t.Fatal(err)
			}
		}
		got[guid] = ankiCard{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]}
	}
	want := map[string]ankiCard{}
	statuses := map[string]int{}
	for _, l := range list {
		statuses[l.Status]++
		if reviews[l.ID] != graded[l.ID] {
			t.Errorf("card %s: state counts %d reviews, the log %d graded ones", l.ID, reviews[l.ID], graded[l.ID])
		}
		c := ankiCard{Reps: reviews[l.ID], Lapses: l.Lapses, Revlog: logged[l.ID]}
		if l.Status == "new" {
			c.Due = got["mnemo"+string(l.ID)].Due // the new-card position, checked below
		} else {
			ef, err := l.EF.Float64()
			if err != nil {
				t.Fatal(err)
			}
			due, err := time.Parse(time.DateOnly, *l.Due)
			if err != nil {
				t.Fatal(err)
			}
			c.Type, c.Queue = 2, 2
			c.Ivl, c.Factor = l.Interval, int(ef*1000+0.5)
			c.Due = int(cards.DateOf(due.Date()) - day0)
		}
		if l.Status == "suspended" {
			c.Queue = -1
		}
		want["mnemo"+string(l.ID)] = c
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("apkg cards against list --json (-want +got):\n%s", diff)
	}
	// The script must have reached every state it means to check.
	if diff := cmp.Diff(map[string]int{"new": 1, "review": 4, "suspended": 1}, statuses); diff != "" {
		t.Errorf("statuses after the script (-want +got):\n%s", diff)
	}
	for _, l := range list {
		if c := got["mnemo"+string(l.ID)]; l.Status == "new" && c.Due < 1 {
			t.Errorf("new card %s: due (new position) %d, want ≥ 1", l.ID, c.Due)
		}
	}
}

// unzipFile copies the file name of the zip archive at path to dst.
func unzipFile(t *testing.T, path, name, dst string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
