package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/importer"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/pdfimport"
)

func init() {
	register(command{
		name:    "parse",
		usage:   "FILE [--date YYYY-MM-DD] [--dict FILE] [--edits] [--explain] [--model FILE]",
		summary: "cut one raw page into clean stories and print them as JSON",
		run:     runParse,
	})
}

func runParse(env *cmdEnv, args []string) error {
	fs := newFlags(env, "parse")
	date := fs.String("date", "", "page date YYYY-MM-DD (default: from the file name or the page)")
	dict := fs.String("dict", "", "file of user terms, one \"word [tag]\" a line")
	withEdits := fs.Bool("edits", false, "print each story's edits, and the page's own (running heads, folios, page breaks) as a top-level \"edits\"")
	explain := fs.Bool("explain", false, "print each line with the role the line model gave it and the features that decided it")
	modelFile := fs.String("model", "", "cut the page with this line model file (as `galley train` writes) instead of the shipped one")
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
	model, err := readModelFile(*modelFile)
	if err != nil {
		return err
	}
	if *explain {
		return explainLines(env, file, model)
	}
	lex := lexicon.Shared()
	if *dict != "" {
		if st, err := os.Stat(*dict); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
			// opening a named pipe nobody writes to waits for ever
			return usagef("--dict %s: %s", *dict, ingest.NotRegular(st.Mode()))
		}
		if err := lex.LoadTermsFile(*dict); err != nil {
			return usagef("--dict %s: %v", *dict, err)
		}
	}
	if importer.IsPDFFile(file) {
		announcePDFEngine(env)
	}
	pages, err := parseFile(file, *date, lex, model)
	if err != nil {
		return err
	}
	page := &article.Page{}
	for _, p := range pages {
		page.Stories = append(page.Stories, p.Stories...)
		page.Edits = append(page.Edits, p.Edits...)
	}
	for i := range page.Stories {
		if !*withEdits {
			page.Stories[i].Edits = nil
		}
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

// parsePage is the first pass on one raw page file, as `galley parse`
// prints it and `galley eval` scores it: ingest cuts the page into stories,
// extract reads their metadata, and each story is normalised. date is
// YYYY-MM-DD or "" (from the file name or the page); model nil is the
// embedded line model. Every failure to read
// or decode the file is bad input, a usage error whose message names the
// file (the errors of ingest and os do).
func parsePage(file, date string, lex *lexicon.Lexicon, model *ingest.Labeller) (*article.Page, error) {
	pages, err := parseFile(file, date, lex, model)
	if err != nil {
		return nil, err
	}
	if len(pages) != 1 {
		return nil, usagef("%s: %d pages with text: want one page here", file, len(pages))
	}
	return pages[0], nil
}

// parseFile is the first pass on a file: every page of a PDF that has
// text, in order, or the one page of a text file.
func parseFile(file, date string, lex *lexicon.Lexicon, model *ingest.Labeller) ([]*article.Page, error) {
	if importer.IsPDFFile(file) {
		return parsePDF(file, date, lex, model)
	}
	page, err := parseText(file, date, lex, model)
	if err != nil {
		return nil, err
	}
	return []*article.Page{page}, nil
}

// parseText is the first pass on a page given as text.
func parseText(file, date string, lex *lexicon.Lexicon, model *ingest.Labeller) (*article.Page, error) {
	raw, err := ingest.ReadFile(file)
	if err != nil {
		return nil, usagef("%v", err)
	}
	page, err := ingest.Parse(raw, ingest.Options{File: file, Date: date, Lexicon: lex, LineModel: model})
	if err != nil {
		return nil, usagef("%v", err)
	}
	if strings.TrimSpace(page.Text) == "" {
		return nil, usagef("%s: empty page: there is no text to parse", file)
	}
	importer.FinishPage(page, lex)
	return page, nil
}

// validDate checks the YYYY-MM-DD form of a day that exists (not
// 2022-02-30, nor 02-29 of a common year).
func validDate(s string) bool { return ingest.IsDate(s) }

// explainLines prints why each line of a page got its role: the tag (a
// role, "+" when the line opens its paragraph or headline part, "!" when
// it opens a story's text), the margin over the runner-up tag, and the
// features that weighed most for it.
func explainLines(env *cmdEnv, file string, model *ingest.Labeller) error {
	w := bufio.NewWriter(env.stdout)
	defer w.Flush()
	if importer.IsPDFFile(file) {
		announcePDFEngine(env)
		// each page of the PDF: its text in reading order, explained
		// with the geometry the model read
		pages, err := pdfimport.Read(file, nil)
		if err != nil {
			return usagef("%v", err)
		}
		for _, p := range pages {
			if p.Scanned() {
				continue
			}
			lines, err := ingest.ExplainLines([]byte(p.Text()), ingest.Options{File: p.Name(), Lexicon: lexicon.Shared(), Geometry: p.Geometry, LineModel: model})
			if err != nil {
				return usagef("%v", err)
			}
			if len(pages) > 1 {
				fmt.Fprintf(w, "page %d\n", p.Number)
			}
			printExplained(w, lines)
		}
		return nil
	}
	raw, err := ingest.ReadFile(file)
	if err != nil {
		return usagef("%v", err)
	}
	lines, err := ingest.ExplainLines(raw, ingest.Options{File: file, Lexicon: lexicon.Shared(), LineModel: model})
	if err != nil {
		return usagef("%v", err)
	}
	printExplained(w, lines)
	return nil
}

// printExplained writes the lines of one page with their tags, margins
// and reasons.
func printExplained(w io.Writer, lines []ingest.LineDecision) {
	fmt.Fprintln(w, "line  role        margin  text")
	for _, l := range lines {
		tag := l.Role
		if l.Opens {
			tag += "+"
		}
		if l.Story {
			tag += "!"
		}
		margin := fmt.Sprintf("%6.1f", l.Margin)
		if l.Margin >= 1e15 {
			// no other tag was allowed: the line's geometry settles it
			// (a running head set apart in the margin, headline type)
			margin = " fixed"
		}
		fmt.Fprintf(w, "%4d  %-10s  %s  %s\n", l.Line, tag, margin, strings.TrimSpace(l.Text))
		if l.Rule != "" {
			fmt.Fprintf(w, "                  rule:    %s\n", l.Rule)
		}
		for _, r := range l.Reasons {
			fmt.Fprintf(w, "                  %+7.1f  %s\n", r.Weight, r.Feature)
		}
	}
}
