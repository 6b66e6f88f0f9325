package cmd

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mnemo": func() {
			os.Exit(run(context.Background(), os.Args[1:], systemIO(os.Getenv), os.Getenv))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each command's
// happy path and its failures, as a user types them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("MNEMO_DB", env.WorkDir+"/store/mnemo.db")
			env.Setenv("MNEMO_NOW", "2026-03-01T09:00:00Z")
			env.Setenv("NO_COLOR", "1")
			// Under -race every process otherwise sleeps 1 s at exit.
			env.Setenv("GORACE", "atexit_sleep_ms=0")
			return nil
		},
	})
}
