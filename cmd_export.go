package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"strconv"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/pagecrop"
	"github.com/galley/galley/storage"
)

func init() {
	register(command{
		name:    "export",
		usage:   "--format docx|json|jsonl|md|txt --out DIR [--status S] [--page N] [--zip] [--one-file] [--edits] [ID...]",
		summary: "export stories from the archive (all matching the filters when no ID is given)",
		run:     runExport,
	})
}

func runExport(env *cmdEnv, args []string) error {
	fs := newFlags(env, "export")
	format := fs.String("format", "", "docx, json, jsonl, md or txt")
	out := fs.String("out", "", "folder to write into (created when missing); - writes one document to stdout")
	status := fs.String("status", "", "only stories with this status: new, in_progress, checked, approved")
	page := fs.Int64("page", 0, "only stories of this page id")
	zipped := fs.Bool("zip", false, "write one .zip holding the files")
	oneFile := fs.Bool("one-file", false, "write all stories into one document")
	edits := fs.Bool("edits", false, "json, jsonl: include each story's automatic edits; json also prints the page's own edits (running heads, folios)\n"+
		"beside the stories of one page. Story JSON keeps each story's text, metadata, flags, status and page (file, date,\n"+
		"SHA-256), so an import puts it back on its page. It leaves out the raw page text, the page image of a PDF page,\n"+
		"the earlier revisions with their authors and times, the status history (who changed the status, when) and the\n"+
		"story ids (an import numbers stories as its archive does); galley backup FILE copies the whole archive")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := positiveFlags(fs, "page"); err != nil {
		return err
	}
	opt, filter, err := exportRequest(*format, *out, *status, *page, *zipped, pos)
	if err != nil {
		return err
	}
	opt.Zip, opt.OneFile, opt.JSON.Edits = *zipped, *oneFile, *edits

	if _, err := os.Stat(env.dbPath); err != nil {
		return usagef("archive %s: %v", env.dbPath, err)
	}
	arch, err := storage.OpenReadOnly(env.dbPath)
	if err != nil {
		if errors.Is(err, storage.ErrNotArchive) || errors.Is(err, storage.ErrTooNew) {
			return usagef("%v", err)
		}
		return err
	}
	defer arch.Close()

	// Ctrl-C stops between stories; files already written stay whole.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	list, err := arch.Stories(ctx, filter)
	if err != nil {
		return err
	}
	if missing := missingIDs(filter.IDs, list); len(missing) > 0 {
		// Tell a story that is not there from one the filters leave out.
		exist, err := arch.Stories(ctx, storage.StoryFilter{IDs: missing})
		if err != nil {
			return err
		}
		if absent := missingIDs(missing, exist); len(absent) > 0 {
			return usagef("no story with id %v in %s", absent, env.dbPath)
		}
		return usagef("stories %v do not match --status/--page", missing)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.stderr, "galley export: no story matches; nothing written")
		return nil
	}
	// A Word document carries the stories' pictures, cut from their pages'
	// images.
	opt.DOCX.Picture = pagecrop.FromArchive(ctx, arch)
	withPage := opt.JSON.Edits && opt.Format == export.FormatJSON
	if opt.Dir == "-" {
		return exportToStdout(ctx, env, archiveItems(ctx, arch, list, withPage), opt)
	}
	sum, err := export.BatchSeq(ctx, archiveItems(ctx, arch, list, withPage), len(list), opt, progressPrinter(env.stderr, len(list)))
	if err != nil {
		if len(sum.Files) > 0 {
			fmt.Fprintf(env.stderr, "galley export: stopped after %d files; those are complete\n", len(sum.Files))
		}
		return err
	}
	fmt.Fprintln(env.stdout, sum.String())
	return nil
}

// exportRequest checks what the user typed and turns it into batch options
// and a story filter; every problem is a usage error (exit 2).
func exportRequest(format, out, status string, page int64, zip bool, ids []string) (export.Options, storage.StoryFilter, error) {
	var (
		opt    export.Options
		filter storage.StoryFilter
	)
	if format == "" {
		return opt, filter, usagef("--format is required (docx, json, jsonl, md or txt)")
	}
	f, err := export.ParseFormat(format)
	if err != nil {
		return opt, filter, usagef("--format: %v", err)
	}
	if out == "" {
		return opt, filter, usagef("--out DIR is required")
	}
	if out == "-" && zip {
		return opt, filter, usagef("--zip needs a folder, not --out -")
	}
	if fi, err := os.Stat(out); out != "-" && err == nil && !fi.IsDir() {
		return opt, filter, usagef("--out %s is a file, not a folder", out)
	}
	opt.Format, opt.Dir = f, out
	if status != "" {
		s, ok := article.ParseStatus(status)
		if !ok {
			return opt, filter, usagef("--status %q: want new, in_progress, checked or approved", status)
		}
		filter.Status = s
	}
	if page < 0 {
		return opt, filter, usagef("--page %d: want a page id", page)
	}
	filter.PageID = page
	for _, a := range ids {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return opt, filter, usagef("%q is not a story id", a)
		}
		filter.IDs = append(filter.IDs, id)
	}
	return opt, filter, nil
}

// exportToStdout writes all stories as one document to stdout, for pipes
// (galley export --format jsonl --out - | …). JSON Lines streams story by
// story; the other formats are one document of all stories.
func exportToStdout(ctx context.Context, env *cmdEnv, items iter.Seq2[export.Item, error], opt export.Options) error {
	var all []export.Item
	for it, err := range items {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if opt.Format == export.FormatJSONL {
			if err := export.JSONLine(env.stdout, it.Story, opt.JSON); err != nil {
				return err
			}
			continue
		}
		all = append(all, it)
	}
	if opt.Format == export.FormatJSONL {
		return nil
	}
	data, err := export.Render(opt.Format, all, opt)
	if err != nil {
		return err
	}
	_, err = env.stdout.Write(data)
	return err
}

func missingIDs(want []int64, found []storage.StorySummary) []int64 {
	have := map[int64]bool{}
	for _, s := range found {
		have[s.ID] = true
	}
	var missing []int64
	for _, id := range want {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	return missing
}

// archiveItems loads the listed stories one at a time, so a large export
// holds one story in memory, not the archive. withPage adds each page's own
// edits (running heads, folios), read once per page.
func archiveItems(ctx context.Context, arch *storage.Archive, list []storage.StorySummary, withPage bool) iter.Seq2[export.Item, error] {
	return func(yield func(export.Item, error) bool) {
		var pageID int64 = -1
		var pageEdits []article.Edit
		var pageStories int
		for _, s := range list {
			st, err := arch.Story(ctx, s.ID)
			if err != nil {
				yield(export.Item{}, fmt.Errorf("story %d: %w", s.ID, err))
				return
			}
			if withPage && st.PageID != pageID {
				p, err := arch.Page(ctx, st.PageID)
				if err != nil {
					yield(export.Item{}, fmt.Errorf("page %d of story %d: %w", st.PageID, s.ID, err))
					return
				}
				pageID, pageEdits, pageStories = st.PageID, p.Edits, len(p.Stories)
			}
			it := export.Item{Story: st, PageDate: s.PageDate}
			if withPage {
				it.PageEdits, it.PageStories = pageEdits, pageStories
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}

// progressPrinter reports progress on stderr for exports of more than a few
// stories: about ten lines, whatever the count, so logs stay short.
func progressPrinter(w io.Writer, total int) func(done, total int) {
	if total < 10 {
		return nil
	}
	step := max(total/10, 1)
	return func(done, total int) {
		if done > 0 && (done%step == 0 || done == total) {
			fmt.Fprintf(w, "exporting: %d/%d stories\n", done, total)
		}
	}
}
