package app

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"github.com/galley/galley/article"
	"github.com/galley/galley/importer"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

// ImportSummary is what an import did.
type ImportSummary struct {
	Imported   int
	Stories    int
	Duplicates []string // "file: already imported as page N"
	Failed     []string // "file: reason"
	Skipped    []string // "file: reason" (not a text page)
	Stopped    error    // an archive problem that stopped the import
}

// String is the one-line summary in the UI's language.
func (s ImportSummary) String() string {
	return lang.L("{{.Pages}} imported ({{.Stories}}), {{.Duplicates}} already there, {{.Skipped}} skipped, {{.Failed}} failed",
		map[string]any{"Pages": pagesCount(s.Imported), "Stories": storiesCount(s.Stories),
			"Duplicates": len(s.Duplicates), "Skipped": len(s.Skipped), "Failed": len(s.Failed)})
}

// storiesCount is "1 story", "3 stories" in the UI's language.
func storiesCount(n int) string {
	if n == 1 {
		return lang.L("{{.N}} story", map[string]any{"N": n})
	}
	return lang.L("{{.N}} stories", map[string]any{"N": n})
}

// pagesCount is "1 page", "3 pages" in the UI's language.
func pagesCount(n int) string {
	if n == 1 {
		return lang.L("{{.N}} page", map[string]any{"N": n})
	}
	return lang.L("{{.N}} pages", map[string]any{"N": n})
}

// add records what became of one file.
func (s *ImportSummary) add(r importer.Result) {
	line := r.File
	if r.Reason != "" {
		line += colon() + r.Reason
	}
	// A PDF adds a page for each of its pages; one whose import stopped
	// half-way keeps those it stored (and says so in its reason).
	stored := len(r.Pages)
	if r.Pages == nil && r.Outcome == importer.Imported {
		stored = 1
	}
	s.Imported += stored
	if stored > 0 {
		s.Stories += r.Stories
	}
	switch r.Outcome {
	case importer.Duplicate:
		s.Duplicates = append(s.Duplicates, lang.L("{{.File}}: already imported as page {{.Page}}",
			map[string]any{"File": r.File, "Page": r.PageID}))
	case importer.Skipped:
		s.Skipped = append(s.Skipped, line)
	case importer.Failed:
		s.Failed = append(s.Failed, line)
	}
}

// stop records the archive problem that stopped an import.
func (s *ImportSummary) stop(err error) {
	s.Stopped = err
	if errors.Is(err, context.Canceled) {
		return // the editor stopped it: nothing failed
	}
	s.Failed = append(s.Failed, err.Error())
}

// importArchive is the archive the importer writes to: the real one.
func importArchive(arc Archive) (*storage.Archive, error) {
	sa, ok := arc.(*storage.Archive)
	if !ok {
		return nil, errors.New(lang.L("This archive cannot import files"))
	}
	return sa, nil
}

// ImportProgress is how far an import has come.
type ImportProgress struct {
	Fraction float64 // of the whole import, 0 to 1
	// File is the PDF whose pages are being read (Stored false) or
	// stored with their images (Stored true); Page of Pages is the page
	// last done. Pages is 0 between files.
	File        string
	Page, Pages int
	Stored      bool
}

// importProgress turns the importer's report into an ImportProgress: a
// PDF counts as one file whose pages are read, then stored, so that the
// bar moves through a PDF of 300 pages instead of waiting at its start.
func importProgress(p importer.Progress) ImportProgress {
	ip := ImportProgress{File: p.File}
	done := float64(p.Done)
	if p.Pages > 0 {
		done += float64(p.PagesRead+p.PagesStored) / float64(2*p.Pages)
		ip.Pages = p.Pages
		ip.Page, ip.Stored = p.PagesRead, p.PagesStored > 0
		if ip.Stored {
			ip.Page = p.PagesStored
		}
	}
	if p.Total > 0 {
		ip.Fraction = min(done/float64(p.Total), 1)
	}
	return ip
}

// String says which page of which PDF the import is at ("" between files).
func (p ImportProgress) String() string {
	if p.Pages == 0 {
		return ""
	}
	data := map[string]any{"File": filepath.Base(p.File), "Page": p.Page, "Pages": p.Pages}
	if p.Stored {
		return lang.L("Storing {{.File}}: page {{.Page}} of {{.Pages}}", data)
	}
	return lang.L("Reading {{.File}}: page {{.Page}} of {{.Pages}}", data)
}

// ImportFiles imports files and folders (text pages, story JSON, PDFs)
// into arc through the importer (the same path as `galley import`),
// calling progress as it goes. A bad file never stops it: the summary
// says what happened to each; an archive problem (locked, full disk)
// stops it, and what was imported before stays whole.
func ImportFiles(ctx context.Context, arc Archive, paths []string, progress func(ImportProgress)) ImportSummary {
	var sum ImportSummary
	sa, err := importArchive(arc)
	if err != nil {
		sum.stop(err)
		return sum
	}
	opt := importer.Options{}
	if progress != nil {
		opt.Progress = func(p importer.Progress) { progress(importProgress(p)) }
	}
	res, err := importer.Import(ctx, sa, paths, opt)
	if res != nil {
		for _, r := range res.Results {
			sum.add(r)
		}
	}
	if err != nil {
		sum.stop(err)
	}
	return sum
}

// ImportSeeds imports the sample pages bundled in the binary, through the
// importer like any file.
func ImportSeeds(ctx context.Context, arc Archive, seeds fs.FS, names []string, progress func(done, total int, file string)) ImportSummary {
	var sum ImportSummary
	sa, err := importArchive(arc)
	if err != nil {
		sum.stop(err)
		return sum
	}
	for i, n := range names {
		if progress != nil {
			progress(i, len(names), n)
		}
		raw, err := fs.ReadFile(seeds, n)
		if err != nil {
			sum.add(importer.Result{File: n, Outcome: importer.Failed, Reason: err.Error()})
			continue
		}
		r, err := importer.ImportData(ctx, sa, filepath.Base(n), raw, importer.Options{})
		sum.add(r)
		if err != nil {
			sum.stop(err)
			break
		}
	}
	if progress != nil {
		progress(len(names), len(names), "")
	}
	return sum
}

// recleanStory runs the pipeline again on the story's page and returns the
// fresh story whose raw span overlaps st's the most (nil when none does).
func recleanStory(page *article.Page, st *article.Story, lex *lexicon.Lexicon) (*article.Story, error) {
	p, err := importer.ParsePage([]byte(page.Text), page.File, page.Date, lex)
	if err != nil {
		return nil, err
	}
	var best *article.Story
	bestOverlap := 0
	for i := range p.Stories {
		s := &p.Stories[i]
		o := min(s.Source.End, st.Source.End) - max(s.Source.Start, st.Source.Start)
		if o > bestOverlap {
			best, bestOverlap = s, o
		}
	}
	return best, nil
}
