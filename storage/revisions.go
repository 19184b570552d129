package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/galley/galley/article"
)

// SaveStory saves the editor's version of a story as a new revision and
// updates the search index, and returns the story's revision number.
// message may be empty: a summary of the changed fields is written then.
// Saving a story identical to the current revision adds nothing and returns
// the current number. The story's page, order and status are not changed
// here (see ReplaceStories and SetStatus).
//
// st.Revision names the revision the edit is based on (Story and
// StoriesFull fill it in). When the story has a newer revision than that,
// the save is refused with a *ConflictError (errors.Is ErrConflict) and
// nothing is written, so that no one's change is overwritten unseen; a
// save whose content equals the current revision is no conflict. On
// success st.Revision is the story's revision afterwards.
func (a *Archive) SaveStory(ctx context.Context, st *article.Story, author, message string) (int, error) {
	if st.ID == 0 {
		return 0, errors.New("SaveStory: the story has no archive id (use ReplaceStories to add one)")
	}
	return a.writeStory(ctx, st, author, func(tx *dbTx, work *article.Story, ts string, doc ftsDoc) (int, bool, error) {
		n, err := saveInTx(ctx, tx, work, -1, ts, author, message, doc)
		return n, n != st.Revision, err // the same content again: no new revision, nothing to tell
	})
}

// writeStory runs one write of a story (save or amend) in a transaction
// and tells the other editors when it made a revision. st changes only
// once the write is committed: a refused or failed write leaves the
// editor's copy, and the revision it is based on, as it was.
func (a *Archive) writeStory(ctx context.Context, st *article.Story, author string,
	write func(tx *dbTx, work *article.Story, ts string, doc ftsDoc) (n int, changed bool, err error)) (int, error) {
	doc := a.ftsDocument(st)
	var n int
	work := *st
	err := a.writeTx(ctx, func(tx *dbTx) error {
		work = *st
		var changed bool
		var err error
		if n, changed, err = write(tx, &work, now(), doc); err != nil || !changed {
			return err
		}
		return notifyTx(ctx, tx, Change{Kind: ChangeSave, StoryIDs: []int64{st.ID}, PageID: work.PageID, Revision: n, By: author})
	})
	if err != nil {
		return 0, err
	}
	*st = work
	return n, nil
}

// AmendStory saves st as SaveStory does, except that when the story's
// current revision is the one st is based on and was written by the same
// author (not the import's revision 1), the new state replaces that
// revision instead of adding one. The workbench amends the autosaves of one
// editing burst, so that a burst leaves one revision, not one per pause in
// typing with its stray intermediate states. The amended revision's
// message describes the change from the revision before it.
func (a *Archive) AmendStory(ctx context.Context, st *article.Story, author, message string) (int, error) {
	if st.ID == 0 {
		return 0, errors.New("AmendStory: the story has no archive id")
	}
	// an amended revision keeps its number: it is a change all the same
	return a.writeStory(ctx, st, author, func(tx *dbTx, work *article.Story, ts string, doc ftsDoc) (int, bool, error) {
		n, err := amendInTx(ctx, tx, work, ts, author, message, doc)
		return n, true, err
	})
}

func amendInTx(ctx context.Context, tx *dbTx, st *article.Story, ts, author, message string, doc ftsDoc) (int, error) {
	cur, err := loadStory(ctx, tx, st.ID)
	if err != nil {
		return 0, err
	}
	rev := cur.Revision
	var by string
	if err := tx.QueryRowContext(ctx, `SELECT author FROM revisions WHERE story_id = ? AND n = ?`, st.ID, rev).Scan(&by); err != nil {
		return 0, err
	}
	next := *st
	next.PageID, next.Status, next.Source.File, next.Source.SHA256, next.Order = cur.PageID, cur.Status, cur.Source.File, cur.Source.SHA256, cur.Order
	next.Normalize()
	if st.Revision != rev || rev <= 1 || by != author || describeChanges(cur, &next) == "" {
		return saveInTx(ctx, tx, st, -1, ts, author, message, doc)
	}
	var data []byte
	if err := tx.QueryRowContext(ctx, `SELECT data FROM revisions WHERE story_id = ? AND n = ?`, st.ID, rev-1).Scan(&data); err != nil {
		return 0, err
	}
	prev, err := unpackStory(data)
	if err != nil {
		return 0, err
	}
	if message == "" {
		if message = describeChanges(prev, &next); message == "" {
			message = describeChanges(cur, &next) // back to the revision before: say what the burst undid
		}
	}
	// Take the burst's revision back, then save over the one before it:
	// the columns still hold the burst's state, so saveInTx writes the
	// change since then and numbers the revision rev again.
	if _, err := tx.ExecContext(ctx, `DELETE FROM revisions WHERE story_id = ? AND n = ?`, st.ID, rev); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET revision = ? WHERE id = ?`, rev-1, st.ID); err != nil {
		return 0, err
	}
	st.Revision = rev - 1
	return saveInTx(ctx, tx, st, -1, ts, author, message, doc)
}

// saveInTx saves st over the stored story with the same id; order >= 0 also
// moves it on its page. It returns the (new or unchanged) revision number.
func saveInTx(ctx context.Context, tx *dbTx, st *article.Story, order int, ts, author, message string, doc ftsDoc) (int, error) {
	cur, err := loadStory(ctx, tx, st.ID)
	if err != nil {
		return 0, err
	}
	rev := cur.Revision
	// The editor changes the text, not where or when it was printed. Work
	// on a copy, so that a refused save leaves the caller's story as it was.
	next := *st
	next.PageID, next.Status, next.Source.File, next.Source.SHA256 = cur.PageID, cur.Status, cur.Source.File, cur.Source.SHA256
	next.Order = cur.Order
	if order >= 0 {
		next.Order = order
	}
	next.Normalize()
	changed := describeChanges(cur, &next)
	if changed != "" && st.Revision != rev {
		return 0, conflictInTx(ctx, tx, st.ID, st.Revision, rev)
	}
	if next.Order != cur.Order {
		if _, err := tx.ExecContext(ctx, `UPDATE stories SET ord = ? WHERE id = ?`, next.Order, st.ID); err != nil {
			return 0, err
		}
	}
	*st = next
	if changed == "" {
		st.Revision = rev
		return rev, nil
	}
	if message == "" {
		message = changed
	}
	rev++
	f, err := encodeFields(st)
	if err != nil {
		return 0, err
	}
	edits, err := packEdits(st.Edits)
	if err != nil {
		return 0, err
	}
	// The revision in the WHERE makes the check and the write one step: on
	// PostgreSQL a concurrent save of the same story waits for this one and
	// then finds the revision moved on, and is refused as a conflict.
	res, err := tx.ExecContext(ctx, `UPDATE stories SET kind = ?, kicker = ?, title = ?, subtitle = ?, dateline = ?,
		headline = ?, byline = ?, paragraphs = ?, metadata = ?, flags = ?, edits = ?, notes = ?, src_start = ?, src_end = ?,
		chars = ?, revision = ?, indexed_rev = ?, updated_at = ?, region = ?, pictures = ? WHERE id = ? AND revision = ?`,
		st.Kind, st.Kicker, st.Title, st.Subtitle, st.Dateline, st.Headline(), f.byline, f.paragraphs,
		f.metadata, f.flags, edits, st.Notes, st.Source.Start, st.Source.End, st.Metadata.Chars, rev, rev, ts, f.region, f.pictures, st.ID, rev-1)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 0 {
		var now int
		if err := tx.QueryRowContext(ctx, `SELECT revision FROM stories WHERE id = ?`, st.ID).Scan(&now); err != nil {
			return 0, err
		}
		return 0, conflictInTx(ctx, tx, st.ID, rev-1, now)
	}
	if err := insertRevision(ctx, tx, st, rev, ts, author, message); err != nil {
		return 0, err
	}
	st.Revision = rev
	return rev, reindexStory(ctx, tx, st.ID, doc)
}

// conflictInTx builds the *ConflictError for a save of story id based on
// revision base while the archive holds revision current.
func conflictInTx(ctx context.Context, tx *dbTx, id int64, base, current int) error {
	e := &ConflictError{StoryID: id, Base: base, Current: current}
	var at string
	if err := tx.QueryRowContext(ctx, `SELECT author, at FROM revisions WHERE story_id = ? AND n = ?`, id, current).Scan(&e.By, &at); err != nil {
		return err
	}
	e.At = parseTime(at)
	return e
}

func insertRevision(ctx context.Context, tx *dbTx, st *article.Story, n int, ts, author, message string) error {
	data, err := packStory(st)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (story_id, n, at, author, message, data) VALUES (?, ?, ?, ?, ?, ?)`,
		st.ID, n, ts, author, message, data)
	return err
}

// ReplaceStories saves a rearrangement of one page's stories (split, merge,
// reorder) atomically. stories is the page's new list in order: stories with
// an ID of that page are saved (a new revision when changed), stories with ID
// 0 are inserted (revision 1, with message), stories of the page not in the
// list are taken off it with their revisions and status history. A story
// taken off the page earlier may be listed again with its ID: it comes back
// as it was, with the same ID, revisions and status history (undoing a
// merge), and is saved like the others. It fills the IDs and returns them in
// list order. Each listed story with an ID is checked against its Revision
// as SaveStory does: one stale story refuses the whole rearrangement with a
// *ConflictError, and nothing is written.
func (a *Archive) ReplaceStories(ctx context.Context, pageID int64, stories []article.Story, author, message string) ([]int64, error) {
	for i := range stories {
		stories[i].Normalize()
	}
	docs := a.ftsDocuments(stories)
	ids := make([]int64, len(stories))
	// The caller's list changes (ids, revisions) only once all is committed.
	var work []article.Story
	err := a.writeTx(ctx, func(tx *dbTx) error {
		work = slices.Clone(stories)
		stories := work
		existing, err := pageStoryIDs(ctx, tx, pageID)
		if err != nil {
			return err
		}
		if len(existing) == 0 {
			var one int
			if err := tx.QueryRowContext(ctx, `SELECT 1 FROM pages WHERE id = ?`, pageID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("page %d: %w", pageID, ErrNotFound)
			}
		}
		keep := map[int64]bool{}
		var back []int // indexes into stories of those put back on the page
		for i, st := range stories {
			if st.ID == 0 {
				continue
			}
			if keep[st.ID] {
				return fmt.Errorf("story %d is listed twice", st.ID)
			}
			keep[st.ID] = true
			if !existing[st.ID] {
				back = append(back, i)
			}
		}
		// Take off first, so that the search index and order never hold
		// stories that are gone.
		for id := range existing {
			if !keep[id] {
				if err := removeStory(ctx, tx, id); err != nil {
					return err
				}
			}
		}
		for _, i := range back {
			if err := unremoveStory(ctx, tx, stories[i].ID, pageID, docs[i]); err != nil {
				return err
			}
		}
		ts := now()
		for i := range stories {
			st := &stories[i]
			if st.ID == 0 {
				st.PageID, st.Order = pageID, i
				if st.Source.File == "" && st.Source.SHA256 == "" {
					if err := fillSource(ctx, tx, st); err != nil {
						return err
					}
				}
				if err := insertStory(ctx, tx, st, ts, author, message, docs[i]); err != nil {
					return err
				}
			} else if _, err := saveInTx(ctx, tx, st, i, ts, author, message, docs[i]); err != nil {
				return err
			}
			ids[i] = st.ID
		}
		return notifyTx(ctx, tx, Change{Kind: ChangeReplace, PageID: pageID, StoryIDs: ids, By: author})
	})
	if err != nil {
		return nil, err
	}
	copy(stories, work)
	return ids, nil
}

// removeStory takes a story off its page: its row, revisions and status
// changes move to the removed_ tables (replacing an earlier removal of the
// same story) and its search index row goes.
func removeStory(ctx context.Context, tx *dbTx, id int64) error {
	if err := unindexStory(ctx, tx, id); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM removed_stories WHERE id = ?`,
		`DELETE FROM removed_revisions WHERE story_id = ?`,
		`DELETE FROM removed_status_changes WHERE story_id = ?`,
		`INSERT INTO removed_stories SELECT * FROM stories WHERE id = ?`,
		`INSERT INTO removed_revisions SELECT * FROM revisions WHERE story_id = ?`,
		`INSERT INTO removed_status_changes SELECT * FROM status_changes WHERE story_id = ?`,
		`DELETE FROM stories WHERE id = ?`, // its revisions and status changes cascade
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

// unremoveStory puts a story removeStory took off page pageID back, with its
// ID, revisions and status history, and indexes it again with doc (the
// index document of the version the caller is about to save over it).
func unremoveStory(ctx context.Context, tx *dbTx, id, pageID int64, doc ftsDoc) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO stories SELECT * FROM removed_stories WHERE id = ? AND page_id = ?`, id, pageID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("story %d is not on page %d", id, pageID)
	}
	for _, q := range []string{
		`INSERT INTO revisions SELECT * FROM removed_revisions WHERE story_id = ?`,
		// The status changes get new row ids (an old one may have been
		// reused since); their order is kept.
		`INSERT INTO status_changes (story_id, status, "by", at)
			SELECT story_id, status, "by", at FROM removed_status_changes WHERE story_id = ? ORDER BY id`,
		`DELETE FROM removed_stories WHERE id = ?`,
		`DELETE FROM removed_revisions WHERE story_id = ?`,
		`DELETE FROM removed_status_changes WHERE story_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return indexStory(ctx, tx, id, doc)
}

func fillSource(ctx context.Context, tx *dbTx, st *article.Story) error {
	return tx.QueryRowContext(ctx, `SELECT file, sha256 FROM pages WHERE id = ?`, st.PageID).Scan(&st.Source.File, &st.Source.SHA256)
}

func pageStoryIDs(ctx context.Context, tx *dbTx, pageID int64) (map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM stories WHERE page_id = ?`, pageID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// Revisions lists a story's revisions, oldest first.
func (a *Archive) Revisions(ctx context.Context, storyID int64) ([]Revision, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT n, at, author, message FROM revisions WHERE story_id = ? ORDER BY n`, storyID)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		r := Revision{StoryID: storyID}
		var at string
		if err := rows.Scan(&r.N, &at, &r.Author, &r.Message); err != nil {
			return nil, a.classify(err)
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, a.classify(err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("story %d: %w", storyID, ErrNotFound)
	}
	return out, nil
}

// Revision returns the story as it was at revision n. Its status is the
// story's current status (the workflow is not part of a revision).
func (a *Archive) Revision(ctx context.Context, storyID int64, n int) (*article.Story, error) {
	var data []byte
	var status string
	var pageID int64
	var order int
	err := a.db.QueryRowContext(ctx, `SELECT r.data, s.status, s.page_id, s.ord FROM revisions r JOIN stories s ON s.id = r.story_id
		WHERE r.story_id = ? AND r.n = ?`, storyID, n).Scan(&data, &status, &pageID, &order)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %d revision %d: %w", storyID, n, ErrNotFound)
	}
	if err != nil {
		return nil, a.classify(err)
	}
	st, err := unpackStory(data)
	if err != nil {
		return nil, fmt.Errorf("archive %s: story %d revision %d: %w: %v", a.path, storyID, n, ErrCorrupt, err)
	}
	st.ID, st.PageID, st.Order, st.Status, st.Revision = storyID, pageID, order, article.Status(status), n
	st.Normalize()
	return st, nil
}

// RestoreRevision makes revision n current again by saving it as a new
// revision ("restored revision n"), and returns the story's revision number
// afterwards (unchanged when n is already the current content). base is
// the revision the editor saw as current: when the story has a newer one
// the restore is refused with a *ConflictError, as a save is.
func (a *Archive) RestoreRevision(ctx context.Context, storyID int64, n, base int, author string) (int, error) {
	st, err := a.Revision(ctx, storyID, n)
	if err != nil {
		return 0, err
	}
	st.Revision = base
	return a.SaveStory(ctx, st, author, fmt.Sprintf("restored revision %d", n))
}
