package pdftest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"

	"github.com/go-pdf/fpdf"
)

// pixelsPerPoint is the resolution pictures are drawn at: about 144 dpi,
// enough for a page image at screen size, small enough to keep files and
// tests light.
const pixelsPerPoint = 2

// placePicture draws a landscape for the image and places it as a JPEG, the
// way newspaper photographs usually come in a PDF.
func placePicture(doc *fpdf.Fpdf, im Image, name string) error {
	pic := landscape(int(im.W*pixelsPerPoint), int(im.H*pixelsPerPoint), im.Story)
	return placeJPEG(doc, pic, name, im.X, im.Y, im.W, im.H)
}

func placeJPEG(doc *fpdf.Fpdf, pic image.Image, name string, x, y, w, h float64) error {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, pic, &jpeg.Options{Quality: 80}); err != nil {
		return err
	}
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	doc.RegisterImageOptionsReader(name, opt, &buf)
	doc.ImageOptions(name, x, y, w, h, false, opt, 0, "")
	return doc.Error()
}

// landscape is a sky over rolling hills with a sun; the story number shifts
// the colours so two pictures on a page differ.
func landscape(w, h, story int) *image.RGBA {
	w, h = max(w, 1), max(h, 1)
	pic := image.NewRGBA(image.Rect(0, 0, w, h))
	tint := float64(story%5) * 0.15
	sunX, sunY, sunR := 0.75*float64(w), 0.25*float64(h), 0.08*float64(min(w, h))+1
	for y := range h {
		fy := float64(y) / float64(h)
		for x := range w {
			fx := float64(x) / float64(w)
			near := 0.75 + 0.06*math.Sin(fx*9+tint*7)
			far := 0.55 + 0.08*math.Sin(fx*5+1+tint*3)
			var c color.RGBA
			switch {
			case fy > near:
				c = shade(60, 120-int(40*tint), 50, fy)
			case fy > far:
				c = shade(100, 150, 110+int(60*tint), fy)
			case math.Hypot(float64(x)-sunX, float64(y)-sunY) < sunR:
				c = color.RGBA{250, 220, 120, 255}
			default:
				c = shade(120+int(80*tint), 170, 230, 1-fy)
			}
			pic.SetRGBA(x, y, c)
		}
	}
	return pic
}

// shade darkens a colour by up to a third as f goes from 0 to 1.
func shade(r, g, b int, f float64) color.RGBA {
	k := 1 - f/3
	return color.RGBA{uint8(float64(r) * k), uint8(float64(g) * k), uint8(float64(b) * k), 255}
}
