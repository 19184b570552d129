package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// A file named on the command line that cannot be imported (empty, a
// picture, binary) exits 2 with the reason on stderr; in a folder, what is
// not a page (its README, a picture) is skipped with the reason on stderr
// and the import exits 0 when every page went in.
func TestImportExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	picture := filepath.Join(dir, "photo.png")
	os.WriteFile(picture, []byte("\x89PNG\r\n\x1a\n...."), 0o644)
	for _, f := range []string{empty, picture} {
		code, out, errOut := galleyCmd(t, db, "import", "--quiet", f)
		if code != 2 || !strings.Contains(errOut, filepath.Base(f)) || strings.Contains(out, filepath.Base(f)) {
			t.Errorf("import %s: exit %d\nstdout: %s\nstderr: %s", filepath.Base(f), code, out, errOut)
		}
	}

	folder := filepath.Join(dir, "pages")
	os.Mkdir(folder, 0o755)
	seedCopy(t, folder, "000_84aa73dab9e593a4.txt")
	os.WriteFile(filepath.Join(folder, "README.md"), []byte("# Pages of 23 June\n\nScanned by the archive desk.\n"), 0o644)
	os.WriteFile(filepath.Join(folder, "photo.png"), []byte("\x89PNG\r\n\x1a\n...."), 0o644)
	code, out, errOut := galleyCmd(t, db, "import", "--quiet", folder)
	if code != 0 || !strings.HasPrefix(out, "1 page imported") {
		t.Fatalf("import of a folder: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, name := range []string{"README.md", "photo.png"} {
		if !strings.Contains(errOut, name) {
			t.Errorf("stderr does not say why %s was skipped: %s", name, errOut)
		}
	}
	// Named on its own, a Markdown file is taken as the user asked.
	if code, out, errOut := galleyCmd(t, db, "import", "--quiet", filepath.Join(folder, "README.md")); code != 0 {
		t.Errorf("import of a named .md file: exit %d\n%s%s", code, out, errOut)
	}
}

// The same page saved in GB18030 (GBK's superset: the sample page has a
// character GBK lacks) after it was imported in UTF-8 is a
// duplicate, not a second copy of every story.
func TestImportFindsTheSamePageInAnotherEncoding(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	utf8Page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	text, _ := os.ReadFile(utf8Page)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	gbkPage := filepath.Join(dir, "000_84aa73dab9e593a4-gbk.txt")
	os.WriteFile(gbkPage, gbk, 0o644)
	if code, out, errOut := galleyCmd(t, db, "import", "--quiet", utf8Page); code != 0 {
		t.Fatalf("import: %s%s", out, errOut)
	}
	_, before, _ := galleyCmd(t, db, "list", "--json")
	code, out, errOut := galleyCmd(t, db, "import", "--quiet", gbkPage)
	if code != 0 || !strings.Contains(out, "1 duplicate") || !strings.Contains(errOut, "another encoding") {
		t.Fatalf("import of the GBK copy: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if _, after, _ := galleyCmd(t, db, "list", "--json"); after != before {
		t.Error("the GBK copy added stories")
	}
}

// A JSON Lines export of two pages imported into another archive puts each
// story back on a page of its own date, as the stories were printed.
func TestJSONLinesExportReimportsOnTheirPages(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	raw, err := os.ReadFile(filepath.Join("seeds", "000_84aa73dab9e593a4.txt"))
	if err != nil {
		t.Fatal(err)
	}
	zh := filepath.Join(dir, "page_2022-06-28.txt")
	os.WriteFile(zh, raw, 0o644)
	en := seedCopy(t, dir, "en_nytribune_1916-01-02_p1.txt")
	if code, out, errOut := galleyCmd(t, db, "import", "--quiet", zh, en); code != 0 {
		t.Fatalf("import: %s%s", out, errOut)
	}
	file, db2 := exportAndImportAgain(t, db, "jsonl")
	count := func(db string) map[string]int {
		a, err := storage.OpenReadOnly(db)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		pages, err := a.Pages(t.Context(), storage.PageFilter{})
		if err != nil {
			t.Fatal(err)
		}
		byDate := map[string]int{}
		for _, p := range pages {
			byDate[p.Date] += p.Stories
		}
		return byDate
	}
	before, after := count(db), count(db2)
	if len(before) != 2 || before["2022-06-28"] == 0 || before["1916-01-02"] == 0 {
		t.Fatalf("set-up: stories by page date %v", before)
	}
	if !maps.Equal(before, after) {
		t.Fatalf("stories by page date: exported %v, imported back %v", before, after)
	}
	// Importing the file again is a duplicate, not a second copy.
	if code, o, errOut := galleyCmd(t, db2, "import", "--quiet", file); code != 0 || !strings.Contains(o, "1 duplicate") {
		t.Fatalf("second import: exit %d %s%s", code, o, errOut)
	}
}

// export --edits promises a backup of what story JSON holds and names what
// it leaves out. Exported and imported into a new archive, each story comes
// back with its text, metadata, flags, status, automatic edits and page
// (file, date, SHA-256); what the help says is left out is indeed not
// there, and the help names all of it.
func TestStoryJSONExportKeepsWhatItsHelpSays(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	zh := filepath.Join(dir, "page_2022-06-28.txt")
	raw, err := os.ReadFile(filepath.Join("seeds", "000_84aa73dab9e593a4.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(zh, raw, 0o644)
	if code, o, e := galleyCmd(t, db, "import", "--quiet", zh); code != 0 {
		t.Fatalf("import: %s%s", o, e)
	}
	if code, o, e := galleyCmd(t, db, "status", "1", "checked", "--by", "总编"); code != 0 {
		t.Fatalf("status: %s%s", o, e)
	}
	_, db2 := exportAndImportAgain(t, db, "json", "--edits", "--one-file")
	read := func(db string) (*storage.Archive, []article.Story) {
		a, err := storage.OpenReadOnly(db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		list, err := a.StoriesFull(t.Context(), storage.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return a, list
	}
	a1, before := read(db)
	a2, after := read(db2)
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("%d stories exported, %d imported back", len(before), len(after))
	}
	p1, _ := a1.Page(t.Context(), before[0].PageID)
	p2, _ := a2.Page(t.Context(), after[0].PageID)
	for i := range before {
		b, a := before[i], after[i]
		if a.Headline() != b.Headline() || a.Body() != b.Body() || a.Status != b.Status ||
			!reflect.DeepEqual(a.Metadata, b.Metadata) || len(a.Flags) != len(b.Flags) || len(a.Edits) != len(b.Edits) {
			t.Fatalf("story %d came back changed: %q %s, was %q %s", i, a.Headline(), a.Status, b.Headline(), b.Status)
		}
	}
	// The page each story names; the archive's page of the import is known
	// by the stories it holds (importing them again is a duplicate).
	if p2.File != p1.File || p2.Date != p1.Date || after[0].Source.SHA256 != p1.SHA256 {
		t.Fatalf("page came back as %s %s %s, was %s %s %s", p2.File, p2.Date, after[0].Source.SHA256, p1.File, p1.Date, p1.SHA256)
	}

	// What the help says is left out.
	h1, _ := a1.StatusHistory(t.Context(), before[0].ID)
	h2, _ := a2.StatusHistory(t.Context(), after[0].ID)
	if len(h1) != 2 || h1[1].By != "总编" || (len(h2) == len(h1) && h2[len(h2)-1].By == "总编") {
		t.Fatalf("status history: archive %v, imported back %v", h1, h2)
	}
	r2, _ := a2.Revisions(t.Context(), after[0].ID)
	if len(r2) != 1 || r2[0].Author == "总编" {
		t.Fatalf("revisions imported back: %v", r2)
	}
	if p2.Text == p1.Text {
		t.Fatal("the raw page text came back: the help says it is left out")
	}
	var buf bytes.Buffer
	run([]string{"export", "--help"}, &buf, &buf)
	help := buf.String()
	for _, left := range []string{"raw page text", "page image", "earlier revisions", "authors and times", "status history", "ids"} {
		if !strings.Contains(strings.Join(strings.Fields(help), " "), left) {
			t.Errorf("export --help does not say story JSON leaves out the %s:\n%s", left, help)
		}
	}
}

// exportAndImportAgain exports the whole archive db in format (one file)
// and imports that file into a new archive beside db: it returns the
// exported file and the new archive.
func exportAndImportAgain(t *testing.T, db, format string, flags ...string) (file, again string) {
	t.Helper()
	out := filepath.Join(filepath.Dir(db), "out")
	args := append([]string{"export", "--format", format, "--out", out}, flags...)
	if code, o, e := galleyCmd(t, db, args...); code != 0 {
		t.Fatalf("export: %s%s", o, e)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*."+format))
	if len(files) != 1 {
		t.Fatalf("export wrote %v", files)
	}
	again = filepath.Join(filepath.Dir(db), "again.db")
	if code, o, e := galleyCmd(t, again, "import", "--quiet", files[0]); code != 0 {
		t.Fatalf("import of the export: %s%s", o, e)
	}
	return files[0], again
}
