package storage

import (
	"context"
	"database/sql"
	"errors"
)

// Setting returns a remembered value ("" when unset).
func (a *Archive) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := a.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, a.classify(err)
}

// SetSetting remembers a value (window size, last folder, last story).
func (a *Archive) SetSetting(ctx context.Context, key, value string) error {
	return a.writeTx(ctx, func(tx *dbTx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
