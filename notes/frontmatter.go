package notes

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// meta is what a note's frontmatter says about it.
type meta struct {
	title, deck string
	tags        []string
}

// decodeMeta reads the frontmatter the goldmark extension found, with
// decode, its YAML decoder. The frontmatter starts on line 1, so its
// content starts on line 2.
func decodeMeta(file string, decode func(any) error) (m meta, perr *ParseError) {
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
	if err := decode(&doc); err != nil {
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
	return cleanTags(raw)
}

// cleanTags trims the tags read from the frontmatter, removes a leading
// '#' and drops the empty ones; the result is nil when none is left.
func cleanTags(raw []string) []string {
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

// simpleMeta reads a frontmatter written in the plain subset of YAML that
// notes use, given its lines, as decodeMeta would: a mapping of keys (a
// letter, then letters, digits, '-' and '_') at the start of the line, to
// plain scalars on one line, scalars in quotes without escapes, flow
// lists of plain scalars ("[a, b]") and block lists ("- a" lines), with
// blank and comment lines between them. It returns false for anything
// else, left to the YAML parser: building that parser costs more than
// goldmark's parse of a small note.
func simpleMeta(lines []string) (meta, bool) {
	var m meta
	var seen [3]bool // title, deck, tags
	for i := 0; i < len(lines); {
		line := lines[i]
		i++
		if skippedYAML(line) {
			continue
		}
		key, rest, ok := yamlKey(line)
		if !ok {
			return meta{}, false
		}
		var value string // a scalar's text, "" for a null
		var list []string
		isList := false
		switch rest = strings.TrimLeft(rest, " "); {
		case rest == "":
			// A null, or a block list on the next lines.
			indent := -1
			for ; i < len(lines); i++ {
				l := lines[i]
				if skippedYAML(l) {
					continue
				}
				n := len(l) - len(strings.TrimLeft(l, " "))
				if n == 0 && l[0] != '-' {
					break // the next key
				}
				if l[n] != '-' || indent >= 0 && n != indent {
					return meta{}, false
				}
				indent = n
				item := l[n+1:]
				if item != "" && item[0] != ' ' {
					return meta{}, false
				}
				v, ok := yamlScalar(strings.TrimLeft(item, " "), false)
				if !ok {
					return meta{}, false
				}
				list = append(list, v)
			}
			isList = indent >= 0
		case rest[0] == '[':
			inner, ok := strings.CutSuffix(strings.TrimRight(rest[1:], " "), "]")
			if !ok {
				return meta{}, false
			}
			isList = true
			if strings.Trim(inner, " ") == "" {
				break
			}
			for item := range strings.SplitSeq(inner, ",") {
				item = strings.Trim(item, " ")
				if item == "" || !plainYAML(item, true) {
					return meta{}, false
				}
				list = append(list, nullYAML(item))
			}
		default:
			if value, ok = yamlScalar(rest, false); !ok {
				return meta{}, false
			}
		}
		var k int
		switch strings.ToLower(key) {
		case "title":
			k = 0
		case "deck":
			k = 1
		case "tags":
			k = 2
		default:
			continue
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		switch {
		case k == 0 && !isList:
			m.title = strings.TrimSpace(value)
		case k == 1 && !isList:
			m.deck = strings.TrimSpace(value)
		case k == 2 && isList:
			m.tags = cleanTags(list)
		case k == 2:
			m.tags = cleanTags(strings.FieldsFunc(value, func(r rune) bool {
				return r == ',' || r == ' ' || r == '\t' || r == '\n'
			}))
		}
	}
	return m, true
}

// skippedYAML reports whether a line of YAML is blank or a comment of
// printable characters (YAML also ends lines at U+2028, U+2029 and U+0085).
func skippedYAML(line string) bool {
	line = strings.TrimLeft(line, " ")
	if line == "" {
		return true
	}
	if line[0] != '#' {
		return false
	}
	for _, r := range line {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// yamlKey splits a line "key: rest" or "key:" at the start of a line
// (YAML limits such keys to 1,024 characters; this subset, to 128).
func yamlKey(line string) (key, rest string, ok bool) {
	key, rest, ok = strings.Cut(line, ":")
	if !ok || key == "" || len(key) > 128 || rest != "" && rest[0] != ' ' {
		return "", "", false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '_')) {
			return "", "", false
		}
	}
	return key, rest, true
}

// yamlScalar reads a scalar that fills the rest of a line: plain, or in
// quotes without escapes. It returns its text, "" for a null.
func yamlScalar(s string, flow bool) (string, bool) {
	s = strings.TrimRight(s, " ")
	if s == "" || s == "~" {
		return "", true
	}
	if q := s[0]; q == '"' || q == '\'' {
		if len(s) < 2 || s[len(s)-1] != q {
			return "", false
		}
		inner := s[1 : len(s)-1]
		for _, r := range inner {
			if !unicode.IsPrint(r) || r == rune(q) || r == '\\' {
				return "", false
			}
		}
		return inner, true
	}
	if !plainYAML(s, flow) {
		return "", false
	}
	return nullYAML(s), true
}

// plainYAML reports whether s is a plain scalar of the subset: a letter
// or a digit, then printable characters other than ':' and " #" (in a
// flow list, other than '#', brackets, braces, commas and quotes too).
func plainYAML(s string, flow bool) bool {
	for i, r := range s {
		switch {
		case i == 0 && !unicode.IsLetter(r) && !unicode.IsDigit(r),
			!unicode.IsPrint(r), r == ':',
			r == '#' && (flow || s[i-1] == ' '), // " #" starts a comment
			flow && strings.ContainsRune("[]{},\"'", r):
			return false
		}
	}
	return true
}

// nullYAML returns the text of a plain scalar, "" for a null.
func nullYAML(s string) string {
	switch s {
	case "null", "Null", "NULL":
		return ""
	}
	return s
}
