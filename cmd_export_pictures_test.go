package main

import (
	"archive/zip"
	"bytes"
	"context"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/internal/officetest"
	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/storage"
)

// unzipDOCX reads every part of a .docx.
func unzipDOCX(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a zip: %v", path, err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// exportedDOCX runs galley export of one story to DOCX and returns the
// file it wrote.
func exportedDOCX(t *testing.T, db string, id int64) string {
	t.Helper()
	out := t.TempDir()
	code, stdout, stderr := galleyCmd(t, db, "export", "--format", "docx", "--out", out, strconv.FormatInt(id, 10))
	if code != 0 {
		t.Fatalf("export: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.docx"))
	if len(files) != 1 {
		t.Fatalf("export wrote %v, want one .docx", files)
	}
	return files[0]
}

// A PDF page with a picture over its caption, imported and exported with
// galley export: the Word document carries the picture cut from the page
// image at the picture's size on the page, in a drawing before the
// caption, and LibreOffice opens it showing the picture and the caption.
// A story of a page without pictures exports as it did before pictures.
func TestExportCarriesThePictureOfAPDFStory(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	paper := filepath.Join(dir, "paper.pdf")
	photo := pdftest.PhotoPage()
	if err := pdftest.Write(paper, photo, pdftest.TwoStoriesPage()); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := galleyCmd(t, db, "import", paper); code != 0 {
		t.Fatalf("import: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	arch, err := storage.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	all, err := arch.StoriesFull(ctx, storage.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var withPicture, without *article.Story
	for i := range all {
		st := &all[i]
		switch {
		case len(st.Pictures) > 0 && withPicture == nil:
			withPicture = st
		case len(st.Pictures) > 0:
			t.Errorf("story %q has pictures %v too; the paper has one picture", st.Headline(), st.Pictures)
		case strings.Contains(st.Headline(), pdftest.TwoStoriesPage().Stories()[0].Title):
			without = st
		}
	}
	if withPicture == nil || without == nil {
		t.Fatalf("no story with a picture, or no story of the page without: %d stories", len(all))
	}
	img, ok, err := arch.PageImage(ctx, withPicture.PageID)
	arch.Close()
	if err != nil || !ok {
		t.Fatalf("the photo page has no image (%v)", err)
	}
	// The crop is the picture as printed, at the page image's scale.
	scale := float64(img.PixelWidth) / img.Width
	wantW, wantH := photo.Images[0].W*scale, photo.Images[0].H*scale

	docx := exportedDOCX(t, db, withPicture.ID)
	parts := unzipDOCX(t, docx)
	var media []string
	for name := range parts {
		if strings.HasPrefix(name, "word/media/") {
			media = append(media, name)
		}
	}
	if len(media) != 1 {
		t.Fatalf("word/media holds %v, want one picture", media)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(parts[media[0]]))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", media[0], err)
	}
	if math.Abs(float64(cfg.Width)-wantW) > 2 || math.Abs(float64(cfg.Height)-wantH) > 2 {
		t.Errorf("the picture is %d×%d px, the picture on the page image %.0f×%.0f", cfg.Width, cfg.Height, wantW, wantH)
	}
	// The caption stands under the picture: the drawing comes before the
	// paragraph of the caption's text (whatever kind the first pass gave
	// that paragraph: a caption, or the first lines of the story).
	doc := string(parts["word/document.xml"])
	drawing := strings.Index(doc, "<w:drawing>")
	captionText := []rune(photo.Stories()[0].Captions[0])
	caption := strings.Index(doc, string(captionText[:8]))
	if drawing < 0 || caption < 0 || drawing > caption {
		t.Errorf("the drawing (at %d) does not come before the caption's paragraph (at %d)", drawing, caption)
	}
	if p := strings.LastIndex(doc[:max(caption, 0)], "<w:p>"); p >= 0 && drawing > p {
		t.Errorf("the drawing is inside the caption's paragraph")
	}
	if n := strings.Count(doc, "<w:drawing>"); n != 1 {
		t.Errorf("%d drawings in the document, want 1", n)
	}

	// A story without pictures: the same document as the export of the
	// story alone, with no crops to give.
	plainPath := exportedDOCX(t, db, without.ID)
	got, _ := os.ReadFile(plainPath)
	var want bytes.Buffer
	if err := export.DOCX(&want, without, export.DOCXOptions{Date: without.Source.Date}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the story without pictures exports differently from a DOCX without them")
	}

	office := officetest.Binary()
	if office == "" {
		t.Skip("LibreOffice (soffice) is not on PATH: install libreoffice-writer-nogui (scripts/deps.sh with GALLEY_WITH_OFFICE=1) to check the document opens")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not on PATH: install poppler-utils to read the converted PDF back")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds; skipped with -short")
	}
	pdf := officetest.ConvertToPDF(t, office, docx, t.TempDir())
	text, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	compact := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, c := range photo.Stories()[0].Captions {
		if !strings.Contains(compact(string(text)), compact(c)) {
			t.Errorf("the document LibreOffice opens lacks the caption %q:\n%s", c, text)
		}
	}
	if pdfimages, err := exec.LookPath("pdfimages"); err == nil {
		list, err := exec.Command(pdfimages, "-list", pdf).Output()
		if err != nil {
			t.Fatalf("pdfimages: %v", err)
		}
		size := regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+(\d+)\s+(\d+)`).FindStringSubmatch(string(list))
		if size == nil || size[1] != strconv.Itoa(cfg.Width) || size[2] != strconv.Itoa(cfg.Height) {
			t.Errorf("LibreOffice's PDF has no %d×%d picture on page 1:\n%s", cfg.Width, cfg.Height, list)
		}
	}
}
