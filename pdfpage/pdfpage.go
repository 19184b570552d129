// Package pdfpage reads the pages of a PDF: every glyph of the text layer
// with its box, type size and face, the boxes of the pictures, and the page
// drawn as an image. It wraps PDFium compiled to WebAssembly and run by
// wazero (github.com/klippa-app/go-pdfium/webassembly): the engine every
// Chromium browser uses for PDF, so CID fonts with ToUnicode maps and
// Identity-H encodings read as a browser shows them, with no cgo and no
// system library. The engine is compiled once per machine and kept in the
// cache folder; later processes load it in a fraction of a second. It runs
// in a worker process (worker.go), so that a file that keeps it busy past
// the time limit of a step can be stopped.
package pdfpage

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"strings"
	"time"
)

// MaxFileSize is the largest PDF read: a newspaper page is a few MB; a file
// far larger is not a page and would only exhaust memory.
const MaxFileSize = 512 << 20

// minGlyphHeight is the least height in points of a glyph's box that is
// taken for printed text; the smallest type on a newspaper page is ~5 pt.
const minGlyphHeight = 0.05

// Errors a caller can tell apart (wrapped with the file's name).
var (
	ErrEncrypted = errors.New("the PDF is protected by a password")
	ErrDamaged   = errors.New("the file is damaged or not a PDF")
)

// Box is a rectangle on the page in points, origin at the top-left corner,
// y growing downwards (the way a page is read and drawn on screen).
type Box struct{ X0, Y0, X1, Y1 float64 }

// W is the box's width, H its height.
func (b Box) W() float64 { return b.X1 - b.X0 }
func (b Box) H() float64 { return b.Y1 - b.Y0 }

// Union is the smallest box holding both.
func (b Box) Union(o Box) Box {
	return Box{math.Min(b.X0, o.X0), math.Min(b.Y0, o.Y0), math.Max(b.X1, o.X1), math.Max(b.Y1, o.Y1)}
}

// Glyph is one character of the text layer.
type Glyph struct {
	Rune   rune
	Box    Box
	Size   float64 // type size in points as set (the text matrix included)
	Font   string  // the face's name without its subset prefix ("ABCDEF+")
	Weight int     // 400 regular, 700 bold; 0 when the font does not say
}

// Page is what a page holds.
type Page struct {
	Index         int // from 0
	Width, Height float64
	// Glyphs come in the content stream's order, except that PDFium puts
	// text objects that follow each other on one baseline left to right.
	Glyphs []Glyph
	Images []Box // raster pictures
	// Paths are the vector shapes: rules between columns and modules,
	// frames, and pictures drawn as vector art.
	Paths []Box
}

// Document is an open PDF. Its methods may be called from one goroutine at
// a time. It is open in the worker process that runs the engine
// (client.go); every step there (opening the file, reading a page,
// drawing one) is bounded by the caller's context and PageTimeLimit: a
// step past its deadline kills the worker and is an error that names the
// file and the page (errors.Is ErrTooSlow and ErrDamaged).
type Document struct {
	name string
	// data is the file, kept to open it again when the worker it was
	// opened in was killed (for a step of this document or another's).
	data    []byte
	id      int // the document's number in the worker
	gen     int // the worker's generation it is open in; 0 for none
	pages   int
	stops   int   // steps of this document stopped for their time
	givenUp error // set after maxStops: every step fails with it
}

// Open reads the PDF at path.
func Open(ctx context.Context, path string) (*Document, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %d MB: larger than the %d MB a PDF of pages may be", path, st.Size()>>20, MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return OpenBytes(ctx, path, data)
}

// OpenBytes reads a PDF held in memory; name is for messages.
func OpenBytes(ctx context.Context, name string, data []byte) (*Document, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if !LooksLikePDF(data) {
		return nil, fmt.Errorf("%s: %w (it does not start with %%PDF-)", name, ErrDamaged)
	}
	workers.mu.Lock()
	workers.nextID++
	d := &Document{name: name, data: data, id: workers.nextID}
	workers.mu.Unlock()
	// a step with nothing to do but open the document in the worker
	if _, err := d.step(ctx, 0, "open", nil); err != nil {
		return nil, err
	}
	return d, nil
}

// LooksLikePDF reports whether data starts as a PDF does (readers accept
// the header within the first KB).
func LooksLikePDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return strings.Contains(string(head), "%PDF-")
}

// Name is the file the document was read from.
func (d *Document) Name() string { return d.name }

// Pages is the number of pages.
func (d *Document) Pages() int { return d.pages }

// Close releases the document. The worker is told and not waited for.
func (d *Document) Close() error {
	workers.mu.Lock()
	defer workers.mu.Unlock()
	if !running(d.gen) {
		d.gen = 0
		return nil // closed with the worker it was opened in
	}
	w := workers.cur
	d.gen = 0
	_, _, err := w.bounded(context.Background(), PageTimeLimit(), func() (*response, error) {
		return nil, w.enc.Encode(&request{Op: opClose, Doc: d.id})
	})
	return err
}

// Page reads page i (from 0).
func (d *Document) Page(ctx context.Context, i int) (*Page, error) {
	if i < 0 || i >= d.pages {
		return nil, fmt.Errorf("%s: no page %d (the PDF has %d)", d.name, i+1, d.pages)
	}
	res, err := d.step(ctx, i+1, "read", &request{Op: opPage, Page: i})
	if err != nil {
		return nil, err
	}
	page, err := parsePage(res.raw)
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: %w", d.name, i+1, err)
	}
	return page, nil
}

// Render draws page i as an image widthPx pixels wide.
func (d *Document) Render(ctx context.Context, i, widthPx int) (*image.RGBA, error) {
	if i < 0 || i >= d.pages {
		return nil, fmt.Errorf("%s: no page %d (the PDF has %d)", d.name, i+1, d.pages)
	}
	res, err := d.step(ctx, i+1, "draw", &request{Op: opRender, Page: i, Width: widthPx})
	if err != nil {
		return nil, err
	}
	img := &image.RGBA{Pix: res.raw, Stride: res.Stride, Rect: res.Rect}
	if len(img.Pix) < img.PixOffset(img.Rect.Max.X-1, img.Rect.Max.Y-1)+4 {
		return nil, fmt.Errorf("%s: page %d: the PDF engine sent a drawing cut short", d.name, i+1)
	}
	return img, nil
}

// step sends req (nil for none) for the document (page from 1, 0 for
// none) to the worker as one bounded step, opening the document there
// first when it is not open in the running worker. A worker that ended by
// another cause than this step's deadline (it crashed, or was killed from
// outside) is replaced and the step tried once more.
func (d *Document) step(ctx context.Context, page int, verb string, req *request) (*response, error) {
	if d.givenUp != nil {
		return nil, d.givenUp
	}
	workers.mu.Lock()
	defer workers.mu.Unlock()
	for tries := 1; ; tries++ {
		if err := ctx.Err(); err != nil {
			return nil, d.canceled(page, err)
		}
		w, err := currentWorker(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, d.canceled(page, ctx.Err())
			}
			return nil, err
		}
		limit := PageTimeLimit()
		res, stopped, err := w.bounded(ctx, limit, func() (*response, error) { return d.run(w, req) })
		switch {
		case stopped:
			return nil, d.stopped(ctx, page, verb, limit)
		case err != nil && tries < 2:
			continue
		case err != nil:
			return nil, d.engineEnded(page, err)
		}
		return res, res.err()
	}
}

// run opens the document in worker w unless it is open there, then sends
// req. An error is the worker's end; the step's own is in the response.
func (d *Document) run(w *worker, req *request) (*response, error) {
	if d.gen != w.gen {
		res, err := w.exchange(&request{Op: opOpen, Doc: d.id, Name: d.name, Data: d.data})
		if err != nil || res.Err != "" {
			return res, err
		}
		if d.pages != 0 && res.Pages != d.pages {
			// opened again, it must be the document it was
			return failure(fmt.Errorf("%s: %w (%d pages, then %d)", d.name, ErrDamaged, d.pages, res.Pages)), nil
		}
		d.pages, d.gen = res.Pages, w.gen
	}
	if req == nil {
		return &response{}, nil
	}
	req.Doc = d.id
	return w.exchange(req)
}

// stopped is the error of a step the worker was killed in, for its
// deadline or its context.
func (d *Document) stopped(ctx context.Context, page int, verb string, limit time.Duration) error {
	d.gen = 0
	if err := ctx.Err(); err != nil {
		return d.canceled(page, err)
	}
	slow := &slowError{name: d.name, page: page, verb: verb, limit: limit}
	if d.stops++; d.stops >= maxStops {
		d.givenUp = slow
	}
	return slow
}

func (d *Document) canceled(page int, err error) error {
	if page == 0 {
		return fmt.Errorf("%s: %w", d.name, err)
	}
	return fmt.Errorf("%s: page %d: %w", d.name, page, err)
}

// engineEnded is the error of a step whose worker ended twice on its own:
// the file, most likely, makes the engine crash.
func (d *Document) engineEnded(page int, err error) error {
	d.gen = 0
	if page == 0 {
		return fmt.Errorf("%s: %w (the PDF engine ended opening it: %v)", d.name, ErrDamaged, err)
	}
	return fmt.Errorf("%s: page %d: %w (the PDF engine ended reading it: %v)", d.name, page, ErrDamaged, err)
}

// baseFont strips the subset tag PDF writers put before an embedded
// font's name ("NJHIBT+BousungEG-Light-GB").
func baseFont(name string) string {
	if len(name) > 7 && name[6] == '+' {
		return name[7:]
	}
	return name
}
