package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// When the archive's server cannot be reached, what the editor typed must
// not live only in the window: a save that fails so is kept on local disk
// (one JSON file per story, in the user's cache folder, readable by the
// user only), tried again every few seconds, and removed once saved. A
// workbench that was closed or crashed meanwhile saves what it finds there
// at its next start on the same archive. Each kept edit names the revision
// it was based on, so a colleague's save in the meantime is a conflict,
// not overwritten.

// pendingRetry is how often a kept edit is tried again.
var pendingRetry = 5 * time.Second

// pendingDirOverride replaces the cache folder in tests.
var pendingDirOverride string

// pendingEdit is a kept edit on disk.
type pendingEdit struct {
	Archive  string         `json:"archive"` // the archive's name, without password
	Revision int            `json:"revision"`
	Author   string         `json:"author"`
	Kept     time.Time      `json:"kept"`
	Story    *article.Story `json:"story"`
}

// pendingDir is the folder of the archive's kept edits.
func (w *Workbench) pendingDir() (string, error) {
	base := pendingDirOverride
	if base == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(c, "galley", "pending")
	}
	sum := sha256.Sum256([]byte(w.arc.Path()))
	return filepath.Join(base, hex.EncodeToString(sum[:8])), nil
}

// keepPending writes the open story to local disk after a save failed for
// want of the server, and arms a retry.
func (w *Workbench) keepPending(err error) {
	if w.cur == nil || !errors.Is(err, storage.ErrUnavailable) {
		return
	}
	dir, derr := w.pendingDir()
	if derr == nil {
		derr = os.MkdirAll(dir, 0o700)
	}
	if derr == nil {
		b, _ := json.MarshalIndent(pendingEdit{Archive: w.arc.Path(), Revision: w.cur.Revision, Author: w.author, Kept: time.Now(), Story: w.cur}, "", " ")
		derr = writeFileAtomic(filepath.Join(dir, strconv.FormatInt(w.cur.ID, 10)+".json"), b)
	}
	if derr != nil {
		log.Printf("galley: could not keep the unsaved story on disk: %v", derr)
		return
	}
	w.status.flash(lang.L("The server cannot be reached: your changes are kept on this computer and saved when it is back"))
	id := w.cur.ID
	time.AfterFunc(pendingRetry, func() {
		fyne.Do(func() {
			if w.cur != nil && w.cur.ID == id && w.dirty && errors.Is(w.saveErr, storage.ErrUnavailable) {
				w.Save() // fails again: keeps and re-arms; succeeds: clears
			}
		})
	})
}

// clearPending removes the kept edit of story id once it is saved.
func (w *Workbench) clearPending(id int64) {
	if dir, err := w.pendingDir(); err == nil {
		os.Remove(filepath.Join(dir, strconv.FormatInt(id, 10)+".json"))
	}
}

// savePendingEdits saves what earlier sessions kept on disk for this
// archive (at start, in the background). A kept edit that conflicts with a
// colleague's newer save stays on disk and the editor is told where.
func (w *Workbench) savePendingEdits() {
	dir, err := w.pendingDir()
	if err != nil {
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		return
	}
	w.jobs.Add(1) // a background job: tests (and Close's callers) can wait for it
	go func() {
		defer w.jobs.Done()
		var saved int
		var problems []string
		for _, f := range files {
			b, err := os.ReadFile(f)
			var p pendingEdit
			if err == nil {
				err = json.Unmarshal(b, &p)
			}
			if err != nil || p.Story == nil || p.Archive != w.arc.Path() {
				problems = append(problems, fmt.Sprintf("%s: %v", f, err))
				continue
			}
			p.Story.Revision = p.Revision
			if _, err := w.arc.SaveStory(w.ctx, p.Story, p.Author, ""); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", f, err))
				continue
			}
			os.Remove(f)
			saved++
		}
		fyne.Do(func() {
			if saved > 0 {
				w.browser.reload()
				if w.cur != nil && !w.dirty {
					w.reopen()
				}
				w.status.flash(lang.L("Saved {{.N}} edits kept on this computer while the server could not be reached", map[string]any{"N": saved}))
			}
			if len(problems) > 0 {
				w.showError(lang.L("Edits kept on this computer could not be saved; they stay there"), errors.New(strings.Join(problems, "\n")))
			}
		})
	}()
}

// writeFileAtomic writes a file whole or not at all (a crash mid-write
// must not leave half an edit).
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pending-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
