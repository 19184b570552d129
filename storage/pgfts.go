package storage

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/galley/galley/article"
)

// PostgreSQL's search index holds the same gse search tokens as SQLite's
// FTS5 table, split and lower-cased as FTS5's unicode61 tokenizer does, so
// that both backends find the same stories. Galley writes the tsvector and
// the tsquery itself, lexeme by lexeme, as quoted literals passed as
// parameters: no text search parser (which would cut Chinese differently),
// no server extension (zhparser, pg_jieba), and a query word holding
// tsquery operators (& | ! <-> :*) or quotes is only ever a lexeme.

// Rank weights {D, C, B, A}: body, keywords, names, headline, in the
// proportions of SQLite's bm25 weights (1, 3, 4, 10).
const pgRankWeights = `'{0.1, 0.3, 0.4, 1.0}'`

// tsvector limits: positions run to 16383, a lexeme keeps at most 256 of
// them and is at most 2046 bytes long.
const (
	tsMaxPos       = 16383
	tsMaxPositions = 255
	tsMaxLexeme    = 2046
)

// ftsLexemes splits space-separated search tokens into index terms as
// unicode61 does: runs of letters, digits and marks, lower-cased.
func ftsLexemes(tokens string) []string {
	f := strings.FieldsFunc(tokens, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
	})
	for i := range f {
		f[i] = strings.ToLower(f[i])
	}
	return f
}

// tsQuote writes a lexeme as a tsvector/tsquery literal: quoted, with
// quotes and backslashes doubled.
func tsQuote(lex string) string {
	return "'" + strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(lex) + "'"
}

// tsvector is the story's index document in tsvector input form: every
// lexeme with its positions, weighted by the field it came from.
func (d ftsDoc) tsvector() string {
	type entry struct{ positions []string }
	entries := map[string]*entry{}
	pos := 0
	for _, field := range []struct {
		text   string
		weight string
	}{{d.headline, "A"}, {d.names, "B"}, {d.keywords, "C"}, {d.body, ""}} {
		for _, lex := range ftsLexemes(field.text) {
			if len(lex) > tsMaxLexeme {
				continue
			}
			pos = min(pos+1, tsMaxPos)
			e := entries[lex]
			if e == nil {
				e = &entry{}
				entries[lex] = e
			}
			if len(e.positions) < tsMaxPositions {
				e.positions = append(e.positions, strconv.Itoa(pos)+field.weight)
			}
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsQuote(k))
		b.WriteByte(':')
		b.WriteString(strings.Join(entries[k].positions, ","))
	}
	return b.String()
}

// tsquery is the query in tsquery input form: every lexeme of the query's
// search tokens must occur ("" when there is none).
func tsquery(toks []string) string {
	seen := map[string]bool{}
	var terms []string
	for _, t := range toks {
		for _, lex := range ftsLexemes(t) {
			if seen[lex] || len(lex) > tsMaxLexeme {
				continue
			}
			seen[lex] = true
			terms = append(terms, tsQuote(lex))
		}
	}
	return strings.Join(terms, " & ")
}

// pgSearch is Search on PostgreSQL: the same candidates (the newest
// SearchCandidates matches that pass the filters), ranked by ts_rank with
// the field weights, best first; Score is minus the rank, so that smaller
// is better as with bm25.
func (a *Archive) pgSearch(ctx context.Context, query string, f SearchFilter) ([]SearchHit, error) {
	_, toks := a.ftsQuery(query)
	tsq := tsquery(toks)
	if tsq == "" {
		return []SearchHit{}, nil
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	where, args := storyWhere(f.Status, f.PageID, f.DateFrom, f.DateTo, nil)
	from, cond := `story_fts f`, `f.doc @@ ?::tsquery`
	if where != "" {
		// Only a filter needs the stories and their pages.
		from += ` JOIN stories s ON s.id = f.story_id JOIN pages p ON p.id = s.page_id`
		cond += ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	if f.DateFrom != "" || f.DateTo != "" {
		cond += ` AND p.date != ''` // an undated page is in no date range (as SQLite's date facets)
	}
	// The candidates are ids only; their documents are read again for the
	// rank, so that sorting the candidates does not carry them along.
	q := `WITH hits AS (SELECT f.story_id AS id FROM ` + from + `
		WHERE ` + cond + ` ORDER BY f.story_id DESC LIMIT ?),
		top AS (SELECT f.story_id AS id, -ts_rank(` + pgRankWeights + `, f.doc, ?::tsquery) AS score
			FROM hits h JOIN story_fts f ON f.story_id = h.id ORDER BY score, id DESC LIMIT ?)
		SELECT ` + summaryCols(a.d) + `, h.score, s.title, s.paragraphs
		FROM top h JOIN stories s ON s.id = h.id JOIN pages p ON p.id = s.page_id
		ORDER BY h.score, s.id DESC`
	all := append([]any{tsq}, args...)
	all = append(all, max(SearchCandidates, f.Limit), tsq, f.Limit)
	rows, err := a.db.QueryContext(ctx, q, all...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, a.classify(err))
	}
	return a.scanHits(rows, toks)
}

// pgCheck is Check on PostgreSQL: the schema mark, the search index against
// the stories, every story's current revision, the page images, and the id
// sequences (after
// a copy they must have moved past the copied ids).
func (a *Archive) pgCheck(ctx context.Context) (*CheckReport, error) {
	r := &CheckReport{}
	problem := func(format string, args ...any) { r.Problems = append(r.Problems, fmt.Sprintf(format, args...)) }
	if n, err := pgVersion(ctx, a.db, a.path); err != nil {
		return nil, a.classify(err)
	} else if n != len(pgMigrations) {
		problem("schema version %d, expected %d", n, len(pgMigrations))
	}
	noRevision, err := a.countIndex(ctx, r, problem,
		`SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_fts f WHERE f.story_id = s.id)`,
		`SELECT count(*) FROM story_fts f WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = f.story_id)`)
	if err != nil {
		return nil, err
	}
	if noRevision > 0 {
		problem("revisions: stories without their current revision: %d", noRevision)
	}
	if err := a.checkImages(ctx, r, problem, false); err != nil {
		return nil, err
	}
	var bad int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM stories WHERE status NOT IN (?, ?, ?, ?)`,
		string(article.StatusNew), string(article.StatusInProgress), string(article.StatusChecked), string(article.StatusApproved)).Scan(&bad); err != nil {
		return nil, a.classify(err)
	}
	if bad > 0 {
		problem("stories with an unknown status: %d", bad)
	}
	for _, table := range []string{"pages", "stories", "status_changes"} {
		var behind bool
		// is_called false: nothing drawn yet, the next value is last_value itself.
		err := a.db.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM `+table+`), 0) >=
			(SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM `+table+`_id_seq)`).Scan(&behind)
		if err != nil {
			return nil, a.classify(err)
		}
		if behind {
			problem("%s: the id sequence is behind the ids in the table (the next insert would fail)", table)
		}
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}
