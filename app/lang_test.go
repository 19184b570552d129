package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/assets"
	"github.com/galley/galley/export"
)

// inChinese switches the UI language to Simplified Chinese for the rest of
// the test, and back to English after it.
func inChinese(t *testing.T, w *Workbench) {
	t.Helper()
	t.Setenv("LANGUAGE", "")
	w.App.Preferences().SetString(prefLanguage, "zh-Hans")
	SetupLanguage(w.App)
	t.Cleanup(func() {
		w.App.Preferences().SetString(prefLanguage, "en")
		SetupLanguage(w.App)
	})
	if lang.L("Save") != "保存" {
		t.Fatalf("not in Chinese: Save is %q", lang.L("Save"))
	}
}

// latinWord matches a run of three or more ASCII letters.
var latinWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// The flag list speaks the UI's language: a Chinese editor reads
// "无标题：未找到本稿的标题", not the pipeline's English message.
func TestFlagMessagesAreShownInChinese(t *testing.T) {
	w, _, _ := newBench(t)
	inChinese(t, w)
	// Open another story first: the one on screen was filled in English.
	if err := w.OpenStory(w.browser.stories[len(w.browser.stories)-1].ID); err != nil {
		t.Fatal(err)
	}
	st := storyWith(t, w, func(st *article.Story) bool { return len(st.Flags) > 0 })
	if len(w.meta.flags.Objects) != len(st.Flags) {
		t.Fatalf("%d flags, %d rows", len(st.Flags), len(w.meta.flags.Objects))
	}
	for i, o := range w.meta.flags.Objects {
		var text string
		for _, c := range o.(*fyne.Container).Objects {
			if l, ok := c.(*widget.Label); ok {
				text = l.Text
			}
		}
		if text == "" || latinWord.MatchString(text) {
			t.Errorf("flag %d (%s: %s) shown as %q", i, st.Flags[i].Kind, st.Flags[i].Message, text)
		}
	}
}

// A message the translations do not know is shown as written.
func TestUnknownFlagMessageShowsAsWritten(t *testing.T) {
	w, _, _ := newBench(t)
	inChinese(t, w)
	if got := flagMessage("a message from a newer pipeline"); got != "a message from a newer pipeline" {
		t.Fatalf("unknown message became %q", got)
	}
}

// Every message ingest can put in a flag has a Chinese translation, so a
// new message in the pipeline fails here until it is translated.
func TestPipelineFlagMessagesAreTranslated(t *testing.T) {
	var zh map[string]string
	b, _ := assets.Translations.ReadFile("translations/zh_Hans.json")
	if err := json.Unmarshal(b, &zh); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "ingest", "*.go"))
	re := regexp.MustCompile(`(?s)(?:Message:\s*|uncertainSpot\{[^{}"]*?,\s*)("(?:[^"\\]|\\.)*")`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			var msg string
			json.Unmarshal([]byte(m[1]), &msg)
			found++
			if !slices.Contains(pipelineMessages, msg) {
				t.Errorf("%s: flag message %q is not in pipelineMessages", f, msg)
			}
			if zh[msg] == "" {
				t.Errorf("%s: flag message %q has no Chinese translation", f, msg)
			}
		}
	}
	if found < 4 {
		t.Fatalf("found only %d flag messages in ingest's source", found)
	}
}

// The import and export summaries in the status bar and dialogs are in the
// UI's language.
func TestImportAndExportSummariesAreTranslated(t *testing.T) {
	w, _, _ := newBench(t)
	en := ImportSummary{Imported: 1, Stories: 9, Duplicates: []string{"a"}}.String()
	if en != "1 page imported (9 stories), 1 already there, 0 skipped, 0 failed" {
		t.Errorf("English import summary %q", en)
	}
	inChinese(t, w)
	sum := ImportSeeds(t.Context(), w.arc, assets.Seeds, []string{seedPage}, nil)
	got := sum.String()
	if got != "导入 0 个版面（0 篇稿件），1 个已存在，跳过 0 个，失败 0 个" {
		t.Errorf("Chinese import summary %q", got)
	}
	if len(sum.Duplicates) != 1 || latinWord.MatchString(strings.TrimPrefix(sum.Duplicates[0], "000_84aa73dab9e593a4.txt")) {
		t.Errorf("duplicate line %q", sum.Duplicates)
	}
	ex := exportSummary(export.Summary{Format: "docx", Stories: 3, Files: []string{"/tmp/out/a.docx"}, Bytes: 2048})
	if ex != "已将 3 篇稿件导出为 docx：/tmp/out/a.docx（2.0 KB）" {
		t.Errorf("Chinese export summary %q", ex)
	}
}

// The metadata pane is at least as wide as its widest row (a long
// organisation name), so no field is cut off at its right edge.
func TestMetadataPaneIsNotCutOff(t *testing.T) {
	w, _, _ := newBench(t) // in the default window size, 1400×900
	for _, s := range w.browser.stories {
		if err := w.OpenStory(s.ID); err != nil {
			t.Fatal(err)
		}
		if have, need := w.right.Size().Width, w.right.MinSize().Width; have < need {
			t.Fatalf("story %d: metadata pane %v wide, needs %v", s.ID, have, need)
		}
	}
}

// The rightmost controls of the metadata pane (the status buttons, the +
// buttons) end before the scroll bar Fyne draws over the content.
func TestMetadataControlsClearTheScrollBar(t *testing.T) {
	w, _, _ := newBench(t)
	sc := w.meta.root.(*container.Scroll)
	buttons := w.meta.statusBt[article.StatusApproved]
	right := fyne.CurrentApp().Driver().AbsolutePositionForObject(buttons).X + buttons.Size().Width
	edge := fyne.CurrentApp().Driver().AbsolutePositionForObject(sc).X + sc.Size().Width
	if right > edge-theme.ScrollBarSize() {
		t.Fatalf("the last status button ends at %v, the scroll bar starts at %v", right, edge-theme.ScrollBarSize())
	}
}

// The status buttons share the pane's width but ask only for their own:
// three equal cells of the widest ("In progress") would make them the
// widest row of the metadata pane.
func TestStatusButtonsAskForTheirOwnWidth(t *testing.T) {
	w, _, _ := newBench(t)
	var sum float32
	for _, b := range w.meta.statusBt {
		sum += b.MinSize().Width
	}
	box := w.meta.root.(*container.Scroll).Content.(*fyne.Container).Objects[0].(*fyne.Container).Objects[0]
	if got := box.MinSize().Width; got > sum+3*theme.Padding() {
		t.Fatalf("the status row asks for %v; its buttons need %v", got, sum)
	}
	for _, b := range w.meta.statusBt {
		if b.Size().Width < b.MinSize().Width {
			t.Fatalf("button %q squeezed to %v", b.Text, b.Size().Width)
		}
	}
}

// The side pane asks for no more width than its metadata needs: the
// review tab's rule filter and button do not widen it.
func TestReviewTabDoesNotWidenTheSidePane(t *testing.T) {
	w, _, _ := newBench(t)
	meta := w.meta.root.MinSize().Width
	if review := w.review.root.MinSize().Width; review > meta {
		t.Fatalf("the review tab asks for %v, the metadata %v", review, meta)
	}
}
