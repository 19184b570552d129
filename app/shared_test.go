package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/internal/pgtest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

func TestParseSharedKeepsThePasswordOutOfTheConnectionString(t *testing.T) {
	s, err := ParseShared(" postgres://editor:s3cret@dbhost/galley?sslmode=verify-full ", "")
	if err != nil || s.DSN != "postgres://editor@dbhost/galley?sslmode=verify-full" || s.Password != "s3cret" {
		t.Errorf("%+v, %v", s, err)
	}
	if s, _ := ParseShared("postgres://editor:old@dbhost/galley", "typed"); s.Password != "typed" || strings.Contains(s.DSN, "old") {
		t.Errorf("the typed password: %+v", s)
	}
	if _, err := ParseShared("/home/me/archive.db", ""); err == nil {
		t.Error("a file name accepted as a shared archive")
	}
}

// File → Open shared archive… tries the server, says clearly when the
// password is wrong, and otherwise opens a new workbench on it, passing
// the password aside and remembering the connection without it.
func TestOpenSharedArchiveTriesTheServerFirst(t *testing.T) {
	srv := startPostgres(t)
	w, _, _ := newBench(t)
	var launched []SharedArchive
	old := launchShared
	launchShared = func(s SharedArchive) error { launched = append(launched, s); return nil }
	defer func() { launchShared = old }()
	open := func(conn, password string) error {
		done := make(chan error, 1)
		w.openShared(conn, password, func(err error) { done <- err })
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("no answer")
			return nil
		}
	}
	wrong := srv.DSNAs(pgtest.PasswordUser, "", pgtest.TestDatabase)
	if err := open(wrong, "not-it"); err == nil || !strings.Contains(err.Error(), "refused the login") || !strings.Contains(err.Error(), "pwuser@") {
		t.Errorf("wrong password: %v", err)
	}
	if len(launched) != 0 || w.App.Preferences().String(prefSharedArchive) != "" {
		t.Errorf("a refused archive was launched or remembered: %+v", launched)
	}
	dsn, err := srv.NewArchive("gui")
	if err != nil {
		t.Fatal(err)
	}
	if err := open(dsn, ""); err != nil {
		t.Fatalf("open the shared archive: %v", err)
	}
	if len(launched) != 1 || launched[0].DSN != dsn {
		t.Errorf("launched %+v", launched)
	}
	if got := w.App.Preferences().String(prefSharedArchive); got != dsn {
		t.Errorf("remembered %q", got)
	}
}

func startPostgres(t *testing.T) *pgtest.Server {
	t.Helper()
	srv, err := pgtest.Start()
	if err != nil {
		if pgtest.MustSkip(err) {
			t.Skipf("no PostgreSQL to test against: %v", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return srv
}

// On a shared archive the status bar says who else has the story open and
// since when; the others see this workbench the same way until it closes.
func TestWorkbenchShowsWhoElseHasTheStoryOpen(t *testing.T) {
	srv := startPostgres(t)
	lite, _ := newArchive(t)
	dsn, err := srv.NewArchive("lease")
	if err != nil {
		t.Fatal(err)
	}
	arc, err := storage.OpenWith(dsn, storage.Options{Lexicon: lexicon.Shared()})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	if _, err := lite.CopyTo(t.Context(), arc, nil); err != nil {
		t.Fatal(err)
	}
	colleague, err := storage.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer colleague.Close()
	if _, err := colleague.HoldLease(t.Context(), 1, "李编辑", 0); err != nil {
		t.Fatal(err)
	}

	t.Setenv("GALLEY_USER", "王编辑")
	win := test.NewTempWindow(t, nil)
	w := New(test.NewTempApp(t), win, arc)
	win.Resize(fyne.NewSize(1400, 900))
	w.Start()
	if err := w.OpenStory(1); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(w.status.others.Text, "李编辑") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(w.status.others.Text, "李编辑 since") {
		t.Errorf("status bar: %q", w.status.others.Text)
	}
	if l, _ := colleague.Leases(t.Context(), 1); len(l) != 2 || l[1].Holder != w.author {
		t.Errorf("the colleague sees %+v", l)
	}

	// The colleague's saves reach this workbench without a restart: the
	// open story (unchanged here) is read again, the browser shows the rest.
	// (the window polls every watchInterval; a loaded CI machine may take
	// several polls, and the wait ends as soon as the change shows)
	eventually := func(what string, ok func() bool) {
		t.Helper()
		for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			done := false
			fyne.DoAndWait(func() { done = ok() })
			if done {
				return
			}
		}
		t.Errorf("not seen: %s", what)
	}
	st, _ := colleague.Story(t.Context(), 1)
	st.Title = "李编辑改的标题"
	if _, err := colleague.SaveStory(t.Context(), st, "李编辑", ""); err != nil {
		t.Fatal(err)
	}
	// (the test driver runs the watcher's fyne.Do on the watcher's own
	// goroutine, so the story may be between two copies when looked at)
	eventually("the open story read again", func() bool {
		c := w.Current()
		return c != nil && c.Title == "李编辑改的标题" && c.Revision == 2
	})
	other := w.browser.stories[len(w.browser.stories)-1].ID
	if err := colleague.SetStatus(t.Context(), other, "checked", "李编辑"); err != nil {
		t.Fatal(err)
	}
	eventually("the status in the browser", func() bool {
		for _, s := range w.browser.stories {
			if s.ID == other {
				return s.Status == "checked"
			}
		}
		return false
	})

	w.Close()
	deadline = time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if l, _ := colleague.Leases(t.Context(), 1); len(l) == 1 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("closing the workbench did not release its lease")
}

// The server goes away while the editor types: the save says so once,
// the edit is kept on local disk and saved by itself when the server is
// back. A workbench closed meanwhile saves the kept edit at its next start.
func TestUnsavedEditsSurviveTheServerGoingAway(t *testing.T) {
	srv := startPostgres(t)
	pendingDirOverride = t.TempDir()
	oldRetry := pendingRetry
	pendingRetry = 300 * time.Millisecond
	defer func() { pendingDirOverride, pendingRetry = "", oldRetry }()
	lite, _ := newArchive(t)
	dsn, err := srv.NewArchive("offline")
	if err != nil {
		t.Fatal(err)
	}
	arc, err := storage.OpenWith(dsn, storage.Options{Lexicon: lexicon.Shared(), RetryFor: 2 * time.Second}) // as the workbench
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	if _, err := lite.CopyTo(t.Context(), arc, nil); err != nil {
		t.Fatal(err)
	}
	app := test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	w := New(app, win, arc)
	win.Resize(fyne.NewSize(1400, 900))
	w.Start()
	w.OpenStory(1)
	kept := func() []string {
		dir, _ := w.pendingDir()
		f, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		return f
	}

	if err := srv.StopServer(); err != nil {
		t.Fatal(err)
	}
	test.Type(w.editor.title, "断网时")
	if err := w.Save(); !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("save with the server down: %v", err)
	}
	if len(kept()) != 1 || !w.Dirty() {
		t.Fatalf("kept on disk: %v; still marked unsaved: %v", kept(), w.Dirty())
	}
	title := w.Current().Title
	if err := srv.StartServer(); err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end) && len(kept()) > 0; time.Sleep(100 * time.Millisecond) {
	}
	if len(kept()) != 0 {
		t.Fatal("the kept edit was not saved when the server came back")
	}
	if st, _ := arc.Story(t.Context(), 1); st.Title != title || st.Revision != 2 {
		t.Errorf("saved after the server came back: %q revision %d", st.Title, st.Revision)
	}

	// Closed (or crashed) with an edit kept: the next start saves it.
	if err := srv.StopServer(); err != nil {
		t.Fatal(err)
	}
	test.Type(w.editor.title, "再断网")
	w.Save()
	title = w.Current().Title
	w.Close()
	if err := srv.StartServer(); err != nil {
		t.Fatal(err)
	}
	w2 := New(app, test.NewTempWindow(t, nil), arc)
	w2.Start()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end) && len(kept()) > 0; time.Sleep(100 * time.Millisecond) {
	}
	w2.jobs.Wait() // the saver's refresh of the window, before the window goes
	if st, _ := arc.Story(t.Context(), 1); st.Title != title || len(kept()) != 0 {
		t.Errorf("after a restart: %q (want %q), kept %v", st.Title, title, kept())
	}
	w2.Close()
}

// The workbench keeps to the archive's roles: an editor who is no approver
// is told so and the story stays as it was.
func TestWorkbenchApprovingIsForTheNamedEditors(t *testing.T) {
	w, arc, _ := newBench(t)
	if err := arc.SetApprover(t.Context(), "总编", true, w.author); err != nil {
		t.Fatal(err)
	}
	w.author = "李编辑"
	id := w.Current().ID
	if err := w.SetStatus("approved"); !errors.Is(err, storage.ErrNotAllowed) {
		t.Fatalf("approval by 李编辑: %v", err)
	}
	if st, _ := arc.Story(t.Context(), id); st.Status == "approved" || w.Current().Status == "approved" {
		t.Error("the refused approval changed the story")
	}
	if err := w.SetStatus("checked"); err != nil {
		t.Errorf("checking: %v", err)
	}
	w.author = "总编"
	if err := w.SetStatus("approved"); err != nil {
		t.Errorf("approval by 总编: %v", err)
	}
}
