package storage

import (
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func TestSearchFindsChineseAndLatinWordsWithSnippet(t *testing.T) {
	a, _ := openTemp(t)
	p1, p2 := testPage(1), testPage(2)
	mustAdd(t, a, p1)
	mustAdd(t, a, p2)

	hits, err := a.Search(ctx, "研发", SearchFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 {
		t.Fatalf("研发: %d hits, want the first story of both pages", len(hits))
	}
	h := hits[0]
	if !strings.Contains(h.Snippet, "研发") || len(h.Marks) == 0 {
		t.Errorf("snippet %q marks %v", h.Snippet, h.Marks)
	}
	for _, m := range h.Marks {
		if got := h.Snippet[m[0]:m[1]]; got != "研发" {
			t.Errorf("mark %v covers %q, want 研发", m, got)
		}
	}

	// Latin words, any case; all words must occur.
	if hits, _ := a.Search(ctx, "GALLEY Newsroom", SearchFilter{}); len(hits) != 2 || hits[0].Story.Kind != article.KindArticle {
		t.Errorf("galley newsroom: %+v", hits)
	}
	if hits, _ := a.Search(ctx, "newsroom 研发", SearchFilter{}); len(hits) != 0 {
		t.Errorf("words of two different stories matched one: %+v", hits)
	}
	// Names (byline, people) are indexed.
	if hits, _ := a.Search(ctx, "郑州", SearchFilter{}); len(hits) != 2 {
		t.Errorf("place from metadata: %d hits", len(hits))
	}
	// Filters: page, status, date.
	if hits, _ := a.Search(ctx, "研发", SearchFilter{PageID: p2.ID}); len(hits) != 1 || hits[0].Story.PageID != p2.ID {
		t.Errorf("page filter: %+v", hits)
	}
	a.SetStatus(ctx, p1.Stories[0].ID, article.StatusChecked, "ed")
	if hits, _ := a.Search(ctx, "研发", SearchFilter{Status: article.StatusChecked}); len(hits) != 1 || hits[0].Story.ID != p1.Stories[0].ID {
		t.Errorf("status filter: %+v", hits)
	}
	if hits, _ := a.Search(ctx, "研发", SearchFilter{DateFrom: p2.Date, DateTo: p2.Date}); len(hits) != 1 || hits[0].Story.PageDate != p2.Date {
		t.Errorf("date filter: %+v", hits)
	}
	// Query syntax is just text.
	if _, err := a.Search(ctx, `"研发" OR NEAR(`, SearchFilter{}); err != nil {
		t.Errorf("query with FTS5 syntax: %v", err)
	}
	if hits, err := a.Search(ctx, "  ", SearchFilter{}); err != nil || len(hits) != 0 {
		t.Errorf("empty query: %v %v", hits, err)
	}
}

func TestSearchRanksHeadlineAboveBody(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	// The word only in the body of story 0, in the title of story 1.
	p.Stories[0].Paragraphs[1].Text += " 新闻出版行业也在变化。"
	p.Stories[1].Title = "新闻出版"
	mustAdd(t, a, p)
	hits, _ := a.Search(ctx, "出版", SearchFilter{})
	if len(hits) != 2 || hits[0].Story.ID != p.Stories[1].ID {
		t.Errorf("ranking: %+v", hits)
	}
}

func TestSnippetCutsAroundFirstMatch(t *testing.T) {
	body := strings.Repeat("前文", 40) + "关键词出现在这里" + strings.Repeat("后文", 60)
	s, marks := snippet("标题", body, []string{"关键词"})
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet not cut on both sides: %q", s)
	}
	if len(marks) != 1 || s[marks[0][0]:marks[0][1]] != "关键词" {
		t.Errorf("marks %v in %q", marks, s)
	}
	if n := len([]rune(s)); n > snippetBefore+snippetAfter+2 {
		t.Errorf("snippet of %d runes", n)
	}
	// No match in the body: the title is shown.
	if s, _ := snippet("关键词标题", "正文", []string{"关键词"}); s != "关键词标题" {
		t.Errorf("title snippet %q", s)
	}
}

func TestReindexFindsANewTermInOldStories(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	// An invented name the dictionary cannot know, which gse's guess for
	// unknown words runs together with the character before it.
	p.Stories[1].Paragraphs[0].Text = "编辑部主任骁羿翀昨天宣布了新规则。"
	mustAdd(t, a, p)
	if hits, _ := a.Search(ctx, "羿翀", SearchFilter{}); len(hits) != 0 {
		t.Skipf("the lexicon already cuts 羿翀 as one word: %d hits", len(hits))
	}
	if err := a.AddTerm(ctx, "羿翀", "nr"); err != nil {
		t.Fatal(err)
	}
	if hits, _ := a.Search(ctx, "羿翀", SearchFilter{}); len(hits) != 0 {
		t.Errorf("found before the index was rebuilt: the test shows nothing")
	}
	ids, _ := a.StoriesContaining(ctx, "羿翀")
	if err := a.Reindex(ctx, ids); err != nil {
		t.Fatal(err)
	}
	hits, _ := a.Search(ctx, "羿翀", SearchFilter{})
	if len(hits) != 1 || hits[0].Story.ID != p.Stories[1].ID {
		t.Errorf("after reindex: %+v", hits)
	}
	checkOK(t, a)
}

func TestDateCoverUsesFewTokens(t *testing.T) {
	cases := map[[2]string]string{
		{"2020-06-23", "2020-06-23"}: "d20200623",
		{"2020-06-29", "2020-08-02"}: "d20200629 d20200630 m202007 d20200801 d20200802",
		{"2019-12-31", "2021-01-01"}: "d20191231 y2020 d20210101",
		{"2020-03-01", "2020-02-01"}: "",
	}
	for in, want := range cases {
		if got := strings.Join(dateCover(in[0], in[1]), " "); got != want {
			t.Errorf("dateCover%v = %q, want %q", in, got, want)
		}
	}
}

func TestSearchDateRangeAcrossMonths(t *testing.T) {
	a, _ := openTemp(t)
	dates := []string{"2020-05-31", "2020-06-01", "2020-06-30", "2020-07-01", ""}
	for i, d := range dates {
		p := testPage(i)
		p.Date = d
		mustAdd(t, a, p)
	}
	count := func(from, to string) int {
		hits, err := a.Search(ctx, "研发", SearchFilter{DateFrom: from, DateTo: to})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	for _, c := range []struct {
		from, to string
		want     int
	}{
		{"2020-06-01", "2020-06-30", 2}, {"2020-05-31", "2020-07-01", 4}, {"2020-06-15", "", 2},
		{"", "2020-05-31", 1}, {"2021-01-01", "", 0}, {"", "", 5},
	} {
		if got := count(c.from, c.to); got != c.want {
			t.Errorf("from %q to %q: %d hits, want %d", c.from, c.to, got, c.want)
		}
	}
}

func TestCheckFindsAnIndexOutOfStep(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	checkOK(t, a)
	// What a bug or a tool writing SQL behind Galley's back would leave.
	if _, err := a.db.Exec(`UPDATE stories SET status = 'approved' WHERE id = ?`, p.Stories[0].ID); err != nil {
		t.Fatal(err)
	}
	key := "rowid"
	if backend == postgresDialect {
		key = "story_id"
	}
	if _, err := a.db.Exec(`DELETE FROM story_fts WHERE `+key+` = ?`, p.Stories[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.Exec(`UPDATE stories SET indexed_rev = 0 WHERE id = ?`, p.Stories[0].ID); err != nil {
		t.Fatal(err)
	}
	r, err := a.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(r.Problems, "\n")
	// SQLite's index holds the status as a facet, PostgreSQL's joins it.
	if r.OK || !strings.Contains(all, "stories missing from it: 1") || !strings.Contains(all, "indexed at an old revision: 1") ||
		(backend == sqliteDialect && !strings.Contains(all, "status approved: 1, the index says 0")) {
		t.Errorf("check: %+v", r)
	}
	if err := a.Reindex(ctx, []int64{p.Stories[0].ID, p.Stories[1].ID}); err != nil {
		t.Fatal(err)
	}
	checkOK(t, a)
}
