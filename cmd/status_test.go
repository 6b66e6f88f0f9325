package cmd

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

func TestNewStatusCmd(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    statusOptions
		wantErr bool
	}{
		{"defaults", nil, statusOptions{}, false},
		{"short", []string{"--short"}, statusOptions{Short: true}, false},
		{"extra argument", []string{"x"}, statusOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFlags(t, &App{IO: &IOStreams{}}, newStatusCmd, tt.args, tt.want, tt.wantErr)
		})
	}
}

// TestRunStatus_Short follows the --short line through a review: 3 cards
// added, 2 reviewed on 03-01 (due 03-02), then on 03-02 one reviewed again.
func TestRunStatus_Short(t *testing.T) {
	dir := t.TempDir()
	note := writeFile(t, filepath.Join(dir, "n.md"), "- a1::b1\n- a2::b2\n- a3::b3\n")
	e := map[string]string{"MNEMO_DB": filepath.Join(dir, "mnemo.db"), "MNEMO_NOW": "2026-03-01T09:00:00Z"}
	mnemo := func(tty bool, stdin string, args ...string) (string, string) {
		t.Helper()
		io, out, errOut := newTestIO(stdin)
		io.OutTTY, io.Color = tty, tty
		if code := run(t.Context(), args, io, env(e)); code != 0 {
			t.Fatalf("mnemo %q = %d; stderr:\n%s", args, code, errOut)
		}
		return out.String(), errOut.String()
	}
	type output struct{ Out, Err string }
	check := func(name string, tty bool, want output) {
		t.Helper()
		out, errOut := mnemo(tty, "", "status", "--short")
		if diff := cmp.Diff(want, output{out, errOut}); diff != "" {
			t.Errorf("%s: status --short (-want +got):\n%s", name, diff)
		}
	}
	check("no store", false, output{})
	mnemo(false, "", "add", note)
	check("all new", false, output{Out: "0 due · 3 new\n"})
	mnemo(false, "\n4\n\n4\n", "review", "--new", "2")
	check("reviewed today", false, output{Out: "0 due · 1 new · next 2026-03-02\n"})
	_, summary := mnemo(false, "", "status")
	if want := "Today is 2026-03-01: 0 card(s) due.\nNext: 2026-03-02 (2 cards).\n"; summary != want {
		t.Errorf("status stderr = %q, want %q", summary, want)
	}
	e["MNEMO_NOW"] = "2026-03-02T09:00:00Z"
	check("due", false, output{Out: "2 due · 1 new\n"})
	check("due on a terminal", true, output{Out: "\x1b[33m2 due\x1b[0m · 1 new\n"})
	mnemo(false, "\n4\n\n5\n", "review", "--new", "0")
	check("done", false, output{Out: "0 due · 1 new · next 2026-03-08\n"})
}

// TestCountCards checks that status counts the same from a store's
// Counts as from its cards.
func TestCountCards(t *testing.T) {
	ctx := t.Context()
	m := store.NewMemory()
	defer m.Close()
	card := func(id, deck, path string) cards.Card {
		return cards.Card{ID: cards.ID(id), Deck: deck, Kind: cards.Basic, Front: id, Back: id, Source: cards.Source{Path: path, Line: 1}}
	}
	cs := []cards.Card{card("n1", "a", "n/x.md"), card("r1", "a", "n/x.md"), card("r2", "a::b", "n/x.md"),
		card("s1", "b", "n/x.md"), card("o1", "b", "n/y.md")}
	if _, err := m.Sync(ctx, store.Batch{Cards: cs, Roots: []string{"n"}}); err != nil {
		t.Fatal(err)
	}
	today := cards.DateOf(2026, 3, 1)
	for id, due := range map[cards.ID]cards.Date{"r1": today, "r2": today + 3} {
		after := cards.State{Reps: 1, EF: cards.DefaultEF, Interval: 1, Due: due, Reviews: 1, Last: today - 1}
		if err := m.Record(ctx, cards.Review{Card: id, Day: today - 1, Grade: cards.Good, Before: cards.NewState(), After: after}); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.SetStatus(ctx, []cards.ID{"s1"}, cards.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Sync(ctx, store.Batch{Cards: cs[:4], Roots: []string{"n"}}); err != nil {
		t.Fatal(err)
	}
	type counts struct {
		ByDeck map[string]deckCounts
		Sum    deckCounts
		Next   cards.Date
		NextN  int
	}
	want := counts{
		ByDeck: map[string]deckCounts{"a": {due: 1, fresh: 1, total: 2}, "a::b": {total: 1}, "b": {total: 2, orphaned: 1}},
		Sum:    deckCounts{due: 1, fresh: 1, total: 5, orphaned: 1},
		Next:   today + 3, NextN: 1,
	}
	for _, tt := range []struct {
		name string
		s    store.Store
	}{
		{"counts", m},
		{"cards", struct{ store.Store }{m}}, // hides Counts
	} {
		byDeck, sum, next, nextN, err := countCards(ctx, tt.s, today)
		if err != nil {
			t.Fatalf("%s: countCards() error = %v", tt.name, err)
		}
		got := counts{ByDeck: map[string]deckCounts{}, Sum: sum, Next: next, NextN: nextN}
		for d, c := range byDeck {
			got.ByDeck[d] = *c
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(deckCounts{})); diff != "" {
			t.Errorf("%s: countCards() mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}
