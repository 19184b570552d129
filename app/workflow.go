package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
)

// The workflow guards approved work: approving a story with flags open
// asks first and lists them, an approved story cannot be edited, and it
// goes back only with a reason, written into its notes (and so into its
// history) with who and when.

// readOnly tells whether the open story is approved, and so not editable.
func (w *Workbench) readOnly() bool {
	return w.cur != nil && w.cur.Status == article.StatusApproved
}

// refuseReadOnly stops a change to an approved story: it puts the widgets
// back as the story is and says how to edit it.
func (w *Workbench) refuseReadOnly() bool {
	if !w.readOnly() {
		return false
	}
	w.fill()
	w.status.flash(lang.L("The story is approved: put it back in the workflow (Story menu) to edit it"))
	return true
}

// confirmApproveFlagged asks before approving a story whose flags are
// still open, listing them.
func (w *Workbench) confirmApproveFlagged() {
	var lines []string
	for _, f := range w.cur.Flags {
		lines = append(lines, "• "+flagText(f))
	}
	msg := fmt.Sprintf(lang.L("This story has %d open flags:"), len(w.cur.Flags)) + "\n" + strings.Join(lines, "\n")
	w.confirm(lang.L("Approve with open flags?"), msg, lang.L("Approve anyway"), func() {
		w.setStatus(article.StatusApproved)
	})
}

// flagText is a flag in words: its kind, and its message when it has one.
func flagText(f article.Flag) string {
	if f.Message == "" {
		return flagLabel(f.Kind)
	}
	return lang.L("{{.Kind}}: {{.Message}}", map[string]any{"Kind": flagLabel(f.Kind), "Message": flagMessage(f.Message)})
}

// askReopen asks why an approved story goes back to status s, then moves
// it and notes the reason.
func (w *Workbench) askReopen(s article.Status) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("Why does it go back?"))
	var d dialog.Dialog
	d = dialog.NewCustomConfirm(lang.L("Reopen an approved story"), lang.L("Reopen"), lang.L("Cancel"),
		container.NewVBox(widget.NewLabel(lang.L("The story was approved. Say why it goes back; the reason is kept in its notes.")), reason),
		func(ok bool) {
			if ok {
				w.Reopen(s, reason.Text)
			}
		}, w.Win)
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
	w.Win.Canvas().Focus(reason)
}

// Reopen moves an approved story back to status s for the reason given,
// which its notes keep with who and when. No reason, no reopening.
func (w *Workbench) Reopen(s article.Status, reason string) error {
	reason = strings.TrimSpace(reason)
	if w.cur == nil || !w.readOnly() {
		return nil
	}
	if reason == "" {
		w.status.flash(lang.L("Not reopened: give a reason"))
		return nil
	}
	if err := w.setStatus(s); err != nil {
		return err
	}
	note := lang.L("Reopened by {{.Who}} on {{.When}} ({{.Status}}): {{.Reason}}", map[string]any{
		"Who": w.author, "When": time.Now().Format("2006-01-02 15:04"), "Status": statusLabel(s), "Reason": reason})
	w.change("", lang.L("Reopen"), func(st *article.Story) {
		st.Notes = strings.TrimSpace(st.Notes + "\n" + note)
	})
	w.fill()
	return w.Save()
}
