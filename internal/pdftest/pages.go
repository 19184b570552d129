package pdftest

import (
	"slices"
	"unicode/utf8"
)

// The ready-made pages are A4 portrait, with the margins and type sizes of
// a small newspaper page: body 10 pt on a 15 pt leading, headlines 22–30 pt
// (over twice the body), captions 9 pt, credits and page furniture 8–9 pt.
const (
	a4Width, a4Height = 595.0, 842.0
	margin            = 36.0
	bodySize          = 10.0
)

// ColumnsPage is one story: a kicker and a headline centred across the page over
// three balanced columns of body text whose paragraphs start indented, some
// carried from one column to the next; a running head at the top edge and
// the folio at the bottom one.
func ColumnsPage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("经典选读", "第三版")}
	kicker := oneLine(RoleKicker, 0, 0, 44, 12, "《论语》学而篇")
	title := oneLine(RoleTitle, 0, 0, 62, 32, "学而时习之，不亦说乎")
	kicker.X, title.X = (a4Width-kicker.W)/2, (a4Width-title.W)/2
	p.Blocks = append(p.Blocks, kicker, title)
	p.Blocks = append(p.Blocks, mustFlow(0, xueEr, columns(margin, 112, a4Width-margin, a4Height-margin, 3, 16))...)
	return p
}

// TwoStoriesPage is two stories side by side, each a headline over two
// columns of its own; the headlines sit on the same line and the columns
// start at the same height, so reading the page line by line across would
// interleave the two stories.
func TwoStoriesPage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("经典选读", "第四版")}
	half := (a4Width - 2*margin - 3*bodySize) / 2 // a 3 em gap between the stories
	for story, s := range []struct {
		title string
		text  []string
	}{{"为政以德", weiZheng}, {"里仁为美", liRen}} {
		left := margin + float64(story)*(half+3*bodySize)
		p.Blocks = append(p.Blocks, oneLine(RoleTitle, story, left, 50, 22, s.title))
		p.Blocks = append(p.Blocks, mustFlow(story, s.text, columns(left, 90, left+half, a4Height-margin, 2, 11))...)
	}
	return p
}

// PhotoPage is one story with a picture: headline and subtitle, the picture
// over the first two of three columns with its caption under it and the
// credit under the caption at the right; the body reads down the first two
// columns under the picture, then the third, which starts beside it.
func PhotoPage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("生活", "第五版")}
	p.Blocks = append(p.Blocks,
		oneLine(RoleTitle, 0, margin, 50, 26, "河边的春天"),
		oneLine(RoleSubtitle, 0, margin, 86, 14, "从清早到傍晚"),
	)
	cols := columns(margin, 116, a4Width-margin, a4Height-margin, 3, 16)
	picture := Image{X: cols[0].X, Y: cols[0].Y, W: cols[1].X + cols[1].W - cols[0].X, H: 230, Story: 0}
	p.Images = append(p.Images, picture)

	const captionSize, creditSize = 9.0, 8.0
	caption := Block{Role: RoleCaption, Story: 0, X: picture.X, Y: picture.Y + picture.H + 6, W: picture.W, Size: captionSize,
		Lines: Wrap("河边的柳树发了新芽，孩子们在堤上放风筝，撑船的老人在石阶旁等过河的人。", captionSize, picture.W)}
	credit := oneLine(RoleCredit, 0, 0, caption.Y+caption.Height()+4, creditSize, "图：编者绘")
	credit.X = picture.X + picture.W - credit.W
	p.Blocks = append(p.Blocks, caption, credit)

	under := credit.Y + credit.Height() + 14
	for i := range 2 {
		cols[i].H -= under - cols[i].Y
		cols[i].Y = under
	}
	p.Blocks = append(p.Blocks, mustFlow(0, riverSpring, cols)...)
	return p
}

// VerticalHeadlinePage is one story whose headline is set vertically, one
// character under the other, at the left of its two columns of body text.
func VerticalHeadlinePage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("文学", "第六版")}
	const titleSize = 30.0
	title := Block{Role: RoleTitle, Story: 0, X: margin, Y: 60, Size: titleSize, Leading: 1.1 * titleSize,
		Vertical: true, Lines: []string{"深冬回故乡"}}
	p.Blocks = append(p.Blocks, title)
	left := margin + titleSize + 2*bodySize
	p.Blocks = append(p.Blocks, mustFlow(0, guXiang, columns(left, 60, left+2*12*bodySize+2*bodySize, a4Height-margin, 2, 12))...)
	return p
}

// ColumnPicturePage is one story, its headline across its three columns,
// whose picture stands in the middle column under that column's first
// lines, its caption and credit under it. The first and third columns run
// deeper than the credit, as the text of a module fills it around its
// picture, and the third starts at the top, so reading the page from top
// to bottom would put the third column's first lines before the caption:
// the caption belongs where the picture stands, between the middle
// column's text and the third column.
func ColumnPicturePage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("文学", "第七版")}
	title := oneLine(RoleTitle, 0, 0, 50, 24, "海边沙地上的一轮金黄的圆月")
	title.X = (a4Width - title.W) / 2
	p.Blocks = append(p.Blocks, title)
	cols := columns(margin, 100, a4Width-margin, a4Height-margin, 3, 12)
	const middleLines = 3
	cols[1].H = float64(middleLines-1)*1.5*bodySize + bodySize
	body := mustFlow(0, guXiang, cols)
	picture := Image{X: cols[1].X, Y: cols[1].Y + cols[1].H + 8, W: cols[1].W, H: 80, Story: 0}
	p.Images = append(p.Images, picture)
	const captionSize, creditSize = 9.0, 8.0
	caption := Block{Role: RoleCaption, Story: 0, X: picture.X, Y: picture.Y + picture.H + 6, W: picture.W, Size: captionSize,
		Lines: Wrap("月下的西瓜地。", captionSize, picture.W)}
	credit := oneLine(RoleCredit, 0, 0, caption.Y+caption.Height()+4, creditSize, "图：编者绘")
	credit.X = picture.X + picture.W - credit.W
	// reading order: the first column, the middle one's text, the picture's
	// caption and credit, the third column
	var first, middle, third []Block
	for _, b := range body {
		switch b.X {
		case cols[0].X:
			first = append(first, b)
		case cols[1].X:
			middle = append(middle, b)
		default:
			third = append(third, b)
		}
	}
	p.Blocks = append(p.Blocks, first...)
	p.Blocks = append(p.Blocks, middle...)
	p.Blocks = append(p.Blocks, caption, credit)
	p.Blocks = append(p.Blocks, third...)
	return p
}

// UnevenHeadlinesPage is two stories side by side whose headlines stand
// level but reach down to different depths: on the left a title of two
// lines and a subtitle over one column, on the right a one-line title over
// two columns, its first paragraph (one line) right under it and the next
// one set a little apart, so that the right story's second column block
// starts beside the left headline, above the left story's first line. The
// right story's text is its own, not the left story's next column.
func UnevenHeadlinesPage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("经典选读", "第八版")}
	cols := columns(margin, 0, a4Width-margin, a4Height-margin, 3, 16)
	const titleSize = 24.0
	left := Block{Role: RoleTitle, Story: 0, X: cols[0].X, Y: 48, W: cols[0].W, Size: titleSize, Lines: []string{"为政以德", "众星共之"}}
	sub := oneLine(RoleSubtitle, 0, cols[0].X, left.Y+left.Height()+6, 14, "《论语》为政篇")
	p.Blocks = append(p.Blocks, left, sub)
	top := sub.Y + sub.Height() + 20
	p.Blocks = append(p.Blocks, mustFlow(0, weiZheng, []Column{{X: cols[0].X, Y: top, W: cols[0].W, H: a4Height - margin - top}})...)

	right := oneLine(RoleTitle, 1, cols[1].X, 50, titleSize, "里仁为美")
	first := Block{Role: RoleBody, Story: 1, X: cols[1].X, Y: right.Y + right.Height() + 14, W: cols[1].W, Size: bodySize,
		Indent: true, Lines: []string{"本篇凡二十六章。"}}
	p.Blocks = append(p.Blocks, right, first)
	rest := first.Y + first.Height() + 1.2*bodySize
	restCols := []Column{{X: cols[1].X, Y: rest, W: cols[1].W, H: a4Height - margin - rest}, {X: cols[2].X, Y: rest, W: cols[2].W, H: a4Height - margin - rest}}
	p.Blocks = append(p.Blocks, mustFlow(1, liRen, restCols)...)
	return p
}

// BesideHeadlinePage is two stories whose text does not start under their
// headlines: on the left a narrow headline over the first column, a
// picture under it and the story's text under the picture; on the right
// a headline over the third column whose story starts in the second,
// level with the headlines' tops, beside the left headline, and runs on
// in the third column under its own headline (an L-shaped module).
func BesideHeadlinePage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("经典选读", "第九版")}
	cols := columns(margin, 0, a4Width-margin, a4Height-margin, 3, 16)
	const titleSize = 24.0
	left := Block{Role: RoleTitle, Story: 0, X: cols[0].X, Y: 50, W: 4 * titleSize, Size: titleSize, Lines: []string{"为政以德", "众星共之"}}
	picture := Image{X: cols[0].X, Y: left.Y + left.Height() + 12, W: cols[0].W, H: 200, Story: 0}
	p.Images = append(p.Images, picture)
	p.Blocks = append(p.Blocks, left)
	under := picture.Y + picture.H + 12
	p.Blocks = append(p.Blocks, mustFlow(0, weiZheng, []Column{{X: cols[0].X, Y: under, W: cols[0].W, H: a4Height - margin - under}})...)

	right := oneLine(RoleTitle, 1, cols[2].X, 50, titleSize, "里仁为美")
	p.Blocks = append(p.Blocks, right)
	below := right.Y + right.Height() + 20
	text := append(slices.Clone(liRen), liRen...)
	p.Blocks = append(p.Blocks, mustFlow(1, text, []Column{{X: cols[1].X, Y: 50, W: cols[1].W, H: 330},
		{X: cols[2].X, Y: below, W: cols[2].W, H: 330 - (below - 50)}})...)
	return p
}

// StackedPage is two stories one over the other: the first a headline
// over three balanced columns; the second a headline over the second and
// third columns under them, its text starting in the first column level
// with its headline's top, under the first story's text with no more than
// a paragraph's white between, and running on under its headline.
func StackedPage() Page {
	p := Page{Width: a4Width, Height: a4Height, Blocks: furniture("经典选读", "第十版")}
	const titleSize = 24.0
	cols := columns(margin, 100, a4Width-margin, 400, 3, 16)
	top := oneLine(RoleTitle, 0, cols[0].X, 50, titleSize, "学而时习之")
	p.Blocks = append(p.Blocks, top)
	first := mustFlow(0, xueEr[:8], cols)
	p.Blocks = append(p.Blocks, first...)
	bottom := 0.0
	for _, b := range first {
		bottom = max(bottom, b.Y+b.Height())
	}
	y := bottom + 1.5*bodySize
	second := oneLine(RoleTitle, 1, cols[1].X, y, titleSize, "为政以德")
	p.Blocks = append(p.Blocks, second)
	under := y + titleSize + 20
	h := a4Height - margin - under
	p.Blocks = append(p.Blocks, mustFlow(1, weiZheng, []Column{{X: cols[0].X, Y: y, W: cols[0].W, H: h + (under - y)},
		{X: cols[1].X, Y: under, W: cols[1].W, H: h}, {X: cols[2].X, Y: under, W: cols[2].W, H: h}})...)
	return p
}

// furniture is a running head at the top left, the date at the top right and
// the folio centred at the foot.
func furniture(head, folio string) []Block {
	const size = 9.0
	date := oneLine(RoleNoise, -1, 0, 20, size, "二〇二六年一月一日")
	date.X = a4Width - margin - date.W
	foot := oneLine(RoleNoise, -1, 0, a4Height-20-size, size, folio)
	foot.X = (a4Width - foot.W) / 2
	return []Block{oneLine(RoleNoise, -1, margin, 20, size, head), date, foot}
}

// oneLine is a block of one line whose measure is the line's width (every
// character one em).
func oneLine(role string, story int, x, y, size float64, text string) Block {
	return Block{Role: role, Story: story, X: x, Y: y, W: float64(utf8.RuneCountInString(text)) * size, Size: size, Lines: []string{text}}
}

// columns is n columns, each ems characters of body type wide, spread
// across left..right with equal gutters, from top to bottom.
func columns(left, top, right, bottom float64, n, ems int) []Column {
	w := float64(ems) * bodySize
	gutter := 0.0
	if n > 1 {
		gutter = (right - left - float64(n)*w) / float64(n-1)
	}
	cols := make([]Column, n)
	for i := range cols {
		cols[i] = Column{X: left + float64(i)*(w+gutter), Y: top, W: w, H: bottom - top}
	}
	return cols
}

// mustFlow is Flow for the ready-made pages, whose text is chosen to fit.
func mustFlow(story int, paragraphs []string, cols []Column) []Block {
	blocks, err := Flow(story, bodySize, paragraphs, cols)
	if err != nil {
		panic(err)
	}
	return blocks
}
