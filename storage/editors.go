package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/galley/galley/article"
)

// Many editors on one archive: who has a story open (leases), what the
// others changed (Watch), and who may approve (roles). On an SQLite file,
// normally one editor's, leases are not kept and Watch reports that the
// file changed; roles work the same on both.

// LeaseTime is how long a lease lasts unless renewed; a workbench renews
// its lease at half of it while the story stays open.
const LeaseTime = 2 * time.Minute

// Lease says that an editor has a story open.
type Lease struct {
	StoryID int64
	Holder  string
	Since   time.Time // when the editor opened it
	Expires time.Time
}

// HoldLease takes or renews holder's lease on a story for ttl (0:
// LeaseTime) and returns the other editors' live leases on it, oldest first.
// A lease does not lock: the others may still edit, and a save over theirs
// is a conflict (see SaveStory). On SQLite it keeps nothing and returns none.
func (a *Archive) HoldLease(ctx context.Context, storyID int64, holder string, ttl time.Duration) ([]Lease, error) {
	if a.d != postgresDialect {
		return nil, nil
	}
	if ttl <= 0 {
		ttl = LeaseTime
	}
	err := a.writeTx(ctx, func(tx *dbTx) error {
		var inserted bool
		err := tx.QueryRowContext(ctx, `INSERT INTO leases (story_id, holder, since, expires)
			VALUES (?, ?, ?, now() + make_interval(secs => ?))
			ON CONFLICT (story_id, holder) DO UPDATE SET expires = excluded.expires,
				since = CASE WHEN leases.expires < now() THEN excluded.since ELSE leases.since END
			RETURNING (xmax = 0)`, storyID, holder, now(), ttl.Seconds()).Scan(&inserted)
		if err != nil {
			if strings.Contains(err.Error(), "leases_story_id_fkey") {
				return fmt.Errorf("story %d: %w", storyID, ErrNotFound)
			}
			return err
		}
		if inserted {
			return notifyTx(ctx, tx, Change{Kind: ChangeLease, StoryIDs: []int64{storyID}, By: holder})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	all, err := a.Leases(ctx, storyID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(l Lease) bool { return l.Holder == holder }), nil
}

// ReleaseLease ends holder's lease (the story was closed).
func (a *Archive) ReleaseLease(ctx context.Context, storyID int64, holder string) error {
	if a.d != postgresDialect {
		return nil
	}
	return a.writeTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE story_id = ? AND holder = ?`, storyID, holder)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return notifyTx(ctx, tx, Change{Kind: ChangeLease, StoryIDs: []int64{storyID}, By: holder})
		}
		return nil
	})
}

// Leases lists the live leases on a story, oldest first.
func (a *Archive) Leases(ctx context.Context, storyID int64) ([]Lease, error) {
	if a.d != postgresDialect {
		return nil, nil
	}
	rows, err := a.db.QueryContext(ctx, `SELECT holder, since, expires FROM leases WHERE story_id = ? AND expires > now() ORDER BY since, holder`, storyID)
	if err != nil {
		return nil, a.classify(err)
	}
	defer rows.Close()
	var out []Lease
	for rows.Next() {
		l := Lease{StoryID: storyID}
		var since string
		if err := rows.Scan(&l.Holder, &since, &l.Expires); err != nil {
			return nil, a.classify(err)
		}
		l.Since = parseTime(since)
		out = append(out, l)
	}
	return out, a.classify(rows.Err())
}

// Kinds of Change.
const (
	ChangeImport     = "import"     // a page was imported (PageID, StoryIDs)
	ChangeSave       = "save"       // a story was saved (StoryIDs[0], Revision)
	ChangeReplace    = "replace"    // a page's stories were rearranged (PageID, StoryIDs)
	ChangeStatus     = "status"     // a story's status changed (StoryIDs[0], Status)
	ChangeDictionary = "dictionary" // the user dictionary changed
	ChangeLease      = "lease"      // an editor opened or closed a story
	// ChangeUnknown: something changed and the details are not known (an
	// SQLite file written by another program, or notifications missed while
	// the connection to the server was down): read again what is shown.
	ChangeUnknown = ""
)

// Change is what an editor did to the archive, as Watch reports it.
type Change struct {
	Kind     string         `json:"kind"`
	StoryIDs []int64        `json:"stories,omitempty"`
	PageID   int64          `json:"page,omitempty"`
	Revision int            `json:"rev,omitempty"`
	Status   article.Status `json:"status,omitempty"`
	By       string         `json:"by,omitempty"`
}

// notifyTx tells watchers of the change when tx commits (PostgreSQL's
// NOTIFY is delivered at commit and never for a rolled-back transaction).
func notifyTx(ctx context.Context, tx *dbTx, c Change) error {
	if tx.d != postgresDialect {
		return nil
	}
	if len(c.StoryIDs) > 500 {
		c.StoryIDs = nil // a payload must stay under 8000 bytes; watchers read all again
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `SELECT pg_notify('galley_changes_' || current_schema(), ?)`, string(b))
	return err
}

// Watch calls fn with every change other connections (and this one) make
// to the archive, until ctx ends; it returns ctx's error. On PostgreSQL it
// LISTENs on a connection of its own, made again when it drops (fn then
// hears ChangeUnknown, as notifications may have been missed meanwhile).
// On SQLite it looks at the file's data version twice a second and reports
// ChangeUnknown when another connection wrote. fn runs on Watch's
// goroutine: a GUI hands the work to its own (fyne.Do).
func (a *Archive) Watch(ctx context.Context, fn func(Change)) error {
	if a.d == postgresDialect {
		return a.pgWatch(ctx, fn)
	}
	return a.sqliteWatch(ctx, fn)
}

func (a *Archive) sqliteWatch(ctx context.Context, fn func(Change)) error {
	var conn *sql.Conn
	var last int64 = -1
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	for {
		if conn == nil {
			c, err := a.db.Conn(ctx)
			if err == nil {
				conn, last = c, -1
			}
		}
		if conn != nil {
			var v int64
			// data_version changes when another connection commits.
			if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
				conn.Close()
				conn = nil
			} else {
				if last >= 0 && v != last {
					fn(Change{Kind: ChangeUnknown})
				}
				last = v
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func (a *Archive) pgWatch(ctx context.Context, fn func(Change)) error {
	wait := 200 * time.Millisecond
	first := true
	for {
		err := a.listenOnce(ctx, fn, !first)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		first = false
		_ = err // the server went away: try again, more slowly each time
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, 10*time.Second)
	}
}

// listenOnce connects, LISTENs and delivers notifications until the
// connection fails or ctx ends. After a reconnect it first reports
// ChangeUnknown.
func (a *Archive) listenOnce(ctx context.Context, fn func(Change), again bool) error {
	conn, err := pgx.ConnectConfig(ctx, a.pg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var channel string
	if err := conn.QueryRow(ctx, `SELECT 'galley_changes_' || current_schema()`).Scan(&channel); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	if again {
		fn(Change{Kind: ChangeUnknown})
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var c Change
		if json.Unmarshal([]byte(n.Payload), &c) != nil {
			c = Change{Kind: ChangeUnknown}
		}
		fn(c)
	}
}

// settingApprovers holds the editors who may approve, as a JSON list.
const settingApprovers = "approvers"

// Approvers lists the editors who may approve stories (sorted). While the
// list is empty anyone may: a new archive works before a newsroom names
// its approvers.
func (a *Archive) Approvers(ctx context.Context) ([]string, error) {
	return approversIn(ctx, a.db)
}

func approversIn(ctx context.Context, q querier) ([]string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingApprovers).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	if err := json.Unmarshal([]byte(v), &names); err != nil {
		return nil, fmt.Errorf("setting %s: %w: %v", settingApprovers, ErrCorrupt, err)
	}
	return names, nil
}

// MayApprove reports whether who may approve a story (or send an approved
// one back).
func (a *Archive) MayApprove(ctx context.Context, who string) (bool, error) {
	names, err := a.Approvers(ctx)
	if err != nil {
		return false, a.classify(err)
	}
	return len(names) == 0 || slices.Contains(names, who), nil
}

// SetApprover adds (allow) or removes an editor from the approvers. Once
// there are approvers, only one of them (who) may change the list.
func (a *Archive) SetApprover(ctx context.Context, editor string, allow bool, who string) error {
	editor = strings.TrimSpace(editor)
	if editor == "" {
		return errors.New("name the editor")
	}
	return a.writeTx(ctx, func(tx *dbTx) error {
		names, err := approversIn(ctx, tx)
		if err != nil {
			return err
		}
		if len(names) > 0 && !slices.Contains(names, who) {
			return fmt.Errorf("%s: %w: only an approver (%s) may change who approves", a.path, ErrNotAllowed, strings.Join(names, ", "))
		}
		i := slices.Index(names, editor)
		switch {
		case allow && i < 0:
			names = append(names, editor)
			slices.Sort(names)
		case !allow && i >= 0:
			names = slices.Delete(names, i, i+1)
		case !allow:
			return fmt.Errorf("approver %q: %w", editor, ErrNotFound)
		}
		b, _ := json.Marshal(names)
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingApprovers, string(b))
		return err
	})
}

// checkApproval refuses a status change to or from approved by an editor
// who is not an approver.
func checkApproval(ctx context.Context, tx *dbTx, storyID int64, s article.Status, who string) error {
	var cur string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM stories WHERE id = ?`, storyID).Scan(&cur); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("story %d: %w", storyID, ErrNotFound)
		}
		return err
	}
	if s != article.StatusApproved && article.Status(cur) != article.StatusApproved {
		return nil
	}
	names, err := approversIn(ctx, tx)
	if err != nil || len(names) == 0 || slices.Contains(names, who) {
		return err
	}
	what := "approve"
	if s != article.StatusApproved {
		what = "send back an approved story"
	}
	return fmt.Errorf("story %d: %w: %s may not %s; approving is for %s", storyID, ErrNotAllowed, who, what, strings.Join(names, ", "))
}

// DatabaseUser is the user name the archive's server knows this editor by
// ("" for an SQLite file): the person changes are recorded as, unless
// $GALLEY_USER names another.
func (a *Archive) DatabaseUser() string {
	if a.pg == nil {
		return ""
	}
	return a.pg.User
}
