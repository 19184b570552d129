package importer

import (
	"context"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/pdfimport"
	"github.com/galley/galley/storage"
)

// ImportData imports one page held in memory (a raw page, story JSON or a
// PDF, told apart as for files) under name, through the same parse and store
// steps as Import: the workbench's sample pages come this way. A bad page
// is a Result with Outcome Failed and a nil error; the error is kept for
// archive problems (locked, full, read-only, damaged) and a cancelled ctx,
// after which importing more is futile.
func ImportData(ctx context.Context, a *storage.Archive, name string, raw []byte, opt Options) (Result, error) {
	stored := func(done, total int) {
		if opt.Progress != nil {
			opt.Progress(Progress{Done: 0, Total: 1, File: name, Pages: total, PagesRead: total, PagesStored: done})
		}
	}
	r, err := store(ctx, a, prepareData(ctx, a, name, raw, opt), opt, stored)
	if opt.Progress != nil {
		opt.Progress(Progress{Done: 1, Total: 1, File: name, Last: r})
	}
	if archiveTrouble(err) {
		return r, err
	}
	return r, nil
}

// ParsePage runs the pipeline on one raw page without storing it: ingest,
// then FinishPage, exactly as an import does. date is YYYY-MM-DD or ""
// (from the name or the page). The workbench re-cleans a story with it.
func ParsePage(raw []byte, name, date string, lex *lexicon.Lexicon) (*article.Page, error) {
	page, err := ingest.Parse(raw, ingest.Options{File: name, Date: date, Lexicon: lex})
	if err != nil {
		return nil, err
	}
	FinishPage(page, lex)
	return page, nil
}

// ParsePDFPage runs the pipeline on a page read from a PDF without storing
// it: ingest on its text layer and line geometry (model nil: the built-in
// line model), then FinishPage. galley parse and the import cut a PDF
// page this one way.
func ParsePDFPage(p *pdfimport.Page, date string, lex *lexicon.Lexicon, model *ingest.Labeller) (*article.Page, error) {
	page, err := p.Parse(ingest.Options{Date: date, Lexicon: lex, LineModel: model})
	if err != nil {
		return nil, err
	}
	FinishPage(page, lex)
	return page, nil
}

// FinishPage reads the stories' metadata and normalises them: what every
// page gets after it is cut, whatever it was read from.
func FinishPage(page *article.Page, lex *lexicon.Lexicon) {
	extract.Page(page, extract.Options{PageDate: page.Date, Lexicon: lex})
	for i := range page.Stories {
		page.Stories[i].Normalize()
	}
}
