package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
)

// reviewPane lists the automatic edits of the story (rule, before → after)
// so the editor can check each, jump to it and undo it.
type reviewPane struct {
	w    *Workbench
	root fyne.CanvasObject
	list *widget.List
	head *widget.Label
}

func newReviewPane(w *Workbench) *reviewPane {
	r := &reviewPane{w: w}
	r.head = widget.NewLabel("")
	r.head.Wrapping = fyne.TextWrapWord
	r.list = widget.NewList(
		func() int {
			if w.cur == nil {
				return 0
			}
			return len(w.cur.Edits)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			undo := widget.NewButtonWithIcon("", theme.ContentUndoIcon(), nil)
			undo.Importance = widget.LowImportance
			all := widget.NewButton(lang.L("All of rule"), nil)
			all.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, container.NewHBox(undo, all), l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			btns := c.Objects[1].(*fyne.Container)
			undo := btns.Objects[0].(*widget.Button)
			all := btns.Objects[1].(*widget.Button)
			e := w.cur.Edits[id]
			l.SetText(editLabel(e))
			undo.OnTapped = func() { w.UndoEdit(id) }
			all.OnTapped = func() { w.UndoRule(e.Rule) }
			if e.Paragraph < 0 {
				undo.Disable()
			} else {
				undo.Enable()
			}
		},
	)
	r.list.OnSelected = func(id widget.ListItemID) { w.gotoEdit(id) }
	r.root = container.NewBorder(r.head, nil, nil, nil, r.list)
	return r
}

func (r *reviewPane) fill(st *article.Story) {
	r.list.UnselectAll()
	if st == nil {
		r.head.SetText("")
	} else {
		r.head.SetText(fmt.Sprintf(lang.L("%d automatic edits. Select one to see it; ↶ undoes it."), len(st.Edits)))
	}
	r.list.Refresh()
}

func editLabel(e article.Edit) string {
	show := func(s string) string {
		s = strings.NewReplacer("\n", "⏎", " ", "␣").Replace(s)
		if s == "" {
			return "∅"
		}
		if r := []rune(s); len(r) > 16 {
			return string(r[:16]) + "…"
		}
		return s
	}
	return fmt.Sprintf("%s: %s → %s", e.Rule, show(e.Before), show(e.After))
}

// gotoEdit shows automatic edit i: its paragraph and its raw span.
func (w *Workbench) gotoEdit(i int) {
	if w.cur == nil || i < 0 || i >= len(w.cur.Edits) {
		return
	}
	e := w.cur.Edits[i]
	if e.Paragraph >= 0 && e.Paragraph < len(w.cur.Paragraphs) {
		w.focusParagraph(e.Paragraph)
	}
	if e.End >= e.Start && e.Start >= 0 {
		w.raw.SetFocus(e.Start, max(e.End, e.Start))
	}
	w.status.flash(editLabel(e))
}

// locateEdit returns the byte offset of e.After in its paragraph: at
// e.Offset when it is still there, else the occurrence nearest to it.
func locateEdit(text string, e article.Edit) int {
	if e.Offset >= 0 && e.Offset+len(e.After) <= len(text) && text[e.Offset:e.Offset+len(e.After)] == e.After {
		return e.Offset
	}
	if e.After == "" {
		if e.Offset >= 0 && e.Offset <= len(text) {
			return e.Offset
		}
		return -1
	}
	best := -1
	for from := 0; ; {
		j := strings.Index(text[from:], e.After)
		if j < 0 {
			break
		}
		j += from
		if best < 0 || abs(j-e.Offset) < abs(best-e.Offset) {
			best = j
		}
		from = j + 1
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// revertEdits puts Before back in place of After for the edits with the
// given indexes, removes them from the list and shifts the offsets of the
// later edits in the same paragraphs. It returns how many it reverted.
func revertEdits(st *article.Story, idx []int) int {
	// Work from the end of each paragraph backwards so offsets stay valid.
	sort.Slice(idx, func(a, b int) bool {
		ea, eb := st.Edits[idx[a]], st.Edits[idx[b]]
		if ea.Paragraph != eb.Paragraph {
			return ea.Paragraph < eb.Paragraph
		}
		return ea.Offset > eb.Offset
	})
	done := map[int]bool{}
	for _, i := range idx {
		e := st.Edits[i]
		if e.Paragraph < 0 || e.Paragraph >= len(st.Paragraphs) {
			continue
		}
		p := &st.Paragraphs[e.Paragraph]
		at := locateEdit(p.Text, e)
		if at < 0 {
			continue
		}
		p.Text = p.Text[:at] + e.Before + p.Text[at+len(e.After):]
		shift := len(e.Before) - len(e.After)
		for j := range st.Edits {
			if j != i && !done[j] && st.Edits[j].Paragraph == e.Paragraph && st.Edits[j].Offset > at {
				st.Edits[j].Offset += shift
			}
		}
		done[i] = true
	}
	kept := st.Edits[:0:0]
	for i, e := range st.Edits {
		if !done[i] {
			kept = append(kept, e)
		}
	}
	st.Edits = kept
	return len(done)
}

// UndoEdit reverts automatic edit i (one undoable step).
func (w *Workbench) UndoEdit(i int) {
	if w.cur == nil || i < 0 || i >= len(w.cur.Edits) {
		return
	}
	e := w.cur.Edits[i]
	n := 0
	w.structural(lang.L("Undo automatic edit")+" "+e.Rule, func(st *article.Story) {
		n = revertEdits(st, []int{i})
	})
	if n == 0 {
		w.status.flash(lang.L("That text was changed since; nothing to undo"))
	}
}

// UndoRule reverts every automatic edit of one rule (one undoable step).
func (w *Workbench) UndoRule(rule string) {
	if w.cur == nil {
		return
	}
	var idx []int
	for i, e := range w.cur.Edits {
		if e.Rule == rule && e.Paragraph >= 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	n := 0
	w.structural(lang.L("Undo all of rule")+" "+rule, func(st *article.Story) { n = revertEdits(st, idx) })
	w.status.flash(fmt.Sprintf(lang.L("%d edits of %s undone"), n, rule))
}
