package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
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

// expandPaths turns files and folders (walked recursively) into files,
// in a stable order.
func expandPaths(paths []string) ([]string, []string) {
	var files, problems []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", p, err))
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", path, err))
				return nil
			}
			if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path)
			}
			return nil
		})
	}
	return files, problems
}

// looksLikeText reports whether a file may be a text page (by name); other
// files in a folder are skipped with a reason rather than failing.
func looksLikeText(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", "":
		return true
	}
	return false
}

// ImportFiles imports files and folders into arc, calling progress after
// each file. It never stops at a bad file: the summary says what happened.
func ImportFiles(ctx context.Context, arc Archive, paths []string, progress func(done, total int, file string)) ImportSummary {
	files, problems := expandPaths(paths)
	sum := ImportSummary{Failed: problems}
	for i, f := range files {
		if ctx.Err() != nil {
			break
		}
		if progress != nil {
			progress(i, len(files), f)
		}
		if !looksLikeText(f) {
			sum.Skipped = append(sum.Skipped, fmt.Sprintf("%s: %s", f, "not a text page (.txt)"))
			continue
		}
		raw, err := ingest.ReadFile(f)
		if err != nil {
			sum.Failed = append(sum.Failed, err.Error())
			continue
		}
		importRaw(ctx, arc, raw, filepath.Base(f), &sum)
	}
	if progress != nil {
		progress(len(files), len(files), "")
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
