package widgets

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

var (
	red   = color.NRGBA{R: 0xff, A: 0xff}
	blue  = color.NRGBA{B: 0xff, A: 0xff}
	white = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// halves returns a w×h image, its left half red and its right half blue.
func halves(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := red
			if x >= w/2 {
				c = blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func plain(w, h int, c color.Color) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	return img
}

// newPageWindow shows a page view in a window of the given size and
// returns it with the window.
func newPageWindow(t *testing.T, w, h float32) (*PageView, fyne.Window) {
	t.Helper()
	t.Setenv("LANG", "C.UTF-8")
	test.NewTempApp(t)
	v := NewPageView("Fit width")
	win := test.NewTempWindow(t, v)
	win.Resize(fyne.NewSize(w, h))
	return v, win
}

// viewport returns the on-canvas rectangle the page scrolls in.
func viewport(v *PageView) (fyne.Position, fyne.Size) {
	d := fyne.CurrentApp().Driver()
	return d.AbsolutePositionForObject(v.scroll), v.scroll.Size()
}

// capture renders the window and returns the colour at a canvas position.
func capture(win fyne.Window) func(p fyne.Position) color.NRGBA {
	img := win.Canvas().Capture()
	s := win.Canvas().Scale()
	return func(p fyne.Position) color.NRGBA {
		return color.NRGBAModel.Convert(img.At(int(p.X*s), int(p.Y*s))).(color.NRGBA)
	}
}

func near(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) int { return int(math.Abs(float64(int(x) - int(y)))) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

// over composites c at alpha a over an opaque background, as the screen does.
func over(c color.Color, a uint8, bg color.NRGBA) color.NRGBA {
	r, g, b, _ := c.RGBA()
	mix := func(fg uint32, back uint8) uint8 {
		return uint8((float64(fg>>8)*float64(a) + float64(back)*float64(255-a)) / 255)
	}
	return color.NRGBA{R: mix(r, bg.R), G: mix(g, bg.G), B: mix(b, bg.B), A: 0xff}
}

func TestPageViewDrawsTheImageAtTheWidthOfThePane(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	// A 60×120-point page rendered at 2 pixels a point: the image is
	// stretched to the page's size on screen, not shown at its pixels.
	v.SetImage(halves(120, 240), 60, 120)
	at, size := viewport(v)
	if math.Abs(float64(v.Scale()*60-size.Width)) > 0.01 {
		t.Fatalf("page is %.1f wide at fit width, the pane %.1f", v.Scale()*60, size.Width)
	}
	y := at.Y + size.Height/2
	pixel := capture(win)
	for _, c := range []struct {
		x    float32
		want color.NRGBA
	}{
		{at.X + 3, red},
		{at.X + size.Width/2 - 3, red},
		{at.X + size.Width/2 + 3, blue},
		{at.X + size.Width - 10, blue}, // left of the scroll bar
	} {
		if got := pixel(fyne.NewPos(c.x, y)); !near(got, c.want, 8) {
			t.Errorf("pixel at x=%.0f is %v, want %v", c.x, got, c.want)
		}
	}
	// The page is taller than the pane: only its top is shown, from the
	// pane's top edge.
	if got := pixel(fyne.NewPos(at.X+3, at.Y+1)); !near(got, red, 8) {
		t.Errorf("top-left pixel %v, want red", got)
	}
	// Scrolled down, the page stays inside its pane: the zoom bar above
	// it is not painted over.
	v.ScrollTo(Box{0, 100, 60, 110})
	pixel = capture(win)
	if got := pixel(fyne.NewPos(at.X+3, at.Y-2)); near(got, red, 60) {
		t.Errorf("above the pane the page shows through: %v", got)
	}
	if got := pixel(fyne.NewPos(at.X+10, at.Y+10)); !near(got, red, 8) { // below the scroll shadow
		t.Errorf("top-left pixel after scrolling %v, want red", got)
	}
}

func TestPageViewOutlineAndMarksFollowTheZoom(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	// A 400×800-point page rendered at a quarter of a pixel a point.
	v.SetImage(plain(100, 200, white), 400, 800)
	region := Box{40, 40, 240, 160}
	line := Box{48, 80, 232, 104}
	v.SetRegions([]Box{region})
	v.SetMarked([]Box{line})
	at, size := viewport(v)
	fit := size.Width / 400

	check := func(scale float32) {
		t.Helper()
		off := v.scroll.Offset
		screen := func(x, y float64) fyne.Position {
			return at.AddXY(float32(x)*scale-off.X, float32(y)*scale-off.Y)
		}
		pixel := capture(win)
		primary := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
		mark := over(primary, 0x60, white)
		if got := pixel(screen(140, 92)); !near(got, mark, 12) {
			t.Errorf("at %.1f×: middle of the marked line is %v, want %v", scale, got, mark)
		}
		// Inside the region, above the marked line: the page itself.
		if got := pixel(screen(140, 56)); !near(got, white, 8) {
			t.Errorf("at %.1f×: inside the region is %v, want white", scale, got)
		}
		// The outline runs just outside the region's edge.
		edge := screen(140, region.Y0).SubtractXY(0, regionStroke/2)
		if got := pixel(edge); !near(got, primary, 24) {
			t.Errorf("at %.1f×: region's top edge is %v, want %v", scale, got, primary)
		}
		// Below the region the page is unmarked.
		if got := pixel(screen(140, 200)); !near(got, white, 8) {
			t.Errorf("at %.1f×: below the region is %v, want white", scale, got)
		}
	}
	check(fit)
	v.ZoomIn()
	v.ZoomIn()
	v.scroll.ScrollToOffset(fyne.NewPos(0, 0))
	check(2 * fit)
	v.scroll.ScrollToOffset(fyne.NewPos(40, 25))
	check(2 * fit)
}

func TestPageViewTapSelectsTheParagraphUnderIt(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	v.SetTargets([]Target{
		{ID: 7, Boxes: []Box{{10, 10, 90, 16}, {10, 18, 50, 24}}},
		{ID: 8, Boxes: []Box{{10, 60, 90, 66}}},
	})
	var selected []int
	var tapX, tapY float64
	v.OnSelect = func(id int) { selected = append(selected, id) }
	v.OnTapped = func(x, y float64) { tapX, tapY = x, y }
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
	tap := func(x, y float64) {
		test.TapCanvas(win.Canvas(), origin.Add(v.ViewPosition(x, y)))
	}

	tap(30, 21) // the second line of paragraph 7
	tap(60, 63) // paragraph 8
	if len(selected) != 2 || selected[0] != 7 || selected[1] != 8 {
		t.Fatalf("taps selected %v, want [7 8]", selected)
	}
	if math.Abs(tapX-60) > 0.5 || math.Abs(tapY-63) > 0.5 {
		t.Errorf("OnTapped got (%.1f, %.1f), want about (60, 63)", tapX, tapY)
	}

	selected = nil
	tap(70, 30)  // beside the short second line, away from the long one
	tap(50, 40)  // between the paragraphs
	tap(50, 300) // an empty part of the page
	if len(selected) != 0 {
		t.Errorf("taps away from any paragraph selected %v", selected)
	}

	// Just below the last line of paragraph 8, within a few screen units.
	slop := float64(2 / v.Scale())
	tap(50, 66+slop)
	if len(selected) != 1 || selected[0] != 8 {
		t.Errorf("tap just below a line selected %v, want [8]", selected)
	}

	selected = nil
	v.ZoomIn()
	v.ZoomIn()
	v.ScrollTo(Box{10, 60, 90, 66})
	tap(20, 63)
	if len(selected) != 1 || selected[0] != 8 {
		t.Errorf("tap after zooming in selected %v, want [8]", selected)
	}
}

func TestPageViewZoomsInOutAndBackToTheWidth(t *testing.T) {
	v, _ := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	_, view := viewport(v)
	fit := v.img.Size()
	if math.Abs(float64(fit.Width-view.Width)) > 0.01 || math.Abs(float64(fit.Height-2*view.Width)) > 0.01 {
		t.Fatalf("page at fit width is %v, pane %v", fit, view)
	}
	v.ZoomIn()
	v.ZoomIn()
	if got := v.img.Size(); math.Abs(float64(got.Width-2*fit.Width)) > 0.5 || math.Abs(float64(got.Height-2*fit.Height)) > 0.5 {
		t.Errorf("two zoom steps in: page %v, want twice %v", got, fit)
	}
	if v.surface.Size().Width <= view.Width || v.scroll.Offset.X == 0 {
		t.Errorf("zoomed page does not scroll sideways around the middle: surface %v offset %v", v.surface.Size(), v.scroll.Offset)
	}
	// The bar says how far it is zoomed (100% is one unit a point), and
	// the whole figure fits in the bar.
	if want := fmt.Sprintf("%.0f%%", float64(2*fit.Width/400*100)); v.zoomText.Text != want {
		t.Errorf("zoom shown as %q, want %q", v.zoomText.Text, want)
	}
	if right := v.zoomText.Position().X + v.zoomText.Size().Width; right > v.bar.Size().Width+0.5 || v.zoomText.Size().Width < v.zoomText.MinSize().Width {
		t.Errorf("zoom figure cut off: ends at %.1f in a bar %.1f wide", right, v.bar.Size().Width)
	}
	v.ZoomOut()
	v.ZoomOut()
	if got := v.img.Size(); math.Abs(float64(got.Width-fit.Width)) > 0.5 {
		t.Errorf("two steps out again: page %v, want %v", got, fit)
	}
	// Out as far as it goes: the whole page in view, centred across it.
	for range 10 {
		v.ZoomOut()
	}
	small := v.img.Size()
	if math.Abs(float64(small.Height-view.Height)) > 0.5 || small.Width >= view.Width {
		t.Errorf("zoomed out the page is %v, want the pane's height %v", small, view.Height)
	}
	if left := v.img.Position().X; math.Abs(float64(left-(view.Width-small.Width)/2)) > 0.5 {
		t.Errorf("zoomed-out page starts at x=%.1f, not centred", left)
	}
	v.ZoomIn()
	v.ZoomFit()
	if !v.Fitted() || math.Abs(float64(v.img.Size().Width-view.Width)) > 0.01 {
		t.Errorf("ZoomFit gave a page %v in a pane %v", v.img.Size(), view)
	}
	if v.surface.Size().Width > view.Width {
		t.Errorf("at fit width the page scrolls sideways: %v in %v", v.surface.Size(), view)
	}
}

func TestPageViewFitWidthFollowsThePane(t *testing.T) {
	v, win := newPageWindow(t, 400, 300)
	v.SetImage(plain(100, 200, white), 400, 800)
	v.ScrollTo(Box{0, 300, 100, 310})
	x, y := v.pageAtView(fyne.NewPos(0, 0))
	win.Resize(fyne.NewSize(300, 300))
	_, view := viewport(v)
	if math.Abs(float64(v.img.Size().Width-view.Width)) > 0.01 {
		t.Errorf("after narrowing the pane the page is %v wide, the pane %v", v.img.Size().Width, view.Width)
	}
	if x2, y2 := v.pageAtView(fyne.NewPos(0, 0)); math.Abs(x2-x) > 0.5 || math.Abs(y2-y) > 0.5 {
		t.Errorf("top of the view moved from (%.1f, %.1f) to (%.1f, %.1f) of the page", x, y, x2, y2)
	}
}

func TestPageViewCtrlWheelZoomsAroundThePointer(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	fit := v.Scale()
	at, _ := viewport(v)

	// Without Ctrl the wheel scrolls.
	test.Scroll(win.Canvas(), at.AddXY(50, 50), 0, -40)
	if v.scroll.Offset.Y != 40 || v.Scale() != fit {
		t.Fatalf("wheel: offset %v scale %.2f, want scrolled by 40 at %.2f", v.scroll.Offset, v.Scale(), fit)
	}

	v.modifiers = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	pointer := fyne.NewPos(120, 200) // in the viewport
	x, y := v.pageAtView(pointer)
	ev := &fyne.ScrollEvent{Scrolled: fyne.Delta{DY: wheelPerDoubling}}
	ev.Position = pointer // in the scroll container, as the driver gives it
	v.scroll.Scrolled(ev)
	if math.Abs(float64(v.Scale()-2*fit)) > 0.01 {
		t.Errorf("Ctrl+wheel: scale %.3f, want %.3f", v.Scale(), 2*fit)
	}
	if x2, y2 := v.pageAtView(pointer); math.Abs(x2-x) > 0.1 || math.Abs(y2-y) > 0.1 {
		t.Errorf("point under the pointer moved from (%.1f, %.1f) to (%.1f, %.1f)", x, y, x2, y2)
	}
}

func TestPageViewDragPansThePage(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	v.ZoomIn()
	v.ZoomIn()
	v.scroll.ScrollToOffset(fyne.NewPos(100, 100))
	at, _ := viewport(v)
	test.Drag(win.Canvas(), at.AddXY(100, 100), -30, 20)
	if got := v.scroll.Offset; got != fyne.NewPos(130, 80) {
		t.Errorf("drag left 30, down 20: offset %v, want (130, 80)", got)
	}
}

func TestPageViewScrollToShowsTheStory(t *testing.T) {
	t.Setenv("LANG", "C.UTF-8")
	test.NewTempApp(t)
	v := NewPageView("Fit width")
	v.SetImage(plain(100, 200, white), 400, 800)
	story := Box{20, 600, 80, 640}
	v.ScrollTo(story) // before the view has a size: applied at its first layout
	win := test.NewTempWindow(t, v)
	win.Resize(fyne.NewSize(400, 500))
	_, view := viewport(v)
	inView := func(b Box) bool {
		top, bottom := v.ViewPosition(b.X0, b.Y0), v.ViewPosition(b.X1, b.Y1)
		start := v.scroll.Position()
		return top.Y >= start.Y && bottom.Y <= start.Y+view.Height && top.X >= start.X && bottom.X <= start.X+view.Width
	}
	if !inView(story) {
		t.Fatalf("story at %v not in view (offset %v)", story, v.scroll.Offset)
	}
	off := v.scroll.Offset
	v.ScrollTo(Box{30, 610, 70, 620}) // already in view: nothing moves
	if v.scroll.Offset != off {
		t.Errorf("scrolling to a box in view moved the page from %v to %v", off, v.scroll.Offset)
	}
	v.ScrollTo(Box{20, 5, 80, 10})
	if !inView(Box{20, 5, 80, 10}) {
		t.Errorf("box at the top not brought back into view (offset %v)", v.scroll.Offset)
	}
}

func TestPageViewHitTestPrefersTheBoxHoldingThePoint(t *testing.T) {
	v, _ := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	v.SetTargets([]Target{
		{ID: 1, Boxes: []Box{{0, 0, 100, 100}}}, // a picture's frame
		{ID: 2, Boxes: []Box{{10, 90, 90, 96}}}, // a caption inside it
		{ID: 3, Boxes: []Box{{10, 120, 90, 126}}},
	})
	for _, c := range []struct {
		x, y float64
		id   int
		ok   bool
	}{
		{50, 93, 2, true},  // in both: the caption, the smaller
		{50, 50, 1, true},  // in the frame only
		{50, 127, 3, true}, // just below a line
		{50, 110, 0, false},
	} {
		id, ok := v.HitTest(c.x, c.y)
		if id != c.id || ok != c.ok {
			t.Errorf("HitTest(%v, %v) = %d %v, want %d %v", c.x, c.y, id, ok, c.id, c.ok)
		}
	}
}

func TestPageViewNewPageClearsTheSelection(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	v.SetMarked([]Box{{10, 10, 90, 20}})
	v.SetTargets([]Target{{ID: 1, Boxes: []Box{{10, 10, 90, 20}}}})
	v.SetImage(halves(100, 200), 400, 800)
	at, _ := viewport(v)
	pixel := capture(win)
	if got := pixel(at.Add(v.ViewPosition(20, 15).Subtract(v.scroll.Position()))); !near(got, red, 8) {
		t.Errorf("old mark still drawn on the new page: %v", got)
	}
	if _, ok := v.HitTest(20, 15); ok {
		t.Error("old targets still selectable on the new page")
	}
	v.SetImage(nil, 0, 0)
	test.TapCanvas(win.Canvas(), at.AddXY(20, 20)) // must not panic
}

// A story of many lines is outlined line by line, whatever the lengths of
// the lists before it (a long one, a short one, a longer one).
func TestPageViewOutlinesEveryLineOfALongStory(t *testing.T) {
	v, win := newPageWindow(t, 400, 500)
	v.SetImage(plain(100, 200, white), 400, 800)
	lines := func(n int) []Box {
		var bs []Box
		for i := range n {
			y := 20 + float64(i)*20
			bs = append(bs, Box{40, y, 360, y + 10})
		}
		return bs
	}
	at, _ := viewport(v)
	primary := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	for _, n := range []int{5, 2, 9} {
		v.SetRegions(lines(n))
		v.SetMarked(lines(n))
		pixel := capture(win)
		for i, b := range lines(n) {
			edge := at.Add(v.ViewPosition(b.X0, (b.Y0+b.Y1)/2).Subtract(v.scroll.Position())).SubtractXY(regionStroke/2, 0)
			if got := pixel(edge); !near(got, primary, 24) {
				t.Errorf("%d lines: line %d's left edge is %v, want the outline", n, i, got)
			}
		}
	}
}
