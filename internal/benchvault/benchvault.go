// Package benchvault holds what the benchmarks of several packages share:
// the notes of a vault named by the environment (one of bench/vaultgen,
// say) and the CPU time of the process.
package benchvault

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The environment variables Files reads.
const (
	// VaultEnv names the folder of the vault.
	VaultEnv = "MNEMO_BENCH_VAULT"
	// MaxEnv, when set, keeps that many of the vault's files, spread
	// evenly over them in path order.
	MaxEnv = "MNEMO_BENCH_MAX"
)

// Files returns every *.md file under the folder VaultEnv names, at most
// MaxEnv of them, in path order; it skips tb when VaultEnv is unset and
// fails it when the folder holds no note.
func Files(tb testing.TB) []string {
	tb.Helper()
	dir := os.Getenv(VaultEnv)
	if dir == "" {
		tb.Skipf("%s is not set", VaultEnv)
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("read the vault %s: %v", dir, err)
	}
	if len(files) == 0 {
		tb.Fatalf("no *.md file under %s", dir)
	}
	if v := os.Getenv(MaxEnv); v != "" {
		limit, err := strconv.Atoi(v)
		if err != nil || limit < 1 {
			tb.Fatalf("%s=%q: want a positive number of files", MaxEnv, v)
		}
		if limit < len(files) {
			kept := make([]string, limit)
			for i := range kept {
				kept[i] = files[i*len(files)/limit]
			}
			files = kept
		}
	}
	return files
}
