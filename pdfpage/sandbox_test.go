package pdfpage

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"github.com/klippa-app/go-pdfium/requests"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/score"
)

// The engine gets the PDF as bytes and cannot read the disk: a file the
// PDF names (or a bug in PDFium a hostile file triggers) finds no files.
func TestEngineReadsBytesAndNoFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "columns.pdf")
	if err := pdftest.Write(path, pdftest.ColumnsPage()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := OpenBytes(context.Background(), "columns.pdf", data)
	if err != nil {
		t.Fatalf("reading a PDF from bytes: %v", err)
	}
	defer doc.Close()
	page, err := doc.Page(context.Background(), 0)
	if err != nil || len(page.Glyphs) == 0 {
		t.Fatalf("page 1: %d glyphs, %v", len(page.Glyphs), err)
	}
	inst, err := instance()
	if err != nil {
		t.Fatal(err)
	}
	if res, err := inst.OpenDocument(&requests.OpenDocument{FilePath: &path}); err == nil {
		inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: res.Document})
		t.Errorf("the engine opened %s from the disk", path)
	}
}

// Glyphs PDFium cannot map to a character come as stray code points in
// boxes too small to see; they are not text. On the corpus they were NKo
// letters (U+07D6) amid Chinese and a "!" inside "3000多场".
func TestCorpusPagesHaveNoInvisibleGlyphs(t *testing.T) {
	shared := score.SharedDir(".")
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "*_mutool", "page.pdf"))
	if shared == "" || len(files) == 0 {
		t.Skip("no corpus: ../shared/corpus is absent")
	}
	if testing.Short() {
		files = files[:5]
	}
	for _, f := range files {
		doc, err := Open(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		page, err := doc.Page(context.Background(), 0)
		doc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range page.Glyphs {
			if g.Box.H() < minGlyphHeight || unicode.Is(unicode.Nko, g.Rune) {
				t.Errorf("%s: %U in a box %.3f pt high", f, g.Rune, g.Box.H())
			}
		}
	}
}
