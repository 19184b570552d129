package pdfpage

import (
	"reflect"
	"testing"

	"github.com/galley/galley/internal/pdftest"
)

// A page crosses from the worker whole: its glyphs with their faces,
// sizes and weights, its pictures and shapes; a form cut short (a worker
// that died mid-answer) is an error, not a page with glyphs missing.
func TestAPageCrossesFromTheWorkerWhole(t *testing.T) {
	page := readPage(t, pdftest.PhotoPage())
	if len(page.Glyphs) == 0 || len(page.Images) == 0 {
		t.Fatalf("%d glyphs, %d pictures: want a page with both", len(page.Glyphs), len(page.Images))
	}
	form := appendPage(nil, page)
	got, err := parsePage(form)
	if err != nil || !reflect.DeepEqual(got, page) {
		t.Fatalf("the page from its form differs (%v)", err)
	}
	for n := range len(form) {
		if _, err := parsePage(form[:n]); err == nil {
			t.Fatalf("the form cut at %d of %d bytes read as a page", n, len(form))
		}
	}
}
