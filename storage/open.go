package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/galley/galley/lexicon"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// applicationID marks a SQLite file as a Galley archive (PRAGMA
// application_id, bytes 68–71 of the file): "Galy".
const applicationID = 0x47616c79

// DefaultBusyTimeout is how long a write waits for another program's lock
// before failing with ErrLocked.
const DefaultBusyTimeout = 5 * time.Second

// Archive is an open archive file. Close it when done.
type Archive struct {
	db       *sql.DB
	path     string
	readOnly bool
	lex      *lexicon.Lexicon
}

// Options tune OpenWith. The zero value is what Open uses.
type Options struct {
	ReadOnly bool
	// Lexicon tokenises text for the search index and receives the user
	// dictionary. nil: lexicon.Shared().
	Lexicon *lexicon.Lexicon
	// BusyTimeout: how long to wait for another program's lock. 0: DefaultBusyTimeout.
	BusyTimeout time.Duration
	// Existing: the file must be a Galley archive already. An empty file
	// or an empty SQLite database, which Open makes into an archive, is
	// refused with ErrNotArchive. OpenReadOnly always asks this.
	Existing bool

	// maxPages caps the file size in pages (tests simulate a full disk).
	maxPages int
}

// Open opens the archive at path for reading and writing, creating the file
// (and, for DefaultPath only, its folders: a missing folder elsewhere is more
// likely a typo) when missing, and migrating an older schema. A file that is
// not a Galley archive or is damaged is refused without being modified
// (ErrNotArchive, ErrCorrupt). A missing folder gives ErrNoFolder, an
// unwritable one ErrReadOnly, a file another program holds locked ErrLocked.
func Open(path string) (*Archive, error) { return OpenWith(path, Options{}) }

// OpenReadOnly opens an existing archive for reading only; writes return
// ErrReadOnly. It never creates or migrates anything.
func OpenReadOnly(path string) (*Archive, error) {
	return OpenWith(path, Options{ReadOnly: true, Existing: true})
}

// OpenWith opens an archive with options.
func OpenWith(path string, opt Options) (*Archive, error) {
	if path == "" {
		return nil, errors.New("no archive file given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	if opt.Lexicon == nil {
		opt.Lexicon = lexicon.Shared()
	}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = DefaultBusyTimeout
	}
	exists, err := checkPlace(path, abs, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	immutable := false
	if opt.ReadOnly && exists && !writable(filepath.Dir(abs)) {
		// SQLite cannot make the shared-memory file of a WAL archive in a
		// folder it may not write: read the file as it is, which is whole
		// when no write-ahead log beside it holds later commits (and
		// nobody can add one there).
		if st, err := os.Stat(abs + "-wal"); err == nil && st.Size() > 0 {
			return nil, fmt.Errorf("%s: %w: the folder %s is read-only and %s-wal holds changes not yet in the archive; open it once where it can be written",
				path, ErrReadOnly, filepath.Dir(abs), filepath.Base(abs))
		}
		immutable = true
	}
	if exists {
		// Look before touching: a foreign or damaged file is opened read-only
		// and refused without a single byte written.
		if err := inspect(path, abs, opt.BusyTimeout, opt.ReadOnly || opt.Existing, immutable); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite", dsn(abs, opt, immutable))
	if err != nil {
		return nil, classify(path, err)
	}
	// WAL lets readers (the workbench's lists) run while one writer imports.
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	a := &Archive{db: db, path: path, readOnly: opt.ReadOnly, lex: opt.Lexicon}
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, abs, err)
	}
	if !opt.ReadOnly {
		if err := a.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := a.feedTerms(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// checkPlace reports whether the archive file exists, and explains a
// missing or unusable folder.
func checkPlace(path, abs string, readOnly bool) (bool, error) {
	st, err := os.Stat(abs)
	switch {
	case err == nil && st.IsDir():
		return false, fmt.Errorf("archive %s is a folder, not a file", path)
	case err == nil && !st.Mode().IsRegular():
		// a named pipe or a device: opening it to look could wait for ever
		return false, fmt.Errorf("%s: %w (not a regular file)", path, ErrNotArchive)
	case err == nil:
		return true, nil
	case !errors.Is(err, os.ErrNotExist):
		return false, fmt.Errorf("archive %s: %w", path, err)
	}
	if readOnly {
		return false, fmt.Errorf("%s: archive %w", path, ErrNotFound)
	}
	dir := filepath.Dir(abs)
	dst, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if def, _ := filepath.Abs(DefaultPath()); def == abs {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return false, fmt.Errorf("archive %s: cannot create folder %s: %w", path, dir, err)
			}
			return false, nil
		}
		return false, fmt.Errorf("archive %s: %w: %s", path, ErrNoFolder, dir)
	}
	if err != nil {
		return false, fmt.Errorf("archive %s: folder %s: %w", path, dir, err)
	}
	if !dst.IsDir() {
		return false, fmt.Errorf("archive %s: %w: %s is a file", path, ErrNoFolder, dir)
	}
	return false, nil
}

// inspect opens an existing file read-only and refuses it unless it is a
// Galley archive of a version this build knows, or an empty database.
//
// existing refuses an empty file or empty database too: reading commands
// would fail on its missing tables, and only an import should make a file
// into an archive.
func inspect(path, abs string, busy time.Duration, existing, immutable bool) error {
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("archive %s: %w", path, err)
	}
	header := make([]byte, 16)
	n, err := io.ReadFull(f, header)
	f.Close()
	if n == 0 && errors.Is(err, io.EOF) {
		if existing {
			return fmt.Errorf("%s: %w: the file is empty (galley import FILE makes it an archive)", path, ErrNotArchive)
		}
		return nil // an empty file: SQLite makes it a new database
	}
	if string(header[:n]) != "SQLite format 3\x00" {
		return fmt.Errorf("%s: %w (not an SQLite database; the file was not changed)", path, ErrNotArchive)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	if immutable {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(int(busy.Milliseconds()))+")")
	db, err := sql.Open("sqlite", fileURI(abs)+"?"+q.Encode())
	if err != nil {
		return classify(path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var appID, version, objects int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &objects)
	if err != nil {
		return openError(path, abs, err)
	}
	switch {
	case appID == applicationID && version > len(migrations):
		return fmt.Errorf("archive %s: %w (schema %d, this Galley knows %d)", path, ErrTooNew, version, len(migrations))
	case appID == applicationID:
		return nil
	case appID == 0 && version == 0 && objects == 0 && existing:
		return fmt.Errorf("%s: %w: an empty SQLite database (galley import FILE makes it an archive)", path, ErrNotArchive)
	case appID == 0 && version == 0 && objects == 0:
		return nil // an empty SQLite database: becomes an archive
	default:
		return fmt.Errorf("%s: %w (an SQLite database of another program; the file was not changed)", path, ErrNotArchive)
	}
}

// openError explains why SQLite could not open the file.
func openError(path, abs string, err error) error {
	e := classify(path, err)
	if errors.Is(e, ErrLocked) || errors.Is(e, ErrCorrupt) || errors.Is(e, ErrNotArchive) || errors.Is(e, ErrDiskFull) {
		return e
	}
	if !writable(filepath.Dir(abs)) {
		return fmt.Errorf("%s: %w: the folder %s is read-only (SQLite needs to write its journal there): %w", path, ErrReadOnly, filepath.Dir(abs), err)
	}
	return e
}

// writable reports whether files can be created in dir.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".galley-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

func fileURI(abs string) string {
	return "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
}

func dsn(abs string, opt Options, immutable bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(int(opt.BusyTimeout.Milliseconds()))+")")
	q.Add("_pragma", "foreign_keys(1)")
	// Searches jump around the index: read pages through a memory map (no
	// system call per page) and keep more of them per connection.
	q.Add("_pragma", "mmap_size(268435456)")
	q.Add("_pragma", "cache_size(-16384)")
	if opt.ReadOnly {
		// mode=ro, not query_only: VACUUM INTO (Backup) must still work.
		q.Set("mode", "ro")
		if immutable {
			q.Set("immutable", "1")
		}
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		// NORMAL in WAL mode: a power cut may lose the last commits but
		// never corrupts the file; a killed process loses nothing committed.
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
		if opt.maxPages > 0 {
			q.Add("_pragma", "max_page_count("+strconv.Itoa(opt.maxPages)+")")
		}
	}
	return fileURI(abs) + "?" + q.Encode()
}

// Close closes the archive.
func (a *Archive) Close() error {
	if err := a.db.Close(); err != nil {
		return classify(a.path, err)
	}
	return nil
}

// Path returns the archive's file name as given to Open.
func (a *Archive) Path() string { return a.path }

// ReadOnly reports whether the archive was opened read-only.
func (a *Archive) ReadOnly() bool { return a.readOnly }

// Lexicon returns the lexicon the archive indexes with and feeds its user
// dictionary to.
func (a *Archive) Lexicon() *lexicon.Lexicon { return a.lex }

// writeTx runs fn in one write transaction: committed when fn returns nil,
// rolled back otherwise (also when the commit itself fails, e.g. disk full).
func (a *Archive) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if a.readOnly {
		return fmt.Errorf("%s: %w (opened read-only)", a.path, ErrReadOnly)
	}
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(a.path, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(a.path, err)
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		return classify(a.path, err)
	}
	return nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
