package widgets

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Box is a rectangle on a page in points, origin at the page's top-left
// corner, y growing downwards (the PDF's y axis already flipped).
type Box struct{ X0, Y0, X1, Y1 float64 }

// distance is how far the point lies from the box (0 inside).
func (b Box) distance(x, y float64) float64 {
	dx := max(b.X0-x, 0, x-b.X1)
	dy := max(b.Y0-y, 0, y-b.Y1)
	return math.Hypot(dx, dy)
}

func (b Box) area() float64 { return (b.X1 - b.X0) * (b.Y1 - b.Y0) }

// Union returns the smallest box holding all of boxes (the zero Box when
// there are none), for example to scroll a whole story into view.
func Union(boxes []Box) Box {
	if len(boxes) == 0 {
		return Box{}
	}
	u := boxes[0]
	for _, b := range boxes[1:] {
		u = Box{min(u.X0, b.X0), min(u.Y0, b.Y0), max(u.X1, b.X1), max(u.Y1, b.Y1)}
	}
	return u
}

// Target is something on the page a tap selects: a paragraph's id and the
// boxes of its lines.
type Target struct {
	ID    int
	Boxes []Box
}

// ZoomStep is the factor ZoomIn and ZoomOut change the scale by: two steps
// double it. A doubling step (fit width, 2×, 4×) jumps past the size at
// which a newspaper's body type becomes readable in a narrow pane.
const ZoomStep = math.Sqrt2

const (
	// hitSlop is how far (in screen units, whatever the zoom) a tap may
	// fall outside a line's box and still select it: the gaps between
	// lines and columns are thin at fit width.
	hitSlop float32 = 6
	// maxScale is the largest zoom in screen units per point (unless fit
	// width is larger): a 9-point glyph is then 54 units tall.
	maxScale float32 = 6
	// wheelPerDoubling is the Ctrl+wheel scrolling that doubles the
	// zoom: four notches of a Linux or Windows wheel (25 units each in
	// Fyne), so one notch zooms by about a fifth.
	wheelPerDoubling = 100
	regionStroke     = 2
)

// PageView shows the image of a newspaper page with the selected story's
// region outlined and the selected paragraph's lines marked, zoomed to
// the pane's width by default. A tap reports its place in page points and
// selects the target (paragraph) under it. A small bar above the page
// zooms out, in and back to the width.
//
// The page sits in a container.Scroll, which gives scroll bars, wheel and
// touchpad panning and the mobile drag for free; the page itself is also
// Draggable so a mouse drag pans it like a sheet of paper (the scroll
// container pans by drag on mobile only). The scroll container is
// extended to zoom on Ctrl+wheel: Fyne's scroll event carries no
// modifiers, so the desktop driver is asked which keys are held.
//
// Zooming resizes one canvas.Image (stretched, GPU-scaled) and moves a
// few rectangles; the page image is never rendered again, so the caller
// renders it once, at about the screen size at fit width.
//
// All methods must run on Fyne's goroutine (use fyne.Do from others).
type PageView struct {
	widget.BaseWidget

	// OnTapped is called with the page point (x, y) of a tap on the page.
	OnTapped func(x, y float64)
	// OnSelect is called with the id of the target a tap falls in (or
	// within a few screen units of); a tap away from every target does
	// not call it.
	OnSelect func(id int)

	pageW, pageH float64
	regions      []Box
	marked       []Box
	targets      []Target

	fit   bool    // the scale follows the pane's width
	scale float32 // screen units per point when !fit

	img      *canvas.Image
	imgDirty bool // the image changed since the surface last drew it
	surface  *pageSurface
	scroll   *zoomScroll
	zoomText *widget.Label
	bar      *fyne.Container
	box      *fyne.Container
	pending  *Box // asked for by ScrollTo before the view had a size

	// modifiers returns the keyboard modifiers held (the desktop
	// driver's); tests replace it, as Fyne's test driver has none.
	modifiers func() fyne.KeyModifier
}

// NewPageView returns an empty page view; fitLabel is the text of the
// button that zooms back to the page's width (Fyne 2.8 buttons have no
// tooltips, and the fit icon alone does not say "width"). The widgets
// package has no translations: the caller passes the label in the
// interface's language.
func NewPageView(fitLabel string) *PageView {
	v := &PageView{fit: true, modifiers: heldModifiers}
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillStretch
	// Fastest hands the raw pixels to the GPU, which scales them; Smooth
	// would rescale the whole image on the CPU at every zoom step.
	v.img.ScaleMode = canvas.ImageScaleFastest
	v.surface = newPageSurface(v)
	v.scroll = newZoomScroll(v)
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), v.ZoomOut)
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), v.ZoomIn)
	fit := widget.NewButtonWithIcon(fitLabel, theme.ZoomFitIcon(), v.ZoomFit)
	for _, b := range []*widget.Button{out, in, fit} {
		b.Importance = widget.LowImportance
	}
	v.zoomText = widget.NewLabel("")
	v.bar = container.NewHBox(out, in, fit, layout.NewSpacer(), v.zoomText)
	v.box = container.NewBorder(v.bar, nil, nil, nil, v.scroll)
	v.ExtendBaseWidget(v)
	return v
}

func heldModifiers() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// CreateRenderer implements fyne.Widget.
func (v *PageView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.box)
}

// SetImage shows img as a page of pageW × pageH points; the story
// region, marks and targets are cleared and the view goes back to the
// page's top. When the size is not given the image's pixels count as
// points. A *image.RGBA is kept as it is; any other image is converted
// once, as the GPU upload wants RGBA (Fyne would otherwise convert it at
// every zoom step). A nil img clears the view.
func (v *PageView) SetImage(img image.Image, pageW, pageH float64) {
	if img != nil && (pageW <= 0 || pageH <= 0) {
		pageW, pageH = float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	}
	if img == nil {
		pageW, pageH = 0, 0
		v.img.Image = nil
	} else {
		v.img.Image = toRGBA(img)
	}
	v.pageW, v.pageH = pageW, pageH
	v.regions, v.marked, v.targets = nil, nil, nil
	v.imgDirty = true
	v.pending = nil
	v.scroll.Offset = fyne.Position{}
	v.scroll.Refresh()
	v.showZoom()
}

func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Src)
	return rgba
}

// PageSize returns the size of the page shown, in points.
func (v *PageView) PageSize() (w, h float64) { return v.pageW, v.pageH }

// SetRegions outlines the selected story's region: each box is outlined
// on its own, not their union, as a story that jumps columns or wraps
// round a picture is not a rectangle and its union would enclose its
// neighbours. Nil clears it.
func (v *PageView) SetRegions(story []Box) {
	v.regions = story
	v.surface.Refresh()
}

// SetMarked fills the selected paragraph's line boxes with a translucent
// highlight. Nil clears it.
func (v *PageView) SetMarked(lines []Box) {
	v.marked = lines
	v.surface.Refresh()
}

// SetTargets sets what a tap can select (see OnSelect).
func (v *PageView) SetTargets(targets []Target) { v.targets = targets }

// HitTest returns the id of the target at page point (x, y): the one
// whose box holds it (the smallest box if several do), else the one
// whose box is nearest, if within a few screen units.
func (v *PageView) HitTest(x, y float64) (id int, ok bool) {
	scale := v.Scale()
	if scale <= 0 {
		return 0, false
	}
	best, bestArea := math.Inf(1), math.Inf(1)
	for _, t := range v.targets {
		for _, b := range t.Boxes {
			d := b.distance(x, y)
			if d < best || (d == 0 && best == 0 && b.area() < bestArea) {
				best, bestArea, id = d, b.area(), t.ID
			}
		}
	}
	if best > float64(hitSlop/scale) {
		return 0, false
	}
	return id, true
}

// Scale returns the zoom in screen units per page point (0 before the
// view has a size or a page).
func (v *PageView) Scale() float32 {
	if v.fit {
		return v.fitWidth()
	}
	return v.scale
}

// Fitted reports whether the zoom follows the pane's width.
func (v *PageView) Fitted() bool { return v.fit }

// fitWidth is the scale at which the page fills the viewport's width.
func (v *PageView) fitWidth() float32 {
	w := v.scroll.Size().Width
	if v.pageW <= 0 || w <= 0 {
		return 0
	}
	return w / float32(v.pageW)
}

// scaleRange bounds the zoom: out to the whole page in view, in to
// maxScale.
func (v *PageView) scaleRange() (lo, hi float32) {
	lo = v.fitWidth()
	if h := v.scroll.Size().Height; v.pageH > 0 && h > 0 {
		lo = min(lo, h/float32(v.pageH))
	}
	return lo, max(v.fitWidth(), maxScale)
}

// ZoomIn enlarges the page by ZoomStep around the middle of the view.
func (v *PageView) ZoomIn() { v.zoomAround(v.Scale()*ZoomStep, v.middle()) }

// ZoomOut shrinks the page by ZoomStep around the middle of the view.
func (v *PageView) ZoomOut() { v.zoomAround(v.Scale()/ZoomStep, v.middle()) }

// ZoomFit zooms the page to the view's width; the zoom then follows the
// width when the pane is resized.
func (v *PageView) ZoomFit() {
	mid := v.middle()
	x, y := v.pageAtView(mid)
	v.fit = true
	v.relayout()
	v.keepAt(x, y, mid)
}

func (v *PageView) middle() fyne.Position {
	s := v.scroll.Size()
	return fyne.NewPos(s.Width/2, s.Height/2)
}

// zoomAround sets the scale (within scaleRange) keeping the page point
// shown at anchor (a position in the viewport) where it is.
func (v *PageView) zoomAround(scale float32, anchor fyne.Position) {
	if v.pageW <= 0 || v.scroll.Size().IsZero() {
		return
	}
	lo, hi := v.scaleRange()
	scale = min(max(scale, lo), hi)
	x, y := v.pageAtView(anchor)
	v.fit, v.scale = false, scale
	v.relayout()
	v.keepAt(x, y, anchor)
}

// relayout resizes the surface to the current scale.
func (v *PageView) relayout() {
	v.scroll.Refresh()
	v.showZoom()
}

func (v *PageView) showZoom() {
	text := ""
	if s := v.Scale(); s > 0 {
		text = fmt.Sprintf("%d%%", int(math.Round(float64(s)*100)))
	}
	if v.zoomText.Text != text {
		v.zoomText.SetText(text)
		v.bar.Refresh() // lay the bar out again for the label's new width
	}
}

// pageAtView returns the page point shown at a viewport position.
func (v *PageView) pageAtView(p fyne.Position) (x, y float64) {
	return v.mapping().toPage(p.Add(v.scroll.Offset))
}

// keepAt scrolls so page point (x, y) is shown at viewport position at.
func (v *PageView) keepAt(x, y float64, at fyne.Position) {
	v.scroll.ScrollToOffset(v.mapping().toSurface(x, y).Subtract(at))
}

// Resize implements fyne.Widget: at fit width the same part of the page
// stays at the top, and the first layout applies a ScrollTo asked for
// while the view had no size.
func (v *PageView) Resize(s fyne.Size) {
	top := fyne.NewPos(0, 0)
	x, y := v.pageAtView(top)
	had := !v.scroll.Size().IsZero()
	v.BaseWidget.Resize(s)
	if v.scroll.Size().IsZero() {
		return
	}
	v.showZoom()
	switch {
	case v.pending != nil:
		b := *v.pending
		v.pending = nil
		v.ScrollTo(b)
	case had && v.fit:
		v.keepAt(x, y, top)
	}
}

// ScrollTo scrolls the least needed to bring box b into view, with a
// margin above and to the left of it; a box larger than the view is shown
// from its top-left corner. Nothing moves when b is already in view.
func (v *PageView) ScrollTo(b Box) {
	view := v.scroll.Size()
	if view.IsZero() {
		v.pending = &b
		return
	}
	pos, size := v.mapping().rect(b)
	off := v.scroll.Offset
	margin := 4 * theme.Padding()
	if pos.X < off.X || pos.X+size.Width > off.X+view.Width {
		off.X = pos.X - margin
	}
	if pos.Y < off.Y || pos.Y+size.Height > off.Y+view.Height {
		off.Y = pos.Y - margin
	}
	v.scroll.ScrollToOffset(fyne.NewPos(max(off.X, 0), max(off.Y, 0)))
}

// ViewPosition returns where page point (x, y) is shown, relative to the
// view's top-left corner (it may lie outside the view when scrolled away).
func (v *PageView) ViewPosition(x, y float64) fyne.Position {
	return v.scroll.Position().Add(v.mapping().toSurface(x, y)).Subtract(v.scroll.Offset)
}

// pageMapping converts between page points and positions on the surface
// the page is drawn on. Every conversion in the view goes through it.
type pageMapping struct {
	origin fyne.Position // where the page's top-left corner is drawn
	scale  float32       // surface units per point
}

// mapping returns the current mapping: the page at the current scale,
// centred across the surface when narrower than it, at its top.
func (v *PageView) mapping() pageMapping {
	scale := v.Scale()
	left := (v.surface.Size().Width - float32(v.pageW)*scale) / 2
	return pageMapping{origin: fyne.NewPos(max(left, 0), 0), scale: scale}
}

func (m pageMapping) toSurface(x, y float64) fyne.Position {
	return m.origin.AddXY(float32(x)*m.scale, float32(y)*m.scale)
}

func (m pageMapping) toPage(p fyne.Position) (x, y float64) {
	if m.scale <= 0 {
		return -1, -1
	}
	return float64((p.X - m.origin.X) / m.scale), float64((p.Y - m.origin.Y) / m.scale)
}

func (m pageMapping) rect(b Box) (fyne.Position, fyne.Size) {
	p0, p1 := m.toSurface(b.X0, b.Y0), m.toSurface(b.X1, b.Y1)
	return p0, fyne.NewSize(p1.X-p0.X, p1.Y-p0.Y)
}

// zoomScroll is the scroll container the page moves in; with Ctrl (or
// Cmd) held the wheel zooms around the pointer instead of scrolling. The
// wheel is caught here and not on the page inside: Fyne clips drawing to
// the bounds of every Scrollable, so a Scrollable page would draw over
// the bar above the view when scrolled.
type zoomScroll struct {
	container.Scroll
	v *PageView
}

func newZoomScroll(v *PageView) *zoomScroll {
	s := &zoomScroll{v: v}
	s.Direction = container.ScrollBoth
	s.Content = v.surface
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled implements fyne.Scrollable.
func (s *zoomScroll) Scrolled(ev *fyne.ScrollEvent) {
	if s.v.modifiers()&(fyne.KeyModifierControl|fyne.KeyModifierShortcutDefault) == 0 {
		s.Scroll.Scrolled(ev)
		return
	}
	factor := float32(math.Pow(2, float64(ev.Scrolled.DY)/wheelPerDoubling))
	s.v.zoomAround(s.v.Scale()*factor, ev.Position)
}

// pageSurface is what the scroll container scrolls: the image with its
// overlays, at the zoomed size. It takes the taps and drags.
type pageSurface struct {
	widget.BaseWidget
	v *PageView
}

func newPageSurface(v *PageView) *pageSurface {
	s := &pageSurface{v: v}
	s.ExtendBaseWidget(s)
	return s
}

// MinSize implements fyne.Widget: the page at the current scale. At fit
// width it is exactly the view's width, so rounding never shows a
// sideways scroll bar.
func (s *pageSurface) MinSize() fyne.Size {
	v := s.v
	scale := v.Scale()
	w := float32(v.pageW) * scale
	if v.fit {
		w = v.scroll.Size().Width
	}
	return fyne.NewSize(w, float32(v.pageH)*scale)
}

// Tapped implements fyne.Tappable.
func (s *pageSurface) Tapped(ev *fyne.PointEvent) {
	v := s.v
	x, y := v.mapping().toPage(ev.Position)
	if x < 0 || y < 0 || x > v.pageW || y > v.pageH {
		return
	}
	if v.OnTapped != nil {
		v.OnTapped(x, y)
	}
	if id, ok := v.HitTest(x, y); ok && v.OnSelect != nil {
		v.OnSelect(id)
	}
}

// Dragged implements fyne.Draggable: the page follows the pointer.
func (s *pageSurface) Dragged(ev *fyne.DragEvent) {
	off := s.v.scroll.Offset
	s.v.scroll.ScrollToOffset(off.SubtractXY(ev.Dragged.DX, ev.Dragged.DY))
}

// DragEnd implements fyne.Draggable.
func (s *pageSurface) DragEnd() {}

// CreateRenderer implements fyne.Widget.
func (s *pageSurface) CreateRenderer() fyne.WidgetRenderer {
	r := &surfaceRenderer{s: s, bg: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

// surfaceRenderer draws the background, the page image and one
// rectangle per region and marked box (kept between refreshes and
// hidden when unused, so selecting another paragraph allocates nothing).
type surfaceRenderer struct {
	s       *pageSurface
	bg      *canvas.Rectangle
	regions []*canvas.Rectangle
	marks   []*canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *surfaceRenderer) Destroy() {}

func (r *surfaceRenderer) MinSize() fyne.Size { return r.s.MinSize() }

func (r *surfaceRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Layout places the image and the overlays for the current mapping.
func (r *surfaceRenderer) Layout(size fyne.Size) {
	v := r.s.v
	r.bg.Resize(size)
	m := v.mapping()
	pos, sz := m.rect(Box{0, 0, v.pageW, v.pageH})
	v.img.Move(pos)
	v.img.Resize(sz) // a new size only redraws the texture: no re-rendering
	place := func(rects []*canvas.Rectangle, boxes []Box, grow float32) {
		for i, b := range boxes {
			p, s := m.rect(b)
			rects[i].Move(p.SubtractXY(grow, grow))
			rects[i].Resize(s.AddWidthHeight(2*grow, 2*grow))
		}
	}
	// The outline goes round the box, not over the text at its edge.
	place(r.regions, v.regions, regionStroke)
	place(r.marks, v.marked, 0)
}

// Refresh matches the rectangles to the boxes and the theme; the image
// is refreshed (its texture uploaded again) only when it changed.
func (r *surfaceRenderer) Refresh() {
	v := r.s.v
	primary := theme.Color(theme.ColorNamePrimary)
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.regions = sized(r.regions, len(v.regions), func(rc *canvas.Rectangle) {
		rc.FillColor = color.Transparent
		rc.StrokeColor = primary
		rc.StrokeWidth = regionStroke
	})
	r.marks = sized(r.marks, len(v.marked), func(rc *canvas.Rectangle) {
		rc.FillColor = withAlpha(primary, 0x60)
	})
	r.objects = append(r.objects[:0], r.bg, v.img)
	for _, rc := range r.regions {
		r.objects = append(r.objects, rc)
	}
	for _, rc := range r.marks {
		r.objects = append(r.objects, rc)
	}
	r.Layout(r.s.Size())
	if v.imgDirty {
		v.imgDirty = false
		v.img.Refresh()
	}
	r.bg.Refresh()
	for _, rc := range r.objects[2:] {
		rc.Refresh()
	}
}

// sized returns rects with n rectangles, styled by style, reusing those
// it has.
func sized(rects []*canvas.Rectangle, n int, style func(*canvas.Rectangle)) []*canvas.Rectangle {
	for len(rects) < n {
		// One hidden by an earlier, shorter list; the spare room append
		// leaves behind holds no rectangle yet.
		if len(rects) < cap(rects) {
			if kept := rects[:len(rects)+1]; kept[len(rects)] != nil {
				rects = kept
				continue
			}
		}
		rects = append(rects, canvas.NewRectangle(color.Transparent))
	}
	rects = rects[:n]
	for _, rc := range rects {
		style(rc)
	}
	return rects
}
