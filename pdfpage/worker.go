package pdfpage

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"time"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// The engine runs in a worker: this program started again with workerEnv
// set, serving requests on its stdin and stdout. WebAssembly compiled by
// wazero cannot be interrupted from Go, and a goroutine stuck in it also
// stops the garbage collector, so a PDF that keeps PDFium busy would
// freeze the whole program; a worker is a process, which can be killed.
const workerEnv = "GALLEY_PDF_WORKER"

// init turns the process into a worker before anything else runs (the
// program's main, or a test binary's: every binary that links pdfpage can
// be one).
func init() {
	if os.Getenv(workerEnv) == "1" {
		os.Exit(serveWorker(os.Stdin, os.Stdout))
	}
}

type op int

const (
	opOpen op = iota + 1
	opPage
	opRender
	opClose
	// opStall never ends: tests stand it for a file that keeps PDFium
	// busy, which cannot be interrupted but by killing the worker.
	opStall
)

// request is one step asked of the worker.
type request struct {
	Op    op
	Doc   int    // the document's number, given by the parent
	Name  string // opOpen: the file, for messages
	Data  []byte // opOpen: the file
	Page  int    // from 0
	Width int    // opRender: pixels
}

// errKind is the sentinel a worker's error wraps, for errors.Is in the
// parent.
type errKind int

const (
	kindOther errKind = iota
	kindDamaged
	kindEncrypted
)

// response is the worker's answer to a request; the first, sent before
// any request, says whether the engine started. Raw bytes follow it on
// the stream, outside gob, which would copy them twice more: a page's
// form (wire.go) or the pixels of a page drawn.
type response struct {
	Err   string
	Kind  errKind
	Pages int    // opOpen
	Raw   int    // how many bytes follow
	raw   []byte // the parent's copy of them
	// opRender: the image's shape
	Stride int
	Rect   image.Rectangle
}

// serveWorker answers requests until in ends (the parent closed it or
// died) and returns the exit code.
func serveWorker(in io.Reader, out io.Writer) int {
	// Replies go to out alone: a stray print would corrupt them.
	os.Stdout = os.Stderr
	enc := gob.NewEncoder(out)
	dec := gob.NewDecoder(bufio.NewReader(in))
	inst, err := instance()
	if err := enc.Encode(failure(err)); err != nil || inst == nil {
		return 1
	}
	w := &served{inst: inst, docs: map[int]*servedDoc{}}
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			return 0
		}
		if req.Op == opClose {
			w.close(req.Doc) // unanswered: the parent does not wait on it
			continue
		}
		res, raw, done := w.handle(&req)
		err := send(enc, out, res, raw)
		if done != nil {
			done()
		}
		if err != nil {
			return 1
		}
	}
}

// send sends res and the raw bytes that follow it.
func send(enc *gob.Encoder, out io.Writer, res *response, raw []byte) error {
	res.Raw = len(raw)
	if err := enc.Encode(res); err != nil {
		return err
	}
	_, err := out.Write(raw)
	return err
}

// failure is the response carrying err (none when err is nil).
func failure(err error) *response {
	res := &response{}
	if err == nil {
		return res
	}
	res.Err = err.Error()
	switch {
	case errors.Is(err, ErrEncrypted):
		res.Kind = kindEncrypted
	case errors.Is(err, ErrDamaged):
		res.Kind = kindDamaged
	}
	return res
}

// remoteError is an error the worker sent.
type remoteError struct {
	msg  string
	kind errKind
}

func (e *remoteError) Error() string { return e.msg }

func (e *remoteError) Is(target error) bool {
	return e.kind == kindDamaged && target == ErrDamaged || e.kind == kindEncrypted && target == ErrEncrypted
}

// err is the error the response carries, nil for none.
func (r *response) err() error {
	if r.Err == "" {
		return nil
	}
	return &remoteError{msg: r.Err, kind: r.Kind}
}

// served is the worker's engine and the documents open in it.
type served struct {
	inst pdfium.Pdfium
	docs map[int]*servedDoc
}

type servedDoc struct {
	name  string
	doc   references.FPDF_DOCUMENT
	pages int
}

// handle does req: the response, the raw bytes that follow it, and what
// to do once they are sent (nil for nothing).
func (w *served) handle(req *request) (res *response, raw []byte, done func()) {
	if req.Op == opOpen {
		d, err := openIn(w.inst, req.Name, req.Data)
		if err != nil {
			return failure(err), nil, nil
		}
		w.docs[req.Doc] = d
		return &response{Pages: d.pages}, nil, nil
	}
	d := w.docs[req.Doc]
	if d == nil {
		return failure(fmt.Errorf("the PDF engine has no document %d", req.Doc)), nil, nil
	}
	switch req.Op {
	case opPage:
		page, err := readIn(w.inst, d, req.Page)
		if err != nil {
			return failure(err), nil, nil
		}
		return &response{}, appendPage(nil, page), nil
	case opRender:
		return render(w.inst, d, req.Page, req.Width)
	case opStall:
		time.Sleep(math.MaxInt64)
	}
	return failure(fmt.Errorf("the PDF engine has no step %d", req.Op)), nil, nil
}

// close closes document id; a close that fails leaves nothing to do.
func (w *served) close(id int) {
	if d := w.docs[id]; d != nil {
		delete(w.docs, id)
		w.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
	}
}

// openIn opens the PDF data in the engine.
func openIn(inst pdfium.Pdfium, name string, data []byte) (*servedDoc, error) {
	res, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, fmt.Errorf("%s: %w: remove the protection and import it again", name, ErrEncrypted)
		default:
			return nil, fmt.Errorf("%s: %w (%v)", name, ErrDamaged, err)
		}
	}
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: res.Document})
	if err != nil {
		inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: res.Document})
		return nil, fmt.Errorf("%s: %w (%v)", name, ErrDamaged, err)
	}
	if n.PageCount == 0 {
		inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: res.Document})
		return nil, fmt.Errorf("%s: the PDF has no pages", name)
	}
	return &servedDoc{name: name, doc: res.Document, pages: n.PageCount}, nil
}

// readIn reads page i's glyphs, pictures and shapes.
func readIn(inst pdfium.Pdfium, d *servedDoc, i int) (*Page, error) {
	ref := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
	w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref})
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: %w (%v)", d.name, i+1, ErrDamaged, err)
	}
	h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref})
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: %w (%v)", d.name, i+1, ErrDamaged, err)
	}
	page := &Page{Index: i, Width: float64(w.PageWidth), Height: float64(h.PageHeight)}
	text, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: ref, Mode: requests.GetPageTextStructuredModeChars, CollectFontInformation: true})
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: reading the text layer: %v", d.name, i+1, err)
	}
	for _, c := range text.Chars {
		r, _ := utf8.DecodeRuneInString(c.Text)
		// PDFium adds the line ends and spaces it infers; the layout is
		// built again from the boxes, so only printed glyphs are kept.
		if r == utf8.RuneError && c.Text == "" || r == '\r' || r == '\n' || r == ' ' || r == '\u00a0' {
			continue
		}
		p := c.PointPosition
		if p.Right <= p.Left && p.Top <= p.Bottom {
			continue // a glyph with no extent is not printed
		}
		if p.Top-p.Bottom < minGlyphHeight {
			// PDFium gives a glyph its font does not map to a character as
			// a stray code point (U+07D6 and the like) in a box a hundredth
			// of a point high: nothing a reader sees.
			continue
		}
		g := Glyph{Rune: r, Box: Box{p.Left, page.Height - p.Top, p.Right, page.Height - p.Bottom}}
		if f := c.FontInformation; f != nil {
			g.Size = f.RenderedSize
			if g.Size == 0 {
				g.Size = f.Size
			}
			g.Font = baseFont(f.Name)
			g.Weight = max(f.Weight, 0)
		}
		page.Glyphs = append(page.Glyphs, g)
	}
	if err := images(inst, ref, page); err != nil {
		return nil, fmt.Errorf("%s: page %d: %v", d.name, i+1, err)
	}
	return page, nil
}

// images collects the boxes of the page's pictures and vector shapes.
func images(inst pdfium.Pdfium, ref requests.Page, page *Page) error {
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return err
	}
	for k := 0; k < n.Count; k++ {
		obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: k})
		if err != nil {
			return err
		}
		t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
		if err != nil || t.Type != enums.FPDF_PAGEOBJ_IMAGE && t.Type != enums.FPDF_PAGEOBJ_PATH {
			continue
		}
		b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj.PageObject})
		if err != nil {
			continue
		}
		box := Box{float64(b.Left), page.Height - float64(b.Top), float64(b.Right), page.Height - float64(b.Bottom)}
		if t.Type == enums.FPDF_PAGEOBJ_IMAGE {
			page.Images = append(page.Images, box)
		} else {
			page.Paths = append(page.Paths, box)
		}
	}
	return nil
}

// render draws page i widthPx pixels wide. The pixels live in the
// engine's memory until done: they are sent from there.
func render(inst pdfium.Pdfium, d *servedDoc, i, widthPx int) (res *response, pix []byte, done func()) {
	ref := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
	r, err := inst.RenderPageInPixels(&requests.RenderPageInPixels{Page: ref, Width: widthPx})
	if err != nil {
		return failure(fmt.Errorf("%s: page %d: drawing the page: %v", d.name, i+1, err)), nil, nil
	}
	img := r.Result.Image
	return &response{Stride: img.Stride, Rect: img.Rect}, img.Pix, r.Cleanup
}
