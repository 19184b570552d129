package storage

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/galley/galley/article"
)

// ftsDoc is one story's text columns of the search index: each holds the
// lexicon's search tokens of its fields, separated by spaces, so that the
// index finds the words gse finds (两字词 and Latin words alike).
type ftsDoc struct {
	headline, body, names, keywords string
}

// ftsDocument tokenises a story for the index. It waits for the lexicon's
// dictionary, so callers do it before taking the write lock.
func (a *Archive) ftsDocument(st *article.Story) ftsDoc {
	var names []string
	names = append(names, st.Dateline)
	for _, b := range st.Byline {
		names = append(names, b.Name)
	}
	m := st.Metadata
	names = append(names, m.People...)
	names = append(names, m.Places...)
	names = append(names, m.Organizations...)
	var body strings.Builder
	for _, p := range st.Paragraphs {
		body.WriteString(p.Text)
		body.WriteByte('\n')
	}
	return ftsDoc{
		headline: a.tokens(st.Kicker + "\n" + st.Title + "\n" + st.Subtitle),
		body:     a.tokens(body.String()),
		names:    a.tokens(strings.Join(names, "\n")),
		keywords: a.tokens(strings.Join(m.Keywords, "\n")),
	}
}

// ftsDocuments tokenises stories for the index on every core: an import
// stores pages one at a time, and cutting a page's stories was most of
// the time its single writer spent on each.
func (a *Archive) ftsDocuments(stories []article.Story) []ftsDoc {
	docs := make([]ftsDoc, len(stories))
	workers := min(runtime.GOMAXPROCS(0), len(stories))
	if workers <= 1 {
		for i := range stories {
			docs[i] = a.ftsDocument(&stories[i])
		}
		return docs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(stories); i = int(next.Add(1) - 1) {
				docs[i] = a.ftsDocument(&stories[i])
			}
		}()
	}
	wg.Wait()
	return docs
}

// tokens returns text's search tokens separated by spaces.
func (a *Archive) tokens(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return strings.Join(a.lex.SearchTokens(text), " ")
}

// Facet tokens: letters and digits only, so unicode61 keeps each whole.
func statusFacet(s article.Status) string { return "st" + strings.ReplaceAll(string(s), "_", "") }
func pageFacet(id int64) string           { return fmt.Sprintf("pg%d", id) }

// dateFacets are the day, month and year tokens of a page date.
func dateFacets(date string) []string {
	if len(date) != 10 {
		return nil
	}
	y, m, d := date[:4], date[5:7], date[8:10]
	return []string{"d" + y + m + d, "m" + y + m, "y" + y}
}

// indexStory writes the story's index row; its facets come from the stored
// row, so the story (status, page) must be written first.
func indexStory(ctx context.Context, tx *sql.Tx, id int64, d ftsDoc) error {
	var status, date string
	var pageID int64
	if err := tx.QueryRowContext(ctx, `SELECT s.status, s.page_id, p.date FROM stories s JOIN pages p ON p.id = s.page_id WHERE s.id = ?`, id).
		Scan(&status, &pageID, &date); err != nil {
		return err
	}
	facets := append([]string{statusFacet(article.Status(status)), pageFacet(pageID)}, dateFacets(date)...)
	_, err := tx.ExecContext(ctx, `INSERT INTO story_fts (rowid, headline, body, names, keywords, facets) VALUES (?, ?, ?, ?, ?, ?)`,
		id, d.headline, d.body, d.names, d.keywords, strings.Join(facets, " "))
	return err
}

func unindexStory(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM story_fts WHERE rowid = ?`, id)
	return err
}

// reindexStory replaces a story's index row (after a change of its text or
// of a facet such as its status).
func reindexStory(ctx context.Context, tx *sql.Tx, id int64, d ftsDoc) error {
	if err := unindexStory(ctx, tx, id); err != nil {
		return err
	}
	return indexStory(ctx, tx, id, d)
}

// ftsQuery turns the user's words into an FTS5 query on the text columns:
// every search token of the query must occur (each quoted, so FTS5 syntax in
// the query is just text). It returns "" when the query has no words.
func (a *Archive) ftsQuery(query string) (string, []string) {
	seen := map[string]bool{}
	var terms, toks []string
	for _, t := range a.lex.SearchTokens(query) {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		toks = append(toks, t)
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	if len(terms) == 0 {
		return "", nil
	}
	return `{headline body names keywords} : (` + strings.Join(terms, " ") + `)`, toks
}

// facetQuery turns a filter into FTS5 conditions on the facets column ("" for
// none). from/to need the archive's date span to bound an open range.
func facetQuery(f SearchFilter, minDate, maxDate string) string {
	var parts []string
	if f.Status != "" {
		parts = append(parts, `facets : `+statusFacet(f.Status))
	}
	if f.PageID != 0 {
		parts = append(parts, `facets : `+pageFacet(f.PageID))
	}
	if f.DateFrom != "" || f.DateTo != "" {
		from, to := f.DateFrom, f.DateTo
		if from == "" || from < minDate {
			from = minDate
		}
		if to == "" || to > maxDate {
			to = maxDate
		}
		toks := dateCover(from, to)
		if len(toks) == 0 {
			toks = []string{"d00000000"} // an empty range: matches nothing
		}
		parts = append(parts, `facets : (`+strings.Join(toks, " OR ")+`)`)
	}
	return strings.Join(parts, " AND ")
}

// Reindex cuts the given stories again and rewrites their search index rows:
// after a user dictionary change, so that a new word is found in stories
// stored before it was known. Unknown ids are ignored.
func (a *Archive) Reindex(ctx context.Context, ids []int64) error {
	for start := 0; start < len(ids); start += 200 {
		batch := ids[start:min(start+200, len(ids))]
		stories, err := a.StoriesFull(ctx, StoryFilter{IDs: batch})
		if err != nil {
			return err
		}
		docs := a.ftsDocuments(stories)
		err = a.writeTx(ctx, func(tx *sql.Tx) error {
			for i, st := range stories {
				if err := reindexStory(ctx, tx, st.ID, docs[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
