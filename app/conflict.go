package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
	"github.com/galley/galley/widgets"
)

// Every save names the revision the window's copy is based on
// (article.Story.Revision); the archive refuses a save over a newer one
// (someone else saved the story meanwhile: another window, another
// program, a background job) with a *storage.ConflictError. The editor
// then chooses, never the program:
//   - keep mine: save the window's version over theirs (theirs stays in
//     the story's history);
//   - take theirs: show their version (mine goes on the undo history, so
//     Undo brings it back);
//   - see the difference: their version against mine, before choosing.

// conflict is the conflict being resolved, if any: autosave and a manual
// save must not open a second dialog over the first.
type conflict struct {
	open bool
}

// showConflict asks the editor how to resolve a refused save of the open
// story.
func (w *Workbench) showConflict(err error) {
	var ce *storage.ConflictError
	if !errors.As(err, &ce) || w.cur == nil || ce.StoryID != w.cur.ID || w.conflict.open {
		return
	}
	theirs, rerr := w.arc.Story(w.ctx, ce.StoryID)
	if rerr != nil {
		w.showError(lang.L("Could not open the story"), rerr)
		return
	}
	w.conflict.open = true
	data := map[string]any{"By": ce.By, "At": ce.At.Local().Format("2006-01-02 15:04:05"), "Current": ce.Current, "Base": ce.Base}
	msg := widget.NewLabel(lang.L("{{.By}} saved this story at {{.At}} (revision {{.Current}}) after the version in this window was opened (revision {{.Base}}). Your changes are not saved yet. Keep your version (theirs stays in the history), take theirs (Undo brings yours back), or see the difference first.", data))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	done := func() {
		w.conflict.open = false
		d.Hide()
	}
	keep := widget.NewButton(lang.L("Keep mine"), func() {
		done()
		w.keepMine(ce.Current)
	})
	keep.Importance = widget.HighImportance
	take := widget.NewButton(lang.L("Take theirs"), func() {
		done()
		w.takeTheirs(theirs)
	})
	diff := widget.NewButton(lang.L("See the difference"), func() { w.showConflictDiff(theirs) })
	d = dialog.NewCustomWithoutButtons(lang.L("The story was changed elsewhere"),
		container.NewBorder(nil, container.NewHBox(diff, take, keep), nil, nil, msg), w.Win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// keepMine saves the window's version over revision current.
func (w *Workbench) keepMine(current int) {
	if w.cur == nil {
		return
	}
	w.cur.Revision = current
	w.dirty = true
	if err := w.Save(); err == nil {
		w.status.flash(lang.L("Your version was saved; theirs is in the history"))
	}
}

// takeTheirs shows their version; the window's version becomes an undo
// step.
func (w *Workbench) takeTheirs(theirs *article.Story) {
	if w.cur == nil || theirs.ID != w.cur.ID {
		return
	}
	w.hist.record("", lang.L("Take their version"), w.cur)
	if w.autosave != nil {
		w.autosave.Stop()
	}
	*w.cur = *theirs
	w.dirty = false
	w.saveErr = nil
	w.fill()
	w.browser.refreshStory(w.cur.ID)
	w.status.flash(lang.L("Their version is shown; Undo brings yours back"))
}

// showConflictDiff shows their version against the window's.
func (w *Workbench) showConflictDiff(theirs *article.Story) {
	if w.cur == nil {
		return
	}
	text := widget.NewRichText(diffSegments(storyText(theirs), storyText(w.cur))...)
	text.Wrapping = widgets.WrapFor(storyText(w.cur))
	hint := widget.NewLabel(lang.L("From their version to yours: [-only theirs-] {+only yours+}"))
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("The difference"), lang.L("Close"),
		container.NewBorder(hint, nil, nil, nil, container.NewVScroll(text)), w.Win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}
