package storage

// Method set of *Archive, as the workbench and the commands use it. Bodies
// land in the files named on each group; until then they return errNotYet.

import (
	"context"
	"database/sql"
	"errors"

	"github.com/galley/galley/article"
)

var errNotYet = errors.New("storage: not implemented yet")

// Archive is an open archive file. Close it when done.
type Archive struct {
	db       *sql.DB
	path     string
	readOnly bool
}

// Open opens the archive at path for reading and writing, creating the file
// (and, for DefaultPath only, its folders) when missing, and migrating an
// older schema. A file that is not a Galley archive or is damaged is refused
// without being modified (ErrNotArchive, ErrCorrupt). A missing folder gives
// ErrNoFolder, an unwritable one ErrReadOnly, a locked file ErrLocked.
func Open(path string) (*Archive, error) { return nil, errNotYet }

// OpenReadOnly opens an existing archive for reading only; writes return
// ErrReadOnly. It never creates or migrates anything.
func OpenReadOnly(path string) (*Archive, error) { return nil, errNotYet }

// Close closes the archive.
func (a *Archive) Close() error { return errNotYet }

// Path returns the archive's file name as given to Open.
func (a *Archive) Path() string { return a.path }

// AddPage stores a parsed and extracted page: the page, its stories, their
// edits and revision 1 of each story, in one transaction. It returns the new
// page id and fills p.ID and each story's ID and PageID. When a page with the
// same SHA-256 exists it returns a *DuplicateError (errors.Is ErrDuplicate)
// naming that page, and stores nothing.
func (a *Archive) AddPage(ctx context.Context, p *article.Page) (int64, error) {
	return 0, errNotYet
}

// PageBySHA256 returns the id of the page with that SHA-256 (hex), or
// ErrNotFound.
func (a *Archive) PageBySHA256(ctx context.Context, sha string) (int64, error) {
	return 0, errNotYet
}

// Page returns a page with its text, page edits and stories (with edits).
func (a *Archive) Page(ctx context.Context, id int64) (*article.Page, error) {
	return nil, errNotYet
}

// Pages lists pages, newest import first.
func (a *Archive) Pages(ctx context.Context, f PageFilter) ([]PageInfo, error) {
	return nil, errNotYet
}

// Stories lists stories by page date, page and order.
func (a *Archive) Stories(ctx context.Context, f StoryFilter) ([]StorySummary, error) {
	return nil, errNotYet
}

// Story returns one story, with its edits, as currently saved.
func (a *Archive) Story(ctx context.Context, id int64) (*article.Story, error) {
	return nil, errNotYet
}

// StoriesFull returns the full stories (as Story does) that f selects, in the
// order of Stories; used by --json listings and exports.
func (a *Archive) StoriesFull(ctx context.Context, f StoryFilter) ([]article.Story, error) {
	return nil, errNotYet
}

// SaveStory saves the editor's version of a story as a new revision and
// updates the search index. message may be empty: a summary of the changed
// fields is written then. Saving a story identical to the current revision
// adds nothing and returns the current number.
func (a *Archive) SaveStory(ctx context.Context, st *article.Story, author, message string) (int, error) {
	return 0, errNotYet
}

// ReplaceStories saves a rearrangement of one page's stories (split, merge,
// reorder) atomically. stories is the page's new list in order: stories with
// an ID of that page are saved (a new revision when changed), stories with ID
// 0 are inserted (revision 1), stories of the page not in the list are
// deleted with their revisions. It returns the ids in list order.
func (a *Archive) ReplaceStories(ctx context.Context, pageID int64, stories []article.Story, author, message string) ([]int64, error) {
	return nil, errNotYet
}

// Revisions lists a story's revisions, oldest first.
func (a *Archive) Revisions(ctx context.Context, storyID int64) ([]Revision, error) {
	return nil, errNotYet
}

// Revision returns the story as it was at revision n.
func (a *Archive) Revision(ctx context.Context, storyID int64, n int) (*article.Story, error) {
	return nil, errNotYet
}

// RestoreRevision makes revision n current again by saving it as a new
// revision ("restored revision n"), and returns the new number.
func (a *Archive) RestoreRevision(ctx context.Context, storyID int64, n int, author string) (int, error) {
	return 0, errNotYet
}

// SetStatus moves a story in the workflow (any status to any other) and
// records who did it and when.
func (a *Archive) SetStatus(ctx context.Context, storyID int64, s article.Status, who string) error {
	return errNotYet
}

// StatusHistory lists a story's status changes, oldest first.
func (a *Archive) StatusHistory(ctx context.Context, storyID int64) ([]StatusChange, error) {
	return nil, errNotYet
}

// Search finds stories matching query (words, Chinese or Latin, all of which
// must occur), best first, with a snippet.
func (a *Archive) Search(ctx context.Context, query string, f SearchFilter) ([]SearchHit, error) {
	return nil, errNotYet
}

// AddTerm adds (or re-tags) a user dictionary word in the archive and in the
// archive's lexicon.
func (a *Archive) AddTerm(ctx context.Context, word, tag string) error { return errNotYet }

// RemoveTerm removes a user dictionary word (ErrNotFound if absent).
func (a *Archive) RemoveTerm(ctx context.Context, word string) error { return errNotYet }

// Terms lists the user dictionary, sorted by word.
func (a *Archive) Terms(ctx context.Context) ([]Term, error) { return nil, errNotYet }

// StoriesContaining returns the ids of stories whose headline or text
// contains word (a substring match, not the search index), so their
// metadata can be extracted again after a dictionary change.
func (a *Archive) StoriesContaining(ctx context.Context, word string) ([]int64, error) {
	return nil, errNotYet
}

// UpdateMetadata replaces the byline, dateline and metadata of a story (after
// re-extraction) as a new revision by author.
func (a *Archive) UpdateMetadata(ctx context.Context, st *article.Story, author string) (int, error) {
	return 0, errNotYet
}

// Setting returns a remembered value ("" when unset).
func (a *Archive) Setting(ctx context.Context, key string) (string, error) { return "", errNotYet }

// SetSetting remembers a value (window size, last folder, last story).
func (a *Archive) SetSetting(ctx context.Context, key, value string) error { return errNotYet }

// Check runs SQLite's integrity and foreign-key checks and verifies the
// search index against the stories.
func (a *Archive) Check(ctx context.Context) (*CheckReport, error) { return nil, errNotYet }

// Backup writes a consistent copy of the archive to dest (which must not
// exist), also while other connections write to it.
func (a *Archive) Backup(ctx context.Context, dest string) error { return errNotYet }
