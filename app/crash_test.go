package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// buggyArchive is the real archive with one method that panics once armed,
// as a bug below a handler would.
type buggyArchive struct {
	Archive
	revisions bool
	// storiesFull, when set, makes StoriesFull wait for it to close, then
	// panic.
	storiesFull chan struct{}
}

func (b *buggyArchive) Revisions(ctx context.Context, id int64) ([]storage.Revision, error) {
	if b.revisions {
		panic("revisions boom")
	}
	return b.Archive.Revisions(ctx, id)
}

func (b *buggyArchive) StoriesFull(ctx context.Context, f storage.StoryFilter) ([]article.Story, error) {
	if b.storiesFull != nil {
		<-b.storiesFull
		panic("replace boom")
	}
	return b.Archive.StoriesFull(ctx, f)
}

// newBuggyBench is newBench over a buggyArchive, with the crash log in a
// temporary folder; the story open has unsaved typing.
func newBuggyBench(t *testing.T) (*Workbench, *buggyArchive, *storage.Archive, string) {
	t.Helper()
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a := test.NewTempApp(t)
	arc, _ := newArchive(t)
	buggy := &buggyArchive{Archive: arc}
	win := test.NewTempWindow(t, nil)
	w := New(a, win, buggy)
	// No job of this test may run on into the next one's app.
	t.Cleanup(func() { w.jobs.Wait(); w.Close() })
	win.Resize(fyne.NewSize(1400, 900))
	w.Start()
	test.Type(w.editor.title, "未存")
	if !w.Dirty() {
		t.Fatal("typing did not mark the story unsaved")
	}
	return w, buggy, arc, w.Current().Title
}

// crashShown checks the crash log and the message after a rescued panic.
func crashShown(t *testing.T, w *Workbench, panicText, where string) {
	t.Helper()
	b, err := os.ReadFile(CrashLogPath())
	if err != nil {
		t.Fatalf("no crash log: %v", err)
	}
	if log := string(b); !strings.Contains(log, panicText) || !strings.Contains(log, where) || !strings.Contains(log, "goroutine") {
		t.Fatalf("crash log lacks the panic, the place or the stack:\n%s", log)
	}
	top := w.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the editor was not told")
	}
	shown := strings.Join(labelsOf(test.LaidOutObjects(top)), " ")
	if !strings.Contains(shown, "The story was saved") || !strings.Contains(shown, filepath.Join("galley", "crash.log")) {
		t.Fatalf("message: %s", shown)
	}
}

func savedTitle(t *testing.T, arc *storage.Archive, id int64) string {
	t.Helper()
	st, err := arc.Story(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Title
}

// A panic in a menu action (here Revision history…, Ctrl+H) is caught: the
// unsaved typing is saved, the panic and its stack are logged, the editor is
// told, and the window goes on working.
func TestPanicInAMenuActionSavesTheStory(t *testing.T) {
	w, buggy, arc, title := newBuggyBench(t)
	buggy.revisions = true
	menuItem(t, w.Win.MainMenu(), "Revision history…").Action()
	if got := savedTitle(t, arc, w.Current().ID); got != title {
		t.Fatalf("archive has title %q, the window had %q", got, title)
	}
	crashShown(t, w, "revisions boom", "Revision history…")
	// Still working: the next edit is saved as usual.
	w.closeTopDialog()
	buggy.revisions = false
	test.Type(w.editor.title, "再")
	w.Save()
	if got := savedTitle(t, arc, w.Current().ID); got != w.Current().Title {
		t.Fatalf("after the rescue, saving gave %q", got)
	}
}

// A panic in a background job (an archive-wide replace) stops the job, not
// Galley, and what the editor typed while it ran is saved.
func TestPanicInABackgroundJobSavesTheStory(t *testing.T) {
	w, buggy, arc, _ := newBuggyBench(t)
	release := make(chan struct{})
	buggy.storiesFull = release
	r, _ := newReplacer("。", "．", false)
	w.replaceArchiveInBackground(r, func(int, int, error) { t.Error("the job finished") })
	// The editor goes on typing while the job runs.
	test.Type(w.editor.title, "又")
	title := w.Current().Title
	close(release)
	w.jobs.Wait()
	if got := savedTitle(t, arc, w.Current().ID); got != title {
		t.Fatalf("archive has title %q, the window had %q", got, title)
	}
	crashShown(t, w, "replace boom", "Replacing…")
	if w.status.progress.Visible() {
		t.Error("the progress bar stays after the job stopped")
	}
}

// A panic that unwinds the window's event loop (any other widget callback)
// ends Run with an error naming the log, after saving the story.
func TestPanicThroughTheEventLoopSavesTheStory(t *testing.T) {
	w, _, arc, title := newBuggyBench(t)
	err := w.runRescued(func() { panic("loop boom") })
	if err == nil || !strings.Contains(err.Error(), "The story was saved") || !strings.Contains(err.Error(), CrashLogPath()) {
		t.Fatalf("Run's error: %v", err)
	}
	if got := savedTitle(t, arc, w.Current().ID); got != title {
		t.Fatalf("archive has title %q, the window had %q", got, title)
	}
	if b, _ := os.ReadFile(CrashLogPath()); !strings.Contains(string(b), "loop boom") {
		t.Fatalf("crash log: %s", b)
	}
}
