package cmd

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mnemo-dev/mnemo/store"
)

func TestNewCheckCmd(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    checkOptions
		wantErr bool
	}{
		{"defaults", nil, checkOptions{}, false},
		{"repair", []string{"--repair"}, checkOptions{Repair: true}, false},
		{"extra argument", []string{"x"}, checkOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFlags(t, &App{IO: &IOStreams{}}, newCheckCmd, tt.args, tt.want, tt.wantErr)
		})
	}
}

// checkedStore is a store whose Verify and Repair give canned answers:
// Verify gives reports in turn, the last one again once they run out.
type checkedStore struct {
	*store.Memory
	reports  []store.Report
	fixes    []store.Fix
	readOnly bool
	repaired bool
}

func (s *checkedStore) Verify(context.Context) (store.Report, error) {
	r := s.reports[0]
	if len(s.reports) > 1 {
		s.reports = s.reports[1:]
	}
	return r, nil
}

func (s *checkedStore) Repair(context.Context) ([]store.Fix, error) {
	if s.readOnly {
		return nil, store.ErrReadOnly
	}
	s.repaired = true
	return s.fixes, nil
}

func TestRunCheck(t *testing.T) {
	sound := store.Report{Cards: 3, Reviews: 1}
	damaged := store.Report{Cards: 3, Reviews: 1, Found: 3, Problems: []error{
		errors.New("card a is missing from the due index (card a on 2026-03-10)"),
		errors.New("card b: its state (reviews 1, interval 1, due 2026-03-10) is not the one its last review left (reviews 2, interval 6, due 2026-03-15)"),
	}}
	repaired := store.Report{Cards: 3, Reviews: 1, Found: 1, Problems: damaged.Problems[1:]}
	tests := []struct {
		name    string
		repair  bool
		reports []store.Report
		fixes   []store.Fix
		wantOut string
		wantErr string // part of the error, "" for none
		errOut  string // part of stderr
	}{
		{name: "sound", reports: []store.Report{sound}, wantOut: "ok: 3 cards, 1 review\n"},
		{
			name: "damaged", reports: []store.Report{damaged},
			wantOut: damaged.Problems[0].Error() + "\n" + damaged.Problems[1].Error() + "\nand 1 more\n",
			wantErr: "3 problems found (mnemo check --repair rebuilds the indexes)",
		},
		{
			name: "repaired", repair: true, reports: []store.Report{repaired}, fixes: []store.Fix{{Index: "due", Added: 1}},
			wantOut: damaged.Problems[1].Error() + "\n",
			wantErr: "1 problem found",
			errOut:  "repaired the due index: 0 wrong entries removed, 1 missing entries added\n",
		},
		{
			name: "repaired whole", repair: true, reports: []store.Report{sound}, fixes: []store.Fix{{Index: "deck", Removed: 2}},
			wantOut: "ok: 3 cards, 1 review\n",
			errOut:  "repaired the deck index: 2 wrong entries removed, 0 missing entries added\n",
		},
		{
			name: "nothing to repair", repair: true, reports: []store.Report{sound},
			wantOut: "ok: 3 cards, 1 review\n", errOut: "nothing to repair",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := writeFile(t, filepath.Join(t.TempDir(), "mnemo.db"), "")
			var s *checkedStore
			io, out, errOut := newTestIO("")
			app := &App{IO: io, Getenv: env(map[string]string{"MNEMO_DB": db}), OpenStore: func(_ string, ro bool) (store.Store, error) {
				s = &checkedStore{Memory: store.NewMemory(), reports: tt.reports, fixes: tt.fixes, readOnly: ro}
				return s, nil
			}}
			err := runCheck(t.Context(), &checkOptions{App: app, Repair: tt.repair})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("runCheck() error = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("runCheck() error = %v, want it to say %q", err, tt.wantErr)
			}
			if got := out.String(); got != tt.wantOut {
				t.Errorf("runCheck() stdout = %q, want %q", got, tt.wantOut)
			}
			if !strings.Contains(errOut.String(), tt.errOut) {
				t.Errorf("runCheck() stderr = %q, want it to contain %q", errOut, tt.errOut)
			}
			if s.repaired != tt.repair {
				t.Errorf("runCheck() repaired = %t, want %t", s.repaired, tt.repair)
			}
		})
	}
}

func TestCheck_ExitCodes(t *testing.T) {
	dir := t.TempDir()
	corrupt := writeFile(t, filepath.Join(dir, "corrupt.db"), strings.Repeat("not a store ", 800))
	good := writeFile(t, filepath.Join(dir, "n.md"), "- Capital of France::Paris\n")
	db := filepath.Join(dir, "store", "mnemo.db")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no store", []string{"check"}, exitFailure},
		{"no store to repair", []string{"check", "--repair"}, exitFailure},
		{"add", []string{"add", good}, exitOK},
		{"sound store", []string{"check"}, exitOK},
		{"sound store repaired", []string{"check", "--repair"}, exitOK},
		{"damaged store", []string{"check", "--db", corrupt}, exitFailure},
		{"damaged store repaired", []string{"check", "--repair", "--db", corrupt}, exitFailure},
		{"bad flag", []string{"check", "--nope"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, errOut := newTestIO("")
			if got := run(t.Context(), tt.args, io, env(map[string]string{"MNEMO_DB": db})); got != tt.want {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tt.args, got, tt.want, errOut)
			}
			if strings.Contains(errOut.String(), "panic") {
				t.Errorf("run(%q) stderr mentions a panic:\n%s", tt.args, errOut)
			}
		})
	}
}
