package ingest

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/seqlabel"
)

// Features of the page's lines for the line model. Every rule the older
// cascade applied is here as a feature (datelines, credits, widths against
// the column measure, end punctuation, blank lines around, leading space,
// furniture, cue words), and the model's weights, fitted on annotated
// pages, decide how much each counts. Features are strings so that the
// model file and `galley parse --explain` can name them.

// pageLines is the page's content lines (not blank, not page breaks) and
// what the features need to know of the page as a whole.
type pageLines struct {
	lay     *layout
	idx     []int // line index of each content line, in reading order
	pos     []int // line index → place in idx (0 for a line not in idx)
	measure []int // the column measure around each content line (display width)
	// the share of each line's Han bigrams found in the overlapReach
	// lines above it and in those below it
	overlapUp, overlapDown []float64
	style                  string
	// grouped says, by line index, why the grouping of lines into
	// stories overrode where a line stood (for --explain)
	grouped map[int]string
}

// overlapReach is how many lines above and below a line the lexical
// overlap looks for its bigrams.
const overlapReach = 15

func newPageLines(lay *layout, known func(string) bool) *pageLines {
	p := &pageLines{lay: lay}
	for i := range lay.lines {
		if l := &lay.lines[i]; !l.blank() && !l.pageBreak {
			p.idx = append(p.idx, i)
		}
	}
	if lay.geom == nil {
		// a PDF's lines come in reading order from their places
		p.idx = readingOrder(lay, p.idx, known)
	}
	p.pos = make([]int, len(lay.lines))
	for k, i := range p.idx {
		p.pos[i] = k
	}
	p.measure = make([]int, len(p.idx))
	// The measure is the width most lines of the neighbourhood reach: the
	// lines broken at the column's edge. It changes from story to story
	// (a wide lead story over narrow columns), so it is taken over a
	// window of lines, weighted towards the line itself.
	const window = 40
	var hist [258]int
	add := func(k, d int) {
		if k < 0 || k >= len(p.idx) {
			return
		}
		if w := lay.lines[p.idx[k]].width; w >= 8 {
			hist[min(w, 257)] += d
		}
	}
	for k := -window; k < window && k < len(p.idx); k++ {
		add(k, 1)
	}
	// no line is wider than widest: the bins past it stay empty, and the
	// search for the fullest bin stops there
	widest := 0
	for _, i := range p.idx {
		widest = max(widest, min(lay.lines[i].width, len(hist)-1))
	}
	for k := range p.idx {
		if k > 0 {
			add(k-window-1, -1)
			add(k+window-1, 1)
		}
		best, arg := 0, 0
		for w := 8; w <= widest; w++ {
			if hist[w] > best || hist[w] == best && w > arg && hist[w] > 0 {
				best, arg = hist[w], w
			}
		}
		p.measure[k] = arg
	}
	// the page's style: how often a content line has a blank line after
	// it (one extractor puts blank lines between paragraphs, another
	// between text blocks only)
	blanks := 0
	for _, i := range p.idx {
		if i+1 < len(lay.lines) && lay.lines[i+1].blank() {
			blanks++
		}
	}
	switch r := float64(blanks) / float64(max(len(p.idx), 1)); {
	case r < 0.1:
		p.style = "dense"
	case r < 0.3:
		p.style = "blocks"
	default:
		p.style = "airy"
	}
	p.lexicalOverlap()
	return p
}

// lexicalOverlap sets overlapUp and overlapDown. Each bigram of the page
// gets a number, and one pass down the page and one up remember where each
// was last seen, so that a line's bigrams are each looked at once a pass
// instead of in every neighbour.
func (p *pageLines) lexicalOverlap() {
	n := len(p.idx)
	// each line's distinct bigrams, by number: line k's are
	// numbered[from[k]:from[k+1]] (one slice for the page, and one buffer
	// for each line's bigrams in turn)
	var numbered []int32
	from := make([]int, n+1)
	number := map[uint64]int32{}
	var line []uint64
	for k, i := range p.idx {
		line = appendSortedBigrams(line[:0], p.lay.content(i))
		for _, g := range line {
			id, ok := number[g]
			if !ok {
				id = int32(len(number))
				number[g] = id
			}
			numbered = append(numbered, id)
		}
		from[k+1] = len(numbered)
	}
	grams := func(k int) []int32 { return numbered[from[k]:from[k+1]] }
	share := func(seen, of int) float64 {
		if of == 0 {
			return 0
		}
		return float64(seen) / float64(of)
	}
	p.overlapUp, p.overlapDown = make([]float64, n), make([]float64, n)
	lastAt := make([]int, len(number)) // the latest line above holding each bigram
	for g := range lastAt {
		lastAt[g] = -overlapReach - 1
	}
	for k := 0; k < n; k++ {
		seen := 0
		for _, g := range grams(k) {
			if lastAt[g] >= k-overlapReach {
				seen++
			}
			lastAt[g] = k
		}
		p.overlapUp[k] = share(seen, len(grams(k)))
	}
	nextAt := lastAt // the nearest line below holding each bigram
	for g := range nextAt {
		nextAt[g] = n + overlapReach
	}
	for k := n - 1; k >= 0; k-- {
		seen := 0
		for _, g := range grams(k) {
			if nextAt[g] <= k+overlapReach {
				seen++
			}
			nextAt[g] = k
		}
		p.overlapDown[k] = share(seen, len(grams(k)))
	}
}

// sortedBigrams are the distinct pairs of Han characters of s, sorted:
// the words of lexical overlap when no dictionary is asked.
func sortedBigrams(s string) []uint64 { return appendSortedBigrams(nil, s) }

// appendSortedBigrams is sortedBigrams appended to out.
func appendSortedBigrams(out []uint64, s string) []uint64 {
	start := len(out)
	var prev rune
	for _, r := range s {
		if isHan(r) {
			if prev != 0 {
				out = append(out, uint64(prev)<<32|uint64(r))
			}
			prev = r
		} else if !isSpace(r) {
			prev = 0
		}
	}
	slices.Sort(out[start:])
	return append(out[:start], slices.Compact(out[start:])...)
}

func bucket(x int, edges ...int) string {
	for _, e := range edges {
		if x <= e {
			return strconv.Itoa(e)
		}
	}
	return ">" + strconv.Itoa(edges[len(edges)-1])
}

// runeClass names the kind of a line's first or last character.
func runeClass(r rune) string {
	switch {
	case r == 0:
		return "none"
	case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '.':
		return "end"
	case r == '，' || r == ',':
		return "comma"
	case r == '、':
		return "enum"
	case r == '：' || r == ':':
		return "colon"
	case r == '；' || r == ';':
		return "semi"
	case r == '—' || r == '－' || r == '-':
		return "dash"
	case r == '…':
		return "ellipsis"
	case r == '）' || r == ')':
		return "rparen"
	case r == '（' || r == '(':
		return "lparen"
	case r == '”' || r == '’' || r == '"' || r == '」':
		return "rquote"
	case r == '“' || r == '‘' || r == '「':
		return "lquote"
	case r == '《':
		return "lbook"
	case r == '》':
		return "rbook"
	case isDigitRune(r) || r >= '０' && r <= '９':
		return "digit"
	case isHan(r):
		return "han"
	case r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'):
		return "latin"
	case isAuthorMark(r):
		return "mark"
	case r == '\uFFFD':
		return "lost"
	}
	return "other"
}

// lineShape is what the neighbours of a line are told of it.
func (p *pageLines) shape(k int) (width, end, start string) {
	l := &p.lay.lines[p.idx[k]]
	d := p.measure[k] - l.width
	switch {
	case d < -2:
		width = "wide"
	case d <= 0:
		width = "full"
	case d <= 2:
		width = "m1"
	case d <= 4:
		width = "m2"
	case d <= 6:
		width = "m3"
	case l.width*2 >= p.measure[k]:
		width = "half+"
	case l.width*4 >= p.measure[k]:
		width = "quarter+"
	default:
		width = "short"
	}
	end = runeClass(l.last)
	if l.endsSentence() {
		end = "sent"
	}
	return width, end, runeClass(l.first)
}

// blanksAround counts the blank lines right before and after content line k.
func (p *pageLines) blanksAround(k int) (before, after int, brk bool) {
	lines := p.lay.lines
	i := p.idx[k]
	for j := i - 1; j >= 0 && (lines[j].blank() || lines[j].pageBreak); j-- {
		before++
		brk = brk || lines[j].pageBreak
	}
	if i == 0 || before == i {
		before = 9 // the page's first line
	}
	for j := i + 1; j < len(lines) && (lines[j].blank() || lines[j].pageBreak); j++ {
		after++
	}
	if i+1+after >= len(lines) {
		after = 9
	}
	return before, after, brk
}

// standsAlone reports content line k with blank lines (or the page's
// edge) before and after it.
func (p *pageLines) standsAlone(k int) bool {
	before, after, _ := p.blanksAround(k)
	return before > 0 && after > 0
}

// cue is one pattern of a line's own text: a name (credit, dateline), and
// for the cues that quote the line's first or last characters (pre=,
// suf=, last=) those characters, kept apart so that no string is made of
// them.
type cue struct{ name, chars string }

// quotesLine reports a cue of the line's own characters: the model weighs
// them alone, not with the line's width.
func (c cue) quotesLine() bool { return c.name == "pre=" || c.name == "suf=" || c.name == "last=" }

// cues are the patterns of the line's own text.
func (p *pageLines) cues(k int) []cue {
	lay := p.lay
	i := p.idx[k]
	s := lay.content(i)
	squashed := squashSpaces(s)
	out := make([]cue, 0, 8)
	add := func(f string) { out = append(out, cue{name: f}) }
	if isDateline(s) || isDateline(squashed) {
		add("dateline")
	}
	// each check once: the story-end cue is these three together
	credit, byParen, endCredit := isCredit(s), isBylineParen(s), endsWithCredit(s)
	if credit {
		add("credit")
	}
	_, lastSize := utf8.DecodeLastRuneInString(squashed)
	if nameCredits(s) || nameCredits(squashed) {
		add("namecredit") // 曹一图, 于石文: a name and what they made
	}
	if unclosed(s) {
		add("unclosed") // a bracket or quote opened and not closed: the text goes on
	}
	if isAuthorLine(s) {
		add("author")
	}
	if byParen {
		add("byparen")
	}
	if endCredit {
		add("endcredit")
	}
	if _, ok := furniture(s); ok {
		add("furn")
	}
	if bracketed(s) {
		add("brk")
	}
	if closesEarlierLine(s) {
		add("closes")
	}
	if m := endMark(s); m != "" {
		add("mark=" + m)
	}
	if byParen || credit || endCredit { // isStoryEndCue
		add("endcue")
	}
	if strings.HasSuffix(s, "电）") || strings.HasSuffix(s, "电)") {
		add("dl_close")
	}
	if at, _ := captionStart(s); at == 0 {
		add("caption_cue")
	}
	if squashedNoise(squashed) {
		add("noise_cue")
	}
	if startsListItem(s) {
		add("list")
	}
	spaces := strings.Count(s, " ") + strings.Count(s, "\u3000")
	l := &lay.lines[i]
	switch {
	case spaces == 0:
	case l.runes > 2 && spaces*2 >= l.runes-1:
		add("letterspaced")
	case spaces >= 2:
		add("spaces2+")
	default:
		add("space1")
	}
	if l.han*2 < l.runes {
		add("fewhan")
	}
	// the first and last two characters: cue words such as 本报, 记者,
	// 图为, 摄, 电）, 编者按 are learned from the data, not listed
	if _, first := utf8.DecodeRuneInString(squashed); first < len(squashed) {
		_, second := utf8.DecodeRuneInString(squashed[first:])
		_, beforeLast := utf8.DecodeLastRuneInString(squashed[:len(squashed)-lastSize])
		out = append(out, cue{"pre=", squashed[:first+second]}, cue{"suf=", squashed[len(squashed)-lastSize-beforeLast:]})
	}
	if squashed != "" {
		out = append(out, cue{"last=", squashed[len(squashed)-lastSize:]})
	}
	return out
}

// unclosed reports a line that opens more brackets or quotes than it closes.
func unclosed(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '（', '(', '“', '《', '「', '‘', '【':
			depth++
		case '）', ')', '”', '》', '」', '’', '】':
			depth--
		}
	}
	return depth > 0
}

// looksNoise reports text that a newspaper prints as a running head or
// folio anywhere on the page: the paper's name, the date, the weekday,
// a bare page number, 第N版, the publisher.
func looksNoise(s string) bool { return squashedNoise(squashSpaces(s)) }

// squashedNoise is looksNoise of a text without its spaces.
func squashedNoise(s string) bool {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 24 {
		return false
	}
	if isPaperName(s) || strings.HasSuffix(s, "报社出版") || strings.HasPrefix(s, "星期") {
		return true
	}
	if strings.HasPrefix(s, "第") && strings.HasSuffix(s, "版") {
		return true
	}
	digits := 0
	for _, r := range s {
		if isDigitRune(r) || r >= '０' && r <= '９' {
			digits++
		}
	}
	if digits == n && n <= 3 {
		return true
	}
	return dateAt(s) != "" && n <= 14
}

// paperNameEnds are how the names of Chinese newspapers end (人民日报,
// 新民晚报, 环球时报, 南方都市报, 中国青年报); a short line that is only
// such a name is the paper's running head.
var paperNameEnds = []string{"日报", "晚报", "早报", "晨报", "时报", "商报", "周报", "都市报", "青年报", "法治报", "经济报", "京报", "文汇报", "大公报"}

// isPaperName reports a short line that is a newspaper's name.
func isPaperName(s string) bool {
	if utf8.RuneCountInString(s) > 8 {
		return false
	}
	for _, end := range paperNameEnds {
		if strings.HasSuffix(s, end) && s != end {
			return true
		}
	}
	return false
}

func squashSpaces(s string) string {
	// (strings.ContainsAny with a non-ASCII set decodes every rune: this
	// runs on every line many times, so the bytes are looked at directly)
	if strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, '\t') < 0 && !strings.Contains(s, "\u3000") {
		return s
	}
	return string(appendSquashed(make([]byte, 0, len(s)), s))
}

// appendSquashed appends s without its spaces to b.
func appendSquashed(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// features lists the features of every content line by name, as training
// and `galley parse --explain` want them.
func (p *pageLines) features() [][]string {
	out := make([][]string, len(p.idx))
	p.eachFeature(func(k int, name []byte) { out[k] = append(out[k], string(name)) })
	return out
}

// featureRows are the model's weight rows of every content line's
// features (seqlabel.Model.Row), in the order features lists them:
// parsing looks each name up as it is written and makes no string of it.
func (p *pageLines) featureRows(model *seqlabel.Model) [][]int32 {
	return p.featureRowsOf(model)[0]
}

// featureRowsOf is featureRows for several models at once, the features
// written once: out[m][k] are model m's rows of line k.
func (p *pageLines) featureRowsOf(models ...*seqlabel.Model) [][][]int32 {
	flat := make([][]int32, len(models))
	ends := make([][]int, len(models))
	for m := range models {
		flat[m] = make([]int32, 0, 64*len(p.idx))
		ends[m] = make([]int, len(p.idx))
	}
	p.eachFeature(func(k int, name []byte) {
		for m, model := range models {
			if r := model.Row(name); r >= 0 {
				flat[m] = append(flat[m], r)
			}
			ends[m][k] = len(flat[m])
		}
	})
	out := make([][][]int32, len(models))
	for m := range models {
		out[m] = make([][]int32, len(p.idx))
		from := 0
		for k, end := range ends[m] {
			end = max(end, from) // (every line has its bias feature: never less)
			out[m][k] = flat[m][from:end:end]
			from = end
		}
	}
	return out
}

// featureWriter writes each feature's name into one reused buffer and
// hands it on: most names are a few parts run together ("pe=", end, "|w=",
// width), and a page has tens of features a line.
type featureWriter struct {
	buf  []byte
	line int
	emit func(line int, name []byte)
}

func (fw *featureWriter) add(parts ...string) {
	fw.buf = fw.buf[:0]
	for _, part := range parts {
		fw.buf = append(fw.buf, part...)
	}
	fw.emit(fw.line, fw.buf)
}

// eachFeature hands every content line's features to emit, line by line
// (emit must copy a name it keeps).
func (p *pageLines) eachFeature(emit func(line int, name []byte)) {
	n := len(p.idx)
	widths := make([]string, n)
	ends := make([]string, n)
	starts := make([]string, n)
	for k := range p.idx {
		widths[k], ends[k], starts[k] = p.shape(k)
	}
	get := func(a []string, k int) string {
		if k < 0 {
			return "BOP"
		}
		if k >= n {
			return "EOP"
		}
		return a[k]
	}
	cascade := cascadeFeatures(p.lay.text, p.lay.lines)
	cueOf := make([][]cue, n)
	for k := range p.idx {
		cueOf[k] = p.cues(k)
	}
	fw := &featureWriter{buf: make([]byte, 0, 256), emit: emit}
	add := func(parts ...string) { fw.add(parts...) } // (a method value would move each call's parts to the heap)
	for k, i := range p.idx {
		l := &p.lay.lines[i]
		fw.line = k
		add("bias")
		bb, ba, brk := p.blanksAround(k)
		bbs, bas := bucket(bb, 0, 1, 2), bucket(ba, 0, 1, 2)
		w, e, s := widths[k], ends[k], starts[k]
		add("w=", w)
		add("e=", e)
		add("s=", s)
		add("bb=", bbs)
		add("ba=", bas)
		add("w=", w, "|e=", e)
		add("w=", w, "|bb=", bbs)
		add("e=", e, "|ba=", bas)
		add("runes=", bucket(l.runes, 2, 4, 6, 8, 12, 16, 24, 40))
		if l.lead {
			add("lead")
			add("lead|w=", w)
			// what an indent says depends on the page: where indents are
			// rare they mark text blocks (a story's start), where most
			// paragraphs have one they mark paragraphs
			add("lead|rare=", strconv.FormatBool(p.lay.leadRare))
			add("lead|rare=", strconv.FormatBool(p.lay.leadRare), "|pe=", get(ends, k-1))
		}
		add("style=", p.style, "|bb=", bbs, "|e=", get(ends, k-1))
		if brk {
			add("pagebreak")
		}
		// neighbours
		add("pw=", get(widths, k-1), "|w=", w)
		add("pe=", get(ends, k-1), "|s=", s)
		add("pe=", get(ends, k-1), "|w=", w)
		add("pe=", get(ends, k-1), "|bb=", bbs)
		add("nw=", get(widths, k+1), "|w=", w)
		add("e=", e, "|ns=", get(starts, k+1))
		add("e=", e, "|nw=", get(widths, k+1))
		add("ppw=", get(widths, k-2), "|pw=", get(widths, k-1))
		add("nw=", get(widths, k+1), "|nnw=", get(widths, k+2))
		add("pe=", get(ends, k-1))
		add("ne=", get(ends, k+1))
		if k+1 < n {
			nb, _, _ := p.blanksAround(k + 1)
			_, na, _ := p.blanksAround(k + 1)
			add("nba=", bucket(na, 0, 1, 2))
			_ = nb
		}
		if k > 0 {
			pb, _, _ := p.blanksAround(k - 1)
			add("pbb=", bucket(pb, 0, 1, 2))
		}
		// width against the line before: the lines of a wrapped headline
		// run to the same width, a subtitle under a title does not
		if k > 0 {
			pl := &p.lay.lines[p.idx[k-1]]
			rel := "eq"
			switch d := l.width - pl.width; {
			case d > 2:
				rel = "longer"
			case d < -2:
				rel = "shorter"
			}
			add("pwrel=", rel)
			add("pwrel=", rel, "|runes=", bucket(l.runes, 4, 8, 16, 24))
			add("pwrel=", rel, "|pe=", get(ends, k-1))
		}
		// position on the page
		switch {
		case k < 3:
			add("pos=top", strconv.Itoa(k))
		case k >= n-2:
			add("pos=bottom")
		}
		for _, c := range cueOf[k] {
			add(c.name, c.chars)
			if !c.quotesLine() {
				add(c.name, c.chars, "|w=", w)
			}
		}
		rules := cascade[i]
		if len(rules) == 0 {
			rules = []string{"r:none"}
		}
		for _, r := range rules {
			add(r)
			add(r, "|bb=", bbs)
		}
		if k > 0 {
			for _, r := range cascade[p.idx[k-1]] {
				add("p", r)
			}
		}
		if k > 0 {
			for _, c := range cueOf[k-1] {
				if c.toNeighbours() {
					add("p:", c.name)
				}
			}
		}
		if k+1 < n {
			for _, c := range cueOf[k+1] {
				if c.toNeighbours() {
					add("n:", c.name)
				}
			}
		}
		// lexical overlap with the text above and below: a headline shares
		// words with its own story
		if l.runes <= 40 {
			up, down := p.overlapUp[k], p.overlapDown[k]
			switch {
			case up == 0 && down == 0:
				add("ov=none")
			case up > down+0.15:
				add("ov=up")
			case down > up+0.15:
				add("ov=down")
			default:
				add("ov=even")
			}
		}
		if g := p.lay.geom; g != nil && g[i] != nil {
			var prev *LineGeometry
			if k > 0 {
				prev = g[p.idx[k-1]]
			}
			for _, name := range geometryFeatures(g[i], prev) {
				add(name)
			}
		}
	}
}

// toNeighbours reports a cue that matters to the lines before and after.
func (c cue) toNeighbours() bool {
	switch c.name {
	case "unclosed", "namecredit", "dateline", "credit", "author", "byparen", "endcredit", "furn", "brk", "dl_close", "caption_cue", "noise_cue", "letterspaced", "endcue":
		return true
	}
	return false
}

// cascadeFeatures are the decisions of the rule cascade that cut pages
// before the model (markFurniture, markStarts, drafts, reflow), as
// features: on the kind of page the rules were written for they are
// right, and the model learns where to trust them. lines are the text's
// (scanLines): the rules decide in a layout of their own, and no rule
// changes a line.
func cascadeFeatures(text string, lines []line) [][]string {
	lay := newLayout(text, lines)
	lay.markFurniture()
	lay.markStarts()
	// by line index: every content line's are read, and a slice is
	// cheaper to read than a map of a page's lines
	out := make([][]string, len(lines))
	add := func(i int, f string) { out[i] = append(out[i], f) }
	for i := range lay.furn {
		add(i, "r:furn")
	}
	for i, s := range lay.start {
		if s {
			add(i, "r:start")
		}
	}
	drafts, groups := lay.drafts()
	for _, g := range groups {
		for i := g.u.first; i <= g.u.last; i++ {
			add(i, "r:head")
		}
		add(g.u.first, "r:headfirst")
		if g.next >= 0 && g.prev < 0 {
			add(g.u.first, "r:headdown")
		}
	}
	for _, d := range drafts {
		add(d.body[0].first, "r:storyfirst")
		for _, rp := range lay.reflow(d) {
			for _, sp := range rp.spans {
				// the line holding the span's start opens the paragraph
				i := lay.lineAt(sp.start)
				if i >= 0 {
					add(i, "r:para_"+rp.kind)
				}
				break
			}
		}
	}
	return out
}

// lineAt is the index of the line holding byte offset at.
func (lay *layout) lineAt(at int) int {
	lo, hi := 0, len(lay.lines)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		l := &lay.lines[mid]
		switch {
		case at < l.start:
			hi = mid - 1
		case at > l.end:
			lo = mid + 1
		default:
			return mid
		}
	}
	return -1
}
