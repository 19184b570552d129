package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/storage"
)

// exportTestArchive makes a real archive with two pages of two stories
// each; the second story of the first page is checked.
func exportTestArchive(t *testing.T) (path string, ids []int64) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "archive.db")
	arch, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer arch.Close()
	ctx := context.Background()
	for n, date := range []string{"2024-03-05", "2024-03-06"} {
		text := fmt.Sprintf("第%d版 原文", n+1)
		sum := sha256.Sum256([]byte(text))
		p := &article.Page{File: fmt.Sprintf("p%d.txt", n+1), SHA256: hex.EncodeToString(sum[:]), Text: text, Date: date}
		for i, title := range []string{"社区图书馆开放", "River Park Opens"} {
			p.Stories = append(p.Stories, article.Story{
				Order: i, Title: title,
				Byline:     []article.Byline{{Role: "记者", Name: "周明远"}},
				Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: title + "：正文第一段。"}},
				Edits:      []article.Edit{{Rule: "cjk_space", Start: 0, End: 3, Before: "社 区", After: "社区", Paragraph: 0}},
			})
		}
		if _, err := arch.AddPage(ctx, p); err != nil {
			t.Fatal(err)
		}
		for _, st := range p.Stories {
			ids = append(ids, st.ID)
		}
	}
	if err := arch.SetStatus(ctx, ids[1], article.StatusChecked, "test"); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

func runGalley(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func sortedDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestExportCommandWritesEveryStoryAsDOCX(t *testing.T) {
	db, _ := exportTestArchive(t)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runGalley(t, "--db", db, "export", "--format", "docx", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"2024-03-05 River Park Opens.docx", "2024-03-05 社区图书馆开放.docx", "2024-03-06 River Park Opens.docx", "2024-03-06 社区图书馆开放.docx"}
	if got := sortedDir(t, out); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("files = %q, want %q", got, want)
	}
	if !strings.Contains(stdout, "exported 4 stories as 4 docx files") {
		t.Errorf("summary = %q", stdout)
	}
}

func TestExportCommandFiltersByIDStatusAndPage(t *testing.T) {
	db, ids := exportTestArchive(t)

	out := t.TempDir()
	code, _, stderr := runGalley(t, "--db", db, "export", "--format", "json", "--out", out, fmt.Sprint(ids[2]))
	if code != 0 {
		t.Fatalf("by id: exit %d: %s", code, stderr)
	}
	got := sortedDir(t, out)
	if len(got) != 1 || got[0] != "2024-03-06 社区图书馆开放.json" {
		t.Fatalf("by id: files %q", got)
	}
	data, err := os.ReadFile(filepath.Join(out, got[0]))
	if err != nil {
		t.Fatal(err)
	}
	if err := export.ValidateStoryJSON(data); err != nil {
		t.Errorf("exported JSON does not match the schema: %v", err)
	}

	out = t.TempDir()
	if code, _, stderr := runGalley(t, "--db", db, "export", "--format", "jsonl", "--out", out, "--status", "checked"); code != 0 {
		t.Fatalf("by status: exit %d: %s", code, stderr)
	}
	got = sortedDir(t, out)
	if len(got) != 1 || got[0] != "2024-03-05 River Park Opens.jsonl" {
		t.Fatalf("by status: files %q", got)
	}
	stories, err := export.ReadStories(bytes.NewReader(mustReadFile(t, filepath.Join(out, got[0]))))
	if err != nil || len(stories) != 1 || stories[0].Status != article.StatusChecked || stories[0].Title != "River Park Opens" {
		t.Errorf("by status: %v, %+v", err, stories)
	}

	out = t.TempDir()
	if code, _, stderr := runGalley(t, "--db", db, "export", "--page", "2", "--format", "md", "--out", out, "--zip"); code != 0 {
		t.Fatalf("by page: exit %d: %s", code, stderr)
	}
	if got := sortedDir(t, out); len(got) != 1 || got[0] != "galley-export.zip" {
		t.Errorf("by page, zipped: %q", got)
	}
}

func TestExportCommandIncludesEditsOnlyWhenAsked(t *testing.T) {
	db, ids := exportTestArchive(t)
	for _, withEdits := range []bool{false, true} {
		out := t.TempDir()
		args := []string{"--db", db, "export", "--format", "json", "--out", out, fmt.Sprint(ids[0])}
		if withEdits {
			args = append(args, "--edits")
		}
		if code, _, stderr := runGalley(t, args...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data := mustReadFile(t, filepath.Join(out, sortedDir(t, out)[0]))
		if got := bytes.Contains(data, []byte(`"rule": "cjk_space"`)); got != withEdits {
			t.Errorf("--edits %v: edits in the JSON = %v", withEdits, got)
		}
		if err := export.ValidateStoryJSON(data); err != nil {
			t.Errorf("--edits %v: %v", withEdits, err)
		}
	}
}

func TestExportCommandWritesToStdout(t *testing.T) {
	db, _ := exportTestArchive(t)
	code, stdout, stderr := runGalley(t, "--db", db, "export", "--format", "jsonl", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	stories, err := export.ReadStories(strings.NewReader(stdout))
	if err != nil || len(stories) != 4 {
		t.Fatalf("stdout holds %d stories (%v):\n%s", len(stories), err, stdout)
	}
	code, stdout, _ = runGalley(t, "--db", db, "export", "--format", "md", "--out", "-", "--status", "checked")
	if code != 0 || !strings.HasPrefix(stdout, "# River Park Opens\n") {
		t.Errorf("markdown to stdout: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runGalley(t, "--db", db, "export", "--format", "md", "--out", "-", "--zip"); code != 2 || !strings.Contains(stderr, "--zip") {
		t.Errorf("--zip with --out -: exit %d, %s", code, stderr)
	}
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportCommandRejectsBadInputWithExit2AndWritesNothing(t *testing.T) {
	db, ids := exportTestArchive(t)
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	notArchive := filepath.Join(t.TempDir(), "plain.db")
	os.WriteFile(notArchive, []byte("this is not sqlite"), 0o644)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no format", []string{"--db", db, "export", "--out", "OUT"}, "--format is required"},
		{"bad format", []string{"--db", db, "export", "--format", "pdf", "--out", "OUT"}, "pdf"},
		{"no out", []string{"--db", db, "export", "--format", "docx"}, "--out"},
		{"out is a file", []string{"--db", db, "export", "--format", "docx", "--out", file}, "is a file"},
		{"bad status", []string{"--db", db, "export", "--format", "docx", "--out", "OUT", "--status", "done"}, "--status"},
		{"bad id", []string{"--db", db, "export", "--format", "docx", "--out", "OUT", "abc"}, `"abc" is not a story id`},
		{"unknown id", []string{"--db", db, "export", "--format", "docx", "--out", "OUT", "999"}, "no story with id [999]"},
		{"id not matching", []string{"--db", db, "export", "--format", "docx", "--out", "OUT", "--status", "approved", fmt.Sprint(ids[0])}, fmt.Sprintf("stories [%d] do not match --status/--page", ids[0])},
		{"no archive", []string{"--db", filepath.Join(t.TempDir(), "none.db"), "export", "--format", "docx", "--out", "OUT"}, "none.db"},
		{"not an archive", []string{"--db", notArchive, "export", "--format", "docx", "--out", "OUT"}, "plain.db"},
	}
	for _, c := range cases {
		out := filepath.Join(t.TempDir(), "out")
		for i, a := range c.args {
			if a == "OUT" {
				c.args[i] = out
			}
		}
		code, _, stderr := runGalley(t, c.args...)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 (%s)", c.name, code, stderr)
		}
		if !strings.Contains(stderr, c.want) {
			t.Errorf("%s: stderr %q does not say %q", c.name, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: the output folder was created", c.name)
		}
	}
}

func TestExportCommandShowsProgressForManyStories(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	arch, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := &article.Page{File: "big.txt", SHA256: strings.Repeat("ab", 32), Text: "原文", Date: "2024-03-05"}
	for i := range 20 {
		p.Stories = append(p.Stories, article.Story{Order: i, Title: fmt.Sprintf("第%d条", i+1),
			Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "正文。"}}})
	}
	if _, err := arch.AddPage(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	arch.Close()
	code, stdout, stderr := runGalley(t, "--db", path, "export", "--format", "txt", "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "exporting: 10/20 stories") || !strings.Contains(stderr, "exporting: 20/20 stories") {
		t.Errorf("progress on stderr = %q", stderr)
	}
	if !strings.Contains(stdout, "exported 20 stories as 20 txt files") {
		t.Errorf("summary = %q", stdout)
	}
}
