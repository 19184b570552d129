package widgets

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// longParagraph is n runes of Chinese sentences, each sentence numbered so
// that any place in it is told from any other.
func longParagraph(n int) string {
	var b strings.Builder
	for i := 0; utf8.RuneCountInString(b.String()) < n; i++ {
		b.WriteString("第")
		b.WriteString(strings.Repeat("〇", i%3))
		b.WriteString("段落内容，检验长段落的编辑窗口。")
	}
	return string([]rune(b.String())[:n])
}

func newLongRow(t *testing.T, text string) (*ParagraphRow, fyne.Window, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	row := NewParagraphRow([]string{"body"}, []string{"Body"})
	var changes []string
	row.Field.OnChanged = func(s string) { changes = append(changes, s) }
	w := test.NewTempWindow(t, row)
	w.Resize(fyne.NewSize(420, 800))
	row.Field.SetText(text)
	row.Field.Fit()
	w.Canvas().Focus(row.Field)
	return row, w, &changes
}

func insertAt(s string, at int, r rune) string {
	rs := []rune(s)
	return string(rs[:at]) + string(r) + string(rs[at:])
}

// A paragraph of 20,000 characters is edited through a window: the Entry
// holds a small part of it, everything outside the field still sees the
// whole text, and typing anywhere in it lands where the cursor is.
func TestLongParagraphIsEditedThroughAWindow(t *testing.T) {
	text := longParagraph(20000)
	row, _, changes := newLongRow(t, text)
	f := row.Field
	if n := utf8.RuneCountInString(f.plain()); n > 3*windowRunes {
		t.Fatalf("the Entry holds %d characters of 20000", n)
	}
	if f.Value() != text {
		t.Fatal("Value is not the whole paragraph")
	}
	if !f.tailView.Visible() || len(f.tailView.lines) == 0 {
		t.Fatal("the text after the window is not drawn")
	}
	for _, at := range []int{0, 15000, 19999, 20000} {
		want := insertAt(f.Value(), at, '字')
		f.SelectRunes(at, 0)
		if got := f.CursorOffset(); got != at {
			t.Fatalf("cursor at %d, want %d", got, at)
		}
		f.TypedRune('字')
		if f.Value() != want {
			t.Fatalf("typing at %d: the paragraph is not the text with the character inserted there", at)
		}
		if last := (*changes)[len(*changes)-1]; last != want {
			t.Fatalf("typing at %d: OnChanged got %d characters, not the whole paragraph", at, utf8.RuneCountInString(last))
		}
	}
}

// Arrow keys and Backspace cross the window's edges as if the whole
// paragraph were in one field.
func TestCursorCrossesTheWindowEdges(t *testing.T) {
	text := longParagraph(8000)
	row, _, _ := newLongRow(t, text)
	f := row.Field
	end := f.headRunes + utf8.RuneCountInString(f.plain())
	f.SelectRunes(end, 0)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := f.CursorOffset(); got != end+1 {
		t.Fatalf("Right at the window's end: cursor at %d, want %d", got, end+1)
	}
	downs := 0
	for f.CursorOffset() < 6000 && downs < 2000 {
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		downs++
	}
	if f.CursorOffset() < 6000 {
		t.Fatalf("Down stopped at %d", f.CursorOffset())
	}
	at := f.headRunes // the window's first character
	f.SelectRunes(at, 0)
	want := []rune(f.Value())
	want = append(want[:at-1:at-1], want[at:]...)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if f.Value() != string(want) || f.CursorOffset() != at-1 {
		t.Fatalf("Backspace at the window's start: cursor %d, want %d, text right: %v", f.CursorOffset(), at-1, f.Value() == string(want))
	}
}

// A selection is made anywhere in the paragraph (find, flags), also across
// the place the window started.
func TestSelectRunesSelectsInALongParagraph(t *testing.T) {
	text := longParagraph(12000)
	row, _, _ := newLongRow(t, text)
	f := row.Field
	rs := []rune(text)
	for _, c := range [][2]int{{10, 5}, {9000, 12}, {f.headRunes + utf8.RuneCountInString(f.plain()) - 3, 6}} {
		f.SelectRunes(c[0], c[1])
		if got, want := f.SelectedText(), string(rs[c[0]:c[0]+c[1]]); got != want {
			t.Errorf("SelectRunes(%d, %d) selected %q, want %q", c[0], c[1], got, want)
		}
	}
}

// Tapping the text drawn after the window puts the cursor on the tapped
// character, and typing goes there.
func TestTappingTextOutsideTheWindowPutsTheCursorThere(t *testing.T) {
	text := longParagraph(8000)
	row, _, _ := newLongRow(t, text)
	f := row.Field
	tailStart := f.headRunes + utf8.RuneCountInString(f.plain())
	lines := f.tailView.lines
	want := tailStart
	for _, l := range lines[:3] {
		want += utf8.RuneCountInString(l)
	}
	step := f.tailView.step()
	test.TapAt(f.tailView, fyne.NewPos(1, 3.5*step))
	if got := f.CursorOffset(); got != want {
		t.Fatalf("a tap on the fourth line after the window put the cursor at %d, want %d", got, want)
	}
	if f.Value() != text {
		t.Fatal("a tap changed the text")
	}
	f.TypedRune('字')
	if f.Value() != insertAt(text, want, '字') {
		t.Fatal("typing after the tap did not land where it was tapped")
	}
}
