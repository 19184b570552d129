package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/article"
	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
)

// A dateline opens the first paragraph (本报讯, 新华社北京6月27日电,
// "BEIJING, June 27 (Xinhua) --") or closes the story in brackets; package
// dateline knows their forms.

// head is what opens a story: its dateline, the byline printed with it, and
// where the story proper begins (a byte offset into the paragraph).
type head struct {
	Dateline string
	Byline   []article.Byline
	Body     int
}

// leadingMarks are the bullets some papers print before a byline (□记者 …).
const leadingMarks = "□■●◆▲◇△○"

// readHead finds the dateline and byline at the start of the first body
// paragraph. Only the parenthesised byline right after the dateline (or at
// the very start) is taken: parentheses further in are ordinary text.
func readHead(text string, known nameChecker) head {
	var h head
	i := skipSpace(text, 0)
	if d, body := dateline.English(text[i:]); d != "" {
		h.Dateline = strings.TrimSpace(d)
		h.Body = i + body
		return h
	}
	if n := dateline.Len(text[i:]); n > 0 {
		h.Dateline = text[i : i+n]
		i += n
	}
	j := skipSpace(text, i)
	for j < len(text) {
		r, n := utf8x.First(text[j:])
		if !strings.ContainsRune(leadingMarks, r) {
			break
		}
		j = skipSpace(text, j+n)
	}
	if j < len(text) && (text[j] == '(' || strings.HasPrefix(text[j:], "（")) {
		if end := closingParen(text, j); end > 0 {
			inner := text[j+openLen(text[j:]) : end]
			if bl, ok := parseCredit(inner, known); ok {
				// Names printed after a dateline with no role at all
				// (本报北京1月9日电（甲乙、丙丁）) are left out of the
				// byline, as the archive's annotated pages keep it: a
				// byline credits a role. The bracket is still the head.
				if h.Dateline == "" || hasRole(bl) {
					h.Byline = bl
				}
				j = end + closeLen(text[end:])
				i = j
			}
		}
	} else if startsWithRole(text[j:]) {
		// 本报讯 记者 甲乙丙 报道：… — an unbracketed byline up to a colon,
		// or 本报讯 记者 甲乙丙 通讯员 丁戊 近日，… — role and name words up
		// to the first word that is neither.
		if k := strings.IndexAny(text[j:], "：:"); k > 0 && k < 60 {
			if bl, ok := parseCredit(text[j:j+k], known); ok {
				h.Byline = bl
				colon, _ := utf8x.First(text[j+k:]) // (not the rest as []rune)
				i = j + k + utf8.RuneLen(colon)
			}
		}
		if h.Byline == nil {
			if bl, end := leadingCredit(text, j, known); end > j {
				h.Byline, i = bl, end
			}
		}
	}
	// The story proper starts after the dateline, its byline and any
	// punctuation that separated them (本报讯，…).
	for i < len(text) {
		r, n := utf8x.First(text[i:])
		if !unicode.IsSpace(r) && !strings.ContainsRune("，,：:　—-", r) {
			break
		}
		i += n
	}
	h.Body = i
	return h
}

// closingDateline finds a dateline printed in parentheses at the close of
// a story instead of at its head, as some papers set a report's:
// …签约仪式在当地举行。（本报甲地1月12日电）, also with the reporters after it
// （本报甲地1月12日电 记者甲乙）, whose names readTail reads. It returns the
// dateline as printed, or "".
func closingDateline(st *article.Story) string {
	for i := len(st.Paragraphs) - 1; i >= 0; i-- {
		if t := st.Paragraphs[i].Text; strings.TrimSpace(t) != "" {
			return dateline.Closing(t)
		}
	}
	return ""
}

// readLeadingCredit finds a wire credit in parentheses that opens a
// paragraph and is followed by more text: the credit closing the items of
// a roundup above, which the extractor ran into the next item's first
// line (（本报甲地、乙地1月1日电 记者甲乙、丙丁）“新年好！”…). It returns
// the bylines and the offset after the credit, or -1.
func readLeadingCredit(text string, known nameChecker) ([]article.Byline, int) {
	i := skipSpace(text, 0)
	if !strings.HasPrefix(text[i:], "（") {
		return nil, -1
	}
	end := strings.Index(text[i:], "）")
	if end < 0 || strings.Contains(text[i+len("（"):i+end], "（") {
		return nil, -1
	}
	end += i + len("）")
	inner := text[i+len("（") : end-len("）")]
	if !strings.Contains(inner, "电") || strings.TrimSpace(text[end:]) == "" {
		return nil, -1
	}
	bl, at := readTail(text[:end], known)
	if at != i || len(bl) == 0 {
		return nil, -1
	}
	return bl, end
}

// readTail finds an author credit in parentheses at the very end of a
// paragraph: "…新增4.5亿元。（甲乙丙 丁戊己）". It returns the bylines and
// the offset where the credit starts, or -1.
func readTail(text string, known nameChecker) ([]article.Byline, int) {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	var closer string
	switch {
	case strings.HasSuffix(t, "）"):
		closer = "）"
	case strings.HasSuffix(t, ")"):
		closer = ")"
	default:
		return nil, -1
	}
	end := len(t) - len(closer)
	// a wire credit names up to a dozen cities and reporters: 80
	// characters
	open := strings.LastIndexAny(t[:end], "（(")
	if open < 0 || end-open > 80*3 {
		return nil, -1
	}
	inner := t[open+openLen(t[open:]) : end]
	bl, ok := parseCredit(inner, known)
	if !ok {
		// a wire credit at the end names the dateline before the
		// reporters: （据新华社电 记者甲乙丙）, （新华社北京1月1日电 记者甲乙）,
		// and of a roundup from several places, which no one dateline
		// reads, （本报东京、堪培拉电 记者…）
		if n := dateline.Len(inner); n > 0 {
			bl, ok = parseCredit(strings.TrimSpace(inner[n:]), known)
		} else if k := strings.Index(inner, "电"); (strings.HasPrefix(inner, "据") || strings.HasPrefix(inner, "本报")) && k > 0 && k <= 45*3 {
			bl, ok = parseCredit(strings.TrimSpace(inner[k+len("电"):]), known)
		}
	}
	if !ok {
		// an author's note closing a commentary: （作者为…所长，本报记者甲乙丙
		// 整理）: the credit is its last clause
		if k := strings.LastIndex(inner, "，"); strings.HasPrefix(inner, "作者") && k > 0 {
			if last := inner[k+len("，"):]; startsWithRole(last) {
				bl, ok = parseCredit(last, known)
			}
		}
	}
	if !ok {
		return nil, -1
	}
	return bl, open
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8x.First(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func openLen(s string) int {
	if strings.HasPrefix(s, "（") {
		return len("（")
	}
	return 1
}

func closeLen(s string) int {
	if strings.HasPrefix(s, "）") {
		return len("）")
	}
	return 1
}

// closingParen returns the offset of the parenthesis closing the one at
// open, if it closes within a credit's length; else -1.
func closingParen(s string, open int) int {
	limit := open + 150
	if limit > len(s) {
		limit = len(s)
	}
	k := strings.IndexAny(s[open+openLen(s[open:]):limit], "）)")
	if k < 0 {
		return -1
	}
	return open + openLen(s[open:]) + k
}

// leadingCredit reads space-separated role and name words from offset j
// for as long as they read as a credit, and returns the bylines and the
// offset after the last word taken (j when there is no credit).
func leadingCredit(text string, j int, known nameChecker) ([]article.Byline, int) {
	var best []article.Byline
	bestEnd := j
	k := j
	for words := 0; words < 12 && k < len(text); words++ {
		k = skipSpace(text, k)
		e := k
		for e < len(text) {
			r, n := utf8x.First(text[e:])
			if unicode.IsSpace(r) {
				break
			}
			e += n
		}
		if e == k {
			break
		}
		bl, ok := parseCredit(text[j:e], known)
		if ok && !allNameShaped(bl) {
			break // 记者 甲乙丙 近日…: the body's first word is no name
		}
		if !ok {
			if isRole(text[k:e]) {
				k = e // a role whose names are still to come
				continue
			}
			break
		}
		if e < len(text) { // a credit ends at a space, never inside a word
			best, bestEnd = bl, e
		}
		k = e
	}
	return best, bestEnd
}

// photoMarks end a photo credit printed at the end of a caption.
var photoMarks = []string{"摄", "摄影", "供图"}

// readPhotoCredit finds a photo credit closing a caption or a story
// without parentheses: "图为检修现场。 本报记者 甲乙丙 摄". The credit is
// the longest run of space-separated words after the last sentence end
// that reads as a credit; it returns the bylines and where they start, or
// -1.
func readPhotoCredit(text string, known nameChecker) ([]article.Byline, int) {
	// the picture agency after the mark (甲乙丙摄（人民视觉）) is no name
	t := strings.TrimRightFunc(dropAgency(text), unicode.IsSpace)
	marked := false
	for _, m := range photoMarks {
		if strings.HasSuffix(t, m) {
			marked = true
		}
	}
	if !marked {
		return nil, -1
	}
	start := strings.LastIndexAny(t, "。！？；）)”")
	if start < 0 {
		start = 0
	} else {
		_, n := utf8x.First(t[start:])
		start += n
	}
	var best []article.Byline
	bestAt := -1
	// Try each word start after the sentence end, longest credit first.
	for k := start; k < len(t); {
		k = skipSpace(t, k)
		if k >= len(t) {
			break
		}
		if bl, ok := parseCredit(t[k:], known); ok {
			best, bestAt = bl, k
			break
		}
		for k < len(t) {
			r, n := utf8x.First(t[k:])
			if unicode.IsSpace(r) {
				break
			}
			k += n
		}
	}
	return best, bestAt
}

func allNameShaped(bl []article.Byline) bool {
	for _, b := range bl {
		if !chineseNameShape(b.Name) && !transcribedName(b.Name) && !latinName(b.Name) {
			return false
		}
	}
	return true
}

// readClosingCredit finds an author credit in parentheses right after a
// sentence's end inside a paragraph (…附加值。（甲乙丙 丁戊己）图为…): a
// story's closing credit with the next block run on after it, as happens
// when a caption is set straight after a story. It returns the bylines
// and the credit's span, or -1.
func readClosingCredit(text string, known nameChecker) ([]article.Byline, int, int) {
	for _, stop := range []string{"。（", "！（", "？（", "”（", "。(", "”("} {
		for from := 0; ; {
			i := strings.Index(text[from:], stop)
			if i < 0 {
				break
			}
			open := from + i + len(stop) - openLenBack(stop) // the parenthesis
			from = open + 1
			end := closingParen(text, open)
			if end < 0 {
				continue
			}
			if bl, ok := parseCredit(text[open+openLen(text[open:]):end], known); ok {
				return bl, open, end + closeLen(text[end:])
			}
		}
	}
	return nil, -1, -1
}

// openLenBack is the byte length of the opening parenthesis ending s.
func openLenBack(s string) int {
	if strings.HasSuffix(s, "（") {
		return len("（")
	}
	return 1
}

// hasRole reports whether any of the names is credited with a role.
func hasRole(bl []article.Byline) bool {
	for _, b := range bl {
		if b.Role != "" {
			return true
		}
	}
	return false
}
