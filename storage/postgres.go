package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/galley/galley/lexicon"
)

// IsServer reports whether name is a PostgreSQL connection string
// (postgres://… or postgresql://…) rather than an archive file.
func IsServer(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// pgApplication marks a PostgreSQL database as a Galley archive, in the
// galley_meta table beside its schema version.
const pgApplication = "galley"

// pgMigrationLock is the advisory lock that lets one Galley at a time
// migrate a database ("Galy").
const pgMigrationLock = 0x47616c79

// DefaultConnectTimeout bounds how long opening a PostgreSQL archive waits
// for the server when the connection string names no connect_timeout.
const DefaultConnectTimeout = 10 * time.Second

// DefaultRetryFor is how long a write on PostgreSQL keeps being tried when
// the server went away or the transaction lost a race: long enough for a
// server restart. The waits between tries double from 100 ms to 2 s.
const DefaultRetryFor = 10 * time.Second

// openPostgres opens the archive in the PostgreSQL database the connection
// string names. The password comes from the connection string or from
// libpq's usual places (PGPASSWORD, ~/.pgpass, PGPASSFILE); TLS is as the
// string says (sslmode). The archive's Path names the server and database
// without the password.
func openPostgres(dsn string, opt Options) (*Archive, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("archive %s: the connection string is not valid: %w", redactDSN(dsn), unwrapParse(err))
	}
	name := serverName(cfg)
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "galley"
	}
	// pgx prepares each statement once per connection; after five runs the
	// server may plan a prepared search generically, and the generic plan of
	// "newest matches" walks the whole index by id, testing every story
	// (170 ms instead of 11 ms at 33k stories). Plan with the actual query.
	if cfg.RuntimeParams["plan_cache_mode"] == "" {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	if opt.ReadOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	if opt.Lexicon == nil {
		opt.Lexicon = lexicon.Shared()
	}
	sdb := stdlib.OpenDB(*cfg)
	sdb.SetMaxOpenConns(8)
	sdb.SetMaxIdleConns(4)
	sdb.SetConnMaxIdleTime(time.Minute)
	if opt.RetryFor <= 0 {
		opt.RetryFor = DefaultRetryFor
	}
	a := &Archive{db: &dbh{DB: sdb, d: postgresDialect}, d: postgresDialect, path: name, readOnly: opt.ReadOnly, lex: opt.Lexicon, pg: cfg, retryFor: opt.RetryFor}
	ctx := context.Background()
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, classifyPG(name, err)
	}
	if opt.ReadOnly {
		err = a.pgInspect(ctx)
	} else {
		err = a.pgMigrate(ctx)
	}
	if err == nil {
		err = a.feedTerms(ctx)
	}
	if err != nil {
		sdb.Close()
		return nil, err
	}
	return a, nil
}

// serverName is how messages name a PostgreSQL archive:
// postgres://user@host:port/database, never with the password.
func serverName(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if strings.HasPrefix(host, "/") {
		host = "[" + host + "]" // a unix socket folder
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, host, cfg.Port, cfg.Database)
}

// redactDSN drops the password from a connection string that could not be
// parsed, for a message.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	u.RawQuery = ""
	return u.String()
}

// unwrapParse keeps pgx's reason but not its copy of the connection string
// (which may hold the password).
func unwrapParse(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap()
	}
	if errors.As(err, &pe) {
		return errors.New(pe.Error())
	}
	return err
}

// pgVersion reads the archive mark and schema version of the database:
// version 0 with no error for an empty database; ErrNotArchive for a
// database that holds another program's tables.
func pgVersion(ctx context.Context, q querier, name string) (int, error) {
	var meta sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT to_regclass('galley_meta')::text`).Scan(&meta); err != nil {
		return 0, err
	}
	if !meta.Valid {
		var tables int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil {
			return 0, err
		}
		if tables > 0 {
			return 0, fmt.Errorf("%s: %w (the database holds %d tables of another program; nothing was changed)", name, ErrNotArchive, tables)
		}
		return 0, nil
	}
	var app, version string
	err := q.QueryRowContext(ctx, `SELECT (SELECT value FROM galley_meta WHERE key = 'application'), (SELECT value FROM galley_meta WHERE key = 'schema')`).
		Scan(&app, &version)
	if err != nil || app != pgApplication {
		return 0, fmt.Errorf("%s: %w (galley_meta does not mark it as one; nothing was changed)", name, ErrNotArchive)
	}
	var n int
	if _, err := fmt.Sscan(version, &n); err != nil {
		return 0, fmt.Errorf("%s: %w (schema version %q)", name, ErrCorrupt, version)
	}
	if n > len(pgMigrations) {
		return n, fmt.Errorf("archive %s: %w (schema %d, this Galley knows %d); nothing was changed", name, ErrTooNew, n, len(pgMigrations))
	}
	return n, nil
}

// pgInspect refuses, without writing, a database that is not an archive of
// a schema this build knows (for read-only use).
func (a *Archive) pgInspect(ctx context.Context) error {
	n, err := pgVersion(ctx, a.db, a.path)
	if err != nil {
		return a.classify(err)
	}
	if n < len(pgMigrations) {
		if n == 0 {
			return fmt.Errorf("%s: archive %w (the database is empty: import pages first)", a.path, ErrNotFound)
		}
		return fmt.Errorf("archive %s: schema %d is older than this Galley's %d; open it once for writing to bring it up to date", a.path, n, len(pgMigrations))
	}
	return nil
}

// pgMigrate brings the schema up to date in one transaction, under an
// advisory lock so that editors opening a new archive at once migrate it
// once.
func (a *Archive) pgMigrate(ctx context.Context) error {
	if n, err := pgVersion(ctx, a.db, a.path); err != nil {
		return a.classify(err)
	} else if n == len(pgMigrations) {
		return nil
	}
	err := a.runTx(ctx, func(tx *dbTx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(pgMigrationLock)); err != nil {
			return err
		}
		n, err := pgVersion(ctx, tx, a.path)
		if err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE galley_meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL)`); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO galley_meta (key, value) VALUES ('application', ?), ('schema', '0')`, pgApplication); err != nil {
				return err
			}
		}
		for i := n; i < len(pgMigrations); i++ {
			// No arguments: pgx sends it as one simple query, several
			// statements in one.
			if _, err := tx.Tx.ExecContext(ctx, pgMigrations[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
			if after := afterMigration[i+1]; after != nil {
				if err := after(ctx, tx); err != nil {
					return fmt.Errorf("migration %d: %w", i+1, err)
				}
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE galley_meta SET value = ? WHERE key = 'schema'`, fmt.Sprint(len(pgMigrations)))
		return err
	})
	return a.classify(err)
}

// pgWriteTx runs fn in a transaction on the server, trying again when the
// connection was lost or the transaction lost a race (serialization
// failure, deadlock): the whole transaction is repeated, so nothing is ever
// half-written. After the last try the error says the server cannot be
// reached. A save repeated after a commit whose answer was lost finds its
// own content in place and adds nothing.
func (a *Archive) pgWriteTx(ctx context.Context, fn func(tx *dbTx) error) error {
	wait := 100 * time.Millisecond
	start := time.Now()
	var err error
	for {
		err = a.runTx(ctx, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil || time.Since(start)+wait > a.retryFor {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait = min(wait*2, 2*time.Second)
	}
	return a.classify(err)
}

// retryable: errors after which the same transaction may well succeed.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01": // serialization failure, deadlock
			return true
		}
	}
	return connectionLost(err)
}

// connectionLost: the server went away, cannot be reached or is starting
// or stopping.
func connectionLost(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}

// classifyPG turns a PostgreSQL error into one of the package's errors,
// with a message that names the server and database and says what to do.
func classifyPG(name string, err error) error {
	if err == nil {
		return nil
	}
	for _, known := range []error{ErrNotArchive, ErrCorrupt, ErrTooNew, ErrReadOnly, ErrDiskFull, ErrDuplicate, ErrNotFound, ErrConflict, ErrUnavailable, ErrLogin, ErrNotAllowed} {
		if errors.Is(err, known) {
			return err
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return fmt.Errorf("%s: %w (check the user name and the password in the connection string, PGPASSWORD or ~/.pgpass): %s", name, ErrLogin, pe.Message)
		case pe.Code == "3D000":
			return fmt.Errorf("%s: archive %w: %s (create the database first: createdb)", name, ErrNotFound, pe.Message)
		case pe.Code == "25006":
			return fmt.Errorf("%s: %w (opened read-only)", name, ErrReadOnly)
		case pe.Code == "42501":
			return fmt.Errorf("%s: %w: the database refused it: %s", name, ErrNotAllowed, pe.Message)
		case pe.Code == "53100":
			return fmt.Errorf("%s: %w on the server; the change was rolled back: %s", name, ErrDiskFull, pe.Message)
		case pe.Code == "23505" && strings.Contains(pe.ConstraintName, "sha256"):
			return fmt.Errorf("%s: %w (by another editor at the same moment)", name, ErrDuplicate)
		}
	}
	if connectionLost(err) {
		return fmt.Errorf("%s: %w (is the server running, and are host and port right? nothing half-done was kept): %v", name, ErrUnavailable, err)
	}
	return fmt.Errorf("archive %s: %w", name, err)
}
