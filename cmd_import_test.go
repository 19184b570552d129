package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
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
