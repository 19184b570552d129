package app

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
)

// exportOne exports the open story in format to a new folder and returns
// the file written.
func exportOne(t *testing.T, w *Workbench, format export.Format) string {
	t.Helper()
	dir := t.TempDir()
	done := make(chan error, 1)
	w.Export(ExportStory, format, dir, false, func(_ export.Summary, err error) { done <- err })
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("export did not finish")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 {
		t.Fatalf("exported %v", files)
	}
	return files[0]
}

// docxDescription reads docProps/core.xml's dc:description of a DOCX.
func docxDescription(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "docProps/core.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		var core struct {
			Description string `xml:"http://purl.org/dc/elements/1.1/ description"`
		}
		if err := xml.Unmarshal(data, &core); err != nil {
			t.Fatal(err)
		}
		return core.Description
	}
	t.Fatal("no docProps/core.xml")
	return ""
}

// jsonSummary reads the summary of the one story of a JSON export.
func jsonSummary(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stories, err := export.ReadStories(f)
	if err != nil || len(stories) != 1 {
		t.Fatalf("read back %d stories (%v)", len(stories), err)
	}
	return stories[0].Metadata.Summary
}

// The summary the pipeline extracted is the story's first sentence; when
// the editor rewrites that sentence, the summary (in the field once the
// story is saved, a DOCX's description and the JSON alike) is the new
// one's. A summary the editor
// wrote is theirs: later edits to the text leave it.
func TestSummaryFollowsTheEditedTextUnlessTheEditorWroteOne(t *testing.T) {
	w, arc, _ := newBench(t)
	<-arc.Lexicon().Ready()
	// a story opened once the dictionary is ready, with a summary the
	// pipeline gave it
	storyWith(t, w, func(s *article.Story) bool {
		return len(s.Paragraphs) > 1 && s.Metadata.Summary != "" && s.Metadata.Summary == w.derived
	})
	old := w.Current().Metadata.Summary

	f := w.editor.field(0)
	w.Win.Canvas().Focus(f)
	f.SetText("本报讯 河畔公园今天正式开园，首批游客在晨雾中走过新修的木栈道。公园占地四百亩。")
	w.autosaveFor(w.Current().ID) // as after a pause in typing
	const want = "河畔公园今天正式开园，首批游客在晨雾中走过新修的木栈道。"
	if got := w.Current().Metadata.Summary; got != want {
		t.Fatalf("after rewriting the first sentence the summary is %q (was %q), want %q", got, old, want)
	}
	if got := w.meta.summary.Value(); got != want {
		t.Errorf("the summary field shows %q, want %q", got, want)
	}
	if got := docxDescription(t, exportOne(t, w, export.FormatDOCX)); got != want {
		t.Errorf("DOCX description = %q, want %q", got, want)
	}
	if got := jsonSummary(t, exportOne(t, w, export.FormatJSON)); got != want {
		t.Errorf("JSON summary = %q, want %q", got, want)
	}

	// The editor writes a summary of their own; rewriting the text again
	// keeps it.
	const mine = "河畔公园开园。"
	w.Win.Canvas().Focus(w.meta.summary)
	w.meta.summary.SetText(mine)
	w.Win.Canvas().Focus(f)
	test.Type(f, "又")
	f.SetText("本报讯 公园管理处说，木栈道全长三公里。")
	w.Save()
	if got := w.Current().Metadata.Summary; got != mine {
		t.Fatalf("the editor's summary became %q", got)
	}
	if got := docxDescription(t, exportOne(t, w, export.FormatDOCX)); got != mine {
		t.Errorf("DOCX description = %q, want the editor's %q", got, mine)
	}
}
