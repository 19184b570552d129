package app

import (
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"github.com/galley/galley/article"
)

// cursorByte returns the byte offset of the cursor in paragraph i's field.
func (w *Workbench) cursorByte(i int) int {
	f := w.editor.field(i)
	if f == nil {
		return 0
	}
	return runeToByte(f.Value(), f.CursorOffset())
}

func runeToByte(s string, r int) int {
	for i := range s {
		if r == 0 {
			return i
		}
		r--
	}
	return len(s)
}

// SplitParagraph splits the focused paragraph at the cursor.
func (w *Workbench) SplitParagraph() {
	i := w.focusPara
	if w.cur == nil || i < 0 || i >= len(w.cur.Paragraphs) {
		return
	}
	at := w.cursorByte(i)
	w.splitParagraphAt(i, at)
	w.focusParagraph(i + 1)
}

func (w *Workbench) splitParagraphAt(i, at int) {
	w.structural(lang.L("Split paragraph"), func(st *article.Story) {
		p := st.Paragraphs[i]
		at = min(max(at, 0), len(p.Text))
		first, second := p, p
		first.Text = strings.TrimRight(p.Text[:at], " ")
		second.Text = strings.TrimLeft(p.Text[at:], " ")
		st.Paragraphs = slices.Replace(st.Paragraphs, i, i+1, first, second)
		shiftParagraphRefs(st, i+1, 1)
	})
}

// JoinParagraphs joins paragraph i and the one after it.
func (w *Workbench) JoinParagraphs(i int) {
	if w.cur == nil || i < 0 || i+1 >= len(w.cur.Paragraphs) {
		return
	}
	joinAt := utf8.RuneCountInString(w.cur.Paragraphs[i].Text)
	w.structural(lang.L("Join paragraphs"), func(st *article.Story) {
		a, b := st.Paragraphs[i], st.Paragraphs[i+1]
		a.Text = joinText(a.Text, b.Text)
		a.Start, a.End = min(a.Start, b.Start), max(a.End, b.End)
		st.Paragraphs = slices.Replace(st.Paragraphs, i, i+2, a)
		for k := range st.Edits {
			if st.Edits[k].Paragraph == i+1 {
				st.Edits[k].Paragraph = i
				st.Edits[k].Offset += len(st.Paragraphs[i].Text) - len(b.Text)
			}
		}
		shiftParagraphRefs(st, i+2, -1)
	})
	w.focusParagraph(i)
	if f := w.editor.field(i); f != nil {
		f.SelectRunes(joinAt, 0) // the cursor where the two parts met
	}
}

// joinText joins two pieces of a paragraph: Latin words keep a space between
// them, Chinese text runs on.
func joinText(a, b string) string {
	a = strings.TrimRight(a, " ")
	b = strings.TrimLeft(b, " ")
	if a == "" || b == "" {
		return a + b
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if last < 0x2e80 && first < 0x2e80 && last != '-' {
		return a + " " + b
	}
	return a + b
}

// shiftParagraphRefs moves the paragraph indexes of flags and edits that
// point at paragraph from or later by delta.
func shiftParagraphRefs(st *article.Story, from, delta int) {
	for k := range st.Flags {
		if st.Flags[k].Paragraph >= from {
			st.Flags[k].Paragraph += delta
		}
	}
	for k := range st.Edits {
		if st.Edits[k].Paragraph >= from {
			st.Edits[k].Paragraph += delta
		}
	}
}

// SetParagraphKind changes paragraph i's kind.
func (w *Workbench) SetParagraphKind(i int, kind string) {
	if w.cur == nil || w.filling || i < 0 || i >= len(w.cur.Paragraphs) || w.cur.Paragraphs[i].Kind == kind {
		return
	}
	w.change("", lang.L("Paragraph kind"), func(st *article.Story) { st.Paragraphs[i].Kind = kind })
	w.editor.row(i).SetKind(kind)
}

// DeleteParagraph removes paragraph i.
func (w *Workbench) DeleteParagraph(i int) {
	if w.cur == nil || i < 0 || i >= len(w.cur.Paragraphs) {
		return
	}
	w.structural(lang.L("Delete paragraph"), func(st *article.Story) {
		st.Paragraphs = slices.Delete(st.Paragraphs, i, i+1)
		kept := st.Edits[:0:0]
		for _, e := range st.Edits {
			if e.Paragraph != i {
				kept = append(kept, e)
			}
		}
		st.Edits = kept
		shiftParagraphRefs(st, i+1, -1)
	})
}

// Headline fields the selection can be moved to.
const (
	FieldTitle    = "title"
	FieldSubtitle = "subtitle"
	FieldKicker   = "kicker"
)

// SetSelectionAs moves the text selected in the focused paragraph into the
// title, subtitle or kicker (replacing what was there) and removes it from
// the paragraph; an emptied paragraph is removed.
func (w *Workbench) SetSelectionAs(field string) {
	i := w.focusPara
	f := w.editor.field(i)
	if w.cur == nil || f == nil {
		return
	}
	sel := f.SelectedText()
	if strings.TrimSpace(sel) == "" {
		w.status.flash(lang.L("Select some text in a paragraph first"))
		return
	}
	cursor := w.cursorByte(i)
	w.setTextAs(i, sel, cursor, field)
}

func (w *Workbench) setTextAs(i int, sel string, near int, field string) {
	w.structural(lang.L("Set selection as")+" "+field, func(st *article.Story) {
		p := &st.Paragraphs[i]
		at := nearestIndex(p.Text, sel, near)
		if at >= 0 {
			p.Text = strings.TrimSpace(p.Text[:at] + p.Text[at+len(sel):])
		}
		v := strings.TrimSpace(sel)
		switch field {
		case FieldTitle:
			st.Title = v
		case FieldSubtitle:
			st.Subtitle = v
		case FieldKicker:
			st.Kicker = v
		}
		if p.Text == "" {
			st.Paragraphs = slices.Delete(st.Paragraphs, i, i+1)
			shiftParagraphRefs(st, i+1, -1)
		}
	})
}

// nearestIndex finds the occurrence of sub in s whose start or end is
// nearest to byte offset near (the cursor sits at one end of a selection).
func nearestIndex(s, sub string, near int) int {
	best := -1
	for from := 0; from <= len(s); {
		j := strings.Index(s[from:], sub)
		if j < 0 {
			break
		}
		j += from
		d := min(abs(j-near), abs(j+len(sub)-near))
		if best < 0 || d < min(abs(best-near), abs(best+len(sub)-near)) {
			best = j
		}
		from = j + 1
	}
	return best
}
