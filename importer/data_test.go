package importer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/galley/galley/storage"
)

// Bytes imported under a name give the same page as the file on disk, are
// recognised as a duplicate the second time, and a bad page is a failed
// result, not an archive error.
func TestImportDataMatchesImportOfTheFile(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "seeds", "000_84aa73dab9e593a4.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fromData := openArchive(t)
	r, err := ImportData(ctx, fromData, "page1.txt", raw, Options{})
	if err != nil || r.Outcome != Imported || r.PageID == 0 {
		t.Fatalf("ImportData: %+v %v", r, err)
	}
	dir := t.TempDir()
	copySeed(t, "000_84aa73dab9e593a4.txt", filepath.Join(dir, "page1.txt"))
	fromFile := openArchive(t)
	sum, err := Import(ctx, fromFile, []string{filepath.Join(dir, "page1.txt")}, Options{})
	if err != nil || sum.Imported != 1 {
		t.Fatalf("Import: %s %v", sum, err)
	}
	if r.Stories != sum.Stories || r.Stories < 5 {
		t.Fatalf("ImportData stored %d stories, Import %d", r.Stories, sum.Stories)
	}
	a, _ := fromData.Page(ctx, r.PageID)
	b, _ := fromFile.Page(ctx, sum.Results[0].PageID)
	if a.File != "page1.txt" || a.SHA256 != b.SHA256 || a.Text != b.Text {
		t.Fatalf("pages differ: %q %q", a.File, b.File)
	}
	for i := range a.Stories {
		if a.Stories[i].Title != b.Stories[i].Title || len(a.Stories[i].Paragraphs) != len(b.Stories[i].Paragraphs) ||
			a.Stories[i].Metadata.Chars != b.Stories[i].Metadata.Chars {
			t.Errorf("story %d differs: %q / %q", i, a.Stories[i].Title, b.Stories[i].Title)
		}
	}

	again, err := ImportData(ctx, fromData, "copy.txt", raw, Options{})
	if err != nil || again.Outcome != Duplicate || again.PageID != r.PageID {
		t.Fatalf("second import: %+v %v", again, err)
	}
	bad, err := ImportData(ctx, fromData, "bad.txt", []byte("abc\x00\x01\x02\x03\x04binary\x00\x00\xfe"), Options{})
	if err != nil || bad.Outcome != Failed || bad.Reason == "" {
		t.Fatalf("bad page: %+v %v", bad, err)
	}
	pages, _ := fromData.Pages(ctx, storage.PageFilter{})
	if len(pages) != 1 {
		t.Fatalf("%d pages in the archive", len(pages))
	}
}
