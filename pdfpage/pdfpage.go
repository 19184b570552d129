// Package pdfpage reads the pages of a PDF: every glyph of the text layer
// with its box, type size and face, the boxes of the pictures, and the page
// drawn as an image. It wraps PDFium compiled to WebAssembly and run by
// wazero (github.com/klippa-app/go-pdfium/webassembly): the engine every
// Chromium browser uses for PDF, so CID fonts with ToUnicode maps and
// Identity-H encodings read as a browser shows them, with no cgo and no
// system library. The engine is compiled once per machine and kept in the
// cache folder; later processes load it in a fraction of a second.
package pdfpage

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/galley/galley/internal/cachedir"
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
// a time.
type Document struct {
	name  string
	inst  pdfium.Pdfium
	doc   references.FPDF_DOCUMENT
	pages int
}

var (
	engineOnce sync.Once
	engine     pdfium.Pdfium
	engineErr  error
)

// EngineCompiled reports whether the engine's compiled code is already in
// the cache folder: when it is not, the next start compiles it, which
// takes seconds, and a command may say so before the user wonders.
func EngineCompiled() bool {
	dir := cachedir.Dir()
	if dir == "" {
		return false
	}
	entries, err := os.ReadDir(filepath.Join(dir, "pdfium-wasm"))
	return err == nil && len(entries) > 0
}

// instance starts the engine on first use. Compiling PDFium's 6 MB of
// WebAssembly takes seconds; the compiled code is cached on disk so that
// only the first process on a machine pays it.
func instance() (pdfium.Pdfium, error) {
	engineOnce.Do(func() {
		cfg := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
		if dir := cachedir.Dir(); dir != "" {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "pdfium-wasm")); err == nil {
				cfg = cfg.WithCompilationCache(cache)
			}
		}
		// The PDF is handed over as bytes, so the sandbox needs no files:
		// an FSConfig without mounts (go-pdfium's default mounts "/", the
		// whole disk, into the WebAssembly module a hostile PDF runs in).
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: cfg, FSConfig: wazero.NewFSConfig()})
		if err != nil {
			engineErr = fmt.Errorf("starting the PDF engine: %w", err)
			return
		}
		engine, engineErr = pool.GetInstance(time.Minute)
		if engineErr != nil {
			engineErr = fmt.Errorf("starting the PDF engine: %w", engineErr)
		}
	})
	return engine, engineErr
}

// Open reads the PDF at path.
func Open(path string) (*Document, error) {
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
	return OpenBytes(path, data)
}

// OpenBytes reads a PDF held in memory; name is for messages.
func OpenBytes(name string, data []byte) (*Document, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if !LooksLikePDF(data) {
		return nil, fmt.Errorf("%s: %w (it does not start with %%PDF-)", name, ErrDamaged)
	}
	inst, err := instance()
	if err != nil {
		return nil, err
	}
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
	return &Document{name: name, inst: inst, doc: res.Document, pages: n.PageCount}, nil
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

// Close releases the document.
func (d *Document) Close() error {
	_, err := d.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
	return err
}

// Page reads page i (from 0).
func (d *Document) Page(i int) (*Page, error) {
	if i < 0 || i >= d.pages {
		return nil, fmt.Errorf("%s: no page %d (the PDF has %d)", d.name, i+1, d.pages)
	}
	ref := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
	w, err := d.inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref})
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: %w (%v)", d.name, i+1, ErrDamaged, err)
	}
	h, err := d.inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref})
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: %w (%v)", d.name, i+1, ErrDamaged, err)
	}
	page := &Page{Index: i, Width: float64(w.PageWidth), Height: float64(h.PageHeight)}
	text, err := d.inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: ref, Mode: requests.GetPageTextStructuredModeChars, CollectFontInformation: true})
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
	if err := d.images(ref, page); err != nil {
		return nil, fmt.Errorf("%s: page %d: %v", d.name, i+1, err)
	}
	return page, nil
}

// images collects the boxes of the page's pictures and vector shapes.
func (d *Document) images(ref requests.Page, page *Page) error {
	n, err := d.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return err
	}
	for k := 0; k < n.Count; k++ {
		obj, err := d.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: k})
		if err != nil {
			return err
		}
		t, err := d.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
		if err != nil || t.Type != enums.FPDF_PAGEOBJ_IMAGE && t.Type != enums.FPDF_PAGEOBJ_PATH {
			continue
		}
		b, err := d.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj.PageObject})
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

// Render draws page i as an image widthPx pixels wide.
func (d *Document) Render(ctx context.Context, i, widthPx int) (*image.RGBA, error) {
	if i < 0 || i >= d.pages {
		return nil, fmt.Errorf("%s: no page %d (the PDF has %d)", d.name, i+1, d.pages)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ref := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
	res, err := d.inst.RenderPageInPixels(&requests.RenderPageInPixels{Page: ref, Width: widthPx})
	if err != nil {
		return nil, fmt.Errorf("%s: page %d: drawing the page: %v", d.name, i+1, err)
	}
	defer res.Cleanup()
	// The result lives in the engine's memory until Cleanup: copy it out.
	src := res.Result.Image
	out := image.NewRGBA(src.Bounds())
	copy(out.Pix, src.Pix)
	return out, nil
}

// baseFont strips the subset tag PDF writers put before an embedded
// font's name ("NJHIBT+BousungEG-Light-GB").
func baseFont(name string) string {
	if len(name) > 7 && name[6] == '+' {
		return name[7:]
	}
	return name
}
