package mnemo_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestLayers checks that imports flow one way:
// notes → cards → scheduler | store → export → cmd, and that each
// third-party library stays in its package. Edit the table on purpose,
// never to make a build pass.
func TestLayers(t *testing.T) {
	const mod = "github.com/mnemo-dev/mnemo/"
	allowed := map[string][]string{
		"notes":               {},
		"cards":               {"notes"},
		"scheduler":           {"cards"},
		"store":               {"cards"},
		"store/storetest":     {"cards", "store"},
		"export":              {"notes", "cards", "scheduler"},
		"cmd":                 {"notes", "cards", "scheduler", "store", "export", "export/apkg", "cmd/tui"},
		"export/apkg":         {"cards", "export"},
		"cmd/tui":             {},
		"cmd/mnemo":           {"cmd"},
		"internal/goldenhash": {},
		"internal/benchvault": {},
		// Benchmark tools (bench/README.md): they sit beside cmd and
		// import nothing but what they measure or fill.
		"bench/vaultgen": {},
		"bench/floor":    {"notes"},
		"bench/history":  {"cards", "scheduler", "store"},
		"bench/profile":  {"cmd"},
	}
	// Third-party imports each package may use (prefix match).
	thirdParty := map[string][]string{
		"notes":               {"github.com/yuin/goldmark", "go.abhg.dev/goldmark/frontmatter", "golang.org/x/text", "gopkg.in/yaml.v3"},
		"cards":               {"golang.org/x/text"},
		"scheduler":           {},
		"store":               {"go.etcd.io/bbolt"},
		"store/storetest":     {"github.com/google/go-cmp"},
		"export":              {"codeberg.org/go-pdf/fpdf", "golang.org/x/image", "golang.org/x/text", "github.com/yuin/goldmark"},
		"cmd":                 {"github.com/spf13/cobra", "golang.org/x/term", "charm.land/", "github.com/charmbracelet/"},
		"cmd/tui":             {"charm.land/", "github.com/charmbracelet/"},
		"export/apkg":         {"modernc.org/sqlite"},
		"cmd/mnemo":           {},
		"internal/goldenhash": {"github.com/google/go-cmp"},
		"internal/benchvault": {},
		"bench/vaultgen":      {},
		"bench/floor":         {"github.com/yuin/goldmark"},
		"bench/history":       {},
		"bench/profile":       {},
	}
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "./...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(p.ImportPath, mod)
		if name == p.ImportPath {
			continue
		}
		ok, known := allowed[name]
		if !known {
			t.Errorf("package %s is not in the layer table", name)
			continue
		}
	imports:
		for _, imp := range p.Imports {
			switch {
			case strings.HasPrefix(imp, mod):
				dep := strings.TrimPrefix(imp, mod)
				for _, a := range ok {
					if dep == a {
						continue imports
					}
				}
				t.Errorf("%s imports %s: not allowed by the layers", name, dep)
			case strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
				for _, a := range thirdParty[name] {
					if strings.HasPrefix(imp, a) {
						continue imports
					}
				}
				t.Errorf("%s imports %s: that library belongs to another package", name, imp)
			}
		}
	}
}
