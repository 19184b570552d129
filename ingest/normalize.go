package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

// span is a byte range of the page text.
type span struct{ start, end int }

// normMode selects how spaces between CJK characters are treated.
type normMode int

const (
	// modeBody: spaces between CJK characters are the extractor's and go,
	// except deliberate gaps (slogans in quotes) and the spaces between
	// role and names in a parenthesised byline.
	modeBody normMode = iota
	// modeCredit: a credit line keeps one space between its words
	// (本报记者 李振涛 通讯员 吴峰 摄).
	modeCredit
	// modeHeadline: a headline keeps gaps between multi-character phrases
	// unless the line is letter-spaced.
	modeHeadline
)

// Edit rule names.
const (
	RuleCJKSpace     = "cjk_space"         // space between CJK characters removed
	RuleLetterSpace  = "letterspace"       // letter-spaced run joined (示 范 → 示范)
	RulePunctSpace   = "punct_space"       // space next to CJK punctuation removed
	RuleMixedSpace   = "mixed_space"       // space between CJK and Latin/digits removed
	RuleCollapse     = "collapse_space"    // several spaces between words made one
	RuleKeepGap      = "keep_gap"          // a deliberate gap kept (as one space)
	RuleColumnBreak  = "column_break_join" // blank line in mid-sentence joined
	RuleDehyphenate  = "dehyphenate"       // vic-\ntory → victory
	RuleHalfWidth    = "halfwidth"         // ６ → 6
	RuleDrop         = "drop_char"         // U+FFFD and invisible characters
	RuleRunningHead  = "running_head"      // page furniture left out of stories
	RulePageBreak    = "page_break"        // form feed between pages
	RuleHeadlineLine = "headline"          // line used as kicker/title/subtitle
)

// uncertainSpot is a close call the normaliser made at a raw offset.
type uncertainSpot struct {
	start, end int
	message    string
}

// normResult is a cleaned piece of text with what was done to it.
type normResult struct {
	text      string
	edits     []article.Edit
	uncertain []uncertainSpot
}

// normalizer cleans the text of one paragraph (or headline) made of raw
// spans, in one pass over the runes. Whitespace runs are decided when the
// next visible character is seen: dropped, or one space.
type normalizer struct {
	text       string
	mode       normMode
	out        []byte
	res        normResult
	keep       []int // raw offsets of whitespace runs to keep (deliberate gaps)
	bylineGaps []int // the same inside a bracketed byline: no close call
	last       rune  // last rune written
	lastAt     int   // raw offset of the last rune written
	hanRun     int   // Han runes written since the last non-Han or gap
}

func normalizeSpans(text string, spans []span, mode normMode) normResult {
	return normalizeInto(nil, text, spans, mode)
}

// normalizeInto is normalizeSpans appending its edits to dst, so a story's
// edits grow in one slice.
func normalizeInto(dst []article.Edit, text string, spans []span, mode normMode) normResult {
	n := normalizer{text: text, mode: mode, lastAt: -1}
	n.res.edits = dst
	size := 0
	for _, s := range spans {
		size += s.end - s.start
	}
	n.out = make([]byte, 0, size)
	wsStart, wsEnd := -1, -1
	for si, s := range spans {
		if si > 0 && wsStart < 0 && n.last != 0 {
			// the gap between two spans is a line break
			wsStart, wsEnd = spans[si-1].end, spans[si-1].end
		}
		for i := s.start; i < s.end; {
			r, sz := decodeAt(text, i)
			if isSpace(r) || r == '\f' {
				if wsStart < 0 {
					wsStart = i
				}
				wsEnd = i + sz
				i += sz
				continue
			}
			if reason, ok := dropped(r); ok {
				n.edit(RuleDrop, i, i+sz, "", reason)
				i += sz
				continue
			}
			if wsStart >= 0 {
				if n.last != 0 {
					n.space(wsStart, wsEnd, r, i)
				}
				wsStart = -1
			}
			n.emit(r, i, sz)
			i += sz
		}
	}
	n.res.text = string(n.out)
	return n.res
}

func (n *normalizer) edit(rule string, start, end int, after, reason string) {
	n.res.edits = append(n.res.edits, article.Edit{
		Rule: rule, Start: start, End: end, Before: n.text[start:end], After: after,
		Paragraph: -1, Offset: len(n.out), Reason: reason,
	})
}

func (n *normalizer) emit(r rune, at, size int) {
	if h, ok := halfWidth(r); ok {
		n.edit(RuleHalfWidth, at, at+size, string(h), "")
		r = h
	}
	switch n.mode {
	case modeBody:
		if r == '“' || r == '（' || r == '(' {
			n.scanGaps(at, r)
		}
	case modeHeadline:
		if n.last == 0 {
			n.scanGaps(at, 0)
		}
	}
	n.out = utf8.AppendRune(n.out, r)
	if isHan(r) {
		n.hanRun++
	} else {
		n.hanRun = 0
	}
	n.last, n.lastAt = r, at
}

// space decides the whitespace text[ws:we] between the last rune written
// and r (at raw offset at).
func (n *normalizer) space(ws, we int, r rune, at int) {
	raw := n.text[ws:we]
	newline := strings.IndexByte(raw, '\n') >= 0 || strings.IndexByte(raw, '\f') >= 0 || ws == we
	L := n.last
	// vic-\ntory: a word broken at the line end. OCR often reads the
	// hyphen as "?" (vic?\ntory); a real question mark is rarely followed
	// by a lower-case word on the next line.
	if (L == '-' || L == '?') && newline && n.mode != modeCredit && r >= 'a' && r <= 'z' && n.lastAt > 0 {
		if b, _ := utf8.DecodeLastRuneInString(n.text[:n.lastAt]); isWordRune(b) && !isDigitRune(b) && (L == '-' || b >= 'a' && b <= 'z') {
			n.out = n.out[:len(n.out)-1]
			n.edit(RuleDehyphenate, n.lastAt, n.lastAt+1, "", "word broken at the line end rejoined")
			n.hanRun = 0
			return
		}
	}
	if L == '-' && newline && isWordRune(r) {
		// New-\nYork, 1915-\n1916: a real hyphen at the line end
		return
	}
	blankLine := strings.Count(raw, "\n") >= 2
	if isCJK(L) || isCJK(r) {
		if !newline && isHan(L) && isHan(r) && n.keepGap(ws) {
			n.out = append(n.out, ' ')
			n.hanRun = 0
			if raw != " " {
				n.edit(RuleCollapse, ws, we, " ", "")
			}
			return
		}
		switch {
		case blankLine:
			n.edit(RuleColumnBreak, ws, we, "", "")
		case raw == "\n" || ws == we:
			// an ordinary line end inside a paragraph
		case isCJKPunct(L) || isCJKPunct(r):
			n.edit(RulePunctSpace, ws, we, "", "")
		case isHan(L) && isHan(r):
			right := hanRunAt(n.text, at)
			if n.hanRun <= 1 || right <= 1 {
				n.edit(RuleLetterSpace, ws, we, "", "")
			} else {
				n.edit(RuleCJKSpace, ws, we, "", "")
				if !newline {
					n.res.uncertain = append(n.res.uncertain, uncertainSpot{ws, we,
						"space between two Chinese phrases removed: check it was not a deliberate gap"})
				}
			}
		default:
			n.edit(RuleMixedSpace, ws, we, "", "")
		}
		n.hanRun = 0
		return
	}
	n.out = append(n.out, ' ')
	switch {
	case blankLine:
		n.edit(RuleColumnBreak, ws, we, " ", "")
	case raw != " " && raw != "\n" && ws != we:
		n.edit(RuleCollapse, ws, we, " ", "")
	}
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func (n *normalizer) keepGap(ws int) bool {
	if n.mode == modeCredit {
		return true
	}
	for _, k := range n.bylineGaps {
		if k == ws {
			return true
		}
	}
	for _, k := range n.keep {
		if k == ws {
			if n.mode == modeBody {
				n.res.uncertain = append(n.res.uncertain, uncertainSpot{ws, ws + 1,
					"space between two Chinese phrases kept as a deliberate gap"})
			}
			return true
		}
	}
	return false
}

// hanRunAt counts the Han runes starting at raw offset at.
func hanRunAt(text string, at int) int {
	n := 0
	for i := at; i < len(text) && n < 8; {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if !isHan(r) {
			break
		}
		n++
		i += sz
	}
	return n
}

// scanGaps looks ahead from an opening quote or bracket (or, for a
// headline, from its start) for spaces that are deliberate:
//   - in a short quotation without sentence punctuation (a slogan), a
//     single space between two Chinese phrases of two or more characters,
//     when nothing in it is letter-spaced: “聚力惠企纾困 助推复工复产”;
//   - in a parenthesised byline, the spaces between role and names:
//     （记者 段利梅）, （王为峰 赵尚元）.
func (n *normalizer) scanGaps(at int, open rune) {
	const maxRunes = 40
	closeR := rune(0)
	switch open {
	case '“':
		closeR = '”'
	case '（':
		closeR = '）'
	case '(':
		closeR = ')'
	}
	i := at
	if open != 0 {
		i += utf8.RuneLen(open)
	}
	type run struct {
		start, end, runes int
		han, role         bool
	}
	var runs []run
	var gaps []int
	cur := run{start: -1, han: true}
	wsStart, wsNL := -1, false
	flush := func(end int) {
		if cur.start >= 0 {
			cur.end = end
			w := n.text[cur.start:cur.end]
			if strings.IndexByte(w, '\n') >= 0 {
				w = strings.ReplaceAll(w, "\n", "")
			}
			cur.role = isRoleWord(w)
			runs = append(runs, cur)
		}
		cur = run{start: -1, han: true}
	}
	closed := open == 0
	for count := 0; i < len(n.text) && count < maxRunes; count++ {
		r, sz := utf8.DecodeRuneInString(n.text[i:])
		if r == closeR && open != 0 {
			closed = true
			break
		}
		if r == '\n' && (open == 0 || strings.HasPrefix(n.text[i+1:], "\n")) {
			break
		}
		if isSpace(r) {
			if wsStart < 0 {
				wsStart, wsNL = i, false
			}
			if r == '\n' {
				wsNL = true
			}
			i += sz
			continue
		}
		if wsStart >= 0 {
			if !wsNL && cur.start >= 0 {
				flush(wsStart)
				gaps = append(gaps, wsStart)
			}
			wsStart = -1
		}
		if isSentenceEnd(r) || r == '，' || r == '、' || r == '：' || r == '“' || r == '（' {
			return
		}
		if cur.start < 0 {
			cur.start = i
		}
		if !isHan(r) {
			cur.han = false
		}
		cur.runes++
		i += sz
	}
	if !closed && open != 0 {
		return
	}
	flush(i)
	if len(gaps) == 0 || len(runs) < 2 {
		return
	}
	byline := open == '（' || open == '('
	for _, r := range runs {
		if !r.han || r.runes < 2 {
			return
		}
		if byline && r.runes > 4 && !r.role {
			return
		}
	}
	if byline {
		n.bylineGaps = append(n.bylineGaps, gaps...)
		return
	}
	n.keep = append(n.keep, gaps...)
}

// roleWords are the credits printed before names in bylines and credit
// lines.
var roleWords = []string{"记者", "本报记者", "通讯员", "本报通讯员", "实习生", "见习记者", "特约记者",
	"首席记者", "摄影", "摄影记者", "本报摄影记者", "编辑", "责任编辑", "作者", "特约通讯员", "新华社记者"}

func isRoleWord(w string) bool {
	for _, r := range roleWords {
		if w == r {
			return true
		}
	}
	return false
}
