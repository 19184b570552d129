package ingest

import (
	"slices"
	"strings"
	"unicode"

	"github.com/galley/galley/article"
	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
	"github.com/galley/galley/lexicon"
)

// Assembling stories from labelled lines: a story runs from a line tagged
// as opening one to the next; inside it, headline lines make the kicker,
// title and subtitle, the other lines make paragraphs that open where a
// line is tagged as opening one or the role changes.

// labelledPart is a headline part or a paragraph: its lines and role.
type labelledPart struct {
	role  string
	lines []int // layout line indices
}

// labelledStory is a story's parts in the page's order.
type labelledStory struct {
	head  []labelledPart
	paras []labelledPart
	first int // first line (layout index)
	last  int
}

// groupLabelled cuts the tagged content lines into stories: the texts
// are cut where a line opens a story or a headline group stands between
// them, and each headline group is given to the text above or below it
// (owners.go).
func groupLabelled(p *pageLines, tags []lineTag, lex headlineWordsFunc) (stories []labelledStory, noise []int) {
	var items []pageItem
	for k, i := range p.idx {
		t := tags[k]
		if t.role == RoleNoise {
			noise = append(noise, i)
			continue
		}
		head := isHeadlineRole(t.role)
		n := len(items)
		if n == 0 || items[n-1].head != head || !head && t.opensStory || head && t.opens && startsHeadline(items[n-1].parts, t.role, i) ||
			head && t.role == RoleTitle && afterColumnTag(p, items[n-1].parts, i) {
			items = append(items, pageItem{head: head})
			n++
		}
		cur := &items[n-1]
		parts := &cur.parts
		m := len(*parts)
		if m == 0 || t.opens || (*parts)[m-1].role != t.role || !sameRun(p, *parts, i) {
			*parts = append(*parts, labelledPart{role: t.role})
			m++
		}
		(*parts)[m-1].lines = append((*parts)[m-1].lines, i)
	}
	items = liftHeadlinesOutOfSentences(p, items, func(i int) bool { return tags[p.pos[i]].opens })
	opensStory := func(i int) bool { return tags[p.pos[i]].opensStory }
	stories = assignHeadlines(p, items, lex, opensStory)
	passHeadlinesUp(p, stories, lex)
	passHeadlinesDown(p, stories, lex)
	stories = joinBareDatelines(p, joinBoxesToTheirStories(p, joinLoneCredits(stories)))
	stories, furniture := joinFragments(p, joinBriefColumns(p, stories))
	stories = joinResumedTails(p, joinResumedText(p, stories), func(i int) bool { return tags[p.pos[i]].role == RoleNoise })
	if len(furniture) > 0 {
		noise = append(noise, furniture...)
		slices.Sort(noise)
	}
	dashSubtitles(p, stories)
	swapMisplacedHeadlines(p, stories, lex)
	stories = splitPhotoStories(p, stories)
	titlesAfterPhotoCredits(p, stories)
	return stories, noise
}

// noteGrouping records, for --explain, why the grouping of lines into
// stories put these parts where it did (a later pass's word stands).
func (p *pageLines) noteGrouping(parts []labelledPart, why string) {
	if p.grouped == nil {
		p.grouped = map[int]string{}
	}
	for _, part := range parts {
		for _, i := range part.lines {
			p.grouped[i] = why
		}
	}
}

// joinBareDatelines gives a story whose text is only its dateline (新华社
// 北京10月8日电) the headline-less story after it: no story is a dateline
// alone, and the text that dateline opens was printed elsewhere (a column
// further on, where a story without a headline starts).
func joinBareDatelines(p *pageLines, stories []labelledStory) []labelledStory {
	out := stories[:0]
	for k := 0; k < len(stories); k++ {
		st := stories[k]
		if len(out) > 0 && len(st.head) == 0 && len(st.paras) > 0 && onlyADateline(p, out[len(out)-1].paras) {
			out[len(out)-1] = joinedStories(out[len(out)-1], st)
			continue
		}
		out = append(out, st)
	}
	return out
}

// maxBareDatelineRunes is the longest text read as a dateline alone (新华社
// 北京10月8日电 and the first characters of the text it opens).
const maxBareDatelineRunes = 24

// onlyADateline reports a story's text that is one short paragraph, a
// dateline and at most a few characters after it.
func onlyADateline(p *pageLines, paras []labelledPart) bool {
	if len(paras) != 1 || paras[0].role != RoleBody || len(paras[0].lines) > 2 {
		return false
	}
	s := p.lay.squashedPart(paras[0])
	end := max(strings.LastIndex(s, "电"), strings.LastIndex(s, "讯"))
	return end >= 0 && utf8x.Count(s) <= maxBareDatelineRunes && utf8x.Count(s[end:]) <= 4 && dateline.Opens(s)
}

// maxBoxParagraphs is the most paragraphs a box's text under its label
// runs to.
const maxBoxParagraphs = 3

// onlyABox reports paragraphs that are a box's label and at most a few
// paragraphs of text under it, and nothing more (a story's text under its
// box goes on with more paragraphs and its subheads).
func onlyABox(p *pageLines, paras []labelledPart) bool {
	if len(paras) == 0 || len(paras) > 1+maxBoxParagraphs || paras[0].role != RoleSubhead || !boxLabel(p, paras[0]) {
		return false
	}
	for _, part := range paras[1:] {
		if part.role != RoleBody {
			return false
		}
	}
	return true
}

// joinBoxesToTheirStories gives a story that is only a box under its
// label (核心阅读 over a feature's summary), with no headline, to the
// story after it: a box summarises the story it stands in and is never a
// story of its own, and the story's text follows it.
func joinBoxesToTheirStories(p *pageLines, stories []labelledStory) []labelledStory {
	out := stories[:0]
	for k := 0; k < len(stories); k++ {
		st := stories[k]
		if len(st.head) > 0 || !onlyABox(p, st.paras) || k+1 == len(stories) {
			out = append(out, st)
			continue
		}
		stories[k+1] = joinedStories(st, stories[k+1])
	}
	return out
}

// splitPhotoStories parts a photo story from the story it was read into
// on a text page. A photo story is a few lines under its picture (近日，
// … 图为…) closed by the photographer's credit (甲乙摄（影像中国）); an
// extractor that prints headlines after their text prints its title
// after the credit, so nothing opens it, and its lines run on from the
// end of the story above. Where a story's text ends in a photo credit,
// and the paragraphs over the credit (at most maxPhotoStoryRunes) open
// like a picture's caption, or under a heading read as a subhead (its
// title printed over it), after a finished sentence, and share almost
// none of their words with the text above them, they are a story of
// their own, and the headlines printed after the text go with them.
func splitPhotoStories(p *pageLines, stories []labelledStory) []labelledStory {
	if p.lay.geom != nil {
		return stories // (a PDF's photo stories stand under their pictures)
	}
	var out []labelledStory
	for _, st := range stories {
		at := p.photoStoryStart(st)
		if at < 0 {
			out = append(out, st)
			continue
		}
		last := st.paras[at-1].lines
		end := last[len(last)-1]
		var above, below labelledStory
		above.paras, below.paras = st.paras[:at], st.paras[at:]
		for _, h := range st.head {
			if h.lines[0] > end {
				below.head = append(below.head, h)
			} else {
				above.head = append(above.head, h)
			}
		}
		if below.paras[0].role == RoleSubhead {
			// the heading over the photo story is its title, printed over
			// it (its halves one title); but where the photo's title was
			// printed after its credit and the story above has none, the
			// extractor printed each headline after its text, and the
			// heading is the above's
			title := labelledPart{role: RoleTitle}
			for parts := 0; len(below.paras) > 1 && below.paras[0].role == RoleSubhead && parts < maxPhotoTitleParts; parts++ {
				title.lines = append(title.lines, below.paras[0].lines...)
				below.paras = below.paras[1:]
			}
			heading := []labelledPart{title}
			if len(below.head) > 0 && len(above.head) == 0 {
				p.noteGrouping(heading, "the heading over a photo story whose own title follows its credit: the title of the story above, printed after its text")
				above.head = heading
			} else {
				below.head = append(heading, below.head...)
			}
		}
		out = append(out, withExtent(above), withExtent(below))
	}
	return out
}

// maxPhotoStoryRunes is the longest text a photo story has over its credit;
// maxPhotoTitleParts the most headings read as its title.
const (
	maxPhotoStoryRunes = 400
	maxPhotoTitleParts = 2
)

// photoStoryStart is the paragraph where a photo story read into st
// begins (see splitPhotoStories), or -1.
func (p *pageLines) photoStoryStart(st labelledStory) int {
	n := len(st.paras)
	if n < 3 || st.paras[n-1].role != RoleCredit || !p.picturesCredit(st.paras[n-1]) {
		return -1
	}
	// the highest paragraph that qualifies: a caption may run over
	// several paragraphs, each opening with a date
	start, runes := -1, 0
	for k := n - 2; k >= 1; k-- {
		part := st.paras[k]
		if part.role == RoleCredit {
			break
		}
		text := p.lay.squashedPart(part)
		if runes += utf8x.Count(text); runes > maxPhotoStoryRunes {
			break
		}
		// the photo story opens with its caption, or with its title
		// printed over it and read as a subhead (a title in two halves,
		// 侗家乐 / 盖瓦房, as two)
		titled := part.role == RoleSubhead
		top := k // the story's first paragraph, if it starts here
		for titled && top > 1 && k-top < maxPhotoTitleParts-1 && st.paras[top-1].role == RoleSubhead {
			top--
		}
		if (titled || opensLikeACaption(text)) && endsSentenceText(p.lay.squashedPart(st.paras[top-1])) &&
			runSimilarity(p.itemText(pageItem{parts: st.paras[:top]}), p.itemText(pageItem{parts: st.paras[top : n-1]})) < joinThreshold {
			start = top
		}
		if titled {
			break // a heading: the photo story starts here or not at all
		}
	}
	return start
}

// picturesCredit reports a credit for a picture: a photographer's
// (甲乙摄（影像中国）, 甲乙摄影报道) or an artist's (甲乙图, over the
// writer's 丙丁文), on any of its lines.
func (p *pageLines) picturesCredit(part labelledPart) bool {
	for _, i := range part.lines {
		if hasCreditEnd(strings.Trim(withoutTag(squashSpaces(p.lay.content(i))), "（）")) {
			return true
		}
	}
	return false
}

// opensLikeACaption reports text that opens as a picture's caption does:
// with its date (1月12日，…, 近日，…) or with 图为.
func opensLikeACaption(s string) bool {
	for _, w := range []string{"近日", "日前", "图为", "近期", "连日来"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	i := strings.Index(s, "日")
	if i <= 0 || i > len("12月31") {
		return false
	}
	for _, r := range s[:i] {
		if !isAnyDigit(r) && r != '月' {
			return false
		}
	}
	return true
}

// maxPhotoTitleRunes is the longest line read as a photo's title printed
// after its credit (大漠驼影, 看谁推得快（动感2020）).
const maxPhotoTitleRunes = 16

// titlesAfterPhotoCredits gives a photo story without a headline (a
// caption over a picture's credit) the title line printed right after
// its credit, where that line was read as the first of the next story's
// headline: an extractor that keeps the content stream's order prints a
// photo's title after its credit, and a photo story has a title. Only
// that one line goes, and only where it stands apart from the rest of
// the headline (a blank line under it, or a wider line: a title wrapped
// over lines is widest on its first), so a wrapped title keeps its lines.
// Text pages only: a PDF's photo titles stand where they were set.
func titlesAfterPhotoCredits(p *pageLines, stories []labelledStory) {
	if p.lay.geom != nil {
		return
	}
	for k := 0; k+1 < len(stories); k++ {
		photo, next := &stories[k], &stories[k+1]
		if len(photo.head) > 0 || len(next.head) == 0 || next.head[0].role != RoleTitle || !p.captionOverCredit(*photo) {
			continue
		}
		first := next.head[0]
		t := first.lines[0]
		if p.pos[t] != p.pos[photo.last]+1 || p.lay.lines[t].runes > maxPhotoTitleRunes || !noSentenceIn(p.lay.squashedPart(labelledPart{lines: []int{t}})) {
			continue // not printed right after the credit, or no title's form
		}
		below := -1 // the headline's line under it
		if len(first.lines) > 1 {
			below = first.lines[1]
		} else if len(next.head) > 1 {
			below = next.head[1].lines[0]
		}
		if below == t+1 && p.lay.lines[below].width <= p.lay.lines[t].width {
			continue // a headline's first line, wrapped onto the next
		}
		title := []labelledPart{{role: RoleTitle, lines: []int{t}}}
		p.noteGrouping(title, "a short headline line right after a photo story's credit, that story having no headline: the photo's title, printed after it")
		photo.head = title
		if rest := first.lines[1:]; len(rest) > 0 {
			next.head = slices.Concat([]labelledPart{{role: first.role, lines: rest}}, next.head[1:])
		} else if next.head = next.head[1:]; len(next.head) > 0 {
			next.head = withATitle(next.head)
		}
		*photo, *next = withExtent(*photo), withExtent(*next)
	}
}

// captionOverCredit reports a story that is a photo's caption and its
// credit, no more: opening as a caption does, closed by a picture's
// credit, at most maxPhotoStoryRunes long.
func (p *pageLines) captionOverCredit(st labelledStory) bool {
	n := len(st.paras)
	if n < 2 || st.paras[n-1].role != RoleCredit || !p.picturesCredit(st.paras[n-1]) || p.leastRunes(st.paras) > maxPhotoStoryRunes {
		return false
	}
	return opensLikeACaption(p.lay.squashedPart(st.paras[0]))
}

// withExtent is st with its first and last lines worked out again.
func withExtent(st labelledStory) labelledStory {
	st.first, st.last = -1, 0
	for _, part := range slices.Concat(st.head, st.paras) {
		for _, i := range part.lines {
			if st.first < 0 || i < st.first {
				st.first = i
			}
			st.last = max(st.last, i)
		}
	}
	return st
}

// joinedStories is one story of two: a's headline and text, then b's.
func joinedStories(a, b labelledStory) labelledStory {
	return labelledStory{
		head:  slices.Concat(a.head, b.head),
		paras: slices.Concat(a.paras, b.paras),
		first: min(a.first, b.first),
		last:  max(a.last, b.last),
	}
}

// maxFragmentRunes is the most text a story may have and still be a
// fragment of another: the shortest story printed (a photo's caption)
// runs to twice as much.
const maxFragmentRunes = 40

// joinFragments gives a story of almost no text and no sentence in it (a
// line of a headline wrapped away from the rest, a folio's date, the
// start of a credit) to the story before it, or to the one after it at
// the page's head, on the same page: a story says something in at least
// a sentence or two, and a piece taken for one stands where the reading
// order broke another. Its headline goes in as subheads.
func joinFragments(p *pageLines, stories []labelledStory) (_ []labelledStory, furniture []int) {
	if len(stories) < 2 {
		return stories, nil
	}
	fragment := func(st labelledStory) bool {
		// (counted first, no text made: most stories are far longer)
		if p.leastRunes(st.paras) > maxFragmentRunes {
			return false
		}
		// (a dateline opens a story, one cut off at the page's foot too)
		s := p.itemText(pageItem{parts: st.paras})
		return utf8x.Count(s) <= maxFragmentRunes && !holdsSentenceEnd(s) && !dateline.Opens(s)
	}
	samePage := p.samePage
	asText := func(st labelledStory) []labelledPart { return slices.Concat(headingsAsSubheads(st.head), st.paras) }
	// a fragment that is the page's date or the paper's name, with no
	// headline, is the running head printed where its place fell in the
	// reading order: furniture, not text
	runningHeadOnly := func(st labelledStory) bool {
		if len(st.head) > 0 {
			return false
		}
		for _, part := range st.paras {
			for _, i := range part.lines {
				if !runningHead(squashSpaces(p.lay.content(i))) {
					return false
				}
			}
		}
		return true
	}
	out := stories[:0]
	for k := 0; k < len(stories); k++ {
		st := stories[k]
		switch {
		case !fragment(st):
			out = append(out, st)
		case runningHeadOnly(st):
			for _, part := range st.paras {
				furniture = append(furniture, part.lines...)
			}
			p.noteGrouping(st.paras, "the page's date or the paper's name on its own: a running head")
		case len(out) > 0 && samePage(out[len(out)-1], st):
			p.noteGrouping(slices.Concat(st.head, st.paras), "too short to be a story, with no sentence in it: goes on with the story before it")
			last := &out[len(out)-1]
			*last = labelledStory{head: last.head, paras: slices.Concat(last.paras, asText(st)), first: min(last.first, st.first), last: max(last.last, st.last)}
		case len(out) == 0 && k+1 < len(stories) && samePage(st, stories[k+1]):
			p.noteGrouping(slices.Concat(st.head, st.paras), "too short to be a story, with no sentence in it: goes on with the story after it")
			next := stories[k+1]
			stories[k+1] = labelledStory{head: next.head, paras: slices.Concat(asText(st), next.paras), first: min(st.first, next.first), last: max(st.last, next.last)}
		default:
			out = append(out, st)
		}
	}
	return out, furniture
}

// samePage reports two stories printed on one page of the input: no
// page break stands between the first line of either and the last.
// (A story's lines are content lines, never a page break itself.)
func (p *pageLines) samePage(a, b labelledStory) bool {
	return p.breaks[min(a.first, b.first)] == p.breaks[max(a.last, b.last)]
}

// joinResumedText gives a story with no headline whose text starts in
// the middle of a sentence to the nearest story before it whose text
// broke off in one: an extractor that lost the page's columns prints the
// rest of a column after other stories. A story's text starts with an
// indented first line, a dateline or a caption's date; a line that fills
// the column, under no headline, goes on with a sentence, and a full
// line that ends with no mark is the last line of no story.
func joinResumedText(p *pageLines, stories []labelledStory) []labelledStory {
	resumes := func(st labelledStory) bool {
		return len(st.head) == 0 && len(st.paras) > 0 && st.paras[0].role == RoleBody && p.goesOnWithASentence(st.paras[0].lines[0], 0)
	}
	out := stories[:0]
	for _, st := range stories {
		into := -1
		if resumes(st) {
			for k := len(out) - 1; k >= 0 && p.samePage(out[k], st); k-- {
				if p.brokenOff(out[k], 0) {
					into = k
					break
				}
			}
		}
		if into < 0 {
			out = append(out, st)
			continue
		}
		p.noteGrouping(st.paras, "text under no headline starting in mid-sentence: the rest of the story before it that broke off in one")
		out[into] = joinedStories(out[into], st)
	}
	return out
}

// joinResumedTails gives the end of a story's text that resumes an
// earlier story's broken-off sentence to that story: an extractor that
// lost the page's columns prints the rest of a column right after another
// story's closing paragraph, with no headline between to part them. The
// tail opens a printed block (blank lines or a folio over it) with a
// line that goes on with a sentence, at a paragraph's start or inside one
// (the model may have run it on); the line over it ends a sentence or
// credits the story, so the tail does not go on from there; and the
// earlier story's text breaks off where the lexicon reads a word across
// the break (…如果消防部 | 门要对…).
func joinResumedTails(p *pageLines, stories []labelledStory, noise func(i int) bool) []labelledStory {
	if p.lex == nil || p.lay.geom != nil {
		// a PDF's columns are read in their order from their places
		return stories
	}
	for k := range stories {
		st := &stories[k]
	search:
		for j, part := range st.paras {
			if part.role != RoleBody {
				continue
			}
			// a break between two paragraphs, or inside one, where a printed block starts
			for at := range part.lines {
				first := part.lines[at]
				var last int
				switch {
				case at > 0:
					last = part.lines[at-1]
				case j > 0:
					above := st.paras[j-1]
					last = above.lines[len(above.lines)-1]
				default:
					continue
				}
				if !p.opensPrintedBlock(last, first, noise) || !p.goesOnWithASentence(first, wideCharSlack) {
					continue
				}
				head := squashSpaces(p.lay.content(first))
				above := strings.TrimSpace(p.lay.content(last))
				closed := at == 0 && st.paras[j-1].role == RoleCredit || endsSentenceText(above)
				if !closed {
					// a break that goes on where it stands: moving the text
					// on another story's word was wrong on mutool pages
					continue
				}
				into := -1
				for m := k - 1; m >= max(0, k-maxResumeReach) && p.samePage(stories[m], *st); m-- {
					if p.brokenOff(stories[m], wideCharSlack) && p.wordAcrossBreak(p.lastLineText(stories[m]), head) {
						into = m
						break
					}
				}
				if into < 0 {
					continue
				}
				moved := slices.Concat([]labelledPart{{role: part.role, lines: part.lines[at:]}}, st.paras[j+1:])
				kept := slices.Clone(st.paras[:j])
				if at > 0 {
					kept = append(kept, labelledPart{role: part.role, lines: part.lines[:at:at]})
				}
				tail := withExtent(labelledStory{paras: moved})
				p.noteGrouping(tail.paras, "text starting in mid-sentence after a story's closing paragraph: the rest of an earlier story that broke off in a word across the break")
				stories[into] = withExtent(joinedStories(stories[into], tail))
				*st = withExtent(labelledStory{head: st.head, paras: kept})
				break search
			}
		}
	}
	return stories
}

// wordAcrossBreak is wordAcross for a line that broke off and the line
// that may go on with it, asked of many pairs: a word across the break
// has a letter or figure on both sides of it, which is found without
// cutting the text (a mark there, as after a comma, never makes one).
func (p *pageLines) wordAcrossBreak(tail, head string) bool {
	last, _ := utf8x.Last(tail)
	first, _ := utf8x.First(head)
	wordy := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return wordy(last) && wordy(first) && wordAcross(tail, head, p.lex)
}

// maxResumeReach is the most stories back joinResumedTails looks for the
// story a tail resumes: more than a printed page holds, and a bound on a
// long run of pages printed as one.
const maxResumeReach = 16

// brokenOff reports a story whose text ends in the middle of a sentence,
// on a line that fills its column (but for slack display columns: a
// line of ideographs alone falls a column short of a measure the
// extractor's spaces after its commas widen): the rest is printed
// elsewhere.
func (p *pageLines) brokenOff(st labelledStory, slack int) bool {
	if len(st.paras) == 0 {
		return false
	}
	last := st.paras[len(st.paras)-1]
	i := last.lines[len(last.lines)-1]
	tail := strings.TrimSpace(p.lay.content(i))
	return last.role == RoleBody && tail != "" && !endsSentenceText(tail) && p.fillsMeasureBut(i, slack)
}

// lastLineText is the squashed text of a story's last line.
func (p *pageLines) lastLineText(st labelledStory) string {
	last := st.paras[len(st.paras)-1]
	return squashSpaces(p.lay.content(last.lines[len(last.lines)-1]))
}

// goesOnWithASentence reports a line that opens no paragraph: it fills
// its column (but for slack display columns, as in brokenOff; an
// indented first line falls two wide characters short), with no indent,
// and is neither a dateline nor a caption's opening.
func (p *pageLines) goesOnWithASentence(i, slack int) bool {
	text := squashSpaces(p.lay.content(i))
	return !p.lay.lines[i].lead && p.fillsMeasureBut(i, slack) && !dateline.Opens(text) && !opensLikeACaption(text)
}

// wideCharSlack is the slack of one ideograph's width (two display
// columns) for brokenOff and goesOnWithASentence.
const wideCharSlack = 2

// opensPrintedBlock reports whether line i, printed after line above,
// has only blank lines and noise (a folio) between them.
func (p *pageLines) opensPrintedBlock(above, i int, noise func(i int) bool) bool {
	if i <= above+1 {
		return false
	}
	for m := above + 1; m < i; m++ {
		if l := &p.lay.lines[m]; !l.blank() && !l.pageBreak && !noise(m) {
			return false
		}
	}
	return true
}

// leastRunes counts the characters of parts' lines without their blanks,
// without making their text: at most as many as their squashed text has
// (squashSpaces leaves some blanks, a no-break space, where they are).
func (p *pageLines) leastRunes(parts []labelledPart) int {
	n := 0
	for _, part := range parts {
		for _, i := range part.lines {
			n += p.lay.lines[i].runes
		}
	}
	return n
}

// maxSubtitleRunes is the longest line read as a subtitle set under a
// dash (——写在推动长江经济带发展座谈会召开四周年之际②).
const maxSubtitleRunes = 40

// dashSubtitle reports a part that is one line opening with a dash, with
// no sentence in it: the form of a subtitle.
func (p *pageLines) dashSubtitle(part labelledPart) bool {
	if len(part.lines) != 1 || part.role != RoleBody && part.role != RoleSubhead {
		return false
	}
	s := squashSpaces(p.lay.content(part.lines[0]))
	return strings.HasPrefix(s, "——") && utf8x.Count(s) <= maxSubtitleRunes && !holdsSentenceEnd(s) && !isCredit(s)
}

// dashSubtitles gives a story with a headline and no subtitle the line
// under a dash that opens its text (its subtitle, which the extractor
// printed after the other headlines of the page, over the text) or, in
// the story's text, stands right under its headline (printed after the
// text, as the headline was).
func dashSubtitles(p *pageLines, stories []labelledStory) {
	for k := range stories {
		st := &stories[k]
		if len(st.head) == 0 || len(st.paras) < 2 || slices.ContainsFunc(st.head, func(h labelledPart) bool { return h.role == RoleSubtitle }) {
			continue
		}
		last := st.head[len(st.head)-1].lines
		for j, part := range st.paras {
			if !p.dashSubtitle(part) {
				continue
			}
			// the text's first paragraph, or the one printed right under
			// the headline (no more than a blank line between)
			if j == 0 || part.lines[0]-last[len(last)-1] <= 2 && part.lines[0] > last[len(last)-1] {
				p.noteGrouping([]labelledPart{part}, "a line under a dash with no sentence in it, by the story's headline: its subtitle")
				st.head = append(slices.Clone(st.head), labelledPart{role: RoleSubtitle, lines: part.lines})
				st.paras = slices.Delete(slices.Clone(st.paras), j, j+1)
				break
			}
		}
	}
}

// joinLoneCredits gives a story that is only a credit, with no headline
// (本报记者 甲乙 摄 under a picture's caption), to the story before it: a
// credit closes the story it credits and is never a story of its own.
func joinLoneCredits(stories []labelledStory) []labelledStory {
	out := stories[:0]
	for _, st := range stories {
		lone := len(out) > 0 && len(st.head) == 0 && len(st.paras) > 0
		for _, part := range st.paras {
			lone = lone && part.role == RoleCredit
		}
		if !lone {
			out = append(out, st)
			continue
		}
		out[len(out)-1] = joinedStories(out[len(out)-1], st)
	}
	return out
}

// liftHeadlinesOutOfSentences takes out of the text a headline group that
// the printout put in the middle of a sentence. An extractor that lost
// the page's columns prints another story's headline (a vertical one, or
// one set beside the column) between two lines of one paragraph: the
// line above breaks off mid-sentence and the line below goes on without
// opening a paragraph (or fills the column, as no indented first line
// does, under a full line). The two runs of text are one, and the headline
// groups follow it, where the owners are chosen (owners.go) as for any
// headline between two stories. opens reports whether a content line
// opens a paragraph.
func liftHeadlinesOutOfSentences(p *pageLines, items []pageItem, opens func(i int) bool) []pageItem {
	out := items[:0:0]
	for j := 0; j < len(items); j++ {
		it := items[j]
		if !it.head || len(out) == 0 || out[len(out)-1].head {
			out = append(out, it)
			continue
		}
		e := j
		for e < len(items) && items[e].head {
			e++
		}
		above := &out[len(out)-1]
		if e == len(items) || !p.runsOnAcross(*above, items[e], opens) {
			out = append(out, it)
			continue
		}
		below := items[e].parts
		for _, h := range items[j:e] {
			p.noteGrouping(h.parts, "headline inside a sentence: taken out of the text, which runs on across it")
		}
		last := &above.parts[len(above.parts)-1]
		last.lines = append(last.lines, below[0].lines...)
		above.parts = append(above.parts, below[1:]...)
		out = append(out, items[j:e]...)
		j = e
	}
	return out
}

// runsOnAcross reports whether the text item below goes on with the
// sentence the text item above broke off.
func (p *pageLines) runsOnAcross(above, below pageItem, opens func(i int) bool) bool {
	a := above.parts[len(above.parts)-1]
	b := below.parts[0]
	if a.role != RoleBody || b.role != RoleBody {
		return false
	}
	first, last := b.lines[0], a.lines[len(a.lines)-1]
	if p.lay.lines[first].lead {
		return false
	}
	tail := strings.TrimSpace(p.lay.content(last))
	if tail == "" || endsSentenceText(tail) {
		return false
	}
	if !opens(first) {
		return true
	}
	// the model opens a paragraph (or a story) under any headline; a line
	// as wide as the column opens none, since a paragraph's first line is
	// indented, and a line that fills the column and breaks off is no
	// story's last
	return p.fillsMeasure(first) && p.fillsMeasure(last) && !dateline.Opens(p.lay.content(first))
}

// fillsMeasure reports whether line i is as wide as its column's lines.
func (p *pageLines) fillsMeasure(i int) bool { return p.fillsMeasureBut(i, 0) }

// fillsMeasureBut reports whether line i falls no more than slack display
// columns short of its column's lines.
func (p *pageLines) fillsMeasureBut(i, slack int) bool {
	return p.lay.lines[i].width+slack >= p.measure[p.pos[i]]
}

// startsHeadline tells whether headline line i of role, opening a part,
// opens a headline of its own after the group's parts so far. A kicker
// stands over its title and a title over its subtitle, so a kicker after a
// title, or a title after a subtitle, is another story's headline; so is a
// title set apart by white from the title before it (a wrapped title runs
// on without a blank line). An extractor that prints headlines after their
// text puts one story's headline right before the next one's, and the two
// groups then go to the stories above and below (owners.go).
func startsHeadline(parts []labelledPart, role string, i int) bool {
	for _, part := range parts {
		switch {
		case role == RoleKicker && (part.role == RoleTitle || part.role == RoleSubtitle):
			return true
		case role == RoleTitle && part.role == RoleSubtitle:
			return true
		}
	}
	last := parts[len(parts)-1]
	return role == RoleTitle && last.role == RoleTitle && i > last.lines[len(last.lines)-1]+1
}

// afterColumnTag reports a title line right under a title that closes
// with its column tag (…守正创新（新论）): a title ends with its tag, so
// the line under it is another headline, not more of this one.
func afterColumnTag(p *pageLines, parts []labelledPart, i int) bool {
	last := parts[len(parts)-1]
	if last.role != RoleTitle || !sameRun(p, parts, i) {
		return false
	}
	tail := squashSpaces(p.lay.content(last.lines[len(last.lines)-1]))
	below := squashSpaces(p.lay.content(i))
	return endsWithColumnTag(tail) && !strings.HasPrefix(below, "——")
}

// endsWithColumnTag reports a headline line that closes with a short tag
// in brackets: （新论）, （人民时评）.
func endsWithColumnTag(s string) bool {
	i := trailingTag(s)
	return i > 0 && utf8x.Count(s[i:]) <= maxColumnTagRunes
}

// trailingTag is where the bracketed text that closes a headline line
// starts (…发展（人民时评）), or -1.
func trailingTag(s string) int {
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return -1
	}
	return strings.LastIndexAny(s, "（(")
}

// maxColumnTagRunes is the longest column tag with its brackets.
const maxColumnTagRunes = 14

// pageItem is a run of a story's text or a headline group, in page order.
type pageItem struct {
	head  bool
	parts []labelledPart
}

// sameRun reports whether line i can continue the last part: it comes
// right after the part's last line in reading order (a headline after a
// story's body is a part of its own even when the same role went before).
func sameRun(p *pageLines, parts []labelledPart, i int) bool {
	last := parts[len(parts)-1].lines
	return p.pos[i] == p.pos[last[len(last)-1]]+1
}

// paraKind maps a role to the kind of paragraph it makes.
func paraKind(role string) string {
	switch role {
	case RoleSubhead:
		return article.ParaSubhead
	case RoleCaption:
		return article.ParaCaption
	case RoleCredit:
		return article.ParaCredit
	}
	return article.ParaBody
}

// buildLabelled cleans a labelled story into an article.Story. lex reads
// the words of its headlines (nil: no lexicon).
func (lay *layout) buildLabelled(ls labelledStory, page *article.Page, lex *lexicon.Lexicon) article.Story {
	ls.paras = lay.joinBrokenCredits(ls.paras)
	st := lay.startStory(page)
	for pi, part := range ls.paras {
		kind := paraKind(part.role)
		spans := lay.lineSpans(part.lines)
		creditNext := pi+1 < len(ls.paras) && ls.paras[pi+1].role == RoleCredit
		lay.addParagraph(&st, spans, kind, len(spans) == 1 && kind == article.ParaBody, creditNext)
	}
	st.Source.Start, st.Source.End = lay.lines[ls.first].cs, lay.lines[ls.last].ce
	if len(ls.paras) > 0 {
		lastPara := ls.paras[len(ls.paras)-1]
		li := lastPara.lines[len(lastPara.lines)-1]
		if lastPara.role == RoleBody && (!lay.endsStory(li) || endMark(lay.content(li)) == "continued") {
			lay.flagTruncated(&st, li)
		}
	}
	lay.finishStory(&st)
	lay.headlineFromParts(&st, ls, lex)
	return st
}

// joinBrokenCredits puts back together a credit in brackets broken over
// lines that were read as parts of their own (（本报甲地、乙地 / 电 记者甲乙、
// 丙 / 丁）): a credit that opens a bracket takes the next two parts at
// most, up to the one that closes it.
func (lay *layout) joinBrokenCredits(paras []labelledPart) []labelledPart {
	out := paras[:0:0]
	for k := 0; k < len(paras); k++ {
		part := paras[k]
		if text := lay.partText(part); part.role == RoleCredit && unclosed(text) {
			for j := k + 1; j < len(paras) && j <= k+2; j++ {
				text += lay.partText(paras[j])
				if !unclosed(text) {
					joined := labelledPart{role: RoleCredit, lines: slices.Clone(part.lines)}
					for _, q := range paras[k+1 : j+1] {
						joined.lines = append(joined.lines, q.lines...)
					}
					part, k = joined, j
					break
				}
			}
		}
		out = append(out, part)
	}
	return out
}

// partText is the text of a part's lines, run together: a one-line
// part's is its line's own (most parts are one line; a copy was made of
// each).
func (lay *layout) partText(part labelledPart) string {
	if len(part.lines) == 1 {
		return lay.content(part.lines[0])
	}
	n := 0
	for _, i := range part.lines {
		n += len(lay.content(i))
	}
	var b strings.Builder
	b.Grow(n)
	for _, i := range part.lines {
		b.WriteString(lay.content(i))
	}
	return b.String()
}

// squashedPart is squashSpaces(lay.partText(part)), with one string made
// at most: the lines are squashed into one buffer where any of them
// squashes (squashSpaces of the text run together takes the blanks out
// of every line then).
func (lay *layout) squashedPart(part labelledPart) string {
	if len(part.lines) == 1 {
		return squashSpaces(lay.content(part.lines[0]))
	}
	n, spaced := 0, false
	for _, i := range part.lines {
		n += len(lay.content(i))
		spaced = spaced || squashes(lay.content(i))
	}
	if !spaced {
		return lay.partText(part)
	}
	b := make([]byte, 0, n)
	for _, i := range part.lines {
		b = appendSquashed(b, lay.content(i))
	}
	return builtString(b)
}

// headlineFromParts fills the story's kicker, title and subtitle from its
// headline parts and records each line taken out of the text.
func (lay *layout) headlineFromParts(st *article.Story, ls labelledStory, lex *lexicon.Lexicon) {
	bodyStart := -1
	if len(ls.paras) > 0 {
		bodyStart = ls.paras[0].lines[0]
	}
	var extra []article.Paragraph
	ls.head = lay.joinWrappedHeadlines(ls.head, lex)
	lay.kickerOverTitle(ls.head)
	for _, part := range ls.head {
		res := normalizeHeadline(lay.text, lay.lineSpans(part.lines), lay.phraseBreaks(part.lines, lex))
		for i := range res.edits {
			res.edits[i].Paragraph, res.edits[i].Offset = -1, 0
		}
		st.Edits = append(st.Edits, res.edits...)
		text := res.text
		field := &st.Title
		switch part.role {
		case RoleKicker:
			field = &st.Kicker
		case RoleSubtitle:
			field = &st.Subtitle
		}
		role := part.role
		if *field != "" {
			// a second part of one role: a second title line group goes on
			// as the subtitle, further ones are kept in the text as subheads
			if part.role == RoleTitle && st.Subtitle == "" {
				field, role = &st.Subtitle, RoleSubtitle
			} else {
				first, last := part.lines[0], part.lines[len(part.lines)-1]
				extra = append(extra, article.Paragraph{Kind: article.ParaSubhead, Text: text,
					Start: lay.lines[first].cs, End: lay.lines[last].ce})
				continue
			}
		}
		*field = text
		where := "before"
		if bodyStart >= 0 && bodyStart < part.lines[0] {
			where = "after"
		}
		for _, i := range part.lines {
			l := &lay.lines[i]
			st.Edits = append(st.Edits, article.Edit{Rule: RuleHeadlineLine, Start: l.cs, End: l.ce,
				Before: lay.text[l.cs:l.ce], After: text, Paragraph: -1,
				Reason: "line taken as the story's " + role + ", printed " + where + " its body"})
		}
	}
	if len(extra) > 0 {
		st.Paragraphs = append(extra, st.Paragraphs...)
		shiftParagraphs(st, len(extra))
	}
	if strings.TrimSpace(st.Title) == "" && st.Kicker != "" && st.Subtitle == "" {
		// a lone kicker is the title the model was unsure of
		st.Title, st.Kicker = st.Kicker, ""
	}
}

// joinWrappedHeadlines makes one title of two headline parts where the
// break between them falls inside the headline's wording: a quote or
// bracket left open (“为世界贡献更多创 / 新力量”…), a number broken from
// its unit (…出席2019 / 年北京…), or a word the break cuts in two. A
// kicker and its title are two phrases, each whole; a title too long for
// its measure wraps wherever the line ends, and the line model, which
// sees one line at a time, reads the wrapped line as a part of its own.
func (lay *layout) joinWrappedHeadlines(head []labelledPart, lex *lexicon.Lexicon) []labelledPart {
	out := head[:0:0]
	for _, part := range head {
		n := len(out)
		if n > 0 && lay.wrapsOnto(out[n-1], part, lex) {
			joined := labelledPart{role: RoleTitle, lines: append(slices.Clone(out[n-1].lines), part.lines...)}
			out[n-1] = joined
			continue
		}
		out = append(out, part)
	}
	return out
}

// wrapsOnto reports whether headline part b carries on the wording of
// part a, the part printed right before it (see joinWrappedHeadlines).
func (lay *layout) wrapsOnto(a, b labelledPart, lex *lexicon.Lexicon) bool {
	if !isHeadlineRole(a.role) || !isHeadlineRole(b.role) || a.role == RoleSubtitle {
		return false
	}
	above := lay.squashedPart(a)
	lastLine := squashSpaces(lay.content(a.lines[len(a.lines)-1]))
	below := squashSpaces(lay.content(b.lines[0]))
	if !breaksInWording(above, lastLine, below, lex) {
		return false
	}
	// what the part above left open, the part below closes
	return !unclosed(above) || !unclosed(above+lay.squashedPart(b))
}

// breaksInWording reports a headline's line break that falls inside its
// wording, between the text above it (whose last line is lastLine) and
// the line below: a quote or bracket left open, a number broken from its
// unit, or a word the break cuts in two. A wrapped line is as full as the
// headline's measure allows, so it is no shorter than the line it wraps
// onto; the lexicon's word across the break is asked only then, since it
// reads a word into many pairs of characters.
func breaksInWording(above, lastLine, below string, lex *lexicon.Lexicon) bool {
	if above == "" || below == "" || strings.HasSuffix(above, "——") || strings.HasPrefix(below, "——") {
		return false
	}
	if unclosed(above) {
		return true
	}
	last, _ := utf8x.Last(above)
	first, _ := utf8x.First(below)
	if isAnyDigit(last) && (isHan(first) || isAnyDigit(first)) {
		return true
	}
	return lex != nil && isHan(last) && isHan(first) &&
		utf8x.Count(lastLine) >= utf8x.Count(withoutTag(below)) && wordAcross(above, below, lex)
}

// withoutTag is a headline line without the column tag in brackets that
// may close it (…发展（人民时评）): the tag stands beside the measure's
// text, not in it.
func withoutTag(s string) string {
	if i := trailingTag(s); i > 0 {
		return s[:i]
	}
	return s
}

// wordAcross reports whether the lexicon reads a word across the end of
// above and the start of below, run together.
func wordAcross(above, below string, lex *lexicon.Lexicon) bool {
	tail := lastRunes(above, 4)
	return lex.WordAcross(tail+firstRunes(below, 4), len(tail))
}

// kickerOverTitle gives the kicker's role back to the first of two
// headline groups taken as titles. Over two groups of headline lines, a
// page prints a kicker over the title far more often than a title over a
// subtitle (in the corpus 3 to 1), and a subtitle shows itself: it opens
// with a dash (——写在…之际), or the title above it closes with its column
// tag in brackets (…（经济发展亮点多韧性足）). Without type sizes the
// line model often cannot tell a kicker from a title; the pair can.
func (lay *layout) kickerOverTitle(head []labelledPart) {
	var titles []int
	for i, part := range head {
		switch part.role {
		case RoleKicker, RoleSubtitle:
			return
		case RoleTitle:
			titles = append(titles, i)
		}
	}
	if len(titles) != 2 || titles[1] != titles[0]+1 {
		return
	}
	first, second := head[titles[0]], head[titles[1]]
	top := strings.TrimSpace(lay.content(first.lines[len(first.lines)-1]))
	below := strings.TrimSpace(lay.content(second.lines[0]))
	if strings.HasPrefix(below, "——") || strings.HasSuffix(top, "）") || strings.HasSuffix(top, ")") {
		return
	}
	head[titles[0]].role = RoleKicker
}

// shiftParagraphs moves the story's edit and flag references by n
// paragraphs, after n paragraphs were put at its top.
func shiftParagraphs(st *article.Story, n int) {
	for i := range st.Edits {
		if st.Edits[i].Paragraph >= 0 {
			st.Edits[i].Paragraph += n
		}
	}
	for i := range st.Flags {
		if st.Flags[i].Paragraph >= 0 {
			st.Flags[i].Paragraph += n
		}
	}
}
