package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/utf8x"
)

// Date mentions. Digits may be ASCII or full-width (the cleaner normally
// makes them ASCII) or Chinese numerals (二〇二二年六月二十三日).
const (
	dig     = `[0-9０-９]`
	cnYear  = `[〇零一二三四五六七八九]{4}`
	cnMonth = `十[一二]?|[一二三四五六七八九]`
	cnDay   = `[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]`
	year    = `(` + dig + `{4}|` + cnYear + `)年`
	month   = `(` + dig + `{1,2}|` + cnMonth + `)月`
	day     = `(` + dig + `{1,2}|` + cnDay + `)[日号]`
	// A time of day printed with the date is part of the mention: 6月27日下午.
	partOfDay = `(?:上午|下午|晚上|晚间|傍晚|凌晨|中午|早上|早晨|夜间|晚)?`
)

// datePattern is one kind of mention and how to resolve it.
type datePattern struct {
	// needs lists (space-separated) what a sentence must contain for the
	// pattern to be worth running: most sentences need few of them.
	needs   string
	re      *regexp.Regexp
	resolve func(m []string, page pageDate) string
}

func (p datePattern) mayMatch(s string) bool {
	rest := p.needs
	for rest != "" {
		var n string
		n, rest, _ = strings.Cut(rest, " ")
		if !strings.Contains(s, n) {
			return false
		}
	}
	return true
}

// cjkDatePatterns run over sentences holding 月, 日 or 天, in order of
// precedence.
var cjkDatePatterns = []datePattern{
	// 2022年6月23日
	{"年 月", regexp.MustCompile(year + month + day + partOfDay), func(m []string, _ pageDate) string {
		return ymd(cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3]))
	}},
	// 今年6月23日, 去年12月1日
	{"年 月", regexp.MustCompile(`(今年|去年|明年|前年)` + month + day + partOfDay), func(m []string, p pageDate) string {
		if !p.ok {
			return ""
		}
		return ymd(p.y+relYear[m[1]], cnNumber(m[2]), cnNumber(m[3]))
	}},
	// 6月23日, 6月27日下午: the year is the page's (across a year turn, the
	// neighbouring year).
	{"月", regexp.MustCompile(month + day + partOfDay), func(m []string, p pageDate) string {
		if !p.ok {
			return ""
		}
		mo := cnNumber(m[1])
		return ymd(p.yearOf(mo), mo, cnNumber(m[2]))
	}},
	// 2022年6月: no day, nothing to resolve to a full date. A bare year
	// (2022年) is not taken: it reads as a label more often than a date.
	{"年 月", regexp.MustCompile(year + month + `(?:份)?`), nil},
	// 1至4月, 1—5月份, 今年1至4月
	{"月", regexp.MustCompile(`(?:今年|去年|明年)?` + dig + `{1,2}(?:至|到|—|–|-|～|~)` + dig + `{1,2}月(?:份)?`), nil},
	// 今年4月, 去年同期 is not a date
	{"年 月", regexp.MustCompile(`(?:今年|去年|明年|前年)` + month + `(?:份)?`), nil},
	// 1月, 6月份 alone (自1月起): a month, no day.
	{"月", regexp.MustCompile(`(?:` + dig + `{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?`), nil},
	// 27日上午, 27日电: a day of the page's month (or the month before, when
	// the day is after the page's).
	{"日", regexp.MustCompile(`(` + dig + `{1,2})日(?:上午|下午|晚上|晚间|傍晚|凌晨|中午|早上|早晨|夜间|晚|电)`), func(m []string, p pageDate) string {
		if !p.ok {
			return ""
		}
		d := cnNumber(m[1])
		t := time.Date(p.y, time.Month(p.m), 1, 0, 0, 0, 0, time.UTC)
		if d > p.d {
			t = t.AddDate(0, -1, 0)
		}
		return ymd(t.Year(), int(t.Month()), d)
	}},
	// 昨天, 今日 … relative to the page date (relativeDayPattern: keep it
	// last).
	{"", regexp.MustCompile(`昨天|昨日|今天|今日|明天|明日|前天|后天`), func(m []string, p pageDate) string {
		if !p.ok {
			return ""
		}
		t := time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, relDay[m[0]])
		return t.Format("2006-01-02")
	}},
}

// latinDatePatterns run over sentences with Latin letters or an ISO date.
var latinDatePatterns = []datePattern{
	// English: January 2, 1916 / Jan. 1 / 2 January 2022 / 2022-06-23.
	{"", regexp.MustCompile(`\b(` + enMonths + `)\.? (\d{1,2})(?:st|nd|rd|th)?(?:, (\d{4}))?\b`), func(m []string, p pageDate) string {
		y := p.y
		if m[3] != "" {
			y, _ = strconv.Atoi(m[3])
		} else if !p.ok {
			return ""
		}
		d, _ := strconv.Atoi(m[2])
		return ymd(y, enMonth(m[1]), d)
	}},
	{"", regexp.MustCompile(`\b(\d{1,2}) (` + enMonths + `)\.? (\d{4})\b`), func(m []string, _ pageDate) string {
		d, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[3])
		return ymd(y, enMonth(m[2]), d)
	}},
	{"-", regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`), func(m []string, _ pageDate) string {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return ymd(y, mo, d)
	}},
}

const enMonths = `January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`

var relYear = map[string]int{"今年": 0, "去年": -1, "明年": 1, "前年": -2}

var relDay = map[string]int{"昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1, "前天": -2, "后天": 2}

type pageDate struct {
	y, m, d int
	ok      bool
}

// yearOf is the year of a date in month mo printed on the page: the
// page's, or across a year turn the neighbouring year (12月31日 on a page
// of January is last year's).
func (p pageDate) yearOf(mo int) int {
	switch {
	case p.m <= 2 && mo >= 11:
		return p.y - 1
	case p.m >= 11 && mo <= 2:
		return p.y + 1
	}
	return p.y
}

func parsePageDate(s string) pageDate {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return pageDate{}
	}
	return pageDate{t.Year(), int(t.Month()), t.Day(), true}
}

// datelineDate is the month and day a dateline is dated (本报北京1月5日电).
var datelineDate = regexp.MustCompile(`(` + dig + `{1,2})月(` + dig + `{1,2})日`)

// storyDay is the day a story's 今天 and 昨天 count from: the day its
// dateline is dated (本报北京1月5日电 on a page of the 6th: 今天 is the 5th),
// else the page's, in the year yearOf gives the dateline's month.
func storyDay(dateline string, page pageDate) pageDate {
	m := datelineDate.FindStringSubmatch(dateline)
	if m == nil || !page.ok {
		return page
	}
	mo, d := cnNumber(m[1]), cnNumber(m[2])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return page
	}
	return pageDate{page.yearOf(mo), mo, d, true}
}

type dateMatch struct {
	start, end int
	date       article.Date
}

// findDates returns every date mention in text in order of appearance,
// each printed form once. Where mentions overlap the earlier pattern in
// the pattern lists (the more complete form) wins.
func findDates(text string, page pageDate) []article.Date {
	// The patterns run only over the sentences that can hold a date (one
	// with 月, 日, 天 or a Latin digit), which is a small part of a story:
	// scanning all of it with a dozen expressions was most of the time
	// extraction spent outside gse.
	//
	// In a sentence without Latin letters the Chinese patterns run only
	// over its runs of date characters (dateRunes) that hold a cue: a date
	// mention is made of those characters alone and the patterns look at
	// nothing around it, so each mention lies inside one run and is found
	// there as in the whole sentence.
	var found []dateMatch
	add := func(at int, ms []dateMatch) {
		for _, f := range ms {
			f.start += at
			f.end += at
			found = append(found, f)
		}
	}
	for start := 0; start < len(text); {
		end := sentenceEnd(text, start)
		s := text[start:end]
		if latinDateCue(s) {
			if ps := datePatternsFor(s); len(ps) > 0 {
				add(start, findDatesIn(s, ps, page))
			}
		} else {
			for from := 0; from < len(s); {
				rs, re := nextDateRun(s, from)
				if rs < 0 {
					break
				}
				if ps := cjkPatternsFor(s[rs:re]); len(ps) > 0 {
					add(start+rs, findDatesIn(s[rs:re], ps, page))
				}
				from = re
			}
		}
		start = end
	}
	seen := map[string]bool{}
	out := []article.Date{}
	for _, f := range found {
		if seen[f.date.Text] {
			continue
		}
		seen[f.date.Text] = true
		out = append(out, f.date)
	}
	return out
}

// sentenceEnd returns the offset just after the sentence starting at
// start: after 。！？； or a newline (a Latin full stop also ends
// abbreviations such as "Jan.", so Latin text is cut at lines only).
func sentenceEnd(text string, start int) int {
	for i := start; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n':
			return i + 1
		case c == 0xE3 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x82: // 。
			return i + 3
		case c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && (text[i+2] == 0x81 || text[i+2] == 0x9F || text[i+2] == 0x9B): // ！？；
			return i + 3
		}
	}
	return len(text)
}

// datePatternsFor picks the patterns a sentence may match: the Chinese
// ones need a cue (cjkPatternsFor); the Latin ones a letter or an ISO date.
func datePatternsFor(s string) []datePattern {
	ps := cjkPatternsFor(s)
	if latinDateCue(s) {
		return append(ps[:len(ps):len(ps)], latinDatePatterns...)
	}
	return ps
}

// latinDateCue reports whether s has a Latin letter or a hyphen, which the
// Latin date patterns need.
func latinDateCue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' || s[i] == '-' {
			return true
		}
	}
	return false
}

// cjkPatternsFor picks the Chinese patterns s may match by its cues.
func cjkPatternsFor(s string) []datePattern {
	numeral, relative := cjkDateCues(s)
	switch {
	case numeral && relative:
		return cjkDatePatterns
	case numeral:
		return cjkDatePatterns[:relativeDayPattern]
	case relative:
		return cjkDatePatterns[relativeDayPattern:]
	}
	return nil
}

// dateRunes are the characters the Chinese date patterns are made of:
// digits and numerals, 年月日号, the relative years and days, 份, the range
// marks, the times of day and the 电 of a dateline.
var dateRunes = newRuneSet("0123456789０１２３４５６７８９〇零一二三四五六七八九十" +
	"年月日号今去明前后昨天份至到—–-～~上下午晚间傍凌晨中早夜电")

// nextDateRun returns the next run of dateRunes in s at or after from
// that holds 月, 日 or 天 (start and end offsets), or -1, -1.
func nextDateRun(s string, from int) (int, int) {
	start, cue := -1, false
	for i := from; i < len(s); {
		r, n := utf8x.First(s[i:])
		if dateRunes.has(r) {
			if start < 0 {
				start = i
			}
			cue = cue || r == '月' || r == '日' || r == '天'
		} else if start >= 0 {
			if cue {
				return start, i
			}
			start = -1
		}
		i += n
	}
	if start >= 0 && cue {
		return start, len(s)
	}
	return -1, -1
}

// relativeDayPattern is the index of the 昨天/今日 pattern, the last of
// cjkDatePatterns; the ones before it all need a numeral before 月 or 日.
const relativeDayPattern = 8

// cjkDateCues reports whether s has a numeral right before 月 or 日 (what
// every numbered Chinese date pattern needs: 6月, 二十三日, 27日电) and
// whether it has a relative day (昨天, 今日 …). Most sentences with 月 or
// 日 have neither (日前, 节日, 岁月), and skip the expressions.
func cjkDateCues(s string) (numeral, relative bool) {
	prev := rune(0)
	for _, r := range s {
		switch r {
		case '月', '日':
			if dateNumeral(prev) {
				numeral = true
			} else if r == '日' && relativeDayRunes.has(prev) {
				relative = true
			}
		case '天':
			if relativeDayRunes.has(prev) {
				relative = true
			}
		}
		if numeral && relative {
			return
		}
		prev = r
	}
	return
}

// relativeDayRunes open the relative days of the 昨天 pattern.
var relativeDayRunes = newRuneSet("昨今明前后")

func dateNumeral(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return true
	}
	return strings.ContainsRune("〇零一二三四五六七八九十", r)
}

// findDatesIn finds the date mentions of one sentence, in order.
func findDatesIn(text string, patterns []datePattern, page pageDate) []dateMatch {
	var found []dateMatch
	var covered []bool // bytes of text inside a mention already found
	taken := func(s, e int) bool {
		for i := s; i < e; i++ {
			if covered[i] {
				return true
			}
		}
		return false
	}
	for _, p := range patterns {
		if !p.mayMatch(text) {
			continue
		}
		for _, loc := range p.re.FindAllStringSubmatchIndex(text, -1) {
			if covered == nil {
				covered = make([]bool, len(text))
			}
			if taken(loc[0], loc[1]) || precededByDigit(text, loc[0]) {
				continue
			}
			for i := loc[0]; i < loc[1]; i++ {
				covered[i] = true
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = text[loc[2*i]:loc[2*i+1]]
				}
			}
			d := article.Date{Text: m[0]}
			if p.resolve != nil {
				d.Value = p.resolve(m, page)
			}
			if _, rel := relDay[d.Text]; rel && d.Value == "" {
				// 今日, 昨天 name no date but a day counted from the
				// page's: without the page date it is no date an editor
				// could place, so it is not listed as one
				continue
			}
			found = append(found, dateMatch{loc[0], loc[1], d})
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].start < found[j].start })
	return found
}

// precededByDigit rejects a match that starts inside a longer number
// (the 23日 of 123日).
func precededByDigit(text string, i int) bool {
	if i == 0 {
		return false
	}
	c := text[i-1]
	return c >= '0' && c <= '9'
}

// ymd formats a date, or returns "" when it does not exist (2月30日).
func ymd(y, m, d int) string {
	if y < 1 || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return ""
	}
	return t.Format("2006-01-02")
}

func enMonth(s string) int {
	s = strings.ToLower(s)
	if len(s) > 3 {
		s = s[:3]
	}
	i := strings.Index("janfebmaraprmayjunjulaugsepoctnovdec", s)
	if i < 0 || i%3 != 0 {
		return 0
	}
	return i/3 + 1
}

// cnDigits are the Chinese numerals' values, made once (cnNumber read a
// map made anew for every number).
var cnDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnNumber reads ASCII, full-width or Chinese-numeral digits: "23", "２３",
// "二十三", "二〇二二". It returns 0 for anything else.
func cnNumber(s string) int {
	if strings.ContainsRune(s, '十') {
		n := 0
		before, after, _ := strings.Cut(s, "十")
		tens := 1
		if before != "" {
			r, _ := utf8x.First(before)
			tens = cnDigits[r]
		}
		n = tens * 10
		if after != "" {
			r, _ := utf8x.First(after)
			n += cnDigits[r]
		}
		return n
	}
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			v, ok := cnDigits[r]
			if !ok {
				return 0
			}
			n = n*10 + v
		}
	}
	return n
}
