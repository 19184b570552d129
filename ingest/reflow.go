package ingest

import (
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/latin"
	"github.com/galley/galley/internal/utf8x"
)

// rawPara is a paragraph before cleaning: its raw spans and its kind.
type rawPara struct {
	spans []span
	kind  string
}

// columnWidth estimates the width a story's lines were broken at: the
// median width (display width: CJK 2, Latin 1) of the lines broken in
// mid-sentence, which run to the column's edge by definition. Short last
// lines and squeezed lines do not move it.
func (lay *layout) columnWidth(d *draft) int {
	var hist [256]int
	n := 0
	for _, u := range d.body {
		for i := u.first; i < u.last; i++ {
			l := &lay.lines[i]
			if !lay.usable(i) || l.runes < 3 || l.endsSentence() {
				continue
			}
			w := l.width
			if w > 255 {
				w = 255
			}
			hist[w]++
			n++
		}
	}
	if n == 0 {
		for _, u := range d.body {
			for i := u.first; i <= u.last; i++ {
				if w := lay.lines[i].width; w > n {
					n = w
				}
			}
		}
		return n
	}
	want := (n + 1) / 2
	for w := 0; w < 256; w++ {
		want -= hist[w]
		if want <= 0 {
			return w
		}
	}
	return 255
}

// subheads marks the body units of a story that are subheads: a short
// group of one or two lines without final punctuation, after a paragraph
// that ended, before text that starts cleanly, never two in a row.
func (lay *layout) subheads(d *draft, col int) []bool {
	sub := make([]bool, len(d.body))
	if lay.latin {
		return sub
	}
	for k := 1; k+1 < len(d.body); k++ {
		u := d.body[k]
		if u.last-u.first > 1 || sub[k-1] {
			continue
		}
		first := &lay.lines[u.first]
		last := &lay.lines[u.last]
		if last.endsSentence() || isPauseMark(last.last) || first.width*5 > col*4 || u.last > u.first && last.width >= first.width {
			continue
		}
		runes, han := 0, 0
		for i := u.first; i <= u.last; i++ {
			runes += lay.lines[i].runes
			han += lay.lines[i].han
		}
		if runes > 30 || han*2 < runes {
			continue
		}
		if !lay.lines[d.body[k-1].last].endsSentence() {
			continue
		}
		if startsMidSentence(lay.content(d.body[k+1].first)) {
			continue
		}
		sub[k] = true
	}
	return sub
}

// hanNumerals count list items.
const hanNumerals = "一二三四五六七八九十"

// startsListItem reports a line opening a numbered item: （一）, (二), 三、.
func startsListItem(s string) bool {
	r, sz := utf8x.First(s)
	if r == '（' || r == '(' {
		n, nsz := utf8x.First(s[sz:])
		c, _ := utf8x.First(s[sz+nsz:])
		return strings.ContainsRune(hanNumerals, n) && (c == '）' || c == ')')
	}
	n, _ := utf8x.First(s[sz:])
	return strings.ContainsRune(hanNumerals, r) && n == '、'
}

// startsMidSentence reports text whose first runes hold a pause mark: the
// tail of a word broken at the line end (新、加速…).
func startsMidSentence(s string) bool {
	for i, n := 0, 0; i < len(s) && n < 3; n++ {
		r, sz := utf8x.First(s[i:])
		if n > 0 && (isPauseMark(r) || isSentenceEnd(r)) || n == 0 && (r == '，' || r == '、' || r == '。') {
			return true
		}
		i += sz
	}
	return false
}

// reflow cuts a story's body into paragraphs. A line break inside a
// paragraph is the column's; a blank line after a sentence end, or a
// sentence end on a line noticeably shorter than the column, ends the
// paragraph; a blank line in mid-sentence is a column break.
func (lay *layout) reflow(d *draft) []rawPara {
	col := lay.columnWidth(d)
	sub := lay.subheads(d, col)
	var out []rawPara
	var cur []int // line indices of the paragraph being built
	flush := func(kind string) {
		if len(cur) > 0 {
			out = append(out, rawPara{spans: lay.lineSpans(cur), kind: kind})
			cur = nil
		}
	}
	for k, u := range d.body {
		if sub[k] {
			flush(article.ParaBody)
			for i := u.first; i <= u.last; i++ {
				cur = append(cur, i)
			}
			flush(article.ParaSubhead)
			continue
		}
		for i := u.first; i <= u.last; i++ {
			l := &lay.lines[i]
			if lay.indentOpensParagraph(i) && len(cur) > 0 {
				flush(article.ParaBody)
			}
			if k == 0 && isAuthorLine(lay.content(i)) {
				// the author line at a story's head is a credit of its own
				flush(article.ParaBody)
				cur = append(cur, i)
				flush(article.ParaCredit)
				continue
			}
			if len(cur) > 0 && startsListItem(lay.content(i)) {
				// an item of a list introduced by a colon, or after an
				// item closed by a semicolon: （一）…；\n（二）…
				if p := &lay.lines[cur[len(cur)-1]]; p.last == '：' || p.last == ':' || p.endsSentence() {
					flush(article.ParaBody)
				}
			}
			cur = append(cur, i)
			blankAfter := i == u.last
			// A short line ends a paragraph, but not when it is the
			// paragraph's only line: a lead sentence set on a line of
			// its own runs on into the next.
			// On a line of full-width characters only, one cell short of
			// the column is short; digits and Latin letters make widths
			// uneven, so such a line must fall further short.
			margin := 3
			if l.narrow == 0 {
				margin = 2
			}
			short := l.width <= col-margin && (len(cur) > 1 || l.width*2 <= col)
			if lay.latin {
				short = l.width*100 <= col*85
			}
			// on a Chinese page a full stop after a digit at the line end
			// is a decimal point broken off its figure (62.\n5%)
			ends := l.endsSentence() && !(l.last == '.' && isDigitRune(l.prev) && !lay.latin)
			// on an English page a full stop after an initial or an
			// abbreviation goes on with the sentence (Elbert H. / Gary)
			ends = ends && !(lay.latin && l.last == '.' && latin.EndsWithAbbreviation(lay.content(i)))
			if ends && (blankAfter || short) || mayEndCredit(l.last) && lay.credits(i).credit {
				flush(article.ParaBody)
			}
		}
	}
	flush(article.ParaBody)
	return out
}

// lineSpans turns a paragraph's lines into raw spans: one span over lines
// separated only by blank lines, a new span after furniture left out or
// where reading order goes back up the page (interleaved columns).
func (lay *layout) lineSpans(idx []int) []span {
	var out []span
	for k, i := range idx {
		l := &lay.lines[i]
		if k > 0 && idx[k-1] < i && lay.onlyBlankBetween(idx[k-1], i) {
			out[len(out)-1].end = l.ce
			continue
		}
		out = append(out, span{l.cs, l.ce})
	}
	return out
}

func (lay *layout) onlyBlankBetween(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if !lay.lines[i].blank() || lay.lines[i].pageBreak {
			return false
		}
	}
	return true
}

// indentOpensParagraph reports an indented line where most paragraphs are
// indented (the usual 　　 of Chinese text files): it starts a paragraph.
func (lay *layout) indentOpensParagraph(i int) bool {
	return !lay.leadRare && lay.lines[i].lead
}
