package app

import (
	"slices"

	"github.com/galley/galley/article"
)

// A story's region is every line of it on the printed page; the archive
// keeps it, so a rearrangement of the page must say which story owns
// which lines now: the page pane outlines a story by its region and sends
// a tap on a line that is in none of the open story's paragraphs (its
// headline) to the title. Regions are copies of the paragraphs' line
// boxes plus the headline's, so a line is matched by its exact box.

// paragraphLines is the set of the lines of a story's paragraphs.
func paragraphLines(paras []article.Paragraph) map[article.Box]bool {
	in := map[article.Box]bool{}
	for _, p := range paras {
		for _, b := range p.Boxes {
			in[b] = true
		}
	}
	return in
}

// regionLines is a story's lines: its region, or when it has none (a
// story split off before regions were kept) its paragraphs' lines.
func regionLines(st *article.Story) []article.Box {
	if len(st.Region) > 0 {
		return st.Region
	}
	var out []article.Box
	for _, p := range st.Paragraphs {
		out = append(out, p.Boxes...)
	}
	return out
}

// headlineLines splits a story's region into the lines in none of its
// paragraphs (its headline, and anything else printed with it) and the
// rest.
func headlineLines(st *article.Story) (head, body []article.Box) {
	in := paragraphLines(st.Paragraphs)
	for _, b := range st.Region {
		if in[b] {
			body = append(body, b)
		} else {
			head = append(head, b)
		}
	}
	return head, body
}

// splitRegion gives a story split in two (a keeps the paragraphs before
// the cut and the headline, b the paragraphs after it) their regions: b
// the lines of its paragraphs, a the others. A line cut in the middle
// stays with both. Stories with no region (text pages) keep none.
func splitRegion(a, b *article.Story) {
	if len(a.Region) == 0 {
		return
	}
	inA, inB := paragraphLines(a.Paragraphs), paragraphLines(b.Paragraphs)
	region := a.Region
	a.Region, b.Region = nil, nil
	for _, l := range region {
		if inB[l] {
			b.Region = append(b.Region, l)
		}
		if !inB[l] || inA[l] {
			a.Region = append(a.Region, l)
		}
	}
}

// mergeRegion gives a story that takes in another (b) the lines of both.
func mergeRegion(a, b *article.Story) {
	if len(a.Region) == 0 && len(b.Region) == 0 {
		return
	}
	region := slices.Clone(regionLines(a))
	for _, l := range regionLines(b) {
		if !slices.Contains(region, l) {
			region = append(region, l)
		}
	}
	a.Region = region
}

// swapHeadlineRegion moves the headline lines of two stories that swap
// their headlines: each keeps the lines of its paragraphs and takes the
// other's headline lines.
func swapHeadlineRegion(a, b *article.Story) {
	if len(a.Region) == 0 && len(b.Region) == 0 {
		return
	}
	headA, bodyA := headlineLines(a)
	headB, bodyB := headlineLines(b)
	if len(a.Region) == 0 {
		bodyA = regionLines(a)
	}
	if len(b.Region) == 0 {
		bodyB = regionLines(b)
	}
	a.Region = append(slices.Clone(bodyA), headB...)
	b.Region = append(slices.Clone(bodyB), headA...)
}
