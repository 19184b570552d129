package pdftest

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"os"

	"github.com/go-pdf/fpdf"
)

// scanPixelsPerPoint is a scan's resolution: about 100 dpi, coarse but
// enough to look like a page.
const scanPixelsPerPoint = 100.0 / 72

// WriteScanned writes a one-page PDF that is a picture of a page and nothing
// else, like a scanned newspaper page: no text layer at all, so an importer
// must say the page needs OCR. The picture shows ColumnsPage's layout, each
// character a dark blot, on slightly noisy paper.
func WriteScanned(path string) error {
	p := ColumnsPage()
	doc := newDocument(p.Width, p.Height)
	doc.AddPage()
	if err := placeJPEG(doc, scanOf(p), "scan", 0, 0, p.Width, p.Height); err != nil {
		return fmt.Errorf("pdftest: %w", err)
	}
	var out bytes.Buffer
	if err := doc.Output(&out); err != nil {
		return fmt.Errorf("pdftest: %w", err)
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}

// scanOf draws the page in grey: paper noise, a blot for every character.
func scanOf(p Page) *image.Gray {
	w, h := int(p.Width*scanPixelsPerPoint), int(p.Height*scanPixelsPerPoint)
	pic := image.NewGray(image.Rect(0, 0, w, h))
	noise := rand.New(rand.NewPCG(1, 2)) // fixed: the same scan every time
	for i := range pic.Pix {
		pic.Pix[i] = uint8(240 + noise.IntN(6))
	}
	blot := func(x, y, size float64) {
		// A character's ink covers roughly the middle 80 % of its em box.
		x0, y0 := int((x+0.1*size)*scanPixelsPerPoint), int((y+0.1*size)*scanPixelsPerPoint)
		x1, y1 := int((x+0.9*size)*scanPixelsPerPoint), int((y+0.9*size)*scanPixelsPerPoint)
		for py := y0; py < y1; py++ {
			for px := x0; px < x1; px++ {
				pic.SetGray(px, py, color.Gray{Y: uint8(40 + noise.IntN(50))})
			}
		}
	}
	for _, b := range p.Blocks {
		lead := b.LineDistance()
		for i, line := range b.Lines {
			x := b.X
			if i == 0 && b.Indent {
				x += 2 * b.Size
			}
			for range []rune(line) {
				blot(x, b.Y+float64(i)*lead, b.Size)
				x += b.Size
			}
		}
	}
	return pic
}

// WriteDamaged writes ColumnsPage cut off in the middle of its largest
// stream (the embedded font): the header is there and the first objects are
// whole, but the rest of the font, the page tree, the catalogue, the
// cross-reference table and the trailer are gone, so a reader cannot open
// it even by rebuilding the cross-references.
func WriteDamaged(path string) error {
	whole, err := Bytes(ColumnsPage())
	if err != nil {
		return err
	}
	cut, err := middleOfLargestStream(whole)
	if err != nil {
		return err
	}
	return os.WriteFile(path, whole[:cut], 0o644)
}

func middleOfLargestStream(pdf []byte) (int, error) {
	best, bestLen := -1, 0
	for at := 0; ; {
		i := bytes.Index(pdf[at:], []byte("stream\n"))
		if i < 0 {
			break
		}
		start := at + i + len("stream\n")
		j := bytes.Index(pdf[start:], []byte("endstream"))
		if j < 0 {
			break
		}
		if j > bestLen {
			best, bestLen = start, j
		}
		at = start + j + len("endstream")
	}
	if best < 0 {
		return 0, errors.New("pdftest: no stream to cut")
	}
	return best + bestLen/2, nil
}

// WriteEncrypted writes the pages locked with a password that a reader
// must be given before it can open the file (fpdf's RC4 encryption, the
// standard security handler).
func WriteEncrypted(path, password string, pages ...Page) error {
	data, err := render(pages, func(doc *fpdf.Fpdf) {
		doc.SetProtection(fpdf.CnProtectPrint, password, password+"-owner")
	})
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
