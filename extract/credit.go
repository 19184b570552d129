package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/utf8x"
)

// Credit lines name the people behind a story: "本报记者 甲乙丙 通讯员 丁戊
// 己庚辛 摄", "（记者 甲乙丙）", "（甲乙丙 丁戊己）". A role applies to the names
// after it until the next role; a closing marker (摄, 报道 …) fills in the
// role of names printed without one.

// roleAffiliations may precede a role: 本报记者, 新华社记者.
var roleAffiliations = []string{"本报", "本台", "本刊", "本网", "新华社", "中新社", "人民日报"}

// roleRanks may precede a role: 特约记者, 见习记者, 首席记者.
var roleRanks = []string{"首席", "特约", "特派", "见习", "实习", "全媒体", "融媒体", "全媒", "融媒", "资深", "高级", "驻地"}

// roleCores are the roles themselves, longest first so that 摄影记者 wins
// over 摄影.
var roleCores = []string{
	"摄影记者", "特约撰稿人", "责任编辑", "记者", "通讯员", "实习生", "摄影",
	"编辑", "责编", "美编", "校对", "撰稿", "执笔", "评论员", "报道员", "主持人", "通讯组",
}

// standaloneRoles are roles only when they make a whole token: printed
// alone (文/图 甲乙丙, 甲乙丙 摄) they are roles, inside a word they are not.
var standaloneRoles = map[string]bool{
	"摄": true, "文": true, "图": true, "文图": true, "图文": true, "制图": true,
	"供图": true, "整理": true, "绘": true, "漫画": true,
}

// closingMarkers end a credit line and give their role to the names before
// them that have none ("甲乙丙 摄" is a photographer: role 摄影, as the
// corpus names it); 报道 adds no role.
var closingMarkers = map[string]string{
	"摄": "摄影", "摄影": "摄影", "供图": "供图", "制图": "制图", "整理": "整理",
	"摄影报道": "摄影", "报道": "", "采写": "", "撰文": "", "文图": "", "图文": "",
}

// cutGluedMark parts a closing mark glued to a name (刘进银摄, 雷宁摄影报道)
// from it; a word that is no name without the mark stays whole.
func cutGluedMark(tok string) (name, mark string) {
	for _, mk := range closingMarkersLongestFirst {
		if strings.HasSuffix(tok, mk) && len(tok) > len(mk) && chineseNameShape(strings.TrimSuffix(tok, mk)) {
			return strings.TrimSuffix(tok, mk), mk
		}
	}
	return tok, ""
}

// closingMarkersLongestFirst lists closingMarkers' keys, longest first
// (then in byte order), for reading a mark glued to a name.
var closingMarkersLongestFirst = func() []string {
	out := make([]string, 0, len(closingMarkers))
	for mk := range closingMarkers {
		out = append(out, mk)
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}()

// matchRole returns the length in bytes of the role s starts with (as in
// "本报记者甲乙丙" or "通讯员"), or 0.
func matchRole(s string) int {
	if s == "" || s[0] < 0x80 {
		return 0 // every role starts with an ideograph
	}
	best := roleAfter(s, "")
	for _, aff := range roleAffiliations {
		best = max(best, roleAfter(s, aff))
	}
	if a := paperAffiliation(s); a != "" {
		best = max(best, roleAfter(s, a))
	}
	return best
}

// roleAfter returns the length of aff + rank + role core that s starts
// with (rank may be missing), the longest, or 0.
func roleAfter(s, aff string) int {
	if !strings.HasPrefix(s, aff) {
		return 0
	}
	rest := s[len(aff):]
	best := coreAfter(rest, 0)
	for _, rank := range roleRanks {
		if strings.HasPrefix(rest, rank) {
			best = max(best, coreAfter(rest, len(rank)))
		}
	}
	if best == 0 {
		return 0
	}
	return len(aff) + best
}

// coreAfter returns rank + the length of the role core s has at offset
// rank, or 0.
func coreAfter(s string, rank int) int {
	for _, core := range roleCores {
		if strings.HasPrefix(s[rank:], core) {
			return rank + len(core)
		}
	}
	return 0
}

// paperSuffixes end the name of a paper, agency or station that may stand
// before a role: 甲乙日报记者, 甲乙电视台记者.
var paperSuffixes = []string{"日报", "晚报", "早报", "报", "通讯社", "社", "电视台", "台", "网"}

// paperAffiliation returns the paper's name s starts with when a role
// follows it (甲乙日报 in 甲乙日报记者), or "".
func paperAffiliation(s string) string {
	rs := 0
	for i, r := range s {
		if rs >= 10 || !isHan(r) {
			return ""
		}
		rs++
		head := s[:i+utf8.RuneLen(r)]
		for _, suf := range paperSuffixes {
			if strings.HasSuffix(head, suf) && rs > utf8x.Count(suf) {
				if roleAfter(s[len(head):], "") > 0 { // a rank (or none), then a role
					return head
				}
			}
		}
	}
	return ""
}

// isRole reports whether tok is a role as a whole.
func isRole(tok string) bool {
	return standaloneRoles[tok] || (matchRole(tok) == len(tok) && tok != "")
}

// creditSeparators split a credit line into role and name tokens.
func creditSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("、，,/／|｜；;：:", r)
}

// nameChecker says whether a token printed without a role may be a name;
// it guards role-less credits such as （试行） or （全文） that have the
// shape of a name but are ordinary words.
type nameChecker func(string) bool

// parseCredit reads a credit line: every token must be a role, a closing
// marker or a name, so ordinary text in parentheses does not pass. A name
// printed with no role before it must also pass known (when known is not
// nil): that is what keeps （全文） out of a trailing credit. It returns the
// bylines and whether the whole text read as a credit with at least one
// name.
func parseCredit(text string, known nameChecker) ([]article.Byline, bool) {
	text = strings.TrimSpace(text)
	if text == "" || utf8x.Count(text) > 80 {
		return nil, false
	}
	if strings.HasPrefix(text, "By ") || strings.HasPrefix(text, "BY ") || strings.HasPrefix(text, "by ") {
		return parseEnglishByline(text)
	}
	// 综合本报记者 …报道: reports compiled from several reporters; the
	// role is theirs
	text = strings.TrimPrefix(text, "综合")
	// 本版制图：甲乙丙: the page's graphics credit; the role is 制图
	text = strings.TrimPrefix(text, "本版")
	tokens := splitGluedRoles(strings.FieldsFunc(text, creditSeparator))
	var out []article.Byline
	role, sawRole := "", false
	unroled := 0 // names at the end of out still without a role
	addName := func(name string) {
		out = append(out, article.Byline{Role: role, Name: name})
		if role == "" {
			unroled++
		} else {
			unroled = 0
		}
	}
	for i, tok := range tokens {
		last := i == len(tokens)-1
		if mk, ok := closingMarkers[tok]; ok && last && len(out) > 0 {
			for j := len(out) - unroled; j < len(out); j++ {
				out[j].Role = mk
			}
			continue
		}
		if isRole(tok) {
			role, sawRole = tok, true
			unroled = 0
			continue
		}
		if n := matchRole(tok); n > 0 {
			role, sawRole = tok[:n], true
			unroled = 0
			tok = tok[n:]
		}
		// "甲乙丙摄": a name with the photographer's mark glued on. The
		// longest mark wins: 雷宁摄影报道 is 雷宁 with 摄影报道, a
		// photographer, not 雷宁摄影 with 报道.
		mark := ""
		if last {
			tok, mark = cutGluedMark(tok)
		}
		names, ok := splitNames(tok, role != "" || sawRole, known)
		if !ok {
			return nil, false
		}
		for _, n := range names {
			addName(n)
		}
		if mark != "" && closingMarkers[mark] != "" {
			for j := len(out) - unroled; j < len(out); j++ {
				out[j].Role = closingMarkers[mark]
			}
		}
	}
	return out, len(out) > 0
}

// splitGluedRoles cuts tokens where a credit printed without spaces
// (本报记者甲乙通讯员丙丁, as a letter-spaced line comes out once joined)
// runs a name into the next role: a token of more than four ideographs
// is cut after a name-shaped head of two to four of them when a role
// follows.
func splitGluedRoles(tokens []string) []string {
	var out []string
	for _, tok := range tokens {
		for tok != "" {
			if _, mark := closingMarkers[tok]; mark {
				out = append(out, tok) // 摄影报道 is one mark, not 摄影 then 报道
				break
			}
			if n := matchRole(tok); n > 0 {
				out = append(out, tok[:n])
				tok = tok[n:]
				continue
			}
			cut := 0
			if allHan(tok) && utf8x.Count(tok) > 4 {
				runes := 0
				for i := range tok {
					if runes > 4 {
						break
					}
					// a closing mark glued on (甲乙摄影报道) is no role
					// of the next name: parseCredit reads it with the name
					_, mark := closingMarkers[tok[i:]]
					if runes >= 2 && !mark && matchRole(tok[i:]) > 0 && chineseNameShape(tok[:i]) {
						cut = i
						break
					}
					runes++
				}
			}
			if cut == 0 {
				out = append(out, tok)
				break
			}
			out = append(out, tok[:cut])
			tok = tok[cut:]
		}
	}
	return out
}

// splitNames reads one token of a credit line as one name or, when two
// names are printed without a space (甲乙丙丁戊), as two. withRole relaxes
// the check: after a role any two to four ideographs are taken as printed.
func splitNames(tok string, withRole bool, known nameChecker) ([]string, bool) {
	if tok == "" {
		return nil, true
	}
	if _, marker := closingMarkers[tok]; marker || standaloneRoles[tok] {
		return nil, false // 摄影报道 left over from a role is no name
	}
	n := utf8x.Count(tok)
	ok := func(s string) bool {
		if !chineseNameShape(s) {
			return false
		}
		return withRole || known == nil || known(s)
	}
	if pair := splitPair(tok, ok); pair != nil {
		return pair, true
	}
	if withRole && allHan(tok) && n >= 2 && n <= 4 && !strings.ContainsFunc(tok, func(r rune) bool { return notNameRunes.has(r) }) {
		return []string{tok}, true
	}
	if withRole && transcribedName(tok) {
		return []string{tok}, true
	}
	if ok(tok) {
		return []string{tok}, true
	}
	return nil, false
}

// splitPair cuts four to six ideographs printed without a space into two
// names when both halves start with a common family name (王芳李明,
// 甲乙丙陈梅); a four-character name with a compound family name stays whole.
func splitPair(tok string, ok func(string) bool) []string {
	n := utf8x.Count(tok)
	if !allHan(tok) || n < 4 || n > 6 || surnameLen(tok) == 2 {
		return nil
	}
	rs := []rune(tok)
	for _, cut := range []int{2, 3, 4} {
		if cut >= n || n-cut < 2 || !commonSurnames.has(rs[0]) || !commonSurnames.has(rs[cut]) {
			continue
		}
		a, b := string(rs[:cut]), string(rs[cut:])
		if ok(a) && ok(b) {
			return []string{a, b}
		}
	}
	return nil
}

// parseEnglishByline reads "By JOHN SMITH", "By Jane Doe and John Smith" or
// "By Jane Doe, Staff Writer" (the words after the comma become the role).
func parseEnglishByline(text string) ([]article.Byline, bool) {
	rest := strings.TrimSpace(text[3:])
	// "By Jane Doe in Beijing": the place is not part of the name.
	for _, sep := range []string{" in ", " at ", " from "} {
		if i := strings.Index(rest, sep); i > 0 {
			rest = rest[:i]
		}
	}
	role := ""
	if i := strings.Index(rest, ","); i >= 0 {
		tail := strings.TrimSpace(rest[i+1:])
		if latinRole(tail) {
			role, rest = tail, rest[:i]
		}
	}
	var out []article.Byline
	for _, part := range splitEnglishNames(rest) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !latinName(part) {
			return nil, false
		}
		out = append(out, article.Byline{Role: role, Name: titleCase(part)})
	}
	return out, len(out) > 0
}

func splitEnglishNames(s string) []string {
	s = strings.ReplaceAll(s, " AND ", ",")
	s = strings.ReplaceAll(s, " and ", ",")
	return strings.Split(s, ",")
}

// latinRole reports whether s reads like a job title after a byline
// ("Staff Writer", "Xinhua correspondent").
func latinRole(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"writer", "reporter", "correspondent", "editor", "staff", "photographer", "columnist", "bureau"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// placeCredit reads the credit of a reader's letter or a contributor's
// note: where the writer lives, then the name (山西阳城县 甲乙丙, 福建厦门
// 甲乙). Only a paragraph laid out as a credit line is read so: the place
// is not checked, the shape is. It returns the name.
func placeCredit(text string) (string, bool) {
	fields := strings.Fields(text)
	if len(fields) < 2 || len(fields) > 3 {
		return "", false
	}
	allHan := func(s string, lo, hi int) bool {
		n := 0
		for _, r := range s {
			if !unicode.Is(unicode.Han, r) {
				return false
			}
			n++
		}
		return n >= lo && n <= hi
	}
	name := fields[len(fields)-1]
	if !allHan(name, 2, 4) || matchRole(name) > 0 {
		return "", false
	}
	for _, f := range fields[:len(fields)-1] {
		if !allHan(f, 2, 10) || isRole(f) {
			return "", false
		}
	}
	return name, true
}

// dropAgency removes the picture agency a photo credit names after its
// mark (甲乙丙摄（人民视觉）): the agency is no byline.
func dropAgency(text string) string {
	t := strings.TrimSpace(text)
	for _, c := range []string{"）", ")"} {
		if !strings.HasSuffix(t, c) {
			continue
		}
		open := strings.LastIndexAny(t, "（(")
		if open <= 0 || len(t)-open > 16*3 {
			return text
		}
		before := strings.TrimSpace(t[:open])
		for _, m := range []string{"摄", "摄影", "摄影报道", "供图"} {
			if strings.HasSuffix(before, m) {
				return before
			}
		}
	}
	return text
}

// pairedCredit reads the credit lines of a commentary set with a drawing:
// 甲乙丙图 over 丁戊文, each a name with its role glued after it. A name may
// end in 图 or 文 itself, so a line is read so only when the story has the
// other line of the pair.
func pairedCredit(st *article.Story, text string) (article.Byline, bool) {
	t := strings.TrimSpace(text)
	for _, pair := range drawingTextPairs {
		name, ok := strings.CutSuffix(t, pair[0])
		if !ok || !isHanName(name) {
			continue
		}
		for _, para := range st.Paragraphs {
			other, ok := strings.CutSuffix(strings.TrimSpace(para.Text), pair[1])
			if para.Kind == article.ParaCredit && ok && isHanName(other) {
				return article.Byline{Role: pair[0], Name: name}, true
			}
		}
	}
	return article.Byline{}, false
}

// drawingTextPairs are the roles of a drawing and its text, in the two
// orders they are credited: 甲图 then 乙文, or 甲文 then 乙图.
var drawingTextPairs = [][2]string{{"图", "文"}, {"文", "图"}}

// pairOnOneLine reads the same pair set on one line, the names and roles
// run together as a letter-spaced line comes out: 甲乙图丙丁文.
func pairOnOneLine(text string) ([]article.Byline, bool) {
	t := strings.Join(strings.Fields(text), "")
	for _, pair := range drawingTextPairs {
		rest, ok := strings.CutSuffix(t, pair[1])
		if !ok {
			continue
		}
		rs := []rune(rest)
		// the first name is two or three ideographs: try both places
		for _, n := range []int{2, 3} {
			if len(rs) < n+3 || string(rs[n]) != pair[0] {
				continue
			}
			first, second := string(rs[:n]), string(rs[n+1:])
			if isHanName(first) && isHanName(second) && matchRole(first) == 0 && matchRole(second) == 0 {
				return []article.Byline{{Role: pair[0], Name: first}, {Role: pair[1], Name: second}}, true
			}
		}
	}
	return nil, false
}

// penNameCredit reads a credit line that is only a name in parentheses
// closing an item, （甲乙）: laid out as a credit, the name may be a pen
// name no dictionary knows and no family name starts.
func penNameCredit(text string) (article.Byline, bool) {
	t := strings.TrimSpace(text)
	inner := strings.TrimSpace(trimParens(t))
	if inner == t || !isHanName(inner) || matchRole(inner) > 0 || isRole(inner) {
		return article.Byline{}, false
	}
	return article.Byline{Name: inner}, true
}

// trailingMarkCredit reads a photo credit line whose mark is glued to the
// last name: 甲乙 丙丁摄影报道, 甲乙丙摄影. Every name before the mark is a
// photographer.
func trailingMarkCredit(text string) ([]article.Byline, bool) {
	t := strings.TrimSpace(dropAgency(text))
	for _, mark := range []string{"摄影报道", "摄影", "摄"} {
		rest, ok := strings.CutSuffix(t, mark)
		if !ok {
			continue
		}
		names := strings.FieldsFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '、' || r == '，' })
		if len(names) == 0 {
			return nil, false
		}
		var out []article.Byline
		for _, n := range names {
			// two names run together (甲乙丙丁摄影报道)
			ns := splitPair(n, chineseNameShape)
			if ns == nil {
				ns = []string{n}
			}
			for _, n := range ns {
				if !isHanName(n) || matchRole(n) > 0 {
					return nil, false
				}
				out = append(out, article.Byline{Role: closingMarkers[mark], Name: n})
			}
		}
		return out, true
	}
	return nil, false
}

// isHanName reports the shape of a Chinese personal name: two to four
// ideographs.
func isHanName(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 4
}
