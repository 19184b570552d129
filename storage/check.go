package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley/galley/article"
	sqlite3 "modernc.org/sqlite/lib"
)

// countIndex counts the pages, stories and index rows into r and checks
// the search index against the stories (missingQ and orphansQ count the
// stories it lacks and the rows of stories gone: the one difference of the
// two backends' indexes), reporting what it finds. It returns the number
// of stories without their current revision, for the caller to report.
func (a *Archive) countIndex(ctx context.Context, r *CheckReport, problem func(string, ...any), missingQ, orphansQ string) (int, error) {
	var missing, orphans, stale, noRevision int
	for _, c := range []struct {
		dst   *int
		query string
	}{
		{&r.Pages, `SELECT count(*) FROM pages`},
		{&r.Stories, `SELECT count(*) FROM stories`},
		{&r.Indexed, `SELECT count(*) FROM story_fts`},
		{&missing, missingQ},
		{&orphans, orphansQ},
		{&stale, `SELECT count(*) FROM stories WHERE indexed_rev != revision`},
		{&noRevision, `SELECT count(*) FROM stories s WHERE NOT EXISTS
			(SELECT 1 FROM revisions r WHERE r.story_id = s.id AND r.n = s.revision)`},
	} {
		if err := a.db.QueryRowContext(ctx, c.query).Scan(c.dst); err != nil {
			return 0, a.classify(err)
		}
	}
	if missing > 0 {
		problem("search index: stories missing from it: %d", missing)
	}
	if orphans > 0 {
		problem("search index: rows of deleted stories: %d", orphans)
	}
	if stale > 0 {
		problem("search index: stories indexed at an old revision: %d", stale)
	}
	return noRevision, nil
}

// Check runs SQLite's integrity and foreign-key checks, and verifies the
// search index against the stories: every story has exactly one index row
// holding its current revision, and the index has no row of a deleted story.
func (a *Archive) Check(ctx context.Context) (*CheckReport, error) { return a.check(ctx, false) }

// QuickCheck is Check with SQLite's quicker structural check (it leaves out
// the comparison of indexes with their tables) and without the search
// index's own structure: commands that are about to write run it, so that
// they do not build on a damaged archive.
func (a *Archive) QuickCheck(ctx context.Context) (*CheckReport, error) { return a.check(ctx, true) }

// Damaged returns an error wrapping ErrCorrupt that lists what QuickCheck
// found, or nil for an archive it finds whole.
func (a *Archive) Damaged(ctx context.Context) error {
	r, err := a.QuickCheck(ctx)
	if err != nil {
		return err
	}
	if r.OK {
		return nil
	}
	const most = 5
	list := r.Problems[:min(len(r.Problems), most)]
	more := ""
	if len(r.Problems) > most {
		more = fmt.Sprintf("; and %d more", len(r.Problems)-most)
	}
	return fmt.Errorf("%s: %w: %s%s (galley check lists the problems; restore it from a backup)", a.path, ErrCorrupt, strings.Join(list, "; "), more)
}

// On PostgreSQL the server keeps the pages and constraints whole; Check
// verifies the schema mark, the index, the revisions and the id sequences.
func (a *Archive) check(ctx context.Context, quick bool) (*CheckReport, error) {
	if a.d == postgresDialect {
		return a.pgCheck(ctx)
	}
	r := &CheckReport{}
	problem := func(format string, args ...any) { r.Problems = append(r.Problems, fmt.Sprintf(format, args...)) }

	pragma := `PRAGMA integrity_check`
	if quick {
		pragma = `PRAGMA quick_check`
	}
	rows, err := a.db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, a.classify(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, a.classify(err)
		}
		if line != "ok" {
			problem("integrity: %s", line)
		}
	}
	rows.Close()

	rows, err = a.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, a.classify(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return nil, a.classify(err)
		}
		problem("foreign key: row %v of %s refers to a missing row of %s", rowid, table, parent)
	}
	rows.Close()

	var appID, version int
	if err := a.db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)`).
		Scan(&appID, &version); err != nil {
		return nil, a.classify(err)
	}
	if appID != applicationID {
		problem("the file is not marked as a Galley archive (application_id %#x)", appID)
	}
	if version != len(migrations) {
		problem("schema version %d, expected %d", version, len(migrations))
	}

	if quick {
		// the index's own structure is left to Check
	} else if err := a.ftsIntegrity(ctx); errors.Is(err, errCannotCheck) {
		r.Notes = append(r.Notes, "the search index's own structure was not checked: the archive can only be read here")
	} else if err != nil {
		problem("search index: %v", err)
	}
	noRevision, err := a.countIndex(ctx, r, problem,
		`SELECT count(*) FROM stories WHERE id NOT IN (SELECT rowid FROM story_fts)`,
		`SELECT count(*) FROM story_fts WHERE rowid NOT IN (SELECT id FROM stories)`)
	if err != nil {
		return nil, err
	}
	// The status facets of the index agree with the stories.
	for _, st := range article.Statuses {
		var stored, indexed int
		if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM stories WHERE status = ?`, string(st)).Scan(&stored); err != nil {
			return nil, a.classify(err)
		}
		if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM story_fts WHERE story_fts MATCH ?`, `facets : `+statusFacet(st)).Scan(&indexed); err != nil {
			return nil, a.classify(err)
		}
		if stored != indexed {
			problem("search index: stories with status %s: %d, the index says %d", st, stored, indexed)
		}
	}
	if noRevision > 0 {
		problem("revisions: stories without their current revision: %d", noRevision)
	}
	if err := a.checkImages(ctx, r, problem, quick); err != nil {
		return nil, err
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}

var errCannotCheck = errors.New("cannot run the check here")

// ftsIntegrity runs FTS5's integrity check, which SQLite only runs on a
// connection that may write (it writes nothing). An archive opened
// read-only borrows one when the file and its folder may be written, else
// the check is left out (errCannotCheck): that is no damage.
func (a *Archive) ftsIntegrity(ctx context.Context) error {
	const stmt = `INSERT INTO story_fts (story_fts) VALUES ('integrity-check')`
	if !a.readOnly {
		_, err := a.db.ExecContext(ctx, stmt)
		return err
	}
	abs, err := filepath.Abs(a.path)
	if err != nil || !writable(filepath.Dir(abs)) {
		return errCannotCheck
	}
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if err != nil {
		return errCannotCheck
	}
	f.Close()
	db, err := sql.Open("sqlite", fileURI(abs)+"?mode=rw&_pragma=busy_timeout(5000)")
	if err != nil {
		return errCannotCheck
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	if sqliteCode(err) == sqlite3.SQLITE_READONLY || sqliteCode(err) == sqlite3.SQLITE_CANTOPEN {
		return errCannotCheck
	}
	return err
}

// Backup writes a consistent copy of the archive to dest (which must not
// exist), also while other connections write to it: SQLite's VACUUM INTO
// reads one snapshot and writes a compact copy.
func (a *Archive) Backup(ctx context.Context, dest string) error {
	if a.d == postgresDialect {
		return fmt.Errorf("%s: a PostgreSQL archive is backed up by its server (pg_dump), or copied to a file with galley copy --from %s --to %s", a.path, a.path, dest)
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("backup %s: the file exists already; choose a new name", dest)
	}
	// The copy is written under a name of its own and takes dest only once
	// it is whole: a backup that is killed leaves no file under dest that
	// looks like a backup, and the next backup to dest clears what it left
	// (the half copy and SQLite's journal of it).
	partial := dest + ".partial"
	removeCopy(partial)
	if _, err := a.db.ExecContext(ctx, `VACUUM INTO ?`, partial); err != nil {
		removeCopy(partial)
		return fmt.Errorf("backup of %s to %s: %w", a.path, dest, a.classify(err))
	}
	// Read the copy back: a backup is only one if it opens as a whole
	// archive.
	if err := verifyCopy(ctx, partial); err != nil {
		removeCopy(partial)
		return fmt.Errorf("backup of %s to %s: the copy does not read back whole, so it was removed: %w", a.path, dest, err)
	}
	// A link fails when dest appeared meanwhile: no file is replaced.
	if err := os.Link(partial, dest); err != nil {
		if _, serr := os.Lstat(dest); serr == nil {
			removeCopy(partial)
			return fmt.Errorf("backup %s: the file exists already; choose a new name", dest)
		}
		if err := os.Rename(partial, dest); err != nil {
			removeCopy(partial)
			return fmt.Errorf("backup of %s to %s: %w", a.path, dest, err)
		}
	}
	removeCopy(partial)
	return nil
}

func removeCopy(dest string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(dest + suffix)
	}
}

// verifyCopy runs SQLite's quick check on a fresh copy.
func verifyCopy(ctx context.Context, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", fileURI(abs)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("%w: %s", ErrCorrupt, res)
	}
	return nil
}
