package storage

import (
	"context"

	"fmt"

	"github.com/galley/galley/article"
)

// SetStatus moves a story in the workflow (any status to any other, so an
// editor can send a story back) and records who did it and when.
func (a *Archive) SetStatus(ctx context.Context, storyID int64, s article.Status, who string) error {
	if _, ok := article.ParseStatus(string(s)); !ok {
		return fmt.Errorf("unknown status %q: use new, in_progress, checked or approved", s)
	}
	// The status is a facet of the search index: its row is rewritten.
	st, err := a.Story(ctx, storyID)
	if err != nil {
		return err
	}
	doc := a.ftsDocument(st)
	return a.writeTx(ctx, func(tx *dbTx) error {
		if err := checkApproval(ctx, tx, storyID, s, who); err != nil {
			return err
		}
		ts := now()
		res, err := tx.ExecContext(ctx, `UPDATE stories SET status = ?, status_by = ?, status_at = ? WHERE id = ?`, string(s), who, ts, storyID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("story %d: %w", storyID, ErrNotFound)
		}
		if _, err = tx.ExecContext(ctx, `INSERT INTO status_changes (story_id, status, "by", at) VALUES (?, ?, ?, ?)`, storyID, string(s), who, ts); err != nil {
			return err
		}
		if err := reindexStory(ctx, tx, storyID, doc); err != nil {
			return err
		}
		return notifyTx(ctx, tx, Change{Kind: ChangeStatus, StoryIDs: []int64{storyID}, PageID: st.PageID, Status: s, By: who})
	})
}

// StatusHistory lists a story's status changes, oldest first; the first is
// the import's "new".
func (a *Archive) StatusHistory(ctx context.Context, storyID int64) ([]StatusChange, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT status, "by", at FROM status_changes WHERE story_id = ? ORDER BY id`, storyID)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	var out []StatusChange
	for rows.Next() {
		c := StatusChange{StoryID: storyID}
		var s, at string
		if err := rows.Scan(&s, &c.By, &at); err != nil {
			return nil, a.classify(err)
		}
		c.Status, c.At = article.Status(s), parseTime(at)
		out = append(out, c)
	}
	return out, a.classify(rows.Err())
}
