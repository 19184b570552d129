package ingest

import (
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/utf8x"
)

// buildStory reflows and cleans one draft.
func (lay *layout) buildStory(d *draft, page *article.Page) article.Story {
	st := lay.startStory(page)
	paras := lay.reflow(d)
	for pi, rp := range paras {
		split := len(rp.spans) == 1 && rp.kind == article.ParaBody && !lay.latin
		creditNext := false
		if split && pi+1 < len(paras) && len(paras[pi+1].spans) == 1 {
			next := paras[pi+1].spans[0]
			creditNext = isCredit(lay.text[next.start:next.end])
		}
		lay.addParagraph(&st, rp.spans, rp.kind, split, creditNext)
	}
	first, last := d.body[0].first, d.body[len(d.body)-1].last
	st.Source.Start, st.Source.End = lay.lines[first].cs, lay.lines[last].ce
	if last := lastUsable(lay, d); !lay.endsStory(last) || endMark(lay.content(last)) == "continued" {
		lay.flagTruncated(&st, last)
	}
	lay.finishStory(&st)
	return st
}

// startStory begins a story of the page. Its edits gather in a scratch
// slice reused across stories (finishStory copies them out once, at the
// size they reached).
func (lay *layout) startStory(page *article.Page) article.Story {
	st := article.Story{Kind: article.KindArticle, Source: article.Source{File: page.File, SHA256: page.SHA256, Start: -1}}
	st.Edits = lay.scratch[:0]
	return st
}

// finishStory copies the story's edits out of the scratch slice.
func (lay *layout) finishStory(st *article.Story) {
	lay.edits += len(st.Edits)
	lay.scratch = st.Edits[:0]
	st.Edits = append([]article.Edit(nil), st.Edits...)
}

// addParagraph cleans one paragraph of raw spans into the story. With
// split, a one-span body paragraph is first cut where a caption or photo
// credit runs into it (splitInline; creditNext: a credit line follows).
// Its edits point at the paragraph; close calls of the cleaning and
// characters the extractor lost are flagged where they are.
func (lay *layout) addParagraph(st *article.Story, spans []span, kind string, split, creditNext bool) {
	pieces := []piece{{spans[0], kind}}
	if split {
		pieces = splitInline(lay.text, spans[0], creditNext)
	}
	for _, pc := range pieces {
		sp := spans
		if len(spans) == 1 {
			sp = []span{pc.span}
		}
		mode := modeBody
		if pc.kind == article.ParaCredit {
			mode = modeCredit
		}
		from := len(st.Edits)
		res := normalizeInto(st.Edits, lay.text, sp, mode, lay.edits)
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
		for _, e := range st.Edits[from:] {
			// the extractor lost a character (U+FFFD): the cleaned text
			// reads on without it, but the print has one there
			if e.Rule == RuleDrop && strings.ContainsRune(e.Before, '\uFFFD') {
				st.Flags = append(st.Flags, article.Flag{Kind: article.FlagUncertain, Message: "a character is missing here: check against the print",
					Paragraph: idx, Start: e.Start, End: e.End})
			}
		}
		if idx < 0 {
			continue
		}
		start, end := trimSpan(lay.text, sp[0].start, sp[len(sp)-1].end)
		st.Paragraphs = append(st.Paragraphs, article.Paragraph{Kind: pc.kind, Text: res.text, Start: start, End: end})
		if pc.kind == article.ParaCaption {
			st.Kind = article.KindPhoto
		}
	}
}

// flagTruncated flags a story whose text stops mid-sentence at line i.
func (lay *layout) flagTruncated(st *article.Story, i int) {
	l := &lay.lines[i]
	st.Flags = append(st.Flags, article.Flag{Kind: article.FlagTruncated,
		Message:   "the story stops mid-sentence: it is probably continued on another page",
		Paragraph: len(st.Paragraphs) - 1, Start: l.cs, End: l.ce})
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
	var partLines []int // the line of each part (Chinese headlines: one part a line)
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
			if !lay.usable(i) {
				continue
			}
			l := &lay.lines[i]
			res := normalizeSpans(lay.text, []span{{l.cs, l.ce}}, modeHeadline)
			parts = append(parts, res.text)
			partLines = append(partLines, i)
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
			start, end := lay.lines[u.first].cs, lay.lines[u.last].ce
			if k < len(partLines) {
				start, end = lay.lines[partLines[k]].cs, lay.lines[partLines[k]].ce
			}
			extra = append(extra, article.Paragraph{Kind: article.ParaSubhead, Text: p, Start: start, End: end})
		}
		st.Paragraphs = append(extra, st.Paragraphs...)
		for i := range st.Edits {
			if st.Edits[i].Paragraph >= 0 {
				st.Edits[i].Paragraph += len(extra)
			}
		}
		for i := range st.Flags {
			if st.Flags[i].Paragraph >= 0 {
				st.Flags[i].Paragraph += len(extra)
			}
		}
	} else {
		roles := []string{"title"}
		switch len(parts) {
		case 1:
			st.Title = parts[0]
		case 2:
			if a, b := utf8x.Count(parts[0]), utf8x.Count(parts[1]); a <= 4 && b > 2*a {
				// a short line over a long one is a kicker (a column's
				// label such as a commentary's) over the title
				st.Kicker, st.Title = parts[0], parts[1]
				roles = []string{"kicker", "title"}
				break
			}
			st.Title, st.Subtitle = parts[0], parts[1]
			roles = []string{"title", "subtitle"}
		default:
			st.Kicker, st.Title, st.Subtitle = parts[0], parts[1], strings.Join(parts[2:], " ")
			roles = []string{"kicker", "title", "subtitle"}
		}
		// Record where each headline line went, so the editor can see
		// (and undo) a line taken out of the text as a headline.
		where := "before"
		if st.Source.Start >= 0 && st.Source.Start < lay.lines[u.first].cs {
			where = "after"
		}
		for k, p := range parts {
			if k >= len(partLines) {
				break
			}
			l := &lay.lines[partLines[k]]
			role := roles[min(k, len(roles)-1)]
			st.Edits = append(st.Edits, article.Edit{Rule: RuleHeadlineLine, Start: l.cs, End: l.ce,
				Before: lay.text[l.cs:l.ce], After: p, Paragraph: -1,
				Reason: "line taken as the story's " + role + ", printed " + where + " its body"})
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
