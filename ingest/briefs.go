package ingest

import (
	"slices"
	"strings"

	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
)

// Brief columns. A column of briefs (资讯速递, 微阅读 over a few items,
// each a one-line heading, a few lines of text and a bracketed credit:
// 本报电 近日，… （海军）) is one story: the label is its title and the
// items' headings are its subheads. The line model reads each item's
// heading as a title and its dateline as a story's start, so the items
// come out as stories of their own; here they go back under the label.

// briefColumnWords are what a brief column's label says (资讯速递, 财经短波,
// 速览·国庆假期, 微阅读): a newspaper's words for a column of briefs.
var briefColumnWords = []string{"速递", "短波", "速览", "简讯", "快讯", "短讯", "微阅读", "简报"}

// maxBriefLabelRunes is the longest label read as a brief column's;
// maxBriefItemRunes the longest text read as one brief.
const (
	maxBriefLabelRunes = 8
	maxBriefItemRunes  = 600
)

// briefColumnLabel reports a part that is a brief column's label.
func (p *pageLines) briefColumnLabel(part labelledPart) bool {
	s := p.lay.squashedPart(part)
	if utf8x.Count(s) > maxBriefLabelRunes || endsWithColumnTag(s) {
		return false
	}
	for _, w := range briefColumnWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// joinBriefColumns gathers a brief column's items under its label. A
// label read as the only text of a story (a subhead) becomes the title of
// the story after it; a story headed by a label takes the stories after
// it while each is a brief: short, headed by a title at most, and closed
// by a credit or opened by a dateline.
func joinBriefColumns(p *pageLines, stories []labelledStory) []labelledStory {
	out := stories[:0]
	column := false // the last story out is a brief column
	for k := 0; k < len(stories); k++ {
		st := stories[k]
		if len(st.head) == 0 && len(st.paras) == 1 && st.paras[0].role == RoleSubhead && p.briefColumnLabel(st.paras[0]) && k+1 < len(stories) {
			// the label alone: it heads the story after it
			p.noteGrouping(st.paras, "a brief column's label on its own: the title of the story after it")
			next := stories[k+1]
			label := labelledPart{role: RoleTitle, lines: st.paras[0].lines}
			stories[k+1] = labelledStory{
				head:  []labelledPart{label},
				paras: slices.Concat(headingsAsSubheads(next.head), next.paras),
				first: min(st.first, next.first),
				last:  max(st.last, next.last),
			}
			continue
		}
		if column && p.brief(st) {
			// (noted on its headline and its first line, where it was
			// taken to open a story)
			first := labelledPart{lines: st.paras[0].lines[:1]}
			p.noteGrouping(append(slices.Clone(st.head), first), "a brief under a brief column's label: one story with the column, its title a subhead")
			last := &out[len(out)-1]
			*last = labelledStory{
				head:  last.head,
				paras: slices.Concat(last.paras, headingsAsSubheads(st.head), st.paras),
				first: min(last.first, st.first),
				last:  max(last.last, st.last),
			}
			continue
		}
		out = append(out, st)
		column = len(st.head) == 1 && st.head[0].role == RoleTitle && p.briefColumnLabel(st.head[0])
	}
	return out
}

// brief reports a story that reads as one item of a brief column.
func (p *pageLines) brief(st labelledStory) bool {
	if len(st.paras) == 0 {
		return false
	}
	for _, part := range st.head {
		if part.role != RoleTitle || endsWithColumnTag(p.lay.squashedPart(part)) {
			return false
		}
	}
	if utf8x.Count(p.itemText(pageItem{parts: st.paras})) > maxBriefItemRunes {
		return false
	}
	// (a picture's credit closes a photo story, which is no brief)
	last := st.paras[len(st.paras)-1]
	if last.role == RoleCredit && p.picturesCredit(last) {
		return false
	}
	first := squashSpaces(p.lay.content(st.paras[0].lines[0]))
	return last.role == RoleCredit || dateline.Opens(first)
}

// headingsAsSubheads turns a story's headline parts into subheads of the
// story it goes into.
func headingsAsSubheads(head []labelledPart) []labelledPart {
	out := make([]labelledPart, 0, len(head))
	for _, part := range head {
		out = append(out, labelledPart{role: RoleSubhead, lines: part.lines})
	}
	return out
}
