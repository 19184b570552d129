package importer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/pdfimport"
	"github.com/galley/galley/storage"
)

// DefaultImageWidth is how many pixels wide at most a PDF page is drawn
// for the archive: sharp on a laptop screen at fit width, body type
// readable zoomed in.
const DefaultImageWidth = 1400

// MaxImageScale is the most pixels a point of the page gets (144 dpi): a
// narrow page is drawn narrower than DefaultImageWidth rather than with
// more detail than a screen shows, which costs time and the archive's
// space (a tall page at 1400 px is 5600 px high).
const MaxImageScale = 2.0

// imageWidth is how many pixels wide a page of that many points is drawn.
func imageWidth(opt Options, points float64) int {
	w := opt.ImageWidth
	if w <= 0 {
		w = DefaultImageWidth
	}
	return max(1, min(w, int(math.Round(MaxImageScale*points))))
}

// A PDF is imported page by page. Its text layer is read and cut into
// stories first, every page of it, before anything is stored: a damaged,
// locked or scanned PDF is refused at that stage and the archive is not
// touched. Then each page is drawn and stored with its image in a
// transaction of its own, so that a PDF of hundreds of pages neither
// holds all its images in memory nor holds the archive for minutes. When
// that stops half-way (Ctrl-C, the disk full, the archive locked for
// good) the pages stored so far stay whole, the file's Result is Failed
// with them in Pages and its Reason names them, and importing the file
// again adds only the pages missing (each page is known by its own hash).

// pdfFile is a PDF read and cut, waiting to be stored.
type pdfFile struct {
	doc   *pdfimport.Document
	pages []pdfPage // the pages to store, in page order
	known []int64   // archive pages of its pages imported before
	notes []string  // pages left out, and why
}

type pdfPage struct {
	number int
	page   *article.Page
}

// preparePDF reads and cuts the pages of a PDF (open reads the file) that
// are not in the archive yet, on a worker; read hears of each page.
func preparePDF(ctx context.Context, a *storage.Archive, file string, open func() (*pdfimport.Document, error), opt Options, read func(done, total int)) prepared {
	failed := func(err error) prepared { return prepared{file: file, err: err, outcome: Failed} }
	doc, err := open()
	if err != nil {
		return failed(err)
	}
	f := &pdfFile{doc: doc}
	var scans []int
	total := doc.Pages()
	for n := 1; n <= total; n++ {
		if err := ctx.Err(); err != nil {
			doc.Close()
			return failed(err)
		}
		if id, err := a.PageBySHA256(ctx, doc.SHA256(n)); err == nil {
			f.known = append(f.known, id)
			continue
		} else if !errors.Is(err, storage.ErrNotFound) {
			doc.Close()
			return failed(err)
		}
		p, err := doc.Page(ctx, n)
		if err != nil {
			doc.Close()
			return failed(err)
		}
		if p.Scanned() {
			scans = append(scans, n)
			continue
		}
		page, err := ParsePDFPage(p, opt.Date, a.Lexicon(), nil)
		if err != nil {
			doc.Close()
			return failed(err)
		}
		f.pages = append(f.pages, pdfPage{number: n, page: page})
		if read != nil {
			read(n, total)
		}
	}
	if len(scans) > 0 {
		f.notes = append(f.notes, fmt.Sprintf("%s %s %s no text layer (a scan: run OCR on it first) and %s left out",
			plural(len(scans), "page", "pages"), numberList(scans), plural(len(scans), "has", "have"), plural(len(scans), "was", "were")))
	}
	switch {
	case len(f.pages) > 0:
		return prepared{file: file, pdf: f}
	case len(f.known) > 0:
		doc.Close()
		p := prepared{file: file, dupOf: f.known[0], outcome: Duplicate, named: true,
			note: fmt.Sprintf("its %d %s in the archive already (%s)", len(f.known), plural(len(f.known), "page is", "pages are"), pageList(f.known))}
		if len(f.notes) > 0 {
			p.note += "; " + strings.Join(f.notes, "; ")
		}
		return p
	default:
		doc.Close()
		return failed(fmt.Errorf("%s: %w", file, pdfimport.ErrScanned))
	}
}

// storePDF draws and stores the pages of a prepared PDF one by one;
// stored hears of each.
func storePDF(ctx context.Context, a *storage.Archive, p prepared, opt Options, stored func(done, total int)) (Result, error) {
	f := p.pdf
	defer f.doc.Close()
	r := Result{File: p.file, Outcome: Imported}
	notes := append([]string(nil), f.notes...)
	var landed, sameText, noImage []int // PDF page numbers
	var dupPages []int64
	stop := func(n int, err error) (Result, error) {
		why := reason(p.file, err)
		if errors.Is(err, context.Canceled) {
			why = "cancelled"
		}
		r.Outcome = Failed
		r.Reason = fmt.Sprintf("stopped at page %d of %d: %s", n, f.doc.Pages(), why)
		if len(r.Pages) > 0 {
			r.Reason += fmt.Sprintf("; %s %s of the PDF %s in the archive (%s): import the file again to add the rest",
				plural(len(r.Pages), "page", "pages"), numberList(landed), plural(len(r.Pages), "is", "are"), pageList(r.Pages))
		} else {
			r.Reason += "; nothing of it was stored"
		}
		return r, err
	}
	for k, pp := range f.pages {
		if err := ctx.Err(); err != nil {
			return stop(pp.number, err)
		}
		img, err := f.doc.RenderPNG(ctx, pp.number, imageWidth(opt, pp.page.Width))
		var id int64
		if err != nil {
			if ctx.Err() != nil {
				return stop(pp.number, ctx.Err())
			}
			// The text is what the editors need; the picture of the page
			// only shows where it stood.
			noImage = append(noImage, pp.number)
			err = waitTurn(ctx, p.file, opt, func() (err error) {
				id, err = a.AddPage(ctx, pp.page)
				return err
			})
		} else {
			pic := storage.PageImage{PNG: img, Width: pp.page.Width, Height: pp.page.Height}
			err = waitTurn(ctx, p.file, opt, func() (err error) {
				id, err = a.AddPageWithImage(ctx, pp.page, pic)
				return err
			})
		}
		var dup *storage.DuplicateError
		switch {
		case errors.As(err, &dup):
			// The same page in another PDF, or imported meanwhile.
			sameText = append(sameText, pp.number)
			dupPages = append(dupPages, dup.PageID)
		case err != nil:
			return stop(pp.number, err)
		default:
			r.Pages = append(r.Pages, id)
			landed = append(landed, pp.number)
			r.Stories += len(pp.page.Stories)
		}
		f.pages[k].page = nil // stored: let it go
		if stored != nil {
			stored(pp.number, f.doc.Pages())
		}
	}
	if len(f.known) > 0 {
		notes = append(notes, fmt.Sprintf("%d of its pages %s in the archive already (%s)", len(f.known), plural(len(f.known), "was", "were"), pageList(f.known)))
	}
	if len(sameText) > 0 {
		notes = append(notes, fmt.Sprintf("%s %s the same text as %s in the archive and %s left out",
			plural(len(sameText), "page", "pages"), numberList(sameText), pageList(dupPages), plural(len(sameText), "was", "were")))
	}
	if len(noImage) > 0 {
		notes = append(notes, fmt.Sprintf("%s %s could not be drawn and %s stored without an image", plural(len(noImage), "page", "pages"), numberList(noImage), plural(len(noImage), "was", "were")))
	}
	r.Reason = strings.Join(notes, "; ")
	if len(r.Pages) == 0 {
		// every page new to the archive by its bytes was there by its text
		r.Outcome, r.PageID = Duplicate, dupPages[0]
		return r, nil
	}
	r.PageID = r.Pages[0]
	return r, nil
}

// numberList writes page numbers as runs: "1–3, 7".
func numberList(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ns[i], ns[j]))
		} else {
			parts = append(parts, fmt.Sprint(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// pageList names archive pages: "page 12", "pages 12–15".
func pageList(ids []int64) string {
	ns := make([]int, len(ids))
	for i, id := range ids {
		ns[i] = int(id)
	}
	return plural(len(ids), "page ", "pages ") + numberList(ns)
}
