// Package ingest turns the raw text of a newspaper page into stories: it
// decodes the bytes, cuts the page into stories and headline groups,
// reflows each story into paragraphs, finds captions and credits, cleans
// the text by the conventions of DESIGN.md, and records every change it
// makes as an article.Edit with the raw span it came from.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/lexicon"
)

// Options tune Parse.
type Options struct {
	File string // file name, for Source and error messages
	Date string // page date YYYY-MM-DD, or "" to take it from the name or the page
	// Lexicon, when set, cuts headlines into words to decide which story a
	// headline belongs to (it blocks until its dictionary is loaded). Nil
	// uses character pairs instead, which needs no dictionary.
	Lexicon *lexicon.Lexicon
}

// Parse decodes raw and cuts it into stories. It fills the page's file,
// hash, text, date, stories (paragraphs, headlines, kind, flags, edits,
// source spans) and the edits that belong to no story. It leaves metadata
// to extract.
func Parse(raw []byte, opt Options) (*article.Page, error) {
	name := opt.File
	if name == "" {
		name = "input"
	}
	text, err := Decode(raw, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	page := &article.Page{File: opt.File, SHA256: hex.EncodeToString(sum[:]), Text: text, Date: opt.Date}
	if page.Date == "" {
		page.Date = DateFromName(opt.File)
	}
	if n := strings.Count(text, "\n") + strings.Count(text, "\f"); n > MaxPageLines {
		return nil, fmt.Errorf("%s: %d lines: more than the %d a page may have", name, n, MaxPageLines)
	}
	if err := parseText(page, opt.Lexicon); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return page, nil
}

// parseText does the work of Parse on decoded text.
func parseText(page *article.Page, lex *lexicon.Lexicon) error {
	text := page.Text
	lay := newLayout(text, scanLines(text))
	lay.markFurniture()
	lay.markStarts()
	for i, l := range lay.lines {
		if l.pageBreak {
			page.Edits = append(page.Edits, article.Edit{Rule: RulePageBreak, Start: l.start, End: l.end,
				Before: text[l.start:l.end], Paragraph: -1, Reason: "page break (form feed)"})
		}
		if reason, ok := lay.furn[i]; ok {
			page.Edits = append(page.Edits, article.Edit{Rule: RuleRunningHead, Start: l.cs, End: l.ce,
				Before: text[l.cs:l.ce], Paragraph: -1, Reason: reason})
			if page.Date == "" {
				page.Date = dateFromText(text[l.cs:l.ce])
			}
		}
	}
	drafts, groups := lay.drafts()
	if len(drafts)+len(groups) > MaxPageStories {
		return fmt.Errorf("%d stories: more than the %d a page may have", len(drafts), MaxPageStories)
	}
	stories := make([]article.Story, len(drafts))
	for i, d := range drafts {
		stories[i] = lay.buildStory(d, page)
	}
	if !lay.latin {
		var index []int
		if stories, index = splitTrailingPhotos(stories); len(stories) > len(drafts) {
			for gi := range groups {
				if g := &groups[gi]; g.prev >= 0 {
					g.prev = index[g.prev]
				}
				if g := &groups[gi]; g.next >= 0 {
					g.next = index[g.next]
				}
			}
		}
	}
	// The paragraphs' text of each story, for deciding headline owners
	// (lower-cased on Latin pages).
	texts := make([][]string, len(stories))
	for k := range stories {
		for _, p := range stories[k].Paragraphs {
			t := p.Text
			if lay.latin {
				t = strings.ToLower(t)
			}
			texts[k] = append(texts[k], t)
		}
	}
	headText := make([]string, len(groups))
	for gi, g := range groups {
		headText[gi] = normalizeSpans(text, lay.lineSpans(rangeIdx(g.u.first, g.u.last)), modeBody).text
		if lay.latin {
			headText[gi] = strings.ToLower(headText[gi])
		}
	}
	choices := chooseOwners(groups, headText, texts, lay.latin, lex)
	for gi, g := range groups {
		c := choices[gi]
		if c.owner < 0 {
			stories = append(stories, article.Story{})
			c.owner = len(stories) - 1
		}
		lay.attachHeadline(&stories[c.owner], g.u, page)
		if c.close {
			stories[c.owner].Flags = append(stories[c.owner].Flags, article.Flag{Kind: article.FlagUncertain,
				Message:   "headline placed with this story on a close call: it may belong to the neighbouring story",
				Paragraph: -1, Start: lay.lines[g.u.first].cs, End: lay.lines[g.u.last].ce})
		}
	}
	for i := range stories {
		st := &stories[i]
		st.Order = i
		// A news photo is printed with its caption and credit, not under a
		// headline: flagging every one would bury the flags that matter.
		if strings.TrimSpace(st.Title) == "" && st.Kind != article.KindPhoto {
			st.Flags = append([]article.Flag{{Kind: article.FlagNoHeadline,
				Message: "no headline found for this story", Paragraph: -1}}, st.Flags...)
		}
	}
	page.Stories = stories
	return nil
}

func rangeIdx(a, b int) []int {
	out := make([]int, 0, b-a+1)
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}
