package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "list",
		usage:   "[--status S] [--page N] [--json]",
		summary: "list the stories in the archive",
		run:     runList,
	})
}

func runList(env *cmdEnv, args []string) error {
	fs := newFlags(env, "list")
	status := fs.String("status", "", "only stories with this status: new, in_progress, checked, approved")
	page := fs.Int64("page", 0, "only stories of this page id")
	asJSON := fs.Bool("json", false, `print {"stories": [...]} in the story JSON`)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := positiveFlags(fs, "page"); err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	st, err := statusFlag(*status)
	if err != nil {
		return err
	}
	a, err := openArchiveFor(env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx := context.Background()
	filter := storage.StoryFilter{Status: st, PageID: *page}
	if *asJSON {
		stories, err := a.StoriesFull(ctx, filter)
		if err != nil {
			return err
		}
		return printStoriesJSON(env.stdout, stories, false)
	}
	list, err := a.Stories(ctx, filter)
	if err != nil {
		return err
	}
	printSummaries(terminalText(env.stdout), list)
	return nil
}

// statusFlag checks a --status value ("" means any).
func statusFlag(s string) (article.Status, error) {
	if s == "" {
		return "", nil
	}
	st, ok := article.ParseStatus(s)
	if !ok {
		return "", usagef("unknown status %q: use new, in_progress, checked or approved", s)
	}
	return st, nil
}

func printSummaries(w io.Writer, list []storage.StorySummary) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tDATE\tPAGE\tREV\tFLAGS\tHEADLINE")
	for _, s := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%s\n", s.ID, s.Status, orDash(s.PageDate), s.PageID, s.Revision, s.Flags, s.Headline)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d %s\n", len(list), plural(len(list), "story", "stories"))
}

// printStoriesJSON prints {"stories": [...]} with archive ids; edits only
// when asked.
func printStoriesJSON(w io.Writer, stories []article.Story, withEdits bool) error {
	for i := range stories {
		stories[i].Normalize()
		if !withEdits {
			stories[i].Edits = nil
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(article.Stories{Stories: stories})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
