package extract

import (
	"reflect"
	"testing"

	"github.com/galley/galley/article"
)

func tagged(t *testing.T, text string) []tok {
	t.Helper()
	return makeToks(tag(testLexicon(t), text), nil)
}

func TestFindPeopleByTitleAndReportingVerb(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"3月14日上午，市长王建华主持召开市政府常务会议。", []string{"王建华"}},
		{"县委书记刘晓东强调，要抓好春耕生产。", []string{"刘晓东"}},
		{"昨天，市委书记孙立新深入企业调研。", []string{"孙立新"}},
		{"新乡远航化工股份有限公司负责人陈梅介绍，订单增长三成。", []string{"陈梅"}},
		{"会上，郑晓雨在讲话中强调，要压实责任。", []string{"郑晓雨"}},
		{"陈梅对记者说，订单已排到年底。", []string{"陈梅"}},
		// A name-shaped run with no verb of speech in its clause is not taken.
		{"高温在全省持续，电力负荷创新高。", nil},
		// Ordinary words tagged as names, and names inside a company's
		// name, are not people.
		{"推动高水平开放，持续优化营商环境。", nil},
		{"全县总书记重要讲话精神学习会召开。", nil},
	}
	for _, c := range cases {
		ts := tagged(t, c.text)
		got := findPeople(ts, findOrgs(ts))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("findPeople(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestFindPlaces(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"河南省新乡市辉县市的村民在张家口市务工。", []string{"河南省", "新乡市", "辉县市", "张家口市"}},
		{"各县区积极行动，全市上下齐心。", nil},
		{"新乡工业园区", []string{"新乡工业园区"}},
		{"中国与德国企业合作。", []string{"中国", "德国"}},
	}
	for _, c := range cases {
		if got, _ := findPlaces(tagged(t, c.text)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findPlaces(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	if got := dropBarePlaces([]string{"河南", "河南省", "新乡市"}); !reflect.DeepEqual(got, []string{"河南省", "新乡市"}) {
		t.Errorf("dropBarePlaces kept the bare form: %v", got)
	}
}

func TestFindOrgsTakesTheWholeName(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"市委书记孙立新深入华兴控股集团有限公司调研。", []string{"华兴控股集团有限公司"}},
		{"市农业农村局与中国农业银行新乡分行签署协议，县财政局、省发改委参加。",
			[]string{"市农业农村局", "中国农业银行新乡分行", "县财政局", "省发改委"}},
		{"新乡远航化工股份有限公司负责人介绍。", []string{"新乡远航化工股份有限公司"}},
		// Kinds of bodies, not bodies.
		{"创立市级产业研究院，该公司和上市公司都在，银行也来了。", nil},
		{"市场格局和产业布局不断优化。", nil},
	}
	for _, c := range cases {
		if got := findOrgs(tagged(t, c.text)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findOrgs(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	got := dropSuffixOrgs([]string{"华兴控股集团有限公司", "集团有限公司", "华兴控股集团"})
	if !reflect.DeepEqual(got, []string{"华兴控股集团有限公司", "华兴控股集团"}) {
		t.Errorf("dropSuffixOrgs = %v", got)
	}
}

// A conjunction between common nouns inside a name (住房和城乡建设局,
// 石油和化学工业联合会) does not cut the name short; two bodies joined by a
// conjunction, or a proper name on either side, stay apart.
func TestFindOrgsTakesNamesWithAConjunctionWhole(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"昨日，省文化与旅游产业联合会召开年会。", []string{"省文化与旅游产业联合会"}},
		{"濮阳市住房和城乡建设局组织检查。", []string{"濮阳市住房和城乡建设局"}},
		{"市人力资源和社会保障局发布通知。", []string{"市人力资源和社会保障局"}},
		{"中国石油和化学工业联合会会长表示。", []string{"中国石油和化学工业联合会"}},
		{"甲乙化工与丙丁研究院合作。", []string{"丙丁研究院"}},
		{"他代表公司与科技协会签约。", []string{"科技协会"}},
		{"黄河水利委员会与河南大学签约。", []string{"黄河水利委员会", "河南大学"}},
		{"企业与高校共建研究院。", nil},
	}
	for _, c := range cases {
		if got := findOrgs(tagged(t, c.text)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findOrgs(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// gse cuts 甲乙银行为 as 甲乙 / 银 / 行为: the suffix is mended and the name
// found; a word that only ends like a suffix's first piece stays whole.
func TestFindOrgsMendsASuffixCutAcross(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"中原银行为小微企业提供贷款。", []string{"中原银行"}},
		{"濮阳农商银行为企业纾困。", []string{"濮阳农商银行"}},
		{"建设银行为此推出新产品。", []string{"建设银行"}},
		{"白银行业回暖，价格上涨。", nil},
	}
	for _, c := range cases {
		ts := tagged(t, c.text)
		if got := findOrgs(ts); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findOrgs(%q) = %v, want %v", c.text, got, c.want)
		}
		if joined := joinToks(ts); joined != c.text {
			t.Errorf("mending changed the text: %q", joined)
		}
	}
}

// A function word ends an organisation's look-back (图为甲乙中学 is 甲乙中学);
// a verb after a place counts as a brand only in a company's name, not
// before a weak head (新建改建社区卫生服务站 is no body).
func TestFindOrgsStopsAtFunctionWordsAndVerbs(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"图为濮阳市第一中学的学生在进行体育锻炼。", []string{"濮阳市第一中学"}},
		{"今年以来，华龙区新建改建社区卫生服务站12个。", nil},
		{"新乡远航化工股份有限公司负责人介绍。", []string{"新乡远航化工股份有限公司"}},
	}
	for _, c := range cases {
		if got := findOrgs(tagged(t, c.text)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findOrgs(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A zone suffix gse cuts in two (经济 + 技术开发区) still makes the place.
func TestFindPlacesJoinsASplitZoneSuffix(t *testing.T) {
	got, _ := findPlaces(tagged(t, "位于濮阳经济技术开发区的某新能源装备项目一期工程正式投产。"))
	if want := []string{"濮阳经济技术开发区"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findPlaces = %v, want %v", got, want)
	}
}

// Names gse cuts across: after a title, a name's last character glued to
// a function word (王建 / 华为 → 王建华); a name that took the first character
// of a reporting verb (张国强 / 调 → 张国 强调); a lone last character before
// a function word (杨青 / 玖 / 在).
func TestFindPeopleMendsNamesCutAcross(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"市长王建华为项目揭牌。", []string{"王建华"}},
		{"副市长李振华为获奖企业颁奖。", []string{"李振华"}},
		{"县委书记张国强调，要抓好生产。", []string{"张国"}},
		{"市委书记杨青玖在会上强调。", []string{"杨青玖"}},
		{"市长孙立新和市委副书记王芳出席。", []string{"孙立新", "王芳"}},
		// After a title: family name + a two-character given name that gse
		// tags as a proper noun or an adverb, before a verb.
		{"常务副市长刘国华带队到清丰县调研，县委书记王立新陪同。", []string{"刘国华", "王立新"}},
		// A way of address is no name.
		{"居民王阿姨说，现在看病方便多了。", nil},
		// No title, no mend: 华为 stays the company's name.
		{"华为公司为客户服务。", nil},
	}
	for _, c := range cases {
		ts := tagged(t, c.text)
		if got := findPeople(ts, findOrgs(ts)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("findPeople(%q) = %v, want %v", c.text, got, c.want)
		}
		if joined := joinToks(ts); joined != c.text {
			t.Errorf("mending changed the text: %q", joined)
		}
	}
}

// Place and company names have a person's shape and stand where people
// stand (before 表示, 介绍): a place gse's dictionary knows in full
// (莫斯科市/ns, though it tags 莫斯科 nr), a village by its ending, a name
// the story also prints as a company's are not people; the first two are
// places. A name after a title is a person's.
func TestPlacesAndCompaniesAreNotPeople(t *testing.T) {
	lx := testLexicon(t)
	cases := []struct {
		text           string
		people, places []string
	}{
		{"莫斯科表示，将扩建机场。莫斯科市民踊跃参与。", nil, []string{"莫斯科"}},
		{"李家庄介绍，全村今年增收两成。", nil, []string{"李家庄"}},
		{"金橙科技发布新品。金橙表示，产品下月上市。", nil, nil},
		{"古村表示欢迎。", nil, nil},
		// people stay people, also one whose name spells a place
		{"市长王建华表示，机场明年开工。", []string{"王建华"}, nil},
		{"部长莫斯科表示，机场明年开工。", []string{"莫斯科"}, nil},
		{"陈梅对记者说，订单已排到年底。", []string{"陈梅"}, nil},
	}
	for _, c := range cases {
		st := &article.Story{Title: "测试", Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: c.text}}}
		Story(st, Options{Lexicon: lx})
		if !sameList(st.Metadata.People, c.people) || !sameList(st.Metadata.Places, c.places) {
			t.Errorf("%q: people %q, places %q; want %q, %q", c.text, st.Metadata.People, st.Metadata.Places, c.people, c.places)
		}
	}
}

func sameList(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}
