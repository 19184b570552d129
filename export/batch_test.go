package export

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func dirNames(t *testing.T, dir string) []string {
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

func titled(title string) *article.Story {
	st := sampleStory()
	st.Title = title
	return st
}

func TestBatchWritesOneFilePerStoryNeverOverwriting(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "2024-03-05 桥.docx")
	if err := os.WriteFile(existing, []byte("the editor's own file"), 0o644); err != nil {
		t.Fatal(err)
	}
	items := []Item{
		{Story: titled("桥"), PageDate: "2024-03-05"},
		{Story: titled("桥"), PageDate: "2024-03-05"},
		{Story: titled("Park"), PageDate: "2024-03-05"},
		{Story: titled("park"), PageDate: "2024-03-05"},
		{Story: titled("CON"), PageDate: ""},
	}
	var calls [][2]int
	sum, err := Batch(context.Background(), items, Options{Format: FormatDOCX, Dir: dir}, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2024-03-05 Park.docx", "2024-03-05 park-2.docx", "2024-03-05 桥-2.docx", "2024-03-05 桥-3.docx", "2024-03-05 桥.docx", "_CON.docx"}
	sort.Strings(want)
	if got := dirNames(t, dir); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("files = %q, want %q", got, want)
	}
	if b, _ := os.ReadFile(existing); string(b) != "the editor's own file" {
		t.Error("an existing file was overwritten")
	}
	if sum.Stories != 5 || len(sum.Files) != 5 || sum.Bytes == 0 {
		t.Errorf("summary = %+v", sum)
	}
	if len(calls) != 6 || calls[0] != [2]int{0, 5} || calls[5] != [2]int{5, 5} {
		t.Errorf("progress calls = %v", calls)
	}
	// Each file is a whole DOCX of its story, dated by its page.
	_, parts := docxParts(t, mustRead(t, filepath.Join(dir, "2024-03-05 Park.docx")))
	core := parseXML(t, "core.xml", parts["docProps/core.xml"])
	if core.child("title").text != "Park" || core.child("created").text != "2024-03-05T00:00:00Z" {
		t.Errorf("Park.docx core: title %q created %q", core.child("title").text, core.child("created").text)
	}
	if !strings.Contains(sum.String(), "exported 5 stories as 5 docx files to "+dir) {
		t.Errorf("summary line %q", sum.String())
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBatchJSONFilesAllMatchTheSchema(t *testing.T) {
	dir := t.TempDir()
	items := []Item{{Story: sampleStory(), PageDate: "2024-03-05"}, {Story: englishStory()}, {Story: &article.Story{}}}
	sum, err := Batch(context.Background(), items, Options{Format: FormatJSON, Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 3 {
		t.Fatalf("files = %v", sum.Files)
	}
	for _, f := range sum.Files {
		if err := ValidateStoryJSON(mustRead(t, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestBatchJSONLinesIsOneFileThatReadsBack(t *testing.T) {
	dir := t.TempDir()
	items := []Item{{Story: sampleStory()}, {Story: englishStory()}}
	sum, err := Batch(context.Background(), items, Options{Format: FormatJSONL, Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 1 || filepath.Base(sum.Files[0]) != "galley-export.jsonl" {
		t.Fatalf("files = %v", sum.Files)
	}
	data := mustRead(t, sum.Files[0])
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if err := ValidateStoryJSON([]byte(line)); err != nil {
			t.Errorf("line %d: %v", i+1, err)
		}
	}
	back, err := ReadStories(bytes.NewReader(data))
	if err != nil || len(back) != 2 || back[1].Title != englishStory().Title {
		t.Errorf("read back: %v, %d stories", err, len(back))
	}

	// Stories of one page date: the date leads the name.
	for i := range items {
		items[i].PageDate = "2024-03-05"
	}
	sum, err = Batch(context.Background(), items, Options{Format: FormatJSONL, Dir: dir}, nil)
	if err != nil || len(sum.Files) != 1 || filepath.Base(sum.Files[0]) != "2024-03-05 galley-export.jsonl" {
		t.Errorf("dated JSON Lines: %v, %v", err, sum.Files)
	}
}

func TestBatchZipHoldsTheFilesAndKeepsAnOlderZip(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "galley-export.zip"), []byte("older"), 0o644); err != nil {
		t.Fatal(err)
	}
	items := []Item{{Story: titled("桥"), PageDate: "2024-03-05"}, {Story: titled("桥"), PageDate: "2024-03-05"}}
	sum, err := Batch(context.Background(), items, Options{Format: FormatMarkdown, Dir: dir, Zip: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 1 || filepath.Base(sum.Files[0]) != "galley-export-2.zip" {
		t.Fatalf("files = %v", sum.Files)
	}
	if got := dirNames(t, dir); strings.Join(got, "|") != "galley-export-2.zip|galley-export.zip" {
		t.Errorf("folder holds %q (temporary files left?)", got)
	}
	zr, err := zip.OpenReader(sum.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if strings.Join(names, "|") != "2024-03-05 桥.md|2024-03-05 桥-2.md" {
		t.Errorf("zip entries = %q", names)
	}
}

func TestBatchOneFileDOCXHoldsAllStories(t *testing.T) {
	dir := t.TempDir()
	items := []Item{{Story: sampleStory(), PageDate: "2024-03-05"}, {Story: englishStory(), PageDate: "2024-03-05"}}
	sum, err := Batch(context.Background(), items, Options{Format: FormatDOCX, Dir: dir, OneFile: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 1 || sum.Stories != 2 {
		t.Fatalf("summary %+v", sum)
	}
	_, parts := docxParts(t, mustRead(t, sum.Files[0]))
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	var titles []string
	for _, p := range readParagraphs(t, doc) {
		if p.style == "Title" {
			titles = append(titles, p.text)
		}
	}
	if len(titles) != 2 {
		t.Errorf("titles in the document: %q", titles)
	}
}

func TestBatchStopsWhenCancelledAndLeavesNoHalfFiles(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	items := []Item{{Story: titled("一")}, {Story: titled("二")}, {Story: titled("三")}}
	sum, err := Batch(ctx, items, Options{Format: FormatText, Dir: dir}, func(done, total int) {
		if done == 1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := dirNames(t, dir); strings.Join(got, "|") != "一.txt" || len(sum.Files) != 1 {
		t.Errorf("folder %q, summary files %v", got, sum.Files)
	}

	zdir := t.TempDir()
	zctx, zcancel := context.WithCancel(context.Background())
	_, err = Batch(zctx, items, Options{Format: FormatText, Dir: zdir, Zip: true}, func(done, total int) {
		if done == 2 {
			zcancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("zip: err = %v", err)
	}
	if got := dirNames(t, zdir); len(got) != 0 {
		t.Errorf("a cancelled zip left %q", got)
	}
}

func TestBatchRejectsBadOptionsAndNamesTheFolder(t *testing.T) {
	if _, err := Batch(context.Background(), nil, Options{Format: "pdf", Dir: t.TempDir()}, nil); err == nil || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("format pdf: %v", err)
	}
	if _, err := Batch(context.Background(), nil, Options{Format: FormatText}, nil); err == nil {
		t.Error("no folder: no error")
	}
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Batch(context.Background(), []Item{{Story: sampleStory()}}, Options{Format: FormatText, Dir: filepath.Join(file, "out")}, nil)
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("folder under a file: err = %v, want it to name the path", err)
	}
}

func TestWriteNewRemovesTheTemporaryFileOnError(t *testing.T) {
	dir := t.TempDir()
	diskFull := errors.New("no space left on device")
	_, err := writeNew(dir, "2024-03-05 桥.docx", map[string]bool{}, func(f *os.File) error {
		f.Write([]byte("half a docu"))
		return diskFull
	})
	if !errors.Is(err, diskFull) || !strings.Contains(err.Error(), filepath.Join(dir, "2024-03-05 桥.docx")) {
		t.Errorf("err = %v, want the write error naming the file", err)
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("left %q behind", got)
	}
}

func TestWriteNewSkipsANameTakenByAFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "桥.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	path, err := writeNew(dir, "桥.txt", map[string]bool{}, func(f *os.File) error {
		_, err := f.Write([]byte("x"))
		return err
	})
	if err != nil || filepath.Base(path) != "桥-2.txt" {
		t.Errorf("path %q, err %v", path, err)
	}
}

func TestWriteFileReplacesTheChosenFileWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chosen.docx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, FormatDOCX, []Item{{Story: sampleStory(), PageDate: "2024-03-05"}}, Options{}); err != nil {
		t.Fatal(err)
	}
	_, parts := docxParts(t, mustRead(t, path))
	if got := parseXML(t, "core.xml", parts["docProps/core.xml"]).child("title").text; got != sampleStory().Title {
		t.Errorf("title = %q", got)
	}
	if got := dirNames(t, dir); strings.Join(got, "|") != "chosen.docx" {
		t.Errorf("folder holds %q", got)
	}
	// A story that cannot be rendered leaves the old file alone.
	if err := WriteFile(path, FormatDOCX, []Item{{Story: sampleStory(), PageDate: "March"}}, Options{}); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("bad date: err = %v, want it to name %s", err, path)
	}
	if _, parts := docxParts(t, mustRead(t, path)); parts["word/document.xml"] == nil {
		t.Error("the earlier export was damaged")
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x.txt"), FormatText, []Item{{Story: sampleStory()}}, Options{}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing folder: err = %v", err)
	}
}
