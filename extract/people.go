package extract

import (
	"strings"

	"github.com/galley/galley/internal/utf8x"
)

// personTitles are titles printed right before a name (市长甲乙丙,
// 负责人甲乙丙, 党委书记甲乙丙); a token ending in one of them counts too
// (市委书记, 副市长).
var personTitles = []string{
	"书记", "市长", "省长", "县长", "区长", "镇长", "乡长", "村长", "主任", "负责人",
	"院长", "局长", "厅长", "部长", "处长", "科长", "主席", "校长", "行长", "董事长",
	"总经理", "经理", "总裁", "理事长", "会长", "秘书长", "所长", "站长", "队长",
	"社长", "主编", "委员", "常委", "代表", "教授", "博士", "医生", "专家", "厂长", "馆长",
	"台长", "团长", "总监", "法官", "律师", "民警", "警官", "老师", "研究员",
	"工程师", "大使", "总理", "总统", "首相", "村民", "居民", "市民", "农民",
	"记者", "通讯员", "创始人", "董事", "监事", "主持人", "志愿者", "党员", "干部",
	"主任医师", "护士长", "班长", "组长", "支书",
}

// kinshipWords follow a family name to speak of someone without a given
// name (王阿姨, 李师傅): a way of address, not a name.
var kinshipWords = map[string]bool{
	"阿姨": true, "大爷": true, "大妈": true, "大娘": true, "大姐": true, "大哥": true,
	"师傅": true, "先生": true, "女士": true, "奶奶": true, "爷爷": true, "同志": true,
	"小姐": true, "婆婆": true, "老师": true, "大叔": true,
}

// officeTitleEnds end the titles of an office (市长, 县委书记, 总经理),
// which say nothing of what a story is about; other title words (志愿者,
// 居民) may.
var officeTitleEnds = []string{"长", "书记", "主任", "负责人", "主席", "常委", "经理", "总裁", "主编", "总监", "委员"}

// officeTitle reports whether t is the title of an office.
func officeTitle(t tok) bool {
	if !isTitle(t) {
		return false
	}
	for _, e := range officeTitleEnds {
		if strings.HasSuffix(t.text, e) {
			return true
		}
	}
	return false
}

// reportingVerbs follow a name in news text (甲乙丙表示, 甲乙丙主持召开).
var reportingVerbs = map[string]bool{
	"表示": true, "说": true, "指出": true, "强调": true, "介绍": true, "认为": true,
	"称": true, "告诉": true, "透露": true, "坦言": true, "说道": true, "主持": true,
	"出席": true, "讲话": true, "致辞": true, "提出": true, "要求": true, "回忆": true,
	"感慨": true, "解释": true, "补充": true, "建议": true, "发言": true, "宣布": true,
	"会见": true, "笑着说": true, "感叹": true, "直言": true, "希望": true, "说明": true,
}

// titleSet holds personTitles for lookups by a token's last runes, and
// titleEnds their last characters: most tokens end in none of them, and
// are told so without a lookup in titleSet.
var (
	titleSet  = map[string]bool{}
	titleEnds = newRuneSet("")
)

func init() {
	for _, s := range personTitles {
		titleSet[s] = true
		r, _ := utf8x.Last(s)
		titleEnds.add(r)
	}
}

// isTitle reports whether the token ends in a title (副市长, 市委书记).
func isTitle(t tok) bool {
	if !t.han || t.n < 2 {
		return false
	}
	if last, _ := utf8x.Last(t.text); !titleEnds.has(last) {
		return false
	}
	// Titles are two to four ideographs of three bytes each.
	for k := 6; k <= 12 && k <= len(t.text); k += 3 {
		if titleSet[t.text[len(t.text)-k:]] {
			return true
		}
	}
	return false
}

// nameAt reads a personal name starting at token j: a name gse knows
// (王建国/nr), a two-character one it knows plus a lone character it does
// not (杨青 + 玖), or a family name followed by one or two lone characters
// (万 正 峰), as gse cuts names missing from its dictionary. afterTitle
// allows a family name plus a two-character word (王 + 建国) when the name
// is followed by punctuation or a reporting verb. It returns the name and
// the index after it, or "" when there is none.
func nameAt(ts []tok, j int, afterTitle bool) (string, int) {
	t := at(ts, j)
	if !t.han {
		return "", j
	}
	maxLen := 3
	if surnameLen(t.text) == 2 {
		maxLen = 4
	}
	switch {
	case t.n >= 2 && t.n <= 4 && t.personTag():
		name, k := t.text, j+1
		// 杨青 + 玖 + 在: a lone character after a two-character name
		// completes it unless it starts a run of lone characters (a
		// function word after it is no such run).
		if after := at(ts, k+1); t.n == 2 && at(ts, k).singleHan() && !notNameRunes.has(firstRune(at(ts, k).text)) &&
			(!after.singleHan() || notNameRunes.has(firstRune(after.text))) {
			name, k = name+at(ts, k).text, k+1
		}
		if chineseNameShape(name) {
			return name, k
		}
	case t.n <= 2 && surnameLen(t.text) == t.n:
		name, k := t.text, j+1
		for utf8x.Count(name) < maxLen && at(ts, k).singleHan() && !notNameRunes.has(firstRune(at(ts, k).text)) {
			name += at(ts, k).text
			k++
		}
		if afterTitle && utf8x.Count(name) == 1 {
			w, next := at(ts, k), at(ts, k+1)
			// 王 + 建国, then punctuation, a verb (陪同, 带队, 表示), or a
			// given name gse tags as a name or proper noun (刘 + 国华).
			nameLike := w.tag == "nz" || strings.HasPrefix(w.tag, "nr")
			if w.han && w.n == 2 && !reportingVerbs[w.text] && !isTitle(w) && !kinshipWords[w.text] &&
				(!next.han || reportingVerbs[next.text] || next.tag == "v" || nameLike) {
				name, k = name+w.text, k+1
			}
		}
		if chineseNameShape(name) {
			return name, k
		}
	}
	return "", j
}

func firstRune(s string) rune {
	r, _ := utf8x.First(s)
	return r
}

// findPeople returns the names in the tagged text that stand where names
// stand: after a title, before a reporting verb or a title, or tagged by
// gse as a full personal name (nrfg). Names inside an organisation's
// name (甲乙化工股份有限公司) are not people.
func findPeople(ts []tok, orgs []string) []string {
	var out []string
	for j := 0; j < len(ts); j++ {
		if isTitle(ts[j]) {
			if name, k := nameAt(ts, j+1, true); name != "" {
				out = append(out, name)
				j = k - 1
			}
			continue
		}
		if ts[j].user && ts[j].personTag() {
			out = append(out, ts[j].text) // the editor said so
			continue
		}
		prev := at(ts, j-1)
		if prev.singleHan() && !isTitle(prev) {
			continue // inside a run of lone characters, not at its start
		}
		name, k := nameAt(ts, j, false)
		if name == "" {
			continue
		}
		next := at(ts, k)
		// gse's full-name tag is trusted alone; its plain nr is not
		// (it tags 高水平 nr), so those need a verb or a title next.
		trusted := ts[j].tag == "nrfg" && ts[j].text == name
		if trusted || reportingVerbs[next.text] || isTitle(next) || speaksLater(ts, k) {
			out = append(out, name)
			j = k - 1
		}
	}
	var kept []string
	for _, n := range out {
		inside := false
		for _, o := range orgs {
			if strings.Contains(o, n) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, n)
		}
	}
	return kept
}

// linkWords may stand between a name and its reporting verb:
// 甲乙丙在会上强调, 甲乙丙对记者说, 甲乙丙也表示.
var linkWords = map[string]bool{"在": true, "对": true, "向": true, "就": true, "也": true, "还": true, "则": true, "同时": true, "进一步": true}

// speaksLater reports whether the words from k start with a link word and
// reach a reporting verb within the clause (a few words, no punctuation).
func speaksLater(ts []tok, k int) bool {
	if w := at(ts, k).text; !linkWords[w] && !strings.HasPrefix(w, "在") {
		return false // 在讲话中 and 在会上 are cut as one word
	}
	for i := k + 1; i < len(ts) && i <= k+8; i++ {
		t := ts[i]
		if reportingVerbs[t.text] {
			return true
		}
		if !t.han && t.text != " " {
			return false // punctuation ends the clause
		}
	}
	return false
}
