package ingest

import (
	"math"
	"math/bits"
)

// Reading order. Where two or three columns of a page have their lines on
// the same baselines, an extractor that sorts by baseline (pdftotext)
// prints them interleaved: a line of the first column, a line of the
// second, a line of the third, then the first again. Each column still
// reads on from its own line before; only the line k places further down
// the printout continues it. Such runs are found by how well each line's
// last character runs on into the first character of the line one, two or
// three places down (the page's own character pairs say which pairs run
// on), and their lines are dealt back into their columns.

// pairStats counts the pairs of neighbouring characters inside the page's
// lines: how text on this page runs on.
type pairStats struct {
	known func(string) bool // a dictionary word (nil: no dictionary)
	pair  map[uint64]int
	first map[rune]int
	next  map[rune]int
	total int
	// edges are each line's first and last characters, by line index,
	// where a word across a break is looked for (with a dictionary only)
	edges []lineEdges
}

// lineEdges are the first and last maxWordRunes-1 characters of a line
// (spaces left out), and how many of them, from the break inwards, are
// Han: the words across a break are made of those.
type lineEdges struct {
	head, tail       [maxWordRunes - 1]rune // tail ends with the line's last character
	headHan, tailHan int
	runes            int
}

// maxWordRunes is the longest dictionary word looked for across a break.
const maxWordRunes = 4

func newPairStats(lay *layout, idx []int, known func(string) bool) *pairStats {
	ps := &pairStats{known: known, pair: map[uint64]int{}, first: map[rune]int{}, next: map[rune]int{}}
	if known != nil {
		ps.edges = make([]lineEdges, len(lay.lines))
	}
	for _, i := range idx {
		var prev rune
		var e lineEdges
		for _, r := range lay.content(i) {
			if isSpace(r) {
				continue
			}
			if e.runes < len(e.head) {
				e.head[e.runes] = r
			}
			copy(e.tail[:], e.tail[1:])
			e.tail[len(e.tail)-1] = r
			e.runes++
			if prev != 0 {
				ps.pair[uint64(prev)<<32|uint64(r)]++
				ps.total++
			}
			prev = r
		}
		if ps.edges != nil {
			for n := min(e.runes, len(e.head)); e.headHan < n && isHan(e.head[e.headHan]); {
				e.headHan++
			}
			for n := min(e.runes, len(e.tail)); e.tailHan < n && isHan(e.tail[len(e.tail)-1-e.tailHan]); {
				e.tailHan++
			}
			ps.edges[i] = e
		}
	}
	ps.countSides()
	return ps
}

// countSides counts first and next from the pairs: a character's count
// as the first of a pair is the sum of its pairs' counts, and likewise as
// the second. (Counting them once a distinct pair rather than once a
// character spares two map updates a character of the page.)
func (ps *pairStats) countSides() {
	for xy, c := range ps.pair {
		ps.first[rune(xy>>32)] += c
		ps.next[rune(uint32(xy))] += c
	}
}

// crossingWordBonus is what a dictionary word across the line break adds
// to the run-on score: a word is never cut between two columns.
const crossingWordBonus = 3

// runOn scores how well line b continues line a: the pointwise mutual
// information of a's last and b's first character, from the page's own
// pairs, and whether a dictionary word runs across the break.
// a and b are line indices.
func (ps *pairStats) runOn(lay *layout, a, b int) float64 {
	s := ps.pmi(lay.lines[a].last, lay.lines[b].first)
	if ps.known == nil {
		return s
	}
	// a word of Han characters across the break. The dictionary knows
	// the beginnings of its words too (gse's Find: the trie, and the user
	// terms' prefixes), so the break's words are found by their tail and
	// the head's first character: a tail and head of more characters
	// begin with those, and are known only when they are.
	tail, head := &ps.edges[a], &ps.edges[b]
	if head.headHan == 0 {
		return s
	}
	var buf [maxWordRunes]rune
	word := buf[:0]
	for t := 1; t <= tail.tailHan && t < maxWordRunes; t++ {
		word = append(append(word[:0], tail.tail[len(tail.tail)-t:]...), head.head[0])
		if ps.known(string(word)) {
			return s + crossingWordBonus
		}
	}
	return s
}

func (ps *pairStats) pmi(x, y rune) float64 {
	c := float64(ps.pair[uint64(x)<<32|uint64(y)])
	cx, cy := float64(ps.first[x]), float64(ps.next[y])
	if ps.total == 0 {
		return 0
	}
	pmi := math.Log((c + 0.1) * float64(ps.total) / ((cx + 1) * (cy + 1)))
	return max(-3, min(pmi, 6))
}

// interleaveWindow is how many lines a period is judged over, and
// interleaveMargin how much better the period's pairs must run on than
// the printed order's.
const (
	interleaveWindow = 12
	interleaveMargin = 1.0
	maxColumns       = 4
)

// readingOrder returns the content lines (indices into lay.lines) in
// reading order: as printed, but for runs of interleaved columns, whose
// lines are dealt back into their columns, one column after the other.
func readingOrder(lay *layout, idx []int, known func(string) bool) []int {
	if lay.latin || len(idx) < 2*interleaveWindow {
		return idx
	}
	ps := newPairStats(lay, idx, known)
	// blocks: content lines printed without a blank line between them
	// (an interleaved run has none: the columns' lines alternate densely),
	// or with one blank line between every two (where the extractor
	// spaced out the interleaved lines of columns set a little apart)
	spaced := spacedRuns(lay, idx)
	out := make([]int, 0, len(idx))
	start := 0
	for k := 1; k <= len(idx); k++ {
		if k < len(idx) && (idx[k] == idx[k-1]+1 || spaced[k]) {
			continue
		}
		out = append(out, untangle(lay, ps, idx[start:k])...)
		start = k
	}
	return out
}

// minSpacedRun is the fewest lines, each one blank line apart, that make
// a spaced block: a page's paragraphs are not set one line each.
const minSpacedRun = 6

// spacedRuns marks the content lines (positions in idx) that follow the
// line before them across exactly one blank line, inside a run of at
// least minSpacedRun lines so spaced.
func spacedRuns(lay *layout, idx []int) []bool {
	spaced := make([]bool, len(idx))
	oneBlank := func(k int) bool {
		return idx[k] == idx[k-1]+2 && !lay.lines[idx[k]-1].pageBreak
	}
	for k := 1; k < len(idx); {
		if !oneBlank(k) {
			k++
			continue
		}
		e := k
		for e < len(idx) && oneBlank(e) {
			e++
		}
		if e-k+1 >= minSpacedRun {
			for j := k; j < e; j++ {
				spaced[j] = true
			}
		}
		k = e
	}
	return spaced
}

// untangle puts one dense block's lines in reading order.
func untangle(lay *layout, ps *pairStats, block []int) []int {
	n := len(block)
	if n < interleaveWindow {
		return block
	}
	// run(a, b) is asked again and again for the same lines a few places
	// apart (at most 2*maxColumns-1 dealing columns): it is kept by a and
	// the distance
	const reach = 2 * maxColumns
	cache := make([]float64, n*reach)
	scored := make([]bool, n*reach)
	run := func(a, b int) float64 {
		if b <= a || b-a > reach {
			return ps.runOn(lay, block[a], block[b])
		}
		at := a*reach + b - a - 1
		if !scored[at] {
			cache[at], scored[at] = ps.runOn(lay, block[a], block[b]), true
		}
		return cache[at]
	}
	// the period that runs on best around each line
	period := make([]int, n)
	for t := 0; t < n; t++ {
		lo := max(0, t-interleaveWindow/2)
		hi := min(n, lo+interleaveWindow)
		lo = max(0, hi-interleaveWindow)
		best, arg := math.Inf(-1), 1
		var base float64
		for k := 1; k <= maxColumns; k++ {
			var s float64
			cnt := 0
			for j := lo; j+k < hi; j++ {
				s += run(j, j+k)
				cnt++
			}
			if cnt == 0 {
				continue
			}
			s /= float64(cnt)
			if k == 1 {
				base = s
			}
			if s > best {
				best, arg = s, k
			}
		}
		if arg > 1 && best-base < interleaveMargin {
			arg = 1
		}
		period[t] = arg
	}
	smoothPeriods(period, run)
	out := make([]int, 0, n)
	for t := 0; t < n; {
		k := period[t]
		e := t + 1
		for e < n && period[e] == k {
			e++
		}
		if k == 1 || e-t < 2*k {
			out = append(out, block[t:e]...)
			t = e
			continue
		}
		out = append(out, threadColumns(block[t:e], k, run, t)...)
		t = e
	}
	return out
}

// maxPeriodGap is the longest stretch read as printed between two runs of
// one period that is taken as part of them: where a column's paragraph
// ends, its short last line and the next paragraph's indent run on as
// well one place down as k places down, and the window's mean drops
// for a few lines.
const maxPeriodGap = 4

// smoothPeriods joins two runs of one period across a short gap, and
// widens each run by the lines at its edges that run on k places down
// better than one (the window around an edge line is half outside it).
func smoothPeriods(period []int, run func(a, b int) float64) {
	n := len(period)
	for t := 0; t < n; {
		e := t + 1
		for e < n && period[e] == period[t] {
			e++
		}
		// period[t:e] is one run; a short one between two of a period
		// k > 1 takes theirs
		if t > 0 && e < n && e-t <= maxPeriodGap && period[t-1] > 1 && period[t-1] == period[e] && period[t] != period[e] {
			for j := t; j < e; j++ {
				period[j] = period[e]
			}
		}
		t = e
	}
	for t := 0; t < n; {
		k := period[t]
		e := t + 1
		for e < n && period[e] == k {
			e++
		}
		if k > 1 {
			for t > 0 && period[t-1] == 1 && t-1+k < e && run(t-1, t-1+k) > run(t-1, t) {
				t--
				period[t] = k
			}
			for e < n && period[e] == 1 && e-k >= t && run(e-k, e) > run(e-1, e) {
				period[e] = k
				e++
			}
		}
		t = e
	}
}

// keepColumnsBonus favours, by so much for each line, threading a line
// under the line k places up: sorted by baseline, the columns' lines come
// left to right in every cycle of k, and only a column that starts lower,
// ends or skips a baseline shifts the cycle; one pair that happens to run
// on a little better must not cross the columns for the rest of the run.
const keepColumnsBonus = 1.0

// threadReach is how many places up the printout a column's last line may
// stand when its next line comes: a column that has had no line for so
// long has ended (its story's text stops there, or another starts).
const threadReach = 2 * maxColumns

// threadColumns deals a run of k interleaved columns back into its
// columns by threading: each line continues one of the columns open
// above it (the one whose last line it runs on from best), or opens a
// column where fewer than k are open. Sorted by baseline, the columns'
// lines come in cycles of k, but only where the columns start and end
// level and have no gap; a column that starts lower, ends, or skips a
// baseline at a paragraph's space, shifts the cycle, and a strict deal
// of k lines at a time then puts every later line in the wrong column.
// The threads are chosen together (a dynamic programme over the lines:
// the state is which of the last threadReach lines end an open column),
// with keepColumnsBonus for a line that continues the column k places up,
// as an unshifted cycle does.
func threadColumns(lines []int, k int, run func(a, b int) float64, offset int) []int {
	n := len(lines)
	if n == 0 {
		return nil
	}
	// a state is a bit set of the lines, counted back from the current
	// one (bit d: line t-d), that end an open column; bit 0, the current
	// line, is always set
	type step struct {
		cost float64 // best score so far (higher is better)
		from uint32  // the state at the line before
		pred int     // the line this one continues (-1: opens a column)
	}
	const window = uint32(1)<<(threadReach+1) - 1
	tables := make([]map[uint32]step, n)
	tables[0] = map[uint32]step{1: {pred: -1}}
	for t := 1; t < n; t++ {
		next := map[uint32]step{}
		put := func(state uint32, s step) {
			// ties go the same way every run (a map's order is random)
			if old, ok := next[state]; !ok || s.cost > old.cost ||
				s.cost == old.cost && (s.from < old.from || s.from == old.from && s.pred > old.pred) {
				next[state] = s
			}
		}
		for state, at := range tables[t-1] {
			shifted := state << 1 & window // the tails, one line further up
			open := bits.OnesCount32(shifted)
			// continue a column whose last line is t-d
			for d := 1; d <= threadReach; d++ {
				bit := uint32(1) << d
				if shifted&bit == 0 {
					continue
				}
				c := at.cost + run(offset+t-d, offset+t)
				if d == k {
					c += keepColumnsBonus
				}
				put(shifted&^bit|1, step{c, state, t - d})
			}
			if open < k {
				put(shifted|1, step{at.cost, state, -1})
			}
		}
		tables[t] = next
	}
	// the best end, and the threads back from it
	var state uint32
	best := math.Inf(-1)
	for s, at := range tables[n-1] {
		if at.cost > best || at.cost == best && s < state {
			best, state = at.cost, s
		}
	}
	pred := make([]int, n)
	for t := n - 1; t >= 0; t-- {
		at := tables[t][state]
		pred[t] = at.pred
		state = at.from
	}
	// each thread in order, the threads by their first lines
	next := make([]int, n)
	for t := range next {
		next[t] = -1
	}
	for t, p := range pred {
		if p >= 0 {
			next[p] = t
		}
	}
	out := make([]int, 0, n)
	for t, p := range pred {
		if p >= 0 {
			continue
		}
		for u := t; u >= 0; u = next[u] {
			out = append(out, lines[u])
		}
	}
	return out
}
