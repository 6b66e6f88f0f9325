package notes

import (
	"fmt"
	"strconv"
	"strings"

	"go.abhg.dev/goldmark/frontmatter"
	"gopkg.in/yaml.v3"
)

// meta is what a note's frontmatter says about it.
type meta struct {
	title, deck string
	tags        []string
}

// decodeMeta reads the frontmatter the goldmark extension found. The
// frontmatter starts on line 1, so its content starts on line 2.
func decodeMeta(file string, data *frontmatter.Data) (m meta, perr *ParseError) {
	if data == nil {
		return meta{}, nil
	}
	fail := func(line int, format string, args ...any) *ParseError {
		return &ParseError{File: file, Line: max(line, 1),
			Err: fmt.Errorf("%w: "+format, append([]any{ErrFrontmatter}, args...)...)}
	}
	// yaml.v3 has panicked on hostile input in the past; a note must
	// never crash the program.
	defer func() {
		if r := recover(); r != nil {
			perr = fail(1, "%v", r)
		}
	}()
	var doc yaml.Node
	if err := data.Decode(&doc); err != nil {
		line, msg := yamlErrorLine(err.Error())
		if line > 0 {
			line++
		}
		return meta{}, fail(line, "%s", msg)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return meta{}, nil
		}
		root = root.Content[0]
	}
	root = resolve(root)
	switch {
	case root.Kind == 0:
		return meta{}, nil
	case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
		return meta{}, nil
	case root.Kind != yaml.MappingNode:
		return meta{}, fail(root.Line+1, "not a mapping of keys to values")
	}
	seen := make(map[string]bool)
	for i := 0; i+1 < len(root.Content); i += 2 {
		key := strings.ToLower(resolve(root.Content[i]).Value)
		if seen[key] {
			continue
		}
		seen[key] = true
		value := resolve(root.Content[i+1])
		switch key {
		case "title":
			m.title = strings.TrimSpace(scalar(value))
		case "deck":
			m.deck = strings.TrimSpace(scalar(value))
		case "tags":
			m.tags = yamlTags(value)
		}
	}
	return m, nil
}

// resolve follows a YAML alias (once: yaml.v3 rejects alias cycles).
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// scalar returns a scalar's text ("" for null, lists and mappings).
func scalar(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// yamlTags reads tags given as a list, or as one string split on commas
// and white space; a leading '#' is removed.
func yamlTags(n *yaml.Node) []string {
	var raw []string
	switch n.Kind {
	case yaml.SequenceNode:
		for _, item := range n.Content {
			raw = append(raw, scalar(resolve(item)))
		}
	case yaml.ScalarNode:
		raw = strings.FieldsFunc(scalar(n), func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\n'
		})
	}
	var tags []string
	for _, t := range raw {
		t = strings.TrimPrefix(strings.TrimSpace(t), "#")
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// yamlErrorLine extracts the line from a yaml.v3 error message ("yaml:
// line 3: did not find expected key") and returns the message without
// its prefix. yaml.v3 reports positions only in its messages.
func yamlErrorLine(msg string) (int, string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(msg)
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	digits, after, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, msg
	}
	line, err := strconv.Atoi(digits)
	if err != nil {
		return 0, msg
	}
	return line, strings.TrimSpace(after)
}
