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
	"github.com/galley/galley/storage"
)

// exportInto exports scope (ExportStory, ExportPage …) in format to a new
// folder, waits for the export to finish, and returns the folder and what
// the export reported.
func exportInto(t *testing.T, w *Workbench, scope string, format export.Format) (string, export.Summary) {
	t.Helper()
	dir := t.TempDir()
	type result struct {
		sum export.Summary
		err error
	}
	done := make(chan result, 1)
	w.Export(scope, format, dir, false, func(sum export.Summary, err error) { done <- result{sum, err} })
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return dir, r.sum
	case <-time.After(20 * time.Second):
		t.Fatal("export did not finish")
	}
	return "", export.Summary{}
}

// exportOne exports the open story in format to a new folder and returns
// the file written; the export must say it wrote one story, in one file.
func exportOne(t *testing.T, w *Workbench, format export.Format) string {
	t.Helper()
	dir, sum := exportInto(t, w, ExportStory, format)
	if sum.Stories != 1 {
		t.Fatalf("exported %d stories, want the open one", sum.Stories)
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

// briefWithoutLead saves story id as a brief that is only its dateline so
// far: its text gives no summary, and it has none.
func briefWithoutLead(t *testing.T, arc *storage.Archive, id int64) {
	t.Helper()
	st, err := arc.Story(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	st.Paragraphs = []article.Paragraph{{Kind: article.ParaBody, Text: "本报讯"}}
	st.Metadata.Summary = ""
	if _, err := arc.SaveStory(t.Context(), st, "test", ""); err != nil {
		t.Fatal(err)
	}
}

// An empty summary nobody wrote (the story's text gave none) is one like
// any other: once the editor types the lead, the summary is its first
// sentence. A summary the editor cleared stays empty.
func TestAnEmptySummaryNobodyWroteFollowsTheEditedText(t *testing.T) {
	w, arc, _ := newBench(t)
	<-arc.Lexicon().Ready()
	id := w.browser.stories[1].ID
	briefWithoutLead(t, arc, id)
	if err := w.OpenStory(id); err != nil {
		t.Fatal(err)
	}

	f := w.editor.field(0)
	w.Win.Canvas().Focus(f)
	f.SetText("本报讯 河畔公园今天正式开园，首批游客在晨雾中走过新修的木栈道。")
	w.autosaveFor(id)
	const want = "河畔公园今天正式开园，首批游客在晨雾中走过新修的木栈道。"
	if got := w.meta.summary.Value(); got != want {
		t.Fatalf("after typing the lead the summary field shows %q, want %q", got, want)
	}
	if got := jsonSummary(t, exportOne(t, w, export.FormatJSON)); got != want {
		t.Errorf("JSON summary = %q, want %q", got, want)
	}

	// The editor clears the summary: rewriting the lead leaves it empty.
	w.Win.Canvas().Focus(w.meta.summary)
	w.meta.summary.SetText("")
	w.Win.Canvas().Focus(f)
	f.SetText("本报讯 公园管理处说，木栈道全长三公里。")
	w.Save()
	if got := w.meta.summary.Value(); got != "" {
		t.Fatalf("the summary the editor cleared became %q", got)
	}
	if got := jsonSummary(t, exportOne(t, w, export.FormatJSON)); got != "" {
		t.Errorf("JSON summary = %q, want the empty one the editor left", got)
	}
}

// Replacing in the archive follows the same rule as typing: a brief whose
// text gave no summary takes the one its replaced text gives; a story whose
// editor cleared its summary keeps it empty.
func TestReplaceInArchiveFillsAnEmptySummaryNobodyWrote(t *testing.T) {
	arc, _ := newArchive(t)
	<-arc.Lexicon().Ready()
	list, err := arc.Stories(t.Context(), storage.StoryFilter{})
	if err != nil || len(list) < 2 {
		t.Fatalf("%d stories (%v)", len(list), err)
	}
	brief, cleared := list[0].ID, list[1].ID
	briefWithoutLead(t, arc, brief)
	st, _ := arc.Story(t.Context(), cleared)
	st.Paragraphs = []article.Paragraph{{Kind: article.ParaBody, Text: "本报讯 码头今天迎来第一班渡轮。"}}
	st.Metadata.Summary = ""
	if _, err := arc.SaveStory(t.Context(), st, "test", ""); err != nil {
		t.Fatal(err)
	}

	r, err := newReplacer("本报讯", "本报讯 河畔公园今天正式开园。", false)
	if err != nil {
		t.Fatal(err)
	}
	f := storage.StoryFilter{IDs: []int64{brief, cleared}}
	if _, err := replaceInArchive(t.Context(), arc, r, f, true, "test", nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := arc.Story(t.Context(), brief); got.Metadata.Summary != "河畔公园今天正式开园。" {
		t.Errorf("the brief's summary after the replace is %q", got.Metadata.Summary)
	}
	if got, _ := arc.Story(t.Context(), cleared); got.Metadata.Summary != "" {
		t.Errorf("the summary the editor cleared became %q", got.Metadata.Summary)
	}
}
