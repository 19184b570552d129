package dateline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLen(t *testing.T) {
	cases := []struct{ text, dateline string }{
		{"本报讯 （记者 段利梅） 为加快整", "本报讯"},
		{"本报讯“在化工市场", "本报讯"},
		{"本报电 近日，", "本报电"},
		{"本报综合电 据外媒报道", "本报综合电"},
		{"本报北京6月27日电 （记者 张三）", "本报北京6月27日电"},
		{"本报7月1日讯（记者 孙立新）", "本报7月1日讯"},
		{"本报东京１月５日电", "本报东京１月５日电"},
		{"新华社郑州6月27日电", "新华社郑州6月27日电"},
		{"新华社电 （记者 李四）", "新华社电"},
		{"据新华社悉尼电（记者王一明）", "据新华社悉尼电"},
		{"据新华社北京1月5日电（记者李二华）", "据新华社北京1月5日电"},
		{"光明日报北京1月5日电", "光明日报北京1月5日电"},
		{"新京报讯（记者 王小明）", "新京报讯"},
		{"据新华社报道，我国首艘大型邮轮", "据新华社报道"},
		// an undated dateline of our own, as a story closes with it
		{"本报柏林电", "本报柏林电"},
		{"本报阿姆斯特丹电 记者", "本报阿姆斯特丹电"},
		// letter-spaced, and U+FFFD where the extractor had no character
		{"本 报 呼 伦 贝 尔 1 月 19 日 电 （记者", "本 报 呼 伦 贝 尔 1 月 19 日 电"},
		{"本报北京\ufffd1 月 19\ufffd日电（记者", "本报北京\ufffd1 月 19\ufffd日电"},
		// words that open like one
		{"本报记者近日走访了多家企业。", ""},
		{"本报通讯员队伍不断壮大", ""},
		{"本报电话：010-12345678", ""},
		{"本报热线电话：12345", ""},
		{"新华社记者发回的电报", ""},
		{"新华社电视新闻", ""},
		{"合作社社员用电量逐年上升。", ""},
		{"（本报罗马1月1日电）", ""},
		{" 本报讯", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := c.text[:Len(c.text)]; got != c.dateline {
			t.Errorf("Len(%q) reads %q, want %q", c.text, got, c.dateline)
		}
	}
}

func TestOpens(t *testing.T) {
	yes := []string{"本报讯 （记者 段利梅） 为加快整", "新华社电", "本报6月27日讯", "本报记者 张三 报道"}
	no := []string{"本报记者 李振涛 通讯员 吴峰 张静勇 摄", "本报通讯员队伍不断壮大", "新华社记者发回的电报", "科技成果从“研”走向“产”"}
	for _, s := range yes {
		if !Opens(s) {
			t.Errorf("Opens(%q) = false", s)
		}
	}
	for _, s := range no {
		if Opens(s) {
			t.Errorf("Opens(%q) = true", s)
		}
	}
}

func TestClosing(t *testing.T) {
	cases := []struct{ text, dateline string }{
		{"签约仪式在当地举行。（本报甲地1月12日电）", "本报甲地1月12日电"},
		{"（本报柏林电）", "本报柏林电"},
		{"……说。（本报甲地1月12日电 记者甲乙）", "本报甲地1月12日电"},
		{"办法自下月起施行（试行）", ""},
		{"没有括号。", ""},
	}
	for _, c := range cases {
		if got := Closing(c.text); got != c.dateline {
			t.Errorf("Closing(%q) = %q, want %q", c.text, got, c.dateline)
		}
	}
}

func TestEnglish(t *testing.T) {
	cases := []struct{ text, dateline, body string }{
		{"BEIJING, June 27 (Xinhua) -- China's", "BEIJING, June 27 (Xinhua)", "China's"},
		{"RIVERSIDE, March 4 -- The city council", "RIVERSIDE, March 4", "The city council"},
		{"LONDON, Jan. 1.—The Admiralty", "LONDON, Jan. 1", "The Admiralty"},
		{"PARIS, Dec. 31.?The French", "PARIS, Dec. 31", "The French"},
		{"WASHINGTON, Jan. 1.-President Wilson", "WASHINGTON, Jan. 1", "President Wilson"},
		{"The city council voted", "", ""},
		{"NEW YORK, the city", "", ""},
	}
	for _, c := range cases {
		d, at := English(c.text)
		body := ""
		if d != "" {
			body = c.text[at:]
		}
		if d != c.dateline || body != c.body {
			t.Errorf("English(%q) = %q, body %q; want %q, %q", c.text, d, body, c.dateline, c.body)
		}
	}
}

func TestEnglishLike(t *testing.T) {
	for _, s := range []string{"LONDON, Jan. 6.—An Athens dis", "* ■ , V, Jan- 5.—Gross", "ST. PAUL, Minn., Jan. 5.?The", "PARIS, Dec. 31 -- The"} {
		if !EnglishLike(s) {
			t.Errorf("EnglishLike(%q) = false", s)
		}
	}
	for _, s := range []string{"The meeting on Jan. 5 was put off", "earnings for last November were", "Italy's Promise."} {
		if EnglishLike(s) {
			t.Errorf("EnglishLike(%q) = true", s)
		}
	}
}

// FuzzLen: whatever a line holds (bytes that are no UTF-8 too), the
// dateline read is a prefix of it that ends with a character a dateline
// ends with.
func FuzzLen(f *testing.F) {
	for _, s := range []string{"本报讯", "本 报 北 京 1 月 1 日 电", "本报北京\ufffd1月1日电", "据新华社报道，", "（本报柏林电）", "新华社电\xff", "本报柏林电"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Len(s)
		if n < 0 || n > len(s) {
			t.Fatalf("Len(%q) = %d", s, n)
		}
		if n == 0 {
			return
		}
		last, _ := utf8.DecodeLastRuneInString(s[:n])
		if !strings.ContainsRune("电讯道息", last) {
			t.Fatalf("Len(%q) reads %q, which ends with no dateline's end", s, s[:n])
		}
		Opens(s)
		Closing(s)
	})
}
