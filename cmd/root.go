// Package cmd holds mnemo's cobra commands and wires notes, cards,
// scheduler, store and export together. It owns the IO streams, the clock,
// the environment, signals and exit codes; no other package does.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/cards"
	"github.com/mnemo-dev/mnemo/cmd/tui"
	"github.com/mnemo-dev/mnemo/scheduler"
	"github.com/mnemo-dev/mnemo/store"
)

// App is what every command shares: streams, environment, clock and the
// store location. Tests build one with their own fields.
type App struct {
	IO     *IOStreams
	Getenv func(string) string
	// Now is the clock; MNEMO_NOW pins it.
	Now func() time.Time
	// DB is the --db flag value ("" when not given).
	DB string
	// OpenStore opens the store; tests may replace it (for example with
	// an in-memory store).
	OpenStore func(path string, readOnly bool) (store.Store, error)
	// Cwd is the working directory used to show paths relative to it.
	Cwd string
	// TTY runs the full-screen review on the terminal; nil (in tests) means
	// the line mode is used even on a terminal.
	TTY func(ctx context.Context, s tui.Session, opts tui.Options) error
}

// Main runs mnemo with the process's arguments, streams and environment
// and returns the exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runWith(ctx, os.Args[1:], systemIO(os.Getenv), os.Getenv, func(a *App) {
		a.TTY = func(ctx context.Context, s tui.Session, opts tui.Options) error {
			opts.Environ = os.Environ()
			return tui.Run(ctx, s, os.Stdin, os.Stdout, opts)
		}
	})
}

// run is Main without the process: tests call it directly.
func run(ctx context.Context, args []string, io *IOStreams, getenv func(string) string) int {
	return runWith(ctx, args, io, getenv, nil)
}

// runWith is run with a hook to finish setting up the App.
func runWith(ctx context.Context, args []string, io *IOStreams, getenv func(string) string, setup func(*App)) int {
	app, err := newApp(io, getenv)
	if err != nil {
		fmt.Fprintf(io.ErrOut, "mnemo: %v\n", err)
		return exitCode(err)
	}
	if setup != nil {
		setup(app)
	}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	err = root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if _, silent := errors.AsType[*errSilent](err); !silent {
		fmt.Fprintf(io.ErrOut, "mnemo: %v\n", err)
		if _, ok := errors.AsType[*usageError](err); ok {
			fmt.Fprintf(io.ErrOut, "Run 'mnemo --help' for usage.\n")
		}
	}
	return exitCode(err)
}

func newApp(io *IOStreams, getenv func(string) string) (*App, error) {
	app := &App{IO: io, Getenv: getenv, Now: time.Now, OpenStore: openBolt}
	if v := getenv("MNEMO_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, usageErrorf("MNEMO_NOW=%q: want an RFC 3339 time such as 2026-03-01T09:00:00Z", v)
		}
		app.Now = func() time.Time { return t }
	}
	if wd, err := os.Getwd(); err == nil {
		app.Cwd = wd
	}
	return app, nil
}

func openBolt(path string, readOnly bool) (store.Store, error) {
	b, err := store.Open(path, store.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, err // store.Open names the file
	}
	return b, nil
}

// dbPath returns where the store lives: --db, else MNEMO_DB, else
// $XDG_DATA_HOME/mnemo/mnemo.db, else ~/.local/share/mnemo/mnemo.db.
func (a *App) dbPath() (string, error) {
	if a.DB != "" {
		return a.DB, nil
	}
	if p := a.Getenv("MNEMO_DB"); p != "" {
		return p, nil
	}
	if x := a.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "mnemo", "mnemo.db"), nil
	}
	if h := a.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "mnemo", "mnemo.db"), nil
	}
	return "", usageErrorf("no place for the store: set --db, MNEMO_DB, XDG_DATA_HOME or HOME")
}

// open opens the store for writing.
func (a *App) open() (store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	return a.OpenStore(p, false)
}

// openRead opens the store read-only, beside a running review. It returns
// (nil, nil) when no store exists yet.
func (a *App) openRead() (store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := a.OpenStore(p, true)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return s, err
}

// readEntries opens the store read-only and returns its cards that match
// f and today's review day. With no store yet it returns no entries and a
// nil close function, so callers can say so.
func (a *App) readEntries(ctx context.Context, f store.Filter) (entries []store.Entry, today cards.Date, s store.Store, err error) {
	hour, err := a.rollover()
	if err != nil {
		return nil, 0, nil, err
	}
	today = scheduler.Day(a.Now(), hour)
	if s, err = a.openRead(); err != nil || s == nil {
		return nil, today, nil, err
	}
	if entries, err = s.Cards(ctx, f); err != nil {
		s.Close()
		return nil, today, nil, fmt.Errorf("read cards: %w", err)
	}
	return entries, today, s, nil
}

// rollover is the hour a review day starts (MNEMO_DAY_START, default 4).
func (a *App) rollover() (int, error) {
	v := a.Getenv("MNEMO_DAY_START")
	if v == "" {
		return scheduler.DefaultRollover, nil
	}
	h, err := strconv.Atoi(v)
	if err != nil || h < 0 || h > 23 {
		return 0, usageErrorf("MNEMO_DAY_START=%q: want an hour from 0 to 23", v)
	}
	return h, nil
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "mnemo",
		Short: "Turn Markdown notes into spaced-repetition flashcards",
		Long: `mnemo reads your Markdown notes, turns each bullet and key sentence into a
question/answer or cloze card, schedules reviews with SM-2 and runs the daily
review in the terminal. It never modifies your notes and needs no network.

Cards you mark yourself always win: question::answer, question:::answer
(both ways), multi-line cards split by a "?" or "??" line, ==cloze== and
{{c1::cloze}}.

The store is one file: --db, else $MNEMO_DB, else
$XDG_DATA_HOME/mnemo/mnemo.db, else ~/.local/share/mnemo/mnemo.db.

Environment:
  MNEMO_DB         path of the store
  MNEMO_NOW        pin the clock, RFC 3339 (2026-03-01T09:00:00Z), for scripts and tests
  MNEMO_DAY_START  hour a review day starts, 0-23 (default 4)
  TZ               time zone of the review day (default: the system's)
  NO_COLOR         no colors

` + exitCodesHelp,
		Example: `  mnemo add ~/notes            # turn notes into cards (run again after edits)
  mnemo review                 # today's review
  mnemo status                 # what is due, per deck
  mnemo export anki -o deck.txt`,
		Args:          usageArgs(cobra.NoArgs),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(c *cobra.Command, _ []string) error {
			return c.Help()
		},
	}
	root.PersistentFlags().StringVar(&app.DB, "db", "", "path of the store file (default $MNEMO_DB or the user data directory)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newAddCmd(app, nil),
		newPreviewCmd(app, nil),
		newReviewCmd(app, nil),
		newStatusCmd(app, nil),
		newStatsCmd(app, nil),
		newListCmd(app, nil),
		newRejectCmd(app, nil),
		newRestoreCmd(app, nil),
		newExportCmd(app),
		newImportCmd(app),
		newCheckCmd(app, nil),
	)
	return root
}

// usageArgs turns an argument validator's error into a usage error.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := v(c, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
