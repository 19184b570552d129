package extract

import (
	"reflect"
	"testing"

	"github.com/galley/galley/article"
)

func TestReadHeadDatelineAndByline(t *testing.T) {
	known := roleLessName(testLexicon(t))
	cases := []struct {
		para     string
		dateline string
		byline   []article.Byline
		body     string
	}{
		{"本报讯（记者 孙立新）近日，市农业农村局组织专家深入田间地头指导春耕。",
			"本报讯", []article.Byline{{Role: "记者", Name: "孙立新"}}, "近日，市农业农村局组织专家深入田间地头指导春耕。"},
		{"本报讯 （记者 孙立新 通讯员 郑晓雨） 3月14日上午，全市春季植树活动启动。",
			"本报讯", []article.Byline{{Role: "记者", Name: "孙立新"}, {Role: "通讯员", Name: "郑晓雨"}}, "3月14日上午，全市春季植树活动启动。"},
		{"本报郑州3月14日电（记者 王建华）全省春耕备耕工作有序推进。",
			"本报郑州3月14日电", []article.Byline{{Role: "记者", Name: "王建华"}}, "全省春耕备耕工作有序推进。"},
		{"新华社北京3月14日电（记者 赵明 李华）国务院新闻办公室14日举行发布会。",
			"新华社北京3月14日电", []article.Byline{{Role: "记者", Name: "赵明"}, {Role: "记者", Name: "李华"}}, "国务院新闻办公室14日举行发布会。"},
		{"本报讯“今年的麦子长势比往年好。”种粮大户王建华说。",
			"本报讯", nil, "“今年的麦子长势比往年好。”种粮大户王建华说。"},
		// another paper's own bare dateline
		{"新京报讯（记者 王小明 李华）记者昨日从市交通部门获悉，三条地铁线路年内开通。",
			"新京报讯", []article.Byline{{Role: "记者", Name: "王小明"}, {Role: "记者", Name: "李华"}}, "记者昨日从市交通部门获悉，三条地铁线路年内开通。"},
		// 本报X月X日讯 and 本报[place]X月X日讯: 讯 where others print 电.
		{"本报7月1日讯（记者 孙立新）今天上午，春季植树活动启动。",
			"本报7月1日讯", []article.Byline{{Role: "记者", Name: "孙立新"}}, "今天上午，春季植树活动启动。"},
		{"本报郑州3月14日讯 （记者 王建华 通讯员 郑晓雨） 全省春耕备耕有序推进。",
			"本报郑州3月14日讯", []article.Byline{{Role: "记者", Name: "王建华"}, {Role: "通讯员", Name: "郑晓雨"}}, "全省春耕备耕有序推进。"},
		{"据新华社报道，我国首艘大型邮轮正式交付。", "据新华社报道", nil, "我国首艘大型邮轮正式交付。"},
		// taken from the agency: 据 before its dateline, with or without a date
		{"据新华社悉尼电（记者王一明）澳大利亚东南部山火仍在蔓延。", "据新华社悉尼电", []article.Byline{{Role: "记者", Name: "王一明"}}, "澳大利亚东南部山火仍在蔓延。"},
		{"据新华社北京1月5日电（记者李二华）全国铁路今日开行列车。", "据新华社北京1月5日电", []article.Byline{{Role: "记者", Name: "李二华"}}, "全国铁路今日开行列车。"},
		{"本报讯 记者 孙立新 报道：全市春季植树活动昨日启动。",
			"本报讯", []article.Byline{{Role: "记者", Name: "孙立新"}}, "全市春季植树活动昨日启动。"},
		{"BEIJING, March 14 (Xinhua) -- China's spring planting is under way.",
			"BEIJING, March 14 (Xinhua)", nil, "China's spring planting is under way."},
		{"本报讯 记者 孙立新 通讯员 郑晓雨 近日，全市春季植树活动启动。",
			"本报讯", []article.Byline{{Role: "记者", Name: "孙立新"}, {Role: "通讯员", Name: "郑晓雨"}}, "近日，全市春季植树活动启动。"},
		{"□本报记者 孙立新 连日来，全市春季植树活动有序开展。",
			"", []article.Byline{{Role: "本报记者", Name: "孙立新"}}, "连日来，全市春季植树活动有序开展。"},
		// No dateline: ordinary openings stay body text.
		{"本报记者近日走访了多家企业。", "", nil, "本报记者近日走访了多家企业。"},
		{"（试行）办法自下月起施行。", "", nil, "（试行）办法自下月起施行。"},
		{"合作社社员用电量逐年上升。", "", nil, "合作社社员用电量逐年上升。"},
	}
	for _, c := range cases {
		h := readHead(c.para, known)
		if h.Dateline != c.dateline || !reflect.DeepEqual(h.Byline, c.byline) || c.para[h.Body:] != c.body {
			t.Errorf("readHead(%q) = dateline %q byline %v body %q; want %q %v %q",
				c.para, h.Dateline, h.Byline, c.para[h.Body:], c.dateline, c.byline, c.body)
		}
	}
}

func TestReadTailAuthorCredit(t *testing.T) {
	known := roleLessName(testLexicon(t))
	cases := []struct {
		para string
		want []article.Byline
	}{
		{"截至目前，全县小麦收获进度已过九成。（钱志远 孙丽）", []article.Byline{{Name: "钱志远"}, {Name: "孙丽"}}},
		{"全县小麦收获进度已过九成。（本报记者 周海涛）", []article.Byline{{Role: "本报记者", Name: "周海涛"}}},
		{"图为工人在检修线路。(周海涛 摄)", []article.Byline{{Role: "摄影", Name: "周海涛"}}},
		{"出台《农村人居环境整治办法（试行）》", nil},
		{"深化“三零”单位（村、社区）", nil},
		{"本次会议审议通过了工作要点（全文）", nil},
		{"厂房建（构）", nil},
		// a wire credit: the dateline, then the reporters
		{"会议在京举行。（新华社北京1月1日电 记者王建华）", []article.Byline{{Role: "记者", Name: "王建华"}}},
		{"会议在京举行。（据新华社电 记者王建华）", []article.Byline{{Role: "记者", Name: "王建华"}}},
		{"各地迎来新年。（本报东京、柏林电 记者王建华、孙立新）", []article.Byline{{Role: "记者", Name: "王建华"}, {Role: "记者", Name: "孙立新"}}},
	}
	for _, c := range cases {
		got, at := readTail(c.para, known)
		if !reflect.DeepEqual(got, c.want) || (c.want == nil) != (at < 0) {
			t.Errorf("readTail(%q) = %v at %d; want %v", c.para, got, at, c.want)
		}
	}
}

func TestReadClosingCreditInsideAParagraph(t *testing.T) {
	known := roleLessName(testLexicon(t))
	text := "公司将继续加大研发投入。（钱志远 孙丽）工人们在新建的生产线上调试设备。"
	bl, from, to := readClosingCredit(text, known)
	want := []article.Byline{{Name: "钱志远"}, {Name: "孙丽"}}
	if !reflect.DeepEqual(bl, want) || text[from:to] != "（钱志远 孙丽）" {
		t.Errorf("readClosingCredit = %v %q, want %v", bl, text[max(from, 0):max(to, 0)], want)
	}
	for _, s := range []string{"办法。（试行）细则另行公布。", "他说。（完）", "见上文（钱志远 孙丽）。"} {
		if bl, from, _ := readClosingCredit(s, known); from >= 0 {
			t.Errorf("readClosingCredit(%q) took %v", s, bl)
		}
	}
}

// Names printed after a dateline with no role are the head of the story
// but not its byline; with a role they are.
func TestNamesWithoutARoleAfterADatelineAreNoByline(t *testing.T) {
	h := readHead("本报北京3月14日电（王建华、孙立新）全省春耕备耕工作有序推进。", nil)
	if h.Dateline != "本报北京3月14日电" || h.Byline != nil {
		t.Errorf("dateline %q byline %v; want the dateline and no byline", h.Dateline, h.Byline)
	}
	h = readHead("本报北京3月14日电（记者王建华、孙立新）全省春耕备耕工作有序推进。", nil)
	want := []article.Byline{{Role: "记者", Name: "王建华"}, {Role: "记者", Name: "孙立新"}}
	if !reflect.DeepEqual(h.Byline, want) {
		t.Errorf("byline %v; want %v", h.Byline, want)
	}
}

// A dateline some papers print in parentheses closing the story, as its
// last line or at the end of its last paragraph, is the story's dateline
// (and the reporters after it its byline); one at the head comes first.
func TestDatelineClosingTheStory(t *testing.T) {
	lx := testLexicon(t)
	cases := []struct {
		paras    []string
		dateline string
		byline   []article.Byline
	}{
		{[]string{"两国企业签署合作协议，涉及新能源和港口建设。", "（本报里斯本3月2日电）"}, "本报里斯本3月2日电", nil},
		{[]string{"两国企业签署合作协议，涉及新能源和港口建设。（本报里斯本3月2日电）"}, "本报里斯本3月2日电", nil},
		{[]string{"两国企业签署合作协议。", "（本报里斯本3月2日电 记者任远山）"}, "本报里斯本3月2日电", []article.Byline{{Role: "记者", Name: "任远山"}}},
		// the head's dateline wins; a bracket in the text is no dateline
		{[]string{"本报讯 两国企业签署合作协议。", "（本报里斯本3月2日电）"}, "本报讯", nil},
		{[]string{"两国企业签署合作协议（草案）。"}, "", nil},
	}
	for _, c := range cases {
		st := &article.Story{Title: "合作协议签署"}
		for _, p := range c.paras {
			st.Paragraphs = append(st.Paragraphs, article.Paragraph{Kind: article.ParaBody, Text: p})
		}
		Story(st, Options{Lexicon: lx})
		if st.Dateline != c.dateline || !reflect.DeepEqual(st.Byline, c.byline) && len(c.byline)+len(st.Byline) > 0 {
			t.Errorf("%q: dateline %q, byline %v; want %q, %v", c.paras, st.Dateline, st.Byline, c.dateline, c.byline)
		}
	}
}
