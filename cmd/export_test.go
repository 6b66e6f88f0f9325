package cmd

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/store"
)

func TestNewExportCmds(t *testing.T) {
	type newCmd func(*App, func(context.Context, *exportOptions) error) *cobra.Command
	tests := []struct {
		name    string
		cmd     newCmd
		args    []string
		want    exportOptions
		wantErr bool
	}{
		{"anki", newExportAnkiCmd, []string{"-o", "x.txt"},
			exportOptions{Format: "anki", Paths: []string{}, Output: "x.txt", BasicName: "Basic", ClozeName: "Cloze"}, false},
		{"anki due only", newExportAnkiCmd, []string{"--due-only", "--deck", "fr"},
			exportOptions{Format: "anki", Paths: []string{}, Deck: "fr", DueOnly: true, BasicName: "Basic", ClozeName: "Cloze"}, false},
		{"anki due only with notes", newExportAnkiCmd, []string{"--due-only", "notes"}, exportOptions{}, true},
		{"pdf due only", newExportPDFCmd, []string{"--due-only", "--layout", "cards", "-o", "x.pdf"},
			exportOptions{Format: "pdf", Paths: []string{}, Output: "x.pdf", DueOnly: true, Paper: "a4", Layout: "cards"}, false},
		{"pdf due only with notes", newExportPDFCmd, []string{"--due-only", "n.md", "-o", "x.pdf"}, exportOptions{}, true},
		{"apkg due only", newExportAPKGCmd, []string{"--due-only", "-o", "x.apkg"},
			exportOptions{Format: "apkg", Paths: []string{}, Output: "x.apkg", DueOnly: true}, false},
		{"apkg due only with notes", newExportAPKGCmd, []string{"--due-only", "n.md", "-o", "x.apkg"}, exportOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkFlags(t, &App{IO: &IOStreams{}}, tt.cmd, tt.args, tt.want, tt.wantErr)
			if err != nil && exitCode(err) != exitUsage {
				t.Errorf("export %q: exit code %d, want %d (usage)", tt.args, exitCode(err), exitUsage)
			}
		})
	}
}

func TestDueEntries(t *testing.T) {
	today := cards.DateOf(2026, 3, 10)
	mk := func(id cards.ID, st cards.Status, due cards.Date) store.Entry {
		s := cards.NewState()
		if st != cards.StatusNew {
			s = cards.State{Reps: 1, EF: 250, Interval: 1, Due: due, Reviews: 1, Last: due - 1}
		}
		return store.Entry{Card: cards.Card{ID: id}, State: s, Status: st}
	}
	all := []store.Entry{
		mk("new", cards.StatusNew, 0),
		mk("overdue", cards.StatusReview, today-30),
		mk("yesterday", cards.StatusReview, today-1),
		mk("today", cards.StatusReview, today),
		mk("tomorrow", cards.StatusReview, today+1),
		mk("suspended", cards.StatusSuspended, today-1),
		mk("orphaned", cards.StatusOrphaned, today-1),
		mk("rejected", cards.StatusRejected, today-1),
	}
	var got []cards.ID
	for _, e := range dueEntries(all, today) {
		got = append(got, e.Card.ID)
	}
	if diff := cmp.Diff([]cards.ID{"overdue", "yesterday", "today"}, got); diff != "" {
		t.Errorf("dueEntries() (-want +got):\n%s", diff)
	}
}
