package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/assets"
	"github.com/galley/galley/widgets"
)

// longest opens the story with the most text.
func longest(t *testing.T, w *Workbench) *article.Story {
	t.Helper()
	best, n := int64(0), 0
	for _, s := range w.browser.stories {
		if s.Chars > n {
			best, n = s.ID, s.Chars
		}
	}
	if err := w.OpenStory(best); err != nil {
		t.Fatal(err)
	}
	return w.Current()
}

// middleOf is the middle of o in window coordinates.
func middleOf(o fyne.CanvasObject) fyne.Position {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return pos.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

// The mouse wheel scrolls the article while the pointer is over a
// paragraph or a headline field (clicks still reach the field:
// widgets.TestScrollPassTakesOnlyTheWheel).
func TestMouseWheelOverAParagraphScrollsTheArticle(t *testing.T) {
	w, _, _ := newBench(t)
	st := longest(t, w)
	if w.editor.scroll.Content.MinSize().Height <= w.editor.scroll.Size().Height {
		t.Fatalf("set-up: story %d fits the pane", st.ID)
	}
	c := w.Win.Canvas()
	field := w.editor.row(0).Field
	test.Scroll(c, middleOf(field), 0, -120)
	if w.editor.scroll.Offset.Y <= 0 {
		t.Fatal("the wheel over a paragraph did not scroll the article")
	}
	w.editor.scroll.ScrollToTop()
	test.Scroll(c, middleOf(w.editor.title), 0, -120)
	if w.editor.scroll.Offset.Y <= 0 {
		t.Fatal("the wheel over the title did not scroll the article")
	}
}

// Another story opens at its top, not where the last one was scrolled to.
func TestSwitchingStoryOpensAtTheTop(t *testing.T) {
	w, _, _ := newBench(t)
	st := longest(t, w)
	w.editor.scroll.ScrollToBottom()
	if w.editor.scroll.Offset.Y <= 0 {
		t.Fatal("set-up: could not scroll down")
	}
	for _, s := range w.browser.stories {
		if s.ID != st.ID {
			w.OpenStory(s.ID)
			break
		}
	}
	if y := w.editor.scroll.Offset.Y; y != 0 {
		t.Fatalf("the next story opened scrolled to %v", y)
	}
}

// A long kicker, title or subtitle wraps onto more lines instead of being
// cut off at the pane's edge; Enter adds no line break to a headline.
func TestLongHeadlinesWrap(t *testing.T) {
	w, _, _ := newBench(t)
	one := widgets.NewTextField().MinSize().Height
	test.Type(w.editor.title, strings.Repeat("濮阳工业园区举行综合应急演练", 6))
	if h := w.editor.title.MinSize().Height; h < 1.8*one {
		t.Fatalf("a six-times-long title is %v high, one line is %v", h, one)
	}
	w.editor.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if strings.Contains(w.Current().Title, "\n") {
		t.Fatal("Enter put a line break in the title")
	}
}

// flagged opens the first story with a flag of kind and returns the flag's
// index.
func flagged(t *testing.T, w *Workbench, kind string) int {
	t.Helper()
	storyWith(t, w, func(s *article.Story) bool {
		for _, f := range s.Flags {
			if f.Kind == kind {
				return true
			}
		}
		return false
	})
	for i, f := range w.Current().Flags {
		if f.Kind == kind {
			return i
		}
	}
	return -1
}

// Next flag shows the place it reports: the title field for a story
// without a headline, the kept space itself for an uncertain gap (its
// paragraph scrolled into view); and the status bar forgets the flag
// message when another story opens.
func TestNextFlagShowsThePlace(t *testing.T) {
	w, _, _ := newBench(t)
	c := w.Win.Canvas()
	i := flagged(t, w, article.FlagNoHeadline)
	w.editor.scroll.ScrollToBottom()
	w.gotoFlag(i)
	if c.Focused() != w.editor.title || w.editor.scroll.Offset.Y != 0 {
		t.Fatalf("no headline: focus on %T, scrolled to %v", c.Focused(), w.editor.scroll.Offset.Y)
	}

	// a kept gap (not a lost character, which has no space to select)
	storyWith(t, w, func(s *article.Story) bool {
		for _, f := range s.Flags {
			if f.Kind == article.FlagUncertain && strings.HasPrefix(f.Message, "space ") {
				return true
			}
		}
		return false
	})
	i = -1
	for k, f := range w.Current().Flags {
		if f.Kind == article.FlagUncertain && strings.HasPrefix(f.Message, "space ") {
			i = k
			break
		}
	}
	f := w.Current().Flags[i]
	w.gotoFlag(i)
	field := w.editor.row(f.Paragraph).Field
	if c.Focused() != field || field.SelectedText() != " " {
		t.Fatalf("uncertain gap: focus on %T, selected %q", c.Focused(), field.SelectedText())
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(field).Y - d.AbsolutePositionForObject(w.editor.scroll.Content).Y
	if off := w.editor.scroll.Offset.Y; y < off || y > off+w.editor.scroll.Size().Height {
		t.Fatalf("paragraph %d at %v is not in view (%v + %v)", f.Paragraph, y, off, w.editor.scroll.Size().Height)
	}
	if !strings.Contains(w.status.message.Text, "Flag") {
		t.Fatalf("status bar: %q", w.status.message.Text)
	}
	for _, s := range w.browser.stories {
		if s.Flags == 0 {
			w.OpenStory(s.ID)
			break
		}
	}
	if w.status.message.Text != "" {
		t.Fatalf("the last story's flag message stays: %q", w.status.message.Text)
	}
}

// In Chinese a confirmation reads 取消 and its action, not 是/不, and a
// label is joined to its value with a full-width colon.
func TestChineseConfirmationsAndColons(t *testing.T) {
	w, _, _ := newBench(t)
	inChinese(t, w)
	w.confirm(lang.L("Replace all"), "?", lang.L("Replace all"), func() {})
	shown := labelsOf(objectsOf(t, w))
	if !contains(shown, "取消") || !contains(shown, "全部替换") || contains(shown, "不") || contains(shown, "是") {
		t.Fatalf("confirmation buttons: %q", shown)
	}
	w.closeTopDialog()
	w.SetStatus(article.StatusChecked)
	if got := w.status.message.Text; !strings.HasPrefix(got, "状态：") {
		t.Fatalf("status message %q", got)
	}
}

// The search runs once typing pauses, without Enter, and Escape clears it.
func TestSearchRunsAsYouTypeAndEscapeClears(t *testing.T) {
	w, arc, _ := newBench(t)
	<-arc.Lexicon().Ready()
	all := len(w.browser.stories)
	var pending func()
	w.browser.afterPause = func(d time.Duration, f func()) *time.Timer {
		if d <= 0 {
			t.Errorf("no pause before searching: %v", d)
		}
		pending = f
		return time.NewTimer(time.Hour)
	}
	test.Type(w.browser.search, "科技")
	if w.browser.query != "" {
		t.Fatal("the search ran before typing paused")
	}
	pending() // typing has paused
	if w.browser.query != "科技" || len(w.browser.stories) == 0 || len(w.browser.stories) >= all {
		t.Fatalf("after typing: query %q, %d of %d stories listed", w.browser.query, len(w.browser.stories), all)
	}
	w.browser.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.browser.search.Text != "" || w.browser.query != "" || len(w.browser.stories) != all {
		t.Fatalf("after Escape: %q, %d of %d stories", w.browser.search.Text, len(w.browser.stories), all)
	}
}

// An English story's count is of words (extract.Chars counts Latin words),
// a Chinese one's of characters.
func TestStatusBarCountsWordsInEnglish(t *testing.T) {
	w, arc, _ := newBench(t)
	ImportSeeds(t.Context(), arc, assets.Seeds, []string{"seeds/en_nytribune_1916-01-02_p1.txt"}, nil)
	w.Reload()
	storyWith(t, w, func(s *article.Story) bool {
		return len(s.Body()) > 100 && widgets.WrapFor(s.Body()) == fyne.TextWrapWord
	})
	if got := w.status.chars.Text; !strings.HasSuffix(got, " words") {
		t.Fatalf("English story: %q", got)
	}
	storyWith(t, w, func(s *article.Story) bool { return strings.Contains(s.Body(), "的") })
	if got := w.status.chars.Text; !strings.HasSuffix(got, " characters") {
		t.Fatalf("Chinese story: %q", got)
	}
}

// The autosaves of one editing burst, and the Ctrl+S that ends it, leave
// one revision holding the burst's last state; the next burst starts a new
// revision.
func TestAutosavesOfOneBurstMakeOneRevision(t *testing.T) {
	w, arc, _ := newBench(t)
	w.autosaveAfter = time.Hour // the test runs the autosave itself
	id := w.Current().ID
	before, _ := arc.Revisions(t.Context(), id)
	for _, s := range []string{"一", "二", "三", "四"} {
		test.Type(w.editor.title, s)
		w.autosaveFor(id)
	}
	test.Type(w.editor.title, "五")
	w.Save() // Ctrl+S ends the burst
	revs, _ := arc.Revisions(t.Context(), id)
	if len(revs) != len(before)+1 {
		t.Fatalf("a burst of 4 autosaves and a save made %d revisions", len(revs)-len(before))
	}
	last, _ := arc.Revision(t.Context(), id, revs[len(revs)-1].N)
	if !strings.Contains(last.Title, "一二三四五") {
		t.Fatalf("the burst's revision holds %q", last.Title)
	}
	test.Type(w.editor.title, "六")
	w.autosaveFor(id)
	if again, _ := arc.Revisions(t.Context(), id); len(again) != len(revs)+1 {
		t.Fatal("the next burst did not start a revision of its own")
	}
}

// History lists many revisions at a glance, not four.
func TestHistoryShowsManyRevisions(t *testing.T) {
	w, _, _ := newBench(t)
	for i := 0; i < 12; i++ {
		test.Type(w.editor.title, "改")
		w.Save()
	}
	w.showHistory()
	var list *widget.List
	for _, o := range objectsOf(t, w) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	}
	row := widget.NewLabel("1 · 2026-12-02 01:00 · ed · title").MinSize().Height
	if n := list.Size().Height / row; n < 8 {
		t.Fatalf("the history list shows %.1f rows", n)
	}
}

// Approving a story whose flags are open asks first and lists them.
func TestApprovingWithOpenFlagsAsksAndListsThem(t *testing.T) {
	w, arc, _ := newBench(t)
	storyWith(t, w, func(s *article.Story) bool { return len(s.Flags) > 0 })
	id := w.Current().ID
	menuItem(t, w.Win.MainMenu(), "Mark approved").Action()
	if got, _ := arc.Story(t.Context(), id); got.Status == article.StatusApproved {
		t.Fatal("approved without asking")
	}
	objs := objectsOf(t, w)
	shown := strings.Join(labelsOf(objs), "\n")
	for _, f := range w.Current().Flags {
		if !strings.Contains(shown, flagText(f)) {
			t.Errorf("the question does not list %q:\n%s", flagText(f), shown)
		}
	}
	test.Tap(button(t, objs, "Approve anyway"))
	if got, _ := arc.Story(t.Context(), id); got.Status != article.StatusApproved {
		t.Fatalf("status after approving anyway: %s", got.Status)
	}
}

// An approved story cannot be edited (typing, undo); it goes back in the
// workflow only with a reason, which its notes keep; then it is editable.
func TestApprovedStoryIsReadOnlyUntilReopenedWithAReason(t *testing.T) {
	w, arc, _ := newBench(t)
	storyWith(t, w, func(s *article.Story) bool { return len(s.Flags) == 0 && len(s.Paragraphs) > 0 })
	id := w.Current().ID
	test.Type(w.editor.title, "改")
	w.Save()
	if err := w.SetStatus(article.StatusApproved); err != nil {
		t.Fatal(err)
	}
	title := w.Current().Title
	if !w.editor.title.Disabled() || !w.editor.row(0).Field.Disabled() {
		t.Fatal("the fields of an approved story are editable")
	}
	w.change("title", "Title", func(st *article.Story) { st.Title = "不该改" })
	w.Undo()
	if w.Current().Title != title || w.Dirty() {
		t.Fatalf("an approved story changed: %q", w.Current().Title)
	}
	menuItem(t, w.Win.MainMenu(), "Mark in progress").Action()
	if top := w.Win.Canvas().Overlays().Top(); top == nil {
		t.Fatal("putting an approved story back asked for no reason")
	}
	w.closeTopDialog()
	w.Reopen(article.StatusInProgress, "  ")
	if w.Current().Status != article.StatusApproved {
		t.Fatal("reopened without a reason")
	}
	w.Reopen(article.StatusInProgress, "标题有误")
	got, _ := arc.Story(t.Context(), id)
	if got.Status != article.StatusInProgress || !strings.Contains(got.Notes, "标题有误") {
		t.Fatalf("after reopening: %s, notes %q", got.Status, got.Notes)
	}
	if w.editor.title.Disabled() {
		t.Fatal("the reopened story is still read-only")
	}
	menuItem(t, w.Win.MainMenu(), "Mark new").Action()
	if got, _ := arc.Story(t.Context(), id); got.Status != article.StatusNew {
		t.Fatalf("Mark new: %s", got.Status)
	}
}

// A right-click on the raw page offers to copy the line, the focused
// paragraph's raw text and the story's: an editor copies a dropped passage
// back from the source.
func TestRawPaneCopiesItsText(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool {
		return len(s.Paragraphs) > 1 && s.Paragraphs[1].End > s.Paragraphs[1].Start
	})
	w.focusParagraph(1)
	line := w.raw.LineAt(st.Paragraphs[1].Start)
	y := w.raw.LineAtY(0) // the first line on screen, wherever the view is scrolled
	if y < 0 {
		t.Fatal("no line at the top of the raw pane")
	}
	items := map[string]*fyne.MenuItem{}
	for _, it := range w.rawMenu(line) {
		items[it.Label] = it
	}
	for label, want := range map[string]string{
		"Copy this line":                w.raw.LineText(line),
		"Copy the paragraph's raw text": w.page.Text[st.Paragraphs[1].Start:st.Paragraphs[1].End],
		"Copy the story's raw text":     w.page.Text[st.Source.Start:st.Source.End],
	} {
		it := items[label]
		if it == nil {
			t.Fatalf("no %q in the raw pane's menu", label)
		}
		it.Action()
		if got := w.App.Clipboard().Content(); got != want {
			t.Errorf("%s copied %q, want %q", label, got, want)
		}
	}
	// The right-click opens that menu.
	w.raw.TappedSecondary(&fyne.PointEvent{Position: fyne.NewPos(20, 5)})
	if w.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("a right-click on the raw page opened no menu")
	}
}

// The raw text is selected by dragging (widgets tests that); in the
// workbench the selection is offered first in the right-click menu and
// Ctrl+C says it copied. The Wrap lines box wraps the raw text and is
// remembered.
func TestRawPaneSelectionAndWrapping(t *testing.T) {
	w, _, _ := newBench(t)
	st := w.Current()
	from := st.Source.Start
	to := from + len(string([]rune(w.page.Text[from:])[:6]))
	w.raw.Select(from, to)
	items := w.rawMenu(w.raw.LineAt(from))
	if len(items) == 0 || items[0].Label != "Copy the selection" {
		t.Fatalf("the raw pane's menu does not offer the selection first: %v", items)
	}
	items[0].Action()
	if got := w.App.Clipboard().Content(); got != w.page.Text[from:to] {
		t.Fatalf("Copy the selection copied %q, want %q", got, w.page.Text[from:to])
	}
	w.Win.Canvas().Focus(w.raw)
	w.status.flash("")
	w.raw.TypedShortcut(&fyne.ShortcutCopy{Clipboard: w.App.Clipboard()})
	if w.status.message.Text != "Copied to the clipboard" {
		t.Fatalf("Ctrl+C in the raw pane: status %q", w.status.message.Text)
	}

	if w.raw.Wrap() {
		t.Fatal("raw lines wrap before the editor asked")
	}
	test.Tap(w.rawPane.wrap)
	if !w.raw.Wrap() || !w.App.Preferences().Bool(prefRawWrap) {
		t.Fatal("Wrap lines did not wrap the raw text or was not remembered")
	}
	if again := newRawPane(w); !again.wrap.Checked {
		t.Fatal("a new window does not start with the lines wrapped")
	}
}

// "Undone: Typing" is said of the story the undo changed: once the editor
// opens another story it is gone, in either language, while a message
// about no story (nothing to undo) is left alone.
func TestUndoMessageGoesWithItsStory(t *testing.T) {
	w, _, _ := newBench(t)
	for _, zh := range []bool{false, true} {
		if zh {
			inChinese(t, w)
		}
		first, other := w.browser.stories[0].ID, w.browser.stories[1].ID
		if err := w.OpenStory(first); err != nil {
			t.Fatal(err)
		}
		f := w.editor.field(0)
		w.Win.Canvas().Focus(f)
		test.Type(f, "字")
		w.Undo()
		undone := lang.L("Undone") + colon() + lang.L("Typing")
		if got := w.status.message.Text; got != undone {
			t.Fatalf("after Undo the status bar says %q, want %q", got, undone)
		}
		if err := w.OpenStory(other); err != nil {
			t.Fatal(err)
		}
		if got := w.status.message.Text; strings.Contains(got, lang.L("Undone")) {
			t.Errorf("over another story the status bar still says %q", got)
		}
		// Redo reaches back into the first story: it opens it and says so
		// there.
		w.Redo()
		if w.Current().ID != first || w.status.message.Text != lang.L("Redone")+colon()+lang.L("Typing") {
			t.Errorf("Redo: story %d, status %q", w.Current().ID, w.status.message.Text)
		}
		w.Undo()
	}
}
