package ingest

import (
	"strings"
	"testing"
)

// clean normalises s as one body paragraph.
func clean(s string, mode normMode) normResult {
	return normalizeSpans(s, []span{{0, len(s)}}, mode)
}

func TestNormaliseHardCases(t *testing.T) {
	cases := []struct {
		name, in, want string
		mode           normMode
	}{
		{"slogan in quotes keeps its gap", "推出“聚力惠企纾困 助推复工复产”十大举措", "推出“聚力惠企纾困 助推复工复产”十大举措", modeBody},
		{"slogan gap survives a line break inside the quote", "推出“聚力惠\n企纾困 助推复工复产”十大举措", "推出“聚力惠企纾困 助推复工复产”十大举措", modeBody},
		{"letter-spaced pair joins", "生物尼龙产业化示 范 ”", "生物尼龙产业化示范”", modeBody},
		{"letter-spaced run joins", "、 国 家 重 点 研 发 计 划", "、国家重点研发计划", modeBody},
		{"letter-spaced run inside quotes joins", "“国 家 重 点”", "“国家重点”", modeBody},
		{"credit keeps spaces between role and names", "本报记者 李振涛 通讯员 吴峰 张静勇 摄", "本报记者 李振涛 通讯员 吴峰 张静勇 摄", modeCredit},
		{"credit collapses double spaces", "通讯员  吴峰   张静勇 摄", "通讯员 吴峰 张静勇 摄", modeCredit},
		{"byline in brackets keeps its space", "本报讯 （记者 段利梅） 工业经济", "本报讯（记者 段利梅）工业经济", modeBody},
		{"trailing author credit keeps its space", "新增4.5亿\n元。 （王为峰 赵尚元）", "新增4.5亿元。（王为峰 赵尚元）", modeBody},
		{"letter-spaced name in a byline joins", "（记者 王 伟 通讯员 张三）", "（记者 王伟 通讯员 张三）", modeBody},
		{"letter-spaced name in a credit joins", "本报记者 王 伟 摄", "本报记者 王伟 摄", modeCredit},
		{"two letter-spaced names in a byline stay two", "（记者 高 原 李 想）", "（记者 高原 李想）", modeBody},
		{"closing credit broken between two names keeps its space", "轮流举办。 （赵明\n李华）", "轮流举办。（赵明 李华）", modeBody},
		{"closing credit broken inside a name joins", "找位”。 （葛晓东 吴\n燕）", "找位”。（葛晓东 吴燕）", modeBody},
		{"a bracketed note broken over lines joins", "（上接第\n一版） 要坚持", "（上接第一版）要坚持", modeBody},
		{"two letter-spaced names in a credit stay two", "通讯员 孙 晓 李 明 摄", "通讯员 孙晓 李明 摄", modeCredit},
		{"author mark stands apart", "□ 本报记者 韩 冰 通讯员 宋 佳", "□ 本报记者 韩冰 通讯员 宋佳", modeCredit},
		{"percentage broken at the line end", "增长 10.2\n%，占 GDP", "增长10.2%，占GDP", modeBody},
		{"percentage after a column break", "占比达 35.6\n\n%。 市民", "占比达35.6%。市民", modeBody},
		{"percentage sign set apart", "下降 5.7 %", "下降5.7%", modeBody},
		{"decimal broken after its point at a column end", "目标的 62.\n\n5%。", "目标的62.5%。", modeBody},
		{"decimal broken after its point", "全长 23.\n6 公里", "全长23.6公里", modeBody},
		{"English sentence ending with a figure stays apart", "in 1915.\n6 men came", "in 1915. 6 men came", modeBody},
		{"short credit keeps 摄 apart", "王伟 摄", "王伟 摄", modeCredit},
		{"credit set a name a line keeps the names apart", "常碧罗\n邹乐摄影报道（影像中国）", "常碧罗 邹乐摄影报道（影像中国）", modeCredit},
		{"credit's place over its name stays apart", "山西阳城县\n刘凡渝", "山西阳城县 刘凡渝", modeCredit},
		{"bracketed credit broken inside a word joins", "（据新华社\n电 记者吴振东）", "（据新华社电 记者吴振东）", modeCredit},
		{"bracketed words are not a byline", "管理办法 （试行 ）》", "管理办法（试行）》", modeBody},
		{"full-width digit and spaced date", "６ 月 23 日", "6月23日", modeBody},
		{"full-width letters", "ＰＡ１３Ｔ 产业化", "PA13T产业化", modeBody},
		{"CJK punctuation stays full-width", "其中：亿元（含）；“是”", "其中：亿元（含）；“是”", modeBody},
		{"space by CJK punctuation goes", "支撑 。 今年 ， 我市", "支撑。今年，我市", modeBody},
		{"CJK next to Latin and digits", "PA1313 及半芳香 PA13T 产业化 2022 年", "PA1313及半芳香PA13T产业化2022年", modeBody},
		{"line break inside Chinese joins", "市委、市政府全面\n贯彻落实", "市委、市政府全面贯彻落实", modeBody},
		{"blank line mid-sentence joins", "产业链创\n\n新、加速", "产业链创新、加速", modeBody},
		{"lost glyph dropped", "建有 6\ufffd条中试", "建有6条中试", modeBody},
		{"English words keep single spaces", "the  quick\nbrown fox", "the quick brown fox", modeBody},
		{"English hyphenation rejoined", "a glorious vic-\ntory for", "a glorious victory for", modeBody},
		{"hyphen before a capital is real", "the New-\nYork Tribune", "the New-York Tribune", modeBody},
		{"hyphen before a digit is real", "years 1915-\n1916 were", "years 1915-1916 were", modeBody},
		{"OCR question-mark hyphen", "national au?\ntonomy", "national autonomy", modeBody},
		{"question mark before a capital stays", "be France?\nYes", "be France? Yes", modeBody},
		{"headline keeps a gap between phrases", "聚力惠企 助推发展", "聚力惠企 助推发展", modeHeadline},
		{"headline keeps its phrases apart before a bracketed tag", "聚力惠企 助推发展（经济观察）", "聚力惠企 助推发展（经济观察）", modeHeadline},
		{"letter-spaced headline joins", "会 议 召 开", "会议召开", modeHeadline},
		{"headline digit spacing", "市政府第 131次常务会议召开", "市政府第131次常务会议召开", modeHeadline},
		{"a score is set solid", "主队以 3 ∶ 1 获胜", "主队以3∶1获胜", modeBody},
		{"a score broken at the line end", "比分 21 ∶\n18 结束", "比分21∶18结束", modeBody},
		{"a product is set solid", "“3 × 3 篮球”比赛", "“3×3篮球”比赛", modeBody},
		{"a score in a headline", "甲队3 ∶3战平乙队", "甲队3∶3战平乙队", modeHeadline},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := clean(c.in, c.mode).text
			if got != c.want {
				t.Fatalf("normalise(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestNormaliseRecordsEdits(t *testing.T) {
	in := "６ 月\ufffd 23 日"
	res := clean(in, modeBody)
	rules := map[string]int{}
	for _, e := range res.edits {
		rules[e.Rule]++
		if in[e.Start:e.End] != e.Before {
			t.Fatalf("edit %+v: span holds %q", e, in[e.Start:e.End])
		}
		if !strings.HasPrefix(res.text[e.Offset:], e.After) {
			t.Fatalf("edit %+v: After not at Offset in %q", e, res.text)
		}
	}
	if rules[RuleHalfWidth] != 1 || rules[RuleDrop] != 1 || rules[RuleMixedSpace] < 2 {
		t.Fatalf("edits by rule %v, want one halfwidth, one drop, mixed-space removals", rules)
	}
}

func TestUncertainGapsAreFlagged(t *testing.T) {
	kept := clean("推出“聚力惠企纾困 助推复工复产”十大举措", modeBody)
	if len(kept.uncertain) != 1 {
		t.Errorf("kept gap: %d uncertain spots, want 1", len(kept.uncertain))
	}
	removed := clean("我们发展 信心十足", modeBody)
	if removed.text != "我们发展信心十足" || len(removed.uncertain) != 1 {
		t.Errorf("removed gap between phrases: %q, %d uncertain spots", removed.text, len(removed.uncertain))
	}
	letter := clean("示 范", modeBody)
	if len(letter.uncertain) != 0 {
		t.Errorf("letter-spacing is no close call: %d uncertain spots", len(letter.uncertain))
	}
}

func TestNeighbouringEditsMerge(t *testing.T) {
	in := "、 国 家 重 点 研 发"
	res := clean(in, modeBody)
	letter := 0
	for _, e := range res.edits {
		if e.Rule == RuleLetterSpace {
			letter++
			if in[e.Start:e.End] != e.Before || !strings.HasPrefix(res.text[e.Offset:], e.After) {
				t.Fatalf("merged edit %+v does not match its spans in %q", e, res.text)
			}
		}
	}
	if letter != 1 {
		t.Fatalf("%d letter-spacing edits for one run, want 1: %+v", letter, res.edits)
	}
	// on a dense page, neighbouring edits of different rules merge too
	dense := normalizeInto(nil, "６ 示 ６ 示 ６ 示", []span{{0, len("６ 示 ６ 示 ６ 示")}}, modeBody, denseEdits)
	if len(dense.edits) != 1 || dense.edits[0].Rule != RuleCombined || dense.text != "6示6示6示" {
		t.Fatalf("dense page: %q with edits %+v", dense.text, dense.edits)
	}
}

// TestEditsMatchTheirSpans: for every rule, Before is the raw span and
// After stands at Offset in the cleaned text.
func TestEditsMatchTheirSpans(t *testing.T) {
	for _, in := range []string{"the  quick\t brown", "a\n\nb", "“聚力惠企纾困  助推复工复产”", "６７ 月\ufffd\ufffd 23 日",
		"x \ufffd y", "vic-\ntory  won", "（记者  段利梅）", "示 范 国 家"} {
		for _, mode := range []normMode{modeBody, modeCredit, modeHeadline} {
			res := clean(in, mode)
			for _, e := range res.edits {
				if in[e.Start:e.End] != e.Before || e.Offset+len(e.After) > len(res.text) || res.text[e.Offset:e.Offset+len(e.After)] != e.After {
					t.Errorf("%q (mode %d) → %q: edit %+v does not match", in, mode, res.text, e)
				}
			}
		}
	}
}
