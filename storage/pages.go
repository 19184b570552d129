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
	return onePage(a.AddPages(ctx, []*article.Page{p}))
}

// onePage is the id of the one page an add stored, or of the page it
// duplicates with the *DuplicateError.
func onePage(ids []int64, err error) (int64, error) {
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
	return a.addPages(ctx, pages, nil)
}

// addPages is AddPages storing images[k] (when not nil) with pages[k].
func (a *Archive) addPages(ctx context.Context, pages []*article.Page, images []*PageImage) ([]int64, error) {
	docs := make([][]ftsDoc, len(pages))
	sums := make([]string, len(pages))
	for k, p := range pages {
		if p.SHA256 == "" {
			return nil, fmt.Errorf("page %s has no SHA-256", p.File)
		}
		// Tokenising is the slow part: do it before taking the write lock.
		for i := range p.Stories {
			st := &p.Stories[i]
			st.Normalize()
			// A story that names no source was cut from this page; stories
			// read from story JSON keep the source they name, as they name it.
			if st.Source.File == "" && st.Source.SHA256 == "" {
				st.Source.File, st.Source.SHA256 = p.File, p.SHA256
			}
		}
		docs[k] = a.ftsDocuments(p.Stories)
		sums[k] = textSHA256(p.Text)
	}
	ids := make([]int64, len(pages))
	err := a.writeTx(ctx, func(tx *dbTx) error {
		ts := now()
		for k, p := range pages {
			id, err := addPageInTx(ctx, tx, p, docs[k], sums[k], ts)
			if err != nil {
				return err
			}
			ids[k] = id
			if k < len(images) && images[k] != nil {
				if err := savePageImageTx(ctx, tx, id, images[k]); err != nil {
					return err
				}
			}
			stories := make([]int64, len(p.Stories))
			for i := range p.Stories {
				stories[i] = p.Stories[i].ID
			}
			if err := notifyTx(ctx, tx, Change{Kind: ChangeImport, PageID: id, StoryIDs: stories, By: ImportAuthor}); err != nil {
				return err
			}
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
func addPageInTx(ctx context.Context, tx *dbTx, p *article.Page, docs []ftsDoc, textSum, ts string) (int64, error) {
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
	var pageID int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO pages (file, sha256, text, date, imported_at, edits, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.File, p.SHA256, p.Text, p.Date, ts, edits, textSum).Scan(&pageID); err != nil {
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
func insertStory(ctx context.Context, tx *dbTx, st *article.Story, ts, author, message string, doc ftsDoc) error {
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
	// taken off their page (removed_stories), which may come back. On
	// PostgreSQL the identity sequence gives that (it never goes back, and
	// a copy moves it past the copied ids), and concurrent imports cannot
	// pick the same number.
	newID := `(SELECT max(coalesce((SELECT max(id) FROM stories), 0), coalesce((SELECT max(id) FROM removed_stories), 0)) + 1)`
	if tx.d == postgresDialect {
		newID = `DEFAULT`
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO stories
		(id, page_id, ord, kind, kicker, title, subtitle, dateline, headline, byline, paragraphs, metadata, flags, edits,
		 notes, src_file, src_sha256, src_start, src_end, chars, status, status_by, status_at, revision, indexed_rev, updated_at, region, pictures)
		VALUES (`+newID+`,
		?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?) RETURNING id`,
		st.PageID, st.Order, st.Kind, st.Kicker, st.Title, st.Subtitle, st.Dateline, st.Headline(),
		f.byline, f.paragraphs, f.metadata, f.flags, edits, st.Notes, st.Source.File, st.Source.SHA256, st.Source.Start, st.Source.End,
		st.Metadata.Chars, string(st.Status), author, ts, ts, f.region, f.pictures).Scan(&st.ID)
	if err != nil {
		return err
	}
	st.Revision = 1
	if _, err := tx.ExecContext(ctx, `INSERT INTO status_changes (story_id, status, "by", at) VALUES (?, ?, ?, ?)`,
		st.ID, string(st.Status), author, ts); err != nil {
		return err
	}
	if err := insertRevision(ctx, tx, st, 1, ts, author, message); err != nil {
		return err
	}
	return indexStory(ctx, tx, st.ID, doc)
}

// PageBySHA256 returns the id of the page with that SHA-256 (hex), or
// ErrNotFound.
func (a *Archive) PageBySHA256(ctx context.Context, sha string) (int64, error) {
	var id int64
	err := a.db.QueryRowContext(ctx, `SELECT id FROM pages WHERE sha256 = ?`, strings.ToLower(sha)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("page with SHA-256 %s: %w", sha, ErrNotFound)
	}
	return id, a.classify(err)
}

// Page returns a page with its text, page edits and stories (with edits),
// and for a page read from a PDF the printed page's size (Width, Height;
// its image is PageImage).
func (a *Archive) Page(ctx context.Context, id int64) (*article.Page, error) {
	p := &article.Page{ID: id}
	var edits []byte
	// A page read from a PDF has the printed page's size with its image.
	err := a.db.QueryRowContext(ctx, `SELECT p.file, p.sha256, p.text, p.date, p.edits, coalesce(i.width, 0), coalesce(i.height, 0)
		FROM pages p LEFT JOIN page_images i ON i.page_id = p.id WHERE p.id = ?`, id).
		Scan(&p.File, &p.SHA256, &p.Text, &p.Date, &edits, &p.Width, &p.Height)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("page %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, a.classify(err)
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
		(SELECT count(*) FROM stories s WHERE s.page_id = p.id),
		EXISTS (SELECT 1 FROM page_images i WHERE i.page_id = p.id) FROM pages p`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY p.id DESC` + a.d.limit(f.Limit, f.Offset)
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	var out []PageInfo
	for rows.Next() {
		var pi PageInfo
		var at string
		if err := rows.Scan(&pi.ID, &pi.File, &pi.SHA256, &pi.Date, &at, &pi.Stories, &pi.HasImage); err != nil {
			return nil, a.classify(err)
		}
		pi.ImportedAt = parseTime(at)
		out = append(out, pi)
	}
	return out, a.classify(rows.Err())
}
