package importer

import (
	"context"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

// ImportData imports one page held in memory (a raw page or story JSON,
// told apart as for files) under name, through the same parse and store
// steps as Import: the workbench's sample pages come this way. A bad page
// is a Result with Outcome Failed and a nil error; the error is kept for
// archive problems (locked, full, read-only, damaged) and a cancelled ctx,
// after which importing more is futile.
func ImportData(ctx context.Context, a *storage.Archive, name string, raw []byte, opt Options) (Result, error) {
	r, err := storeWaiting(ctx, a, prepareData(ctx, a, name, raw, opt), opt)
	if opt.Progress != nil {
		opt.Progress(Progress{Done: 1, Total: 1, File: name, Last: r})
	}
	if archiveTrouble(err) {
		return r, err
	}
	return r, nil
}

// ParsePage runs the pipeline on one raw page without storing it: ingest,
// then extract, exactly as an import does. date is YYYY-MM-DD or "" (from
// the name or the page). The workbench re-cleans a story with it.
func ParsePage(raw []byte, name, date string, lex *lexicon.Lexicon) (*article.Page, error) {
	page, err := ingest.Parse(raw, ingest.Options{File: name, Date: date, Lexicon: lex})
	if err != nil {
		return nil, err
	}
	extract.Page(page, extract.Options{PageDate: page.Date, Lexicon: lex})
	return page, nil
}
