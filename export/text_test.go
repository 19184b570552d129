package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func TestTextHasHeadlineBylineAndIndentedChineseParagraphs(t *testing.T) {
	st := sampleStory()
	var buf bytes.Buffer
	if err := Text(&buf, st); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		st.Kicker, st.Title, st.Subtitle, "",
		"\u3000\u3000" + st.Paragraphs[0].Text, "",
		st.Paragraphs[1].Text, "", // a subhead is not indented
		"\u3000\u3000" + st.Paragraphs[2].Text, "",
		st.Paragraphs[3].Text, "",
		st.Paragraphs[4].Text, "",
	}, "\n")
	if got := buf.String(); got != want {
		t.Errorf("text =\n%s\nwant\n%s", got, want)
	}
}

func TestTextOfEnglishStoryIsNotIndented(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, englishStory()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\n\nThe park opened") || strings.Contains(buf.String(), "\u3000") {
		t.Errorf("english text:\n%s", buf.String())
	}
}

func TestMarkdownMarksStructureAndEscapesMarkup(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, sampleStory()); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"**城乡融合发展观察**\n\n# 清河县新建十二座社区图书馆\n\n## 全年借阅量突破30万册\n",
		"\n### 书香进社区\n",
		`\<数字阅读\> \& 纸质借阅`,
		"\n图为居民在新建的社区图书馆阅读。\n", // no italics for Chinese
		"\n> 本报记者 周明远 摄\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}

	buf.Reset()
	if err := Markdown(&buf, englishStory()); err != nil {
		t.Fatal(err)
	}
	md = buf.String()
	// A numbered line and a dash line stay text, the asterisks stay
	// asterisks, and the line break is a hard break.
	if !strings.Contains(md, "1\\. Bring water.\\\n\\- Wear \\*good\\* shoes.") {
		t.Errorf("markup not escaped:\n%s", md)
	}
	if !strings.Contains(md, "# River Park Opens: 3 Miles of Trails") {
		t.Errorf("title:\n%s", md)
	}
}

func TestRenderJoinsManyStories(t *testing.T) {
	items := []Item{{Story: sampleStory()}, {Story: englishStory()}}
	for _, f := range []Format{FormatMarkdown, FormatText} {
		out, err := Render(f, items, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := string(out)
		if !strings.Contains(s, "清河县新建十二座社区图书馆") || !strings.Contains(s, "River Park Opens") {
			t.Errorf("%s: missing a story:\n%s", f, s)
		}
	}
	if _, err := Render(FormatDOCX, nil, Options{}); err == nil {
		t.Error("rendering no story gave no error")
	}
	out, err := Render(FormatJSONL, items, Options{})
	if err != nil || bytes.Count(out, []byte("\n")) != 2 {
		t.Errorf("jsonl: %v, %q", err, out)
	}
	if _, err := Render(FormatJSON, []Item{{Story: &article.Story{}}}, Options{}); err != nil {
		t.Error(err)
	}
}

// Every body paragraph of a Chinese story is indented the same, also one
// that starts with a figure, a Latin name or an opening quote.
func TestTextIndentsEveryChineseBodyParagraph(t *testing.T) {
	st := &article.Story{Title: "市场回暖", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "今年以来，全市消费市场持续回暖。"},
		{Kind: article.ParaBody, Text: "2022年，全市社会消费品零售总额增长5%。"},
		{Kind: article.ParaBody, Text: "“我们对明年很有信心。”商场负责人说。"},
		{Kind: article.ParaBody, Text: "CBD商圈客流量同比增长三成。"},
		{Kind: article.ParaSubhead, Text: "夜经济"},
	}}
	var buf bytes.Buffer
	if err := Text(&buf, st); err != nil {
		t.Fatal(err)
	}
	for _, p := range st.Paragraphs {
		want := "\n\u3000\u3000" + p.Text + "\n"
		if p.Kind == article.ParaSubhead {
			want = "\n" + p.Text + "\n"
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%q is not set as %q:\n%s", p.Text, want, buf.String())
		}
	}
}
