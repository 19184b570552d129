package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/galley/galley/article"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

// BenchmarkTypeInto10kStory measures one keystroke into a paragraph of a
// story of 10,000 characters (20 paragraphs of 500), with the workbench's
// change tracking, undo and status bar: target under 30 ms.
//
//	go test -run '^$' -bench . ./app/
func BenchmarkTypeInto10kStory(b *testing.B) {
	w, _, _ := newBench(b)
	st := w.Current()
	st.Paragraphs = nil
	line := ""
	for len([]rune(line)) < 500 {
		line += "濮阳工业园区举行综合应急演练检验指挥能力。"
	}
	line = string([]rune(line)[:500])
	for range 20 {
		st.Paragraphs = append(st.Paragraphs, article.Paragraph{Kind: article.ParaBody, Text: line})
	}
	w.fill()
	if n := len([]rune(st.Body())); n < 10000 {
		b.Fatalf("story has %d characters", n)
	}
	f := w.editor.field(10)
	w.Win.Canvas().Focus(f)
	b.ResetTimer()
	for b.Loop() {
		f.TypedRune('字')
	}
	b.StopTimer()
	if !w.Dirty() {
		b.Fatal("typing did not reach the story")
	}
}

// BenchmarkTypeInto10kParagraph is the worst case: the whole 10,000
// characters in one paragraph field (an Entry lays out all of its text on
// every change), for comparison with the 20-paragraph story above.
func BenchmarkTypeInto10kParagraph(b *testing.B)  { benchTypeIntoParagraph(b, 10000) }
func BenchmarkTypeInto100kParagraph(b *testing.B) { benchTypeIntoParagraph(b, 100000) }

// benchTypeIntoParagraph types into the middle of one paragraph of n
// characters (the cost should grow no faster than n: the Entry holds a
// window of it, see widgets/window.go).
func benchTypeIntoParagraph(b *testing.B, n int) {
	w, _, _ := newBench(b)
	st := w.Current()
	st.Paragraphs = []article.Paragraph{{Kind: article.ParaBody, Text: benchText(n)}}
	w.fill()
	f := w.editor.field(0)
	w.Win.Canvas().Focus(f)
	f.SelectRunes(n/2, 0)
	b.ResetTimer()
	for b.Loop() {
		f.TypedRune('字')
	}
	b.StopTimer()
	if got := []rune(w.Current().Paragraphs[0].Text); len(got) < n+1 || got[n/2] != '字' {
		b.Fatal("typing did not reach the middle of the paragraph")
	}
}

// BenchmarkSwitchTo50kStory opens a story of one 50,000-character
// paragraph from another story (target under 100 ms).
func BenchmarkSwitchTo50kStory(b *testing.B) {
	w, _, _ := newBench(b)
	long := *w.Current()
	long.Paragraphs = []article.Paragraph{{Kind: article.ParaBody, Text: benchText(50000)}}
	other := *w.Current()
	other.Paragraphs = []article.Paragraph{{Kind: article.ParaBody, Text: "短段落。"}}
	i := 0
	for b.Loop() {
		i++
		if i%2 == 0 {
			w.cur = &other
		} else {
			w.cur = &long
		}
		w.fill()
	}
}

func benchText(n int) string {
	text := ""
	for len(text) < 3*n {
		text += "濮阳工业园区举行综合应急演练检验指挥能力。"
	}
	return string([]rune(text)[:n])
}

// BenchmarkSwitchStory measures opening another story of the page (target
// under 100 ms).
func BenchmarkSwitchStory(b *testing.B) {
	w, _, _ := newBench(b)
	ids := []int64{w.browser.stories[0].ID, w.browser.stories[2].ID}
	i := 0
	for b.Loop() {
		i++
		if err := w.OpenStory(ids[i%2]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartWindow measures building the window on an existing archive
// and showing its last story while the dictionary has not loaded (target:
// well under 1.5 s; the real binary logs its own start-up time).
func BenchmarkStartWindow(b *testing.B) {
	b.Setenv("LANG", "C.UTF-8")
	a := test.NewTempApp(b)
	_, path := newArchive(b)
	for b.Loop() {
		lex := lexicon.New() // never loaded: the window must not wait for it
		arc, err := storage.OpenWith(path, storage.Options{Lexicon: lex})
		if err != nil {
			b.Fatal(err)
		}
		win := test.NewWindow(nil)
		w := New(a, win, arc)
		win.Resize(fyne.NewSize(1400, 900))
		w.Start()
		if w.Current() == nil || !strings.Contains(w.status.dict.Text, "loading") {
			b.Fatalf("no story shown, or dictionary state %q", w.status.dict.Text)
		}
		win.Close()
		arc.Close()
	}
}
