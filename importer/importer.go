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
	PageID  int64 // the new page (a PDF's first), or for a duplicate the page already there
	Stories int   // stories stored
	Reason  string
	// Pages are the archive pages a PDF added, in page order. A PDF whose
	// import stopped half-way is Failed with the pages stored before in
	// Pages, and its Reason says which they are (see storePDF).
	Pages []int64
}

// stored is the number of archive pages the file added.
func (r Result) stored() int {
	if r.Pages != nil {
		return len(r.Pages)
	}
	if r.Outcome == Imported {
		return 1
	}
	return 0
}

// Progress is reported after each file, and while a PDF is imported after
// each of its pages is read and after each is stored.
type Progress struct {
	Done, Total int
	File        string // the file just finished, or the PDF being imported
	Last        Result // after a file; zero while a PDF's pages are reported
	// Pages is the number of pages of the PDF being imported (0 after a
	// file); PagesRead and PagesStored say how far it has come: the page
	// last read (text layer and stories) or last stored with its image.
	// Done counts the files before it.
	Pages, PagesRead, PagesStored int
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
	// ImageWidth is how many pixels wide at most a PDF page is drawn for
	// the archive (and at most MaxImageScale pixels a point). 0:
	// DefaultImageWidth.
	ImageWidth int
}

// DefaultMaxWait is how long a page waits for another writer by default:
// long enough for another import to store the largest page, short enough
// that a program holding the archive for good is reported.
const DefaultMaxWait = 10 * time.Minute

// lockRetry is how often a waiting page tries again, past the busy timeout
// each try already waits inside SQLite.
const lockRetry = 500 * time.Millisecond

// Summary is what an import did, file by file. Imported counts pages: a
// PDF adds one for each page stored.
type Summary struct {
	Results                               []Result
	Imported, Duplicates, Skipped, Failed int
	Stories                               int
	Elapsed                               time.Duration
}

func (s *Summary) add(r Result) {
	s.Results = append(s.Results, r)
	// A PDF counts its pages, also the pages stored before it stopped.
	s.Imported += r.stored()
	if r.stored() > 0 {
		s.Stories += r.Stories
	}
	switch r.Outcome {
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
	// Parse ahead in parallel, store in order: one slot per file keeps
	// the order without holding more than `workers` parsed files.
	slots := make(chan *slot, workers)
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
			s := newSlot(f)
			select {
			case slots <- s:
			case <-ctx.Done():
				wg.Wait()
				return
			}
			wg.Add(1)
			go func(f string) {
				defer wg.Done()
				defer func() { <-sem }()
				s.done <- prepare(ctx, a, f, opt, s.read)
			}(f)
		}
		wg.Wait()
	}()
	pages := func(file string, pages, read, stored int) {
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: total, File: file, Pages: pages, PagesRead: read, PagesStored: stored})
		}
	}
	var fatal error
	for s := range slots {
		p := s.wait(func(read, of int) {
			if fatal == nil {
				pages(s.file, of, read, 0)
			}
		})
		if fatal != nil {
			p.release() // drain the workers
			continue
		}
		r, err := store(ctx, a, p, opt, func(stored, of int) { pages(p.file, of, of, stored) })
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

// slot is one file being prepared on a worker: the prepared file, and
// meanwhile how far the reading of a PDF has come.
type slot struct {
	file    string
	done    chan prepared
	reading chan [2]int // pages read, of how many; only the latest is kept
}

func newSlot(file string) *slot {
	return &slot{file: file, done: make(chan prepared, 1), reading: make(chan [2]int, 1)}
}

// read is called by the worker after each page of a PDF; it never waits
// for the goroutine reporting progress.
func (s *slot) read(done, total int) {
	select {
	case <-s.reading:
	default:
	}
	select {
	case s.reading <- [2]int{done, total}:
	default:
	}
}

// wait returns the prepared file, passing on the reading progress that
// comes before it.
func (s *slot) wait(read func(done, total int)) prepared {
	for {
		select {
		case p := <-s.done:
			// the last page's report was sent before the file was done:
			// when both are there, select may take either, so pass it on
			select {
			case r := <-s.reading:
				read(r[0], r[1])
			default:
			}
			return p
		case r := <-s.reading:
			read(r[0], r[1])
		}
	}
}

// waitTurn runs a write, trying again while another program writes to the
// archive (a second import waits for the first instead of failing after
// the busy timeout), for up to opt.MaxWait.
func waitTurn(ctx context.Context, file string, opt Options, write func() error) error {
	maxWait := opt.MaxWait
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	start := time.Now()
	for {
		err := write()
		if !errors.Is(err, storage.ErrLocked) || time.Since(start) >= maxWait {
			return err
		}
		if opt.Waiting != nil {
			opt.Waiting(file, time.Since(start))
		}
		select {
		case <-ctx.Done():
			return err
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
