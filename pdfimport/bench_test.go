package pdfimport

import (
	"path/filepath"
	"testing"

	"github.com/galley/galley/extract"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/score"
)

// BenchmarkParsePDF is the whole first pass on a one-page PDF, as `galley
// parse page.pdf` runs it (parsePDF and finishPage in package main): read
// the file, its glyphs and layout, cut it into stories with the shipped
// line model, read their metadata. The lexicon is loaded and the PDF
// engine started before the timer. "corpus" is the first corpus page of
// ../shared (skipped when it is not next to the repository), "pdftest"
// pdftest's ColumnsPage.
// go test -run XXX -bench ParsePDF -cpu 1 ./pdfimport
func BenchmarkParsePDF(b *testing.B) {
	lex := lexicon.Shared()
	if err := lex.Load(); err != nil {
		b.Fatal(err)
	}
	for _, which := range []string{"corpus", "pdftest"} {
		b.Run(which, func(b *testing.B) {
			var path string
			if which == "pdftest" {
				path = write(b, pdftest.ColumnsPage())
			} else {
				shared := score.SharedDir(".")
				if shared == "" {
					b.Skip("no ../shared next to the repository: no corpus page to parse")
				}
				pdfs, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "page.pdf"))
				if len(pdfs) == 0 {
					b.Skip("no ../shared/corpus/*/page.pdf")
				}
				path = pdfs[0] // Glob sorts
			}
			if _, err := Read(path, nil); err != nil { // start the engine
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				pages, err := Read(path, nil)
				if err != nil {
					b.Fatal(err)
				}
				page, err := pages[0].Parse(ingest.Options{Lexicon: lex})
				if err != nil {
					b.Fatal(err)
				}
				extract.Page(page, extract.Options{PageDate: page.Date, Lexicon: lex})
				for i := range page.Stories {
					page.Stories[i].Normalize()
				}
				if len(page.Stories) == 0 {
					b.Fatal("no stories")
				}
			}
		})
	}
}
