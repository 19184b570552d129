package pdflayout

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/pdfpage"
	"github.com/galley/galley/score"
)

// benchPage is the page a benchmark lays out: "corpus" is the first corpus
// page of ../shared (skipped when it is not next to the repository),
// "pdftest" pdftest's ColumnsPage.
func benchPage(b *testing.B, which string) *pdfpage.Page {
	b.Helper()
	var doc *pdfpage.Document
	var err error
	if which == "pdftest" {
		data, err := pdftest.Bytes(pdftest.ColumnsPage())
		if err != nil {
			b.Fatal(err)
		}
		doc, err = pdfpage.OpenBytes(context.Background(), "columns.pdf", data)
	} else {
		shared := score.SharedDir(".")
		if shared == "" {
			b.Skip("no ../shared next to the repository: no corpus page to lay out")
		}
		pdfs, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "page.pdf"))
		if len(pdfs) == 0 {
			b.Skip("no ../shared/corpus/*/page.pdf")
		}
		doc, err = pdfpage.Open(context.Background(), pdfs[0]) // Glob sorts
	}
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	page, err := doc.Page(context.Background(), 0)
	if err != nil {
		b.Fatal(err)
	}
	return page
}

// BenchmarkLayout rebuilds lines, blocks and reading order from a page's
// glyphs (read before the timer).
// go test -run XXX -bench Layout -cpu 1 ./pdflayout
func BenchmarkLayout(b *testing.B) {
	for _, which := range []string{"corpus", "pdftest"} {
		b.Run(which, func(b *testing.B) {
			page := benchPage(b, which)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if lay := Build(page); len(lay.Lines) == 0 {
					b.Fatal("no lines")
				}
			}
		})
	}
}
