package notes

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Find returns the paths in fsys of the notes under root. When root is a
// file it is the only note, whatever its extension. When root is a folder,
// Find returns every *.md and *.markdown file below it (the extension in
// any case), skipping hidden files and folders (a name starting with '.',
// such as .obsidian, .git or .trash) and not following symbolic links to
// folders. The paths are sorted and slash-separated, rooted at root.
//
// A root that does not exist gives an error wrapping fs.ErrNotExist; a
// folder that cannot be read stops the walk with its error. Find is safe
// for concurrent use if fsys is; the caller owns the returned slice.
func Find(fsys fs.FS, root string) ([]string, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("find notes in %s: %w", root, err)
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	var found []string
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isNoteName(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link to a note file counts; a link to a folder named
			// like a note does not.
			info, err := fs.Stat(fsys, p)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		found = append(found, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find notes in %s: %w", root, err)
	}
	sort.Strings(found)
	return found, nil
}

// isNoteName reports whether a file name has a Markdown extension.
func isNoteName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}
