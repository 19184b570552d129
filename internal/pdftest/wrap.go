package pdftest

import (
	"fmt"
	"math"
	"strings"
)

// Punctuation that Chinese typesetting keeps off the start of a line
// (closing marks) and off the end of one (opening marks).
const (
	noLineStart = "。，、；：？！）」』》"
	noLineEnd   = "（「『《"
)

// Wrap breaks Chinese text into lines of at most width/size characters,
// counting every character as one em (true of ideographs and full-width
// punctuation; Latin letters and digits would come out narrower). A line
// that would start with a closing mark or end with an opening one gives its
// last character to the next line instead.
func Wrap(text string, size, width float64) []string {
	return wrap([]rune(text), perLine(size, width), perLine(size, width))
}

// WrapParagraph is Wrap for a block with Indent: the first line holds two
// characters fewer.
func WrapParagraph(text string, size, width float64) []string {
	n := perLine(size, width)
	return wrap([]rune(text), max(n-2, 1), n)
}

func perLine(size, width float64) int {
	return max(int(math.Floor(width/size+1e-9)), 1)
}

func wrap(text []rune, first, rest int) []string {
	var lines []string
	for n := first; len(text) > 0; n = rest {
		k := min(n, len(text))
		for k > 1 && k < len(text) && (strings.ContainsRune(noLineStart, text[k]) || strings.ContainsRune(noLineEnd, text[k-1])) {
			k--
		}
		lines = append(lines, string(text[:k]))
		text = text[k:]
	}
	return lines
}

// Column is a frame that body text flows into; points, y down.
type Column struct {
	X, Y, W, H float64
}

// Flow sets a story's paragraphs as body text in the columns, in order: each
// paragraph wrapped with WrapParagraph and its first line indented, a
// paragraph that reaches a column's foot carried over to the next column
// (the carried part is a block without Indent). Columns are filled to an
// even depth where they can be, the way a newspaper balances an article's
// columns; a short column (above a picture, say) takes what it holds. Every
// column must have the same width. It fails when the text does not fit.
func Flow(story int, size float64, paragraphs []string, columns []Column) ([]Block, error) {
	if len(columns) == 0 {
		return nil, fmt.Errorf("pdftest: Flow needs a column")
	}
	lead := 1.5 * size
	type line struct {
		text  string
		start bool // the first line of a paragraph
	}
	var lines []line
	for _, p := range paragraphs {
		for i, l := range WrapParagraph(p, size, columns[0].W) {
			lines = append(lines, line{l, i == 0})
		}
	}
	holds := make([]int, len(columns))
	room := 0
	for i, c := range columns {
		if c.W != columns[0].W {
			return nil, fmt.Errorf("pdftest: Flow: column %d is %gpt wide, column 0 %gpt", i, c.W, columns[0].W)
		}
		if c.H >= size {
			holds[i] = int(math.Floor((c.H-size)/lead+1e-9)) + 1
		}
		room += holds[i]
	}
	if room < len(lines) {
		return nil, fmt.Errorf("pdftest: Flow: %d lines, the columns hold %d", len(lines), room)
	}
	// The shallowest even depth that takes every line.
	depth := 1
	for {
		total := 0
		for _, h := range holds {
			total += min(h, depth)
		}
		if total >= len(lines) {
			break
		}
		depth++
	}
	var blocks []Block
	next := 0
	for i, c := range columns {
		take := min(holds[i], depth, len(lines)-next)
		for row := 0; row < take; {
			b := Block{Role: RoleBody, Story: story, X: c.X, Y: c.Y + float64(row)*lead, W: c.W, Size: size, Indent: lines[next].start}
			for {
				b.Lines = append(b.Lines, lines[next].text)
				next++
				row++
				if row == take || lines[next].start {
					break
				}
			}
			blocks = append(blocks, b)
		}
	}
	return blocks, nil
}
