package main

import (
	"encoding/json"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
)

func init() {
	register(command{
		name:    "parse",
		usage:   "FILE [--date YYYY-MM-DD] [--dict FILE] [--edits]",
		summary: "cut one raw page into clean stories and print them as JSON",
		run:     runParse,
	})
}

func runParse(env *cmdEnv, args []string) error {
	fs := newFlags(env, "parse")
	date := fs.String("date", "", "page date YYYY-MM-DD (default: from the file name or the page)")
	dict := fs.String("dict", "", "file of user terms, one \"word [tag]\" a line")
	withEdits := fs.Bool("edits", false, "print each story's edits, and the page's own (running heads, folios, page breaks) as a top-level \"edits\"")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one FILE, got %d arguments", len(pos))
	}
	file := pos[0]
	if *date != "" && !validDate(*date) {
		return usagef("--date %q: want a day that exists, as YYYY-MM-DD", *date)
	}
	lex := lexicon.Shared()
	if *dict != "" {
		if err := lex.LoadTermsFile(*dict); err != nil {
			return usagef("--dict %s: %v", *dict, err)
		}
	}
	// Every failure to read or decode the file is bad input: exit 2 with
	// a message that names the file (the errors of ingest and os do).
	raw, err := ingest.ReadFile(file)
	if err != nil {
		return usagef("%v", err)
	}
	page, err := ingest.Parse(raw, ingest.Options{File: file, Date: *date, Lexicon: lex})
	if err != nil {
		return usagef("%v", err)
	}
	if strings.TrimSpace(page.Text) == "" {
		return usagef("%s: empty page: there is no text to parse", file)
	}
	extract.Page(page, extract.Options{PageDate: page.Date, Lexicon: lex})
	for i := range page.Stories {
		st := &page.Stories[i]
		if !*withEdits {
			st.Edits = nil
		}
		st.Normalize()
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	doc := article.Stories{Stories: page.Stories}
	if *withEdits {
		doc.Edits = page.Edits
	}
	return enc.Encode(doc)
}

// validDate checks the YYYY-MM-DD form of a day that exists (not
// 2022-02-30, nor 02-29 of a common year).
func validDate(s string) bool { return ingest.IsDate(s) }
