package storage

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/galley/galley/article"
)

// Two editors open the same story; the second to save must hear of the
// first one's save instead of overwriting it.
func TestSaveOverANewerRevisionIsAConflict(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	mine, _ := a.Story(ctx, id)
	theirs, _ := a.Story(ctx, id)
	if mine.Revision != 1 || theirs.Revision != 1 {
		t.Fatalf("a freshly imported story reads at revision %d/%d, want 1", mine.Revision, theirs.Revision)
	}
	theirs.Title = "他们的标题 实验室"
	if n, err := a.SaveStory(ctx, theirs, "李编辑", ""); err != nil || n != 2 || theirs.Revision != 2 {
		t.Fatalf("first save: revision %d (story says %d), %v", n, theirs.Revision, err)
	}

	mine.Title = "我的标题 博物馆"
	_, err := a.SaveStory(ctx, mine, "王编辑", "")
	var ce *ConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &ce) {
		t.Fatalf("save over a newer revision: %v, want a *ConflictError", err)
	}
	if ce.StoryID != id || ce.Base != 1 || ce.Current != 2 || ce.By != "李编辑" || ce.At.IsZero() {
		t.Errorf("conflict: %+v", ce)
	}
	if msg := err.Error(); !strings.Contains(msg, "李编辑") || !strings.Contains(msg, "nothing was saved") {
		t.Errorf("conflict message does not say who saved and that nothing was saved: %s", msg)
	}
	if mine.Revision != 1 || mine.Title != "我的标题 博物馆" {
		t.Errorf("a refused save changed the editor's copy: revision %d, title %q", mine.Revision, mine.Title)
	}
	cur, _ := a.Story(ctx, id)
	revs, _ := a.Revisions(ctx, id)
	if cur.Title != "他们的标题 实验室" || len(revs) != 2 {
		t.Errorf("after the refused save the archive holds %q with %d revisions", cur.Title, len(revs))
	}
	if hits, _ := a.Search(ctx, "博物馆", SearchFilter{}); len(hits) != 0 {
		t.Errorf("the refused text reached the search index: %+v", hits)
	}

	// Keep mine: the editor has seen theirs and saves over it knowingly.
	mine.Revision = ce.Current
	if n, err := a.SaveStory(ctx, mine, "王编辑", ""); err != nil || n != 3 {
		t.Fatalf("keep mine: %d, %v", n, err)
	}
	// A stale copy whose content is what the archive holds loses nothing.
	theirs.Title = mine.Title
	if n, err := a.SaveStory(ctx, theirs, "李编辑", ""); err != nil || n != 3 || theirs.Revision != 3 {
		t.Errorf("stale copy with the current content: %d (story at %d), %v; want 3 and no conflict", n, theirs.Revision, err)
	}
	// A story not read from the archive names no base: refused.
	loose := *cur
	loose.Revision = 0
	loose.Title = "无来历"
	if _, err := a.SaveStory(ctx, &loose, "x", ""); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "no base revision") {
		t.Errorf("save without a base revision: %v", err)
	}
	checkOK(t, a)
}

func TestRestoreOverANewerRevisionIsAConflict(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	st, _ := a.Story(ctx, id)
	st.Title = "第二版"
	a.SaveStory(ctx, st, "李编辑", "")
	if _, err := a.RestoreRevision(ctx, id, 1, 1, "王编辑"); !errors.Is(err, ErrConflict) {
		t.Errorf("restore based on revision 1 while 2 is current: %v", err)
	}
	if n, err := a.RestoreRevision(ctx, id, 1, 2, "王编辑"); err != nil || n != 3 {
		t.Errorf("restore based on the current revision: %d, %v", n, err)
	}
}

// A rearrangement of a page with one stale story is refused whole: no
// story saved, none added, the caller's list untouched.
func TestReplaceStoriesWithAStaleStoryIsRefusedWhole(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	pageID := mustAdd(t, a, p)
	page, _ := a.StoriesFull(ctx, StoryFilter{PageID: pageID})
	// Someone else edits the second story meanwhile.
	other, _ := a.Story(ctx, page[1].ID)
	other.Notes = "checked the figures"
	if _, err := a.SaveStory(ctx, other, "李编辑", ""); err != nil {
		t.Fatal(err)
	}
	page[0].Title = "新标题"
	page[1].Title = "也改了"
	list := []article.Story{page[0], {Title: "新稿", Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "新段落。"}}}, page[1]}
	_, err := a.ReplaceStories(ctx, pageID, list, "王编辑", "split")
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.StoryID != page[1].ID || ce.Base != 1 || ce.Current != 2 {
		t.Fatalf("rearrangement over a newer revision: %v", err)
	}
	if list[1].ID != 0 || list[0].Revision != 1 {
		t.Errorf("a refused rearrangement changed the caller's list: new story id %d, first story at revision %d", list[1].ID, list[0].Revision)
	}
	now, _ := a.Stories(ctx, StoryFilter{PageID: pageID})
	if len(now) != 2 || now[0].Revision != 1 || now[0].Headline != p.Stories[0].Headline() {
		t.Errorf("a refused rearrangement changed the page: %+v", now)
	}
	checkOK(t, a)
}

// Editors on separate connections save the same story at once, each based
// on what it read: every save either lands on the revision it read or is
// reported as a conflict. No save is lost silently.
func TestConcurrentSavesLoseNoUpdate(t *testing.T) {
	a, path := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	const editors, rounds = 4, 5
	var mu sync.Mutex
	saved, conflicts := map[int]string{}, 0
	var wg sync.WaitGroup
	for e := 0; e < editors; e++ {
		b, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		wg.Add(1)
		go func(e int, b *Archive) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				st, err := b.Story(ctx, id)
				if err != nil {
					t.Error(err)
					return
				}
				note := fmt.Sprintf("editor %d round %d", e, r)
				st.Notes = note
				base := st.Revision
				n, err := b.SaveStory(ctx, st, fmt.Sprintf("editor%d", e), "")
				mu.Lock()
				switch {
				case errors.Is(err, ErrConflict):
					conflicts++
				case err != nil:
					t.Errorf("editor %d: %v", e, err)
				case n != base+1:
					// Saved over revisions this editor never saw: a lost update.
					t.Errorf("editor %d read revision %d and its save became %d", e, base, n)
				default:
					if prev, dup := saved[n]; dup {
						t.Errorf("revision %d saved twice: %q and %q", n, prev, note)
					}
					saved[n] = note
				}
				mu.Unlock()
			}
		}(e, b)
	}
	wg.Wait()
	revs, _ := a.Revisions(ctx, id)
	t.Logf("%d saves, %d conflicts", len(saved), conflicts)
	if len(revs) != len(saved)+1 || len(saved)+conflicts != editors*rounds {
		t.Errorf("%d revisions for %d successful saves (+1 import) and %d conflicts of %d", len(revs), len(saved), conflicts, editors*rounds)
	}
	for n, note := range saved {
		st, err := a.Revision(ctx, id, n)
		if err != nil || st.Notes != note {
			t.Errorf("revision %d holds %q, want %q (%v)", n, st.Notes, note, err)
		}
	}
}
