package export

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/galley/galley/article"
)

// The fixed parts of a DOCX package. Element order inside each part follows
// the ECMA-376 schema: Word refuses files whose children are out of order.

const (
	nsW    = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgR = "http://schemas.openxmlformats.org/package/2006/relationships"
	relDoc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// writeContentTypes declares the parts; png declares the pictures' type.
func writeContentTypes(b *xmlBuf, png bool) {
	b.WriteString(xmlHeader)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	if png {
		b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	}
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`)
}

func writePackageRels(b *xmlBuf) {
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="` + nsPkgR + `">` +
		`<Relationship Id="rId1" Type="` + relDoc + `/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relDoc + `/extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`)
}

// writeDocumentRels writes the document's relationships, extra (the
// pictures') after the fixed ones.
func writeDocumentRels(b *xmlBuf, extra string) {
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="` + nsPkgR + `">` +
		`<Relationship Id="rId1" Type="` + relDoc + `/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="` + relDoc + `/settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="` + relDoc + `/fontTable" Target="fontTable.xml"/>` +
		extra + `</Relationships>`)
}

// writeSettings: a Chinese default tab stop (two characters of 10.5 pt),
// punctuation compression as Chinese typesetting does it, Word 2013+ layout,
// and zh-CN as the East Asian language of the theme fonts.
func writeSettings(b *xmlBuf) {
	b.WriteString(xmlHeader)
	b.WriteString(`<w:settings xmlns:w="` + nsW + `">` +
		`<w:defaultTabStop w:val="420"/>` +
		`<w:characterSpacingControl w:val="compressPunctuation"/>` +
		`<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
		`</w:settings>`)
}

// writeFontTable declares the faces with their alternates and the GB2312
// character set (86), which is what Word uses to pick a substitute when a
// face is missing.
func writeFontTable(b *xmlBuf, f docxFonts) {
	b.WriteString(xmlHeader)
	b.WriteString(`<w:fonts xmlns:w="` + nsW + `">`)
	font := func(name, alt, charset, family string) {
		b.WriteString(`<w:font`)
		b.attr("w:name", name)
		b.WriteString(`>`)
		if alt != "" {
			b.WriteString(`<w:altName`)
			b.attr("w:val", alt)
			b.WriteString(`/>`)
		}
		b.WriteString(`<w:charset w:val="` + charset + `"/><w:family w:val="` + family + `"/><w:pitch w:val="variable"/></w:font>`)
	}
	font(f.Latin, "", "00", "roman")
	font(f.HeadingLatin, "", "00", "swiss")
	font(f.EastAsia, eastAsiaAltFont, "86", "roman")
	font(f.HeadingEastAsia, headingEastAsiaAltFont, "86", "swiss")
	b.WriteString(`</w:fonts>`)
}

// styleDef is one paragraph style of styles.xml.
type styleDef struct {
	id, name, alias string
	next            string // style of the paragraph after; "" = itself
	heading         bool   // headline face, bold
	sizeHalfPt      int    // 0 = the default body size
	align           string // w:jc; "" = justified (the default)
	indentChars     bool   // two-character first-line indent
	before, after   int    // spacing in twips
	line            int    // line spacing in 240ths of a line; 0 = default
	outline         int    // outline level + 1; 0 = none
	keepNext        bool
	color           string
}

// storyStyles are the styles a story uses. The built-in names (Title,
// Subtitle, heading 2, caption, Body Text) let Word and LibreOffice treat
// them as their own (navigation pane, outline); the aliases give Chinese
// editors the names they know.
var storyStyles = []styleDef{
	{id: styleKicker, name: "Kicker", alias: "引题", next: styleTitle, heading: true, sizeHalfPt: 28, align: "center", before: 240, after: 60, line: 240, keepNext: true},
	{id: styleTitle, name: "Title", alias: "主标题", next: styleSubtitle, heading: true, sizeHalfPt: 44, align: "center", before: 120, after: 120, line: 240, outline: 1, keepNext: true},
	{id: styleSubtitle, name: "Subtitle", alias: "副标题", next: styleDateline, heading: true, sizeHalfPt: 28, align: "center", after: 120, line: 240, keepNext: true},
	{id: styleDateline, name: "Dateline", alias: "电头", next: styleByline, sizeHalfPt: 21, align: "center", after: 120, keepNext: true, color: "404040"},
	{id: styleByline, name: "Byline", alias: "署名", next: styleBody, sizeHalfPt: 21, align: "center", after: 240, keepNext: true, color: "404040"},
	{id: styleBody, name: "Body Text", alias: "正文", indentChars: true},
	{id: styleSubhead, name: "heading 2", alias: "小标题", next: styleBody, heading: true, sizeHalfPt: 28, align: "left", before: 240, after: 120, outline: 2, keepNext: true},
	{id: styleCaption, name: "caption", alias: "图片说明", next: styleBody, sizeHalfPt: 21, indentChars: true, before: 60, after: 60, color: "404040"},
	{id: stylePicture, name: "Picture", alias: "图片", next: styleCaption, align: "center", before: 120, line: 240, keepNext: true},
	{id: styleCredit, name: "Credit", alias: "图片署名", next: styleBody, sizeHalfPt: 18, align: "right", after: 120, color: "595959"},
}

func writeStyles(b *xmlBuf, f docxFonts) {
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `">`)
	// Defaults for every run: Latin and East Asian faces, with the eastAsia
	// hint so that ambiguous marks (“ ” … —) take the Chinese face; 12 pt;
	// languages en-US for Latin words and zh-CN for Chinese.
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>`)
	writeRFonts(b, f.Latin, f.EastAsia)
	b.WriteString(`<w:kern w:val="2"/>`)
	writeSize(b, bodySizeHalfPoints)
	b.WriteString(`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`)
	b.WriteString(`</w:rPr></w:rPrDefault>`)
	b.WriteString(`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>`)
	b.WriteString(`</w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	for _, s := range storyStyles {
		writeStyle(b, s, f)
	}
	b.WriteString(`</w:styles>`)
}

func writeStyle(b *xmlBuf, s styleDef, f docxFonts) {
	b.WriteString(`<w:style w:type="paragraph" w:styleId="` + s.id + `">`)
	b.WriteString(`<w:name`)
	b.attr("w:val", s.name)
	b.WriteString(`/>`)
	if s.alias != "" {
		b.WriteString(`<w:aliases`)
		b.attr("w:val", s.alias)
		b.WriteString(`/>`)
	}
	b.WriteString(`<w:basedOn w:val="Normal"/>`)
	next := s.next
	if next == "" {
		next = s.id
	}
	b.WriteString(`<w:next w:val="` + next + `"/><w:qFormat/>`)

	b.WriteString(`<w:pPr>`)
	if s.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if s.before != 0 || s.after != 0 || s.line != 0 {
		b.WriteString(`<w:spacing`)
		if s.before != 0 {
			b.attr("w:before", strconv.Itoa(s.before))
		}
		if s.after != 0 {
			b.attr("w:after", strconv.Itoa(s.after))
		}
		if s.line != 0 {
			b.attr("w:line", strconv.Itoa(s.line))
			b.attr("w:lineRule", "auto")
		}
		b.WriteString(`/>`)
	}
	if s.indentChars {
		// Both attributes: Word uses firstLineChars (hundredths of a
		// character, so it follows the font size), LibreOffice reads only
		// firstLine (twips). Two characters = 2 × size; a half-point is
		// 10 twips, so 2 × halfPoints × 10.
		size := s.sizeHalfPt
		if size == 0 {
			size = bodySizeHalfPoints
		}
		b.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="` + strconv.Itoa(size*20) + `"/>`)
	}
	if s.align != "" {
		b.WriteString(`<w:jc w:val="` + s.align + `"/>`)
	}
	if s.outline != 0 {
		b.WriteString(`<w:outlineLvl w:val="` + strconv.Itoa(s.outline-1) + `"/>`)
	}
	b.WriteString(`</w:pPr>`)

	b.WriteString(`<w:rPr>`)
	if s.heading {
		writeRFonts(b, f.HeadingLatin, f.HeadingEastAsia)
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if s.color != "" {
		b.WriteString(`<w:color w:val="` + s.color + `"/>`)
	}
	if s.sizeHalfPt != 0 {
		writeSize(b, s.sizeHalfPt)
	}
	b.WriteString(`</w:rPr></w:style>`)
}

func writeRFonts(b *xmlBuf, latin, eastAsia string) {
	b.WriteString(`<w:rFonts`)
	b.attr("w:ascii", latin)
	b.attr("w:hAnsi", latin)
	b.attr("w:eastAsia", eastAsia)
	b.attr("w:cs", latin)
	b.WriteString(` w:hint="eastAsia"/>`)
}

func writeSize(b *xmlBuf, halfPoints int) {
	v := strconv.Itoa(halfPoints)
	b.WriteString(`<w:sz w:val="` + v + `"/><w:szCs w:val="` + v + `"/>`)
}

// writeCoreProps writes docProps/core.xml: title, the credited people as
// creator, keywords, the summary as description, language, and the page date
// as created/modified (left out when unknown: a time of export would make
// every export differ).
func writeCoreProps(b *xmlBuf, stories []*article.Story, title, created string) {
	first := stories[0]
	if title == "" {
		title = first.Headline()
	}
	var creators, keywords []string
	seenC, seenK := map[string]bool{}, map[string]bool{}
	for _, st := range stories {
		for _, bl := range st.Byline {
			if n := strings.TrimSpace(bl.Name); n != "" && !seenC[n] {
				seenC[n] = true
				creators = append(creators, n)
			}
		}
		for _, k := range st.Metadata.Keywords {
			if k = strings.TrimSpace(k); k != "" && !seenK[k] {
				seenK[k] = true
				keywords = append(keywords, k)
			}
		}
	}
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.elem("dc:title", title)
	if len(creators) > 0 {
		// Word and LibreOffice split authors at semicolons.
		b.elem("dc:creator", strings.Join(creators, "; "))
	}
	if len(keywords) > 0 {
		b.elem("cp:keywords", strings.Join(keywords, "; "))
	}
	if s := strings.TrimSpace(first.Metadata.Summary); s != "" && len(stories) == 1 {
		b.elem("dc:description", s)
	}
	b.elem("dc:language", documentLanguage(stories))
	if created != "" {
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + created + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + created + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
}

// documentLanguage is zh-CN when the stories are mostly Chinese (more Han
// characters than a quarter of their Latin letters), else en-US.
func documentLanguage(stories []*article.Story) string {
	han, latin := 0, 0
	count := func(s string) {
		for _, r := range s {
			switch {
			case unicode.Is(unicode.Han, r):
				han++
			case unicode.IsLetter(r) && r < 0x250:
				latin++
			}
		}
	}
	for _, st := range stories {
		count(st.Title)
		for _, p := range st.Paragraphs {
			count(p.Text)
		}
	}
	if han > 0 && han*4 >= latin {
		return "zh-CN"
	}
	if latin > 0 {
		return "en-US"
	}
	return "zh-CN"
}

func writeAppProps(b *xmlBuf) {
	b.WriteString(xmlHeader)
	b.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
		` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Application>Galley</Application><DocSecurity>0</DocSecurity></Properties>`)
}
