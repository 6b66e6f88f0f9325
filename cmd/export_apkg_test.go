package cmd

import (
	"archive/zip"
	"context"
	"database/sql"
	"io"
	"os"
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
			var got *exportOptions
			app := &App{IO: &IOStreams{OutTTY: tt.tty}}
			c := newExportAPKGCmd(app, func(_ context.Context, o *exportOptions) error { got = o; return nil })
			c.SetArgs(tt.args)
			c.SilenceErrors, c.SilenceUsage = true, true
			err := c.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("export apkg %q: err = %v, wantErr %v", tt.args, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got.App = nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("export apkg %q options (-want +got):\n%s", tt.args, diff)
			}
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
