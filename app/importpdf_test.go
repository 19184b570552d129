package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/storage"
)

// pdfPages returns the archive's pages read from a PDF.
func pdfPages(t *testing.T, arc *storage.Archive) []storage.PageInfo {
	t.Helper()
	all, err := arc.Pages(t.Context(), storage.PageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []storage.PageInfo
	for _, p := range all {
		if p.HasImage {
			out = append(out, p)
		}
	}
	return out
}

// File → Import files… lists PDFs beside text pages, and the PDF chosen is
// imported with its page image; its story then opens on the page.
func TestImportFileDialogImportsAPDF(t *testing.T) {
	w, arc, _ := newBench(t)
	dir := t.TempDir()
	if err := pdftest.Write(filepath.Join(dir, "columns.pdf"), pdftest.ColumnsPage()); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "city.txt"), []byte("本报讯 今天天气很好，市民纷纷外出。\n"), 0o644)
	w.App.Preferences().SetString("import_folder", dir)
	objs := openFileDialog(t, w, menuItem(t, w.Win.MainMenu(), "Import files…").Action)
	fileItem(t, objs, "city") // the text page is listed too
	fileItem(t, objs, "columns").Tapped(&fyne.PointEvent{})
	test.Tap(button(t, objs, "Open"))
	w.jobs.Wait()
	pages := pdfPages(t, arc)
	if len(pages) != 1 || !strings.HasSuffix(pages[0].File, "columns.pdf") || pages[0].Stories == 0 {
		t.Fatalf("pages read from a PDF after the import: %+v", pages)
	}
	openPageStory(t, w, pages[0].ID, 0)
	if !w.rawPane.page.Visible() {
		t.Fatal("the imported PDF's story does not show its page")
	}
}

// A PDF dropped on the window is imported, with its page image.
func TestDroppedPDFIsImported(t *testing.T) {
	w, arc, _ := newBench(t)
	path := filepath.Join(t.TempDir(), "two.pdf")
	if err := pdftest.Write(path, pdftest.TwoStoriesPage()); err != nil {
		t.Fatal(err)
	}
	w.dropped(fyne.NewPos(500, 400), []fyne.URI{fynestorage.NewFileURI(path)})
	w.jobs.Wait()
	pages := pdfPages(t, arc)
	if len(pages) != 1 || pages[0].Stories < 2 {
		t.Fatalf("pages read from a PDF after the drop: %+v", pages)
	}
	if !strings.Contains(w.status.message.Text, "1 page imported") {
		t.Fatalf("the status bar says %q", w.status.message.Text)
	}
}

// Importing a PDF of several pages moves the progress through its pages,
// first reading them, then storing them, and says which page it is at.
func TestPDFImportProgressMovesPageByPage(t *testing.T) {
	_, arc, _ := newBench(t)
	path := filepath.Join(t.TempDir(), "three.pdf")
	if err := pdftest.Write(path, pdftest.ColumnsPage(), pdftest.TwoStoriesPage(), pdftest.PhotoPage()); err != nil {
		t.Fatal(err)
	}
	var fractions []float64
	var said []string
	sum := ImportFiles(t.Context(), arc, []string{path}, func(p ImportProgress) {
		fractions = append(fractions, p.Fraction)
		if s := p.String(); s != "" {
			said = append(said, s)
		}
	})
	if sum.Imported != 3 {
		t.Fatalf("imported: %s %v %v %v", sum, sum.Failed, sum.Skipped, sum.Duplicates)
	}
	inside := 0
	for i, f := range fractions {
		if i > 0 && f < fractions[i-1] {
			t.Fatalf("the progress went back: %v", fractions)
		}
		if f > 0 && f < 1 {
			inside++
		}
	}
	if inside < 4 || fractions[len(fractions)-1] != 1 {
		t.Fatalf("progress through a PDF of three pages: %v", fractions)
	}
	for _, want := range []string{"Reading three.pdf: page 3 of 3", "Storing three.pdf: page 3 of 3"} {
		if !contains(said, want) {
			t.Errorf("the status bar never said %q: %q", want, said)
		}
	}
}
