package app

import (
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// Find next selects each match in the paragraph fields in turn, moving on
// to later paragraphs and round to the first.
func TestFindNextSelectsEachMatchInTurn(t *testing.T) {
	w, _, _ := newBench(t)
	st := storyWith(t, w, func(st *article.Story) bool {
		n := 0
		for _, p := range st.Paragraphs {
			n += strings.Count(p.Text, "，")
		}
		return len(st.Paragraphs) >= 2 && n >= 3 && strings.Contains(st.Paragraphs[1].Text, "，")
	})
	var want []int // paragraph of each match, in order
	for i, p := range st.Paragraphs {
		for range strings.Count(p.Text, "，") {
			want = append(want, i)
		}
	}
	w.focusParagraph(0)
	w.editor.field(0).SelectRunes(0, 0)
	prev, prevPara := -1, -1
	for k, para := range append(want, want[0]) { // and round again
		found, err := w.FindNext("，", false)
		if err != nil || !found {
			t.Fatalf("match %d: found %v, %v", k, found, err)
		}
		f := w.editor.field(para)
		if w.focusPara != para || f.SelectedText() != "，" {
			t.Fatalf("match %d: paragraph %d selected %q, want paragraph %d", k, w.focusPara, f.SelectedText(), para)
		}
		if k < len(want) && para == prevPara && f.CursorOffset() <= prev {
			t.Fatalf("match %d: cursor at %d, not after the previous match (%d)", k, f.CursorOffset(), prev)
		}
		prev, prevPara = f.CursorOffset(), para
	}
	if found, _ := w.FindNext("不在本稿中的字串", false); found {
		t.Fatal("found text that is not in the story")
	}
	if _, err := w.FindNext("(", true); err == nil {
		t.Fatal("a bad regular expression is not reported")
	}
}
