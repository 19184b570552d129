package extract

import (
	"reflect"
	"testing"

	"github.com/galley/galley/article"
)

func TestFindDatesResolvesWithThePageDate(t *testing.T) {
	page := parsePageDate("2023-03-15")
	cases := []struct {
		text string
		want []article.Date
	}{
		{"2022年6月23日，园区举行消防演练。", []article.Date{{Text: "2022年6月23日", Value: "2022-06-23"}}},
		{"3月14日下午，市长主持召开会议。", []article.Date{{Text: "3月14日下午", Value: "2023-03-14"}}},
		{"今年1至2月，全市工业增加值增长5.2%；自1月起，补贴直达企业。",
			[]article.Date{{Text: "今年1至2月"}, {Text: "1月"}}},
		{"去年11月2日签约，今年2月投产。", []article.Date{{Text: "去年11月2日", Value: "2022-11-02"}, {Text: "今年2月"}}},
		{"昨天，全市降雨；今日放晴。", []article.Date{{Text: "昨天", Value: "2023-03-14"}, {Text: "今日", Value: "2023-03-15"}}},
		{"二〇二二年六月二十三日", []article.Date{{Text: "二〇二二年六月二十三日", Value: "2022-06-23"}}},
		{"新华社北京28日电", []article.Date{{Text: "28日电", Value: "2023-02-28"}}},
		{"2月30日", []article.Date{{Text: "2月30日"}}},
		{"2022年3月全市用电量", []article.Date{{Text: "2022年3月"}}},
		// The same date printed twice is listed once.
		{"3月14日开幕，3月14日闭幕。", []article.Date{{Text: "3月14日", Value: "2023-03-14"}}},
		// Not dates: a bare year, a duration, a count of days.
		{"举行2022年综合演练，历时6个月，共123日。", []article.Date{}},
		{"The plant opened on January 2, 1916, and closed Jan. 5.", []article.Date{
			{Text: "January 2, 1916", Value: "1916-01-02"}, {Text: "Jan. 5", Value: "2023-01-05"}}},
	}
	for _, c := range cases {
		if got := findDates(c.text, page); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findDates(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestFindDatesAcrossTheYearTurn(t *testing.T) {
	got := findDates("12月28日启动，1月3日完成。", parsePageDate("2023-01-05"))
	want := []article.Date{{Text: "12月28日", Value: "2022-12-28"}, {Text: "1月3日", Value: "2023-01-03"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Without the page date a month and day keep their text; a day counted
// from the page's (昨天, 今日, 明天) says no date at all and is left out.
func TestFindDatesWithoutPageDateKeepsTextOnly(t *testing.T) {
	got := findDates("3月14日下午，昨天，2022年6月23日。今日放晴，明天降温，前天有雨。", pageDate{})
	want := []article.Date{{Text: "3月14日下午"}, {Text: "2022年6月23日", Value: "2022-06-23"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Sentences with 月 or 日 but no date (日前, 节日, 岁月) skip the
// expressions; numbered and relative dates still reach them.
func TestDatePatternsOnlyForSentencesWithDateCues(t *testing.T) {
	for _, s := range []string{"日前，节日气氛浓厚。", "岁月如歌，日新月异。", "天气晴好。"} {
		if ps := datePatternsFor(s); len(ps) != 0 {
			t.Errorf("datePatternsFor(%q) = %d patterns, want none", s, len(ps))
		}
	}
	page := parsePageDate("2023-03-15")
	cases := map[string]string{
		"日前，6月23日开幕。": "6月23日",
		"十二月开工。":      "十二月",
		"前天下午签约。":     "前天",
		"节日里，后天放假。":   "后天",
		"１２日晚举行。":     "１２日晚",
	}
	for s, want := range cases {
		got := findDates(s, page)
		if len(got) != 1 || got[0].Text != want {
			t.Errorf("findDates(%q) = %v, want %s", s, got, want)
		}
	}
}

// findDates runs the Chinese patterns over runs of date characters only;
// it must find what running every pattern over whole sentences finds.
func TestFindDatesOverRunsMatchesWholeSentences(t *testing.T) {
	_, stories := loadGold(t)
	texts := []string{
		"2022年6月23日上午至6月27日下午，今年1至4月，去年12月，十二月三十一日晚间，昨天和今日。",
		"日前，节日里6月份，3月14日电，一二三月，２０２２年６月２３日，123日，前天下午。",
		"自1月起，每月5日至10日，二〇二二年六月二十三日，明年1月，后天；上午9时。",
	}
	for i := range stories {
		texts = append(texts, storyText(&stories[i]))
	}
	page := parsePageDate("2022-06-28")
	for _, text := range texts {
		want := []article.Date{}
		seen := map[string]bool{}
		for start := 0; start < len(text); {
			end := sentenceEnd(text, start)
			s := text[start:end]
			ps := append(cjkDatePatterns[:len(cjkDatePatterns):len(cjkDatePatterns)], latinDatePatterns...)
			for _, f := range findDatesIn(s, ps, page) {
				if !seen[f.date.Text] {
					seen[f.date.Text] = true
					want = append(want, f.date)
				}
			}
			start = end
		}
		if got := findDates(text, page); !reflect.DeepEqual(got, want) {
			t.Errorf("findDates(%.40q…) = %v, whole sentences give %v", text, got, want)
		}
	}
}
