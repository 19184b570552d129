package export

import "github.com/galley/galley/article"

// sampleStory is a made-up story with every part a story can have: kicker,
// title, subtitle, dateline, byline, body, subhead, caption, credit, and
// markup characters that each format must escape.
func sampleStory() *article.Story {
	st := &article.Story{
		ID:       42,
		PageID:   7,
		Order:    1,
		Kind:     article.KindArticle,
		Kicker:   "城乡融合发展观察",
		Title:    "清河县新建十二座社区图书馆",
		Subtitle: "全年借阅量突破30万册",
		Dateline: "本报讯",
		Byline: []article.Byline{
			{Role: "记者", Name: "周明远"},
			{Role: "通讯员", Name: "林小雨"},
			{Role: "通讯员", Name: "陈东"},
		},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "本报讯 （记者 周明远 通讯员 林小雨 陈东）今年以来，清河县在12个乡镇新建社区图书馆，居民步行15分钟即可借书。", Start: 10, End: 120},
			{Kind: article.ParaSubhead, Text: "书香进社区", Start: 121, End: 136},
			{Kind: article.ParaBody, Text: "图书馆采用“总馆+分馆”模式，<数字阅读> & 纸质借阅同步开放，A&B Library 项目已覆盖全县。", Start: 137, End: 260},
			{Kind: article.ParaCaption, Text: "图为居民在新建的社区图书馆阅读。", Start: 261, End: 300},
			{Kind: article.ParaCredit, Text: "本报记者 周明远 摄", Start: 301, End: 320},
		},
		Source: article.Source{File: "2024-03-05_page02.txt", SHA256: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", Start: 10, End: 320},
		Metadata: article.Metadata{
			Dates:         []article.Date{{Text: "今年以来"}, {Text: "3月5日", Value: "2024-03-05"}},
			People:        []string{"周明远"},
			Places:        []string{"清河县"},
			Organizations: []string{"清河县图书馆"},
			Keywords:      []string{"社区图书馆", "借阅", "清河县"},
			Summary:       "清河县新建十二座社区图书馆，全年借阅量突破30万册。",
			Chars:         140,
		},
		Flags:  []article.Flag{{Kind: article.FlagUncertain, Message: "check the subhead", Paragraph: 1, Start: 121, End: 136}},
		Status: article.StatusChecked,
		Notes:  "photo from the archive",
		Edits:  []article.Edit{{Rule: "cjk-space", Start: 20, End: 23, Before: "县 在", After: "县在", Paragraph: 0, Offset: 30}},
	}
	return st
}

// englishStory is a made-up English story without headline fields beyond
// the title.
func englishStory() *article.Story {
	return &article.Story{
		Title:    "River Park Opens: 3 Miles of Trails",
		Dateline: "RIVERTON, March 5",
		Byline:   []article.Byline{{Role: "By", Name: "Ann Lee"}},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "The park opened on Tuesday with 3 miles of trails."},
			{Kind: article.ParaBody, Text: "1. Bring water.\n- Wear *good* shoes."},
		},
	}
}
