package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// shareRow lays its objects out in one row over the whole width, in equal
// parts when they fit, but asks only for the sum of their minimum widths
// (a grid asks for the widest times the count, which in English made the
// status buttons the widest thing in the metadata pane).
type shareRow struct{}

func (shareRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objs)-1)
	equal := avail / float32(len(objs))
	fits := true
	sum := float32(0)
	for _, o := range objs {
		sum += o.MinSize().Width
		fits = fits && o.MinSize().Width <= equal
	}
	x := float32(0)
	for _, o := range objs {
		w := equal
		if !fits { // share the room in proportion to what each needs
			w = avail * o.MinSize().Width / sum
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (shareRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		if i > 0 {
			s.Width += theme.Padding()
		}
		s.Height = max(s.Height, m.Height)
	}
	return s
}
