package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image/png"
	"math"

	"github.com/galley/galley/article"
)

// PageImage is a page read from a PDF, drawn as a PNG and kept in the
// archive, so that the workbench shows the printed page beside its text
// without the PDF (which may have been moved, or be on another editor's
// disk). A text page has none.
type PageImage struct {
	PNG []byte
	// Width and Height are the printed page in points: the unit of the
	// boxes of its stories and paragraphs (article.Box), from its top-left
	// corner. A box is drawn at box × PixelWidth / Width.
	Width, Height float64
	// PixelWidth is the PNG's width. The archive reads it from the PNG; a
	// caller need not set it.
	PixelWidth int
}

// pngMagic is the signature every PNG starts with; Check looks for it.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// checkImage refuses what is not a PNG of a page and fills PixelWidth.
func checkImage(img *PageImage) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(img.PNG))
	if err != nil {
		return fmt.Errorf("page image: not a PNG: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("page image: a PNG of %d×%d pixels", cfg.Width, cfg.Height)
	}
	for _, v := range []float64{img.Width, img.Height} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("page image: the page's size %g×%g pt is not a size", img.Width, img.Height)
		}
	}
	img.PixelWidth = cfg.Width
	return nil
}

// AddPageWithImage stores a page as AddPage does and its image with it, in
// the same transaction: the page and its image are in the archive together
// or not at all. img.PixelWidth is set from the PNG.
func (a *Archive) AddPageWithImage(ctx context.Context, p *article.Page, img PageImage) (int64, error) {
	if err := checkImage(&img); err != nil {
		return 0, fmt.Errorf("%s: %w", p.File, err)
	}
	return onePage(a.addPages(ctx, []*article.Page{p}, []*PageImage{&img}))
}

// SavePageImage stores the image of a page already in the archive,
// replacing the one it had (a page drawn again, larger, or a page imported
// before its image was kept). ErrNotFound when there is no such page.
func (a *Archive) SavePageImage(ctx context.Context, pageID int64, img PageImage) error {
	if err := checkImage(&img); err != nil {
		return fmt.Errorf("page %d: %w", pageID, err)
	}
	return a.writeTx(ctx, func(tx *dbTx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM pages WHERE id = ?`, pageID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("page %d: %w", pageID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		return savePageImageTx(ctx, tx, pageID, &img)
	})
}

func savePageImageTx(ctx context.Context, tx *dbTx, pageID int64, img *PageImage) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO page_images (page_id, png, width, height, pixel_width) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (page_id) DO UPDATE SET png = excluded.png, width = excluded.width, height = excluded.height, pixel_width = excluded.pixel_width`,
		pageID, img.PNG, img.Width, img.Height, img.PixelWidth)
	return err
}

// PageImage returns the image of a page; false (and no error) when the
// page has none: a text page, a page imported without one, or no such
// page.
func (a *Archive) PageImage(ctx context.Context, pageID int64) (PageImage, bool, error) {
	var img PageImage
	err := a.db.QueryRowContext(ctx, `SELECT png, width, height, pixel_width FROM page_images WHERE page_id = ?`, pageID).
		Scan(&img.PNG, &img.Width, &img.Height, &img.PixelWidth)
	if errors.Is(err, sql.ErrNoRows) {
		return PageImage{}, false, nil
	}
	if err != nil {
		return PageImage{}, false, a.classify(err)
	}
	return img, true, nil
}

// checkImages counts the page images into r and reports images that are
// not PNGs or give the page no size. It reads every image's first bytes,
// which on SQLite means every image whole: Check does it, QuickCheck not.
// An image without its page is a foreign key problem, found by the
// backend's own check.
func (a *Archive) checkImages(ctx context.Context, r *CheckReport, problem func(string, ...any), quick bool) error {
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM page_images`).Scan(&r.PageImages); err != nil {
		return a.classify(err)
	}
	if quick {
		return nil
	}
	var bad int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM page_images
		WHERE substr(png, 1, 8) != ? OR NOT (width > 0 AND height > 0 AND pixel_width > 0)`, pngMagic).Scan(&bad); err != nil {
		return a.classify(err)
	}
	if bad > 0 {
		problem("page images: not a PNG, or without the page's size: %d", bad)
	}
	return nil
}
