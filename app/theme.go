package app

import (
	"image/color"
	"log"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// galleyTheme is Fyne's default theme with a Simplified Chinese face for
// text (see font.go for why), located on first use.
//
// Memory decides the rest (issue 12): Fyne parses the theme font once per
// text style that is drawn, into its own copy of the font's tables, about
// 20 MB for a CJK face. So the workbench draws in two styles only, regular
// and bold: line numbers are regular text (the face's digits are all one
// width), and nothing is italic (the CJK faces have no italic, so it looked
// regular anyway). Monospace and italic still get a Chinese face, should
// they ever be drawn.
type galleyTheme struct {
	fyne.Theme
	faces [2][2]faceSlot // [monospace][bold]
}

func newTheme() *galleyTheme { return &galleyTheme{Theme: theme.DefaultTheme()} }

// preload reads the faces the first frame uses (regular, and bold for
// titles and headings) in the background while the archive opens, so the
// first frame does not wait for the font files.
func (t *galleyTheme) preload() {
	for _, bold := range []bool{false, true} {
		go func() {
			if r := t.chineseFace(false, bold); r != nil {
				r.readAhead()
			}
		}()
	}
}

// Font implements fyne.Theme.
func (t *galleyTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.Theme.Font(s)
	}
	if r := t.chineseFace(s.Monospace, s.Bold); r != nil {
		return r
	}
	return t.Theme.Font(s)
}

// chineseFace is the Simplified Chinese face for a style, nil when the
// system has none.
func (t *galleyTheme) chineseFace(mono, bold bool) *faceResource {
	return t.faces[b2i(mono)][b2i(bold)].get(mono, bold)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// faceSlot locates one face once.
type faceSlot struct {
	once sync.Once
	res  *faceResource
}

func (s *faceSlot) get(mono, bold bool) *faceResource {
	s.once.Do(func() {
		face, err := locateChineseFace(mono, bold)
		if err != nil && bold { // no bold face: the regular one reads better than Japanese forms
			face, err = locateChineseFace(mono, false)
		}
		if err != nil {
			log.Printf("galley: %v; Chinese text uses the system's fallback font", err)
			return
		}
		s.res = &faceResource{face: face}
	})
	return s.res
}

// faceResource hands a face's bytes to Fyne without keeping them: Fyne
// copies every table out of them as it parses, so kept bytes would be a
// second copy of the font (16 MB for Noto Sans CJK). Each Content reads the
// face from its file again, except that the first takes what readAhead read.
type faceResource struct {
	face chineseFace

	mu     sync.Mutex
	served bool
	ahead  chan []byte
}

// Name implements fyne.Resource.
func (r *faceResource) Name() string {
	return "galley-sc-" + r.face.path + "#" + strconv.FormatInt(r.face.offset, 10)
}

// Content implements fyne.Resource.
func (r *faceResource) Content() []byte {
	r.mu.Lock()
	r.served = true
	ahead := r.ahead
	r.ahead = nil
	r.mu.Unlock()
	var data []byte
	if ahead != nil {
		data = <-ahead
	}
	if data != nil {
		return data
	}
	data, err := r.face.read()
	if err != nil {
		// the file went away since it was found: Latin text still draws
		log.Printf("galley: %s: %v", r.face.path, err)
		return theme.DefaultTextFont().Content()
	}
	return data
}

// readAhead reads the face for the first Content, unless that has already
// come (the bytes would then be kept for nothing). It blocks; preload runs
// it in the background, and a Content meanwhile waits for it.
func (r *faceResource) readAhead() {
	r.mu.Lock()
	if r.served || r.ahead != nil {
		r.mu.Unlock()
		return
	}
	ahead := make(chan []byte, 1)
	r.ahead = ahead
	r.mu.Unlock()
	data, err := r.face.read()
	if err != nil {
		data = nil // Content reads again, and says what failed
	}
	ahead <- data
}

// Color implements fyne.Theme; unchanged, present so the type documents
// that only fonts differ from the default theme.
func (t *galleyTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}
