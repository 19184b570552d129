package storage

import (
	"context"
	"fmt"
	"os"

	"github.com/galley/galley/article"
)

// Check runs SQLite's integrity and foreign-key checks, and verifies the
// search index against the stories: every story has exactly one index row
// holding its current revision, and the index has no row of a deleted story.
// On PostgreSQL the server keeps the pages and constraints whole; Check
// verifies the schema mark, the index, the revisions and the id sequences.
func (a *Archive) Check(ctx context.Context) (*CheckReport, error) {
	if a.d == postgresDialect {
		return a.pgCheck(ctx)
	}
	r := &CheckReport{}
	problem := func(format string, args ...any) { r.Problems = append(r.Problems, fmt.Sprintf(format, args...)) }

	rows, err := a.db.QueryContext(ctx, `PRAGMA integrity_check`)
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

	if _, err := a.db.ExecContext(ctx, `INSERT INTO story_fts (story_fts) VALUES ('integrity-check')`); err != nil && !a.readOnly {
		problem("search index: %v", err)
	}
	counts := []struct {
		dst   *int
		query string
	}{
		{&r.Pages, `SELECT count(*) FROM pages`},
		{&r.Stories, `SELECT count(*) FROM stories`},
		{&r.Indexed, `SELECT count(*) FROM story_fts`},
	}
	for _, c := range counts {
		if err := a.db.QueryRowContext(ctx, c.query).Scan(c.dst); err != nil {
			return nil, a.classify(err)
		}
	}
	var missing, orphans, stale, noRevision int
	for _, c := range []struct {
		dst   *int
		query string
	}{
		{&missing, `SELECT count(*) FROM stories WHERE id NOT IN (SELECT rowid FROM story_fts)`},
		{&orphans, `SELECT count(*) FROM story_fts WHERE rowid NOT IN (SELECT id FROM stories)`},
		{&stale, `SELECT count(*) FROM stories WHERE indexed_rev != revision`},
		{&noRevision, `SELECT count(*) FROM stories s WHERE NOT EXISTS
			(SELECT 1 FROM revisions r WHERE r.story_id = s.id AND r.n = s.revision)`},
	} {
		if err := a.db.QueryRowContext(ctx, c.query).Scan(c.dst); err != nil {
			return nil, a.classify(err)
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
	r.OK = len(r.Problems) == 0
	return r, nil
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
	if _, err := a.db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		os.Remove(dest)
		return fmt.Errorf("backup of %s to %s: %w", a.path, dest, a.classify(err))
	}
	return nil
}
