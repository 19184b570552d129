package export

import (
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/internal/officetest"
)

// TestLibreOfficeOpensTheDOCX converts an exported story to PDF with
// LibreOffice and finds its headline and body text in the PDF: the document
// opens in a real word processor and shows the Chinese text.
func TestLibreOfficeOpensTheDOCX(t *testing.T) {
	office := officetest.Binary()
	if office == "" {
		t.Skip("LibreOffice (soffice) is not on PATH: install libreoffice-writer-nogui (scripts/deps.sh with GALLEY_WITH_OFFICE=1) to run this check")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not on PATH: install poppler-utils to read the converted PDF back")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds; skipped with -short")
	}
	dir := t.TempDir()
	st := sampleStory()
	docx := filepath.Join(dir, "story.docx")
	if err := os.WriteFile(docx, writeDOCX(t, st, DOCXOptions{Date: "2024-03-05"}), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := officetest.ConvertToPDF(t, office, docx, dir)
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	checkLayout(t, pdftotext, pdf, st.Title, st.Paragraphs[0].Text)

	// Lines wrap anywhere in Chinese, so compare without white space.
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{st.Title, st.Kicker, st.Paragraphs[0].Text, st.Paragraphs[3].Text} {
		want = strings.Join(strings.Fields(want), "")
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q\nPDF text: %s", want, text)
		}
	}
}

// pdfLine is one line of text as pdftotext -bbox-layout places it.
type pdfLine struct {
	xMin, xMax float64
	text       string
}

// checkLayout reads word boxes from the PDF and checks what an editor sees:
// the title centred on the page, and the first line of the body indented
// by two characters (2 × 12 pt) against the lines after it.
func checkLayout(t *testing.T, pdftotext, pdf, title, firstBody string) {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox-layout", "-f", "1", "-l", "1", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	var doc struct {
		Body struct {
			Doc struct {
				Page struct {
					Width float64 `xml:"width,attr"`
					Lines []struct {
						XMin  float64  `xml:"xMin,attr"`
						XMax  float64  `xml:"xMax,attr"`
						Words []string `xml:"word"`
					} `xml:"flow>block>line"`
				} `xml:"page"`
			} `xml:"doc"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("reading pdftotext's boxes: %v", err)
	}
	page := doc.Body.Doc.Page
	var lines []pdfLine
	for _, l := range page.Lines {
		lines = append(lines, pdfLine{l.XMin, l.XMax, strings.Join(l.Words, "")})
	}
	compact := func(s string) string { return strings.Join(strings.Fields(s), "") }
	titleAt, bodyAt := -1, -1
	for i, l := range lines {
		if l.text == compact(title) {
			titleAt = i
		}
		if bodyAt < 0 && i > titleAt && titleAt >= 0 && len(l.text) > 9 && strings.HasPrefix(compact(firstBody), l.text) {
			bodyAt = i
		}
	}
	if titleAt < 0 || bodyAt < 0 || bodyAt+1 >= len(lines) {
		t.Fatalf("title or two body lines not found in the PDF's lines: %+v", lines)
	}
	tl := lines[titleAt]
	if off := (tl.xMin+tl.xMax)/2 - page.Width/2; math.Abs(off) > 3 {
		t.Errorf("title is %.1f pt off the centre of the page", off)
	}
	indent := lines[bodyAt].xMin - lines[bodyAt+1].xMin
	if indent < 20 || indent > 28 {
		t.Errorf("first line of the body is indented %.1f pt, want two characters (24 pt)", indent)
	}
}
