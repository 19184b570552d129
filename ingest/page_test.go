package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/score"
)

const (
	seedZH = "../seeds/000_84aa73dab9e593a4.txt"
	seedEN = "../seeds/en_nytribune_1916-01-02_p1.txt"
	goldZH = "../testdata/000_84aa73dab9e593a4.json"
)

func parseFile(t testing.TB, path string) *article.Page {
	t.Helper()
	raw, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page, err := Parse(raw, Options{File: path})
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func toScore(stories []article.Story) []score.Story {
	return score.FromArticle(stories)
}

// TestSamplePageMeetsTheBounds holds the bounds for what ingest
// alone decides (bylines are extract's, checked in the parse command's
// test): story F1 1.0, CER ≤ 0.5 %, paragraph-break F1 ≥ 0.95, headline
// accuracy ≥ 0.9.
func TestSamplePageMeetsTheBounds(t *testing.T) {
	gold, err := score.Load(goldZH)
	if err != nil {
		t.Fatal(err)
	}
	page := parseFile(t, seedZH)
	r := score.Score(gold, toScore(page.Stories))
	t.Log(r)
	if r.StoryF1 < 1 || r.CER > 0.005 || r.ParaF1 < 0.95 || r.TitleAcc < 0.9 || r.TextCER > 0.005 {
		t.Fatalf("below the bounds: %v", r)
	}
}

// TestSamplePageStructure checks what an editor sees first: kinds, flags
// and the pieces of the photo story, without quoting the page's text.
func TestSamplePageStructure(t *testing.T) {
	page := parseFile(t, seedZH)
	if len(page.Stories) != 6 {
		t.Fatalf("%d stories, want 6", len(page.Stories))
	}
	photo := page.Stories[0]
	if photo.Kind != article.KindPhoto {
		t.Errorf("first story kind %q, want photo", photo.Kind)
	}
	if photo.HasFlag(article.FlagNoHeadline) {
		t.Errorf("a photo without a headline is flagged: photos are printed without one")
	}
	var kinds []string
	for _, p := range photo.Paragraphs {
		kinds = append(kinds, p.Kind)
	}
	if len(kinds) != 3 || kinds[0] != "body" || kinds[1] != "caption" || kinds[2] != "credit" {
		t.Errorf("photo story paragraphs %v, want body caption credit", kinds)
	}
	if !page.Stories[1].HasFlag(article.FlagTruncated) || !page.Stories[1].HasFlag(article.FlagNoHeadline) {
		t.Errorf("second story should be flagged truncated and without headline: %+v", page.Stories[1].Flags)
	}
	for i, st := range page.Stories[2:] {
		if st.HasFlag(article.FlagTruncated) || st.Title == "" {
			t.Errorf("story %d: title %q flags %+v", i+2, st.Title, st.Flags)
		}
		if st.Source.Start >= st.Source.End || st.Source.SHA256 != page.SHA256 {
			t.Errorf("story %d: bad source %+v", i+2, st.Source)
		}
		for _, p := range st.Paragraphs {
			if p.Start < st.Source.Start || p.End > st.Source.End || p.Start >= p.End {
				t.Errorf("story %d: paragraph span %d-%d outside %d-%d", i+2, p.Start, p.End, st.Source.Start, st.Source.End)
			}
		}
	}
	subheads := 0
	for _, p := range page.Stories[1].Paragraphs {
		if p.Kind == article.ParaSubhead {
			subheads++
		}
	}
	if subheads != 2 {
		t.Errorf("%d subheads in the long story, want 2", subheads)
	}
}

// TestEditsPointAtTheirText: every edit's raw span holds its Before text,
// and an edit inside a paragraph points at After in the cleaned text.
func TestEditsPointAtTheirText(t *testing.T) {
	others, _ := filepath.Glob("../testdata/pages/*.txt")
	for _, path := range append([]string{seedZH, seedEN}, others...) {
		page := parseFile(t, path)
		n := 0
		for _, st := range page.Stories {
			for _, e := range st.Edits {
				n++
				if page.Text[e.Start:e.End] != e.Before {
					t.Fatalf("%s: edit %+v: raw span holds %q", path, e, page.Text[e.Start:e.End])
				}
				if e.Paragraph >= 0 {
					txt := st.Paragraphs[e.Paragraph].Text
					if e.Offset > len(txt) || txt[e.Offset:e.Offset+len(e.After)] != e.After {
						t.Fatalf("%s: edit %+v does not point at %q in %q", path, e, e.After, txt)
					}
				}
			}
		}
		if n == 0 {
			t.Fatalf("%s: no edits recorded", path)
		}
	}
}

func TestEnglishPageIsSensible(t *testing.T) {
	page := parseFile(t, seedEN)
	if len(page.Stories) < 8 {
		t.Fatalf("%d stories: the capitalised headlines should split the page", len(page.Stories))
	}
	titled := 0
	for _, st := range page.Stories {
		if st.Title != "" {
			titled++
		}
		for _, p := range st.Paragraphs {
			if strings.Contains(p.Text, "\n") || strings.Contains(p.Text, "  ") {
				t.Fatalf("paragraph keeps line breaks or double spaces: %q", p.Text)
			}
		}
	}
	if titled*2 < len(page.Stories) {
		t.Errorf("only %d of %d stories have a title", titled, len(page.Stories))
	}
	dehyph := 0
	for _, st := range page.Stories {
		for _, e := range st.Edits {
			if e.Rule == RuleDehyphenate {
				dehyph++
			}
		}
	}
	if dehyph < 20 {
		t.Errorf("%d words rejoined at line ends, want the page's broken words joined", dehyph)
	}
	assertNothingLost(t, page)
}

func TestSamplePageLosesNothing(t *testing.T) {
	assertNothingLost(t, parseFile(t, seedZH))
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

// squashed drops whitespace, as the scorer compares text.
func squashed(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// headlinesFirst rewrites the sample page as an extractor that prints
// headlines before their bodies would: each gold headline's lines move
// above the first line of their story. The gold serves only to find the
// lines; the rules see a page they have not been tuned on.
func headlinesFirst(t *testing.T, raw string, gold []score.Story) string {
	lines := strings.Split(raw, "\n")
	moved := map[int]bool{}
	before := map[int][]string{}
	for _, g := range gold {
		if g.Title == "" {
			continue
		}
		var head []int
		for _, h := range []string{g.Title, g.Subtitle} {
			for i, l := range lines {
				if h != "" && squashed(l) == squashed(h) {
					head = append(head, i)
				}
			}
		}
		opening := []rune(squashed(g.Paragraphs[0].Text))[:12]
		first := -1
		for i, l := range lines {
			if sl := squashed(l); sl != "" && (strings.HasPrefix(string(opening), sl) || strings.HasPrefix(sl, string(opening))) {
				first = i
				break
			}
		}
		if first < 0 || len(head) == 0 {
			t.Fatalf("cannot find the lines of %q", g.Title)
		}
		for _, i := range head {
			moved[i] = true
			before[first] = append(before[first], lines[i])
		}
	}
	var out []string
	for i, l := range lines {
		if h, ok := before[i]; ok {
			out = append(out, h...)
			out = append(out, "")
		}
		if !moved[i] {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestSamplePageWithHeadlinesFirst(t *testing.T) {
	gold, err := score.Load(goldZH)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		t.Fatal(err)
	}
	variant := headlinesFirst(t, string(raw), gold)
	if variant == string(raw) {
		t.Fatal("nothing moved")
	}
	page, err := Parse([]byte(variant), Options{File: "variant.txt"})
	if err != nil {
		t.Fatal(err)
	}
	r := score.Score(gold, toScore(page.Stories))
	t.Log(r)
	// title accuracy is lower than as printed: two of the moved headlines
	// are taken as the kicker of their story (docs/line-model.md)
	if r.StoryF1 < 1 || r.CER > 0.005 || r.ParaF1 < 0.95 || r.TitleAcc < 0.65 {
		t.Fatalf("headlines printed first: %v", r)
	}
	// moving headlines must not move body text into or out of them
	orig := score.Score(gold, toScore(parseFile(t, seedZH).Stories))
	// (one moved subtitle line is kept in the body today: 0.3 % of the
	// page's text; docs/line-model.md)
	if r.TextCER > orig.TextCER+0.004 {
		t.Fatalf("body text changed when headlines moved first: text CER %.4f, %.4f as printed", r.TextCER, orig.TextCER)
	}
	assertNothingLost(t, page)
}

// parseAndScore parses a test page (NAME.txt) and scores it against its
// gold (NAME.gold.json), logging the figures.
func parseAndScore(t *testing.T, path string) (*article.Page, score.Result) {
	t.Helper()
	gold, err := score.Load(strings.TrimSuffix(path, ".txt") + ".gold.json")
	if err != nil {
		t.Fatal(err)
	}
	page := parseFile(t, path)
	r := score.Score(gold, toScore(page.Stories))
	t.Log(r)
	return page, r
}

// TestOtherLayoutsMeetTheirBounds scores ingest alone on the pages of
// other layouts in testdata/pages against their hand-made gold (bylines
// are extract's: the parse command's test holds them), and checks that
// nothing printed on them is lost.
func TestOtherLayoutsMeetTheirBounds(t *testing.T) {
	pages, err := filepath.Glob("../testdata/pages/*.txt")
	if err != nil || len(pages) < 8 {
		t.Fatalf("%d pages with gold (%v), want eight", len(pages), err)
	}
	var sum score.Result
	for _, path := range pages {
		t.Run(filepath.Base(path), func(t *testing.T) {
			page, r := parseAndScore(t, path)
			if r.StoryF1 < 0.8 || r.CER > 0.07 || r.TitleAcc < 0.75 || r.TextCER > 0.02 {
				t.Errorf("below the bounds: %v", r)
			}
			sum.StoryF1 += r.StoryF1 / float64(len(pages))
			sum.ParaF1 += r.ParaF1 / float64(len(pages))
			sum.TitleAcc += r.TitleAcc / float64(len(pages))
			assertNothingLost(t, page)
		})
	}
	// on the mean: a page of briefs has one paragraph a story, where one
	// break taken for a story boundary costs its whole para F1
	t.Logf("means: story F1 %.3f, para F1 %.3f, title %.3f", sum.StoryF1, sum.ParaF1, sum.TitleAcc)
	if sum.StoryF1 < 0.95 || sum.ParaF1 < 0.7 || sum.TitleAcc < 0.9 {
		t.Errorf("means below the bounds: story F1 %.3f, para F1 %.3f, title %.3f", sum.StoryF1, sum.ParaF1, sum.TitleAcc)
	}
}

// TestCaptionAfterAClosingCreditIsAPhotoStory: a picture printed right
// after a story's closing author credit is a photo story of its own, and
// the credit keeps the space between its two names across the line break.
func TestCaptionAfterAClosingCreditIsAPhotoStory(t *testing.T) {
	lineModelGap(t)
	page := parseString(t, " 本报讯 （记者 张 三） 昨日，某项目一期工程正式投\n产，预计年产值 18.5 亿元。 （王明\n刘丽）工人们在车间调试新设备。\n本报记者 李 四 摄\n")
	if len(page.Stories) != 2 {
		t.Fatalf("%d stories, want the text story and the photo story", len(page.Stories))
	}
	text, photo := page.Stories[0], page.Stories[1]
	if last := text.Paragraphs[len(text.Paragraphs)-1].Text; !strings.HasSuffix(last, "。（王明 刘丽）") {
		t.Errorf("text story ends %q", last)
	}
	if photo.Kind != article.KindPhoto || len(photo.Paragraphs) != 2 || photo.Paragraphs[0].Kind != article.ParaCaption ||
		photo.Paragraphs[1].Text != "本报记者 李四 摄" {
		t.Errorf("photo story %+v", photo.Paragraphs)
	}
	if text.HasFlag(article.FlagTruncated) || photo.Source.Start < text.Source.End {
		t.Errorf("flags %+v, spans %+v %+v", text.Flags, text.Source, photo.Source)
	}
	assertNothingLost(t, page)
}

// TestBriefsWithHeadlinesFirst: on a page of short stories whose starts
// the extractor marks with a single space, a headline over a brief with
// no dateline opens a new story instead of becoming a subhead.
func TestBriefsWithHeadlinesFirst(t *testing.T) {
	page := parseString(t, "城区新增停车泊位\n 今年以来，市城管部门新增\n公共停车泊位 1200 个。\n\n暑期文化活动启幕\n 3 日晚，暑期文化活动在\n广场启幕，节目轮番上演。\n\n图书馆开设夜读专场\n 本报讯 市图书馆自 1 日起\n开设少儿夜读专场。\n")
	if len(page.Stories) != 3 {
		t.Fatalf("%d stories, want 3", len(page.Stories))
	}
	for i, st := range page.Stories {
		if st.Title == "" || len(st.Paragraphs) != 1 || st.Paragraphs[0].Kind != article.ParaBody {
			t.Errorf("story %d: title %q, paragraphs %+v", i, st.Title, st.Paragraphs)
		}
	}
}

// TestAuthorLineAndListItems: a feature's author line stays with the text
// it names, as a credit paragraph; numbered items after a colon open
// paragraphs.
func TestAuthorLineAndListItems(t *testing.T) {
	lineModelGap(t)
	page := parseString(t, "数字赋能产业焕新\n□ 本报记者 韩 冰\n 走进一家企业的车间，机械臂\n来回穿梭。 我市明确了两方面支持重点：\n\n（一）对企业购置智能装备给予补助；\n\n（二）对智能工厂给予奖励。\n")
	if len(page.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(page.Stories))
	}
	ps := page.Stories[0].Paragraphs
	if len(ps) != 4 || ps[0].Kind != article.ParaCredit || ps[0].Text != "□ 本报记者 韩冰" ||
		!strings.HasPrefix(ps[2].Text, "（一）") || !strings.HasPrefix(ps[3].Text, "（二）") {
		t.Fatalf("paragraphs %+v", ps)
	}
	if page.Stories[0].Title != "数字赋能产业焕新" {
		t.Errorf("title %q", page.Stories[0].Title)
	}
}
