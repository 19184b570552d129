package pdftest

// Char is one character as set on the page: its em box, in points, y down
// from the page's top.
type Char struct {
	Rune       rune
	X, Y, Size float64 // the em box's top left corner and its side
	Block      int     // index into Page.Blocks
	Line       int     // index into the block's Lines
}

// Chars are the page's characters in the order they are written into the
// content stream (see WriteOrder), each in the em box it is set in: a test
// can tell where a reader must find every glyph. Every character counts one
// em wide, as in Wrap: true of ideographs and full-width punctuation, which
// is all the ready-made pages set.
func (p Page) Chars() []Char {
	order, err := writeOrder(p)
	if err != nil {
		return nil // Write refuses the page
	}
	var out []Char
	for _, bi := range order {
		b := p.Blocks[bi]
		for line, text := range b.Lines {
			x, y := b.lineOrigin(line)
			for _, r := range text {
				out = append(out, Char{Rune: r, X: x, Y: y, Size: b.Size, Block: bi, Line: line})
				if b.Vertical {
					y += b.LineDistance()
				} else {
					x += b.Size
				}
			}
		}
	}
	return out
}

// lineOrigin is the top left corner of the em box of a line's first
// character: in a vertical block each line is a column, the first at the
// block's right edge.
func (b Block) lineOrigin(line int) (x, y float64) {
	if b.Vertical {
		return b.X + b.Width() - b.Size - float64(line)*1.5*b.Size, b.Y
	}
	x = b.X
	if line == 0 && b.Indent {
		x += 2 * b.Size
	}
	return x, b.Y + float64(line)*b.LineDistance()
}
