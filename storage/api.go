// Package storage is Galley's archive: one SQLite file (modernc.org/sqlite),
// or for a newsroom a PostgreSQL database (pgx; Open of a postgres:// URL),
// holding pages, their stories, the automatic edits, every revision of every
// story, the workflow status, the user dictionary, settings and a full-text
// index. All SQL of Galley lives in this package; the workbench and the
// commands use the methods below, the same on both backends.
//
// An *Archive is safe for concurrent use by several goroutines. Every method
// that changes the archive runs in one transaction: it either happens whole
// or not at all, also when the process is killed or the disk is full.
//
// The API, by file:
//
//	open.go       Open, OpenReadOnly, OpenWith(Options), Close, Path, ReadOnly, Lexicon
//	pages.go      AddPage, AddPages, PageBySHA256, Page, Pages
//	pageimages.go AddPageWithImage, SavePageImage, PageImage: a PDF page
//	              drawn as a PNG, kept with its page
//	stories.go    Stories (summaries), Story, StoriesFull, ChangeMark
//	revisions.go  SaveStory, AmendStory, ReplaceStories (split, merge, reorder;
//	              a story taken off its page is kept and can come back), Revisions,
//	              Revision, RestoreRevision
//	status.go     SetStatus, StatusHistory
//	search.go     Search (SearchFilter → []SearchHit with snippet and marks)
//	fts.go        Reindex
//	terms.go      AddTerm, RemoveTerm, Terms, StoriesContaining
//	settings.go   Setting, SetSetting
//	check.go      Check, Backup
//	copy.go       CopyTo (a whole archive into an empty one), Counts
//	editors.go    HoldLease, ReleaseLease, Leases, Watch (Change), Approvers,
//	              SetApprover, MayApprove, DatabaseUser
//	dialect.go    where SQLite's and PostgreSQL's SQL differ
//	postgres.go   IsServer, opening, migrating and retrying on PostgreSQL
//	pgfts.go      PostgreSQL's search index (tsvector of the gse tokens), Check
//
// Types and errors are in this file. Errors name the archive file (or the
// server and database, never the password) and say what happened; test
// them with errors.Is. Every save names the revision it was based on and a
// save over a newer one is a *ConflictError.
package storage

import (
	"errors"
	"time"

	"github.com/galley/galley/article"
)

// Errors a caller can test with errors.Is. The errors returned wrap them
// with a message that names the archive file and says what happened.
var (
	// ErrNotArchive: the file exists but is not a Galley archive (another
	// SQLite database, or not a database at all). The file is not modified.
	ErrNotArchive = errors.New("not a Galley archive")
	// ErrCorrupt: the file is a Galley archive but SQLite cannot read it.
	ErrCorrupt = errors.New("archive is damaged")
	// ErrTooNew: the archive was written by a newer Galley.
	ErrTooNew = errors.New("archive was written by a newer version of Galley")
	// ErrLocked: another program holds a lock on the archive for longer than
	// the busy timeout.
	ErrLocked = errors.New("archive is locked by another program")
	// ErrReadOnly: the archive, its folder or the disk cannot be written, or
	// the archive was opened with OpenReadOnly.
	ErrReadOnly = errors.New("archive cannot be written")
	// ErrNoFolder: the folder the archive should be in does not exist.
	ErrNoFolder = errors.New("folder does not exist")
	// ErrDiskFull: the disk (or the archive's size limit) is full; the
	// change was rolled back.
	ErrDiskFull = errors.New("disk is full")
	// ErrDuplicate: a page with the same SHA-256, or the same decoded text,
	// is already in the archive.
	// AddPage returns it wrapped in a *DuplicateError that names the page.
	ErrDuplicate = errors.New("page already imported")
	// ErrNotFound: no page, story, revision or term with that key.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a save was based on an older revision than the story's
	// current one (someone else saved it meanwhile); nothing was saved.
	// SaveStory, ReplaceStories and RestoreRevision return it wrapped in a
	// *ConflictError that names both revisions.
	ErrConflict = errors.New("the story was changed by someone else")
	// ErrUnavailable: the archive's PostgreSQL server cannot be reached (it
	// is down, the host or port is wrong, or the connection was lost and
	// could not be made again). Nothing half-done was kept.
	ErrUnavailable = errors.New("the archive server cannot be reached")
	// ErrLogin: the PostgreSQL server refused the user name or password.
	ErrLogin = errors.New("the archive server refused the login")
	// ErrNotAllowed: the editor's role in the archive does not allow the
	// change (approving is for the editors the newsroom names).
	ErrNotAllowed = errors.New("not allowed for this editor")
)

// ConflictError is returned by a save whose base revision (the Revision of
// the story given, or the base named) is not the story's current revision.
// Nothing was saved; the caller decides with the editor: keep mine (save
// again with Base set to Current), take theirs (read the story again), or
// look at the difference (Revision(StoryID, Current)).
// errors.Is(err, ErrConflict) holds.
type ConflictError struct {
	StoryID int64
	Base    int       // the revision the rejected save was based on
	Current int       // the story's revision in the archive
	By      string    // who saved Current
	At      time.Time // when
}

// DuplicateError is returned by AddPage when the page's SHA-256 is already
// in the archive. errors.Is(err, ErrDuplicate) holds.
type DuplicateError struct {
	File   string // the file being imported
	PageID int64  // the page already in the archive
	// SameText: the bytes differ but the decoded text is the same (the
	// page saved in another encoding).
	SameText bool
}

// PageInfo describes a stored page without its text and stories.
type PageInfo struct {
	ID         int64
	File       string
	SHA256     string
	Date       string // YYYY-MM-DD or ""
	ImportedAt time.Time
	Stories    int // number of stories on the page
	// HasImage: the page was read from a PDF and its image is in the
	// archive (PageImage).
	HasImage bool
}

// PageFilter selects pages for Pages. Zero values select everything.
type PageFilter struct {
	DateFrom, DateTo string // inclusive, YYYY-MM-DD
	Limit, Offset    int    // Limit 0: no limit
}

// StoryFilter selects stories for Stories. Zero values select everything.
type StoryFilter struct {
	Status           article.Status // "" any
	PageID           int64          // 0 any
	DateFrom, DateTo string         // page date, inclusive, YYYY-MM-DD
	IDs              []int64        // nil any; otherwise only these
	Limit, Offset    int            // Limit 0: no limit
}

// StorySummary is one row of a story list: enough to show it, without the
// paragraphs.
type StorySummary struct {
	ID        int64
	PageID    int64
	Order     int
	Kind      string
	Headline  string // article.Story.Headline()
	Kicker    string
	Subtitle  string
	PageDate  string
	File      string
	Status    article.Status
	StatusBy  string
	StatusAt  time.Time
	Revision  int // current revision number
	Chars     int
	Flags     int // number of flags
	UpdatedAt time.Time
}

// SearchFilter narrows a search. Zero values select everything.
type SearchFilter struct {
	Status           article.Status
	PageID           int64
	DateFrom, DateTo string // page date, inclusive
	Limit            int    // 0: 50
}

// SearchHit is one search result, best first.
type SearchHit struct {
	Story StorySummary
	Score float64 // bm25: smaller is better
	// Snippet is a short piece of the story's text around the first match
	// ("…" where cut). Marks are byte ranges of the matched words in
	// Snippet, for highlighting.
	Snippet string
	Marks   [][2]int
}

// Revision describes one saved state of a story. Revision 1 is the
// automatic result of the import; every save adds the next number.
type Revision struct {
	StoryID int64
	N       int
	At      time.Time
	Author  string
	Message string // what changed, e.g. "title, paragraphs 3–4" or "restored revision 2"
}

// StatusChange is one step of a story's workflow history.
type StatusChange struct {
	StoryID int64
	Status  article.Status
	By      string
	At      time.Time
}

// Term is a user dictionary entry: a word and its gse POS tag (nr person,
// ns place, nt organisation, n noun).
type Term struct {
	Word  string
	Tag   string
	Added time.Time
}

// CheckReport is the result of Check. OK is true when Problems is empty.
type CheckReport struct {
	OK      bool
	Pages   int
	Stories int
	Indexed int // stories in the search index
	// PageImages: pages with their image (pages read from a PDF)
	PageImages int
	Problems   []string // one line each, in words
	Notes      []string // what could not be checked here (no damage)
}
