package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "show",
		usage:   "ID [--json] [--edits] [--revision N]",
		summary: "show one story: headline, byline, text, metadata, flags, status and revisions",
		run:     runShow,
	})
}

func runShow(env *cmdEnv, args []string) error {
	fs := newFlags(env, "show")
	asJSON := fs.Bool("json", false, `print {"stories": [story]} in the story JSON`)
	withEdits := fs.Bool("edits", false, "also list the automatic edits")
	revision := fs.Int("revision", 0, "show this revision instead of the current one")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := positiveFlags(fs, "revision"); err != nil {
		return err
	}
	id, err := storyIDArg(pos)
	if err != nil {
		return err
	}
	a, err := openArchiveFor(env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx := context.Background()
	var st *article.Story
	if *revision > 0 {
		st, err = a.Revision(ctx, id, *revision)
	} else {
		st, err = a.Story(ctx, id)
	}
	if errors.Is(err, storage.ErrNotFound) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printStoriesJSON(env.stdout, []article.Story{*st}, *withEdits)
	}
	revs, err := a.Revisions(ctx, id)
	if err != nil {
		return err
	}
	hist, err := a.StatusHistory(ctx, id)
	if err != nil {
		return err
	}
	printStory(terminalText(env.stdout), st, revs, hist, *withEdits)
	return nil
}

// storyIDArg reads the one story id a command takes.
func storyIDArg(pos []string) (int64, error) {
	if len(pos) != 1 {
		return 0, usagef("want one story ID, got %d arguments", len(pos))
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("story ID %q: want a positive number (see galley list)", pos[0])
	}
	return id, nil
}

func printStory(w io.Writer, st *article.Story, revs []storage.Revision, hist []storage.StatusChange, withEdits bool) {
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", value)
		}
	}
	fmt.Fprintf(w, "Story %d (page %d, #%d, %s)\n", st.ID, st.PageID, st.Order+1, st.Kind)
	field("Kicker", st.Kicker)
	field("Title", st.Title)
	field("Subtitle", st.Subtitle)
	field("Dateline", st.Dateline)
	var names []string
	for _, b := range st.Byline {
		names = append(names, strings.TrimSpace(b.Role+" "+b.Name))
	}
	field("Byline", strings.Join(names, "; "))
	field("Source", fmt.Sprintf("%s [%d, %d)", st.Source.File, st.Source.Start, st.Source.End))
	status := string(st.Status)
	if n := len(hist); n > 0 {
		status += fmt.Sprintf(" (by %s, %s)", hist[n-1].By, hist[n-1].At.Local().Format("2006-01-02 15:04"))
	}
	field("Status", status)
	fmt.Fprintln(w)
	for _, p := range st.Paragraphs {
		if p.Kind != article.ParaBody {
			fmt.Fprintf(w, "[%s] ", p.Kind)
		}
		fmt.Fprintln(w, p.Text)
	}
	fmt.Fprintln(w)
	m := st.Metadata
	var dates []string
	for _, d := range m.Dates {
		dates = append(dates, strings.TrimSpace(d.Text+" "+d.Value))
	}
	field("Dates", strings.Join(dates, ", "))
	field("People", strings.Join(m.People, ", "))
	field("Places", strings.Join(m.Places, ", "))
	field("Orgs", strings.Join(m.Organizations, ", "))
	field("Keywords", strings.Join(m.Keywords, ", "))
	field("Summary", m.Summary)
	field("Chars", strconv.Itoa(m.Chars))
	for _, f := range st.Flags {
		fmt.Fprintf(w, "Flag:      %s: %s\n", f.Kind, f.Message)
	}
	if withEdits {
		fmt.Fprintf(w, "\nEdits (%d):\n", len(st.Edits))
		for _, e := range st.Edits {
			fmt.Fprintf(w, "  %-14s [%d, %d) %q → %q %s\n", e.Rule, e.Start, e.End, e.Before, e.After, e.Reason)
		}
	}
	fmt.Fprintln(w, "\nRevisions:")
	for _, r := range revs {
		fmt.Fprintf(w, "  %d  %s  %-10s %s\n", r.N, r.At.Local().Format("2006-01-02 15:04"), r.Author, r.Message)
	}
}
