package export

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// crops gives each picture a crop of w×h pixels, the picture's index in
// its red channel, and counts the calls.
func crops(w, h int, calls *int) func(*article.Story, int) (image.Image, error) {
	return func(st *article.Story, i int) (image.Image, error) {
		*calls++
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		img.Set(0, 0, color.RGBA{uint8(i), 0, 0, 255})
		return img, nil
	}
}

// pictureOrder is, for each paragraph of the document in order, "pic" for
// a paragraph holding a drawing and its style otherwise.
func pictureOrder(t *testing.T, parts map[string][]byte) []string {
	t.Helper()
	var out []string
	for _, p := range parseXML(t, "word/document.xml", parts["word/document.xml"]).path("body").children {
		if p.name.Local != "p" {
			continue
		}
		if len(p.all("drawing")) > 0 {
			out = append(out, "pic")
			continue
		}
		out = append(out, p.path("pPr", "pStyle").attr("val"))
	}
	return out
}

// A story with a picture carries its crop as a PNG part, with its type and
// relationship, in a drawing just before the caption, as wide as it was
// printed and as tall as the crop's aspect ratio makes it.
func TestDOCXCarriesAStorysPictureBeforeItsCaption(t *testing.T) {
	st := sampleStory()
	st.Pictures = []article.Box{{X0: 36, Y0: 116, X1: 376, Y1: 346}} // 340 × 230 pt
	calls := 0
	names, parts := docxParts(t, writeDOCX(t, st, DOCXOptions{Picture: crops(680, 460, &calls)}))
	if calls != 1 {
		t.Errorf("the crop was asked for %d times, want once", calls)
	}
	if names[len(names)-1] != "word/media/image1.png" {
		t.Fatalf("parts %v: no picture at the end", names)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(parts["word/media/image1.png"]))
	if err != nil || cfg.Width != 680 || cfg.Height != 460 {
		t.Fatalf("the picture part is %+v (%v), want a PNG of 680×460", cfg, err)
	}
	if !strings.Contains(string(parts["[Content_Types].xml"]), `Extension="png" ContentType="image/png"`) {
		t.Error("no content type for PNG")
	}
	doc := parseXML(t, "word/document.xml", parts["word/document.xml"])
	blip := doc.all("blip")
	if len(blip) != 1 {
		t.Fatalf("%d pictures in the document, want 1", len(blip))
	}
	var target string
	for _, r := range parseXML(t, "rels", parts["word/_rels/document.xml.rels"]).all("Relationship") {
		if r.attr("Id") == blip[0].attr("embed") {
			target = r.attr("Target")
		}
	}
	if target != "media/image1.png" {
		t.Errorf("the drawing's relationship points at %q, want media/image1.png", target)
	}
	ext := doc.all("extent")[0]
	if ext.attr("cx") != "4318000" || ext.attr("cy") != "2921000" {
		t.Errorf("the picture is %s × %s EMU, want 340 × 230 pt (4318000 × 2921000)", ext.attr("cx"), ext.attr("cy"))
	}
	got := strings.Join(pictureOrder(t, parts), " ")
	if want := "Kicker Title Subtitle BodyText Heading2 BodyText pic Caption Credit"; got != want {
		t.Errorf("paragraphs %s, want %s", got, want)
	}
}

// Without a caption the pictures stand under the headline; a picture wider
// than the text narrows to the text width and keeps its aspect ratio; a
// picture whose crop is not there is left out; a story without pictures,
// or an export without crops, is as it was.
func TestDOCXPicturesWithoutCaptionWideAndMissing(t *testing.T) {
	st := sampleStory()
	var paras []article.Paragraph
	for _, p := range st.Paragraphs {
		if p.Kind != article.ParaCaption {
			paras = append(paras, p)
		}
	}
	st.Paragraphs = paras
	st.Pictures = []article.Box{{X0: 0, Y0: 0, X1: 595, Y1: 300}, {X0: 0, Y0: 400, X1: 100, Y1: 500}}
	calls := 0
	wide := crops(1190, 600, &calls)
	opt := DOCXOptions{Picture: func(s *article.Story, i int) (image.Image, error) {
		if i == 1 {
			return nil, nil
		}
		return wide(s, i)
	}}
	names, parts := docxParts(t, writeDOCX(t, st, opt))
	if n := len(names); names[n-1] != "word/media/image1.png" || strings.HasPrefix(names[n-2], "word/media/") {
		t.Errorf("parts %v, want one picture", names)
	}
	if got, want := strings.Join(pictureOrder(t, parts), " "), "Kicker Title Subtitle pic BodyText Heading2 BodyText Credit"; got != want {
		t.Errorf("paragraphs %s, want %s", got, want)
	}
	ext := parseXML(t, "word/document.xml", parts["word/document.xml"]).all("extent")[0]
	cx, _ := strconv.Atoi(ext.attr("cx"))
	cy, _ := strconv.Atoi(ext.attr("cy"))
	if cx != textWidthEMU || math.Abs(float64(cy)-float64(cx)*600/1190) > 1 {
		t.Errorf("a page-wide picture is %d × %d EMU, want the text width (%d) at the crop's aspect ratio", cx, cy, textWidthEMU)
	}

	plain := writeDOCX(t, sampleStory(), DOCXOptions{})
	if got := writeDOCX(t, sampleStory(), DOCXOptions{Picture: wide}); !bytes.Equal(got, plain) {
		t.Error("a story without pictures changes when crops are offered")
	}
	if got := writeDOCX(t, st, DOCXOptions{}); !bytes.Equal(got, writeDOCX(t, &article.Story{
		Kind: st.Kind, Kicker: st.Kicker, Title: st.Title, Subtitle: st.Subtitle, Dateline: st.Dateline, Byline: st.Byline,
		Paragraphs: st.Paragraphs, Metadata: st.Metadata, Source: st.Source}, DOCXOptions{})) {
		t.Error("a story with pictures exported without crops is not the story without them")
	}
}

// A crop that fails stops the export with an error naming the picture.
func TestDOCXPictureErrorStopsTheExport(t *testing.T) {
	st := sampleStory()
	st.ID = 7
	st.Pictures = []article.Box{{X0: 36, Y0: 116, X1: 376, Y1: 346}}
	var buf bytes.Buffer
	err := DOCX(&buf, st, DOCXOptions{Picture: func(*article.Story, int) (image.Image, error) { return nil, errors.New("no page image") }})
	if err == nil || !strings.Contains(err.Error(), "picture 1 of story 7") || !strings.Contains(err.Error(), "no page image") {
		t.Errorf("err = %v, want one naming picture 1 of story 7", err)
	}
}
