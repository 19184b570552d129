package storage

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

func (e *DuplicateError) Error() string {
	if e.SameText {
		return fmt.Sprintf("%s: already imported as page %d (the same text in another encoding)", e.File, e.PageID)
	}
	return fmt.Sprintf("%s: already imported as page %d", e.File, e.PageID)
}

// Is makes errors.Is(err, ErrDuplicate) hold.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

func (e *ConflictError) Error() string {
	if e.Base == 0 {
		return fmt.Sprintf("story %d: the save names no base revision (read the story from the archive first; it is at revision %d); nothing was saved", e.StoryID, e.Current)
	}
	return fmt.Sprintf("story %d: %s: revision %d was saved by %s at %s, after revision %d this edit is based on; nothing was saved",
		e.StoryID, ErrConflict, e.Current, e.By, e.At.Local().Format("2006-01-02 15:04:05"), e.Base)
}

// Is makes errors.Is(err, ErrConflict) hold.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// sqliteCode returns the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// classify turns a driver error into one of the package's errors, with a
// message that names the archive file and says what to do. Errors that are
// already ours, or that SQLite does not classify, are returned with the file
// name added.
func classify(path string, err error) error {
	if err == nil {
		return nil
	}
	for _, known := range []error{ErrNotArchive, ErrCorrupt, ErrTooNew, ErrLocked, ErrReadOnly, ErrNoFolder, ErrDiskFull, ErrDuplicate, ErrNotFound, ErrConflict, ErrUnavailable, ErrLogin, ErrNotAllowed} {
		if errors.Is(err, known) {
			return err
		}
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%s: %w (another program is using it; close that program or try again): %w", path, ErrLocked, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%s: %w; the change was rolled back and nothing already in the archive was lost: %w", path, ErrDiskFull, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%s: %w (the file, its folder or the disk is read-only): %w", path, ErrReadOnly, err)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%s: %w (restore it from a backup): %w", path, ErrCorrupt, err)
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%s: %w (not an SQLite database): %w", path, ErrNotArchive, err)
	case sqlite3.SQLITE_IOERR:
		return fmt.Errorf("archive %s: could not read or write the disk (is it full or removed?): %w", path, err)
	}
	return fmt.Errorf("archive %s: %w", path, err)
}
