package lexicon

import (
	"slices"
	"strings"
	"testing"
)

// TagText gives Tag's words and tags, with the words as printed.
func TestTagTextMatchesTag(t *testing.T) {
	l := loadedWithTerm(t, "柯望舒", "nr")
	for _, text := range []string{
		"柯望舒在会上说，市科学技术研究院与高校签约。",
		"本报讯（记者 柯望舒）公交K6路10日起开通，GDP增长5.2%。\n第二段：Galley Project 上线。",
		"The plant opened on January 2, 1916.",
		"，",
		"  空格  在前",
	} {
		want := l.Tag(text)
		got := l.TagText(text)
		if len(got) != len(want) {
			t.Fatalf("TagText(%q): %d words, Tag %d:\n%v\n%v", text, len(got), len(want), got, want)
		}
		var joined strings.Builder
		for i := range got {
			if strings.ToLower(got[i].Text) != want[i].Text || got[i].Tag != want[i].Tag {
				t.Errorf("TagText(%q) word %d = %v, Tag %v", text, i, got[i], want[i])
			}
			joined.WriteString(got[i].Text)
		}
		if joined.String() != text {
			t.Errorf("TagText(%q) words join to %q", text, joined.String())
		}
	}
	for _, tok := range l.TagText("公交K6路开通") {
		if strings.Contains(tok.Text, "k6") {
			t.Errorf("TagText lower-cased a word: %v", tok)
		}
	}
	if got := l.TagText(""); len(got) != 0 {
		t.Errorf("TagText(\"\") = %v", got)
	}
}

// AppendTagText appends TagText's words, text after text into one slice.
func TestAppendTagTextIsTagText(t *testing.T) {
	l := loadedWithTerm(t, "柯望舒", "nr")
	var buf []Token
	for _, text := range []string{
		"柯望舒在会上说，市科学技术研究院与高校签约。",
		"",
		"公交K6路10日起开通，GDP增长5.2%。",
		"柯望舒",
	} {
		head := slices.Clone(buf)
		buf = l.AppendTagText(buf, text)
		if want := append(head, l.TagText(text)...); !slices.Equal(buf, want) {
			t.Errorf("AppendTagText(…, %q) = %v, want %v", text, buf, want)
		}
	}
}
