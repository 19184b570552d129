package app

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2/lang"
)

// A bug in Galley must not cost the editor their typing. Three nets catch a
// panic, all through rescued:
//   - guard wraps every menu item and keyboard shortcut: the action stops,
//     the window stays open;
//   - background recovers in the job's goroutine: the job stops, the
//     window stays open;
//   - Run recovers what the window's event loop lets through (a panic in any
//     other widget callback unwinds through ShowAndRun on the main
//     goroutine): the loop cannot be resumed, so the story is saved and Run
//     returns an error naming the log.
// Each writes the panic and its stack to CrashLogPath and saves the current
// story before anything else.

// CrashLogPath is the file panics are appended to: crash.log in Galley's
// folder of the user's cache directory ($XDG_CACHE_HOME/galley, usually
// ~/.cache/galley), or in the temporary folder when there is none.
func CrashLogPath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "galley", "crash.log")
}

// writeCrashLog appends one panic with its stack to the crash log and
// returns the log's path.
func writeCrashLog(where string, r any, stack []byte) (string, error) {
	path := CrashLogPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return path, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return path, err
	}
	_, werr := fmt.Fprintf(f, "=== %s: Galley panicked in %s: %v\n%s\n", time.Now().Format(time.RFC3339), where, r, stack)
	if err := f.Close(); werr == nil {
		werr = err
	}
	return path, werr
}

// rescued records a panic (r, recovered in where): it logs it, saves the
// current story and returns an error that says both, for a dialog or for
// Run's caller.
func (w *Workbench) rescued(where string, r any, stack []byte) error {
	log.Printf("galley: panic in %s: %v", where, r)
	path, logErr := writeCrashLog(where, r, stack)
	saveErr := w.saveAfterPanic()
	data := map[string]any{"Where": where, "Panic": fmt.Sprint(r), "Log": path}
	var msg string
	switch {
	case saveErr != nil:
		data["Error"] = saveErr.Error()
		msg = lang.L("Galley hit an internal error in {{.Where}} ({{.Panic}}). The story could NOT be saved ({{.Error}}): copy your changes out of the window before closing it. The details are in {{.Log}}.", data)
	case w.cur == nil:
		msg = lang.L("Galley hit an internal error in {{.Where}} ({{.Panic}}). No story was open. The details are in {{.Log}}.", data)
	default:
		msg = lang.L("Galley hit an internal error in {{.Where}} ({{.Panic}}). The story was saved. The details are in {{.Log}}: please send that file with a word on what you were doing.", data)
	}
	if logErr != nil {
		msg += " (" + lang.L("The log could not be written") + colon() + logErr.Error() + ")"
	}
	return errors.New(msg)
}

// saveAfterPanic saves the current story; a panic while saving (the bug
// may be in saving) is an error, not a second crash.
func (w *Workbench) saveAfterPanic() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
			writeCrashLog("saving after a panic", r, debug.Stack())
		}
	}()
	if w.cur == nil || !w.dirty {
		return nil
	}
	return w.Save()
}

// guard wraps a menu or shortcut action: a panic in it is logged, the story
// saved and the editor told, and the window stays open.
func (w *Workbench) guard(where string, action func()) func() {
	if action == nil {
		return nil
	}
	return func() {
		defer func() {
			if r := recover(); r != nil {
				w.showCrash(w.rescued(where, r, debug.Stack()))
			}
		}()
		action()
	}
}

// showCrash tells the editor about a rescued panic.
func (w *Workbench) showCrash(err error) {
	w.status.flash(lang.L("Internal error: see the message"))
	showMessage(w.Win, lang.L("Internal error"), err.Error())
}
