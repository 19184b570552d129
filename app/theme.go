package app

import (
	"image/color"
	"log"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// galleyTheme is Fyne's default theme with a Simplified Chinese face for
// text (see font.go for why), loaded on first use per style.
type galleyTheme struct {
	fyne.Theme
	fonts sync.Map // fyne.TextStyle -> fyne.Resource (nil when none found)
}

func newTheme() *galleyTheme { return &galleyTheme{Theme: theme.DefaultTheme()} }

// preload reads the faces the first frame uses (regular, bold for titles
// and headings, monospace for line numbers) in the background while the
// archive opens, so the first frame does not wait for the font files.
func (t *galleyTheme) preload() {
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Monospace: true}} {
		go t.Font(s)
	}
}

// Font implements fyne.Theme.
func (t *galleyTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.Theme.Font(s)
	}
	key := fyne.TextStyle{Bold: s.Bold, Monospace: s.Monospace}
	if r, ok := t.fonts.Load(key); ok {
		if r == nil {
			return t.Theme.Font(s)
		}
		return r.(fyne.Resource)
	}
	data, path, err := findChineseFont(key.Monospace, key.Bold)
	if err != nil && key.Bold { // no bold face: the regular one reads better than Japanese forms
		data, path, err = findChineseFont(key.Monospace, false)
	}
	if err != nil {
		log.Printf("galley: %v; Chinese text uses the system's fallback font", err)
		t.fonts.Store(key, nil)
		return t.Theme.Font(s)
	}
	res := fyne.NewStaticResource("galley-sc-"+path, data)
	t.fonts.Store(key, res)
	return res
}

// Color implements fyne.Theme; unchanged, present so the type documents
// that only fonts differ from the default theme.
func (t *galleyTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}
