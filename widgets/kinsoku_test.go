package widgets

import (
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A wide character is one unit wide, others half a unit.
func units(r rune) float32 {
	if isWide(r) {
		return 1
	}
	return 0.5
}

// No line opens with a closing mark or ends with an opening one, and
// figures stay whole; no text is lost or reordered.
func TestBreakLinesKeepsChineseLineRules(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float32
	}{
		{"今年以来，全市新增省级研发平台十二家。带动投资增长，成效明显。", 10},
		{"市科技局对获奖企业奖励50万元，其中一等奖3家。", 11},
		{"他说：“我们要把“聚力惠企纾困”落到实处。”会议要求（试行）各单位执行。", 9},
		{"增长率达到9.8%，CBD商圈客流量同比增长三成……", 8},
	} {
		lines := BreakLines(c.text, c.width, units)
		if got := strings.Join(lines, ""); got != c.text {
			t.Fatalf("text changed: %q", got)
		}
		for i, l := range lines {
			rs := []rune(l)
			if i > 0 && strings.ContainsRune(noLineStart, rs[0]) {
				t.Errorf("line %d starts with %q: %q", i, rs[0], lines)
			}
			if i < len(lines)-1 && strings.ContainsRune(noLineEnd, rs[len(rs)-1]) {
				t.Errorf("line %d ends with %q: %q", i, rs[len(rs)-1], lines)
			}
			if i < len(lines)-1 && inWord(rs[len(rs)-1]) && inWord([]rune(lines[i+1])[0]) {
				t.Errorf("a figure or word is split after line %d: %q", i, lines)
			}
			w := float32(0)
			for _, r := range rs {
				w += units(r)
			}
			if w > c.width {
				t.Errorf("line %d is %v wide, more than %v: %q", i, w, c.width, l)
			}
		}
	}
}

// A Chinese paragraph that is not being edited is drawn with Chinese line
// breaking, as many rows high as it has lines; while it is edited the
// Entry shows it.
func TestParagraphIsDrawnWithChineseLineBreaking(t *testing.T) {
	test.NewTempApp(t)
	row := NewParagraphRow([]string{"body"}, []string{"Body"})
	w := test.NewTempWindow(t, row)
	w.Resize(fyne.NewSize(260, 600))
	text := "今年以来，全市新增省级研发平台十二家，带动投资增长。市科技局对获奖企业奖励50万元，其中一等奖3家，“聚力惠企纾困”活动成效明显。"
	row.Field.SetText(text)
	row.Field.Fit()
	r := test.WidgetRenderer(row.Field.display).(*paraDisplayRenderer)
	var lines []string
	for _, t := range r.lines.texts {
		lines = append(lines, t.Text)
	}
	if len(lines) < 3 || strings.Join(lines, "") != text {
		t.Fatalf("drawn lines %q", lines)
	}
	for i, l := range lines[1:] {
		if strings.ContainsRune(noLineStart, []rune(l)[0]) {
			t.Errorf("line %d starts with a closing mark: %q", i+1, lines)
		}
	}
	if row.Field.rows != len(lines) {
		t.Errorf("the field is %d rows high for %d lines", row.Field.rows, len(lines))
	}
	w.Canvas().Focus(row.Field)
	if len(r.Objects()) != 0 {
		t.Fatal("the display covers the field being edited")
	}
	w.Canvas().Unfocus()
	if len(r.Objects()) == 0 {
		t.Fatal("the display did not come back when editing ended")
	}
}

// entryRows are the rows the Entry of f draws, top to bottom.
func entryRows(f *TextField) []string {
	type row struct {
		y    float32
		text string
	}
	var rows []row
	for _, o := range test.LaidOutObjects(&f.Entry) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text != "" && t.Text != f.PlaceHolder {
			rows = append(rows, row{fyne.CurrentApp().Driver().AbsolutePositionForObject(t).Y, t.Text})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].y < rows[j].y })
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.text
	}
	return out
}

// While a Chinese paragraph is edited its rows break as it is drawn when
// it is not: 2020 and Galley are never split across rows, no row opens
// with ，, and what the editor types, deletes, copies and the cursor's
// place speak of the paragraph's text, not of the rows.
func TestEditedParagraphKeepsFiguresAndWordsWhole(t *testing.T) {
	a := test.NewTempApp(t)
	row := NewParagraphRow([]string{"body"}, []string{"Body"})
	w := test.NewTempWindow(t, row)
	w.Resize(fyne.NewSize(260, 600))
	f := row.Field
	var got string
	f.OnChanged = func(s string) { got = s }
	filler := []rune("全市新增省级研发平台十二家带动投资增长成效明显各地")
	for k := range filler {
		text := string(filler[:k]) + "，2020年Galley项目投入运行，全年接待游客十二万人次。"
		w.Canvas().Unfocus()
		f.SetText(text)
		f.Fit()
		w.Canvas().Focus(f)
		rows := entryRows(f)
		if strings.Join(rows, "") != text {
			t.Fatalf("rows %q do not spell %q", rows, text)
		}
		for i := 1; i < len(rows); i++ {
			a, b := []rune(rows[i-1]), []rune(rows[i])
			if inWord(a[len(a)-1]) && inWord(b[0]) {
				t.Errorf("prefix %d: a figure or word is split across rows: %q", k, rows)
			}
			if strings.ContainsRune(noLineStart, b[0]) {
				t.Errorf("prefix %d: row %d opens with %q: %q", k, i, b[0], rows)
			}
		}
		if f.Value() != text {
			t.Fatalf("Value() = %q, want %q", f.Value(), text)
		}
	}

	// Typing, deleting and copying go by the text.
	text := string(filler) + "，2020年Galley项目投入运行。"
	f.SetText(text)
	f.SelectRunes(len(filler)+1, 0)
	f.TypedRune('在')
	want := string(filler) + "，在2020年Galley项目投入运行。"
	if got != want || f.Value() != want || f.CursorOffset() != len(filler)+2 {
		t.Fatalf("typing: OnChanged %q, Value %q, cursor %d; want %q at %d", got, f.Value(), f.CursorOffset(), want, len(filler)+2)
	}
	for i := 0; i < len([]rune(want)); i++ {
		f.SelectRunes(i, 0)
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		rs := []rune(want)
		if i > 0 {
			if exp := string(rs[:i-1]) + string(rs[i:]); f.Value() != exp {
				t.Fatalf("Backspace at %d: %q, want %q", i, f.Value(), exp)
			}
		}
		f.SetText(want)
	}
	f.SelectRunes(3, len(filler))
	clip := a.Clipboard()
	f.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if exp := string([]rune(want)[3 : 3+len(filler)]); clip.Content() != exp || f.SelectedText() != exp {
		t.Errorf("copied %q (selected %q), want %q", clip.Content(), f.SelectedText(), exp)
	}
	w.Canvas().Unfocus()
	if f.Text != want {
		t.Errorf("after editing the field holds %q", f.Text)
	}
}
