package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/widgets"
)

// articlePane edits the story's headline fields and its paragraphs, one
// field per paragraph. Rows are reused between stories so that switching
// stories does not rebuild every widget.
type articlePane struct {
	w        *Workbench
	root     fyne.CanvasObject
	scroll   *container.Scroll
	kicker   *widgets.TextField
	title    *widgets.TextField
	subtitle *widgets.TextField
	paras    *fyne.Container
	rows     []*widgets.ParagraphRow
	empty    *widget.Label
}

func paragraphKindLabels() []string {
	return []string{lang.L("Body"), lang.L("Subhead"), lang.L("Caption"), lang.L("Credit")}
}

func newArticlePane(w *Workbench) *articlePane {
	a := &articlePane{w: w}
	// Headline fields wrap and grow like paragraphs: a long title in a
	// one-line field is cut off at the pane's edge. Enter adds no line
	// break (a headline is one line of text however it is set).
	field := func(key, placeholder string, set func(st *article.Story, v string)) *widgets.TextField {
		f := widgets.NewTextArea()
		f.SetPlaceHolder(placeholder)
		f.OnUndo, f.OnRedo = w.Undo, w.Redo
		f.OnEnter = func() {}
		f.OnChanged = func(s string) {
			f.Fit()
			w.change(key, placeholder, func(st *article.Story) { set(st, s) })
		}
		f.OnFocus = func() {
			w.focusPara = -1
			w.rawPane.markParagraph(-1)
		}
		return f
	}
	a.kicker = field("kicker", lang.L("Kicker"), func(st *article.Story, v string) { st.Kicker = v })
	a.title = field("title", lang.L("Title"), func(st *article.Story, v string) { st.Title = v })
	a.title.TextStyle = fyne.TextStyle{Bold: true}
	a.subtitle = field("subtitle", lang.L("Subtitle"), func(st *article.Story, v string) { st.Subtitle = v })
	a.paras = container.NewVBox()
	a.empty = widget.NewLabel(lang.L("Select a story on the left."))
	scrolled := func(ev *fyne.ScrollEvent) { a.scroll.Scrolled(ev) }
	head := container.NewVBox(widgets.PassScroll(a.kicker, scrolled), widgets.PassScroll(a.title, scrolled),
		widgets.PassScroll(a.subtitle, scrolled), widget.NewSeparator())
	a.scroll = container.NewVScroll(withGutter(container.NewVBox(a.empty, head, a.paras)))
	a.root = a.scroll
	return a
}

// row returns paragraph row i, creating rows as needed.
func (a *articlePane) row(i int) *widgets.ParagraphRow {
	for len(a.rows) <= i {
		idx := len(a.rows)
		r := widgets.NewParagraphRow(article.ParagraphKinds, paragraphKindLabels())
		w := a.w
		r.Field.OnUndo, r.Field.OnRedo = w.Undo, w.Redo
		r.Field.OnFocus = func() { w.paragraphFocused(idx) }
		r.Field.OnChanged = func(s string) {
			r.Field.Fit()
			w.change(fmt.Sprint("para", idx), lang.L("Typing"), func(st *article.Story) {
				if idx < len(st.Paragraphs) {
					st.Paragraphs[idx].Text = s
				}
			})
		}
		r.Field.OnEnter = func() { w.SplitParagraph() }
		r.Field.OnBackspaceAtStart = func() {
			if idx > 0 {
				w.JoinParagraphs(idx - 1)
			}
		}
		r.OnKindChanged = func(kind string) { w.SetParagraphKind(idx, kind) }
		r.OnScrolled = a.scroll.Scrolled
		a.rows = append(a.rows, r)
	}
	return a.rows[i]
}

func (a *articlePane) fill(st *article.Story) {
	if st == nil {
		a.empty.Show()
		for _, f := range []*widgets.TextField{a.kicker, a.title, a.subtitle} {
			f.SetText("")
			f.Disable()
		}
		a.paras.Objects = nil
		a.paras.Refresh()
		return
	}
	a.empty.Hide()
	// An approved story is read-only until it is put back in the workflow.
	editable := st.Status != article.StatusApproved
	enable := func(f *widgets.TextField) {
		if editable {
			f.Enable()
		} else {
			f.Disable()
		}
	}
	for _, f := range []*widgets.TextField{a.kicker, a.title, a.subtitle} {
		enable(f)
	}
	for f, s := range map[*widgets.TextField]string{a.kicker: st.Kicker, a.title: st.Title, a.subtitle: st.Subtitle} {
		setIfChanged(f, s)
		f.Fit()
	}
	objs := make([]fyne.CanvasObject, len(st.Paragraphs))
	for i, p := range st.Paragraphs {
		r := a.row(i)
		enable(r.Field)
		setIfChanged(r.Field, p.Text)
		r.Field.Fit()
		r.SetKind(p.Kind)
		objs[i] = r
	}
	a.paras.Objects = objs
	a.paras.Refresh()
}

// showRow scrolls the article so that paragraph i is in view (Fyne does not
// scroll to a field that takes the focus).
func (a *articlePane) showRow(i int) {
	if i < 0 || i >= len(a.rows) {
		return
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(a.rows[i]).Y - d.AbsolutePositionForObject(a.scroll.Content).Y
	h, view := a.rows[i].Size().Height, a.scroll.Size().Height
	if y >= a.scroll.Offset.Y && y+h <= a.scroll.Offset.Y+view {
		return
	}
	a.scroll.Offset.Y = max(0, min(y-view/4, a.scroll.Content.MinSize().Height-view))
	a.scroll.Refresh()
}

// setIfChanged avoids SetText (and a relayout) when the text is the same.
func setIfChanged(f *widgets.TextField, s string) {
	if f.Value() != s {
		f.SetText(s)
	}
}

// focus gives paragraph i's field the keyboard focus and scrolls to it.
func (a *articlePane) focus(i int) {
	if i >= len(a.rows) {
		return
	}
	r := a.rows[i]
	if c := a.w.Win.Canvas(); c != nil && c.Focused() != r.Field {
		c.Focus(r.Field)
	}
	a.scrollTo(r)
}

// scrollTo scrolls just enough to show o (a paragraph row), so the text
// under the editor's eyes does not jump.
func (a *articlePane) scrollTo(o fyne.CanvasObject) {
	y := o.Position().Y + a.paras.Position().Y
	h := o.Size().Height
	top, view := a.scroll.Offset.Y, a.scroll.Size().Height
	switch {
	case y < top:
		a.scroll.Offset = fyne.NewPos(0, max(0, y-8))
	case y+h > top+view:
		a.scroll.Offset = fyne.NewPos(0, max(0, min(y-8, y+h-view+8)))
	default:
		return
	}
	a.scroll.Refresh()
}

// field returns paragraph i's text field.
func (a *articlePane) field(i int) *widgets.TextField {
	if i < 0 || i >= len(a.rows) {
		return nil
	}
	return a.rows[i].Field
}
