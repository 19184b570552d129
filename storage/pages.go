package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/galley/galley/article"
)

// ImportAuthor is the author of revision 1 of imported stories and of their
// first status.
const ImportAuthor = "galley"

// AddPage stores a parsed and extracted page: the page, its stories, their
// edits and revision 1 of each story, in one transaction. It returns the new
// page id and fills p.ID and each story's ID and PageID. When a page with the
// same SHA-256, or the same decoded text, exists it returns a
// *DuplicateError (errors.Is ErrDuplicate) naming that page, and that
// page's id, and stores nothing.
func (a *Archive) AddPage(ctx context.Context, p *article.Page) (int64, error) {
	ids, err := a.AddPages(ctx, []*article.Page{p})
	var dup *DuplicateError
	if errors.As(err, &dup) {
		return dup.PageID, err
	}
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// AddPages stores several pages as AddPage does, in one transaction: all of
// them or none. A story JSON file holding the stories of several pages is
// imported this way, so that a failure half-way cannot leave half of the
// file in the archive (and the file then looking imported).
func (a *Archive) AddPages(ctx context.Context, pages []*article.Page) ([]int64, error) {
	docs := make([][]ftsDoc, len(pages))
	sums := make([]string, len(pages))
	for k, p := range pages {
		if p.SHA256 == "" {
			return nil, fmt.Errorf("page %s has no SHA-256", p.File)
		}
		for i := range p.Stories {
			st := &p.Stories[i]
			st.Normalize()
			// A story that names no source was cut from this page; stories
			// read from story JSON keep the source they name, as they name it.
			if st.Source.File == "" && st.Source.SHA256 == "" {
				st.Source.File, st.Source.SHA256 = p.File, p.SHA256
			}
		}
		// Tokenising is the slow part: do it before taking the write lock.
		docs[k] = a.ftsDocuments(p.Stories)
		sums[k] = textSHA256(p.Text)
	}
	ids := make([]int64, len(pages))
	err := a.writeTx(ctx, func(tx *sql.Tx) error {
		ts := now()
		for k, p := range pages {
			id, err := addPageInTx(ctx, tx, p, docs[k], sums[k], ts)
			if err != nil {
				return err
			}
			ids[k] = id
		}
		return nil
	})
	if err != nil {
		for _, p := range pages {
			for i := range p.Stories {
				p.Stories[i].ID, p.Stories[i].PageID, p.Stories[i].Revision = 0, 0, 0
			}
		}
		return nil, err
	}
	for k, p := range pages {
		p.ID = ids[k]
	}
	return ids, nil
}

// addPageInTx stores one page of AddPages.
func addPageInTx(ctx context.Context, tx *sql.Tx, p *article.Page, docs []ftsDoc, textSum, ts string) (int64, error) {
	var existing int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM pages WHERE sha256 = ?`, p.SHA256).Scan(&existing)
	if err == nil {
		return 0, &DuplicateError{File: p.File, PageID: existing}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if textSum != "" {
		err := tx.QueryRowContext(ctx, `SELECT id FROM pages WHERE text_sha256 = ?`, textSum).Scan(&existing)
		if err == nil {
			return 0, &DuplicateError{File: p.File, PageID: existing, SameText: true}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	edits, err := packEdits(p.Edits)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO pages (file, sha256, text, date, imported_at, edits, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.File, p.SHA256, p.Text, p.Date, ts, edits, textSum)
	if err != nil {
		return 0, err
	}
	pageID, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for i := range p.Stories {
		st := &p.Stories[i]
		st.PageID = pageID
		if err := insertStory(ctx, tx, st, ts, ImportAuthor, "automatic result of the import", docs[i]); err != nil {
			return 0, err
		}
	}
	return pageID, nil
}

// textSHA256 is the hex SHA-256 of a page's decoded text ("" for no text):
// the same page in two encodings decodes to the same text.
func textSHA256(text string) string {
	if text == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// insertStory adds st (PageID and Order set) as revision 1 with its edits,
// first status and search index row, and sets st.ID.
func insertStory(ctx context.Context, tx *sql.Tx, st *article.Story, ts, author, message string, doc ftsDoc) error {
	st.Normalize()
	f, err := encodeFields(st)
	if err != nil {
		return err
	}
	edits, err := packEdits(st.Edits)
	if err != nil {
		return err
	}
	// A new story's id is above every id in use, also those of stories
	// taken off their page (removed_stories), which may come back.
	res, err := tx.ExecContext(ctx, `INSERT INTO stories
		(id, page_id, ord, kind, kicker, title, subtitle, dateline, headline, byline, paragraphs, metadata, flags, edits,
		 notes, src_file, src_sha256, src_start, src_end, chars, status, status_by, status_at, revision, indexed_rev, updated_at)
		VALUES ((SELECT max(coalesce((SELECT max(id) FROM stories), 0), coalesce((SELECT max(id) FROM removed_stories), 0)) + 1),
		?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`,
		st.PageID, st.Order, st.Kind, st.Kicker, st.Title, st.Subtitle, st.Dateline, st.Headline(),
		f.byline, f.paragraphs, f.metadata, f.flags, edits, st.Notes, st.Source.File, st.Source.SHA256, st.Source.Start, st.Source.End,
		st.Metadata.Chars, st.Status, author, ts, ts)
	if err != nil {
		return err
	}
	if st.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	st.Revision = 1
	if _, err := tx.ExecContext(ctx, `INSERT INTO status_changes (story_id, status, by, at) VALUES (?, ?, ?, ?)`,
		st.ID, st.Status, author, ts); err != nil {
		return err
	}
	if err := insertRevision(ctx, tx, st, 1, ts, author, message); err != nil {
		return err
	}
	return indexStory(ctx, tx, st.ID, doc)
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// PageBySHA256 returns the id of the page with that SHA-256 (hex), or
// ErrNotFound.
func (a *Archive) PageBySHA256(ctx context.Context, sha string) (int64, error) {
	var id int64
	err := a.db.QueryRowContext(ctx, `SELECT id FROM pages WHERE sha256 = ?`, strings.ToLower(sha)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("page with SHA-256 %s: %w", sha, ErrNotFound)
	}
	return id, classify(a.path, err)
}

// Page returns a page with its text, page edits and stories (with edits).
func (a *Archive) Page(ctx context.Context, id int64) (*article.Page, error) {
	p := &article.Page{ID: id}
	var edits []byte
	err := a.db.QueryRowContext(ctx, `SELECT file, sha256, text, date, edits FROM pages WHERE id = ?`, id).
		Scan(&p.File, &p.SHA256, &p.Text, &p.Date, &edits)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("page %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, classify(a.path, err)
	}
	if p.Edits, err = unpackEdits(edits); err != nil {
		return nil, fmt.Errorf("%s: page %d: %w: %v", a.path, id, ErrCorrupt, err)
	}
	stories, err := a.StoriesFull(ctx, StoryFilter{PageID: id})
	if err != nil {
		return nil, err
	}
	p.Stories = stories
	return p, nil
}

// Pages lists pages, newest import first.
func (a *Archive) Pages(ctx context.Context, f PageFilter) ([]PageInfo, error) {
	var where []string
	var args []any
	if f.DateFrom != "" {
		where = append(where, `p.date >= ?`)
		args = append(args, f.DateFrom)
	}
	if f.DateTo != "" {
		where = append(where, `p.date <= ?`)
		args = append(args, f.DateTo)
	}
	q := `SELECT p.id, p.file, p.sha256, p.date, p.imported_at,
		(SELECT count(*) FROM stories s WHERE s.page_id = p.id) FROM pages p`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY p.id DESC` + limitClause(f.Limit, f.Offset)
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(a.path, err)
	}
	defer rows.Close()
	var out []PageInfo
	for rows.Next() {
		var pi PageInfo
		var at string
		if err := rows.Scan(&pi.ID, &pi.File, &pi.SHA256, &pi.Date, &at, &pi.Stories); err != nil {
			return nil, classify(a.path, err)
		}
		pi.ImportedAt = parseTime(at)
		out = append(out, pi)
	}
	return out, classify(a.path, rows.Err())
}

func limitClause(limit, offset int) string {
	if limit <= 0 {
		if offset > 0 {
			return fmt.Sprintf(` LIMIT -1 OFFSET %d`, offset)
		}
		return ""
	}
	return fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, max(offset, 0))
}
