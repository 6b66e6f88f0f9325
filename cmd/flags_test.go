package cmd

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spf13/cobra"
)

// checkFlags runs the command newCmd makes for app on args, with a run
// function that only records the options it is given, and checks them
// against want (the *App they carry is not compared), or checks that
// parsing fails when wantErr. It returns the command's error.
func checkFlags[O any](t *testing.T, app *App, newCmd func(*App, func(context.Context, *O) error) *cobra.Command, args []string, want O, wantErr bool) error {
	t.Helper()
	var got *O
	c := newCmd(app, func(_ context.Context, o *O) error { got = o; return nil })
	c.SetArgs(args)
	c.SilenceErrors, c.SilenceUsage = true, true
	err := c.Execute()
	if (err != nil) != wantErr {
		t.Fatalf("%s %q: err = %v, wantErr %v", c.Name(), args, err, wantErr)
	}
	if err != nil {
		return err
	}
	if diff := cmp.Diff(want, *got, cmpopts.IgnoreTypes(&App{})); diff != "" {
		t.Errorf("%s %q options (-want +got):\n%s", c.Name(), args, diff)
	}
	return nil
}
