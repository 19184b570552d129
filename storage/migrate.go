package storage

import (
	"context"

	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migrations are the schema steps in order: migrations[i] takes the archive
// from user_version i to i+1. Files are named NNN_what.sql from 001; a new
// step is a new file, never an edit of an old one. pgMigrations are the
// same for PostgreSQL (version in galley_meta), in migrations/postgres.
var (
	migrations   = loadMigrations("migrations/")
	pgMigrations = loadMigrations("migrations/postgres/")
)

func loadMigrations(dir string) []string {
	names, err := fs.Glob(migrationFS, dir+"*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		num, err := strconv.Atoi(n[len(dir) : len(dir)+3])
		if err != nil || num != i+1 {
			panic("storage: migration " + n + " is out of sequence")
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	return out
}

// afterMigration holds the steps of a migration SQL cannot do, by the
// schema version the migration makes; they run in its transaction.
var afterMigration = map[int]func(context.Context, *dbTx) error{
	3: backfillTextSHA256,
}

// backfillTextSHA256 hashes the text of every page stored before schema 3.
func backfillTextSHA256(ctx context.Context, tx *dbTx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, text FROM pages WHERE text_sha256 = '' AND text != ''`)
	if err != nil {
		return err
	}
	sums := map[int64]string{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return err
		}
		sums[id] = textSHA256(text)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, sum := range sums {
		if _, err := tx.ExecContext(ctx, `UPDATE pages SET text_sha256 = ? WHERE id = ?`, sum, id); err != nil {
			return err
		}
	}
	return nil
}

// migrate brings the schema up to date in one transaction and marks the
// file as a Galley archive.
func (a *Archive) migrate(ctx context.Context) error {
	// Look first without a write lock, so that opening an up-to-date archive
	// does not wait for another program's import.
	var version, appID int
	err := a.db.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)`).
		Scan(&version, &appID)
	if err != nil {
		abs, _ := filepath.Abs(a.path)
		return openError(a.path, abs, err)
	}
	if version == len(migrations) && appID == applicationID {
		return nil
	}
	return a.writeTx(ctx, func(tx *dbTx) error {
		var version, appID int
		if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
			return err
		}
		if appID != applicationID && (appID != 0 || version != 0) {
			return fmt.Errorf("%s: %w", a.path, ErrNotArchive)
		}
		if version > len(migrations) {
			return fmt.Errorf("archive %s: %w (schema %d, this Galley knows %d)", a.path, ErrTooNew, version, len(migrations))
		}
		if version == len(migrations) && appID == applicationID {
			return nil
		}
		for i := version; i < len(migrations); i++ {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
			if after := afterMigration[i+1]; after != nil {
				if err := after(ctx, tx); err != nil {
					return fmt.Errorf("migration %d: %w", i+1, err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, applicationID))
		return err
	})
}
