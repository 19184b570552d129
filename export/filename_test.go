package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

func TestSafeFileName(t *testing.T) {
	cases := map[string]string{
		"清河县新建十二座社区图书馆":                   "清河县新建十二座社区图书馆",
		`Who? What: "Why" <now> a/b\c|d*`: "Who What Why now a b c d",
		"  ..hidden. . ":                  "hidden",
		"tab\tand\nnewline\x00null\u200b": "tab and newlinenull",
		"CON":                             "_CON",
		"con.txt":                         "_con.txt",
		"Com1 ":                           "_Com1",
		"LPT9":                            "_LPT9",
		"CONSOLE":                         "CONSOLE",
		"???":                             "",
		"a\uFFFDb":                        "ab",
	}
	for in, want := range cases {
		if got := SafeFileName(in); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeFileNameCapsBytesOnACharacterBoundary(t *testing.T) {
	long := strings.Repeat("长", 100) // 300 bytes
	got := SafeFileName(long)
	if len(got) > maxNameBytes || !utf8.ValidString(got) || got != strings.Repeat("长", maxNameBytes/3) {
		t.Errorf("cut to %d bytes, valid %v: %q", len(got), utf8.ValidString(got), got)
	}
	mixed := strings.Repeat("a", maxNameBytes-1) + "长长"
	if got := SafeFileName(mixed); len(got) != maxNameBytes-1 || !utf8.ValidString(got) {
		t.Errorf("mixed cut = %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestStoryFileStemUsesDateAndHeadline(t *testing.T) {
	st := sampleStory()
	if got := StoryFileStem("2024-03-05", st); got != "2024-03-05 清河县新建十二座社区图书馆" {
		t.Errorf("stem = %q", got)
	}
	if got := StoryFileStem("", &article.Story{}); got != "untitled" {
		t.Errorf("empty story stem = %q", got)
	}
	noTitle := &article.Story{Paragraphs: []article.Paragraph{{Kind: "body", Text: "图为：居民在阅读/学习"}}}
	if got := StoryFileStem("2024-03-05", noTitle); got != "2024-03-05 图为：居民在阅读 学习" {
		t.Errorf("untitled story stem = %q", got)
	}
}
