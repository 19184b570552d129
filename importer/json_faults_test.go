package importer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/storage"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// storyFile writes stories as export writes them (jsonl: one a line).
func storyFile(t *testing.T, path string, stories []article.Story, jsonl bool) {
	t.Helper()
	var buf bytes.Buffer
	var ptrs []*article.Story
	for i := range stories {
		ptrs = append(ptrs, &stories[i])
	}
	var err error
	if jsonl {
		for _, st := range ptrs {
			if err = export.JSONLine(&buf, st, export.JSONOptions{}); err != nil {
				break
			}
		}
	} else {
		err = export.JSONStories(&buf, ptrs, export.JSONOptions{})
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func importOne(t *testing.T, a *storage.Archive, file string) Result {
	t.Helper()
	sum, err := Import(ctx, a, []string{file}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sum.Results[0]
}

func seedArchive(t *testing.T) (*storage.Archive, []article.Story, string) {
	t.Helper()
	dir := t.TempDir()
	copySeed(t, "000_84aa73dab9e593a4.txt", filepath.Join(dir, "page.txt"))
	a := openArchive(t)
	if r := importOne(t, a, filepath.Join(dir, "page.txt")); r.Outcome != Imported {
		t.Fatalf("%+v", r)
	}
	stories, err := a.StoriesFull(ctx, storage.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return a, stories, dir
}

func storyCount(t *testing.T, a *storage.Archive) int {
	t.Helper()
	list, err := a.Stories(ctx, storage.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// Story JSON that is not UTF-8 is refused with the byte offset, as a raw
// page is, instead of being stored with U+FFFD for every bad byte.
func TestImportStoryJSONRefusesBytesThatAreNotUTF8(t *testing.T) {
	_, stories, dir := seedArchive(t)
	good := filepath.Join(dir, "good.json")
	storyFile(t, good, stories[:2], false)
	utf8JSON, _ := os.ReadFile(good)
	gbJSON, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8JSON)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), utf8JSON...)
	at := bytes.IndexFunc(damaged, func(r rune) bool { return r >= 0x80 }) + 1
	damaged[at] = 0xFF // inside the first Chinese character
	cases := map[string]struct {
		data []byte
		want string
	}{
		"gb18030.json": {gbJSON, "may be GB18030"},
		"damaged.json": {damaged, fmt.Sprintf("invalid UTF-8 at byte offset %d", at-1)},
		"utf16.json":   {append([]byte{0xFF, 0xFE}, 'x', 0), "UTF-16"},
	}
	b := openArchive(t)
	for name, c := range cases {
		file := filepath.Join(dir, name)
		os.WriteFile(file, c.data, 0o644)
		r := importOne(t, b, file)
		if r.Outcome != Failed || !strings.Contains(r.Reason, c.want) {
			t.Errorf("%s: %v %q, want failed with %q", name, r.Outcome, r.Reason, c.want)
		}
	}
	if n := storyCount(t, b); n != 0 {
		t.Errorf("%d stories stored from refused files", n)
	}
}

// NUL, ESC and BEL written as \u escapes are refused with where they are:
// printed, they drive the terminal of whoever lists the archive.
func TestImportStoryJSONRefusesControlCharacters(t *testing.T) {
	_, stories, dir := seedArchive(t)
	b := openArchive(t)
	for _, c := range []struct {
		name, field, value, code string
	}{
		{"esc.json", "title", "\x1b[2J\x1b[31m红色标题", "U+001B"},
		{"nul.json", "para", "正文\x00第一段", "U+0000"},
		{"bel.json", "byline", "张三\a", "U+0007"},
	} {
		st := stories[0]
		st.Paragraphs = append([]article.Paragraph(nil), st.Paragraphs...)
		switch c.field {
		case "title":
			st.Title = c.value
		case "para":
			st.Paragraphs[0].Text = c.value
		case "byline":
			st.Byline = []article.Byline{{Role: "记者", Name: c.value}}
		}
		file := filepath.Join(dir, c.name)
		storyFile(t, file, []article.Story{st}, false)
		r := importOne(t, b, file)
		if r.Outcome != Failed || !strings.Contains(r.Reason, c.code) || !strings.Contains(r.Reason, "control character") {
			t.Errorf("%s: %v %q", c.name, r.Outcome, r.Reason)
		}
	}
	if n := storyCount(t, b); n != 0 {
		t.Errorf("%d stories stored with control characters", n)
	}
}

// Exported stories read back into the archive they came from, in any
// JSON form, are recognised by their content, not stored again.
func TestReimportedStoryJSONIsNotDuplicated(t *testing.T) {
	a, stories, dir := seedArchive(t)
	before := storyCount(t, a)
	asJSON, asJSONL := filepath.Join(dir, "all.json"), filepath.Join(dir, "all.jsonl")
	storyFile(t, asJSON, stories, false)
	storyFile(t, asJSONL, stories, true)
	for _, f := range []string{asJSON, asJSONL} {
		r := importOne(t, a, f)
		if r.Outcome != Duplicate || !strings.Contains(r.Reason, "in the archive already") {
			t.Errorf("%s: %v %q, want a duplicate", filepath.Base(f), r.Outcome, r.Reason)
		}
	}
	if n := storyCount(t, a); n != before {
		t.Fatalf("re-import of exported stories: %d stories, was %d", n, before)
	}
	// A file holding known stories and a new one stores only the new one.
	fresh := stories[0]
	fresh.Title, fresh.Source.Start = "一篇新稿", 99999
	mixed := filepath.Join(dir, "mixed.json")
	storyFile(t, mixed, append([]article.Story{fresh}, stories[:2]...), false)
	r := importOne(t, a, mixed)
	if r.Outcome != Imported || r.Stories != 1 || !strings.Contains(r.Reason, "2 of 3 stories were in the archive already") {
		t.Errorf("mixed file: %+v", r)
	}
	// In another archive the first file goes in, the second form of the
	// same stories is a duplicate.
	b := openArchive(t)
	if r := importOne(t, b, asJSONL); r.Outcome != Imported {
		t.Fatalf("%+v", r)
	}
	if r := importOne(t, b, asJSON); r.Outcome != Duplicate {
		t.Errorf("the same stories as JSON after JSON Lines: %+v", r)
	}
	if n := storyCount(t, b); n != len(stories) {
		t.Errorf("%d stories, want %d", n, len(stories))
	}
}

// A file of stories is held to the limits of a raw page.
func TestImportStoryJSONHeldToThePageLimits(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"stories": [`)
	for i := 0; i <= ingest.MaxPageStories; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"format": "galley.story/v1"}`)
	}
	b.WriteString("]}\n")
	file := filepath.Join(dir, "many.json")
	os.WriteFile(file, []byte(b.String()), 0o644)
	a := openArchive(t)
	r := importOne(t, a, file)
	if r.Outcome != Failed || !strings.Contains(r.Reason, fmt.Sprintf("more than the %d stories", ingest.MaxPageStories)) {
		t.Errorf("%v %q", r.Outcome, r.Reason)
	}
}
