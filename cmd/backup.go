package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/mnemo-dev/mnemo/export"
	"github.com/mnemo-dev/mnemo/store"
)

// backupOptions are the options of 'export json' and 'import json'.
type backupOptions struct {
	App *App
	// Output is the file 'export json' writes ("" or "-": standard output).
	Output string
	// File is the backup 'import json' reads ("-": standard input).
	File string
}

// dumper and loader are the backup methods of store.Bolt and store.Memory,
// which are not part of store.Store.
type (
	dumper interface {
		Dump(ctx context.Context) (store.Dump, error)
	}
	loader interface {
		Load(ctx context.Context, d store.Dump) error
	}
)

func newExportJSONCmd(app *App, runF func(context.Context, *backupOptions) error) *cobra.Command {
	opts := &backupOptions{App: app}
	c := &cobra.Command{
		Use:   "json",
		Short: "Write a full backup of the store as JSON",
		Long: `Export json writes everything the store holds: every card (orphaned,
suspended and rejected ones included) with its schedule, marks, bury date
and place in the new-card queue, and the whole review log. 'mnemo import
json' reads it back into an empty store, which then exports the same bytes.

The file is versioned ("format": "mnemo-backup", "version": 1), sorted and
indented, so two backups compare with diff. The store is opened read-only,
so a backup can run beside a review.

` + exitCodesHelp,
		Example: `  mnemo export json -o mnemo-backup.json
  mnemo export json | gzip > mnemo-backup.json.gz`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runExportJSON(c.Context(), opts)
		},
	}
	c.Flags().StringVarP(&opts.Output, "output", "o", "", "write to FILE instead of standard output")
	return c
}

func runExportJSON(ctx context.Context, opts *backupOptions) error {
	app := opts.App
	defer app.tuneGC(exportGCPercent, -1)()
	s, err := app.openRead()
	if err != nil {
		return err
	}
	if s == nil {
		return fmt.Errorf("no store yet: run 'mnemo add NOTES' first")
	}
	defer s.Close()
	d, ok := s.(dumper)
	if !ok {
		return fmt.Errorf("export json: this store cannot be backed up")
	}
	dump, err := d.Dump(ctx)
	if err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	b := export.Backup{Cards: make([]export.BackupCard, len(dump.Cards)), Log: dump.Log}
	for i, c := range dump.Cards {
		b.Cards[i] = backupCard(c)
	}
	var buf bytes.Buffer
	if err := export.WriteBackup(&buf, b); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	if err := writeOutput(app, opts.Output, buf.Bytes()); err != nil {
		return err
	}
	if opts.Output != "" && opts.Output != "-" {
		fmt.Fprintf(app.IO.ErrOut, "%d cards and %d reviews written to %s\n", len(b.Cards), len(b.Log), opts.Output)
	}
	return nil
}

func newImportCmd(app *App) *cobra.Command {
	c := &cobra.Command{
		Use:   "import",
		Short: "Restore a backup into an empty store",
		Long: `Import reads back what 'mnemo export' wrote: 'import json' a backup of 'mnemo
export json'.

` + exitCodesHelp,
		Example: `  mnemo --db new.db import json mnemo-backup.json`,
		Args:    usageArgs(cobra.NoArgs),
		RunE:    func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	c.AddCommand(newImportJSONCmd(app, nil))
	return c
}

func newImportJSONCmd(app *App, runF func(context.Context, *backupOptions) error) *cobra.Command {
	opts := &backupOptions{App: app}
	return &cobra.Command{
		Use:   "json FILE",
		Short: "Restore a JSON backup into an empty store",
		Long: `Import json restores a backup written by 'mnemo export json': cards,
schedules, marks, bury dates, the new-card order and the review log, exactly
as they were. It writes the store named by --db (or MNEMO_DB, or the default
place), which must be empty or not exist yet: it never merges a backup into
a store that holds cards or reviews. FILE "-" reads standard input.

The backup is checked whole before anything is written, and written in one
transaction: a bad backup leaves the store empty.

` + exitCodesHelp,
		Example: `  mnemo --db ~/mnemo-restored.db import json mnemo-backup.json
  gunzip -c mnemo-backup.json.gz | mnemo --db new.db import json -`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runImportJSON(c.Context(), opts)
		},
	}
}

func runImportJSON(ctx context.Context, opts *backupOptions) error {
	app := opts.App
	b, err := readBackup(app, opts.File)
	if err != nil {
		return err
	}
	dump := store.Dump{Cards: make([]store.DumpCard, len(b.Cards)), Log: b.Log}
	for i, c := range b.Cards {
		dump.Cards[i] = dumpCard(c)
	}
	// A bad backup is refused before the store file is created.
	if err := dump.Validate(ctx); err != nil {
		return fmt.Errorf("import json %s: %w", opts.File, err)
	}
	path, err := app.dbPath()
	if err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	s, err := app.open()
	if err != nil {
		return err
	}
	defer s.Close()
	l, ok := s.(loader)
	if !ok {
		return fmt.Errorf("import json: the store %s cannot be restored into", path)
	}
	if err := l.Load(ctx, dump); err != nil {
		if errors.Is(err, store.ErrNotEmpty) {
			return fmt.Errorf("import json: the store %s already holds cards or reviews: import restores into an empty store only; give a new one with --db", path)
		}
		// Leave no empty store behind when the file was ours.
		if s.Close() == nil && created {
			_ = os.Remove(path)
		}
		return fmt.Errorf("import json %s: %w", opts.File, err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	fmt.Fprintf(app.IO.ErrOut, "%d cards and %d reviews imported\n", len(dump.Cards), len(dump.Log))
	return nil
}

// backupCard and dumpCard convert between the store's and the backup's
// card records, which hold the same fields.
func backupCard(c store.DumpCard) export.BackupCard { return export.BackupCard(c) }

func dumpCard(c export.BackupCard) store.DumpCard { return store.DumpCard(c) }

// readBackup reads and parses the backup file ("-": standard input).
func readBackup(app *App, file string) (export.Backup, error) {
	var r io.Reader = app.IO.In
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return export.Backup{}, fmt.Errorf("import json: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := export.ReadBackup(r)
	if err != nil {
		return export.Backup{}, fmt.Errorf("import json %s: %w", file, err)
	}
	return b, nil
}
