package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

// Column weights of the ranking: a word in the headline counts most, then
// names and keywords, then the body.
const bm25Weights = `10.0, 1.0, 4.0, 3.0, 0.0`

// SearchCandidates bounds the work of one search: bm25 ranks the newest
// SearchCandidates stories that match (and pass the filters). A word found
// in more stories than that is common enough that recent stories are the
// useful ones, and the bound keeps every search fast on a large archive.
const SearchCandidates = 1000

// Search finds stories containing all words of query (Chinese or Latin, as
// the lexicon cuts them), best first (bm25, headline matches first), with a
// snippet around the first match. An empty query matches nothing.
func (a *Archive) Search(ctx context.Context, query string, f SearchFilter) ([]SearchHit, error) {
	if a.d == postgresDialect {
		return a.pgSearch(ctx, query, f)
	}
	match, toks := a.ftsQuery(query)
	if match == "" {
		return []SearchHit{}, nil
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var minDate, maxDate string
	if f.DateFrom != "" || f.DateTo != "" {
		// The archive's span bounds an open range, so that its tokens stay few.
		if err := a.db.QueryRowContext(ctx, `SELECT coalesce(min(date), ''), coalesce(max(date), '') FROM pages WHERE date != ''`).
			Scan(&minDate, &maxDate); err != nil {
			return nil, a.classify(err)
		}
	}
	if facets := facetQuery(f, minDate, maxDate); facets != "" {
		match += " AND " + facets
	}
	// Three steps: take the newest candidates (FTS5 hands matches over
	// newest first, so its LIMIT stops it early), rank their ids, then read
	// the winners' rows. Sorting whole rows would copy every candidate's text.
	q := `WITH hits AS (
		SELECT rowid AS id, bm25(story_fts, ` + bm25Weights + `) AS score
		FROM story_fts WHERE story_fts MATCH ? ORDER BY rowid DESC LIMIT ?),
		top AS (SELECT id, score FROM hits ORDER BY score, id DESC LIMIT ?)
		SELECT ` + summaryCols(a.d) + `, h.score, s.title, s.paragraphs
		FROM top h JOIN stories s ON s.id = h.id JOIN pages p ON p.id = s.page_id
		ORDER BY h.score, s.id DESC`
	args := []any{match, max(SearchCandidates, f.Limit), f.Limit}
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, a.classify(err))
	}
	return a.scanHits(rows, toks)
}

// scanHits reads the rows of a search (summary, score, title, paragraphs)
// and cuts each hit's snippet.
func (a *Archive) scanHits(rows *sql.Rows, toks []string) ([]SearchHit, error) {
	defer rows.Close()
	hits := []SearchHit{}
	for rows.Next() {
		var h SearchHit
		var status, statusAt, updated, title, paras string
		ss := &h.Story
		if err := rows.Scan(&ss.ID, &ss.PageID, &ss.Order, &ss.Kind, &ss.Headline, &ss.Kicker, &ss.Subtitle,
			&ss.PageDate, &ss.File, &status, &ss.StatusBy, &statusAt, &ss.Revision, &ss.Chars, &ss.Flags, &updated,
			&h.Score, &title, &paras); err != nil {
			return nil, a.classify(err)
		}
		ss.Status = article.Status(status)
		ss.StatusAt, ss.UpdatedAt = parseTime(statusAt), parseTime(updated)
		st := &article.Story{Title: title}
		if err := decodeFields(st, storyFields{byline: "[]", paragraphs: paras, metadata: "{}", flags: "[]", region: "[]", pictures: "[]"}); err == nil {
			h.Snippet, h.Marks = snippet(st.Title, st.Body(), toks)
		}
		hits = append(hits, h)
	}
	return hits, a.classify(rows.Err())
}

// Snippet size in runes around the first match.
const (
	snippetBefore = 20
	snippetAfter  = 60
)

// snippet cuts the body around the first match of any token (the title when
// the body has none), and marks every token occurrence in the cut.
func snippet(title, body string, toks []string) (string, [][2]int) {
	text := body
	first := firstMatch(body, toks)
	if first < 0 {
		if firstMatch(title, toks) >= 0 || body == "" {
			text, first = title, firstMatch(title, toks)
		}
	}
	text = strings.ReplaceAll(text, "\n", " ")
	start, end := 0, len(text)
	if first > 0 {
		start = first
		for i := 0; i < snippetBefore && start > 0; i++ {
			_, n := utf8.DecodeLastRuneInString(text[:start])
			start -= n
		}
	}
	end = start
	for i := 0; i < snippetBefore+snippetAfter && end < len(text); i++ {
		_, n := utf8.DecodeRuneInString(text[end:])
		end += n
	}
	cut := text[start:end]
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(text) {
		suffix = "…"
	}
	marks := markAll(cut, toks)
	for i := range marks {
		marks[i][0] += len(prefix)
		marks[i][1] += len(prefix)
	}
	return prefix + cut + suffix, marks
}

// firstMatch is the byte offset of the earliest occurrence of any token in
// text, ignoring ASCII case, or -1.
func firstMatch(text string, toks []string) int {
	lower := asciiLower(text)
	best := -1
	for _, t := range toks {
		if i := strings.Index(lower, t); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// markAll returns the byte ranges of token occurrences in text, sorted and
// without overlaps (longer tokens first win).
func markAll(text string, toks []string) [][2]int {
	lower := asciiLower(text)
	sorted := append([]string(nil), toks...)
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	taken := make([]bool, len(text))
	var marks [][2]int
	for _, t := range sorted {
		if t == "" {
			continue
		}
		for off := 0; ; {
			i := strings.Index(lower[off:], t)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(t)
			free := true
			for k := s; k < e; k++ {
				if taken[k] {
					free = false
					break
				}
			}
			if free {
				for k := s; k < e; k++ {
					taken[k] = true
				}
				marks = append(marks, [2]int{s, e})
			}
			off = e
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i][0] < marks[j][0] })
	return marks
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid
// (search tokens are lower-cased Latin words).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
