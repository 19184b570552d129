package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every flag of every command is in `galley --help`, on its command's
// line, and in the README's list of commands.
func TestHelpAndREADMEListEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, help, _ := galleyCmd(t, t.TempDir()+"/a.db", "help")
	flagName := regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)
	for name := range commands {
		invocations := [][]string{{name}}
		if name == "dict" {
			invocations = [][]string{{"dict", "add"}}
		}
		for _, inv := range invocations {
			_, _, usage := galleyCmd(t, t.TempDir()+"/a.db", append(inv, "--help")...)
			var helpLine, readmeLine string
			for _, l := range strings.Split(help, "\n") {
				// "  name USAGE", its summary indented below it.
				if strings.HasPrefix(l, "  "+name) && !strings.HasPrefix(l, "   ") {
					helpLine = l
				}
			}
			for _, l := range strings.Split(string(readme), "\n") {
				if strings.Contains(l, "galley "+name+" ") || strings.Contains(l, "] "+name+" ") {
					readmeLine += l
				}
			}
			for _, m := range flagName.FindAllStringSubmatch(usage, -1) {
				f := "--" + m[1]
				if !strings.Contains(helpLine, f) {
					t.Errorf("galley --help: %s does not list %s (%q)", name, f, helpLine)
				}
				if !strings.Contains(readmeLine, f) {
					t.Errorf("README: %s does not list %s (%q)", name, f, readmeLine)
				}
			}
		}
	}
}

// The repository stands on its own: its documents point at no file outside
// it (../shared is not part of a clone), and every file they name exists.
func TestDocumentsPointAtFilesThatExist(t *testing.T) {
	docs, _ := filepath.Glob("docs/*.md")
	docs = append(docs, "README.md", "seeds/README.md")
	// A path with a folder in it names a place (a bare raw.txt names a
	// kind of file).
	named := regexp.MustCompile("[`(]((?:\\.\\./|[a-z_]+/)[A-Za-z0-9_./-]+\\.(?:md|json|txt|png|sh|sql|model))[`)]")
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "../shared") {
			t.Errorf("%s points at ../shared", doc)
		}
		for _, m := range named.FindAllStringSubmatch(string(b), -1) {
			path := m[1]
			if strings.HasPrefix(path, "/") || strings.HasPrefix(path, "/tmp") {
				continue
			}
			// A path is relative to the document, or to the repository
			// root (README's commands run from there).
			if _, err := os.Stat(filepath.Join(filepath.Dir(doc), path)); err == nil {
				continue
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s names %s, which does not exist", doc, path)
			}
		}
	}
}
