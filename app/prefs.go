package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Preference keys (fyne Preferences: per user, not per archive).
const (
	prefLanguage = "language" // "", "en" or "zh-Hans"
	prefWidth    = "window_width"
	prefHeight   = "window_height"
	prefSplit    = "split_" // + index
)

func (w *Workbench) showPreferences() {
	labels := []string{lang.L("Follow the system"), "English", "简体中文"}
	codes := []string{"", "en", "zh-Hans"}
	sel := widget.NewSelect(labels, nil)
	cur := w.App.Preferences().String(prefLanguage)
	for i, c := range codes {
		if c == cur {
			sel.SetSelectedIndex(i)
		}
	}
	note := widget.NewLabel(lang.L("A new language applies after Galley is restarted."))
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Language"), sel),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm(lang.L("Preferences"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if i := sel.SelectedIndex(); i >= 0 {
			w.App.Preferences().SetString(prefLanguage, codes[i])
		}
	}, w.Win)
	d.Resize(fyne.NewSize(420, 220))
	d.Show()
}
