package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/galley/galley/article"
	"github.com/galley/galley/ingest"
)

// printedCount counts the characters a JSON document of stories and edits
// accounts for: those of the stories' text, and those each edit that takes
// characters out drops (its Before less its After).
func printedCount(doc article.Stories) int {
	visible := func(s string) int {
		n := 0
		for _, r := range s {
			if !unicode.IsSpace(r) && r != '\f' && r != '\u3000' {
				n++
			}
		}
		return n
	}
	n := 0
	dropped := func(e article.Edit) {
		switch e.Rule {
		case ingest.RuleDrop, ingest.RuleDehyphenate, ingest.RuleRunningHead, ingest.RulePageBreak, ingest.RuleCombined:
			n += max(visible(e.Before)-visible(e.After), 0)
		}
	}
	for _, st := range doc.Stories {
		n += visible(st.Kicker) + visible(st.Title) + visible(st.Subtitle)
		for _, p := range st.Paragraphs {
			n += visible(p.Text)
		}
		for _, e := range st.Edits {
			dropped(e)
		}
	}
	for _, e := range doc.Edits {
		dropped(e)
	}
	return n
}

func pageText(t *testing.T, file string) string {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text, err := ingest.Decode(raw, file)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// The running heads and folios of a page are printed with --edits, beside
// the stories: with them every printed character is accounted for.
func TestParseEditsPrintsThePageEdits(t *testing.T) {
	file := "testdata/pages/synthetic_feature.txt"
	code, out, errOut := parseCmd(t, file, "--edits")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc article.Stories
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Edits) == 0 || doc.Edits[0].Rule != ingest.RuleRunningHead || !strings.Contains(doc.Edits[0].Before, "2022年7月6日") {
		t.Fatalf("no running head among the page edits: %+v", doc.Edits)
	}
	text := pageText(t, file)
	want := 0
	for _, r := range text {
		if !unicode.IsSpace(r) && r != '\f' && r != '\u3000' {
			want++
		}
	}
	if got := printedCount(doc); got != want {
		t.Errorf("stories and edits account for %d characters, the page prints %d", got, want)
	}
	_, out, _ = parseCmd(t, file)
	if strings.Contains(out, `"edits"`) {
		t.Errorf("edits printed without --edits")
	}
}

func TestExportJSONEditsCarriesThePageEdits(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	file := "testdata/pages/synthetic_feature.txt"
	if code, out, errOut := galleyCmd(t, db, "import", file); code != 0 {
		t.Fatalf("import: %d %s%s", code, out, errOut)
	}
	code, out, errOut := galleyCmd(t, db, "export", "--format", "json", "--edits", "--one-file", "--out", "-")
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	var doc article.Stories
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Edits) == 0 || doc.Edits[0].Rule != ingest.RuleRunningHead {
		t.Fatalf("page edits missing from the export: %+v", doc.Edits)
	}
	text := pageText(t, file)
	want := 0
	for _, r := range text {
		if !unicode.IsSpace(r) && r != '\f' && r != '\u3000' {
			want++
		}
	}
	if got := printedCount(doc); got != want {
		t.Errorf("export accounts for %d characters, the page prints %d", got, want)
	}
	// without --edits: neither kind of edit
	_, out, _ = galleyCmd(t, db, "export", "--format", "json", "--one-file", "--out", "-")
	if strings.Contains(out, `"edits"`) {
		t.Errorf("edits exported without --edits")
	}
	// the document reads back
	outDir := t.TempDir()
	if code, _, errOut := galleyCmd(t, db, "export", "--format", "json", "--edits", "--one-file", "--out", outDir); code != 0 {
		t.Fatalf("export to folder: %s", errOut)
	}
	db2 := filepath.Join(dir, "b.db")
	names := sortedDir(t, outDir)
	if code, out, errOut := galleyCmd(t, db2, "import", filepath.Join(outDir, names[0])); code != 0 {
		t.Fatalf("re-import: %d %s%s", code, out, errOut)
	}
}
