package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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
