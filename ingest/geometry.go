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
	Edge       string  // "top" or "bottom" when it sits in the page's margin band
	// FigureAbove and FigureBelow: a picture within two lines of it.
	FigureAbove, FigureBelow bool
	Vertical                 bool // set top to bottom
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
// set well above the body's size in a short block is a headline (a
// running head at the page's edge excepted), and a headline line under
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
		switch {
		case g.Edge != "":
			return true
		case g.Size >= 1.3 && g.BlockLines <= 4:
			return isHeadlineRole(t.role) && t.opens == g.BlockStart
		case g.Size < 1.08 && g.Face == "body" && g.BlockLines >= 3:
			return !isHeadlineRole(t.role)
		}
		return true
	}
}
