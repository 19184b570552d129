package pdfpage

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/galley/galley/internal/pdftest"
)

func readyMade() map[string]pdftest.Page {
	return map[string]pdftest.Page{
		"ColumnsPage":          pdftest.ColumnsPage(),
		"TwoStoriesPage":       pdftest.TwoStoriesPage(),
		"PhotoPage":            pdftest.PhotoPage(),
		"VerticalHeadlinePage": pdftest.VerticalHeadlinePage(),
		"ColumnsPageBodyFirst": pdftest.ColumnsPage().BodyFirst(),
	}
}

// write writes the pages into a PDF in a temporary folder.
func write(t testing.TB, pages ...pdftest.Page) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := pdftest.Write(path, pages...); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t testing.TB, path string) *Document {
	t.Helper()
	doc, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { doc.Close() })
	return doc
}

func readPage(t testing.TB, p pdftest.Page) *Page {
	t.Helper()
	page, err := open(t, write(t, p)).Page(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// tolerance is how far a glyph's box may stray from the em box it was set
// in: a point, the brief's bound, which also takes the rounding of the
// positions fpdf writes.
const tolerance = 1.0

// Every character set comes back as one glyph, with its character, its
// type size, and a box inside the em box it was set in; an ideograph's box
// is centred in its em box, as near as the glyph's design allows
// (punctuation sits in a corner of its em by design, so only the
// containment is asked of it). The glyphs come in the stream's order
// (PDFium puts text objects that follow each other on one baseline left to
// right), so each character is looked for where it was set.
func TestGlyphsComeBackWithTheirCharacterSizeAndPlace(t *testing.T) {
	for name, p := range readyMade() {
		t.Run(name, func(t *testing.T) {
			page := readPage(t, p)
			if page.Width != p.Width || page.Height != p.Height {
				t.Errorf("page %gx%g, want %gx%g", page.Width, page.Height, p.Width, p.Height)
			}
			want := p.Chars()
			if len(page.Glyphs) != len(want) {
				t.Errorf("%d glyphs, want %d", len(page.Glyphs), len(want))
			}
			used := make([]bool, len(page.Glyphs))
			bad := 0
			for _, c := range want {
				em := Box{c.X, c.Y, c.X + c.Size, c.Y + c.Size}
				found := -1
				for i, g := range page.Glyphs {
					cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
					if !used[i] && g.Rune == c.Rune && cx > em.X0 && cx < em.X1 && cy > em.Y0 && cy < em.Y1 {
						found = i
						break
					}
				}
				var problem string
				var g Glyph
				if found < 0 {
					problem = "no glyph"
				} else {
					used[found] = true
					g = page.Glyphs[found]
					// the ink of a large ideograph may sit a little off
					// its em's centre
					centre := max(tolerance, 0.06*c.Size)
					switch {
					case math.Abs(g.Size-c.Size) > 0.01:
						problem = "another size"
					case g.Box.X0 < em.X0-tolerance || g.Box.Y0 < em.Y0-tolerance || g.Box.X1 > em.X1+tolerance || g.Box.Y1 > em.Y1+tolerance:
						problem = "outside its em box"
					case unicode.Is(unicode.Han, c.Rune) && math.Hypot((g.Box.X0+g.Box.X1)/2-(em.X0+em.X1)/2, (g.Box.Y0+g.Box.Y1)/2-(em.Y0+em.Y1)/2) > centre:
						problem = "off its em box's centre"
					case unicode.Is(unicode.Han, c.Rune) && max(g.Box.W(), g.Box.H()) < 0.5*c.Size:
						problem = "far smaller than its em" // 一 is flat, no ideograph tiny
					}
				}
				if problem != "" {
					if bad++; bad <= 10 {
						t.Errorf("%c of block %d, set at %.2f,%.2f in %gpt: %s (box %.2f,%.2f–%.2f,%.2f, %gpt)",
							c.Rune, c.Block, c.X, c.Y, c.Size, problem, g.Box.X0, g.Box.Y0, g.Box.X1, g.Box.Y1, g.Size)
					}
				}
			}
			if bad > 10 {
				t.Errorf("… %d characters wrong in all", bad)
			}
		})
	}
}

// The headline's glyphs are the largest on the page and the body's are
// the size most glyphs have: the contrast the layout reads headlines by.
func TestHeadlineGlyphsAreLargerThanTheBody(t *testing.T) {
	for name, p := range readyMade() {
		page := readPage(t, p)
		var title, body float64
		for _, b := range p.Blocks {
			switch b.Role {
			case pdftest.RoleTitle:
				title = b.Size
			case pdftest.RoleBody:
				body = b.Size
			}
		}
		largest, count := 0.0, map[float64]int{}
		for _, g := range page.Glyphs {
			largest = max(largest, g.Size)
			count[g.Size]++
		}
		most := 0.0
		for s, n := range count {
			if n > count[most] {
				most = s
			}
		}
		if largest != title || most != body {
			t.Errorf("%s: largest glyphs %gpt (headline %gpt), most glyphs %gpt (body %gpt)", name, largest, title, most, body)
		}
	}
}

// The picture comes back as one image in the box it was placed in.
func TestPictureComesBackInItsBox(t *testing.T) {
	p := pdftest.PhotoPage()
	page := readPage(t, p)
	if len(page.Images) != len(p.Images) {
		t.Fatalf("%d images, want %d", len(page.Images), len(p.Images))
	}
	for i, im := range p.Images {
		got := page.Images[i]
		if d := boxDistance(got, Box{im.X, im.Y, im.X + im.W, im.Y + im.H}); d > tolerance {
			t.Errorf("image %d at %+v, placed at %g,%g %gx%g", i, got, im.X, im.Y, im.W, im.H)
		}
	}
	if page := readPage(t, pdftest.ColumnsPage()); len(page.Images) != 0 {
		t.Errorf("a page without pictures has images %v", page.Images)
	}
}

func boxDistance(a, b Box) float64 {
	return max(math.Abs(a.X0-b.X0), math.Abs(a.Y0-b.Y0), math.Abs(a.X1-b.X1), math.Abs(a.Y1-b.Y1))
}

// A scan is a page with no glyph and one image covering it.
func TestScannedPageHasOneImageAndNoGlyphs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scan.pdf")
	if err := pdftest.WriteScanned(path); err != nil {
		t.Fatal(err)
	}
	page, err := open(t, path).Page(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Glyphs) != 0 {
		t.Errorf("%d glyphs on a scan", len(page.Glyphs))
	}
	if len(page.Images) != 1 || boxDistance(page.Images[0], Box{0, 0, page.Width, page.Height}) > tolerance {
		t.Errorf("images %v, want one over the whole %gx%g page", page.Images, page.Width, page.Height)
	}
}

// Files that are not readable PDFs are refused with an error that names
// the file and that a caller can tell apart; none of them crashes the
// engine, which still reads a good file afterwards.
func TestUnreadableFilesAreRefusedByName(t *testing.T) {
	dir := t.TempDir()
	damaged := filepath.Join(dir, "damaged.pdf")
	if err := pdftest.WriteDamaged(damaged); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.pdf")
	if err := pdftest.WriteEncrypted(locked, "galley", pdftest.ColumnsPage()); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.pdf")
	random := filepath.Join(dir, "random.pdf")
	picture := filepath.Join(dir, "picture.pdf")
	headerOnly := filepath.Join(dir, "header.pdf")
	noise := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	for path, data := range map[string][]byte{
		empty:      nil,
		random:     noise,
		picture:    pngData.Bytes(), // a PNG named .pdf
		headerOnly: append([]byte("%PDF-1.7\n"), noise...),
	} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path string
		is   error  // the error it must wrap, if any
		says string // what the message must say besides the name
	}{
		{damaged, ErrDamaged, "damaged"},
		{locked, ErrEncrypted, "password"},
		{empty, nil, "empty"},
		{random, ErrDamaged, "not a PDF"},
		{picture, ErrDamaged, "not a PDF"},
		{headerOnly, ErrDamaged, "damaged"},
		{filepath.Join(dir, "missing.pdf"), os.ErrNotExist, "missing.pdf"},
	} {
		doc, err := Open(context.Background(), c.path)
		if err == nil {
			doc.Close()
			t.Errorf("%s opened", filepath.Base(c.path))
			continue
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v, want %v", filepath.Base(c.path), err, c.is)
		}
		if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: message %q does not name the file and say %q", filepath.Base(c.path), err, c.says)
		}
	}
	if _, err := open(t, write(t, pdftest.ColumnsPage())).Page(context.Background(), 0); err != nil {
		t.Errorf("a good file after the bad ones: %v", err)
	}
}

// Asking for a page the PDF has not is an error naming the page, not a
// crash inside the engine.
func TestPageOutOfRangeIsAnError(t *testing.T) {
	doc := open(t, write(t, pdftest.ColumnsPage(), pdftest.PhotoPage()))
	if doc.Pages() != 2 {
		t.Fatalf("%d pages, want 2", doc.Pages())
	}
	for _, i := range []int{-1, 2} {
		if _, err := doc.Page(context.Background(), i); err == nil || !strings.Contains(err.Error(), "no page") {
			t.Errorf("Page(%d): %v", i, err)
		}
		if _, err := doc.Render(context.Background(), i, 100); err == nil {
			t.Errorf("Render(%d) drew a page", i)
		}
	}
	second, err := doc.Page(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if second.Index != 1 || len(second.Images) != 1 {
		t.Errorf("page 2 is index %d with %d images, want PhotoPage's picture", second.Index, len(second.Images))
	}
}

// The page drawn at a width has that width and the page's proportions,
// ink where every line of text was set and none in the margin.
func TestRenderDrawsTheTextAtTheRequestedWidth(t *testing.T) {
	p := pdftest.ColumnsPage()
	doc := open(t, write(t, p))
	const width = 700
	img, err := doc.Render(context.Background(), 0, width)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	wantH := width * p.Height / p.Width
	if b.Dx() != width || math.Abs(float64(b.Dy())-wantH) > 1 {
		t.Fatalf("image %dx%d, want %dx%.0f", b.Dx(), b.Dy(), width, wantH)
	}
	scale := float64(width) / p.Width
	px := func(pt float64) int { return int(math.Round(pt * scale)) }
	lines := map[[2]int]pdftest.Char{}
	for _, c := range p.Chars() {
		if _, ok := lines[[2]int{c.Block, c.Line}]; !ok {
			lines[[2]int{c.Block, c.Line}] = c // the line's first character
		}
	}
	for _, c := range lines {
		r := image.Rect(px(c.X), px(c.Y), px(c.X+c.Size), px(c.Y+c.Size))
		if dark(img, r) == 0 {
			t.Errorf("no ink where %c was set (%.0f,%.0f)", c.Rune, c.X, c.Y)
		}
	}
	// the left margin, from the top to the foot, holds nothing
	margin := image.Rect(0, 0, px(30), b.Dy())
	if n := dark(img, margin); n > 0 {
		t.Errorf("%d dark pixels in the empty left margin", n)
	}
	if _, err := doc.Render(canceled(), 0, width); err == nil {
		t.Error("Render drew a page for a canceled request")
	}
}

// dark counts the pixels of r that are clearly not paper.
func dark(img *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if c.Y < 160 {
				n++
			}
		}
	}
	return n
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
