package app

import (
	"context"
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
	"github.com/galley/galley/widgets"
)

// Scopes of find and replace.
const (
	ScopeStory   = "story"
	ScopePage    = "page"
	ScopeArchive = "archive"
)

// replacer finds a plain string or a regular expression.
type replacer struct {
	re         *regexp.Regexp
	with       string
	find, text string // as typed, for revision messages
}

func newReplacer(find, with string, isRegexp bool) (*replacer, error) {
	if find == "" {
		return nil, errors.New(lang.L("Type what to find"))
	}
	typed, typedWith := find, with
	if !isRegexp {
		find = regexp.QuoteMeta(find)
		with = strings.ReplaceAll(with, "$", "$$")
	}
	re, err := regexp.Compile(find)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lang.L("Not a valid regular expression"), err)
	}
	return &replacer{re: re, with: with, find: typed, text: typedWith}, nil
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
	matches, stories, before, err := replaceInArchive(w.ctx, w.arc, r, w.scopeFilter(scope), replace, w.author, nil)
	if replace && stories > 0 {
		w.recordReplace(r, before)
		w.reopen()
	}
	return matches, stories, err
}

func (w *Workbench) scopeFilter(scope string) storage.StoryFilter {
	f := storage.StoryFilter{}
	if scope == ScopePage && w.cur != nil {
		f.PageID = w.cur.PageID
	}
	return f
}

// reopen reads the current story again from the archive (after changes
// made to it there) and refreshes the list.
func (w *Workbench) reopen() {
	if w.cur == nil {
		w.browser.reload()
		return
	}
	id := w.cur.ID
	w.cur = nil
	w.dirty = false
	w.OpenStory(id)
	w.browser.reload()
}

// replaceInArchive counts or replaces in every story f selects, saving each
// changed story as a new revision. It touches no widget, so it can run in
// the background; progress is called after each story.
// It also returns the stories it changed as they were before, for undo.
func replaceInArchive(ctx context.Context, arc Archive, r *replacer, f storage.StoryFilter, replace bool, author string, progress func(done, total int)) (matches, stories int, before []article.Story, err error) {
	all, err := arc.StoriesFull(ctx, f)
	if err != nil {
		return 0, 0, nil, err
	}
	for i := range all {
		if progress != nil {
			progress(i, len(all))
		}
		st := &all[i]
		n := r.apply(st, false)
		if n == 0 {
			continue
		}
		matches += n
		stories++
		if replace {
			old := cloneStory(st)
			r.apply(st, true)
			if _, err := arc.SaveStory(ctx, st, author, lang.L("Replaced “{{.Find}}” with “{{.Text}}”", map[string]any{"Find": r.find, "Text": r.text})); err != nil {
				return matches, stories, before, err
			}
			before = append(before, old)
		}
	}
	return matches, stories, before, nil
}

// recordReplace makes a replace in the page or the archive one undo step.
func (w *Workbench) recordReplace(r *replacer, before []article.Story) {
	if len(before) == 0 {
		return
	}
	var open int64
	if w.cur != nil {
		open = w.cur.ID
	}
	w.hist.recordStories(fmt.Sprintf(lang.L("Replace %q with %q"), r.find, r.text), open, before)
}

// replaceArchiveInBackground replaces in the whole archive off the UI
// goroutine, with progress in the status bar, then calls done.
func (w *Workbench) replaceArchiveInBackground(r *replacer, done func(matches, stories int, err error)) {
	if err := w.Save(); err != nil {
		done(0, 0, err)
		return
	}
	w.background(lang.L("Replacing…"), func(report func(int, int)) func() {
		m, s, before, err := replaceInArchive(context.Background(), w.arc, r, storage.StoryFilter{}, true, w.author, report)
		return func() {
			w.recordReplace(r, before)
			w.reopen()
			done(m, s, err)
		}
	})
}

// showFindReplace opens the find and replace dialog.
func (w *Workbench) showFindReplace() {
	find := widgets.NewTextField()
	find.OnEscape = w.closeTopDialog
	find.SetPlaceHolder(lang.L("Find"))
	if f := w.editor.field(w.focusPara); f != nil && f.SelectedText() != "" {
		find.SetText(f.SelectedText())
	}
	with := widgets.NewTextField()
	with.OnEscape = w.closeTopDialog
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
	// counted runs done with the number of matches: at once in a story or
	// a page, in the background over the whole archive.
	counted := func(done func(n, s int)) {
		r, err := newReplacer(find.Text, with.Text, isRe.Checked)
		if err != nil {
			result.SetText(err.Error())
			return
		}
		if scopeKey() != ScopeArchive {
			n, s, err := w.FindReplace(find.Text, with.Text, isRe.Checked, scopeKey(), false)
			if err != nil {
				result.SetText(err.Error())
				return
			}
			done(n, s)
			return
		}
		if err := w.Save(); err != nil {
			return
		}
		result.SetText(lang.L("Counting…"))
		w.background(lang.L("Counting…"), func(report func(int, int)) func() {
			n, s, _, err := replaceInArchive(context.Background(), w.arc, r, storage.StoryFilter{}, false, w.author, report)
			return func() {
				if err != nil {
					result.SetText(err.Error())
					return
				}
				done(n, s)
			}
		})
	}
	count := func() {
		counted(func(n, s int) { result.SetText(fmt.Sprintf(lang.L("%d matches in %d stories"), n, s)) })
	}
	replaceAll := widget.NewButton(lang.L("Replace all"), func() {
		counted(func(n, s int) {
			result.SetText(fmt.Sprintf(lang.L("%d matches in %d stories"), n, s))
			if n == 0 {
				result.SetText(lang.L("No matches"))
				return
			}
			dialog.ShowConfirm(lang.L("Replace all"),
				fmt.Sprintf(lang.L("Replace %d matches in %d stories?"), n, s), func(ok bool) {
					if ok {
						w.replaceAll(find.Text, with.Text, isRe.Checked, scopeKey(), result)
					}
				}, w.Win)
		})
	})
	replaceAll.Importance = widget.HighImportance
	var d *dialog.CustomDialog
	// Find next closes the dialog so the match is in plain view; Ctrl+F3
	// goes on to the next one.
	findNext := widget.NewButton(lang.L("Find next"), func() {
		found, err := w.FindNext(find.Text, isRe.Checked)
		switch {
		case err != nil:
			result.SetText(err.Error())
		case !found:
			result.SetText(lang.L("No matches in this story"))
		default:
			d.Hide()
			w.focusParagraph(w.focusPara)
		}
	})
	content := container.NewVBox(find, with, isRe, scope,
		container.NewHBox(findNext, widget.NewButton(lang.L("Count"), count), replaceAll), result)
	find.OnSubmitted = func(string) { count() }
	d = dialog.NewCustom(lang.L("Find and replace"), lang.L("Close"), content, w.Win)
	d.Resize(fyne.NewSize(480, 320))
	d.Show()
	w.Win.Canvas().Focus(find)
}

// replaceAll replaces in the scope (over the archive in the background)
// and reports in result.
func (w *Workbench) replaceAll(find, with string, isRegexp bool, scope string, result *widget.Label) {
	report := func(n, s int, err error) {
		if err != nil {
			w.showError(lang.L("Replace all"), err)
		}
		result.SetText(fmt.Sprintf(lang.L("Replaced %d matches in %d stories"), n, s))
	}
	if scope == ScopeArchive {
		r, err := newReplacer(find, with, isRegexp)
		if err != nil {
			result.SetText(err.Error())
			return
		}
		w.replaceArchiveInBackground(r, report)
		return
	}
	n, s, err := w.FindReplace(find, with, isRegexp, scope, true)
	report(n, s, err)
}
