package pdfpage

import (
	"encoding/binary"
	"errors"
	"math"
)

// A page crosses from the worker as bytes in this compact form rather
// than as gob: gob takes each of a newspaper page's thousands of glyphs
// field by field, through reflection, and made reading a page 12% slower.
//
// The form: index, width, height; the fonts' names; the glyphs (rune,
// box, size, font number, weight); the pictures' boxes; the shapes'
// boxes. Counts and small numbers are uvarints, the rest float64 bits.

// appendPage appends p's form to b.
func appendPage(b []byte, p *Page) []byte {
	b = binary.AppendUvarint(b, uint64(p.Index))
	b = appendFloat(appendFloat(b, p.Width), p.Height)
	fonts := map[string]int{}
	var names []string
	for _, g := range p.Glyphs {
		if _, ok := fonts[g.Font]; !ok {
			fonts[g.Font] = len(names)
			names = append(names, g.Font)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, n := range names {
		b = binary.AppendUvarint(b, uint64(len(n)))
		b = append(b, n...)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Glyphs)))
	for _, g := range p.Glyphs {
		b = binary.AppendUvarint(b, uint64(uint32(g.Rune)))
		b = appendBox(b, g.Box)
		b = appendFloat(b, g.Size)
		b = binary.AppendUvarint(b, uint64(fonts[g.Font]))
		b = binary.AppendUvarint(b, uint64(g.Weight))
	}
	return appendBoxes(appendBoxes(b, p.Images), p.Paths)
}

func appendFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

func appendBox(b []byte, x Box) []byte {
	return appendFloat(appendFloat(appendFloat(appendFloat(b, x.X0), x.Y0), x.X1), x.Y1)
}

func appendBoxes(b []byte, boxes []Box) []byte {
	b = binary.AppendUvarint(b, uint64(len(boxes)))
	for _, x := range boxes {
		b = appendBox(b, x)
	}
	return b
}

var errBadPageForm = errors.New("the PDF engine sent a page cut short")

// parsePage reads a page from its form.
func parsePage(b []byte) (*Page, error) {
	r := &formReader{b: b}
	p := &Page{Index: int(r.uvarint()), Width: r.float(), Height: r.float()}
	names := make([]string, r.count(1))
	for i := range names {
		names[i] = r.string()
	}
	if n := r.count(1 + 8*5 + 1 + 1); n > 0 {
		p.Glyphs = make([]Glyph, n)
	}
	for i := range p.Glyphs {
		g := &p.Glyphs[i]
		g.Rune = rune(uint32(r.uvarint()))
		g.Box = r.box()
		g.Size = r.float()
		if k := r.uvarint(); k < uint64(len(names)) {
			g.Font = names[k]
		} else {
			r.err = errBadPageForm
		}
		g.Weight = int(r.uvarint())
	}
	p.Images = r.boxes()
	p.Paths = r.boxes()
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// formReader reads a page's form; past its end it reads zeros and keeps
// the error.
type formReader struct {
	b   []byte
	err error
}

func (r *formReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errBadPageForm, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a count of items at least min bytes each: one the rest of
// the form cannot hold is an error, not an allocation.
func (r *formReader) count(min int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/min) {
		r.err, r.b = errBadPageForm, nil
		return 0
	}
	return int(n)
}

func (r *formReader) float() float64 {
	if len(r.b) < 8 {
		r.err, r.b = errBadPageForm, nil
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return f
}

func (r *formReader) string() string {
	n := r.count(1)
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *formReader) box() Box {
	return Box{r.float(), r.float(), r.float(), r.float()}
}

func (r *formReader) boxes() []Box {
	n := r.count(32)
	if n == 0 {
		return nil
	}
	boxes := make([]Box, n)
	for i := range boxes {
		boxes[i] = r.box()
	}
	return boxes
}
