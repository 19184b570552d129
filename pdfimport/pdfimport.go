// Package pdfimport turns the pages of a PDF into pages of stories: it
// reads each page's glyphs (pdfpage), rebuilds its lines, blocks and
// reading order (pdflayout), gives the pipeline the text with each line's
// geometry (ingest), and marks every paragraph's lines on the page so the
// workbench can outline them.
package pdfimport

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/galley/galley/article"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/pdflayout"
	"github.com/galley/galley/pdfpage"
)

// IsPDF reports whether the file's first bytes are a PDF's.
func IsPDF(data []byte) bool { return pdfpage.LooksLikePDF(data) }

// Page is one page of a PDF rebuilt for the pipeline.
type Page struct {
	File     string // the PDF
	Number   int    // from 1
	Of       int    // pages in the PDF
	SHA256   string // of the PDF with the page number: each page is its own archive page
	Layout   *pdflayout.Layout
	Geometry map[int]ingest.LineGeometry // by 1-based line number of Layout.Text
}

// Text is the page's text layer in reading order.
func (p *Page) Text() string { return p.Layout.Text }

// Scanned reports a page with no text layer: an image of print that
// needs OCR before Galley can read it.
func (p *Page) Scanned() bool { return p.Layout.Glyphs == 0 }

// ErrScanned is returned for a PDF none of whose pages has a text layer.
var ErrScanned = fmt.Errorf("the PDF has no text layer (a scan): run OCR on it first, then import the OCR text or the OCR'd PDF")

// Read reads every page of the PDF at path. progress, when set, is called
// after each page. A PDF none of whose pages has text is refused with
// ErrScanned; single scanned pages among text pages come back with
// Scanned() true for the caller to report.
func Read(path string, progress func(done, total int)) ([]*Page, error) {
	d, err := Open(context.Background(), path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadPages(context.Background(), progress)
}

// ReadBytes is Read on a PDF held in memory; name is for messages.
func ReadBytes(name string, data []byte, progress func(done, total int)) ([]*Page, error) {
	d, err := OpenBytes(context.Background(), name, data)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadPages(context.Background(), progress)
}

// engine serialises the use of the PDF engine. Every pdfpage document runs
// in the one WebAssembly instance pdfpage starts, and a call into it is
// not one step for the caller: a drawn page is a view into the instance's
// memory until it is copied out and released, and a second goroutine's
// call meanwhile (an import reads the next PDF on another worker) moves
// that memory or runs on the same WebAssembly stack, which ended in
// "wasm error: unreachable" on the corpus. So one caller at a time, for a
// whole step (open, read a page, draw a page, close).
var engine sync.Mutex

// Document is an open PDF whose pages are read one at a time and drawn,
// for an import that stores each page with its image. Pages are numbered
// from 1, as Page.Number. Close it when done; its methods may be called
// from one goroutine at a time.
type Document struct {
	name string
	hash string // of the file's bytes
	doc  *pdfpage.Document
}

// Open opens the PDF at path. A file larger than pdfpage.MaxFileSize, not
// a PDF, damaged, protected by a password or without pages is refused
// with a message that names it (errors.Is pdfpage.ErrDamaged,
// pdfpage.ErrEncrypted). ctx bounds opening it and every page read or
// drawn, each also by pdfpage.PageTimeLimit (a step past it is
// pdfpage.ErrTooSlow).
func Open(ctx context.Context, path string) (*Document, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		// reading a named pipe nobody writes to would wait for ever
		return nil, fmt.Errorf("%s: %s", path, ingest.NotRegular(st.Mode()))
	}
	if st.Size() > pdfpage.MaxFileSize {
		return nil, tooLarge(path, st.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return OpenBytes(ctx, path, data)
}

// OpenBytes is Open on a PDF held in memory; name is for messages and the
// pages' names.
func OpenBytes(ctx context.Context, name string, data []byte) (*Document, error) {
	if len(data) > pdfpage.MaxFileSize {
		return nil, tooLarge(name, int64(len(data)))
	}
	engine.Lock()
	doc, err := pdfpage.OpenBytes(ctx, name, data)
	engine.Unlock()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Document{name: name, hash: hex.EncodeToString(sum[:]), doc: doc}, nil
}

func tooLarge(name string, size int64) error {
	return fmt.Errorf("%s: %d MB: larger than the %d MB a PDF of pages may be", name, size>>20, pdfpage.MaxFileSize>>20)
}

// Name is the file the document was read from.
func (d *Document) Name() string { return d.name }

// Pages is the number of pages.
func (d *Document) Pages() int { return d.doc.Pages() }

// Close releases the document.
func (d *Document) Close() error {
	engine.Lock()
	defer engine.Unlock()
	return d.doc.Close()
}

// SHA256 names page n in the archive without reading it: the file's hash
// for a PDF of one page, else a hash of the file's hash and n, so that
// every page is an archive page of its own and a page already imported is
// known before it is read.
func (d *Document) SHA256(n int) string {
	if d.doc.Pages() == 1 {
		return d.hash
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%s#%d", d.hash, n))
	return hex.EncodeToString(h[:])
}

// Page reads page n: its glyphs, their layout and each line's geometry.
func (d *Document) Page(ctx context.Context, n int) (*Page, error) {
	engine.Lock()
	pp, err := d.doc.Page(ctx, n-1)
	engine.Unlock()
	if err != nil {
		return nil, err
	}
	lay := pdflayout.Build(pp)
	return &Page{File: d.name, Number: n, Of: d.doc.Pages(), SHA256: d.SHA256(n), Layout: lay, Geometry: Geometry(lay)}, nil
}

// ReadPages reads every page in order, calling progress (when set) after
// each; ctx stops it between pages. A PDF none of whose pages has text is
// refused with ErrScanned.
func (d *Document) ReadPages(ctx context.Context, progress func(done, total int)) ([]*Page, error) {
	pages := make([]*Page, 0, d.Pages())
	text := 0
	for n := 1; n <= d.Pages(); n++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := d.Page(ctx, n)
		if err != nil {
			return nil, err
		}
		if !p.Scanned() {
			text++
		}
		pages = append(pages, p)
		if progress != nil {
			progress(n, d.Pages())
		}
	}
	if text == 0 {
		return nil, fmt.Errorf("%s: %w", d.name, ErrScanned)
	}
	return pages, nil
}

// RenderPNG draws page n widthPx pixels wide, on white paper, as a PNG
// compressed for speed (drawing and storing a page must not hold up an
// import, and a page's photos hardly compress further). A page printed in
// black alone is written in grey levels: the same picture in a third of
// the bytes.
func (d *Document) RenderPNG(ctx context.Context, n, widthPx int) ([]byte, error) {
	engine.Lock()
	img, err := d.doc.Render(ctx, n-1, widthPx) // a copy: see engine
	engine.Unlock()
	if err != nil {
		return nil, err
	}
	var pic image.Image = img
	if onWhite(img) {
		pic = grey(img)
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, pic); err != nil {
		return nil, fmt.Errorf("%s: page %d: %w", d.name, n, err)
	}
	return b.Bytes(), nil
}

// onWhite lays a drawing with see-through parts (PDFium leaves the paper
// of a page with transparency clear) on white paper, as it is printed: an
// opaque image is also what the PNG encoder writes without alpha. It
// reports whether every pixel is a grey (no colour on the page).
func onWhite(img *image.RGBA) (grey bool) {
	grey = true
	pix := img.Pix
	for i := 0; i+3 < len(pix); i += 4 {
		if a := pix[i+3]; a != 0xff {
			// premultiplied: colour + white × (1 − alpha)
			for k := 0; k < 3; k++ {
				pix[i+k] += 0xff - a
			}
			pix[i+3] = 0xff
		}
		if grey && (pix[i] != pix[i+1] || pix[i] != pix[i+2]) {
			grey = false
		}
	}
	return grey
}

// grey is an image of grey pixels as one byte each.
func grey(img *image.RGBA) *image.Gray {
	out := image.NewGray(img.Bounds())
	for i := range out.Pix {
		out.Pix[i] = img.Pix[4*i]
	}
	return out
}

// Parse runs the pipeline on the page. opt.File and opt.Geometry are set
// from the page.
func (p *Page) Parse(opt ingest.Options) (*article.Page, error) {
	if p.Scanned() {
		return nil, fmt.Errorf("%s: page %d: %w", p.File, p.Number, ErrScanned)
	}
	opt.File = p.Name()
	opt.Geometry = p.Geometry
	page, err := ingest.Parse([]byte(p.Layout.Text), opt)
	if err != nil {
		return nil, err
	}
	page.SHA256 = p.SHA256
	p.markBoxes(page)
	return page, nil
}

// Name is the page's name in the archive: the file, and the page number
// when the PDF has more than one.
func (p *Page) Name() string {
	if p.Of > 1 {
		return fmt.Sprintf("%s#%d", p.File, p.Number)
	}
	return p.File
}

// markBoxes gives every paragraph the boxes of the lines its raw span
// covers, and every story the boxes of all its lines (headline included).
func (p *Page) markBoxes(page *article.Page) {
	lines := p.Layout.Lines
	starts := make([]int, len(lines))
	for i, l := range lines {
		starts[i] = l.Start
	}
	// lines whose text overlaps [start, end)
	covered := func(start, end int) []article.Box {
		var out []article.Box
		k := sort.SearchInts(starts, start)
		if k > 0 && lines[k-1].End > start {
			k--
		}
		for ; k < len(lines) && lines[k].Start < end; k++ {
			// a hundredth of a point is far finer than any screen shows,
			// and keeps the stored boxes short (56.93, not 56.93439865112305)
			b := lines[k].Box
			r := func(x float64) float64 { return math.Round(x*100) / 100 }
			out = append(out, article.Box{X0: r(b.X0), Y0: r(b.Y0), X1: r(b.X1), Y1: r(b.Y1)})
		}
		return out
	}
	for si := range page.Stories {
		st := &page.Stories[si]
		var region []article.Box
		for pi := range st.Paragraphs {
			para := &st.Paragraphs[pi]
			para.Boxes = covered(para.Start, para.End)
			region = append(region, para.Boxes...)
		}
		// the headline's lines: its edits name no paragraph
		for _, e := range st.Edits {
			if e.Paragraph < 0 {
				region = append(region, covered(e.Start, e.End)...)
			}
		}
		st.Region = dedupBoxes(region)
	}
	p.markPictures(page)
	page.Width, page.Height = p.Layout.Width, p.Layout.Height
}

// markPictures gives each picture of the page to the story whose caption
// stands directly under or over it, or, for a story without captions,
// whose first lines do: a caption names its picture, and a picture with
// no caption opens its story. A picture goes to the nearest such story,
// to none when no story's lines are near it (an advertisement, a
// decoration). Runs after the paragraphs have their boxes.
func (p *Page) markPictures(page *article.Page) {
	near := 2.5 * p.Layout.BodySize
	// gap is how far line b stands from picture f, under or over it; false
	// when it is not directly under or over (no horizontal overlap, or
	// further than near). A line may touch the picture by a little.
	gap := func(f pdflayout.Box, b article.Box) (float64, bool) {
		if math.Min(f.X1, b.X1)-math.Max(f.X0, b.X0) <= 0 {
			return 0, false
		}
		slack := 0.5 * (b.Y1 - b.Y0)
		for _, d := range []float64{b.Y0 - f.Y1, f.Y0 - b.Y1} {
			if d >= -slack && d <= near {
				return math.Max(d, 0), true
			}
		}
		return 0, false
	}
	for _, f := range p.Layout.Images {
		// A caption names its picture even when another story's first
		// lines stand nearer (the story under a picture and its caption).
		for _, captions := range []bool{true, false} {
			best, bestGap := -1, math.Inf(1)
			for si := range page.Stories {
				for _, b := range pictureAnchors(&page.Stories[si], captions) {
					if d, ok := gap(f, b); ok && d < bestGap {
						best, bestGap = si, d
					}
				}
			}
			if best >= 0 {
				st := &page.Stories[best]
				st.Pictures = append(st.Pictures, article.Box{X0: f.X0, Y0: f.Y0, X1: f.X1, Y1: f.Y1})
				break
			}
		}
	}
}

// pictureAnchors are the lines of a story that tie a picture to it: with
// captions, its caption paragraphs' lines; without, the lines of its
// first paragraph when it has no caption at all.
func pictureAnchors(st *article.Story, captions bool) []article.Box {
	var out []article.Box
	for _, para := range st.Paragraphs {
		if para.Kind == article.ParaCaption {
			if !captions {
				return nil
			}
			out = append(out, para.Boxes...)
		}
	}
	if !captions && len(st.Paragraphs) > 0 {
		out = st.Paragraphs[0].Boxes
	}
	return out
}

func dedupBoxes(bs []article.Box) []article.Box {
	slices.SortFunc(bs, func(a, b article.Box) int {
		if a.Y0 != b.Y0 {
			return cmp.Compare(a.Y0, b.Y0)
		}
		return cmp.Compare(a.X0, b.X0)
	})
	return slices.Compact(bs)
}

// Geometry describes each line of the layout for the line model.
func Geometry(lay *pdflayout.Layout) map[int]ingest.LineGeometry {
	if len(lay.Lines) == 0 {
		return nil
	}
	column := bodyColumn(lay)
	out := make(map[int]ingest.LineGeometry, len(lay.Lines))
	// the first line of a module's text, after its headline: where a
	// story's text begins
	textStarted := map[int]bool{}
	lineNo := 1
	at := 0
	for i, l := range lay.Lines {
		lineNo += strings.Count(lay.Text[at:l.Start], "\n")
		at = l.Start
		blk := lay.Blocks[l.Block]
		pos := slices.Index(blk.Lines, i)
		size := l.Size / lay.BodySize
		g := ingest.LineGeometry{
			Size:       size,
			Face:       faceClass(l.Font, lay.BodyFont),
			Bold:       strings.Contains(strings.ToLower(l.Font), "bold"),
			Indent:     indented(lay, blk, l),
			BlockStart: pos == 0,
			BlockEnd:   pos == len(blk.Lines)-1,
			BlockLines: len(blk.Lines),
			Fill:       l.Box.W() / math.Max(blk.Box.W(), 1),
			Span:       blk.Box.W() / column,
			Vertical:   l.Vertical,
		}
		if m := blk.Module; m >= 0 && !textStarted[m] && size < 1.15 && !l.Vertical {
			textStarted[m], g.ModuleText = true, true
		}
		if len(blk.Lines) > 1 {
			mid, bmid := (l.Box.X0+l.Box.X1)/2, (blk.Box.X0+blk.Box.X1)/2
			g.Centered = g.Fill < 0.9 && math.Abs(mid-bmid) < 0.5*l.Size
		}
		if blk.Margin {
			g.Edge = "bottom"
			if l.Box.Y0 < lay.Height/2 {
				g.Edge = "top"
			}
		}
		near := 2.5 * lay.BodySize
		for _, f := range lay.Images {
			if math.Min(f.X1, l.Box.X1)-math.Max(f.X0, l.Box.X0) <= 0 {
				continue
			}
			if d := l.Box.Y0 - f.Y1; d >= -0.5*l.Size && d <= near {
				g.FigureAbove = true
			}
			if d := f.Y0 - l.Box.Y1; d >= -0.5*l.Size && d <= near {
				g.FigureBelow = true
			}
		}
		out[lineNo] = g
	}
	return out
}

// indented reports a line that starts an em or more inside its block.
func indented(lay *pdflayout.Layout, blk pdflayout.Block, l pdflayout.Line) bool {
	return len(blk.Lines) > 1 && !l.Vertical && l.Box.X0-blk.Box.X0 >= 1.2*l.Size
}

// bodyColumn is the width of the page's body columns: the widest width
// the body-size blocks of several lines mostly have.
func bodyColumn(lay *pdflayout.Layout) float64 {
	var ws []float64
	for _, b := range lay.Blocks {
		if len(b.Lines) >= 4 && math.Abs(b.Size-lay.BodySize) < 0.5 {
			ws = append(ws, b.Box.W())
		}
	}
	if len(ws) == 0 {
		return 16 * lay.BodySize
	}
	slices.Sort(ws)
	return ws[len(ws)/2]
}

// faceClass names a face's family as newspaper faces are named: the
// body's face, or hei (黑体, sans), kai (楷体), song (宋体, serif), fang
// (仿宋), so that a model fitted on one paper's faces carries over.
func faceClass(font, body string) string {
	if font == body {
		return "body"
	}
	f := strings.ToLower(font)
	switch {
	case strings.Contains(f, "kai") || strings.Contains(f, "kt"):
		return "kai"
	case strings.Contains(f, "fang") || strings.Contains(f, "fs"):
		return "fang"
	case strings.Contains(f, "hei") || strings.Contains(f, "ht") || strings.Contains(f, "sans") || strings.Contains(f, "gothic"):
		return "hei"
	case strings.Contains(f, "song") || strings.Contains(f, "ss") || strings.Contains(f, "ming") || strings.Contains(f, "serif") || strings.Contains(f, "bousung"):
		return "song"
	}
	return "other"
}
