package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

func TestBrowserListsTheSamplePageStories(t *testing.T) {
	w, arc, _ := newBench(t)
	all, err := arc.Stories(t.Context(), storage.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.browser.stories) != len(all) || len(all) < 2 {
		t.Fatalf("browser shows %d stories, archive has %d", len(w.browser.stories), len(all))
	}
	if len(w.browser.rows) != len(all)+1 {
		t.Fatalf("want one page heading and %d stories, got %d rows", len(all), len(w.browser.rows))
	}
	// The raw page is shown with the story's span highlighted.
	st := w.Current()
	if w.raw.Lines() < 50 {
		t.Fatalf("raw page has %d lines", w.raw.Lines())
	}
	if m := w.raw.Mark(w.raw.LineAt(st.Source.Start)); m == 0 {
		t.Fatal("story span not highlighted in the raw page")
	}
	// Keyboard: next story opens the second one.
	second := w.browser.stories[1].ID
	w.openNeighbour(1)
	if w.Current().ID != second {
		t.Fatalf("next story opened %d, want %d", w.Current().ID, second)
	}
}

func TestEditTitleAndBodySaveReopen(t *testing.T) {
	w, arc, path := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) > 1 })
	id := st.ID
	test.Type(w.editor.title, "新标题")
	body := w.editor.field(1)
	w.Win.Canvas().Focus(body)
	test.Type(body, "补充")
	if !w.Dirty() {
		t.Fatal("edits did not mark the story unsaved")
	}
	if !strings.Contains(w.status.saved.Text, "Unsaved") {
		t.Fatalf("status bar says %q", w.status.saved.Text)
	}
	wantTitle := w.Current().Title
	wantPara := w.Current().Paragraphs[1].Text
	if !strings.HasPrefix(wantPara, "补充") || !strings.Contains(wantTitle, "新标题") {
		t.Fatalf("typed text not in the story: %q / %q", wantTitle, wantPara)
	}
	// Ctrl+S is the File menu's Save item (the window runs main-menu
	// shortcuts before the focused field sees them).
	save := menuItem(t, w.Win.MainMenu(), "Save")
	if shortcutText(save.Shortcut) != "Ctrl+S" {
		t.Fatalf("Save shortcut is %s", shortcutText(save.Shortcut))
	}
	save.Action()
	if w.Dirty() {
		t.Fatal("Ctrl+S did not save")
	}
	for _, s := range w.browser.stories {
		if s.ID == id && s.Headline != wantTitle {
			t.Fatalf("story list shows %q after saving %q", s.Headline, wantTitle)
		}
	}
	revs, err := arc.Revisions(t.Context(), id)
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions after one save: %v %v", revs, err)
	}
	arc.Close()
	again, err := storage.OpenWith(path, storage.Options{Lexicon: lexicon.Shared()})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	got, err := again.Story(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != wantTitle || got.Paragraphs[1].Text != wantPara {
		t.Fatalf("after reopening: title %q, paragraph %q", got.Title, got.Paragraphs[1].Text)
	}
}

func TestUndoRedoCoversTypingAndStructure(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) > 2 })
	before := cloneStory(st)
	w.Win.Canvas().Focus(w.editor.field(0))
	test.Type(w.editor.field(0), "abc")
	firstLen := len([]rune(w.Current().Paragraphs[0].Text))
	w.JoinParagraphs(0)
	if len(w.Current().Paragraphs) != len(before.Paragraphs)-1 {
		t.Fatal("join did not join")
	}
	if got := w.editor.field(0).CursorOffset(); got != firstLen {
		t.Fatalf("cursor after join at %d, want %d (where the parts met)", got, firstLen)
	}
	w.Undo() // the join
	if len(w.Current().Paragraphs) != len(before.Paragraphs) {
		t.Fatal("undo did not split the paragraphs again")
	}
	if !strings.HasPrefix(w.editor.field(0).Value(), "abc") {
		t.Fatalf("undo of the join lost the typing: %q", w.editor.field(0).Value())
	}
	w.Undo() // the typing, as one step
	if w.Current().Paragraphs[0].Text != before.Paragraphs[0].Text || w.editor.field(0).Value() != before.Paragraphs[0].Text {
		t.Fatalf("undo of typing left %q", w.Current().Paragraphs[0].Text)
	}
	w.Redo()
	if !strings.HasPrefix(w.Current().Paragraphs[0].Text, "abc") {
		t.Fatal("redo did not bring the typing back")
	}
}

func TestFindAndReplaceInStoryIsOneUndoStep(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return strings.Count(s.Body(), "，") > 3 })
	orig := st.Body()
	n, _, err := w.FindReplace("，", "、", false, ScopeStory, false)
	if err != nil || n != strings.Count(orig+st.Title+st.Subtitle+st.Kicker, "，") {
		t.Fatalf("count = %d (%v)", n, err)
	}
	if w.Current().Body() != orig {
		t.Fatal("counting changed the text")
	}
	if _, _, err := w.FindReplace("，", "、", false, ScopeStory, true); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(w.Current().Body(), "，") || w.editor.field(0).Value() != w.Current().Paragraphs[0].Text {
		t.Fatal("replace all left matches or did not refresh the fields")
	}
	w.Undo()
	if w.Current().Body() != orig {
		t.Fatal("one undo did not revert the whole replace")
	}
	// Regular expressions, and a bad one is an error, not a panic.
	if n, _, _ := w.FindReplace(`\d+月\d+日`, "", true, ScopeStory, false); n == 0 && strings.Contains(orig, "月") && strings.ContainsAny(orig, "0123456789") {
		t.Log("no dates in this story")
	}
	if _, _, err := w.FindReplace("(", "", true, ScopeStory, false); err == nil {
		t.Fatal("bad regular expression accepted")
	}
}

func TestFindAndReplaceInPageSavesEveryStory(t *testing.T) {
	w, arc, _ := newBench(t)
	n, s, err := w.FindReplace("。", "．", false, ScopePage, false)
	if err != nil || n == 0 || s < 2 {
		t.Fatalf("count in page: %d matches in %d stories (%v)", n, s, err)
	}
	if _, _, err := w.FindReplace("。", "．", false, ScopePage, true); err != nil {
		t.Fatal(err)
	}
	all, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{})
	for _, st := range all {
		if strings.Contains(st.Body(), "。") {
			t.Fatalf("story %d still has matches after replace in page", st.ID)
		}
	}
}

func TestSplitAndMergeStories(t *testing.T) {
	w, arc, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) >= 3 })
	id, pageID := st.ID, st.PageID
	text := strings.ReplaceAll(st.Body(), "\n", "")
	before, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: pageID})
	w.Win.Canvas().Focus(w.editor.field(2))
	w.focusPara = 2
	if err := w.SplitStory(); err != nil {
		t.Fatal(err)
	}
	after, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: pageID})
	if len(after) != len(before)+1 {
		t.Fatalf("split: %d stories, want %d", len(after), len(before)+1)
	}
	if w.Current().ID != id || len(w.Current().Paragraphs) != 2 {
		t.Fatalf("after split the first part should stay open with 2 paragraphs, has %d", len(w.Current().Paragraphs))
	}
	if err := w.MergeStory(1); err != nil {
		t.Fatal(err)
	}
	merged, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: pageID})
	if len(merged) != len(before) {
		t.Fatalf("merge: %d stories, want %d", len(merged), len(before))
	}
	got, _ := arc.Story(t.Context(), id)
	if strings.ReplaceAll(got.Body(), "\n", "") != text {
		t.Fatal("split then merge changed the text")
	}
}

func TestUndoAutomaticEdit(t *testing.T) {
	w, _, _ := newBench(t)
	var idx int
	st := storyWith(t, w, func(s *article.Story) bool {
		for i, e := range s.Edits {
			if e.Paragraph >= 0 && e.After != "" && e.Before != e.After && locateEdit(s.Paragraphs[e.Paragraph].Text, e) >= 0 {
				idx = i
				return true
			}
		}
		return false
	})
	e := st.Edits[idx]
	orig := st.Paragraphs[e.Paragraph].Text
	edits := len(st.Edits)
	// Jumping to the edit selects what the rule wrote.
	w.gotoEdit(idx)
	if w.focusPara != e.Paragraph || w.editor.field(e.Paragraph).SelectedText() != e.After {
		t.Fatalf("jump to edit: paragraph %d selected %q, want %d %q", w.focusPara, w.editor.field(e.Paragraph).SelectedText(), e.Paragraph, e.After)
	}
	w.UndoEdit(idx)
	got := w.Current().Paragraphs[e.Paragraph].Text
	want := orig[:locateEdit(orig, e)] + e.Before + orig[locateEdit(orig, e)+len(e.After):]
	if got != want {
		t.Fatalf("undo edit %s (%q→%q): got %q", e.Rule, e.Before, e.After, got)
	}
	if len(w.Current().Edits) != edits-1 {
		t.Fatal("the undone edit is still listed")
	}
	if w.editor.field(e.Paragraph).Value() != got {
		t.Fatal("the paragraph field was not refreshed")
	}
	w.Undo()
	if w.Current().Paragraphs[e.Paragraph].Text != orig || len(w.Current().Edits) != edits {
		t.Fatal("undo did not bring the automatic edit back")
	}
	// All of one rule.
	rule := e.Rule
	w.UndoRule(rule)
	for _, x := range w.Current().Edits {
		if x.Rule == rule && x.Paragraph >= 0 && locateEdit(w.Current().Paragraphs[x.Paragraph].Text, x) >= 0 {
			t.Fatalf("edit of rule %s left after undoing all of it", rule)
		}
	}
}

func TestChangeStatus(t *testing.T) {
	w, arc, _ := newBench(t)
	id := w.Current().ID
	test.Tap(w.meta.statusBt[article.StatusChecked])
	got, err := arc.Story(t.Context(), id)
	if err != nil || got.Status != article.StatusChecked {
		t.Fatalf("status in archive: %v %v", got.Status, err)
	}
	for _, s := range w.browser.stories {
		if s.ID == id && s.Status != article.StatusChecked {
			t.Fatal("browser still shows the old status")
		}
	}
	// Filtering by status shows just that story.
	w.browser.filter.SetSelected(statusLabel(article.StatusChecked))
	if len(w.browser.stories) != 1 || w.browser.stories[0].ID != id {
		t.Fatalf("filter by checked shows %d stories", len(w.browser.stories))
	}
}

func TestAddDictionaryTermReextractsMetadata(t *testing.T) {
	w, arc, _ := newBench(t)
	<-arc.Lexicon().Ready()
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) > 0 })
	const name = "司徒雷锋"
	w.Win.Canvas().Focus(w.editor.field(0))
	test.Type(w.editor.field(0), name+"表示，工作顺利。")
	w.AddTerm(name, TagPerson)
	w.jobs.Wait()
	terms, _ := arc.Terms(t.Context())
	ok := false
	for _, term := range terms {
		ok = ok || (term.Word == name && term.Tag == TagPerson)
	}
	if !ok {
		t.Fatalf("term not in the archive: %v", terms)
	}
	found := false
	for _, p := range w.Current().Metadata.People {
		found = found || p == name
	}
	if !found {
		t.Fatalf("people after adding %s: %v", name, w.Current().Metadata.People)
	}
	if !contains(w.meta.people.Items(), name) {
		t.Fatal("metadata pane does not show the new person")
	}
	_ = st
	// A place named in the text but never extracted is listed too, once
	// the editor says what it is; a word the story lacks is not.
	w.Win.Canvas().Focus(w.editor.field(0))
	test.Type(w.editor.field(0), "在汐河镇")
	w.AddTerm("汐河镇", TagPlace)
	w.AddTerm("不在文中", TagPlace)
	w.jobs.Wait()
	if !contains(w.Current().Metadata.Places, "汐河镇") || contains(w.Current().Metadata.Places, "不在文中") {
		t.Fatalf("places: %v", w.Current().Metadata.Places)
	}
	w.Undo()
	w.Undo()
	if contains(w.Current().Metadata.Places, "汐河镇") {
		t.Fatal("undo did not take the place back out")
	}
}

func menuItem(t *testing.T, m *fyne.MainMenu, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRawLineTapSelectsParagraph(t *testing.T) {
	w, _, _ := newBench(t)
	// Find a raw line that only one paragraph (not the first) was made from.
	var line, want = -1, -1
	storyWith(t, w, func(s *article.Story) bool {
		for l := w.raw.LineAt(s.Source.Start); l <= w.raw.LineAt(s.Source.End); l++ {
			var hits []int
			for i, p := range s.Paragraphs {
				if p.End > p.Start && w.raw.LineAt(p.Start) <= l && w.raw.LineAt(p.End-1) >= l {
					hits = append(hits, i)
				}
			}
			if len(hits) == 1 && hits[0] > 0 {
				line, want = l, hits[0]
				return true
			}
		}
		return false
	})
	w.raw.TapLine(line)
	if w.focusPara != want {
		t.Fatalf("tapping raw line %d focused paragraph %d, want %d", line, w.focusPara, want)
	}
	if w.raw.Mark(line) != 2 {
		t.Fatal("the paragraph's source line is not strongly highlighted")
	}
}

func TestHelpListsShortcutsAndInputMethodNote(t *testing.T) {
	w, _, _ := newBench(t)
	h := w.HelpText()
	for _, want := range []string{"Ctrl+S", "Ctrl+Z", "Ctrl+F", "618"} {
		if !strings.Contains(h, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestImportBadAndGoodFilesKeepsTheArchive(t *testing.T) {
	w, arc, _ := newBench(t)
	before, _ := arc.Stories(t.Context(), storage.StoryFilter{})
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.txt")
	os.WriteFile(bad, []byte{0xff, 0xfe, 0x00, 0xd8, 0x00}, 0o644) // UTF-16 with a lone surrogate
	picture := filepath.Join(dir, "photo.png")
	os.WriteFile(picture, []byte("\x89PNG\r\n\x1a\n...."), 0o644)
	good := filepath.Join(dir, "page.txt")
	os.WriteFile(good, []byte("本报讯 今天天气很好，市民纷纷外出。\n\n公园游人如织\n"), 0o644)
	sum := ImportFiles(t.Context(), arc, []string{dir}, nil)
	if sum.Imported != 1 || len(sum.Skipped) != 1 || !strings.Contains(strings.Join(sum.Skipped, ""), "photo.png") {
		t.Fatalf("summary: %s imported, skipped %v, failed %v", sum, sum.Skipped, sum.Failed)
	}
	after, _ := arc.Stories(t.Context(), storage.StoryFilter{})
	if len(after) <= len(before) {
		t.Fatal("the good page was not imported")
	}
	// The same page again is reported, not duplicated.
	again := ImportFiles(t.Context(), arc, []string{good}, nil)
	if again.Imported != 0 || len(again.Duplicates) != 1 {
		t.Fatalf("second import: %s", again)
	}
	w.Reload()
	if len(w.browser.stories) != len(after) {
		t.Fatal("browser does not show the imported stories")
	}
}

func TestReplaceInArchiveReportsProgressAndSavesRevisions(t *testing.T) {
	_, arc, _ := newBench(t)
	r, err := newReplacer("。", "．", false)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	res, err := replaceInArchive(t.Context(), arc, r, storage.StoryFilter{}, true, "tester", func(done, total int) { calls++ })
	m, s := res.Matches, res.Stories
	if err != nil || m == 0 || s == 0 || calls == 0 {
		t.Fatalf("replace in archive: %d matches, %d stories, %d progress calls, %v", m, s, calls, err)
	}
	all, _ := arc.Stories(t.Context(), storage.StoryFilter{})
	revised := 0
	for _, st := range all {
		revs, _ := arc.Revisions(t.Context(), st.ID)
		if len(revs) > 1 && strings.HasPrefix(revs[len(revs)-1].Message, "Replaced “。”") {
			revised++
		}
	}
	if revised != s {
		t.Fatalf("%d stories changed but %d have a replace revision", s, revised)
	}
}

func TestErrorsSayWhatToDo(t *testing.T) {
	for _, e := range []error{storage.ErrLocked, storage.ErrDiskFull, storage.ErrNotArchive, storage.ErrReadOnly} {
		if a := advice(e); a == advice(os.ErrNotExist) {
			t.Errorf("%v gets the generic advice", e)
		}
	}
}

func TestSplitStoryUndoRedo(t *testing.T) {
	w, arc, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) >= 3 })
	pageID, id := st.PageID, st.ID
	body := st.Body()
	count := func() int {
		l, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: pageID})
		return len(l)
	}
	n := count()
	w.Win.Canvas().Focus(w.editor.field(1))
	w.focusPara = 1
	if err := w.SplitStory(); err != nil || count() != n+1 {
		t.Fatalf("split: %d stories (%v)", count(), err)
	}
	w.Undo()
	if count() != n {
		t.Fatalf("undo split: %d stories, want %d", count(), n)
	}
	if w.Current() == nil || w.Current().ID != id || w.Current().Body() != body {
		t.Fatal("undo split did not bring the story back whole")
	}
	w.Redo()
	if count() != n+1 || len(w.Current().Paragraphs) != 1 {
		t.Fatalf("redo split: %d stories, %d paragraphs", count(), len(w.Current().Paragraphs))
	}
}

func TestReplaceInPageIsOneUndoStep(t *testing.T) {
	w, arc, _ := newBench(t)
	before, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{PageID: w.Current().PageID})
	if _, s, err := w.FindReplace("。", "．", false, ScopePage, true); err != nil || s < 2 {
		t.Fatalf("replace in page: %d stories, %v", s, err)
	}
	w.Undo()
	after, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{PageID: w.Current().PageID})
	for i := range before {
		if before[i].Body() != after[i].Body() {
			t.Fatalf("story %d not restored by one undo", before[i].ID)
		}
	}
	if w.Current().Body() != after[0].Body() && w.Current().ID == after[0].ID {
		t.Fatal("the open story shows stale text")
	}
}

func TestUndoReachesBackAcrossStories(t *testing.T) {
	w, arc, _ := newBench(t)
	first := w.Current().ID
	orig := w.Current().Title
	test.Type(w.editor.title, "甲")
	w.openNeighbour(1)
	if w.Current().ID == first {
		t.Fatal("did not move to the next story")
	}
	w.Undo()
	if w.Current().ID != first || w.Current().Title != orig {
		t.Fatalf("undo after switching: story %d title %q", w.Current().ID, w.Current().Title)
	}
	w.Save()
	got, _ := arc.Story(t.Context(), first)
	if got.Title != orig {
		t.Fatalf("saved title %q after undo", got.Title)
	}
}

func TestReviewFilterByRuleAndUndoAll(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Edits) > 3 })
	r := w.review
	if len(r.shown) != len(st.Edits) || len(r.rule.Options) < 2 {
		t.Fatalf("review shows %d of %d edits, %d rule options", len(r.shown), len(st.Edits), len(r.rule.Options))
	}
	r.rule.SetSelected(r.rule.Options[1]) // the most frequent rule
	rule := r.filter
	for _, i := range r.shown {
		if w.Current().Edits[i].Rule != rule {
			t.Fatal("filter shows another rule")
		}
	}
	if !strings.Contains(editContext(w.Current(), w.Current().Edits[r.shown[0]]), "→") {
		t.Fatal("no before → after in the row")
	}
	test.Tap(r.undoAll)
	for _, e := range w.Current().Edits {
		if e.Rule == rule && e.Paragraph >= 0 {
			t.Fatalf("edits of %s left after undo all", rule)
		}
	}
}

func TestBrowserKeyboardNavigation(t *testing.T) {
	w, _, _ := newBench(t)
	first := w.Current().ID
	w.Win.Canvas().Focus(w.browser.list)
	// Row 0 is the page heading, row 1 the open story: Down moves to the
	// next story and Space opens it.
	w.browser.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.browser.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if w.Current().ID == first {
		t.Fatal("Down, Space did not open another story")
	}
	if w.Current().ID != w.browser.stories[1].ID {
		t.Fatalf("opened %d, want the second story %d", w.Current().ID, w.browser.stories[1].ID)
	}
}

func TestNextFlagWalksThroughStories(t *testing.T) {
	w, _, _ := newBench(t)
	flagged := 0
	for _, s := range w.browser.stories {
		if s.Flags > 0 {
			flagged++
		}
	}
	if flagged < 2 {
		t.Skip("the sample page has fewer than two flagged stories")
	}
	visited := map[int64]bool{}
	for range 40 {
		w.NextFlag()
		visited[w.Current().ID] = true
		if w.Current().Flags == nil || len(w.Current().Flags) == 0 {
			t.Fatalf("next flag stopped on story %d, which has none", w.Current().ID)
		}
	}
	if len(visited) < 2 {
		t.Fatal("next flag never left the first story")
	}
	// A flag on a paragraph focuses it.
	for i, f := range w.Current().Flags {
		if f.Paragraph >= 0 {
			w.gotoFlag(i)
			if w.focusPara != f.Paragraph {
				t.Fatalf("flag %d: focused paragraph %d, want %d", i, w.focusPara, f.Paragraph)
			}
		}
	}
}

// The status bar's count and the one saved must agree with extract's, or
// every save would record a metadata change.
func TestCharacterCountAgreesWithExtract(t *testing.T) {
	_, arc, _ := newBench(t)
	all, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{})
	for _, st := range all {
		if got := extract.Chars(&st); got != st.Metadata.Chars {
			t.Errorf("story %d: %d characters, extract says %d", st.ID, got, st.Metadata.Chars)
		}
	}
}

func TestMergeWithPreviousKeepsTheHeadlineAsSubhead(t *testing.T) {
	w, arc, _ := newBench(t)
	var prev *article.Story
	cur := storyWith(t, w, func(s *article.Story) bool {
		if s.Title == "" || s.Order == 0 {
			return false
		}
		page, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{PageID: s.PageID})
		for i := range page {
			if page[i].Order == s.Order-1 && page[i].Title != "" {
				prev = &page[i]
				return true
			}
		}
		return false
	})
	want := prev.Body() + "\n" + cur.Title + "\n" + cur.Body()
	if err := w.MergeStory(-1); err != nil {
		t.Fatal(err)
	}
	got := w.Current()
	if got.ID != prev.ID || got.Title != prev.Title || got.Body() != want {
		t.Fatalf("merged story %d %q:\n%s\nwant\n%s", got.ID, got.Title, got.Body(), want)
	}
	if _, err := arc.Story(t.Context(), cur.ID); err == nil {
		t.Fatal("the merged-away story is still in the archive")
	}
	w.Undo()
	if back, err := arc.Stories(t.Context(), storage.StoryFilter{PageID: cur.PageID}); err != nil || !hasTitle(back, cur.Title) {
		t.Fatal("undo did not bring the second story back")
	}
}

func hasTitle(list []storage.StorySummary, title string) bool {
	for _, s := range list {
		if s.Headline == title {
			return true
		}
	}
	return false
}

func TestParagraphKindShortcutIsUndoable(t *testing.T) {
	w, _, _ := newBench(t)
	w.Win.Canvas().Focus(w.editor.field(0))
	before := w.Current().Paragraphs[0].Kind
	menuItem(t, w.Win.MainMenu(), "Paragraph kind: caption").Action()
	if w.Current().Paragraphs[0].Kind != article.ParaCaption || w.editor.row(0).SelectedKind() != article.ParaCaption {
		t.Fatal("kind not changed to caption")
	}
	w.Undo()
	if w.Current().Paragraphs[0].Kind != before || w.editor.row(0).SelectedKind() != before {
		t.Fatal("undo did not restore the kind")
	}
}

func TestEnterSplitsAndBackspaceJoinsParagraphs(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) > 1 && len([]rune(s.Paragraphs[0].Text)) > 10 })
	n, text := len(st.Paragraphs), st.Paragraphs[0].Text
	f := w.editor.field(0)
	w.Win.Canvas().Focus(f)
	f.SelectRunes(5, 0)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(w.Current().Paragraphs) != n+1 || w.Current().Paragraphs[0].Text != strings.TrimRight(string([]rune(text)[:5]), " ") {
		t.Fatalf("Enter: %d paragraphs, first %q", len(w.Current().Paragraphs), w.Current().Paragraphs[0].Text)
	}
	if w.focusPara != 1 {
		t.Fatalf("focus on paragraph %d after Enter, want 1", w.focusPara)
	}
	second := w.editor.field(1)
	second.SelectRunes(0, 0)
	second.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if len(w.Current().Paragraphs) != n || w.Current().Paragraphs[0].Text != joinText(string([]rune(text)[:5]), string([]rune(text)[5:])) {
		t.Fatalf("Backspace at start: %d paragraphs, first %q", len(w.Current().Paragraphs), w.Current().Paragraphs[0].Text)
	}
}

// In a paragraph long enough to be edited through a window (an OCR page
// without paragraph breaks), Enter deep inside it splits it at the cursor,
// typing there lands there, and undo gives the paragraph back whole.
func TestEditingDeepInsideALongParagraph(t *testing.T) {
	w, _, _ := newBench(t)
	st := w.Current()
	var b strings.Builder
	for i := 0; b.Len() < 3*12000; i++ {
		fmt.Fprintf(&b, "第%d句，这是一个没有分段的光学识别页面。", i)
	}
	long := string([]rune(b.String())[:12000])
	st.Paragraphs = []article.Paragraph{{Kind: article.ParaBody, Text: long}}
	w.fill()
	f := w.editor.field(0)
	w.Win.Canvas().Focus(f)
	f.SelectRunes(9000, 0)
	f.TypedRune('字')
	if got := []rune(w.Current().Paragraphs[0].Text); len(got) != 12001 || got[9000] != '字' {
		t.Fatal("typing at 9000 did not land at 9000 of the paragraph")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ps := w.Current().Paragraphs
	if len(ps) != 2 || len([]rune(ps[0].Text)) != 9001 || ps[0].Text+ps[1].Text != string([]rune(long)[:9000])+"字"+string([]rune(long)[9000:]) {
		t.Fatalf("Enter at 9001: %d paragraphs", len(ps))
	}
	w.Undo()
	if ps := w.Current().Paragraphs; len(ps) != 1 || len([]rune(ps[0].Text)) != 12001 || w.editor.field(0).Value() != ps[0].Text {
		t.Fatal("undo of the split did not give the paragraph back whole, in the field too")
	}
}

// Undoing a merge brings the absorbed story back as it was: the same id
// (so `galley show ID` finds it), every revision and its status history;
// redo merges again and a second undo brings it back again.
func TestUndoMergeRestoresTheSameStory(t *testing.T) {
	w, arc, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool {
		page, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: s.PageID})
		return s.Order+1 < len(page)
	})
	page, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: st.PageID})
	second := page[st.Order+1].ID
	// The second story has a history of its own: an edit and a status.
	if err := w.OpenStory(second); err != nil {
		t.Fatal(err)
	}
	test.Type(w.editor.title, "改")
	if err := w.SetStatus(article.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	wantRevs, _ := arc.Revisions(t.Context(), second)
	wantStatus, _ := arc.StatusHistory(t.Context(), second)
	wantTitle := w.Current().Title
	if len(wantRevs) < 2 || len(wantStatus) < 2 {
		t.Fatalf("set-up: %d revisions, %d status changes", len(wantRevs), len(wantStatus))
	}
	w.OpenStory(st.ID)
	if err := w.MergeStory(1); err != nil {
		t.Fatal(err)
	}
	if _, err := arc.Story(t.Context(), second); err == nil {
		t.Fatal("the merged story is still in the archive")
	}
	for round := 0; round < 2; round++ {
		w.Undo()
		got, err := arc.Story(t.Context(), second)
		if err != nil {
			t.Fatalf("round %d: after undo story %d: %v", round, second, err)
		}
		revs, _ := arc.Revisions(t.Context(), second)
		status, _ := arc.StatusHistory(t.Context(), second)
		if got.Title != wantTitle || got.Status != article.StatusInProgress {
			t.Errorf("round %d: story back as %q, %s", round, got.Title, got.Status)
		}
		if len(revs) != len(wantRevs) || revs[len(revs)-1].N != wantRevs[len(wantRevs)-1].N {
			t.Errorf("round %d: revisions %+v, want %+v", round, revs, wantRevs)
		}
		if len(status) != len(wantStatus) || status[len(status)-1].Status != article.StatusInProgress {
			t.Errorf("round %d: status history %+v, want %+v", round, status, wantStatus)
		}
		w.Redo()
		if _, err := arc.Story(t.Context(), second); err == nil {
			t.Fatalf("round %d: redo did not merge again", round)
		}
	}
}

// $GALLEY_USER names the person in the workbench's revisions and status
// changes, as the README says and as on the command line.
func TestGalleyUserNamesTheEditor(t *testing.T) {
	t.Setenv("GALLEY_USER", "李编辑")
	w, arc, _ := newBench(t)
	test.Type(w.editor.title, "改")
	if err := w.SetStatus(article.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	revs, _ := arc.Revisions(t.Context(), w.Current().ID)
	status, _ := arc.StatusHistory(t.Context(), w.Current().ID)
	if by := revs[len(revs)-1].Author; by != "李编辑" {
		t.Errorf("revision by %q", by)
	}
	if by := status[len(status)-1].By; by != "李编辑" {
		t.Errorf("status change by %q", by)
	}
}
