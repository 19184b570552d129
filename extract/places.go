package extract

import "strings"

// adminSuffixes end the name of an administrative area: 河南省, 甲乙市, 甲乙县.
var adminSuffixes = []string{"自治区", "自治州", "自治县", "特别行政区", "省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "盟"}

// zoneSuffixes follow a place to name a district inside it: 甲乙工业园区.
var zoneSuffixes = map[string]bool{
	"工业园区": true, "开发区": true, "高新区": true, "新区": true, "产业园": true,
	"园区": true, "示范区": true, "自贸区": true, "产业集聚区": true, "经开区": true,
	"高新技术产业开发区": true, "经济技术开发区": true,
}

// wellKnownPlaces are places printed bare (without 省 or 市) that are
// places in any text: China's provincial units and the countries news
// mentions most. Other bare place words from the dictionary are left out:
// gse tags many ordinary words ns (高原, 冰城).
var wellKnownPlaces = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`中国 北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江
		安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾
		内蒙古 广西 西藏 宁夏 新疆 香港 澳门 美国 英国 法国 德国 日本 韩国 俄罗斯 印度
		加拿大 澳大利亚 意大利 西班牙 巴西 墨西哥 朝鲜 越南 泰国 新加坡 马来西亚 印度尼西亚
		菲律宾 巴基斯坦 伊朗 以色列 埃及 南非 乌克兰 荷兰 瑞士 瑞典 欧洲 亚洲 非洲`) {
		wellKnownPlaces[p] = true
	}
}

// placeDeterminers open words that name places in general: 各县区, 本市.
var placeDeterminers = newRuneSet("各全本我该每外邻其此")

func adminSuffix(s string) string {
	for _, suf := range adminSuffixes {
		if strings.HasSuffix(s, suf) {
			return suf
		}
	}
	return ""
}

// findPlaces returns the places in the tagged text: place words with an
// administrative suffix (河南省), place words followed by one (甲乙 + 县),
// with a zone after them (甲乙工业园区), and well-known bare places. The
// other place words it returns as bare: gse tags many ordinary words as
// places, so they count only where another story names them in full.
func findPlaces(ts []tok) (places, bare []string) {
	var out []string
	for j := 0; j < len(ts); j++ {
		t := ts[j]
		if !t.han || t.n < 2 {
			continue
		}
		name := ""
		switch {
		case t.placeTag() && adminSuffixIs(at(ts, j+1).text):
			name = t.text + at(ts, j+1).text
			j++
		case t.placeTag() && t.n >= 3 && adminSuffix(t.text) != "":
			name = t.text
		case wellKnownPlaces[t.text] || (t.user && t.placeTag()):
			name = t.text
		case t.placeTag() && zoneAfter(ts, j+1) > 0:
			// a bare place word is taken only with its zone: 甲乙工业园区
		default:
			if t.placeTag() && t.n <= 4 {
				bare = append(bare, t.text)
			}
			continue
		}
		if name == "" {
			name = t.text
		}
		if r := firstRune(name); placeDeterminers.has(r) {
			continue // 各县区, 全市: any place, not one
		}
		if k := zoneAfter(ts, j+1); k > 0 {
			name += joinToks(ts[j+1 : j+1+k])
			j += k
		}
		out = append(out, name)
	}
	return out, bare
}

// zoneAfter returns how many words from i (one to three) spell a zone
// suffix, which gse may cut in two (经济 + 技术开发区), or 0.
func zoneAfter(ts []tok, i int) int {
	text := ""
	for k := 0; k < 3 && i+k < len(ts) && ts[i+k].han; k++ {
		text += ts[i+k].text
		if zoneSuffixes[text] {
			return k + 1
		}
	}
	return 0
}

func adminSuffixIs(s string) bool {
	for _, suf := range adminSuffixes {
		if s == suf {
			return true
		}
	}
	return false
}

// dropBarePlaces removes 河南 when 河南省 is in the list too: one place,
// named once, in its fuller form.
func dropBarePlaces(places []string) []string {
	have := map[string]bool{}
	for _, p := range places {
		have[p] = true
	}
	var out []string
	for _, p := range places {
		fuller := false
		for _, suf := range adminSuffixes {
			if have[p+suf] {
				fuller = true
				break
			}
		}
		if !fuller {
			out = append(out, p)
		}
	}
	return out
}
