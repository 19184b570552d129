package export

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/galley/galley/article"
)

// toHTML renders Markdown as a CommonMark reader (goldmark, the one Fyne
// uses) would.
func toHTML(t *testing.T, md string) string {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var tag = regexp.MustCompile(`<[^>]+>`)

// A Markdown reader shows the story's text exactly as printed, whatever
// markup characters it holds; headings have one level each for the title,
// the subtitle and the subheads; Chinese is never italic.
func TestMarkdownReadsBackAsPrinted(t *testing.T) {
	st := &article.Story{
		Kicker: "城市观察", Title: "A&B 公司 *新品* 发布", Subtitle: "#1 销量 _领先_",
		Byline: []article.Byline{{Role: "记者", Name: "周明远"}},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "AT&T 与 R&D 部门合作，&copy; 与 &#20013; 照原样印出。"},
			{Kind: article.ParaBody, Text: "# 不是标题\n* 不是列表\n_ 也不是强调 _\n1. 不是编号"},
			{Kind: article.ParaSubhead, Text: "市场 & 渠道"},
			{Kind: article.ParaCaption, Text: "图为新品发布现场。"},
			{Kind: article.ParaBody, Text: "<b>不是 HTML</b> ~~不是删除线~~ [不是链接](x) `不是代码`"},
		},
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, st); err != nil {
		t.Fatal(err)
	}
	h := toHTML(t, buf.String())
	for _, want := range []string{"<h1>", "<h2>", "<h3>"} {
		if strings.Count(h, want) != 1 {
			t.Errorf("%d %s in\n%s", strings.Count(h, want), want, h)
		}
	}
	for _, bad := range []string{"<em>", "<ul>", "<ol>", "<code>", "<a ", "<b>", "<del>"} {
		if strings.Contains(h, bad) {
			t.Errorf("markup %s in\n%s\nfrom\n%s", bad, h, buf.String())
		}
	}
	shown := html.UnescapeString(tag.ReplaceAllString(h, ""))
	for _, s := range []string{st.Title, st.Subtitle, "市场 & 渠道", "图为新品发布现场。", "周明远"} {
		if !strings.Contains(shown, s) {
			t.Errorf("%q does not read back:\n%s", s, shown)
		}
	}
	for _, p := range st.Paragraphs {
		for _, line := range strings.Split(p.Text, "\n") {
			if !strings.Contains(shown, line) {
				t.Errorf("%q does not read back:\n%s", line, shown)
			}
		}
	}

	// An English byline and caption are italic.
	buf.Reset()
	en := englishStory()
	en.Paragraphs = append(en.Paragraphs, article.Paragraph{Kind: article.ParaCaption, Text: "The new trail."})
	Markdown(&buf, en)
	if h := toHTML(t, buf.String()); strings.Count(h, "<em>") != 2 {
		t.Errorf("english byline and caption not italic:\n%s", h)
	}
}
