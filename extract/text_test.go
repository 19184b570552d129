package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFirstSentence(t *testing.T) {
	cases := map[string]string{
		"春耕备耕工作有序推进。全县已完成播种。":                                      "春耕备耕工作有序推进。",
		"“今年的麦子长势好。”种粮大户说。今年又是丰收年。":                                "“今年的麦子长势好。”种粮大户说。",
		"“今年的麦子长势好。”今年又是丰收年。":                                      "“今年的麦子长势好。”",
		"Mr. Lee said the plant opened on Jan. 5. It employs 300.": "Mr. Lee said the plant opened on Jan. 5.",
		"J. Smith arrived. He left.":                               "J. Smith arrived.",
		"———新材料基地投产。占地百亩。":                                         "新材料基地投产。",
		"没有句号的一段文字":                                                "没有句号的一段文字",
	}
	for in, want := range cases {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTrimSummaryCutsAtAClauseBoundary(t *testing.T) {
	long := strings.Repeat("全市各级各部门认真落实春耕备耕各项措施，", 8) + "确保粮食稳产增产。"
	got := trimSummary(long)
	if n := utf8.RuneCountInString(got); n > maxSummary+1 {
		t.Fatalf("summary has %d runes, want at most %d: %q", n, maxSummary+1, got)
	}
	if !strings.HasSuffix(got, "措施…") {
		t.Errorf("summary %q does not end at a clause boundary", got)
	}
	short := "全县已完成播种。"
	if trimSummary(short) != short {
		t.Errorf("a short sentence was changed: %q", trimSummary(short))
	}
}

func TestCountChars(t *testing.T) {
	cases := []struct {
		text string
		want int
	}{
		{"全县小麦收获进度已过九成。", 12},                       // punctuation does not count
		{"贷款余额达36.9亿元，增长12%", 11},                   // 9 ideographs, 36.9 and 12
		{"示范基地 4 个", 6},                             // 5 ideographs and one number
		{"The plant's co-op opened 1,200 jobs.", 6}, // five words, one number
		{"“”（）《》——…… ,.;%", 0},
		{"iPhone 14 发布", 4},
	}
	for _, c := range cases {
		if got := countChars(c.text); got != c.want {
			t.Errorf("countChars(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

func TestKeywordsAreFiltered(t *testing.T) {
	lx := testLexicon(t)
	text := strings.Repeat("今年以来，我市持续推进小麦收获工作，全市小麦收获进度已过九成，收获面积达120万亩。农机合作社积极参与抢收，我们确保颗粒归仓。", 3)
	got := pickKeywords(lx.KeywordsOf(keywordWords(tagged(t, text), nil), 3*maxKeywords))
	if len(got) == 0 || len(got) > maxKeywords {
		t.Fatalf("got %d keywords, want 1..%d: %v", len(got), maxKeywords, got)
	}
	for _, k := range got {
		if !keepKeyword(k) || utf8.RuneCountInString(k) < 2 || strings.ContainsAny(k, "0123456789") || keywordStopwords[k] {
			t.Errorf("keyword %q should have been filtered", k)
		}
	}
	if !contains(got, "小麦") {
		t.Errorf("keywords %v miss the story's subject 小麦", got)
	}
	for _, w := range []string{"我们", "今年", "120", "万", "2023年"} {
		if keepKeyword(w) {
			t.Errorf("keepKeyword(%q) = true", w)
		}
	}
}

func TestKeywordWordsRepeatNounsByFrequency(t *testing.T) {
	ts := tagged(t, "小麦收获进度过九成。小麦价格稳定，农机手跨区作业，小麦颗粒归仓。我们推进工作。")
	got := keywordWords(ts, nil)
	n := 0
	for _, w := range got {
		if w == "小麦" {
			n++
		}
	}
	if n != 3 || got[0] != "小麦" {
		t.Errorf("小麦 listed %d times (printed 3), want it first: %q", n, got)
	}
	for _, w := range []string{"我们", "推进", "。", "工作"} {
		if contains(got, w) {
			t.Errorf("keywordWords kept %q: %q", w, got)
		}
	}
}

func TestKeywordWordsDampACommonWord(t *testing.T) {
	ts := tagged(t, strings.Repeat("项目建设，", 12)+"光伏电站并网。")
	got := keywordWords(ts, nil)
	n := 0
	for _, w := range got {
		if w == "项目" {
			n++
		}
	}
	if n != maxRepeats {
		t.Errorf("项目 printed 12 times is listed %d times, want %d: %q", n, maxRepeats, got)
	}
	if !contains(got, "电站") {
		t.Errorf("a word printed once was dropped: %q", got)
	}
}

func TestPickKeywordsKeepsOnePlaceForm(t *testing.T) {
	got := pickKeywords([]string{"新乡", "小麦", "新乡市", "小麦", "2023", "收"})
	want := []string{"小麦", "新乡市"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("pickKeywords = %v, want %v", got, want)
	}
}

// Titles and pieces of people's names gse cut apart are no keywords; a
// person's whole name may be one.
func TestKeywordWordsSkipTitlesAndNamePieces(t *testing.T) {
	ts := tagged(t, "常务副市长刘国华带队到清丰县调研农业生产，县委书记王立新陪同。刘国华强调，农业生产要抓紧。")
	got := keywordWords(ts, []string{"刘国华", "王立新"})
	for _, w := range []string{"市长", "县委书记", "国华", "立新"} {
		if contains(got, w) {
			t.Errorf("keywordWords kept %q: %q", w, got)
		}
	}
	if !contains(got, "农业") {
		t.Errorf("keywordWords lost 农业: %q", got)
	}
	if got := keywordWords(tagged(t, "志愿者走进社区，为居民义诊。志愿者还宣讲了防诈骗知识。"), nil); !contains(got, "志愿者") {
		t.Errorf("志愿者 is no office and may be a keyword: %q", got)
	}
}
