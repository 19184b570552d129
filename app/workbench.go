// Package app is Galley's Fyne workbench: the story browser, the raw page,
// article and metadata panes, the correction tools, menus and dialogs. It
// talks to the archive only through the Archive interface (storage writes
// all SQL) and never imports fyne.io/fyne/v2/app, so it builds and is tested
// headless with fyne.io/fyne/v2/test; the repository root's workbench.go
// creates the real application and calls Run.
package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/user"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/storage"
	"github.com/galley/galley/widgets"
)

// autosaveDelay is how long the editor must be idle before a change is saved.
const autosaveDelay = 4 * time.Second

// Workbench is one open window on an archive.
type Workbench struct {
	App    fyne.App
	Win    fyne.Window
	arc    Archive
	ctx    context.Context
	author string

	// dictTurn is held by the dictionary addition under way (AddTerm).
	dictTurn chan struct{}

	cur       *article.Story // working copy of the selected story, nil if none
	page      *article.Page  // the page cur belongs to
	dirty     bool
	hist      *history
	focusPara int  // paragraph whose field has focus, -1 none
	filling   bool // widgets are being filled from cur: ignore their OnChanged
	// derived is the summary the open story's text gave when it was
	// opened or last saved (when derivedKnown: not with no story or while
	// the dictionary was loading): a summary equal to it is nobody's own
	// and follows the text (followText).
	derived      string
	derivedKnown bool
	flagNext     int // next flag "next flag" goes to
	lastFind     lastFind
	autosave     *time.Timer
	// autosaveAfter is the idle time before an autosave (tests shorten it).
	autosaveAfter time.Duration
	// dictShown is closed once the status bar shows the dictionary ready.
	dictShown chan struct{}
	saveErr   error
	lease     leaseState // who else has the open story open (a shared archive)
	conflict  conflict
	burst     autosaveBurst
	// autosaving: the save under way is an autosave.
	autosaving bool
	// mark is the archive's change mark the window last showed; stopWatch
	// ends the watch on it.
	mark      string
	stopWatch chan struct{}
	// jobs counts the background jobs running (tests wait for them).
	jobs sync.WaitGroup

	browser  *browser
	raw      *widgets.RawView
	rawTitle *widget.Label
	rawPane  *rawPane // the raw text, or the page image of a PDF page
	editor   *articlePane
	meta     *metaPane
	review   *reviewPane
	status   *statusBar
	splits   [3]*container.Split
	right    *container.AppTabs
}

// New builds the workbench in win over arc. It does not show the window.
func New(a fyne.App, win fyne.Window, arc Archive) *Workbench {
	w := &Workbench{App: a, Win: win, arc: arc, ctx: context.Background(),
		author: EditorName(), hist: newHistory(), focusPara: -1, autosaveAfter: autosaveDelay,
		dictTurn: make(chan struct{}, 1)}
	w.status = newStatusBar()
	w.browser = newBrowser(w)
	w.raw = widgets.NewRawView()
	w.raw.OnLineTapped = w.rawLineTapped
	w.raw.Menu = w.rawMenu
	w.raw.OnCopied = func() { w.status.flash(lang.L("Copied to the clipboard")) }
	w.editor = newArticlePane(w)
	w.meta = newMetaPane(w)
	w.review = newReviewPane(w)

	w.right = container.NewAppTabs(
		container.NewTabItem(lang.L("Metadata"), w.meta.root),
		container.NewTabItem(lang.L("Review"), w.review.root),
	)
	// The tabs differ in width (the review's rule filter and button): fit
	// the pane to the one shown.
	w.right.OnSelected = func(*container.TabItem) { w.fitSidePane() }
	w.rawPane = newRawPane(w)
	w.rawTitle = w.rawPane.title
	articleBox := container.NewBorder(paneTitle(lang.L("Article")), nil, nil, nil, w.editor.root)
	inner := container.NewHSplit(articleBox, w.right)
	inner.Offset = 0.55
	panes := container.NewHSplit(w.rawPane.root, inner)
	panes.Offset = 0.32
	outer := container.NewHSplit(w.browser.root, panes)
	outer.Offset = 0.2
	w.splits = [3]*container.Split{outer, panes, inner}
	win.SetContent(container.NewBorder(nil, w.status.root, nil, nil, outer))
	win.SetMainMenu(w.mainMenu())
	w.installShortcuts()
	// Escape closes the dialog on top when no field has the keyboard.
	win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			w.closeTopDialog()
		}
	})
	w.showStory(nil)
	return w
}

func paneTitle(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// EditorName is who a change is recorded as, in the workbench and on the
// command line alike: $GALLEY_USER, else the system's user name, else
// "editor".
func EditorName() string {
	if n := os.Getenv("GALLEY_USER"); n != "" {
		return n
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "editor"
}

// closeTopDialog closes the dialog in front, if any (Escape).
func (w *Workbench) closeTopDialog() {
	overlays := w.Win.Canvas().Overlays()
	if top := overlays.Top(); top != nil {
		// The overlay is the dialog's modal layer, not the dialog itself:
		// removing it is what Hide does for a pop-up.
		overlays.Remove(top)
	}
}

// Close stops the autosave timer (the window is going away; Save first).
func (w *Workbench) Close() {
	if w.autosave != nil {
		w.autosave.Stop()
	}
	if t := w.browser.searchTimer; t != nil {
		t.Stop()
	}
	if w.stopWatch != nil {
		close(w.stopWatch)
		w.stopWatch = nil
	}
	w.stopShared()
}

// Current returns the working copy of the selected story (nil if none).
func (w *Workbench) Current() *article.Story { return w.cur }

// Dirty reports whether the current story has unsaved changes.
func (w *Workbench) Dirty() bool { return w.dirty }

// Reload re-reads the story list from the archive.
func (w *Workbench) Reload() { w.browser.reload() }

// OpenStory saves the current story when changed and shows story id.
func (w *Workbench) OpenStory(id int64) error {
	if w.cur != nil && w.cur.ID == id {
		return nil
	}
	if err := w.Save(); err != nil {
		return err
	}
	st, err := w.arc.Story(w.ctx, id)
	if err != nil {
		w.showError(lang.L("Could not open the story"), err)
		return err
	}
	newPage := w.page == nil || w.page.ID != st.PageID
	if newPage {
		p, err := w.arc.Page(w.ctx, st.PageID)
		if err != nil {
			w.showError(lang.L("Could not open the page"), err)
			return err
		}
		w.page = p
		w.raw.SetText(p.Text)
		w.rawTitle.SetText(lang.L("Raw page") + " · " + pageLabel(&storage.PageInfo{File: p.File, Date: p.Date}))
	}
	w.hist.breakCoalescing()
	w.flagNext = 0
	w.showStory(st)
	w.holdLease(id)
	w.browser.markSelected(id)
	if err := w.arc.SetSetting(w.ctx, "last_story", fmt.Sprint(id)); err != nil {
		log.Printf("galley: remembering the last story: %v", err)
	}
	// The page image last: it may be read in the background, whose
	// fyne.Do runs at once on that goroutine under Fyne's test driver, so
	// nothing here may still be filling widgets then.
	if newPage {
		w.rawPane.setPage(w.page)
	}
	return nil
}

// showStory fills every pane from st (nil: an empty workbench). A story
// opens at its top, not at the place the last one was scrolled to.
func (w *Workbench) showStory(st *article.Story) {
	w.cur = st
	w.dirty = false
	w.focusPara = -1
	w.fill()
	w.derived, w.derivedKnown = w.derivedSummary()
	w.editor.scroll.ScrollToTop()
	w.status.storyOpened()
	if st != nil {
		w.raw.SetSpan(st.Source.Start, st.Source.End)
	} else {
		w.raw.SetSpan(-1, -1)
	}
	w.raw.SetFocus(-1, -1)
	w.rawPane.scrollToStory()
}

// fill copies cur into the widgets without recording changes.
func (w *Workbench) fill() {
	w.filling = true
	defer func() { w.filling = false }()
	w.editor.fill(w.cur)
	w.meta.fill(w.cur)
	w.review.fill(w.cur)
	w.rawPane.showStory()
	w.updateStatus()
	w.fitSidePane()
}

// fitSidePane widens the metadata pane when the story's metadata needs more
// width than the pane has (a long organisation name is one chip that cannot
// wrap): the scroll around it only scrolls down, so the right edge of every
// field would be cut off. Fyne's split keeps each side's minimum only when
// it lays out, so the offset is moved here.
func (w *Workbench) fitSidePane() {
	inner := w.splits[2]
	total := inner.Size().Width
	need := w.right.MinSize().Width
	if total <= 0 || w.right.Size().Width >= need {
		return
	}
	// The split shares its width less the divider; leave a little room.
	avail := total - theme.Size(theme.SizeNameSplitThickness)
	off := 1 - float64(need+theme.Padding())/float64(avail)
	inner.SetOffset(max(off, 0.2))
}

// change applies fn to the current story as one undoable change named key
// (typing in one field coalesces) and marks the story unsaved.
func (w *Workbench) change(key, label string, fn func(st *article.Story)) {
	if w.cur == nil || w.filling || w.refuseReadOnly() {
		return
	}
	w.hist.record(key, label, w.cur)
	fn(w.cur)
	w.touched()
	if key == "title" || key == "kicker" || key == "subtitle" {
		w.browser.showHeadline(w.cur.ID, w.cur.Headline())
	}
}

// touched marks the story changed and restarts the autosave timer.
func (w *Workbench) touched() {
	w.dirty = true
	w.updateStatus()
	if w.autosave != nil {
		w.autosave.Stop()
	}
	id := w.cur.ID
	w.autosave = time.AfterFunc(w.autosaveAfter, func() {
		fyne.Do(func() { w.autosaveFor(id) })
	})
}

// derivedSummary is the summary extraction gives the open story's text as
// it stands; known is false with no story and while the dictionary loads
// (extraction would wait for it on the UI goroutine).
func (w *Workbench) derivedSummary() (summary string, known bool) {
	if w.cur == nil || !w.arc.Lexicon().Loaded() {
		return "", false
	}
	return extract.Summary(w.cur, extract.Options{Lexicon: w.arc.Lexicon()}), true
}

// followSummary keeps a summary nobody wrote in step with the edited text,
// when the story is saved (every export saves first). The summary is
// extracted from the story's first sentence at import; when the editor
// rewrites that sentence, a summary still equal to the one the old text
// gave would describe text the story no longer has, in the field and in
// every export (a DOCX's description, the JSON's summary). A summary the
// editor typed differs from it and is theirs to keep (followText has the
// rule, the empty summary included). At each save, not at
// each keystroke: extraction reads the whole story, which in a long
// paragraph cost more than the keystroke itself.
func (w *Workbench) followSummary() {
	before, knew := w.derived, w.derivedKnown
	now, known := w.derivedSummary()
	w.derived, w.derivedKnown = now, known
	if !knew || !known || !followText(w.cur, before, now) {
		return
	}
	filling := w.filling
	w.filling = true
	defer func() { w.filling = filling }()
	w.meta.summary.SetText(now)
	w.meta.summary.Fit()
}

// autosaveFor saves story id if it is still the one open (the timer that
// calls it was armed by the last change to it).
func (w *Workbench) autosaveFor(id int64) {
	if w.cur != nil && w.cur.ID == id {
		w.autosaving = true
		defer func() { w.autosaving = false }()
		w.Save()
	}
}

// burstWindow is how long after an autosave the next save of the same
// story still belongs to the same editing burst.
const burstWindow = 5 * time.Minute

// autosaveBurst is the revision the last autosave wrote. The saves of one
// editing burst (the autosaves at each pause in typing, and the Ctrl+S or
// story switch that ends it) amend that revision instead of adding one
// each: a burst leaves one revision, not a dozen stray intermediate states.
// A save that is not an autosave ends the burst.
type autosaveBurst struct {
	id  int64
	rev int
	at  time.Time
}

// structural applies a change that rearranges the story (several fields
// at once): one undo step, and the panes are filled again.
func (w *Workbench) structural(label string, fn func(st *article.Story)) {
	if w.cur == nil || w.refuseReadOnly() {
		return
	}
	w.hist.record("", label, w.cur)
	fn(w.cur)
	w.fill()
	w.touched()
	w.status.flash(label)
}

// Save writes the current story as a new revision when it has changes.
func (w *Workbench) Save() error {
	if w.cur == nil || !w.dirty {
		return nil
	}
	if w.autosave != nil {
		w.autosave.Stop()
	}
	w.cur.Metadata.Chars = extract.Chars(w.cur)
	w.followSummary()
	save := w.arc.SaveStory
	if b := w.burst; b.id == w.cur.ID && b.rev == w.cur.Revision && time.Since(b.at) < burstWindow {
		save = w.arc.AmendStory
	}
	if _, err := save(w.ctx, w.cur, w.author, ""); err != nil {
		// The server still away: said once, kept on disk, tried again.
		again := errors.Is(err, storage.ErrUnavailable) && errors.Is(w.saveErr, storage.ErrUnavailable)
		w.saveErr = err
		w.updateStatus()
		w.keepPending(err)
		switch {
		case errors.Is(err, storage.ErrConflict):
			w.showConflict(err)
		case !again:
			w.showError(lang.L("Could not save the story; your changes are still in the window"), err)
		}
		return err
	}
	if w.saveErr != nil {
		w.clearPending(w.cur.ID)
	}
	w.saveErr = nil
	w.dirty = false
	w.burst = autosaveBurst{}
	if w.autosaving {
		w.burst = autosaveBurst{id: w.cur.ID, rev: w.cur.Revision, at: time.Now()}
	}
	w.hist.breakCoalescing()
	w.updateStatus()
	w.browser.refreshStory(w.cur.ID)
	return nil
}

// SetStatus moves the current story in the workflow (saving it first).
// Approving a story with flags open asks first, listing them; an approved
// story goes back (to checked, in progress or new) only with a reason,
// which its notes keep (see workflow.go).
func (w *Workbench) SetStatus(s article.Status) error {
	if w.cur == nil || s == w.cur.Status {
		return nil
	}
	if s == article.StatusApproved && len(w.cur.Flags) > 0 {
		w.confirmApproveFlagged()
		return nil
	}
	if w.cur.Status == article.StatusApproved {
		w.askReopen(s)
		return nil
	}
	return w.setStatus(s)
}

// setStatus records the status change.
func (w *Workbench) setStatus(s article.Status) error {
	if w.cur == nil {
		return nil
	}
	if err := w.Save(); err != nil {
		return err
	}
	if err := w.arc.SetStatus(w.ctx, w.cur.ID, s, w.author); err != nil {
		w.showError(lang.L("Could not change the status"), err)
		return err
	}
	w.cur.Status = s
	w.fill() // an approved story's fields are read-only, a reopened one's editable
	w.meta.showStatus(s)
	w.browser.refreshStory(w.cur.ID)
	w.status.flash(lang.L("Status") + colon() + statusLabel(s))
	return nil
}

// focusParagraph highlights paragraph i's source lines and focuses its field.
func (w *Workbench) focusParagraph(i int) {
	if w.cur == nil || i < 0 || i >= len(w.cur.Paragraphs) {
		return
	}
	w.paragraphFocused(i)
	w.editor.focus(i)
}

// paragraphFocused is called when paragraph i's field gains focus.
func (w *Workbench) paragraphFocused(i int) {
	w.focusPara = i
	p := w.cur.Paragraphs[i]
	if p.End > p.Start || p.Start > 0 {
		w.raw.SetFocus(p.Start, p.End)
	} else {
		w.raw.SetFocus(-1, -1)
	}
	w.rawPane.markParagraph(i)
}

// rawMenu is the raw pane's right-click menu: an editor copies a passage
// the cleaning dropped back from the raw page, what they dragged over or
// the whole line, paragraph or story.
func (w *Workbench) rawMenu(line int) []*fyne.MenuItem {
	copyText := func(label, text string) *fyne.MenuItem {
		return fyne.NewMenuItem(label, func() {
			w.App.Clipboard().SetContent(text)
			w.status.flash(lang.L("Copied to the clipboard"))
		})
	}
	var items []*fyne.MenuItem
	if sel := w.raw.SelectedText(); sel != "" {
		items = append(items, copyText(lang.L("Copy the selection"), sel))
	}
	items = append(items, copyText(lang.L("Copy this line"), w.raw.LineText(line)))
	if w.cur != nil && w.focusPara >= 0 && w.focusPara < len(w.cur.Paragraphs) {
		if p := w.cur.Paragraphs[w.focusPara]; p.Start >= 0 && p.End > p.Start {
			items = append(items, copyText(lang.L("Copy the paragraph's raw text"), w.raw.SpanText(p.Start, p.End)))
		}
	}
	if w.cur != nil && w.cur.Source.Start >= 0 && w.cur.Source.End > w.cur.Source.Start {
		items = append(items, copyText(lang.L("Copy the story's raw text"), w.raw.SpanText(w.cur.Source.Start, w.cur.Source.End)))
	}
	return items
}

// rawLineTapped selects the paragraph made from the tapped raw line.
func (w *Workbench) rawLineTapped(line, offset int) {
	if w.cur == nil {
		return
	}
	end := offset + len(w.raw.LineText(line))
	best, bestOverlap := -1, 0
	for i, p := range w.cur.Paragraphs {
		if o := min(p.End, end+1) - max(p.Start, offset); o > bestOverlap {
			best, bestOverlap = i, o
		}
	}
	if best >= 0 {
		w.focusParagraph(best)
		return
	}
	// A line of another story: open that story.
	if w.page != nil {
		for _, s := range w.page.Stories {
			if s.ID != w.cur.ID && s.Source.Start <= offset && s.Source.End > offset {
				w.OpenStory(s.ID)
				return
			}
		}
	}
}

func (w *Workbench) updateStatus() {
	w.status.update(w)
}

// showError shows what happened and what to do in a dialog.
func (w *Workbench) showError(what string, err error) {
	log.Printf("galley: %s: %v", what, err)
	showErrorDialog(w.Win, what, err)
}
