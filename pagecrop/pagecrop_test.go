package pagecrop

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// pages is an archive of page images by page id that counts its reads.
type pages struct {
	images map[int64]storage.PageImage
	reads  int
}

func (p *pages) PageImage(_ context.Context, id int64) (storage.PageImage, bool, error) {
	p.reads++
	img, ok := p.images[id]
	return img, ok, nil
}

// A 100×200 pt page drawn at 3 px a point, its left half red: a picture
// over the left half is cut at 150×600 px and is red, read once for two
// pictures; a story of a page without an image gets no crop.
func TestCropsComeFromThePageImageAtItsScale(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 600))
	for y := range 600 {
		for x := range 150 {
			img.Set(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	arch := &pages{images: map[int64]storage.PageImage{1: {PNG: buf.Bytes(), Width: 100, Height: 200}}}
	crop := FromArchive(context.Background(), arch)
	st := &article.Story{PageID: 1, Pictures: []article.Box{{X0: 0, Y0: 0, X1: 50, Y1: 200}, {X0: 90, Y0: 190, X1: 120, Y1: 220}}}
	got, err := crop(st, 0)
	if err != nil || got == nil {
		t.Fatalf("crop: %v, %v", got, err)
	}
	if b := got.Bounds(); b.Dx() != 150 || b.Dy() != 600 {
		t.Errorf("the crop is %v, want 150×600 px", b)
	}
	if r, _, _, _ := got.At(149, 599).RGBA(); r != 0xffff {
		t.Error("the crop is not the left half of the page")
	}
	// The second picture runs off the page: cut to the page's edge.
	if got, _ := crop(st, 1); got == nil || got.Bounds().Dx() != 30 || got.Bounds().Dy() != 30 {
		t.Errorf("a picture running off the page gives %v, want the 30×30 px on it", got)
	}
	if arch.reads != 1 {
		t.Errorf("the page image was read %d times for two pictures, want once", arch.reads)
	}
	if got, err := crop(&article.Story{PageID: 2, Pictures: st.Pictures}, 0); got != nil || err != nil {
		t.Errorf("a page without an image gives %v, %v, want no crop and no error", got, err)
	}
}
