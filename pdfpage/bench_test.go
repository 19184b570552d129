package pdfpage

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/score"
)

// benchPDF is the PDF a benchmark reads: "corpus" is the first corpus
// page of ../shared (skipped when it is not next to the repository),
// "pdftest" pdftest's ColumnsPage.
func benchPDF(b *testing.B, which string) string {
	b.Helper()
	if which == "pdftest" {
		return write(b, pdftest.ColumnsPage())
	}
	shared := score.SharedDir(".")
	if shared == "" {
		b.Skip("no ../shared next to the repository: no corpus page to read")
	}
	pdfs, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "page.pdf"))
	if len(pdfs) == 0 {
		b.Skip("no ../shared/corpus/*/page.pdf")
	}
	return pdfs[0] // Glob sorts
}

// BenchmarkReadPage reads a page's glyphs, images and shapes from an open
// document (the engine started and the file parsed before the timer).
// go test -run XXX -bench ReadPage -cpu 1 ./pdfpage
func BenchmarkReadPage(b *testing.B) {
	for _, which := range []string{"corpus", "pdftest"} {
		b.Run(which, func(b *testing.B) {
			doc := open(b, benchPDF(b, which))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				page, err := doc.Page(context.Background(), 0)
				if err != nil {
					b.Fatal(err)
				}
				if len(page.Glyphs) == 0 {
					b.Fatal("no glyphs")
				}
			}
		})
	}
}

// BenchmarkRender draws a page 1400 pixels wide, the width of the page
// image beside the text on a large screen.
func BenchmarkRender(b *testing.B) {
	for _, which := range []string{"corpus", "pdftest"} {
		b.Run(which, func(b *testing.B) {
			doc := open(b, benchPDF(b, which))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				img, err := doc.Render(context.Background(), 0, 1400)
				if err != nil {
					b.Fatal(err)
				}
				if img.Bounds().Dx() != 1400 {
					b.Fatalf("%d pixels wide", img.Bounds().Dx())
				}
			}
		})
	}
}

// BenchmarkWorkerStart starts the worker process that runs the engine and
// opens a page in it: what the first PDF a program reads waits for, and
// each step after one killed for its time (the compiled engine is loaded
// from the cache folder, so this needs it filled: the benchmark reads a
// page first).
// go test -run XXX -bench WorkerStart -cpu 1 ./pdfpage
func BenchmarkWorkerStart(b *testing.B) {
	doc := open(b, benchPDF(b, "pdftest"))
	if _, err := doc.Page(context.Background(), 0); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		workers.mu.Lock()
		workers.cur.retire()
		workers.mu.Unlock()
		if _, err := doc.Page(context.Background(), 0); err != nil {
			b.Fatal(err)
		}
	}
}
