package ingest

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
	"github.com/galley/galley/lexicon"
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
	// breaks counts, by line index, the page breaks up to the line: two
	// lines are on one page when they count as many (samePage)
	breaks []int32
	// lex is the lexicon (nil: none), by which the grouping reads a word
	// across a break
	lex *lexicon.Lexicon
	// grouped says, by line index, why the grouping of lines into
	// stories overrode where a line stood (for --explain)
	grouped map[int]string
	// squashed is every content line's text without its spaces
	// (appendSquashed), line after line in reading order, and content
	// line k's is squashed[squashedAt[k]:squashedAt[k+1]]: the grouping
	// asks for the squashed text of a story's lines again and again
	// (itemText), which is then a piece of it, not a copy made anew
	squashed   string
	squashedAt []int
}

// overlapReach is how many lines above and below a line the lexical
// overlap looks for its bigrams.
const overlapReach = 15

// newPageLines reads a page's content lines, in reading order; lex reads
// the words across line breaks there and in the grouping (nil: none).
func newPageLines(lay *layout, lex *lexicon.Lexicon) *pageLines {
	p := &pageLines{lay: lay, lex: lex, breaks: make([]int32, len(lay.lines))}
	var breaks int32
	for i := range lay.lines {
		l := &lay.lines[i]
		if l.pageBreak {
			breaks++
		}
		p.breaks[i] = breaks
		if !l.blank() && !l.pageBreak {
			p.idx = append(p.idx, i)
		}
	}
	if lay.geom == nil {
		// a PDF's lines come in reading order from their places
		p.idx = readingOrder(lay, p.idx, knownWords(lex))
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
	p.squashLines()
	return p
}

// squashLines sets squashed and squashedAt.
func (p *pageLines) squashLines() {
	n := 0
	for _, i := range p.idx {
		n += len(p.lay.content(i))
	}
	b := make([]byte, 0, n)
	p.squashedAt = make([]int, len(p.idx)+1)
	for k, i := range p.idx {
		b = appendSquashed(b, p.lay.content(i))
		p.squashedAt[k+1] = len(b)
	}
	p.squashed = builtString(b)
}

// squashedRun is the squashed text of parts' lines (itemText) when they
// are content lines that follow each other in reading order, as a
// story's lines mostly do: a piece of squashed. ok is false for lines
// that do not.
func (p *pageLines) squashedRun(parts []labelledPart) (s string, ok bool) {
	first, next := -1, -1
	for _, part := range parts {
		for _, i := range part.lines {
			k := p.pos[i]
			if k >= len(p.idx) || p.idx[k] != i || first >= 0 && k != next {
				return "", false
			}
			if first < 0 {
				first = k
			}
			next = k + 1
		}
	}
	if first < 0 {
		return "", true
	}
	return p.squashed[p.squashedAt[first]:p.squashedAt[next]], true
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
	most := 0 // (a line has fewer bigrams than Han characters: numbered grew to it)
	for _, i := range p.idx {
		most += p.lay.lines[i].han
	}
	numbered := make([]int32, 0, most)
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
	if i := bucketIndex(x, edges); i < len(edges) {
		return strconv.Itoa(edges[i])
	}
	return ">" + strconv.Itoa(edges[len(edges)-1])
}

// bucketIndex is the number of x's bucket: the first edge x is not
// beyond, or len(edges) past the last.
func bucketIndex(x int, edges []int) int {
	for i, e := range edges {
		if x <= e {
			return i
		}
	}
	return len(edges)
}

// buckets are bucket's words for one list of edges, as fills of a word
// set: eachFeature buckets several numbers a line.
type buckets struct {
	edges []int
	fills []fill
}

func newBuckets(words *wordSet, edges ...int) buckets {
	b := buckets{edges: edges}
	for i := range len(edges) + 1 {
		x := edges[len(edges)-1] + 1 // past the last
		if i < len(edges) {
			x = edges[i]
		}
		b.fills = append(b.fills, words.fill(bucket(x, edges...)))
	}
	return b
}

func (b buckets) of(x int) fill { return b.fills[bucketIndex(x, b.edges)] }

var (
	blankBuckets = newBuckets(bucketWords, 0, 1, 2)
	runeBuckets  = newBuckets(bucketWords, 2, 4, 6, 8, 12, 16, 24, 40)
	// the runes of a line against the one before
	relRuneBuckets = newBuckets(bucketWords, 4, 8, 16, 24)
)

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
	case isAnyDigit(r):
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
type cue struct {
	name, chars string
	word        uint8 // name's id among cueWords (a cue without chars)
}

// quotesLine reports a cue of the line's own characters: the model weighs
// them alone, not with the line's width.
func (c cue) quotesLine() bool { return c.name == "pre=" || c.name == "suf=" || c.name == "last=" }

// appendCues appends the patterns of content line k's own text to out.
func (p *pageLines) appendCues(out []cue, k int) []cue {
	lay := p.lay
	i := p.idx[k]
	s := lay.content(i)
	squashed := squashSpaces(s)
	// the checks of the squashed text are asked only where it is not s
	spaced := len(squashed) != len(s)
	add := func(f string) { out = append(out, cue{name: f, word: cueWords.fill(f).id}) }
	if dateline.Opens(s) {
		add("dateline")
	}
	// each check once: the story-end cue is these three together
	cr := lay.credits(i)
	credit, byParen, endCredit := cr.credit, cr.byParen, cr.endCredit
	if credit {
		add("credit")
	}
	_, lastSize := utf8x.Last(squashed)
	if nameCredits(s) || spaced && nameCredits(squashed) {
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
	if cr.storyEnd() {
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
	if _, first := utf8x.First(squashed); first < len(squashed) {
		_, second := utf8x.First(squashed[first:])
		_, beforeLast := utf8x.Last(squashed[:len(squashed)-lastSize])
		out = append(out, cue{name: "pre=", chars: squashed[:first+second]}, cue{name: "suf=", chars: squashed[len(squashed)-lastSize-beforeLast:]})
	}
	if squashed != "" {
		out = append(out, cue{name: "last=", chars: squashed[len(squashed)-lastSize:]})
	}
	return out
}

// unclosed reports a line that opens more brackets or quotes than it closes.
func unclosed(s string) bool {
	depth, _ := bracketDepth(s)
	return depth > 0
}

// overclosed reports text that closes a bracket or quote it did not open:
// the end of a phrase begun on a line before it.
func overclosed(s string) bool {
	_, closesUnopened := bracketDepth(s)
	return closesUnopened
}

// bracketDepth counts the brackets and quotes s leaves open (negative when
// it closes more than it opens), and reports whether it closes one at a
// point where none is open.
func bracketDepth(s string) (depth int, closesUnopened bool) {
	for _, r := range s {
		switch r {
		case '（', '(', '“', '《', '「', '‘', '【':
			depth++
		case '）', ')', '”', '》', '」', '’', '】':
			if depth--; depth < 0 {
				closesUnopened = true
			}
		}
	}
	return depth, closesUnopened
}

// looksNoise reports text that a newspaper prints as a running head or
// folio anywhere on the page: the paper's name, the date, the weekday,
// a bare page number, 第N版, the publisher.
func looksNoise(s string) bool { return squashedNoise(squashSpaces(s)) }

// squashedNoise is looksNoise of a text without its spaces.
func squashedNoise(s string) bool {
	if s == "" || len(s) > 24*utf8.UTFMax {
		return false // (more than 24 runes, without counting them: most lines are)
	}
	n := utf8x.Count(s)
	if n > 24 {
		return false
	}
	if isPaperName(s) || strings.HasSuffix(s, "报社出版") || strings.HasPrefix(s, "星期") {
		return true
	}
	if strings.HasPrefix(s, "第") && strings.HasSuffix(s, "版") {
		return true
	}
	if n <= 3 { // (only a short text is looked at for a bare number)
		digits := 0
		for _, r := range s {
			if isAnyDigit(r) {
				digits++
			}
		}
		if digits == n {
			return true
		}
	}
	return dateAt(s) != "" && n <= 14
}

// paperNameEnds are how the names of Chinese newspapers end (人民日报,
// 新民晚报, 环球时报, 南方都市报, 中国青年报); a short line that is only
// such a name is the paper's running head.
var paperNameEnds = []string{"日报", "晚报", "早报", "晨报", "时报", "商报", "周报", "都市报", "青年报", "法治报", "经济报", "京报", "文汇报", "大公报"}

// isPaperName reports a short line that is a newspaper's name.
func isPaperName(s string) bool {
	if len(s) > 8*utf8.UTFMax || utf8x.Count(s) > 8 {
		return false
	}
	for _, end := range paperNameEnds {
		if strings.HasSuffix(s, end) && s != end {
			return true
		}
	}
	return false
}

// squashSpaces is s without its spaces, s itself when it has no space,
// tab or ideographic space (which leaves s's other blanks, such as a
// no-break space, where they are).
func squashSpaces(s string) string {
	if !squashes(s) {
		return s
	}
	return builtString(appendSquashed(make([]byte, 0, len(s)), s))
}

// squashes reports whether squashSpaces takes anything out of s.
func squashes(s string) bool {
	// (strings.ContainsAny with a non-ASCII set decodes every rune: this
	// runs on every line many times, so the bytes are looked at directly)
	return strings.IndexByte(s, ' ') >= 0 || strings.IndexByte(s, '\t') >= 0 || strings.Contains(s, "\u3000")
}

// appendSquashed appends s without its spaces (isSpace) to b. It looks at
// bytes instead of decoding each rune (it runs over every line, most of
// them spaceless Han text), and copies the runs between spaces whole.
// Every byte that is not a continuation byte starts a rune as utf8 decodes
// s (a continuation byte is only ever read as part of the rune before
// it), so asking at every byte finds the spaces a rune-by-rune loop
// finds: an ASCII space, or a rune led by 0xC2 (no-break space), 0xE2
// (U+2001–U+200A) or 0xE3 (U+3000).
func appendSquashed(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		n := 0
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\v', '\r':
			n = 1
		case 0xC2, 0xE2, 0xE3:
			if r, size := utf8x.First(s[i:]); isSpace(r) {
				n = size
			}
		}
		if n == 0 {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		i += n
		start = i
	}
	return append(b, s[start:]...)
}

// features lists the features of every content line by name, as training
// and `galley parse --explain` want them.
func (p *pageLines) features() [][]string {
	out := make([][]string, len(p.idx))
	p.eachFeature(&featureWriter{name: func(k int, name []byte) { out[k] = append(out[k], string(name)) }})
	return out
}

// featureRows are the model's weight rows of every content line's
// features (seqlabel.Model.Row), in the order features lists them:
// parsing looks each name up once a page (see templates.go) and makes no
// string of it.
func (p *pageLines) featureRows(model *seqlabel.Model) [][]int32 {
	return p.featureRowsOf(model)[0]
}

// featureRowsOf is featureRows for several models at once, the features
// written once: out[m][k] are model m's rows of line k.
func (p *pageLines) featureRowsOf(models ...*seqlabel.Model) [][][]int32 {
	// (the pages of the corpus weigh 33 to 35 rows a line, each model; room
	// for 64 was made and zeroed)
	fw := newRowWriter(len(p.idx), 40, models...)
	p.eachFeature(fw)
	out := make([][][]int32, len(models))
	for m := range models {
		out[m] = fw.rows(m)
	}
	return out
}

// newRowWriter is a featureWriter that keeps the models' rows of the
// features of n lines, room made for perLine rows a line.
func newRowWriter(n, perLine int, models ...*seqlabel.Model) *featureWriter {
	fw := &featureWriter{models: models}
	for range models {
		fw.known = append(fw.known, make([][]int32, len(templates)))
		fw.flat = append(fw.flat, make([]int32, 0, perLine*n))
		fw.ends = append(fw.ends, make([]int, n))
	}
	return fw
}

// rows are the rows model m weighs of each line written, line by line.
func (fw *featureWriter) rows(m int) [][]int32 {
	out := make([][]int32, len(fw.ends[m]))
	from := 0
	for k, end := range fw.ends[m] {
		end = max(end, from) // (a line none of whose features the model weighs has none)
		out[k] = fw.flat[m][from:end:end]
		from = end
	}
	return out
}

// featureWriter writes each feature's name into one reused buffer and
// hands it on: most names are a few parts run together ("pe=", end, "|w=",
// width), and a page has tens of features a line. It either hands each
// name to name (which must copy a name it keeps), or, with a model, keeps
// the row of each feature the model weighs.
type featureWriter struct {
	buf  []byte
	line int
	name func(line int, name []byte)

	models []*seqlabel.Model
	// known[m][t][c] is, once looked up, 2 + model m's row of
	// combination c of template t (1: the model does not weigh it); 0
	// before
	known [][][]int32
	flat  [][]int32 // model m's rows, line after line
	ends  [][]int   // line k's rows of model m end at flat[m][ends[m][k]]
}

func (fw *featureWriter) add(parts ...string) {
	fw.buf = fw.buf[:0]
	for _, part := range parts {
		fw.buf = append(fw.buf, part...)
	}
	fw.put()
}

// addT writes the feature of template t with its slots filled.
func (fw *featureWriter) addT(t *template, fills ...fill) {
	if fw.models != nil {
		if c := t.combination(fills); c >= 0 {
			named := false
			for m, model := range fw.models {
				known := fw.known[m][t.id]
				if known == nil {
					known = make([]int32, t.size)
					fw.known[m][t.id] = known
				}
				if known[c] == 0 {
					if !named {
						fw.buf, named = t.appendName(fw.buf[:0], fills), true
					}
					known[c] = model.Row(fw.buf) + 2
				}
				fw.row(m, known[c]-2)
			}
			return
		}
	}
	fw.buf = t.appendName(fw.buf[:0], fills)
	fw.put()
}

// put hands on the feature named in buf.
func (fw *featureWriter) put() {
	if fw.models == nil {
		fw.name(fw.line, fw.buf)
		return
	}
	for m, model := range fw.models {
		fw.row(m, model.Row(fw.buf))
	}
}

// row keeps model m's row r of the current line's feature (none when
// r < 0).
func (fw *featureWriter) row(m int, r int32) {
	if r >= 0 {
		fw.flat[m] = append(fw.flat[m], r)
	}
	fw.ends[m][fw.line] = len(fw.flat[m])
}

// The templates of eachFeature's features.
var (
	tBias      = newTemplate("bias")
	tW         = newTemplate("w=", widthWords)
	tE         = newTemplate("e=", classWords)
	tS         = newTemplate("s=", classWords)
	tBB        = newTemplate("bb=", bucketWords)
	tBA        = newTemplate("ba=", bucketWords)
	tWE        = newTemplate("w=", widthWords, "|e=", classWords)
	tWBB       = newTemplate("w=", widthWords, "|bb=", bucketWords)
	tEBA       = newTemplate("e=", classWords, "|ba=", bucketWords)
	tRunes     = newTemplate("runes=", bucketWords)
	tStyle     = newTemplate("style=", styleWords, "|bb=", bucketWords, "|e=", classWords)
	tPageBreak = newTemplate("pagebreak")
	tPWW       = newTemplate("pw=", widthWords, "|w=", widthWords)
	tPES       = newTemplate("pe=", classWords, "|s=", classWords)
	tPEW       = newTemplate("pe=", classWords, "|w=", widthWords)
	tPEBB      = newTemplate("pe=", classWords, "|bb=", bucketWords)
	tNWW       = newTemplate("nw=", widthWords, "|w=", widthWords)
	tENS       = newTemplate("e=", classWords, "|ns=", classWords)
	tENW       = newTemplate("e=", classWords, "|nw=", widthWords)
	tPPWPW     = newTemplate("ppw=", widthWords, "|pw=", widthWords)
	tNWNNW     = newTemplate("nw=", widthWords, "|nnw=", widthWords)
	tPE        = newTemplate("pe=", classWords)
	tNE        = newTemplate("ne=", classWords)
	tNBA       = newTemplate("nba=", bucketWords)
	tPBB       = newTemplate("pbb=", bucketWords)
	tRel       = newTemplate("pwrel=", relWords)
	tRelRunes  = newTemplate("pwrel=", relWords, "|runes=", bucketWords)
	tRelPE     = newTemplate("pwrel=", relWords, "|pe=", classWords)
	tBottom    = newTemplate("pos=bottom")
	tCue       = newTemplate(cueWords)
	tCueW      = newTemplate(cueWords, "|w=", widthWords)
	tRule      = newTemplate(ruleWords)
	tRuleBB    = newTemplate(ruleWords, "|bb=", bucketWords)
	tPrevRule  = newTemplate("p", ruleWords)
	tPrevCue   = newTemplate("p:", cueWords)
	tNextCue   = newTemplate("n:", cueWords)
	tOverlap   = newTemplate("ov=", overlapWords)
)

var (
	relEq, relLonger, relShorter = relWords.fill("eq"), relWords.fill("longer"), relWords.fill("shorter")
	ovNone, ovUp, ovDown, ovEven = overlapWords.fill("none"), overlapWords.fill("up"), overlapWords.fill("down"), overlapWords.fill("even")
)

// eachFeature writes every content line's features, line by line.
func (p *pageLines) eachFeature(fw *featureWriter) {
	n := len(p.idx)
	widths := make([]fill, n)
	ends := make([]fill, n)
	starts := make([]fill, n)
	for k := range p.idx {
		w, e, s := p.shape(k)
		widths[k], ends[k], starts[k] = widthWords.fill(w), classWords.fill(e), classWords.fill(s)
	}
	bop, eop := fill{"BOP", widthWords.ids["BOP"]}, fill{"EOP", widthWords.ids["EOP"]}
	if classWords.ids["BOP"] != bop.id || classWords.ids["EOP"] != eop.id {
		panic("ingest: BOP and EOP must have one id in widthWords and classWords")
	}
	get := func(a []fill, k int) fill {
		if k < 0 {
			return bop
		}
		if k >= n {
			return eop
		}
		return a[k]
	}
	cascade := cascadeFeatures(p.lay)
	// every line's cues in one slice (a cue holds strings: one slice a
	// line would be as many objects for the collector)
	cueOf := make([][]cue, n)
	all := make([]cue, 0, 5*n) // (3 to 4 a line on the corpus's pages)
	for k := range p.idx {
		from := len(all)
		all = p.appendCues(all, k)
		cueOf[k] = all[from:len(all):len(all)]
	}
	fw.buf = make([]byte, 0, 256)
	none := []fill{ruleWords.fill("r:none")}
	style := styleWords.fill(p.style)
	for k, i := range p.idx {
		l := &p.lay.lines[i]
		fw.line = k
		fw.addT(tBias)
		bb, ba, brk := p.blanksAround(k)
		bbs, bas := blankBuckets.of(bb), blankBuckets.of(ba)
		w, e, s := widths[k], ends[k], starts[k]
		pe := get(ends, k-1)
		fw.addT(tW, w)
		fw.addT(tE, e)
		fw.addT(tS, s)
		fw.addT(tBB, bbs)
		fw.addT(tBA, bas)
		fw.addT(tWE, w, e)
		fw.addT(tWBB, w, bbs)
		fw.addT(tEBA, e, bas)
		fw.addT(tRunes, runeBuckets.of(l.runes))
		if l.lead {
			fw.add("lead")
			fw.add("lead|w=", w.word)
			// what an indent says depends on the page: where indents are
			// rare they mark text blocks (a story's start), where most
			// paragraphs have one they mark paragraphs
			fw.add("lead|rare=", strconv.FormatBool(p.lay.leadRare))
			fw.add("lead|rare=", strconv.FormatBool(p.lay.leadRare), "|pe=", pe.word)
		}
		fw.addT(tStyle, style, bbs, pe)
		if brk {
			fw.addT(tPageBreak)
		}
		// neighbours
		fw.addT(tPWW, get(widths, k-1), w)
		fw.addT(tPES, pe, s)
		fw.addT(tPEW, pe, w)
		fw.addT(tPEBB, pe, bbs)
		fw.addT(tNWW, get(widths, k+1), w)
		fw.addT(tENS, e, get(starts, k+1))
		fw.addT(tENW, e, get(widths, k+1))
		fw.addT(tPPWPW, get(widths, k-2), get(widths, k-1))
		fw.addT(tNWNNW, get(widths, k+1), get(widths, k+2))
		fw.addT(tPE, pe)
		fw.addT(tNE, get(ends, k+1))
		if k+1 < n {
			_, na, _ := p.blanksAround(k + 1)
			fw.addT(tNBA, blankBuckets.of(na))
		}
		if k > 0 {
			pb, _, _ := p.blanksAround(k - 1)
			fw.addT(tPBB, blankBuckets.of(pb))
		}
		// width against the line before: the lines of a wrapped headline
		// run to the same width, a subtitle under a title does not
		if k > 0 {
			pl := &p.lay.lines[p.idx[k-1]]
			rel := relEq
			switch d := l.width - pl.width; {
			case d > 2:
				rel = relLonger
			case d < -2:
				rel = relShorter
			}
			fw.addT(tRel, rel)
			fw.addT(tRelRunes, rel, relRuneBuckets.of(l.runes))
			fw.addT(tRelPE, rel, pe)
		}
		// position on the page
		switch {
		case k < 3:
			fw.add("pos=top", strconv.Itoa(k))
		case k >= n-2:
			fw.addT(tBottom)
		}
		for _, c := range cueOf[k] {
			if c.quotesLine() {
				fw.add(c.name, c.chars)
				continue
			}
			fw.addT(tCue, c.fill())
			fw.addT(tCueW, c.fill(), w)
		}
		rules := cascade[i]
		if len(rules) == 0 {
			rules = none
		}
		for _, r := range rules {
			fw.addT(tRule, r)
			fw.addT(tRuleBB, r, bbs)
		}
		if k > 0 {
			for _, r := range cascade[p.idx[k-1]] {
				fw.addT(tPrevRule, r)
			}
		}
		if k > 0 {
			for _, c := range cueOf[k-1] {
				if c.toNeighbours() {
					fw.addT(tPrevCue, c.fill())
				}
			}
		}
		if k+1 < n {
			for _, c := range cueOf[k+1] {
				if c.toNeighbours() {
					fw.addT(tNextCue, c.fill())
				}
			}
		}
		// lexical overlap with the text above and below: a headline shares
		// words with its own story
		if l.runes <= 40 {
			up, down := p.overlapUp[k], p.overlapDown[k]
			ov := ovEven
			switch {
			case up == 0 && down == 0:
				ov = ovNone
			case up > down+0.15:
				ov = ovUp
			case down > up+0.15:
				ov = ovDown
			}
			fw.addT(tOverlap, ov)
		}
		if g := p.lay.geom; g != nil && g[i] != nil {
			var prev *LineGeometry
			if k > 0 {
				prev = g[p.idx[k-1]]
			}
			for _, name := range geometryFeatures(g[i], prev) {
				fw.add(name)
			}
		}
	}
}

// fill is the cue's name as the word of a template's slot.
func (c cue) fill() fill { return fill{c.name, c.word} }

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
// right, and the model learns where to trust them. The rules decide in a
// layout of their own, of page's lines; no rule changes a line, so the
// two layouts share the answers of the credit rules.
func cascadeFeatures(page *layout) [][]fill {
	lay := newLayout(page.text, page.lines)
	lay.known = page.known
	lines := lay.lines
	lay.markFurniture()
	lay.markStarts()
	// by line index: every content line's are read, and a slice is
	// cheaper to read than a map of a page's lines
	out := make([][]fill, len(lines))
	add := func(i int, f string) { out[i] = append(out[i], ruleWords.fill(f)) }
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
