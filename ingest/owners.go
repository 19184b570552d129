package ingest

import (
	"slices"
	"strings"

	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
)

// Which story a headline belongs to. An extractor prints a headline
// before its story's text or, following the page's content stream, after
// it; a page may mix both. Every headline group stands between two runs
// of text, and the page's groups are given out together: each run of
// text should get one headline, a group goes to the run whose words it
// shares, and the groups between two runs split in order (the first ones
// close the run above, the rest open the run below).

// headlineWordsFunc cuts a headline into the words matched against the
// stories (the lexicon's words when there is one, else Han bigrams).
type headlineWordsFunc func(string) []string

// Weights of the choice: what a run without a headline costs, what each
// further headline of one run costs, and how much a dateline or an
// indented first line under a group pulls it down.
const (
	costNoHeadline    = 0.35
	costExtraHeadline = 0.6
	bonusOpensBelow   = 0.15
)

// assignHeadlines turns the page's items into stories.
func assignHeadlines(p *pageLines, items []pageItem, words headlineWordsFunc, opensStory func(i int) bool) []labelledStory {
	var runs []int   // item index of each text run
	var gaps [][]int // gaps[g]: the headline items before run g (gaps[len(runs)]: after the last)
	gaps = append(gaps, nil)
	for i, it := range items {
		if it.head {
			gaps[len(gaps)-1] = append(gaps[len(gaps)-1], i)
			continue
		}
		runs = append(runs, i)
		gaps = append(gaps, nil)
	}
	if len(runs) == 0 {
		// headlines alone: one story each
		var out []labelledStory
		for _, it := range items {
			out = append(out, newStory(p, nil, []pageItem{it}))
		}
		return out
	}
	runText := make([]string, len(runs))
	for r, ii := range runs {
		runText[r] = p.itemText(items[ii])
	}
	// likeness is how much of a headline's words run r holds (-1: no run)
	likeness := func(words []string, r int) float64 {
		if r < 0 || r >= len(runs) {
			return -1
		}
		return headlineSimilarity(words, runText[r])
	}
	// up[h] and down[h] are the likeness of headline item h to the run
	// above its gap and to the run below, each worked out once: the
	// programme below asks for them at every state and every split
	up, down := make([]float64, len(items)), make([]float64, len(items))
	for g, gap := range gaps {
		for _, h := range gap {
			w := words(p.itemText(items[h]))
			up[h], down[h] = likeness(w, g-1), likeness(w, g)
		}
	}
	opensBelow := make([]bool, len(runs))
	for r, ii := range runs {
		first := items[ii].parts[0].lines[0]
		s := p.lay.content(first)
		opensBelow[r] = dateline.Opens(s) || p.lay.lines[first].lead
		// on a PDF page the text under a module's headline is a story's
		// start by its place: no heading inside a story stands there; and
		// the line model, which sees type sizes there, is trusted where it
		// says a story opens (on text pages its story starts under
		// headings are often a feature's section heads, and the words the
		// runs share decide better: dev story F1 0.843 -> 0.831 when
		// trusted there too, against PDF byline F1 0.926 -> 0.940)
		if g := p.lay.geom; g != nil && g[first] != nil && (g[first].ModuleText || opensStory(first)) {
			opensBelow[r] = true
		}
	}
	// a run that ends in a credit line (（执笔：韩震）, 记者 甲) has closed
	// its story: the heading after it opens another
	closedByCredit := make([]bool, len(runs))
	for r, ii := range runs {
		parts := items[ii].parts
		closedByCredit[r] = parts[len(parts)-1].role == RoleCredit
	}
	// dynamic programme over the gaps. A story is a chain of runs; at
	// each gap the chain either ends (the gap's first groups close it,
	// the rest open the next run's story) or goes on through it (the
	// gap's groups were headings inside one story: its two runs share
	// their words). state = headlines the open chain has (0, 1, 2+).
	type cell struct {
		cost  float64
		split int // groups of the gap that went up; -1: the chain went on
		from  int // state before the gap
	}
	const states = 3
	inf := 1e18
	table := make([][states]cell, len(gaps))
	for g := range table {
		for s := range table[g] {
			table[g][s].cost = inf
		}
	}
	runCost := func(n int) float64 {
		if n == 0 {
			return costNoHeadline
		}
		return float64(n-1) * costExtraHeadline
	}
	for g, gap := range gaps {
		m := len(gap)
		if g == 0 {
			var c float64
			for k, h := range gap {
				c -= down[h]
				if opensBelow[0] && k == m-1 {
					c -= bonusOpensBelow
				}
			}
			table[0][min(m, states-1)] = cell{c, 0, -1}
			continue
		}
		for prev := 0; prev < states; prev++ {
			if table[g-1][prev].cost >= inf {
				continue
			}
			base := table[g-1][prev].cost
			if g < len(runs) && m > 0 && !opensBelow[g] && !closedByCredit[g-1] {
				if c := base + joinCost(runText[g-1], runText[g]); c < table[g][prev].cost {
					table[g][prev] = cell{c, -1, prev}
				}
			}
			for split := 0; split <= m; split++ {
				if g == len(runs) && split < m {
					continue // nothing below the last gap
				}
				c := base + runCost(min(prev+split, states-1))
				for k, h := range gap {
					if k < split {
						c -= up[h]
					} else {
						c -= down[h]
						if opensBelow[g] && k == m-1 {
							c -= bonusOpensBelow
						}
					}
				}
				down := min(m-split, states-1)
				if g == len(runs) {
					down = 0
				}
				if c < table[g][down].cost {
					table[g][down] = cell{c, split, prev}
				}
			}
		}
	}
	splits := make([]int, len(gaps))
	state := 0
	for g := len(gaps) - 1; g >= 0; g-- {
		c := table[g][state]
		splits[g] = c.split
		state = c.from
	}
	var out []labelledStory
	var chain []pageItem // the open story's text runs and headings inside
	var heads []pageItem
	for r, ii := range runs {
		if splits[r] >= 0 {
			for _, h := range gaps[r][splits[r]:] {
				heads = append(heads, items[h])
			}
		}
		chain = append(chain, items[ii])
		if r+1 < len(gaps) && splits[r+1] < 0 {
			// the gap's groups are headings inside the story
			for _, h := range gaps[r+1] {
				chain = append(chain, asSubheads(items[h]))
			}
			continue
		}
		for _, h := range gaps[r+1][:splits[r+1]] {
			heads = append(heads, items[h])
		}
		out = append(out, newStory(p, chain, heads))
		chain, heads = nil, nil
	}
	return out
}

// joinCost is what going on through a gap costs: low when the runs on
// either side share their words (one story under a heading), high when
// they do not (two stories).
func joinCost(above, below string) float64 {
	return joinWeight * (joinThreshold - runSimilarity(above, below))
}

const (
	joinThreshold = 0.07
	joinWeight    = 10
)

// runSimilarity is the share of Han bigrams the end of one run and the
// start of the next have in common (of the smaller set).
func runSimilarity(above, below string) float64 {
	a := []rune(above)
	if len(a) > 400 {
		a = a[len(a)-400:]
	}
	b := []rune(below)
	if len(b) > 400 {
		b = b[:400]
	}
	A, B := sortedBigrams(string(a)), sortedBigrams(string(b))
	if len(A) == 0 || len(B) == 0 {
		return 0
	}
	if len(A) > len(B) {
		A, B = B, A
	}
	n := 0
	for _, g := range A {
		if _, ok := slices.BinarySearch(B, g); ok {
			n++
		}
	}
	return float64(n) / float64(len(A))
}

// asSubheads turns a headline group into headings inside a story.
func asSubheads(it pageItem) pageItem {
	out := pageItem{}
	for _, part := range it.parts {
		out.parts = append(out.parts, labelledPart{role: RoleSubhead, lines: part.lines})
	}
	return out
}

// boxLabels name the boxes a story carries (核心阅读 over its summary,
// 编者按 over the editor's note): headings of the story, never its title.
var boxLabels = []string{"核心阅读", "编者按", "延伸阅读", "相关链接", "链接", "记者手记", "背景链接"}

// boxLabel reports a part that is only a box's label: its squashed text
// (squashedPart) is a label and any colons after it. Every line of a page
// is asked, so the text is read rune by rune into a small buffer and
// given up at the first rune past the longest label, no string made.
func boxLabel(p *pageLines, part labelledPart) bool {
	spaced := slices.ContainsFunc(part.lines, func(i int) bool { return squashes(p.lay.content(i)) })
	label, colons := make([]byte, 0, 16), false
	for _, i := range part.lines {
		s := p.lay.content(i)
		for k := 0; k < len(s); {
			r, n := utf8x.First(s[k:])
			switch {
			case spaced && isSpace(r):
			case r == '：' || r == ':':
				colons = true
			case colons || len(label)+n > longestBoxLabel:
				return false // a label has no colon before its end
			default:
				label = append(label, s[k:k+n]...)
			}
			k += n
		}
	}
	for _, l := range boxLabels {
		if string(label) == l {
			return true
		}
	}
	return false
}

// longestBoxLabel is the length in bytes of the longest of boxLabels.
var longestBoxLabel = len(slices.MaxFunc(boxLabels, func(a, b string) int { return len(a) - len(b) }))

// newStory puts a run of text and its headline groups together.
func newStory(p *pageLines, text []pageItem, heads []pageItem) labelledStory {
	var ls labelledStory
	for _, t := range text {
		ls.paras = append(ls.paras, t.parts...)
	}
	// headline parts keep their printed order within a group; a group
	// printed above another of the same story comes first
	groups := slices.Clone(heads)
	slices.SortStableFunc(groups, func(a, b pageItem) int { return a.parts[0].lines[0] - b.parts[0].lines[0] })
	for _, g := range groups {
		ls.head = append(ls.head, g.parts...)
	}
	if len(ls.head) == 0 && len(ls.paras) > 1 && ls.paras[0].role == RoleSubhead && !boxLabel(p, ls.paras[0]) {
		// a story whose text opens with a heading, and no headline: the
		// heading is its headline (a headline printed right above its
		// first line, with no white between, reads like a subhead)
		ls.head = []labelledPart{{role: RoleTitle, lines: ls.paras[0].lines}}
		ls.paras = ls.paras[1:]
	} else if len(ls.head) == 0 && len(ls.paras) > 1 && p.lay.geom == nil && p.headlineLike(ls.paras[0]) {
		// on a text page, a story's first paragraph with no sentence in
		// it is its headline, taken for text (图片报道 / 全力打造邮政行业
		// “国家队”: the headline above went to the story before)
		ls.head = []labelledPart{{role: RoleTitle, lines: ls.paras[0].lines}}
		ls.paras = ls.paras[1:]
	}
	return withExtent(ls)
}

// passHeadlinesUp gives a story without a headline the leading parts of
// the headline of the story under it, where those parts' words are the
// text above's and the rest's are the text below's. An extractor that
// prints each headline after its story's text prints one story's title
// right over the next one's; read as a title over its subtitle (or a
// kicker over a title), the two are one group, which the programme in
// assignHeadlines gives out whole. words cuts a headline into its words.
func passHeadlinesUp(p *pageLines, stories []labelledStory, words headlineWordsFunc) {
	for k := 1; k < len(stories); k++ {
		passHeadlineParts(p, &stories[k], &stories[k-1], true, words,
			"a headline part whose words are the text above's, over the next story's headline: the title of the story above, printed after its text")
	}
}

// passHeadlinesDown gives a story without a headline the trailing parts
// of the headline of the story over it, where those parts' words are its
// text's and the rest's are the text above's: an extractor that prints a
// page's headlines over the texts they stand beside puts two stories'
// headlines together over the first.
func passHeadlinesDown(p *pageLines, stories []labelledStory, words headlineWordsFunc) {
	for k := 0; k+1 < len(stories); k++ {
		passHeadlineParts(p, &stories[k], &stories[k+1], false, words,
			"a headline part whose words are the headline-less text below's: that story's title, printed with the one above")
	}
}

// passHeadlineParts gives taker, a story without a headline, the leading
// (or else the trailing) parts of giver's headline, the fewest that do,
// where their words are taker's text and the rest's are giver's; why is
// what --explain says of the parts passed.
func passHeadlineParts(p *pageLines, giver, taker *labelledStory, leading bool, words headlineWordsFunc, why string) {
	if len(taker.head) > 0 || len(giver.head) < 2 || len(taker.paras) == 0 || len(giver.paras) == 0 {
		return
	}
	giverText, takerText := p.itemText(pageItem{parts: giver.paras}), p.itemText(pageItem{parts: taker.paras})
	for n := 1; n < len(giver.head); n++ {
		passed, kept := giver.head[:n], giver.head[n:]
		if !leading {
			at := len(giver.head) - n
			passed, kept = giver.head[at:], giver.head[:at]
		}
		pw, kw := words(p.itemText(pageItem{parts: passed})), words(p.itemText(pageItem{parts: kept}))
		there, here := headlineSimilarity(pw, takerText), headlineSimilarity(pw, giverText)
		if there < minPassedLikeness || there-here < passMargin || headlineSimilarity(kw, giverText) < headlineSimilarity(kw, takerText) {
			continue
		}
		p.noteGrouping(passed, why)
		taker.head, giver.head = withATitle(passed), withATitle(kept)
		*taker, *giver = withExtent(*taker), withExtent(*giver)
		return
	}
}

// swapMisplacedHeadlines gives the headlines of neighbouring stories out
// again where each one's words are another's text: a headline given to
// the wrong one of two runs takes the next run's headline with it, and
// the runs after them each take the next one's, so the headlines of a
// few stories in a row (up to maxRegivenStories) are given out again,
// each one story up or down at most (exchanged, shifted by a story, or
// moved to a neighbour without one), in the order whose headlines find
// the most of their words in their new stories' texts; a headline that
// found more in a story further off was wrong there on PDF pages, whose
// headlines stand by their places. It runs once the stories are final
// (boxes, briefs and fragments joined).
func swapMisplacedHeadlines(p *pageLines, stories []labelledStory, words headlineWordsFunc) {
	texts := make([]string, len(stories))
	heads := make([][]string, len(stories))
	for k, st := range stories {
		texts[k] = p.itemText(pageItem{parts: st.paras})
		if len(st.head) > 0 {
			heads[k] = words(p.itemText(pageItem{parts: st.head}))
		}
	}
	// likeness of headline h to text t, for h and t at most
	// maxRegivenStories-1 stories apart, each worked out once: windows
	// overlap
	const span = 2*maxRegivenStories - 1
	likes := make([]float64, len(stories)*span)
	known := make([]bool, len(stories)*span)
	like := func(h, t int) float64 {
		at := h*span + t - h + maxRegivenStories - 1
		if !known[at] {
			if heads[h] != nil && texts[t] != "" {
				likes[at] = headlineSimilarity(heads[h], texts[t])
			}
			known[at] = true
		}
		return likes[at]
	}
	// a brief column's label names no one text: its story keeps it, and
	// a window stops before it
	fixed := func(k int) bool { return slices.ContainsFunc(stories[k].head, p.briefColumnLabel) }
	orders := make([][][]int, maxRegivenStories+1) // by window size, made once
	for k := 0; k+1 < len(stories); {
		end := k
		for end < len(stories) && end-k < maxRegivenStories && !fixed(end) {
			end++
		}
		if end-k < 2 {
			k = end + 1
			continue
		}
		n := end - k
		var kept float64
		for j := k; j < end; j++ {
			kept += like(j, j)
		}
		// perm[j]: whose headline story k+j gets
		best, arg := kept, []int(nil)
		if orders[n] == nil {
			orders[n] = permutations(n)
		}
	perms:
		for _, perm := range orders[n] {
			var sum float64
			for j, from := range perm {
				if len(stories[k+from].head) > 0 && (from < j-1 || from > j+1) {
					continue perms // a headline goes one story up or down at most
				}
				sum += like(k+from, k+j)
			}
			if sum > best {
				best, arg = sum, perm
			}
		}
		if arg == nil || best-kept < swapMargin {
			k++
			continue
		}
		why := "a headline whose words are a neighbouring story's text: moved there"
		olds := make([][]labelledPart, n)
		for j := range olds {
			olds[j] = stories[k+j].head
			p.noteGrouping(olds[j], why)
		}
		for j, from := range arg {
			stories[k+j].head = olds[from]
			stories[k+j] = withExtent(stories[k+j])
		}
		// the next window starts past this one, so no headline moved here
		// is asked about again (heads and likes stay by the old places)
		k = end
	}
}

// maxRegivenStories is the most neighbouring stories whose headlines
// swapMisplacedHeadlines gives out again together (the orders of four
// are 24; a shift of every headline by one across a page is rare).
const maxRegivenStories = 4

// permutations lists the orders of 0..n-1.
func permutations(n int) [][]int {
	if n <= 1 {
		return [][]int{make([]int, n)}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for at := 0; at <= len(p); at++ {
			out = append(out, slices.Insert(slices.Clone(p), at, n-1))
		}
	}
	return out
}

// swapMargin is how much more of their words the headlines of a few
// stories must find in their new stories' texts than in their own to be
// given out again (of their shares summed).
const swapMargin = 0.5

// minPassedLikeness is the least share of its words a headline passed up
// finds in the text above; passMargin how much more of them than in the
// text below.
const (
	minPassedLikeness = 0.5
	passMargin        = 0.3
)

// withATitle is a headline's parts with the first read as its title when
// none is (a subtitle or a kicker parted from its title).
func withATitle(head []labelledPart) []labelledPart {
	out := slices.Clone(head)
	if !slices.ContainsFunc(out, func(h labelledPart) bool { return h.role == RoleTitle }) {
		out[0].role = RoleTitle
	}
	return out
}

// headlineLike reports a body paragraph of one or two lines that reads as
// a headline: short, no sentence in it, not a speaker's attribution
// (——青海省委书记…), and not ending as a lead-in does (这正是：) or going
// on (…，).
func (p *pageLines) headlineLike(part labelledPart) bool {
	if part.role != RoleBody || len(part.lines) > 2 {
		return false
	}
	s := p.lay.squashedPart(part)
	if s == "" || strings.HasPrefix(s, "——") || !noSentenceIn(s) {
		return false
	}
	last, _ := utf8x.Last(s)
	return !strings.ContainsRune("：:，,、—", last)
}

// itemText is the squashed text of an item's lines.
func (p *pageLines) itemText(it pageItem) string {
	if s, ok := p.squashedRun(it.parts); ok {
		return s
	}
	n := 0
	for _, part := range it.parts {
		for _, i := range part.lines {
			n += len(p.lay.content(i))
		}
	}
	b := make([]byte, 0, n) // (each line squashed into it, no string a line, and no growing)
	for _, part := range it.parts {
		for _, i := range part.lines {
			b = appendSquashed(b, p.lay.content(i))
		}
	}
	return builtString(b)
}

// headlineSimilarity is the share of the headline's words found in text.
func headlineSimilarity(words []string, text string) float64 {
	if len(words) == 0 {
		return 0
	}
	found := 0
	for _, w := range words {
		if containsText(text, w) {
			found++
		}
	}
	return float64(found) / float64(len(words))
}

// containsText is strings.Contains(s, sub), faster for a sub that starts
// with a three-byte character (a Han word): strings.Index scans for sub's
// first byte, and in Chinese text one of the few lead bytes E4-E9 stands
// every few bytes, where sub's third byte, a continuation byte, is one of
// 64 values.
func containsText(s, sub string) bool {
	if len(sub) < 3 || sub[0] < 0xE0 {
		return strings.Contains(s, sub)
	}
	c := sub[2]
	for i := 2; i < len(s); i++ {
		o := strings.IndexByte(s[i:], c)
		if o < 0 {
			return false
		}
		i += o
		if strings.HasPrefix(s[i-2:], sub) {
			return true
		}
	}
	return false
}
