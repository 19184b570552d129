package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Chinese line breaking while a paragraph is edited.
//
// Fyne's Entry wraps a Chinese paragraph (TextWrapBreak) at whatever
// character stops fitting: widget/richtext.go, wrapBreakLines, cuts each
// row at howManyRunesFit and knows no break opportunities, so 2020 splits
// as 20 / 20 and a row opens with ，. The Entry offers no hook for where a
// row may end. What it does keep is line breaks: so while a Chinese
// paragraph without line breaks of its own has the focus, its Entry holds
// the text with a line break at each place BreakLines ends a line ("soft"
// breaks), and the rows are the lines the paragraph display draws when the
// field is not being edited. The lines fit the Entry's width (BreakLines
// measures a little narrower than the Entry wraps), so Fyne breaks no row
// of its own.
//
// Everything outside the Entry speaks of the text without the soft breaks
// (Value, CursorOffset, SelectedText, OnChanged, copy and cut), and each
// change breaks the lines again. A paragraph with a line break of its own
// (pasted) is left to Fyne's wrapping: it could not be told from a soft
// one.

// wantSoft tells whether the Entry's text s (without soft breaks) is
// edited with soft breaks: a paragraph row's Chinese text with no line
// break of its own, being edited, at a known width.
func (f *TextField) wantSoft(s string) bool {
	return f.display != nil && f.focused && f.softAvail() > 20 && s != "" &&
		!strings.Contains(s, "\n") && WrapFor(s) == fyne.TextWrapBreak
}

// softAvail is the width the lines are broken for, as the display breaks
// them.
func (f *TextField) softAvail() float32 {
	return f.width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
}

// plain returns the Entry's text without its soft breaks.
func (f *TextField) plain() string {
	if !f.soft {
		return f.Text
	}
	return strings.ReplaceAll(f.Text, "\n", "")
}

// softText is s broken into the lines the display draws, joined by line
// breaks.
func (f *TextField) softText(s string) string {
	return strings.Join(BreakLines(s, f.softAvail(), runeWidthFor(f.TextStyle)), "\n")
}

// toEntry maps a rune offset of the plain text to the Entry's text. An
// offset where a line ends is put at the start of the next line, where
// typing goes on.
func (f *TextField) toEntry(off int) int {
	if !f.soft {
		return off
	}
	n, plain := 0, 0
	for _, r := range f.Text {
		if plain == off && r != '\n' {
			return n
		}
		if r != '\n' {
			plain++
		}
		n++
	}
	return n
}

// fromEntry maps a rune offset of the Entry's text to the plain text.
func (f *TextField) fromEntry(off int) int {
	if !f.soft {
		return off
	}
	n, plain := 0, 0
	for _, r := range f.Text {
		if n == off {
			break
		}
		if r != '\n' {
			plain++
		}
		n++
	}
	return plain
}

// resoft puts the plain text s in the Entry, with soft breaks when wanted,
// without telling the owner, and the cursor at plain offset at.
func (f *TextField) resoft(s string, at int) {
	f.soft = f.wantSoft(s)
	text := s
	if f.soft {
		text = f.softText(s)
	}
	if text != f.Text {
		f.quiet = true
		f.Entry.SetText(text)
		f.quiet = false
	}
	f.placeCursor(f.toEntry(at))
}

// softEdge handles Backspace before and Delete after a soft break: the
// Entry would remove the break, which is no character of the text, and the
// lines would be broken there again. The cursor steps over the break
// first, so the key removes the character the editor sees beside it.
func (f *TextField) softEdge(k *fyne.KeyEvent) {
	if !f.soft || f.SelectedText() != "" {
		return
	}
	rs := []rune(f.Text)
	off := f.CursorTextOffset()
	switch k.Name {
	case fyne.KeyBackspace:
		if off > 1 && rs[off-1] == '\n' {
			f.placeCursor(off - 1)
		}
	case fyne.KeyDelete:
		if off < len(rs)-1 && rs[off] == '\n' {
			f.placeCursor(off + 1)
		}
	}
}

// unsoft takes the soft breaks out before the Entry inserts a line break
// of its own (Enter, a paste of several lines), which could not be told
// from them afterwards.
func (f *TextField) unsoft() {
	if f.soft {
		at := f.fromEntry(f.CursorTextOffset())
		s := f.plain()
		f.soft = false
		f.quiet = true
		f.Entry.SetText(s)
		f.quiet = false
		f.placeCursor(at)
	}
}
