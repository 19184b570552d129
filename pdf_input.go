package main

import (
	"fmt"

	"github.com/galley/galley/article"
	"github.com/galley/galley/importer"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/pdfimport"
	"github.com/galley/galley/pdfpage"
)

// parsePDF is the first pass on every page of a PDF: each page with text
// is cut into stories as parsePage cuts a text page; a PDF with no text
// layer at all is bad input.
func parsePDF(file, date string, lex *lexicon.Lexicon, model *ingest.Labeller) ([]*article.Page, error) {
	pages, err := pdfimport.Read(file, nil)
	if err != nil {
		return nil, usagef("%v", err)
	}
	var out []*article.Page
	for _, p := range pages {
		if p.Scanned() {
			continue
		}
		page, err := importer.ParsePDFPage(p, date, lex, model)
		if err != nil {
			return nil, usagef("%v", err)
		}
		out = append(out, page)
	}
	return out, nil
}

// pdfTrainingPage is a corpus case's page.pdf as a training page for the
// line model: the text rebuilt from the PDF, its lines' geometry, and the
// roles aligned from the case's gold stories (lines.tsv numbers the lines
// of raw.txt, not of the PDF's text).
func pdfTrainingPage(pdf string, gold []byte) (ingest.TrainingPage, error) {
	pages, err := pdfimport.Read(pdf, nil)
	if err != nil {
		return ingest.TrainingPage{}, usagef("%v", err)
	}
	if len(pages) != 1 {
		return ingest.TrainingPage{}, usagef("%s: %d pages: a training case is one page", pdf, len(pages))
	}
	p := pages[0]
	return ingest.TrainingPage{Name: pdf, Raw: []byte(p.Text()), Gold: gold, Geometry: p.Geometry}, nil
}

// announcePDFEngine tells, once, that the PDF engine is being prepared
// when this machine has not compiled it yet: the first PDF read takes
// seconds longer than any later one, and a silent wait looks like a hang.
func announcePDFEngine(env *cmdEnv) {
	if !pdfpage.EngineCompiled() {
		fmt.Fprintln(env.stderr, "galley: preparing the PDF engine for its first use on this machine (a few seconds; later runs start at once)")
	}
}
