package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// dialect is the archive's backend: an SQLite file (the default, one editor
// on a laptop) or a PostgreSQL database (a newsroom). The SQL of the archive
// is written once, in SQLite's and PostgreSQL's common dialect with ?
// placeholders; the few places where the two differ (schema, search index,
// checks, a handful of functions) ask the dialect.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// rebind writes ? placeholders as PostgreSQL's $1, $2, …. Quoted text and
// identifiers are left alone, so a ? in a literal stays a question mark.
func (d dialect) rebind(q string) string {
	if d != postgresDialect || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// flagCount is the number of flags of story s, from its JSON list.
func (d dialect) flagCount() string {
	if d == postgresDialect {
		return `json_array_length(s.flags::json)`
	}
	return `json_array_length(s.flags)`
}

// contains is a condition: column holds the parameter as a substring.
func (d dialect) contains(column string) string {
	if d == postgresDialect {
		return `strpos(` + column + `, ?) > 0`
	}
	return `instr(` + column + `, ?) > 0`
}

func (d dialect) limit(limit, offset int) string {
	if limit <= 0 {
		if offset > 0 {
			if d == postgresDialect {
				return fmt.Sprintf(` LIMIT ALL OFFSET %d`, offset)
			}
			return fmt.Sprintf(` LIMIT -1 OFFSET %d`, offset)
		}
		return ""
	}
	return fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, max(offset, 0))
}

// dbh is the archive's connection pool; its methods take ? placeholders in
// either dialect.
type dbh struct {
	*sql.DB
	d dialect
}

func (h *dbh) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return h.DB.ExecContext(ctx, h.d.rebind(q), args...)
}

func (h *dbh) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return h.DB.QueryContext(ctx, h.d.rebind(q), args...)
}

func (h *dbh) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return h.DB.QueryRowContext(ctx, h.d.rebind(q), args...)
}

// Exec is for tests that damage an archive on purpose.
func (h *dbh) Exec(q string, args ...any) (sql.Result, error) {
	return h.ExecContext(context.Background(), q, args...)
}

func (h *dbh) begin(ctx context.Context) (*dbTx, error) {
	tx, err := h.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &dbTx{Tx: tx, d: h.d}, nil
}

// dbTx is one transaction; its methods take ? placeholders.
type dbTx struct {
	*sql.Tx
	d dialect
}

func (t *dbTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, t.d.rebind(q), args...)
}

func (t *dbTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, t.d.rebind(q), args...)
}

func (t *dbTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, t.d.rebind(q), args...)
}

// querier is what dbh and dbTx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
