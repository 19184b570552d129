package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func writeDOCX(t *testing.T, st *article.Story, opt DOCXOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := DOCX(&buf, st, opt); err != nil {
		t.Fatalf("DOCX: %v", err)
	}
	return buf.Bytes()
}

// styledParagraph is one w:p read back: its style id and text.
type styledParagraph struct{ style, text string }

func readParagraphs(t *testing.T, doc *node) []styledParagraph {
	t.Helper()
	var out []styledParagraph
	for _, p := range doc.path("body").children {
		if p.name.Local != "p" {
			continue
		}
		out = append(out, styledParagraph{p.path("pPr", "pStyle").attr("val"), p.wordText()})
	}
	return out
}

func TestDOCXPackageHasEveryPartInFixedOrder(t *testing.T) {
	names, parts := docxParts(t, writeDOCX(t, sampleStory(), DOCXOptions{Date: "2024-03-05"}))
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/_rels/document.xml.rels"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("parts = %v, want %v", names, want)
	}
	// Every part parses, every part but the content types and the
	// relationships is declared with an Override, and every relationship
	// points at a part that is there.
	ct := parseXML(t, "[Content_Types].xml", parts["[Content_Types].xml"])
	declared := map[string]bool{}
	for _, o := range ct.all("Override") {
		declared[strings.TrimPrefix(o.attr("PartName"), "/")] = true
	}
	for _, name := range names {
		parseXML(t, name, parts[name])
		if strings.HasSuffix(name, ".xml") && name != "[Content_Types].xml" && !declared[name] {
			t.Errorf("%s has no content type override", name)
		}
	}
	for relPart, base := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word/"} {
		for _, r := range parseXML(t, relPart, parts[relPart]).all("Relationship") {
			if _, ok := parts[base+r.attr("Target")]; !ok {
				t.Errorf("%s points at missing part %s", relPart, base+r.attr("Target"))
			}
		}
	}
}

func TestDOCXDocumentHasEveryLineOfTheStoryInItsStyle(t *testing.T) {
	st := sampleStory()
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{}))
	doc := parseXML(t, "word/document.xml", parts["word/document.xml"])
	got := readParagraphs(t, doc)
	want := []styledParagraph{
		{"Kicker", st.Kicker},
		{"Title", st.Title},
		{"Subtitle", st.Subtitle},
		// The dateline and byline open the first paragraph, as printed:
		// no byline line repeats them.
		{"BodyText", st.Paragraphs[0].Text},
		{"Heading2", st.Paragraphs[1].Text},
		{"BodyText", st.Paragraphs[2].Text}, // < > & come back as printed
		{"Caption", st.Paragraphs[3].Text},
		{"Credit", st.Paragraphs[4].Text},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i, got[i], want[i])
		}
	}
	body := doc.path("body")
	if last := body.children[len(body.children)-1]; last.name.Local != "sectPr" {
		t.Errorf("last child of w:body is %s, want sectPr", last.name.Local)
	}
	if n := len(doc.all("sectPr")); n != 1 {
		t.Errorf("%d sectPr, want 1", n)
	}
}

func TestDOCXStaysWellFormedWithCharactersXMLCannotHold(t *testing.T) {
	// OCR output can hold control characters and broken UTF-8; the
	// document must still open.
	st := &article.Story{Title: "标题\x0b一", Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "正文\x01\x1f文\xff字 </w:t> & ]]>"}}}
	st.Metadata.Summary = "摘要\x02"
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{}))
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	parseXML(t, "core.xml", parts["docProps/core.xml"])
	got := readParagraphs(t, doc)
	if len(got) != 2 || !strings.HasPrefix(got[1].text, "正文") || !strings.HasSuffix(got[1].text, "字 </w:t> & ]]>") {
		t.Errorf("paragraphs = %q", got)
	}
}

func TestDOCXKeepsLineBreaksAndTabsAndSkipsEmptyParagraphs(t *testing.T) {
	st := &article.Story{Title: "T", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "一行\n二行\t三"},
		{Kind: article.ParaBody, Text: "  "},
		{Kind: "sidebar", Text: "unknown kind"},
	}}
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{}))
	got := readParagraphs(t, parseXML(t, "document.xml", parts["word/document.xml"]))
	want := []styledParagraph{{"Title", "T"}, {"BodyText", "一行\n二行\t三"}, {"BodyText", "unknown kind"}}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// styleByID reads styles.xml into a map by w:styleId.
func styleByID(t *testing.T, parts map[string][]byte) (*node, map[string]*node) {
	t.Helper()
	styles := parseXML(t, "word/styles.xml", parts["word/styles.xml"])
	byID := map[string]*node{}
	for _, s := range styles.all("style") {
		byID[s.attr("styleId")] = s
	}
	return styles, byID
}

func TestDOCXStylesSetChineseFontLanguageAndIndents(t *testing.T) {
	data := writeDOCX(t, sampleStory(), DOCXOptions{})
	_, parts := docxParts(t, data)
	styles, byID := styleByID(t, parts)

	// The East Asian face and language of every run by default.
	rPr := styles.path("docDefaults", "rPrDefault", "rPr")
	fonts := rPr.child("rFonts")
	if got := fonts.attr("eastAsia"); got != DefaultEastAsiaFont {
		t.Errorf("default w:eastAsia = %q, want %q", got, DefaultEastAsiaFont)
	}
	if fonts.attr("hint") != "eastAsia" {
		t.Errorf("default rFonts hint = %q, want eastAsia (curly quotes in the Chinese face)", fonts.attr("hint"))
	}
	if got := rPr.child("lang").attr("eastAsia"); got != "zh-CN" {
		t.Errorf("w:lang eastAsia = %q, want zh-CN", got)
	}

	// Headlines centred in the headline face.
	for _, id := range []string{"Kicker", "Title", "Subtitle", "Dateline", "Byline"} {
		s := byID[id]
		if s == nil {
			t.Fatalf("no style %s", id)
		}
		if jc := s.path("pPr", "jc").attr("val"); jc != "center" {
			t.Errorf("%s: jc = %q, want center", id, jc)
		}
	}
	if got := byID["Title"].path("rPr", "rFonts").attr("eastAsia"); got != DefaultHeadingEastAsiaFont {
		t.Errorf("Title eastAsia font = %q, want %q", got, DefaultHeadingEastAsiaFont)
	}
	if byID["Title"].path("rPr", "b") == nil {
		t.Error("Title is not bold")
	}

	// Two-character first-line indent, both ways: Word's character units
	// and LibreOffice's twips (2 × 12 pt = 480 twips; captions 2 × 10.5 pt).
	for id, twips := range map[string]string{"BodyText": "480", "Caption": "420"} {
		ind := byID[id].path("pPr", "ind")
		if ind == nil {
			t.Fatalf("%s has no indent", id)
		}
		if ind.attr("firstLineChars") != "200" || ind.attr("firstLine") != twips {
			t.Errorf("%s indent = firstLineChars %q firstLine %q, want 200 and %s", id, ind.attr("firstLineChars"), ind.attr("firstLine"), twips)
		}
	}
	if byID["Title"].path("pPr", "ind") != nil {
		t.Error("Title is indented")
	}

	// Subheads are Word's own Heading 2 (navigation pane, outline level 2).
	h2 := byID["Heading2"]
	if h2.child("name").attr("val") != "heading 2" || h2.path("pPr", "outlineLvl").attr("val") != "1" {
		t.Errorf("Heading2 = name %q outline %q, want heading 2 / 1", h2.child("name").attr("val"), h2.path("pPr", "outlineLvl").attr("val"))
	}

	// Captions and credits look different from body text and each other.
	capSize := byID["Caption"].path("rPr", "sz").attr("val")
	credSize := byID["Credit"].path("rPr", "sz").attr("val")
	if capSize == "" || credSize == "" || capSize == credSize {
		t.Errorf("caption size %q, credit size %q: want both set and different", capSize, credSize)
	}
	if byID["Credit"].path("pPr", "jc").attr("val") != "right" {
		t.Error("credit is not right-aligned")
	}

	// Every style the document uses is defined.
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	for _, ps := range doc.all("pStyle") {
		if byID[ps.attr("val")] == nil {
			t.Errorf("document uses undefined style %q", ps.attr("val"))
		}
	}

	// The font table names the Chinese alternates Word substitutes.
	ft := parseXML(t, "fontTable.xml", parts["word/fontTable.xml"])
	alts := map[string]string{}
	for _, f := range ft.all("font") {
		alts[f.attr("name")] = f.child("altName").attr("val")
	}
	if alts[DefaultEastAsiaFont] != "SimSun" || alts[DefaultHeadingEastAsiaFont] != "SimHei" {
		t.Errorf("font alternates = %v", alts)
	}
}

func TestDOCXOptionsChooseAnotherEastAsiaFont(t *testing.T) {
	_, parts := docxParts(t, writeDOCX(t, sampleStory(), DOCXOptions{EastAsiaFont: "宋体", HeadingEastAsiaFont: "黑体"}))
	styles, byID := styleByID(t, parts)
	if got := styles.path("docDefaults", "rPrDefault", "rPr", "rFonts").attr("eastAsia"); got != "宋体" {
		t.Errorf("eastAsia = %q, want 宋体", got)
	}
	if got := byID["Heading2"].path("rPr", "rFonts").attr("eastAsia"); got != "黑体" {
		t.Errorf("heading eastAsia = %q, want 黑体", got)
	}
}

func TestDOCXCorePropertiesComeFromTheStory(t *testing.T) {
	st := sampleStory()
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{Date: "2024-03-05"}))
	core := parseXML(t, "core.xml", parts["docProps/core.xml"])
	want := map[string]string{
		"title":       st.Title,
		"creator":     "周明远; 林小雨; 陈东",
		"keywords":    "社区图书馆; 借阅; 清河县",
		"description": st.Metadata.Summary,
		"language":    "zh-CN",
		"created":     "2024-03-05T00:00:00Z",
		"modified":    "2024-03-05T00:00:00Z",
	}
	for local, v := range want {
		n := core.child(local)
		if n == nil {
			t.Errorf("core.xml has no %s", local)
			continue
		}
		if n.text != v {
			t.Errorf("core %s = %q, want %q", local, n.text, v)
		}
	}
	if typ := core.child("created").attr("type"); typ != "dcterms:W3CDTF" {
		t.Errorf("created xsi:type = %q", typ)
	}
	if core.child("created").name.Space != "http://purl.org/dc/terms/" || core.child("title").name.Space != "http://purl.org/dc/elements/1.1/" {
		t.Error("core properties are in the wrong namespaces")
	}
}

func TestDOCXWithoutDateOrTitleStillHasATitleAndNoCreatedDate(t *testing.T) {
	st := &article.Story{Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "一张没有标题的图片说明文字"}}}
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{}))
	core := parseXML(t, "core.xml", parts["docProps/core.xml"])
	if got := core.child("title").text; got != st.Headline() {
		t.Errorf("title = %q, want the headline %q", got, st.Headline())
	}
	if core.child("language").text != "zh-CN" {
		t.Errorf("language = %q", core.child("language").text)
	}
	_, parts = docxParts(t, writeDOCX(t, englishStory(), DOCXOptions{}))
	if got := parseXML(t, "core.xml", parts["docProps/core.xml"]).child("language").text; got != "en-US" {
		t.Errorf("language of an English story = %q, want en-US", got)
	}
	if core.child("created") != nil || core.child("creator") != nil {
		t.Error("created or creator written without a date or byline")
	}
	if err := DOCX(&bytes.Buffer{}, st, DOCXOptions{Date: "5 March"}); err == nil || !strings.Contains(err.Error(), "5 March") {
		t.Errorf("bad date: err = %v, want one naming the date", err)
	}
}

func TestDOCXSameStoryGivesSameBytes(t *testing.T) {
	a := writeDOCX(t, sampleStory(), DOCXOptions{Date: "2024-03-05"})
	b := writeDOCX(t, sampleStory(), DOCXOptions{Date: "2024-03-05"})
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same story differ")
	}
	changed := sampleStory()
	changed.Paragraphs[0].Text += "。"
	if bytes.Equal(a, writeDOCX(t, changed, DOCXOptions{Date: "2024-03-05"})) {
		t.Fatal("a changed story gives the same bytes")
	}
}

func TestDOCXStoriesStartEachStoryOnANewPage(t *testing.T) {
	var buf bytes.Buffer
	first, second := sampleStory(), englishStory()
	if err := DOCXStories(&buf, []*article.Story{first, second}, DOCXOptions{Title: "Page 2"}); err != nil {
		t.Fatal(err)
	}
	_, parts := docxParts(t, buf.Bytes())
	doc := parseXML(t, "document.xml", parts["word/document.xml"])
	var breaks []string
	for _, p := range doc.all("p") {
		if p.path("pPr", "pageBreakBefore") != nil {
			breaks = append(breaks, p.wordText())
		}
	}
	if len(breaks) != 1 || breaks[0] != second.Title {
		t.Errorf("page breaks before %q, want only before %q", breaks, second.Title)
	}
	core := parseXML(t, "core.xml", parts["docProps/core.xml"])
	if got := core.child("language").text; got != "zh-CN" {
		t.Errorf("language of a mostly Chinese document = %q", got)
	}
	if core.child("title").text != "Page 2" || !strings.Contains(core.child("creator").text, "Ann Lee") {
		t.Errorf("core title %q creator %q", core.child("title").text, core.child("creator").text)
	}
}

// A dateline the text does not print is written under the headline in a
// paragraph style of its own, Dateline (电头 to a Chinese Word), not in the
// byline's: an editor restyling the bylines must not restyle datelines.
func TestDOCXDatelineHasItsOwnStyle(t *testing.T) {
	st := &article.Story{
		Title:    "河畔公园开园",
		Dateline: "本报柏林1月12日电",
		Byline:   []article.Byline{{Role: "记者", Name: "任远山"}},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "新建的河畔公园今天开园，市民纷纷前来游览。"},
		},
	}
	_, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{}))
	got := readParagraphs(t, parseXML(t, "word/document.xml", parts["word/document.xml"]))
	want := []styledParagraph{
		{"Title", st.Title},
		{"Dateline", "本报柏林1月12日电"},
		{"Byline", "记者 任远山"},
		{"BodyText", st.Paragraphs[0].Text},
	}
	if len(got) != len(want) {
		t.Fatalf("paragraphs = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i, got[i], want[i])
		}
	}
	_, byID := styleByID(t, parts)
	s := byID["Dateline"]
	if s == nil {
		t.Fatal("styles.xml defines no Dateline style")
	}
	if name, alias := s.child("name").attr("val"), s.child("aliases").attr("val"); name != "Dateline" || alias != "电头" {
		t.Errorf("Dateline style is named %q (%q), want Dateline (电头)", name, alias)
	}
	if s.child("aliases").attr("val") == byID["Byline"].child("aliases").attr("val") {
		t.Error("the Dateline style has the byline's name")
	}
}
