package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// A story merged away and put back (undo of the merge) is the same story:
// its id, every revision and its status history, and it is found again;
// meanwhile no new story takes its id.
func TestMergedStoryComesBackWhole(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	pageID := mustAdd(t, a, p)
	first, second := p.Stories[0], p.Stories[1]
	if err := a.SetStatus(ctx, second.ID, article.StatusChecked, "desk"); err != nil {
		t.Fatal(err)
	}
	edited, _ := a.Story(ctx, second.ID)
	edited.Title = "Newsroom tools for copy editors"
	if _, err := a.SaveStory(ctx, edited, "editor", ""); err != nil {
		t.Fatal(err)
	}
	wantRevs, _ := a.Revisions(ctx, second.ID)
	wantStatus, _ := a.StatusHistory(ctx, second.ID)
	before, _ := a.Story(ctx, second.ID)

	merged, _ := a.Story(ctx, first.ID)
	merged.Paragraphs = append(merged.Paragraphs, before.Paragraphs...)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*merged}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Story(ctx, second.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("merged-away story: %v", err)
	}
	// A page imported meanwhile gets ids of its own.
	other := testPage(2)
	mustAdd(t, a, other)
	for _, st := range other.Stories {
		if st.ID == second.ID {
			t.Fatalf("a new story took the merged-away story's id %d", st.ID)
		}
	}
	checkOK(t, a)

	// Undo: the page's stories as they were.
	firstBefore := first
	firstBefore.Order = 0
	now, _ := a.Story(ctx, first.ID)
	firstBefore.Revision = now.Revision // the undo is based on the merge
	ids, err := a.ReplaceStories(ctx, pageID, []article.Story{firstBefore, *before}, "editor", "undo merge")
	if err != nil {
		t.Fatal(err)
	}
	if ids[1] != second.ID {
		t.Fatalf("the story came back as %d, was %d", ids[1], second.ID)
	}
	got, err := a.Story(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != before.Title || got.Status != article.StatusChecked || got.Order != 1 {
		t.Fatalf("story back as %q, %s, order %d", got.Title, got.Status, got.Order)
	}
	revs, _ := a.Revisions(ctx, second.ID)
	status, _ := a.StatusHistory(ctx, second.ID)
	if !reflect.DeepEqual(revs, wantRevs) {
		t.Errorf("revisions after undo:\n%+v\nwant\n%+v", revs, wantRevs)
	}
	if !reflect.DeepEqual(status, wantStatus) {
		t.Errorf("status history after undo:\n%+v\nwant\n%+v", status, wantStatus)
	}
	if r1, err := a.Revision(ctx, second.ID, 1); err != nil || r1.Title != second.Title {
		t.Errorf("revision 1 after undo: %v %v", r1, err)
	}
	if hits, _ := a.Search(ctx, "copy editors", SearchFilter{}); len(hits) != 1 || hits[0].Story.ID != second.ID {
		t.Errorf("the story is not found again: %+v", hits)
	}
	checkOK(t, a)

	// A story of another page, or one never taken off this page, is still
	// refused.
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{firstBefore, *before, other.Stories[0]}, "editor", ""); err == nil {
		t.Error("a story of another page was accepted")
	}
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{firstBefore, {ID: 999}}, "editor", ""); err == nil {
		t.Error("an unknown story id was accepted")
	}
}

// The same page in another encoding decodes to the same text: it is a
// duplicate of the page stored first, even though its bytes differ; also
// in an archive made before the text was hashed.
func TestSameTextInAnotherEncodingIsADuplicate(t *testing.T) {
	a, path := openTemp(t)
	p := testPage(1)
	first := mustAdd(t, a, p)
	again := testPage(1)
	again.File, again.SHA256 = "page-001-gbk.txt", strings.Repeat("ab", 32)
	_, err := a.AddPage(ctx, again)
	var dup *DuplicateError
	if !errors.As(err, &dup) || dup.PageID != first || !dup.SameText || !strings.Contains(err.Error(), "another encoding") {
		t.Fatalf("same text, other bytes: %v", err)
	}
	if pages, _ := a.Pages(ctx, PageFilter{}); len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	// An archive of schema 2 (no text hash, no page images) gets its pages
	// hashed when it is opened.
	toSchema(t, a, 2)
	a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.AddPage(ctx, again); !errors.As(err, &dup) || !dup.SameText {
		t.Fatalf("after migrating: %v", err)
	}
	checkOK(t, b)
}

// Amending replaces the current revision when it is the editor's own (an
// autosave of the same burst): one revision for the burst, its message
// measured from the revision before. Someone else's revision, the import's
// revision 1, or a stale base are never amended.
func TestAmendStoryReplacesOnlyTheEditorsOwnLatestRevision(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	st, _ := a.Story(ctx, id)
	st.Title = "一改"
	if n, err := a.AmendStory(ctx, st, "ed", ""); err != nil || n != 2 {
		t.Fatalf("amending revision 1 (the import's): %d %v", n, err)
	}
	st.Subtitle = "二改"
	if n, err := a.AmendStory(ctx, st, "ed", ""); err != nil || n != 2 {
		t.Fatalf("amending the editor's own revision: %d %v", n, err)
	}
	revs, _ := a.Revisions(ctx, id)
	if len(revs) != 2 || !strings.Contains(revs[1].Message, "title") || !strings.Contains(revs[1].Message, "subtitle") {
		t.Fatalf("revisions after a burst: %+v", revs)
	}
	if r2, _ := a.Revision(ctx, id, 2); r2.Title != "一改" || r2.Subtitle != "二改" {
		t.Fatalf("revision 2 holds %q %q", r2.Title, r2.Subtitle)
	}
	st.Title = "他改"
	if n, err := a.AmendStory(ctx, st, "other", ""); err != nil || n != 3 {
		t.Fatalf("another editor's amend: %d %v", n, err)
	}
	stale := *st
	stale.Revision = 2
	stale.Title = "旧的"
	if _, err := a.AmendStory(ctx, &stale, "other", ""); !errors.Is(err, ErrConflict) {
		t.Fatalf("amend on a stale base: %v", err)
	}
	checkOK(t, a)
}

// The change mark moves with every change another connection makes: a
// page, a save, a status change.
func TestChangeMarkFollowsOtherConnections(t *testing.T) {
	a, path := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	mark := func() string {
		m, err := a.ChangeMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	last := mark()
	for name, change := range map[string]func() error{
		"status": func() error { return b.SetStatus(ctx, p.Stories[0].ID, article.StatusChecked, "x") },
		"save": func() error {
			st, _ := b.Story(ctx, p.Stories[1].ID)
			st.Title = "改过"
			_, err := b.SaveStory(ctx, st, "x", "")
			return err
		},
		"page": func() error { _, err := b.AddPage(ctx, testPage(2)); return err },
	} {
		if err := change(); err != nil {
			t.Fatal(err)
		}
		if m := mark(); m == last {
			t.Errorf("%s: the mark did not move", name)
		} else {
			last = m
		}
	}
}
