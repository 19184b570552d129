package pdflayout

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/pdfpage"
)

type namedPage struct {
	name string
	page pdftest.Page
}

// pages are the ready-made pages, each also written body first (the body
// text before its headline in the content stream, as prepress systems
// write it): the layout must not depend on the stream's order.
func pages() []namedPage {
	var out []namedPage
	for _, p := range []namedPage{
		{"ColumnsPage", pdftest.ColumnsPage()},
		{"TwoStoriesPage", pdftest.TwoStoriesPage()},
		{"PhotoPage", pdftest.PhotoPage()},
		{"VerticalHeadlinePage", pdftest.VerticalHeadlinePage()},
		{"ColumnPicturePage", pdftest.ColumnPicturePage()},
		{"UnevenHeadlinesPage", pdftest.UnevenHeadlinesPage()},
		{"StackedPage", pdftest.StackedPage()},
	} {
		out = append(out, p, namedPage{p.name + "BodyFirst", p.page.BodyFirst()})
	}
	return out
}

// build writes the page as a PDF, reads it back and rebuilds its layout.
func build(t testing.TB, p pdftest.Page) *Layout {
	t.Helper()
	data, err := pdftest.Bytes(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfpage.OpenBytes(context.Background(), "test.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	page, err := doc.Page(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return Build(page)
}

// described is one line as the description sets it: its text and the
// union of its characters' em boxes.
type described struct {
	text     string
	box      Box
	size     float64
	vertical bool
	block    int
}

func describedLines(p pdftest.Page) []described {
	var out []described
	at := map[[2]int]int{}
	for _, c := range p.Chars() {
		em := Box{X0: c.X, Y0: c.Y, X1: c.X + c.Size, Y1: c.Y + c.Size}
		key := [2]int{c.Block, c.Line}
		if i, ok := at[key]; ok {
			out[i].text += string(c.Rune)
			out[i].box = out[i].box.Union(em)
			continue
		}
		at[key] = len(out)
		out = append(out, described{string(c.Rune), em, c.Size, p.Blocks[c.Block].Vertical, c.Block})
	}
	return out
}

func inside(b, in Box, slack float64) bool {
	return b.X0 >= in.X0-slack && b.Y0 >= in.Y0-slack && b.X1 <= in.X1+slack && b.Y1 <= in.Y1+slack
}

// Every line the description sets comes back as one line with its text,
// in its place and size, and no other line comes back: glyphs are neither
// split off their line nor joined to the next column's.
func TestEveryDescribedLineIsOneLine(t *testing.T) {
	for _, p := range pages() {
		t.Run(p.name, func(t *testing.T) {
			lay := build(t, p.page)
			want := describedLines(p.page)
			if len(lay.Lines) != len(want) {
				t.Errorf("%d lines, want %d", len(lay.Lines), len(want))
			}
			used := make([]bool, len(lay.Lines))
			for _, d := range want {
				i := lineOf(lay, d)
				if i < 0 {
					t.Errorf("no line %q in %.0f,%.0f–%.0f,%.0f", d.text, d.box.X0, d.box.Y0, d.box.X1, d.box.Y1)
					continue
				}
				l := lay.Lines[i]
				if used[i] {
					t.Errorf("line %q found twice", d.text)
				}
				used[i] = true
				if l.Vertical != d.vertical || math.Abs(l.Size-d.size) > 0.01 {
					t.Errorf("line %q: vertical %v size %g, want %v %g", d.text, l.Vertical, l.Size, d.vertical, d.size)
				}
				if got := lay.Text[l.Start:l.End]; got != l.Text {
					t.Errorf("line %q spans %q of the text", l.Text, got)
				}
			}
		})
	}
}

// The blocks of a page of columns come in column order, each inside one
// column, and read in that order they give the body text as flowed.
func TestColumnsPageBlocksComeInColumnOrder(t *testing.T) {
	p := pdftest.ColumnsPage()
	lay := build(t, p)
	var columns []float64 // left edges
	var body strings.Builder
	for _, b := range p.Blocks {
		if b.Role == pdftest.RoleBody {
			if !slices.Contains(columns, b.X) {
				columns = append(columns, b.X)
			}
			body.WriteString(b.Text())
		}
	}
	if len(columns) != 3 {
		t.Fatalf("the page sets %d columns, want 3", len(columns))
	}
	width := p.Blocks[slices.IndexFunc(p.Blocks, func(b pdftest.Block) bool { return b.Role == pdftest.RoleBody })].W
	var got strings.Builder
	col := 0
	for i, b := range lay.Blocks {
		if b.Size != lay.BodySize {
			continue
		}
		in := slices.IndexFunc(columns, func(x float64) bool { return inside(b.Box, Box{X0: x, Y0: 0, X1: x + width, Y1: p.Height}, 1) })
		switch {
		case in < 0:
			t.Errorf("block %d (%.0f–%.0f) is in no column", i, b.Box.X0, b.Box.X1)
		case in < col:
			t.Errorf("block %d in column %d comes after column %d", i, in+1, col+1)
		default:
			col = in
		}
		for _, li := range b.Lines {
			got.WriteString(lay.Lines[li].Text)
		}
	}
	if col != len(columns)-1 {
		t.Errorf("the body blocks end in column %d of %d", col+1, len(columns))
	}
	if got.String() != body.String() {
		t.Errorf("the body blocks read\n%s\nwant\n%s", got.String(), body.String())
	}
}

// The headlines' lines have the largest type on the page, and the body
// size is the size the body was set in.
func TestHeadlineLineHasTheLargestSize(t *testing.T) {
	for _, p := range pages() {
		lay := build(t, p.page)
		largest := slices.MaxFunc(lay.Lines, func(a, b Line) int { return cmp.Compare(a.Size, b.Size) }).Size
		for _, d := range describedLines(p.page) {
			switch p.page.Blocks[d.block].Role {
			case pdftest.RoleBody:
				if lay.BodySize != d.size {
					t.Errorf("%s: body size %g, set in %g", p.name, lay.BodySize, d.size)
				}
			case pdftest.RoleTitle:
				if i := lineOf(lay, d); i < 0 || lay.Lines[i].Size != largest {
					t.Errorf("%s: the headline %q is not a line in the page's largest size, %gpt", p.name, d.text, largest)
				}
			default:
				if i := lineOf(lay, d); i >= 0 && lay.Lines[i].Size >= largest {
					t.Errorf("%s: %q is as large as the headline", p.name, d.text)
				}
			}
		}
	}
}

// The text comes in the description's reading order: every block of a
// story in the order listed (headline, then its columns one after the
// other; two stories side by side one after the other, not line by line
// across), wherever the page furniture is read.
func TestTextFollowsTheDescribedReadingOrder(t *testing.T) {
	for _, p := range pages() {
		t.Run(p.name, func(t *testing.T) {
			lay := build(t, p.page)
			text := strings.ReplaceAll(lay.Text, "\n", "")
			at := 0
			for i, b := range p.page.Blocks {
				k := strings.Index(text[at:], b.Text())
				if b.Role == pdftest.RoleNoise {
					if !strings.Contains(text, b.Text()) {
						t.Errorf("furniture %q is missing", b.Text())
					}
					continue
				}
				if k < 0 {
					where := "missing"
					if strings.Contains(text, b.Text()) {
						where = "read too early"
					}
					t.Errorf("block %d (%s of story %d) %q: %s", i, b.Role, b.Story, b.Text(), where)
					continue
				}
				at += k + len(b.Text())
			}
			if t.Failed() {
				t.Logf("the text:\n%s", lay.Text)
			}
		})
	}
}

// A page written in another order gives the same text, line for line.
func TestStreamOrderDoesNotChangeTheText(t *testing.T) {
	for _, p := range pages() {
		if strings.HasSuffix(p.name, "BodyFirst") {
			continue
		}
		listed, bodyFirst := build(t, p.page), build(t, p.page.BodyFirst())
		if listed.Text != bodyFirst.Text {
			t.Errorf("%s written body first reads\n%s\nwritten as listed\n%s", p.name, bodyFirst.Text, listed.Text)
		}
	}
}

// A headline set top to bottom is one vertical line with its whole text,
// read before the story's body.
func TestVerticalHeadlineIsOneLine(t *testing.T) {
	p := pdftest.VerticalHeadlinePage()
	lay := build(t, p)
	title := p.Stories()[0].Title
	var vertical []Line
	for _, l := range lay.Lines {
		if l.Vertical {
			vertical = append(vertical, l)
		}
	}
	if len(vertical) != 1 || vertical[0].Text != title {
		t.Fatalf("vertical lines %+v, want one: %q", vertical, title)
	}
	if first := p.Stories()[0].Paragraphs[0]; strings.Index(lay.Text, title) > strings.Index(strings.ReplaceAll(lay.Text, "\n", ""), first) {
		t.Errorf("the headline is read after the body:\n%s", lay.Text)
	}
}

// A picture is one of the layout's images, and its caption and credit are
// read where the picture stands: straight after the text the description
// reads before it, whatever stands higher on the page.
func TestCaptionIsReadWhereItsPictureStands(t *testing.T) {
	for _, p := range []namedPage{{"PhotoPage", pdftest.PhotoPage()}, {"ColumnPicturePage", pdftest.ColumnPicturePage()}} {
		t.Run(p.name, func(t *testing.T) {
			lay := build(t, p.page)
			for _, im := range p.page.Images {
				want := Box{X0: im.X, Y0: im.Y, X1: im.X + im.W, Y1: im.Y + im.H}
				if !slices.ContainsFunc(lay.Images, func(b Box) bool { return inside(b, want, 1) && inside(want, b, 1) }) {
					t.Errorf("no image at %+v among %+v", want, lay.Images)
				}
			}
			// the caption's first line must be in the block that follows
			// the one holding the last line read before it
			lines := describedLines(p.page)
			var story []described // the story's lines in reading order
			for _, d := range lines {
				if p.page.Blocks[d.block].Role != pdftest.RoleNoise {
					story = append(story, d)
				}
			}
			for i, d := range story {
				if p.page.Blocks[d.block].Role != pdftest.RoleCaption || story[i-1].block == d.block {
					continue
				}
				caption, before := lineOf(lay, d), lineOf(lay, story[i-1])
				if caption < 0 || before < 0 {
					t.Fatalf("the caption %q or the line before it %q is not a line", d.text, story[i-1].text)
				}
				if got, want := lay.Lines[caption].Block, lay.Lines[before].Block+1; got != want {
					t.Errorf("the caption %q is read in block %d, want %d, after %q:\n%s", d.text, got, want, story[i-1].text, blocksText(lay))
				}
			}
		})
	}
}

// lineOf is the index of the layout's line that is the described one.
func lineOf(lay *Layout, d described) int {
	return slices.IndexFunc(lay.Lines, func(l Line) bool { return l.Text == d.text && inside(l.Box, d.box, 1) })
}

// moduleOfLine is the module the line reading text was read in.
func moduleOfLine(t *testing.T, lay *Layout, text string) int {
	t.Helper()
	for _, l := range lay.Lines {
		if l.Text == text {
			return lay.Blocks[l.Block].Module
		}
	}
	t.Fatalf("no line reads %q:\n%s", text, blocksText(lay))
	return 0
}

func blocksText(lay *Layout) string {
	var b strings.Builder
	for i, blk := range lay.Blocks {
		fmt.Fprintf(&b, "%d:", i)
		for _, li := range blk.Lines {
			b.WriteString(" " + lay.Lines[li].Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A short headline centred over a story's columns heads all of them: it is
// read before the first column, though it stands over the middle one only.
func TestShortCentredHeadlineIsReadBeforeTheColumns(t *testing.T) {
	p := pdftest.ColumnsPage()
	for i, b := range p.Blocks {
		if b.Role == pdftest.RoleTitle {
			b.Lines = []string{"学而"}
			b.W = 2 * b.Size
			b.X = (p.Width - b.W) / 2
			p.Blocks[i] = b
		}
	}
	lay := build(t, p)
	text := strings.ReplaceAll(lay.Text, "\n", "")
	story := p.Stories()[0]
	if title, body := strings.Index(text, story.Title), strings.Index(text, story.Paragraphs[0]); title < 0 || body < 0 || title > body {
		t.Errorf("the headline %q is read at %d, the first paragraph at %d:\n%s", story.Title, title, body, lay.Text)
	}
}

// Two headlines side by side, the right one's second line level with the
// left one's first but a little lower, the left one's wider second line
// running under the gap between them: each stays its own line. (Two
// pieces of one line stand on one baseline.)
func TestLevelLinesOfTwoHeadlinesStayApart(t *testing.T) {
	const size = 24.0
	p := pdftest.Page{Width: 595, Height: 842}
	left := pdftest.Block{Role: pdftest.RoleTitle, Story: 0, X: 60, Y: 100, W: 8 * size, Size: size, Lines: []string{"为政以德", "譬如北辰众星共之"}}
	right := pdftest.Block{Role: pdftest.RoleTitle, Story: 1, X: 60 + 6*size, Y: 100 - 1.5*size + 0.3*size, W: 4 * size, Size: size, Lines: []string{"里仁为美", "择处仁焉"}}
	p.Blocks = append(p.Blocks, left, right)
	for story, text := range [][]string{{"子曰：「为政以德，譬如北辰，居其所而众星共之。」"}, {"子曰：「里仁为美。择不处仁，焉得知？」"}} {
		col := pdftest.Column{X: 60 + float64(story)*250, Y: 200, W: 16 * 10, H: 300}
		blocks, err := pdftest.Flow(story, 10, text, []pdftest.Column{col})
		if err != nil {
			t.Fatal(err)
		}
		p.Blocks = append(p.Blocks, blocks...)
	}
	lay := build(t, p)
	for _, want := range []string{"为政以德", "择处仁焉", "譬如北辰众星共之", "里仁为美"} {
		if !slices.ContainsFunc(lay.Lines, func(l Line) bool { return l.Text == want }) {
			t.Errorf("no line reads %q alone:\n%s", want, blocksText(lay))
		}
	}
}

// A headline whose end runs into the next column, level with a kicker of
// another size set there, stays one line, and so does the kicker: glyphs
// of two sizes that overlap are two lines, not one line read in turns.
func TestAHeadlineRunningIntoTheNextColumnsKicker(t *testing.T) {
	p := pdftest.Page{Width: 595, Height: 842}
	// the title's fifteenth glyph starts half a square before the kicker
	title := pdftest.Block{Role: pdftest.RoleTitle, Story: 0, X: 187, Y: 100, W: 16 * 14, Size: 14, Lines: []string{"学而时习之不亦说乎有朋自远方来"}}
	kicker := pdftest.Block{Role: pdftest.RoleKicker, Story: 1, X: 390, Y: 103, W: 6 * 15, Size: 15, Lines: []string{"温故而知新"}}
	p.Blocks = append(p.Blocks, title, kicker)
	lay := build(t, p)
	for _, want := range []string{"学而时习之不亦说乎有朋自远方来", "温故而知新"} {
		if !slices.ContainsFunc(lay.Lines, func(l Line) bool { return l.Text == want }) {
			t.Errorf("no line reads %q alone:\n%s", want, blocksText(lay))
		}
	}
}

// A speck inside a column (a stray mark set small over the text) does not
// end the column: the credit under the column's last line is still read
// in the story's module.
func TestASpeckInsideAColumnDoesNotEndIt(t *testing.T) {
	p := pdftest.Page{Width: 595, Height: 842}
	p.Blocks = append(p.Blocks, pdftest.Block{Role: pdftest.RoleTitle, Story: 0, X: 60, Y: 100, W: 160, Size: 20, Lines: []string{"学而时习之"}})
	col := pdftest.Column{X: 60, Y: 140, W: 16 * 10, H: 300}
	blocks, err := pdftest.Flow(0, 10, []string{strings.Repeat("子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？", 8)}, []pdftest.Column{col})
	if err != nil {
		t.Fatal(err)
	}
	p.Blocks = append(p.Blocks, blocks...)
	last := blocks[len(blocks)-1]
	foot := last.Y + float64(len(last.Lines))*15
	p.Blocks = append(p.Blocks,
		pdftest.Block{Role: pdftest.RoleNoise, Story: -1, X: 205, Y: 186, W: 3, Size: 3, Lines: []string{"·"}},
		pdftest.Block{Role: pdftest.RoleCredit, Story: 0, X: 100, Y: foot, W: 90, Size: 9, Lines: []string{"（本报记者王小明）"}})
	lay := build(t, p)
	module := func(text string) int { return moduleOfLine(t, lay, text) }
	if title, credit := module("学而时习之"), module("（本报记者王小明）"); title < 0 || credit != title {
		t.Errorf("the credit is read in module %d, the title in %d; want both in one:\n%s", credit, title, blocksText(lay))
	}
}

// A headline whose end overhangs the next column, level with another
// story's kicker set there, heads its own story's column: it is not
// stacked with that kicker into one headline group.
func TestAHeadlineOverhangingTheNextColumnHeadsItsOwn(t *testing.T) {
	p := pdftest.Page{Width: 595, Height: 842}
	p.Blocks = append(p.Blocks,
		pdftest.Block{Role: pdftest.RoleTitle, Story: 0, X: 187, Y: 100, W: 15 * 14, Size: 14, Lines: []string{"学而时习之不亦说乎有朋自远方来"}},
		pdftest.Block{Role: pdftest.RoleKicker, Story: 1, X: 390, Y: 102, W: 5 * 15, Size: 15, Lines: []string{"温故而知新"}},
		pdftest.Block{Role: pdftest.RoleTitle, Story: 1, X: 390, Y: 125, W: 8 * 20, Size: 20, Lines: []string{"可以为师矣"}})
	for story, x := range []float64{215, 390} {
		col := pdftest.Column{X: x, Y: 160, W: 16 * 10, H: 200}
		blocks, err := pdftest.Flow(story, 10, []string{strings.Repeat("子曰：学而时习之，不亦说乎？", 6)}, []pdftest.Column{col})
		if err != nil {
			t.Fatal(err)
		}
		p.Blocks = append(p.Blocks, blocks...)
	}
	lay := build(t, p)
	module := func(text string) int { return moduleOfLine(t, lay, text) }
	first := func(x float64) int {
		for _, l := range lay.Lines {
			if math.Abs(l.Box.X0-x) < 25 && l.Box.Y0 > 150 {
				return lay.Blocks[l.Block].Module
			}
		}
		t.Fatalf("no text line at x %v:\n%s", x, blocksText(lay))
		return 0
	}
	head, kicker := module("学而时习之不亦说乎有朋自远方来"), module("温故而知新")
	if head == kicker || head != first(215) || kicker != first(390) {
		t.Errorf("modules: headline %d, kicker %d, columns under them %d and %d; want each headline over its own column:\n%s",
			head, kicker, first(215), first(390), blocksText(lay))
	}
}

// A story that starts beside its headline, in the column left of it and
// level with its top, is read from there on into the column under its
// headline; the narrow headline further left, over a picture and its own
// story, does not take that column.
func TestAStoryStartingBesideItsHeadlineIsReadFromThere(t *testing.T) {
	p := pdftest.BesideHeadlinePage()
	lay := build(t, p)
	text := strings.ReplaceAll(lay.Text, "\n", "")
	var right pdftest.ExpectedStory
	for _, s := range p.Stories() {
		if s.Story == 1 {
			right = s
		}
	}
	title := strings.Index(text, right.Title)
	story := strings.Join(right.Paragraphs, "")
	at := strings.Index(text, story)
	if title < 0 || at < 0 || title > at {
		t.Errorf("the right story's text is not read whole after its headline (headline at %d, text at %d):\n%s", title, at, blocksText(lay))
	}
}

// A vertical headline whose column has a wider white in it (a comma or a
// bracket set upright keeps its glyph at one side of its square) is still
// one line; two vertical headlines side by side, or a run farther down
// the column, are not joined to it.
func TestVerticalHeadlineAcrossAnUprightComma(t *testing.T) {
	const size = 26.0
	column := func(x, top float64, text string) []pdfpage.Glyph {
		var gs []pdfpage.Glyph
		y := top
		for _, r := range text {
			gs = append(gs, pdfpage.Glyph{Rune: r, Size: size, Font: "Hei", Box: pdfpage.Box{X0: x, Y0: y, X1: x + size, Y1: y + size}})
			y += size
		}
		return gs
	}
	var glyphs []pdfpage.Glyph
	glyphs = append(glyphs, column(100, 100, "城乡同发展")...)
	glyphs = append(glyphs, column(100, 100+5*size+0.85*size, "，百姓共富裕")...) // the comma's square is white above it
	glyphs = append(glyphs, column(100, 100+11*size+3*size, "另起一题")...)     // three squares of white: another headline
	glyphs = append(glyphs, column(100+3*size, 100, "旁边一题")...)             // another column beside it
	var lines []Line
	for _, g := range glyphs {
		lines = append(lines, newLine([]pdfpage.Glyph{g}, false, 10))
	}
	var texts []string
	for _, l := range stackVertical(lines, 10) {
		if l.Vertical {
			texts = append(texts, l.Text)
		}
	}
	slices.Sort(texts)
	want := []string{"另起一题", "城乡同发展，百姓共富裕", "旁边一题"}
	slices.Sort(want)
	if !slices.Equal(texts, want) {
		t.Errorf("vertical lines %q, want %q", texts, want)
	}
}

// A credit set under a caption's short last line, its two names parted by
// more than an em, is one line: the caption's full line above runs across
// both pieces, so one column holds them. Two columns' first lines set under
// a caption that runs across both stay two lines: the right column's next
// lines start where its first line starts, as a column's lines do.
func TestACreditsNamesPartedByAWideGapAreOneLine(t *testing.T) {
	const size, lead = 10.0, 14.0
	p := pdftest.Page{Width: 595, Height: 842}
	caption := pdftest.Block{Role: pdftest.RoleCaption, Story: 0, X: 60, Y: 100, W: 16 * size, Size: size, Leading: lead,
		Lines: []string{"图为学生们在操场上做早操，精神", "饱满。"}}
	creditY := caption.Y + 2*lead
	left := pdftest.Block{Role: pdftest.RoleCredit, Story: 0, X: 100, Y: creditY, W: 3 * size, Size: size, Lines: []string{"王小明"}}
	right := pdftest.Block{Role: pdftest.RoleCredit, Story: 0, X: left.X + left.W + 1.4*size, Y: creditY, W: 6 * size, Size: size, Lines: []string{"李华摄影报道"}}
	p.Blocks = append(p.Blocks, caption, left, right)

	wide := pdftest.Block{Role: pdftest.RoleCaption, Story: 1, X: 60, Y: 400, W: 34 * size, Size: size, Lines: []string{"图为村民们在新修的公路上欢度节日，道路两旁挂满了红灯笼，处处喜气洋洋"}}
	p.Blocks = append(p.Blocks, wide)
	colY := wide.Y + 3*size
	for c, text := range []string{"子曰学而时习之不亦说乎有朋自远方来不亦乐乎。", "子曰温故而知新可以为师矣学而不思则罔思而不学则殆。"} {
		// the lines fill 14 squares of the column's 16; the gutter is
		// a square and a half
		col := pdftest.Column{X: 60 + float64(c)*15.5*size, Y: colY, W: 16 * size, H: 200}
		blocks, err := pdftest.Flow(1+c, size, []string{text}, []pdftest.Column{col})
		if err != nil {
			t.Fatal(err)
		}
		blocks[0].Indent = false // the first lines fill the measure, side by side
		p.Blocks = append(p.Blocks, blocks...)
	}
	lay := build(t, p)
	if !slices.ContainsFunc(lay.Lines, func(l Line) bool { return l.Text == "王小明 李华摄影报道" }) {
		t.Errorf("the credit's two names are not one line:\n%s", blocksText(lay))
	}
	for _, l := range lay.Lines {
		if strings.Contains(l.Text, "子曰学") && strings.Contains(l.Text, "子曰温") {
			t.Errorf("two columns' first lines are read as one: %q\n%s", l.Text, blocksText(lay))
		}
	}
}

// A line that becomes whole only when its own two pieces are joined still
// joins the pieces of a line above it that it spans: the pieces above were
// looked at first, when no line spanned them, and a join takes them again.
func TestALineJoinedLaterStillJoinsThePiecesItSpans(t *testing.T) {
	const size = 10.0
	p := pdftest.Page{Width: 595, Height: 842}
	piece := func(x, y float64, text string) pdftest.Block {
		return pdftest.Block{Role: pdftest.RoleBody, Story: 0, X: x, Y: y, W: float64(utf8.RuneCountInString(text)) * size, Size: size, Lines: []string{text}}
	}
	p.Blocks = append(p.Blocks,
		// the credit's two names, parted by more than an em
		piece(100, 100, "王小明"), piece(100+3*size+1.4*size, 100, "李华摄影报道"),
		// three lines below it, a line in two pieces that spans the credit
		piece(60, 100+3*size, "子曰学而时习之不"), piece(60+8*size+1.4*size, 100+3*size, "亦说乎有朋自远方来"),
		// and under that line a full line across its gap
		piece(60, 100+4.4*size, "温故而知新可以为师矣学而不思则罔"))
	lay := build(t, p)
	for _, want := range []string{"王小明 李华摄影报道", "子曰学而时习之不 亦说乎有朋自远方来"} {
		if !slices.ContainsFunc(lay.Lines, func(l Line) bool { return l.Text == want }) {
			t.Errorf("no line reads %q:\n%s", want, blocksText(lay))
		}
	}
}

// A Chinese paragraph's figures and Latin letters come from a Latin font
// of their own. A short last line that is mostly figures (同比增27.7%。),
// or a line of figures alone (a phone number), is still set in the
// paragraph's face: it stays in the paragraph's block and is read right
// after the line above it, not after the whole column. A line of Han
// characters in another face still ends the block.
func TestALineOfFiguresStaysInItsParagraphsBlock(t *testing.T) {
	const size, lead = 10.0, 14.0
	page := &pdfpage.Page{Width: 400, Height: 600}
	y := 100.0
	set := func(x float64, text, han, latin string) {
		for _, r := range text {
			g := pdfpage.Glyph{Rune: r, Size: size, Font: han}
			w := size
			if r < 0x80 {
				g.Font, w = latin, 0.5*size
			}
			g.Box = pdfpage.Box{X0: x, Y0: y, X1: x + w, Y1: y + size}
			page.Glyphs = append(page.Glyphs, g)
			x += w
		}
		y += lead
	}
	for _, l := range []string{"国庆假期银联网络交易总金额", "超过一万亿元，去年"} {
		set(60, l, "SongTi", "Times")
	}
	set(60, "同比增27.7%。", "SongTi", "Times")
	set(80, "亮眼的数据再次展示了中国", "SongTi", "Times")
	set(60, "021-25011460", "SongTi", "Times")
	set(60, "联系电话请拨打以上号码。", "SongTi", "Times")
	set(60, "消费市场活力十足的景象", "HeiTi", "Times")
	lay := Build(page)
	blockOf := func(text string) int {
		for _, l := range lay.Lines {
			if l.Text == text {
				return l.Block
			}
		}
		t.Fatalf("no line %q:\n%s", text, blocksText(lay))
		return -1
	}
	first := blockOf("国庆假期银联网络交易总金额")
	for _, text := range []string{"同比增27.7%。", "021-25011460", "联系电话请拨打以上号码。"} {
		if blockOf(text) != first {
			t.Errorf("%q left its paragraph's block:\n%s", text, blocksText(lay))
		}
	}
	if blockOf("消费市场活力十足的景象") == first {
		t.Errorf("a line in another face joined the block:\n%s", blocksText(lay))
	}
	if !strings.Contains(lay.Text, "去年\n同比增27.7%。\n") {
		t.Errorf("the figures are not read after the line above them:\n%s", lay.Text)
	}
}
