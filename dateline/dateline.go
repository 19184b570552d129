// Package dateline reads the datelines that open a news story (本报北京6月27日电,
// 新华社电, 本报讯, 据新华社报道, LONDON, Jan. 1.—) or close it in brackets
// (（本报柏林电）). It is the one place that knows what a dateline looks like:
// the line model asks whether a line of a page opens with one, and
// metadata extraction takes the dateline out of a story's first paragraph.
//
// Lines of a page come as the extractor printed them, letter-spaced
// (本 报 呼 伦 贝 尔 1 月 19 日 电) or with U+FFFD where a glyph had no
// Unicode (本报北京�1 月 19�日电), so spaces and U+FFFD between the
// dateline's characters are read past. A cleaned paragraph has neither.
package dateline

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Orgs open a dateline: our own paper (本报), the wire services and the
// news sites that print their own, and 据 before one of them (taken from
// it). Another paper's name also opens one when a date follows it.
var Orgs = []string{"本报", "新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "央广网", "据新华社", "据本报"}

// ownPapers name the paper the story is printed in: 本报讯, 本台电.
var ownPapers = []string{"本报", "本台", "本刊", "本网"}

// agencies print datelines of their own; wireServices among them also
// print a bare 电 without place or date (新华社电).
var (
	agencies     = []string{"新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "央广网"}
	wireServices = []string{"新华社", "中新社"}
	// another paper's name ends in one of these (光明日报北京1月5日电)
	paperSuffixes = []string{"日报", "晚报", "报", "社", "网", "台"}
)

// notAfterBare are the characters that make a bare 电 the start of a word,
// not a dateline's end: 本报电话, 新华社电视.
const notAfterBare = "话视子力员影脑报台网信讯梯池器站商源厂缆线气动压流车灯价费量"

const (
	// maxPlace is the longest place name between an org and the date
	// (本报乌鲁木齐, 本报素可泰府).
	maxPlace = 8
	// minUndatedPlace is the shortest place of an undated dateline
	// (本报柏林电): with one character, 本报X电 reads too many words.
	minUndatedPlace = 2
	// maxRead is how many characters of a line a dateline can take:
	// 据 + a paper's name + a place + a date + 电, spaces and U+FFFD aside.
	maxRead = 32
)

// runes is the start of a line read past spaces and U+FFFD: its
// characters and the byte offset after each.
type runes struct {
	r   [maxRead]rune
	end [maxRead]int
	n   int
	// cut is true when the line went on past the maxRead characters read
	cut bool
}

func skipped(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) }

func read(s string) *runes {
	p := &runes{}
	for i, r := range s {
		if skipped(r) {
			if p.n == 0 {
				return p // a dateline opens the line: no space before it
			}
			continue
		}
		if p.n == maxRead {
			p.cut = true
			break
		}
		p.r[p.n] = r
		p.end[p.n] = i + utf8.RuneLen(r)
		p.n++
	}
	return p
}

// at is the character at k, or 0 past the end.
func (p *runes) at(k int) rune {
	if k < p.n {
		return p.r[k]
	}
	return 0
}

// has reports whether word is spelt at k.
func (p *runes) has(k int, word string) bool {
	for _, r := range word {
		if p.at(k) != r {
			return false
		}
		k++
	}
	return true
}

// Len is the length in bytes of the Chinese dateline s opens with, up to
// its 电, 讯, 报道 or 消息, or 0 when s opens with none.
func Len(s string) int {
	if !mayOpen(s) {
		return 0
	}
	p := read(s)
	k := 0
	quoted := p.at(0) == '据'
	if quoted {
		k = 1
	}
	for _, org := range ownPapers {
		if p.has(k, org) {
			j := k + utf8.RuneCountInString(org)
			if p.has(j, "综合") {
				j += 2
			}
			if n := p.bare(j); n > 0 {
				return n
			}
			if n := p.placeAndDate(j, minUndatedPlace); n > 0 {
				return n
			}
		}
	}
	for _, org := range agencies {
		if p.has(k, org) {
			j := k + utf8.RuneCountInString(org)
			undated := -1
			if slices.Contains(wireServices, org) {
				if n := p.bare(j); n > 0 {
					return n
				}
				undated = minUndatedPlace
			}
			if n := p.placeAndDate(j, undated); n > 0 {
				return n
			}
		}
	}
	if n := p.paperBare(); n > 0 {
		return n
	}
	if n := p.otherPaper(k); n > 0 {
		return n
	}
	if quoted {
		return p.report()
	}
	return 0
}

// mayOpen reports whether s could open with a Chinese dateline at all: it
// starts with a Han character and holds the character a dateline ends
// with near its start. The line model asks this of every line many
// times, and almost all of them are not datelines.
func mayOpen(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !isHan(r) {
		return false
	}
	head := s[:min(len(s), maxHeadBytes)]
	for _, end := range [...]string{"电", "讯", "道", "息"} {
		if strings.Contains(head, end) {
			return true
		}
	}
	return false
}

// maxHeadBytes bounds the bytes a dateline spans: maxRead characters of
// three bytes, with a space or a U+FFFD between some of them.
const maxHeadBytes = maxRead * 5

// bare reads 电 or 讯 right after the org (本报电, 本报讯, 新华社电) at j.
func (p *runes) bare(j int) int {
	switch p.at(j) {
	case '讯':
		return p.end[j]
	case '电':
		if next := p.at(j + 1); next == 0 && p.cut || strings.ContainsRune(notAfterBare, next) {
			return 0
		}
		return p.end[j]
	}
	return 0
}

// placeAndDate reads a place of up to maxPlace Han characters from j and
// then the date and 电 or 讯 (北京6月27日电). With minUndated >= 0 the date
// may be left out after a place at least that long (柏林电), when what
// follows 电 is no Han character: an undated 电 followed by one is a word
// (热线电话).
func (p *runes) placeAndDate(j, minUndated int) int {
	for k := 0; k <= maxPlace; k++ {
		if k > 0 && !isHan(p.at(j+k-1)) {
			return 0
		}
		if n := p.date(j + k); n > 0 {
			return n
		}
		if minUndated >= 0 && k >= minUndated && p.at(j+k) == '电' {
			next := p.at(j + k + 1)
			if next == 0 && !p.cut || next != 0 && !isHan(next) || p.has(j+k+1, "记者") {
				return p.end[j+k]
			}
		}
	}
	return 0
}

// date reads 6月27日电 (or 讯) at j: one or two digits, 月, one or two, 日.
func (p *runes) date(j int) int {
	j, ok := p.digits(j)
	if !ok || p.at(j) != '月' {
		return 0
	}
	j, ok = p.digits(j + 1)
	if !ok || p.at(j) != '日' {
		return 0
	}
	if r := p.at(j + 1); r == '电' || r == '讯' {
		return p.end[j+1]
	}
	return 0
}

// digits reads one or two digits, ASCII or full-width, at j.
func (p *runes) digits(j int) (int, bool) {
	n := 0
	for n < 2 && isDigit(p.at(j+n)) {
		n++
	}
	return j + n, n > 0
}

// paperBare reads another paper's bare dateline, as our 本报讯: a name of
// at most six Han characters and 报讯 (新京报讯, 北京日报讯).
func (p *runes) paperBare() int {
	for k := 1; k <= 6 && isHan(p.at(k-1)); k++ {
		if p.has(k, "报讯") {
			return p.end[k+1]
		}
	}
	return 0
}

// otherPaper reads another paper's dated dateline from k: a name of two to
// six Han characters ending as a paper's does, a place and the date
// (光明日报北京1月5日电). The shortest name that reads one is taken.
func (p *runes) otherPaper(k int) int {
	for n := 1; n <= 6; n++ {
		if !isHan(p.at(k + n - 1)) {
			return 0
		}
		if n < 2 {
			continue
		}
		for _, suffix := range paperSuffixes {
			if p.has(k+n-utf8.RuneCountInString(suffix), suffix) {
				if end := p.placeAndDate(k+n, -1); end > 0 {
					return end
				}
				break
			}
		}
	}
	return 0
}

// report reads a source printed where a dateline goes, after 据: 据新华社报道,
// 据本报消息 (a name of two to twelve Han or Latin letters).
func (p *runes) report() int {
	for k := 1; k <= 13 && (isHan(p.at(k)) || isLatin(p.at(k))); k++ {
		if k < 3 {
			continue
		}
		if p.has(k, "报道") || p.has(k, "消息") {
			return p.end[k+1]
		}
	}
	return 0
}

// Opens reports whether a line of a page, as the extractor printed it,
// opens with a dateline, or with the reporter's credit some papers print
// in its place (本报记者 张三 报道).
func Opens(line string) bool {
	if Len(line) > 0 {
		return true
	}
	if strings.HasPrefix(line, "本报记者") || strings.HasPrefix(line, "记者") {
		return strings.Contains(line[:min(len(line), 60)], "报道")
	}
	return false
}

// Closing is the dateline printed in brackets that closes a story instead
// of opening it (…在当地举行。（本报甲地1月12日电）, （本报柏林电）), also with
// the reporters after it (（本报甲地1月12日电 记者甲乙）): the dateline as
// printed, or "" when s does not end with one.
func Closing(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	var end int
	switch {
	case strings.HasSuffix(t, "）"):
		end = len(t) - len("）")
	case strings.HasSuffix(t, ")"):
		end = len(t) - len(")")
	default:
		return ""
	}
	open := strings.LastIndexAny(t[:end], "（(")
	if open < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(t[open:])
	inner := strings.TrimSpace(t[open+size : end])
	return inner[:Len(inner)]
}

// english is an English dateline: the place in capitals, the date, the
// agency in brackets, then the dash (BEIJING, June 27 (Xinhua) --; LONDON,
// Jan. 1.—). OCR reads the dash as '?' or '-' now and then.
var english = regexp.MustCompile(`^([A-Z][A-Z .'-]{1,30}, [A-Z][a-z]{2,8}\.? \d{1,2})\.?( \([A-Za-z .]+\))?\s*(?:--|—|–|-|\?)\s*`)

// English reads the English dateline s opens with: the dateline as
// printed, without the dash after it, and the offset where the story's
// text starts, or "" and 0.
func English(s string) (dateline string, body int) {
	m := english.FindStringSubmatchIndex(s)
	if m == nil {
		return "", 0
	}
	end := m[3]
	if m[5] > 0 {
		end = m[5]
	}
	return s[:end], m[1]
}

// englishLike is the date and dash of an English dateline near a line's
// start, the place before it as OCR garbled it or not (* ■ , V, Jan- 5.—).
var englishLike = regexp.MustCompile(`^.{0,24}?\b(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*[.-]?\s?\d{1,2}\.?\s*(?:—|--|\?|-)`)

// EnglishLike reports a line that opens with what reads as an English
// dateline, however OCR garbled its place: the line model's question, not
// the metadata's (English reads the dateline itself).
func EnglishLike(line string) bool {
	if d, _ := English(line); d != "" {
		return true
	}
	return englishLike.MatchString(line)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isLatin(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
