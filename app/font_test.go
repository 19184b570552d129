package app

import (
	"bytes"
	"os"
	"runtime"
	"sync"
	"testing"
	"weak"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"
)

const notoCJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

func needNotoCJK(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(notoCJK); err != nil {
		t.Skip("fonts-noto-cjk not installed:", err)
	}
}

func TestFindChineseFontCutsTheSimplifiedFaceOutOfACollection(t *testing.T) {
	needNotoCJK(t)
	data, path, err := findChineseFont(false, false)
	if err != nil {
		t.Fatal(err)
	}
	if path != notoCJK {
		t.Fatalf("font from %s, want %s", path, notoCJK)
	}
	if string(data[:4]) == "ttcf" {
		t.Fatal("returned the whole collection, not one face")
	}
	if got := familyName(bytes.NewReader(data), 0); got != "Noto Sans CJK SC" {
		t.Fatalf("face family %q, want Noto Sans CJK SC", got)
	}
	mono, _, err := findChineseFont(true, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := familyName(bytes.NewReader(mono), 0); got != "Noto Sans Mono CJK SC" {
		t.Fatalf("mono family %q", got)
	}
}

// parsedFace parses a theme font the way Fyne does.
func parsedFace(t *testing.T, r fyne.Resource) *font.Face {
	t.Helper()
	face, err := font.ParseTTF(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatalf("%s does not parse: %v", r.Name(), err)
	}
	return face
}

func TestBoldAndRegularTextGetSimplifiedChineseFaces(t *testing.T) {
	needNotoCJK(t)
	th := newTheme()
	for _, c := range []struct {
		style fyne.TextStyle
		bold  bool
	}{{fyne.TextStyle{}, false}, {fyne.TextStyle{Bold: true}, true}, {fyne.TextStyle{Italic: true}, false}} {
		face := parsedFace(t, th.Font(c.style))
		d := face.Describe()
		if d.Family != "Noto Sans CJK SC" {
			t.Errorf("%+v text is drawn with %q, want Noto Sans CJK SC", c.style, d.Family)
		}
		if got := d.Aspect.Weight >= font.WeightBold; got != c.bold {
			t.Errorf("%+v text: bold face %v (weight %v), want %v", c.style, got, d.Aspect.Weight, c.bold)
		}
		for _, r := range "写门骨编辑" {
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("%+v text has no glyph for %c", c.style, r)
			}
		}
	}
}

// recordingTheme notes the text styles a window draws in.
type recordingTheme struct {
	*galleyTheme
	mu     sync.Mutex
	styles map[fyne.TextStyle]bool
}

func (r *recordingTheme) Font(s fyne.TextStyle) fyne.Resource {
	r.mu.Lock()
	r.styles[s] = true
	r.mu.Unlock()
	return r.galleyTheme.Font(s)
}

func TestTheWorkbenchDrawsInTwoChineseFacesOnly(t *testing.T) {
	needNotoCJK(t)
	w, _, _ := newBench(t)
	th := &recordingTheme{galleyTheme: newTheme(), styles: map[fyne.TextStyle]bool{}}
	w.App.Settings().SetTheme(th) // drops Fyne's parsed fonts and redraws
	w.Win.Canvas().Capture()
	th.mu.Lock()
	defer th.mu.Unlock()
	// Each style drawn in a Chinese face costs Fyne a parse of it, ~20 MB.
	for s := range th.styles {
		if _, cjk := th.galleyTheme.Font(s).(*faceResource); cjk && s != (fyne.TextStyle{}) && s != (fyne.TextStyle{Bold: true}) {
			t.Errorf("the workbench draws text in %+v: a third Chinese face", s)
		}
	}
	if !th.styles[fyne.TextStyle{}] || !th.styles[fyne.TextStyle{Bold: true}] {
		t.Errorf("regular and bold text not drawn (styles %v)", th.styles)
	}
}

func TestTheThemeKeepsNoCopyOfTheChineseFaceOnceFyneHasIt(t *testing.T) {
	needNotoCJK(t)
	th := newTheme()
	th.preload()
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		data := th.Font(style).Content() // the read-ahead bytes, then fresh ones
		again := th.Font(style).Content()
		if !bytes.Equal(data, again) {
			t.Fatalf("%+v: a second read gives another font", style)
		}
		held := weak.Make(&data[0])
		data, again = nil, nil
		runtime.GC()
		if held.Value() != nil {
			t.Errorf("%+v: the theme still holds the face's bytes after Fyne took them", style)
		}
	}
}
