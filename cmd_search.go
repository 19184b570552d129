package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "search",
		usage:   "QUERY [--status S] [--page N] [--from DATE] [--to DATE] [--limit N] [--json]",
		summary: "full-text search of headlines, text, names and keywords, best first",
		run:     runSearch,
	})
}

func runSearch(env *cmdEnv, args []string) error {
	fs := newFlags(env, "search")
	status := fs.String("status", "", "only stories with this status")
	page := fs.Int64("page", 0, "only stories of this page id")
	from := fs.String("from", "", "only pages dated on or after YYYY-MM-DD")
	to := fs.String("to", "", "only pages dated on or before YYYY-MM-DD")
	limit := fs.Int("limit", 50, "at most this many results")
	asJSON := fs.Bool("json", false, `print {"stories": [...]} in the story JSON, best first`)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := positiveFlags(fs, "page", "limit"); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usagef("give the words to search for")
	}
	st, err := statusFlag(*status)
	if err != nil {
		return err
	}
	for _, d := range []string{*from, *to} {
		if d != "" && !validDate(d) {
			return usagef("date %q: want a day that exists, as YYYY-MM-DD", d)
		}
	}
	a, err := openArchiveFor(env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx := context.Background()
	hits, err := a.Search(ctx, query, storage.SearchFilter{Status: st, PageID: *page, DateFrom: *from, DateTo: *to, Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		ids := make([]int64, len(hits))
		for i, h := range hits {
			ids[i] = h.Story.ID
		}
		full, err := a.StoriesFull(ctx, storage.StoryFilter{IDs: ids})
		if err != nil {
			return err
		}
		byID := map[int64]article.Story{}
		for _, s := range full {
			byID[s.ID] = s
		}
		ranked := make([]article.Story, 0, len(hits))
		for _, id := range ids {
			ranked = append(ranked, byID[id])
		}
		return printStoriesJSON(env.stdout, ranked, false)
	}
	out := terminalText(env.stdout)
	for _, h := range hits {
		s := h.Story
		fmt.Fprintf(out, "%d\t%s\t%s\t%s\n\t%s\n", s.ID, s.Status, orDash(s.PageDate), s.Headline, markSnippet(h))
	}
	fmt.Fprintf(env.stdout, "%d %s\n", len(hits), plural(len(hits), "story", "stories"))
	return nil
}

// markSnippet puts the matched words in 【】 for the terminal.
func markSnippet(h storage.SearchHit) string {
	var b strings.Builder
	last := 0
	for _, m := range h.Marks {
		b.WriteString(h.Snippet[last:m[0]])
		b.WriteString("【" + h.Snippet[m[0]:m[1]] + "】")
		last = m[1]
	}
	b.WriteString(h.Snippet[last:])
	return b.String()
}
