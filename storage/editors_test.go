package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/galley/galley/article"
)

func TestApprovingIsForTheNamedEditors(t *testing.T) {
	a, _ := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	one, two := p.Stories[0].ID, p.Stories[1].ID
	// Before anyone is named, anyone may approve (a new archive works).
	if ok, _ := a.MayApprove(ctx, "李编辑"); !ok {
		t.Error("with no approvers named, an editor may not approve")
	}
	if err := a.SetApprover(ctx, "总编", true, "李编辑"); err != nil {
		t.Fatal(err)
	}
	if names, _ := a.Approvers(ctx); len(names) != 1 || names[0] != "总编" {
		t.Errorf("approvers: %v", names)
	}
	err := a.SetStatus(ctx, one, article.StatusApproved, "李编辑")
	if !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("approval by an editor who is no approver: %v", err)
	}
	if hist, _ := a.StatusHistory(ctx, one); len(hist) != 1 {
		t.Errorf("the refused approval was recorded: %+v", hist)
	}
	if err := a.SetStatus(ctx, one, article.StatusChecked, "李编辑"); err != nil {
		t.Errorf("checking is for everyone: %v", err)
	}
	if err := a.SetStatus(ctx, one, article.StatusApproved, "总编"); err != nil {
		t.Fatalf("approval by the approver: %v", err)
	}
	if err := a.SetStatus(ctx, one, article.StatusInProgress, "李编辑"); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("an approved story sent back by a non-approver: %v", err)
	}
	if err := a.SetApprover(ctx, "李编辑", true, "李编辑"); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("a non-approver named himself: %v", err)
	}
	if err := a.SetApprover(ctx, "李编辑", true, "总编"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetStatus(ctx, two, article.StatusApproved, "李编辑"); err != nil {
		t.Errorf("the newly named approver: %v", err)
	}
	if err := a.SetApprover(ctx, "王编辑", false, "总编"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing someone who is no approver: %v", err)
	}
	checkOK(t, a)
}

func TestLeasesShowWhoHasAStoryOpen(t *testing.T) {
	a, name := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	b, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if others, err := a.HoldLease(ctx, id, "王编辑", 0); err != nil || len(others) != 0 {
		t.Fatalf("first lease: %+v, %v", others, err)
	}
	others, err := b.HoldLease(ctx, id, "李编辑", 0)
	if backend == sqliteDialect {
		// One editor's file keeps no leases.
		if err != nil || len(others) != 0 {
			t.Errorf("SQLite leases: %+v, %v", others, err)
		}
		return
	}
	if err != nil || len(others) != 1 || others[0].Holder != "王编辑" || time.Since(others[0].Since) > time.Minute {
		t.Fatalf("the second editor sees: %+v, %v", others, err)
	}
	since := others[0].Since
	time.Sleep(10 * time.Millisecond)
	a.HoldLease(ctx, id, "王编辑", 0) // renewed: still open since the first time
	if others, _ := b.HoldLease(ctx, id, "李编辑", 0); len(others) != 1 || !others[0].Since.Equal(since) {
		t.Errorf("after renewal: %+v (since %v)", others, since)
	}
	// A workbench that goes away stops renewing: its lease expires.
	if _, err := a.HoldLease(ctx, id, "王编辑", time.Second); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1200 * time.Millisecond)
	if others, _ := b.HoldLease(ctx, id, "李编辑", 0); len(others) != 0 {
		t.Errorf("an expired lease still shows: %+v", others)
	}
	if err := b.ReleaseLease(ctx, id, "李编辑"); err != nil {
		t.Fatal(err)
	}
	if all, _ := a.Leases(ctx, id); len(all) != 0 {
		t.Errorf("after release: %+v", all)
	}
	if _, err := a.HoldLease(ctx, 9999, "王编辑", 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("lease on a missing story: %v", err)
	}
}

// Another editor's saves, status changes and imports reach a watcher
// without a restart.
func TestWatchHearsOtherEditorsChanges(t *testing.T) {
	a, name := openTemp(t)
	p := testPage(1)
	mustAdd(t, a, p)
	id := p.Stories[0].ID
	other, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan Change, 100)
	done := make(chan error, 1)
	go func() { done <- a.Watch(wctx, func(c Change) { changes <- c }) }()
	next := func(want string) Change {
		t.Helper()
		deadline := time.After(5 * time.Second)
		for {
			select {
			case c := <-changes:
				if c.Kind == want || backend == sqliteDialect {
					return c
				}
			case <-deadline:
				t.Fatalf("no %q change heard", want)
			}
		}
	}
	time.Sleep(300 * time.Millisecond) // the watcher is listening
	st, _ := other.Story(ctx, id)
	st.Title = "另一位编辑改的标题"
	if _, err := other.SaveStory(ctx, st, "李编辑", ""); err != nil {
		t.Fatal(err)
	}
	c := next(ChangeSave)
	if backend == postgresDialect && (len(c.StoryIDs) != 1 || c.StoryIDs[0] != id || c.Revision != 2 || c.By != "李编辑") {
		t.Errorf("save heard as %+v", c)
	}
	if err := other.SetStatus(ctx, id, article.StatusChecked, "李编辑"); err != nil {
		t.Fatal(err)
	}
	if c := next(ChangeStatus); backend == postgresDialect && c.Status != article.StatusChecked {
		t.Errorf("status heard as %+v", c)
	}
	mustAdd(t, other, testPage(2))
	if c := next(ChangeImport); backend == postgresDialect && (c.PageID != 2 || len(c.StoryIDs) != 2) {
		t.Errorf("import heard as %+v", c)
	}

	if backend == postgresDialect {
		// The watcher's connection is cut: it connects again, says that it
		// may have missed something, and goes on.
		if _, err := other.db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`); err != nil {
			t.Fatal(err)
		}
		next(ChangeUnknown)
		time.Sleep(200 * time.Millisecond)
		if err := other.SetStatus(ctx, id, article.StatusInProgress, "李编辑"); err != nil {
			t.Fatal(err)
		}
		next(ChangeStatus)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Watch ended with %v", err)
	}
}
