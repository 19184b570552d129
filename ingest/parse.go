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
	"regexp"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
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
	// LineModel labels the page's lines; nil is the model embedded in the
	// binary. Evaluation passes one fitted without the page it scores.
	LineModel *Labeller
	// Geometry, for a page read from a PDF, is where each line of the
	// text sits, by 1-based line number (see LineGeometry).
	Geometry map[int]LineGeometry
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
	if err := parseText(page, opt); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return page, nil
}

// parseText does the work of Parse on decoded text.
func parseText(page *article.Page, opt Options) error {
	lex := opt.Lexicon
	text := page.Text
	lay := newLayout(text, scanLines(text))
	if err := lay.attachGeometry(opt.Geometry); err != nil {
		return err
	}
	if !lay.latin {
		return parseLabelled(page, lay, opt.LineModel, lex)
	}
	lay.markFurniture()
	lay.markStarts()
	lay.recordPageEdits(page)
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
	page.Stories = stories
	numberStories(page)
	return nil
}

// recordPageEdits records the page breaks and the furniture (lay.furn) as
// edits of the page, in line order, and takes the page date from a
// running head when it has none yet.
func (lay *layout) recordPageEdits(page *article.Page) {
	text := page.Text
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
}

// numberStories gives the page's stories their order and flags those
// without a headline. A news photo is printed with its caption and
// credit, not under a headline: flagging every one would bury the flags
// that matter.
func numberStories(page *article.Page) {
	for i := range page.Stories {
		st := &page.Stories[i]
		st.Order = i
		if strings.TrimSpace(st.Title) == "" && st.Kind != article.KindPhoto {
			st.Flags = append([]article.Flag{{Kind: article.FlagNoHeadline,
				Message: "no headline found for this story", Paragraph: -1}}, st.Flags...)
		}
	}
}

// maxFurnitureRunes is the longest running head or folio: a paper's name,
// date, weekday and page label together.
const maxFurnitureRunes = 40

// decideTags labels the page's content lines: the model's best tags for
// the page as a whole, then the rules no page may break (constrainTag and
// the story openers below). idx is the model's decoding of the page's
// features (Decode; DecodeScores where margins are wanted). It returns
// the tags and, where a rule overrode the model, which rule did.
func decideTags(lay *layout, p *pageLines, names []string, idx []int) (tags []lineTag, rules []string) {
	tags = make([]lineTag, len(idx))
	rules = make([]string, len(idx))
	for k, t := range idx {
		tags[k] = parseTag(names[t])
		was := tags[k]
		tags[k], rules[k] = constrainTag(lay, p.idx[k], tags[k], k == 0 || tags[k-1].role == RoleNoise)
		// a dateline after a finished sentence opens a story
		if k > 0 && tags[k].role == RoleBody && !tags[k].opensStory && lay.endsStory(p.idx[k-1]) && !isHeadlineRole(tags[k-1].role) {
			if s := lay.content(p.idx[k]); dateline.Opens(s) {
				tags[k].opensStory, tags[k].opens = true, true
				rules[k] = "a dateline after a finished sentence opens a story"
			}
		}
		// the page's date, weekday or paper name at its top or foot, or
		// on a line of its own between blank lines (pdftotext prints the
		// running head where its place falls in the reading order), is
		// its running head, never a story of its own
		if (k < pageEdgeLines || k >= len(idx)-pageEdgeLines || p.standsAlone(k)) && !isHeadlineRole(tags[k].role) && tags[k].role != RoleNoise && runningHead(lay.content(p.idx[k])) {
			tags[k] = lineTag{role: RoleNoise}
			rules[k] = "a date, weekday or paper name at the page's top or foot, or on a line of its own, is its running head"
		}
		// a section number set with its leading zero (01, 02 …) inside the
		// page numbers the parts of a story, as a subhead; a folio is
		// printed without one, and at the page's edges
		if tags[k].role == RoleNoise && k >= pageEdgeLines && k < len(idx)-pageEdgeLines && isSectionNumber(lay.content(p.idx[k])) {
			tags[k] = lineTag{role: RoleSubhead, opens: true}
			rules[k] = "a number with a leading zero inside the page numbers a story's part: a subhead, not a folio"
		}
		// a photo's credit closes its story: where indents mark text
		// blocks, an indented line after one opens the next story
		if k > 0 && lay.leadRare && lay.lines[p.idx[k]].lead && !isHeadlineRole(tags[k].role) && tags[k].role != RoleNoise {
			if prev := lay.content(p.idx[k-1]); endsWithCredit(prev) || isCredit(prev) {
				tags[k].opensStory, tags[k].opens = true, true
				rules[k] = "an indented line after a photo credit opens a story"
			}
		}
		if tags[k].role == RoleBody && !tags[k].opens && lay.indentOpensParagraph(p.idx[k]) {
			tags[k].opens = true
			rules[k] = "where most paragraphs are indented, an indented line starts one"
		}
		if tags[k] == was {
			rules[k] = ""
		}
	}
	boxLabelsAreSubheads(p, tags, rules)
	creditOpenings(lay, p, tags, rules)
	bracketedCredits(lay, p, tags, rules)
	datelineBylines(lay, p, tags, rules)
	dashKickers(lay, p, tags, rules)
	oneLineSubheads(p, tags, rules)
	if lay.geom == nil {
		// (a PDF's subheads are told by their type)
		subheadsOverText(p, tags, rules)
		subheadsAtIndentWidth(p, tags, rules)
		headsAfterClosingDatelines(p, tags, rules)
		parallelSectionHeads(p, tags, rules)
	}
	unpunctuatedStoryHeads(p, tags, rules)
	captionsOverCredits(p, tags, rules)
	creditsRunOnAcrossLines(p, tags, rules)
	namesRunOnInCredits(p, tags, rules)
	creditsOpenNoStory(tags, rules)
	subheadsWithoutAHeadingsForm(p, tags, rules)
	subheadsBegunAsText(p, tags, rules)
	if lay.geom == nil {
		textUnderSubheads(p, tags, rules)
	} else {
		settleHeadlineParts(lay, p, tags, rules)
	}
	return tags, rules
}

// boxLabelsAreSubheads reads a line that is only a box's label (核心阅读
// over a feature's summary) as a subhead, which the model may take for a
// headline, a running head or text: a label heads a box of text inside
// its story, so the lines under it taken for a headline are that text. A
// story the text under it was taken to open opens at the label, and so
// does one at the page's first text.
func boxLabelsAreSubheads(p *pageLines, tags []lineTag, rules []string) {
	for k := range tags {
		if tags[k].role == RoleSubhead || !boxLabel(p, labelledPart{lines: p.idx[k : k+1]}) {
			continue
		}
		opens := tags[k].opensStory || k == 0 || tags[k-1].role == RoleNoise
		j := k + 1
		for ; j < len(tags) && isHeadlineRole(tags[j].role); j++ {
			tags[j] = lineTag{role: RoleBody, opens: j == k+1}
			rules[j] = "the text under a box's label is the box's text, not a headline"
		}
		if j < len(tags) && tags[j].opensStory {
			opens = true
			tags[j].opensStory = false
			rules[j] = "the story opens at the box label over this text"
		}
		tags[k] = lineTag{role: RoleSubhead, opens: true, opensStory: opens}
		rules[k] = "a box's label (核心阅读, 编者按) is a subhead of its story"
	}
}

// subheadsWithoutAHeadingsForm reads a subhead whose text no heading
// has for text: a heading is a phrase, whole, so it leaves no bracket or
// quote unbalanced (泉、鲜敢）: a credit's second half), ends in no comma
// or colon (…义激动地说：), holds no full stop (了解城市文化内涵。), and
// opens neither as a dateline does nor as a paragraph does with its date
// (7月29日，本报读者来信版刊登). Such a line is text: it opens a paragraph
// where the line above ended its sentence, and goes on with the line
// above otherwise; a line under it that it runs into goes on with it.
func subheadsWithoutAHeadingsForm(p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k < len(tags); {
		if tags[k].role != RoleSubhead {
			k++
			continue
		}
		end := k + 1 // the subhead's lines are k..end-1
		for end < len(tags) && tags[end].role == RoleSubhead && !tags[end].opens {
			end++
		}
		part := labelledPart{role: RoleSubhead, lines: p.idx[k:end]}
		if boxLabel(p, part) || headingsForm(p.lay.squashedPart(part)) {
			k = end
			continue
		}
		// where the subhead's last lines have a heading's form and the
		// lines over them have none, the lines over them are the text
		// and the heading stands under it (号），要求…湖南省市场 over
		// 江西南昌县, read as one subhead)
		for j := k + 1; j < end; j++ {
			if headingsForm(p.lay.squashedPart(labelledPart{lines: p.idx[j:end]})) &&
				!headingsForm(p.lay.squashedPart(labelledPart{lines: p.idx[k:j]})) {
				tags[j].opens = true
				end = j
				break
			}
		}
		text := p.lay.squashedPart(labelledPart{lines: p.idx[k:end]})
		const why = "a subhead with no heading's form (a bracket left unbalanced, a comma, colon or full stop in it, a dateline's or a paragraph's opening): text"
		opens := tags[k].opensStory || k == 0 || tags[k-1].role != RoleBody || p.lay.lines[p.idx[k-1]].endsSentence() ||
			dateline.Opens(text) || opensLikeACaption(text)
		for j := k; j < end; j++ {
			tags[j] = lineTag{role: RoleBody, opens: j == k && opens, opensStory: j == k && tags[k].opensStory}
			rules[j] = why
		}
		// a short line ends its paragraph (or is a verse's line), so the
		// line under it keeps its own opening
		if end < len(tags) && tags[end].role == RoleBody && tags[end].opens && !tags[end].opensStory &&
			!isShort(p, end-1) && !p.lay.lines[p.idx[end-1]].endsSentence() && !p.lay.lines[p.idx[end]].lead && !dateline.Opens(p.lay.content(p.idx[end])) {
			tags[end].opens = false
			rules[end] = why + "; the line under it goes on with it"
		}
		k = end
	}
}

// subheadsBegunAsText reads a subhead wrapped over two lines whose first
// line the model took for a paragraph of its own (首次对各学段、各学科领域教
// over 材建设作系统设计): a paragraph's first line that stops on a
// character with no mark, after a finished sentence, over a subhead no
// wider than it, the two reading as one heading, is the subhead's first
// line. A paragraph's first line that stops unmarked runs on into the
// next line of text, not into a heading.
// maxSubheadRunes bounds a subhead: the longest in the corpus's gold
// has 29 characters, a paragraph of text is longer.
const maxSubheadRunes = 32

func subheadsBegunAsText(p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k+1 < len(tags); k++ {
		if tags[k].role != RoleBody || !tags[k].opens || tags[k+1].role != RoleSubhead {
			continue
		}
		if k+2 < len(tags) && tags[k+2].role == RoleSubhead && !tags[k+2].opens {
			continue // a subhead of two lines already: this one is text over it
		}
		if k > 0 && tags[k-1].role == RoleBody && !p.lay.lines[p.idx[k-1]].endsSentence() {
			continue
		}
		first, second := &p.lay.lines[p.idx[k]], &p.lay.lines[p.idx[k+1]]
		if !isHan(first.last) || second.width > first.width {
			continue
		}
		joined := p.lay.squashedPart(labelledPart{lines: p.idx[k : k+2]})
		if utf8x.Count(joined) > maxSubheadRunes || !headingsForm(joined) {
			continue
		}
		tags[k] = lineTag{role: RoleSubhead, opens: true, opensStory: tags[k].opensStory}
		tags[k+1].opens = false
		rules[k] = "a paragraph's first line stopping in mid-word over a subhead no wider: the subhead's first line"
		rules[k+1] = rules[k]
	}
}

// headingsForm reports squashed text that could be a heading's (see
// subheadsWithoutAHeadingsForm).
func headingsForm(s string) bool {
	if s == "" || strings.ContainsRune(s, '。') || unclosed(s) || overclosed(s) || dateline.Opens(s) ||
		opensLikeACaption(s) && strings.ContainsRune(s, '，') {
		return false
	}
	last, size := utf8x.Last(s)
	if strings.ContainsRune("，,、：:；;", last) {
		return false
	}
	// a question or an exclamation may close a heading, not stand inside it
	return !strings.ContainsAny(s[:len(s)-size], "！？!?")
}

// textUnderSubheads keeps the text under a subhead in the subhead's
// story: a subhead heads text inside its story, so the line under it
// opens no story of its own (a feature's short paragraph, 9个月！, read
// as a story's first line would leave the subhead closing the story
// above). A dateline under it does open a story: that "subhead" is a
// headline printed right over its text.
func textUnderSubheads(p *pageLines, tags []lineTag, rules []string) {
	for k := 1; k < len(tags); k++ {
		if tags[k].opensStory && tags[k-1].role == RoleSubhead && !tags[k-1].opensStory && tags[k].role == RoleBody &&
			!dateline.Opens(p.lay.content(p.idx[k])) {
			tags[k].opensStory = false
			rules[k] = "the text under a subhead goes on in the subhead's story"
		}
	}
}

// creditsRunOnAcrossLines goes on with a paragraph whose last line ends
// in a credit's opening bracket left open (…于漪说。（据新华社) at the line
// under it that closes the bracket and ends there (电 记者吴振东）), which
// the model took for a heading or a paragraph of its own: the credit
// closes the paragraph it was opened in.
func creditsRunOnAcrossLines(p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k+1 < len(tags); k++ {
		if tags[k].role != RoleBody || !strings.Contains(p.lay.content(p.idx[k]), "（") {
			continue
		}
		above := squashSpaces(p.lay.content(p.idx[k]))
		open := strings.LastIndex(above, "（")
		if open < 0 || strings.Contains(above[open:], "）") || !strings.HasPrefix(above[open:], "（据") && !isCredit(above[open:]+"）") {
			continue
		}
		// the lines that close it, at most two (（据新华社 / 电 / 记者吴振东）)
		rest, end := "", -1
		for j := k + 1; j < len(tags) && j <= k+2 && end < 0; j++ {
			s := squashSpaces(p.lay.content(p.idx[j]))
			if tags[j].role == RoleNoise || strings.Contains(s, "（") {
				break
			}
			if rest += s; utf8x.Count(rest) > maxClosingCreditRunes {
				break
			}
			if strings.HasSuffix(s, "）") {
				end = j
			}
		}
		if end < 0 {
			continue
		}
		for j := k + 1; j <= end; j++ {
			if tags[j] != (lineTag{role: RoleBody}) {
				tags[j] = lineTag{role: RoleBody}
				rules[j] = "a line closing a credit's bracket left open on the line above goes on with that paragraph"
			}
		}
		k = end
	}
}

// namesRunOnInCredits goes on with a credit whose bracket is left open
// ((本报记者刘维涛、李昌禹、毛磊、) at the lines under it that list more
// names and close the bracket (张贺、刘阳…、余 / 建斌、付文、潘俊强报道）),
// which the model took for text or a heading: a roundup names its many
// reporters over three lines or more.
func namesRunOnInCredits(p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k < len(tags); k++ {
		if tags[k].role != RoleCredit || !tags[k].opens {
			continue
		}
		e := k + 1 // the credit's lines are k..e-1
		for e < len(tags) && tags[e].role == RoleCredit && !tags[e].opens {
			e++
		}
		if !unclosed(p.lay.squashedPart(labelledPart{lines: p.idx[k:e]})) {
			k = e - 1
			continue
		}
		end := -1
		for j := e; j < len(tags) && j < e+3 && end < 0; j++ {
			s := squashSpaces(p.lay.content(p.idx[j]))
			if tags[j].role == RoleNoise || !namesList(s) {
				break
			}
			if strings.HasSuffix(s, "）") {
				end = j
			}
		}
		for j := e; j <= end; j++ {
			tags[j] = lineTag{role: RoleCredit}
			rules[j] = "names closing a credit's bracket left open above go on with the credit"
		}
		k = max(k, end)
	}
}

// namesList reports a line of names parted by 、, perhaps closing a
// credit (…潘俊强报道）): no name is longer than four characters.
func namesList(s string) bool {
	s = strings.TrimSuffix(s, "）")
	for _, end := range []string{"报道", "摄影报道", "摄"} {
		s = strings.TrimSuffix(s, end)
	}
	names := strings.Split(strings.TrimSuffix(s, "、"), "、")
	if len(names) < 2 {
		return false
	}
	for _, n := range names {
		if runes, ok := hanNameRunes(n); !ok || runes == 0 || runes > 4 {
			return false
		}
	}
	return true
}

// maxClosingCreditRunes is the longest line read as the rest of a credit
// broken at a line end.
const maxClosingCreditRunes = 24

// captionsOverCredits reads a line taken for the first line of a credit
// that opens as a picture's caption does (图为…) and ends its sentence as
// the caption, and opens the credit at the line under it: a credit names
// people, and says nothing in a sentence.
func captionsOverCredits(p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k+1 < len(tags); k++ {
		if tags[k].role != RoleCredit || tags[k+1].role != RoleCredit || tags[k+1].opens {
			continue
		}
		s := squashSpaces(p.lay.content(p.idx[k]))
		if !strings.HasPrefix(s, "图为") || !p.lay.lines[p.idx[k]].endsSentence() {
			continue
		}
		tags[k] = lineTag{role: RoleCaption, opens: true, opensStory: tags[k].opensStory}
		tags[k+1].opens = true
		rules[k] = "a line opening with 图为 and ending its sentence over a credit is the picture's caption"
		rules[k+1] = "the credit under a picture's caption opens its own paragraph"
	}
}

// creditsOpenNoStory takes a story's opening off a credit line after
// text: such a credit closes the story it credits (or stands under a
// picture inside it). The line after it opens the next story only where
// it opens a paragraph; a column's text that runs on past a picture's
// credit does not. An author's byline right under a headline (□ 苏文)
// opens its story's text and keeps its opening.
func creditsOpenNoStory(tags []lineTag, rules []string) {
	for k := 1; k < len(tags); k++ {
		if tags[k].role != RoleCredit || !tags[k].opensStory || isHeadlineRole(tags[k-1].role) {
			continue
		}
		tags[k].opensStory = false
		rules[k] = "a credit closes a story and opens none"
		if j := k + 1; j < len(tags) && tags[j].role != RoleCredit && tags[j].opens && !tags[j].opensStory {
			tags[j].opensStory = true
			rules[j] = "the story a credit was taken to open opens at the paragraph after it"
		}
	}
}

// bylineAfterBareDateline reports a line that is only a dateline (据新华社
// 甲地1月11日电) followed by one that opens with its byline in brackets
// (（记者甲乙）当地时间…).
func bylineAfterBareDateline(prev, cur string) bool {
	prev = squashSpaces(prev)
	if !strings.HasSuffix(prev, "电") && !strings.HasSuffix(prev, "讯") || !dateline.Opens(prev) {
		return false
	}
	if !strings.HasPrefix(cur, "（") && !strings.HasPrefix(cur, "(") {
		return false
	}
	end := strings.IndexAny(cur, "）)")
	if end < 0 {
		return false
	}
	_, size := utf8x.First(cur[end:])
	_, open := utf8x.First(cur)
	inner := squashSpaces(cur[open:end])
	// a role (（记者甲乙）) or several names (（甲乙、丙丁）): one word in
	// brackets may be anything (（试行）)
	return startsWithRoleWord(inner) || strings.ContainsAny(cur[:end], "、 ") && isBylineParen(cur[:end+size])
}

// datelineBylines reads the bracketed byline under a dateline that fills
// its line (本报拉萨1月7日电 / （记者甲 / 乙、丙丁）), on one line or broken
// over up to three, which the model may take for a paragraph of its own,
// a headline, and the text after it for another story's start, as the
// head of the dateline's paragraph: the byline goes on with the dateline,
// and so does the text after it when the byline ends its line.
func datelineBylines(lay *layout, p *pageLines, tags []lineTag, rules []string) {
	const maxBylineLines = 3
	for k := 0; k+1 < len(tags); k++ {
		if tags[k].role != RoleBody {
			continue
		}
		dateline := lay.content(p.idx[k])
		first := strings.TrimSpace(lay.content(p.idx[k+1]))
		if !strings.HasPrefix(first, "（") && !strings.HasPrefix(first, "(") {
			continue
		}
		byline := first
		j := k + 1
		for unclosed(byline) && j+1 < len(tags) && j-k < maxBylineLines {
			j++
			byline += strings.TrimSpace(lay.content(p.idx[j]))
		}
		if unclosed(byline) || !bylineAfterBareDateline(dateline, byline) {
			continue
		}
		// the text after a byline that ends its line goes on too
		last := j
		if bylineEnd := strings.TrimSpace(lay.content(p.idx[j])); strings.HasSuffix(bylineEnd, "）") || strings.HasSuffix(bylineEnd, ")") {
			last = j + 1
		}
		for m := k + 1; m <= last && m < len(tags); m++ {
			if m == j+1 && tags[m].role != RoleBody {
				break
			}
			if t := (lineTag{role: RoleBody}); tags[m] != t {
				tags[m] = t
				rules[m] = "the byline in brackets under a dateline that fills its line, and the text after it, go on with the dateline"
			}
		}
		k = j
	}
}

// maxBracketedCreditLines is how many lines after its opening bracket a
// credit in brackets may run over.
const maxBracketedCreditLines = 8

// bracketedCredits reads a credit in brackets broken over lines as one
// credit: a roundup's closing wire credit (（本报北京、柏林、 / 开罗电 记者
// 甲乙、 / 丙丁）), which the model takes for text and its short last line
// for a headline, and an author's note closing a commentary (（作者为…
// 教授、 / 教育部长江学者特聘教授）), which it reads as text or, broken,
// as text and a headline. A line that opens a bracket and up to
// maxBracketedCreditLines lines after it that close the bracket at their
// end are one credit when they read as one. A roundup from ten capitals
// names ten reporters: its credit runs over six lines and more, and the
// model may have read its first lines as a credit and the place ending
// in 电 as a dateline opening a story.
func bracketedCredits(lay *layout, p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k < len(tags); k++ {
		first := lay.content(p.idx[k])
		if !strings.HasPrefix(strings.TrimSpace(first), "（") {
			continue
		}
		text := first
		for j := k; j < len(tags) && j <= k+maxBracketedCreditLines; j++ {
			if j > k {
				text += lay.content(p.idx[j])
			}
			if unclosed(text) {
				continue
			}
			if isWireCredit(text) || isAuthorNote(text) {
				for m := k; m <= j; m++ {
					if t := (lineTag{role: RoleCredit, opens: m == k}); tags[m] != t {
						tags[m] = t
						rules[m] = "a credit in brackets (a wire credit, an author's note), also broken over lines, is one credit"
					}
				}
				k = j
			}
			break
		}
	}
}

// isSectionNumber reports a line that is only a two-digit number with a
// leading zero, in ASCII or full-width digits: 01, ０３.
func isSectionNumber(s string) bool {
	rs := []rune(squashSpaces(s))
	return len(rs) == 2 && (rs[0] == '0' || rs[0] == '０') && isAnyDigit(rs[1]) && rs[1] != '0' && rs[1] != '０'
}

// creditOpenings reads a credit's opening bracket and role left on a line
// of their own (（本报记者 over 甲乙整理）), which the model takes for a
// stray fragment, as the credit's first line: the line opens a bracket
// that the credit after it closes.
func creditOpenings(lay *layout, p *pageLines, tags []lineTag, rules []string) {
	for k := 1; k < len(tags); k++ {
		if tags[k].role != RoleCredit || tags[k-1].role != RoleNoise {
			continue
		}
		open, rest := lay.content(p.idx[k-1]), lay.content(p.idx[k])
		role, ok := strings.CutPrefix(squashSpaces(open), "（")
		if !ok || !isRoleWord(role) || !strings.HasSuffix(rest, "）") || unclosed(open+rest) {
			continue
		}
		tags[k-1] = lineTag{role: RoleCredit, opens: true}
		tags[k].opens = false
		rules[k-1] = "a bracket and role on a line of their own, closed by the credit after them, open that credit"
	}
}

// parallelSectionHeads reads one-line headings set in parallel, two
// phrases on either side of a comma at the same place (医疗开路，每个村都建群
// and 细分小群，奖惩有了规矩), as section heads of one story: a feature's
// parts are headed so, while the titles of two stories are not (over the
// development pages, every such pair of headings was two subheads of one
// story, though parallel titles set with a space between their halves are
// common). A title carries its column tag; such a heading is left as it
// is. A line the model took for a one-line headline group becomes a
// subhead, and the text under it goes on with the story above.
func parallelSectionHeads(p *pageLines, tags []lineTag, rules []string) {
	type heading struct {
		k          int
		runes, sep int // its length and where its comma is, in runes
	}
	var heads []heading
	for k := range tags {
		role := tags[k].role
		if !isHeadlineRole(role) && role != RoleSubhead {
			continue
		}
		// the group's first line, or under a lead-in of its own (织网——
		// over 医疗开路，每个村都建群), with at most one line under it
		// (造桥修路，拓宽市场 over 让特产“运得出、卖得好”)
		if isHeadlineRole(role) && (k > 0 && isHeadlineRole(tags[k-1].role) && !p.leadIn(k-1) || k+2 < len(tags) && isHeadlineRole(tags[k+1].role) && isHeadlineRole(tags[k+2].role)) {
			continue
		}
		// set apart: a blank line over the group (pdftotext runs a
		// column's broken phrases together without one)
		first := p.idx[k]
		if k > 0 && isHeadlineRole(tags[k-1].role) {
			first = p.idx[k-1]
		}
		if first == 0 || !p.lay.lines[first-1].blank() {
			continue
		}
		if sep, n, ok := commaPhrases(squashSpaces(p.lay.content(p.idx[k]))); ok {
			heads = append(heads, heading{k, n, sep})
		}
	}
	parallel := func(a, b heading) bool {
		return max(a.runes-b.runes, b.runes-a.runes) <= 1 && max(a.sep-b.sep, b.sep-a.sep) <= 1
	}
	for _, h := range heads {
		if !isHeadlineRole(tags[h.k].role) {
			continue
		}
		for _, o := range heads {
			if o.k != h.k && parallel(h, o) {
				const why = "a one-line heading of two phrases about a comma, set like another on the page, is a section head of one story"
				tags[h.k], rules[h.k] = lineTag{role: RoleSubhead, opens: true}, why
				if k := h.k - 1; k >= 0 && isHeadlineRole(tags[k].role) {
					tags[k], rules[k] = lineTag{role: RoleSubhead, opens: true}, why+" (and its lead-in)"
				}
				if k := h.k + 1; k < len(tags) && isHeadlineRole(tags[k].role) {
					tags[k], rules[k] = lineTag{role: RoleSubhead, opens: true}, why+" (and the line under it)"
				}
				break
			}
		}
	}
}

// leadIn reports a short line that ends in a dash: the lead-in over a
// section head (织网——).
func (p *pageLines) leadIn(k int) bool {
	s := squashSpaces(p.lay.content(p.idx[k]))
	return strings.HasSuffix(s, "——") && utf8x.Count(s) <= maxLeadInRunes
}

// maxLeadInRunes is the longest lead-in leadIn reads.
const maxLeadInRunes = 8

// maxSectionHeadRunes is the longest heading parallelSectionHeads reads.
const maxSectionHeadRunes = 16

// commaPhrases reports a heading of two phrases about one comma, neither
// ending a sentence nor carrying a tag in brackets, with where the comma
// stands and how many runes the heading has.
func commaPhrases(s string) (sep, runes int, ok bool) {
	if endsWithColumnTag(s) || strings.Count(s, "，") != 1 {
		return 0, 0, false
	}
	rs := []rune(s)
	if len(rs) > maxSectionHeadRunes || !isHan(rs[len(rs)-1]) {
		return 0, 0, false
	}
	for i, r := range rs {
		if r == '，' {
			sep = i
		}
	}
	if sep < 2 || sep > len(rs)-3 {
		return 0, 0, false
	}
	return sep, len(rs), true
}

// oneLineSubheads opens a subhead at a subhead line under one that fills
// less than two fifths of the column: a subhead that wraps runs its first
// line to about the column's edge (in its own, larger type), so lines
// under a short one are subheads of their own (会议开得短 over 落实时间多了
// are two, a pair set one over the other).
func oneLineSubheads(p *pageLines, tags []lineTag, rules []string) {
	for k := 1; k < len(tags); k++ {
		if tags[k].role != RoleSubhead || tags[k-1].role != RoleSubhead || tags[k].opens {
			continue
		}
		if 5*p.lay.lines[p.idx[k-1]].width < 2*p.measure[k-1] {
			tags[k].opens = true
			rules[k] = "a subhead line under one that fills less than two fifths of the column opens a subhead of its own"
		}
	}
}

// subheadsOverText takes a short line that opens a paragraph, after a
// finished sentence, and stops without a mark, for the subhead over the
// paragraph the model ran it into: text breaks a line short only where a
// paragraph ends, and a paragraph's last line ends with its sentence, so
// a short unpunctuated line that the next line goes on from is a heading
// set right over its text (夜间经济大放异彩 over “深夜食堂”…). A heading
// wrapped over two lines (中国石化：上下联动，整体推进问 / 题解决) is read
// the same way by its short second line, when neither line holds a
// sentence's end.
func subheadsOverText(p *pageLines, tags []lineTag, rules []string) {
	for k := 1; k+1 < len(tags); k++ {
		t := tags[k]
		if t.role != RoleBody || !t.opens || t.opensStory {
			continue
		}
		l, prev := &p.lay.lines[p.idx[k]], &p.lay.lines[p.idx[k-1]]
		if isOpener(l.first) || !prev.endsSentence() {
			continue
		}
		last := k // the heading's last line
		if k+2 < len(tags) && tags[k+1].role == RoleBody && !tags[k+1].opens && !isShort(p, k) {
			last = k + 1
		}
		if tags[last+1].role != RoleBody || tags[last+1].opens || !isShort(p, last) || !isHan(p.lay.lines[p.idx[last]].last) {
			continue
		}
		// (a line with spaces inside is justified text or letter-spaced,
		// and narrower than it is set)
		if last > k && !noSentenceIn(squashSpaces(p.lay.content(p.idx[k])+p.lay.content(p.idx[last]))) ||
			strings.ContainsFunc(p.lay.content(p.idx[last]), isSpace) {
			continue
		}
		for j := k; j <= last; j++ {
			tags[j] = lineTag{role: RoleSubhead, opens: j == k}
			rules[j] = "a short line that stops without a mark after a finished sentence, with text going on under it, is a subhead"
		}
		tags[last+1].opens = true
		rules[last+1] = "the text under a subhead opens a paragraph"
	}
}

// isShort reports a content line that fills at most three quarters of
// its column.
func isShort(p *pageLines, k int) bool {
	return 4*p.lay.lines[p.idx[k]].width <= 3*p.measure[k]
}

// subheadsAtIndentWidth takes a line as wide as an indented first line
// that stops without a mark after a finished sentence, over another line
// of that width that runs on, for a subhead over a paragraph's first
// line: the first line of a paragraph runs on into lines that fill the
// column, so a second line as short as the first is the first line of
// the paragraph under a heading (extractors drop the indent, and a
// subhead two characters short of the column reads as a first line to
// the model). Lines with spaces inside are justified or letter-spaced
// and their width says nothing.
func subheadsAtIndentWidth(p *pageLines, tags []lineTag, rules []string) {
	for k := 1; k+2 < len(tags); k++ {
		t, next, after := tags[k], tags[k+1], tags[k+2]
		if t.role != RoleBody || !t.opens || t.opensStory || next.role != RoleBody || next.opens || after.role != RoleBody || after.opens {
			continue
		}
		// the paragraph's second line fills the column: the two lines
		// over it are as wide as its indent leaves
		if full := p.lay.lines[p.idx[k+2]].width; full < p.lay.lines[p.idx[k+1]].width+3 {
			continue
		}
		l, below, prev := &p.lay.lines[p.idx[k]], &p.lay.lines[p.idx[k+1]], &p.lay.lines[p.idx[k-1]]
		w, _, _ := p.shape(k)
		wb, _, _ := p.shape(k + 1)
		if w != "m2" || wb != "m2" || !isHan(l.last) || isOpener(l.first) || !noSentenceIn(squashSpaces(p.lay.content(p.idx[k]))) ||
			below.width != l.width || below.endsSentence() || !isHan(below.last) || !prev.endsSentence() ||
			strings.ContainsFunc(p.lay.content(p.idx[k]), isSpace) || strings.ContainsFunc(p.lay.content(p.idx[k+1]), isSpace) {
			continue
		}
		tags[k].role = RoleSubhead
		tags[k+1].opens = true
		rules[k] = "a line as wide as an indented first line that stops without a mark, over another such line, is a subhead"
		rules[k+1] = "the text under a subhead opens a paragraph"
	}
}

// maxHeadlineRunes is the longest text read as a headline for having no
// sentence in it.
const maxHeadlineRunes = 64

// noSentenceIn reports a short text with no mark that ends a sentence in
// it and that is no dateline, credit or author line on a line of its
// own: a text that reads as a headline though it was taken for text.
func noSentenceIn(s string) bool {
	return utf8x.Count(s) <= maxHeadlineRunes && !strings.ContainsAny(s, "。！？；!?;…") &&
		!dateline.Opens(s) && !isCredit(s) && !isAuthorLine(s)
}

// unpunctuatedStoryHeads takes a story's first paragraph of one to three
// lines with no mark that ends a sentence, right before another story's
// start, for that story's headline: a story of its own says something and
// ends its sentence, and a headline set as wide as the text (a title over
// two lines, 对祖国最深情的告白是奋斗（人民论坛·…）) reads like text to the
// model. Datelines, credits and author lines on a line of their own are
// left alone.
func unpunctuatedStoryHeads(p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k < len(tags); k++ {
		if !tags[k].opensStory || tags[k].role != RoleBody {
			continue
		}
		j := k + 1
		for j < len(tags) && tags[j].role == RoleBody && !tags[j].opens {
			j++
		}
		if j == len(tags) || j-k > 3 || !tags[j].opensStory || tags[j].role != RoleBody {
			continue
		}
		if !noSentenceIn(p.lay.squashedPart(labelledPart{lines: p.idx[k:j]})) {
			continue
		}
		for i := k; i < j; i++ {
			tags[i] = lineTag{role: RoleTitle, opens: i == k}
			rules[i] = "a story's first lines with no sentence in them, right before another story's start, are that story's headline"
		}
	}
}

// headsAfterClosingDatelines takes a subhead right after a story's
// closing dateline in brackets (（本报埃及伊斯梅利亚 10 月８日电）) for a
// headline: the dateline closed the story, so the heading under it heads
// another (a photo report's 图片报道 over its caption).
func headsAfterClosingDatelines(p *pageLines, tags []lineTag, rules []string) {
	for k := 1; k < len(tags); k++ {
		if tags[k].role != RoleSubhead || tags[k-1].role != RoleCredit || !isClosingDateline(p.lay.content(p.idx[k-1])) {
			continue
		}
		for j := k; j < len(tags) && tags[j].role == RoleSubhead && (j == k || !tags[j].opens); j++ {
			tags[j] = lineTag{role: RoleTitle, opens: j == k}
			rules[j] = "a heading right after a story's closing dateline heads the next story"
		}
	}
}

// isClosingDateline reports a dated dateline in brackets on a line of its
// own, as a story closes with it: （本报巴黎1月19日电）. A brief in a
// roundup closes with its source and no date (（据新华社电）), and the
// heading under it heads the roundup's next brief, inside the story.
func isClosingDateline(s string) bool {
	inner, ok := bracketedCredit(s, maxHeadlineRunes)
	return ok && dateline.Opens(inner) && strings.Contains(inner, "日电")
}

// dashKickers reads a kicker that ends in a dash (北京公交集团客服中心原主任
// 甲乙——) right over its title, which the model took for the end of the
// text above: the lines of its block, back to the blank before it, are the
// kicker.
func dashKickers(lay *layout, p *pageLines, tags []lineTag, rules []string) {
	for k := 0; k+1 < len(tags); k++ {
		i := p.idx[k]
		if tags[k].role != RoleBody || tags[k+1].role != RoleTitle || !strings.HasSuffix(lay.content(i), "——") || p.idx[k+1] > i+2 {
			continue
		}
		first := k
		for first > 0 && k-first < 2 && tags[first-1].role == RoleBody && p.idx[first-1] == p.idx[first]-1 {
			first--
		}
		if first > 0 && p.idx[first-1] == p.idx[first]-1 {
			continue // no white over it: it is the text's own last lines
		}
		for j := first; j <= k; j++ {
			tags[j] = lineTag{role: RoleKicker, opens: j == first}
			rules[j] = "a block ending in a dash right over a title is its kicker"
		}
	}
}

// pageEdgeLines is how many content lines at a page's top and foot may be
// its running heads.
const pageEdgeLines = 4

// runningHead reports a line of a page's running head: the paper's name,
// the weekday, a page label, or the page's date as printed, alone or with
// them (２０１９年１０月１１日, 2019年10月14日人民日报).
func runningHead(s string) bool {
	if looksNoise(s) {
		return true
	}
	loc := printedDate.FindStringIndex(s)
	if loc == nil {
		return false
	}
	rest := strings.TrimSpace(s[:loc[0]] + s[loc[1]:])
	return rest == "" || looksNoise(rest)
}

// printedDate is a date as a page prints it: 2019年10月11日, ２０１９年１０月１１日.
var printedDate = regexp.MustCompile(`[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日`)

// constrainTag overrides the model where a line cannot play the role it
// was given: furniture is a few words, so a long line is text; a date, the
// paper's name or a page label is furniture, never a headline; a credit
// line (杨军摄（人民视觉）) is no headline either.
func constrainTag(lay *layout, i int, t lineTag, afterNoise bool) (lineTag, string) {
	s := lay.content(i)
	switch {
	case t.role == RoleNoise && lay.lines[i].runes > maxFurnitureRunes:
		return lineTag{role: RoleBody, opens: true, opensStory: afterNoise}, "a line this long is text, not furniture"
	case t.role != RoleNoise && isFurniture(s):
		return lineTag{role: RoleNoise}, "page furniture (folio, running head, editor credit)"
	case t.role != RoleNoise && lay.furn[i] != "":
		// the page's masthead, found by where it stands, is recorded as
		// furniture whatever the model says: it cannot be in a story too
		return lineTag{role: RoleNoise}, lay.furn[i]
	case isHeadlineRole(t.role) && looksNoise(s):
		return lineTag{role: RoleNoise}, "a date, page label or paper name is furniture, not a headline"
	case (isHeadlineRole(t.role) || t.role == RoleSubhead) && isCredit(s):
		return lineTag{role: RoleCredit, opens: true}, "a credit line is no headline or heading"
	case isHeadlineRole(t.role) && dateline.Opens(s):
		return lineTag{role: RoleBody, opens: true}, "a dateline opens a story's text, not its headline"
	case isHeadlineRole(t.role) && lay.lines[i].runes > maxFurnitureRunes && strings.ContainsAny(s, "。！？"):
		return lineTag{role: RoleBody, opens: true}, "a long line of sentences is text, not a headline"
	}
	return t, ""
}

// knownWords is the lexicon's word check, or nil without a lexicon.
func knownWords(lex *lexicon.Lexicon) func(string) bool {
	if lex == nil {
		return nil
	}
	return lex.Known
}

// isFurniture is furniture() as a yes or no.
func isFurniture(s string) bool {
	_, ok := furniture(s)
	return ok
}

// parseLabelled cuts a page by the line model: every content line is
// tagged with its role, and stories open where the tags say.
func parseLabelled(page *article.Page, lay *layout, model *Labeller, lex *lexicon.Lexicon) error {
	if model == nil {
		var err error
		if model, err = LineModel(); err != nil {
			return err
		}
	}
	p := newPageLines(lay, lex)
	tags, _ := decideTags(lay, p, model.Tags(), model.decode(p))
	groups, noise := groupLabelled(p, tags, func(h string) []string { return headlineWords(h, lex) })
	for _, i := range noise {
		reason, ok := furniture(lay.content(i))
		if !ok {
			reason = "running head or folio"
		}
		lay.furn[i] = reason
	}
	lay.recordPageEdits(page)
	if len(groups) > MaxPageStories {
		return fmt.Errorf("%d stories: more than the %d a page may have", len(groups), MaxPageStories)
	}
	page.Stories = make([]article.Story, 0, len(groups))
	for _, g := range groups {
		page.Stories = append(page.Stories, lay.buildLabelled(g, page, lex))
	}
	numberStories(page)
	return nil
}

func rangeIdx(a, b int) []int {
	out := make([]int, 0, b-a+1)
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}
