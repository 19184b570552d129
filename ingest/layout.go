package ingest

import (
	"slices"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/dateline"
)

// Layout: cutting the page's lines into stories and headline groups.
//
// Signals, strongest first: form feeds (page breaks); datelines (本报讯 …)
// and marked author lines (□ 本报记者 …) that open a story; a line
// indented by a space where such lines are rare (this kind of extractor
// marks the start of a text block that way); a photo credit line that
// closes a story; groups of short lines without final punctuation between
// a story's end and the next story's start (headlines, which an extractor
// may print before or after the body they belong to; see headline.go for
// which story gets them). Running heads and folios at a page's top and
// bottom are left out. On Latin-script pages, runs of capitalised lines
// are headlines that open a story, with the title-case deck under them.

// unit is a run of content lines: a headline group or a piece of body.
type unit struct {
	first, last int // line indices, inclusive
}

// draft is a story before cleaning: its body units.
type draft struct {
	body []unit
}

// layout holds the page's lines and the decisions about them.
type layout struct {
	text  string
	lines []line
	latin bool   // a page in Latin script
	start []bool // line opens a story
	// titled marks a Latin-script headline set in title case on a line of
	// its own (City Council Approves New Budget), see titleHeadline
	titled   map[int]bool
	furn     map[int]string
	leadRare bool
	scratch  []article.Edit // reused while a story's edits are gathered
	// geom is each line's place on the page when the page was read from
	// a PDF (nil entries for blank lines), nil for text pages.
	geom  []*LineGeometry
	edits int // edits recorded so far on the page
	// known holds, by line index, the credit rules' answers on each line
	// (see credits); a layout of the same lines may share it
	known []credits
}

func newLayout(text string, lines []line) *layout {
	lay := &layout{text: text, lines: lines, start: make([]bool, len(lines)), furn: map[int]string{}, known: make([]credits, len(lines))}
	var han, runes, leads, oneSpace, content, flushStarts int
	prevEnds := true // the line before ended a paragraph (or there is none)
	for i := range lines {
		l := &lines[i]
		han += l.han
		runes += l.runes
		if l.blank() || l.pageBreak {
			prevEnds = true
			continue
		}
		content++
		if l.lead {
			leads++
			if text[l.start:l.cs] == " " {
				oneSpace++
			}
		} else if prevEnds {
			flushStarts++
		}
		prevEnds = l.endsSentence()
	}
	lay.latin = runes > 0 && han*5 < runes
	// Indented lines mark text blocks only where they are rare, where
	// most paragraphs start flush, or where every indent is the single
	// space a PDF text layer puts before a text block (typed text indents
	// with two ideographic spaces or several spaces) and no more than a
	// third of the lines have one: a page of many short stories. Where
	// most paragraphs are indented, indentation says nothing about
	// stories.
	lay.leadRare = leads*12 <= content || leads*2 <= flushStarts || oneSpace == leads && leads*3 <= content
	return lay
}

func (lay *layout) content(i int) string {
	l := &lay.lines[i]
	return lay.text[l.cs:l.ce]
}

// markFurniture finds folios and running heads among the first and last
// lines of each page.
func (lay *layout) markFurniture() {
	const reach = 2
	pageStart := 0
	check := func(from, to int) {
		if lay.latin {
			lay.markMasthead(from, to)
			return
		}
		// the first and last few content lines of the page, and how many
		// content lines it has (a page of a few lines has no furniture)
		var head, tail []int
		count := 0
		for i := from; i < to; i++ {
			if !lay.lines[i].blank() && !lay.lines[i].pageBreak {
				count++
				if len(head) < reach {
					head = append(head, i)
				}
			}
		}
		for i := to - 1; i >= from && len(tail) < reach; i-- {
			if !lay.lines[i].blank() && !lay.lines[i].pageBreak {
				tail = append(tail, i)
			}
		}
		if count < 6 {
			return
		}
		for _, i := range append(head, tail...) {
			if reason, ok := furniture(lay.content(i)); ok {
				lay.furn[i] = reason
			}
		}
	}
	for i := range lay.lines {
		if lay.lines[i].pageBreak {
			check(pageStart, i)
			pageStart = i + 1
		}
	}
	check(pageStart, len(lay.lines))
}

// markMasthead finds the masthead lines near the top of a Latin-script
// page (from..to: the page's lines): they are page furniture, not stories.
func (lay *layout) markMasthead(from, to int) {
	type dateLine struct{ i, seen int } // a date line, and the how-manyth line it is
	var dates []dateLine
	seen := 0
	var top []int // the page's first content lines
	for i := from; i < to && seen < mastheadReach; i++ {
		if lay.lines[i].blank() || lay.lines[i].pageBreak {
			continue
		}
		seen++
		if len(top) < 3 {
			top = append(top, i)
		}
		if reason, ok := mastheadLine(lay.content(i)); ok {
			lay.furn[i] = reason
			if reason == mastheadDateLine {
				dates = append(dates, dateLine{i, seen})
			}
		}
	}
	// the paper's name: a line in capitals over the date line at the top
	if len(top) >= 2 && lay.isCaps(top[0]) && len(lay.content(top[0])) <= 40 &&
		slices.ContainsFunc(dates, func(d dateLine) bool { return slices.Contains(top[1:], d.i) }) {
		lay.furn[top[0]] = mastheadPaperName
		if dates[0].i == top[0] {
			dates = dates[1:]
		}
	}
	if len(dates) == 0 {
		return
	}
	// or a line over the date line that reads as a paper's name
	date := dates[0]
	for j := from; j < date.i; j++ {
		if _, marked := lay.furn[j]; !marked && paperName(strings.TrimSpace(lay.content(j))) {
			lay.furn[j] = mastheadPaperName
		}
	}
	if date.seen <= maxEarLines {
		lay.markEars(from, date.i)
	}
}

// maxEarLines is how far down the page the date line of a masthead with
// ears over it may stand: the ears, the weather box and the teasers of an
// old front page take a dozen lines or so.
const maxEarLines = 16

// markEars marks the lines over the masthead's date line (from..date) as
// its ears: the edition, the weather, the teasers and boxes set beside
// the paper's name. A story starts under the masthead, so a line of
// text over it is furniture; a long line of a story's text is no ear, and
// then none of them is taken.
func (lay *layout) markEars(from, date int) {
	for i := from; i < date; i++ {
		if lay.usable(i) && len(lay.content(i)) > maxEarBytes {
			return
		}
	}
	for i := from; i < date; i++ {
		if lay.usable(i) {
			lay.furn[i] = "masthead: an ear or teaser beside the paper's name"
		}
	}
}

// maxEarBytes is the longest line an ear holds.
const maxEarBytes = 72

// usable reports a line that carries story text.
func (lay *layout) usable(i int) bool {
	l := &lay.lines[i]
	if l.blank() || l.pageBreak {
		return false
	}
	_, f := lay.furn[i]
	return !f
}

// markStarts sets the lines that open a story.
func (lay *layout) markStarts() {
	pageTop := true
	for i := range lay.lines {
		l := &lay.lines[i]
		if l.pageBreak {
			pageTop = true
			continue
		}
		if !lay.usable(i) {
			continue
		}
		s := lay.content(i)
		switch {
		case pageTop:
			lay.start[i] = true
		case dateline.Opens(s), isAuthorLine(s):
			lay.start[i] = true
		case l.lead && lay.leadRare && !lay.latin:
			lay.start[i] = true
		}
		if lay.latin && lay.titleHeadline(i) {
			lay.markTitled(i, i)
		}
		if lay.latin && dateline.EnglishLike(s) {
			if first := lay.titleOverDateline(i); first >= 0 {
				lay.markTitled(first, i-1)
			}
		}
		pageTop = false
	}
	// A line after a photo credit opens a new story.
	for i := range lay.lines {
		if !lay.usable(i) || !mayEndCredit(lay.lines[i].last) || !lay.credits(i).credit && !lay.credits(i).endCredit {
			continue
		}
		if j := lay.nextUsable(i + 1); j >= 0 {
			// the picture's caption may follow its credit
			if k, _ := captionStart(lay.content(j)); k != 0 {
				lay.start[j] = true
			}
		}
	}
}

func (lay *layout) nextUsable(i int) int {
	for ; i < len(lay.lines); i++ {
		if lay.lines[i].pageBreak {
			return -1
		}
		if lay.usable(i) {
			return i
		}
	}
	return -1
}

// blocks cuts the usable lines into runs separated by blank lines, page
// breaks, furniture and story starts.
func (lay *layout) blocks() []unit {
	var out []unit
	open := false
	for i := range lay.lines {
		if !lay.usable(i) {
			open = false
			continue
		}
		if !open || lay.start[i] || lay.latin && (lay.capsBoundary(i) || lay.titled[i-1]) {
			out = append(out, unit{first: i, last: i})
			open = true
			continue
		}
		out[len(out)-1].last = i
	}
	return out
}

// markTitled marks lines from..to as a title-case headline that opens a
// story.
func (lay *layout) markTitled(from, to int) {
	if lay.titled == nil {
		lay.titled = map[int]bool{}
	}
	lay.start[from] = true
	for i := from; i <= to; i++ {
		lay.titled[i] = true
	}
}

// maxTitleOverDateline is the most lines of a title-case headline set
// right over the dateline of its story, inside a column of text.
const maxTitleOverDateline = 2

// titleOverDateline finds a title-case headline an old page sets in the
// run of a column, with no white around it: a line or two of a few
// capitalised words right over a dateline, under a line that ends a
// sentence (…by Judge Foley. / Increase in Earnings of / Great Northern
// Railway / ST. PAUL, Jan. 5.—Gross …). It returns the headline's first
// line, or -1. The dateline makes it safe: text runs on into a dateline
// only where a story starts.
func (lay *layout) titleOverDateline(d int) int {
	for i := d - 1; i >= 0 && d-i <= maxTitleOverDateline; i-- {
		if !lay.usable(i) || lay.isCaps(i) || lay.titled[i] {
			return -1
		}
		s := lay.content(i)
		words := len(strings.Fields(s))
		if words < 2 || words > 6 || lay.lines[i].letters < 6 || !titleCase(s) || strings.HasPrefix(s, "By ") {
			return -1
		}
		if i == 0 || !lay.usable(i-1) || lay.lines[i-1].endsSentence() {
			return i
		}
	}
	return -1
}

// titleHeadline reports a Latin-script headline set in title case on a
// line of its own, as modern papers set them: white above it, a few
// capitalised words without a closing full stop or comma, text under it.
// (Older pages set headlines in capitals: isCaps.)
func (lay *layout) titleHeadline(i int) bool {
	l := &lay.lines[i]
	s := lay.content(i)
	words := len(strings.Fields(s))
	if words < 2 || words > 14 || l.letters < 8 || lay.isCaps(i) || !titleCase(s) ||
		strings.ContainsRune(".,;:", l.last) || strings.HasPrefix(s, "By ") || i == 0 || lay.usable(i-1) {
		return false
	}
	return lay.nextUsable(i+1) == i+1
}

// isCaps reports a Latin-script line set in capitals: a headline.
func (lay *layout) isCaps(i int) bool {
	l := &lay.lines[i]
	if l.letters < 4 || l.upper*10 < l.letters*8 || l.runes > 60 {
		return false
	}
	// "By JOHN SMITH." is a byline, not a headline
	return !strings.HasPrefix(lay.content(i), "By ")
}

func (lay *layout) capsBoundary(i int) bool {
	return i > 0 && lay.usable(i-1) && lay.isCaps(i) != lay.isCaps(i-1)
}

// deckLines counts the title-case lines that open block b and end with a
// full stop: the deck of a headline above them. 0 when there is none.
func (lay *layout) deckLines(b unit) int {
	if n := lay.deckOverDateline(b); n > 0 {
		return n
	}
	for i := b.first; i <= b.last && i < b.first+4; i++ {
		s := lay.content(i)
		if !titleCase(s) || dateline.EnglishLike(s) {
			return 0 // a dateline opens the text, under the deck if any
		}
		if lay.lines[i].last == '.' {
			return i - b.first + 1
		}
	}
	return 0
}

// maxDeckLines is the most lines a deck in lower case between two capital
// decks has (Elbert H. Gary Says We / Are Proceeding … / Too Rapid).
const maxDeckLines = 6

// deckBetweenDecks reports block j as a deck of the headline above it
// that another capital deck follows: an old page stacks a story's decks,
// capitals and lower case in turn, over its text (STEEL MAN OFFERS /
// Elbert H. Gary Says … / SEES END WAR SOON / …). A few lines opening in
// title case and going on unbroken by a sentence's end, with a capital
// deck right under them: a story's text runs on for longer, and ends its
// sentences before a headline.
func (lay *layout) deckBetweenDecks(blocks []unit, j int) bool {
	b := blocks[j]
	if b.first < 0 || b.last-b.first >= maxDeckLines || j+1 >= len(blocks) {
		return false
	}
	next := blocks[j+1]
	if next.first < 0 || !lay.adjacent(b.last, next.first) || !lay.headlineCandidate(next) {
		return false
	}
	first := lay.content(b.first)
	if !titleCase(first) || strings.HasPrefix(first, "By ") {
		return false
	}
	// a deck's words are capitalised, a line broken off a word aside; a
	// paragraph's first line may be too (Robert Mock and James Carson
	// were …), its next lines are not
	titled := 0
	for i := b.first; i <= b.last; i++ {
		if i < b.last && lay.lines[i].endsSentence() {
			return false
		}
		if titleCase(lay.content(i)) {
			titled++
		}
	}
	return titled*3 >= (b.last-b.first+1)*2 && titled >= b.last-b.first
}

// maxDatelineDeck is the most lines of a deck over the dateline that
// opens its story's text (International Tribunal Can Be … / … This
// Country to Face. / NEW YORK, Jan. 5.—Elbert H. …).
const maxDatelineDeck = 12

// deckOverDateline counts the lines that open block b over a line opening
// with an English dateline, the first of them in title case and the last
// ending with a full stop: a deck, since a story's text starts at its
// dateline. 0 when there is none.
func (lay *layout) deckOverDateline(b unit) int {
	if !titleCase(lay.content(b.first)) {
		return 0
	}
	for i := b.first + 1; i <= b.last && i <= b.first+maxDatelineDeck; i++ {
		if d, _ := dateline.English(lay.content(i)); d != "" {
			if lay.lines[i-1].last != '.' {
				return 0
			}
			return i - b.first
		}
	}
	return 0
}

// titleCase reports an English line whose words are capitalised, small
// words aside.
func titleCase(s string) bool {
	words, caps := 0, 0
	for _, w := range strings.Fields(s) {
		switch strings.ToLower(strings.Trim(w, ".,;:")) {
		case "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as":
			continue
		}
		c := w[0]
		if c >= 'a' && c <= 'z' {
			words++
		} else if c >= 'A' && c <= 'Z' {
			words++
			caps++
		}
	}
	return words >= 1 && caps*10 >= words*7
}

// headlineCandidate: at most four short lines without final punctuation.
func (lay *layout) headlineCandidate(b unit) bool {
	if lay.latin {
		if b.first == b.last && lay.titled[b.first] {
			return true
		}
		for i := b.first; i <= b.last; i++ {
			if !lay.isCaps(i) {
				return false
			}
		}
		return b.last-b.first < 6
	}
	if b.last-b.first > 3 {
		return false
	}
	total := 0
	for i := b.first; i <= b.last; i++ {
		l := &lay.lines[i]
		s := lay.content(i)
		if l.runes > 32 || l.endsSentence() || isPauseMark(l.last) || strings.Contains(s, "。") ||
			dateline.Opens(s) || lay.credits(i).credit || lay.credits(i).byParen || isAuthorLine(s) || closesEarlierLine(s) || bracketed(s) {
			return false
		}
		// mostly Chinese; figures and Latin words (5G, PM2.5) may share
		// the line
		if l.han*3 < l.runes || l.han < 2 {
			return false
		}
		total += l.runes
	}
	return total >= 2 && total <= 64
}

func isPauseMark(r rune) bool {
	switch r {
	case '，', '、', '：', '；', ',', ':', '—', '（', '“', '《':
		return true
	}
	return false
}

// endsStory reports a line that can close a story: a sentence end, a
// credit, a parenthesised author credit.
func (lay *layout) endsStory(i int) bool {
	l := &lay.lines[i]
	if l.endsSentence() || l.last == '"' {
		return true
	}
	s := lay.content(i)
	cr := lay.credits(i)
	if closesEarlierLine(s) && i > 0 && lay.usable(i-1) {
		// an author credit broken over two lines: ……。（张三\n李四）
		s = lay.content(i-1) + s
		cr = creditsOf(s)
	}
	return cr.storyEnd() || endMark(s) != "" || bracketed(s) && i > 0 && lay.lines[i-1].endsSentence()
}

// bracketed reports a line set wholly in brackets: a note such as
// （作者单位：…） or （上接第一版）, never a headline.
func bracketed(s string) bool {
	return (strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")) && (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")"))
}

// closesEarlierLine reports a line holding a closing bracket before any
// opening one: it ends a bracket opened on the line above (李四）), so it
// is the tail of a sentence or credit, never a headline.
func closesEarlierLine(s string) bool {
	c := indexEither(s, "）", ")")
	if c < 0 {
		return false
	}
	o := indexEither(s, "（", "(")
	return o < 0 || o > c
}

// indexEither is the first place of a or b in s, or -1: strings.IndexAny
// with these sets decodes every character, strings.Index looks for the
// bytes.
func indexEither(s, a, b string) int {
	i, j := strings.Index(s, a), strings.Index(s, b)
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

// drafts groups the blocks into stories and headline groups.
func (lay *layout) drafts() (stories []*draft, groups []headGroup) {
	blocks := lay.splitHeadlineTails(lay.blocks())
	var cur *draft
	for k, b := range blocks {
		if b.first < 0 {
			continue
		}
		isHead := false
		if lay.headlineCandidate(b) {
			if lay.latin {
				isHead = true
			} else {
				next := -1
				if k+1 < len(blocks) {
					next = blocks[k+1].first
				}
				pageEnd := next < 0 || lay.pageBreakBetween(b.last, next)
				// A headline stands between stories: what comes before it
				// has ended (or the page begins there). After a sentence
				// left open, the lines are the tail of a story cut off at
				// the column's end, which runs full width; a headline
				// after a story continued elsewhere has a short line.
				afterEnd := func() bool {
					return k == 0 || lay.pageBreakBetween(blocks[k-1].last, b.first) || lay.endsStory(blocks[k-1].last) ||
						lay.headlineCandidate(blocks[k-1]) || cur != nil && lay.startsShort(b, lay.columnWidth(cur))
				}
				isHead = (pageEnd || lay.start[next]) && afterEnd() ||
					(k > 0 && lay.endsStory(blocks[k-1].last) && lay.credits(blocks[k-1].last).storyEnd())
			}
		}
		if isHead && lay.latin && k+1 < len(blocks) {
			// a deck under an English headline: a few lines in title case,
			// the last ending with a full stop
			if n := lay.deckLines(blocks[k+1]); n > 0 {
				// a blank line may stand between the headline and its deck
				b.last = blocks[k+1].first + n - 1
				blocks[k+1].first += n
				if blocks[k+1].first > blocks[k+1].last {
					blocks[k+1].first = -1 // consumed whole
				}
			} else if lay.deckBetweenDecks(blocks, k+1) {
				// the capital deck under it then joins this headline too
				// (two candidate groups in a row, below)
				b.last = blocks[k+1].last
				blocks[k+1].first = -1
			}
		}
		if isHead {
			prev := len(stories) - 1
			if cur == nil {
				prev = len(stories) - 1
				if len(groups) > 0 && groups[len(groups)-1].next == len(stories) && lay.adjacent(groups[len(groups)-1].u.last, b.first) {
					// two candidate groups in a row: one headline
					groups[len(groups)-1].u.last = b.last
					continue
				}
			}
			groups = append(groups, headGroup{u: b, prev: prev, next: len(stories)})
			cur = nil
			continue
		}
		if cur == nil || lay.start[b.first] && !lay.authorOnly(cur) {
			cur = &draft{}
			stories = append(stories, cur)
		}
		cur.body = append(cur.body, b)
	}
	for i := range groups {
		if groups[i].next >= len(stories) {
			groups[i].next = -1
		}
	}
	if !lay.latin {
		stories, groups = lay.joinHeadlineLines(stories, groups)
	}
	return stories, groups
}

// authorOnly reports a draft that holds only an author line (□ 本报记者
// 张三): the text it names follows, and belongs to the same story.
func (lay *layout) authorOnly(d *draft) bool {
	if len(d.body) != 1 {
		return false
	}
	for i := d.body[0].first; i <= d.body[0].last; i++ {
		if lay.usable(i) && !isAuthorLine(lay.content(i)) {
			return false
		}
	}
	return true
}

// joinHeadlineLines gives a headline group the headline-like block just
// above it, when blank lines separate the two (a kicker set apart from the
// title: 标题一\n\n标题二\n\n本报讯…). The block was taken for a story's
// last paragraph, or for a story of its own; such a story is dropped.
func (lay *layout) joinHeadlineLines(stories []*draft, groups []headGroup) ([]*draft, []headGroup) {
	removed := false
	out := make([]headGroup, 0, len(groups))
	for gi := range groups {
		g := &groups[gi]
		if g.prev < 0 || len(stories[g.prev].body) == 0 {
			out = append(out, *g)
			continue
		}
		st := stories[g.prev]
		last := st.body[len(st.body)-1]
		if last.last >= g.u.first || !lay.adjacent(last.last, g.u.first) || !lay.headlineCandidate(last) ||
			lay.countUsable(last)+lay.countUsable(g.u) > 4 {
			out = append(out, *g)
			continue
		}
		if n := len(st.body); n > 1 && !lay.endsStory(st.body[n-2].last) {
			out = append(out, *g)
			continue
		}
		if n := len(st.body); n > 1 && g.next >= 0 {
			// The block's words recur in the story above and not in the
			// one below: it is that story's headline, printed after it,
			// and the group under it opens the next story.
			words := headlineWords(lay.squashedText([]unit{last}), nil)
			above := overlapScore(words, []string{lay.squashedText(st.body[:n-1])})
			below := overlapScore(words, []string{lay.squashedText(stories[g.next].body)})
			if above-below >= ownerMargin {
				st.body = st.body[:n-1]
				out = append(out, headGroup{u: last, prev: g.prev, next: g.next}, *g)
				continue
			}
		}
		g.u.first = last.first
		st.body = st.body[:len(st.body)-1]
		removed = removed || len(st.body) == 0
		out = append(out, *g)
	}
	groups = out
	if !removed {
		return stories, groups
	}
	newIndex := make([]int, len(stories))
	kept := stories[:0]
	for i, st := range stories {
		if len(st.body) == 0 {
			newIndex[i] = len(kept) - 1 // the story before it, or -1
			continue
		}
		newIndex[i] = len(kept)
		kept = append(kept, st)
	}
	for gi := range groups {
		g := &groups[gi]
		if g.prev >= 0 {
			g.prev = newIndex[g.prev]
		}
		if g.next >= 0 {
			g.next = newIndex[g.next]
		}
	}
	return kept, groups
}

// squashedText is the text of the units' usable lines with the spaces
// taken out, for comparing a headline's words with a story before the
// stories are cleaned.
func (lay *layout) squashedText(units []unit) string {
	var b strings.Builder
	for _, u := range units {
		for i := u.first; i <= u.last; i++ {
			if !lay.usable(i) {
				continue
			}
			for _, r := range lay.content(i) {
				if !isSpace(r) {
					b.WriteRune(r)
				}
			}
		}
	}
	return b.String()
}

// countUsable counts the lines of u that carry text.
func (lay *layout) countUsable(u unit) int {
	n := 0
	for i := u.first; i <= u.last; i++ {
		if lay.usable(i) {
			n++
		}
	}
	return n
}

// unitColumn is the median width of a block's lines, 0 for fewer than
// three lines (too few to tell a column).
func (lay *layout) unitColumn(u unit) int {
	if u.last-u.first < 2 {
		return 0
	}
	return lay.columnWidth(&draft{body: []unit{u}})
}

// startsShort reports a block whose first line is clearly shorter than
// the column: a headline's, where the last line of a story cut off at the
// column's end runs full width.
func (lay *layout) startsShort(b unit, col int) bool {
	return lay.lines[b.first].width*5 <= col*4
}

// splitHeadlineTails finds headlines printed right under the end of a
// story, with no blank line between: the last one to three lines of a
// block are headline-like, the line before them ends a story, and a new
// story (or the page's end) follows. They become a block of their own.
func (lay *layout) splitHeadlineTails(blocks []unit) []unit {
	if lay.latin {
		return blocks
	}
	out := make([]unit, 0, len(blocks))
	for k, b := range blocks {
		nextStarts := k+1 >= len(blocks) || lay.start[blocks[k+1].first] || lay.pageBreakBetween(b.last, blocks[k+1].first)
		split := -1
		if nextStarts && b.last > b.first {
			for n := 1; n <= 3 && b.last-n >= b.first; n++ {
				tail := unit{first: b.last - n + 1, last: b.last}
				if !lay.headlineCandidate(tail) {
					break
				}
				if lay.endsStory(b.last-n) || lay.startsShort(tail, lay.unitColumn(unit{b.first, b.last - n})) {
					split = b.last - n + 1
				}
			}
		}
		if split < 0 {
			out = append(out, b)
			continue
		}
		out = append(out, unit{first: b.first, last: split - 1}, unit{first: split, last: b.last})
	}
	return out
}

// adjacent reports two lines separated by blank lines only.
func (lay *layout) adjacent(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if !lay.lines[i].blank() || lay.lines[i].pageBreak {
			return false
		}
	}
	return b-a <= 3
}

func (lay *layout) pageBreakBetween(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if lay.lines[i].pageBreak {
			return true
		}
	}
	return false
}

// mayEndCredit is a cheap filter before the credit rules: the last rune
// of a credit line.
func mayEndCredit(r rune) bool {
	return r == '摄' || r == '影' || r == '图' || r == '绘' || r == '）'
}

// credits are the credit rules' answers on a text.
type credits struct {
	known     bool // (in layout.known: the answers are there)
	credit    bool // isCredit
	byParen   bool // isBylineParen
	endCredit bool // endsWithCredit
}

func creditsOf(s string) credits {
	return credits{known: true, credit: isCredit(s), byParen: isBylineParen(s), endCredit: endsWithCredit(s)}
}

// credits are the credit rules' answers on line i, each rule asked once a
// line: the features, the cascade and the decisions after decoding ask
// them of most lines.
func (lay *layout) credits(i int) credits {
	if !lay.known[i].known {
		lay.known[i] = creditsOf(lay.content(i))
	}
	return lay.known[i]
}

// storyEnd reports a trailing author credit or a photo credit, after
// which a headline group cannot be a subhead.
func (c credits) storyEnd() bool { return c.byParen || c.credit || c.endCredit }

// headGroup is a headline group between story prev and story next (-1 when
// there is none).
type headGroup struct {
	u          unit
	prev, next int
}
