package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/pdfpage"
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

// galley import of a PDF that keeps the engine past the time limit of a
// step refuses it as bad input, naming the file and what took too long,
// and stores nothing of it; the next import of a PDF works.
func TestImportOfAPDFTooSlowToRead(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	slow := filepath.Join(dir, "slow.pdf")
	next := filepath.Join(dir, "next.pdf")
	for path, p := range map[string]pdftest.Page{slow: pdftest.ColumnsPage(), next: pdftest.TwoStoriesPage()} {
		if err := pdftest.Write(path, p); err != nil {
			t.Fatal(err)
		}
	}
	was := pdfpage.SetPageTimeLimit(time.Nanosecond)
	code, out, errOut := galleyCmd(t, db, "import", slow)
	pdfpage.SetPageTimeLimit(was)
	if code != 2 || !strings.Contains(errOut, "slow.pdf") || !strings.Contains(errOut, "took longer than 1ns") || !strings.HasPrefix(out, "0 pages imported") {
		t.Errorf("import of a PDF too slow to read: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if n := archivePages(t, db); n != 0 {
		t.Errorf("the slow PDF left %d pages in the archive", n)
	}
	code, out, errOut = galleyCmd(t, db, "import", next)
	if code != 0 || !strings.HasPrefix(out, "1 page imported") {
		t.Errorf("the next import: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

// `galley parse --explain` on a PDF says why each line got its role, page
// by page: the running head is furniture by its place (no weight could
// change it), the headline a title.
func TestParseExplainReadsAPDF(t *testing.T) {
	paper := filepath.Join(t.TempDir(), "paper.pdf")
	cols := pdftest.ColumnsPage()
	if err := pdftest.Write(paper, cols, pdftest.TwoStoriesPage()); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runGalley(t, "parse", "--explain", paper)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "page 1\n") || !strings.Contains(out, "page 2\n") {
		t.Errorf("no page headers in:\n%s", out)
	}
	title := cols.Stories()[0].Title
	furniture := cols.Furniture()[0]
	var sawTitle, sawFurniture bool
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) < 4 {
			continue
		}
		text := strings.Join(f[3:], "")
		if text == strings.ReplaceAll(title, " ", "") && strings.HasPrefix(f[1], "title") {
			sawTitle = true
		}
		if text == furniture && f[1] == "noise" && f[2] == "fixed" {
			sawFurniture = true
		}
	}
	if !sawTitle || !sawFurniture {
		t.Errorf("title %q as title: %v; running head %q as fixed noise: %v\n%s", title, sawTitle, furniture, sawFurniture, out)
	}
}
