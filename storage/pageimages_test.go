package storage

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// testPNG draws a page-like picture w×h pixels: white with a dark band
// whose place depends on seed, so that two images differ.
func testPNG(t *testing.T, w, h, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if (y+seed)%17 < 3 {
				c = color.RGBA{20, 20, 20, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func imageCount(t *testing.T, a *Archive) int {
	t.Helper()
	var n int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM page_images`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A PDF page's image is stored with it and read back as stored, with the
// printed page's size; a text page has none.
func TestPageImageIsKeptWithItsPage(t *testing.T) {
	a, _ := openTemp(t)
	text := mustAdd(t, a, testPage(1))
	pic := testPNG(t, 70, 99, 1)
	p := testPage(2)
	id, err := a.AddPageWithImage(ctx, p, PageImage{PNG: pic, Width: 595.3, Height: 841.9})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != id || p.Stories[0].PageID != id {
		t.Errorf("page %d, its story on page %d; want %d", p.ID, p.Stories[0].PageID, id)
	}
	img, ok, err := a.PageImage(ctx, id)
	if err != nil || !ok {
		t.Fatalf("image of page %d: %v %v", id, ok, err)
	}
	if !bytes.Equal(img.PNG, pic) || img.Width != 595.3 || img.Height != 841.9 || img.PixelWidth != 70 {
		t.Errorf("read back %d bytes, %g×%g pt, %d px wide; stored %d bytes, 595.3×841.9 pt, 70 px", len(img.PNG), img.Width, img.Height, img.PixelWidth, len(pic))
	}
	page, err := a.Page(ctx, id)
	if err != nil || page.Width != 595.3 || page.Height != 841.9 {
		t.Errorf("page read back %v×%v pt (%v)", page.Width, page.Height, err)
	}
	if _, ok, err := a.PageImage(ctx, text); ok || err != nil {
		t.Errorf("a text page has an image (%v, %v)", ok, err)
	}
	if page, _ := a.Page(ctx, text); page.Width != 0 || page.Height != 0 {
		t.Errorf("a text page has a size: %v×%v", page.Width, page.Height)
	}
	if _, ok, err := a.PageImage(ctx, 999); ok || err != nil {
		t.Errorf("no such page: %v, %v", ok, err)
	}
	list, err := a.Pages(ctx, PageFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("pages: %v %v", list, err)
	}
	for _, pi := range list {
		if pi.HasImage != (pi.ID == id) {
			t.Errorf("page %d HasImage %v", pi.ID, pi.HasImage)
		}
	}
	r, err := a.Check(ctx)
	if err != nil || !r.OK || r.PageImages != 1 {
		t.Errorf("check: %+v %v", r, err)
	}
	if c, _ := a.Counts(ctx); c.PageImages != 1 || c.Pages != 2 {
		t.Errorf("counts %v", c)
	}
}

// What is not a PNG of a page is refused and nothing of its page is
// stored; a duplicate page stores no image either.
func TestPageImageThatIsNoImageStoresNothing(t *testing.T) {
	a, _ := openTemp(t)
	for name, img := range map[string]PageImage{
		"not a PNG": {PNG: []byte("%PDF-1.7 not a picture"), Width: 600, Height: 800},
		"no PNG":    {Width: 600, Height: 800},
		"no size":   {PNG: testPNG(t, 10, 14, 0)},
		"negative":  {PNG: testPNG(t, 10, 14, 0), Width: -600, Height: 800},
		"cut PNG":   {PNG: testPNG(t, 10, 14, 0)[:20], Width: 600, Height: 800},
	} {
		p := testPage(3)
		if _, err := a.AddPageWithImage(ctx, p, img); err == nil {
			t.Errorf("%s: stored", name)
		}
		if _, err := a.PageBySHA256(ctx, p.SHA256); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: the page was stored without its image (%v)", name, err)
		}
	}
	first, err := a.AddPageWithImage(ctx, testPage(4), PageImage{PNG: testPNG(t, 10, 14, 1), Width: 600, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	again, err := a.AddPageWithImage(ctx, testPage(4), PageImage{PNG: testPNG(t, 20, 28, 2), Width: 600, Height: 800})
	if !errors.Is(err, ErrDuplicate) || again != first {
		t.Fatalf("the same page again: page %d, %v", again, err)
	}
	if img, _, _ := a.PageImage(ctx, first); img.PixelWidth != 10 {
		t.Errorf("a duplicate's image replaced the page's: %d px wide", img.PixelWidth)
	}
	if n := imageCount(t, a); n != 1 {
		t.Errorf("%d images stored, want 1", n)
	}
	checkOK(t, a)
}

// A page whose image does not fit on the disk is not stored either, and
// the pages before it stay whole.
func TestPageWhoseImageDoesNotFitIsNotStored(t *testing.T) {
	sqliteOnly(t)
	a, err := OpenWith(filepath.Join(t.TempDir(), "archive.db"), Options{maxPages: 120})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	small := PageImage{PNG: testPNG(t, 40, 56, 0), Width: 600, Height: 800}
	kept := mustAdd(t, a, testPage(1))
	if err := a.SavePageImage(ctx, kept, small); err != nil {
		t.Fatal(err)
	}
	// Noise does not compress: a PNG far larger than the 120 pages allowed.
	noise := image.NewGray(image.Rect(0, 0, 1000, 1000))
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = byte(rnd.Uint32())
	}
	var big bytes.Buffer
	png.Encode(&big, noise)
	p := testPage(2)
	_, err = a.AddPageWithImage(ctx, p, PageImage{PNG: big.Bytes(), Width: 600, Height: 800})
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("a page image larger than the disk: %v; want ErrDiskFull", err)
	}
	if _, err := a.PageBySHA256(ctx, p.SHA256); !errors.Is(err, ErrNotFound) {
		t.Errorf("the page is stored without its image: %v", err)
	}
	if img, ok, _ := a.PageImage(ctx, kept); !ok || !bytes.Equal(img.PNG, small.PNG) {
		t.Error("the page stored before lost its image")
	}
	checkOK(t, a)
}

// SavePageImage gives a page an image or replaces it; a page that is not
// there is ErrNotFound.
func TestSavePageImageReplacesTheImage(t *testing.T) {
	a, _ := openTemp(t)
	id := mustAdd(t, a, testPage(1))
	for _, w := range []int{30, 45} {
		if err := a.SavePageImage(ctx, id, PageImage{PNG: testPNG(t, w, w*4/3, w), Width: 600, Height: 800}); err != nil {
			t.Fatal(err)
		}
		if img, ok, err := a.PageImage(ctx, id); !ok || err != nil || img.PixelWidth != w {
			t.Errorf("after saving a %d px image: %d px, %v %v", w, img.PixelWidth, ok, err)
		}
	}
	if n := imageCount(t, a); n != 1 {
		t.Errorf("%d images for one page", n)
	}
	err := a.SavePageImage(ctx, id+1, PageImage{PNG: testPNG(t, 10, 14, 0), Width: 600, Height: 800})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("image of a missing page: %v", err)
	}
	if err := a.SavePageImage(ctx, id, PageImage{PNG: []byte("GIF89a"), Width: 600, Height: 800}); err == nil {
		t.Error("a GIF was taken for a PNG")
	}
	checkOK(t, a)
}

// Removing a page removes its image.
func TestRemovingAPageRemovesItsImage(t *testing.T) {
	a, _ := openTemp(t)
	id, err := a.AddPageWithImage(ctx, testPage(1), PageImage{PNG: testPNG(t, 10, 14, 0), Width: 600, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	other, err := a.AddPageWithImage(ctx, testPage(2), PageImage{PNG: testPNG(t, 10, 14, 1), Width: 600, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Exec(`DELETE FROM pages WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.PageImage(ctx, id); ok {
		t.Error("the removed page's image is still there")
	}
	if n := imageCount(t, a); n != 1 {
		t.Errorf("%d images left, want the other page's", n)
	}
	if _, ok, _ := a.PageImage(ctx, other); !ok {
		t.Error("the other page lost its image")
	}
}

// Check reports an image that is not a PNG.
func TestCheckFindsADamagedPageImage(t *testing.T) {
	a, _ := openTemp(t)
	id, err := a.AddPageWithImage(ctx, testPage(1), PageImage{PNG: testPNG(t, 10, 14, 0), Width: 600, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	checkOK(t, a)
	if _, err := a.db.Exec(`UPDATE page_images SET png = ? WHERE page_id = ?`, []byte("half a picture"), id); err != nil {
		t.Fatal(err)
	}
	r, err := a.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK || !strings.Contains(strings.Join(r.Problems, "\n"), "page images") {
		t.Errorf("check of a damaged image: %+v", r)
	}
}

// A backup holds the page images.
func TestBackupKeepsPageImages(t *testing.T) {
	sqliteOnly(t)
	a, _ := openTemp(t)
	pic := testPNG(t, 33, 44, 3)
	id, err := a.AddPageWithImage(ctx, testPage(1), PageImage{PNG: pic, Width: 600, Height: 800})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := a.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	b, err := OpenReadOnly(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if img, ok, err := b.PageImage(ctx, id); !ok || err != nil || !bytes.Equal(img.PNG, pic) {
		t.Errorf("the backup's image: %v %v", ok, err)
	}
	checkOK(t, b)
}

// An archive of schema 3 gets the table of page images when it is opened.
func TestArchiveOfSchema3GetsPageImages(t *testing.T) {
	a, path := openTemp(t)
	id := mustAdd(t, a, testPage(1))
	toSchema(t, a, 3)
	a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.SavePageImage(ctx, id, PageImage{PNG: testPNG(t, 10, 14, 0), Width: 600, Height: 800}); err != nil {
		t.Fatalf("after migrating: %v", err)
	}
	checkOK(t, b)
}
