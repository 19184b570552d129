package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/pdfimport"
	"github.com/galley/galley/pdfpage"
	"github.com/galley/galley/storage"
)

// testWidth draws the pages of most tests small: the size is not what
// they are about.
const testWidth = 300

// fourPages are the ready-made pages, the second on a taller sheet than
// A4 and the third on a wider one (a broadsheet's width), so that each
// page's image must have its own page's shape and size.
func fourPages() []pdftest.Page {
	tall := pdftest.TwoStoriesPage()
	tall.Width, tall.Height = 640, 1100
	wide := pdftest.PhotoPage()
	wide.Width, wide.Height = 820, 1000
	return []pdftest.Page{pdftest.ColumnsPage(), tall, wide, pdftest.VerticalHeadlinePage()}
}

func writePDF(t *testing.T, path string, pages ...pdftest.Page) string {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := pdftest.Write(path, pages...); err != nil {
		t.Fatal(err)
	}
	return path
}

// counts is what a refused file must leave as it was.
func counts(t *testing.T, a *storage.Archive) storage.CopyCounts {
	t.Helper()
	c, err := a.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func checkArchive(t *testing.T, a *storage.Archive) {
	t.Helper()
	r, err := a.Check(ctx)
	if err != nil || !r.OK {
		t.Errorf("check: %+v %v", r, err)
	}
}

// Every page of a PDF becomes a page of the archive, named after the file
// and its number, with its stories (metadata read as for a text page),
// their boxes, and its image, drawn at the width asked in the page's
// shape; the import says page by page how far it has come.
func TestImportPDFStoresEveryPageWithItsImage(t *testing.T) {
	pages := fourPages()
	file := writePDF(t, filepath.Join(t.TempDir(), "2024-03-05.pdf"), pages...)
	a := openArchive(t)
	var read, stored []int
	sum, err := Import(ctx, a, []string{file}, Options{Progress: func(p Progress) {
		switch {
		case p.Pages > 0 && p.PagesStored > 0:
			stored = append(stored, p.PagesStored)
		case p.Pages > 0:
			read = append(read, p.PagesRead)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 4 || sum.Failed != 0 || len(sum.Results) != 1 {
		t.Fatalf("%s", sum.Report())
	}
	r := sum.Results[0]
	if r.Outcome != Imported || len(r.Pages) != 4 || r.PageID != r.Pages[0] || r.Stories != sum.Stories {
		t.Fatalf("result %+v", r)
	}
	if fmt.Sprint(stored) != "[1 2 3 4]" || len(read) == 0 || read[len(read)-1] != 4 {
		t.Errorf("progress: read %v, stored %v", read, stored)
	}
	stories := 0
	for i, id := range r.Pages {
		page, err := a.Page(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%s#%d", file, i+1); page.File != want {
			t.Errorf("page %d is named %q, want %q", i+1, page.File, want)
		}
		if page.Date != "2024-03-05" {
			t.Errorf("page %d: date %q, want the file name's", i+1, page.Date)
		}
		if len(page.Stories) == 0 {
			t.Errorf("page %d has no stories", i+1)
		}
		stories += len(page.Stories)
		boxes := 0
		for _, st := range page.Stories {
			if st.Metadata.Chars == 0 || len(st.Metadata.Keywords) == 0 {
				t.Errorf("page %d: story %q has no metadata: %+v", i+1, st.Headline(), st.Metadata)
			}
			for _, para := range st.Paragraphs {
				boxes += len(para.Boxes)
			}
		}
		if boxes == 0 {
			t.Errorf("page %d: no paragraph has its lines on the page", i+1)
		}
		if page.Width != pages[i].Width || page.Height != pages[i].Height {
			t.Errorf("page %d: %g×%g pt, the PDF's is %g×%g", i+1, page.Width, page.Height, pages[i].Width, pages[i].Height)
		}
		img, ok, err := a.PageImage(ctx, id)
		if err != nil || !ok {
			t.Fatalf("page %d has no image (%v)", i+1, err)
		}
		pic, err := png.Decode(bytes.NewReader(img.PNG))
		if err != nil {
			t.Fatalf("page %d: the image is no PNG: %v", i+1, err)
		}
		// Drawn DefaultImageWidth wide, or at MaxImageScale a point when
		// narrower, in the page's shape.
		b := pic.Bounds()
		wantW := min(DefaultImageWidth, int(math.Round(MaxImageScale*pages[i].Width)))
		wantH := float64(wantW) * pages[i].Height / pages[i].Width
		if b.Dx() != wantW || math.Abs(float64(b.Dy())-wantH) > 1 || img.PixelWidth != b.Dx() {
			t.Errorf("page %d: image %d×%d px (%d said), want %d×%.0f", i+1, b.Dx(), b.Dy(), img.PixelWidth, wantW, wantH)
		}
		// On white paper with print on it: neither blank nor see-through.
		if _, _, _, alpha := pic.At(0, 0).RGBA(); alpha != 0xffff {
			t.Errorf("page %d: the paper is see-through", i+1)
		}
		if !hasInk(pic) {
			t.Errorf("page %d: the image is blank", i+1)
		}
	}
	if stories != sum.Stories {
		t.Errorf("%d stories on the pages, the summary says %d", stories, sum.Stories)
	}
	checkArchive(t, a)
}

// hasInk reports whether some pixels of the image are dark: print.
func hasInk(pic image.Image) bool {
	b := pic.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if r, g, bl, _ := pic.At(x, y).RGBA(); r+g+bl < 3*0x6000 {
				dark++
			}
		}
	}
	return dark > 100
}

// A PDF imported again is in the archive already: nothing is added.
func TestPDFImportedAgainIsADuplicate(t *testing.T) {
	file := writePDF(t, filepath.Join(t.TempDir(), "paper.pdf"), pdftest.ColumnsPage(), pdftest.TwoStoriesPage())
	a := openArchive(t)
	first, err := Import(ctx, a, []string{file}, Options{ImageWidth: testWidth})
	if err != nil || first.Imported != 2 {
		t.Fatalf("%v\n%s", err, first.Report())
	}
	before := counts(t, a)
	again, err := Import(ctx, a, []string{file}, Options{ImageWidth: testWidth})
	if err != nil {
		t.Fatal(err)
	}
	r := again.Results[0]
	if again.Imported != 0 || again.Duplicates != 1 || r.Outcome != Duplicate || r.PageID != first.Results[0].PageID ||
		!strings.Contains(r.Reason, "2 pages are in the archive already") {
		t.Errorf("imported again: %+v\n%s", r, again.Report())
	}
	if after := counts(t, a); after != before {
		t.Errorf("the archive changed: %v, was %v", after, before)
	}
	// A PDF of one page is known by the file's own hash.
	single := writePDF(t, filepath.Join(t.TempDir(), "one.pdf"), pdftest.PhotoPage())
	for i := 0; i < 2; i++ {
		sum, err := Import(ctx, a, []string{single}, Options{ImageWidth: testWidth})
		if err != nil {
			t.Fatal(err)
		}
		if want := [2]int{1, 0}[i]; sum.Imported != want {
			t.Errorf("import %d of a one-page PDF: %s", i+1, sum.Report())
		}
	}
	if page, _ := a.Page(ctx, first.Results[0].Pages[1]+1); !strings.HasSuffix(page.File, "one.pdf") {
		t.Errorf("a one-page PDF's page is named %q, want the file's name", page.File)
	}
	checkArchive(t, a)
}

// A scan, a damaged, a truncated, a locked, an empty file and a ".pdf"
// that is no PDF: each refused with a message that names it and says
// what is wrong, and the archive as it was.
func TestBadPDFsAreRefusedAndChangeNothing(t *testing.T) {
	dir := t.TempDir()
	scan := filepath.Join(dir, "scan.pdf")
	if err := pdftest.WriteScanned(scan); err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.pdf")
	if err := pdftest.WriteDamaged(cut); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.pdf")
	if err := pdftest.WriteEncrypted(locked, "secret", pdftest.ColumnsPage()); err != nil {
		t.Fatal(err)
	}
	whole, err := pdftest.Bytes(pdftest.ColumnsPage(), pdftest.PhotoPage())
	if err != nil {
		t.Fatal(err)
	}
	// The end of a PDF holds its page tree and cross-references.
	half := filepath.Join(dir, "half.pdf")
	os.WriteFile(half, whole[:len(whole)/2], 0o644)
	headless := filepath.Join(dir, "headless.pdf")
	os.WriteFile(headless, whole[len(whole)/3:], 0o644)
	notPDF := filepath.Join(dir, "notes.pdf")
	os.WriteFile(notPDF, []byte("这不是PDF，是一份说明。\n"), 0o644)
	empty := filepath.Join(dir, "empty.pdf")
	os.WriteFile(empty, nil, 0o644)

	a := openArchive(t)
	mustImport(t, a, writePDF(t, filepath.Join(dir, "good", "good.pdf"), pdftest.TwoStoriesPage()))
	before := counts(t, a)
	for file, want := range map[string]string{
		scan:     "no text layer (a scan): run OCR",
		cut:      "damaged",
		half:     "damaged",
		headless: "damaged",
		locked:   "password",
		notPDF:   "not a PDF",
		empty:    "empty",
	} {
		sum, err := Import(ctx, a, []string{file}, Options{ImageWidth: testWidth})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
			continue
		}
		r := sum.Results[0]
		if r.Outcome != Failed && r.Outcome != Skipped || !strings.Contains(r.Reason, want) || r.File != file || sum.Imported != 0 {
			t.Errorf("%s: %s %q, want refused with %q", filepath.Base(file), r.Outcome, r.Reason, want)
		}
		if strings.Contains(r.Reason, "panic") {
			t.Errorf("%s: %s", filepath.Base(file), r.Reason)
		}
		if after := counts(t, a); after != before {
			t.Errorf("%s changed the archive: %v, was %v", filepath.Base(file), after, before)
		}
	}
	// The scan's error is pdfimport's, for callers to tell apart.
	sum, _ := Import(ctx, a, []string{scan}, Options{})
	if !strings.Contains(sum.Results[0].Reason, pdfimport.ErrScanned.Error()) {
		t.Errorf("scan: %q", sum.Results[0].Reason)
	}
	checkArchive(t, a)
}

// A PDF that keeps the engine longer than the time limit of a step is
// refused, by name and with what took too long, and leaves the archive as
// it was; the PDF imported next goes in whole (the engine started afresh).
func TestPDFTooSlowToReadIsRefusedAndTheNextImports(t *testing.T) {
	dir := t.TempDir()
	slow := writePDF(t, filepath.Join(dir, "slow.pdf"), pdftest.ColumnsPage(), pdftest.PhotoPage())
	next := writePDF(t, filepath.Join(dir, "next.pdf"), pdftest.TwoStoriesPage())
	a := openArchive(t)
	mustImport(t, a, writePDF(t, filepath.Join(dir, "good.pdf"), pdftest.VerticalHeadlinePage()))
	before := counts(t, a)
	was := pdfpage.SetPageTimeLimit(time.Nanosecond)
	sum, err := Import(ctx, a, []string{slow}, Options{ImageWidth: testWidth})
	pdfpage.SetPageTimeLimit(was)
	if err != nil {
		t.Fatal(err)
	}
	r := sum.Results[0]
	if r.Outcome != Failed || r.File != slow || !strings.Contains(r.Reason, "took longer than 1ns") || !strings.Contains(r.Reason, "may be damaged") {
		t.Errorf("%s %q, want refused as too slow", r.Outcome, r.Reason)
	}
	if after := counts(t, a); after != before {
		t.Errorf("the slow PDF changed the archive: %v, was %v", after, before)
	}
	if sum := mustImport(t, a, next); sum.Imported != 1 {
		t.Errorf("the next PDF: %s", sum.Report())
	}
	if c := counts(t, a); c.Pages != before.Pages+1 || c.PageImages != before.PageImages+1 {
		t.Errorf("after the next PDF: %v, was %v", c, before)
	}
	checkArchive(t, a)
}

func mustImport(t *testing.T, a *storage.Archive, paths ...string) *Summary {
	t.Helper()
	sum, err := Import(ctx, a, paths, Options{ImageWidth: testWidth})
	if err != nil || sum.Failed > 0 {
		t.Fatalf("%v\n%s", err, sum.Report())
	}
	return sum
}

// A folder of PDFs and text pages imports both; what else it holds is
// skipped with its reason.
func TestFolderOfPDFsAndTextPages(t *testing.T) {
	dir := t.TempDir()
	writePDF(t, filepath.Join(dir, "2024-03-05", "paper.pdf"), pdftest.ColumnsPage(), pdftest.PhotoPage())
	writePDF(t, filepath.Join(dir, "2024-03-06", "PAGE.PDF"), pdftest.TwoStoriesPage())
	copySeed(t, "000_84aa73dab9e593a4.txt", filepath.Join(dir, "text", "page1.txt"))
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# 三月的版面\n"), 0o644)
	a := openArchive(t)
	sum, err := Import(ctx, a, []string{dir}, Options{ImageWidth: testWidth})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 4 || sum.Skipped != 1 || sum.Failed != 0 {
		t.Fatalf("%s", sum.Report())
	}
	list, err := a.Pages(ctx, storage.PageFilter{})
	if err != nil || len(list) != 4 {
		t.Fatalf("%d pages, %v", len(list), err)
	}
	images := 0
	for _, p := range list {
		if p.HasImage != strings.Contains(strings.ToLower(p.File), ".pdf") {
			t.Errorf("%s: HasImage %v", p.File, p.HasImage)
		}
		if p.HasImage {
			images++
		}
	}
	if images != 3 {
		t.Errorf("%d pages with an image, want the 3 PDF pages", images)
	}
	checkArchive(t, a)
}

// Cancelled while a PDF's pages are stored, the import stops: the pages
// stored before are whole, with their images, the result names them, and
// importing the file again adds the rest. Cancelled while they are read,
// nothing of the file is stored.
func TestCancelledPDFImportLeavesWholePages(t *testing.T) {
	pages := append(fourPages(), pdftest.ColumnsPage(), pdftest.PhotoPage())
	pages[4].Blocks = pages[4].Blocks[1:] // not the same text as page 1
	pages[5].Blocks = pages[5].Blocks[1:]
	file := writePDF(t, filepath.Join(t.TempDir(), "paper.pdf"), pages...)
	a := openArchive(t)

	stopWhen := func(t *testing.T, stop func(Progress) bool) (*Summary, error) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return Import(cctx, a, []string{file}, Options{ImageWidth: testWidth, Progress: func(p Progress) {
			if stop(p) {
				cancel()
			}
		}})
	}
	sum, err := stopWhen(t, func(p Progress) bool { return p.PagesRead == 3 && p.PagesStored == 0 })
	if !errors.Is(err, context.Canceled) || sum.Imported != 0 {
		t.Fatalf("cancelled while reading: %v\n%s", err, sum.Report())
	}
	if c := counts(t, a); c.Pages != 0 {
		t.Fatalf("cancelled while reading, %d pages stored", c.Pages)
	}

	sum, err = stopWhen(t, func(p Progress) bool { return p.PagesStored == 2 })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled while storing: %v\n%s", err, sum.Report())
	}
	r := sum.Results[0]
	if r.Outcome != Failed || len(r.Pages) != 2 || sum.Imported != 2 ||
		!strings.Contains(r.Reason, "stopped at page 3 of 6") || !strings.Contains(r.Reason, "pages 1–2 of the PDF are in the archive") {
		t.Fatalf("cancelled while storing: %+v\n%s", r, sum.Report())
	}
	t.Log(sum.Report())
	c := counts(t, a)
	if c.Pages != 2 || c.PageImages != 2 {
		t.Errorf("after the cancel: %v", c)
	}
	checkArchive(t, a)

	rest, err := Import(ctx, a, []string{file}, Options{ImageWidth: testWidth})
	if err != nil || rest.Imported != 4 || !strings.Contains(rest.Results[0].Reason, "2 of its pages were in the archive already") {
		t.Fatalf("the rest: %v\n%s", err, rest.Report())
	}
	if c := counts(t, a); c.Pages != 6 || c.PageImages != 6 {
		t.Errorf("after importing the rest: %v", c)
	}
	checkArchive(t, a)
}

// A PDF held in memory (the workbench's dropped or sample file) goes
// through the same steps.
func TestImportDataTakesAPDF(t *testing.T) {
	data, err := pdftest.Bytes(pdftest.ColumnsPage(), pdftest.VerticalHeadlinePage())
	if err != nil {
		t.Fatal(err)
	}
	a := openArchive(t)
	r, err := ImportData(ctx, a, "dropped.pdf", data, Options{ImageWidth: testWidth})
	if err != nil || r.Outcome != Imported || len(r.Pages) != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	if img, ok, _ := a.PageImage(ctx, r.Pages[1]); !ok || img.PixelWidth != testWidth {
		t.Errorf("page 2's image: %v, %d px", ok, img.PixelWidth)
	}
}
