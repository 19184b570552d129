package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/pdfimport"
	"github.com/galley/galley/seqlabel"
)

// isPDFFile reports a file to read as a PDF: named .pdf, or starting as
// a PDF does whatever its name.
func isPDFFile(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".pdf") {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := f.Read(head)
	return pdfimport.IsPDF(head[:n])
}

// parsePDF is the first pass on every page of a PDF: each page with text
// is cut into stories as parsePage cuts a text page; a PDF with no text
// layer at all is bad input.
func parsePDF(file, date string, lex *lexicon.Lexicon, model *seqlabel.Model) ([]*article.Page, error) {
	pages, err := pdfimport.Read(file, nil)
	if err != nil {
		return nil, usagef("%v", err)
	}
	var out []*article.Page
	for _, p := range pages {
		if p.Scanned() {
			continue
		}
		page, err := p.Parse(ingest.Options{Date: date, Lexicon: lex, LineModel: model})
		if err != nil {
			return nil, usagef("%v", err)
		}
		finishPage(page, lex)
		out = append(out, page)
	}
	return out, nil
}

// finishPage reads the stories' metadata and normalises them: what every
// page gets after it is cut, whatever it was read from.
func finishPage(page *article.Page, lex *lexicon.Lexicon) {
	extract.Page(page, extract.Options{PageDate: page.Date, Lexicon: lex})
	for i := range page.Stories {
		page.Stories[i].Normalize()
	}
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
