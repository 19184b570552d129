// Package widgets holds Galley's reusable Fyne widgets. They know nothing of
// the archive: they show and edit plain values and report changes through
// callbacks, so the app package wires them to storage.
package widgets

import (
	"image/color"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
// would lay out the whole page on every change. Text is selected by dragging
// over it and copied with Ctrl+C (the view draws and keeps the selection
// itself, since its rows are not Entries); long lines scroll sideways, or
// wrap when SetWrap asks, by the Chinese line rules of BreakLines.
type RawView struct {
	widget.BaseWidget

	// OnLineTapped is called with the line index and the byte offset of its
	// first character in the text when the user taps a line.
	OnLineTapped func(line, offset int)
	// Menu, when set, gives the items of the menu a right-click on line
	// shows.
	Menu func(line int) []*fyne.MenuItem
	// OnCopied, when set, is called after Ctrl+C put the selection on the
	// clipboard (the owner tells the editor).
	OnCopied func()

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

	wrap    bool
	wrapW   float32   // text width the rows were broken at (0: not yet)
	breaks  [][]int   // each line's row starts (byte offsets in the line), when wrapping
	tops    []float32 // each line's top in the list, when wrapping
	sel     [2]int    // anchor and caret of the selection (byte offsets); -1: none
	drag    bool      // a drag is selecting
	focused bool
}

// NewRawView returns an empty raw page view.
func NewRawView() *RawView {
	v := &RawView{span: [2]int{-1, -1}, focus: [2]int{-1, -1}, target: -1, sel: [2]int{-1, -1}}
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

// numberStyle is the style of line numbers: the text's own, not monospace.
// UI faces draw digits all of one width (Noto Sans CJK does), and a style
// of their own would have Fyne load a whole font for the digits alone, some
// 20 MB for a CJK face (issue 12).
var numberStyle = fyne.TextStyle{}

// measureWidest finds the width the widest line needs: number, padding,
// text and room for the list's scroll bar.
func (v *RawView) measureWidest() {
	size := theme.TextSize()
	num := fyne.MeasureText(strings.Repeat("0", v.numberWidth+1), size, numberStyle).Width
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
	v.span = [2]int{-1, -1}
	v.focus = [2]int{-1, -1}
	v.sel = [2]int{-1, -1}
	v.wrapW = 0
	v.layoutRows()
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
	v.list.ScrollToOffset(v.lineTop(max(l-2, 0)))
}

// Resize implements fyne.Widget; the first layout re-applies the scroll
// asked for while the view had no size yet, and wrapped rows are broken
// again at the new width.
func (v *RawView) Resize(s fyne.Size) {
	first := v.Size().Height == 0
	v.BaseWidget.Resize(s)
	if v.wrap && v.textWidth() != v.wrapW {
		v.layoutRows()
	}
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
	y := v.lineTop(l)
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
	l, _ := v.rowAtY(y)
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
	num := canvas.NewText("0000", theme.Color(theme.ColorNameDisabled))
	num.TextStyle = numberStyle
	num.Alignment = fyne.TextAlignTrailing
	texts := container.New(rowsLayout{}, canvas.NewText("", theme.Color(theme.ColorNameForeground)))
	row := container.NewBorder(nil, nil, num, nil, texts)
	// The marks sit under the focused or selected characters only: a raw
	// line often holds the end of one paragraph and the start of the next.
	return container.NewStack(bg, container.NewWithoutLayout(), row)
}

// rowsLayout stacks the rows of a wrapped line, each one text high.
type rowsLayout struct{}

func (rowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s = fyne.NewSize(max(s.Width, m.Width), s.Height+m.Height)
	}
	return s
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

// rowStarts returns the byte offsets in line i where its rows start: one
// row, unless the view wraps.
func (v *RawView) rowStarts(i int) []int {
	if v.wrap && i < len(v.breaks) {
		return v.breaks[i]
	}
	return []int{0}
}

func (v *RawView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	bg := stack.Objects[0].(*canvas.Rectangle)
	marks := stack.Objects[1].(*fyne.Container)
	row := stack.Objects[2].(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container)
	num := row.Objects[1].(*canvas.Text)

	n := strconv.Itoa(id + 1)
	num.Text = strings.Repeat(" ", v.numberWidth-len(n)) + n + " "
	num.Color = theme.Color(theme.ColorNameDisabled)
	num.Refresh()
	line := v.lines[id]
	starts := v.rowStarts(id)
	for len(texts.Objects) < len(starts) {
		texts.Add(canvas.NewText("", theme.Color(theme.ColorNameForeground)))
	}
	texts.Objects = texts.Objects[:len(starts)]
	for r, from := range starts {
		txt := texts.Objects[r].(*canvas.Text)
		txt.Text = display(line[from:v.rowEnd(id, r)])
		txt.Color = theme.Color(theme.ColorNameForeground)
		txt.Refresh()
	}
	texts.Refresh()
	primary := theme.Color(theme.ColorNamePrimary)
	bg.FillColor = color.Transparent
	if m := v.Mark(id); m != MarkNone {
		bg.FillColor = withAlpha(primary, 0x22)
	}
	bg.Refresh()

	marks.Objects = marks.Objects[:0]
	if from, to, ok := v.FocusRange(id); ok {
		// An empty span or a blank line still shows where it is.
		v.addMarks(marks, id, from, to, withAlpha(primary, 0x90), 6)
	}
	if from, to, ok := v.selectedRange(id); ok {
		v.addMarks(marks, id, from, to, theme.Color(theme.ColorNameSelection), 0)
	}
	marks.Refresh()
}

// addMarks puts a rectangle under the bytes [from, to) of line i, one for
// each of its rows they reach, at least minW wide.
func (v *RawView) addMarks(marks *fyne.Container, i, from, to int, c color.Color, minW float32) {
	left := v.textLeft()
	h := v.textHeight()
	starts := v.rowStarts(i)
	for r, start := range starts {
		end := v.rowEnd(i, r)
		if to < start || from > end || (from == end && end != start && r < len(starts)-1) {
			continue
		}
		a, b := max(from, start), min(to, end)
		x0, x1 := v.measure(v.lines[i][start:a]), v.measure(v.lines[i][start:b])
		if x1-x0 < minW {
			x1 = x0 + minW
		}
		if x1 <= x0 {
			continue
		}
		m := canvas.NewRectangle(c)
		m.Move(fyne.NewPos(left+x0, float32(r)*h))
		m.Resize(fyne.NewSize(x1-x0, h))
		marks.Add(m)
	}
}

// rowEnd is the byte offset in line i where its row r ends.
func (v *RawView) rowEnd(i, r int) int {
	starts := v.rowStarts(i)
	if r+1 < len(starts) {
		return starts[r+1]
	}
	return len(v.lines[i])
}

// measure is the drawn width of part of a line.
func (v *RawView) measure(s string) float32 {
	return fyne.MeasureText(display(s), theme.TextSize(), fyne.TextStyle{}).Width
}

// textHeight is the height of one row of text.
func (v *RawView) textHeight() float32 {
	return fyne.MeasureText("0", theme.TextSize(), fyne.TextStyle{}).Height
}

// textLeft is where a row's text starts: after the line number.
func (v *RawView) textLeft() float32 {
	num := strings.Repeat("0", v.numberWidth+1)
	return fyne.MeasureText(num, theme.TextSize(), numberStyle).Width + theme.Padding()
}

// textWidth is the width wrapped rows are broken at.
func (v *RawView) textWidth() float32 {
	return v.Size().Width - v.textLeft() - 2*theme.Padding() - theme.ScrollBarSize()
}

// SetWrap wraps lines wider than the view onto more rows (on) or lays
// them out whole, reached by scrolling sideways (off, the default: a raw
// line is the unit an editor compares with the print).
func (v *RawView) SetWrap(on bool) {
	if on == v.wrap {
		return
	}
	v.wrap = on
	v.wrapW = 0
	v.layoutRows()
	v.scroll.Offset.X = 0
	v.scroll.Refresh()
	v.list.Refresh()
}

// Wrap reports whether long lines wrap.
func (v *RawView) Wrap() bool { return v.wrap }

// Rows returns the number of rows line i is drawn on.
func (v *RawView) Rows(i int) int { return len(v.rowStarts(i)) }

// layoutRows sets each line's height: one row, or as many as it wraps to
// at the view's width, and the width the rows ask for.
func (v *RawView) layoutRows() {
	h := v.textHeight()
	v.rowH = h + theme.Padding()
	v.breaks, v.tops = nil, nil
	if !v.wrap {
		v.measureWidest()
		for i := range v.lines {
			v.list.SetItemHeight(i, h)
		}
		return
	}
	v.widest = 0
	v.wrapW = v.textWidth()
	width := max(v.wrapW, 4*theme.TextSize())
	size := theme.TextSize()
	widths := map[rune]float32{}
	runeWidth := func(r rune) float32 {
		w, ok := widths[r]
		if !ok {
			w = fyne.MeasureText(display(string(r)), size, fyne.TextStyle{}).Width
			widths[r] = w
		}
		return w
	}
	v.breaks = make([][]int, len(v.lines))
	v.tops = make([]float32, len(v.lines)+1)
	for i, l := range v.lines {
		starts := []int{0}
		off := 0
		for _, part := range BreakLines(l, width, runeWidth) {
			off += len(part)
			if off < len(l) {
				starts = append(starts, off)
			}
		}
		v.breaks[i] = starts
		v.list.SetItemHeight(i, float32(len(starts))*h)
		v.tops[i+1] = v.tops[i] + float32(len(starts))*h + theme.Padding()
	}
	v.list.Refresh()
}

// lineTop is the top of line l in the list.
func (v *RawView) lineTop(l int) float32 {
	if v.rowH == 0 {
		v.rowH = v.textHeight() + theme.Padding()
	}
	if v.wrap && l < len(v.tops) {
		return v.tops[l]
	}
	return float32(l) * v.rowH
}

// rowAtY returns the line and its row shown at height y of the view (-1
// outside the lines).
func (v *RawView) rowAtY(y float32) (line, row int) {
	y += v.list.GetScrollOffset()
	if y < 0 || len(v.lines) == 0 {
		return -1, 0
	}
	if !v.wrap || len(v.tops) != len(v.lines)+1 {
		l := int(y / v.lineTop(1))
		if l >= len(v.lines) {
			return -1, 0
		}
		return l, 0
	}
	l := sort.Search(len(v.lines), func(i int) bool { return v.tops[i+1] > y })
	if l >= len(v.lines) {
		return -1, 0
	}
	r := min(int((y-v.tops[l])/v.textHeight()), len(v.breaks[l])-1)
	return l, r
}

// OffsetAt returns the byte offset in the text of the character boundary
// nearest to point p of the view: above the first line it is 0, below the
// last the text's end.
func (v *RawView) OffsetAt(p fyne.Position) int {
	if len(v.lines) == 0 {
		return 0
	}
	l, r := v.rowAtY(p.Y)
	if l < 0 {
		if p.Y+v.list.GetScrollOffset() < 0 {
			return 0
		}
		return v.textLen()
	}
	start, end := v.rowStarts(l)[r], v.rowEnd(l, r)
	x := p.X + v.scroll.Offset.X - v.textLeft()
	line := v.lines[l]
	off := start
	for off < end {
		_, n := utf8.DecodeRuneInString(line[off:])
		w0, w1 := v.measure(line[start:off]), v.measure(line[start:off+n])
		if x < (w0+w1)/2 {
			break
		}
		off += n
	}
	return v.starts[l] + off
}

// Select selects the bytes [start, end) of the text (clipped to it); a
// negative start clears the selection.
func (v *RawView) Select(start, end int) {
	if start < 0 {
		v.sel = [2]int{-1, -1}
	} else {
		total := v.textLen()
		v.sel = [2]int{min(start, total), min(max(end, start), total)}
	}
	v.list.Refresh()
}

// textLen is the length in bytes of the text shown (its lines joined by
// newlines).
func (v *RawView) textLen() int {
	if len(v.lines) == 0 {
		return 0
	}
	last := len(v.lines) - 1
	return v.starts[last] + len(v.lines[last])
}

// Selection returns the selected byte range of the text, ordered; ok is
// false when nothing is selected.
func (v *RawView) Selection() (start, end int, ok bool) {
	a, b := v.sel[0], v.sel[1]
	if a < 0 || a == b {
		return 0, 0, false
	}
	return min(a, b), max(a, b), true
}

// SelectedText returns the selected text ("" when none).
func (v *RawView) SelectedText() string {
	s, e, ok := v.Selection()
	if !ok {
		return ""
	}
	return v.SpanText(s, e)
}

// selectedRange returns the bytes of line i inside the selection.
func (v *RawView) selectedRange(i int) (from, to int, ok bool) {
	s, e, ok := v.Selection()
	if !ok {
		return 0, 0, false
	}
	ls, le := v.starts[i], v.starts[i]+len(v.lines[i])
	if e <= ls || s > le {
		return 0, 0, false
	}
	return max(s, ls) - ls, min(e, le) - ls, true
}

// Dragged implements fyne.Draggable: a drag selects the text from where
// it started to the pointer, scrolling when the pointer leaves the view.
func (v *RawView) Dragged(e *fyne.DragEvent) {
	if !v.drag {
		v.drag = true
		v.sel[0] = v.OffsetAt(e.Position.Subtract(e.Dragged))
		if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
			c.Focus(v)
		}
	}
	if h := v.Size().Height; e.Position.Y < 0 || e.Position.Y > h {
		over := e.Position.Y
		if over > h {
			over -= h
		}
		v.list.ScrollToOffset(v.list.GetScrollOffset() + over)
	}
	v.sel[1] = v.OffsetAt(e.Position)
	v.list.Refresh()
}

// DragEnd implements fyne.Draggable.
func (v *RawView) DragEnd() { v.drag = false }

// FocusGained implements fyne.Focusable (the view takes the focus to
// copy its selection).
func (v *RawView) FocusGained() { v.focused = true }

// FocusLost implements fyne.Focusable.
func (v *RawView) FocusLost() { v.focused = false }

// TypedRune implements fyne.Focusable; the raw page takes no typing.
func (v *RawView) TypedRune(rune) {}

// TypedKey implements fyne.Focusable: Escape clears the selection.
func (v *RawView) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		v.Select(-1, -1)
	}
}

// TypedShortcut implements fyne.Shortcutable: Ctrl+C copies the
// selection, Ctrl+A selects the whole page; the window's own shortcuts
// still work while the view has the focus.
func (v *RawView) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		if text := v.SelectedText(); text != "" {
			s.Clipboard.SetContent(text)
			if v.OnCopied != nil {
				v.OnCopied()
			}
		}
		return
	case *fyne.ShortcutSelectAll:
		v.Select(0, v.textLen())
		return
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(v).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// display is a raw line as shown: tabs as four spaces.
func display(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
