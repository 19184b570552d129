package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/article"
	"github.com/galley/galley/assets"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

const seedPage = "seeds/000_84aa73dab9e593a4.txt"

// newArchive opens a real archive in a temporary folder and imports the
// sample page through the pipeline.
func newArchive(t testing.TB) (*storage.Archive, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	arc, err := storage.OpenWith(path, storage.Options{Lexicon: lexicon.Shared()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { arc.Close() })
	sum := ImportSeeds(t.Context(), arc, assets.Seeds, []string{seedPage}, nil)
	if sum.Imported != 1 || len(sum.Failed) > 0 {
		t.Fatalf("importing the sample page: %s %v", sum, sum.Failed)
	}
	return arc, path
}

// newBench builds a workbench in a test window over a seeded archive and
// opens the first story.
func newBench(t testing.TB) (*Workbench, *storage.Archive, string) {
	return newBenchIn(t, nil)
}

// newBenchIn is newBench in a window of the caller's (nil: a window the
// test closes at its end; a test that closes the window itself passes
// one, since closing a test window twice panics).
func newBenchIn(t testing.TB, win fyne.Window) (*Workbench, *storage.Archive, string) {
	t.Helper()
	t.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(t)
	arc, path := newArchive(t)
	if win == nil {
		win = test.NewTempWindow(t, nil)
	}
	w := New(a, win, arc)
	// No job of this test may run on into the next one's app.
	t.Cleanup(func() { w.jobs.Wait(); w.Close() })
	win.Resize(fyne.NewSize(1400, 900))
	w.Start()
	if w.Current() == nil {
		t.Fatal("no story opened at start")
	}
	return w, arc, path
}

// storyWith opens the first story that satisfies ok.
func storyWith(t testing.TB, w *Workbench, ok func(st *article.Story) bool) *article.Story {
	t.Helper()
	for _, s := range w.browser.stories {
		if err := w.OpenStory(s.ID); err != nil {
			t.Fatal(err)
		}
		if ok(w.Current()) {
			return w.Current()
		}
	}
	t.Fatal("no story fits")
	return nil
}
