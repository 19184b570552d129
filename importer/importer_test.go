package importer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/storage"
)

var ctx = context.Background()

func openArchive(t *testing.T) *storage.Archive {
	t.Helper()
	a, err := storage.Open(filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func copySeed(t *testing.T, name, dst string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportFolderSkipsNonTextAndReportsDuplicates(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "000_84aa73dab9e593a4.txt", filepath.Join(dir, "2022-06-28", "page1.txt"))
	copySeed(t, "en_nytribune_1916-01-02_p1.txt", filepath.Join(dir, "1916", "deep", "tribune.txt"))
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte("\xff\xd8\xff\xe0 not really"), 0o644)
	os.WriteFile(filepath.Join(dir, "scan.txt"), []byte("%PDF-1.7\n%binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("不应导入"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("abc\x00\x01\x02\x03\x04\x05\x06\x07\x08binary\x00\x00\x00\xfe"), 0o644)

	a := openArchive(t)
	var progress []Progress
	sum, err := Import(ctx, a, []string{dir}, Options{Progress: func(p Progress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	// scan.txt starts as a PDF does: it is read as one, and refused as a
	// damaged PDF.
	if sum.Imported != 2 || sum.Skipped != 2 || sum.Failed != 2 || sum.Duplicates != 0 {
		t.Fatalf("summary %s\n%s", sum, sum.Report())
	}
	report := sum.Report()
	for _, want := range []string{"photo.jpg: not a text file", "scan.txt: the file is damaged or not a PDF", "empty.txt: empty file", "bad.txt"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, ".hidden") {
		t.Error("hidden file considered")
	}
	if len(progress) != 6 || progress[5].Done != 6 || progress[5].Total != 6 {
		t.Errorf("progress: %+v", progress)
	}
	stories, _ := a.Stories(ctx, storage.StoryFilter{})
	if len(stories) != sum.Stories || sum.Stories < 6 {
		t.Errorf("%d stories stored, summary says %d", len(stories), sum.Stories)
	}
	// The page date comes from the folder-free file name only when it has
	// one; the extracted metadata is stored.
	full, _ := a.StoriesFull(ctx, storage.StoryFilter{})
	people := 0
	for _, st := range full {
		people += len(st.Metadata.People)
	}
	if people == 0 {
		t.Error("no metadata extracted")
	}

	// Again: every page is a duplicate of the one stored.
	again, err := Import(ctx, a, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported != 0 || again.Duplicates != 2 {
		t.Fatalf("second import: %s", again)
	}
	for _, r := range again.Results {
		if r.Outcome == Duplicate && (!strings.Contains(r.Reason, "already imported as page") || r.PageID == 0) {
			t.Errorf("duplicate result %+v", r)
		}
	}
	if after, _ := a.Stories(ctx, storage.StoryFilter{}); len(after) != len(stories) {
		t.Errorf("second import changed the story count: %d → %d", len(stories), len(after))
	}
}

func TestImportMissingPathFailsWithReason(t *testing.T) {
	a := openArchive(t)
	sum, err := Import(ctx, a, []string{filepath.Join(t.TempDir(), "nope.txt")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || !strings.Contains(sum.Report(), "no such file") {
		t.Errorf("%s", sum.Report())
	}
}

func TestImportStoryJSON(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "000_84aa73dab9e593a4.txt", filepath.Join(dir, "page.txt"))
	a := openArchive(t)
	if _, err := Import(ctx, a, []string{filepath.Join(dir, "page.txt")}, Options{}); err != nil {
		t.Fatal(err)
	}
	stories, _ := a.StoriesFull(ctx, storage.StoryFilter{})
	stories[0].Status = article.StatusApproved
	var ptrs []*article.Story
	for i := range stories {
		ptrs = append(ptrs, &stories[i])
	}
	var buf bytes.Buffer
	if err := export.JSONStories(&buf, ptrs, export.JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	jsonFile := filepath.Join(dir, "stories.json")
	os.WriteFile(jsonFile, buf.Bytes(), 0o644)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"stories": [{"format": "galley.story/v1", "title": 5}]}`), 0o644)

	b := openArchive(t)
	sum, err := Import(ctx, b, []string{jsonFile, bad}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 1 || sum.Failed != 1 || sum.Stories != len(stories) {
		t.Fatalf("%s", sum.Report())
	}
	got, _ := b.StoriesFull(ctx, storage.StoryFilter{})
	if len(got) != len(stories) || got[0].Title != stories[0].Title || got[0].Status != article.StatusApproved ||
		got[1].Body() != stories[1].Body() || got[1].Source != stories[1].Source {
		t.Errorf("stories read back from JSON differ")
	}
	if !strings.Contains(sum.Report(), "bad.json") {
		t.Errorf("report does not name the bad file:\n%s", sum.Report())
	}
}

func TestImportStopsWhenTheArchiveCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	files := loadSynth(t).writePages(t, dir, 0, 4)
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	ro, err := storage.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	sum, err := Import(ctx, ro, files, Options{})
	if !errors.Is(err, storage.ErrReadOnly) {
		t.Fatalf("import into a read-only archive: %v", err)
	}
	if sum.Imported != 0 || sum.Failed != 1 {
		t.Errorf("went on after the archive failed: %s", sum.Report())
	}
}

func TestCancelledImportStopsAfterTheCurrentPage(t *testing.T) {
	files := loadSynth(t).writePages(t, t.TempDir(), 0, 6)
	a := openArchive(t)
	cancellable, cancel := context.WithCancel(ctx)
	defer cancel()
	sum, err := Import(cancellable, a, files, Options{Progress: func(p Progress) {
		if p.Done == 2 {
			cancel() // the editor presses Cancel after the second page
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if sum.Imported != 2 {
		t.Errorf("imported %d pages, want the 2 before the cancel:\n%s", sum.Imported, sum.Report())
	}
	pages, _ := a.Pages(ctx, storage.PageFilter{})
	if len(pages) != 2 {
		t.Errorf("%d pages in the archive", len(pages))
	}
}
