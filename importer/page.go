package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/pdfimport"
	"github.com/galley/galley/storage"
)

// prepared is a file read and parsed, ready to store (or the reason not to).
type prepared struct {
	file    string
	pages   []*article.Page // one for a raw page; story JSON may hold several
	pdf     *pdfFile        // a PDF: its pages, stored one by one
	dupOf   int64           // the page with the same hash, found before parsing
	err     error
	outcome Outcome // when err is set or dupOf > 0
	note    string  // what the result should say besides its outcome
	named   bool    // the note names the pages already in the archive
}

// release lets go of a prepared file that will not be stored.
func (p prepared) release() {
	if p.pdf != nil {
		p.pdf.doc.Close()
	}
}

// prepare reads, hashes and parses one file. It runs on a worker; read
// hears of each page of a PDF.
func prepare(ctx context.Context, a *storage.Archive, file string, opt Options, read func(done, total int)) prepared {
	if err := ctx.Err(); err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	if IsPDFFile(file) {
		return preparePDF(ctx, a, file, func() (*pdfimport.Document, error) { return pdfimport.Open(ctx, file) }, opt, read)
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
	if pdfimport.IsPDF(raw) {
		return preparePDF(ctx, a, file, func() (*pdfimport.Document, error) { return pdfimport.OpenBytes(ctx, file, raw) }, opt, nil)
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
		return prepareStories(ctx, a, file, raw)
	}
	page, err := ParsePage(raw, file, opt.Date, a.Lexicon())
	if err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	page.SHA256 = sha
	return prepared{file: file, pages: []*article.Page{page}}
}

// prepareStories reads a file of story JSON and leaves out the stories the
// archive holds already. A story is known by what it says (see storyKey),
// not by the bytes of the file it came in: an export read back, as JSON or
// JSON Lines, indented or not, is not stored twice. The page of a file of
// stories is named by the keys of its stories, so the same stories in any
// file are one page.
func prepareStories(ctx context.Context, a *storage.Archive, file string, raw []byte) prepared {
	page, err := storyPage(file, raw, "")
	if err != nil {
		return prepared{file: file, err: err, outcome: Failed}
	}
	keys := make([]string, len(page.Stories))
	h := sha256.New()
	h.Write([]byte(article.Format + " stories\n"))
	for i := range page.Stories {
		keys[i] = storyKey(&page.Stories[i])
		h.Write([]byte(keys[i] + "\n"))
	}
	page.SHA256 = hex.EncodeToString(h.Sum(nil))
	if id, err := a.PageBySHA256(ctx, page.SHA256); err == nil {
		return prepared{file: file, dupOf: id, outcome: Duplicate}
	} else if !errors.Is(err, storage.ErrNotFound) {
		return prepared{file: file, err: err, outcome: Failed}
	}
	// Stories cut from a raw page in the archive: compare with that page's.
	known := map[string]int64{}
	looked := map[string]bool{}
	for _, st := range page.Stories {
		src := st.Source.SHA256
		if src == "" || looked[src] {
			continue
		}
		looked[src] = true
		id, err := a.PageBySHA256(ctx, src)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		} else if err != nil {
			return prepared{file: file, err: err, outcome: Failed}
		}
		have, err := a.StoriesFull(ctx, storage.StoryFilter{PageID: id})
		if err != nil {
			return prepared{file: file, err: err, outcome: Failed}
		}
		for i := range have {
			known[storyKey(&have[i])] = id
		}
	}
	var keep []article.Story
	var dupPage int64
	for i, st := range page.Stories {
		if id, ok := known[keys[i]]; ok {
			dupPage = id
			continue
		}
		known[keys[i]] = 0 // the same story twice in the file
		keep = append(keep, st)
	}
	left := len(page.Stories) - len(keep)
	if len(keep) == 0 {
		return prepared{file: file, dupOf: dupPage, outcome: Duplicate,
			note: fmt.Sprintf("its %d %s in the archive already", left, plural(left, "story is", "stories are"))}
	}
	page.Stories = keep
	p := prepared{file: file, pages: byPrintedPage(page)}
	if left > 0 {
		p.note = fmt.Sprintf("%d of %d stories were in the archive already and were left out", left, left+len(keep))
	}
	return p
}

// byPrintedPage splits a file's stories into one page per page they were
// printed on (by the source's SHA-256, else its file and date), dated by
// the source's date, else by the source's or the file's name, so that an
// export read back puts each story back on a page of its own date. The
// first page keeps the file page's SHA-256 (importing the same stories
// again is a duplicate), the others are known by a hash of it and their
// page. The archive's page holds the date, so the stories' source date is
// cleared.
func byPrintedPage(filePage *article.Page) []*article.Page {
	var pages []*article.Page
	byKey := map[string]*article.Page{}
	for _, st := range filePage.Stories {
		src := st.Source
		key := src.SHA256
		if key == "" {
			key = src.File + "\x00" + src.Date
		}
		page := byKey[key]
		if page == nil {
			page = &article.Page{File: filePage.File, SHA256: filePage.SHA256}
			if len(pages) > 0 {
				sum := sha256.Sum256([]byte(filePage.SHA256 + "\x00" + key))
				page.SHA256 = hex.EncodeToString(sum[:])
			}
			if src.File != "" {
				page.File = src.File
			}
			for _, d := range []string{src.Date, ingest.DateFromName(src.File), filePage.Date} {
				if page.Date == "" {
					page.Date = d
				}
			}
			byKey[key] = page
			pages = append(pages, page)
		}
		st.Source.Date = ""
		page.Stories = append(page.Stories, st)
	}
	return pages
}

// storyKey is what identifies a story whatever file it came in: its
// headline, byline, paragraphs and where it was printed, not its archive
// id, status, offsets or metadata (which an import recomputes or keeps).
func storyKey(st *article.Story) string {
	type para struct{ Kind, Text string }
	k := struct {
		Kind, Kicker, Title, Subtitle, Dateline string
		Byline                                  []article.Byline
		Paragraphs                              []para
		File, SHA256                            string
		Start, End                              int
	}{st.Kind, st.Kicker, st.Title, st.Subtitle, st.Dateline, st.Byline, nil,
		st.Source.File, st.Source.SHA256, st.Source.Start, st.Source.End}
	if k.Kind == "" {
		k.Kind = article.KindArticle
	}
	for _, p := range st.Paragraphs {
		k.Paragraphs = append(k.Paragraphs, para{p.Kind, p.Text})
	}
	b, _ := json.Marshal(k)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
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

// storyPage makes a page of the stories of a JSON file (export.ReadStories
// checks them against the schema: all of the file or nothing). The page's
// text is empty: the raw page they came from is not in the file; each
// story's source span still says where on it the story stood.
func storyPage(file string, raw []byte, sha string) (*article.Page, error) {
	// the limits of a raw page hold for a file of stories too
	stories, err := export.ReadStoriesMax(bytes.NewReader(raw), ingest.MaxPageStories)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("%s: no stories in the file", file)
	}
	page := &article.Page{File: file, SHA256: sha, Date: ingest.DateFromName(file)}
	for i := range stories {
		st := &stories[i]
		// New archive ids; the order on the printed page stays.
		st.ID, st.PageID = 0, 0
		page.Stories = append(page.Stories, *st)
	}
	return page, nil
}

// store writes a prepared page and says what became of the file; stored
// hears of each page of a PDF. The error is returned too, so the caller
// can tell a bad file from a failing archive.
func store(ctx context.Context, a *storage.Archive, p prepared, opt Options, stored func(done, total int)) (Result, error) {
	if p.pdf != nil {
		return storePDF(ctx, a, p, opt, stored)
	}
	r := Result{File: p.file, Outcome: p.outcome}
	switch {
	case p.err != nil:
		r.Reason = reason(p.file, p.err)
		return r, p.err
	case p.outcome == Duplicate:
		r.PageID = p.dupOf
		r.Reason = fmt.Sprintf("already imported as page %d", p.dupOf)
		if p.note != "" {
			r.Reason = p.note
			if p.dupOf > 0 && !p.named {
				r.Reason += fmt.Sprintf(" (page %d)", p.dupOf)
			}
		}
		return r, nil
	}
	var ids []int64
	err := waitTurn(ctx, p.file, opt, func() (err error) {
		ids, err = a.AddPages(ctx, p.pages)
		return err
	})
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
	r.Outcome, r.PageID, r.Reason = Imported, ids[0], p.note
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
