package storage

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/galley/galley/article"
)

// regionPage is testPage(n) read from a PDF: its first story has a
// headline line and two lines of text on the printed page; the second
// story has no region (a story of a text page has none either).
func regionPage(n int) (*article.Page, []article.Box) {
	p := testPage(n)
	p.Width, p.Height = 595, 842
	headline := article.Box{X0: 40, Y0: 50, X1: 420, Y1: 80}
	lines := []article.Box{{X0: 60, Y0: 96, X1: 200, Y1: 106}, {X0: 40, Y0: 111, X1: 200, Y1: 121.5}}
	p.Stories[0].Paragraphs[0].Boxes = lines[:1]
	p.Stories[0].Paragraphs[1].Boxes = lines[1:]
	p.Stories[0].Region = append([]article.Box{headline}, lines...)
	return p, slices.Clone(p.Stories[0].Region)
}

func wantRegion(t *testing.T, what string, got, want []article.Box) {
	t.Helper()
	if !slices.Equal(got, want) || (want == nil) != (got == nil) {
		t.Errorf("%s: region %v, want %v", what, got, want)
	}
}

// A story's lines on the printed page, headline included, are kept: read
// back as stored, kept by saves of its text and by amends, changed by a
// save that changes them (a revision of its own, which a restore takes
// back), and kept when the story leaves its page and comes back.
func TestStoryRegionIsKept(t *testing.T) {
	a, _ := openTemp(t)
	p, region := regionPage(1)
	pageID := mustAdd(t, a, p)
	id, other := p.Stories[0].ID, p.Stories[1].ID
	st, err := a.Story(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wantRegion(t, "read back", st.Region, region)
	if o, _ := a.Story(ctx, other); o.Region != nil {
		t.Errorf("a story without a region reads back with %v", o.Region)
	}
	page, err := a.Page(ctx, pageID)
	if err != nil {
		t.Fatal(err)
	}
	wantRegion(t, "the page's story", page.Stories[0].Region, region)

	st.Title = "科技研发平台建设再提速"
	if _, err := a.SaveStory(ctx, st, "editor", ""); err != nil {
		t.Fatal(err)
	}
	st.Paragraphs[1].Text += "（完）"
	if _, err := a.AmendStory(ctx, st, "editor", ""); err != nil {
		t.Fatal(err)
	}
	saved, _ := a.Story(ctx, id)
	wantRegion(t, "after a save and an amend of the text", saved.Region, region)

	// The headline line goes (a split would take it to the story before).
	saved.Region = region[1:]
	rev, err := a.SaveStory(ctx, saved, "editor", "")
	if err != nil {
		t.Fatal(err)
	}
	revs, _ := a.Revisions(ctx, id)
	if len(revs) != rev || revs[rev-1].Message != "region" {
		t.Fatalf("revisions after changing the region: %+v", revs)
	}
	now, _ := a.Story(ctx, id)
	wantRegion(t, "after saving a new region", now.Region, region[1:])
	if r1, err := a.Revision(ctx, id, 1); err != nil {
		t.Fatal(err)
	} else {
		wantRegion(t, "revision 1", r1.Region, region)
	}
	if _, err := a.RestoreRevision(ctx, id, 1, rev, "editor"); err != nil {
		t.Fatal(err)
	}
	now, _ = a.Story(ctx, id)
	wantRegion(t, "after restoring revision 1", now.Region, region)

	// Taken off the page (merged into the other story) and put back.
	o, _ := a.Story(ctx, other)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*o}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}
	o, _ = a.Story(ctx, other)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*now, *o}, "editor", "undo merge"); err != nil {
		t.Fatal(err)
	}
	back, err := a.Story(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wantRegion(t, "back on its page", back.Region, region)
	checkOK(t, a)

	if backend == sqliteDialect {
		dest := filepath.Join(t.TempDir(), "backup.db")
		if err := a.Backup(ctx, dest); err != nil {
			t.Fatal(err)
		}
		b, err := OpenReadOnly(dest)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		inBackup, _ := b.Story(ctx, id)
		wantRegion(t, "in the backup", inBackup.Region, region)
	}
}

// A copy from SQLite to PostgreSQL and back to SQLite keeps every
// story's region, also of a story taken off its page.
func TestCopyKeepsRegionsBothWays(t *testing.T) {
	postgresOnly(t)
	lite, err := Open(filepath.Join(t.TempDir(), "first.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	p, region := regionPage(1)
	pageID := mustAdd(t, lite, p)
	removed, _ := regionPage(2)
	removedPage := mustAdd(t, lite, removed)
	keep, _ := lite.Story(ctx, removed.Stories[1].ID)
	if _, err := lite.ReplaceStories(ctx, removedPage, []article.Story{*keep}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}

	pg, _ := openTemp(t)
	if _, err := lite.CopyTo(ctx, pg, nil); err != nil {
		t.Fatal(err)
	}
	back, err := Open(filepath.Join(t.TempDir(), "back.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := pg.CopyTo(ctx, back, nil); err != nil {
		t.Fatal(err)
	}
	for name, arc := range map[string]*Archive{"PostgreSQL": pg, "SQLite again": back} {
		st, err := arc.Story(ctx, p.Stories[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		wantRegion(t, name, st.Region, region)
		page, _ := arc.Page(ctx, pageID)
		wantRegion(t, name+", the page's story", page.Stories[0].Region, region)
		// The story taken off its page comes back with its region.
		keep, _ := arc.Story(ctx, removed.Stories[1].ID)
		gone := removed.Stories[0]
		gone.Revision = 1
		if _, err := arc.ReplaceStories(ctx, removedPage, []article.Story{gone, *keep}, "editor", "undo merge"); err != nil {
			t.Fatal(err)
		}
		st, _ = arc.Story(ctx, gone.ID)
		wantRegion(t, name+", the story put back", st.Region, region)
		checkOK(t, arc)
	}
}

// An archive of schema 4 (no regions stored) gets the column when it is
// opened: its stories read with no region, and from then on a region is
// kept, also by a story taken off its page and put back.
func TestArchiveOfSchema4GetsRegions(t *testing.T) {
	a, path := openTemp(t)
	p, region := regionPage(1)
	pageID := mustAdd(t, a, p)
	toSchema(t, a, 4)
	a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	checkOK(t, b)
	st, err := b.Story(ctx, p.Stories[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	wantRegion(t, "a story stored before", st.Region, nil)
	st.Region = region
	if _, err := b.SaveStory(ctx, st, "editor", ""); err != nil {
		t.Fatal(err)
	}
	o, _ := b.Story(ctx, p.Stories[1].ID)
	if _, err := b.ReplaceStories(ctx, pageID, []article.Story{*o}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}
	o, _ = b.Story(ctx, o.ID)
	if _, err := b.ReplaceStories(ctx, pageID, []article.Story{*st, *o}, "editor", "undo merge"); err != nil {
		t.Fatal(err)
	}
	st, _ = b.Story(ctx, st.ID)
	wantRegion(t, "saved after migrating, taken off its page and put back", st.Region, region)
	checkOK(t, b)
}
