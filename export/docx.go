package export

import (
	"archive/zip"
	"fmt"
	"image"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/galley/galley/article"
)

// Why our own writer: the pure-Go DOCX libraries we looked at either carry
// the AGPL (fumiama/go-docx, and mmonterroca/docxgo, whose own provenance
// audit says it descends from the AGPL code), or cannot set w:eastAsia in
// styles, write both first-line indent attributes, or write core properties
// (gomutex/godocx). A story needs a dozen paragraph styles and four small
// parts, which is less code than working around a library.

// Default fonts. The East Asian face is Noto Serif CJK SC (Simplified
// Chinese glyph forms; fonts-noto-cjk on Linux, free on every system), and
// Noto Sans CJK SC for headlines. fontTable.xml names SimSun (宋体) and
// SimHei (黑体) as their alternates, so Word on a Windows machine without
// Noto substitutes the standard Chinese faces instead of a Japanese one.
const (
	DefaultEastAsiaFont        = "Noto Serif CJK SC"
	DefaultHeadingEastAsiaFont = "Noto Sans CJK SC"
	defaultLatinFont           = "Times New Roman"
	defaultHeadingLatinFont    = "Arial"
	eastAsiaAltFont            = "SimSun"
	headingEastAsiaAltFont     = "SimHei"
)

// bodySizeHalfPoints is the body text size, 12 pt (小四), in half-points as
// w:sz counts; the first-line indent is two characters of it.
const bodySizeHalfPoints = 24

// DOCXOptions tune a Word export. The zero value is ready to use.
type DOCXOptions struct {
	// Date is the page date (YYYY-MM-DD). It becomes the document's created
	// and modified dates, so that the same story always gives the same
	// bytes; empty leaves them out.
	Date string
	// Title overrides the document title in the core properties (for a
	// document of several stories); empty uses the first story's headline.
	Title string
	// EastAsiaFont and HeadingEastAsiaFont override the default faces.
	EastAsiaFont        string
	HeadingEastAsiaFont string
	// Picture gives the crop of picture i of a story (st.Pictures[i]) from
	// its page image; nil exports no pictures. It lets the caller, which
	// has the archive, supply the pixels while this package knows only
	// stories. A nil image with no error leaves that picture out (its page
	// has no image).
	Picture func(st *article.Story, i int) (image.Image, error)
}

func (o DOCXOptions) fonts() docxFonts {
	f := docxFonts{
		Latin: defaultLatinFont, HeadingLatin: defaultHeadingLatinFont,
		EastAsia: DefaultEastAsiaFont, HeadingEastAsia: DefaultHeadingEastAsiaFont,
	}
	if o.EastAsiaFont != "" {
		f.EastAsia = o.EastAsiaFont
	}
	if o.HeadingEastAsiaFont != "" {
		f.HeadingEastAsia = o.HeadingEastAsiaFont
	}
	return f
}

type docxFonts struct{ Latin, HeadingLatin, EastAsia, HeadingEastAsia string }

// DOCX writes one story as a Word document.
func DOCX(w io.Writer, st *article.Story, opt DOCXOptions) error {
	return DOCXStories(w, []*article.Story{st}, opt)
}

// DOCXStories writes several stories into one Word document, each story
// starting on a new page.
func DOCXStories(w io.Writer, stories []*article.Story, opt DOCXOptions) error {
	if len(stories) == 0 {
		return fmt.Errorf("docx: no story to write")
	}
	created, err := w3cdtf(opt.Date)
	if err != nil {
		return err
	}
	fonts := opt.fonts()
	pics, err := storyPictures(stories, opt.Picture)
	if err != nil {
		return err
	}
	hasPics := false
	for _, ps := range pics {
		hasPics = hasPics || len(ps) > 0
	}
	zw := zip.NewWriter(w)
	// The parts in a fixed order, each with the same timestamp, so the same
	// stories give the same bytes (archives and diff tools rely on it).
	parts := []struct {
		name  string
		write func(*xmlBuf)
	}{
		{"[Content_Types].xml", func(b *xmlBuf) { writeContentTypes(b, hasPics) }},
		{"_rels/.rels", writePackageRels},
		{"docProps/core.xml", func(b *xmlBuf) { writeCoreProps(b, stories, opt.Title, created) }},
		{"docProps/app.xml", writeAppProps},
		{"word/document.xml", func(b *xmlBuf) { writeDocument(b, stories, pics) }},
		{"word/styles.xml", func(b *xmlBuf) { writeStyles(b, fonts) }},
		{"word/settings.xml", writeSettings},
		{"word/fontTable.xml", func(b *xmlBuf) { writeFontTable(b, fonts) }},
		{"word/_rels/document.xml.rels", func(b *xmlBuf) { writeDocumentRels(b, pictureRels(pics)) }},
	}
	for _, ps := range pics {
		for _, pic := range ps {
			parts = append(parts, struct {
				name  string
				write func(*xmlBuf)
			}{pic.part, func(b *xmlBuf) { b.Write(pic.png) }})
		}
	}
	var b xmlBuf
	for _, p := range parts {
		b.Reset()
		p.write(&b)
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipEpoch})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := fw.Write(b.Bytes()); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

// zipEpoch is the timestamp of every part: the earliest a ZIP (MS-DOS) time
// can hold, so it says "no time" rather than a misleading one.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// w3cdtf turns a page date into the W3CDTF form core properties use.
func w3cdtf(date string) (string, error) {
	if date == "" {
		return "", nil
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return "", fmt.Errorf("docx: date %q is not YYYY-MM-DD", date)
	}
	return t.Format("2006-01-02T15:04:05Z"), nil
}

// Paragraph style ids of styles.xml, one per kind of line in a story.
const (
	styleKicker   = "Kicker"
	styleTitle    = "Title"
	styleSubtitle = "Subtitle"
	styleDateline = "Dateline"
	styleByline   = "Byline"
	styleBody     = "BodyText"
	styleSubhead  = "Heading2"
	styleCaption  = "Caption"
	styleCredit   = "Credit"
	stylePicture  = "Picture"
)

// paragraphStyle maps a paragraph kind to its style; unknown kinds are body
// text, so nothing is dropped.
func paragraphStyle(kind string) string {
	switch kind {
	case article.ParaSubhead:
		return styleSubhead
	case article.ParaCaption:
		return styleCaption
	case article.ParaCredit:
		return styleCredit
	}
	return styleBody
}

// writeDocument writes the stories' text, and pics[i], the crops of story
// i's pictures (pics may be nil), before the story's first caption, so the
// caption stands under them as it did on the page, or after the headline
// when the story has no caption.
func writeDocument(b *xmlBuf, stories []*article.Story, pics [][]docxPicture) {
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"><w:body>`)
	drawings := 0
	for i, st := range stories {
		// Every story after the first starts on a new page.
		pageBreak := i > 0
		para := func(style, text string) {
			if strings.TrimSpace(text) == "" {
				return
			}
			writeParagraph(b, style, text, pageBreak)
			pageBreak = false
		}
		var mine []docxPicture
		if i < len(pics) {
			mine = pics[i]
		}
		pictures := func() {
			for _, p := range mine {
				drawings++
				writePictureParagraph(b, p, drawings, pageBreak)
				pageBreak = false
			}
			mine = nil
		}
		para(styleKicker, st.Kicker)
		para(styleTitle, st.Title)
		para(styleSubtitle, st.Subtitle)
		if !hasCaption(st) {
			pictures()
		}
		// The dateline and the credits are different things (where and
		// when the story was filed; who wrote it), so each has its own
		// style an editor can restyle or find on its own.
		para(styleDateline, datelineLine(st))
		para(styleByline, creditsLine(st))
		for _, p := range st.Paragraphs {
			if p.Kind == article.ParaCaption && strings.TrimSpace(p.Text) != "" {
				pictures()
			}
			para(paragraphStyle(p.Kind), p.Text)
		}
	}
	writeSectPr(b)
	b.WriteString(`</w:body></w:document>`)
}

// hasCaption reports a story with a caption paragraph that prints.
func hasCaption(st *article.Story) bool {
	for _, p := range st.Paragraphs {
		if p.Kind == article.ParaCaption && strings.TrimSpace(p.Text) != "" {
			return true
		}
	}
	return false
}

// writeParagraph writes one paragraph of one run. Line breaks inside the
// text become w:br and tabs w:tab, since w:t would fold them into spaces.
func writeParagraph(b *xmlBuf, style, text string, pageBreakBefore bool) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
	if pageBreakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	b.WriteString(`</w:pPr><w:r>`)
	start := 0
	flush := func(end int) {
		if end > start {
			b.WriteString(`<w:t xml:space="preserve">`)
			b.text(text[start:end])
			b.WriteString(`</w:t>`)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i)
			b.WriteString(`<w:br/>`)
			start = i + 1
		case '\t':
			flush(i)
			b.WriteString(`<w:tab/>`)
			start = i + 1
		case '\r':
			flush(i)
			start = i + 1
		}
	}
	flush(len(text))
	b.WriteString(`</w:r></w:p>`)
}

// bylineLine is the line under the headline: the dateline, then each role
// with its names, the parts the story's text does not print already. The
// extractor takes the dateline and byline from where they were printed and
// leaves them there (本报讯 （记者 周明远）… opens the first paragraph; a
// credit such as （王为峰 赵尚元） closes the last), so printing them again
// above the text would print them twice; a line is only for what the text
// lacks (a story whose byline an editor typed in). Markdown and plain text
// print it as one line; DOCX gives its two parts paragraphs of their own
// styles (datelineLine, creditsLine).
func bylineLine(st *article.Story) string {
	var parts []string
	if d := datelineLine(st); d != "" {
		parts = append(parts, d)
	}
	return joinByline(append(parts, creditParts(st)...))
}

// datelineLine is the story's dateline when its text does not print it, at
// its head or closing it (…（本报甲地1月12日电）).
func datelineLine(st *article.Story) string {
	lead, tail := printedEnds(st)
	if d := strings.TrimSpace(st.Dateline); d != "" && !strings.Contains(lead, d) && !strings.Contains(tail, d) {
		return d
	}
	return ""
}

// creditsLine is each role with its names, those the text does not print.
func creditsLine(st *article.Story) string { return joinByline(creditParts(st)) }

// creditParts are the roles, each with its names, that creditsLine prints.
func creditParts(st *article.Story) []string {
	lead, tail := printedEnds(st)
	var parts []string
	var cur []string
	role := ""
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, strings.Join(cur, " "))
		}
		cur = nil
	}
	for _, bl := range st.Byline {
		name := strings.TrimSpace(bl.Name)
		if name == "" || strings.Contains(lead, name) || strings.Contains(tail, name) {
			continue
		}
		r := strings.TrimSpace(bl.Role)
		if len(cur) == 0 || r != role {
			flush()
			role = r
			if r != "" {
				cur = append(cur, r)
			}
		}
		cur = append(cur, name)
	}
	flush()
	return parts
}

// joinByline joins the pieces of a byline line with an ideographic space,
// as Chinese bylines are set, or with two spaces in Latin text.
func joinByline(parts []string) string {
	sep := "  "
	if hasHan(strings.Join(parts, "")) {
		sep = "\u3000"
	}
	return strings.Join(parts, sep)
}

// printedReach is how far into the first paragraph, and back from the end
// of the last, a dateline or byline counts as printed in the text: they
// open or close a story; a name further inside is someone the story is
// about.
const printedReach = 64

// printedEnds returns where a story prints its dateline and byline: the
// opening of its first paragraph, and the close of its last with every
// credit paragraph.
func printedEnds(st *article.Story) (lead, tail string) {
	var texts []string
	var credits strings.Builder
	for _, p := range st.Paragraphs {
		if t := strings.TrimSpace(p.Text); t != "" {
			texts = append(texts, t)
			if p.Kind == article.ParaCredit {
				credits.WriteString(t + "\n")
			}
		}
	}
	if len(texts) == 0 {
		return "", ""
	}
	first, last := []rune(texts[0]), []rune(texts[len(texts)-1])
	lead = string(first[:min(len(first), printedReach)])
	tail = string(last[max(0, len(last)-printedReach):]) + "\n" + credits.String()
	return lead, tail
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// writeSectPr writes the section properties, which must be the last child
// of w:body: an A4 page with the margins Chinese Word uses by default.
func writeSectPr(b *xmlBuf) {
	b.WriteString(`<w:sectPr>` +
		`<w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/>` +
		`<w:cols w:space="425"/>` +
		`</w:sectPr>`)
}
