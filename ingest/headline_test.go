package ingest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/lexicon"
)

func TestOwnersFollowWordsThenThePagesOrder(t *testing.T) {
	texts := [][]string{
		{"城区河道清淤工程全面完工，河道水质明显改善。"},
		{"市图书馆新馆日前开馆，藏书五十万册。"},
		{"春季运动会在体育中心开幕，两千名运动员参赛。"},
		{"新建公交线路今起试运行。"},
	}
	groups := []headGroup{
		{prev: 0, next: 1}, // words of the first story: after its body
		{prev: 1, next: 2}, // words of the second story: after its body
		{prev: 2, next: 3}, // words of neither: the page's order decides
	}
	heads := []string{"城区河道清淤工程完工", "市图书馆新馆开馆", "好消息"}
	got := chooseOwners(groups, heads, texts, false, nil)
	want := []int{0, 1, 2}
	for i, c := range got {
		if c.owner != want[i] {
			t.Errorf("group %d: owner %d, want %d", i, c.owner, want[i])
		}
	}
	if got[0].close || got[1].close || !got[2].close {
		t.Errorf("only the third decision is a close call: %+v", got)
	}
	// the same page printed headline-first
	groups = []headGroup{{prev: -1, next: 0}, {prev: 0, next: 1}, {prev: 1, next: 2}, {prev: 2, next: 3}}
	heads = []string{"城区河道清淤工程完工", "市图书馆新馆开馆", "春季运动会开幕", "好消息"}
	got = chooseOwners(groups, heads, texts, false, nil)
	for i, c := range got {
		if c.owner != i {
			t.Errorf("headline-first page, group %d: owner %d, want %d", i, c.owner, i)
		}
	}
}

// TestParallelHeadlineKeepsItsGap: the two halves of a parallel headline
// printed on two lines keep the gap between them; a headline wrapped at
// the measure, whose break cuts a word, runs on without one.
func TestParallelHeadlineKeepsItsGap(t *testing.T) {
	lex := lexicon.Shared()
	cases := []struct {
		text string
		want string
	}{
		{"春风化雨\n润物无声（文化观察）\n", "春风化雨 润物无声（文化观察）"},
		{"城乡同发展\n百姓共富裕\n", "城乡同发展 百姓共富裕"},
		{"本市开展系\n列读书活动\n", "本市开展系列读书活动"},               // 系列 runs across the break
		{"全市举办乡村\n文化艺术节\n", "全市举办乡村文化艺术节"},             // halves of unequal length
		{"春风化雨\n\n润物无声\n", "春风化雨 润物无声"},                // a blank line between the halves
		{"新建公交线路今起\n试运行\n", "新建公交线路今起试运行"},             // a wrapped sentence
		{"市政府召开常务会议\n部署春季防汛工作\n", "市政府召开常务会议部署春季防汛工作"}, // too long for a couplet
		{"本市开展系\n\n列读书活动\n", "本市开展系列读书活动"},             // white between, but 系列 runs across the break
		{"“让城市更美\n\n好”（城市观察）\n", "“让城市更美好”（城市观察）"},     // a quote left open over the white
		{"市民中心全面开\n\n放（城市文化观察）\n", "市民中心全面开放（城市文化观察）"}, // 开放 across the break; the tag stands outside the measure
	}
	for _, c := range cases {
		lay := newLayout(c.text, scanLines(c.text))
		var lines []int
		for i := range lay.lines {
			if !lay.lines[i].blank() {
				lines = append(lines, i)
			}
		}
		res := normalizeHeadline(lay.text, lay.lineSpans(lines), lay.phraseBreaks(lines, lex))
		if res.text != c.want {
			t.Errorf("%q: headline %q, want %q", c.text, res.text, c.want)
		}
		if strings.Contains(c.want, " ") && !hasRule(res.edits, RulePhraseBreak) {
			t.Errorf("%q: the kept gap has no %s edit to explain it: %+v", c.text, RulePhraseBreak, res.edits)
		}
	}
}

func hasRule(edits []article.Edit, rule string) bool {
	for _, e := range edits {
		if e.Rule == rule {
			return true
		}
	}
	return false
}

// TestKickerOverTitle: of two headline groups both read as titles, the
// first is the kicker, unless the second shows itself as a subtitle (a
// dash) or the first closes with its column tag.
func TestKickerOverTitle(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"省委召开全会强调\n扎实推进乡村振兴\n", []string{RoleKicker, RoleTitle}},
		{"扎实推进乡村振兴\n——写在全会召开之际\n", []string{RoleTitle, RoleTitle}},
		{"扎实推进乡村振兴（评论员观察）\n全会部署今年重点工作\n", []string{RoleTitle, RoleTitle}},
	}
	for _, c := range cases {
		lay := newLayout(c.text, scanLines(c.text))
		head := []labelledPart{{role: RoleTitle, lines: []int{0}}, {role: RoleTitle, lines: []int{1}}}
		lay.kickerOverTitle(head)
		for i, want := range c.want {
			if head[i].role != want {
				t.Errorf("%q: group %d is %s, want %s", c.text, i, head[i].role, want)
			}
		}
	}
	// a kicker the model found is left alone
	text := "省委召开全会强调\n扎实推进乡村振兴\n全会部署今年重点工作\n"
	lay := newLayout(text, scanLines(text))
	head := []labelledPart{{role: RoleKicker, lines: []int{0}}, {role: RoleTitle, lines: []int{1}}, {role: RoleTitle, lines: []int{2}}}
	lay.kickerOverTitle(head)
	if head[1].role != RoleTitle || head[2].role != RoleTitle {
		t.Errorf("with a kicker found, the titles changed: %+v", head)
	}
}

// Two headline parts are one title where the break between them falls
// inside the wording: a quote left open that the part below closes, a
// number broken from its unit, a word cut in two by a line at least as
// full as the one below. A kicker over its title, two whole phrases,
// stays two parts, and so does a quote the part below does not close.
func TestAWrappedTitleIsOneTitle(t *testing.T) {
	lex := lexicon.Shared()
	for _, c := range []struct {
		lines []string
		roles []string
		want  int // parts left
	}{
		{[]string{"全市将举办2020", "年春季运动会"}, []string{RoleKicker, RoleTitle}, 1},
		{[]string{"“让城市更美", "好”（城市观察）"}, []string{RoleTitle, RoleTitle}, 1},
		{[]string{"本市开展系", "列读书活动"}, []string{RoleKicker, RoleTitle}, 1},
		{[]string{"河南浚县探索网络化治理新招", "村户连网上 村事放心上"}, []string{RoleKicker, RoleTitle}, 2},
		{[]string{"国务院办公厅印发《采购目录", "农民工权益有保障"}, []string{RoleTitle, RoleTitle}, 2},
		{[]string{"青海省市场监督管理局——", "抓时效 见实效"}, []string{RoleKicker, RoleTitle}, 2},
	} {
		text := strings.Join(c.lines, "\n") + "\n"
		lay := newLayout(text, scanLines(text))
		var head []labelledPart
		for i, r := range c.roles {
			head = append(head, labelledPart{role: r, lines: []int{i}})
		}
		got := lay.joinWrappedHeadlines(head, lex)
		if len(got) != c.want {
			t.Errorf("%q: %d parts, want %d", c.lines, len(got), c.want)
			continue
		}
		if c.want == 1 && (got[0].role != RoleTitle || len(got[0].lines) != 2) {
			t.Errorf("%q: joined into %+v, want one title of both lines", c.lines, got[0])
		}
	}
}

// containsText must be strings.Contains, byte for byte, whatever the text.
func TestContainsTextIsContains(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	pieces := []string{"中", "国", "人", "。", "，", "a", "b", "é", "\xe4", "\x80", " ", "国人", "人中"}
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		s, sub := pick(r.IntN(12)), pick(r.IntN(4))
		if got, want := containsText(s, sub), strings.Contains(s, sub); got != want {
			t.Fatalf("containsText(%q, %q) = %v, want %v", s, sub, got, want)
		}
	}
}
