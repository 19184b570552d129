package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// rendered is the story in DOCX (its paragraphs' text), Markdown and text.
func rendered(t *testing.T, st *article.Story) map[string]string {
	t.Helper()
	out := map[string]string{}
	var md, txt bytes.Buffer
	if err := Markdown(&md, st); err != nil {
		t.Fatal(err)
	}
	if err := Text(&txt, st); err != nil {
		t.Fatal(err)
	}
	out["md"], out["txt"] = md.String(), txt.String()
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{}))
	var b strings.Builder
	for _, p := range readParagraphs(t, parseXML(t, "word/document.xml", parts["word/document.xml"])) {
		b.WriteString(p.style + ": " + p.text + "\n")
	}
	out["docx"] = b.String()
	return out
}

// The dateline and byline are printed once: where the text prints them
// (the head of the first paragraph, a closing credit), else in a line under
// the headline.
func TestDatelineAndBylinePrintedOnce(t *testing.T) {
	// Printed at the head of the first paragraph (and 周明远 again in the
	// photo credit).
	for f, text := range rendered(t, sampleStory()) {
		if strings.Count(text, "周明远") != 2 || strings.Count(text, "本报讯") != 1 {
			t.Errorf("%s of the sample story:\n%s", f, text)
		}
	}

	// A trailing credit （王为峰 赵尚元） is the byline as printed: no
	// 本报讯 … line above the text.
	credit := &article.Story{
		Title:    "秋收正忙",
		Dateline: "本报讯",
		Byline:   []article.Byline{{Name: "王为峰"}, {Name: "赵尚元"}},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "本报讯 金秋时节，田野里一片繁忙。"},
			{Kind: article.ParaBody, Text: "农机手们抢抓晴好天气收割玉米。（王为峰 赵尚元）"},
		},
	}
	for f, text := range rendered(t, credit) {
		if strings.Count(text, "王为峰") != 1 || strings.Count(text, "本报讯") != 1 {
			t.Errorf("%s of a story with a trailing credit:\n%s", f, text)
		}
	}

	// A dateline closing the story is printed there only.
	closing := &article.Story{
		Title:    "合作协议签署",
		Dateline: "本报里斯本3月2日电",
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "两国企业签署合作协议。"},
			{Kind: article.ParaBody, Text: "（本报里斯本3月2日电）"},
		},
	}
	for f, text := range rendered(t, closing) {
		if strings.Count(text, "里斯本") != 1 {
			t.Errorf("%s of a story with a closing dateline:\n%s", f, text)
		}
	}

	// A byline the text does not print (an editor typed it in) gets its
	// line, and only what the text lacks is on it.
	typed := &article.Story{
		Title:    "River Park Opens",
		Dateline: "RIVERTON, March 5",
		Byline:   []article.Byline{{Role: "By", Name: "Ann Lee"}},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "RIVERTON, March 5 — The park opened on Tuesday."},
		},
	}
	for f, text := range rendered(t, typed) {
		if strings.Count(text, "Ann Lee") != 1 || strings.Count(text, "RIVERTON") != 1 {
			t.Errorf("%s of a story with a typed byline:\n%s", f, text)
		}
	}
}
