package app

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// Scopes of find and replace.
const (
	ScopeStory   = "story"
	ScopePage    = "page"
	ScopeArchive = "archive"
)

// replacer finds a plain string or a regular expression.
type replacer struct {
	re   *regexp.Regexp
	with string
}

func newReplacer(find, with string, isRegexp bool) (*replacer, error) {
	if find == "" {
		return nil, errors.New(lang.L("Type what to find"))
	}
	if !isRegexp {
		find = regexp.QuoteMeta(find)
		with = strings.ReplaceAll(with, "$", "$$")
	}
	re, err := regexp.Compile(find)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lang.L("Not a valid regular expression"), err)
	}
	return &replacer{re: re, with: with}, nil
}

// apply counts (and, when replace is set, replaces) matches in the story's
// headline fields, paragraphs and summary. It returns the count.
func (r *replacer) apply(st *article.Story, replace bool) int {
	n := 0
	do := func(s *string) {
		m := len(r.re.FindAllStringIndex(*s, -1))
		n += m
		if replace && m > 0 {
			*s = r.re.ReplaceAllString(*s, r.with)
		}
	}
	do(&st.Kicker)
	do(&st.Title)
	do(&st.Subtitle)
	for i := range st.Paragraphs {
		do(&st.Paragraphs[i].Text)
	}
	return n
}

// FindReplace counts or replaces in the given scope and returns the number
// of matches and of stories with matches. Replacing in the story is one
// undoable step; in the page or the archive every changed story is saved as
// a new revision (and can be restored from its history).
func (w *Workbench) FindReplace(find, with string, isRegexp bool, scope string, replace bool) (matches, stories int, err error) {
	r, err := newReplacer(find, with, isRegexp)
	if err != nil {
		return 0, 0, err
	}
	if w.cur == nil && scope != ScopeArchive {
		return 0, 0, nil
	}
	if scope == ScopeStory || scope == "" {
		probe := cloneStory(w.cur)
		n := r.apply(&probe, false)
		if replace && n > 0 {
			w.structural(fmt.Sprintf(lang.L("Replace all (%d)"), n), func(st *article.Story) { r.apply(st, true) })
		}
		return n, min(n, 1), nil
	}
	if err := w.Save(); err != nil {
		return 0, 0, err
	}
	f := storage.StoryFilter{}
	if scope == ScopePage {
		f.PageID = w.cur.PageID
	}
	all, err := w.arc.StoriesFull(w.ctx, f)
	if err != nil {
		return 0, 0, err
	}
	for i := range all {
		st := &all[i]
		n := r.apply(st, replace)
		if n == 0 {
			continue
		}
		matches += n
		stories++
		if replace {
			msg := fmt.Sprintf(lang.L("replaced %q with %q"), find, with)
			if _, err := w.arc.SaveStory(w.ctx, st, w.author, msg); err != nil {
				return matches, stories, err
			}
		}
	}
	if replace && stories > 0 {
		id := w.cur.ID
		w.cur = nil
		w.hist.clear()
		w.OpenStory(id)
		w.browser.reload()
	}
	return matches, stories, nil
}

// showFindReplace opens the find and replace dialog.
func (w *Workbench) showFindReplace() {
	find := widget.NewEntry()
	find.SetPlaceHolder(lang.L("Find"))
	if f := w.editor.field(w.focusPara); f != nil && f.SelectedText() != "" {
		find.SetText(f.SelectedText())
	}
	with := widget.NewEntry()
	with.SetPlaceHolder(lang.L("Replace with"))
	isRe := widget.NewCheck(lang.L("Regular expression"), nil)
	scopes := []string{lang.L("This story"), lang.L("This page"), lang.L("Whole archive")}
	scopeKeys := []string{ScopeStory, ScopePage, ScopeArchive}
	scope := widget.NewRadioGroup(scopes, nil)
	scope.Horizontal = true
	scope.SetSelected(scopes[0])
	result := widget.NewLabel("")
	scopeKey := func() string {
		for i, s := range scopes {
			if s == scope.Selected {
				return scopeKeys[i]
			}
		}
		return ScopeStory
	}
	count := func() {
		n, s, err := w.FindReplace(find.Text, with.Text, isRe.Checked, scopeKey(), false)
		if err != nil {
			result.SetText(err.Error())
			return
		}
		result.SetText(fmt.Sprintf(lang.L("%d matches in %d stories"), n, s))
	}
	var d dialog.Dialog
	replaceAll := widget.NewButton(lang.L("Replace all"), func() {
		n, s, err := w.FindReplace(find.Text, with.Text, isRe.Checked, scopeKey(), false)
		if err != nil {
			result.SetText(err.Error())
			return
		}
		if n == 0 {
			result.SetText(lang.L("No matches"))
			return
		}
		dialog.ShowConfirm(lang.L("Replace all"),
			fmt.Sprintf(lang.L("Replace %d matches in %d stories?"), n, s), func(ok bool) {
				if !ok {
					return
				}
				w.runBusy(lang.L("Replacing…"), func() error {
					n, s, err = w.FindReplace(find.Text, with.Text, isRe.Checked, scopeKey(), true)
					return err
				}, func() {
					result.SetText(fmt.Sprintf(lang.L("Replaced %d matches in %d stories"), n, s))
				})
			}, w.Win)
	})
	replaceAll.Importance = widget.HighImportance
	content := container.NewVBox(find, with, isRe, scope,
		container.NewHBox(widget.NewButton(lang.L("Count"), count), replaceAll), result)
	find.OnSubmitted = func(string) { count() }
	d = dialog.NewCustom(lang.L("Find and replace"), lang.L("Close"), content, w.Win)
	d.Resize(fyne.NewSize(480, 320))
	d.Show()
	w.Win.Canvas().Focus(find)
}

// runBusy runs work (which touches the archive and may touch widgets, so
// it runs on the UI goroutine) and then done; errors go to a dialog.
func (w *Workbench) runBusy(label string, work func() error, done func()) {
	w.status.flash(label)
	if err := work(); err != nil {
		w.showError(label, err)
		return
	}
	if done != nil {
		done()
	}
}
