// Package pdftest writes the PDF pages that Galley's PDF import is tested
// on, so the tests never need a newspaper's PDF (the corpus pages are
// copyrighted and stay outside the repository). A page is described
// declaratively, block by block, with every block's role, story, position
// and type size; the package sets it with a real CJK TrueType font
// (Droid Sans Fallback, Debian's fonts-droid-fallback, installed by
// scripts/deps.sh) and can tell from the same description what a reader
// should get back (Page.Stories, Page.Furniture). Tests therefore compare
// what the importer found with the description, not with literals.
//
// It also writes the files the importer must refuse: a scan with no text
// layer (WriteScanned), a truncated file (WriteDamaged) and a file locked
// with a password (WriteEncrypted).
//
// All text is public domain (《论语》, 鲁迅) or written for this package.
package pdftest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
)

// FontPath is where Debian's fonts-droid-fallback puts its CJK TrueType
// font. fpdf embeds glyf-based TrueType only, so the .ttc and CFF .otf files
// of fonts-noto-cjk (Galley's own UI font) cannot be used here.
const FontPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

// ErrNoFont: the CJK font is not installed. Tests that write pages must fail
// with it, not skip: a skipped PDF test would hide a machine that cannot
// test the import at all.
var ErrNoFont = errors.New("pdftest: the CJK font " + FontPath +
	" is missing; install Debian's fonts-droid-fallback (scripts/deps.sh does)")

// The roles a block can have. A reader is expected to find every role but
// RoleNoise inside its story; noise (running heads, folios) belongs to none.
const (
	RoleTitle    = "title"
	RoleKicker   = "kicker"
	RoleSubtitle = "subtitle"
	RoleBody     = "body"
	RoleCaption  = "caption"
	RoleCredit   = "credit"
	RoleNoise    = "noise"
)

// Page is one page: its size in points and what is set on it. Blocks are
// listed in reading order: within a story, the order of its blocks in this
// slice is the order a reader must give their text back in.
type Page struct {
	Width, Height float64
	Blocks        []Block
	Images        []Image
	// WriteOrder, when set, is the order the blocks are written into the
	// page's content stream, as indexes into Blocks; nil writes them as
	// listed. Prepress systems write a page in the order its parts were
	// placed (the body often before its headline), so a reader must take
	// the reading order from where the text sits, never from the stream;
	// this lets a test write a page that way. It changes nothing else:
	// Stories and Furniture still follow Blocks.
	WriteOrder []int
}

// Block is a run of lines set in one size: a headline, a paragraph (or the
// part of one that fits in a column), a caption, a running head.
type Block struct {
	Role  string // one of the Role constants
	Story int    // index of its story, -1 for noise
	// X, Y is the top left corner of the first line's em box, W the
	// measure; points, y down from the page's top.
	X, Y, W float64
	Size    float64 // type size in points
	// Lines are set as given, one per line; the generator does not wrap
	// (see Wrap and WrapParagraph).
	Lines []string
	// Indent sets the first line 2 em in: the block starts a paragraph.
	// A body block without it continues the paragraph before it (a
	// paragraph carried over to the next column).
	Indent bool
	// Vertical sets each line as a column, one character under the other,
	// top to bottom; the first line at the block's right edge (X+W-Size,
	// or X when W is 0), the next ones 1.5 em further left each.
	Vertical bool
	// Leading is the distance from one line's top to the next one's
	// (in a vertical block, from one character's top to the next one's);
	// 0 means 1.5×Size.
	Leading float64
}

// Image is a picture on the page, belonging to a story; X, Y is its top
// left corner, in points, y down.
type Image struct {
	X, Y, W, H float64
	Story      int
}

// LineDistance is the block's leading, its default filled in.
func (b Block) LineDistance() float64 {
	if b.Leading > 0 {
		return b.Leading
	}
	return 1.5 * b.Size
}

// Height is how far down the page the block reaches from Y.
func (b Block) Height() float64 {
	n := len(b.Lines)
	if b.Vertical {
		n = 0
		for _, l := range b.Lines {
			n = max(n, len([]rune(l)))
		}
	}
	if n == 0 {
		return 0
	}
	return float64(n-1)*b.LineDistance() + b.Size
}

// Width is how far across the page the block reaches from X.
func (b Block) Width() float64 {
	if b.Vertical {
		return max(b.W, b.Size+float64(max(len(b.Lines)-1, 0))*1.5*b.Size)
	}
	return b.W
}

// baseline is where a line's baseline sits below the top of its em box:
// ideographs fill the em box from 0.12 em under the baseline to 0.88 em
// over it.
func (b Block) baseline() float64 { return 0.88 * b.Size }

// Write writes the pages into one PDF file at path.
func Write(path string, pages ...Page) error {
	data, err := Bytes(pages...)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// Bytes is Write to memory. The output depends on the pages only (fixed
// dates, no random identifiers), so the same pages give the same bytes.
func Bytes(pages ...Page) ([]byte, error) {
	return render(pages, nil)
}

// fixedDate is the creation date written into every file, so output is
// reproducible.
var fixedDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const fontFamily = "droidsansfallback"

var font struct {
	once sync.Once
	data []byte
	err  error
}

func fontData() ([]byte, error) {
	font.once.Do(func() {
		font.data, font.err = os.ReadFile(FontPath)
		if errors.Is(font.err, fs.ErrNotExist) {
			font.err = ErrNoFont
		}
	})
	return font.data, font.err
}

// render sets the pages; setup, when not nil, is called on the new document
// before anything is set (to lock it with a password).
func render(pages []Page, setup func(*fpdf.Fpdf)) ([]byte, error) {
	if len(pages) == 0 {
		return nil, errors.New("pdftest: no pages")
	}
	ttf, err := fontData()
	if err != nil {
		return nil, err
	}
	doc := newDocument(pages[0].Width, pages[0].Height)
	if setup != nil {
		setup(doc)
	}
	doc.AddUTF8FontFromBytes(fontFamily, "", ttf)
	for i, p := range pages {
		if err := setPage(doc, p); err != nil {
			return nil, fmt.Errorf("pdftest: page %d: %w", i+1, err)
		}
	}
	var out bytes.Buffer
	if err := doc.Output(&out); err != nil {
		return nil, fmt.Errorf("pdftest: %w", err)
	}
	return out.Bytes(), nil
}

func newDocument(w, h float64) *fpdf.Fpdf {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCreationDate(fixedDate)
	doc.SetModificationDate(fixedDate)
	doc.SetProducer("Galley pdftest", false)
	return doc
}

func setPage(doc *fpdf.Fpdf, p Page) error {
	if p.Width <= 0 || p.Height <= 0 {
		return fmt.Errorf("size %gx%g", p.Width, p.Height)
	}
	doc.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
	for i, im := range p.Images {
		if err := checkImage(p, im); err != nil {
			return fmt.Errorf("image %d: %w", i, err)
		}
		if err := placePicture(doc, im, fmt.Sprintf("picture-%d-%d", doc.PageNo(), i)); err != nil {
			return fmt.Errorf("image %d: %w", i, err)
		}
	}
	order, err := writeOrder(p)
	if err != nil {
		return err
	}
	for _, i := range order {
		b := p.Blocks[i]
		if err := checkBlock(doc, p, b); err != nil {
			return fmt.Errorf("block %d (%s): %w", i, b.Role, err)
		}
		setBlock(doc, b)
	}
	return doc.Error()
}

// writeOrder is the page's WriteOrder, checked to name every block once,
// or the blocks as listed.
func writeOrder(p Page) ([]int, error) {
	if p.WriteOrder == nil {
		order := make([]int, len(p.Blocks))
		for i := range order {
			order[i] = i
		}
		return order, nil
	}
	if len(p.WriteOrder) != len(p.Blocks) {
		return nil, fmt.Errorf("write order names %d blocks, the page has %d", len(p.WriteOrder), len(p.Blocks))
	}
	seen := make([]bool, len(p.Blocks))
	for _, i := range p.WriteOrder {
		if i < 0 || i >= len(p.Blocks) || seen[i] {
			return nil, fmt.Errorf("write order %v is not an order of the %d blocks", p.WriteOrder, len(p.Blocks))
		}
		seen[i] = true
	}
	return p.WriteOrder, nil
}

func setBlock(doc *fpdf.Fpdf, b Block) {
	doc.SetFont(fontFamily, "", b.Size)
	for line, text := range b.Lines {
		x, y := b.lineOrigin(line)
		if !b.Vertical {
			doc.Text(x, y+b.baseline(), text)
			continue
		}
		for _, r := range text {
			doc.Text(x, y+b.baseline(), string(r))
			y += b.LineDistance()
		}
	}
}

var roles = map[string]bool{RoleTitle: true, RoleKicker: true, RoleSubtitle: true,
	RoleBody: true, RoleCaption: true, RoleCredit: true, RoleNoise: true}

// slack absorbs rounding in the positions fpdf writes (two decimals).
const slack = 0.01

// checkBlock refuses a description the page could not show as described:
// a line wider than its measure, a block off the page, noise in a story.
func checkBlock(doc *fpdf.Fpdf, p Page, b Block) error {
	switch {
	case !roles[b.Role]:
		return fmt.Errorf("unknown role %q", b.Role)
	case b.Role == RoleNoise && b.Story != -1:
		return fmt.Errorf("noise has story %d, want -1", b.Story)
	case b.Role != RoleNoise && b.Story < 0:
		return fmt.Errorf("story %d, want 0 or more", b.Story)
	case b.Size <= 0:
		return fmt.Errorf("type size %g", b.Size)
	case len(b.Lines) == 0:
		return errors.New("no lines")
	case !b.Vertical && b.W <= 0:
		return fmt.Errorf("measure %g", b.W)
	}
	if b.X < -slack || b.Y < -slack || b.X+b.Width() > p.Width+slack || b.Y+b.Height() > p.Height+slack {
		return fmt.Errorf("box %g,%g %gx%g is off the %gx%g page", b.X, b.Y, b.Width(), b.Height(), p.Width, p.Height)
	}
	doc.SetFont(fontFamily, "", b.Size)
	for i, line := range b.Lines {
		if line == "" {
			return fmt.Errorf("line %d is empty", i)
		}
		if b.Vertical {
			continue
		}
		w := doc.GetStringWidth(line)
		if i == 0 && b.Indent {
			w += 2 * b.Size
		}
		if w > b.W+slack {
			return fmt.Errorf("line %d %q is %.2fpt wide, the measure %.2fpt", i, line, w, b.W)
		}
	}
	return nil
}

func checkImage(p Page, im Image) error {
	switch {
	case im.Story < 0:
		return fmt.Errorf("story %d, want 0 or more", im.Story)
	case im.W <= 0 || im.H <= 0 || math.IsNaN(im.W+im.H):
		return fmt.Errorf("size %gx%g", im.W, im.H)
	case im.X < -slack || im.Y < -slack || im.X+im.W > p.Width+slack || im.Y+im.H > p.Height+slack:
		return fmt.Errorf("box %g,%g %gx%g is off the %gx%g page", im.X, im.Y, im.W, im.H, p.Width, p.Height)
	}
	return nil
}
