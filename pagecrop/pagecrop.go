// Package pagecrop cuts a story's pictures out of its page image in the
// archive, for exports that carry them (export.DOCXOptions.Picture): the
// export package knows stories, this one knows where their pixels are.
package pagecrop

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// PageImages is the part of the archive a crop needs.
type PageImages interface {
	PageImage(ctx context.Context, pageID int64) (storage.PageImage, bool, error)
}

// FromArchive returns a function that gives the crop of picture i of a
// story (st.Pictures[i]) from its page's image: the box scaled from points
// to pixels by the image's width over the page's. A story whose page has
// no image gets no crop (nil, no error), so its export is the text alone.
// The last page's image is kept decoded: an export goes story by story,
// page by page, so each page is read and decoded once. Not safe for
// concurrent use.
func FromArchive(ctx context.Context, arch PageImages) func(st *article.Story, i int) (image.Image, error) {
	var (
		pageID int64 = -1
		page   image.Image
		scale  float64
	)
	return func(st *article.Story, i int) (image.Image, error) {
		if i < 0 || i >= len(st.Pictures) {
			return nil, fmt.Errorf("story %d has no picture %d", st.ID, i+1)
		}
		if st.PageID != pageID {
			pi, ok, err := arch.PageImage(ctx, st.PageID)
			if err != nil {
				return nil, fmt.Errorf("page %d: %w", st.PageID, err)
			}
			page, scale = nil, 0
			if ok {
				if page, err = png.Decode(bytes.NewReader(pi.PNG)); err != nil {
					return nil, fmt.Errorf("page %d: its image: %w", st.PageID, err)
				}
				scale = float64(page.Bounds().Dx()) / pi.Width
			}
			pageID = st.PageID
		}
		if page == nil {
			return nil, nil
		}
		return Crop(page, scale, st.Pictures[i]), nil
	}
}

// Crop is the part of a page image under box b (points), scale pixels a
// point; nil when the box lies off the image. The crop is a copy, so the
// page image can go while it is encoded.
func Crop(page image.Image, scale float64, b article.Box) image.Image {
	o := page.Bounds().Min
	r := image.Rect(
		int(math.Floor(b.X0*scale)), int(math.Floor(b.Y0*scale)),
		int(math.Ceil(b.X1*scale)), int(math.Ceil(b.Y1*scale)),
	).Add(o).Intersect(page.Bounds())
	if r.Empty() {
		return nil
	}
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), page, r.Min, draw.Src)
	return out
}
