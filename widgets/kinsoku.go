package widgets

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Chinese line breaking. Fyne wraps a text either where the characters stop
// fitting (TextWrapBreak: any character may open a line, so a line starts
// with ，or 。 and 50万元 splits as 5 / 0万元) or at spaces only
// (TextWrapWord: Chinese has none), and its Entry offers no hook for break
// opportunities (widget/richtext.go, lineBounds). So a paragraph that is not
// being edited is drawn with these rules (see paraDisplay), and the one
// being edited is given line breaks where they end its lines (see
// softbreak.go). They are the line-start and line-end rules of GB/T 15834
// and W3C's Requirements for Chinese Text Layout (clreq), which JIS X 4051
// shares for these marks:
//   - a closing mark (，。、；：？！ and closing brackets and quotes, …, —,
//     %, ℃) never opens a line;
//   - an opening bracket or quote never ends one;
//   - a run of figures or Latin letters (50万, 9.8%, CBD) is not split.

// noLineStart are marks a line must not begin with.
const noLineStart = "，。、；：？！）］｝〕〉》」』】〗〙〛”’…‥—～·・%‰℃°,.;:?!)]}"

// noLineEnd are marks a line must not end with.
const noLineEnd = "（［｛〔〈《「『【〖〘〚“‘([{$￥£"

// inWord tells a character of a figure or a Latin word, which is not split.
func inWord(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%' || r == ',' || r == '-' || r == '\'') ||
		(r >= '０' && r <= '９') || (r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ')
}

// breakAllowed tells whether a line may end between a and b.
func breakAllowed(a, b rune) bool {
	switch {
	case strings.ContainsRune(noLineStart, b), strings.ContainsRune(noLineEnd, a):
		return false
	case inWord(a) && inWord(b):
		return false
	}
	return true
}

// BreakLines breaks text (line breaks in it are kept) into lines no wider
// than width, measuring each character with runeWidth, by the rules above:
// a line ends at the last allowed break before the overflow, or where the
// text overflows when a whole line offers none.
func BreakLines(text string, width float32, runeWidth func(rune) float32) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		rs := []rune(para)
		if len(rs) == 0 {
			out = append(out, "")
			continue
		}
		start := 0
		for start < len(rs) {
			w := float32(0)
			end := start
			for end < len(rs) && (end == start || w+runeWidth(rs[end]) <= width) {
				w += runeWidth(rs[end])
				end++
			}
			if end < len(rs) {
				b := end
				for b > start+1 && !breakAllowed(rs[b-1], rs[b]) {
					b--
				}
				if b > start+1 || breakAllowed(rs[b-1], rs[b]) {
					end = b
				}
			}
			out = append(out, string(rs[start:end]))
			start = end
		}
	}
	return out
}

// paraDisplay draws a Chinese paragraph field's text, broken by BreakLines,
// over the field while it is not being edited; when the field takes the
// focus it hides and the Entry is edited, broken at the same places
// (softbreak.go).
// It implements no input interface, so taps, clicks and drags reach the
// field below it.
type paraDisplay struct {
	widget.BaseWidget
	field *TextField
}

func newParaDisplay(f *TextField) *paraDisplay {
	d := &paraDisplay{field: f}
	d.ExtendBaseWidget(d)
	return d
}

// shown tells whether the display should cover the field: Chinese text,
// not being edited.
func (d *paraDisplay) shown() bool {
	return !d.field.focused && d.field.Text != "" && WrapFor(d.field.Text) == fyne.TextWrapBreak
}

// CreateRenderer implements fyne.Widget.
func (d *paraDisplay) CreateRenderer() fyne.WidgetRenderer {
	r := &paraDisplayRenderer{d: d, lines: newDrawnLines()}
	r.Refresh()
	return r
}

type paraDisplayRenderer struct {
	d     *paraDisplay
	lines drawnLines
	// what the lines were broken for
	text  string
	width float32
}

func (r *paraDisplayRenderer) Destroy()                     {}
func (r *paraDisplayRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *paraDisplayRenderer) Objects() []fyne.CanvasObject { return r.lines.objs }

// Layout places the lines where the Entry places its text (inner padding
// inside the input border), so that nothing moves when the field takes the
// focus except where a line breaks.
func (r *paraDisplayRenderer) Layout(size fyne.Size) {
	if size.Width != r.width || r.d.field.Text != r.text {
		r.build(size)
	}
	border, pad := theme.InputBorderSize(), theme.InnerPadding()
	r.lines.bg.Move(fyne.NewSquareOffsetPos(border))
	r.lines.bg.Resize(size.Subtract(fyne.NewSquareSize(border * 2)))
	r.lines.place(pad, pad, size.Width-2*pad, rowHeight(r.d.field.TextStyle))
}

// build breaks the field's text for width size.Width into canvas texts.
func (r *paraDisplayRenderer) build(size fyne.Size) {
	f := r.d.field
	r.text, r.width = f.Text, size.Width
	if !r.d.shown() {
		r.lines.objs = nil
		return
	}
	avail := size.Width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
	var lines []string
	if avail > 20 {
		lines = BreakLines(f.Text, avail, runeWidthFor(f.TextStyle))
	}
	r.lines.set(lines, f)
}

func (r *paraDisplayRenderer) Refresh() {
	r.build(r.d.Size())
	r.Layout(r.d.Size())
	for _, o := range r.lines.objs {
		o.Refresh()
	}
	canvas.Refresh(r.d)
}

// drawnLines are a paragraph's lines drawn as plain text on the input
// background: by the paragraph display, and outside a long paragraph's
// window (linesView).
type drawnLines struct {
	bg    *canvas.Rectangle
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func newDrawnLines() drawnLines {
	return drawnLines{bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))}
}

// set draws lines in f's text style, dimmed while f is disabled.
func (d *drawnLines) set(lines []string, f *TextField) {
	fg := theme.Color(theme.ColorNameForeground)
	if f.Disabled() {
		fg = theme.Color(theme.ColorNameDisabled)
	}
	for len(d.texts) < len(lines) {
		d.texts = append(d.texts, canvas.NewText("", fg))
	}
	d.texts = d.texts[:len(lines)]
	d.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	d.objs = append(d.objs[:0], d.bg)
	for i, l := range lines {
		t := d.texts[i]
		t.Text, t.Color, t.TextStyle, t.TextSize = l, fg, f.TextStyle, theme.TextSize()
		d.objs = append(d.objs, t)
	}
}

// place puts the lines one row apart, the first at (x, y), each w wide.
func (d *drawnLines) place(x, y, w, step float32) {
	for _, t := range d.texts {
		t.Move(fyne.NewPos(x, y))
		t.Resize(fyne.NewSize(w, step))
		y += step
	}
}

// rowHeight is one row of text in style, as the Entry counts its rows
// (SetMinRowsVisible), so a field Fit sized holds every drawn line.
func rowHeight(style fyne.TextStyle) float32 {
	return fyne.MeasureText("M", theme.TextSize(), style).Height
}

// runeWidths caches the measured width of a character by style: measuring
// a paragraph character by character on every layout would cost more than
// the Entry's own layout.
var runeWidths = map[fyne.TextStyle]map[rune]float32{}

func runeWidthFor(style fyne.TextStyle) func(rune) float32 {
	m := runeWidths[style]
	if m == nil {
		m = map[rune]float32{}
		runeWidths[style] = m
	}
	size := theme.TextSize()
	return func(r rune) float32 {
		w, ok := m[r]
		if !ok {
			w = fyne.MeasureText(string(r), size, style).Width
			m[r] = w
		}
		return w
	}
}
