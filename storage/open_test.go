package storage

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestArchiveOfANewerGalleyIsRefusedUnchanged(t *testing.T) {
	sqliteOnly(t)
	path := makeArchive(t, 1)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileSHA(t, path)
	if _, err := Open(path); !errors.Is(err, ErrTooNew) {
		t.Errorf("Open: %v; want ErrTooNew", err)
	}
	if fileSHA(t, path) != before {
		t.Error("file changed")
	}
}

func TestEmptyFileBecomesAnArchive(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "new.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, a, testPage(1))
	checkOK(t, a)
	a.Close()
	// And it is recognised as one afterwards, also read-only.
	b, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if list, _ := b.Stories(ctx, StoryFilter{}); len(list) != 2 {
		t.Errorf("%d stories", len(list))
	}
	if _, err := b.AddPage(ctx, testPage(2)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("AddPage on a read-only archive: %v", err)
	}
}

func TestBackupWhileAnotherConnectionWrites(t *testing.T) {
	sqliteOnly(t)
	a, path := openTemp(t)
	mustAdd(t, a, testPage(1))

	// Another program is in the middle of a write it has not committed.
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO pages (file, sha256, text, imported_at) VALUES ('x', 'abc', 'half-written', 'now')`); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := a.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	tx.Commit()
	if err := a.Backup(ctx, dest); err == nil {
		t.Error("backup over an existing file")
	}

	b, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	checkOK(t, b)
	pages, _ := b.Pages(ctx, PageFilter{})
	if len(pages) != 1 || pages[0].Stories != 2 {
		t.Errorf("backup holds %+v; want the one committed page", pages)
	}
	if hits, _ := b.Search(ctx, "研发", SearchFilter{}); len(hits) != 1 {
		t.Errorf("search in the backup: %d hits", len(hits))
	}
}
