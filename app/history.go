package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/galley/galley/article"
	"github.com/galley/galley/widgets"
)

// storyText is the story as the diff shows it: headline fields, then the
// paragraphs, one per line.
func storyText(st *article.Story) string {
	var b strings.Builder
	for _, h := range []string{st.Kicker, st.Title, st.Subtitle} {
		if h != "" {
			b.WriteString(h + "\n")
		}
	}
	b.WriteString(st.Body())
	return b.String()
}

// diffSegments returns rich-text segments showing old → new: deletions
// struck and red, insertions green.
func diffSegments(oldText, newText string) []widget.RichTextSegment {
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMain(oldText, newText, false))
	var segs []widget.RichTextSegment
	for _, d := range diffs {
		seg := &widget.TextSegment{Text: d.Text, Style: widget.RichTextStyleInline}
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			seg.Style.ColorName = "error" // not italic: see theme.go
			seg.Text = "[-" + d.Text + "-]"
		case diffmatchpatch.DiffInsert:
			seg.Style.ColorName = "success"
			seg.Style.TextStyle = fyne.TextStyle{Bold: true}
			seg.Text = "{+" + d.Text + "+}"
		}
		segs = append(segs, seg)
	}
	return segs
}

// RestoreRevision makes revision n of the current story current again.
func (w *Workbench) RestoreRevision(n int) error {
	if w.cur == nil {
		return nil
	}
	if err := w.Save(); err != nil {
		return err
	}
	if _, err := w.arc.RestoreRevision(w.ctx, w.cur.ID, n, w.cur.Revision, w.author); err != nil {
		w.showError(lang.L("Could not restore the revision"), err)
		return err
	}
	id := w.cur.ID
	w.cur = nil
	w.OpenStory(id)
	w.browser.reload()
	w.status.flash(fmt.Sprintf(lang.L("Restored revision %d"), n))
	return nil
}

func (w *Workbench) showHistory() {
	if w.cur == nil {
		return
	}
	revs, err := w.arc.Revisions(w.ctx, w.cur.ID)
	if err != nil {
		w.showError(lang.L("Could not read the revisions"), err)
		return
	}
	diff := widget.NewRichText()
	diff.Wrapping = fyne.TextWrapWord
	selected := -1
	list := widget.NewList(func() int { return len(revs) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := revs[len(revs)-1-i]
			o.(*widget.Label).SetText(fmt.Sprintf("%d · %s · %s · %s", r.N, r.At.Local().Format("2006-01-02 15:04"), r.Author, revisionMessage(r.Message)))
		})
	restore := widget.NewButton(lang.L("Restore this revision"), func() {
		if selected < 0 {
			return
		}
		w.RestoreRevision(revs[selected].N)
	})
	restore.Disable()
	list.OnSelected = func(i widget.ListItemID) {
		selected = len(revs) - 1 - i
		old, err := w.arc.Revision(w.ctx, w.cur.ID, revs[selected].N)
		if err != nil {
			w.showError(lang.L("Could not read the revision"), err)
			return
		}
		diff.Segments = diffSegments(storyText(old), storyText(w.cur))
		// Chinese wraps at any character (a word wrap breaks at the one
		// space of a byline and leaves a gap), English at words.
		diff.Wrapping = widgets.WrapFor(storyText(w.cur))
		diff.Refresh()
		restore.Enable()
	}
	hint := widget.NewLabel(lang.L("Differences from the revision to the text in the window: [-removed-] {+added+}"))
	hint.Wrapping = fyne.TextWrapWord
	split := container.NewVSplit(list, container.NewBorder(hint, restore, nil, nil, container.NewVScroll(diff)))
	// The list gets half the height: ten revisions or so at a glance, not
	// four.
	split.Offset = 0.5
	d := dialog.NewCustom(lang.L("Revision history"), lang.L("Close"), split, w.Win)
	d.Resize(fyne.NewSize(820, 720))
	d.Show()
	if len(revs) > 0 {
		list.Select(0) // the newest: what changed since the last save
	}
}
