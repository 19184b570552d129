package app

import (
	"context"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/assets"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

// SetupLanguage loads Galley's translations. The language follows the
// system unless the preferences name one; Fyne reads the locale when the
// translations are added, so a change applies at the next start.
func SetupLanguage(a fyne.App) {
	if code := a.Preferences().String(prefLanguage); code != "" {
		// Fyne reads the locale like gettext: LANGUAGE wins unless the
		// locale is plain C, which C.UTF-8 (the same locale) is not.
		for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := os.Getenv(env); v != "" {
				if v == "C" || v == "POSIX" {
					os.Setenv(env, "C.UTF-8")
				}
				break
			}
		}
		os.Setenv("LANGUAGE", code)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		log.Printf("galley: translations: %v", err)
	}
}

// Run opens the workbench on the archive at dbPath and blocks until the
// window is closed. started is when the process started, for the start-up
// time in the log.
func Run(a fyne.App, dbPath string, started time.Time) error {
	restoreGC := collectOftenUntilShown()
	SetupLanguage(a)
	th := newTheme()
	th.preload()
	a.Settings().SetTheme(th)
	a.SetIcon(fyne.NewStaticResource("galley.png", assets.Icon()))
	win := a.NewWindow("Galley")
	// The dictionary takes a second or two of CPU to load; it starts once
	// the window is on screen, so the first frame does not compete with it
	// (on two cores it did). Nothing on the way to the first frame needs it.
	lex := lexicon.New()
	arc, err := storage.OpenWith(dbPath, storage.Options{Lexicon: lex, RetryFor: 2 * time.Second})
	if err != nil {
		// Say what happened in the window itself: a locked or foreign archive
		// must not look like a crash, and nothing is touched.
		msg := widget.NewLabel(fmt.Sprintf("%s\n\n%v\n\n%s", lang.L("Galley could not open the archive."), err, advice(err)))
		msg.Wrapping = fyne.TextWrapWord
		win.SetContent(container.NewPadded(msg))
		win.Resize(fyne.NewSize(640, 280))
		win.ShowAndRun()
		return err
	}
	defer arc.Close()
	// arc.Path, not dbPath: a connection string may hold a password.
	log.Printf("galley: archive %s opened %d ms after start", arc.Path(), time.Since(started).Milliseconds())
	win.SetTitle("Galley — " + arc.Path())
	w := New(a, win, arc)
	// On a shared archive the person is the database user, unless
	// $GALLEY_USER names another.
	if os.Getenv("GALLEY_USER") == "" && arc.DatabaseUser() != "" {
		w.author = arc.DatabaseUser()
	}
	w.restoreLayout()
	win.SetOnDropped(w.dropped)
	win.SetCloseIntercept(w.closeWindow)
	a.Lifecycle().SetOnStarted(func() {
		log.Printf("galley: window shown %d ms after start; dictionary loaded: %v",
			time.Since(started).Milliseconds(), lex.Loaded())
		restoreGC()
		go loadReleasingMemory(lex)
	})
	// Should the lifecycle event never come, load anyway (Load runs once).
	time.AfterFunc(3*time.Second, func() { restoreGC(); lex.LoadAsync() })
	w.Start()
	// Only the real window watches (tests call checkArchive themselves: the
	// test driver would run the watch's fyne.Do beside the test).
	w.watchArchive()
	log.Printf("galley: window built %d ms after start", time.Since(started).Milliseconds())
	return w.showAndRun()
}

// startupGCPercent is the garbage collector's target until the window is
// on screen. Parsing the CJK faces for the first frame (and, under a
// Chinese locale, Fyne's own fallback face) makes garbage in bursts of
// tens of megabytes; at Go's default of 100 the heap may double before it
// is collected, and that peak was most of the workbench's resident memory
// (issue 12: 306 MB peak under zh_CN; 283 MB with 20). A few more
// collections at start-up cost little.
const startupGCPercent = 20

// collectOftenUntilShown sets startupGCPercent, unless $GOGC asks for a
// target of its own, and returns the function that puts the default back
// (once, however often it is called).
func collectOftenUntilShown() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	before := debug.SetGCPercent(startupGCPercent)
	var once sync.Once
	return func() { once.Do(func() { debug.SetGCPercent(before) }) }
}

// loadReleasingMemory loads the dictionary between two returns of freed
// memory to the system (issue 12). The first frame leaves the font files'
// bytes behind as free runs of several megabytes, which Go would keep
// until the heap doubles. The dictionary is mapped, not decoded, so its
// load makes little garbage; but when the compiled file cannot be used,
// gse builds the dictionary in memory and leaves tens of megabytes, which
// the second return gives back. Each return costs one collection, ~50 ms
// of one core, off the window's goroutine.
func loadReleasingMemory(lex *lexicon.Lexicon) {
	debug.FreeOSMemory()
	lex.LoadAsync()
	<-lex.Done()
	debug.FreeOSMemory()
}

// showAndRun runs the window until it closes. A panic in a widget callback
// unwinds the event loop on this goroutine (Fyne runs every callback on
// the goroutine that called Run) and ends here: the loop cannot be resumed,
// so the story is saved, the panic logged, and the error says where.
func (w *Workbench) showAndRun() error { return w.runRescued(w.Win.ShowAndRun) }

// runRescued runs the window's loop, turning a panic into a saved story, a
// crash log entry and an error.
func (w *Workbench) runRescued(loop func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = w.rescued(lang.L("the window"), r, debug.Stack())
		}
	}()
	loop()
	return nil
}

// closeWindow saves and closes; when the save fails (a locked archive, a
// full disk) the window stays open, unless the editor chooses to close and
// lose the changes.
func (w *Workbench) closeWindow() {
	done := func() {
		w.Close()
		w.rememberLayout()
		w.Win.Close()
	}
	if err := w.Save(); err == nil {
		done()
		return
	}
	w.confirm(lang.L("Close without saving?"),
		lang.L("The story could not be saved (see the message). Close anyway and lose the changes since the last save?"),
		lang.L("Close without saving"), done)
}

// Start fills the browser, watches the dictionary load, imports the sample
// pages into an empty archive (in the background) or opens the last story.
func (w *Workbench) Start() {
	if m, err := w.arc.ChangeMark(w.ctx); err == nil {
		w.mark = m
	}
	lex := w.arc.Lexicon()
	w.status.setDictionary(lex.Loaded())
	w.dictShown = make(chan struct{})
	if lex.Loaded() {
		close(w.dictShown)
	} else {
		go func() {
			// watch, do not start: the load is scheduled where the
			// workbench starts (a test or a command decides when)
			<-lex.Done()
			fyne.Do(func() {
				w.status.setDictionary(true)
				close(w.dictShown)
			})
		}()
	}
	w.browser.reload()
	w.watchOthers()
	// edits kept while the server was away are saved once the window has
	// its story open: their refresh then finds a settled workbench
	defer w.savePendingEdits()
	if len(w.browser.stories) == 0 {
		w.seed()
		return
	}
	w.openLast()
}

func (w *Workbench) openLast() {
	if v, err := w.arc.Setting(w.ctx, "last_story"); err == nil && v != "" {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			for _, s := range w.browser.stories {
				if s.ID == id {
					w.OpenStory(id)
					return
				}
			}
		}
	}
	if len(w.browser.stories) > 0 {
		w.OpenStory(w.browser.stories[0].ID)
	}
}

// seed imports the bundled sample pages, so a first start shows stories.
func (w *Workbench) seed() {
	w.background(lang.L("Importing the sample pages…"), func(ctx context.Context, report func(int, int)) func() {
		sum := ImportSeeds(ctx, w.arc, assets.Seeds, assets.SeedFiles(),
			func(done, total int, _ string) { report(done, total) })
		return func() {
			w.browser.reload()
			w.status.flash(lang.L("Sample pages: {{.Summary}}", map[string]any{"Summary": sum.String()}))
			if len(sum.Failed) > 0 {
				w.showImportSummary(sum)
			}
			w.openLast()
		}
	})
}

// restoreLayout applies the remembered window size and pane positions.
func (w *Workbench) restoreLayout() {
	p := w.App.Preferences()
	wd, ht := p.FloatWithFallback(prefWidth, 1400), p.FloatWithFallback(prefHeight, 860)
	w.Win.Resize(fyne.NewSize(float32(wd), float32(ht)))
	for i, s := range w.splits {
		if v := p.FloatWithFallback(prefSplit+strconv.Itoa(i), -1); v > 0.05 && v < 0.95 {
			s.SetOffset(v)
		}
	}
	if v := p.FloatWithFallback(prefPageSplit, -1); v > 0.05 && v < 0.95 {
		w.rawPane.pageSplit = v
	}
}

func (w *Workbench) rememberLayout() {
	p := w.App.Preferences()
	size := w.Win.Canvas().Size()
	if size.Width > 200 && size.Height > 200 {
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
	}
	text, page := w.rawPane.splits()
	for i, s := range w.splits {
		off := s.Offset
		if i == 1 {
			off = text // the page image's width is kept on its own
		}
		p.SetFloat(prefSplit+strconv.Itoa(i), off)
	}
	if page > 0 {
		p.SetFloat(prefPageSplit, page)
	}
}

// watchInterval is how often the window looks for changes another program
// made to the archive.
const watchInterval = 2 * time.Second

// watchArchive polls the archive's change mark, so that the window shows
// what another program (`galley status` on the command line, a second
// window) changed, without a restart.
func (w *Workbench) watchArchive() {
	stop := make(chan struct{})
	w.stopWatch = stop
	go func() {
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(w.checkArchive)
			}
		}
	}()
}

// checkArchive refreshes the list when the archive changed, and the open
// story when it has no unsaved changes (with unsaved changes, its next
// save is a conflict the editor resolves).
func (w *Workbench) checkArchive() {
	m, err := w.arc.ChangeMark(w.ctx)
	if err != nil || m == w.mark {
		return
	}
	w.mark = m
	w.browser.reload()
	if w.cur == nil || w.dirty {
		return
	}
	st, err := w.arc.Story(w.ctx, w.cur.ID)
	if err != nil || (st.Revision == w.cur.Revision && st.Status == w.cur.Status) {
		return
	}
	*w.cur = *st
	w.fill()
	w.meta.showStatus(st.Status)
}
