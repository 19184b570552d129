package app

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
)

// reviewPane lists the automatic edits of the story (rule, the text around
// it, before → after) so the editor can check each, jump to it and undo it.
// A rule filter keeps a long list (dozens of removed spaces) manageable and
// lets one button undo every edit of that rule.
type reviewPane struct {
	w       *Workbench
	root    fyne.CanvasObject
	list    *widget.List
	head    *widget.Label
	rule    *widget.Select
	undoAll *widget.Button
	shown   []int  // indexes into cur.Edits that the filter shows
	filter  string // rule shown, "" all
	labels  map[string]string
}

func newReviewPane(w *Workbench) *reviewPane {
	r := &reviewPane{w: w}
	r.head = widget.NewLabel("")
	r.head.Wrapping = fyne.TextWrapWord
	r.rule = widget.NewSelect(nil, func(label string) {
		r.filter = r.labels[label]
		r.refilter()
		w.fitSidePane()
	})
	r.undoAll = widget.NewButtonWithIcon(lang.L("Undo all of this rule"), theme.ContentUndoIcon(), func() {
		if r.filter != "" {
			w.UndoRule(r.filter)
		}
	})
	r.list = widget.NewList(
		func() int { return len(r.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			undo := widget.NewButtonWithIcon("", theme.ContentUndoIcon(), nil)
			undo.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, undo, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l := c.Objects[0].(*widget.Label)
			undo := c.Objects[1].(*widget.Button)
			i := r.shown[id]
			e := w.cur.Edits[i]
			l.SetText(editContext(w.cur, e))
			undo.OnTapped = func() { w.UndoEdit(i) }
			if e.Paragraph < 0 {
				undo.Disable()
			} else {
				undo.Enable()
			}
		},
	)
	r.list.OnSelected = func(id widget.ListItemID) {
		if id < len(r.shown) {
			w.gotoEdit(r.shown[id])
		}
	}
	// The filter and its button are stacked, not side by side: side by
	// side they were the widest row of the side pane.
	top := container.NewVBox(r.head, r.rule, container.NewHBox(r.undoAll))
	r.root = container.NewBorder(top, nil, nil, nil, r.list)
	return r
}

func (r *reviewPane) fill(st *article.Story) {
	r.list.UnselectAll()
	if st == nil {
		r.head.SetText("")
		r.shown = nil
		r.list.Refresh()
		return
	}
	r.head.SetText(fmt.Sprintf(lang.L("%d automatic edits. Select one to see it; ↶ undoes it."), len(st.Edits)))
	counts := map[string]int{}
	var rules []string
	for _, e := range st.Edits {
		if counts[e.Rule] == 0 {
			rules = append(rules, e.Rule)
		}
		counts[e.Rule]++
	}
	sort.Slice(rules, func(a, b int) bool { return counts[rules[a]] > counts[rules[b]] })
	all := fmt.Sprintf(lang.L("All rules (%d)"), len(st.Edits))
	r.labels = map[string]string{all: ""}
	options := []string{all}
	selected := all
	for _, rule := range rules {
		l := fmt.Sprintf("%s (%d)", ruleLabel(rule), counts[rule])
		r.labels[l] = rule
		options = append(options, l)
		if rule == r.filter {
			selected = l
		}
	}
	if selected == all {
		r.filter = ""
	}
	r.rule.Options = options
	r.rule.Selected = selected
	r.rule.Refresh()
	r.refilter()
}

func (r *reviewPane) refilter() {
	r.shown = r.shown[:0]
	if r.w.cur != nil {
		for i, e := range r.w.cur.Edits {
			if r.filter == "" || e.Rule == r.filter {
				r.shown = append(r.shown, i)
			}
		}
	}
	if r.filter == "" {
		r.undoAll.Disable()
	} else {
		r.undoAll.Enable()
	}
	r.list.UnselectAll()
	r.list.Refresh()
}

// editContext shows an edit in its place: a few characters of the cleaned
// text on each side of [before → after].
func editContext(st *article.Story, e article.Edit) string {
	change := "[" + showInvisible(e.Before) + "→" + showInvisible(e.After) + "]"
	rule := ruleLabel(e.Rule)
	if e.Paragraph < 0 || e.Paragraph >= len(st.Paragraphs) {
		return rule + "  " + change
	}
	text := st.Paragraphs[e.Paragraph].Text
	at := locateEdit(text, e)
	if at < 0 {
		return rule + "  " + change
	}
	before := []rune(text[:at])
	after := []rune(text[at+len(e.After):])
	const ctx = 6
	left, right := string(before[max(0, len(before)-ctx):]), string(after[:min(ctx, len(after))])
	if len(before) > ctx {
		left = "…" + left
	}
	if len(after) > ctx {
		right += "…"
	}
	return rule + "  " + left + change + right
}

func showInvisible(s string) string {
	s = strings.NewReplacer("\n", "⏎", " ", "␣").Replace(s)
	if s == "" {
		return "∅"
	}
	if r := []rune(s); len(r) > 16 {
		return string(r[:16]) + "…"
	}
	return s
}

func editLabel(e article.Edit) string {
	return fmt.Sprintf("%s: %s → %s", ruleLabel(e.Rule), showInvisible(e.Before), showInvisible(e.After))
}

// gotoEdit shows automatic edit i: its paragraph and its raw span.
func (w *Workbench) gotoEdit(i int) {
	if w.cur == nil || i < 0 || i >= len(w.cur.Edits) {
		return
	}
	e := w.cur.Edits[i]
	if e.Paragraph >= 0 && e.Paragraph < len(w.cur.Paragraphs) {
		w.focusParagraph(e.Paragraph)
		text := w.cur.Paragraphs[e.Paragraph].Text
		if at := locateEdit(text, e); at >= 0 {
			// Select what the rule wrote, so the editor sees it at once.
			w.editor.field(e.Paragraph).SelectRunes(utf8.RuneCountInString(text[:at]), utf8.RuneCountInString(e.After))
		}
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
	w.structural(lang.L("Undo automatic edit")+colon()+ruleLabel(e.Rule), func(st *article.Story) {
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
	w.structural(lang.L("Undo all of rule")+colon()+ruleLabel(rule), func(st *article.Story) { n = revertEdits(st, idx) })
	w.status.flash(fmt.Sprintf(lang.L("%d edits of %s undone"), n, ruleLabel(rule)))
}
