// Package pdfimport turns the pages of a PDF into pages of stories: it
// reads each page's glyphs (pdfpage), rebuilds its lines, blocks and
// reading order (pdflayout), gives the pipeline the text with each line's
// geometry (ingest), and marks every paragraph's lines on the page so the
// workbench can outline them.
package pdfimport

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

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
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ReadBytes(path, data, progress)
}

// ReadBytes is Read on a PDF held in memory; name is for messages.
func ReadBytes(name string, data []byte, progress func(done, total int)) ([]*Page, error) {
	if len(data) > pdfpage.MaxFileSize {
		return nil, fmt.Errorf("%s: %d MB: larger than the %d MB a PDF of pages may be", name, len(data)>>20, pdfpage.MaxFileSize>>20)
	}
	doc, err := pdfpage.OpenBytes(name, data)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	pages := make([]*Page, 0, doc.Pages())
	text := 0
	for i := 0; i < doc.Pages(); i++ {
		pp, err := doc.Page(i)
		if err != nil {
			return nil, err
		}
		lay := pdflayout.Build(pp)
		p := &Page{File: name, Number: i + 1, Of: doc.Pages(), Layout: lay, Geometry: Geometry(lay)}
		p.SHA256 = hash
		if doc.Pages() > 1 {
			h := sha256.Sum256(fmt.Appendf(nil, "%s#%d", hash, i+1))
			p.SHA256 = hex.EncodeToString(h[:])
		}
		if !p.Scanned() {
			text++
		}
		pages = append(pages, p)
		if progress != nil {
			progress(i+1, doc.Pages())
		}
	}
	if text == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrScanned)
	}
	return pages, nil
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
			b := lines[k].Box
			out = append(out, article.Box{X0: b.X0, Y0: b.Y0, X1: b.X1, Y1: b.Y1})
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
	page.Width, page.Height = p.Layout.Width, p.Layout.Height
}

func dedupBoxes(bs []article.Box) []article.Box {
	slices.SortFunc(bs, func(a, b article.Box) int {
		if a.Y0 != b.Y0 {
			return cmpF(a.Y0, b.Y0)
		}
		return cmpF(a.X0, b.X0)
	})
	return slices.Compact(bs)
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Geometry describes each line of the layout for the line model.
func Geometry(lay *pdflayout.Layout) map[int]ingest.LineGeometry {
	if len(lay.Lines) == 0 {
		return nil
	}
	column := bodyColumn(lay)
	out := make(map[int]ingest.LineGeometry, len(lay.Lines))
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
