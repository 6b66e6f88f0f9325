package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewBackupCmds(t *testing.T) {
	tests := []struct {
		name    string
		export  bool
		args    []string
		want    backupOptions
		wantErr bool
	}{
		{"export defaults", true, nil, backupOptions{}, false},
		{"export -o", true, []string{"-o", "b.json"}, backupOptions{Output: "b.json"}, false},
		{"export argument", true, []string{"x"}, backupOptions{}, true},
		{"import file", false, []string{"b.json"}, backupOptions{File: "b.json"}, false},
		{"import stdin", false, []string{"-"}, backupOptions{File: "-"}, false},
		{"import no file", false, nil, backupOptions{}, true},
		{"import two files", false, []string{"a", "b"}, backupOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newCmd := newImportJSONCmd
			if tt.export {
				newCmd = newExportJSONCmd
			}
			checkFlags(t, &App{IO: &IOStreams{}}, newCmd, tt.args, tt.want, tt.wantErr)
		})
	}
}

// TestRunBackup exports a reviewed store to standard output, imports it
// into a new store from standard input and exports that again.
func TestRunBackup(t *testing.T) {
	dir := t.TempDir()
	note := writeFile(t, filepath.Join(dir, "n.md"), "- a1::b1\n- a2::b2\n- a3::b3\n")
	e := map[string]string{"MNEMO_DB": filepath.Join(dir, "a.db"), "MNEMO_NOW": "2026-03-01T09:00:00+01:00"}
	mnemo := func(wantCode int, stdin string, args ...string) (string, string) {
		t.Helper()
		io, out, errOut := newTestIO(stdin)
		if code := run(t.Context(), args, io, env(e)); code != wantCode {
			t.Fatalf("mnemo %q = %d, want %d; stderr:\n%s", args, code, wantCode, errOut)
		}
		return out.String(), errOut.String()
	}

	_, stderr := mnemo(1, "", "export", "json")
	if !strings.Contains(stderr, "no store yet") {
		t.Errorf("export json without a store: stderr = %q, want 'no store yet'", stderr)
	}

	mnemo(0, "", "add", note)
	mnemo(0, "b1\n4\nb2\n1\n", "review")
	a, _ := mnemo(0, "", "export", "json")
	if !strings.Contains(a, `"at": "2026-03-01T09:00:00.000000000+01:00"`) {
		t.Errorf("export json lost the zone offset:\n%s", a)
	}
	listA, _ := mnemo(0, "", "list", "--json")

	e["MNEMO_DB"] = filepath.Join(dir, "b.db")
	_, stderr = mnemo(0, a, "import", "json", "-")
	if want := "3 cards and 2 reviews imported\n"; stderr != want {
		t.Errorf("import json stderr = %q, want %q", stderr, want)
	}
	b, _ := mnemo(0, "", "export", "json")
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("export after import differs (-before +after):\n%s", diff)
	}
	listB, _ := mnemo(0, "", "list", "--json")
	if diff := cmp.Diff(listA, listB); diff != "" {
		t.Errorf("list --json after import differs (-before +after):\n%s", diff)
	}

	_, stderr = mnemo(1, a, "import", "json", "-")
	if !strings.Contains(stderr, "already holds cards") || !strings.Contains(stderr, "--db") {
		t.Errorf("import into a non-empty store: stderr = %q, want it to name --db", stderr)
	}
}
