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
	"path/filepath"
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
	parseText(page, opt.Lexicon)
	return page, nil
}

// parseText does the work of Parse on decoded text.
func parseText(page *article.Page, lex *lexicon.Lexicon) {
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
	stories := make([]article.Story, len(drafts))
	for i, d := range drafts {
		stories[i] = lay.buildStory(d, page)
	}
	// The paragraphs' text of each story, for deciding headline owners
	// (lower-cased on Latin pages).
	texts := make([][]string, len(drafts))
	for k := range stories {
		for _, p := range stories[k].Paragraphs {
			t := p.Text
			if lay.latin {
				t = strings.ToLower(t)
			}
			texts[k] = append(texts[k], t)
		}
	}
	heads := make([]normResult, len(groups))
	headText := make([]string, len(groups))
	for gi, g := range groups {
		heads[gi] = normalizeSpans(text, lay.lineSpans(rangeIdx(g.u.first, g.u.last)), modeBody)
		headText[gi] = heads[gi].text
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
		if strings.TrimSpace(st.Title) == "" {
			st.Flags = append([]article.Flag{{Kind: article.FlagNoHeadline,
				Message: "no headline found for this story", Paragraph: -1}}, st.Flags...)
		}
	}
	page.Stories = stories
}

func rangeIdx(a, b int) []int {
	out := make([]int, 0, b-a+1)
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}

// buildStory reflows and cleans one draft.
func (lay *layout) buildStory(d *draft, page *article.Page) article.Story {
	st := article.Story{Kind: article.KindArticle, Source: article.Source{File: page.File, SHA256: page.SHA256, Start: -1}}
	// Edits gather in a scratch slice reused across stories and are copied
	// out once at the size they reached.
	st.Edits = lay.scratch[:0]
	for _, rp := range lay.reflow(d) {
		pieces := []piece{{rp.spans[0], rp.kind}}
		if len(rp.spans) == 1 && rp.kind == article.ParaBody && !lay.latin {
			pieces = splitInline(lay.text, rp.spans[0])
		}
		for _, pc := range pieces {
			spans := rp.spans
			if len(rp.spans) == 1 {
				spans = []span{pc.span}
			}
			mode := modeBody
			if pc.kind == article.ParaCredit {
				mode = modeCredit
			}
			from := len(st.Edits)
			res := normalizeInto(st.Edits, lay.text, spans, mode)
			st.Edits = res.edits
			idx := len(st.Paragraphs)
			if res.text == "" {
				idx = -1
			}
			for k := from; k < len(st.Edits); k++ {
				st.Edits[k].Paragraph = idx
				if idx < 0 {
					st.Edits[k].Offset = 0
				}
			}
			for _, u := range res.uncertain {
				st.Flags = append(st.Flags, article.Flag{Kind: article.FlagUncertain, Message: u.message,
					Paragraph: idx, Start: u.start, End: u.end})
			}
			if idx < 0 {
				continue
			}
			start, end := trimSpan(lay.text, spans[0].start, spans[len(spans)-1].end)
			st.Paragraphs = append(st.Paragraphs, article.Paragraph{Kind: pc.kind, Text: res.text, Start: start, End: end})
			if pc.kind == article.ParaCaption {
				st.Kind = article.KindPhoto
			}
		}
	}
	first, last := d.body[0].first, d.body[len(d.body)-1].last
	st.Source.Start, st.Source.End = lay.lines[first].cs, lay.lines[last].ce
	if !lay.endsStory(lastUsable(lay, d)) {
		l := &lay.lines[lastUsable(lay, d)]
		st.Flags = append(st.Flags, article.Flag{Kind: article.FlagTruncated,
			Message:   "the story stops mid-sentence: it is probably continued on another page",
			Paragraph: len(st.Paragraphs) - 1, Start: l.cs, End: l.ce})
	}
	lay.scratch = st.Edits[:0]
	st.Edits = append([]article.Edit(nil), st.Edits...)
	return st
}

func lastUsable(lay *layout, d *draft) int {
	u := d.body[len(d.body)-1]
	for i := u.last; i > u.first; i-- {
		if lay.usable(i) {
			return i
		}
	}
	return u.first
}

func trimSpan(text string, a, b int) (int, int) {
	for a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t') {
		a++
	}
	for b > a && (text[b-1] == ' ' || text[b-1] == '\n' || text[b-1] == '\t') {
		b--
	}
	return a, b
}

// attachHeadline gives a headline group to a story: one line is the title;
// two are title and subtitle; three are kicker, title and subtitle. On a
// Latin-script page the capitalised lines are one title broken over lines.
func (lay *layout) attachHeadline(st *article.Story, u unit, page *article.Page) {
	var parts []string
	var all []article.Edit
	if lay.latin {
		// capitalised lines are the title, the deck under them the subtitle
		split := u.first
		for split <= u.last && lay.isCaps(split) {
			split++
		}
		res := normalizeSpans(lay.text, lay.lineSpans(rangeIdx(u.first, split-1)), modeBody)
		parts = []string{res.text}
		all = res.edits
		if split <= u.last {
			deck := normalizeSpans(lay.text, lay.lineSpans(rangeIdx(split, u.last)), modeBody)
			parts = append(parts, deck.text)
			all = append(all, deck.edits...)
		}
	} else {
		for i := u.first; i <= u.last; i++ {
			l := &lay.lines[i]
			res := normalizeSpans(lay.text, []span{{l.cs, l.ce}}, modeHeadline)
			parts = append(parts, res.text)
			all = append(all, res.edits...)
		}
	}
	for i := range all {
		all[i].Paragraph, all[i].Offset = -1, 0
	}
	st.Edits = append(st.Edits, all...)
	if st.Title != "" || st.Kicker != "" || st.Subtitle != "" {
		// a second headline group: keep its lines as subheads at the top
		var extra []article.Paragraph
		for k, p := range parts {
			l := &lay.lines[u.first+k]
			extra = append(extra, article.Paragraph{Kind: article.ParaSubhead, Text: p, Start: l.cs, End: l.ce})
		}
		st.Paragraphs = append(extra, st.Paragraphs...)
		for i := range st.Edits {
			if st.Edits[i].Paragraph >= 0 {
				st.Edits[i].Paragraph += len(extra)
			}
		}
	} else {
		switch len(parts) {
		case 1:
			st.Title = parts[0]
		case 2:
			st.Title, st.Subtitle = parts[0], parts[1]
		default:
			st.Kicker, st.Title, st.Subtitle = parts[0], parts[1], strings.Join(parts[2:], " ")
		}
	}
	hs, he := lay.lines[u.first].cs, lay.lines[u.last].ce
	if st.Source.Start < 0 || hs < st.Source.Start || st.Source.End == 0 {
		st.Source.Start = hs
	}
	if he > st.Source.End {
		st.Source.End = he
	}
	if st.Source.File == "" {
		st.Source.File, st.Source.SHA256 = page.File, page.SHA256
	}
}

// DateFromName finds a page date in a file name: 2022-06-28, 2022_06_28
// or 20220628. It returns "" when there is none.
func DateFromName(name string) string {
	base := filepath.Base(name)
	for i := 0; i+8 <= len(base); i++ {
		if d := dateAt(base[i:]); d != "" && (i == 0 || !isDigitByte(base[i-1])) {
			return d
		}
	}
	return ""
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func dateAt(s string) string {
	digits := func(s string, n int) bool {
		if len(s) < n {
			return false
		}
		for i := 0; i < n; i++ {
			if !isDigitByte(s[i]) {
				return false
			}
		}
		return true
	}
	if !digits(s, 4) || (s[:2] != "19" && s[:2] != "20") {
		return ""
	}
	y, rest := s[:4], s[4:]
	var m, d string
	switch {
	case len(rest) >= 6 && (rest[0] == '-' || rest[0] == '_' || rest[0] == '.') && digits(rest[1:], 2) && rest[3] == rest[0] && digits(rest[4:], 2):
		m, d, rest = rest[1:3], rest[4:6], rest[6:]
	case digits(rest, 4):
		m, d, rest = rest[:2], rest[2:4], rest[4:]
	default:
		return ""
	}
	if rest != "" && isDigitByte(rest[0]) {
		return ""
	}
	if m < "01" || m > "12" || d < "01" || d > "31" {
		return ""
	}
	return fmt.Sprintf("%s-%s-%s", y, m, d)
}

// dateFromText reads 2022年6月28日 from a running head.
func dateFromText(s string) string {
	var nums []int
	cur, in := 0, false
	for _, r := range s {
		if h, ok := halfWidth(r); ok {
			r = h
		}
		if isDigitRune(r) {
			cur, in = cur*10+int(r-'0'), true
			continue
		}
		if in {
			nums = append(nums, cur)
			cur, in = 0, false
		}
		if (r == '年' || r == '月' || r == '日') && len(nums) > 0 {
			switch {
			case r == '年' && len(nums) == 1 && nums[0] > 1900:
			case r == '月' && len(nums) == 2:
			case r == '日' && len(nums) == 3:
				if nums[1] >= 1 && nums[1] <= 12 && nums[2] >= 1 && nums[2] <= 31 {
					return fmt.Sprintf("%04d-%02d-%02d", nums[0], nums[1], nums[2])
				}
			default:
				nums = nums[:0]
			}
		}
	}
	return ""
}
