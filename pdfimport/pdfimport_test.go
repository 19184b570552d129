package pdfimport

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/ingest"
	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/pdflayout"
	"github.com/galley/galley/pdfpage"
)

// write writes the pages into one PDF in a temporary folder.
func write(t testing.TB, pages ...pdftest.Page) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := pdftest.Write(path, pages...); err != nil {
		t.Fatal(err)
	}
	return path
}

func readOne(t testing.TB, p pdftest.Page) *Page {
	t.Helper()
	pages, err := Read(write(t, p), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("%d pages, want 1", len(pages))
	}
	return pages[0]
}

// parse runs the first pass as `galley parse` does: the shared lexicon
// and the shipped line model.
func parse(t testing.TB, p pdftest.Page) *article.Page {
	t.Helper()
	lex := lexicon.Shared()
	if err := lex.Load(); err != nil {
		t.Fatal(err)
	}
	page, err := readOne(t, p).Parse(ingest.Options{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func bodyText(s article.Story) string {
	var b strings.Builder
	for _, p := range s.Paragraphs {
		if p.Kind == article.ParaBody {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// A page of one story comes back as one story whose body is the text set
// in its columns, character for character, and each of whose paragraphs
// is outlined by boxes on the page that hold the paragraph's text.
func TestOneStoryComesBackWithItsTextAndBoxes(t *testing.T) {
	p := pdftest.ColumnsPage()
	page := parse(t, p)
	want := p.Stories()[0]
	if len(page.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(page.Stories))
	}
	st := page.Stories[0]
	if got := bodyText(st); got != strings.Join(want.Paragraphs, "") {
		t.Errorf("the body reads\n%s\nwant\n%s", got, strings.Join(want.Paragraphs, ""))
	}
	if page.Width != p.Width || page.Height != p.Height {
		t.Errorf("page %gx%g, want %gx%g", page.Width, page.Height, p.Width, p.Height)
	}
	lay := readOne(t, p).Layout
	for i, para := range st.Paragraphs {
		if len(para.Boxes) == 0 {
			t.Errorf("paragraph %d %q has no boxes", i, para.Text)
			continue
		}
		var inBoxes strings.Builder
		for _, b := range para.Boxes {
			if b.X0 < 0 || b.Y0 < 0 || b.X1 > p.Width || b.Y1 > p.Height || b.X1 <= b.X0 || b.Y1 <= b.Y0 {
				t.Errorf("paragraph %d: box %+v is not on the %gx%g page", i, b, p.Width, p.Height)
			}
			inBoxes.WriteString(textIn(lay, b))
		}
		if !strings.Contains(inBoxes.String(), para.Text) {
			t.Errorf("paragraph %d %q is not the text of its boxes, %q", i, para.Text, inBoxes.String())
		}
	}
	if len(st.Region) == 0 {
		t.Error("the story has no region on the page")
	}
}

// textIn is the text of the layout's line whose box b is.
func textIn(lay *pdflayout.Layout, b article.Box) string {
	near := func(a, b float64) bool { return math.Abs(a-b) <= 0.005 } // boxes are kept to 0.01 pt
	for _, l := range lay.Lines {
		if near(l.Box.X0, b.X0) && near(l.Box.Y0, b.Y0) && near(l.Box.X1, b.X1) && near(l.Box.Y1, b.Y1) {
			return l.Text
		}
	}
	return ""
}

// The story's headline, kicker and paragraphs are the description's.
func TestColumnsPageGivesItsTitleAndParagraphs(t *testing.T) {
	// t.Skip("known: the shipped line model (ingest/model/lines.model) has no geometry feature (no g:…): it reads the 12pt kicker as the title and the 32pt title as the subtitle, and runs the one-line paragraph 子曰：「巧言令色，鲜矣仁！」 into the one before; it needs training with the PDF geometry")
	p := pdftest.ColumnsPage()
	page := parse(t, p)
	want := p.Stories()[0]
	if len(page.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(page.Stories))
	}
	st := page.Stories[0]
	if st.Title != want.Title || st.Kicker != want.Kicker {
		t.Errorf("kicker %q title %q, want %q %q", st.Kicker, st.Title, want.Kicker, want.Title)
	}
	var got []string
	for _, para := range st.Paragraphs {
		got = append(got, para.Text)
	}
	if !slices.Equal(got, want.Paragraphs) {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want.Paragraphs)
	}
}

// Two stories side by side come back as two, each with its own title and
// its own text.
func TestTwoStoriesPageGivesTwoStories(t *testing.T) {
	p := pdftest.TwoStoriesPage()
	page := parse(t, p)
	want := p.Stories()
	if len(page.Stories) != len(want) {
		t.Fatalf("%d stories, want %d", len(page.Stories), len(want))
	}
	for i, st := range page.Stories {
		if st.Title != want[i].Title || bodyText(st) != strings.Join(want[i].Paragraphs, "") {
			t.Errorf("story %d: %q with body %q, want %q with %q", i, st.Title, bodyText(st), want[i].Title, strings.Join(want[i].Paragraphs, ""))
		}
	}
}

// A picture's credit line (图：编者绘) is its story's credit: it opens no
// story of its own and takes no story's headline.
func TestAPicturesCreditIsItsStorysCredit(t *testing.T) {
	for name, p := range map[string]pdftest.Page{"PhotoPage": pdftest.PhotoPage(), "ColumnPicturePage": pdftest.ColumnPicturePage()} {
		page := parse(t, p)
		if len(page.Stories) != 1 {
			titles := []string{}
			for _, st := range page.Stories {
				titles = append(titles, st.Title)
			}
			t.Errorf("%s: %d stories %q, want one", name, len(page.Stories), titles)
			continue
		}
		credits := 0
		for _, para := range page.Stories[0].Paragraphs {
			if para.Kind == article.ParaCredit && para.Text == "图：编者绘" {
				credits++
			}
		}
		if credits != 1 {
			t.Errorf("%s: the credit 图：编者绘 is not the story's credit paragraph", name)
		}
	}
}

// The running heads, dates and folios at the page's edges belong to no
// story: they are the page's edits, not a story's kicker or subhead.
func TestFurnitureIsInNoStory(t *testing.T) {
	// t.Skip("known: the shipped line model has no geometry feature (no g:edge): TwoStoriesPage's date is read as the first story's kicker, PhotoPage's running head 生活, VerticalHeadlinePage's and ColumnPicturePage's 文学 and date as a story of their own")
	for _, p := range []pdftest.Page{pdftest.ColumnsPage(), pdftest.TwoStoriesPage(), pdftest.PhotoPage(), pdftest.VerticalHeadlinePage(), pdftest.ColumnPicturePage()} {
		page := parse(t, p)
		for _, furniture := range p.Furniture() {
			for i, st := range page.Stories {
				in := []string{st.Kicker, st.Title, st.Subtitle}
				for _, para := range st.Paragraphs {
					in = append(in, para.Text)
				}
				if slices.ContainsFunc(in, func(s string) bool { return strings.Contains(s, furniture) }) {
					t.Errorf("%q is in story %d (%q)", furniture, i, st.Title)
				}
			}
		}
	}
}

// A PDF with no text layer is refused as a scan, by name, so nothing of
// it is imported.
func TestScannedPDFIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scan.pdf")
	if err := pdftest.WriteScanned(path); err != nil {
		t.Fatal(err)
	}
	pages, err := Read(path, nil)
	if !errors.Is(err, ErrScanned) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Read gave %d pages, error %v; want ErrScanned naming %s", len(pages), err, path)
	}
}

// Damaged and locked PDFs are refused with the reader's errors.
func TestDamagedAndLockedPDFsAreRefused(t *testing.T) {
	dir := t.TempDir()
	damaged, locked := filepath.Join(dir, "damaged.pdf"), filepath.Join(dir, "locked.pdf")
	if err := pdftest.WriteDamaged(damaged); err != nil {
		t.Fatal(err)
	}
	if err := pdftest.WriteEncrypted(locked, "galley", pdftest.ColumnsPage()); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]error{damaged: pdfpage.ErrDamaged, locked: pdfpage.ErrEncrypted} {
		if _, err := Read(path, nil); !errors.Is(err, want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want %v naming the file", filepath.Base(path), err, want)
		}
	}
}

// Every page of a PDF is a page of its own: numbered, with its own hash
// and name, progress reported after each.
func TestEveryPageOfAPDFIsAPage(t *testing.T) {
	path := write(t, pdftest.ColumnsPage(), pdftest.PhotoPage())
	var progress []string
	pages, err := Read(path, func(done, total int) { progress = append(progress, fmt.Sprintf("%d/%d", done, total)) })
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || !slices.Equal(progress, []string{"1/2", "2/2"}) {
		t.Fatalf("%d pages, progress %v", len(pages), progress)
	}
	for i, p := range pages {
		if p.Number != i+1 || p.Of != 2 || p.Name() != fmt.Sprintf("%s#%d", path, i+1) || p.Scanned() {
			t.Errorf("page %d: number %d of %d, name %q, scanned %v", i+1, p.Number, p.Of, p.Name(), p.Scanned())
		}
	}
	if pages[0].SHA256 == pages[1].SHA256 || len(pages[0].SHA256) != 64 {
		t.Errorf("the pages' hashes %q and %q", pages[0].SHA256, pages[1].SHA256)
	}
	if !strings.Contains(pages[1].Text(), pdftest.PhotoPage().Stories()[0].Title) {
		t.Errorf("page 2 does not hold PhotoPage's headline:\n%s", pages[1].Text())
	}
}

// Every line of the text has its geometry, which says what the page
// shows: the type size against the body's, a paragraph's indent, the
// furniture in the page's margins, a picture above or below, a headline
// set vertically.
func TestGeometryDescribesEveryLine(t *testing.T) {
	for _, c := range []struct {
		name string
		page pdftest.Page
	}{
		{"ColumnsPage", pdftest.ColumnsPage()},
		{"PhotoPage", pdftest.PhotoPage()},
		{"VerticalHeadlinePage", pdftest.VerticalHeadlinePage()},
		{"ColumnPicturePage", pdftest.ColumnPicturePage()},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := readOne(t, c.page)
			lines := strings.Split(p.Text(), "\n")
			numbered := 0
			for n, text := range lines {
				if _, ok := p.Geometry[n+1]; ok != (text != "") {
					t.Errorf("line %d %q: geometry %v", n+1, text, ok)
				}
				if text != "" {
					numbered++
				}
			}
			if numbered != len(p.Layout.Lines) || len(p.Geometry) != numbered {
				t.Errorf("%d lines of text, %d of layout, %d with geometry", numbered, len(p.Layout.Lines), len(p.Geometry))
			}
			const body = 10.0 // the ready-made pages' body size
			for _, d := range described(c.page) {
				i := slices.IndexFunc(p.Layout.Lines, func(l pdflayout.Line) bool {
					return l.Text == d.text && l.Box.X0 > d.x0-1 && l.Box.X1 < d.x1+1 && l.Box.Y0 > d.y0-1 && l.Box.Y1 < d.y1+1
				})
				if i < 0 {
					t.Errorf("no line %q", d.text)
					continue
				}
				n := strings.Count(p.Text()[:p.Layout.Lines[i].Start], "\n")
				g := p.Geometry[n+1]
				b := c.page.Blocks[d.block]
				var want []string
				if math.Abs(g.Size-b.Size/body) > 0.01 {
					want = append(want, fmt.Sprintf("size %.2f", b.Size/body))
				}
				if first := b.Role == pdftest.RoleBody && b.Indent && d.line == 0; g.Indent != first {
					want = append(want, fmt.Sprintf("indent %v", first))
				}
				edge := ""
				if b.Role == pdftest.RoleNoise {
					edge = map[bool]string{true: "top", false: "bottom"}[b.Y < c.page.Height/2]
				}
				if g.Edge != edge {
					want = append(want, fmt.Sprintf("edge %q", edge))
				}
				if above := d.underPicture(c.page); g.FigureAbove != above {
					want = append(want, fmt.Sprintf("figure above %v", above))
				}
				if below := d.overPicture(c.page); g.FigureBelow != below {
					want = append(want, fmt.Sprintf("figure below %v", below))
				}
				if g.Vertical != b.Vertical {
					want = append(want, fmt.Sprintf("vertical %v", b.Vertical))
				}
				if len(want) > 0 {
					t.Errorf("line %d %q (%s): %+v, want %s", n+1, d.text, b.Role, g, strings.Join(want, ", "))
				}
			}
		})
	}
}

// describedLine is one line of the description, with the union of its
// characters' em boxes.
type describedLine struct {
	text           string
	block, line    int
	x0, y0, x1, y1 float64
}

func described(p pdftest.Page) []describedLine {
	var out []describedLine
	for _, c := range p.Chars() {
		if n := len(out); n > 0 && out[n-1].block == c.Block && out[n-1].line == c.Line {
			d := &out[n-1]
			d.text += string(c.Rune)
			d.x0, d.y0, d.x1, d.y1 = min(d.x0, c.X), min(d.y0, c.Y), max(d.x1, c.X+c.Size), max(d.y1, c.Y+c.Size)
			continue
		}
		out = append(out, describedLine{string(c.Rune), c.Block, c.Line, c.X, c.Y, c.X + c.Size, c.Y + c.Size})
	}
	return out
}

// near is how close a picture is to a line for the line model: within
// two and a half body lines (LineGeometry's "within two lines").
const near = 2.5 * 10

// overPicture reports a line set above a picture and near it.
func (d describedLine) overPicture(p pdftest.Page) bool {
	for _, im := range p.Images {
		if d.x1 > im.X && d.x0 < im.X+im.W && im.Y-d.y1 >= 0 && im.Y-d.y1 <= near {
			return true
		}
	}
	return false
}

// underPicture reports a line set under a picture and near it.
func (d describedLine) underPicture(p pdftest.Page) bool {
	for _, im := range p.Images {
		if d.x1 > im.X && d.x0 < im.X+im.W && d.y0-(im.Y+im.H) >= 0 && d.y0-(im.Y+im.H) <= near {
			return true
		}
	}
	return false
}
