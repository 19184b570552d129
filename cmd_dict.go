package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/galley/galley/app"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "dict",
		usage:   "add WORD --tag nr|ns|nt|n [--reextract] | list | remove WORD",
		summary: "the user dictionary: names and words the built-in dictionary lacks",
		run:     runDict,
	})
}

func runDict(env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return usagef("want add, list or remove")
	}
	switch args[0] {
	case "add":
		return runDictAdd(env, args[1:])
	case "list":
		return runDictList(env, args[1:])
	case "remove", "rm":
		return runDictRemove(env, args[1:])
	}
	return usagef("unknown dict command %q: want add, list or remove", args[0])
}

func runDictAdd(env *cmdEnv, args []string) error {
	fs := newFlags(env, "dict add")
	tag := fs.String("tag", "", "nr person, ns place, nt organisation, n other noun")
	reextract := fs.Bool("reextract", false, "extract again the metadata of the stories that contain the word")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one WORD")
	}
	word := strings.TrimSpace(pos[0])
	if *tag == "" {
		return usagef("--tag is required: one of %s", strings.Join(lexicon.TermTags, ", "))
	}
	if !validTag(*tag) {
		return usagef("unknown --tag %q: use one of %s", *tag, strings.Join(lexicon.TermTags, ", "))
	}
	a, err := openForWriting(context.Background(), env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx := context.Background()
	if err := a.AddTerm(ctx, word, *tag); err != nil {
		if errors.Is(err, storage.ErrLocked) || errors.Is(err, storage.ErrDiskFull) || errors.Is(err, storage.ErrReadOnly) {
			return err
		}
		return usagef("%v", err)
	}
	ids, err := a.StoriesContaining(ctx, word)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "added %s (%s); %d %s\n", word, *tag, len(ids), plural(len(ids), "story contains it", "stories contain it"))
	if len(ids) == 0 {
		return nil
	}
	if !*reextract {
		fmt.Fprintln(env.stdout, "run again with --reextract to update their metadata and search index")
		return nil
	}
	changed, err := reextractStories(ctx, a, ids, fmt.Sprintf("metadata extracted again after adding %s to the dictionary", word))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "re-extracted %d %s: %d changed, each saved as a new revision\n", len(ids), plural(len(ids), "story", "stories"), changed)
	return nil
}

// reextractStories runs extract again on stories (with the lexicon that now
// knows the new word), saves those whose metadata changed as a new revision,
// and rebuilds their search index rows. It returns how many changed.
func reextractStories(ctx context.Context, a *storage.Archive, ids []int64, message string) (int, error) {
	list, err := a.Stories(ctx, storage.StoryFilter{IDs: ids})
	if err != nil {
		return 0, err
	}
	changed := 0
	who := app.EditorName()
	for _, s := range list {
		st, err := a.Story(ctx, s.ID)
		if err != nil {
			return changed, err
		}
		before := s.Revision
		extract.Story(st, extract.Options{PageDate: s.PageDate, Lexicon: a.Lexicon()})
		n, err := a.SaveStory(ctx, st, who, message)
		if err != nil {
			return changed, err
		}
		if n != before {
			changed++
		}
	}
	return changed, a.Reindex(ctx, ids)
}

func validTag(tag string) bool {
	for _, t := range lexicon.TermTags {
		if t == tag {
			return true
		}
	}
	return false
}

func runDictList(env *cmdEnv, args []string) error {
	if len(args) > 0 {
		return usagef("dict list takes no arguments")
	}
	a, err := openArchiveFor(env, false)
	if err != nil {
		return err
	}
	defer a.Close()
	terms, err := a.Terms(context.Background())
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(terminalText(env.stdout), 0, 4, 2, ' ', 0)
	for _, t := range terms {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Word, t.Tag, t.Added.Local().Format("2006-01-02"))
	}
	tw.Flush()
	fmt.Fprintf(env.stdout, "%d %s\n", len(terms), plural(len(terms), "term", "terms"))
	return nil
}

func runDictRemove(env *cmdEnv, args []string) error {
	if len(args) != 1 {
		return usagef("want one WORD")
	}
	a, err := openForWriting(context.Background(), env, true)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.RemoveTerm(context.Background(), args[0]); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return usagef("%q is not in the user dictionary", args[0])
		}
		return err
	}
	fmt.Fprintf(env.stdout, "removed %s\n", args[0])
	return nil
}
