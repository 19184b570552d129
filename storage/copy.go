package storage

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/galley/galley/article"
)

// copyTables are the archive's tables in the order Copy writes them
// (parents before children) and the columns both backends share, in both
// schemas under the same names and meanings.
var copyTables = []struct {
	name, cols, order string
}{
	{"pages", `id, file, sha256, text, date, imported_at, edits, text_sha256`, `id`},
	{"page_images", `page_id, png, width, height, pixel_width`, `page_id`},
	{"stories", storyColumns, `id`},
	{"revisions", revisionColumns, `story_id, n`},
	{"status_changes", statusColumns, `id`},
	{"terms", `word, tag, added`, `word`},
	{"settings", `key, value`, `key`},
	// Stories taken off their page, which an undo may bring back.
	{"removed_stories", storyColumns, `id`},
	{"removed_revisions", revisionColumns, `story_id, n`},
	{"removed_status_changes", statusColumns, `id`},
}

const (
	storyColumns = `id, page_id, ord, kind, kicker, title, subtitle, dateline, headline, byline, paragraphs, metadata, flags, edits,
		notes, src_file, src_sha256, src_start, src_end, chars, status, status_by, status_at, revision, indexed_rev, updated_at, region, pictures`
	revisionColumns = `story_id, n, at, author, message, data`
	statusColumns   = `id, story_id, status, "by", at`
)

// CopyCounts are the rows of each table, as Copy counts them on both ends.
type CopyCounts struct {
	Pages, PageImages, Stories, Revisions, StatusChanges, Terms, Settings int
}

func (c CopyCounts) String() string {
	return fmt.Sprintf("%d pages (%d with their image), %d stories, %d revisions, %d status changes, %d dictionary words, %d settings",
		c.Pages, c.PageImages, c.Stories, c.Revisions, c.StatusChanges, c.Terms, c.Settings)
}

// Counts counts the archive's rows table by table.
func (a *Archive) Counts(ctx context.Context) (CopyCounts, error) {
	var c CopyCounts
	for _, x := range []struct {
		dst   *int
		table string
	}{{&c.Pages, "pages"}, {&c.PageImages, "page_images"}, {&c.Stories, "stories"}, {&c.Revisions, "revisions"}, {&c.StatusChanges, "status_changes"}, {&c.Terms, "terms"}, {&c.Settings, "settings"}} {
		if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM `+x.table).Scan(x.dst); err != nil {
			return c, a.classify(err)
		}
	}
	return c, nil
}

// CopyTo copies everything of the archive into dst, which must be empty:
// pages with their edits and images, stories with ids, revisions, status history, the
// user dictionary and settings, from one consistent snapshot of a, in one
// transaction of dst (all or nothing). dst's search index is built anew
// from the stories. progress, when not nil, hears of each table. It
// returns the counts copied; a caller checks them against dst.Counts.
func (a *Archive) CopyTo(ctx context.Context, dst *Archive, progress func(table string, rows int)) (CopyCounts, error) {
	if progress == nil {
		progress = func(string, int) {}
	}
	have, err := dst.Counts(ctx)
	if err != nil {
		return CopyCounts{}, err
	}
	if have.Pages+have.Stories+have.Terms > 0 {
		return CopyCounts{}, fmt.Errorf("copy to %s: the archive there is not empty (%s); copy into a new file or an empty database", dst.path, have)
	}
	// One snapshot of the source: editors may keep working on it meanwhile.
	opts := &sql.TxOptions{ReadOnly: true}
	if a.d == postgresDialect {
		opts.Isolation = sql.LevelRepeatableRead
	}
	rtx, err := a.db.DB.BeginTx(ctx, opts)
	if err != nil {
		return CopyCounts{}, a.classify(err)
	}
	defer rtx.Rollback()
	src := &dbTx{Tx: rtx, d: a.d}

	var counts CopyCounts
	err = dst.writeTx(ctx, func(tx *dbTx) error {
		counts = CopyCounts{}
		for _, t := range copyTables {
			n, err := copyTable(ctx, src, tx, t.name, t.cols, t.order)
			if err != nil {
				return fmt.Errorf("copying %s: %w", t.name, err)
			}
			progress(t.name, n)
			switch t.name {
			case "pages":
				counts.Pages = n
			case "page_images":
				counts.PageImages = n
			case "stories":
				counts.Stories = n
			case "revisions":
				counts.Revisions = n
			case "status_changes":
				counts.StatusChanges = n
			case "terms":
				counts.Terms = n
			case "settings":
				counts.Settings = n
			}
		}
		if err := dst.feedTerms(ctx); err != nil {
			return err
		}
		n, err := dst.indexCopied(ctx, src, tx)
		if err != nil {
			return fmt.Errorf("building the search index: %w", err)
		}
		progress("search index", n)
		if tx.d == postgresDialect {
			// Copied ids were given explicitly: move the sequences past them.
			for _, t := range []string{"pages", "stories", "status_changes"} {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), coalesce((SELECT max(id) FROM `+t+`), 0) + 1, false)`); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return CopyCounts{}, err
	}
	return counts, nil
}

// copyTable streams one table's rows from src into dst, values as the
// drivers hand them over (integers, text, bytes, NULL).
func copyTable(ctx context.Context, src, dst *dbTx, table, cols, order string) (int, error) {
	rows, err := src.QueryContext(ctx, `SELECT `+cols+` FROM `+table+` ORDER BY `+order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ")
	ins, err := dst.PrepareContext(ctx, dst.d.rebind(`INSERT INTO `+table+` (`+cols+`) VALUES (`+marks+`)`))
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// indexCopied writes the search index rows of every copied story, reading
// the stories from the source snapshot in batches (a connection reads one
// result at a time) and tokenising them with dst's lexicon.
func (dst *Archive) indexCopied(ctx context.Context, src, tx *dbTx) (int, error) {
	var last int64
	n := 0
	for {
		rows, err := src.QueryContext(ctx, `SELECT `+storyCols+` FROM stories s JOIN pages p ON p.id = s.page_id WHERE s.id > ? ORDER BY s.id LIMIT 500`, last)
		if err != nil {
			return n, err
		}
		var batch []*article.Story
		for rows.Next() {
			st, err := scanStory(rows)
			if err != nil {
				rows.Close()
				return n, err
			}
			batch = append(batch, st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		// Cutting the text is the slow part: on every core.
		docs := make([]ftsDoc, len(batch))
		var wg sync.WaitGroup
		workers := runtime.NumCPU()
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(batch); i += workers {
					docs[i] = dst.ftsDocument(batch[i])
				}
			}(w)
		}
		wg.Wait()
		for i, st := range batch {
			if err := indexStory(ctx, tx, st.ID, docs[i]); err != nil {
				return n, err
			}
			last = st.ID
			n++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stories SET indexed_rev = revision WHERE id > ? AND id <= ?`, batch[0].ID-1, last); err != nil {
			return n, err
		}
	}
}
