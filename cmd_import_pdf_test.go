package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/storage"
)

func archivePages(t *testing.T, db string) int {
	t.Helper()
	a, err := storage.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	c, err := a.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Pages
}

// galley import of a PDF stores every page, with the stories galley parse
// prints for it; a scan is refused as bad input, naming the file and what
// to do, and the archive keeps the pages it had.
func TestImportPDFFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	paper := filepath.Join(dir, "paper.pdf")
	if err := pdftest.Write(paper, pdftest.ColumnsPage(), pdftest.TwoStoriesPage()); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := galleyCmd(t, db, "import", paper)
	if code != 0 || !strings.HasPrefix(out, "2 pages imported") {
		t.Fatalf("import of a PDF: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	code, out, _ = galleyCmd(t, db, "check")
	if code != 0 || !strings.Contains(out, "2 pages (2 with their image)") {
		t.Errorf("check after importing a PDF: exit %d: %s", code, out)
	}
	// What parse prints is what was stored.
	code, out, errOut = galleyCmd(t, db, "parse", paper)
	if code != 0 {
		t.Fatalf("parse: exit %d: %s", code, errOut)
	}
	parsed := storiesJSON(t, out)
	code, out, _ = galleyCmd(t, db, "list", "--json")
	if code != 0 {
		t.Fatalf("list: exit %d", code)
	}
	stored := storiesJSON(t, out)
	if len(parsed) == 0 || len(parsed) != len(stored) {
		t.Fatalf("parse gives %d stories, the archive holds %d", len(parsed), len(stored))
	}
	for i := range parsed {
		if parsed[i].Headline() != stored[i].Headline() || len(parsed[i].Metadata.Keywords) != len(stored[i].Metadata.Keywords) {
			t.Errorf("story %d: parsed %q %v, stored %q %v", i, parsed[i].Headline(), parsed[i].Metadata.Keywords, stored[i].Headline(), stored[i].Metadata.Keywords)
		}
	}

	scan := filepath.Join(dir, "scan.pdf")
	if err := pdftest.WriteScanned(scan); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = galleyCmd(t, db, "import", scan)
	if code != 2 || !strings.Contains(errOut, "scan.pdf") || !strings.Contains(errOut, "OCR") || !strings.HasPrefix(out, "0 pages imported") {
		t.Errorf("import of a scan: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if n := archivePages(t, db); n != 2 {
		t.Errorf("after the scan the archive holds %d pages, had 2", n)
	}
}
