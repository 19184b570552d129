// Package pdflayout rebuilds the text of a PDF page from where its glyphs
// sit: glyphs into lines (horizontal, or stacked for a vertical headline),
// lines into blocks (one column of one type size and face), and blocks
// into reading order by cutting the page along its gutters and the gaps
// between modules. What it gives is the page's text in reading order,
// each line's geometry for the line model, and each line's box on the page,
// so that a paragraph can be outlined on the page image.
package pdflayout

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/galley/galley/pdfpage"
)

// Box is a rectangle in page points, origin top-left.
type Box = pdfpage.Box

// Line is one line of the page as printed.
type Line struct {
	Text     string
	Box      Box
	Size     float64 // type size of most of its glyphs
	Font     string
	Vertical bool // set top to bottom (a vertical headline)
	Block    int  // index into Layout.Blocks
	// Start and End are the line's byte span in Layout.Text.
	Start, End int
	glyphs     []pdfpage.Glyph
	han        bool // holds a Han character: its face is theirs (newLine)
}

// Block is a run of lines of one column set in one size and face.
type Block struct {
	Box   Box
	Lines []int // indexes into Layout.Lines, top to bottom
	Size  float64
	Font  string
	// Margin: the block stands in the page's top or bottom margin, set
	// apart from the text by at least a line of white: a running head,
	// a date, a folio.
	Margin bool
	// Module numbers the module (a headline and the columns under it)
	// the block was read in, -1 for a block of none.
	Module int
}

// Layout is a page rebuilt.
type Layout struct {
	Width, Height float64
	Text          string // lines in reading order; a blank line between blocks
	Lines         []Line // in reading order
	Blocks        []Block
	Images        []Box
	BodySize      float64 // the type size most glyphs are set in
	BodyFont      string
	// Glyphs counts the printed glyphs; a page with images and no glyphs
	// is a scan.
	Glyphs int
}

// Build rebuilds a page.
func Build(p *pdfpage.Page) *Layout {
	lay := &Layout{Width: p.Width, Height: p.Height, Glyphs: len(p.Glyphs)}
	if len(p.Glyphs) == 0 {
		lay.Images = p.Images
		return lay
	}
	lay.BodySize, lay.BodyFont = bodyStyle(p.Glyphs)
	lay.Images = figures(p, lay.BodySize)
	lines := buildLines(p.Glyphs, lay.BodySize)
	lines = bridgeGaps(lines, lay.BodySize)
	lines = stackVertical(lines, lay.BodySize)
	blocks := buildBlocks(lines)
	order, moduleOf := readingOrder(blocks, lay.Images, lay.BodySize, lay.Height)
	var b strings.Builder
	for n, bi := range order {
		blk := blocks[bi]
		if n > 0 {
			b.WriteString("\n")
		}
		nb := Block{Box: blk.box, Size: blk.size, Font: blk.font, Module: moduleOf[bi]}
		for _, li := range blk.lines {
			l := lines[li]
			l.Block = len(lay.Blocks)
			l.Start = b.Len()
			b.WriteString(l.Text)
			l.End = b.Len()
			b.WriteString("\n")
			nb.Lines = append(nb.Lines, len(lay.Lines))
			lay.Lines = append(lay.Lines, l)
		}
		lay.Blocks = append(lay.Blocks, nb)
	}
	lay.Text = b.String()
	markMargins(lay)
	return lay
}

// markMargins marks the blocks of the page's margins (Block.Margin). A
// block in the margin band counts only when white parts it from the text:
// a page cropped to its text block has its first line in the band too.
func markMargins(lay *Layout) {
	in := make([]bool, len(lay.Blocks))
	for i, b := range lay.Blocks {
		in[i] = InMargin(b.Box, lay.BodySize, lay.Height)
	}
	for i, b := range lay.Blocks {
		if !in[i] {
			continue
		}
		top := b.Box.Y0 < lay.Height/2
		apart := true
		for j, o := range lay.Blocks {
			if in[j] {
				continue
			}
			if top && o.Box.Y0 < b.Box.Y1+lay.BodySize || !top && o.Box.Y1 > b.Box.Y0-lay.BodySize {
				apart = false
				break
			}
		}
		lay.Blocks[i].Margin = apart
	}
}

// bodyStyle is the size and face most glyphs are set in.
func bodyStyle(gs []pdfpage.Glyph) (float64, string) {
	sizes := map[float64]int{}
	fonts := map[string]int{}
	for _, g := range gs {
		sizes[math.Round(g.Size*2)/2]++
		fonts[g.Font]++
	}
	var size float64
	best := -1
	for s, n := range sizes {
		if n > best || n == best && s < size {
			size, best = s, n
		}
	}
	var font string
	best = -1
	for f, n := range fonts {
		if n > best || n == best && f < font {
			font, best = f, n
		}
	}
	if size <= 0 {
		size = 10
	}
	return size, font
}

// sameSize reports type sizes a reader takes for one.
func sameSize(a, b float64) bool {
	return math.Abs(a-b) <= 0.08*math.Max(a, b)
}

// buildLines groups glyphs that share a baseline and follow each other
// closely. A gap wider than an em ends a line: the gutter between two
// columns is wider than that, the spaces of a justified line narrower.
func buildLines(gs []pdfpage.Glyph, body float64) []Line {
	sorted := slices.Clone(gs)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Box.X0 < sorted[j].Box.X0 })
	// A line's band is the height of its full-size glyphs; punctuation
	// set in half-width metrics has a small box near the baseline, so a
	// glyph joins the line whose band holds its centre.
	type open struct {
		y0, y1, size, x1 float64
		glyphs           []pdfpage.Glyph
	}
	band := func(g pdfpage.Glyph) (float64, float64) {
		size := math.Max(g.Size, 1)
		if g.Box.H() >= 0.6*size {
			return g.Box.Y0, g.Box.Y1
		}
		// a small glyph: assume it sits on the baseline
		return g.Box.Y1 - 0.85*size, g.Box.Y1 + 0.1*size
	}
	var lines []*open
	for _, g := range sorted {
		cy := (g.Box.Y0 + g.Box.Y1) / 2
		size := math.Max(g.Size, 1)
		var best *open
		bestDy := math.Inf(1)
		for _, l := range lines {
			if !sameSize(l.size, size) {
				continue
			}
			gap := g.Box.X0 - l.x1
			if cy < l.y0-0.1*size || cy > l.y1+0.1*size || gap > 1.2*size || gap < -maxOverlap(l.size, size) {
				continue
			}
			if dy := math.Abs((l.y0+l.y1)/2 - cy); dy < bestDy {
				best, bestDy = l, dy
			}
		}
		if best == nil {
			y0, y1 := band(g)
			lines = append(lines, &open{y0: y0, y1: y1, size: size, x1: right(g), glyphs: []pdfpage.Glyph{g}})
			continue
		}
		best.glyphs = append(best.glyphs, g)
		best.x1 = math.Max(best.x1, right(g))
		if g.Box.H() >= 0.6*size {
			// the band follows the full-size glyphs (a line may start
			// with a small one)
			if y0, y1 := band(g); len(best.glyphs) <= 2 {
				best.y0, best.y1 = y0, y1
			}
		}
	}
	out := make([]Line, 0, len(lines))
	for _, l := range lines {
		out = append(out, newLine(l.glyphs, false, body))
	}
	return out
}

// maxOverlap is how far a glyph may start inside the end of the line it
// joins. Glyphs of one size may overlap by half a square (punctuation set
// in half-width metrics keeps a full-width box); a glyph of another size
// that starts inside the line's end belongs to a line set beside it, as
// where a headline's closing bracket runs into the next column's kicker.
func maxOverlap(lineSize, size float64) float64 {
	if math.Abs(lineSize-size) > 0.01*math.Max(lineSize, size) {
		return 0.1 * size
	}
	return 0.5 * size
}

// right is where a glyph's advance ends, as near as its box tells: a
// punctuation mark set in half-width metrics has a box far narrower than
// the space it takes.
func right(g pdfpage.Glyph) float64 {
	return math.Max(g.Box.X1, g.Box.X0+0.5*g.Size)
}

// bridgeGaps joins two pieces of one line that a wide gap parted where no
// gutter runs: the em space after a dateline (本报北京10月7日电　记者…), a
// letter-spaced word. A gutter runs down the page, so the lines above and
// below have a gap there too; a gap inside a column has their text across
// it.
//
// The lines are taken top to bottom, left to right, and the first line
// that may be joined to another is joined to the first such other (the
// joined line keeps the left piece's place); then the lines are taken
// again from the top, since the joined line may bridge a gap above it.
// gapJoiner finds a line's partners and its crossing lines among the lines
// near it instead of among all, and takes again only the lines a join may
// have changed, so that a page of thousands of lines is joined in linear
// time for each join.
func bridgeGaps(lines []Line, body float64) []Line {
	sort.SliceStable(lines, func(i, j int) bool {
		if a, b := lines[i].Box, lines[j].Box; a.Y0 != b.Y0 {
			return a.Y0 < b.Y0
		}
		return lines[i].Box.X0 < lines[j].Box.X0
	})
	g := newGapJoiner(lines, body)
	for i := 0; i < len(lines); {
		if g.gone[i] || g.settled[i] {
			i++
			continue
		}
		j := g.partner(i)
		if j < 0 {
			g.settled[i] = true
			i++
			continue
		}
		i = g.join(i, j, body)
	}
	out := lines[:0]
	for i, l := range lines {
		if !g.gone[i] {
			out = append(out, l)
		}
	}
	return out
}

// gapJoiner holds the lines of bridgeGaps by the row their middle stands
// in. A line keeps its index; a join gives the left piece's index the
// joined line and marks the right piece's gone.
type gapJoiner struct {
	lines []Line
	gone  []bool
	// settled lines have no partner as the lines stand. A join changes
	// that only for lines near enough the joined line to have it as a
	// partner, a crossing or a spanning line (partnerReach): losing the
	// two pieces gives no line a partner (the joined line covers both).
	settled []bool
	rowH    float64
	rows    map[int][]int // horizontal lines by row of their middle
	// odd lines have a middle too far out (or not a number) for a row;
	// every search takes them.
	odd   []int
	cands []int
}

// farOut is the least |middle| taken for out of the page; a row number
// must fit an int.
const farOut = 1e9

func newGapJoiner(lines []Line, body float64) *gapJoiner {
	g := &gapJoiner{lines: lines, gone: make([]bool, len(lines)), settled: make([]bool, len(lines)), rowH: body, rows: map[int][]int{}}
	if !(g.rowH > 0 && g.rowH < farOut) {
		g.rowH = 10
	}
	for i, l := range lines {
		if l.Vertical {
			g.settled[i] = true // never joined, never crossing
			continue
		}
		g.insert(i)
	}
	return g
}

func middle(b Box) float64 { return (b.Y0 + b.Y1) / 2 }

func (g *gapJoiner) row(y float64) (int, bool) {
	if !(math.Abs(y) < farOut) {
		return 0, false
	}
	return int(math.Floor(y / g.rowH)), true
}

func (g *gapJoiner) insert(i int) {
	if r, ok := g.row(middle(g.lines[i].Box)); ok {
		g.rows[r] = append(g.rows[r], i)
	} else {
		g.odd = append(g.odd, i)
	}
}

func (g *gapJoiner) remove(i int) {
	drop := func(s []int) []int { return slices.DeleteFunc(s, func(k int) bool { return k == i }) }
	if r, ok := g.row(middle(g.lines[i].Box)); ok {
		g.rows[r] = drop(g.rows[r])
	} else {
		g.odd = drop(g.odd)
	}
}

// near calls f on every horizontal line whose middle may lie within w of
// y (and on more: f tests the distance itself) until f returns true, and
// reports whether one did.
func (g *gapJoiner) near(y, w float64, f func(k int) bool) bool {
	lo, okLo := g.row(y - w)
	hi, okHi := g.row(y + w)
	if !okLo || !okHi {
		for k, l := range g.lines {
			if !g.gone[k] && !l.Vertical && f(k) {
				return true
			}
		}
		return false
	}
	// a row more on each side for the rounding of y ± w
	for r := lo - 1; r <= hi+1; r++ {
		for _, k := range g.rows[r] {
			if f(k) {
				return true
			}
		}
	}
	return slices.ContainsFunc(g.odd, f)
}

// partner is the first line (by index) line i may be joined to, -1 for
// none: the next piece on its baseline, in its size, within three ems,
// with lines above or below running across the gap.
func (g *gapJoiner) partner(i int) int {
	a := g.lines[i]
	cy := middle(a.Box)
	g.cands = g.cands[:0]
	g.near(cy, 0.35*a.Size, func(j int) bool {
		b := g.lines[j]
		if j == i || !sameSize(a.Size, b.Size) {
			return false
		}
		// the two pieces of one line stand on one baseline; a neighbour's
		// headline line level with this one sits a little higher or lower
		gap := b.Box.X0 - a.Box.X1
		if !(math.Abs(middle(b.Box)-cy) > 0.35*a.Size || math.Abs(b.Box.Y1-a.Box.Y1) > 0.2*a.Size || gap < 0 || gap > 3*a.Size) {
			g.cands = append(g.cands, j)
		}
		return false
	})
	slices.Sort(g.cands)
	for _, j := range g.cands {
		if g.crossed(i, j, (a.Box.X1+g.lines[j].Box.X0)/2, cy, a.Size) || g.spanned(i, j, a.Size) {
			return j
		}
	}
	return -1
}

// spanned reports whether pieces i and j stand in one column by the lines
// a little farther off than crossed looks: a line of the size two and a
// half to three and a half lines above or below runs from before i's start
// to past j's end, and no line of the size nearer than that starts where j
// starts, as the lines of the column right of a gutter do. A credit set
// right under a caption's short last line has the caption's last full line
// two lines above it, and the short line crosses no gap.
func (g *gapJoiner) spanned(i, j int, size float64) bool {
	a, b := g.lines[i].Box, g.lines[j].Box
	cy := middle(a)
	spans := g.sizedNear(i, j, cy, size, crossReach, partnerReach, func(l Line) bool {
		// (a quarter square of slack: glyph boxes sit inside their squares)
		return l.Box.X0 <= a.X0+0.25*size && l.Box.X1 >= b.X1-0.25*size
	})
	return spans && !g.sizedNear(i, j, cy, size, 0, crossReach, func(l Line) bool {
		return math.Abs(l.Box.X0-b.X0) < 0.5*size
	})
}

// partnerReach is how far, in lines of their size, the lines stand that
// tell whether two pieces are one line (spanned looks farthest): a join
// can give a partner only to lines that near the joined line.
const partnerReach = 3.6

// crossReach is how far, in lines of their size, crossed looks for a line
// across the gap between two pieces.
const crossReach = 2.6

// crossed reports whether a line of the size, other than self and other,
// runs across x half a line to two and a half lines above or below cy.
func (g *gapJoiner) crossed(self, other int, x, cy, size float64) bool {
	return g.sizedNear(self, other, cy, size, 0.5, crossReach, func(l Line) bool {
		return l.Box.X0 < x && l.Box.X1 > x
	})
}

// sizedNear reports whether f holds for a line of the size, other than
// self and other, whose middle stands minLines to maxLines lines (of the
// size) above or below cy.
func (g *gapJoiner) sizedNear(self, other int, cy, size, minLines, maxLines float64, f func(Line) bool) bool {
	return g.near(cy, maxLines*size, func(k int) bool {
		l := g.lines[k]
		if k == self || k == other || !sameSize(l.Size, size) {
			return false
		}
		d := math.Abs(middle(l.Box) - cy)
		if d > maxLines*size || d < minLines*size {
			return false
		}
		return f(l)
	})
}

// join joins line j to the end of line i and returns the first index to
// take again.
func (g *gapJoiner) join(i, j int, body float64) int {
	a, b := g.lines[i], g.lines[j]
	g.remove(i)
	g.remove(j)
	g.lines[i] = newLine(append(slices.Clone(a.glyphs), b.glyphs...), false, body)
	g.gone[j] = true
	g.insert(i)
	first := i
	cy := middle(g.lines[i].Box)
	for k, l := range g.lines {
		if g.settled[k] && !l.Vertical && !g.gone[k] && !(math.Abs(cy-middle(l.Box)) > partnerReach*l.Size) {
			g.settled[k] = false
			first = min(first, k)
		}
	}
	return first
}

// newLine makes a line of glyphs in reading order.
func newLine(gs []pdfpage.Glyph, vertical bool, body float64) Line {
	l := Line{Box: gs[0].Box, Vertical: vertical, glyphs: gs}
	sizes := map[float64]int{}
	fonts, hanFonts := map[string]int{}, map[string]int{}
	var b strings.Builder
	typical := typicalGap(gs)
	for k, g := range gs {
		l.Box = l.Box.Union(g.Box)
		sizes[g.Size]++
		fonts[g.Font]++
		if unicode.Is(unicode.Han, g.Rune) {
			hanFonts[g.Font]++
		}
		if k > 0 && !vertical && (wordGap(gs[k-1], g) || spaceGap(gs[k-1], g, typical)) {
			b.WriteByte(' ')
		}
		b.WriteRune(g.Rune)
	}
	l.Text = b.String()
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s > l.Size {
			l.Size, best = s, n
		}
	}
	// A Chinese line's face is its characters' face: digits and Latin
	// letters come from a Latin font of their own, and a paragraph's
	// short last line that is mostly figures (同比增27.7%。) is still set
	// in the paragraph's face.
	if len(hanFonts) > 0 {
		fonts, l.han = hanFonts, true
	}
	best = 0
	for f, n := range fonts {
		if n > best || n == best && f < l.Font {
			l.Font, best = f, n
		}
	}
	return l
}

// wordGap reports a space between two glyphs of a line: only between
// letters and figures of alphabetic scripts, where words are spaced.
// Between ideographs, and between an ideograph and a figure, the gaps of
// justification and of CJK–Latin spacing are not text.
func wordGap(a, b pdfpage.Glyph) bool {
	if isCJK(a.Rune) || isCJK(b.Rune) {
		return false
	}
	return b.Box.X0-a.Box.X1 > 0.2*math.Max(a.Size, b.Size)
}

// spaceGap reports a space set between two ideographs: about an em of
// white where the line's glyphs otherwise follow closely. Headlines set
// their phrases apart so (减负看得见 一线变化多), and a dateline stands an
// em before the text (本报电 近日). A letter-spaced line has wide gaps
// everywhere and none of them is a space. Next to punctuation a gap means
// nothing: a full-width bracket's glyph sits in the far half of its em.
func spaceGap(a, b pdfpage.Glyph, typical float64) bool {
	size := math.Max(a.Size, b.Size)
	gap := b.Box.X0 - a.Box.X1
	return gap > 0.8*size && gap > 2.5*typical+0.3*size && !unicode.IsPunct(a.Rune) && !unicode.IsPunct(b.Rune)
}

// typicalGap is the median gap between the glyphs of a line.
func typicalGap(gs []pdfpage.Glyph) float64 {
	if len(gs) < 2 {
		return 0
	}
	gaps := make([]float64, 0, len(gs)-1)
	for k := 1; k < len(gs); k++ {
		gaps = append(gaps, gs[k].Box.X0-gs[k-1].Box.X1)
	}
	slices.Sort(gaps)
	return math.Max(gaps[len(gaps)/2], 0)
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·'
}

// stackVertical joins one-glyph lines stacked one under the other in the
// same size into vertical lines: a headline set top to bottom.
func stackVertical(lines []Line, body float64) []Line {
	var single, rest []Line
	for _, l := range lines {
		if len(l.glyphs) == 1 {
			single = append(single, l)
		} else {
			rest = append(rest, l)
		}
	}
	sort.SliceStable(single, func(i, j int) bool { return single[i].Box.Y0 < single[j].Box.Y0 })
	used := make([]bool, len(single))
	for i := range single {
		if used[i] {
			continue
		}
		stack := []pdfpage.Glyph{single[i].glyphs[0]}
		used[i] = true
		last := single[i]
		for j := i + 1; j < len(single); j++ {
			c := single[j]
			if used[j] || !sameSize(c.Size, last.Size) {
				continue
			}
			if stacksUnder(last.Box, c.Box, c.Size, maxGlyphGap) {
				stack = append(stack, c.glyphs[0])
				used[j] = true
				last = c
			}
		}
		if len(stack) >= 2 {
			rest = append(rest, newLine(stack, true, body))
		} else {
			rest = append(rest, single[i])
		}
	}
	return joinVerticalRuns(tailVertical(rest, body), body)
}

// maxGlyphGap is the most white, in the type's size, between two glyphs
// stacked in a vertical headline, and maxVerticalGap between two runs of
// one: a comma or a bracket set upright keeps its glyph at one side of
// its square, and the square's white then stands between the runs
// (能源牵线 / ，土俄关系不断升温).
const (
	maxGlyphGap    = 0.8
	maxVerticalGap = 1.0
)

// stacksUnder reports whether the box lower is set right under upper in
// one column of type of the given size, at most maxGap sizes of white
// between them.
func stacksUnder(upper, lower Box, size, maxGap float64) bool {
	ux, lx := (upper.X0+upper.X1)/2, (lower.X0+lower.X1)/2
	gap := lower.Y0 - upper.Y1
	return math.Abs(ux-lx) <= 0.35*size && gap >= -0.3*size && gap <= maxGap*size
}

// joinVerticalRuns joins vertical lines set one under the other in one
// column and one size, less than maxVerticalGap apart: one headline.
func joinVerticalRuns(lines []Line, body float64) []Line {
	var vertical, out []Line
	for _, l := range lines {
		if l.Vertical {
			vertical = append(vertical, l)
		} else {
			out = append(out, l)
		}
	}
	if len(vertical) < 2 {
		return lines
	}
	sort.SliceStable(vertical, func(i, j int) bool { return vertical[i].Box.Y0 < vertical[j].Box.Y0 })
	var runs []Line // headlines so far, each joined from the runs above
	for _, v := range vertical {
		k := slices.IndexFunc(runs, func(u Line) bool {
			return sameSize(u.Size, v.Size) && stacksUnder(u.Box, v.Box, u.Size, maxVerticalGap)
		})
		if k < 0 {
			runs = append(runs, v)
			continue
		}
		runs[k] = newLine(append(slices.Clone(runs[k].glyphs), v.glyphs...), true, body)
	}
	return append(out, runs...)
}

// tailVertical gives a vertical line the glyphs set right under it that
// were read as a short horizontal line: a closing quote turned for
// vertical setting is wide and shares a band with the glyph beside it.
func tailVertical(lines []Line, body float64) []Line {
	for i := range lines {
		v := &lines[i]
		if !v.Vertical {
			continue
		}
		cx := (v.Box.X0 + v.Box.X1) / 2
		for j := 0; j < len(lines); j++ {
			h := lines[j]
			if h.Vertical || len(h.glyphs) > 3 || !sameSize(h.Size, v.Size) {
				continue
			}
			hx := (h.Box.X0 + h.Box.X1) / 2
			if gap := h.Box.Y0 - v.Box.Y1; gap < -0.3*v.Size || gap > 0.8*v.Size || math.Abs(hx-cx) > 0.6*v.Size {
				continue
			}
			gs := slices.Clone(h.glyphs)
			sort.SliceStable(gs, func(a, b int) bool { return gs[a].Box.Y0 < gs[b].Box.Y0 })
			*v = newLine(append(slices.Clone(v.glyphs), gs...), true, body)
			lines = slices.Delete(lines, j, j+1)
			if j < i {
				i--
				v = &lines[i]
			}
			j--
		}
	}
	return lines
}

// block is a block being built.
type block struct {
	box   Box
	lines []int
	size  float64
	font  string
	han   bool // its first line holds Han characters
	open  bool
}

// buildBlocks gathers the lines of one column that follow each other at
// the leading of their size and share size and face. A line of another
// size or face under a block ends it: the block cannot run past it.
func buildBlocks(lines []Line) []block {
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		la, lb := lines[idx[a]].Box, lines[idx[b]].Box
		if la.Y0 != lb.Y0 {
			return la.Y0 < lb.Y0
		}
		return la.X0 < lb.X0
	})
	var blocks []block
	for _, li := range idx {
		l := lines[li]
		joined := -1
		for bi := range blocks {
			b := &blocks[bi]
			if !b.open || l.Vertical || overlapX(b.box, l.Box) < 0.5*math.Min(b.box.W(), l.Box.W()) {
				continue
			}
			last := lines[b.lines[len(b.lines)-1]]
			gap := l.Box.Y0 - last.Box.Y1
			// a line of figures or Latin letters alone (a phone number, a
			// web address) has only the Latin face of a Chinese block
			sameFace := b.font == l.Font || b.han && !l.han
			if joined < 0 && sameSize(b.size, l.Size) && sameFace && !last.Vertical &&
				gap >= -0.3*l.Size && gap <= 1.0*l.Size && l.Box.X0 >= b.box.X0-3*l.Size {
				joined = bi
				continue
			}
			if gap >= -0.3*l.Size {
				b.open = false // the line stands between the block and whatever comes under it
			}
		}
		if joined < 0 {
			blocks = append(blocks, block{box: l.Box, lines: []int{li}, size: l.Size, font: l.Font, han: l.han, open: !l.Vertical})
			continue
		}
		b := &blocks[joined]
		b.lines = append(b.lines, li)
		b.box = b.box.Union(l.Box)
	}
	return blocks
}

func overlapX(a, b Box) float64 {
	return math.Min(a.X1, b.X1) - math.Max(a.X0, b.X0)
}

// item is what the page is cut into: a block, a module of blocks in their
// reading order, or a picture (no blocks).
type item struct {
	box    Box
	blocks []int
}

// margin is the share of the page's height at its top and bottom edges
// where running heads and folios are set (at most six lines of body).
const margin = 0.05

// InMargin reports a small item in the page's top or bottom margin: a
// running head or folio (the midline decides: a folio's digits set large
// reach past the margin's edge).
func InMargin(b Box, body, pageH float64) bool {
	cy := (b.Y0 + b.Y1) / 2
	band := math.Min(margin*pageH, 6*body)
	return b.H() <= 2.5*body && (cy <= band || cy >= pageH-band)
}

// readingOrder orders blocks by cutting the page recursively: first along
// a vertical gap that runs through the whole region (a gutter between two
// modules or two columns), else along horizontal gaps (between a headline
// and its columns, between stacked modules). Pictures take part in the
// cuts, so a caption is read where its picture stands. A region that
// cannot be cut is read column by column.
func readingOrder(blocks []block, images []Box, bodySize, pageH float64) (order, moduleOf []int) {
	// A module (a headline over the columns of its story) is read as one
	// item, so that no cut can part a story from its headline.
	mods, claimed := modules(blocks, images, bodySize, pageH)
	if debugModules != nil {
		debugModules(mods, blocks)
	}
	moduleOf = make([]int, len(blocks))
	for i := range moduleOf {
		moduleOf[i] = -1
	}
	for m, it := range mods {
		for _, i := range it.blocks {
			moduleOf[i] = m
		}
	}
	items := make([]item, 0, len(blocks)+len(images))
	for _, m := range mods {
		items = append(items, m)
	}
	for i, b := range blocks {
		if !claimed[i] {
			items = append(items, item{b.box, []int{i}})
		}
	}
	for _, im := range images {
		items = append(items, item{im, nil})
	}
	// Running heads and folios in the page's top and bottom margins are
	// read first and last: a running head centred over a gutter would
	// otherwise block every vertical cut under it.
	var head, body, foot []item
	for _, it := range items {
		switch {
		case InMargin(it.box, bodySize, pageH) && it.box.Y0 < pageH/2:
			head = append(head, it)
		case InMargin(it.box, bodySize, pageH):
			foot = append(foot, it)
		default:
			body = append(body, it)
		}
	}
	var out []int
	var cut func(part []item)
	cut = func(part []item) {
		if len(part) == 0 {
			return
		}
		if len(part) > 1 {
			for _, vertical := range []bool{true, false} {
				groups := split(len(part), func(k int) (float64, float64) {
					if vertical {
						return part[k].box.X0, part[k].box.X1
					}
					return part[k].box.Y0, part[k].box.Y1
				}, map[bool]float64{true: 0.4 * bodySize, false: 0.05 * bodySize}[vertical])
				if len(groups) > 1 {
					for _, g := range groups {
						sub := make([]item, len(g))
						for n, k := range g {
							sub[n] = part[k]
						}
						cut(sub)
					}
					return
				}
			}
		}
		// No cut runs through the region (modules interlock, an L-shaped
		// story): read it column by column, as a reader of a newspaper
		// does, each column top to bottom. A column is the items whose
		// left edges line up.
		sort.SliceStable(part, func(a, b int) bool { return part[a].box.X0 < part[b].box.X0 })
		col := make([]int, len(part))
		for k := 1; k < len(part); k++ {
			col[k] = col[k-1]
			if part[k].box.X0-part[k-1].box.X0 > 2*bodySize {
				col[k]++
			}
		}
		idx := make([]int, len(part))
		for k := range idx {
			idx[k] = k
		}
		sort.SliceStable(idx, func(a, b int) bool {
			if col[idx[a]] != col[idx[b]] {
				return col[idx[a]] < col[idx[b]]
			}
			return part[idx[a]].box.Y0 < part[idx[b]].box.Y0
		})
		for _, k := range idx {
			out = append(out, part[k].blocks...)
		}
	}
	for _, part := range [][]item{head, body, foot} {
		cut(part)
	}
	return out, moduleOf
}

// split groups n intervals (given by span) into runs separated by gaps of
// at least minGap, in increasing order.
func split(n int, span func(int) (float64, float64), minGap float64) [][]int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		a0, _ := span(idx[a])
		b0, _ := span(idx[b])
		return a0 < b0
	})
	var groups [][]int
	end := math.Inf(-1)
	for _, k := range idx {
		lo, hi := span(k)
		if len(groups) == 0 || lo-end >= minGap {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], k)
		end = math.Max(end, hi)
	}
	return groups
}

// figures are the page's pictures: raster images, and vector art large
// enough to be one (photos in some prepress systems are drawn as paths).
// Overlapping shapes are one picture; a shape with text inside is a frame
// around a box of text, not a picture.
func figures(p *pdfpage.Page, body float64) []Box {
	var cand []Box
	for _, b := range append(slices.Clone(p.Images), p.Paths...) {
		if b.W() >= 2*body && b.H() >= 2*body {
			cand = append(cand, b)
		}
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(cand) && !merged; i++ {
			for j := i + 1; j < len(cand); j++ {
				if overlapX(cand[i], cand[j]) > 0 && math.Min(cand[i].Y1, cand[j].Y1) > math.Max(cand[i].Y0, cand[j].Y0) {
					cand[i] = cand[i].Union(cand[j])
					cand = slices.Delete(cand, j, j+1)
					merged = true
					break
				}
			}
		}
	}
	var out []Box
	for _, b := range cand {
		inside := 0
		for _, g := range p.Glyphs {
			cx, cy := (g.Box.X0+g.Box.X1)/2, (g.Box.Y0+g.Box.Y1)/2
			if cx > b.X0 && cx < b.X1 && cy > b.Y0 && cy < b.Y1 {
				inside++
			}
		}
		if inside < 3 {
			out = append(out, b)
		}
	}
	return out
}
