// Package goldenhash keeps the golden files of output hashes that tests
// pin a package's output with: one "HASH KEY" line per key, sorted by key.
package goldenhash

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Check compares got (key → hash) with the golden file at path; with
// update it rewrites the file from got instead. what names the output in
// the failure message.
func Check(t testing.TB, path string, got map[string]string, update bool, what string) {
	t.Helper()
	if update {
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(got)) {
			fmt.Fprintf(&b, "%s %s\n", got[k], k)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s differs from %s (-want +got):\n%s", what, path, diff)
	}
}

// Read reads the golden file at path into a map of key → hash.
func Read(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		hash, key, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		want[key] = hash
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return want, nil
}
