package extract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/lexicon"
)

func TestParseCreditRolesApplyUntilTheNextRole(t *testing.T) {
	cases := []struct {
		line string
		want []article.Byline
	}{
		{"本报记者 王建华 通讯员 刘晓东 陈梅 摄", []article.Byline{
			{Role: "本报记者", Name: "王建华"}, {Role: "通讯员", Name: "刘晓东"}, {Role: "通讯员", Name: "陈梅"}}},
		{"记者 孙立新", []article.Byline{{Role: "记者", Name: "孙立新"}}},
		{"记者孙立新 实习生郑晓雨", []article.Byline{{Role: "记者", Name: "孙立新"}, {Role: "实习生", Name: "郑晓雨"}}},
		{"见习记者 黄一鸣 特约记者 欧阳春晓", []article.Byline{{Role: "见习记者", Name: "黄一鸣"}, {Role: "特约记者", Name: "欧阳春晓"}}},
		{"周海涛 摄", []article.Byline{{Role: "摄影", Name: "周海涛"}}},
		{"周海涛摄", []article.Byline{{Role: "摄影", Name: "周海涛"}}},
		{"综合本报记者 王一明、李二华报道", []article.Byline{{Role: "本报记者", Name: "王一明"}, {Role: "本报记者", Name: "李二华"}}},
		{"文/图 本报记者 孙立新", []article.Byline{{Role: "本报记者", Name: "孙立新"}}},
		{"本报记者 钱志远 报道", []article.Byline{{Role: "本报记者", Name: "钱志远"}}},
		{"钱志远 孙丽", []article.Byline{{Role: "", Name: "钱志远"}, {Role: "", Name: "孙丽"}}},
		// The longest mark glued to the last name gives the role: both
		// are photographers (摄影报道), not 孙丽摄影 reporting (报道).
		{"钱志远 孙丽摄影报道", []article.Byline{{Role: "摄影", Name: "钱志远"}, {Role: "摄影", Name: "孙丽"}}},
		{"钱志远 孙丽 摄影报道", []article.Byline{{Role: "摄影", Name: "钱志远"}, {Role: "摄影", Name: "孙丽"}}},
		// Two names run together after a role are cut where a common
		// family name starts the second.
		{"通讯员 刘晓东陈梅", []article.Byline{{Role: "通讯员", Name: "刘晓东"}, {Role: "通讯员", Name: "陈梅"}}},
		{"By JOHN SMITH", []article.Byline{{Role: "", Name: "John Smith"}}},
		{"By Jane Doe and Li Wei, Staff Writers", []article.Byline{
			{Role: "Staff Writers", Name: "Jane Doe"}, {Role: "Staff Writers", Name: "Li Wei"}}},
	}
	for _, c := range cases {
		// several times: a reading that depends on map order shows
		for range 10 {
			got, ok := parseCredit(c.line, nil)
			if !ok || !reflect.DeepEqual(got, c.want) {
				t.Errorf("parseCredit(%q) = %v, %v; want %v", c.line, got, ok, c.want)
				break
			}
		}
	}
}

func TestParseCreditRejectsOrdinaryParentheses(t *testing.T) {
	known := roleLessName(testLexicon(t))
	for _, s := range []string{"试行", "村、社区", "构", "全文", "全文完", "高原", "万元", "于是", "资料图片", "下转第二版", "据新华社", "2022", "上", "完"} {
		if got, ok := parseCredit(s, known); ok {
			t.Errorf("parseCredit(%q) took %v as a credit", s, got)
		}
	}
}

// A dictionary word of three ideographs that gse happens to tag as a name
// is no role-less credit; a name the editor added is, and two-ideograph
// names the dictionary holds (李娜) still are.
func TestRoleLessCreditRejectsDictionaryWordsTaggedAsNames(t *testing.T) {
	lx := testLexicon(t)
	known := roleLessName(lx)
	for _, s := range []string{"白皮书", "高水平", "黄皮书", "张家口", "白皮书 蓝皮书"} {
		if got, ok := parseCredit(s, known); ok {
			t.Errorf("parseCredit(%q) took %v as a credit", s, got)
		}
	}
	for _, s := range []string{"李娜", "丁海涛", "王为峰 赵尚元"} {
		if _, ok := parseCredit(s, known); !ok {
			t.Errorf("parseCredit(%q) rejected a credit", s)
		}
	}
	if bl, at := readTail("国务院新闻办公室今天发布了一份报告。（白皮书）", known); at >= 0 {
		t.Errorf("readTail took （白皮书） as a credit: %v", bl)
	}
	user := lexicon.New()
	if err := user.AddTerm("黄皮书", "nr"); err != nil {
		t.Fatal(err)
	}
	if _, ok := parseCredit("黄皮书", roleLessName(user)); !ok {
		t.Error("a name the editor added as a term was rejected")
	}
}

// A letter-spaced credit line comes out of the cleaner with no spaces
// left (□ 本报记者 韩 冰 通讯员 宋 佳 → 本报记者韩冰通讯员宋佳): names and roles
// are still told apart.
func TestCreditWithoutSpacesBetweenNamesAndRoles(t *testing.T) {
	known := roleLessName(testLexicon(t))
	cases := []struct {
		line string
		want []article.Byline
	}{
		{"本报记者韩冰通讯员宋佳", []article.Byline{{Role: "本报记者", Name: "韩冰"}, {Role: "通讯员", Name: "宋佳"}}},
		{"记者王建华实习生欧阳明月", []article.Byline{{Role: "记者", Name: "王建华"}, {Role: "实习生", Name: "欧阳明月"}}},
		{"本报记者 韩冰通讯员 宋佳", []article.Byline{{Role: "本报记者", Name: "韩冰"}, {Role: "通讯员", Name: "宋佳"}}},
	}
	for _, c := range cases {
		got, ok := parseCredit(c.line, known)
		if !ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseCredit(%q) = %v, %v; want %v", c.line, got, ok, c.want)
		}
	}
	st := article.Story{Title: "数字赋能 产业焕新", Subtitle: "□本报记者韩冰通讯员宋佳",
		Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "盛夏时节，走进一家化工企业中控室。"}}}
	Story(&st, Options{Lexicon: testLexicon(t)})
	if want := []article.Byline{{Role: "本报记者", Name: "韩冰"}, {Role: "通讯员", Name: "宋佳"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline from the subtitle = %v, want %v", st.Byline, want)
	}
}

// A commentary's byline is often a bare name after a bullet (□ 甲乙), under
// the headline or as the first line: the bullet makes it a credit; a
// bulleted line of ordinary words is not one.
func TestBulletedNameIsACredit(t *testing.T) {
	lx := testLexicon(t)
	body := []article.Paragraph{{Kind: article.ParaBody, Text: "政务服务窗口是连接政府和群众的第一线。"}}
	st := article.Story{Title: "让小窗口释放大能量", Subtitle: "□苏文", Paragraphs: body}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Name: "苏文"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline from □苏文 = %v, want %v", st.Byline, want)
	}
	st = article.Story{Title: "让小窗口释放大能量",
		Paragraphs: append([]article.Paragraph{{Kind: article.ParaBody, Text: "□ 苏文"}}, body...)}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Name: "苏文"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline from a □ paragraph = %v, want %v", st.Byline, want)
	}
	st = article.Story{Title: "标题", Subtitle: "□高水平发展", Paragraphs: body}
	Story(&st, Options{Lexicon: lx})
	if len(st.Byline) != 0 {
		t.Errorf("□高水平发展 read as a byline: %v", st.Byline)
	}
}

func TestCreditVariantsOfOtherPapers(t *testing.T) {
	known := roleLessName(testLexicon(t))
	cases := []struct {
		line string
		want []article.Byline
	}{
		{"新乡日报记者 王建华", []article.Byline{{Role: "新乡日报记者", Name: "王建华"}}},
		{"记者 买买提·艾力", []article.Byline{{Role: "记者", Name: "买买提·艾力"}}},
		{"By Jane Doe in Beijing", []article.Byline{{Name: "Jane Doe"}}},
		{"记者 王建华 张明 摄影报道", []article.Byline{{Role: "记者", Name: "王建华"}, {Role: "记者", Name: "张明"}}},
		{"融媒记者 王建华 文/图", []article.Byline{{Role: "融媒记者", Name: "王建华"}}},
		{"本报记者 王建华 整理", []article.Byline{{Role: "本报记者", Name: "王建华"}}},
	}
	for _, c := range cases {
		got, ok := parseCredit(c.line, known)
		if !ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseCredit(%q) = %v, %v; want %v", c.line, got, ok, c.want)
		}
	}
}

func TestReadPhotoCreditAtTheEndOfACaption(t *testing.T) {
	known := roleLessName(testLexicon(t))
	cases := []struct {
		text string
		want []article.Byline
		rest string
	}{
		{"图为检修现场。 本报记者 王建华 通讯员 陈梅 摄", []article.Byline{{Role: "本报记者", Name: "王建华"}, {Role: "通讯员", Name: "陈梅"}}, "图为检修现场。 "},
		{"工人们正在检修线路 周海涛 摄", []article.Byline{{Role: "摄影", Name: "周海涛"}}, "工人们正在检修线路 "},
		{"图为检修现场。", nil, "图为检修现场。"},
		{"他说：这次拍摄", nil, "他说：这次拍摄"},
	}
	for _, c := range cases {
		got, at := readPhotoCredit(c.text, known)
		rest := c.text
		if at >= 0 {
			rest = c.text[:at]
		}
		if !reflect.DeepEqual(got, c.want) || rest != c.rest {
			t.Errorf("readPhotoCredit(%q) = %v, rest %q; want %v, %q", c.text, got, rest, c.want, c.rest)
		}
	}
}

// A wire credit of a story filed from many cities names them all before
// its reporters: the credit is long, and each reporter is a byline.
func TestLongWireCreditNamesEveryReporter(t *testing.T) {
	text := "各国人士纷纷表示支持。（本报北京、华盛顿、雅加达、里约热内卢、约翰内斯堡、开罗、罗马电记者王一明、李二华、张三丰、赵四海、钱五洲、孙六合、周七星）"
	bl, at := readTail(text, nil)
	if at < 0 {
		t.Fatalf("readTail found no credit in %q", text)
	}
	var names []string
	for _, b := range bl {
		if b.Role != "记者" {
			t.Errorf("%s: role %q, want 记者", b.Name, b.Role)
		}
		names = append(names, b.Name)
	}
	if want := []string{"王一明", "李二华", "张三丰", "赵四海", "钱五洲", "孙六合", "周七星"}; strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("names %v, want %v", names, want)
	}
}

// A reader's letter closes with where the writer lives and the name, set
// as a credit line: the name is the byline. The same words in a body
// paragraph are text.
func TestLetterCreditNamesTheWriter(t *testing.T) {
	lx := testLexicon(t)
	body := article.Paragraph{Kind: article.ParaBody, Text: "家长要带头讲文明、守礼仪，让博物馆成为教育孩子的社会课堂。"}
	st := article.Story{Title: "建议", Paragraphs: []article.Paragraph{body, {Kind: article.ParaCredit, Text: "山西阳城县 王一明"}}}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Name: "王一明"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline of a letter = %v, want %v", st.Byline, want)
	}
	st = article.Story{Title: "建议", Paragraphs: []article.Paragraph{body, {Kind: article.ParaBody, Text: "山西阳城县 王一明"}}}
	Story(&st, Options{Lexicon: lx})
	if len(st.Byline) != 0 {
		t.Errorf("a body paragraph read as a credit: %v", st.Byline)
	}
}

// A photo credit set as its own line names the photographer and then the
// agency: the photographer is the byline, the agency is not.
func TestPhotoCreditLineWithAgency(t *testing.T) {
	lx := testLexicon(t)
	body := article.Paragraph{Kind: article.ParaCaption, Text: "渔民在海边晾晒紫菜，一派丰收景象。"}
	st := article.Story{Title: "丰收", Kind: article.KindPhoto, Paragraphs: []article.Paragraph{body, {Kind: article.ParaCredit, Text: "王一明摄（影像中国）"}}}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Role: "摄影", Name: "王一明"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline of 王一明摄（影像中国） = %v, want %v", st.Byline, want)
	}
}

// A caption's closing photo credit may name the agency after the mark; a
// credit line that is a wire credit names the reporter with its role.
func TestCaptionCreditWithAgencyAndWireCreditLine(t *testing.T) {
	lx := testLexicon(t)
	st := article.Story{Title: "春到江南", Paragraphs: []article.Paragraph{{Kind: article.ParaCaption, Text: "游客在公园赏花。王一明摄（影像中国）"}}}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Role: "摄影", Name: "王一明"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("caption credit = %v, want %v", st.Byline, want)
	}
	st = article.Story{Title: "会谈", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "双方就两国关系交换了意见。"},
		{Kind: article.ParaCredit, Text: "（据新华社悉尼电 记者李二华）"}}}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Role: "记者", Name: "李二华"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("wire credit line = %v, want %v", st.Byline, want)
	}
}

// Credit lines with the role glued after the names: a drawing and its
// text (甲图 / 乙文), photographers (甲 乙摄影报道, with the agency after).
func TestCreditLinesWithTheRoleAfterTheName(t *testing.T) {
	lx := testLexicon(t)
	body := article.Paragraph{Kind: article.ParaBody, Text: "一年之计在于春，大家都忙起来了。"}
	credit := func(s string) article.Paragraph { return article.Paragraph{Kind: article.ParaCredit, Text: s} }
	st := article.Story{Title: "春耕", Paragraphs: []article.Paragraph{body, credit("王一明图"), credit("李二文")}}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Role: "图", Name: "王一明"}, {Role: "文", Name: "李二"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("图/文 credits = %v, want %v", st.Byline, want)
	}
	st = article.Story{Title: "春耕", Kind: article.KindPhoto, Paragraphs: []article.Paragraph{body, credit("赵三丰 钱四海摄影报道（影像中国）")}}
	Story(&st, Options{Lexicon: lx})
	if want := []article.Byline{{Role: "摄影", Name: "赵三丰"}, {Role: "摄影", Name: "钱四海"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("photo credit = %v, want %v", st.Byline, want)
	}
}

// TestCreditsAStoryPrintsOutsideItsHead: the credits an editor finds in
// other places than the first paragraph's head are the story's byline:
// each datelined item of a roundup, a lead set before the dateline, an
// author's note closing a commentary, the page's graphics credit, a
// drawing and text pair on one line, pen names closing the items of a
// brief column, and a photo story's credit line with two names run
// together.
func TestCreditsAStoryPrintsOutsideItsHead(t *testing.T) {
	body := func(s string) article.Paragraph { return article.Paragraph{Kind: article.ParaBody, Text: s} }
	credit := func(s string) article.Paragraph { return article.Paragraph{Kind: article.ParaCredit, Text: s} }
	cases := []struct {
		name  string
		paras []article.Paragraph
		want  []article.Byline
	}{
		{"a lead before the dateline", []article.Paragraph{
			body("冬日的清晨，港口一片繁忙。"),
			body("本报天津1月5日电（记者王建华）记者从港口管理部门获悉，新年首周吞吐量增长。")},
			[]article.Byline{{Role: "记者", Name: "王建华"}}},
		{"a roundup's credit run into the next item", []article.Paragraph{
			body("本报北京1月1日电 新年第一天，各地举行升旗仪式。"),
			body("（本报东京、柏林1月1日电 记者孙立新、陈梅）“新年好！”工地上，中外员工互致问候。")},
			[]article.Byline{{Role: "记者", Name: "孙立新"}, {Role: "记者", Name: "陈梅"}}},
		{"a roundup of datelined items", []article.Paragraph{
			body("本报北京1月7日电（记者孙立新）假期全国铁路运行平稳。"),
			body("旅客出行有序。"),
			body("本报上海1月7日电（记者陈梅）上海口岸出入境人数创新高。")},
			[]article.Byline{{Role: "记者", Name: "孙立新"}, {Role: "记者", Name: "陈梅"}}},
		{"an author's note closing a commentary", []article.Paragraph{
			body("制度的优势在于久久为功。"),
			body("（作者为某研究院院长，本报记者钱志远整理）")},
			[]article.Byline{{Role: "本报记者", Name: "钱志远"}}},
		{"a theory article's writer closing it", []article.Paragraph{
			body("制度的优势在于久久为功。"),
			body("（执笔：王建华）")},
			[]article.Byline{{Role: "执笔", Name: "王建华"}}},
		{"the page's graphics credit", []article.Paragraph{
			body("公园里的新去处越来越多。"),
			credit("本版制图：周海涛")},
			[]article.Byline{{Role: "制图", Name: "周海涛"}}},
		{"a drawing and its text on one line", []article.Paragraph{
			body("一幅漫画，一段短评。"),
			credit("郑晓雨图黄一鸣文")},
			[]article.Byline{{Role: "图", Name: "郑晓雨"}, {Role: "文", Name: "黄一鸣"}}},
		{"pen names closing a brief column's items", []article.Paragraph{
			body("本报电 某地新开通一条公交线路。"),
			credit("（海风）"),
			body("本报电 某市图书馆延长开放时间。"),
			credit("（刘晓东）")},
			[]article.Byline{{Name: "海风"}, {Name: "刘晓东"}}},
		{"a photo story's credit with two names run together", []article.Paragraph{
			body("雪后的林海一片银白。"),
			body("孙丽陈梅摄影报道")},
			[]article.Byline{{Role: "摄影", Name: "孙丽"}, {Role: "摄影", Name: "陈梅"}}},
	}
	lx := testLexicon(t)
	for _, c := range cases {
		st := article.Story{Title: "标题", Paragraphs: c.paras}
		Story(&st, Options{Lexicon: lx})
		if !reflect.DeepEqual(st.Byline, c.want) {
			t.Errorf("%s: byline %v, want %v", c.name, st.Byline, c.want)
		}
	}
}
