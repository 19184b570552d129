package extract

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/galley/galley/article"
)

// newsStory is a story as ingest hands it over: dateline and byline still
// at the head of the first paragraph, an author credit closing the last.
func newsStory() article.Story {
	return article.Story{
		Title: "全县夏粮收获进度过九成",
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "本报讯（记者 孙立新）6月12日上午，县委书记刘晓东到华兴农机专业合作社调研“三夏”生产。他强调，要抢抓晴好天气，确保颗粒归仓。"},
			{Kind: article.ParaBody, Text: "今年以来，县农业农村局组织农机手跨区作业。华兴控股集团有限公司负责人陈梅介绍，公司投入收割机200台。"},
			{Kind: article.ParaBody, Text: "截至昨天，河南省新乡市辉县市小麦收获进度已过九成。（钱志远 孙丽）"},
		},
	}
}

func TestStoryFillsEveryField(t *testing.T) {
	st := newsStory()
	before := st.Body()
	Story(&st, Options{PageDate: "2023-06-14", Lexicon: testLexicon(t)})

	if st.Dateline != "本报讯" {
		t.Errorf("dateline %q", st.Dateline)
	}
	wantByline := []article.Byline{{Role: "记者", Name: "孙立新"}, {Name: "钱志远"}, {Name: "孙丽"}}
	if !reflect.DeepEqual(st.Byline, wantByline) {
		t.Errorf("byline %v, want %v", st.Byline, wantByline)
	}
	m := st.Metadata
	wantDates := []article.Date{{Text: "6月12日上午", Value: "2023-06-12"}, {Text: "昨天", Value: "2023-06-13"}}
	if !reflect.DeepEqual(m.Dates, wantDates) {
		t.Errorf("dates %v, want %v", m.Dates, wantDates)
	}
	for _, p := range []string{"孙立新", "刘晓东", "陈梅", "钱志远", "孙丽"} {
		if !contains(m.People, p) {
			t.Errorf("people %v miss %s", m.People, p)
		}
	}
	if m.People[0] != "孙立新" {
		t.Errorf("people not in order of first mention: %v", m.People)
	}
	for _, o := range []string{"县农业农村局", "华兴控股集团有限公司"} {
		if !contains(m.Organizations, o) {
			t.Errorf("organisations %v miss %s", m.Organizations, o)
		}
	}
	for _, o := range m.Organizations {
		if o == "集团有限公司" || o == "有限公司" {
			t.Errorf("organisations %v hold a bare suffix", m.Organizations)
		}
	}
	for _, p := range []string{"河南省", "新乡市", "辉县市"} {
		if !contains(m.Places, p) {
			t.Errorf("places %v miss %s", m.Places, p)
		}
	}
	if m.Summary != "6月12日上午，县委书记刘晓东到华兴农机专业合作社调研“三夏”生产。" {
		t.Errorf("summary %q", m.Summary)
	}
	if len(m.Keywords) == 0 || len(m.Keywords) > maxKeywords {
		t.Errorf("keywords %v", m.Keywords)
	}
	if m.Chars != countChars(before) || m.Chars < 100 {
		t.Errorf("chars %d, want %d", m.Chars, countChars(before))
	}
	if st.Body() != before {
		t.Errorf("extract changed the paragraphs:\n%s\n%s", before, st.Body())
	}
}

func TestStoryPhotoCredit(t *testing.T) {
	st := article.Story{Kind: article.KindPhoto, Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "6月12日，辉县市农民在田间抢收小麦。"},
		{Kind: article.ParaCaption, Text: "图为收割现场。"},
		{Kind: article.ParaCredit, Text: "本报记者 王建华 通讯员 刘晓东 陈梅 摄"},
	}}
	Story(&st, Options{Lexicon: testLexicon(t)})
	want := []article.Byline{{Role: "本报记者", Name: "王建华"}, {Role: "通讯员", Name: "刘晓东"}, {Role: "通讯员", Name: "陈梅"}}
	if !reflect.DeepEqual(st.Byline, want) || st.Dateline != "" {
		t.Errorf("dateline %q byline %v, want none and %v", st.Dateline, st.Byline, want)
	}
	// Without a page date the month and day stay unresolved.
	if len(st.Metadata.Dates) != 1 || st.Metadata.Dates[0].Value != "" {
		t.Errorf("dates %v", st.Metadata.Dates)
	}
}

func TestStoryEnglish(t *testing.T) {
	st := article.Story{Title: "Spring planting under way", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "By JANE DOE"},
		{Kind: article.ParaBody, Text: "BEIJING, June 12 (Xinhua) -- Farmers across the province began the wheat harvest on Monday. Officials said the yield would rise, and the harvest would end early."},
		{Kind: article.ParaBody, Text: "The first fields were planted on January 2, 2023. Governor Li Ming visited the Henan Agricultural University farm."},
		{Kind: article.ParaBody, Text: "\"The harvest is early,\" said Zhang Wei, a farmer. Mr. Smith of the World Bank agreed."},
	}}
	Story(&st, Options{PageDate: "2023-06-14", Lexicon: testLexicon(t)})
	if st.Dateline != "BEIJING, June 12 (Xinhua)" {
		t.Errorf("dateline %q", st.Dateline)
	}
	if want := []article.Byline{{Name: "Jane Doe"}}; !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline %v, want %v", st.Byline, want)
	}
	m := st.Metadata
	if m.Summary != "Farmers across the province began the wheat harvest on Monday." {
		t.Errorf("summary %q", m.Summary)
	}
	wantDates := []article.Date{{Text: "June 12", Value: "2023-06-12"}, {Text: "January 2, 2023", Value: "2023-01-02"}}
	if !reflect.DeepEqual(m.Dates, wantDates) {
		t.Errorf("dates %v, want %v", m.Dates, wantDates)
	}
	// The byline's name counts too; printed in capitals, it is found last.
	if want := []string{"Li Ming", "Zhang Wei", "Smith", "Jane Doe"}; !reflect.DeepEqual(m.People, want) {
		t.Errorf("people %v, want %v", m.People, want)
	}
	if want := []string{"Henan Agricultural University", "World Bank"}; !reflect.DeepEqual(m.Organizations, want) {
		t.Errorf("organisations %v, want %v", m.Organizations, want)
	}
	if want := []string{"Beijing"}; !reflect.DeepEqual(m.Places, want) {
		t.Errorf("places %v, want %v", m.Places, want)
	}
	if !contains(m.Keywords, "harvest") || contains(m.Keywords, "the") {
		t.Errorf("keywords %v: want harvest, no stopwords", m.Keywords)
	}
	for _, list := range [][]string{m.Organizations, m.Places, m.Keywords} {
		for _, s := range list {
			if strings.ContainsAny(s, "（）()，。") {
				t.Errorf("garbage entity %q", s)
			}
		}
	}
}

func TestPageUsesThePageDateAndIsSafeConcurrently(t *testing.T) {
	lx := testLexicon(t)
	page := func() *article.Page {
		p := &article.Page{Date: "2023-06-14"}
		for i := 0; i < 6; i++ {
			p.Stories = append(p.Stories, newsStory())
		}
		return p
	}
	want := page()
	Page(want, Options{Lexicon: lx})
	if got := want.Stories[0].Metadata.Dates; len(got) == 0 || got[0].Value != "2023-06-12" {
		t.Fatalf("page date not used: %v", got)
	}
	var wg sync.WaitGroup
	results := make([]*article.Page, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = page()
			Page(results[i], Options{Lexicon: lx})
		}(i)
	}
	wg.Wait()
	for i, r := range results {
		for j := range r.Stories {
			got, exp := r.Stories[j], want.Stories[j]
			// Keywords too are compared word for word: ties in weight go
			// to the word that sorts first, never to map order.
			if len(got.Metadata.Keywords) == 0 {
				t.Errorf("run %d story %d: no keywords", i, j)
			}
			if !reflect.DeepEqual(got, exp) {
				t.Errorf("concurrent run %d, story %d differs from the serial one:\n%+v\n%+v", i, j, got, exp)
			}
		}
	}
}

func TestPageNamesABarePlaceAsAnotherStoryDoes(t *testing.T) {
	p := &article.Page{Stories: []article.Story{
		{Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "本报讯 新乡市出台办法，支持企业研发。"}}},
		{Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "本报讯 项目在新乡落地生根，带动就业。"}}},
	}}
	Page(p, Options{Lexicon: testLexicon(t)})
	if got := p.Stories[1].Metadata.Places; !contains(got, "新乡市") {
		t.Errorf("second story's places %v miss 新乡市", got)
	}
}

func TestUserTermsAreTakenAsTagged(t *testing.T) {
	lx := testLexicon(t)
	terms := map[string]string{"冯立军": "nr", "柳园口": "ns", "豫水投": "nt"}
	for w, tag := range terms {
		if err := lx.AddTerm(w, tag); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for w := range terms {
			lx.RemoveTerm(w)
		}
	})
	st := article.Story{Paragraphs: []article.Paragraph{{Kind: article.ParaBody,
		Text: "冯立军在柳园口查看堤防，豫水投派出抢险队。"}}}
	Story(&st, Options{Lexicon: lx})
	m := st.Metadata
	if !contains(m.People, "冯立军") || !contains(m.Places, "柳园口") || !contains(m.Organizations, "豫水投") {
		t.Errorf("user terms not taken: people %v places %v organisations %v", m.People, m.Places, m.Organizations)
	}
}

func TestStoryCreditSetAsHeadlineOrSubhead(t *testing.T) {
	st := article.Story{Title: "春耕正当时", Subtitle: "——本报记者 王建华", Paragraphs: []article.Paragraph{
		{Kind: article.ParaSubhead, Text: "通讯员 陈梅"},
		{Kind: article.ParaBody, Text: "连日来，全县农民抢抓农时。"},
	}}
	Story(&st, Options{Lexicon: testLexicon(t)})
	want := []article.Byline{{Role: "本报记者", Name: "王建华"}, {Role: "通讯员", Name: "陈梅"}}
	if !reflect.DeepEqual(st.Byline, want) {
		t.Errorf("byline %v, want %v", st.Byline, want)
	}
}

// TestStoryDatelinesAsPrintedElsewhere: a correspondent's report that
// closes with an undated dateline in brackets (（本报柏林电）), and an old
// English page's dateline as OCR read it (LONDON, Jan. 1.?), are the
// story's dateline, and the English summary starts after it.
func TestStoryDatelinesAsPrintedElsewhere(t *testing.T) {
	lex := testLexicon(t)
	st := article.Story{Title: "柏林中小学配备专业社工", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "柏林市教育部门计划让所有中小学全部配备专业社工。"},
		{Kind: article.ParaCredit, Text: "（本报柏林电）"},
	}}
	Story(&st, Options{PageDate: "2020-01-07", Lexicon: lex})
	if st.Dateline != "本报柏林电" {
		t.Errorf("closing dateline %q, want 本报柏林电", st.Dateline)
	}
	en := article.Story{Title: "Fleet Sails", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "LONDON, Jan. 1.?The Admiralty announced to-day that the fleet had sailed. No more was said."},
	}}
	Story(&en, Options{PageDate: "1916-01-02", Lexicon: lex})
	if en.Dateline != "LONDON, Jan. 1" || !strings.HasPrefix(en.Metadata.Summary, "The Admiralty") {
		t.Errorf("dateline %q, summary %q; want LONDON, Jan. 1 and the text after it", en.Dateline, en.Metadata.Summary)
	}
}

// TestEnglishKeywordsAreNoFunctionWords: the words of an English headline
// that say nothing (off, upon, between) are no keywords; its nouns are.
func TestEnglishKeywordsAreNoFunctionWords(t *testing.T) {
	st := article.Story{Title: "Liner Torpedoed off Crete", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "A liner was torpedoed off Crete upon its way between ports, and the consul aboard was saved off the coast."},
	}}
	Story(&st, Options{PageDate: "1916-01-02", Lexicon: testLexicon(t)})
	for _, w := range []string{"off", "upon", "between"} {
		if contains(st.Metadata.Keywords, w) {
			t.Errorf("keywords %v hold %q", st.Metadata.Keywords, w)
		}
	}
	if !contains(st.Metadata.Keywords, "liner") && !contains(st.Metadata.Keywords, "crete") && !contains(st.Metadata.Keywords, "Crete") {
		t.Errorf("keywords %v: want the story's nouns", st.Metadata.Keywords)
	}
}

// TestTodayIsTheDatelinesDay: 今天 and 昨天 in a story count from the day
// its dateline is dated, not from the page's (a page of 1 January prints
// the report filed on 31 December); without a dated dateline, from the
// page's.
func TestTodayIsTheDatelinesDay(t *testing.T) {
	lex := testLexicon(t)
	st := article.Story{Title: "跨年夜活动举行", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "本报北京12月31日电 今天晚上，首都多地举行跨年活动。昨天，相关部门发布了出行提示。"},
	}}
	Story(&st, Options{PageDate: "2020-01-01", Lexicon: lex})
	want := []article.Date{{Text: "12月31日", Value: "2019-12-31"}, {Text: "今天", Value: "2019-12-31"}, {Text: "昨天", Value: "2019-12-30"}}
	if !reflect.DeepEqual(st.Metadata.Dates, want) {
		t.Errorf("dates %v, want %v", st.Metadata.Dates, want)
	}
	bare := article.Story{Title: "跨年夜活动举行", Paragraphs: []article.Paragraph{
		{Kind: article.ParaBody, Text: "本报讯 今天，首都多地举行新年活动。"},
	}}
	Story(&bare, Options{PageDate: "2020-01-01", Lexicon: lex})
	if want := []article.Date{{Text: "今天", Value: "2020-01-01"}}; !reflect.DeepEqual(bare.Metadata.Dates, want) {
		t.Errorf("dates %v, want %v", bare.Metadata.Dates, want)
	}
}
