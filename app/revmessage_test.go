package app

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
)

// The revision list speaks the UI's language: storage's "title, paragraphs
// 3–4" reads 主标题、第 3–4 段 in Chinese.
func TestRevisionMessagesAreTranslated(t *testing.T) {
	w, _, _ := newBench(t)
	inChinese(t, w)
	for msg, want := range map[string]string{
		"automatic result of the import":  "导入时自动生成",
		"title, paragraphs 3–4, metadata": "主标题、第 3–4 段、元数据",
		"paragraph 2":                     "第 2 段",
		"paragraphs (5 → 6), notes":       "段落（5 → 6）、备注",
		"a message someone typed":         "a message someone typed",
	} {
		if got := revisionMessage(msg); got != want {
			t.Errorf("%q shown as %q, want %q", msg, got, want)
		}
	}
	// Every field name storage can write is translated.
	src, err := os.ReadFile(filepath.Join("..", "storage", "changes.go"))
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`add\([^\n]*, "([^"]+)"\)`).FindAllStringSubmatch(string(src), -1)
	if len(names) < 8 {
		t.Fatalf("found %d field names in storage/changes.go", len(names))
	}
	for _, m := range names {
		if got := revisionMessage(m[1]); got == m[1] || latinWord.MatchString(got) {
			t.Errorf("field %q shown as %q", m[1], got)
		}
	}
}

// The history's diff of a Chinese story wraps at any character, not at the
// byline's one space.
func TestHistoryDiffWrapsChineseAnywhere(t *testing.T) {
	w, _, _ := newBench(t)
	storyWith(t, w, func(st *article.Story) bool { return len(st.Paragraphs) > 1 })
	w.showHistory()
	var diff *widget.RichText
	for _, o := range objectsOf(t, w) {
		// The longest rich text is the diff (labels hold one too).
		if r, ok := o.(*widget.RichText); ok && (diff == nil || len(r.String()) > len(diff.String())) {
			diff = r
		}
	}
	if diff == nil || len(diff.Segments) == 0 {
		t.Fatal("no diff shown")
	}
	if diff.Wrapping != fyne.TextWrapBreak {
		t.Fatalf("diff wraps with %v", diff.Wrapping)
	}
}

// A search hit shows the text around the match on a line of its own, in a
// row tall enough for both lines, whatever the headline's length, with the
// matched word set apart (bold, in the primary colour) and nothing else.
func TestSearchHitShowsItsSnippetInFull(t *testing.T) {
	w, _, _ := newBench(t)
	w.browser.search.SetText("科技")
	w.browser.search.OnSubmitted("科技")
	if len(w.browser.stories) == 0 {
		t.Fatal("no hits")
	}
	shown := 0
	for _, o := range test.LaidOutObjects(w.browser.list) {
		r, ok := o.(*widget.RichText)
		if !ok || !r.Visible() || len(r.Segments) < 2 {
			continue
		}
		shown++
		var hits, rest []string
		for _, seg := range r.Segments[1:] {
			ts := seg.(*widget.TextSegment)
			if ts.Style.TextStyle.Bold && ts.Style.ColorName == theme.ColorNamePrimary {
				hits = append(hits, ts.Text)
			} else {
				rest = append(rest, ts.Text)
			}
		}
		if len(hits) == 0 || strings.Join(hits, "") != strings.Repeat("科技", len(hits)) {
			t.Errorf("snippet %q: highlighted %q, want the match 科技", r.String(), hits)
		}
		if strings.Contains(strings.Join(rest, ""), "科技") {
			t.Errorf("snippet %q leaves a match unhighlighted", r.String())
		}
		if r.Size().Height < r.MinSize().Height {
			t.Errorf("hit %q squeezed into %v (needs %v)", r.String(), r.Size().Height, r.MinSize().Height)
		}
	}
	if shown == 0 {
		t.Fatal("no hit shows a snippet line")
	}
}

// A snippet is put on one line and its marks follow the matched words
// through the cut and the joined spaces.
func TestShownSnippetKeepsItsMarks(t *testing.T) {
	sn := "…在河南省君恒实业集团\n  生物科技有限公司举行2022年综合应急演练。科技"
	var marks [][2]int
	for at := 0; ; {
		i := strings.Index(sn[at:], "科技")
		if i < 0 {
			break
		}
		marks = append(marks, [2]int{at + i, at + i + len("科技")})
		at += i + len("科技")
	}
	got := shownSnippet(sn, marks)
	if strings.ContainsAny(got.text, "\n") || strings.Contains(got.text, "  ") {
		t.Fatalf("snippet not on one line: %q", got.text)
	}
	if len(got.marks) != 2 {
		t.Fatalf("marks %v in %q", got.marks, got.text)
	}
	for _, m := range got.marks {
		if got.text[m[0]:m[1]] != "科技" {
			t.Fatalf("a mark covers %q in %q", got.text[m[0]:m[1]], got.text)
		}
	}
}

// A snippet starts a few characters before its match, so the match shows in
// the narrow browser.
func TestNearMatchStartsCloseToTheMatch(t *testing.T) {
	sn := "…在河南省君恒实业集团生物科技有限公司举行2022年综合应急演练。此次演练环节紧凑"
	at := strings.Index(sn, "2022")
	got := nearMatch(sn, [][2]int{{at, at + 4}})
	if !strings.HasPrefix(got, "…") || !strings.Contains(got, "2022") || strings.Index(got, "2022") > len("…")+6*3 {
		t.Fatalf("snippet %q", got)
	}
	if nearMatch("短文2022", [][2]int{{6, 10}}) != "短文2022" {
		t.Fatal("a match near the start is cut")
	}
}

// The export dialog starts with a folder filled in (the editor's Documents
// or home folder), so pressing Export does export.
func TestExportDialogProposesAFolder(t *testing.T) {
	w, _, _ := newBench(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	w.showExport()
	var folder *widget.Entry
	for _, o := range objectsOf(t, w) {
		if e, ok := o.(*widget.Entry); ok {
			folder = e
		}
	}
	if folder == nil || folder.Text != home {
		t.Fatalf("no folder proposed (want %s)", home)
	}
}

// The export dialog offers the ticked stories only when some are ticked
// (an export of none writes nothing), and counts a story as one.
func TestExportDialogOffersTheTickedStoriesWhenThereAreSome(t *testing.T) {
	w, _, _ := newBench(t)
	scopes := func() []string {
		w.showExport()
		defer func() {
			for _, o := range w.Win.Canvas().Overlays().List() {
				w.Win.Canvas().Overlays().Remove(o)
			}
		}()
		for _, o := range objectsOf(t, w) {
			if r, ok := o.(*widget.RadioGroup); ok {
				return r.Options
			}
		}
		t.Fatal("no choice of stories in the export dialog")
		return nil
	}
	for _, s := range scopes() {
		if strings.Contains(s, "ticked") {
			t.Errorf("with nothing ticked the dialog offers %q", s)
		}
	}
	w.browser.toggleMark(w.browser.stories[0].ID)
	if got := scopes(); !slices.Contains(got, "The ticked stories (1 story)") {
		t.Errorf("with one story ticked the dialog offers %q", got)
	}
}
