package ingest

import (
	"github.com/galley/galley/lexicon"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// Headlines printed after their stories' text (as mutool prints a page in
// its content stream's order) stand two in a row between two texts: the
// first closes the story above, the second opens the story below, also
// when no blank line or no kicker tells them apart.
func TestTwoHeadlinesInARowGoOneUpOneDown(t *testing.T) {
	bodyA := []string{
		"市里新建的图书馆本周向市民开放，馆内藏书三十万册。",
		"图书馆每天开放十二小时，每周一闭馆整理。",
	}
	bodyB := []string{
		"本报讯 农产品展销会昨日在会展中心开幕，",
		"展销会为期五天，展出各地农产品两千余种。",
	}
	for _, c := range []struct {
		name  string
		heads []string // headline lines between the texts ("" is a blank line)
		tags  []string // their roles
		up    int      // how many of them close the story above
	}{
		{"a kicker after a title", []string{"新图书馆向市民开放", "", "秋收时节", "农产品展销会开幕"}, []string{RoleTitle, "", RoleKicker, RoleTitle}, 1},
		{"a title after a subtitle", []string{"新图书馆向市民开放", "藏书三十万册", "农产品展销会开幕"}, []string{RoleTitle, RoleSubtitle, RoleTitle}, 2},
		{"a title set apart from a title", []string{"新图书馆向市民开放", "", "农产品展销会开幕"}, []string{RoleTitle, "", RoleTitle}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := append(append(append(slices.Clone(bodyA), ""), c.heads...), "")
			lines = append(lines, bodyB...)
			roles := []string{RoleBody, RoleBody, ""}
			roles = append(append(roles, c.tags...), "", RoleBody, RoleBody)
			text := strings.Join(lines, "\n") + "\n"
			lay := newLayout(text, scanLines(text))
			p := newPageLines(lay, nil)
			tags := make([]lineTag, len(p.idx))
			var headLines []int
			for k, i := range p.idx {
				tags[k] = lineTag{role: roles[i], opens: true, opensStory: i == 0 || i == len(lines)-2}
				if isHeadlineRole(roles[i]) {
					headLines = append(headLines, i)
				}
			}
			stories, _ := groupLabelled(p, tags, func(h string) []string { return headlineWords(h, nil) })
			if len(stories) != 2 {
				t.Fatalf("%d stories, want 2", len(stories))
			}
			var got [2][]int
			for s, st := range stories {
				for _, part := range st.head {
					got[s] = append(got[s], part.lines...)
				}
			}
			if !slices.Equal(got[0], headLines[:c.up]) || !slices.Equal(got[1], headLines[c.up:]) {
				t.Errorf("headline lines above %v, below %v; want %v and %v", got[0], got[1], headLines[:c.up], headLines[c.up:])
			}
		})
	}
}

// A story whose text opens with a heading and that got no headline has
// that heading for its headline: a headline printed right above its first
// line, with no white between, reads like a subhead.
func TestAHeadingOpeningAStoryWithoutHeadlineIsItsTitle(t *testing.T) {
	text := "北京新增三条地铁线路年内开通\n新京报讯（记者 王小明）三条地铁线路年内开通。\n新增里程约六十公里。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleSubhead, opens: true, opensStory: true}, {role: RoleBody, opens: true}, {role: RoleBody}}
	stories, _ := groupLabelled(p, tags, func(h string) []string { return headlineWords(h, nil) })
	if len(stories) != 1 || len(stories[0].head) != 1 || stories[0].head[0].role != RoleTitle || stories[0].head[0].lines[0] != 0 {
		t.Fatalf("the heading over the text is not the story's title: %+v", stories)
	}
	if len(stories[0].paras) != 1 || stories[0].paras[0].lines[0] != 1 {
		t.Errorf("the text does not start under the heading: %+v", stories[0].paras)
	}
	// a box's label over the summary is a heading of the story, not its title
	text = "核心阅读\n今年以来，三条地铁线路相继开工。\n新增里程约六十公里。\n"
	lay = newLayout(text, scanLines(text))
	p = newPageLines(lay, nil)
	stories, _ = groupLabelled(p, tags, func(h string) []string { return headlineWords(h, nil) })
	if len(stories) != 1 || len(stories[0].head) != 0 {
		t.Errorf("核心阅读 became the story's headline: %+v", stories)
	}
}

// A credit in brackets broken over three lines, the middle one read as
// text, is one credit paragraph again.
func TestABracketedCreditBrokenOverLinesIsOneCredit(t *testing.T) {
	text := "新年第一天，各地举行升旗仪式。\n（本报东京、柏林\n电 记者孙立新、陈\n梅）\n"
	lay := newLayout(text, scanLines(text))
	paras := []labelledPart{
		{role: RoleBody, lines: []int{0}},
		{role: RoleCredit, lines: []int{1}},
		{role: RoleBody, lines: []int{2}},
		{role: RoleCredit, lines: []int{3}},
	}
	got := lay.joinBrokenCredits(paras)
	if len(got) != 2 || got[1].role != RoleCredit || !slices.Equal(got[1].lines, []int{1, 2, 3}) {
		t.Fatalf("parts %+v, want the body and one credit of lines 1–3", got)
	}
	closed := []labelledPart{{role: RoleCredit, lines: []int{1}}, {role: RoleBody, lines: []int{0}}}
	if got := lay.joinBrokenCredits(closed); len(got) != 2 {
		t.Errorf("a credit whose bracket the next part does not close took it: %+v", got)
	}
}

// The page's date printed at its foot is its running head: no story is
// made of it and no story's text holds it.
// So is the date printed between two stories, where pdftotext puts the
// running head in its reading order.
func TestThePagesDateAtItsFootIsNoStory(t *testing.T) {
	story := "本报讯 市政府昨日召开第一百三十一次常务会议，研究部署近期重点工作。\n会议要求各部门抓好落实，确保各项任务按期完成。\n" +
		"会议听取了全市安全生产工作情况汇报。\n会议强调，要压实责任，排查隐患。\n会议还研究了其他事项。\n"
	other := "本报讯 全市春季植树活动昨日启动，各区组织志愿者参加义务植树。\n活动持续一个月，计划栽种树木十万株。\n" +
		"各区将组织党员干部带头参加。\n市园林部门提供苗木和技术指导。\n活动结束后将开展成活率检查。\n"
	for name, raw := range map[string]string{
		"at the foot":         "市政府召开常务会议\n\n" + story + "\n２０２４年３月５日\n",
		"between two stories": "市政府召开常务会议\n\n" + story + "\n２０２４年３月５日\n\n春季植树活动启动\n\n" + other + "\n这是页面底部的一行说明文字，用于占位。\n",
	} {
		page, err := Parse([]byte(raw), Options{File: "foot.txt"})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range page.Stories {
			for _, p := range st.Paragraphs {
				if strings.Contains(p.Text, "３月５日") || strings.Contains(p.Text, "3月5日") {
					t.Errorf("%s: the page's date is in a story: %q", name, p.Text)
				}
			}
		}
	}
}

func TestStandsAlone(t *testing.T) {
	text := "上一段的最后一行。\n\n２０２４年３月５日\n\n下一段\n紧接着的一行\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	for i, want := range map[int]bool{2: true, 4: false, 5: false, 0: true} {
		if got := p.standsAlone(p.pos[i]); got != want {
			t.Errorf("line %d (%q) stands alone: %v, want %v", i, lay.content(i), got, want)
		}
	}
}

// A kicker ending in a dash over its title, taken for text, is the
// title's kicker; the last lines of a text that ends in a dash are not.
func TestADashedBlockOverATitleIsItsKicker(t *testing.T) {
	text := "上一篇文章的最后一句话。\n\n某市公交集团客服中心\n原主任张某某——\n为人民服务没有终点站\n\n本报讯 正文从这里开始。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	roles := []string{RoleBody, RoleBody, RoleBody, RoleTitle, RoleBody}
	tags := make([]lineTag, len(roles))
	for k, r := range roles {
		tags[k] = lineTag{role: r, opens: true}
	}
	rules := make([]string, len(tags))
	dashKickers(lay, p, tags, rules)
	if tags[1].role != RoleKicker || tags[2].role != RoleKicker || !tags[1].opens || tags[2].opens {
		t.Errorf("the dashed block over the title: %v %v, want a kicker of two lines", tags[1], tags[2])
	}
	if tags[0].role != RoleBody {
		t.Errorf("the text above the white became %v", tags[0])
	}
	glued := "正文的第一行文字\n正文的第二行文字\n正文的倒数第二行\n正文的最后一行写到——\n为人民服务没有终点站\n"
	lay = newLayout(glued, scanLines(glued))
	p = newPageLines(lay, nil)
	tags = []lineTag{{role: RoleBody, opens: true}, {role: RoleBody}, {role: RoleBody}, {role: RoleBody}, {role: RoleTitle, opens: true}}
	dashKickers(lay, p, tags, make([]string, len(tags)))
	if tags[3].role != RoleBody {
		t.Errorf("the last line of a text ending in a dash, in a block longer than a kicker, became %v", tags[3])
	}
}

// A credit's bracket and role on a line of their own, which the model may
// read as a stray fragment, open the credit the next line closes; a
// fragment that no credit closes stays noise.
func TestABracketAndRoleAloneOpenTheCreditAfterThem(t *testing.T) {
	text := "文章的最后一句话。\n\n（本报记者\n\n王小明整理）\n\n（本报记者\n\n下一篇的正文开始了。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleBody, opens: true}, {role: RoleNoise}, {role: RoleCredit, opens: true},
		{role: RoleNoise}, {role: RoleBody, opens: true, opensStory: true}}
	rules := make([]string, len(tags))
	creditOpenings(lay, p, tags, rules)
	if tags[1].role != RoleCredit || !tags[1].opens || tags[2].opens {
		t.Errorf("（本报记者 over 王小明整理）: %v %v, want one credit opening on the bracket", tags[1], tags[2])
	}
	if tags[3].role != RoleNoise || rules[1] == "" {
		t.Errorf("the unclosed fragment before the text became %v (rule %q)", tags[3], rules[1])
	}
}

// A dateline that fills its line and the byline in brackets opening the
// next line are the story's head, one paragraph; a bracket after a line
// of text, or a dateline line with more after it, is not.
func TestABylineAfterABareDatelineGoesOnWithIt(t *testing.T) {
	cases := []struct {
		prev, cur string
		want      bool
	}{
		{"据新华社甲地1月11日电", "（记者王小明）当地时间1月11日，", true},
		{"本报北京1月5日电", "（记者 李华 王芳）4日晚，", true},
		{"本报讯", "（通讯员 张某）近日，", true},
		{"市里今年新建了三座公园。", "（记者王小明）当地时间1月11日，", false},
		{"据新华社甲地1月11日电", "当地时间1月11日，", false},
		{"据新华社甲地1月11日电", "（试行）办法自下月起施行。", false},
	}
	for _, c := range cases {
		if got := bylineAfterBareDateline(c.prev, c.cur); got != c.want {
			t.Errorf("bylineAfterBareDateline(%q, %q) = %v, want %v", c.prev, c.cur, got, c.want)
		}
	}
}

// A roundup's wire credit broken over lines, read as text with its short
// last line as a headline, is one credit; a bracket of ordinary text over
// lines is not.
func TestAWireCreditBrokenOverLinesIsOneCredit(t *testing.T) {
	text := "最后一句话。\n（本报北京、 东京、 柏林、 莫斯\n科、 开罗电 记者甲乙、 丙丁、\n戊己）\n下一篇的正文从这里开始了。\n（括号里的话\n写了两行）\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleBody, opens: true}, {role: RoleBody, opens: true}, {role: RoleBody}, {role: RoleTitle, opens: true},
		{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody, opens: true}, {role: RoleBody}}
	rules := make([]string, len(tags))
	bracketedCredits(lay, p, tags, rules)
	for k := 1; k <= 3; k++ {
		if tags[k].role != RoleCredit || tags[k].opens != (k == 1) {
			t.Errorf("line %d of the credit: %v, want one credit paragraph", k, tags[k])
		}
	}
	if tags[4].role != RoleBody || !tags[4].opensStory || tags[5].role != RoleBody || tags[6].role != RoleBody {
		t.Errorf("the text after the credit became %v %v %v", tags[4], tags[5], tags[6])
	}

	// a roundup from many capitals: six lines, its first ones already read
	// as a credit, the place ending in 电 as a dateline opening a story,
	// and the names after it as a kicker and a title
	text = "最后一句话。\n（本报东京、柏林、莫斯科、\n开罗、巴黎、伦敦、罗马、马\n德里1月1日电\n记者甲乙、\n丙丁、戊己、庚辛、壬癸、子\n丑、寅卯）\n新华社北京1月1日电 下一篇的正文。\n"
	lay = newLayout(text, scanLines(text))
	p = newPageLines(lay, nil)
	tags = []lineTag{{role: RoleBody, opens: true}, {role: RoleCredit, opens: true}, {role: RoleCredit},
		{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody}, {role: RoleKicker, opens: true},
		{role: RoleTitle, opens: true}, {role: RoleBody, opens: true, opensStory: true}}
	rules = make([]string, len(tags))
	bracketedCredits(lay, p, tags, rules)
	for k := 1; k <= 6; k++ {
		if tags[k].role != RoleCredit || tags[k].opens != (k == 1) || tags[k].opensStory {
			t.Errorf("line %d of the six-line credit: %v, want one credit paragraph", k, tags[k])
		}
	}
	if !tags[7].opensStory {
		t.Errorf("the story after the credit no longer opens: %v", tags[7])
	}
}

// A two-digit number with a leading zero numbers a story's parts (01,
// ０２); a folio is printed without one.
func TestASectionNumberIsNoFolio(t *testing.T) {
	for s, want := range map[string]bool{"01": true, "０３": true, " 0 5 ": true, "5": false, "15": false, "00": false, "１６": false, "001": false} {
		if got := isSectionNumber(s); got != want {
			t.Errorf("isSectionNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// A headline the printout put between two lines of one sentence (another
// story's vertical headline, or one set beside the column) does not cut
// the story: its text runs on across it, one paragraph, and the headline
// goes to the story it names. After a finished sentence the headline is
// left where it stands. The model opens a paragraph, even a story, under
// any headline: a line under it as wide as the column, after a full line
// that breaks off, still goes on with the sentence; an indented one opens
// its paragraph.
func TestAHeadlineInsideASentenceDoesNotCutTheStory(t *testing.T) {
	for _, c := range []struct {
		name   string
		broken string // the last line above the headline
		below  string // the first line under it
		opens  bool   // the model opened a story at the line under it
		lifted bool
	}{
		{"mid-sentence", "馆内藏书三十万册，每天开放", "十二小时，每周一闭馆整理。", false, true},
		{"after a full stop", "馆内藏书三十万册，每天开放。", "十二小时，每周一闭馆整理。", false, false},
		{"a full line read as opening", "馆内藏书三十万册，每天开放时间长", "十二小时，每周一闭馆整理清扫，周", true, true},
		{"an indented line read as opening", "馆内藏书三十万册，每天开放时间长", "新馆设有少儿阅览室和自习室，", true, false},
		{"under a short line, a line read as opening", "馆内藏书三十万册，每天开放", "十二小时，每周一闭馆整理清扫，周", true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := []string{
				"市里新建的图书馆本周向市民开放，",
				c.broken,
				"农产品展销会开幕",
				c.below,
				"图书馆还设有少儿阅览室。",
				"本报讯 农产品展销会昨日在会展中心开幕，",
				"展销会为期五天，展出各地农产品两千余种。",
			}
			roles := []string{RoleBody, RoleBody, RoleTitle, RoleBody, RoleBody, RoleBody, RoleBody}
			opens := []bool{true, false, true, c.opens, true, true, false}
			text := strings.Join(lines, "\n") + "\n"
			lay := newLayout(text, scanLines(text))
			p := newPageLines(lay, nil)
			tags := make([]lineTag, len(p.idx))
			for k, i := range p.idx {
				tags[k] = lineTag{role: roles[i], opens: opens[i], opensStory: i == 0 || i == 5 || i == 3 && c.opens}
			}
			stories, _ := groupLabelled(p, tags, func(h string) []string { return headlineWords(h, nil) })
			// the paragraph holding line 1, and the story owning the headline
			var para []int
			owner := -1
			for s, st := range stories {
				for _, part := range st.paras {
					if slices.Contains(part.lines, 1) {
						para = part.lines
					}
				}
				for _, part := range st.head {
					if slices.Contains(part.lines, 2) {
						owner = s
					}
				}
			}
			if got := slices.Equal(para, []int{0, 1, 3}); got != c.lifted {
				t.Errorf("the paragraph of the broken line is %v (one with the line below the headline: %v, want %v)", para, got, c.lifted)
			}
			if c.lifted && (len(stories) != 2 || owner != 1) {
				t.Errorf("the fair's headline went to story %d of %d, want the fair's", owner, len(stories))
			}
		})
	}
}

// The bracketed byline under a dateline that fills its line, broken over
// lines and read as a headline, goes on with the dateline, and so does
// the text after it, which the model took for a story's start.
func TestABrokenBylineUnderADatelineGoesOnWithIt(t *testing.T) {
	text := "本报南京 1 月 7 日电\n（记者王\n小明、李华）\n“新馆开放以后，来看书的人\n多了一倍。”馆长说。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleTitle, opens: true}, {role: RoleTitle},
		{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody}}
	rules := make([]string, len(tags))
	datelineBylines(lay, p, tags, rules)
	for k := 1; k <= 4; k++ {
		if tags[k] != (lineTag{role: RoleBody}) {
			t.Errorf("line %d: %v, want the dateline's paragraph going on", k, tags[k])
		}
	}
	if !tags[0].opensStory {
		t.Error("the dateline no longer opens its story")
	}
	// a byline on one line with the text after it: it goes on with the
	// dateline, and the paragraph after it keeps its start
	text = "本报南京 1 月 7 日电\n（记者王小明）新馆开放以后，来看书的人多了一倍。\n馆长说，周末还将延长开放时间。\n"
	lay = newLayout(text, scanLines(text))
	p = newPageLines(lay, nil)
	tags = []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody, opens: true}, {role: RoleBody, opens: true}}
	datelineBylines(lay, p, tags, make([]string, len(tags)))
	if tags[1] != (lineTag{role: RoleBody}) || !tags[2].opens {
		t.Errorf("one-line byline: %v, then %v; want it going on with the dateline and the next paragraph opening", tags[1], tags[2])
	}
	// a bracket that is no byline stays as the model read it
	text = "本报南京 1 月 7 日电\n（试行\n办法）\n"
	lay = newLayout(text, scanLines(text))
	p = newPageLines(lay, nil)
	tags = []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleTitle, opens: true}, {role: RoleTitle}}
	datelineBylines(lay, p, tags, make([]string, len(tags)))
	if tags[1].role != RoleTitle {
		t.Errorf("a bracket of two words became the dateline's byline: %v", tags[1])
	}
}

// A credit left as a story of its own, with no headline, closes the story
// before it; a story with text keeps its own.
func TestALoneCreditJoinsTheStoryBefore(t *testing.T) {
	stories := []labelledStory{
		{paras: []labelledPart{{role: RoleCaption, lines: []int{0}}}, first: 0, last: 0},
		{paras: []labelledPart{{role: RoleCredit, lines: []int{1}}}, first: 1, last: 1},
		{head: []labelledPart{{role: RoleTitle, lines: []int{2}}}, paras: []labelledPart{{role: RoleBody, lines: []int{3}}}, first: 2, last: 3},
		{paras: []labelledPart{{role: RoleBody, lines: []int{4}}, {role: RoleCredit, lines: []int{5}}}, first: 4, last: 5},
	}
	got := joinLoneCredits(stories)
	if len(got) != 3 || len(got[0].paras) != 2 || got[0].paras[1].role != RoleCredit || got[0].last != 1 {
		t.Fatalf("stories %+v: want the credit closing the caption's story, the others as they were", got)
	}
}

// Two short subheads set one over the other are two subheads; a subhead
// whose first line runs to the column's edge and wraps stays one.
func TestShortSubheadLinesAreSubheadsOfTheirOwn(t *testing.T) {
	body := "今年是基层减负年，多地定下硬指标，多种措施解决\n文山会海反弹回潮和督查检查考核过多过频等问题。\n"
	for _, c := range []struct {
		name, heads string
		opens       bool
	}{
		{"a pair", "会议开得短\n落实时间多了\n", true},
		{"a wrapped subhead", "会议开得短了，落实工作的时间多了，检查考核\n也少了\n", false},
	} {
		text := body + c.heads + body
		lay := newLayout(text, scanLines(text))
		p := newPageLines(lay, nil)
		tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody},
			{role: RoleSubhead, opens: true}, {role: RoleSubhead}, {role: RoleBody, opens: true}, {role: RoleBody}}
		rules := make([]string, len(tags))
		oneLineSubheads(p, tags, rules)
		if tags[3].opens != c.opens {
			t.Errorf("%s: the second subhead line opens a subhead: %v, want %v (%q)", c.name, tags[3].opens, c.opens, rules[3])
		}
	}
}

// A short line without a closing mark after a finished sentence, which
// the model ran into the paragraph under it, is the subhead over that
// paragraph, and so is a heading wrapped over two lines whose second line
// is short and without a mark; a justified line with spaces, or two lines
// of a sentence that ends, are text.
func TestAShortUnpunctuatedLineOverTextIsASubhead(t *testing.T) {
	para := "今年国庆假期，消费者热情爆棚，消费市场兴旺红\n火，旅游、文化等新兴消费蓬勃发展。\n"
	for _, c := range []struct {
		name, lines, after string
		n                  int // the lines of the heading
		subhead            bool
	}{
		{"a heading", "夜间经济大放异彩\n", "假日期间，夜间经济发展如火如荼，也为节日度假\n提供了一种新的打开方式。\n", 1, true},
		{"a justified line", "1984 年 7 月 29 日， 对许海峰\n", "假日期间，夜间经济发展如火如荼，也为节日度假\n提供了一种新的打开方式。\n", 1, false},
		{"a wrapped heading", "中国石化：上下联动，整体推进问题解决的\n工作机制\n", "公司把握主题教育的基本特点，结合党员和基层\n党组织实际，确保工作取得实效。\n", 2, true},
		{"a short paragraph", "假日期间，夜间经济发展如火如荼，为节日度假\n增色。\n", "公司把握主题教育的基本特点，结合党员和基层\n党组织实际，确保工作取得实效。\n", 2, false},
	} {
		text := para + c.lines + c.after
		lay := newLayout(text, scanLines(text))
		p := newPageLines(lay, nil)
		tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody}, {role: RoleBody, opens: true}}
		for range c.n + 1 {
			tags = append(tags, lineTag{role: RoleBody})
		}
		rules := make([]string, len(tags))
		subheadsOverText(p, tags, rules)
		// the heading's lines are one subhead, and the text under it
		// opens a paragraph
		got := tags[2+c.n].opens
		for j := 2; j < 2+c.n; j++ {
			got = got && tags[j].role == RoleSubhead && (j == 2 || !tags[j].opens)
		}
		if got != c.subhead {
			t.Errorf("%s: read as a subhead over the text: %v, want %v (%+v)", c.name, got, c.subhead, tags)
		}
	}
}

// A story's first paragraph with no sentence in it, right before another
// story's start, is that story's headline; a bare dateline on its line is
// not.
func TestAnUnpunctuatedStoryBeforeAStoryIsItsHeadline(t *testing.T) {
	story := "新中国七十华诞，让这个国庆长假成为人们向\n祖国表达深厚情感的节日。\n"
	for _, c := range []struct {
		name, head string
		title      bool
	}{
		{"a title over two lines", "对祖国最深情的告白是奋斗（人\n民论坛·倾听历史的回声）\n", true},
		{"a dateline on its line", "本报北京10月7日电\n记者从交通运输部了解到\n", false},
	} {
		text := c.head + story
		lay := newLayout(text, scanLines(text))
		p := newPageLines(lay, nil)
		tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody},
			{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody}}
		rules := make([]string, len(tags))
		unpunctuatedStoryHeads(p, tags, rules)
		if got := tags[0].role == RoleTitle && tags[1].role == RoleTitle && tags[2].opensStory; got != c.title {
			t.Errorf("%s: read as the next story's headline: %v, want %v (%+v)", c.name, got, c.title, tags)
		}
	}
}

// A story that is only a box under its label, with no headline, goes to
// the story after it, in front of its text; a story that goes on past its
// box with subheads and more text stays its own.
func TestABoxAloneJoinsTheStoryAfterIt(t *testing.T) {
	text := "核心阅读\n今年以来，三条地铁线路相继开工。\n地铁新线年内开通\n新增里程约六十公里。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	box := labelledStory{paras: []labelledPart{{role: RoleSubhead, lines: []int{0}}, {role: RoleBody, lines: []int{1}}}, first: 0, last: 1}
	story := labelledStory{head: []labelledPart{{role: RoleTitle, lines: []int{2}}}, paras: []labelledPart{{role: RoleBody, lines: []int{3}}}, first: 2, last: 3}
	got := joinBoxesToTheirStories(p, []labelledStory{box, story})
	if len(got) != 1 || len(got[0].paras) != 3 || got[0].paras[0].lines[0] != 0 || got[0].first != 0 || len(got[0].head) != 1 {
		t.Fatalf("the box did not open the story after it: %+v", got)
	}
	long := labelledStory{paras: []labelledPart{{role: RoleSubhead, lines: []int{0}}, {role: RoleBody, lines: []int{1}}, {role: RoleSubhead, lines: []int{2}}, {role: RoleBody, lines: []int{3}}}, first: 0, last: 3}
	if got := joinBoxesToTheirStories(p, []labelledStory{long, story}); len(got) != 2 {
		t.Errorf("a story with subheads under its box was joined to the next: %d stories", len(got))
	}
}

// A story whose text is only its dateline takes the headline-less story
// after it, whose text the dateline opens; a story with text of its own
// does not.
func TestADatelineAloneTakesTheTextAfterIt(t *testing.T) {
	text := "李克强将出席闭幕式并致辞\n新华社北京 10 月 8 日电 10\n月8日，国务院新闻办公室举行发布会。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	head := labelledStory{head: []labelledPart{{role: RoleTitle, lines: []int{0}}}, paras: []labelledPart{{role: RoleBody, lines: []int{1}}}, first: 0, last: 1}
	rest := labelledStory{paras: []labelledPart{{role: RoleBody, lines: []int{2}}}, first: 2, last: 2}
	got := joinBareDatelines(p, []labelledStory{head, rest})
	if len(got) != 1 || len(got[0].paras) != 2 || got[0].last != 2 {
		t.Fatalf("the dateline's story did not take the text after it: %+v", got)
	}
	withText := labelledStory{head: head.head, paras: []labelledPart{{role: RoleBody, lines: []int{2}}}, first: 0, last: 2}
	if got := joinBareDatelines(p, []labelledStory{withText, rest}); len(got) != 2 {
		t.Errorf("a story with text of its own took the next: %d stories", len(got))
	}
}

// Two runs of text that share their words, with a headline between them,
// are one story under a heading, unless something says the second run
// opens a story of its own: a credit closing the first run, or, on a PDF
// page, the line model's story start (it sees the type sizes there).
func TestAHeadingBetweenRunsOfOneTopic(t *testing.T) {
	runA := []string{
		"市图书馆本周起延长开放时间，图书馆每天开放到晚上十点，",
		"图书馆的自习室也延长开放时间。",
	}
	runB := []string{
		"区图书馆本周起也延长开放时间，图书馆每天开放到晚上九点，",
		"图书馆的阅览室也延长开放时间。",
	}
	for _, c := range []struct {
		name    string
		credit  bool // runA ends in a credit line
		pdf     bool
		stories int
	}{
		{"text, no credit: a heading inside one story", false, false, 1},
		{"text, a credit closes the first run", true, false, 2},
		{"PDF, the model opens a story under the headline", false, true, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := slices.Clone(runA)
			roles := []string{RoleBody, RoleBody}
			if c.credit {
				lines = append(lines, "（执笔：王小明）")
				roles = append(roles, RoleCredit)
			}
			head := len(lines) + 1
			lines = append(append(lines, "", "区图书馆也延长开放", ""), runB...)
			roles = append(roles, "", RoleTitle, "", RoleBody, RoleBody)
			text := strings.Join(lines, "\n") + "\n"
			lay := newLayout(text, scanLines(text))
			if c.pdf {
				lay.geom = make([]*LineGeometry, len(lay.lines))
				for i := range lay.geom {
					lay.geom[i] = &LineGeometry{Size: 1, Face: "body"}
				}
			}
			p := newPageLines(lay, nil)
			tags := make([]lineTag, len(p.idx))
			for k, i := range p.idx {
				tags[k] = lineTag{role: roles[i], opens: roles[i] != RoleBody || i == 0 || i == head+2, opensStory: i == 0 || i == head+2}
			}
			stories, _ := groupLabelled(p, tags, func(h string) []string { return headlineWords(h, nil) })
			if len(stories) != c.stories {
				t.Fatalf("%d stories, want %d", len(stories), c.stories)
			}
			if c.stories == 2 && (len(stories[1].head) != 1 || stories[1].head[0].lines[0] != head) {
				t.Errorf("second story's headline %+v, want line %d", stories[1].head, head)
			}
		})
	}
}

// A story left without a headline on a text page takes its first
// paragraph for its headline when that paragraph reads as one: short and
// with no sentence in it. A speaker's attribution or a lead-in stays text.
func TestAHeadlineLikeFirstParagraphIsTheTitle(t *testing.T) {
	for _, c := range []struct {
		first string
		title bool
	}{
		{"全力打造邮政行业“国家队”", true},
		{"——市委书记王小明日前在全会上说", false},
		{"这正是：", false},
		{"本报北京1月7日电", false},
		{"市里新建的图书馆本周开放。", false},
	} {
		text := c.first + "\n图书馆每天开放十二小时，每周一闭馆整理。\n"
		lay := newLayout(text, scanLines(text))
		p := newPageLines(lay, nil)
		item := pageItem{parts: []labelledPart{{role: RoleBody, lines: []int{0}}, {role: RoleBody, lines: []int{1}}}}
		ls := newStory(p, []pageItem{item}, nil)
		if got := len(ls.head) == 1 && ls.head[0].lines[0] == 0; got != c.title {
			t.Errorf("%q: taken for the title %v, want %v", c.first, got, c.title)
		}
	}
}

// A title closes with its column tag: a title line right under one that
// ends in its tag is another story's headline, even when the line model
// ran the two lines on as one part.
func TestATitleEndsWithItsColumnTag(t *testing.T) {
	lines := []string{
		"市里新建的图书馆本周向市民开放，馆内藏书三十万册。",
		"",
		"新图书馆向市民开放（城市观察）",
		"农产品展销会开幕（经济观察）",
		"",
		"农产品展销会昨日在会展中心开幕，展销会为期五天。",
	}
	roles := []string{RoleBody, "", RoleTitle, RoleTitle, "", RoleBody}
	p := textPageOf(lines)
	tags := make([]lineTag, len(p.idx))
	for k, i := range p.idx {
		tags[k] = lineTag{role: roles[i], opens: i != 3, opensStory: i == 0 || i == 5}
	}
	stories, _ := groupLabelled(p, tags, func(h string) []string { return headlineWords(h, nil) })
	if len(stories) != 2 || len(stories[0].head) != 1 || len(stories[1].head) != 1 ||
		stories[0].head[0].lines[0] != 2 || stories[1].head[0].lines[0] != 3 {
		t.Fatalf("stories %+v: want the first title closing the story above, the second opening the one below", stories)
	}
}

// An author's note closing a commentary is a credit, on one line or
// broken over lines with its tail read as a headline; a bracket of text
// that names no author stays text.
func TestAnAuthorsNoteIsACredit(t *testing.T) {
	text := "最后一句话。\n（作者为北京某大学哲学系教授）\n下一篇的正文。\n（作者为某研究院特聘课\n程主讲教授、 哲学所\n副所长）\n（作者说了两句话。\n写了两行）\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleBody, opens: true}, {role: RoleBody, opens: true}, {role: RoleBody, opens: true, opensStory: true},
		{role: RoleBody, opens: true}, {role: RoleBody}, {role: RoleTitle, opens: true}, {role: RoleBody, opens: true}, {role: RoleBody}}
	rules := make([]string, len(tags))
	bracketedCredits(lay, p, tags, rules)
	want := []lineTag{{role: RoleBody, opens: true}, {role: RoleCredit, opens: true}, {role: RoleBody, opens: true, opensStory: true},
		{role: RoleCredit, opens: true}, {role: RoleCredit}, {role: RoleCredit}, {role: RoleBody, opens: true}, {role: RoleBody}}
	for k := range want {
		if tags[k] != want[k] {
			t.Errorf("line %d: %+v, want %+v", k, tags[k], want[k])
		}
	}
}

// A photo story read into the story above it (its title printed after
// its credit, or over its caption as a subhead) is parted from it; a
// picture in the story's own text, which shares its words, stays.
func TestAPhotoStoryIsPartedFromTheStoryAbove(t *testing.T) {
	for _, c := range []struct {
		name    string
		lines   []string
		roles   []string
		stories int
	}{
		{"titled over its caption", []string{
			"市图书馆本周起延长开放时间，每天开放到晚上十点。", "图书馆的自习室也延长开放时间，方便读者。",
			"乡村春晚闹起来", "1月8日，全国乡村春晚集中展示活动在浙江丽水启动。", "图为村民演员在表演拿手节目。", "方敏摄（影像中国）",
		}, []string{RoleBody, RoleBody, RoleSubhead, RoleBody, RoleCaption, RoleCredit}, 2},
		{"each titled after its text", []string{
			"市图书馆本周起延长开放时间，每天开放到晚上十点。", "图书馆的自习室也延长开放时间，方便读者。",
			"夜读有了好去处", "1月8日，全国乡村春晚集中展示活动在浙江丽水启动。", "图为村民演员在表演拿手节目。", "方敏摄（影像中国）", "春晚开演",
		}, []string{RoleBody, RoleBody, RoleSubhead, RoleBody, RoleCaption, RoleCredit, RoleTitle}, 2},
		{"opening with its date", []string{
			"市图书馆本周起延长开放时间，每天开放到晚上十点。", "图书馆的自习室也延长开放时间，方便读者。",
			"1月8日，全国乡村春晚集中展示活动在浙江丽水启动。", "图为村民演员在表演拿手节目。", "方敏摄（影像中国）", "春晚开演",
		}, []string{RoleBody, RoleBody, RoleBody, RoleCaption, RoleCredit, RoleTitle}, 2},
		{"a cartoon, credited to its artist", []string{
			"市图书馆本周起延长开放时间，每天开放到晚上十点。", "图书馆的自习室也延长开放时间，方便读者。",
			"近日，北京市属公园积极尝试新业态，让游园淡季不再冷清。", "曹一图", "春景宜人",
		}, []string{RoleBody, RoleBody, RoleBody, RoleCredit, RoleTitle}, 2},
		{"the story's own picture", []string{
			"市图书馆本周起延长开放时间，每天开放到晚上十点。", "图书馆的自习室也延长开放时间，方便读者。",
			"1月8日，市图书馆的自习室里坐满了读者。", "图为读者在图书馆自习室里看书。", "方敏摄（影像中国）", "图书馆延时开放",
		}, []string{RoleBody, RoleBody, RoleBody, RoleCaption, RoleCredit, RoleTitle}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Join(c.lines, "\n") + "\n"
			lay := newLayout(text, scanLines(text))
			p := newPageLines(lay, nil)
			n := len(c.lines)
			// the last line is a headline printed after the text, unless
			// the roles stop short of it
			st := labelledStory{first: 0, last: n - 1}
			after := len(c.roles) == n && c.roles[n-1] == RoleTitle
			if after {
				st.head = []labelledPart{{role: RoleTitle, lines: []int{n - 1}}}
			}
			for i, r := range c.roles {
				if !isHeadlineRole(r) {
					st.paras = append(st.paras, linePart(r, i))
				}
			}
			got := splitPhotoStories(p, []labelledStory{st})
			if len(got) != c.stories {
				t.Fatalf("%d stories, want %d: %+v", len(got), c.stories, got)
			}
			if c.stories == 2 {
				above, photo := got[0], got[1]
				if len(photo.head) == 0 || photo.paras[len(photo.paras)-1].role != RoleCredit {
					t.Fatalf("photo story %+v: want it with its title, caption and credit", photo)
				}
				if after && (len(photo.head) != 1 || photo.head[0].lines[0] != n-1) {
					t.Errorf("photo story %+v: want the title printed after it as its title", photo)
				}
				titled := c.roles[2] == RoleSubhead
				switch {
				case titled && after:
					// the extractor printed each headline after its text: the
					// heading over the photo story closes the story above
					if len(above.head) != 1 || above.head[0].lines[0] != 2 || photo.paras[0].lines[0] != 3 {
						t.Errorf("stories %+v: want the heading over the photo story as the title of the story above", got)
					}
				case titled:
					if len(above.head) != 0 || photo.head[0].lines[0] != 2 || photo.paras[0].lines[0] != 3 {
						t.Errorf("stories %+v: want the heading over its caption as the photo story's title", got)
					}
				default:
					if len(above.head) != 0 {
						t.Errorf("stories %+v: want the text above without a headline", got)
					}
				}
			}
		})
	}
}

// A credit opens no story: the story the model opened there opens at the
// paragraph after it, and a column's text running on past a picture's
// credit opens none.
func TestACreditOpensNoStory(t *testing.T) {
	tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleCredit, opens: true, opensStory: true},
		{role: RoleBody}, {role: RoleCredit, opens: true, opensStory: true}, {role: RoleBody, opens: true},
		{role: RoleTitle, opens: true}, {role: RoleCredit, opens: true, opensStory: true}, {role: RoleBody, opens: true}}
	rules := make([]string, len(tags))
	creditsOpenNoStory(tags, rules)
	// (a byline right under a headline keeps its opening)
	for k, want := range []bool{true, false, false, false, true, false, true, false} {
		if tags[k].opensStory != want {
			t.Errorf("line %d opens a story: %v, want %v", k, tags[k].opensStory, want)
		}
	}
}

// On a text page, the text under a subhead goes on in the subhead's
// story: the model's story start there is taken off.
func TestTheTextUnderASubheadOpensNoStory(t *testing.T) {
	text := "上一段话说完了。\n社会资本带来效率提升\n9个月！\n新建道路通车\n新建道路今天通车。\n农产品展销会开幕\n本报讯 展销会昨日开幕。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleSubhead, opens: true},
		{role: RoleBody, opens: true, opensStory: true}, {role: RoleTitle, opens: true}, {role: RoleBody, opens: true, opensStory: true},
		{role: RoleSubhead, opens: true}, {role: RoleBody, opens: true, opensStory: true}}
	rules := make([]string, len(tags))
	textUnderSubheads(p, tags, rules)
	// (a dateline under a "subhead" opens its story: that was a headline)
	for k, want := range []bool{true, false, false, false, true, false, true} {
		if tags[k].opensStory != want {
			t.Errorf("line %d opens a story: %v, want %v", k, tags[k].opensStory, want)
		}
	}
}

// A heading right after a story's dated closing dateline heads the next
// story; under a roundup brief's undated source it stays the roundup's
// subhead.
func TestAHeadingAfterAClosingDatelineHeadsTheNextStory(t *testing.T) {
	for _, c := range []struct {
		name, closing string
		title         bool
	}{
		{"a dated dateline", "（本报埃及伊斯梅利亚 10 月８日电）", true},
		{"a roundup brief's source", "（据新华社电）", false},
	} {
		text := "留学生们表示，愿做两国友好的传颂者。\n" + c.closing + "\n图片报道\n第二届国际陶瓷艺术展在尼斯揭幕。\n新华社记者 张三摄\n"
		lay := newLayout(text, scanLines(text))
		p := newPageLines(lay, nil)
		tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleCredit, opens: true},
			{role: RoleSubhead, opens: true}, {role: RoleBody, opens: true}, {role: RoleCredit, opens: true}}
		rules := make([]string, len(tags))
		headsAfterClosingDatelines(p, tags, rules)
		if got := tags[2].role == RoleTitle; got != c.title {
			t.Errorf("%s: 图片报道 read as a title: %v, want %v (role %s)", c.name, got, c.title, tags[2].role)
		}
	}
}

// A line as wide as an indented first line that stops without a mark,
// over another line that wide, is a subhead over the paragraph's first
// line; a first line over a line that fills the column is text.
func TestALineAsWideAsAnIndentOverAnotherIsASubhead(t *testing.T) {
	above := "城市更新行动让老旧小区换了新颜，\n社区的环境更整洁，道路更加平整，\n居民们的生活更加便利了许多。\n"
	below := "一百多个小区完成了改造任务，电梯\n加装、管网更新、绿化提升、停车位\n增设等工作同步推进，居民们说，家\n门口的变化看得见。\n"
	for _, c := range []struct {
		name, lines string
		subhead     bool
	}{
		{"a heading over a first line", "老旧小区改造让居民生活更美好\n社区工作者介绍，今年全市共有\n", true},
		{"a first line over a full one", "社区工作者介绍，今年全市共有\n一百多个小区完成了改造任务，管网\n", false},
	} {
		text := above + c.lines + below
		lay := newLayout(text, scanLines(text))
		p := newPageLines(lay, nil)
		tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody}, {role: RoleBody},
			{role: RoleBody, opens: true}, {role: RoleBody}, {role: RoleBody}, {role: RoleBody}, {role: RoleBody}, {role: RoleBody}}
		rules := make([]string, len(tags))
		subheadsAtIndentWidth(p, tags, rules)
		if got := tags[3].role == RoleSubhead && tags[4].opens; got != c.subhead {
			t.Errorf("%s: read as a subhead over a paragraph: %v, want %v (measure %d)", c.name, got, c.subhead, p.measure[3])
		}
	}
}

// A box's label the model took for a headline is its story's subhead,
// and the summary under it, taken for a title, is the box's text; the
// story the text was taken to open opens at the label.
func TestABoxLabelIsASubheadOverText(t *testing.T) {
	text := "人民日报\n核心阅读\n本次全明星周末集聚了众\n多明星球员，为球迷献上了一场篮球盛宴。\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleNoise}, {role: RoleTitle, opens: true}, {role: RoleTitle}, {role: RoleBody, opens: true, opensStory: true}}
	rules := make([]string, len(tags))
	boxLabelsAreSubheads(p, tags, rules)
	want := []lineTag{{role: RoleNoise}, {role: RoleSubhead, opens: true, opensStory: true}, {role: RoleBody, opens: true}, {role: RoleBody, opens: true}}
	if !slices.Equal(tags, want) {
		t.Errorf("tags %+v, want %+v (%q)", tags, want, rules)
	}
}

// TestParallelHeadingsAreSectionHeads: one-line headings of two phrases
// about a comma, set alike (修好山路，每户都通车 and 建起小站，快递能进村),
// are section heads of one story, also under a lead-in (通路——); a title
// with its column tag, or a comma heading with no like on the page, stays
// a headline; so does a heading run into the text above it.
func TestParallelHeadingsAreSectionHeads(t *testing.T) {
	lines := []string{
		"山村的变化，从一条路开始（乡村纪事）", // title with its tag: stays
		"去年秋天，村里的新路修到了山腰。",
		"通路——",
		"修好山路，每户都通车",
		"老人进城看病，如今一个小时就到。",
		"建起小站，快递能进村",
		"网上买的农具，第三天就送到了家门口。",
		"春耕时节，农机手们忙个不停", // no like on the page: stays
		"田里的新机器让老把式也服气。",
	}
	// (set apart by blank lines, as headings are)
	text := strings.Join(lines, "\n\n") + "\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	title := lineTag{role: RoleTitle, opens: true}
	story := lineTag{role: RoleBody, opens: true, opensStory: true}
	kicker := lineTag{role: RoleKicker, opens: true}
	tags := []lineTag{title, story, kicker, title, story, title, story, title, story}
	rules := make([]string, len(tags))
	parallelSectionHeads(p, tags, rules)
	sub := lineTag{role: RoleSubhead, opens: true}
	want := []lineTag{title, story, sub, sub, story, sub, story, title, story}
	if !slices.Equal(tags, want) {
		t.Errorf("tags %+v,\nwant %+v (%q)", tags, want, rules)
	}

	p = textPageOf(lines)
	tags = []lineTag{title, story, kicker, title, story, title, story, title, story}
	want = slices.Clone(tags)
	parallelSectionHeads(p, tags, rules)
	if !slices.Equal(tags, want) {
		t.Errorf("headings run into the text: tags %+v, want them as they were", tags)
	}
}

// TestABriefColumnIsOneStory: a brief column's items (a heading, a few
// lines opened by 本报电 and a bracketed credit) go under the column's
// label as its subheads, whether the label was read as the first item's
// title or as a subhead of its own; the story after the column, which is
// no brief, stays a story of its own.
func TestABriefColumnIsOneStory(t *testing.T) {
	lines := []string{
		"资讯速递",
		"山区小学用上新图书馆",
		"本报电 近日，县里十所山区小学的新图书馆同时开放，孩子们有了读书的好去处。",
		"（王明）",
		"春季植树活动启动",
		"本报电 日前，市里启动春季义务植树活动，三万多名市民报名参加。",
		"（李华）",
		"城市公园的早晨",
		strings.Repeat("清晨六点，公园里已经热闹起来，打太极的、跑步的、遛鸟的各有各的地方。", 12),
	}
	p := textPageOf(lines)
	part := linePart
	story := func(head []labelledPart, paras ...labelledPart) labelledStory {
		return withExtent(labelledStory{head: head, paras: paras})
	}
	park := story([]labelledPart{part(RoleTitle, 7)}, part(RoleBody, 8))
	secondItem := story([]labelledPart{part(RoleTitle, 4)}, part(RoleBody, 5), part(RoleCredit, 6))
	want := []labelledPart{part(RoleSubhead, 1), part(RoleBody, 2), part(RoleCredit, 3), part(RoleSubhead, 4), part(RoleBody, 5), part(RoleCredit, 6)}

	for name, stories := range map[string][]labelledStory{
		"label over the first item": {
			story([]labelledPart{part(RoleTitle, 0)}, part(RoleSubhead, 1), part(RoleBody, 2), part(RoleCredit, 3)),
			secondItem, park,
		},
		"label alone": {
			story(nil, part(RoleSubhead, 0)),
			story([]labelledPart{part(RoleTitle, 1)}, part(RoleBody, 2), part(RoleCredit, 3)),
			secondItem, park,
		},
	} {
		p.grouped = nil
		got := joinBriefColumns(p, stories)
		if len(got) != 2 {
			t.Errorf("%s: %d stories, want the column and the park's story", name, len(got))
			continue
		}
		if !reflect.DeepEqual(got[0].head, []labelledPart{part(RoleTitle, 0)}) || !reflect.DeepEqual(got[0].paras, want) {
			t.Errorf("%s: the column is %+v / %+v, want the label over %+v", name, got[0].head, got[0].paras, want)
		}
		if !reflect.DeepEqual(got[1].head, park.head) {
			t.Errorf("%s: the park's story lost its title: %+v", name, got[1].head)
		}
		// --explain says why the second brief's title is no story's
		if !strings.Contains(p.grouped[4], "brief") {
			t.Errorf("%s: the second brief's title is explained by %q", name, p.grouped[4])
		}
	}
}

// TestAFragmentIsNoStory: a story of almost no text (a headline's
// wrapped line, a credit's tail) goes into the story before it, or the
// one after it at the page's head, its headline as subheads; stories of
// real length stay apart.
func TestAFragmentIsNoStory(t *testing.T) {
	long := strings.Repeat("市里新修的三座桥今天同时通车，两岸居民往来再也不用绕远路了。", 3)
	lines := []string{
		"——写在新桥通车之际", // a subtitle wrapped away from its story
		long,
		"结构性调整不能只看眼前", // a fragment with a headline
		"（之二）",
		long,
	}
	p := textPageOf(lines)
	part := linePart
	story := func(head []labelledPart, paras ...labelledPart) labelledStory {
		return withExtent(labelledStory{head: head, paras: paras})
	}
	got, _ := joinFragments(p, []labelledStory{
		story(nil, part(RoleBody, 0)),
		story(nil, part(RoleBody, 1)),
		story([]labelledPart{part(RoleTitle, 2)}, part(RoleBody, 3)),
		story(nil, part(RoleBody, 4)),
	})
	if len(got) != 2 {
		t.Fatalf("%d stories, want the two of real length", len(got))
	}
	if want := []labelledPart{part(RoleBody, 0), part(RoleBody, 1), part(RoleSubhead, 2), part(RoleBody, 3)}; !reflect.DeepEqual(got[0].paras, want) {
		t.Errorf("first story %+v, want %+v", got[0].paras, want)
	}
	if want := []labelledPart{part(RoleBody, 4)}; !reflect.DeepEqual(got[1].paras, want) || got[1].first != 4 {
		t.Errorf("second story %+v (from line %d), want %+v", got[1].paras, got[1].first, want)
	}

	// the page's date printed where its place fell is furniture
	lines = []string{long, "2019年10月9日", long}
	p = textPageOf(lines)
	got, furniture := joinFragments(p, []labelledStory{story(nil, part(RoleBody, 0)), story(nil, part(RoleBody, 1)), story(nil, part(RoleBody, 2))})
	if len(got) != 2 || len(got[0].paras) != 1 || !slices.Equal(furniture, []int{1}) {
		t.Errorf("stories %+v, furniture %v: want the date as furniture, the two stories as they were", got, furniture)
	}
}

// TestAHeadlinePrintedOverTheNextIsPassedUp: a story without a headline,
// and under it a story with two headlines in one group (one story's title
// printed after its text, right over the next one's): the leading title,
// whose words are the text above's, goes up, and the story below keeps
// the other, read as its title.
func TestAHeadlinePrintedOverTheNextIsPassedUp(t *testing.T) {
	lines := []string{libyaText, libyaTitle, cambodiaTitle, cambodiaText}
	p := textPageOf(lines)
	part := linePart
	stories := []labelledStory{
		withExtent(labelledStory{paras: []labelledPart{part(RoleBody, 0)}}),
		withExtent(labelledStory{head: []labelledPart{part(RoleTitle, 1), part(RoleSubtitle, 2)}, paras: []labelledPart{part(RoleBody, 3)}}),
	}
	words := func(h string) []string { return headlineWords(h, nil) }
	passHeadlinesUp(p, stories, words)
	if want := []labelledPart{part(RoleTitle, 1)}; !reflect.DeepEqual(stories[0].head, want) {
		t.Errorf("story above: headline %+v, want %+v", stories[0].head, want)
	}
	if want := []labelledPart{part(RoleTitle, 2)}; !reflect.DeepEqual(stories[1].head, want) {
		t.Errorf("story below: headline %+v, want %+v", stories[1].head, want)
	}

	// a title over its own subtitle stays: its words are the text below's
	lines[0] = "市图书馆本周起延长开放时间，每天开放到晚上十点。"
	p = textPageOf(lines)
	stories[0] = withExtent(labelledStory{paras: []labelledPart{part(RoleBody, 0)}})
	stories[1] = withExtent(labelledStory{head: []labelledPart{part(RoleTitle, 2), part(RoleSubtitle, 1)}, paras: []labelledPart{part(RoleBody, 3)}})
	passHeadlinesUp(p, stories, words)
	if len(stories[0].head) != 0 || len(stories[1].head) != 2 {
		t.Errorf("a headline went up to text it does not share a word with: %+v / %+v", stories[0].head, stories[1].head)
	}
}

// TestAHeadlinePrintedWithTheOneAboveIsPassedDown: two stories' titles
// printed together over the first story's text: the trailing one, whose
// words are the headline-less text below's, goes down.
func TestAHeadlinePrintedWithTheOneAboveIsPassedDown(t *testing.T) {
	p := textPageOf([]string{libyaTitle, cambodiaTitle, libyaText, cambodiaText})
	part := linePart
	stories := []labelledStory{
		withExtent(labelledStory{head: []labelledPart{part(RoleTitle, 0), part(RoleSubtitle, 1)}, paras: []labelledPart{part(RoleBody, 2)}}),
		withExtent(labelledStory{paras: []labelledPart{part(RoleBody, 3)}}),
	}
	passHeadlinesDown(p, stories, func(h string) []string { return headlineWords(h, nil) })
	if want := []labelledPart{part(RoleTitle, 0)}; !reflect.DeepEqual(stories[0].head, want) {
		t.Errorf("story above: headline %+v, want %+v", stories[0].head, want)
	}
	if want := []labelledPart{part(RoleTitle, 1)}; !reflect.DeepEqual(stories[1].head, want) {
		t.Errorf("story below: headline %+v, want %+v", stories[1].head, want)
	}
}

// TestHeadlinesOfTwoStoriesSwappedAreExchanged: two neighbouring stories,
// each under the other's headline, get their own; a headline that shares
// its words with neither text stays where it was.
func TestHeadlinesOfTwoStoriesSwappedAreExchanged(t *testing.T) {
	lines := []string{libyaTitle, libyaText, cambodiaTitle, cambodiaText, "春天来了", "市图书馆本周起延长开放时间，每天开放到晚上十点。"}
	p := textPageOf(lines)
	part := linePart
	story := func(head, body int) labelledStory {
		return withExtent(labelledStory{head: []labelledPart{part(RoleTitle, head)}, paras: []labelledPart{part(RoleBody, body)}})
	}
	stories := []labelledStory{story(2, 1), story(0, 3), story(4, 5)}
	swapMisplacedHeadlines(p, stories, func(h string) []string { return headlineWords(h, nil) })
	for k, want := range []int{0, 2, 4} {
		if got := stories[k].head[0].lines[0]; got != want {
			t.Errorf("story %d under the headline on line %d, want line %d", k, got, want)
		}
	}
}

// TestHeadlinesShiftedByAStoryGoBack: where each of three stories in a
// row stands under the next one's headline and the last has none, every
// one gets its own and the first none; exchanging two neighbours' alone
// cannot mend it.
func TestHeadlinesShiftedByAStoryGoBack(t *testing.T) {
	const (
		libraryTitle = "市图书馆延长开放时间"
		libraryText  = "市图书馆本周起延长开放时间，每天开放到晚上十点。"
	)
	lines := []string{"市里举行冬季长跑比赛，三千名市民参加。", libyaTitle, libyaText, cambodiaTitle, cambodiaText, libraryTitle, libraryText}
	p := textPageOf(lines)
	part := linePart
	story := func(head, body int) labelledStory {
		st := labelledStory{paras: []labelledPart{part(RoleBody, body)}}
		if head >= 0 {
			st.head = []labelledPart{part(RoleTitle, head)}
		}
		return withExtent(st)
	}
	stories := []labelledStory{story(1, 0), story(3, 2), story(5, 4), story(-1, 6)}
	swapMisplacedHeadlines(p, stories, func(h string) []string { return headlineWords(h, nil) })
	if len(stories[0].head) > 0 {
		t.Errorf("the first story under the headline on line %d, want none", stories[0].head[0].lines[0])
	}
	for k, want := range []int{1, 3, 5} {
		if h := stories[k+1].head; len(h) == 0 || h[0].lines[0] != want {
			t.Errorf("story %d under %+v, want the headline on line %d", k+1, h, want)
		}
	}
}

// TestALineUnderADashIsTheSubtitle: a line opening with a dash, with no
// sentence in it, is the story's subtitle where it opens the text or
// stands right under a headline printed after the text; one inside the
// text, away from the headline, stays text.
func TestALineUnderADashIsTheSubtitle(t *testing.T) {
	lines := []string{
		"——写在新桥通车之际",
		"市里新修的三座桥今天同时通车，两岸居民往来再也不用绕远路了。",
		"桥通了，路宽了",
		"——记城市建设者",
		"——这是建设者们常说的一句话",
		"市里新修的三座桥今天同时通车。",
	}
	text := strings.Join(lines, "\n\n") + "\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	line := func(k int) int { return 2 * k } // a blank line between every two
	part := func(role string, k int) labelledPart { return labelledPart{role: role, lines: []int{line(k)}} }
	stories := []labelledStory{
		{head: []labelledPart{part(RoleTitle, 2)}, paras: []labelledPart{part(RoleBody, 0), part(RoleBody, 1)}},
		{head: []labelledPart{part(RoleTitle, 2)}, paras: []labelledPart{part(RoleBody, 1), part(RoleBody, 3)}},
		{head: []labelledPart{part(RoleTitle, 2)}, paras: []labelledPart{part(RoleBody, 5), part(RoleBody, 4), part(RoleBody, 1)}},
	}
	dashSubtitles(p, stories)
	if want := []labelledPart{part(RoleTitle, 2), part(RoleSubtitle, 0)}; !reflect.DeepEqual(stories[0].head, want) {
		t.Errorf("dash line opening the text: headline %+v, want %+v", stories[0].head, want)
	}
	if want := []labelledPart{part(RoleTitle, 2), part(RoleSubtitle, 3)}; !reflect.DeepEqual(stories[1].head, want) || len(stories[1].paras) != 1 {
		t.Errorf("dash line right under the headline: headline %+v, text %+v", stories[1].head, stories[1].paras)
	}
	if len(stories[2].head) != 1 || len(stories[2].paras) != 3 {
		t.Errorf("a dash line inside the text went into the headline: %+v / %+v", stories[2].head, stories[2].paras)
	}
}

// TestAPhotoStoryTitledInTwoHalves: a photo story read into the story
// above under a title printed in two halves (侗家乐 / 盖瓦房, read as two
// subheads) is parted from it with both halves as its one title.
func TestAPhotoStoryTitledInTwoHalves(t *testing.T) {
	lines := []string{
		"市图书馆本周起延长开放时间，每天开放到晚上十点。", "图书馆的自习室也延长开放时间，方便读者。",
		"侗家乐", "盖瓦房", "1月12日，在贵州省一个侗族村寨，村民们忙着盖新房。", "胡攀学摄（人民视觉）",
	}
	roles := []string{RoleBody, RoleBody, RoleSubhead, RoleSubhead, RoleBody, RoleCredit}
	p := textPageOf(lines)
	var st labelledStory
	for i, r := range roles {
		st.paras = append(st.paras, linePart(r, i))
	}
	got := splitPhotoStories(p, []labelledStory{withExtent(st)})
	if len(got) != 2 {
		t.Fatalf("%d stories, want the text above and the photo story: %+v", len(got), got)
	}
	if want := []labelledPart{{role: RoleTitle, lines: []int{2, 3}}}; !reflect.DeepEqual(got[1].head, want) || got[1].paras[0].lines[0] != 4 {
		t.Errorf("photo story %+v, want its two halves as its title over its caption", got[1])
	}
	page := p.lay.buildLabelled(got[1], &article.Page{}, nil)
	if page.Title != "侗家乐 盖瓦房" {
		t.Errorf("title %q, want the halves apart: 侗家乐 盖瓦房", page.Title)
	}
}

// TestACaptionTakenForACreditIsTheCaption: a line opening with 图为 and
// ending its sentence, read as the first line of the credit under it, is
// the picture's caption, and the credit opens its own paragraph.
func TestACaptionTakenForACreditIsTheCaption(t *testing.T) {
	text := "图为村民给新房盖瓦。\n胡攀学摄（人民视觉）\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	tags := []lineTag{{role: RoleCredit, opens: true}, {role: RoleCredit}}
	rules := make([]string, len(tags))
	captionsOverCredits(p, tags, rules)
	if want := []lineTag{{role: RoleCaption, opens: true}, {role: RoleCredit, opens: true}}; !slices.Equal(tags, want) {
		t.Errorf("tags %+v, want %+v", tags, want)
	}
	// a credit's own first line stays the credit's
	text = "本报记者 王明\n摄影报道\n"
	lay = newLayout(text, scanLines(text))
	p = newPageLines(lay, nil)
	tags = []lineTag{{role: RoleCredit, opens: true}, {role: RoleCredit}}
	captionsOverCredits(p, tags, rules)
	if want := []lineTag{{role: RoleCredit, opens: true}, {role: RoleCredit}}; !slices.Equal(tags, want) {
		t.Errorf("a credit over two lines: tags %+v, want them as they were", tags)
	}
}

// TestACreditBrokenOverLinesClosesItsParagraph: a wire credit opened at
// the end of a paragraph's last line and closed a line or two further
// (（据新华社 / 电 / 记者吴振东）) goes on with the paragraph, whatever the
// model took its lines for; a heading under a closed credit stays one.
func TestACreditBrokenOverLinesClosesItsParagraph(t *testing.T) {
	text := "我仍然跟年轻人一样，仍然有壮志豪情！”他说。 （据新华社\n电\n记者吴振东）\n校园里的新图书馆\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	body := lineTag{role: RoleBody}
	tags := []lineTag{{role: RoleBody, opens: true}, body, {role: RoleTitle, opens: true}, {role: RoleTitle, opens: true}}
	rules := make([]string, len(tags))
	creditsRunOnAcrossLines(p, tags, rules)
	if want := []lineTag{{role: RoleBody, opens: true}, body, body, {role: RoleTitle, opens: true}}; !slices.Equal(tags, want) {
		t.Errorf("tags %+v, want %+v", tags, want)
	}
}

// Two stories and their titles, for the tests that move headlines.
const (
	libyaTitle    = "利比亚冲突愈演愈烈"
	libyaText     = "近期，利比亚局势不断加剧，内部冲突愈演愈烈，双方在首都附近交火。"
	cambodiaTitle = "柬埔寨楼房坍塌事故死亡人数升至36人"
	cambodiaText  = "柬埔寨白马省一栋在建楼房坍塌，事故死亡人数已升至36人。"
)

// textPageOf lays out lines as a text page, one line each.
func textPageOf(lines []string) *pageLines {
	text := strings.Join(lines, "\n") + "\n"
	return newPageLines(newLayout(text, scanLines(text)), nil)
}

// linePart is a part of one line.
func linePart(role string, i int) labelledPart { return labelledPart{role: role, lines: []int{i}} }

// TestAPhotoTitlePrintedAfterItsCredit: a photo story without a headline
// takes the short headline line printed right after its credit from the
// next story's headline, where the line stands apart from the rest (a
// blank line under it, or a wider line); a wrapped title's first line, a
// kicker, and a headline after a writer's credit stay where they are.
func TestAPhotoTitlePrintedAfterItsCredit(t *testing.T) {
	caption := "近日，江苏省连云港市连岛中心渔业码头，渔民正在分拣刚刚收割的紫菜。"
	story := "本报北京1月7日电（记者吴秋余）记者6日从国家税务总局获悉，去年新增减税降费超两万亿元。"
	for _, c := range []struct {
		name   string
		credit string
		head   []string // the lines after the credit: the next story's headline
		kicker bool     // the headline's first line read as a kicker
		moved  bool
	}{
		{"set apart by a blank line", "王春摄（影像中国）", []string{"紫菜丰收", "", "去年新增减税降费超两万亿元"}, false, true},
		{"over a wider line", "高强摄（影像中国）", []string{"冰雪世界", "去年新增减税降", "费超两万亿元"}, false, true},
		{"alone", "王春摄（影像中国）", []string{"紫菜丰收"}, false, true},
		{"a wrapped title's first line", "高强摄（影像中国）", []string{"去年新增减税降", "费超两万亿元"}, false, false},
		{"a kicker", "王春摄（影像中国）", []string{"国家税务总局发布", "去年新增减税降费超两万亿元"}, true, false},
		{"after a writer's credit", "本报记者 王春", []string{"紫菜丰收", "", "去年新增减税降费超两万亿元"}, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := slices.Concat([]string{caption, c.credit}, c.head, []string{story})
			p := textPageOf(lines)
			photo := withExtent(labelledStory{paras: []labelledPart{linePart(RoleBody, 0), linePart(RoleCredit, 1)}})
			var next labelledStory
			var title labelledPart
			for i := 2; i < len(lines)-1; i++ {
				if lines[i] == "" {
					if len(title.lines) > 0 {
						next.head = append(next.head, title)
					}
					title = labelledPart{}
					continue
				}
				title.role = RoleTitle
				if c.kicker && i == 2 {
					next.head = append(next.head, linePart(RoleKicker, i))
					continue
				}
				title.lines = append(title.lines, i)
			}
			if len(title.lines) > 0 {
				next.head = append(next.head, title)
			}
			next.paras = []labelledPart{linePart(RoleBody, len(lines)-1)}
			stories := []labelledStory{photo, withExtent(next)}
			headBefore := slices.Clone(next.head)
			titlesAfterPhotoCredits(p, stories)
			if !c.moved {
				if len(stories[0].head) != 0 || !reflect.DeepEqual(stories[1].head, headBefore) {
					t.Errorf("headlines %+v / %+v, want the photo story's empty and the next one's %+v", stories[0].head, stories[1].head, headBefore)
				}
				return
			}
			if want := []labelledPart{linePart(RoleTitle, 2)}; !reflect.DeepEqual(stories[0].head, want) {
				t.Errorf("photo story's headline %+v, want the line after its credit, %+v", stories[0].head, want)
			}
			rest := 0
			for _, h := range stories[1].head {
				rest += len(h.lines)
				if slices.Contains(h.lines, 2) {
					t.Errorf("the next story kept the photo's title: %+v", stories[1].head)
				}
			}
			if want := len(c.head) - 1 - strings.Count(strings.Join(c.head, "\n")+"\n", "\n\n"); rest != want {
				t.Errorf("next story's headline %+v: want the rest of its lines", stories[1].head)
			}
			if len(stories[1].head) > 0 && stories[1].head[0].role != RoleTitle {
				t.Errorf("next story's headline %+v: want a title", stories[1].head)
			}
		})
	}
}

// TestASubheadWithoutAHeadingsFormIsText: a line the model took for a
// subhead whose text no heading has (a credit's second half, a
// paragraph opening with its date, a verse line ending in a comma) is
// text, opening a paragraph only where the line above ended its
// sentence; the line under a full line it runs into goes on with it,
// while a verse's next line keeps its break. A box label, a heading,
// and a heading under a line of text read with it stay subheads.
func TestASubheadWithoutAHeadingsFormIsText(t *testing.T) {
	const (
		runsOn = "城市更新行动让老旧小区换了新颜社区的" // ends mid-sentence
		ended  = "城市更新行动让老旧小区换了新颜社区。" // ends its sentence
		under  = "居民们的生活更加便利了许多看得见变化"
		after  = "一百多个小区完成了改造任务电梯加装。"
	)
	for _, c := range []struct {
		name, above string
		subhead     []string
		want        []lineTag // the subhead's lines and the line under them
	}{
		{"a credit's second half", runsOn, []string{"泉、鲜敢）"},
			[]lineTag{{role: RoleBody}, {role: RoleBody, opens: true}}},
		{"a paragraph opening with its date", ended, []string{"7月29日，本报读者来信版刊登了一"},
			[]lineTag{{role: RoleBody, opens: true}, {role: RoleBody}}},
		{"a verse line", ended, []string{"春风又绿江南岸，"},
			[]lineTag{{role: RoleBody, opens: true}, {role: RoleBody, opens: true}}},
		{"a box label", ended, []string{"编者按："},
			[]lineTag{{role: RoleSubhead, opens: true}, {role: RoleBody, opens: true}}},
		{"a heading", ended, []string{"老旧小区改造让居民生活更美好"},
			[]lineTag{{role: RoleSubhead, opens: true}, {role: RoleBody, opens: true}}},
		{"a heading under text read with it", runsOn, []string{"号），要求各地加快推进改造工作。", "江西南昌县"},
			[]lineTag{{role: RoleBody}, {role: RoleSubhead, opens: true}, {role: RoleBody, opens: true}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := textPageOf(slices.Concat([]string{ended, c.above}, c.subhead, []string{under, after}))
			tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody, opens: true}}
			for range c.subhead {
				tags = append(tags, lineTag{role: RoleSubhead})
			}
			tags[2].opens = true
			tags = append(tags, lineTag{role: RoleBody, opens: true}, lineTag{role: RoleBody})
			rules := make([]string, len(tags))
			subheadsWithoutAHeadingsForm(p, tags, rules)
			if got := tags[2 : 3+len(c.subhead)]; !slices.Equal(got, c.want) {
				t.Errorf("tags %+v, want %+v (%q)", got, c.want, rules[2:])
			}
		})
	}
}

// TestASubheadBegunAsText: a subhead wrapped over two lines whose first
// line was read as a paragraph's first line is one subhead; a first line
// ending in a mark, one under a sentence left open, and one over a wider
// subhead line stay text.
func TestASubheadBegunAsText(t *testing.T) {
	const ended = "记者就此采访了国家教材委员会办公室负责人。"
	const runsOn = "记者就此采访了国家教材委员会办公室负责"
	for _, c := range []struct {
		name, above, first, second string
		joined                     bool
	}{
		{"a wrapped subhead", ended, "首次对各学段、各学科领域教", "材建设作系统设计", true},
		{"a first line ending in a mark", ended, "首次对各学段、各学科领域，", "材建设作系统设计", false},
		{"under an open sentence", runsOn, "首次对各学段、各学科领域教", "材建设作系统设计", false},
		{"over a wider line", ended, "首次对各学段", "各学科领域教材建设作系统设计", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := textPageOf([]string{c.above, c.first, c.second, "“《规划》第一次对各学段、各学科领域教材建设作出系统设计。”"})
			tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleBody, opens: true},
				{role: RoleSubhead}, {role: RoleBody, opens: true}}
			rules := make([]string, len(tags))
			subheadsBegunAsText(p, tags, rules)
			want := []lineTag{{role: RoleBody, opens: true}, {role: RoleSubhead}}
			if c.joined {
				want = []lineTag{{role: RoleSubhead, opens: true}, {role: RoleSubhead}}
			}
			if got := tags[1:3]; !slices.Equal(got, want) {
				t.Errorf("tags %+v, want %+v (%q)", got, want, rules)
			}
		})
	}
}

// TestTextResumedAfterOtherStoriesGoesBack: text under no headline that
// starts with a line filling the column goes on with the nearest story
// before it whose last line fills the column and breaks off; an indented
// first line, a dateline, or a story above that ended its sentence keep
// their stories apart.
func TestTextResumedAfterOtherStoriesGoesBack(t *testing.T) {
	const (
		brokenOff = "市里新建的图书馆本周向市民开放，馆内" // fills the column, no mark
		ended     = "市里新建的图书馆本周向市民开放了新馆。"
		resumed   = "藏书三十万册，每天开放十二小时，每周"
		indented  = "图书馆还设有少儿阅览室和自习室。"
	)
	for _, c := range []struct {
		name, above, first string
		joined             bool
	}{
		{"resumed after another story", brokenOff, resumed, true},
		{"an indented first line", brokenOff, indented, false},
		{"a dateline", brokenOff, "本报北京1月7日电（记者吴秋余）国家税", false},
		{"after a finished sentence", ended, resumed, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := []string{
				"图书馆开放", c.above,
				"农产品展销会开幕", "展销会昨日在会展中心开幕，为期五天。",
				c.first, "一闭馆整理，读者可在网上预约借书座位。",
			}
			p := textPageOf(lines)
			stories := []labelledStory{
				withExtent(labelledStory{head: []labelledPart{linePart(RoleTitle, 0)}, paras: []labelledPart{linePart(RoleBody, 1)}}),
				withExtent(labelledStory{head: []labelledPart{linePart(RoleTitle, 2)}, paras: []labelledPart{linePart(RoleBody, 3)}}),
				withExtent(labelledStory{paras: []labelledPart{{role: RoleBody, lines: []int{4, 5}}}}),
			}
			got := joinResumedText(p, stories)
			if c.joined {
				if len(got) != 2 || !slices.ContainsFunc(got[0].paras, func(part labelledPart) bool { return slices.Contains(part.lines, 4) }) {
					t.Errorf("stories %+v: want the resumed text in the first story", got)
				}
				return
			}
			if len(got) != 3 {
				t.Errorf("stories %+v: want three stories", got)
			}
		})
	}
}

// TestACreditsNamesRunOnOverLines: a credit whose bracket is left open
// goes on at the lines under it that list names and close the bracket,
// whatever the model took them for; a heading under a closed credit, or
// under an open one but no list of names, stays a heading.
func TestACreditsNamesRunOnOverLines(t *testing.T) {
	for _, c := range []struct {
		name, credit string
		below        []string
		credits      int // lines under the credit taken into it
	}{
		{"names over three lines", "（本报记者刘维涛、李昌禹、毛磊、", []string{"张贺、刘阳、姜洁、江琳、彭波、杨昊、余", "建斌、朱佩娴、付文、潘俊强报道）"}, 2},
		{"a closed credit", "（本报记者刘维涛、李昌禹）", []string{"张贺、刘阳", "习近平主席新年贺词"}, 0},
		{"no names under it", "（本报记者刘维涛、李昌禹、", []string{"习近平主席新年贺词引发热烈反响）"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := textPageOf(slices.Concat([]string{"全国各地干部群众表示，要在新的一年里接续奋斗。", c.credit}, c.below))
			tags := []lineTag{{role: RoleBody, opens: true, opensStory: true}, {role: RoleCredit, opens: true}}
			for range c.below {
				tags = append(tags, lineTag{role: RoleTitle, opens: true})
			}
			rules := make([]string, len(tags))
			namesRunOnInCredits(p, tags, rules)
			got := 0
			for _, tag := range tags[2:] {
				if tag == (lineTag{role: RoleCredit}) {
					got++
				}
			}
			if got != c.credits {
				t.Errorf("%d lines went on with the credit, want %d: %+v", got, c.credits, tags)
			}
		})
	}
}

// TestATailResumingABrokenOffSentenceGoesBack: text printed under another
// story's closing sentence, across a blank line, that starts with a line
// filling the column goes on with an earlier story whose last line breaks
// off where the lexicon reads a word across the break (…图书 | 馆藏书…),
// also when the model ran it on into the paragraph over it; without that
// word, under a paragraph that goes on, right under the
// paragraph with no blank line, or from an indented first line, the text
// stays where it was printed.
func TestATailResumingABrokenOffSentenceGoesBack(t *testing.T) {
	const (
		breaksInAWord = "市里新建的图书馆本周向市民开放，图书" // …图书 | 馆藏书…
		breaksOff     = "市里新建的图书馆本周向市民开放，馆内" // …馆内 | 藏书… : no word across
		closes        = "展销会昨日在会展中心开幕，为期五天。"
		goesOn        = "展销会昨日在会展中心开幕，为期五天，"
		tailInAWord   = "馆藏书三十万册，每天开放十二小时，每"
		tail          = "藏书三十万册，每天开放十二小时，每周"
		indented      = "图书馆还设有少儿阅览室和自习室。"
	)
	lex := lexicon.Shared()
	for _, c := range []struct {
		name, above, closing, first string
		blank, runOn, joined        bool // runOn: taken into the closing paragraph
	}{
		{"a word across the break", breaksInAWord, closes, tailInAWord, true, false, true},
		{"run on into the closing paragraph", breaksInAWord, closes, tailInAWord, true, true, true},
		{"no word across the break", breaksOff, closes, tail, true, false, false},
		{"under a paragraph that goes on", breaksInAWord, goesOn, tailInAWord, true, false, false},
		{"run on into a paragraph that goes on", breaksInAWord, goesOn, tailInAWord, true, true, false},
		{"with no blank line over it", breaksInAWord, closes, tailInAWord, false, false, false},
		{"an indented first line", breaksInAWord, closes, indented, true, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := []string{"图书馆开放", c.above, "农产品展销会开幕", "展销会在会展中心开幕，农民带来了新米。", c.closing}
			if c.blank {
				lines = append(lines, "")
			}
			at := len(lines)
			lines = append(lines, c.first, "一闭馆整理，读者可在网上预约借书座位。")
			p := textPageOf(lines)
			p.lex = lex
			second := []labelledPart{{role: RoleBody, lines: []int{3, 4}}, {role: RoleBody, lines: []int{at, at + 1}}}
			if c.runOn {
				second = []labelledPart{{role: RoleBody, lines: []int{3, 4, at, at + 1}}}
			}
			stories := []labelledStory{
				withExtent(labelledStory{head: []labelledPart{linePart(RoleTitle, 0)}, paras: []labelledPart{linePart(RoleBody, 1)}}),
				withExtent(labelledStory{head: []labelledPart{linePart(RoleTitle, 2)}, paras: second}),
			}
			got := joinResumedTails(p, stories, func(int) bool { return false })
			inFirst := slices.ContainsFunc(got[0].paras, func(part labelledPart) bool { return slices.Contains(part.lines, at) })
			inSecond := slices.ContainsFunc(got[1].paras, func(part labelledPart) bool { return slices.Contains(part.lines, at) })
			if c.joined && (!inFirst || inSecond || got[0].last != at+1 || got[1].last != 4) {
				t.Errorf("stories %+v: want the tail at the end of the first story", got)
			}
			if !c.joined && (inFirst || !inSecond) {
				t.Errorf("stories %+v: want the tail left in the second story", got)
			}
		})
	}
}
