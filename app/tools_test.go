package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	_ "modernc.org/sqlite"

	"github.com/galley/galley/article"
	"github.com/galley/galley/assets"
	"github.com/galley/galley/export"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
	"github.com/galley/galley/widgets"
)

func TestRevisionHistoryRestore(t *testing.T) {
	w, arc, _ := newBench(t)
	id := w.Current().ID
	orig := w.Current().Title
	test.Type(w.editor.title, "改")
	w.Save()
	if err := w.RestoreRevision(1); err != nil {
		t.Fatal(err)
	}
	if w.Current().Title != orig || w.editor.title.Text != orig {
		t.Fatalf("after restoring revision 1: %q", w.Current().Title)
	}
	revs, _ := arc.Revisions(t.Context(), id)
	if len(revs) != 3 {
		t.Fatalf("want 3 revisions (import, save, restore), got %d", len(revs))
	}
	// The diff shows what the restore took away.
	segs := diffSegments("甲乙丙", "甲丁丙")
	var shown strings.Builder
	for _, s := range segs {
		shown.WriteString(s.Textual())
	}
	if shown.String() != "甲[-乙-]{+丁+}丙" {
		t.Fatalf("diff shows %q", shown.String())
	}
}

func TestRecleanFromRawAndUndo(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) > 1 })
	auto := st.Body()
	w.Win.Canvas().Focus(w.editor.field(0))
	test.Type(w.editor.field(0), "手改")
	edited := w.Current().Body()
	if err := w.Reclean(); err != nil {
		t.Fatal(err)
	}
	w.jobs.Wait() // the pipeline runs in the background
	if w.Current().Body() != auto {
		t.Fatal("re-clean did not give the automatic text back")
	}
	// The re-cleaned story is still based on the revision read: it saves.
	if err := w.Save(); err != nil {
		t.Fatalf("saving the re-cleaned story: %v", err)
	}
	w.Undo()
	if w.Current().Body() != edited {
		t.Fatal("undo did not bring the manual correction back")
	}
}

func TestSetSelectionAsTitleAndMoveHeadline(t *testing.T) {
	w, arc, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool {
		return len(s.Paragraphs) > 1 && len([]rune(s.Paragraphs[0].Text)) > 8 && s.Title != ""
	})
	p0 := st.Paragraphs[0].Text
	sel := string([]rune(p0)[:4])
	w.setTextAs(0, sel, 0, FieldSubtitle)
	if w.Current().Subtitle != sel || strings.HasPrefix(w.Current().Paragraphs[0].Text, sel) {
		t.Fatalf("subtitle %q, paragraph %q", w.Current().Subtitle, w.Current().Paragraphs[0].Text)
	}
	w.Undo()
	if w.Current().Paragraphs[0].Text != p0 {
		t.Fatal("undo did not put the text back in the paragraph")
	}
	// Moving the headline to the next story swaps the two headlines.
	id, title := w.Current().ID, w.Current().Title
	next := w.browser.neighbour(1)
	nextStory, _ := arc.Story(t.Context(), next)
	if err := w.MoveHeadline(1); err != nil {
		t.Fatal(err)
	}
	a, _ := arc.Story(t.Context(), id)
	b, _ := arc.Story(t.Context(), next)
	if b.Title != title || a.Title != nextStory.Title {
		t.Fatalf("after moving: %q / %q", a.Title, b.Title)
	}
}

func TestExportCurrentStoryToDOCX(t *testing.T) {
	w, _, _ := newBench(t)
	path := exportOne(t, w, export.FormatDOCX)
	if filepath.Ext(path) != ".docx" {
		t.Fatalf("exported %s", path)
	}
	if w.App.Preferences().String("export_folder") != filepath.Dir(path) {
		t.Fatal("export folder not remembered")
	}
}

func TestSearchBoxShowsHits(t *testing.T) {
	w, arc, _ := newBench(t)
	<-arc.Lexicon().Ready()
	total := len(w.browser.stories)
	w.browser.search.SetText("科技")
	w.browser.search.OnSubmitted("科技")
	if len(w.browser.stories) == 0 || len(w.browser.stories) >= total {
		t.Fatalf("search for 科技 shows %d stories", len(w.browser.stories))
	}
	for _, s := range w.browser.stories {
		st, _ := arc.Story(t.Context(), s.ID)
		if !strings.Contains(st.Headline()+st.Body(), "科技") {
			t.Fatalf("hit %d does not contain the word", s.ID)
		}
		if !strings.Contains(w.browser.snippets[s.ID].text, "科技") {
			t.Fatalf("hit %d has no snippet with the word: %q", s.ID, w.browser.snippets[s.ID].text)
		}
	}
	w.browser.search.SetText("")
	if len(w.browser.stories) != total {
		t.Fatal("clearing the search did not bring the list back")
	}
}

func TestLayoutIsRemembered(t *testing.T) {
	w, _, _ := newBench(t)
	w.splits[1].SetOffset(0.41)
	w.rememberLayout()
	w2 := New(w.App, test.NewTempWindow(t, nil), w.arc)
	w2.restoreLayout()
	if got := w2.splits[1].Offset; got < 0.40 || got > 0.42 {
		t.Fatalf("split offset %v, want 0.41", got)
	}
}

func TestDictionaryStateInStatusBar(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(t)
	_, path := newArchive(t)
	lex := lexicon.New()
	arc, err := storage.OpenWith(path, storage.Options{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	w := New(a, test.NewTempWindow(t, nil), arc)
	defer w.Close()
	w.Start()
	if !strings.Contains(w.status.dict.Text, "loading") {
		t.Fatalf("before loading: %q", w.status.dict.Text)
	}
	lex.Load()
	select {
	case <-w.dictShown:
	case <-time.After(20 * time.Second):
		t.Fatal("the status bar was not told that the dictionary loaded")
	}
	if !strings.Contains(w.status.dict.Text, "ready") {
		t.Fatalf("after loading: %q", w.status.dict.Text)
	}
}

// A locked archive: saving fails with a dialog, the edit stays in the
// window, and saving again after the lock is gone succeeds.
func TestLockedArchiveLosesNothing(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(t)
	_, path := newArchive(t)
	arc, err := storage.OpenWith(path, storage.Options{Lexicon: lexicon.Shared(), BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	win := test.NewTempWindow(t, nil)
	w := New(a, win, arc)
	defer w.Close()
	w.Start()
	test.Type(w.editor.title, "锁")
	want := w.Current().Title

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	err = w.Save()
	if !errors.Is(err, storage.ErrLocked) {
		t.Fatalf("save under a lock: %v", err)
	}
	if !w.Dirty() || w.Current().Title != want || !strings.Contains(w.status.saved.Text, "Not saved") {
		t.Fatal("the edit was not kept as unsaved")
	}
	if len(win.Canvas().Overlays().List()) == 0 {
		t.Fatal("no error dialog")
	}
	// Closing the window now must not lose the edit: it stays open.
	closed := false
	win.SetOnClosed(func() { closed = true })
	w.closeWindow()
	if closed {
		t.Fatal("the window closed with unsaved changes that could not be saved")
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	conn.Close()
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ := arc.Story(t.Context(), w.Current().ID)
	if got.Title != want {
		t.Fatalf("saved title %q", got.Title)
	}
}

// Every string the app translates is in en.json and zh_Hans.json.
func TestEveryUIStringIsTranslated(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`lang\.L\(("(?:[^"\\]|\\.)*")[,)]`)
	var zh map[string]string
	b, _ := assets.Translations.ReadFile("translations/zh_Hans.json")
	if err := json.Unmarshal(b, &zh); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			var key string
			json.Unmarshal([]byte(m[1]), &key)
			if zh[key] == "" {
				t.Errorf("%s: %q has no Chinese translation", f, key)
			}
		}
	}
}

func TestLanguagePreference(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("LANGUAGE", "")
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "zh-Hans")
	SetupLanguage(a)
	got := lang.L("Save")
	a.Preferences().SetString(prefLanguage, "en")
	SetupLanguage(a)
	if got != "保存" {
		t.Fatalf("with zh-Hans preferred, Save is %q", got)
	}
	if lang.L("Save") != "Save" {
		t.Fatalf("back to English: %q", lang.L("Save"))
	}
}

func TestEveryMenuItemDoesSomething(t *testing.T) {
	w, _, _ := newBench(t)
	for _, m := range w.Win.MainMenu().Items {
		for _, it := range m.Items {
			if !it.IsSeparator && it.Action == nil {
				t.Errorf("menu %s: %q has no action", m.Label, it.Label)
			}
		}
	}
}

func TestAutosaveWhenIdleAndOnSwitch(t *testing.T) {
	w, arc, _ := newBench(t)
	// Switching stories saves.
	id := w.Current().ID
	test.Type(w.editor.title, "换")
	w.openNeighbour(1)
	if got, _ := arc.Story(t.Context(), id); !strings.Contains(got.Title, "换") {
		t.Fatalf("switching did not save: %q", got.Title)
	}
	// Idle: a change arms the timer, and what it runs saves the story
	// (called here directly: the test driver would run the timer's fyne.Do
	// on the timer's goroutine, beside the test's).
	w.autosaveAfter = time.Hour
	id = w.Current().ID
	test.Type(w.editor.title, "闲")
	if w.autosave == nil || !w.autosave.Stop() {
		t.Fatal("typing did not arm the autosave timer")
	}
	w.autosaveFor(id + 1000) // another story: nothing happens
	if !w.Dirty() {
		t.Fatal("autosave for another story saved this one")
	}
	w.autosaveFor(id)
	if got, _ := arc.Story(t.Context(), id); w.Dirty() || !strings.Contains(got.Title, "闲") {
		t.Fatalf("autosave did not write the title: %q", got.Title)
	}
}

func TestClosingTheWindowSaves(t *testing.T) {
	w, arc, _ := newBenchIn(t, test.NewWindow(nil))
	id := w.Current().ID
	test.Type(w.editor.title, "关")
	closed := false
	w.Win.SetOnClosed(func() { closed = true })
	w.closeWindow()
	if got, _ := arc.Story(t.Context(), id); !closed || !strings.Contains(got.Title, "关") {
		t.Fatalf("closing: closed %v, saved title %q", closed, got.Title)
	}
}

func TestRunExplainsAnArchiveItCannotOpen(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "notes.db")
	junk := []byte("these are my notes, not a Galley archive\n")
	os.WriteFile(path, junk, 0o644)
	err := Run(a, path, time.Now())
	if !errors.Is(err, storage.ErrNotArchive) {
		t.Fatalf("Run on a text file: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(junk) {
		t.Fatal("the file was modified")
	}
	wins := a.Driver().AllWindows()
	if len(wins) == 0 {
		t.Fatal("no window")
	}
	shown := ""
	for _, o := range test.LaidOutObjects(wins[len(wins)-1].Content()) {
		if l, ok := o.(*widget.Label); ok {
			shown += l.Text
		}
	}
	if !strings.Contains(shown, "could not open the archive") || !strings.Contains(shown, "not a Galley archive") {
		t.Fatalf("window says %q", shown)
	}
}

func TestExportPageAsJSONLines(t *testing.T) {
	w, arc, _ := newBench(t)
	page, _ := arc.Stories(t.Context(), storage.StoryFilter{PageID: w.Current().PageID})
	dir, _ := exportInto(t, w, ExportPage, export.FormatJSONL)
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) != 1 {
		t.Fatalf("files: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	stories, err := export.ReadStories(strings.NewReader(string(data)))
	if err != nil || len(stories) != len(page) {
		t.Fatalf("read back %d stories of %d (%v)", len(stories), len(page), err)
	}
}

func TestExportTickedStories(t *testing.T) {
	w, _, _ := newBench(t)
	a, b := w.browser.stories[0].ID, w.browser.stories[2].ID
	w.browser.toggleMark(a)
	w.browser.toggleMark(b)
	w.browser.toggleMark(w.browser.stories[1].ID)
	w.browser.toggleMark(w.browser.stories[1].ID) // ticked and unticked
	items, err := w.exportItems(ExportMarked)
	if err != nil || len(items) != 2 || items[0].Story.ID != a || items[1].Story.ID != b {
		t.Fatalf("ticked export items: %d (%v)", len(items), err)
	}
	dir, _ := exportInto(t, w, ExportMarked, export.FormatMarkdown)
	if files, _ := filepath.Glob(filepath.Join(dir, "*.md")); len(files) != 2 {
		t.Fatalf("files: %v", files)
	}
}

// objectsOf lists the widgets of the topmost dialog.
func objectsOf(t *testing.T, w *Workbench) []fyne.CanvasObject {
	t.Helper()
	top := w.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	return test.LaidOutObjects(top)
}

func TestFindReplaceDialogCountsThenReplaces(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(s *article.Story) bool { return strings.Count(s.Body(), "，") > 2 })
	want := strings.Count(st.Body()+st.Title+st.Subtitle+st.Kicker, "，")
	w.showFindReplace()
	var entries []*widgets.TextField
	buttons := map[string]*widget.Button{}
	var labels []*widget.Label
	for _, o := range objectsOf(t, w) {
		switch x := o.(type) {
		case *widgets.TextField:
			entries = append(entries, x)
		case *widget.Button:
			buttons[x.Text] = x
		case *widget.Label:
			labels = append(labels, x)
		}
	}
	if len(entries) < 2 || buttons["Count"] == nil || buttons["Replace all"] == nil {
		t.Fatalf("dialog has %d entries, buttons %v", len(entries), buttons)
	}
	test.Type(entries[0], "，")
	test.Type(entries[1], "、")
	test.Tap(buttons["Count"])
	shown := ""
	for _, l := range labels {
		shown += l.Text
	}
	if !strings.Contains(shown, fmt.Sprintf("%d matches in 1 story", want)) {
		t.Fatalf("after Count the dialog says %q, want %d matches", shown, want)
	}
	if strings.Count(w.Current().Body(), "，") == 0 {
		t.Fatal("Count replaced")
	}
	test.Tap(buttons["Replace all"])
	// The confirmation is the new top dialog: confirm it.
	for _, o := range objectsOf(t, w) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Replace all" && b.Importance == widget.HighImportance && b != buttons["Replace all"] {
			test.Tap(b)
		}
	}
	if strings.Contains(w.Current().Body(), "，") {
		t.Fatal("Replace all left matches after confirming")
	}
	// Escape in a field of the dialog closes it.
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the dialog")
	}
}

// The add-to-dictionary field is wide enough to read a term: an
// organisation's name of fourteen characters shows whole.
func TestAddToDictionaryFieldShowsALongTerm(t *testing.T) {
	w, _, _ := newBench(t)
	w.showAddTerm()
	top := w.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var field *widget.Entry
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.Entry); ok {
			field = e
		}
	}
	if field == nil {
		t.Fatal("the dialog has no entry")
	}
	term := "河畔区城市管理综合行政执法局"
	need := fyne.MeasureText(term, theme.TextSize(), field.TextStyle).Width + 2*theme.InnerPadding()
	if got := field.Size().Width; got < need {
		t.Errorf("the field is %.0f wide; %q needs %.0f", got, term, need)
	}
}
