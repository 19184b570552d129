package storage

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/galley/galley/article"
)

// picturePage is regionPage(n) whose first story has a picture over its
// text; the second story has none.
func picturePage(n int) (*article.Page, []article.Box) {
	p, _ := regionPage(n)
	p.Stories[0].Pictures = []article.Box{{X0: 40, Y0: 130, X1: 300, Y1: 330.25}}
	return p, slices.Clone(p.Stories[0].Pictures)
}

func wantPictures(t *testing.T, what string, got, want []article.Box) {
	t.Helper()
	if !slices.Equal(got, want) || (want == nil) != (got == nil) {
		t.Errorf("%s: pictures %v, want %v", what, got, want)
	}
}

// A story's pictures are kept as its region is: read back as stored, kept
// by saves of its text, changed by a save of their own (a revision named
// for them), kept when the story leaves its page and comes back, and in a
// backup; a story without pictures reads back with none.
func TestStoryPicturesAreKept(t *testing.T) {
	a, _ := openTemp(t)
	p, pictures := picturePage(1)
	pageID := mustAdd(t, a, p)
	id, other := p.Stories[0].ID, p.Stories[1].ID
	st, err := a.Story(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wantPictures(t, "read back", st.Pictures, pictures)
	if o, _ := a.Story(ctx, other); o.Pictures != nil {
		t.Errorf("a story without pictures reads back with %v", o.Pictures)
	}
	page, _ := a.Page(ctx, pageID)
	wantPictures(t, "the page's story", page.Stories[0].Pictures, pictures)

	st.Title = "河边的春天"
	if _, err := a.SaveStory(ctx, st, "editor", ""); err != nil {
		t.Fatal(err)
	}
	saved, _ := a.Story(ctx, id)
	wantPictures(t, "after a save of the title", saved.Pictures, pictures)
	saved.Pictures = nil
	rev, err := a.SaveStory(ctx, saved, "editor", "")
	if err != nil {
		t.Fatal(err)
	}
	revs, _ := a.Revisions(ctx, id)
	if len(revs) != rev || revs[rev-1].Message != "pictures" {
		t.Fatalf("revisions after dropping the pictures: %+v", revs)
	}
	if _, err := a.RestoreRevision(ctx, id, 1, rev, "editor"); err != nil {
		t.Fatal(err)
	}
	now, _ := a.Story(ctx, id)
	wantPictures(t, "after restoring revision 1", now.Pictures, pictures)

	o, _ := a.Story(ctx, other)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*o}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}
	o, _ = a.Story(ctx, other)
	if _, err := a.ReplaceStories(ctx, pageID, []article.Story{*now, *o}, "editor", "undo merge"); err != nil {
		t.Fatal(err)
	}
	back, _ := a.Story(ctx, id)
	wantPictures(t, "back on its page", back.Pictures, pictures)
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
		wantPictures(t, "in the backup", inBackup.Pictures, pictures)
	}
}

// A copy to another archive keeps the pictures, also of a story taken off
// its page (PostgreSQL and back when it is there, else SQLite to SQLite).
func TestCopyKeepsPictures(t *testing.T) {
	from, _ := openTemp(t)
	p, pictures := picturePage(1)
	mustAdd(t, from, p)
	removed, removedPictures := picturePage(2)
	removedPage := mustAdd(t, from, removed)
	keep, _ := from.Story(ctx, removed.Stories[1].ID)
	if _, err := from.ReplaceStories(ctx, removedPage, []article.Story{*keep}, "editor", "merge"); err != nil {
		t.Fatal(err)
	}
	to, err := Open(filepath.Join(t.TempDir(), "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close()
	if _, err := from.CopyTo(ctx, to, nil); err != nil {
		t.Fatal(err)
	}
	st, err := to.Story(ctx, p.Stories[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	wantPictures(t, "copied", st.Pictures, pictures)
	keep, _ = to.Story(ctx, removed.Stories[1].ID)
	gone := removed.Stories[0]
	gone.Revision = 1
	if _, err := to.ReplaceStories(ctx, removedPage, []article.Story{gone, *keep}, "editor", "undo merge"); err != nil {
		t.Fatal(err)
	}
	st, _ = to.Story(ctx, gone.ID)
	wantPictures(t, "copied off its page and put back", st.Pictures, removedPictures)
	checkOK(t, to)
}

// An archive of schema 5 (no pictures stored) gets the column when it is
// opened: its stories read with no pictures, and from then on they are
// kept.
func TestArchiveOfSchema5GetsPictures(t *testing.T) {
	a, path := openTemp(t)
	p, pictures := picturePage(1)
	mustAdd(t, a, p)
	toSchema(t, a, 5)
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
	wantPictures(t, "a story stored before", st.Pictures, nil)
	if len(st.Region) == 0 {
		t.Error("the story lost its region on the way to schema 6")
	}
	st.Pictures = pictures
	if _, err := b.SaveStory(ctx, st, "editor", ""); err != nil {
		t.Fatal(err)
	}
	st, _ = b.Story(ctx, st.ID)
	wantPictures(t, "saved after migrating", st.Pictures, pictures)
}
