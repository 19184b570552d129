package ingest

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/article"
	"github.com/galley/galley/dateline"
	"github.com/galley/galley/internal/utf8x"
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
	// (本报记者 张三 通讯员 李四 摄).
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
	RuleKeepGap      = "keep_gap"          // a deliberate gap between Chinese phrases kept (flagged uncertain, no edit)
	RuleColumnBreak  = "column_break_join" // blank line in mid-sentence joined
	RuleDehyphenate  = "dehyphenate"       // vic-\ntory → victory
	RuleHalfWidth    = "halfwidth"         // ６ → 6
	RuleDrop         = "drop_char"         // U+FFFD and invisible characters
	RuleRunningHead  = "running_head"      // page furniture left out of stories
	RulePageBreak    = "page_break"        // form feed between pages
	RuleHeadlineLine = "headline"          // line used as kicker/title/subtitle
	RuleCombined     = "combined"          // neighbouring changes of several rules on a dense page
	RuleCreditBreak  = "credit_break"      // line break between two names of a credit kept as a space
	RuleNumberJoin   = "number_join"       // a figure broken by a space or line end rejoined (10.2\n% → 10.2%)
	RulePhraseBreak  = "phrase_break"      // line break between the halves of a parallel headline kept as a space
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

// mergedEdit is an edit that grew over several changes; its After is
// the finished text from its Offset to end.
type mergedEdit struct{ idx, end int }

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
	lineGaps   []int // line breaks between two names of a bracketed credit: kept as a space
	last       rune  // last rune written
	lastAt     int   // raw offset of the last rune written
	hanRun     int   // Han runes written since the last non-Han or gap
	word       int   // Han runes since the last space or non-Han written (letter-spaced runs count whole)
	first      int   // index of this paragraph's first edit in res.edits
	merged     []mergedEdit
	base       int    // edits on the page besides res.edits (see denseEdits)
	wsDrop     string // reason, when a dropped character sits in the pending whitespace
	virtualNL  bool   // the pending whitespace includes the break between two spans
	curWS      int    // the whitespace run being decided
	curWE      int
	wsCovered  bool // an edit covering the whole run was recorded
}

func normalizeSpans(text string, spans []span, mode normMode) normResult {
	return normalizeInto(nil, text, spans, mode, 0)
}

// normalizeHeadline cleans a headline made of spans, keeping a space at
// the line breaks that start at the raw offsets in phraseBreaks (in
// ascending order): the gap between the halves of a parallel headline
// that the extractor printed on two lines.
func normalizeHeadline(text string, spans []span, phraseBreaks []int) normResult {
	n := newNormalizer(nil, text, spans, modeHeadline, 0)
	n.lineGaps = phraseBreaks
	return n.run(spans)
}

// denseEdits is the number of edits on a page past which neighbouring
// edits of any rule merge (a real page has a few thousand at most; a
// machine-made one could otherwise hold one per character and exhaust
// memory), and denseGap the unchanged bytes they may have between them.
const (
	denseEdits = 1 << 18
	denseGap   = 64
)

// normalizeInto is normalizeSpans appending its edits to dst, so a story's
// edits grow in one slice.
// base is the number of edits the page holds besides dst.
func normalizeInto(dst []article.Edit, text string, spans []span, mode normMode, base int) normResult {
	return newNormalizer(dst, text, spans, mode, base).run(spans)
}

func newNormalizer(dst []article.Edit, text string, spans []span, mode normMode, base int) *normalizer {
	n := &normalizer{text: text, mode: mode, lastAt: -1, first: len(dst), base: base, curWS: -1, curWE: -1}
	n.res.edits = dst
	size := 0
	for _, s := range spans {
		size += s.end - s.start
	}
	n.out = make([]byte, 0, size)
	return n
}

// run cleans the spans in one pass.
func (n *normalizer) run(spans []span) normResult {
	wsStart, wsEnd := -1, -1
	for si, s := range spans {
		if si > 0 && wsStart >= 0 {
			// A run pending at the end of a span ends there: it must not
			// reach over the gap, whose furniture has its own edit. A span
			// ends at a line's last visible character, so such a run holds
			// a dropped character that needs its edit now.
			if n.wsDrop != "" {
				n.edit(RuleDrop, wsStart, wsEnd, "", n.wsDrop)
			}
			wsStart, n.wsDrop = -1, ""
		}
		if si > 0 && n.last != 0 {
			// the gap between two spans is a line break; what lies in
			// the gap (left-out furniture) is not this paragraph's
			wsStart, wsEnd = s.start, s.start
			n.virtualNL = true
		}
		for i := s.start; i < s.end; {
			r, sz := decodeAt(n.text, i)
			if isSpace(r) || r == '\f' {
				if wsStart < 0 {
					wsStart = i
				}
				wsEnd = i + sz
				i += sz
				continue
			}
			if reason, ok := dropped(r); ok {
				if wsStart >= 0 {
					// inside whitespace: it goes with the whitespace's
					// edit, which gives the reason of each character
					n.wsDrop = addReason(n.wsDrop, reason)
					wsEnd = i + sz
				} else {
					n.edit(RuleDrop, i, i+sz, "", reason)
				}
				i += sz
				continue
			}
			if wsStart >= 0 {
				if n.last != 0 {
					n.decideSpace(wsStart, wsEnd, r, i)
				} else if n.wsDrop != "" {
					n.edit(RuleDrop, wsStart, wsEnd, "", n.wsDrop)
				}
				wsStart, n.wsDrop, n.virtualNL = -1, "", false
			}
			n.emit(r, i, sz)
			i += sz
		}
	}
	if wsStart >= 0 && n.wsDrop != "" {
		n.edit(RuleDrop, wsStart, wsEnd, "", n.wsDrop)
	}
	n.res.text = string(n.out)
	for _, m := range n.merged {
		e := &n.res.edits[m.idx]
		e.After = n.res.text[e.Offset:m.end]
	}
	return n.res
}

// edit records a change. A change of the same kind right after the last
// one, with at most one unchanged character between them, extends that
// edit instead: a letter-spaced run (示 范 国 家) is one edit, and the
// count of edits stays bounded by the text's size over a few characters.
func (n *normalizer) edit(rule string, start, end int, after, reason string) {
	if start == n.curWS && end == n.curWE {
		n.wsCovered = true
		if n.wsDrop != "" {
			rule, reason = RuleDrop, n.wsDrop
		}
	}
	if k := len(n.res.edits) - 1; k >= n.first && rule != RuleDehyphenate && n.res.edits[k].Rule != RuleDehyphenate {
		prev := &n.res.edits[k]
		mid := prev.Offset + len(prev.After)
		if m := len(n.merged); m > 0 && n.merged[m-1].idx == k {
			mid = n.merged[m-1].end
		}
		dense := n.base+len(n.res.edits) > denseEdits
		maxGap := utf8.UTFMax
		if dense {
			maxGap = denseGap
		}
		// a hyphen just written may yet be taken back (dehyphenation):
		// an edit must not reach over it
		last := byte(0)
		if len(n.out) > 0 {
			last = n.out[len(n.out)-1]
		}
		if (prev.Rule == rule && prev.Reason == reason || dense) && prev.End <= start && start-prev.End <= maxGap && mid <= len(n.out) &&
			last != '-' && last != '?' && string(n.out[mid:]) == n.text[prev.End:start] {
			if prev.Rule != rule || prev.Reason != reason {
				prev.Rule, prev.Reason = RuleCombined, "many changes close together, recorded as one"
			}
			prev.End = end
			prev.Before = n.text[prev.Start:end]
			// After is cut from the finished text at the end: building
			// it here would copy the output again at every merge.
			if m := len(n.merged); m > 0 && n.merged[m-1].idx == k {
				n.merged[m-1].end = len(n.out) + len(after)
			} else {
				n.merged = append(n.merged, mergedEdit{k, len(n.out) + len(after)})
			}
			return
		}
	}
	n.res.edits = append(n.res.edits, article.Edit{
		Rule: rule, Start: start, End: end, Before: n.text[start:end], After: after,
		Paragraph: -1, Offset: len(n.out), Reason: reason,
	})
}

// addReason adds reason to the reasons of one edit (joined by "; ")
// unless it is there already.
func addReason(reasons, reason string) string {
	switch {
	case reasons == "":
		return reason
	case reasons == reason, strings.Contains(reasons+"; ", reason+"; "):
		return reasons
	}
	return reasons + "; " + reason
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
		n.word++
	} else {
		n.hanRun = 0
		n.word = 0
	}
	n.last, n.lastAt = r, at
}

// decideSpace decides a whitespace run and makes sure that a character
// dropped inside it (ws U+FFFD ws) is recorded with the run's edit.
func (n *normalizer) decideSpace(ws, we int, r rune, at int) {
	n.curWS, n.curWE, n.wsCovered = ws, we, false
	outBefore := len(n.out)
	n.space(ws, we, r, at)
	if n.wsDrop != "" && !n.wsCovered {
		after := ""
		if len(n.out) > outBefore {
			after = " "
		}
		n.res.edits = append(n.res.edits, article.Edit{Rule: RuleDrop, Start: ws, End: we, Before: n.text[ws:we],
			After: after, Paragraph: -1, Offset: outBefore, Reason: n.wsDrop})
	}
	n.curWS, n.curWE = -1, -1
}

// space decides the whitespace text[ws:we] between the last rune written
// and r (at raw offset at).
func (n *normalizer) space(ws, we int, r rune, at int) {
	raw := n.text[ws:we]
	newline := strings.IndexByte(raw, '\n') >= 0 || strings.IndexByte(raw, '\f') >= 0 || ws == we || n.virtualNL
	L := n.last
	// vic-\ntory: a word broken at the line end. OCR often reads the
	// hyphen as "?" (vic?\ntory); a real question mark is rarely followed
	// by a lower-case word on the next line.
	if (L == '-' || L == '?') && newline && n.mode != modeCredit && r >= 'a' && r <= 'z' && n.lastAt > 0 {
		if b, _ := utf8x.Last(n.text[:n.lastAt]); isWordRune(b) && !isDigitRune(b) && (L == '-' || b >= 'a' && b <= 'z') {
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
	if brokenFigure(n.text, n.lastAt, L, r, at, newline) {
		n.edit(RuleNumberJoin, ws, we, "", "")
		n.hanRun = 0
		return
	}
	if n.mode == modeCredit && isAuthorMark(L) {
		// □ 本报记者 张三: the mark stands apart from the credit
		if raw != " " {
			n.edit(RuleCollapse, ws, we, " ", "")
		}
		n.out = append(n.out, ' ')
		n.hanRun = 0
		return
	}
	if (isScoreSign(L) || isScoreSign(r)) && !blankLine {
		// 3 ∶ 3, 3 × 3: a score or a product is set solid
		if raw != "\n" && ws != we {
			n.edit(RulePunctSpace, ws, we, "", "")
		}
		n.hanRun = 0
		return
	}
	if isCJK(L) || isCJK(r) {
		if newline && isHan(L) && isHan(r) && (n.keepLineGap(ws, we) || n.creditLineBreak(at)) {
			if n.mode == modeHeadline {
				n.edit(RulePhraseBreak, ws, we, " ", "line break between the two halves of a parallel headline kept as a space")
			} else {
				n.edit(RuleCreditBreak, ws, we, " ", "line break between two names of a credit kept as a space")
			}
			n.out = append(n.out, ' ')
			n.hanRun = 0
			return
		}
		if !newline && isHan(L) && isHan(r) && n.keepGap(ws, at) {
			if raw != " " {
				n.edit(RuleCollapse, ws, we, " ", "")
			}
			n.out = append(n.out, ' ')
			n.hanRun, n.word = 0, 0
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
	switch {
	case blankLine:
		n.edit(RuleColumnBreak, ws, we, " ", "")
	case raw != " " && raw != "\n" && ws != we:
		n.edit(RuleCollapse, ws, we, " ", "")
	}
	n.out = append(n.out, ' ')
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// isScoreSign reports the ratio colon of a score (3∶3) and the times sign
// (3×3), which take no spaces around them.
func isScoreSign(r rune) bool { return r == '∶' || r == '×' }

// brokenFigure reports whitespace inside a figure: a percentage sign set
// apart from its number (10.2 %, or 10.2 at a line end and % on the next)
// or a decimal broken after its point at a line end (23.\n6 公里, the
// figure followed by Chinese text or %). L is the rune before the
// whitespace (at raw offset lastAt), r the one after it (at at).
func brokenFigure(text string, lastAt int, L, r rune, at int, newline bool) bool {
	if r == '%' || r == '％' {
		return isDigitRune(L)
	}
	if L != '.' || !newline || !isDigitRune(r) || lastAt <= 0 {
		return false
	}
	if b, _ := utf8x.Last(text[:lastAt]); !isDigitRune(b) {
		return false
	}
	i := at
	for i < len(text) && isDigitRune(rune(text[i])) {
		i++
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	next, _ := utf8x.First(text[i:])
	return isCJK(next) || next == '%' || next == '％'
}

func (n *normalizer) keepGap(ws, at int) bool {
	if n.mode == modeCredit {
		// one space between the words of a credit, but a letter-spaced
		// name (王 伟) joins; the closing 摄 stays apart
		// two letter-spaced names side by side (孙 晓 李 明) part after
		// the first has its two characters
		right := hanRunAt(n.text, at)
		return n.hanRun > 1 || right > 1 || n.word == 2 || strings.HasPrefix(n.text[at:], "摄")
	}
	if n.mode == modeBody && n.afterDateline(at) {
		return true
	}
	// Gaps are found in text order and asked about in text order: the
	// ones behind ws are done with.
	for len(n.bylineGaps) > 0 && n.bylineGaps[0] < ws {
		n.bylineGaps = n.bylineGaps[1:]
	}
	for len(n.keep) > 0 && n.keep[0] < ws {
		n.keep = n.keep[1:]
	}
	if len(n.bylineGaps) > 0 && n.bylineGaps[0] == ws {
		return true
	}
	if len(n.keep) > 0 && n.keep[0] == ws {
		if n.mode == modeBody {
			n.res.uncertain = append(n.res.uncertain, uncertainSpot{ws, ws + 1,
				"space between two Chinese phrases kept as a deliberate gap"})
		}
		return true
	}
	return false
}

// afterDateline reports a gap right after a dateline that text follows:
// 新华社北京10月7日电 在…, 本报电 近日…, （据新华社电 记者…）. The print
// sets it apart with a space, and so does the gold; a byline in brackets
// (本报北京1月5日电（记者…）) has none.
func (n *normalizer) afterDateline(at int) bool {
	if at < len(n.text) && strings.HasPrefix(n.text[at:], "（") || n.last != '电' && n.last != '讯' {
		return false
	}
	seg := n.out
	if k := bytes.LastIndex(seg, []byte("（")); k >= 0 {
		seg = seg[k+len("（"):]
	}
	return len(seg) <= 60 && dateline.Opens(string(seg))
}

// keepLineGap reports whether the whitespace run ws..we holds one of
// lineGaps: a line break to keep as a space (between two names of a
// bracketed credit, see scanGaps, or the halves of a parallel headline).
func (n *normalizer) keepLineGap(ws, we int) bool {
	for len(n.lineGaps) > 0 && n.lineGaps[0] < ws {
		n.lineGaps = n.lineGaps[1:]
	}
	return len(n.lineGaps) > 0 && n.lineGaps[0] <= we
}

// creditLineBreak reports a line break in a credit, outside brackets,
// after a line that ends in a word of two to five Han characters and
// before another such word: a credit set one name (or place) a line
// (常碧罗 / 邹乐摄影报道, 山西阳城县 / 刘凡渝) keeps its names apart.
func (n *normalizer) creditLineBreak(at int) bool {
	if n.mode != modeCredit || n.hanRun < 2 || n.hanRun > 5 || hanRunAt(n.text, at) < 2 {
		return false
	}
	opened := bytes.Count(n.out, []byte("（")) + bytes.Count(n.out, []byte("("))
	return opened <= bytes.Count(n.out, []byte("）"))+bytes.Count(n.out, []byte(")"))
}

// hanRunAt counts the Han runes starting at raw offset at.
func hanRunAt(text string, at int) int {
	n := 0
	for i := at; i < len(text) && n < 8; {
		r, sz := utf8x.First(text[i:])
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
//     when nothing in it is letter-spaced: “稳岗位促就业 保民生助发展”;
//   - in a parenthesised byline, the spaces between role and names:
//     （记者 王五）, （张三 李四）.
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
	var gapNL []bool // the gap is a line break
	bracket := open == '（' || open == '('
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
		r, sz := utf8x.First(n.text[i:])
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
			// in a bracket, a line break also parts two words: whether
			// it was a space is decided below
			if (!wsNL || bracket) && cur.start >= 0 {
				flush(wsStart)
				gaps = append(gaps, wsStart)
				gapNL = append(gapNL, wsNL)
			}
			wsStart = -1
		}
		if open == 0 && (r == '（' || r == '(') && cur.start >= 0 {
			// a headline's bracketed tag (减负看得见 一线变化多（第一落点）)
			// ends its phrases: the gaps before it are judged alone
			break
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
	if byline {
		// role words and names; a name may be letter-spaced (王 伟),
		// and its halves join while the gaps around it stay
		long := 0
		for _, r := range runs {
			if !r.han || r.runes > 4 && !r.role {
				return
			}
			if r.runes >= 2 {
				long++
			}
		}
		if long == 0 {
			return
		}
		// A credit closing the story's text (……亿元。（张三\n李四）):
		// a line break between two whole names was a space.
		before := strings.TrimRightFunc(n.text[:at], isSpace)
		closing := before != "" && endsSentenceText(before)
		for i, g := range gaps {
			switch {
			case gapNL[i]:
				if closing && runs[i].runes >= 2 && runs[i+1].runes >= 2 {
					n.lineGaps = append(n.lineGaps, g)
				}
			case runs[i].runes >= 2 || runs[i+1].runes >= 2:
				n.bylineGaps = append(n.bylineGaps, g)
			}
		}
		// Letter-spaced two-character names side by side (高 原 李 想):
		// an even run of single characters of four or more is pairs.
		for j := 0; j < len(runs); {
			k := j
			for k < len(runs) && runs[k].runes == 1 {
				k++
			}
			if m := k - j; m >= 4 && m%2 == 0 {
				for x := j + 1; x < k-1; x += 2 {
					if gapNL[x] {
						n.lineGaps = append(n.lineGaps, gaps[x])
					} else {
						n.bylineGaps = append(n.bylineGaps, gaps[x])
					}
				}
			}
			j = max(k, j+1)
		}
		slices.Sort(n.bylineGaps)
		slices.Sort(n.lineGaps)
		return
	}
	for _, r := range runs {
		if !r.han || r.runes < 2 {
			return
		}
	}
	n.keep = append(n.keep, gaps...)
}

// roleWords are the credits printed before names in bylines and credit
// lines.
var roleWords = []string{"记者", "本报记者", "通讯员", "本报通讯员", "实习生", "见习记者", "特约记者",
	"首席记者", "摄影", "摄影记者", "本报摄影记者", "编辑", "责任编辑", "作者", "特约通讯员", "新华社记者"}

// startsWithRoleWord reports whether s begins with one of roleWords
// (记者甲乙, 本报记者 甲乙).
func startsWithRoleWord(s string) bool {
	for _, r := range roleWords {
		if strings.HasPrefix(s, r) {
			return true
		}
	}
	return false
}

func isRoleWord(w string) bool {
	for _, r := range roleWords {
		if w == r {
			return true
		}
	}
	return false
}
