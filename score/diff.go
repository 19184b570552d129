package score

import "sort"

// Levenshtein is the edit distance between a and b on code points. Pages
// run to tens of thousands of characters and text CER compares whole
// pages, so it is Myers' bit-parallel algorithm in 64-character blocks
// (Myers 1999, the block form; the script uses the one-word form on
// Python's unbounded ints): O(len(a)·len(b)/64) instead of the plain
// table's O(len(a)·len(b)).
func Levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	m := len(b)
	if m == 0 {
		return len(a)
	}
	// b's alphabet, compacted so the match vectors sit in one slice.
	sym := make(map[rune]int, 256)
	for _, r := range b {
		if _, ok := sym[r]; !ok {
			sym[r] = len(sym)
		}
	}
	words := (m + 63) / 64
	peq := make([]uint64, (len(sym)+1)*words) // the last row: a character not in b
	for i, r := range b {
		peq[sym[r]*words+i/64] |= 1 << (i % 64)
	}
	none := len(sym)
	pv := make([]uint64, words)
	mv := make([]uint64, words)
	for i := range pv {
		pv[i] = ^uint64(0)
	}
	last := uint64(1) << ((m - 1) % 64)
	score := m
	for _, r := range a {
		s, ok := sym[r]
		if !ok {
			s = none
		}
		eqRow := peq[s*words : (s+1)*words]
		// hin is the horizontal difference entering the block's top: +1
		// in row 0, where the distance to an empty prefix of b grows by one
		// per character of a.
		hin := 1
		for w := 0; w < words; w++ {
			eq, p, mm := eqRow[w], pv[w], mv[w]
			xv := eq | mm
			if hin < 0 {
				eq |= 1
			}
			xh := (((eq & p) + p) ^ p) | eq
			ph := mm | ^(xh | p)
			mh := p & xh
			high := uint64(1) << 63
			if w == words-1 {
				high = last
			}
			hout := 0
			if ph&high != 0 {
				hout = 1
			} else if mh&high != 0 {
				hout = -1
			}
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[w] = mh | ^(xv | ph)
			mv[w] = ph & xv
			hin = hout
		}
		score += hin
	}
	return score
}

// block is one of difflib's matching blocks: a[a:a+size] == b[b:b+size].
type block struct{ a, b, size int }

// matcher is difflib.SequenceMatcher(None, ·, b, autojunk=False) with b
// fixed, so one predicted story is indexed once for every gold story it is
// compared with.
type matcher struct {
	b   []rune
	sym map[rune]int32 // b's characters, numbered
	b2j [][]int        // positions of each numbered character in b, ascending
	// j2len rows of find_longest_match, indexed by j+1, and the positions
	// each row set (cleared before reuse, so a row costs what it touches)
	prev, cur       []int
	prevSet, curSet []int
}

func newMatcher(b []rune) *matcher {
	m := &matcher{b: b, sym: make(map[rune]int32, 256)}
	for j, r := range b {
		s, ok := m.sym[r]
		if !ok {
			s = int32(len(m.b2j))
			m.sym[r] = s
			m.b2j = append(m.b2j, nil)
		}
		m.b2j[s] = append(m.b2j[s], j)
	}
	m.prev = make([]int, len(b)+1)
	m.cur = make([]int, len(b)+1)
	return m
}

// longest is find_longest_match(alo, ahi, blo, bhi) without junk: the
// longest common run, earliest in a, then earliest in b. ids are a's
// characters as b's numbers (−1: not in b).
func (m *matcher) longest(a []rune, ids []int32, alo, ahi, blo, bhi int) block {
	besti, bestj, bestsize := alo, blo, 0
	prev, cur, prevSet, curSet := m.prev, m.cur, m.prevSet[:0], m.curSet[:0]
	for i := alo; i < ahi; i++ {
		if ids[i] >= 0 {
			js := m.b2j[ids[i]]
			// the first j ≥ blo (the script skips the smaller ones one by one)
			for _, j := range js[sort.SearchInts(js, blo):] {
				if j >= bhi {
					break
				}
				k := prev[j] + 1 // prev is indexed by j+1, so this is j2len[j-1]
				cur[j+1] = k
				curSet = append(curSet, j+1)
				if k > bestsize {
					besti, bestj, bestsize = i-k+1, j-k+1, k
				}
			}
		}
		for _, x := range prevSet {
			prev[x] = 0
		}
		prev, cur = cur, prev
		prevSet, curSet = curSet, prevSet[:0]
	}
	for _, x := range prevSet {
		prev[x] = 0
	}
	m.prev, m.cur, m.prevSet, m.curSet = prev, cur, prevSet[:0], curSet[:0]
	b := m.b
	// Without junk these never move; kept as in difflib.
	for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
		besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
	}
	for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
		bestsize++
	}
	return block{besti, bestj, bestsize}
}

// matchingBlocks is get_matching_blocks() for a against the matcher's b:
// the blocks in order, adjacent ones merged, ending with (len(a), len(b), 0).
func (m *matcher) matchingBlocks(a []rune) []block {
	ids := make([]int32, len(a))
	for i, r := range a {
		if s, ok := m.sym[r]; ok {
			ids[i] = s
		} else {
			ids[i] = -1
		}
	}
	type quad struct{ alo, ahi, blo, bhi int }
	queue := []quad{{0, len(a), 0, len(m.b)}}
	var blocks []block
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		x := m.longest(a, ids, q.alo, q.ahi, q.blo, q.bhi)
		if x.size > 0 {
			blocks = append(blocks, x)
			if q.alo < x.a && q.blo < x.b {
				queue = append(queue, quad{q.alo, x.a, q.blo, x.b})
			}
			if x.a+x.size < q.ahi && x.b+x.size < q.bhi {
				queue = append(queue, quad{x.a + x.size, q.ahi, x.b + x.size, q.bhi})
			}
		}
	}
	sort.Slice(blocks, func(i, j int) bool {
		if blocks[i].a != blocks[j].a {
			return blocks[i].a < blocks[j].a
		}
		if blocks[i].b != blocks[j].b {
			return blocks[i].b < blocks[j].b
		}
		return blocks[i].size < blocks[j].size
	})
	var out []block
	i1, j1, k1 := 0, 0, 0
	for _, x := range blocks {
		if i1+k1 == x.a && j1+k1 == x.b {
			k1 += x.size
			continue
		}
		if k1 > 0 {
			out = append(out, block{i1, j1, k1})
		}
		i1, j1, k1 = x.a, x.b, x.size
	}
	if k1 > 0 {
		out = append(out, block{i1, j1, k1})
	}
	return append(out, block{len(a), len(m.b), 0})
}
