package storage

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// An empty file or an empty SQLite database is not an archive to a reader
// (it has none of the tables), and is left as it was; Open for writing
// still makes it one.
func TestEmptyFileIsNotAnArchiveToReaders(t *testing.T) {
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
		before := fileSHA(t, f)
		for name, open := range map[string]func() (*Archive, error){
			"OpenReadOnly": func() (*Archive, error) { return OpenReadOnly(f) },
			"Existing":     func() (*Archive, error) { return OpenWith(f, Options{Existing: true}) },
		} {
			if a, err := open(); !errors.Is(err, ErrNotArchive) {
				t.Errorf("%s of %s: %v, want ErrNotArchive", name, filepath.Base(f), err)
				if a != nil {
					a.Close()
				}
			}
		}
		if fileSHA(t, f) != before {
			t.Errorf("%s changed", filepath.Base(f))
		}
		a, err := Open(f)
		if err != nil {
			t.Fatalf("Open of %s: %v", filepath.Base(f), err)
		}
		mustAdd(t, a, testPage(1))
		a.Close()
	}
}

// An archive in a folder nobody may write can still be read.
func TestArchiveInAReadOnlyFolderCanBeRead(t *testing.T) {
	dir := readOnlyDir(t, func(dir string) {
		a, err := Open(filepath.Join(dir, "old.db"))
		if err != nil {
			t.Fatal(err)
		}
		mustAdd(t, a, testPage(1))
		a.Close()
	})
	a, err := OpenReadOnly(filepath.Join(dir, "old.db"))
	if err != nil {
		t.Fatalf("reading an archive in a read-only folder: %v", err)
	}
	defer a.Close()
	list, err := a.Stories(ctx, StoryFilter{})
	if err != nil || len(list) == 0 {
		t.Errorf("%d stories, %v", len(list), err)
	}
	r, err := a.Check(ctx)
	if err != nil || !r.OK {
		t.Errorf("check: %+v %v", r, err)
	}
}
