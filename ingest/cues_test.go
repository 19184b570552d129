package ingest

import (
	"strings"
	"testing"
)

func TestCredits(t *testing.T) {
	yes := []string{"本报记者 李振涛 通讯员 吴峰 张静勇 摄", "记者 张三 摄", "张三 摄", "本报记者 王五 摄影", "（本报记者 张三 摄）",
		"王五 赵六摄影报道（影像中国）", "本报记者 张三摄影报道", "赵六摄影报道（影像中国）", "欧阳振华摄"}
	no := []string{"图为应急演练现场。", "进一步筑牢了安全生产防线。", "这是他们拍摄", "会议还研究了其他事项。", "本报将继续跟踪报道",
		"记者在现场看到了这幅图"}
	for _, s := range yes {
		if !isCredit(s) {
			t.Errorf("isCredit(%q) = false", s)
		}
	}
	for _, s := range no {
		if isCredit(s) {
			t.Errorf("isCredit(%q) = true", s)
		}
	}
	if !isBylineParen("较年初新增4.5亿元。 （王为峰 赵尚元）") || isBylineParen("管理办法（试行）") {
		t.Error("isBylineParen misjudges a trailing author credit or a bracketed word")
	}
}

func TestSplitInlineCaptionAndCredit(t *testing.T) {
	s := "防线。 图为应急演练现场。 本报记者 李振涛 通讯员 吴峰 摄"
	got := splitInline(s, span{0, len(s)}, false)
	if len(got) != 3 || got[0].kind != "body" || got[1].kind != "caption" || got[2].kind != "credit" {
		t.Fatalf("pieces %+v", got)
	}
	if s[got[1].start:got[1].end] != "图为应急演练现场。" {
		t.Errorf("caption %q", s[got[1].start:got[1].end])
	}
	// a byline after a dateline opens the story: the short text after it
	// is the story, not a caption, even with a credit line next
	lead := "本报讯（通讯员 赵小六）近日，社区食堂正式营业。老人刷卡即可就餐。"
	if p := splitInline(lead, span{0, len(lead)}, true); len(p) != 1 || p[0].kind != "body" {
		t.Errorf("the text after 本报讯（通讯员 …） is taken for a caption: %+v", p)
	}
	plain := "这幅图为我们展示了。"
	if p := splitInline(plain, span{0, len(plain)}, false); len(p) != 1 || p[0].kind != "body" {
		t.Errorf("图为 inside a sentence is not a caption: %+v", p)
	}
}

func TestLabelledCreditsAreCredits(t *testing.T) {
	for _, s := range []string{"图：编者绘", "摄影：张三", "插图：李四 王五", "漫画：赵六"} {
		if !isCredit(s) {
			t.Errorf("%q is not read as a credit", s)
		}
	}
	for _, s := range []string{"图：市政府召开常务会议研究部署近期各项重点工作", "图为应急演练现场。"} {
		if isCredit(s) {
			t.Errorf("%q is read as a credit", s)
		}
	}
}

func TestFurnitureAndDates(t *testing.T) {
	for _, s := range []string{"3", "第3版", "2022年6月28日 星期二", "责任编辑：张三", "编辑 张三 校对 李四", "A3", "Ｂ１２"} {
		if _, ok := furniture(s); !ok {
			t.Errorf("furniture(%q) = false", s)
		}
	}
	for _, s := range []string{"会议还研究了其他事项。", "台前县", "A股"} {
		if _, ok := furniture(s); ok {
			t.Errorf("furniture(%q) = true", s)
		}
	}
	for _, s := range []string{"新民晚报", "环球时报", "南方都市报", "中国青年报", "濮阳日报"} {
		if !looksNoise(s) {
			t.Errorf("the paper's name %q is not read as furniture", s)
		}
	}
	for _, s := range []string{"２０１９年１０月１１日", "2019年10月14日人民日报", "星期一 2020年1月6日"} {
		if !runningHead(s) {
			t.Errorf("the page's date line %q is not read as a running head", s)
		}
	}
	if runningHead("2019年10月14日，市政府召开常务会议") {
		t.Error("a sentence opening with a date is read as a running head")
	}
	for _, s := range []string{"本市通报", "情况汇报", "时报", "喜报频传"} {
		if looksNoise(s) {
			t.Errorf("%q is read as a paper's name", s)
		}
	}
	if d := dateFromText("濮阳日报 2022年6月28日 星期二"); d != "2022-06-28" {
		t.Errorf("dateFromText = %q", d)
	}
	for name, want := range map[string]string{"pages/2022-06-28_p3.txt": "2022-06-28", "20220628.txt": "2022-06-28",
		"en_nytribune_1916-01-02_p1.txt": "1916-01-02", "000_84aa73dab9e593a4.txt": "", "x_20221399.txt": ""} {
		if got := DateFromName(name); got != want {
			t.Errorf("DateFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestEndMarksAndAuthorLines(t *testing.T) {
	for s, want := range map[string]string{"全面完工。（完）": "end", "工程还将继续（下转第3版）": "continued",
		"（下转A2版）": "continued", "办法（试行）": "", "完工。": ""} {
		if got := endMark(s); got != want {
			t.Errorf("endMark(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"□ 本报记者 张三", "■ 李四 王五", "文/王五"} {
		if !isAuthorLine(s) {
			t.Errorf("isAuthorLine(%q) = false", s)
		}
	}
	for _, s := range []string{"本报记者 张三", "□ 这是一段正文，不是署名。", "■"} {
		if isAuthorLine(s) {
			t.Errorf("isAuthorLine(%q) = true", s)
		}
	}
}

// A line of one or two credits of a name and what they made (the
// commentary's cartoonist and writer) is a name credit; a line of text is
// not.
func TestNameCredits(t *testing.T) {
	for s, want := range map[string]bool{"曹一图": true, "曹一图 于石文": true, "欧阳小明图 李华文": true, "于石文": true,
		"图": false, "全文": false, "这是一幅好图": false, "曹一图 于石文 王五文": false, "十二个字的一行文字说明了图": false} {
		if got := nameCredits(s); got != want {
			t.Errorf("nameCredits(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFurnitureIsFortyRunesAtMost checks the bound on furniture's length:
// a folio or an editor credit of 40 runes is furniture, one of 41 is not.
func TestFurnitureIsFortyRunesAtMost(t *testing.T) {
	for _, of := range []func(n int) string{
		func(n int) string { return strings.Repeat(" ", n-2) + "A3" },
		func(n int) string { return "责任编辑：" + strings.Repeat("张", n-5) },
	} {
		if _, ok := furniture(of(40)); !ok {
			t.Errorf("furniture(%q) of 40 runes = false", of(40))
		}
		if _, ok := furniture(of(41)); ok {
			t.Errorf("furniture(%q) of 41 runes = true", of(41))
		}
	}
}
