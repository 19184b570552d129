package pdfpage

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/galley/galley/internal/pdftest"
)

// withTimeLimit runs f with the time limit of a step set to d.
func withTimeLimit(d time.Duration, f func()) {
	was := SetPageTimeLimit(d)
	defer SetPageTimeLimit(was)
	f()
}

// A step that runs past the time limit (reading a page, drawing it,
// opening a file) is stopped with an error that names the file and the
// page and counts as a damaged file. The engine starts afresh: the page
// reads again, and so does a document opened before the stop in the
// engine that was stopped, and one opened after.
func TestAStepPastItsTimeLimitIsStoppedAndTheEngineStartsAfresh(t *testing.T) {
	ctx := context.Background()
	before := open(t, write(t, pdftest.TwoStoriesPage()))
	path := write(t, pdftest.ColumnsPage())
	doc := open(t, path)
	var readErr, drawErr, openErr error
	withTimeLimit(time.Nanosecond, func() {
		_, readErr = doc.Page(ctx, 0)
		_, drawErr = before.Render(ctx, 0, 200)
		_, openErr = Open(ctx, path)
	})
	for _, c := range []struct {
		err        error
		name, says string
	}{
		{readErr, path, "page 1 took longer than 1ns to read; the file may be damaged"},
		{drawErr, before.Name(), "page 1 took longer than 1ns to draw"},
		{openErr, path, "opening it took longer than 1ns"},
	} {
		if c.err == nil || !errors.Is(c.err, ErrTooSlow) || !errors.Is(c.err, ErrDamaged) ||
			!strings.Contains(c.err.Error(), c.name) || !strings.Contains(c.err.Error(), c.says) {
			t.Errorf("%v: want an error naming %s that says %q", c.err, c.name, c.says)
		}
	}

	for _, c := range []struct {
		doc  *Document
		want pdftest.Page
	}{
		{doc, pdftest.ColumnsPage()},
		{before, pdftest.TwoStoriesPage()},
		{open(t, write(t, pdftest.PhotoPage())), pdftest.PhotoPage()},
	} {
		page, err := c.doc.Page(ctx, 0)
		if err != nil {
			t.Errorf("%s after the stop: %v", c.doc.Name(), err)
			continue
		}
		if len(page.Glyphs) != len(c.want.Chars()) || page.Width != c.want.Width {
			t.Errorf("%s after the stop: %d glyphs on a page %g wide, want %d on %g", c.doc.Name(), len(page.Glyphs), page.Width, len(c.want.Chars()), c.want.Width)
		}
	}
	if img, err := before.Render(ctx, 0, 200); err != nil || img.Bounds().Dx() != 200 {
		t.Errorf("drawing after the stop: %v", err)
	}
}

// A document whose steps were stopped maxStops times is given up: the
// next step fails at once, even in time, instead of stopping the engine
// page after page.
func TestADocumentStoppedAgainAndAgainIsGivenUp(t *testing.T) {
	ctx := context.Background()
	doc := open(t, write(t, pdftest.ColumnsPage(), pdftest.PhotoPage()))
	withTimeLimit(time.Nanosecond, func() {
		for i := range maxStops {
			if _, err := doc.Page(ctx, i%2); !errors.Is(err, ErrTooSlow) {
				t.Fatalf("step %d: %v", i+1, err)
			}
		}
	})
	_, err := doc.Page(ctx, 1)
	if !errors.Is(err, ErrTooSlow) || !strings.Contains(err.Error(), "took longer than 1ns") {
		t.Errorf("after %d stops: %v, want the document given up", maxStops, err)
	}
}

// A request cancelled by its caller is not read, and says so: it is no
// damaged file.
func TestACancelledReadIsNoDamagedFile(t *testing.T) {
	doc := open(t, write(t, pdftest.ColumnsPage()))
	_, err := doc.Page(canceled(), 0)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), doc.Name()) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := doc.Page(context.Background(), 0); err != nil {
		t.Errorf("after a cancelled read: %v", err)
	}
}

// A worker killed from outside (by the system short of memory, or by a
// user) is replaced: the next step reads its page, in a document opened
// before the kill and in one opened after.
func TestAWorkerKilledFromOutsideIsReplaced(t *testing.T) {
	ctx := context.Background()
	doc := open(t, write(t, pdftest.ColumnsPage()))
	workers.mu.Lock()
	pid := workers.cur.cmd.Process.Pid
	workers.mu.Unlock()
	if p, err := os.FindProcess(pid); err != nil || p.Kill() != nil {
		t.Fatalf("killing the worker %d: %v", pid, err)
	}
	page, err := doc.Page(ctx, 0)
	if err != nil || len(page.Glyphs) != len(pdftest.ColumnsPage().Chars()) {
		t.Fatalf("after the worker was killed: %v", err)
	}
	workers.mu.Lock()
	replaced := workers.cur != nil && workers.cur.cmd.Process.Pid != pid
	workers.mu.Unlock()
	if !replaced {
		t.Errorf("the killed worker %d was not replaced", pid)
	}
	if page, err := open(t, write(t, pdftest.PhotoPage())).Page(ctx, 0); err != nil || len(page.Glyphs) != len(pdftest.PhotoPage().Chars()) {
		t.Errorf("a document opened after the kill: %v", err)
	}
}

// A step that never ends, as on a file that keeps PDFium busy, ends at its
// time limit with the error of a page too slow, and the next read of the
// document gets its page.
func TestAStepThatNeverEndsIsStoppedAtItsTimeLimit(t *testing.T) {
	ctx := context.Background()
	doc := open(t, write(t, pdftest.ColumnsPage()))
	var err error
	withTimeLimit(300*time.Millisecond, func() {
		_, err = doc.step(ctx, 1, "read", &request{Op: opStall})
	})
	if !errors.Is(err, ErrTooSlow) || !strings.Contains(err.Error(), "page 1 took longer than 300ms to read") {
		t.Errorf("a step that never ends: %v", err)
	}
	if page, err := doc.Page(ctx, 0); err != nil || len(page.Glyphs) != len(pdftest.ColumnsPage().Chars()) {
		t.Errorf("after the stop: %v", err)
	}
}

// A caller that gives up on a step that never ends (the user cancelled
// the import) gets it back cancelled, not as a damaged file.
func TestAStepThatNeverEndsIsStoppedWhenCancelled(t *testing.T) {
	doc := open(t, write(t, pdftest.ColumnsPage()))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := doc.step(ctx, 1, "read", &request{Op: opStall})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), doc.Name()) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := doc.Page(context.Background(), 0); err != nil {
		t.Errorf("after a cancelled read: %v", err)
	}
}
