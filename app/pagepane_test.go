package app

import (
	"cmp"
	"context"
	"errors"
	"image"
	"image/color"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/pdftest"
	"github.com/galley/galley/storage"
	"github.com/galley/galley/widgets"
)

// addPDFPage writes a PDF page with pdftest and imports it as the
// workbench does (File → Import), and returns the page's archive id.
func addPDFPage(t *testing.T, arc *storage.Archive, name string, page pdftest.Page) int64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := pdftest.Write(path, page); err != nil {
		t.Fatal(err)
	}
	if sum := ImportFiles(t.Context(), arc, []string{path}, nil); sum.Imported != 1 || len(sum.Failed) > 0 {
		t.Fatalf("importing %s: %s %v", name, sum, sum.Failed)
	}
	pages, err := arc.Pages(t.Context(), storage.PageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if filepath.Base(p.File) == name {
			if !p.HasImage {
				t.Fatalf("%s was imported without its image", name)
			}
			return p.ID
		}
	}
	t.Fatalf("%s is not among the archive's pages", name)
	return 0
}

// openPageStory opens the k-th story of page id and waits for the page
// image to be read.
func openPageStory(t *testing.T, w *Workbench, pageID int64, k int) *article.Story {
	t.Helper()
	w.Reload()
	var ids []int64
	for _, s := range w.browser.stories {
		if s.PageID == pageID {
			ids = append(ids, s.ID)
		}
	}
	if k >= len(ids) {
		t.Fatalf("page %d has %d stories, no story %d", pageID, len(ids), k)
	}
	if err := w.OpenStory(ids[k]); err != nil {
		t.Fatal(err)
	}
	w.jobs.Wait()
	return w.Current()
}

// onCanvas returns where page point (x, y) is on the window's canvas.
func onCanvas(w *Workbench, x, y float64) fyne.Position {
	v := w.rawPane.view
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(v).Add(v.ViewPosition(x, y))
}

// boxMiddle is where the centre of a box is on the canvas.
func boxMiddle(w *Workbench, b article.Box) fyne.Position {
	return onCanvas(w, (b.X0+b.X1)/2, (b.Y0+b.Y1)/2)
}

// pixels renders the window once and returns a reader of its colours by
// canvas position.
func pixels(w *Workbench) func(p fyne.Position) color.NRGBA {
	img := w.Win.Canvas().Capture()
	s := w.Win.Canvas().Scale()
	return func(p fyne.Position) color.NRGBA {
		return color.NRGBAModel.Convert(img.At(int(p.X*s), int(p.Y*s))).(color.NRGBA)
	}
}

// sample returns the fraction of the canvas units inside a box of the
// page whose colour satisfies ok.
func sample(w *Workbench, b article.Box, ok func(c color.NRGBA) bool) float64 {
	at := pixels(w)
	p0, p1 := onCanvas(w, b.X0, b.Y0), onCanvas(w, b.X1, b.Y1)
	hits, n := 0, 0
	for y := p0.Y; y < p1.Y; y++ {
		for x := p0.X; x < p1.X; x++ {
			if ok(at(fyne.NewPos(x, y))) {
				hits++
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hits) / float64(n)
}

// inked is the share of a box drawn in dark ink (text).
func inked(w *Workbench, b article.Box) float64 {
	return sample(w, b, func(c color.NRGBA) bool { return int(c.R)+int(c.G)+int(c.B) < 3*128 })
}

// marked reports whether most of a box's paper shows the paragraph mark
// (the primary colour, translucent over white).
func marked(w *Workbench, b article.Box) bool {
	r, g, bl, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	mix := func(v uint32) uint8 { return uint8((float64(v>>8)*0x60 + 255*(255-0x60)) / 255) }
	tint := color.NRGBA{R: mix(r), G: mix(g), B: mix(bl), A: 0xff}
	return sample(w, b, func(c color.NRGBA) bool { return near(c, tint, 16) }) > 0.4
}

func near(a, b color.Color, tol int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return int(x>>8)-int(y>>8) <= tol && int(y>>8)-int(x>>8) <= tol }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

// fullLine returns the story's first line that sets the full measure of
// its column: the second line of its first paragraph of two lines or more
// (a paragraph's first line is indented).
func fullLine(t *testing.T, st *article.Story) article.Box {
	t.Helper()
	for _, p := range st.Paragraphs {
		if len(p.Boxes) > 1 {
			return p.Boxes[1]
		}
	}
	t.Fatalf("story %q has no paragraph of two lines", st.Title)
	return article.Box{}
}

// outlined reports whether the region outline is drawn just left of the
// box's middle.
func outlined(w *Workbench, b article.Box) bool {
	at := pixels(w)
	p := onCanvas(w, b.X0, (b.Y0+b.Y1)/2)
	primary := theme.Color(theme.ColorNamePrimary)
	for dx := float32(1); dx <= 4; dx++ {
		if near(at(p.SubtractXY(dx, 0)), primary, 40) {
			return true
		}
	}
	return false
}

// A story of a PDF page opens with the printed page in the raw pane: the
// page image drawn (its lines dark where the boxes say, its margin white)
// and the story's lines outlined; the raw text is one tap away.
func TestPDFPageShowsTheImageWithTheStoryOutlined(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	st := openPageStory(t, w, id, 0)
	r := w.rawPane
	if !r.page.Visible() || w.raw.Visible() || !r.toggle.Visible() {
		t.Fatalf("page shown %v, raw text shown %v, toggle shown %v", r.page.Visible(), w.raw.Visible(), r.toggle.Visible())
	}
	if pw, ph := r.view.PageSize(); pw != 595 || ph != 842 {
		t.Fatalf("the view shows a page of %v×%v pt", pw, ph)
	}
	line := fullLine(t, st)
	margin := article.Box{X0: 4, Y0: line.Y0, X1: 24, Y1: line.Y1} // left of the first column
	if d, m := inked(w, line), inked(w, margin); d < 0.05 || m > 0 {
		t.Fatalf("%.0f%% of a line of text is inked on screen, %.0f%% of the margin beside it", 100*d, 100*m)
	}
	if !outlined(w, line) {
		t.Fatal("the story's first line is not outlined")
	}
	test.Tap(r.textBt)
	if r.page.Visible() || !w.raw.Visible() {
		t.Fatal("Raw text did not show the raw text")
	}
	if w.raw.Lines() < 10 || w.raw.Mark(w.raw.LineAt(st.Source.Start)) == widgets.MarkNone {
		t.Fatalf("the raw text has %d lines, the story's first line not marked", w.raw.Lines())
	}
	test.Tap(r.pageBt)
	if !r.page.Visible() || w.raw.Visible() {
		t.Fatal("Page did not bring the page back")
	}
}

// The editor's choice of the raw text holds for the next PDF page.
func TestRawTextChoiceIsRemembered(t *testing.T) {
	w, arc, _ := newBench(t)
	first := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	second := addPDFPage(t, arc, "two.pdf", pdftest.TwoStoriesPage())
	openPageStory(t, w, first, 0)
	test.Tap(w.rawPane.textBt)
	openPageStory(t, w, second, 0)
	if w.rawPane.page.Visible() || !w.raw.Visible() || !w.rawPane.toggle.Visible() {
		t.Fatal("the next PDF page did not open in the raw text, with the toggle")
	}
}

// A text page shows its raw text as it always has: no toggle, no page.
func TestTextPageShowsTheRawText(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	openPageStory(t, w, id, 0)
	text, err := arc.Pages(t.Context(), storage.PageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var textPage int64
	for _, p := range text {
		if !p.HasImage {
			textPage = p.ID
		}
	}
	openPageStory(t, w, textPage, 0)
	r := w.rawPane
	if r.page.Visible() || !w.raw.Visible() || r.toggle.Visible() {
		t.Fatalf("text page: page shown %v, raw text shown %v, toggle shown %v", r.page.Visible(), w.raw.Visible(), r.toggle.Visible())
	}
	if w.raw.Lines() < 50 {
		t.Fatalf("the raw page has %d lines", w.raw.Lines())
	}
}

// Selecting a story outlines its lines and not those of the story beside
// it.
func TestSelectingAStoryOutlinesIt(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "two.pdf", pdftest.TwoStoriesPage())
	left := openPageStory(t, w, id, 0)
	right := openPageStory(t, w, id, 1)
	l, r := fullLine(t, left), fullLine(t, right)
	if l.X0 >= r.X0 {
		t.Fatalf("the stories are not in reading order: %v, %v", l, r)
	}
	if !outlined(w, r) || outlined(w, l) {
		t.Fatalf("with the right story open: right outlined %v, left %v", outlined(w, r), outlined(w, l))
	}
	openPageStory(t, w, id, 0)
	if outlined(w, r) || !outlined(w, l) {
		t.Fatalf("with the left story open: right outlined %v, left %v", outlined(w, r), outlined(w, l))
	}
}

// Tapping a line on the page focuses its paragraph in the article pane
// and marks the paragraph's lines; focusing a paragraph in the article
// pane marks its lines too.
func TestTappingALineFocusesItsParagraph(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	st := openPageStory(t, w, id, 0)
	if len(st.Paragraphs) < 3 {
		t.Fatalf("%d paragraphs", len(st.Paragraphs))
	}
	i := len(st.Paragraphs) / 2
	line := st.Paragraphs[i].Boxes[len(st.Paragraphs[i].Boxes)-1]
	if marked(w, line) {
		t.Fatal("a paragraph is marked before any has the focus")
	}
	test.TapCanvas(w.Win.Canvas(), boxMiddle(w, line))
	if w.focusPara != i || w.Win.Canvas().Focused() != w.editor.field(i) {
		t.Fatalf("tapping paragraph %d's last line focused paragraph %d", i, w.focusPara)
	}
	if !marked(w, line) {
		t.Fatal("the tapped paragraph is not marked")
	}
	first := st.Paragraphs[0].Boxes[0]
	w.Win.Canvas().Focus(w.editor.field(0))
	if w.focusPara != 0 || !marked(w, first) || marked(w, line) {
		t.Fatal("focusing the first paragraph did not move the mark to its lines")
	}
}

// headlineLine returns the story's tallest line on the page that is in
// none of its paragraphs: its title, set larger than the kicker above it.
func headlineLine(t *testing.T, st *article.Story) article.Box {
	t.Helper()
	inParagraph := map[article.Box]bool{}
	for _, p := range st.Paragraphs {
		for _, b := range p.Boxes {
			inParagraph[b] = true
		}
	}
	var head article.Box
	for _, b := range st.Region {
		if !inParagraph[b] && b.Y1-b.Y0 > head.Y1-head.Y0 {
			head = b
		}
	}
	if head.Y1 <= head.Y0 {
		t.Fatalf("story %q read from the archive has no headline line on the page (region of %d lines)", st.Title, len(st.Region))
	}
	return head
}

// The story read back from the archive knows its headline's lines on the
// page: they are outlined with the story, and tapping one gives the title
// field the focus and marks no paragraph.
func TestTappingTheHeadlineFocusesTheTitle(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	st := openPageStory(t, w, id, 0)
	head := headlineLine(t, st)
	if !outlined(w, head) {
		t.Fatal("the headline's line is not outlined")
	}
	line := fullLine(t, st)
	test.TapCanvas(w.Win.Canvas(), boxMiddle(w, line))
	if w.focusPara < 0 || !marked(w, line) {
		t.Fatal("tapping a line of text focused no paragraph")
	}
	test.TapCanvas(w.Win.Canvas(), boxMiddle(w, head))
	if got := w.Win.Canvas().Focused(); got != w.editor.title {
		t.Fatalf("tapping the headline focused %T, not the title field", got)
	}
	if w.focusPara != -1 || marked(w, line) {
		t.Fatalf("after tapping the headline paragraph %d is still focused or marked", w.focusPara)
	}
	if w.Current().ID != st.ID {
		t.Fatalf("tapping the headline opened story %d", w.Current().ID)
	}
}

// Splitting a PDF story gives the new story the lines of its paragraphs
// and leaves the headline with the first part: each part is outlined by
// its own lines, and a tap on a line of the second part opens it. Merging
// them again outlines all the lines as one story.
func TestSplitAndMergeMoveTheOutline(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	st := openPageStory(t, w, id, 0)
	if len(st.Paragraphs) < 3 {
		t.Fatalf("%d paragraphs", len(st.Paragraphs))
	}
	head, region := headlineLine(t, st), slices.Clone(st.Region)
	k := len(st.Paragraphs) / 2
	first := fullLine(t, st)
	later := st.Paragraphs[k].Boxes[len(st.Paragraphs[k].Boxes)-1]
	w.Win.Canvas().Focus(w.editor.field(k))
	w.focusPara = k
	if err := w.SplitStory(); err != nil {
		t.Fatal(err)
	}
	if w.Current().ID != st.ID || len(w.Current().Paragraphs) != k {
		t.Fatalf("after the split story %d is open with %d paragraphs", w.Current().ID, len(w.Current().Paragraphs))
	}
	if !outlined(w, head) || !outlined(w, first) || outlined(w, later) {
		t.Fatalf("first part open: headline outlined %v, its line %v, a line split off %v", outlined(w, head), outlined(w, first), outlined(w, later))
	}
	test.TapCanvas(w.Win.Canvas(), boxMiddle(w, later))
	second := w.Current()
	if second.ID == st.ID {
		t.Fatal("tapping a line split off did not open the new story")
	}
	if outlined(w, head) || outlined(w, first) || !outlined(w, later) {
		t.Fatalf("second part open: headline outlined %v, first part's line %v, its line %v", outlined(w, head), outlined(w, first), outlined(w, later))
	}
	if err := w.MergeStory(-1); err != nil {
		t.Fatal(err)
	}
	if w.Current().ID != st.ID {
		t.Fatalf("after the merge story %d is open", w.Current().ID)
	}
	for _, b := range []article.Box{head, first, later} {
		if !outlined(w, b) {
			t.Fatalf("the merged story's line %v is not outlined", b)
		}
	}
	merged, err := arc.Story(t.Context(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, want := slices.Clone(merged.Region), region
	cmpBox := func(a, b article.Box) int { return cmp.Or(cmp.Compare(a.Y0, b.Y0), cmp.Compare(a.X0, b.X0)) }
	slices.SortFunc(got, cmpBox)
	slices.SortFunc(want, cmpBox)
	if !slices.Equal(got, want) {
		t.Fatalf("merged back, the story has %d lines on the page, had %d", len(got), len(want))
	}
}

// Moving a headline to the story beside moves its lines on the page: the
// story that took it is outlined round it, and a tap on it focuses that
// story's title.
func TestMovingAHeadlineMovesItsLines(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "two.pdf", pdftest.TwoStoriesPage())
	right := openPageStory(t, w, id, 1)
	left := openPageStory(t, w, id, 0)
	leftHead, rightHead := headlineLine(t, left), headlineLine(t, right)
	if err := w.MoveHeadline(1); err != nil {
		t.Fatal(err)
	}
	if w.Current().ID != right.ID || w.Current().Title != left.Title {
		t.Fatalf("after the move story %d is open, titled %q", w.Current().ID, w.Current().Title)
	}
	if !outlined(w, leftHead) || outlined(w, rightHead) || !outlined(w, fullLine(t, right)) {
		t.Fatalf("the right story with the left headline: that headline outlined %v, its old one %v", outlined(w, leftHead), outlined(w, rightHead))
	}
	test.TapCanvas(w.Win.Canvas(), boxMiddle(w, leftHead))
	if w.Current().ID != right.ID || w.Win.Canvas().Focused() != w.editor.title {
		t.Fatalf("tapping the moved headline left story %d open, %T focused", w.Current().ID, w.Win.Canvas().Focused())
	}
}

// Tapping a line of another story on the page opens that story.
func TestTappingAnotherStoryOpensIt(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "two.pdf", pdftest.TwoStoriesPage())
	right := openPageStory(t, w, id, 1)
	left := openPageStory(t, w, id, 0)
	line := fullLine(t, right)
	test.TapCanvas(w.Win.Canvas(), boxMiddle(w, line))
	if w.Current().ID != right.ID {
		t.Fatalf("tapping the right story's line left story %d open (left is %d)", w.Current().ID, left.ID)
	}
	if !outlined(w, line) {
		t.Fatal("the story opened by the tap is not outlined")
	}
}

// The page image is read and decoded once for all the stories of its
// page, and again only when the page has fallen out of the cache.
func TestPageImageIsDecodedOncePerPage(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "two.pdf", pdftest.TwoStoriesPage())
	reads := 0
	source := w.rawPane.source
	w.rawPane.source = func(ctx context.Context, pageID int64) ([]byte, float64, float64, bool, error) {
		if pageID == id {
			reads++
		}
		return source(ctx, pageID)
	}
	openPageStory(t, w, id, 0)
	openPageStory(t, w, id, 1)
	var textPage int64
	for _, s := range w.browser.stories {
		if s.PageID != id {
			textPage = s.PageID
		}
	}
	openPageStory(t, w, textPage, 0)
	openPageStory(t, w, id, 0)
	if reads != 1 {
		t.Fatalf("the page image was read %d times", reads)
	}
	if !w.rawPane.page.Visible() || !outlined(w, fullLine(t, w.Current())) {
		t.Fatal("the page from the cache is not shown with its story")
	}
}

// The outline goes round each run of a story down a column, not round
// every line: an indented first line, full lines and a short last line
// make one box per column; a headline over the columns stays its own.
func TestOutlineJoinsTheLinesOfAColumn(t *testing.T) {
	line := func(x0, y, x1 float64) widgets.Box { return widgets.Box{X0: x0, Y0: y, X1: x1, Y1: y + 10} }
	region := []widgets.Box{
		{X0: 40, Y0: 20, X1: 300, Y1: 50},                      // headline
		line(60, 60, 160), line(40, 75, 160), line(40, 90, 90), // column 1: indented, full, short
		line(180, 60, 300), line(180, 75, 300), // column 2
		line(60, 105, 160), // column 1 again: a new paragraph
	}
	runs := columnRuns(region)
	want := []widgets.Box{{X0: 40, Y0: 20, X1: 300, Y1: 50}, {X0: 40, Y0: 60, X1: 160, Y1: 115}, {X0: 180, Y0: 60, X1: 300, Y1: 85}}
	if !slices.Equal(runs, want) {
		t.Fatalf("runs %v, want %v", runs, want)
	}
}

// The raw pane keeps one width for the page image and one for the raw
// text: widened to read a PDF page, it narrows again for a text page,
// widens again for the next PDF page, and both widths outlive the window.
func TestRawPaneKeepsAWidthForThePageAndOneForTheText(t *testing.T) {
	w, arc, _ := newBench(t)
	id := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	text := w.Current().PageID
	split := w.splits[1]
	narrow := split.Offset
	openPageStory(t, w, id, 0)
	split.SetOffset(0.6)
	openPageStory(t, w, text, 0)
	if split.Offset != narrow {
		t.Fatalf("back on a text page the raw pane's offset is %v, was %v", split.Offset, narrow)
	}
	openPageStory(t, w, id, 0)
	if split.Offset != 0.6 {
		t.Fatalf("back on the PDF page the offset is %v, was widened to 0.6", split.Offset)
	}
	w.rememberLayout()
	w2 := New(w.App, test.NewTempWindow(t, nil), w.arc)
	t.Cleanup(w2.Close)
	w2.restoreLayout()
	if got := w2.splits[1].Offset; got != narrow {
		t.Fatalf("a new window's raw text offset is %v, want %v", got, narrow)
	}
	if w2.rawPane.pageSplit != 0.6 {
		t.Fatalf("a new window's page offset is %v, want 0.6", w2.rawPane.pageSplit)
	}
}

// While the page image is read the pane says so, in place of the page;
// an image that cannot be read leaves the raw text on screen, and the
// status bar says why.
func TestPageImageLoadingAndFailure(t *testing.T) {
	w, arc, _ := newBench(t)
	first := addPDFPage(t, arc, "columns.pdf", pdftest.ColumnsPage())
	second := addPDFPage(t, arc, "two.pdf", pdftest.TwoStoriesPage())
	source := w.rawPane.source
	release := make(chan struct{})
	w.rawPane.source = func(ctx context.Context, pageID int64) ([]byte, float64, float64, bool, error) {
		if pageID == second {
			return nil, 0, 0, false, errors.New("disk error")
		}
		<-release
		return source(ctx, pageID)
	}
	w.Reload()
	var open int64
	for _, s := range w.browser.stories {
		if s.PageID == first {
			open = s.ID
		}
	}
	if err := w.OpenStory(open); err != nil {
		t.Fatal(err)
	}
	r := w.rawPane
	if !r.page.Visible() || !r.loading.Visible() || w.raw.Visible() {
		t.Fatalf("while loading: page %v, loading note %v, raw text %v", r.page.Visible(), r.loading.Visible(), w.raw.Visible())
	}
	close(release)
	w.jobs.Wait()
	if r.loading.Visible() || !r.page.Visible() {
		t.Fatal("the loading note stayed after the page came")
	}
	openPageStory(t, w, second, 0)
	if r.page.Visible() || !w.raw.Visible() || r.toggle.Visible() {
		t.Fatal("a page whose image failed does not show its raw text alone")
	}
	if !strings.Contains(w.status.message.Text, "Could not show the page image") {
		t.Fatalf("the status bar says %q", w.status.message.Text)
	}
}

// The decoded page images kept are bounded in bytes as well as in pages:
// small pages are kept three at a time, tall ones one at a time, and the
// page just opened always.
func TestPageImageCacheIsBoundedInBytes(t *testing.T) {
	w, _, _ := newBench(t)
	r := w.rawPane
	page := func(id int64, wd, ht int) *decodedPage {
		return &decodedPage{pageID: id, img: image.NewRGBA(image.Rect(0, 0, wd, ht))}
	}
	ids := func() []int64 {
		var out []int64
		for _, d := range r.cache {
			out = append(out, d.pageID)
		}
		return out
	}
	for id := int64(1); id <= 4; id++ {
		r.remember(page(id, 1400, 2240)) // a broadsheet page, 12.5 MB
	}
	if got := ids(); !slices.Equal(got, []int64{2, 3, 4}) {
		t.Fatalf("broadsheet pages kept %v, want the last three", got)
	}
	r.remember(page(5, 1400, 5600)) // a tall page, 31 MB
	r.remember(page(6, 1400, 5600))
	if got := ids(); !slices.Equal(got, []int64{6}) {
		t.Fatalf("tall pages kept %v, want the last one alone", got)
	}
	r.remember(page(7, 4000, 6000)) // larger than the bound: still shown
	if got := ids(); !slices.Equal(got, []int64{7}) {
		t.Fatalf("kept %v, want the page just opened", got)
	}
}
