package notes

import (
	"strings"
	"testing"
)

// TestRunBound checks runBound, which lets complexity skip estimating
// the markup of a note whose paragraphs are small, against the estimates
// of the shapes that cost goldmark most, each as one run of lines.
func TestRunBound(t *testing.T) {
	fill := func(s string, n int) string { return strings.Repeat(s, max(n/len(s), 1)) }
	shapes := []struct {
		name string
		make func(n int) string
	}{
		{"link destinations on one line", func(n int) string { return fill("](", n) }},
		{"link destinations and spaces", func(n int) string { return "a" + fill("](", n) + " b" }},
		{"angle destinations", func(n int) string { return fill("](<", n) }},
		{"brackets on every line", func(n int) string { return fill("[\n", n) }},
		{"brackets then lines", func(n int) string { return fill("[", n/2) + fill("\na", n/2) }},
		{"unmatched emphasis", func(n int) string { return fill("_a ", n/2) + fill("a* ", n/2) }},
		{"alternating delimiters", func(n int) string { return fill("*_", n) }},
		{"unmatched highlights", func(n int) string { return fill("==a ", n/2) + fill("a~~ ", n/2) }},
		{"backtick runs", backtickRuns},
		{"backticks", func(n int) string { return fill("`a", n) }},
		{"one byte", func(int) string { return "`" }},
	}
	for _, sh := range shapes {
		for _, n := range []int{1, 10, 100, 1000, 10000} {
			var run paragraphRun
			run.init()
			var cost int64
			lines := splitLines(sh.make(n))
			for _, l := range lines {
				cost += run.add(l)
			}
			b := run.offset
			cost += run.end()
			if bound := runBound(b); cost > bound {
				t.Errorf("%s, %d bytes: estimate %d > runBound %d", sh.name, b, cost, bound)
			}
		}
	}
}

// TestComplexity_Bound checks that complexity gives the exact estimate's
// answer whether or not the bound lets it skip it.
func TestComplexity_Bound(t *testing.T) {
	tests := []struct {
		name string
		src  string
		skip bool // the bound shows the markup is cheap
	}{
		{"small paragraphs", strings.Repeat("Some *text* and [a](link).\n\n", 2000), true},
		{"deep nesting", strings.Repeat("> ", 101) + "x\n", false},
		{"big paragraph", strings.Repeat("[a](", 100000), false},
		{"big cheap paragraph", strings.Repeat("word ", 100000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := splitLines(tt.src)
			bounded := estimate("x.md", lines, 0, false) == nil
			if bounded != tt.skip {
				t.Errorf("estimate(bound) = nil is %v, want %v", bounded, tt.skip)
			}
			exact := estimate("x.md", lines, 0, true)
			if bounded && exact != nil {
				t.Errorf("the bound passes a note the estimate rejects: %v", exact)
			}
			got := complexity("x.md", lines, 0)
			if (got == nil) != (exact == nil) || got != nil && got.Error() != exact.Error() {
				t.Errorf("complexity() = %v, want %v", got, exact)
			}
		})
	}
}
