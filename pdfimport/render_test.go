package pdfimport

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/galley/galley/internal/pdftest"
)

// A page printed in black is drawn in grey levels, a page with a colour
// picture in colour; both on opaque white paper, in the page's shape.
func TestRenderPNGKeepsColourOnlyWhereThePageHasIt(t *testing.T) {
	data, err := pdftest.Bytes(pdftest.ColumnsPage(), pdftest.PhotoPage())
	if err != nil {
		t.Fatal(err)
	}
	d, err := OpenBytes(context.Background(), "two.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for n, wantGrey := range map[int]bool{1: true, 2: false} {
		b, err := d.RenderPNG(context.Background(), n, 400)
		if err != nil {
			t.Fatal(err)
		}
		pic, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		_, grey := pic.(*image.Gray)
		if grey != wantGrey {
			t.Errorf("page %d drawn as %T", n, pic)
		}
		if r := pic.Bounds(); r.Dx() != 400 || r.Dy() < 565 || r.Dy() > 567 {
			t.Errorf("page %d: %v, want 400×566 (A4)", n, r)
		}
		if _, _, _, a := pic.At(1, 1).RGBA(); a != 0xffff {
			t.Errorf("page %d: the paper is see-through", n)
		}
	}
}

// Every page of a PDF has its own name in the archive, known before the
// page is read and the same once it is.
func TestPagesAreNamedBeforeTheyAreRead(t *testing.T) {
	data, err := pdftest.Bytes(pdftest.ColumnsPage(), pdftest.TwoStoriesPage())
	if err != nil {
		t.Fatal(err)
	}
	d, err := OpenBytes(context.Background(), "two.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.SHA256(1) == d.SHA256(2) {
		t.Error("two pages have one name")
	}
	pages, err := d.ReadPages(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.SHA256 != d.SHA256(p.Number) || p.Name() != "two.pdf#"+string(rune('0'+p.Number)) {
			t.Errorf("page %d: %s %s", p.Number, p.Name(), p.SHA256)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.ReadPages(cancelled, nil); err == nil {
		t.Error("a cancelled read read on")
	}
}
