package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/storage"
)

// advice says what the editor can do about an archive error.
func advice(err error) string {
	switch {
	case errors.Is(err, storage.ErrLocked):
		return lang.L("Another program is using the archive. Close it (or wait for it to finish) and try again; nothing was lost.")
	case errors.Is(err, storage.ErrReadOnly):
		return lang.L("The archive cannot be written. Check the disk and the file's permissions; your changes stay in the window.")
	case errors.Is(err, storage.ErrDiskFull):
		return lang.L("The disk is full. Free some space and save again; nothing already saved was lost.")
	case errors.Is(err, storage.ErrNotArchive):
		return lang.L("That file is not a Galley archive. Choose another file; it was not changed.")
	case errors.Is(err, storage.ErrCorrupt):
		return lang.L("The archive is damaged. Restore it from a backup.")
	case errors.Is(err, storage.ErrDuplicate):
		return lang.L("That page is already in the archive.")
	}
	return lang.L("Nothing already in the archive was changed.")
}

// showErrorDialog shows what happened, the error and what to do.
func showErrorDialog(win fyne.Window, what string, err error) {
	if win == nil {
		return
	}
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	todo := widget.NewLabel(advice(err))
	todo.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Error"), lang.L("OK"), container.NewVBox(title, msg, todo), win)
	d.Resize(fyne.NewSize(520, 240))
	d.Show()
}

// showMessage shows a titled message with an OK button.
func showMessage(win fyne.Window, title, text string) {
	if win == nil {
		return
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, lang.L("OK"), msg, win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// confirm asks before an action: the confirming button says what it does
// (action) and the other is Cancel. Fyne's ShowConfirm labels them Yes and
// No, which its Chinese translation renders 是 and 不; a dialog's buttons
// read 取消 and the action in Chinese software.
func (w *Workbench) confirm(title, message, action string, ok func()) {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, action, lang.L("Cancel"), msg, func(yes bool) {
		if yes {
			ok()
		}
	}, w.Win)
	d.Resize(fyne.NewSize(460, 200))
	d.Show()
}
