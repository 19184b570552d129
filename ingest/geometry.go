package ingest

import (
	"fmt"
	"strconv"

	"github.com/galley/galley/seqlabel"
)

// LineGeometry is where a line of a page read from a PDF sits and how it
// is set: what an editor sees at a glance on the printed page and a text
// extractor throws away. The line model reads it beside the text features,
// so one model serves pages given as text and pages given as PDF.
type LineGeometry struct {
	Size       float64 // type size relative to the page's body size
	Face       string  // "body" for the body's face, else its family: hei, kai, song, fang, other
	Bold       bool
	Indent     bool // starts an em or more inside its block (a paragraph's first line)
	BlockStart bool // first line of its block (a run of lines of one column, size and face)
	BlockEnd   bool
	BlockLines int     // lines in its block
	Fill       float64 // width relative to its block's width
	Centered   bool
	Span       float64 // its block's width in body column widths
	Edge       string  // "top" or "bottom" when it stands apart in the page's margin: running head, folio
	// FigureAbove and FigureBelow: a picture within two lines of it.
	FigureAbove, FigureBelow bool
	Vertical                 bool // set top to bottom
	// ModuleText: the first line of text under a headline's module (a
	// headline and the columns set under it): where a story begins.
	ModuleText bool
}

// geometryFeatures are the model's features of a line's geometry. Sizes
// and widths are bucketed so that the weights carry over between papers
// with other type sizes.
func geometryFeatures(g *LineGeometry, prev *LineGeometry) []string {
	size := bucketF(g.Size, 0.92, 1.08, 1.25, 1.6, 2.2)
	f := []string{
		"g:size=" + size,
		"g:face=" + g.Face,
		"g:size=" + size + "|face=" + g.Face,
		"g:bstart=" + strconv.FormatBool(g.BlockStart) + "|bend=" + strconv.FormatBool(g.BlockEnd),
		"g:blines=" + bucket(g.BlockLines, 1, 2, 3, 5, 10),
		"g:size=" + size + "|blines=" + bucket(g.BlockLines, 1, 2, 3, 5),
		"g:fill=" + bucketF(g.Fill, 0.5, 0.8, 0.97),
		"g:span=" + bucketF(g.Span, 0.8, 1.3, 2.5),
		"g:size=" + size + "|span=" + bucketF(g.Span, 0.8, 1.3, 2.5),
	}
	if g.Bold {
		f = append(f, "g:bold")
	}
	if g.Indent {
		f = append(f, "g:indent", "g:indent|bstart="+strconv.FormatBool(g.BlockStart))
	}
	if g.Centered {
		f = append(f, "g:centered", "g:centered|size="+size)
	}
	if g.Edge != "" {
		f = append(f, "g:edge="+g.Edge, "g:edge="+g.Edge+"|size="+size)
	}
	if g.FigureAbove {
		f = append(f, "g:figabove", "g:figabove|face="+g.Face)
	}
	if g.FigureBelow {
		f = append(f, "g:figbelow")
	}
	if g.Vertical {
		f = append(f, "g:vertical")
	}
	if g.ModuleText {
		f = append(f, "g:modtext", "g:modtext|face="+g.Face)
	}
	if prev != nil {
		rel := "same"
		switch {
		case g.Size > prev.Size*1.08:
			rel = "larger"
		case g.Size < prev.Size*0.92:
			rel = "smaller"
		}
		f = append(f, "g:prevsize="+rel, "g:prevsize="+rel+"|bstart="+strconv.FormatBool(g.BlockStart),
			"g:prevface="+prev.Face+"|face="+g.Face)
	} else {
		f = append(f, "g:prev=none")
	}
	return f
}

// bucketF names the bucket x falls in: "<e0", "<e1", …, ">=last".
func bucketF(x float64, edges ...float64) string {
	for _, e := range edges {
		if x < e {
			return "<" + strconv.FormatFloat(e, 'g', -1, 64)
		}
	}
	return ">=" + strconv.FormatFloat(edges[len(edges)-1], 'g', -1, 64)
}

// attachGeometry gives the layout's lines their geometry, geom being
// indexed by the text's 1-based line numbers.
func (lay *layout) attachGeometry(geom map[int]LineGeometry) error {
	if geom == nil {
		return nil
	}
	lay.geom = make([]*LineGeometry, len(lay.lines))
	for i, n := range lineNumbers(lay) {
		if g, ok := geom[n]; ok {
			if lay.lines[i].blank() {
				return fmt.Errorf("line %d: geometry given for a blank line", n)
			}
			g := g
			lay.geom[i] = &g
		}
	}
	return nil
}

// allowedTags is what a line's geometry rules out, for decoding: a line
// set apart in the page's margin is furniture; a line set well above the
// body's size in a short block is a headline, and so is a line set larger
// than the body next to one (kicker, subtitle); a caption starts next to
// a picture; a headline line under
// another of its block continues that line's part; a line of a long block
// in the body's size and face is no headline. Nil for text pages.
func (p *pageLines) allowedTags(tags []string) seqlabel.Allowed {
	if p.lay.geom == nil {
		return nil
	}
	parsed := make([]lineTag, len(tags))
	for i, t := range tags {
		parsed[i] = parseTag(t)
	}
	return func(item, tag int) bool {
		g := p.lay.geom[p.idx[item]]
		if g == nil {
			return true
		}
		t := parsed[tag]
		// a caption stands by its picture; its lower lines follow its
		// first
		if t.role == RoleCaption && !(g.FigureAbove || g.FigureBelow || !g.BlockStart) {
			return false
		}
		switch {
		case g.Edge != "":
			// the layout found it set apart in the page's margin
			return t.role == RoleNoise
		case headlineType(g):
			return isHeadlineRole(t.role) && t.opens == g.BlockStart
		case g.Size >= 1.15 && g.BlockLines <= 3 && (p.headlineAt(item-1) || p.headlineAt(item+1)):
			// a kicker or subtitle: larger than the body, next to a
			// headline line
			return isHeadlineRole(t.role) && t.opens == g.BlockStart
		case g.Size < 1.08 && g.Face == "body" && g.BlockLines >= 3:
			return !isHeadlineRole(t.role)
		}
		return true
	}
}

// headlineType reports a line set as a headline: a short block well above
// the body's size.
func headlineType(g *LineGeometry) bool { return g.Size >= 1.3 && g.BlockLines <= 4 }

// headlineAt reports a content line set in headline type, not in the
// margin.
func (p *pageLines) headlineAt(k int) bool {
	if k < 0 || k >= len(p.idx) {
		return false
	}
	g := p.lay.geom[p.idx[k]]
	return g != nil && headlineType(g) && g.Edge == ""
}

// settleHeadlineParts names the parts of each headline of a page read
// from a PDF by their type where the model's reading contradicts it: the
// title is set in the headline's largest size, so smaller type over it is
// the kicker and under it the subtitle, and a headline has a title. Among
// lines of the largest size the model's reading stands (a deck set as
// large as its title, a title over two lines).
func settleHeadlineParts(lay *layout, p *pageLines, tags []lineTag, rules []string) {
	const why = "the title is the headline's largest type; smaller type over it is the kicker, under it the subtitle"
	for k := 0; k < len(tags); {
		if !isHeadlineRole(tags[k].role) {
			k++
			continue
		}
		end := k
		for end < len(tags) && isHeadlineRole(tags[end].role) {
			end++
		}
		largest, titled := 0.0, false
		for j := k; j < end; j++ {
			if g := lay.geom[p.idx[j]]; g != nil {
				largest = max(largest, g.Size)
			}
		}
		isLargest := func(j int) bool {
			g := lay.geom[p.idx[j]]
			return g != nil && g.Size >= 0.98*largest
		}
		for j := k; j < end; j++ {
			titled = titled || isLargest(j) && tags[j].role == RoleTitle
		}
		seenLargest := false
		prev := ""
		for j := k; j < end; j++ {
			t := tags[j]
			switch {
			case isLargest(j):
				seenLargest = true
				if !titled {
					t.role = RoleTitle
				}
			case lay.geom[p.idx[j]] == nil:
			case seenLargest:
				t.role = RoleSubtitle
			default:
				t.role = RoleKicker
			}
			if t.role != prev {
				t.opens = true
			}
			if t != tags[j] {
				tags[j], rules[j] = t, why
			}
			prev = t.role
		}
		k = end
	}
}
