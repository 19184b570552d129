package pdflayout

import (
	"math"
	"slices"
	"sort"
)

// A newspaper sets a story as a module: its headline (kicker, title,
// subtitle) over the columns of its text. Cutting the page along gutters
// alone fails where a module's first column runs under another story (an
// L-shaped module: the headline over columns 2–4, the text starting in
// column 1 below the story above it). So modules are found first, from
// their headlines: the row of columns that starts just under a headline,
// widened to the columns beside it that start at the same height and have
// no headline of their own over them, down each column to the next
// headline or picture.

// headlineSize is how much larger than the body a headline is set.
const headlineSize = 1.25

// modules finds the page's modules, each with its blocks in reading order
// (headline top to bottom, then the columns left to right), and which
// blocks they took.
func modules(blocks []block, figures []Box, body, pageH float64) ([]item, []bool) {
	isHead := make([]bool, len(blocks))
	for i, b := range blocks {
		isHead[i] = b.size >= headlineSize*body && !InMargin(b.box, body, pageH)
	}
	groups := headlineGroups(blocks, isHead, body)
	groupOf := make([]int, len(blocks))
	for i := range groupOf {
		groupOf[i] = -1
	}
	for g, members := range groups {
		for _, i := range members {
			groupOf[i] = g
		}
	}
	// each headline group's box, its members' union
	groupBox := make([]Box, len(groups))
	for g, members := range groups {
		groupBox[g] = blocks[members[0]].box
		for _, i := range members[1:] {
			groupBox[g] = groupBox[g].Union(blocks[i].box)
		}
	}
	claimed := make([]bool, len(blocks))
	var out []item
	// vertical headlines first: the columns beside one would otherwise
	// run on from the module above them
	order := make([]int, len(groups))
	for g := range order {
		order[g] = g
	}
	isVertical := func(g int) bool {
		b := blocks[groups[g][0]].box
		return len(groups[g]) == 1 && b.H() > 2*b.W()
	}
	sort.SliceStable(order, func(a, b int) bool { return isVertical(order[a]) && !isVertical(order[b]) })
	for _, g := range order {
		members := groups[g]
		hb := groupBox[g]
		// the text blocks just under the headline, or beside it on the
		// right where the headline is set vertically
		rowTop := math.Inf(1)
		vertical := hb.H() > 2*hb.W()
		var beside Box
		for i, b := range blocks {
			if isHead[i] || claimed[i] {
				continue
			}
			if vertical {
				if d := b.box.X0 - hb.X1; d >= -0.3*body && d <= 12*body && math.Abs(b.box.Y0-hb.Y0) <= 2*body {
					if rowTop > b.box.Y0 || math.IsInf(rowTop, 1) {
						rowTop = b.box.Y0
					}
					if beside.W() == 0 || b.box.X0 < beside.X0 {
						beside = b.box
					}
				}
				continue
			}
			if overlapX(b.box, hb) <= 0 {
				continue
			}
			if d := b.box.Y0 - hb.Y1; d >= -0.3*body && d <= 4*body {
				rowTop = math.Min(rowTop, b.box.Y0)
			}
		}
		if math.IsInf(rowTop, 1) {
			continue
		}
		// the row: text blocks starting at that height, taken outwards
		// from those under the headline while no other headline is over
		// them and the gap to the next is a gutter
		// (a column may also start beside the headline, at its top: the
		// text begins there and runs on under the headline)
		var row []int
		for i, b := range blocks {
			if isHead[i] || claimed[i] {
				continue
			}
			if math.Abs(b.box.Y0-rowTop) <= body || overlapX(b.box, hb) <= 0 && b.box.Y0 >= hb.Y0-body && b.box.Y0 < rowTop {
				row = append(row, i)
			}
		}
		sort.Slice(row, func(a, b int) bool { return blocks[row[a]].box.X0 < blocks[row[b]].box.X0 })
		lo, hi := -1, -1
		under := hb
		if vertical {
			under = beside // the first column beside the headline
		}
		for k, i := range row {
			if overlapX(blocks[i].box, under) > 0 {
				if lo < 0 {
					lo = k
				}
				hi = k
			}
		}
		if lo < 0 {
			continue
		}
		// ownHead: no other headline is over block i. A column's text
		// is followed up through the lines set tight over it (a line's
		// white apart) to the headline it runs from: a story's first line
		// under its own headline, with the rest of its column cut off as
		// a block of its own, belongs to that headline, not to this one.
		ownHead := func(i int) bool {
			for j := i; ; {
				above := nearestAbove(blocks, j)
				if above < 0 {
					return true
				}
				if groupOf[above] >= 0 {
					// over the block itself any headline counts; over
					// the lines it runs on from, one close above them
					return groupOf[above] == g || j != i && blocks[j].box.Y0-blocks[above].box.Y1 > 4*body
				}
				if blocks[j].box.Y0-blocks[above].box.Y1 > 1.5*body {
					return true
				}
				j = above
			}
		}
		// a row block may be a narrow label (核心阅读) over a wide
		// column: the gutter is measured from the column's width
		width := 0.0
		for _, i := range row {
			width = math.Max(width, blocks[i].box.W())
		}
		gutter := func(left, right int) float64 {
			l := blocks[left].box
			return blocks[right].box.X0 - math.Max(l.X1, l.X0+0.9*width)
		}
		// Text runs rightwards from its headline: a column beside the
		// headline on its left belongs to this story only when no other
		// headline stands level with this one further left (two stories
		// side by side, each headline over its first column).
		leftHead := func(i int) bool {
			b := blocks[i].box
			for g2, m2 := range groups {
				if g2 == g {
					continue
				}
				for _, j := range m2 {
					o := blocks[j].box
					if o.X0 > b.X0+body || math.Min(o.Y1, hb.Y1) <= math.Max(o.Y0, hb.Y0)-body {
						continue
					}
					// a column that starts beside that headline, above
					// its foot, is not under it: the other story's text
					// starts under its headline, this one's beside ours
					if overlapX(b, o) <= 0 && b.Y0 < o.Y1 {
						continue
					}
					return true
				}
			}
			return false
		}
		for lo > 0 && gutter(row[lo-1], row[lo]) <= 4*body && ownHead(row[lo-1]) && !leftHead(row[lo-1]) {
			lo--
		}
		for hi+1 < len(row) && gutter(row[hi], row[hi+1]) <= 4*body && ownHead(row[hi+1]) {
			hi++
		}
		cols := row[lo : hi+1]
		// each column down to the next headline or picture over it; a
		// column reaches from its first block's left edge to the next
		// column's (a row block may be a narrow label over a wide column)
		var body_ [][]int
		for k, c := range cols {
			cb := blocks[c].box
			cb.X1 = math.Max(cb.X1, cb.X0+width)
			if k+1 < len(cols) {
				cb.X1 = blocks[cols[k+1]].box.X0 - 0.1*body
			}
			bottom := math.Inf(1)
			for i, b := range blocks {
				if isHead[i] && groupOf[i] != g && overlapX(b.box, cb) > 0 && b.box.Y0 > rowTop {
					bottom = math.Min(bottom, b.box.Y0)
				}
			}
			// a picture as wide as the column is the story's own (its
			// caption follows it); a wider one is another module's
			for _, f := range figures {
				if overlapX(f, cb) > 0 && f.Y0 > rowTop && f.W() > 1.5*cb.W() {
					bottom = math.Min(bottom, f.Y0)
				}
			}
			var col []int
			for i, b := range blocks {
				if isHead[i] || claimed[i] || b.box.Y0 < math.Min(rowTop, cb.Y0)-0.5*body || b.box.Y1 > bottom+0.5*body || InMargin(b.box, body, pageH) {
					continue
				}
				if mid := (b.box.X0 + b.box.X1) / 2; mid >= cb.X0 && mid < cb.X1 {
					col = append(col, i)
				}
			}
			sort.Slice(col, func(a, b int) bool { return blocks[col[a]].box.Y0 < blocks[col[b]].box.Y0 })
			// a story's column runs without a gap of lines; white of
			// several lines is where another module's headline stands
			// in the columns beside. The white is measured from the
			// lowest foot so far: a speck set inside a block above (a
			// mark on a picture, a stray glyph) ends no column.
			foot := math.Inf(-1)
			for k := 1; k < len(col); k++ {
				foot = math.Max(foot, blocks[col[k-1]].box.Y1)
				top, end := foot, blocks[col[k]].box.Y0
				white := end - top
				for _, f := range figures { // a picture between is no white
					if overlapX(f, cb) > 0 && f.Y0 >= top-body && f.Y1 <= end+body {
						white -= f.H()
					}
				}
				if white > 2.5*body || startsBesideHeadline(blocks, groupBox, g, col[k], cb, body) {
					col = col[:k]
					break
				}
			}
			body_ = append(body_, col)
		}
		headOrder := slices.Clone(members)
		sort.Slice(headOrder, func(a, b int) bool { return blocks[headOrder[a]].box.Y0 < blocks[headOrder[b]].box.Y0 })
		it := item{box: hb, blocks: headOrder}
		for _, col := range body_ {
			for _, i := range col {
				if claimed[i] {
					continue
				}
				claimed[i] = true
				it.blocks = append(it.blocks, i)
				it.box = it.box.Union(blocks[i].box)
			}
		}
		for _, i := range members {
			claimed[i] = true
		}
		out = append(out, it)
	}
	return out, claimed
}

// startsBesideHeadline reports a block of the column cb that starts level
// with the top of another story's headline standing just right of the
// column: the first lines of that story, which begins beside its headline
// (an L-shaped module), where the column of story g above has ended.
func startsBesideHeadline(blocks []block, groupBox []Box, g, i int, cb Box, body float64) bool {
	b := blocks[i].box
	for g2, top := range groupBox {
		if g2 == g {
			continue
		}
		if math.Abs(top.Y0-b.Y0) <= 0.5*body && top.X0 >= cb.X1-body && top.X0-cb.X1 <= 4*body {
			return true
		}
	}
	return false
}

// headlineGroups gathers headline blocks set one over the other (kicker,
// title, subtitle) into groups, top to bottom.
func headlineGroups(blocks []block, isHead []bool, body float64) [][]int {
	var heads []int
	for i := range blocks {
		if isHead[i] {
			heads = append(heads, i)
		}
	}
	// subtitles and kickers may be set smaller than a headline but still
	// above the body's size: they join a group they touch
	for i, b := range blocks {
		if !isHead[i] && b.size >= 1.15*body && len(b.lines) <= 3 {
			heads = append(heads, i)
		}
	}
	sort.Slice(heads, func(a, b int) bool { return blocks[heads[a]].box.Y0 < blocks[heads[b]].box.Y0 })
	var groups [][]int
	group := map[int]int{}
	for _, i := range heads {
		bi := blocks[i].box
		g := -1
		for _, j := range heads {
			gj, ok := group[j]
			if !ok || j == i {
				continue
			}
			bj := blocks[j].box
			if setUnder(bi, bj) && bi.Y0-bj.Y1 <= 1.5*body {
				g = gj
				break
			}
		}
		if g < 0 {
			if !isHead[i] {
				continue // a smaller line alone is no headline group
			}
			g = len(groups)
			groups = append(groups, nil)
		}
		group[i] = g
		groups[g] = append(groups[g], i)
		isHead[i] = true
	}
	return groups
}

// setUnder reports a headline block b set under block a, as a title under
// its kicker: it starts below a's middle, and their widths share more
// than an overhang (a closing bracket's white running into the next
// column, level with another story's kicker there, is no stacking).
func setUnder(b, a Box) bool {
	return b.Y0 >= (a.Y0+a.Y1)/2 && overlapX(b, a) > 0.25*math.Min(a.W(), b.W())
}

// nearestAbove is the block right above block i in its column, or -1.
func nearestAbove(blocks []block, i int) int {
	b := blocks[i].box
	best, bestY := -1, math.Inf(-1)
	for j, o := range blocks {
		if j == i || overlapX(o.box, b) <= 0 || o.box.Y1 > b.Y0+1 {
			continue
		}
		if o.box.Y1 > bestY {
			best, bestY = j, o.box.Y1
		}
	}
	return best
}

// debugModules, when set, sees the modules found (scratch tools).
var debugModules func([]item, []block)
