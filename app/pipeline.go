package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/importer"
	"github.com/galley/galley/ingest"
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

func (s ImportSummary) String() string {
	return fmt.Sprintf("%d imported (%d stories), %d already there, %d skipped, %d failed",
		s.Imported, s.Stories, len(s.Duplicates), len(s.Skipped), len(s.Failed))
}

// parsePage runs the pipeline on one raw page: ingest, then extract.
func parsePage(raw []byte, name string, lex *lexicon.Lexicon) (*article.Page, error) {
	p, err := ingest.Parse(raw, ingest.Options{File: name, Lexicon: lex})
	if err != nil {
		return nil, err
	}
	extract.Page(p, extract.Options{PageDate: p.Date, Lexicon: lex})
	return p, nil
}

// importRaw parses and stores one page, recording the outcome in sum.
func importRaw(ctx context.Context, arc Archive, raw []byte, name string, sum *ImportSummary) {
	p, err := parsePage(raw, name, arc.Lexicon())
	if err != nil {
		sum.Failed = append(sum.Failed, err.Error())
		return
	}
	if _, err := arc.AddPage(ctx, p); err != nil {
		if errors.Is(err, storage.ErrDuplicate) {
			sum.Duplicates = append(sum.Duplicates, err.Error())
			return
		}
		sum.Failed = append(sum.Failed, fmt.Sprintf("%s: %v", name, err))
		return
	}
	sum.Imported++
	sum.Stories += len(p.Stories)
}

// ImportFiles imports files and folders into arc through the importer
// (the same path as `galley import`), calling progress after each file. A
// bad file never stops it: the summary says what happened to each; an
// archive problem (locked, full disk) stops it, and what was imported
// before stays whole.
func ImportFiles(ctx context.Context, arc Archive, paths []string, progress func(done, total int, file string)) ImportSummary {
	sa, ok := arc.(*storage.Archive)
	if !ok {
		return ImportSummary{Failed: []string{"this archive cannot import files"}}
	}
	opt := importer.Options{}
	if progress != nil {
		opt.Progress = func(p importer.Progress) { progress(p.Done, p.Total, p.File) }
	}
	res, err := importer.Import(ctx, sa, paths, opt)
	var sum ImportSummary
	if res != nil {
		for _, r := range res.Results {
			line := r.File
			if r.Reason != "" {
				line += ": " + r.Reason
			}
			switch r.Outcome {
			case importer.Imported:
				sum.Imported++
				sum.Stories += r.Stories
			case importer.Duplicate:
				sum.Duplicates = append(sum.Duplicates, line)
			case importer.Skipped:
				sum.Skipped = append(sum.Skipped, line)
			case importer.Failed:
				sum.Failed = append(sum.Failed, line)
			}
		}
	}
	if err != nil {
		sum.Failed = append(sum.Failed, err.Error())
		sum.Stopped = err
	}
	return sum
}

// ImportSeeds imports the sample pages bundled in the binary.
func ImportSeeds(ctx context.Context, arc Archive, seeds fs.FS, names []string, progress func(done, total int, file string)) ImportSummary {
	var sum ImportSummary
	for i, n := range names {
		if progress != nil {
			progress(i, len(names), n)
		}
		raw, err := fs.ReadFile(seeds, n)
		if err != nil {
			sum.Failed = append(sum.Failed, fmt.Sprintf("%s: %v", n, err))
			continue
		}
		importRaw(ctx, arc, raw, filepath.Base(n), &sum)
	}
	if progress != nil {
		progress(len(names), len(names), "")
	}
	return sum
}

// recleanStory runs the pipeline again on the story's page and returns the
// fresh story whose raw span overlaps st's the most (nil when none does).
func recleanStory(page *article.Page, st *article.Story, lex *lexicon.Lexicon) (*article.Story, error) {
	p, err := parsePage([]byte(page.Text), page.File, lex)
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
