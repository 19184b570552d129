package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
)

// Cues read from the text of one line: datelines that open a story,
// credit lines that close one, page furniture that belongs to no story.

// bracketedCredit is the text inside s when s, spaces aside, is one pair of
// full-width brackets around at most maxRunes characters with no bracket
// or full stop inside: a credit printed in brackets.
func bracketedCredit(s string, maxRunes int) (string, bool) {
	s = squashSpaces(strings.TrimSpace(s))
	inner, ok := strings.CutPrefix(s, "（")
	if !ok {
		return "", false
	}
	inner, ok = strings.CutSuffix(inner, "）")
	if !ok || strings.ContainsAny(inner, "（）。") || utf8x.Count(inner) > maxRunes {
		return "", false
	}
	return inner, true
}

// maxAuthorNoteRunes is the longest author's note inside its brackets
// (作者 included).
const maxAuthorNoteRunes = 82

// isAuthorNote reports an author's note in brackets closing a commentary
// or a column: （作者为北京中医药大学国学院教授）, （作者系…）.
func isAuthorNote(s string) bool {
	inner, ok := bracketedCredit(s, maxAuthorNoteRunes)
	if !ok {
		return false
	}
	for _, lead := range []string{"作者为", "作者系", "作者单位"} {
		if strings.HasPrefix(inner, lead) {
			return true
		}
	}
	return false
}

// isWireCredit reports a story's closing wire credit in brackets, as a
// roundup from several places prints it: （本报北京、柏林、开罗电 记者甲乙、
// 丙丁） — an agency and its places up to 电, then a role and names.
func isWireCredit(s string) bool {
	inner, ok := bracketedCredit(s, 120)
	if !ok {
		return false
	}
	org := false
	for _, o := range dateline.Orgs {
		org = org || strings.HasPrefix(inner, o)
	}
	at := strings.Index(inner, "电")
	if !org || at < 0 {
		return false
	}
	return startsWithRoleWord(inner[at+len("电"):])
}

// creditLabels open a credit that names its maker after a colon:
// 图：甲乙, 摄影：甲乙, 插图：甲乙绘.
var creditLabels = []string{"图", "插图", "制图", "摄影", "供图", "漫画"}

// labelledCredit reports a credit line of a label, a colon and a name or
// two (图：编者绘).
func labelledCredit(s string) bool {
	for _, label := range creditLabels {
		afterLabel, ok := strings.CutPrefix(s, label)
		if !ok {
			continue
		}
		rest, ok := strings.CutPrefix(afterLabel, "：")
		if !ok {
			rest, ok = strings.CutPrefix(afterLabel, ":")
		}
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		n := 0
		for _, r := range rest {
			if !isHan(r) && r != '·' && r != '、' && !isSpace(r) {
				return false
			}
			n++
		}
		return n >= 2 && n <= 12
	}
	return false
}

// creditEnds are the words that close a photo or graphics credit.
var creditEnds = []string{"摄影报道", "摄影", "摄", "供图", "制图", "绘", "图"}

func hasCreditEnd(s string) bool {
	for _, e := range creditEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// isCredit reports whether s is a credit line: role words and names
// separated by spaces, ending with 摄 (本报记者 张三 通讯员 李四 王五 摄).
func isCredit(s string) bool {
	s = strings.TrimSpace(s)
	// a credit may stand in brackets: （本报记者 张三 摄）
	if strings.HasPrefix(s, "（") && strings.HasSuffix(s, "）") {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "（"), "）"))
	}
	// or be followed by the agency in brackets: 杨军摄（人民视觉）
	if strings.HasSuffix(s, "）") {
		if open := strings.LastIndex(s, "（"); open > 0 && utf8x.Count(s[open:]) <= 10 {
			if head := strings.TrimSpace(s[:open]); hasCreditEnd(head) {
				s = head
			}
		}
	}
	// (48 bytes are at most 48 runes: only a longer text is counted)
	if s == "" || len(s) > 48*4 || len(s) > 48 && utf8x.Count(s) > 48 {
		return false
	}
	if labelledCredit(s) {
		return true
	}
	end := ""
	for _, e := range creditEnds {
		if strings.HasSuffix(s, e) {
			end = e
			break
		}
	}
	if end == "" {
		return false
	}
	fields := strings.Fields(s)
	// a mark glued to one name (徐瑾摄影报道), not to a sentence
	if len(fields) < 2 && utf8x.Count(strings.TrimSuffix(s, end)) > 4 || strings.HasSuffix(s, "拍摄") {
		return false
	}
	roles := 0
	for _, f := range fields {
		for _, r := range f {
			if !isHan(r) && r != '/' && r != '／' && r != '·' {
				return false
			}
		}
		if n := utf8x.Count(f); n > 7 {
			return false
		}
		if isRoleWord(f) {
			roles++
		}
	}
	return roles > 0 || len(fields) >= 3 || end != "图"
}

// hanNameRunes counts the runes of s when s could be a person's name as
// credits print it: Han characters and the middle dot of a transcribed
// name, nothing else.
func hanNameRunes(s string) (n int, ok bool) {
	for _, r := range s {
		if !isHan(r) && r != '·' {
			return 0, false
		}
		n++
	}
	return n, true
}

// isBylineParen reports whether s ends with a parenthesised credit of names
// only: （张三 李四）, （记者 王五）.
func isBylineParen(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return false
	}
	open := strings.LastIndexAny(s, "（(")
	if open < 0 {
		return false
	}
	inner := strings.TrimRight(s[open:], "）)")
	_, sz := utf8x.First(inner)
	fields := strings.Fields(inner[sz:])
	if len(fields) == 0 || len(fields) > 6 {
		return false
	}
	singles := 0
	for _, f := range fields {
		n, ok := hanNameRunes(f)
		if !ok {
			return false
		}
		if n == 1 {
			singles++
		} else if n > 5 && !isRoleWord(f) {
			return false
		}
	}
	switch {
	case singles == len(fields) && (singles == 2 || singles == 3):
		// one letter-spaced name: （王 伟）; after the last sentence only
	case singles > 0:
		return false
	case len(fields) >= 2:
		return true
	}
	// A single name in brackets is a credit only after the last sentence
	// (……亿元。（张三）), not a bracketed word inside one (办法（试行）).
	before := strings.TrimRightFunc(s[:open], isSpace)
	return before == "" || endsSentenceText(before)
}

// furniture reports page furniture: folios, page numbers, running heads
// with the paper's date, editor credits. It is only asked about the first
// and last lines of a page.
func furniture(s string) (reason string, ok bool) {
	// the runes are counted as they are sorted, and a line longer than
	// 40 is dropped as soon as it is found to be (most are: body text)
	// (it is asked of every line: what the cases below look for is
	// noted on the way, so that a line of body text is not searched again)
	n, digits, han, other := 0, 0, 0, 0
	ban := false // 版 is in s
	for i := 0; i < len(s); {
		r, size := decodeAt(s, i) // (the per-character step of a loop over the page)
		i += size
		if n++; n > 40 {
			return "", false
		}
		switch {
		case isDigitRune(r):
			digits++
		case isHan(r):
			han++
			ban = ban || r == '版'
		case isSpace(r):
		default:
			other++
		}
	}
	if n == 0 {
		return "", false
	}
	switch {
	case digits > 0 && han == 0 && other <= 2 && n <= 6:
		return "page number", true
	case han == 0 && isSectionPage(s): // (a section's letter and digits only)
		return "page label (folio)", true
	case ban && n <= 24 && (strings.HasPrefix(s, "第") || strings.Contains(s, "版次") || digits > 0) && !strings.ContainsAny(s, "。，"):
		return "page label (folio)", true
	case strings.Contains(s, "星期") && strings.Contains(s, "年") && strings.Contains(s, "月") && !strings.ContainsAny(s, "。，"):
		return "running head with the page date", true
	case strings.HasPrefix(s, "责任编辑") || strings.HasPrefix(s, "本版编辑") || strings.HasPrefix(s, "版式") ||
		strings.HasPrefix(s, "编辑 ") || strings.HasPrefix(s, "编辑：") || strings.HasPrefix(s, "编辑:") ||
		strings.HasPrefix(s, "美编") || strings.HasPrefix(s, "校对") || strings.HasPrefix(s, "组版"):
		return "editor credit of the page", true
	}
	return "", false
}

// isSectionPage reports a page number with its section's letter (A3, B12,
// Ａ０３), as papers in sections number their pages.
func isSectionPage(s string) bool {
	if s = strings.TrimSpace(s); len(s) > 3*utf8.UTFMax {
		return false // (more than three characters, without counting them)
	}
	if n := utf8x.Count(s); n < 2 || n > 3 {
		return false
	}
	r, size := utf8x.First(s)
	if !(r >= 'A' && r <= 'H' || r >= 'Ａ' && r <= 'Ｈ') {
		return false
	}
	for _, r := range s[size:] {
		if !isAnyDigit(r) {
			return false
		}
	}
	return true
}

// endMark returns the mark closing a story's text: （完） when it ends
// there, （下转第2版） when it continues on another page; "" for none.
func endMark(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return ""
	}
	open := strings.LastIndexAny(s, "（(")
	if open < 0 {
		return ""
	}
	inner := strings.Trim(s[open:], "（()）")
	switch {
	case inner == "完" || inner == "全文完":
		return "end"
	case strings.HasPrefix(inner, "下转") || strings.HasPrefix(inner, "转第") || strings.HasPrefix(inner, "转A") || strings.HasPrefix(inner, "转B"):
		return "continued"
	}
	return ""
}

// authorMarks open a line that names a story's author in features and
// commentary: □ 本报记者 张三, ■ 李四, 文/王五.
var authorMarks = []string{"□", "■", "◆", "◇", "◎", "●", "○", "★", "☆", "▲", "文/", "文／"}

// isAuthorMark reports a one-rune author mark (□, ■ …).
func isAuthorMark(r rune) bool {
	for _, m := range authorMarks {
		if mr, sz := utf8x.First(m); sz == len(m) && mr == r {
			return true
		}
	}
	return false
}

// isAuthorLine reports a line that is only an author credit at a story's
// head, marked as newspapers mark it: □ 本报记者 张三.
func isAuthorLine(s string) bool {
	if englishByline(s) {
		return true
	}
	mark := ""
	for _, m := range authorMarks {
		if strings.HasPrefix(s, m) {
			mark = m
			break
		}
	}
	if mark == "" || utf8x.Count(s) > 30 {
		return false
	}
	fields := strings.Fields(strings.TrimPrefix(s, mark))
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		n, ok := hanNameRunes(f)
		if !ok || n > 5 && !isRoleWord(f) {
			return false
		}
	}
	return true
}

// englishByline reports an English byline on a line of its own: "By"
// and a few capitalised words (By Jane Miller, By JOHN SMITH and ANN LEE).
func englishByline(s string) bool {
	rest, ok := strings.CutPrefix(s, "By ")
	if !ok {
		rest, ok = strings.CutPrefix(s, "BY ")
	}
	if !ok || len(rest) > 60 || strings.ContainsAny(rest, ".!?") && !strings.HasSuffix(rest, ".") {
		return false
	}
	words := strings.Fields(strings.TrimSuffix(rest, "."))
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	for _, w := range words {
		if w == "and" || w == "&" {
			continue
		}
		if c := w[0]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// mastheadReach is how many content lines from a page's top a Latin-script
// masthead may take: the paper's name, the weather box, the volume, date
// and price lines.
const mastheadReach = 25

var (
	weekdayDate = regexp.MustCompile(`(?i)\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b.*\b(january|february|march|april|may|june|july|august|september|october|november|december)\b.*` + printedYear)
	// a date line without its weekday, set in capitals (LEWISTOWN, FERGUS
	// COUNTY. MONTANA. JANUARY 6. 1916.)
	monthYear  = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december)\b.*` + printedYear)
	priceLine  = regexp.MustCompile(`(?i)\bprice\b.*\b(cents?|pence|penny|one cent)\b`)
	volumeLine = regexp.MustCompile(`(?i)(\bvol\.?\s*[lxvi\d]+\b|\bno\.\s*\S*\d|^volume\s+[a-z-]+\.?$|^number\s+\d+\.?$)`)
	pageLabel  = regexp.MustCompile(`(?i)^(?:page\s+)?[A-H]?\d{1,3}$`)
	pagesLine  = regexp.MustCompile(`(?i)\b(pages|parts|sections)\b\.?\W*$`)
)

// printedYear is a year of the masthead's date as OCR reads it: 1916, or
// with a letter for a digit after the first (1U16, 19I6).
const printedYear = `\b(?:1[0-9OIlU]{3}|20\d\d)\b`

// mastheadDateLine is why the masthead's date line is furniture: the
// masthead's other lines are found from where it stands.
const mastheadDateLine = "masthead: the paper's date line"

// mastheadPaperName is why the paper's name over the date line is
// furniture (found in capitals at the top, or by the words papers are
// named with).
const mastheadPaperName = "masthead: the paper's name"

// mastheadLine reports a line of a Latin-script masthead: the date line
// (SUNDAY, JANUARY 2, 1916), the price, the volume and number, the count
// of pages. OCR garbles them, so the patterns look for their words only.
func mastheadLine(s string) (string, bool) {
	if len(s) > 100 {
		return "", false
	}
	// a masthead is set in capitals or in a line of a few words; a
	// sentence of the text that names a price or a number is neither
	lower, letters := 0, 0
	for _, r := range s {
		if r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z' {
			letters++
			if r >= 'a' {
				lower++
			}
		}
	}
	set := lower*3 <= letters || len(s) < 24
	switch {
	case weekdayDate.MatchString(s) && len(s) < 70:
		return mastheadDateLine, true
	case letters == 0 && !strings.ContainsFunc(s, unicode.IsDigit):
		// OCR's specks and rules between the masthead's boxes (&, ——)
		return "masthead: a mark with no letters", true
	case monthYear.MatchString(s) && lower*3 <= letters && len(s) < 70:
		return mastheadDateLine, true
	case pageLabel.MatchString(strings.TrimSpace(s)):
		return "masthead: the page number", true
	case !set:
	case priceLine.MatchString(s):
		return "masthead: the paper's price", true
	case volumeLine.MatchString(s) && len(s) < 40:
		return "masthead: volume and number", true
	case pagesLine.MatchString(s) && len(s) < 60:
		return "masthead: the number of pages", true
	}
	return "", false
}

// paperNameWords are the words a newspaper's name is made of (The
// Evening World, Chickasha Daily Express, Fergus County Democrat).
var paperNameWords = map[string]bool{"Daily": true, "Evening": true, "Morning": true, "Weekly": true, "Sunday": true,
	"Times": true, "Tribune": true, "Herald": true, "World": true, "News": true, "Journal": true, "Post": true,
	"Sun": true, "Star": true, "Chronicle": true, "Gazette": true, "Express": true, "Democrat": true,
	"Republican": true, "Register": true, "Courier": true, "Record": true, "Observer": true, "Enquirer": true,
	"Press": true, "Bee": true, "Citizen": true, "Dispatch": true, "Leader": true, "Telegram": true,
	"Telegraph": true, "Independent": true, "Advertiser": true, "Argus": true, "Banner": true, "Bulletin": true,
	"Eagle": true, "Globe": true, "Ledger": true, "Mirror": true, "Sentinel": true, "Standard": true,
	"Transcript": true, "Examiner": true, "Intelligencer": true, "Appeal": true, "Picayune": true}

// paperName reports a line that reads as a newspaper's name: two to six
// capitalised words without digits or a sentence's punctuation, the last
// one a word papers are named with. Asked only of the lines over the
// masthead's date line.
func paperName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 || len(s) > 48 || !paperNameWords[strings.TrimRight(words[len(words)-1], ".")] {
		return false
	}
	for _, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) || strings.ContainsAny(w, "0123456789,;:!?\"") {
			return false
		}
	}
	return true
}

// nameCredits reports a line of one or two credits of a name and what
// they made, 文 or 图 (曹一图, 曹一图 于石文): the commentary's cartoon
// and its writer, set under it.
func nameCredits(s string) bool {
	// every line is asked and almost none is one: the last field must end
	// with 文 or 图, which is looked at before the line is split
	if t := strings.TrimRightFunc(s, unicode.IsSpace); !strings.HasSuffix(t, "文") && !strings.HasSuffix(t, "图") {
		return false
	}
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 {
		return false
	}
	for _, f := range fields {
		n := utf8x.Count(f)
		last, _ := utf8x.Last(f)
		if n < 3 || n > 5 || last != '文' && last != '图' || !allHan(f) {
			return false
		}
	}
	return true
}
