package storage

import (
	"context"
	"database/sql"
	"strings"

	"github.com/galley/galley/article"
)

// ftsDoc is one story's row of the search index: each column holds the
// lexicon's search tokens of its fields, separated by spaces, so that the
// index finds the words gse finds (两字词 and Latin words alike).
type ftsDoc struct {
	headline, body, names, keywords string
}

// ftsDocument tokenises a story for the index. It waits for the lexicon's
// dictionary.
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

// tokens returns text's search tokens separated by spaces.
func (a *Archive) tokens(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return strings.Join(a.lex.SearchTokens(text), " ")
}

func indexStory(ctx context.Context, tx *sql.Tx, id int64, d ftsDoc) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO story_fts (rowid, headline, body, names, keywords) VALUES (?, ?, ?, ?, ?)`,
		id, d.headline, d.body, d.names, d.keywords)
	return err
}

func unindexStory(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM story_fts WHERE rowid = ?`, id)
	return err
}

// ftsQuery turns the user's words into an FTS5 query: every search token
// of the query must occur (each quoted, so FTS5 syntax in the query is just
// text). It returns "" when the query has no words.
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
	return strings.Join(terms, " "), toks
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
		docs := make([]ftsDoc, len(stories))
		for i := range stories {
			docs[i] = a.ftsDocument(&stories[i])
		}
		err = a.writeTx(ctx, func(tx *sql.Tx) error {
			for i, st := range stories {
				if err := unindexStory(ctx, tx, st.ID); err != nil {
					return err
				}
				if err := indexStory(ctx, tx, st.ID, docs[i]); err != nil {
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
