package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// withGutter leaves room on the right of content for the scroll bar, which
// Fyne draws over a scroll's content: without it the fields' right edges
// and the buttons at the end of a row sit under the bar.
func withGutter(content fyne.CanvasObject) fyne.CanvasObject {
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize()+theme.Padding(), 0))
	return container.NewBorder(nil, nil, nil, gutter, content)
}
