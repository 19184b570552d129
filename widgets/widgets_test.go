package widgets

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestRawViewMarksSpanAndFocusLines(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	test.NewTempApp(t)
	v := NewRawView()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(400, 300))
	text := "第一行\n第二行 story\nthird\nfourth"
	v.SetText(text)
	if v.Lines() != 4 {
		t.Fatalf("lines = %d, want 4", v.Lines())
	}
	second := len("第一行\n")
	third := second + len("第二行 story\n")
	v.SetSpan(second, third+3) // lines 1..2
	v.SetFocus(third, third+2) // line 2
	want := []LineMark{MarkNone, MarkSpan, MarkFocus, MarkNone}
	for i, m := range want {
		if got := v.Mark(i); got != m {
			t.Errorf("line %d mark = %v, want %v", i, got, m)
		}
	}
	if from, to, ok := v.FocusRange(2); !ok || from != 0 || to != 2 {
		t.Errorf("focus range on line 2 = %d..%d %v, want 0..2", from, to, ok)
	}
	if _, _, ok := v.FocusRange(1); ok {
		t.Error("line 1 has no focused characters")
	}
	if got := v.LineAt(third + 1); got != 2 {
		t.Errorf("LineAt = %d, want 2", got)
	}
	var tapped, off = -1, -1
	v.OnLineTapped = func(l, o int) { tapped, off = l, o }
	v.TapLine(1)
	if tapped != 1 || off != second {
		t.Errorf("tap gave line %d offset %d, want 1 %d", tapped, off, second)
	}
}

func TestChipListAddRemove(t *testing.T) {
	test.NewTempApp(t)
	c := NewChipList("add")
	test.NewTempWindow(t, c)
	c.SetItems([]string{"郑州"})
	var got []string
	c.OnChanged = func(items []string) { got = items }
	test.Type(c.Entry(), "濮阳")
	c.Entry().OnSubmitted(c.Entry().Text)
	if !reflect.DeepEqual(got, []string{"郑州", "濮阳"}) {
		t.Fatalf("after add: %v", got)
	}
	c.Add("濮阳") // duplicate is ignored
	if len(c.Items()) != 2 {
		t.Fatalf("duplicate added: %v", c.Items())
	}
	c.Remove(0)
	if !reflect.DeepEqual(got, []string{"濮阳"}) {
		t.Fatalf("after remove: %v", got)
	}
}

func TestBylineEditorRows(t *testing.T) {
	test.NewTempApp(t)
	b := NewBylineEditor("role", "name", "add")
	test.NewTempWindow(t, b)
	b.SetRows([]Credit{{"记者", "段利梅"}})
	var got []Credit
	b.OnChanged = func(r []Credit) { got = r }
	b.AddRow()
	role, name := b.Fields(1)
	test.Type(role, "通讯员")
	test.Type(name, "吴峰")
	want := []Credit{{"记者", "段利梅"}, {"通讯员", "吴峰"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	b.RemoveRow(0)
	if !reflect.DeepEqual(got, want[1:]) {
		t.Fatalf("after remove = %v", got)
	}
}

func TestParagraphRowKindAndUndoRouting(t *testing.T) {
	test.NewTempApp(t)
	p := NewParagraphRow([]string{"body", "caption"}, []string{"Body", "Caption"})
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(300, 200))
	p.SetKind("caption")
	if p.SelectedKind() != "caption" {
		t.Fatalf("kind = %q", p.SelectedKind())
	}
	var kind string
	p.OnKindChanged = func(k string) { kind = k }
	p.ChooseKind("body")
	if kind != "body" {
		t.Fatalf("OnKindChanged got %q", kind)
	}
	undos := 0
	p.Field.OnUndo = func() { undos++ }
	p.Field.TypedShortcut(&fyne.ShortcutUndo{})
	if undos != 1 {
		t.Fatal("undo shortcut not routed to the owner")
	}
	focused := false
	p.Field.OnFocus = func() { focused = true }
	w.Canvas().Focus(p.Field)
	if !focused {
		t.Fatal("focus not reported")
	}
}

func TestTextAreaGrowsWithText(t *testing.T) {
	test.NewTempApp(t)
	f := NewTextArea()
	w := test.NewTempWindow(t, f)
	w.Resize(fyne.NewSize(200, 600))
	f.SetText("short")
	f.Fit()
	h1 := f.MinSize().Height
	long := ""
	for range 40 {
		long += "一二三四五"
	}
	f.SetText(long)
	f.Fit()
	if h2 := f.MinSize().Height; h2 <= h1*2 {
		t.Fatalf("height %v did not grow from %v for 200 characters", h2, h1)
	}
}

func TestRawViewScrollsTheSpanToTheTop(t *testing.T) {
	test.NewTempApp(t)
	v := NewRawView()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(400, 300))
	text := ""
	for i := range 500 {
		text += "行" + string(rune('0'+i%10)) + "\n"
	}
	v.SetText(text)
	v.SetSpan(len("行0\n")*200, len("行0\n")*210)
	top := v.list.GetScrollOffset()
	want := float32(198) * v.rowH
	if top < want-1 || top > want+1 {
		t.Fatalf("scroll offset %v, want line 198 at the top (%v)", top, want)
	}
}

func TestTextFieldSelectRunes(t *testing.T) {
	test.NewTempApp(t)
	f := NewTextArea()
	w := test.NewTempWindow(t, f)
	w.Resize(fyne.NewSize(120, 400)) // narrow: the text wraps over several rows
	text := ""
	for range 12 {
		text += "濮阳工业园区举行演练。"
	}
	f.SetText(text)
	w.Canvas().Focus(f)
	f.SelectRunes(3, 2) // a first selection, replaced by the next
	f.SelectRunes(40, 4)
	if got, want := f.SelectedText(), string([]rune(text)[40:44]); got != want {
		t.Fatalf("selected %q, want %q", got, want)
	}
	if f.CursorTextOffset() != 44 {
		t.Fatalf("cursor at %d, want 44", f.CursorTextOffset())
	}
}

func TestTextAreaWrapsChineseAnywhereAndEnglishAtWords(t *testing.T) {
	test.NewTempApp(t)
	f := NewTextArea()
	test.NewTempWindow(t, f)
	f.SetText("本报讯（记者 段利梅）为加快整合全市优质创新资源")
	f.Fit()
	if f.Wrapping != fyne.TextWrapBreak {
		t.Fatal("Chinese text should wrap at any character")
	}
	f.SetText("Peace argosy splits abroad as Ford lands")
	f.Fit()
	if f.Wrapping != fyne.TextWrapWord {
		t.Fatal("English text should wrap at words")
	}
}

// A raw line wider than the pane is laid out whole and reached by scrolling
// sideways, not cut off at the pane's edge; short lines fit the pane.
func TestRawViewScrollsSidewaysToLongLines(t *testing.T) {
	test.NewTempApp(t)
	v := NewRawView()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(300, 300))
	long := "Peace argosy splits abroad as Ford lands in Norway and the party quarrels over the plan"
	v.SetText("short\n" + long + "\nend")
	need := fyne.MeasureText(long, theme.TextSize(), fyne.TextStyle{}).Width
	if got := v.ContentWidth(); got < need || got <= v.Size().Width {
		t.Fatalf("rows laid out %v wide; the long line needs %v, the view is %v", got, need, v.Size().Width)
	}
	v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(-1000, 0)})
	if v.scroll.Offset.X <= 0 {
		t.Fatal("the view does not scroll sideways")
	}
	v.SetText("short\nlines")
	if got := v.ContentWidth(); got > v.Size().Width+0.5 || v.scroll.Offset.X != 0 {
		t.Fatalf("short lines: rows %v wide in a %v view, offset %v", got, v.Size().Width, v.scroll.Offset.X)
	}
}

// A chip list asks only for its widest chip's width, even after it was
// laid out wider, and its height follows the rows at the width it has: a
// pane widened once for a long name can be narrowed again.
func TestChipListNarrowsAgain(t *testing.T) {
	test.NewTempApp(t)
	c := NewChipList("")
	w := test.NewTempWindow(t, c)
	c.SetItems([]string{"甲", "乙", "丙", "丁", "戊"})
	widest := c.chips.Objects[0].MinSize().Width
	w.Resize(fyne.NewSize(800, 400))
	wide := c.chips.MinSize()
	if wide.Width > widest+1 {
		t.Fatalf("laid out 800 wide, the chips ask for %v; the widest chip is %v", wide.Width, widest)
	}
	w.Resize(fyne.NewSize(widest+2*theme.Padding()+4, 400))
	narrow := c.chips.MinSize()
	if narrow.Height < 4*wide.Height {
		t.Fatalf("one chip a row: height %v, on one row %v", narrow.Height, wide.Height)
	}
	for _, o := range c.chips.Objects[1:] {
		if o.Position().X != 0 {
			t.Fatalf("a chip at x=%v in a one-chip-wide list", o.Position().X)
		}
	}
}

// Tapping a chip's name leaves it (an editor reads or copies it); only its
// × removes it.
func TestChipNameTapDoesNotRemove(t *testing.T) {
	test.NewTempApp(t)
	c := NewChipList("")
	test.NewTempWindow(t, c)
	c.SetItems([]string{"段利梅", "李振涛"})
	chip := c.chips.Objects[0].(*fyne.Container)
	var name, remove fyne.Tappable
	for _, o := range chip.Objects {
		switch o := o.(type) {
		case *widget.Label:
			if o.Text != "段利梅" {
				t.Fatalf("first chip shows %q", o.Text)
			}
			name, _ = fyne.CanvasObject(o).(fyne.Tappable)
		case *widget.Button:
			remove = o
		}
	}
	if name != nil {
		test.Tap(name)
	}
	if len(c.Items()) != 2 {
		t.Fatalf("tapping the name removed it: %v", c.Items())
	}
	test.Tap(remove)
	if !reflect.DeepEqual(c.Items(), []string{"李振涛"}) {
		t.Fatalf("after tapping ×: %v", c.Items())
	}
}

// A ScrollPass over a field takes the mouse wheel (the deepest scrollable
// under the pointer gets it) and nothing else: taps, clicks, drags, hover
// and focus find the field below, since the pass is none of those.
func TestScrollPassTakesOnlyTheWheel(t *testing.T) {
	test.NewTempApp(t)
	got := 0
	field := NewTextArea()
	field.SetText("一段文字")
	box := PassScroll(field, func(*fyne.ScrollEvent) { got++ })
	w := test.NewTempWindow(t, box)
	w.Resize(fyne.NewSize(300, 200))
	test.Scroll(w.Canvas(), fyne.NewPos(40, 20), 0, -10)
	if got != 1 {
		t.Fatalf("the wheel over the field reached the pass %d times", got)
	}
	var pass any = NewScrollPass(nil)
	for name, ok := range map[string]bool{
		"Tappable": is[fyne.Tappable](pass), "SecondaryTappable": is[fyne.SecondaryTappable](pass),
		"DoubleTappable": is[fyne.DoubleTappable](pass), "Draggable": is[fyne.Draggable](pass),
		"Focusable": is[fyne.Focusable](pass), "Mouseable": is[desktop.Mouseable](pass),
		"Hoverable": is[desktop.Hoverable](pass), "Cursorable": is[desktop.Cursorable](pass),
	} {
		if ok {
			t.Errorf("a ScrollPass is %s: it would take that from the field", name)
		}
	}
}

func is[T any](v any) bool { _, ok := v.(T); return ok }
