package app

import (
	"bytes"
	"cmp"
	"context"
	"image"
	"image/draw"
	"image/png"
	"log"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/widgets"
)

// The raw pane shows what a story was cut from. For a page imported from
// a PDF, whose rendered image the archive keeps, that is the printed page
// itself: the open story outlined, the paragraph being edited marked, and
// a tap on a line selecting its paragraph. The page's text layer stays one
// click away ("Raw text"), as the editor still copies dropped passages
// from it and the flags and automatic edits point into it. A text page
// shows its raw text as it always has, with no toggle.

// prefRawMode remembers whether the editor last chose the page image or
// the raw text for a page that has both.
const prefRawMode = "raw_pane_mode"

// prefRawWrap remembers whether the raw text's long lines wrap.
const prefRawWrap = "raw_pane_wrap"

// prefPageSplit is the raw pane's share of the panes while it shows a
// page image (prefSplit+"1" is its share for the raw text).
const prefPageSplit = "split_page"

const (
	rawModePage = "page"
	rawModeText = "text"
)

// pageCacheSize is how many decoded page images are kept: the open page
// and the one or two the editor goes back and forth to. A broadsheet page
// drawn 1400 pixels wide is about 15 MB decoded.
const pageCacheSize = 3

// pageCacheBytes bounds the decoded images kept, the open page's always
// among them: three broadsheet pages fit, two tall ones (1400 × 5600
// pixels, 31 MB each) do not. Without it, three tall pages would hold
// 94 MB, a third of what the workbench may use (issue 12).
const pageCacheBytes = 48 << 20

// decodedPage is a page image ready for the view.
type decodedPage struct {
	pageID int64
	img    *image.RGBA
	// w and h are the page's size in points (the boxes' coordinates).
	w, h float64
}

// pageImageSource reads a page's stored image: the PNG and the page's size
// in points (0 when unknown); ok is false for a page with no image.
type pageImageSource func(ctx context.Context, pageID int64) (pngData []byte, w, h float64, ok bool, err error)

// archiveImages reads page images from the archive.
func archiveImages(arc Archive) pageImageSource {
	return func(ctx context.Context, pageID int64) ([]byte, float64, float64, bool, error) {
		img, ok, err := arc.PageImage(ctx, pageID)
		return img.PNG, img.Width, img.Height, ok, err
	}
}

// rawPane is the left pane: title, the Page / Raw text toggle, and either
// the raw text or the page image.
type rawPane struct {
	w       *Workbench
	root    fyne.CanvasObject
	title   *widget.Label
	toggle  *fyne.Container
	pageBt  *widget.Button
	textBt  *widget.Button
	wrap    *widget.Check // wrap the raw text's long lines
	view    *widgets.PageView
	loading *widget.Label
	page    *fyne.Container // the view with the loading note over it
	source  pageImageSource

	// hasImage: the open page has an image (or one is being loaded).
	hasImage bool
	// shown is the page whose image the view holds (0: none).
	shown int64
	// cache holds the last decoded images, the most recent last; it is
	// touched only on Fyne's goroutine.
	cache []*decodedPage
	// stopLoad cancels the image load under way.
	stopLoad context.CancelFunc

	// The raw pane's share of the panes (splits[1]) is kept for the page
	// image and for the raw text apart: an editor widens the pane to read
	// the page, and a text page goes back to the narrower column of text.
	// 0: not chosen (the offset is left where it is).
	pageSplit, textSplit float64
	// wasPage: the page image was on screen at the last layout.
	wasPage bool
}

func newRawPane(w *Workbench) *rawPane {
	r := &rawPane{w: w, source: archiveImages(w.arc)}
	r.title = paneTitle(lang.L("Raw page"))
	r.view = widgets.NewPageView(lang.L("Fit width"))
	r.view.OnSelect = r.selected
	// not italic: the Chinese faces have none, and the style alone would
	// cost a parse of the font (see theme.go)
	r.loading = widget.NewLabelWithStyle(lang.L("Loading the page image…"), fyne.TextAlignCenter, fyne.TextStyle{})
	r.loading.Hide()
	r.page = container.NewStack(r.view, container.NewVBox(layout.NewSpacer(), r.loading, layout.NewSpacer()))
	r.page.Hide()
	r.pageBt = widget.NewButton(lang.L("Page"), func() { r.setMode(rawModePage) })
	r.textBt = widget.NewButton(lang.L("Raw text"), func() { r.setMode(rawModeText) })
	r.toggle = container.NewHBox(r.pageBt, r.textBt)
	r.toggle.Hide()
	// Wrapping is the editor's choice, kept for every page: long raw lines
	// are compared with the print by scrolling, or read wrapped.
	r.wrap = widget.NewCheck(lang.L("Wrap lines"), func(on bool) {
		w.App.Preferences().SetBool(prefRawWrap, on)
		w.raw.SetWrap(on)
	})
	r.wrap.SetChecked(w.App.Preferences().Bool(prefRawWrap))
	head := container.NewBorder(nil, nil, nil, container.NewHBox(r.wrap, r.toggle), r.title)
	r.root = container.NewBorder(head, nil, nil, nil, container.NewStack(w.raw, r.page))
	return r
}

// mode is what the pane shows for a page with an image.
func (r *rawPane) mode() string {
	if r.w.App.Preferences().StringWithFallback(prefRawMode, rawModePage) == rawModeText {
		return rawModeText
	}
	return rawModePage
}

// setMode switches between the page image and the raw text, and
// remembers the choice for the next page.
func (r *rawPane) setMode(m string) {
	r.w.App.Preferences().SetString(prefRawMode, m)
	r.layout()
}

// showingPage reports whether the page image is on screen.
func (r *rawPane) showingPage() bool { return r.hasImage && r.mode() == rawModePage }

// layout shows the raw text or the page, and the toggle when there is a
// choice.
func (r *rawPane) layout() {
	defer r.fitSplit()
	if !r.hasImage {
		r.toggle.Hide()
		r.page.Hide()
		r.w.raw.Show()
		r.wrap.Show()
		return
	}
	r.toggle.Show()
	page := r.mode() == rawModePage
	r.pageBt.Importance, r.textBt.Importance = widget.LowImportance, widget.LowImportance
	if page {
		r.pageBt.Importance = widget.HighImportance
		r.w.raw.Hide()
		r.wrap.Hide()
		r.page.Show()
	} else {
		r.textBt.Importance = widget.HighImportance
		r.page.Hide()
		r.w.raw.Show()
		r.wrap.Show()
	}
	r.pageBt.Refresh()
	r.textBt.Refresh()
}

// fitSplit gives the raw pane the width last chosen for what it now shows.
func (r *rawPane) fitSplit() {
	page := r.showingPage()
	split := r.w.splits[1]
	if page == r.wasPage || split == nil {
		return
	}
	if r.wasPage {
		r.pageSplit = split.Offset
	} else {
		r.textSplit = split.Offset
	}
	r.wasPage = page
	if to := r.split(page); to > 0 && to != split.Offset {
		split.SetOffset(to)
		r.w.fitSidePane() // a wider raw pane must not cut the metadata off
	}
}

// split returns the offset kept for the page image or the raw text (0
// when none was chosen).
func (r *rawPane) split(page bool) float64 {
	if page {
		return r.pageSplit
	}
	return r.textSplit
}

// splits returns the offsets to remember: the raw text's and the page
// image's, the one on screen read from the split (0: none chosen).
func (r *rawPane) splits() (text, page float64) {
	text, page = r.textSplit, r.pageSplit
	if off := r.w.splits[1].Offset; r.wasPage {
		page = off
	} else {
		text = off
	}
	return text, page
}

// setPage is called when a story of another page opens: the page's image
// comes from the cache, or is read and decoded in the background while
// the pane says so.
func (r *rawPane) setPage(p *article.Page) {
	if r.stopLoad != nil {
		r.stopLoad()
		r.stopLoad = nil
	}
	if d := r.cached(p.ID); d != nil {
		r.show(d)
		return
	}
	r.shown = 0
	r.view.SetImage(nil, 0, 0)
	// A page read from a PDF has a size: it almost surely has an image, so
	// the pane makes room for it now instead of flashing the raw text.
	r.hasImage = p.Width > 0 && r.source != nil
	r.loading.Show()
	r.layout()
	if r.source == nil {
		return
	}
	ctx, cancel := context.WithCancel(r.w.ctx)
	r.stopLoad = cancel
	id, pageW, pageH := p.ID, p.Width, p.Height
	source := r.source
	r.w.jobs.Add(1)
	go func() {
		defer r.w.jobs.Done()
		d, ok, err := loadPageImage(ctx, source, id, pageW, pageH)
		fyne.Do(func() {
			if ctx.Err() != nil || r.w.page == nil || r.w.page.ID != id {
				return // another page opened meanwhile
			}
			cancel()
			r.stopLoad = nil
			r.loading.Hide()
			switch {
			case err != nil:
				log.Printf("galley: page %d: reading its image: %v", id, err)
				r.w.status.flash(lang.L("Could not show the page image; the raw text is shown"))
				fallthrough
			case !ok:
				r.hasImage = false
				r.layout()
			default:
				r.remember(d)
				r.show(d)
			}
		})
	}()
}

// loadPageImage reads and decodes a page image (off Fyne's goroutine).
// The page size falls back to the page's, then to the image's pixels.
func loadPageImage(ctx context.Context, source pageImageSource, id int64, pageW, pageH float64) (*decodedPage, bool, error) {
	data, w, h, ok, err := source(ctx, id)
	if err != nil || !ok {
		return nil, false, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, false, err
	}
	// The view wants RGBA for the GPU; converting here keeps the UI
	// goroutine free of the per-pixel work.
	rgba, isRGBA := img.(*image.RGBA)
	if !isRGBA || rgba.Rect.Min != (image.Point{}) {
		b := img.Bounds()
		rgba = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Src)
	}
	if w <= 0 || h <= 0 {
		w, h = pageW, pageH
	}
	return &decodedPage{pageID: id, img: rgba, w: w, h: h}, true, nil
}

func (r *rawPane) cached(id int64) *decodedPage {
	for i, d := range r.cache {
		if d.pageID == id {
			r.cache = append(append(r.cache[:i:i], r.cache[i+1:]...), d)
			return d
		}
	}
	return nil
}

// remember adds d to the cache, dropping the oldest pages beyond its
// bounds.
func (r *rawPane) remember(d *decodedPage) {
	r.cache = append(r.cache, d)
	keep, total := 0, 0
	for i := len(r.cache) - 1; i >= 0; i-- {
		total += len(r.cache[i].img.Pix)
		if keep > 0 && (keep == pageCacheSize || total > pageCacheBytes) {
			break
		}
		keep++
	}
	r.cache = append(r.cache[:0:0], r.cache[len(r.cache)-keep:]...)
}

// show puts a decoded page in the view with the open story on it.
func (r *rawPane) show(d *decodedPage) {
	r.view.SetImage(d.img, d.w, d.h)
	r.shown = d.pageID
	r.hasImage = true
	r.loading.Hide()
	r.layout()
	r.showStory()
	r.scrollToStory()
}

// onPage reports whether the view shows the open story's page.
func (r *rawPane) onPage() bool {
	return r.shown != 0 && r.w.page != nil && r.w.cur != nil && r.shown == r.w.page.ID && r.w.cur.PageID == r.shown
}

// showStory outlines the open story, sets what a tap selects and marks
// the paragraph being edited (after every change to the story's
// paragraphs, whose indices the targets are).
func (r *rawPane) showStory() {
	if !r.onPage() {
		if r.shown != 0 {
			r.view.SetRegions(nil)
			r.view.SetMarked(nil)
			r.view.SetTargets(nil)
		}
		return
	}
	r.view.SetRegions(columnRuns(storyRegion(r.w.cur)))
	r.view.SetTargets(r.targets())
	r.view.SetMarked(r.paragraphBoxes(r.w.focusPara))
}

// scrollToStory brings the open story into view (a story just opened).
func (r *rawPane) scrollToStory() {
	if !r.onPage() {
		return
	}
	if region := storyRegion(r.w.cur); len(region) > 0 {
		r.view.ScrollTo(widgets.Union(region))
	}
}

// markParagraph marks paragraph i's lines (-1: none) and brings them into
// view.
func (r *rawPane) markParagraph(i int) {
	if !r.onPage() {
		return
	}
	boxes := r.paragraphBoxes(i)
	r.view.SetMarked(boxes)
	if len(boxes) > 0 {
		r.view.ScrollTo(widgets.Union(boxes))
	}
}

func (r *rawPane) paragraphBoxes(i int) []widgets.Box {
	if st := r.w.cur; st != nil && i >= 0 && i < len(st.Paragraphs) {
		return pageBoxes(st.Paragraphs[i].Boxes)
	}
	return nil
}

// Target ids: a paragraph of the open story is its index; the lines of a
// story of the page (the open one's headline, another story) are
// storyTarget(k) for the page's k-th story.
func storyTarget(k int) int     { return -1 - k }
func targetStory(id int) int    { return -1 - id }
func isStoryTarget(id int) bool { return id < 0 }

// targets lists what a tap on the page selects: the open story's
// paragraphs first, so that a line both in a paragraph and in the story's
// region selects the paragraph; then the open story's other lines (its
// headline), which go to the title; then the other stories of the page.
func (r *rawPane) targets() []widgets.Target {
	st := r.w.cur
	var ts []widgets.Target
	var inParagraphs []widgets.Box
	for i, p := range st.Paragraphs {
		if len(p.Boxes) > 0 {
			b := pageBoxes(p.Boxes)
			ts = append(ts, widgets.Target{ID: i, Boxes: b})
			inParagraphs = append(inParagraphs, b...)
		}
	}
	for k := range r.w.page.Stories {
		s := &r.w.page.Stories[k]
		boxes := storyRegion(s)
		if s.ID == st.ID {
			boxes = outside(boxes, inParagraphs)
		}
		if len(boxes) > 0 {
			ts = append(ts, widgets.Target{ID: storyTarget(k), Boxes: boxes})
		}
	}
	return ts
}

// selected handles a tap on a target: a paragraph of the open story gets
// the focus; the open story's headline gives the title the focus; a line
// of another story opens that story.
func (r *rawPane) selected(id int) {
	w := r.w
	if w.cur == nil || w.page == nil {
		return
	}
	if !isStoryTarget(id) {
		w.focusParagraph(id)
		return
	}
	k := targetStory(id)
	if k < 0 || k >= len(w.page.Stories) {
		return
	}
	if s := w.page.Stories[k]; s.ID != w.cur.ID {
		w.OpenStory(s.ID)
		return
	}
	w.focusPara = -1
	r.view.SetMarked(nil)
	w.Win.Canvas().Focus(w.editor.title)
}

// storyRegion is the story's lines on the page: its Region, or when the
// archive kept none its paragraphs' lines.
func storyRegion(st *article.Story) []widgets.Box {
	if len(st.Region) > 0 {
		return pageBoxes(st.Region)
	}
	var out []widgets.Box
	for _, p := range st.Paragraphs {
		out = append(out, pageBoxes(p.Boxes)...)
	}
	return out
}

// columnRuns joins the lines of a region that follow each other down a
// column into one box, so the outline goes round each run of the story's
// text instead of round every line: at fit width the lines are a few
// units apart, and an outline round each of them covers the text. Lines
// join only lines of about their size (a headline stays its own box, so a
// story under part of a wide headline is not enclosed with its
// neighbours) that lie within the run's width, give or take an indent;
// an indented first line is joined by the wider lines under it.
func columnRuns(lines []widgets.Box) []widgets.Box {
	sorted := slices.Clone(lines)
	slices.SortStableFunc(sorted, func(a, b widgets.Box) int { return cmp.Compare(a.Y0, b.Y0) })
	type run struct {
		box   widgets.Box
		lineH float64 // height of its first line
		lines int
	}
	var runs []run
	for _, b := range sorted {
		h := b.Y1 - b.Y0
		tol := 2.5 * h // an indent of two characters, and some slack
		joined := false
		for i := range runs {
			r := &runs[i]
			if math.Abs(h-r.lineH) > 0.2*r.lineH || b.Y0 <= r.box.Y0 || b.Y0-r.box.Y1 > h {
				continue
			}
			inside := b.X0 >= r.box.X0-tol && b.X1 <= r.box.X1+tol
			widens := r.lines == 1 && r.box.X0 >= b.X0-tol && r.box.X1 <= b.X1+tol
			if inside || widens {
				r.box = widgets.Union([]widgets.Box{r.box, b})
				r.lines++
				joined = true
				break
			}
		}
		if !joined {
			runs = append(runs, run{box: b, lineH: h, lines: 1})
		}
	}
	out := make([]widgets.Box, len(runs))
	for i, r := range runs {
		out[i] = r.box
	}
	return out
}

// outside returns the boxes of bs that mostly lie outside every box of
// cover (the lines of a story that are in none of its paragraphs).
func outside(bs, cover []widgets.Box) []widgets.Box {
	var out []widgets.Box
	for _, b := range bs {
		area := (b.X1 - b.X0) * (b.Y1 - b.Y0)
		covered := false
		for _, c := range cover {
			ix := min(b.X1, c.X1) - max(b.X0, c.X0)
			iy := min(b.Y1, c.Y1) - max(b.Y0, c.Y0)
			if ix > 0 && iy > 0 && ix*iy >= area/2 {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, b)
		}
	}
	return out
}

// pageBoxes converts the archive's boxes to the view's (the same
// rectangles in the same page points).
func pageBoxes(bs []article.Box) []widgets.Box {
	if len(bs) == 0 {
		return nil
	}
	out := make([]widgets.Box, len(bs))
	for i, b := range bs {
		out[i] = widgets.Box{X0: b.X0, Y0: b.Y0, X1: b.X1, Y1: b.Y1}
	}
	return out
}
