package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/storage"
)

// prepared is a file read and parsed, ready to store (or the reason not to).
type prepared struct {
	file    string
	pages   []*article.Page // one for a raw page; story JSON may hold several
	dupOf   int64           // the page with the same hash, found before parsing
	err     error
	outcome Outcome // when err is set or dupOf > 0
}

// prepare reads, hashes and parses one file. It runs on a worker.
func prepare(ctx context.Context, a *storage.Archive, file string, opt Options) prepared {
	if err := ctx.Err(); err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	raw, err := ingest.ReadFile(file)
	if err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	return prepareData(ctx, a, file, raw, opt)
}

// prepareData hashes and parses one file's bytes (file names it in
// messages and in the archive).
func prepareData(ctx context.Context, a *storage.Archive, file string, raw []byte, opt Options) prepared {
	if err := ctx.Err(); err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	sum := sha256.Sum256(raw)
	sha := hex.EncodeToString(sum[:])
	// A file seen before costs one lookup, not a parse.
	if id, err := a.PageBySHA256(ctx, sha); err == nil {
		return prepared{file: file, dupOf: id, outcome: Duplicate}
	} else if !errors.Is(err, storage.ErrNotFound) {
		return prepared{file: file, err: err, outcome: Failed}
	}
	if isStoryJSON(file, raw) {
		pages, err := storyPages(file, raw, sha, opt.Date)
		if err != nil {
			return prepared{file: file, err: err, outcome: Failed}
		}
		return prepared{file: file, pages: pages}
	}
	page, err := ParsePage(raw, file, opt.Date, a.Lexicon())
	if err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	page.SHA256 = sha
	return prepared{file: file, pages: []*article.Page{page}}
}

// isStoryJSON tells story JSON from a raw page: by name (.json, .jsonl)
// or by a first character that no newspaper page starts with.
func isStoryJSON(file string, raw []byte) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json", ".jsonl", ".ndjson":
		return true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	return len(t) > 0 && t[0] == '{' && bytes.Contains(t[:min(len(t), 4096)], []byte(article.Format))
}

// storyPages makes pages of the stories of a JSON file (export.ReadStories
// checks them against the schema: all of the file or nothing): one page for
// each page the stories were printed on (by the source's SHA-256, else its
// file and date), dated by the source's date, else by date (--date), else by
// the source's or the file's name. The pages' text is empty: the raw page is
// not in the file; each story's source span still says where on it the
// story stood. The first page is known by the file's SHA-256 (importing the
// file again is a duplicate), the others by a hash of it and their page.
func storyPages(file string, raw []byte, sha, date string) ([]*article.Page, error) {
	stories, err := export.ReadStories(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("%s: no stories in the file", file)
	}
	var pages []*article.Page
	byKey := map[string]*article.Page{}
	for i := range stories {
		st := &stories[i]
		src := st.Source
		key := src.SHA256
		if key == "" {
			key = src.File + "\x00" + src.Date
		}
		page := byKey[key]
		if page == nil {
			page = &article.Page{File: file, SHA256: sha, Date: date}
			if len(pages) > 0 {
				sum := sha256.Sum256([]byte(sha + "\x00" + key))
				page.SHA256 = hex.EncodeToString(sum[:])
			}
			if src.File != "" {
				page.File = src.File
			}
			for _, d := range []string{src.Date, ingest.DateFromName(src.File), ingest.DateFromName(file)} {
				if page.Date == "" {
					page.Date = d
				}
			}
			byKey[key] = page
			pages = append(pages, page)
		}
		// New archive ids; the order on the printed page stays. The page
		// holds the date.
		st.ID, st.PageID, st.Source.Date = 0, 0, ""
		page.Stories = append(page.Stories, *st)
	}
	return pages, nil
}

// store writes a prepared page and says what became of the file.
// The error is returned too, so the caller can tell a bad file from a
// failing archive.
func store(ctx context.Context, a *storage.Archive, p prepared) (Result, error) {
	r := Result{File: p.file, Outcome: p.outcome}
	switch {
	case p.err != nil:
		r.Reason = reason(p.file, p.err)
		return r, p.err
	case p.dupOf > 0:
		r.PageID = p.dupOf
		r.Reason = fmt.Sprintf("already imported as page %d", p.dupOf)
		return r, nil
	}
	ids, err := a.AddPages(ctx, p.pages)
	var dup *storage.DuplicateError
	switch {
	case errors.As(err, &dup):
		// Two copies of one file in the same import, or the same page in
		// another encoding.
		r.Outcome, r.PageID, r.Reason = Duplicate, dup.PageID, reason(p.file, dup)
		return r, nil
	case err != nil:
		r.Outcome, r.Reason = Failed, reason(p.file, err)
		return r, err
	}
	r.Outcome, r.PageID = Imported, ids[0]
	for _, page := range p.pages {
		r.Stories += len(page.Stories)
	}
	return r, nil
}

// reason is an error's message without the file name the result already
// shows.
func reason(file string, err error) string {
	return strings.TrimPrefix(err.Error(), file+": ")
}
