package extract

import (
	"strings"
	"unicode"

	"github.com/galley/galley/internal/utf8x"
)

// surnames holds the single-character Chinese family names of the
// traditional surname list (百家姓) plus the common ones it misses. A run of
// two or three characters starting with one of these is a name candidate;
// whether it is taken depends on where it stands (a credit line, after a
// title, before a reporting verb), never on the surname alone.
var surnames = newRuneSet(
	"赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻" +
		"柏窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤" +
		"滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹" +
		"狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童" +
		"颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁" +
		"宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲封芮羿储靳汲" +
		"邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎" +
		"祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴" +
		"胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚" +
		"农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国" +
		"文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养" +
		"鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公付肖覃饶阎岳闫练佘佟琚粟郎" +
		"兰冼区练矫银楼敬揭谌邝阳")

// commonSurnames are the hundred or so family names most Chinese people
// bear; when two names are printed without a space (甲乙丙丁戊) the cut that
// starts both halves with one of these wins.
var commonSurnames = newRuneSet("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁" +
	"潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙" +
	"史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

// compoundSurnames are the two-character family names; with them a name
// may run to four characters.
var compoundSurnames = []string{
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
	"令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "西门", "南宫",
	"独孤", "呼延", "万俟", "闻人", "澹台", "公冶", "太史", "申屠",
}

// notNameRunes are characters that do not end or fill a personal name in
// running text: particles, conjunctions and prepositions that follow a name
// ("X在", "X和Y").
var notNameRunes = newRuneSet("的了着过和与及或在是对把被将向从等也都就又还而但之其这那该此每各我你他她它们")

// runeSet is a set of characters: a bit per character of the Basic
// Multilingual Plane (where nearly every character lives), as the name
// rules ask these sets about nearly every character of a story.
type runeSet struct {
	bits  *[1 << 10]uint64
	other map[rune]bool // outside the BMP
}

func newRuneSet(s string) runeSet {
	set := runeSet{bits: new([1 << 10]uint64), other: map[rune]bool{}}
	for _, r := range s {
		set.add(r)
	}
	return set
}

func (set runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		set.bits[r>>6] |= 1 << (r & 63)
		return
	}
	set.other[r] = true
}

func (set runeSet) has(r rune) bool {
	if r >= 0 && r < 1<<16 {
		return set.bits[r>>6]&(1<<(r&63)) != 0
	}
	return set.other[r]
}

// isHan reports whether r is a CJK ideograph; the common block is checked
// first, as nearly every character of a Chinese page is in it.
func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r)
}

// allHan reports whether s is non-empty and made only of CJK ideographs.
func allHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return true
}

// surnameLen is the length in runes of the family name s starts with
// (2 for a compound surname, 1 for a single one), or 0.
func surnameLen(s string) int {
	r, n := utf8x.First(s)
	if compoundFirst.has(r) {
		for _, c := range compoundSurnames {
			if strings.HasPrefix(s, c) {
				return 2
			}
		}
	}
	if surnames.has(r) && n > 0 {
		return 1
	}
	return 0
}

// compoundFirst holds the first characters of compoundSurnames, so most
// names are checked with one lookup.
var compoundFirst = newRuneSet("")

func init() {
	for _, c := range compoundSurnames {
		r, _ := utf8x.First(c)
		compoundFirst.add(r)
	}
}

// chineseNameShape reports whether s has the shape of a Chinese personal
// name: two or three ideographs starting with a family name (four with a
// compound family name), none of them a particle.
func chineseNameShape(s string) bool {
	if !allHan(s) {
		return false
	}
	n := utf8x.Count(s)
	sl := surnameLen(s)
	switch {
	case sl == 0:
		return false
	case sl == 2 && (n < 3 || n > 4):
		return false
	case sl == 1 && (n < 2 || n > 3):
		return false
	}
	for i, r := range []rune(s) {
		if i > 0 && notNameRunes.has(r) {
			return false
		}
	}
	return true
}

// latinName reports whether s looks like a Latin-script personal name:
// two to four words, each starting with a capital letter (initials such as
// "J." count), only letters, apostrophes, hyphens and dots.
func latinName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		first, _ := utf8x.First(w)
		if !unicode.IsUpper(first) {
			return false
		}
		for _, r := range w {
			if !unicode.Is(unicode.Latin, r) && r != '\'' && r != '-' && r != '.' && r != '’' {
				return false
			}
		}
	}
	return true
}

// titleCase turns an all-capitals name ("JOHN SMITH") into "John Smith" and
// leaves mixed-case names as printed.
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		rs := []rune(strings.ToLower(w))
		up := true
		for j, r := range rs {
			if up && unicode.IsLetter(r) {
				rs[j] = unicode.ToUpper(r)
			}
			up = r == '-' || r == '\'' || r == '.'
		}
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

// transcribedName reports whether s is a name transcribed with a middle
// dot (甲乙·丙丁): ideographs in two to four parts, at most 12 in all.
func transcribedName(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '·' || r == '•' || r == '・' })
	if len(parts) < 2 || len(parts) > 4 || utf8x.Count(s) > 14 {
		return false
	}
	for _, p := range parts {
		if !allHan(p) {
			return false
		}
	}
	return true
}
