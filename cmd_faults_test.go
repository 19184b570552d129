package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// importedArchive is an archive holding the sample page.
func importedArchive(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "archive.db")
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	if code, out, errOut := galleyCmd(t, db, "import", page); code != 0 {
		t.Fatalf("import: %d %s%s", code, out, errOut)
	}
	return db, dir
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// Every numeric flag is checked before it reaches the archive.
func TestNumericFlagsAreValidated(t *testing.T) {
	db, _ := importedArchive(t)
	for _, c := range [][]string{
		{"search", "研发", "--page", "-1"},
		{"search", "研发", "--page", "0"},
		{"search", "研发", "--limit", "-5"},
		{"search", "研发", "--limit", "0"},
		{"list", "--page", "-1"},
		{"show", "1", "--revision", "-2"},
		{"export", "--format", "txt", "--out", t.TempDir(), "--page", "0"},
	} {
		code, _, errOut := galleyCmd(t, db, c...)
		if code != 2 || !strings.Contains(errOut, "want a whole number, 1 or more") || strings.Contains(errOut, "SQL") {
			t.Errorf("galley %s: exit %d, %q", strings.Join(c, " "), code, errOut)
		}
	}
	if code, out, errOut := galleyCmd(t, db, "search", "研发", "--page", "1", "--limit", "3"); code != 0 || !strings.Contains(out, "stor") {
		t.Errorf("good flags refused: %d %s%s", code, out, errOut)
	}
}

// Days that do not exist are refused wherever a date is given.
func TestImpossibleDatesAreRefused(t *testing.T) {
	db, dir := importedArchive(t)
	page := filepath.Join(dir, "000_84aa73dab9e593a4.txt")
	for _, d := range []string{"2022-02-30", "2023-02-29", "2022-04-31", "2022-13-01", "2022-00-10"} {
		for _, c := range [][]string{
			{"search", "研发", "--from", d},
			{"search", "研发", "--to", d},
			{"parse", page, "--date", d},
			{"import", page, "--date", d},
		} {
			code, _, errOut := galleyCmd(t, db, c...)
			if code != 2 || !strings.Contains(errOut, d) || !strings.Contains(errOut, "a day that exists") {
				t.Errorf("galley %s: exit %d %q", strings.Join(c, " "), code, errOut)
			}
		}
	}
	if code, _, errOut := galleyCmd(t, db, "search", "研发", "--from", "2024-02-29"); code != 0 {
		t.Errorf("a leap day refused: %s", errOut)
	}
}

// An empty file or an empty SQLite database named as the archive is not a
// Galley archive to the commands that read, and is left as it was.
func TestEmptyFileIsNotAnArchive(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	emptySQL := filepath.Join(dir, "empty-sqlite.db")
	db, err := sql.Open("sqlite", emptySQL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`VACUUM`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, f := range []string{empty, emptySQL} {
		before := fileSum(t, f)
		for _, c := range [][]string{{"list"}, {"search", "研发"}, {"show", "1"}, {"check"}, {"dict", "list"},
			{"export", "--format", "txt", "--out", t.TempDir()}, {"backup", filepath.Join(t.TempDir(), "b.db")},
			{"status", "1", "checked"}, {"dict", "remove", "某词"}} {
			code, _, errOut := galleyCmd(t, f, c...)
			if code != 2 || !strings.Contains(errOut, "not a Galley archive") || strings.Contains(errOut, "no such table") {
				t.Errorf("%s: galley %s: exit %d %q", filepath.Base(f), c[0], code, errOut)
			}
		}
		if fileSum(t, f) != before {
			t.Errorf("%s was changed", filepath.Base(f))
		}
	}
	// import makes an empty file into an archive
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	if code, out, errOut := galleyCmd(t, empty, "import", page); code != 0 {
		t.Errorf("import into an empty file: %d %s%s", code, out, errOut)
	}
}

// check opens the archive read-only: on an archive the user may only read
// it reports no problem, and it changes no byte.
func TestCheckOfAnArchiveTheUserMayOnlyRead(t *testing.T) {
	db, dir := importedArchive(t)
	ro := readOnlyFolder(t, dir, db)
	code, out, errOut := galleyCmd(t, ro, "check")
	if code != 0 || !strings.Contains(out, "ok") || strings.Contains(out, "problem") {
		t.Errorf("check of a read-only archive: %d\n%s%s", code, out, errOut)
	}
	// and reading commands work in a read-only folder
	if code, out, errOut := galleyCmd(t, ro, "list"); code != 0 || !strings.Contains(out, "stories") {
		t.Errorf("list in a read-only folder: %d %s%s", code, out, errOut)
	}
	if code, out, errOut := galleyCmd(t, ro, "search", "研发"); code != 0 {
		t.Errorf("search in a read-only folder: %d %s%s", code, out, errOut)
	}
	// a writable archive: check writes nothing either
	before := fileSum(t, db)
	if code, out, _ := galleyCmd(t, db, "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("check: %d %s", code, out)
	}
	if fileSum(t, db) != before {
		t.Error("check changed the archive")
	}
}

// readOnlyFolder copies the archive db into a folder nobody may write (a
// read-only tmpfs for root, who ignores modes) and returns its path there.
func readOnlyFolder(t *testing.T, dir, db string) string {
	t.Helper()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := syscall.Mount("tmpfs", ro, "tmpfs", 0, "size=16m"); err != nil {
			t.Skipf("running as root and cannot mount a tmpfs: %v", err)
		}
		t.Cleanup(func() { syscall.Unmount(ro, 0) })
	}
	path := filepath.Join(ro, "archive.db")
	if err := os.WriteFile(path, data, 0o444); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := syscall.Mount("tmpfs", ro, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount read-only: %v", err)
		}
	} else {
		os.Chmod(ro, 0o555)
		t.Cleanup(func() { os.Chmod(ro, 0o755) })
	}
	return path
}

// damageIndex removes a story's row from the search index behind the
// archive's back: damage that check sees and a copy would keep.
func damageIndex(t *testing.T, db string) {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(`DELETE FROM story_fts WHERE rowid = (SELECT min(id) FROM stories)`); err != nil {
		t.Fatal(err)
	}
}

// A damaged archive is not backed up as if it were whole, and commands
// that write refuse to build on it.
func TestDamagedArchiveIsNotBackedUpNorWritten(t *testing.T) {
	db, dir := importedArchive(t)
	damageIndex(t, db)
	dest := filepath.Join(dir, "backup.db")
	code, out, errOut := galleyCmd(t, db, "backup", dest)
	if code == 0 || strings.Contains(out, "backed up") || !strings.Contains(errOut, "damaged") {
		t.Errorf("backup of a damaged archive: %d %s%s", code, out, errOut)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a backup of the damaged archive was written")
	}
	before := fileSum(t, db)
	other := seedCopy(t, t.TempDir(), "en_nytribune_1916-01-02_p1.txt")
	for _, c := range [][]string{{"status", "1", "checked"}, {"import", other}, {"dict", "add", "某词", "--tag", "n"}} {
		code, _, errOut := galleyCmd(t, db, c...)
		if code == 0 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "nothing was written") {
			t.Errorf("galley %s on a damaged archive: %d %s", c[0], code, errOut)
		}
	}
	if fileSum(t, db) != before {
		t.Error("a write went into the damaged archive")
	}
}

// A named pipe given by name is refused at once instead of waiting for a
// writer that never comes.
func TestNamedPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "page.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	db := filepath.Join(dir, "a.db")
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	for _, c := range [][]string{{"parse", fifo}, {"import", fifo}, {"parse", page, "--dict", fifo}} {
		done := make(chan string, 1)
		go func() {
			code, out, errOut := galleyCmd(t, db, c...)
			done <- fmt.Sprintf("%d %s%s", code, out, errOut)
		}()
		select {
		case got := <-done:
			if !strings.HasPrefix(got, "2 ") || !strings.Contains(got, "named pipe") || !strings.Contains(got, fifo) {
				t.Errorf("galley %s FIFO: %s", c[0], got)
			}
		case <-time.After(90 * time.Second): // a hang is for ever; a busy machine is slow
			t.Fatalf("galley %s FIFO hangs", c[0])
		}
	}
	// a named pipe given as the archive
	done := make(chan string, 1)
	go func() {
		code, out, errOut := galleyCmd(t, fifo, "list")
		done <- fmt.Sprintf("%d %s%s", code, out, errOut)
	}()
	select {
	case got := <-done:
		if !strings.HasPrefix(got, "2 ") || !strings.Contains(got, "not a regular file") {
			t.Errorf("galley --db FIFO list: %s", got)
		}
	case <-time.After(90 * time.Second): // a hang is for ever; a busy machine is slow
		t.Fatal("galley --db FIFO list hangs")
	}
}

// Control characters already in an archive (from before import refused
// them) are shown as escapes by list, show and search, never raw.
func TestListAndShowNeverPrintControlCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	a, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	p := &article.Page{File: "p.txt", SHA256: "ab", Text: "x", Date: "2024-03-05", Stories: []article.Story{{
		Title:      "标题\x1b[2J\x07研发\u009b",
		Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "正文\x00研发\x1b]0;pwned\x07"}},
	}}}
	if _, err := a.AddPage(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	a.Close()
	for _, c := range [][]string{{"list"}, {"show", "1"}, {"search", "研发"}} {
		code, out, errOut := galleyCmd(t, db, c...)
		if code != 0 {
			t.Fatalf("galley %s: %d %s", c[0], code, errOut)
		}
		if strings.ContainsAny(out, "\x1b\x07\x00\u009b") {
			t.Errorf("galley %s prints control characters raw: %q", c[0], out)
		}
		if !strings.Contains(out, `\x1b`) {
			t.Errorf("galley %s hides them instead of showing escapes: %q", c[0], out)
		}
	}
}
