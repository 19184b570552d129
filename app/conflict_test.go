package app

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

// gatedArchive is the real archive whose StoriesFull waits for gate once it
// is set: a background job reads, the editor works meanwhile, then the job
// goes on.
type gatedArchive struct {
	Archive
	gate chan struct{}
}

func (g *gatedArchive) StoriesFull(ctx context.Context, f storage.StoryFilter) ([]article.Story, error) {
	list, err := g.Archive.StoriesFull(ctx, f)
	if g.gate != nil {
		<-g.gate
	}
	return list, err
}

// newGatedBench opens a workbench over a gatedArchive on a story with "。"
// in its body.
func newGatedBench(t *testing.T) (*Workbench, *gatedArchive, *storage.Archive, string) {
	t.Helper()
	t.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(t)
	arc, path := newArchive(t)
	g := &gatedArchive{Archive: arc}
	win := test.NewTempWindow(t, nil)
	w := New(a, win, g)
	// No job of this test may run on into the next one's app.
	t.Cleanup(func() { w.jobs.Wait(); w.Close() })
	win.Resize(fyne.NewSize(1400, 900))
	w.Start()
	storyWith(t, w, func(s *article.Story) bool { return strings.Contains(s.Body(), "。") })
	return w, g, arc, path
}

// replaceArchiveWhile runs an archive-wide replace of 。 with ． in the
// background, runs meanwhile while the job has read the stories and waits,
// and waits for the job to finish.
func replaceArchiveWhile(t *testing.T, w *Workbench, g *gatedArchive, meanwhile func()) {
	t.Helper()
	g.gate = make(chan struct{})
	finished := make(chan error, 1)
	r, _ := newReplacer("。", "．", false)
	w.replaceArchiveInBackground(r, func(_, _ int, err error) { finished <- err })
	meanwhile()
	close(g.gate)
	if err := <-finished; err != nil {
		t.Fatal(err)
	}
	w.jobs.Wait()
	g.gate = nil
}

// Typing while an archive-wide Replace All runs stays in the window and
// stays marked unsaved; the open story gets the replacement too, and saving
// it afterwards is no conflict and loses neither.
func TestReplaceAllInArchiveKeepsTheOpenStorysTyping(t *testing.T) {
	w, g, arc, _ := newGatedBench(t)
	id := w.Current().ID
	replaceArchiveWhile(t, w, g, func() { test.Type(w.editor.title, "新") })
	cur := w.Current()
	if cur.ID != id || !strings.HasPrefix(cur.Title, "新") || !w.Dirty() {
		t.Fatalf("after the replace the window shows story %d %q, unsaved %v", cur.ID, cur.Title, w.Dirty())
	}
	if strings.Contains(cur.Body(), "。") {
		t.Fatal("the open story did not get the replacement")
	}
	if err := w.Save(); err != nil {
		t.Fatalf("saving after the replace: %v", err)
	}
	got, _ := arc.Story(t.Context(), id)
	if !strings.HasPrefix(got.Title, "新") || strings.Contains(got.Body(), "。") {
		t.Fatalf("archive has %q / %q", got.Title, got.Body())
	}
	// One Undo takes the replacement back and keeps the typing.
	w.Undo()
	if !strings.Contains(w.Current().Body(), "。") || !strings.HasPrefix(w.Current().Title, "新") {
		t.Fatalf("undo gave %q / %q", w.Current().Title, w.Current().Body())
	}
}

// A story the editor saves while the replace runs is replaced in its saved
// version: the job never writes over a newer save.
func TestReplaceAllInArchiveNeverOverwritesANewerSave(t *testing.T) {
	w, g, arc, _ := newGatedBench(t)
	id := w.Current().ID
	replaceArchiveWhile(t, w, g, func() {
		test.Type(w.editor.title, "存")
		if err := w.Save(); err != nil {
			t.Fatal(err)
		}
	})
	got, _ := arc.Story(t.Context(), id)
	if !strings.HasPrefix(got.Title, "存") || strings.Contains(got.Body(), "。") {
		t.Fatalf("archive has %q / %q", got.Title, got.Body())
	}
	if top := w.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog opened: %v", labelsOf(test.LaidOutObjects(top)))
	}
	if err := w.Save(); err != nil || w.Dirty() {
		t.Fatalf("the window is not in step with the archive: %v, unsaved %v", err, w.Dirty())
	}
}

// otherEditor saves story id from a second connection to the archive file,
// as another Galley would, and returns the title it saved.
func otherEditor(t *testing.T, path string, id int64) string {
	t.Helper()
	other, err := storage.OpenWith(path, storage.Options{Lexicon: lexicon.Shared()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	st, err := other.Story(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	st.Title = "他们的标题"
	st.Paragraphs[0].Text = "他们改的" + st.Paragraphs[0].Text
	if _, err := other.SaveStory(t.Context(), st, "王编辑", ""); err != nil {
		t.Fatal(err)
	}
	return st.Title
}

// conflictDialog saves and returns the buttons of the conflict dialog the
// refused save opens.
func conflictDialog(t *testing.T, w *Workbench) map[string]*widget.Button {
	t.Helper()
	if err := w.Save(); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("save over a newer revision: %v", err)
	}
	if !strings.Contains(w.status.saved.Text, "Not saved") {
		t.Fatalf("status bar says %q", w.status.saved.Text)
	}
	buttons := map[string]*widget.Button{}
	objs := objectsOf(t, w)
	for _, o := range objs {
		if b, ok := o.(*widget.Button); ok {
			buttons[b.Text] = b
		}
	}
	if !strings.Contains(strings.Join(labelsOf(objs), " "), "王编辑") {
		t.Errorf("the dialog does not say who saved: %v", labelsOf(objs))
	}
	for _, b := range []string{"Keep mine", "Take theirs", "See the difference"} {
		if buttons[b] == nil {
			t.Fatalf("no %q button: %v", b, labelsOf(objs))
		}
	}
	// A second save (the autosave) does not open a second dialog.
	n := len(w.Win.Canvas().Overlays().List())
	w.Save()
	if len(w.Win.Canvas().Overlays().List()) != n {
		t.Fatal("a second conflict dialog opened")
	}
	return buttons
}

// Keep mine saves the window's version over theirs; theirs stays in the
// history. See the difference shows both.
func TestConflictKeepMine(t *testing.T) {
	w, _, arc, path := newGatedBench(t)
	id := w.Current().ID
	test.Type(w.editor.title, "我的")
	mine := w.Current().Title
	theirs := otherEditor(t, path, id)
	buttons := conflictDialog(t, w)

	test.Tap(buttons["See the difference"])
	shown := ""
	for _, o := range objectsOf(t, w) {
		if rt, ok := o.(*widget.RichText); ok {
			shown += rt.String()
		}
	}
	if !strings.Contains(shown, "[-他们的标题-]") && !strings.Contains(shown, "[-他们") || !strings.Contains(shown, "我的") {
		t.Fatalf("the difference shows %q", shown)
	}
	w.closeTopDialog()

	test.Tap(buttons["Keep mine"])
	if w.Dirty() || w.Win.Canvas().Overlays().Top() != nil {
		t.Fatal("keep mine did not save and close the dialog")
	}
	got, _ := arc.Story(t.Context(), id)
	if got.Title != mine {
		t.Fatalf("archive title %q, want mine %q", got.Title, mine)
	}
	revs, _ := arc.Revisions(t.Context(), id)
	prev, _ := arc.Revision(t.Context(), id, revs[len(revs)-2].N)
	if prev.Title != theirs || revs[len(revs)-2].Author != "王编辑" {
		t.Fatalf("their version is not in the history: %q by %s", prev.Title, revs[len(revs)-2].Author)
	}
}

// Take theirs shows their version, unsaved changes dropped; Undo brings
// mine back, and saving it then is no conflict.
func TestConflictTakeTheirs(t *testing.T) {
	w, _, arc, path := newGatedBench(t)
	id := w.Current().ID
	test.Type(w.editor.title, "我的")
	mine := w.Current().Title
	theirs := otherEditor(t, path, id)
	test.Tap(conflictDialog(t, w)["Take theirs"])
	if w.Current().Title != theirs || w.Dirty() || w.editor.title.Text != theirs {
		t.Fatalf("window shows %q (unsaved %v)", w.Current().Title, w.Dirty())
	}
	w.Undo()
	if w.Current().Title != mine || !w.Dirty() {
		t.Fatalf("undo gave %q", w.Current().Title)
	}
	if err := w.Save(); err != nil {
		t.Fatalf("saving mine after taking theirs and undoing: %v", err)
	}
	if got, _ := arc.Story(t.Context(), id); got.Title != mine {
		t.Fatalf("archive title %q", got.Title)
	}
}

// A background job (here an archive-wide Replace All) stops when the
// editor presses Cancel in the status bar; nothing is reported as failed.
func TestBackgroundJobsCanBeCancelled(t *testing.T) {
	w, g, arc, _ := newGatedBench(t)
	before, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{})
	g.gate = make(chan struct{})
	r, _ := newReplacer("。", "．", false)
	var finished error
	w.replaceArchiveInBackground(r, func(_, _ int, err error) { finished = err })
	if !w.status.cancel.Visible() {
		t.Fatal("no Cancel button while the job runs")
	}
	test.Tap(w.status.cancel)
	close(g.gate)
	w.jobs.Wait()
	if !errors.Is(finished, context.Canceled) {
		t.Fatalf("the job ended with %v", finished)
	}
	after, _ := arc.StoriesFull(t.Context(), storage.StoryFilter{})
	for i := range before {
		if before[i].Body() != after[i].Body() {
			t.Fatalf("story %d was replaced after Cancel", before[i].ID)
		}
	}
	if w.status.cancel.Visible() || w.Win.Canvas().Overlays().Top() != nil || !strings.Contains(w.status.message.Text, "cancelled") {
		t.Fatalf("after cancelling: button %v, dialog %v, status %q", w.status.cancel.Visible(), w.Win.Canvas().Overlays().Top() != nil, w.status.message.Text)
	}
}

// The window shows what another program changed: a status set on the
// command line appears in the list and on the open story without a
// restart; an edited headline shows in the list before it is saved.
func TestWindowFollowsChangesFromElsewhere(t *testing.T) {
	w, _, _, path := newGatedBench(t)
	id := w.Current().ID
	other, err := storage.OpenWith(path, storage.Options{Lexicon: lexicon.Shared()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetStatus(t.Context(), id, article.StatusChecked, "王编辑"); err != nil {
		t.Fatal(err)
	}
	w.checkArchive() // what the watch runs every two seconds
	if w.Current().Status != article.StatusChecked {
		t.Fatalf("open story shows %s", w.Current().Status)
	}
	for _, s := range w.browser.stories {
		if s.ID == id && s.Status != article.StatusChecked {
			t.Fatalf("the list shows %s", s.Status)
		}
	}
	test.Type(w.editor.title, "新题")
	for _, s := range w.browser.stories {
		if s.ID == id && !strings.HasPrefix(s.Headline, "新题") {
			t.Fatalf("the list shows %q while the title is %q", s.Headline, w.Current().Title)
		}
	}
}

// Preparing an export reads the stories in the background: the window is
// not held while a long list is read.
func TestExportReadsTheStoriesInTheBackground(t *testing.T) {
	w, g, _, _ := newGatedBench(t)
	g.gate = make(chan struct{})
	dir := t.TempDir()
	var got error = errors.New("not finished")
	w.Export(ExportFiltered, export.FormatText, dir, false, func(_ export.Summary, err error) { got = err })
	// Export returned while the stories are still being read.
	if !w.status.progress.Visible() {
		t.Fatal("no export under way")
	}
	close(g.gate)
	w.jobs.Wait()
	if got != nil {
		t.Fatal(got)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.txt")); len(files) != len(w.browser.stories) {
		t.Fatalf("%d files for %d stories", len(files), len(w.browser.stories))
	}
}

// termGatedArchive is the real archive whose AddTerm notes whether it ran
// on the goroutine that asked the workbench (the UI's) and, when it did
// not, waits for gate: the editor types meanwhile, then the write lands.
type termGatedArchive struct {
	Archive
	asker   string
	onAsker bool
	gate    chan struct{}
	writing chan struct{}
}

func (g *termGatedArchive) AddTerm(ctx context.Context, word, tag string) error {
	if goroutine() == g.asker {
		g.onAsker = true
	} else {
		close(g.writing)
		<-g.gate
	}
	return g.Archive.AddTerm(ctx, word, tag)
}

// goroutine names the goroutine it runs on ("goroutine 42").
func goroutine() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	return strings.Fields(string(buf))[1]
}

// Adding a word to the dictionary writes it and re-extracts the story off
// the UI goroutine: the window takes typing while it runs, and then shows
// the new name among the people with that typing kept.
func TestAddToDictionaryRunsInTheBackground(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(t)
	arc, _ := newArchive(t)
	<-arc.Lexicon().Ready()
	g := &termGatedArchive{Archive: arc, asker: goroutine(), gate: make(chan struct{}), writing: make(chan struct{})}
	win := test.NewTempWindow(t, nil)
	w := New(a, win, g)
	t.Cleanup(func() { w.jobs.Wait(); w.Close() })
	win.Resize(fyne.NewSize(1400, 900))
	w.Start()
	storyWith(t, w, func(s *article.Story) bool { return len(s.Paragraphs) > 0 })
	const name = "司徒雷锋"
	test.Type(w.editor.field(0), name+"表示，工作顺利。")

	w.AddTerm(name, TagPerson)
	if g.onAsker {
		t.Fatal("the dictionary was written on the UI goroutine")
	}
	<-g.writing
	if !w.status.cancel.Visible() {
		t.Fatal("no Cancel while the word is being added")
	}
	test.Type(w.editor.title, "新")
	close(g.gate)
	w.jobs.Wait()
	if !contains(w.Current().Metadata.People, name) {
		t.Fatalf("people after adding %s: %v", name, w.Current().Metadata.People)
	}
	if !strings.HasSuffix(w.Current().Title, "新") {
		t.Fatalf("the typing during the addition was lost: title %q", w.Current().Title)
	}
	if terms, _ := arc.Terms(t.Context()); len(terms) != 1 || terms[0].Word != name {
		t.Fatalf("terms in the archive: %v", terms)
	}
}
