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
	"github.com/galley/galley/extract"
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
	// In the page this runs at once, after the save: reading the open story
	// again loses nothing.
	res, err := replaceInArchive(w.ctx, w.arc, r, w.scopeFilter(scope), replace, w.author, nil)
	if replace && res.Stories > 0 {
		w.recordReplace(r, res.Before)
		w.reopen()
	}
	return res.Matches, res.Stories, err
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

// replaceResult is what replaceInArchive did.
type replaceResult struct {
	Matches, Stories int
	Before           []article.Story // the stories it changed, as they were (for undo)
	Wrote            map[int64]int   // the revision it saved, by story id
}

// replaceInArchive counts or replaces in every story f selects, saving each
// changed story as a new revision. It touches no widget, so it can run in
// the background; progress is called after each story.
//
// Each save is based on the revision read; a story saved by someone else
// meanwhile (the editor's autosave while this runs in the background) is a
// conflict, and then the story is read again and replaced in its newer
// version, so that nobody's save is overwritten.
func replaceInArchive(ctx context.Context, arc Archive, r *replacer, f storage.StoryFilter, replace bool, author string, progress func(done, total int)) (replaceResult, error) {
	res := replaceResult{Wrote: map[int64]int{}}
	all, err := arc.StoriesFull(ctx, f)
	if err != nil {
		return res, err
	}
	message := lang.L("Replaced “{{.Find}}” with “{{.Text}}”", map[string]any{"Find": r.find, "Text": r.text})
	for i := range all {
		if err := ctx.Err(); err != nil {
			return res, err // cancelled: the stories replaced so far stay replaced (and undoable)
		}
		if progress != nil {
			progress(i, len(all))
		}
		st := &all[i]
		for attempt := 0; ; attempt++ {
			n := r.apply(st, false)
			if n == 0 {
				break
			}
			if !replace {
				res.Matches += n
				res.Stories++
				break
			}
			old := cloneStory(st)
			r.apply(st, true)
			// a summary nobody wrote follows the replaced text, as it
			// follows typing (Workbench.followSummary)
			opt := extract.Options{Lexicon: arc.Lexicon()}
			followText(st, extract.Summary(&old, opt), extract.Summary(st, opt))
			rev, err := arc.SaveStory(ctx, st, author, message)
			if errors.Is(err, storage.ErrConflict) && attempt < 3 {
				fresh, err := arc.Story(ctx, st.ID)
				if err != nil {
					return res, err
				}
				*st = *fresh
				continue
			}
			if err != nil {
				return res, err
			}
			res.Matches += n
			res.Stories++
			res.Before = append(res.Before, old)
			res.Wrote[st.ID] = rev
			break
		}
	}
	return res, nil
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
	w.background(lang.L("Replacing…"), func(ctx context.Context, report func(int, int)) func() {
		res, err := replaceInArchive(ctx, w.arc, r, storage.StoryFilter{}, true, w.author, report)
		return func() {
			w.replacedUnderTheEditor(r, &res)
			w.recordReplace(r, res.Before)
			w.browser.reload()
			done(res.Matches, res.Stories, err)
		}
	})
}

// replacedUnderTheEditor brings the replace the background job made in the
// archive into the open story without losing what the editor did while it
// ran: the story is not read again, so its unsaved typing and unsaved mark
// stay. When the job saved the open story and nobody saved it after, the
// same replacement is made in the window's copy, which is then based on
// the job's revision (its next save goes over the job's without a
// conflict). When someone saved it after the job, the copy is left alone:
// its next save is a conflict the editor resolves. The open story's undo
// snapshot becomes the window's copy before the replacement, so Undo keeps
// the typing.
func (w *Workbench) replacedUnderTheEditor(r *replacer, res *replaceResult) {
	if w.cur == nil {
		return
	}
	rev, ok := res.Wrote[w.cur.ID]
	if !ok {
		return
	}
	now, err := w.arc.Story(w.ctx, w.cur.ID)
	if err != nil || now.Revision != rev {
		return
	}
	if !w.dirty {
		// Nothing unsaved: the job's version is the story.
		now.Status = w.cur.Status
		*w.cur = *now
		w.fill()
		return
	}
	for i := range res.Before {
		if res.Before[i].ID == w.cur.ID {
			res.Before[i] = cloneStory(w.cur)
		}
	}
	r.apply(w.cur, true)
	w.cur.Revision = rev
	w.fill()
	w.touched()
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
		w.background(lang.L("Counting…"), func(ctx context.Context, report func(int, int)) func() {
			res, err := replaceInArchive(ctx, w.arc, r, storage.StoryFilter{}, false, w.author, report)
			return func() {
				if errors.Is(err, context.Canceled) {
					result.SetText(lang.L("Cancelled"))
					return
				}
				if err != nil {
					result.SetText(err.Error())
					return
				}
				done(res.Matches, res.Stories)
			}
		})
	}
	count := func() {
		counted(func(n, s int) { result.SetText(matchesIn("{{.Matches}} in {{.Stories}}", n, s)) })
	}
	replaceAll := widget.NewButton(lang.L("Replace all"), func() {
		counted(func(n, s int) {
			result.SetText(matchesIn("{{.Matches}} in {{.Stories}}", n, s))
			if n == 0 {
				result.SetText(lang.L("No matches"))
				return
			}
			w.confirm(lang.L("Replace all"), matchesIn("Replace {{.Matches}} in {{.Stories}}?", n, s),
				lang.L("Replace all"), func() { w.replaceAll(find.Text, with.Text, isRe.Checked, scopeKey(), result) })
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

// matchesIn fills a message about n matches in s stories, each counted
// in the UI's language ("1 match in 1 story", "3 处匹配，涉及 2 篇稿件").
func matchesIn(message string, n, s int) string {
	matches := lang.L("{{.N}} matches", map[string]any{"N": n})
	if n == 1 {
		matches = lang.L("{{.N}} match", map[string]any{"N": n})
	}
	return lang.L(message, map[string]any{"Matches": matches, "Stories": storiesCount(s)})
}

// replaceAll replaces in the scope (over the archive in the background)
// and reports in result.
func (w *Workbench) replaceAll(find, with string, isRegexp bool, scope string, result *widget.Label) {
	report := func(n, s int, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			w.showError(lang.L("Replace all"), err)
		}
		result.SetText(matchesIn("Replaced {{.Matches}} in {{.Stories}}", n, s))
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
