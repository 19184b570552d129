package ingest

import "strings"

// line is one raw line of the decoded page with the features the layout
// rules read. Offsets are byte offsets into the page text.
type line struct {
	start, end int  // the line without its "\n"
	cs, ce     int  // first and one past the last non-space byte; cs == ce: blank
	lead       bool // starts with a space before its content
	pageBreak  bool // a form feed: a hard boundary, no content
	width      int  // display width of the content, spaces not counted
	runes      int  // non-space runes
	first      rune // first non-space rune
	last, prev rune // last non-space rune and the one before it
	upper      int  // upper-case letters (English headline detection)
	letters    int  // letters of any case
	han        int  // CJK ideographs
	narrow     int  // runes of display width 1 (digits, Latin)
}

func (l *line) blank() bool { return l.cs == l.ce }

// endsSentence reports whether the line ends a sentence: a final mark, or a
// closing quote or bracket right after one.
func (l *line) endsSentence() bool {
	if isSentenceEnd(l.last) {
		return true
	}
	return isCloser(l.last) && isSentenceEnd(l.prev)
}

// scanLines splits text into lines in one pass. A form feed ends the line it
// is on and becomes a line of its own marked pageBreak.
func scanLines(text string) []line {
	lines := make([]line, 0, strings.Count(text, "\n")+2)
	cur := line{start: 0, cs: -1}
	finish := func(end int) {
		cur.end = end
		if cur.cs < 0 {
			cur.cs, cur.ce = end, end
		}
		lines = append(lines, cur)
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' || c == '\f' {
			finish(i)
			if c == '\f' {
				lines = append(lines, line{start: i, end: i + 1, cs: i + 1, ce: i + 1, pageBreak: true})
				if i+1 < len(text) && text[i+1] == '\n' {
					i++ // the form feed's own line end
				}
			}
			i++
			cur = line{start: i, cs: -1}
			continue
		}
		r, n := decodeAt(text, i)
		if isSpace(r) {
			if cur.cs < 0 {
				cur.lead = true
			}
			i += n
			continue
		}
		if cur.cs < 0 {
			cur.cs = i
			cur.first = r
		}
		cur.ce = i + n
		cur.prev, cur.last = cur.last, r
		cur.runes++
		w := runeWidth(r)
		cur.width += w
		if w == 1 {
			cur.narrow++
		}
		switch {
		case isHan(r):
			cur.han++
		case r < 0x80 && (r >= 'A' && r <= 'Z'):
			cur.upper++
			cur.letters++
		case r < 0x80 && (r >= 'a' && r <= 'z'):
			cur.letters++
		}
		i += n
	}
	if cur.start < len(text) || len(lines) == 0 {
		finish(len(text))
	}
	return lines
}
