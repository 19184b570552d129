package export

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"strconv"

	"github.com/galley/galley/article"
)

// docxPicture is one picture crop embedded in a Word document.
type docxPicture struct {
	part   string // word/media/imageN.png
	relID  string // its relationship in word/_rels/document.xml.rels
	png    []byte
	cx, cy int64 // size on the Word page, EMU
}

// EMU (English Metric Units) are what DrawingML measures in: 12 700 a
// point, 635 a twip.
const (
	emuPerPoint = 12700
	emuPerTwip  = 635
	// The text area of writeSectPr's page: A4 less the left and right
	// margins, and less the top and bottom ones.
	textWidthEMU  = (11906 - 2*1800) * emuPerTwip
	textHeightEMU = (16838 - 2*1440) * emuPerTwip
)

// storyPictures are the crops of every story's pictures, in story order,
// from opt.Picture; nil when it is not set. A crop the callback cannot
// give (nil, no error: say, a page stored without its image) is left out.
func storyPictures(stories []*article.Story, get func(*article.Story, int) (image.Image, error)) ([][]docxPicture, error) {
	if get == nil {
		return nil, nil
	}
	out := make([][]docxPicture, len(stories))
	n := 0
	for si, st := range stories {
		for i, box := range st.Pictures {
			img, err := get(st, i)
			if err != nil {
				return nil, fmt.Errorf("docx: picture %d of story %d: %w", i+1, st.ID, err)
			}
			if img == nil || img.Bounds().Dx() <= 0 || img.Bounds().Dy() <= 0 {
				continue
			}
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return nil, fmt.Errorf("docx: picture %d of story %d: %w", i+1, st.ID, err)
			}
			n++
			cx, cy := pictureSize(box, img.Bounds().Dx(), img.Bounds().Dy())
			out[si] = append(out[si], docxPicture{
				part: "word/media/image" + strconv.Itoa(n) + ".png", relID: "rIdImage" + strconv.Itoa(n),
				png: buf.Bytes(), cx: cx, cy: cy,
			})
		}
	}
	return out, nil
}

// pictureSize is the picture's size in the document: as wide as it was
// printed, narrowed to the text width and to most of the text height (so
// it leaves room for its caption on the same page), with the crop's aspect
// ratio.
func pictureSize(box article.Box, wPx, hPx int) (cx, cy int64) {
	aspect := float64(hPx) / float64(wPx)
	w := (box.X1 - box.X0) * emuPerPoint
	if !(w > 0) || w > textWidthEMU {
		w = textWidthEMU
	}
	if maxH := 0.8 * textHeightEMU; w*aspect > maxH {
		w = maxH / aspect
	}
	return int64(math.Round(w)), int64(math.Round(w * aspect))
}

const (
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
)

// writePictureParagraph writes a paragraph holding one inline picture;
// id numbers it among the document's drawings (docPr ids must differ).
func writePictureParagraph(b *xmlBuf, p docxPicture, id int, pageBreakBefore bool) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + stylePicture + `"/>`)
	if pageBreakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	n := strconv.Itoa(id)
	cx, cy := strconv.FormatInt(p.cx, 10), strconv.FormatInt(p.cy, 10)
	b.WriteString(`</w:pPr><w:r><w:drawing>` +
		`<wp:inline distT="0" distB="0" distL="0" distR="0">` +
		`<wp:extent cx="` + cx + `" cy="` + cy + `"/>` +
		`<wp:docPr id="` + n + `" name="Picture ` + n + `"/>` +
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic><a:graphicData uri="` + nsPic + `"><pic:pic>` +
		`<pic:nvPicPr><pic:cNvPr id="` + n + `" name="image` + n + `.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + p.relID + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
}

// pictureRels are the relationships of the embedded pictures, for
// word/_rels/document.xml.rels.
func pictureRels(pics [][]docxPicture) string {
	var b bytes.Buffer
	for _, ps := range pics {
		for _, p := range ps {
			b.WriteString(`<Relationship Id="` + p.relID + `" Type="` + relDoc + `/image" Target="media/` + p.part[len("word/media/"):] + `"/>`)
		}
	}
	return b.String()
}
