package widgets

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Long paragraphs are edited through a window.
//
// Fyne's Entry redraws every row of its text on each keystroke and cursor
// move, and for each row it converts the whole text to runes again
// (widget/richtext.go, textRenderer.Refresh: `runes := []rune(seg.Textual())`
// inside the loop over rowBounds), so a keystroke costs rows × length:
// quadratic, 116 ms in a 10,000-character paragraph and seconds at 50,000.
// OCR pages without detected paragraph breaks give such paragraphs. So the
// Entry of a paragraph longer than 2 × windowRunes holds only about
// windowRunes characters around the cursor, cut where a drawn line starts,
// and the lines before and after it are drawn as plain text (linesView),
// which moves into the window when the cursor reaches its edge or the
// editor taps it. Everything outside the field (Value, CursorOffset,
// SelectRunes, OnChanged) speaks of the whole paragraph.

// windowRunes is about how many characters the Entry holds at once: a
// keystroke costs about (windowRunes/row length) × windowRunes.
const windowRunes = 1000

// Value returns the paragraph's whole text: the Entry's window with what is
// drawn before and after it.
func (f *TextField) Value() string {
	if f.head == "" && f.tail == "" {
		return f.plain()
	}
	return f.head + f.plain() + f.tail
}

// CursorOffset returns the cursor's rune offset in the whole text.
func (f *TextField) CursorOffset() int {
	return f.headRunes + f.fromEntry(f.CursorTextOffset())
}

// windowed tells whether the Entry holds only part of the text.
func (f *TextField) windowed() bool { return f.head != "" || f.tail != "" }

// canWindow tells whether the field is laid out to draw the text around a
// window (a paragraph row's field).
func (f *TextField) canWindow() bool { return f.MultiLine && f.headView != nil }

// needsWindow tells whether text is long enough to edit through a window.
func needsWindow(text string) bool {
	return moreRunesThan(text, 2*windowRunes)
}

// moreRunesThan reports text of more than n characters, counting them only
// when its bytes leave it open.
func moreRunesThan(text string, n int) bool {
	return len(text) > n && utf8.RuneCountInString(text) > n
}

// setWindow puts text in the field with the window around rune offset at,
// and the cursor there.
func (f *TextField) setWindow(text string, at int) {
	if !f.canWindow() || !needsWindow(text) {
		f.head, f.tail, f.headRunes = "", "", 0
		f.setEntryText(text)
		f.headView.setLines(nil)
		f.tailView.setLines(nil)
		return
	}
	starts, lines := f.lineStarts(text)
	rs := []rune(text)
	at = max(0, min(at, len(rs)))
	// the window runs from the line holding at − windowRunes/2 to the end
	// of the line holding its start + windowRunes (and at)
	first := lineOf(starts, max(0, at-windowRunes/2))
	last := len(starts)
	if e := max(starts[first]+windowRunes, at); e < len(rs) {
		last = lineOf(starts, e) + 1
	}
	a := starts[first]
	b := len(rs)
	if last < len(starts) {
		b = starts[last]
	}
	f.head, f.tail, f.headRunes = string(rs[:a]), string(rs[b:]), a
	f.setEntryText(string(rs[a:b]))
	f.headView.setLines(lines[:first])
	if last < len(lines) {
		f.tailView.setLines(lines[last:])
	} else {
		f.tailView.setLines(nil)
	}
	f.placeCursor(f.toEntry(at - a))
}

// setEntryText sets the Entry's text without telling the owner: the
// paragraph's text did not change, only which part the Entry holds.
func (f *TextField) setEntryText(s string) {
	if f.soft = f.wantSoft(s); f.soft {
		s = f.softText(s)
	}
	if f.Text == s {
		return
	}
	f.quiet = true
	f.Entry.SetText(s)
	f.quiet = false
}

// lineStarts breaks text as it is drawn at the field's width and returns
// the rune offset where each line starts, and the lines. Before the field
// has a width, lines of windowRunes/8 characters stand in; the window is
// cut again at the first Resize.
func (f *TextField) lineStarts(text string) ([]int, []string) {
	var lines []string
	if avail := f.width - theme.InnerPadding()*2 - theme.InputBorderSize()*2; avail > 20 {
		lines = BreakLines(text, avail, runeWidthFor(f.TextStyle))
	} else {
		rs := []rune(text)
		for i := 0; i < len(rs); i += windowRunes / 8 {
			lines = append(lines, string(rs[i:min(len(rs), i+windowRunes/8)]))
		}
	}
	starts := make([]int, len(lines))
	off, at := 0, 0 // in runes and in bytes
	for i, l := range lines {
		starts[i] = off
		off += utf8.RuneCountInString(l)
		at += len(l)
		// BreakLines keeps a hard line break out of the lines it returns
		if at < len(text) && text[at] == '\n' {
			off++
			at++
		}
	}
	return starts, lines
}

// lineOf returns the line holding rune offset at.
func lineOf(starts []int, at int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= at {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// moveWindow cuts the window again around the whole text's rune offset at.
func (f *TextField) moveWindow(at int) {
	f.setWindow(f.Value(), at)
	f.Fit()
}

// rowStart returns the Entry's text offset where its wrapped row starts,
// or -1 past the last row. It reads the offset through the public cursor
// fields: the Entry keeps its row bounds to itself.
func (f *TextField) rowStart(row int) int {
	saveRow, saveCol := f.CursorRow, f.CursorColumn
	f.CursorRow, f.CursorColumn = row, 0
	off := f.CursorTextOffset()
	f.CursorRow, f.CursorColumn = saveRow, saveCol
	if row > 0 && off == 0 {
		return -1
	}
	return off
}

// placeCursor puts the Entry's cursor at its text offset off without a key
// event per character (each redraws the whole window): the row is found by
// bisection on the row starts.
func (f *TextField) placeCursor(off int) {
	lo, hi := 0, max(0, off)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s := f.rowStart(mid); s >= 0 && s <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	f.CursorRow, f.CursorColumn = lo, off-max(0, f.rowStart(lo))
	f.Entry.Refresh()
}

// atWindowEdge tells whether key k would move the cursor out of the window
// into the text drawn before or after it.
func (f *TextField) atWindowEdge(k *fyne.KeyEvent) bool {
	if !f.windowed() {
		return false
	}
	off := f.CursorTextOffset()
	end := utf8.RuneCountInString(f.Text)
	switch k.Name {
	case fyne.KeyUp:
		return f.head != "" && f.CursorRow == 0
	case fyne.KeyPageUp:
		return f.head != ""
	case fyne.KeyLeft, fyne.KeyBackspace:
		return f.head != "" && off == 0
	case fyne.KeyDown:
		return f.tail != "" && f.rowStart(f.CursorRow+1) < 0
	case fyne.KeyPageDown:
		return f.tail != ""
	case fyne.KeyRight, fyne.KeyDelete:
		return f.tail != "" && off == end
	}
	return false
}

// windowOverflows tells whether typing or pasting has grown the window so
// much that keystrokes would slow down again.
func (f *TextField) windowOverflows() bool {
	return f.canWindow() && moreRunesThan(f.plain(), 3*windowRunes)
}

// linesView draws lines of a long paragraph outside its Entry's window, as
// the paragraph display draws them; a tap moves the window there and puts
// the cursor where it was tapped.
type linesView struct {
	widget.BaseWidget
	field  *TextField
	before bool // the lines before the window (else after it)
	lines  []string
}

func newLinesView(f *TextField, before bool) *linesView {
	v := &linesView{field: f, before: before}
	v.ExtendBaseWidget(v)
	v.Hide()
	return v
}

func (v *linesView) setLines(lines []string) {
	if v == nil {
		return
	}
	v.lines = lines
	if len(lines) == 0 {
		v.Hide()
	} else {
		v.Show()
	}
	v.Refresh()
}

// step is one drawn line's height.
func (v *linesView) step() float32 { return rowHeight(v.field.TextStyle) }

// Tapped moves the window to the tapped character and focuses the field.
func (v *linesView) Tapped(ev *fyne.PointEvent) {
	if len(v.lines) == 0 {
		return
	}
	line := max(0, min(len(v.lines)-1, int(ev.Position.Y/v.step())))
	off := 0
	for _, l := range v.lines[:line] {
		off += utf8.RuneCountInString(l)
	}
	x, rw := theme.InnerPadding()+theme.InputBorderSize(), runeWidthFor(v.field.TextStyle)
	for _, r := range v.lines[line] {
		w := rw(r)
		if x+w/2 > ev.Position.X {
			break
		}
		x += w
		off++
	}
	f := v.field
	if !v.before {
		off += f.headRunes + utf8.RuneCountInString(f.plain())
	}
	f.moveWindow(off)
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
		c.Focus(f)
	}
}

func (v *linesView) CreateRenderer() fyne.WidgetRenderer {
	r := &linesRenderer{v: v, lines: newDrawnLines()}
	r.Refresh()
	return r
}

type linesRenderer struct {
	v     *linesView
	lines drawnLines
}

func (r *linesRenderer) Destroy()                     {}
func (r *linesRenderer) Objects() []fyne.CanvasObject { return r.lines.objs }

func (r *linesRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, float32(len(r.v.lines))*r.v.step())
}

func (r *linesRenderer) Layout(size fyne.Size) {
	border := theme.InputBorderSize()
	r.lines.bg.Move(fyne.NewPos(border, 0))
	r.lines.bg.Resize(fyne.NewSize(size.Width-2*border, size.Height))
	x := theme.InnerPadding() + border
	r.lines.place(x, 0, size.Width-2*x, r.v.step())
}

func (r *linesRenderer) Refresh() {
	r.lines.set(r.v.lines, r.v.field)
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}
