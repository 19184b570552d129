package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func TestAddPageReadsBackWhole(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	id := mustAdd(t, a, p)
	if id == 0 || p.ID != id || p.Stories[0].ID == 0 || p.Stories[1].PageID != id {
		t.Fatalf("ids not filled: page %d, stories %+v", id, p.Stories)
	}
	got, err := a.Page(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != p.Text || got.Date != p.Date || got.SHA256 != p.SHA256 || !reflect.DeepEqual(got.Edits, p.Edits) {
		t.Errorf("page fields differ: %+v", got)
	}
	if len(got.Stories) != 2 {
		t.Fatalf("got %d stories, want 2", len(got.Stories))
	}
	want := p.Stories[0]
	want.Source.File, want.Source.SHA256 = p.File, p.SHA256 // filled from the page
	st := got.Stories[0]
	if !reflect.DeepEqual(st, want) {
		t.Errorf("story read back differs:\n got %+v\nwant %+v", st, want)
	}
	if s, err := a.Story(ctx, p.Stories[1].ID); err != nil || !s.HasFlag(article.FlagTruncated) || s.Status != article.StatusNew {
		t.Errorf("Story: %+v, %v", s, err)
	}
	revs, err := a.Revisions(ctx, st.ID)
	if err != nil || len(revs) != 1 || revs[0].N != 1 || revs[0].Author != ImportAuthor {
		t.Errorf("revisions after import: %+v, %v", revs, err)
	}
	list, err := a.Stories(ctx, StoryFilter{})
	if err != nil || len(list) != 2 || list[0].Headline != want.Title || list[1].Flags != 1 || list[0].PageDate != p.Date {
		t.Errorf("Stories: %+v, %v", list, err)
	}
	if _, err := a.Story(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing story: %v, want ErrNotFound", err)
	}
}

func TestSamePageTwiceIsReportedNotDuplicated(t *testing.T) {
	a, _ := openTemp(t)
	first := mustAdd(t, a, testPage(1))
	again := testPage(1)
	again.File = "copy-of-page.txt"
	id, err := a.AddPage(ctx, again)
	var dup *DuplicateError
	if !errors.Is(err, ErrDuplicate) || !errors.As(err, &dup) || dup.PageID != first || id != first {
		t.Fatalf("second import: id %d, err %v; want duplicate of page %d", id, err, first)
	}
	if !strings.Contains(err.Error(), "copy-of-page.txt") || !strings.Contains(err.Error(), "already imported as page") {
		t.Errorf("message %q should name the file and the page", err)
	}
	if again.Stories[0].ID != 0 {
		t.Error("story ids set although nothing was stored")
	}
	pages, _ := a.Pages(ctx, PageFilter{})
	stories, _ := a.Stories(ctx, StoryFilter{})
	if len(pages) != 1 || len(stories) != 2 {
		t.Errorf("after duplicate: %d pages, %d stories; want 1, 2", len(pages), len(stories))
	}
	if got, err := a.PageBySHA256(ctx, strings.ToUpper(again.SHA256)); err != nil || got != first {
		t.Errorf("PageBySHA256: %d, %v", got, err)
	}
}

func TestSaveAddsRevisionsThatCanBeRestored(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	st, _ := a.Story(ctx, id)
	st.Title = "郑州推进企业创新"
	st.Paragraphs[1].Text = "今年全市新增省级实验室三家。"
	n, err := a.SaveStory(ctx, st, "editor", "")
	if err != nil || n != 2 {
		t.Fatalf("save: revision %d, %v", n, err)
	}
	if n, err := a.SaveStory(ctx, st, "editor", ""); err != nil || n != 2 {
		t.Errorf("saving the same content again: revision %d, %v; want 2 and no new revision", n, err)
	}
	revs, _ := a.Revisions(ctx, id)
	if len(revs) != 2 || revs[1].Author != "editor" || revs[1].Message != "title, paragraph 2" {
		t.Errorf("revisions: %+v", revs)
	}
	old, err := a.Revision(ctx, id, 1)
	if err != nil || old.Title != p.Stories[0].Title || !reflect.DeepEqual(old.Edits, p.Stories[0].Edits) {
		t.Errorf("revision 1: %+v, %v", old, err)
	}
	if hits, _ := a.Search(ctx, "实验室", SearchFilter{}); len(hits) != 1 || hits[0].Story.ID != id {
		t.Errorf("search for the saved word: %+v", hits)
	}
	n, err = a.RestoreRevision(ctx, id, 1, st.Revision, "chief")
	if err != nil || n != 3 {
		t.Fatalf("restore: %d, %v", n, err)
	}
	cur, _ := a.Story(ctx, id)
	if cur.Title != p.Stories[0].Title || cur.Paragraphs[1].Text != p.Stories[0].Paragraphs[1].Text {
		t.Errorf("after restore: %q / %q", cur.Title, cur.Paragraphs[1].Text)
	}
	revs, _ = a.Revisions(ctx, id)
	if revs[2].Message != "restored revision 1" || revs[2].Author != "chief" {
		t.Errorf("restore revision: %+v", revs[2])
	}
	if hits, _ := a.Search(ctx, "实验室", SearchFilter{}); len(hits) != 0 {
		t.Errorf("restored story still found by the removed word: %+v", hits)
	}
	if _, err := a.Revision(ctx, id, 9); !errors.Is(err, ErrNotFound) {
		t.Errorf("revision 9: %v", err)
	}
	checkOK(t, a)
}

func TestStatusWorkflowRecordsWhoAndWhen(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	for _, s := range []article.Status{article.StatusInProgress, article.StatusChecked, article.StatusApproved, article.StatusInProgress} {
		if err := a.SetStatus(ctx, id, s, "王编辑"); err != nil {
			t.Fatal(err)
		}
	}
	hist, err := a.StatusHistory(ctx, id)
	if err != nil || len(hist) != 5 || hist[0].Status != article.StatusNew || hist[4].Status != article.StatusInProgress || hist[4].By != "王编辑" || hist[4].At.IsZero() {
		t.Errorf("history: %+v, %v", hist, err)
	}
	list, _ := a.Stories(ctx, StoryFilter{Status: article.StatusInProgress})
	if len(list) != 1 || list[0].ID != id || list[0].StatusBy != "王编辑" {
		t.Errorf("filter by status: %+v", list)
	}
	if err := a.SetStatus(ctx, id, "done", "x"); err == nil {
		t.Error("unknown status accepted")
	}
	if err := a.SetStatus(ctx, 999, article.StatusChecked, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing story: %v", err)
	}
}

func TestReplaceStoriesSplitsAndMergesAtomically(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	pageID := mustAdd(t, a, p)
	first, second := p.Stories[0], p.Stories[1]

	// Split the first story after its first paragraph.
	head := first
	head.Paragraphs = first.Paragraphs[:1]
	tail := article.Story{Title: "研发平台新增", Paragraphs: first.Paragraphs[1:]}
	ids, err := a.ReplaceStories(ctx, pageID, []article.Story{head, tail, second}, "editor", "split story")
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 || ids[0] != first.ID || ids[2] != second.ID || ids[1] == 0 {
		t.Fatalf("ids %v", ids)
	}
	list, _ := a.Stories(ctx, StoryFilter{PageID: pageID})
	if len(list) != 3 || list[1].ID != ids[1] || list[1].Order != 1 || list[2].Order != 2 {
		t.Errorf("order after split: %+v", list)
	}
	revs, _ := a.Revisions(ctx, ids[1])
	if len(revs) != 1 || revs[0].Message != "split story" {
		t.Errorf("new story revisions: %+v", revs)
	}

	// Merge them back and drop the second story.
	merged, _ := a.Story(ctx, ids[0])
	newTail, _ := a.Story(ctx, ids[1])
	merged.Paragraphs = append(merged.Paragraphs, newTail.Paragraphs...)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*merged}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}
	list, _ = a.Stories(ctx, StoryFilter{PageID: pageID})
	if len(list) != 1 || list[0].ID != first.ID {
		t.Errorf("after merge: %+v", list)
	}
	if hits, _ := a.Search(ctx, "newsroom", SearchFilter{}); len(hits) != 0 {
		t.Errorf("deleted story still in the index: %+v", hits)
	}
	// A story of another page is refused, and nothing changes.
	other := testPage(2)
	mustAdd(t, a, other)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*merged, other.Stories[0]}, "editor", ""); err == nil {
		t.Error("a story of another page was accepted")
	}
	list, _ = a.Stories(ctx, StoryFilter{PageID: pageID})
	if len(list) != 1 {
		t.Errorf("a refused replacement changed the page: %+v", list)
	}
	checkOK(t, a)
}

func TestTermsAndSettingsPersist(t *testing.T) {
	a, path := openTemp(t)
	if err := a.AddTerm(ctx, "段利梅", "nr"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddTerm(ctx, "某词", "zz"); err == nil {
		t.Error("bad tag accepted")
	}
	if err := a.SetSetting(ctx, "window", "1200x800"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	terms, _ := b.Terms(ctx)
	if len(terms) != 1 || terms[0].Word != "段利梅" || terms[0].Tag != "nr" {
		t.Errorf("terms after reopen: %+v", terms)
	}
	if !b.Lexicon().Known("段利梅") {
		t.Error("the archive's term was not fed to the lexicon")
	}
	if v, _ := b.Setting(ctx, "window"); v != "1200x800" {
		t.Errorf("setting: %q", v)
	}
	if v, err := b.Setting(ctx, "nothing"); v != "" || err != nil {
		t.Errorf("unset setting: %q, %v", v, err)
	}
	if err := b.RemoveTerm(ctx, "段利梅"); err != nil {
		t.Fatal(err)
	}
	if err := b.RemoveTerm(ctx, "段利梅"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing again: %v", err)
	}
}

func TestStoriesContainingFindsSubstrings(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	ids, err := a.StoriesContaining(ctx, "段利梅")
	if err != nil || len(ids) != 1 || ids[0] != p.Stories[0].ID {
		t.Errorf("StoriesContaining: %v, %v", ids, err)
	}
	if ids, _ := a.StoriesContaining(ctx, "不存在的词"); len(ids) != 0 {
		t.Errorf("absent word: %v", ids)
	}
}

func checkOK(t *testing.T, a *Archive) {
	t.Helper()
	r, err := a.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK {
		t.Errorf("check: %v", r.Problems)
	}
}
