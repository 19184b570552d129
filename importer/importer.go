// Package importer brings files into the archive: raw pages (text files of
// any encoding ingest decodes) through ingest.Parse and extract.Page, and
// story JSON (galley.story/v1, also JSON Lines) as written by export. Folders
// are walked recursively. Each page is stored in one transaction; a file
// already in the archive is recognised by its SHA-256 and reported, never
// duplicated; files that are not text are skipped with a reason. Both
// `galley import` and the workbench use it.
package importer

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/galley/galley/storage"
)

// Outcome is what became of one file.
type Outcome int

const (
	Imported  Outcome = iota // stored as a new page
	Duplicate                // the same bytes are in the archive already
	Skipped                  // not something Galley imports (a picture, a PDF…)
	Failed                   // could not be read, decoded or stored
)

func (o Outcome) String() string {
	return [...]string{"imported", "duplicate", "skipped", "failed"}[o]
}

// Result is the outcome for one file.
type Result struct {
	File    string
	Outcome Outcome
	PageID  int64 // the new page, or for a duplicate the page already there
	Stories int   // stories stored
	Reason  string
}

// Progress is reported after each file.
type Progress struct {
	Done, Total int
	File        string // the file just finished
	Last        Result
}

// Options tune Import.
type Options struct {
	// Date is the page date for every raw page, YYYY-MM-DD; "" takes it
	// from the file name or the page.
	Date string
	// Progress, when set, is called after each file, from the goroutine
	// that called Import.
	Progress func(Progress)
	// Workers parse files in parallel (storing stays one page at a time).
	// 0: the number of CPUs.
	Workers int
	// Waiting, when set, is called while a page waits for another program
	// (another import, the workbench) to finish writing to the archive,
	// with how long it has waited so far; from the goroutine that called
	// Import.
	Waiting func(file string, waited time.Duration)
	// MaxWait is how long a page waits its turn before the import gives up
	// with storage.ErrLocked. 0: DefaultMaxWait.
	MaxWait time.Duration
}

// DefaultMaxWait is how long a page waits for another writer by default:
// long enough for another import to store the largest page, short enough
// that a program holding the archive for good is reported.
const DefaultMaxWait = 10 * time.Minute

// lockRetry is how often a waiting page tries again, past the busy timeout
// each try already waits inside SQLite.
const lockRetry = 500 * time.Millisecond

// Summary is what an import did, file by file.
type Summary struct {
	Results                               []Result
	Imported, Duplicates, Skipped, Failed int
	Stories                               int
	Elapsed                               time.Duration
}

func (s *Summary) add(r Result) {
	s.Results = append(s.Results, r)
	switch r.Outcome {
	case Imported:
		s.Imported++
		s.Stories += r.Stories
	case Duplicate:
		s.Duplicates++
	case Skipped:
		s.Skipped++
	case Failed:
		s.Failed++
	}
}

// String is the one-line summary: "3 pages imported (27 stories), 1
// duplicate, 1 skipped, 0 failed".
func (s *Summary) String() string {
	return fmt.Sprintf("%d %s imported (%d %s), %d %s, %d skipped, %d failed",
		s.Imported, plural(s.Imported, "page", "pages"), s.Stories, plural(s.Stories, "story", "stories"),
		s.Duplicates, plural(s.Duplicates, "duplicate", "duplicates"), s.Skipped, s.Failed)
}

// Report is the summary followed by one line per file that was not
// imported, saying why.
func (s *Summary) Report() string {
	return s.String() + "\n" + s.Details()
}

// Details is one line per file that was not imported, saying why.
func (s *Summary) Details() string {
	var b strings.Builder
	for _, r := range s.Results {
		if r.Outcome != Imported || r.Reason != "" {
			fmt.Fprintf(&b, "  %s: %s: %s\n", r.Outcome, r.File, r.Reason)
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Import imports files and folders (recursively) into a, in the order
// given (a folder's files in name order). A problem with one file is
// recorded in the summary and the import goes on; a problem with the archive
// itself (disk full, locked, read-only, damaged) or a cancelled ctx stops it
// and is returned with the summary of what was done: every page stored
// before stays whole.
func Import(ctx context.Context, a *storage.Archive, paths []string, opt Options) (*Summary, error) {
	start := time.Now()
	sum := &Summary{}
	files, rejected := Expand(paths)
	total := len(files) + len(rejected)
	done := 0
	report := func(r Result) {
		sum.add(r)
		done++
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: total, File: r.File, Last: r})
		}
	}
	for _, r := range rejected {
		report(r)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	// Load the keyword model before the workers share the lexicon: gse
	// rewrites its global HMM tables while loading it, racing with any
	// concurrent Cut (lexicon.Keywords loads it lazily, outside its lock).
	a.Lexicon().Keywords("", 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Parse ahead in parallel, store in order: one channel per file keeps
	// the order without holding more than `workers` parsed pages.
	slots := make(chan chan prepared, workers)
	go func() {
		defer close(slots)
		sem := make(chan struct{}, workers)
		var wg sync.WaitGroup
		for _, f := range files {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				wg.Wait()
				return
			}
			ch := make(chan prepared, 1)
			select {
			case slots <- ch:
			case <-ctx.Done():
				wg.Wait()
				return
			}
			wg.Add(1)
			go func(f string) {
				defer wg.Done()
				defer func() { <-sem }()
				ch <- prepare(ctx, a, f, opt)
			}(f)
		}
		wg.Wait()
	}()
	var fatal error
	for ch := range slots {
		p := <-ch
		if fatal != nil {
			continue // drain the workers
		}
		r, err := storeWaiting(ctx, a, p, opt)
		if archiveTrouble(err) {
			fatal = err
		}
		report(r)
		if fatal == nil && ctx.Err() != nil {
			fatal = ctx.Err()
		}
		if fatal != nil {
			cancel()
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, fatal
}

// storeWaiting stores a page, waiting its turn while another program
// writes to the archive (a second import waits for the first instead of
// failing after the busy timeout).
func storeWaiting(ctx context.Context, a *storage.Archive, p prepared, opt Options) (Result, error) {
	maxWait := opt.MaxWait
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	start := time.Now()
	for {
		r, err := store(ctx, a, p)
		if !errors.Is(err, storage.ErrLocked) || time.Since(start) >= maxWait {
			return r, err
		}
		if opt.Waiting != nil {
			opt.Waiting(p.file, time.Since(start))
		}
		select {
		case <-ctx.Done():
			return r, err
		case <-time.After(lockRetry):
		}
	}
}

// archiveTrouble reports errors after which importing more files is futile.
func archiveTrouble(err error) bool {
	for _, e := range []error{storage.ErrDiskFull, storage.ErrLocked, storage.ErrReadOnly, storage.ErrCorrupt, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
