package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// drag moves the pointer over v from a to b with the button held, as the
// desktop driver reports it: the event carries where the pointer is and how
// far it moved since the press.
func drag(v *RawView, a, b fyne.Position) {
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: b}, Dragged: fyne.NewDelta(b.X-a.X, b.Y-a.Y)})
	v.DragEnd()
}

// pointAt is the view position of the boundary before byte off of line l
// (first row), in the middle of the row's height.
func pointAt(v *RawView, l, off int) fyne.Position {
	x := v.textLeft() + v.measure(v.lines[l][:off]) - v.scroll.Offset.X
	return fyne.NewPos(x, v.lineTop(l)-v.list.GetScrollOffset()+v.textHeight()/2)
}

// An editor copies a passage the cleaning dropped back from the raw page:
// a drag over the text selects it across lines, Ctrl+C puts exactly that on
// the clipboard, Escape clears it.
func TestRawViewSelectsAndCopiesADraggedPassage(t *testing.T) {
	a := test.NewTempApp(t)
	v := NewRawView()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(500, 300))
	text := "第一行文字\n第二行 story\nthird"
	v.SetText(text)
	copied := 0
	v.OnCopied = func() { copied++ }

	drag(v, pointAt(v, 0, len("第一")), pointAt(v, 1, len("第二行")))
	if w.Canvas().Focused() != v {
		t.Fatal("the raw view did not take the focus to copy its selection")
	}
	want := "行文字\n第二行"
	if got := v.SelectedText(); got != want {
		t.Fatalf("dragged over %q, want %q", got, want)
	}
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: a.Clipboard()})
	if got := a.Clipboard().Content(); got != want || copied != 1 {
		t.Fatalf("Ctrl+C put %q on the clipboard (told %d times), want %q", got, copied, want)
	}
	// Dragging upwards selects the same way.
	drag(v, pointAt(v, 2, len("thi")), pointAt(v, 1, len("第二行 ")))
	if got := v.SelectedText(); got != "story\nthi" {
		t.Fatalf("dragged upwards over %q", got)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, _, ok := v.Selection(); ok {
		t.Fatal("Escape left the selection")
	}
	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := v.SelectedText(); got != text {
		t.Fatalf("Ctrl+A selected %q", got)
	}
}

// The selection is drawn under the selected characters of each line.
func TestRawViewDrawsTheSelection(t *testing.T) {
	test.NewTempApp(t)
	v := NewRawView()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(500, 300))
	v.SetText("第一行文字\n第二行")
	if n := len(marksOfRow(t, v, 0)); n != 0 {
		t.Fatalf("%d marks before anything is selected", n)
	}
	v.Select(len("第一"), len("第一行文字\n第"))
	m := marksOfRow(t, v, 0)
	if len(m) != 1 {
		t.Fatalf("line 1 has %d marks, want 1", len(m))
	}
	if x, want := m[0].Position().X, v.textLeft()+v.measure("第一"); x < want-0.5 || x > want+0.5 {
		t.Fatalf("the mark starts at x=%v, the selection at %v", x, want)
	}
	if wd, want := m[0].Size().Width, v.measure("行文字"); wd < want-0.5 || wd > want+0.5 {
		t.Fatalf("the mark is %v wide, the selected text %v", wd, want)
	}
	if len(marksOfRow(t, v, 1)) != 1 {
		t.Fatal("the selected start of line 2 is not marked")
	}
}

// marksOfRow returns the rectangles drawn under line i's text.
func marksOfRow(t *testing.T, v *RawView, i int) []fyne.CanvasObject {
	t.Helper()
	row := v.newRow()
	v.updateRow(i, row)
	return row.(*fyne.Container).Objects[1].(*fyne.Container).Objects
}

// With wrapping on, a line wider than the view is drawn on several rows no
// wider than the view, broken by the Chinese line rules (no row opens with
// a closing mark), nothing scrolls sideways, and a drag over the second row
// selects from where it was pressed there.
func TestRawViewWrapsLongLinesWhenAsked(t *testing.T) {
	test.NewTempApp(t)
	v := NewRawView()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(300, 400))
	long := strings.Repeat("濮阳工业园区举行演练，", 8)
	v.SetText("短行\n" + long + "\n末行")
	if v.Rows(1) != 1 || v.ContentWidth() <= v.Size().Width {
		t.Fatalf("unwrapped: %d rows, content %v wide in a %v view", v.Rows(1), v.ContentWidth(), v.Size().Width)
	}
	v.SetWrap(true)
	if v.Rows(1) < 3 {
		t.Fatalf("a %v-wide line wraps to %d rows in a %v-wide view", v.measure(long), v.Rows(1), v.Size().Width)
	}
	if v.Rows(0) != 1 || v.ContentWidth() > v.Size().Width+0.5 {
		t.Fatalf("wrapped: short line on %d rows, content %v wide in a %v view", v.Rows(0), v.ContentWidth(), v.Size().Width)
	}
	starts := v.rowStarts(1)
	for r := range starts {
		part := long[starts[r]:v.rowEnd(1, r)]
		if v.textLeft()+v.measure(part) > v.Size().Width {
			t.Errorf("row %d %q is wider than the view", r, part)
		}
		if strings.HasPrefix(part, "，") {
			t.Errorf("row %d opens with a comma: %q", r, part)
		}
	}
	// The last line sits below all the rows of the wrapped one.
	if top, want := v.lineTop(2), v.lineTop(1)+float32(v.Rows(1))*v.textHeight(); top < want {
		t.Fatalf("line 3 at %v overlaps the wrapped line ending at %v", top, want)
	}
	if got := v.LineAtY(v.lineTop(2) - v.list.GetScrollOffset() + 1); got != 2 {
		t.Fatalf("the point under the wrapped line is on line %d, want 2", got)
	}
	second := starts[1]
	y := v.lineTop(1) - v.list.GetScrollOffset() + 1.5*v.textHeight()
	from := fyne.NewPos(v.textLeft()+v.measure(long[second:second+len("濮阳")]), y)
	to := fyne.NewPos(from.X+v.measure("工业园"), y)
	drag(v, from, to)
	off := v.starts[1] + second + len("濮阳")
	if got, want := v.SelectedText(), v.SpanText(off, off+len("工业园")); got != want {
		t.Fatalf("dragged on the second row over %q, want %q", got, want)
	}
	v.SetWrap(false)
	if v.Rows(1) != 1 || v.ContentWidth() <= v.Size().Width {
		t.Fatal("wrapping off did not lay the line out whole again")
	}
}
