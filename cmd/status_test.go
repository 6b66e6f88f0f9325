package cmd

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
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
			var got *statusOptions
			c := newStatusCmd(&App{IO: &IOStreams{}}, func(_ context.Context, o *statusOptions) error { got = o; return nil })
			c.SetArgs(tt.args)
			c.SilenceErrors, c.SilenceUsage = true, true
			err := c.Execute()
			if (err != nil) != tt.wantErr {
				t.Fatalf("status %q: err = %v, wantErr %v", tt.args, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got.App = nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("status %q options (-want +got):\n%s", tt.args, diff)
			}
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
