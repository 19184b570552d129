package pdfimport

import (
	"math"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/pdflayout"
)

// sameBox reports boxes that agree to within a point on every side (the
// PDF's image matrix is rounded by the writer).
func sameBox(a article.Box, b pdftest.Image) bool {
	return math.Abs(a.X0-b.X) < 1 && math.Abs(a.Y0-b.Y) < 1 && math.Abs(a.X1-(b.X+b.W)) < 1 && math.Abs(a.Y1-(b.Y+b.H)) < 1
}

// A picture with its caption under it belongs to the caption's story (the
// picture spans two columns over the text); a page without pictures gives
// its stories none.
func TestAPictureBelongsToTheStoryOfItsCaption(t *testing.T) {
	for _, c := range []struct {
		name string
		page pdftest.Page
	}{{"PhotoPage", pdftest.PhotoPage()}, {"TwoStoriesPage", pdftest.TwoStoriesPage()}} {
		page := parse(t, c.page)
		want := map[int][]pdftest.Image{}
		for _, im := range c.page.Images {
			want[im.Story] = append(want[im.Story], im)
		}
		got := 0
		for si, st := range page.Stories {
			got += len(st.Pictures)
			if si >= len(c.page.Stories()) {
				if len(st.Pictures) > 0 {
					t.Errorf("%s: story %d %q (not one of the page's) has pictures %v", c.name, si, st.Headline(), st.Pictures)
				}
				continue
			}
			if len(st.Pictures) != len(want[si]) {
				t.Errorf("%s: story %d %q has pictures %v, want %+v", c.name, si, st.Headline(), st.Pictures, want[si])
				continue
			}
			for i, b := range st.Pictures {
				if !sameBox(b, want[si][i]) {
					t.Errorf("%s: story %d picture %d is %+v, want %+v", c.name, si, i, b, want[si][i])
				}
			}
		}
		if got != len(c.page.Images) {
			t.Errorf("%s: the stories have %d pictures, the page %d", c.name, got, len(c.page.Images))
		}
	}
}

// On a page of three stories and four pictures (10 pt body): the picture
// over a caption goes to the caption's story even though another story's
// first line stands nearer under it; a picture over the first line of a
// story without captions goes to that story; a picture over a story's
// caption does not also go to the story beside; a picture no story's
// lines stand near (an advertisement) goes to none.
func TestPicturesGoToOneStoryEach(t *testing.T) {
	line := func(x0, y0, x1 float64) []article.Box { return []article.Box{{X0: x0, Y0: y0, X1: x1, Y1: y0 + 10}} }
	captioned := pdflayout.Box{X0: 40, Y0: 100, X1: 300, Y1: 300}
	opening := pdflayout.Box{X0: 320, Y0: 100, X1: 560, Y1: 250}
	beside := pdflayout.Box{X0: 40, Y0: 400, X1: 200, Y1: 500}
	advert := pdflayout.Box{X0: 40, Y0: 700, X1: 560, Y1: 800}
	p := &Page{Layout: &pdflayout.Layout{BodySize: 10, Images: []pdflayout.Box{captioned, opening, beside, advert}}}
	page := &article.Page{Stories: []article.Story{
		{Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Boxes: line(40, 60, 300)},
			{Kind: article.ParaCaption, Boxes: line(40, 318, 300)},
			{Kind: article.ParaCaption, Boxes: line(40, 505, 200)},
		}},
		{Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Boxes: line(40, 304, 300)}}},
		{Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Boxes: line(320, 256, 560)}, {Kind: article.ParaBody, Boxes: line(40, 502, 560)}}},
	}}
	p.markPictures(page)
	box := func(b pdflayout.Box) article.Box { return article.Box{X0: b.X0, Y0: b.Y0, X1: b.X1, Y1: b.Y1} }
	want := [][]article.Box{{box(captioned), box(beside)}, nil, {box(opening)}}
	for i, st := range page.Stories {
		if len(st.Pictures) != len(want[i]) {
			t.Errorf("story %d has pictures %v, want %v", i, st.Pictures, want[i])
			continue
		}
		for k := range want[i] {
			if st.Pictures[k] != want[i][k] {
				t.Errorf("story %d picture %d is %v, want %v", i, k, st.Pictures[k], want[i][k])
			}
		}
	}
}
