package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/galley/galley/article"
)

// storyWhere turns a filter into a WHERE clause over stories s joined with
// pages p.
func storyWhere(status article.Status, pageID int64, from, to string, ids []int64) (string, []any) {
	var where []string
	var args []any
	if status != "" {
		where = append(where, `s.status = ?`)
		args = append(args, string(status))
	}
	if pageID != 0 {
		where = append(where, `s.page_id = ?`)
		args = append(args, pageID)
	}
	if from != "" {
		where = append(where, `p.date >= ?`)
		args = append(args, from)
	}
	if to != "" {
		where = append(where, `p.date <= ?`)
		args = append(args, to)
	}
	if ids != nil {
		if len(ids) == 0 {
			where = append(where, `1 = 0`)
		} else {
			where = append(where, `s.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`)
			for _, id := range ids {
				args = append(args, id)
			}
		}
	}
	if len(where) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(where, ` AND `), args
}

// summaryCols are the columns scanSummary reads.
func summaryCols(d dialect) string {
	return `s.id, s.page_id, s.ord, s.kind, s.headline, s.kicker, s.subtitle, p.date, p.file,
	s.status, s.status_by, s.status_at, s.revision, s.chars, ` + d.flagCount() + `, s.updated_at`
}

func scanSummary(rows interface{ Scan(...any) error }, ss *StorySummary) error {
	var status, statusAt, updated string
	err := rows.Scan(&ss.ID, &ss.PageID, &ss.Order, &ss.Kind, &ss.Headline, &ss.Kicker, &ss.Subtitle,
		&ss.PageDate, &ss.File, &status, &ss.StatusBy, &statusAt, &ss.Revision, &ss.Chars, &ss.Flags, &updated)
	ss.Status = article.Status(status)
	ss.StatusAt = parseTime(statusAt)
	ss.UpdatedAt = parseTime(updated)
	return err
}

// Stories lists stories by page date, page and order.
func (a *Archive) Stories(ctx context.Context, f StoryFilter) ([]StorySummary, error) {
	where, args := storyWhere(f.Status, f.PageID, f.DateFrom, f.DateTo, f.IDs)
	q := `SELECT ` + summaryCols(a.d) + ` FROM stories s JOIN pages p ON p.id = s.page_id` + where +
		` ORDER BY p.date, s.page_id, s.ord, s.id` + a.d.limit(f.Limit, f.Offset)
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	out := []StorySummary{}
	for rows.Next() {
		var ss StorySummary
		if err := scanSummary(rows, &ss); err != nil {
			return nil, a.classify(err)
		}
		out = append(out, ss)
	}
	return out, a.classify(rows.Err())
}

const storyCols = `s.id, s.page_id, s.ord, s.kind, s.kicker, s.title, s.subtitle, s.dateline,
	s.byline, s.paragraphs, s.metadata, s.flags, s.edits, s.notes, s.src_start, s.src_end, s.status,
	s.src_file, s.src_sha256, s.revision, s.region, s.pictures`

func scanStory(row interface{ Scan(...any) error }) (*article.Story, error) {
	st := &article.Story{Format: article.Format}
	var f storyFields
	var status string
	var edits []byte
	if err := row.Scan(&st.ID, &st.PageID, &st.Order, &st.Kind, &st.Kicker, &st.Title, &st.Subtitle, &st.Dateline,
		&f.byline, &f.paragraphs, &f.metadata, &f.flags, &edits, &st.Notes, &st.Source.Start, &st.Source.End,
		&status, &st.Source.File, &st.Source.SHA256, &st.Revision, &f.region, &f.pictures); err != nil {
		return nil, err
	}
	st.Status = article.Status(status)
	if err := decodeFields(st, f); err != nil {
		return nil, fmt.Errorf("story %d: %w: %v", st.ID, ErrCorrupt, err)
	}
	var err error
	if st.Edits, err = unpackEdits(edits); err != nil {
		return nil, fmt.Errorf("story %d: edits: %w: %v", st.ID, ErrCorrupt, err)
	}
	st.Normalize()
	return st, nil
}

// Story returns one story, with its edits, as currently saved.
func (a *Archive) Story(ctx context.Context, id int64) (*article.Story, error) {
	st, err := loadStory(ctx, a.db, id)
	if errors.Is(err, ErrNotFound) {
		return nil, err
	}
	return st, a.classify(err)
}

func loadStory(ctx context.Context, q querier, id int64) (*article.Story, error) {
	st, err := scanStory(q.QueryRowContext(ctx, `SELECT `+storyCols+` FROM stories s JOIN pages p ON p.id = s.page_id WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %d: %w", id, ErrNotFound)
	}
	return st, err
}

// StoriesFull returns the full stories (as Story does, edits included) that
// f selects, in the order of Stories; for --json listings and exports.
func (a *Archive) StoriesFull(ctx context.Context, f StoryFilter) ([]article.Story, error) {
	where, args := storyWhere(f.Status, f.PageID, f.DateFrom, f.DateTo, f.IDs)
	q := `SELECT ` + storyCols + ` FROM stories s JOIN pages p ON p.id = s.page_id` + where +
		` ORDER BY p.date, s.page_id, s.ord, s.id` + a.d.limit(f.Limit, f.Offset)
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, a.classify(err)
	}
	out := []article.Story{}
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			rows.Close()
			return nil, a.classify(err)
		}
		out = append(out, *st)
	}
	rows.Close()
	return out, a.classify(rows.Err())
}

// ChangeMark returns a value that changes whenever a page or story is added
// or removed, a story is saved or its status changes, by this program or
// any other (another window, `galley status` on the command line): the
// workbench polls it to refresh its list. It reads a few aggregates, no
// story text.
func (a *Archive) ChangeMark(ctx context.Context) (string, error) {
	var pages, stories, statusID, revisions int64
	var updated string
	err := a.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM pages), (SELECT count(*) FROM stories),
		(SELECT coalesce(max(id), 0) FROM status_changes), (SELECT coalesce(sum(revision), 0) FROM stories),
		(SELECT coalesce(max(updated_at), '') FROM stories)`).Scan(&pages, &stories, &statusID, &revisions, &updated)
	if err != nil {
		return "", a.classify(err)
	}
	return fmt.Sprintf("%d/%d/%d/%d/%s", pages, stories, statusID, revisions, updated), nil
}
