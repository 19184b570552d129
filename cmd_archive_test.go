package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// galleyCmd runs the command line in-process against the archive db.
func galleyCmd(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"--db", db}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func seedCopy(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, name)
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func storiesJSON(t *testing.T, out string) []article.Story {
	t.Helper()
	var doc article.Stories
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not {\"stories\": [...]}: %v\n%s", err, out)
	}
	return doc.Stories
}

func TestArchiveCommandsImportListShowSearchStatus(t *testing.T) {
	t.Setenv("GALLEY_USER", "李编辑")
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")

	code, out, errOut := galleyCmd(t, db, "import", page)
	if code != 0 || !strings.Contains(out, "1 page imported") {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = galleyCmd(t, db, "import", page)
	if code != 0 || !strings.Contains(errOut, "already imported as page 1") || !strings.Contains(out, "0 pages imported") {
		t.Errorf("second import: %d\n%s%s", code, out, errOut)
	}

	code, out, _ = galleyCmd(t, db, "list", "--json")
	stories := storiesJSON(t, out)
	if code != 0 || len(stories) < 5 {
		t.Fatalf("list --json: %d, %d stories", code, len(stories))
	}
	for i, st := range stories {
		if st.ID == 0 || st.Format != article.Format || st.Status != article.StatusNew || st.Edits != nil {
			t.Errorf("story %d in list --json: id %d format %q status %q edits %d", i, st.ID, st.Format, st.Status, len(st.Edits))
		}
	}
	code, out, _ = galleyCmd(t, db, "list")
	if code != 0 || !strings.Contains(out, stories[2].Headline()) || !strings.Contains(out, strconv.Itoa(len(stories))+" stories") {
		t.Errorf("list: %d\n%s", code, out)
	}

	target := stories[3]
	id := strconv.FormatInt(target.ID, 10)
	code, out, _ = galleyCmd(t, db, "show", id, "--json")
	shown := storiesJSON(t, out)
	if code != 0 || len(shown) != 1 || shown[0].ID != target.ID || shown[0].Body() != target.Body() {
		t.Errorf("show --json: %d %+v", code, shown)
	}
	code, out, _ = galleyCmd(t, db, "show", id)
	if code != 0 || !strings.Contains(out, target.Title) || !strings.Contains(out, target.Paragraphs[0].Text) || !strings.Contains(out, "Revisions:") {
		t.Errorf("show: %d\n%s", code, out)
	}

	// A word of the target's title finds it, as text and as JSON.
	word := "研发"
	if !strings.Contains(target.Title+target.Body(), word) {
		t.Fatalf("the test expects %q in story %d", word, target.ID)
	}
	code, out, _ = galleyCmd(t, db, "search", word, "--json")
	found := storiesJSON(t, out)
	hit := false
	for _, st := range found {
		hit = hit || st.ID == target.ID
		if !strings.Contains(st.Title+st.Body(), word) {
			t.Errorf("search result %d lacks %q", st.ID, word)
		}
	}
	if code != 0 || !hit {
		t.Errorf("search --json: %d, target not among %d results", code, len(found))
	}
	code, out, _ = galleyCmd(t, db, "search", word)
	if code != 0 || !strings.Contains(out, "【"+word+"】") {
		t.Errorf("search: %d\n%s", code, out)
	}

	code, out, _ = galleyCmd(t, db, "status", id, "checked")
	if code != 0 || !strings.Contains(out, "李编辑") {
		t.Errorf("status: %d %s", code, out)
	}
	code, out, _ = galleyCmd(t, db, "list", "--status", "checked", "--json")
	if checked := storiesJSON(t, out); code != 0 || len(checked) != 1 || checked[0].ID != target.ID {
		t.Errorf("list --status checked: %d %d stories", code, len(checked))
	}
	if _, out, _ = galleyCmd(t, db, "search", word, "--status", "checked"); !strings.Contains(out, "1 story") {
		t.Errorf("search --status checked:\n%s", out)
	}
	if _, out, _ = galleyCmd(t, db, "show", id); !strings.Contains(out, "checked (by 李编辑") {
		t.Errorf("show after status:\n%s", out)
	}
}

func TestArchiveCommandsRejectBadInputWithExit2(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	if code, out, errOut := galleyCmd(t, db, "import", page); code != 0 {
		t.Fatalf("import: %s%s", out, errOut)
	}
	_, before, _ := galleyCmd(t, db, "list", "--json")

	bad := filepath.Join(dir, "broken.txt")
	os.WriteFile(bad, []byte("abc\x00\x01\x02\x03\x04\x05\x06binary\x00\x00\xfe\xff\x00"), 0o644)
	cases := [][]string{
		{"import", bad},
		{"import"},
		{"import", filepath.Join(dir, "missing.txt")},
		{"list", "--status", "finished"},
		{"show", "abc"},
		{"show", "99999"},
		{"search"},
		{"search", "研发", "--from", "2020-13-01"},
		{"status", "1", "done"},
		{"status", "99999", "checked"},
		{"dict", "add", "某人"},
		{"dict", "add", "某人", "--tag", "xx"},
		{"dict", "remove", "从未加过"},
		{"dict", "frobnicate"},
		{"backup", page},
		{"check", "extra"},
	}
	for _, c := range cases {
		code, _, errOut := galleyCmd(t, db, c...)
		if code != 2 {
			t.Errorf("galley %s: exit %d, want 2 (%s)", strings.Join(c, " "), code, errOut)
		}
		if strings.TrimSpace(errOut) == "" {
			t.Errorf("galley %s: no message", strings.Join(c, " "))
		}
	}
	if _, _, errOut := galleyCmd(t, db, "import", bad); !strings.Contains(errOut+"", "could not be imported") {
		t.Errorf("import of a broken file: %s", errOut)
	}
	if _, _, errOut := galleyCmd(t, db, "import", bad); !strings.Contains(errOut, "broken.txt") {
		t.Errorf("the report does not name the broken file:\n%s", errOut)
	}
	if _, after, _ := galleyCmd(t, db, "list", "--json"); after != before {
		t.Error("bad input changed the archive")
	}
}

func TestArchiveCommandsRefuseAForeignFileUnchanged(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.db")
	os.WriteFile(notes, []byte("my notes, not an archive\n"), 0o644)
	sum := sha256.Sum256([]byte("my notes, not an archive\n"))
	for _, c := range [][]string{{"list"}, {"import", seedCopy(t, dir, "000_84aa73dab9e593a4.txt")}, {"check"}, {"dict", "add", "某人", "--tag", "nr"}} {
		code, _, errOut := galleyCmd(t, notes, c...)
		if code != 2 || !strings.Contains(errOut, "not a Galley archive") || !strings.Contains(errOut, notes) {
			t.Errorf("galley %s on a foreign file: %d %s", c[0], code, errOut)
		}
	}
	if b, _ := os.ReadFile(notes); sha256.Sum256(b) != sum {
		t.Error("the foreign file was changed")
	}
	if code, _, errOut := galleyCmd(t, filepath.Join(dir, "none.db"), "list"); code != 2 || !strings.Contains(errOut, "no archive at") {
		t.Errorf("list without an archive: %d %s", code, errOut)
	}
}

func TestDictCheckBackupCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	galleyCmd(t, db, "import", page)
	// A story naming someone the built-in dictionary does not know.
	name := "那日苏"
	news := filepath.Join(dir, "news.txt")
	os.WriteFile(news, []byte("市场监管新规下月实施\n\n本报讯 昨天上午，在郑州召开的会议上，"+name+"主持并部署下月实施的新规则，各部门要加强协作。\n"), 0o644)
	galleyCmd(t, db, "import", news)
	people := func() (stories, named int) {
		_, out, _ := galleyCmd(t, db, "list", "--json")
		for _, st := range storiesJSON(t, out) {
			if strings.Contains(st.Body(), name) {
				stories++
				for _, p := range st.Metadata.People {
					if p == name {
						named++
					}
				}
			}
		}
		return
	}
	if stories, named := people(); stories != 1 || named != 0 {
		t.Skipf("%s is found without the user dictionary (%d of %d stories)", name, named, stories)
	}

	code, out, errOut := galleyCmd(t, db, "dict", "add", name, "--tag", "nr")
	if code != 0 || !strings.Contains(out, "added "+name+" (nr); 1 story contains it") || !strings.Contains(out, "--reextract") {
		t.Fatalf("dict add: %d %s%s", code, out, errOut)
	}
	if _, named := people(); named != 0 {
		t.Error("metadata changed without --reextract")
	}
	code, out, _ = galleyCmd(t, db, "dict", "add", name, "--tag", "nr", "--reextract")
	if code != 0 || !strings.Contains(out, "re-extracted 1 story: 1 changed") {
		t.Errorf("dict add --reextract: %d %s", code, out)
	}
	if _, named := people(); named != 1 {
		t.Errorf("after --reextract %s is not among the people", name)
	}
	if _, out, _ = galleyCmd(t, db, "dict", "list"); !strings.Contains(out, name) || !strings.Contains(out, "1 term") {
		t.Errorf("dict list:\n%s", out)
	}
	if code, out, _ = galleyCmd(t, db, "dict", "remove", name); code != 0 {
		t.Errorf("dict remove: %d %s", code, out)
	}

	if code, out, _ = galleyCmd(t, db, "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("check: %d %s", code, out)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if code, out, errOut = galleyCmd(t, db, "backup", copyPath); code != 0 {
		t.Fatalf("backup: %d %s%s", code, out, errOut)
	}
	if code, out, _ = galleyCmd(t, copyPath, "check"); code != 0 {
		t.Errorf("check of the backup: %d %s", code, out)
	}
	_, orig, _ := galleyCmd(t, db, "list", "--json")
	_, copied, _ := galleyCmd(t, copyPath, "list", "--json")
	if orig != copied {
		t.Error("the backup lists different stories")
	}
}

func TestImportCommandShowsProgressForManyFiles(t *testing.T) {
	dir := t.TempDir()
	seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	seedCopy(t, dir, "en_nytribune_1916-01-02_p1.txt")
	os.WriteFile(filepath.Join(dir, "photo.png"), []byte("\x89PNG\r\n"), 0o644)
	code, out, errOut := galleyCmd(t, filepath.Join(t.TempDir(), "a.db"), "import", dir)
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "import: 3/3") || !strings.Contains(out, "2 pages imported") || !strings.Contains(out, "1 skipped") ||
		!strings.Contains(errOut, "photo.png: not a text file") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}
