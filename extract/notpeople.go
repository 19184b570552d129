package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/lexicon"
)

// The people rules read a name's shape (a family name and one or two more
// characters) and where it stands (before 表示, after a title). A place or
// a company has that shape too and stands there as often: 柏林表示欢迎,
// 甲家庄村民说, 甲乙强调质量. gse's own tags do not tell them apart (its
// dictionary tags 柏林 and many villages nr, after its training text), so
// these are the words that shape and place let through and that are not
// people.

// villageEnds end the names of villages and hamlets (甲家庄, 甲家村, 甲家屯),
// which given names hardly end in.
var villageEnds = newRuneSet("庄村屯寨堡")

// townEnds end the names of towns (甲家镇, 甲家乡) but also given names
// (刘镇): a name counts as a town only with 家 before it.
var townEnds = newRuneSet("镇乡")

// placeEndsOfName are what gse's dictionary adds to a bare place name to
// name it in full: 柏林 + 市 = 柏林市/ns.
var placeEndsOfName = []string{"市", "省", "县", "州", "区"}

// companyHeads follow a company's name where the story names it in full:
// 甲乙科技, 甲乙公司, 甲乙集团. Not the heads of other organisations:
// 甲乙中学毕业后 and 甲乙办公室 may well follow a person.
var companyHeads = []string{"公司", "有限公司", "集团", "科技", "股份", "控股", "电器"}

// notPeople sorts out of people (found by findPeople in prose) the names
// that are places or companies: a village by its ending; a place gse's
// dictionary knows in full (柏林市/ns); a name the story also prints as a
// company's (甲乙科技). It returns the people left and the places. A name
// the editor added to the dictionary as a person stays one.
//
// A name printed after the title of an office (部长甲乙) is a person
// whatever else it spells: a place or a company holds no office. (Not
// after any title: 记者从甲乙公司获悉 is where the reporter learned it.)
func notPeople(lx *lexicon.Lexicon, ts []tok, people []string, prose string) (kept, places []string) {
	if len(people) == 0 {
		return people, nil
	}
	user := userTerms(lx)
	titled := map[string]bool{}
	for j := range ts {
		if officeTitle(ts[j]) {
			if name, _ := nameAt(ts, j+1, true); name != "" {
				titled[name] = true
			}
		}
	}
	for _, name := range people {
		if tag, ok := user[name]; titled[name] || ok && strings.HasPrefix(tag, "nr") {
			kept = append(kept, name)
			continue
		}
		switch village := villageName(name); {
		case village && utf8.RuneCountInString(name) == 2:
			// 古村, 新村: as often a noun as a village's name; no person
			// either way
		case village || knownPlaceName(lx, name):
			places = append(places, name)
		case namedAsCompany(name, prose):
		default:
			kept = append(kept, name)
		}
	}
	return kept, places
}

// villageName reports a name that ends as villages' and towns' names end.
func villageName(name string) bool {
	rs := []rune(name)
	if len(rs) < 2 {
		return false
	}
	last := rs[len(rs)-1]
	return villageEnds.has(last) || townEnds.has(last) && len(rs) >= 3 && rs[len(rs)-2] == '家'
}

// knownPlaceName reports a name gse's dictionary knows as a place when a
// level of government follows it (柏林市, tagged ns): the name printed bare.
func knownPlaceName(lx *lexicon.Lexicon, name string) bool {
	for _, suf := range placeEndsOfName {
		if toks := lx.Tag(name + suf); len(toks) == 1 && toks[0].Tag == "ns" {
			return true
		}
	}
	return false
}

// namedAsCompany reports a name that the story prints, somewhere, directly
// before the head of a company's name (甲乙科技, 甲乙公司).
func namedAsCompany(name, prose string) bool {
	for rest := prose; ; {
		i := strings.Index(rest, name)
		if i < 0 {
			return false
		}
		rest = rest[i+len(name):]
		for _, h := range companyHeads {
			if strings.HasPrefix(rest, h) {
				return true
			}
		}
	}
}
