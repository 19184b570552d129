// Package widgets holds Galley's reusable Fyne widgets. They know nothing of
// the archive: they show and edit plain values and report changes through
// callbacks, so the app package wires them to storage.
package widgets

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LineMark says how a raw line is highlighted.
type LineMark int

const (
	MarkNone  LineMark = iota
	MarkSpan           // inside the current story's span
	MarkFocus          // a source line of the selected paragraph
)

// RawView shows a raw page read-only, one row per line with its number, the
// current story's span highlighted and the selected paragraph's source lines
// highlighted more strongly. It is a virtualised list, so a long page costs
// only the rows on screen; Fyne's Entry cannot style ranges (fyne#21) and
// would lay out the whole page on every change.
type RawView struct {
	widget.BaseWidget

	// OnLineTapped is called with the line index and the byte offset of its
	// first character in the text when the user taps a line.
	OnLineTapped func(line, offset int)
	// Menu, when set, gives the items of the menu a right-click on line
	// shows (the rows cannot be selected like text: copying goes through
	// this menu).
	Menu func(line int) []*fyne.MenuItem

	list        *widget.List
	scroll      *container.Scroll // scrolls sideways to lines wider than the view
	widest      float32           // width of the widest row, number included
	lines       []string
	starts      []int // byte offset of each line in the text
	span        [2]int
	focus       [2]int
	numberWidth int
	target      int     // line scrolled to the top, re-applied at first layout
	rowH        float32 // height of one row including the list's separator
}

// NewRawView returns an empty raw page view.
func NewRawView() *RawView {
	v := &RawView{span: [2]int{-1, -1}, focus: [2]int{-1, -1}, target: -1}
	v.list = widget.NewList(
		func() int { return len(v.lines) },
		v.newRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { v.updateRow(id, o) },
	)
	v.list.OnSelected = func(id widget.ListItemID) {
		v.list.Unselect(id)
		if v.OnLineTapped != nil && id >= 0 && id < len(v.starts) {
			v.OnLineTapped(id, v.starts[id])
		}
	}
	// The list scrolls down; around it a sideways scroll reaches the end
	// of lines wider than the pane (a raw line is the unit an editor
	// compares, so it is not wrapped).
	v.scroll = container.NewHScroll(container.New(minWidth{&v.widest}, v.list))
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *RawView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.scroll)
}

// minWidth lays out its objects over its whole size and asks for at least
// *w of width.
type minWidth struct{ w *float32 }

func (m minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (m minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	min := fyne.NewSize(*m.w, 0)
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	return min
}

// measureWidest finds the width the widest line needs: number, padding,
// text and room for the list's scroll bar.
func (v *RawView) measureWidest() {
	size := theme.TextSize()
	num := fyne.MeasureText(strings.Repeat("0", v.numberWidth+1), size, fyne.TextStyle{Monospace: true}).Width
	widest := float32(0)
	for _, l := range v.lines {
		// Only lines that might be the widest are measured: no character
		// is wider than one em.
		if float32(len([]rune(l)))*size <= widest {
			continue
		}
		widest = max(widest, fyne.MeasureText(display(l), size, fyne.TextStyle{}).Width)
	}
	v.widest = num + widest + 4*theme.Padding() + theme.ScrollBarSize()
}

// ContentWidth is the width the rows are laid out at: the view's width, or
// the widest line's when it is wider (the view then scrolls sideways).
func (v *RawView) ContentWidth() float32 { return v.scroll.Content.Size().Width }

// SetText replaces the page text; highlights are cleared.
func (v *RawView) SetText(text string) {
	v.lines = strings.Split(text, "\n")
	v.starts = make([]int, len(v.lines))
	off := 0
	for i, l := range v.lines {
		v.starts[i] = off
		off += len(l) + 1
	}
	v.numberWidth = len(strconv.Itoa(len(v.lines)))
	v.measureWidest()
	v.span = [2]int{-1, -1}
	v.focus = [2]int{-1, -1}
	v.scroll.Offset.X = 0
	v.scroll.Refresh()
	v.list.ScrollToTop()
}

// Lines returns the number of lines shown.
func (v *RawView) Lines() int { return len(v.lines) }

// LineText returns the text of line i.
func (v *RawView) LineText(i int) string {
	if i < 0 || i >= len(v.lines) {
		return ""
	}
	return v.lines[i]
}

// SetSpan highlights the lines that overlap the byte span [start, end) and
// scrolls the first of them into view. A negative start clears it.
func (v *RawView) SetSpan(start, end int) {
	v.span = [2]int{start, end}
	v.list.Refresh()
	if start >= 0 {
		v.scrollToLine(v.LineAt(start))
	}
}

// scrollToLine puts line l near the top of the view, with two lines of
// context above it. (List.ScrollTo only scrolls until the row is visible,
// which leaves the start of a story at the bottom edge.)
func (v *RawView) scrollToLine(l int) {
	v.target = l
	if v.rowH == 0 {
		v.rowH = v.newRow().MinSize().Height + theme.Padding()
	}
	v.list.ScrollToOffset(float32(max(l-2, 0)) * v.rowH)
}

// Resize implements fyne.Widget; the first layout re-applies the scroll
// asked for while the view had no size yet.
func (v *RawView) Resize(s fyne.Size) {
	first := v.Size().Height == 0
	v.BaseWidget.Resize(s)
	if first && v.target >= 0 {
		v.scrollToLine(v.target)
	}
}

// SetFocus highlights strongly the lines that overlap [start, end) and
// scrolls them into view. A negative start clears it.
func (v *RawView) SetFocus(start, end int) {
	v.focus = [2]int{start, end}
	v.list.Refresh()
	if start >= 0 {
		l := v.LineAt(start)
		if v.visible(l) {
			return
		}
		v.scrollToLine(l)
	}
}

// visible reports whether line l is on screen.
func (v *RawView) visible(l int) bool {
	if v.rowH == 0 || v.Size().Height == 0 {
		return false
	}
	top := v.list.GetScrollOffset()
	y := float32(l) * v.rowH
	return y >= top && y+v.rowH <= top+v.Size().Height
}

// LineAt returns the index of the line holding byte offset off.
func (v *RawView) LineAt(off int) int {
	lo, hi := 0, len(v.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if v.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Mark returns how line i is highlighted.
func (v *RawView) Mark(i int) LineMark {
	if i < 0 || i >= len(v.lines) {
		return MarkNone
	}
	s, e := v.starts[i], v.starts[i]+len(v.lines[i])
	overlaps := func(r [2]int) bool {
		if r[0] < 0 {
			return false
		}
		if r[0] == r[1] { // an empty span marks its own line
			return r[0] >= s && r[0] <= e
		}
		return r[0] < e+1 && r[1] > s
	}
	switch {
	case overlaps(v.focus):
		return MarkFocus
	case overlaps(v.span):
		return MarkSpan
	}
	return MarkNone
}

// LineAtY returns the line shown at height y of the view (-1 below the
// last line).
func (v *RawView) LineAtY(y float32) int {
	if v.rowH == 0 {
		v.rowH = v.newRow().MinSize().Height + theme.Padding()
	}
	l := int((y + v.list.GetScrollOffset()) / v.rowH)
	if l < 0 || l >= len(v.lines) {
		return -1
	}
	return l
}

// TappedSecondary implements fyne.SecondaryTappable: the menu of the line
// under the pointer.
func (v *RawView) TappedSecondary(ev *fyne.PointEvent) {
	l := v.LineAtY(ev.Position.Y)
	if v.Menu == nil || l < 0 {
		return
	}
	items := v.Menu(l)
	if len(items) == 0 {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(v)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, ev.AbsolutePosition)
}

// SpanText returns the page text in the byte span [start, end), clipped to
// the page.
func (v *RawView) SpanText(start, end int) string {
	text := strings.Join(v.lines, "\n")
	start, end = max(start, 0), min(end, len(text))
	if start >= end {
		return ""
	}
	return text[start:end]
}

// TapLine acts as if the user tapped line i.
func (v *RawView) TapLine(i int) { v.list.Select(i) }

func (v *RawView) newRow() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	mark := canvas.NewRectangle(color.Transparent)
	num := canvas.NewText("0000", theme.Color(theme.ColorNameDisabled))
	num.TextStyle = fyne.TextStyle{Monospace: true}
	num.Alignment = fyne.TextAlignTrailing
	txt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	row := container.NewBorder(nil, nil, num, nil, txt)
	// The mark sits under the focused characters only: a raw line often
	// holds the end of one paragraph and the start of the next.
	return container.NewStack(bg, container.NewWithoutLayout(mark), row)
}

// FocusRange returns the byte range of line i inside the focus span
// (from, to relative to the line), and whether the line has any.
func (v *RawView) FocusRange(i int) (from, to int, ok bool) {
	if v.Mark(i) != MarkFocus {
		return 0, 0, false
	}
	s := v.starts[i]
	from = min(max(v.focus[0]-s, 0), len(v.lines[i]))
	to = min(max(v.focus[1]-s, from), len(v.lines[i]))
	return from, to, true
}

func (v *RawView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	bg := stack.Objects[0].(*canvas.Rectangle)
	mark := stack.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	row := stack.Objects[2].(*fyne.Container)
	txt := row.Objects[0].(*canvas.Text)
	num := row.Objects[1].(*canvas.Text)

	n := strconv.Itoa(id + 1)
	num.Text = strings.Repeat(" ", v.numberWidth-len(n)) + n + " "
	num.Color = theme.Color(theme.ColorNameDisabled)
	line := v.lines[id]
	txt.Text = display(line)
	txt.Color = theme.Color(theme.ColorNameForeground)
	primary := theme.Color(theme.ColorNamePrimary)
	bg.FillColor = color.Transparent
	if m := v.Mark(id); m != MarkNone {
		bg.FillColor = withAlpha(primary, 0x22)
	}
	mark.FillColor = color.Transparent
	if from, to, ok := v.FocusRange(id); ok {
		size, style := txt.TextSize, txt.TextStyle
		x0 := fyne.MeasureText(display(line[:from]), size, style).Width
		x1 := fyne.MeasureText(display(line[:to]), size, style).Width
		if x1-x0 < 6 { // an empty span or a blank line still shows where it is
			x1 = x0 + 6
		}
		left := fyne.MeasureText(num.Text, num.TextSize, num.TextStyle).Width + theme.Padding()
		mark.FillColor = withAlpha(primary, 0x90)
		mark.Move(fyne.NewPos(left+x0, 0))
		mark.Resize(fyne.NewSize(x1-x0, txt.MinSize().Height))
	}
	bg.Refresh()
	mark.Refresh()
	num.Refresh()
	txt.Refresh()
}

// display is a raw line as shown: tabs as four spaces.
func display(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
