package extract

import (
	"strings"

	"github.com/galley/galley/internal/utf8x"
)

// orgSuffixes end an organisation's name; a token ending in one of them is
// an organisation's head (控股集团, 有限公司, 研究院).
var orgSuffixes = []string{
	"有限公司", "公司", "集团", "研究院", "研究所", "研究中心", "银行", "支行", "分行",
	"委员会", "大学", "学院", "医院", "中学", "小学", "幼儿园", "协会", "学会", "商会",
	"联合会", "基金会", "合作社", "事务所", "出版社", "报社", "电视台", "法院",
	"检察院", "派出所", "管理局", "工作局", "办公室", "办事处", "实验室", "联社",
	"集团公司", "总公司", "分公司", "科学院", "工程院",
}

// weakOrgHeads end an organisation's name only as whole tokens and only
// when the name starts with a place or a level of government: 市教育局,
// 甲乙县财政局, 省发改委; alone, 局 and 委 are too common.
var weakOrgHeads = map[string]bool{
	"局": true, "厅": true, "委": true, "院": true, "所": true, "部": true,
	"办": true, "署": true, "处": true, "厂": true, "中心": true, "站": true,
}

var governmentLevels = map[string]bool{
	"市": true, "省": true, "县": true, "区": true, "镇": true, "乡": true,
	"国家": true, "中国": true, "中央": true, "全国": true, "国务院": true,
}

// orgModifierTags are the tags of words that may stand inside an
// organisation's name before its head: nouns, names, places,
// abbreviations, verbal nouns, lone characters of unknown words.
var orgModifierTags = map[string]bool{
	"n": true, "nz": true, "ns": true, "nt": true, "nr": true, "nrt": true, "nrfg": true,
	"j": true, "vn": true, "an": true, "zg": true, "ng": true, "b": true, "a": true,
	"eng": true,
}

// orgVerbs are verbs that name a business line inside a company's name.
var orgVerbs = map[string]bool{
	"控股": true, "投资": true, "发展": true, "建设": true, "开发": true, "管理": true,
	"服务": true, "运营": true, "研究": true, "设计": true, "检测": true, "制造": true,
	"生产": true, "实业": true, "贸易": true, "物流": true, "置业": true, "咨询": true,
}

// notInOrg are nouns that end the look-back: a name does not reach past a
// title or a generic noun (负责人, 企业).
var notInOrg = map[string]bool{
	"企业": true, "单位": true, "部门": true, "会议": true, "活动": true, "领导": true,
	"我们": true,
}

// orgSuffixSet holds orgSuffixes for lookups by a token's last runes.
var orgSuffixSet = map[string]bool{}

func init() {
	for _, s := range orgSuffixes {
		orgSuffixSet[s] = true
	}
}

// orgSuffixOf returns the suffix of orgSuffixes that s (ideographs only)
// ends with, the longest one, or "".
func orgSuffixOf(s string) string {
	// Suffixes are two to six ideographs of three bytes each.
	for k := 18; k >= 6; k -= 3 {
		if k <= len(s) && orgSuffixSet[s[len(s)-k:]] {
			return s[len(s)-k:]
		}
	}
	return ""
}

// headLastRunes are the last characters of every suffix and weak head:
// most words end in none of them and are no head.
var headLastRunes = newRuneSet("")

func init() {
	for _, s := range orgSuffixes {
		r, _ := utf8x.Last(s)
		headLastRunes.add(r)
	}
	for s := range weakOrgHeads {
		r, _ := utf8x.Last(s)
		headLastRunes.add(r)
	}
}

func orgHead(t tok) (strong bool, ok bool) {
	if !t.han {
		return false, false
	}
	if last, _ := utf8x.Last(t.text); !headLastRunes.has(last) {
		return false, false
	}
	if orgSuffixOf(t.text) != "" {
		return true, true
	}
	if weakOrgHeads[t.text] {
		return false, true
	}
	// 财政局, 发改委: a government body's short name ends in a weak head.
	if t.n >= 2 && t.n <= 5 && (t.tag == "nt" || t.tag == "j" || t.tag == "n") {
		_, size := utf8x.Last(t.text)
		return false, weakOrgHeads[t.text[len(t.text)-size:]]
	}
	return false, false
}

// genericOrgs are dictionary words that end like organisations but name a
// kind of one.
var genericOrgs = map[string]bool{
	"上市公司": true, "股份公司": true, "有限公司": true, "子公司": true, "母公司": true,
	"商业银行": true, "集团公司": true, "分公司": true, "总公司": true, "保险公司": true,
	"证券公司": true, "合作社": true, "研究所": true, "研究院": true, "委员会": true,
	"中央银行": true, "大学": true, "医院": true, "银行": true,
}

func orgModifier(t tok) bool {
	if !t.han && t.tag != "eng" {
		return false
	}
	if isTitle(t) || notInOrg[t.text] || reportingVerbs[t.text] {
		return false
	}
	if t.n == 1 && (notNameRunes.has(firstRune(t.text)) || splitLeftovers[t.text] != "") {
		return false // 图为甲乙中学: a function word ends the name's look-back
	}
	return orgModifierTags[t.tag] || orgVerbs[t.text] || (t.tag == "m" && strings.HasPrefix(t.text, "第"))
}

type span struct{ start, end int } // token indexes, end exclusive

// findOrgs returns the organisations in the tagged text: from each head
// the name reaches back over the words that can stand in a name, so the
// whole 甲乙控股集团有限公司 is taken, not 集团有限公司; a name inside a
// longer one at the same place (甲乙控股集团 in 甲乙控股集团有限公司) is
// not listed for that mention.
func findOrgs(ts []tok) []string {
	var spans []span
	var nameBuf [96]byte // a name's text, to look it up in genericOrgs
	for j, t := range ts {
		strong, ok := orgHead(t)
		if !ok {
			if t.tag == "nt" && (t.han && t.n >= 4 || t.user) {
				spans = append(spans, span{j, j + 1})
			}
			continue
		}
		start := lookBack(ts, j, j, strong)
		// 住房和城乡建设局, 文化与旅游产业联合会: a conjunction inside the
		// name joins two common nouns; the name reaches on past it.
		if l := joinedByConjunction(ts, start, j); l < start {
			start = lookBack(ts, l, j, strong)
		}
		// A name may open with a word gse takes for a time word (some brands are
		// tagged t) when nothing but punctuation stands before it.
		if k := start - 1; k >= 0 && ts[k].tag == "t" && ts[k].han && !timeWords[ts[k].text] && !at(ts, k-1).han {
			start = k
		}
		if genericLevel(ts[start:j]) {
			continue // 市级产业研究院: a kind of body, not one body
		}
		if start == j && !strong {
			continue
		}
		if !strong && !governmentLevels[ts[start].text] && !ts[start].placeTag() {
			// 局, 委 … need a place or a level of government first; try
			// the shortest start that has one.
			found := false
			for k := start + 1; k < j; k++ {
				if governmentLevels[ts[k].text] || ts[k].placeTag() {
					start, found = k, true
					break
				}
			}
			if !found {
				continue
			}
		}
		prefix := 0
		for k := start; k < j; k++ {
			prefix += ts[k].n
		}
		// The head token may carry part of the name (农业银行, 财政局):
		// count what stands before its suffix.
		if strong {
			prefix += t.n - utf8x.Count(orgSuffixOf(t.text))
		} else {
			prefix += t.n - 1
		}
		if prefix < 2 || prefix > 24 {
			continue
		}
		// A name that is one dictionary word is an organisation only when
		// the dictionary says so: 中国银行 is, 商业银行 and 上市公司 are not.
		if start == j && (t.tag != "nt" || genericOrgs[t.text]) {
			continue
		}
		// (looked up without a string: every head is asked)
		if genericOrgs[string(appendToks(nameBuf[:0], ts[start:j+1]))] {
			continue
		}
		spans = append(spans, span{start, j + 1})
	}
	var out []string
	for i, s := range spans {
		contained := false
		for k, o := range spans {
			if k != i && o.start <= s.start && s.end <= o.end && (o.end-o.start) > (s.end-s.start) {
				contained = true
				break
			}
		}
		if contained {
			continue
		}
		out = append(out, joinToks(ts[s.start:s.end]))
	}
	return out
}

// lookBack returns where an organisation's name ending with the head at
// j starts, reaching back from from over the words that can stand in a
// name (at most eight words before the head).
func lookBack(ts []tok, from, j int, strong bool) int {
	start := from
	for k := from - 1; k >= 0 && j-k <= 8; k-- {
		// A verb may be a brand after a place in a company's name
		// (甲乙远航化工有限公司): 远航 is tagged v, but 深入 before a name is
		// not part of it, nor 改建 in 甲乙区新建改建服务站.
		brand := strong && ts[k].tag == "v" && ts[k].han && ts[k].n == 2 && at(ts, k-1).placeTag()
		if !orgModifier(ts[k]) && !brand {
			break
		}
		start = k
	}
	return start
}

// orgConjunctions join two parts of one organisation's name.
var orgConjunctions = map[string]bool{"与": true, "和": true, "及": true}

// joinedByConjunction looks at the word before a name's start (at start,
// head at j): when it is a conjunction between common nouns, as in
// 住房和城乡建设局 or 石油和化学工业联合会, it returns where the nouns
// before the conjunction start; otherwise start. The nouns on both sides
// must be common nouns (no names, places or unknown words, so 甲乙化工与
// 丙丁研究院 stays two bodies), one or two words before the conjunction
// that do not end a name themselves (公司与甲乙协会 is two), and the
// first of them must open the name: after a place or a level of
// government (市, 省), or after punctuation.
func joinedByConjunction(ts []tok, start, j int) int {
	c := start - 1
	if c < 1 || !orgConjunctions[ts[c].text] {
		return start
	}
	head := ts[j]
	if start == j && head.n <= 1 {
		return start // nothing after the conjunction but a bare 局
	}
	for k := start; k < j; k++ {
		if !commonNoun(ts[k]) {
			return start
		}
	}
	l := c
	for k := c - 1; k >= 0 && c-k <= 2 && commonNoun(ts[k]); k-- {
		l = k
	}
	if l == c {
		return start
	}
	if _, isHead := orgHead(ts[c-1]); isHead {
		return start
	}
	if before := at(ts, l-1); before.han && !governmentLevels[before.text] && !before.placeTag() {
		return start
	}
	return l
}

// commonNoun is a dictionary noun of two ideographs or more that is not a
// title or a word that ends a name's look-back.
func commonNoun(t tok) bool {
	return t.han && t.n >= 2 && !t.user && (t.tag == "n" || t.tag == "vn") &&
		!isTitle(t) && !notInOrg[t.text] && !governmentLevels[t.text]
}

// dropSuffixOrgs removes an organisation whose name is the tail of
// another's in the list (集团有限公司 beside 甲乙控股集团有限公司).
func dropSuffixOrgs(orgs []string) []string {
	var out []string
	for _, o := range orgs {
		tail := false
		for _, p := range orgs {
			if p != o && strings.HasSuffix(p, o) {
				tail = true
				break
			}
		}
		if !tail {
			out = append(out, o)
		}
	}
	return out
}

// timeWords are the time words that do start a clause before a name.
var timeWords = map[string]bool{
	"今年": true, "去年": true, "明年": true, "目前": true, "现在": true, "当前": true,
	"近日": true, "日前": true, "今后": true, "以来": true, "近年来": true, "同期": true,
	"当时": true, "此前": true, "未来": true, "今天": true, "昨天": true, "年初": true,
	"年底": true, "上午": true, "下午": true, "晚上": true, "同时": true,
}

// genericLevel reports whether a name's words include a level (市级, 省级,
// 国家级): those describe a kind of body, not one body.
func genericLevel(ts []tok) bool {
	for _, t := range ts {
		if strings.HasSuffix(t.text, "级") {
			return true
		}
	}
	return false
}

// joinToks is the tokens' text run together: one token's is its own (no
// copy), several are copied once, at their length.
func joinToks(ts []tok) string {
	if len(ts) == 1 {
		return ts[0].text
	}
	n := 0
	for _, t := range ts {
		n += len(t.text)
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range ts {
		b.WriteString(t.text)
	}
	return b.String()
}

// appendToks appends the tokens' text to b.
func appendToks(b []byte, ts []tok) []byte {
	for _, t := range ts {
		b = append(b, t.text...)
	}
	return b
}
