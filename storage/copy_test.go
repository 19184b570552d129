package storage

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// fillForCopy gives an archive a bit of everything Copy must carry.
func fillForCopy(t *testing.T, a *Archive) {
	t.Helper()
	for i := 1; i <= 3; i++ {
		mustAdd(t, a, testPage(i))
	}
	st, _ := a.Story(ctx, 1)
	st.Title = "郑州推进企业创新 博物馆"
	st.Region = []article.Box{{X0: 40, Y0: 50, X1: 420, Y1: 80}, {X0: 60, Y0: 96, X1: 200, Y1: 106}}
	if _, err := a.SaveStory(ctx, st, "王编辑", "title"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetStatus(ctx, 1, article.StatusChecked, "李编辑"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetStatus(ctx, 4, article.StatusApproved, "总编"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddTerm(ctx, "段利梅", "nr"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetSetting(ctx, "last_story", "4"); err != nil {
		t.Fatal(err)
	}
	if err := a.SavePageImage(ctx, 2, PageImage{PNG: testPNG(t, 21, 30, 2), Width: 595.3, Height: 841.9}); err != nil {
		t.Fatal(err)
	}
}

// sameArchive compares everything an editor can see of two archives.
func sameArchive(t *testing.T, from, to *Archive) {
	t.Helper()
	fc, _ := from.Counts(ctx)
	tc, err := to.Counts(ctx)
	if err != nil || fc != tc {
		t.Fatalf("counts: from %v, to %v (%v)", fc, tc, err)
	}
	checkOK(t, to)
	a, _ := from.StoriesFull(ctx, StoryFilter{})
	b, _ := to.StoriesFull(ctx, StoryFilter{})
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("stories differ after the copy")
	}
	if len(b) == 0 || len(b[0].Region) != 2 {
		t.Errorf("story 1 has no region after the copy (%d stories)", len(b))
	}
	for _, st := range a {
		ra, _ := from.Revisions(ctx, st.ID)
		rb, _ := to.Revisions(ctx, st.ID)
		ha, _ := from.StatusHistory(ctx, st.ID)
		hb, _ := to.StatusHistory(ctx, st.ID)
		if js(ra) != js(rb) || js(ha) != js(hb) {
			t.Errorf("story %d: revisions or status history differ", st.ID)
		}
	}
	pa, _ := from.Page(ctx, 2)
	pb, _ := to.Page(ctx, 2)
	if js(pa) != js(pb) || pb.Width != 595.3 {
		t.Error("page 2 differs")
	}
	ia, _, _ := from.PageImage(ctx, 2)
	ib, ok, err := to.PageImage(ctx, 2)
	if !ok || err != nil || js(ia) != js(ib) {
		t.Errorf("page 2's image differs after the copy (%v, %v)", ok, err)
	}
	if ta, tb := js(must(from.Terms(ctx))), js(must(to.Terms(ctx))); ta != tb {
		t.Errorf("terms: %s vs %s", ta, tb)
	}
	if v, _ := to.Setting(ctx, "last_story"); v != "4" {
		t.Errorf("setting: %q", v)
	}
	hits, err := to.Search(ctx, "博物馆", SearchFilter{Status: article.StatusChecked})
	if err != nil || len(hits) != 1 || hits[0].Story.ID != 1 {
		t.Errorf("search in the copy: %+v, %v", hits, err)
	}
	// The copy goes on as an archive of its own: new ids follow the copied.
	p := testPage(9)
	if id, err := to.AddPage(ctx, p); err != nil || id != 4 || p.Stories[0].ID != 7 {
		t.Errorf("import after the copy: page %d story %d, %v", id, p.Stories[0].ID, err)
	}
	checkOK(t, to)
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

func must[T any](v T, _ error) T { return v }

func TestCopyCarriesEverything(t *testing.T) {
	src, _ := openTemp(t)
	fillForCopy(t, src)
	// To the same kind of archive (SQLite→SQLite, PostgreSQL→PostgreSQL).
	dst, _ := openTemp(t)
	var seen []string
	counts, err := src.CopyTo(ctx, dst, func(table string, n int) { seen = append(seen, table) })
	if err != nil {
		t.Fatal(err)
	}
	if counts.Pages != 3 || counts.PageImages != 1 || counts.Stories != 6 || counts.Revisions != 7 || counts.StatusChanges != 8 || counts.Terms != 1 {
		t.Errorf("counts %v", counts)
	}
	if !strings.Contains(strings.Join(seen, ","), "search index") {
		t.Errorf("progress: %v", seen)
	}
	sameArchive(t, src, dst)
	// Into an archive that is not empty: refused, nothing written.
	if _, err := src.CopyTo(ctx, dst, nil); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("copy into a full archive: %v", err)
	}
}

func TestCopyBetweenSQLiteAndPostgres(t *testing.T) {
	postgresOnly(t)
	pg, _ := openTemp(t)
	fillForCopy(t, pg)
	file := filepath.Join(t.TempDir(), "copy.db")
	lite, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if _, err := pg.CopyTo(ctx, lite, nil); err != nil {
		t.Fatal(err)
	}
	sameArchive(t, pg, lite)

	// And back, from the file into an empty database.
	lite2, err := OpenWith(filepath.Join(t.TempDir(), "src.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite2.Close()
	fillForCopy(t, lite2)
	pg2, _ := openTemp(t)
	if _, err := lite2.CopyTo(ctx, pg2, nil); err != nil {
		t.Fatal(err)
	}
	sameArchive(t, lite2, pg2)
}
