package score

import (
	"math/rand"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const goldPath = "../testdata/000_84aa73dab9e593a4.json"

func TestGoldAgainstItselfIsPerfect(t *testing.T) {
	gold, err := Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	r := Score(gold, gold)
	if r.StoryF1 != 1 || r.CER != 0 || r.ParaF1 != 1 || r.TitleAcc != 1 || r.BylineF1 != 1 || r.KindF1 != 1 || r.TextCER != 0 {
		t.Fatalf("gold vs gold: %v", r)
	}
	for _, m := range r.PerStory {
		if m.Pred != m.Gold || m.CER != 0 {
			t.Fatalf("gold story %d matched to %d with cer %v", m.Gold, m.Pred, m.CER)
		}
	}
}

func naiveLev(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// The block form must give the plain table's distance, in particular
// across the 64-character block edges.
func TestLevenshteinAgreesWithTheTable(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alpha := []rune("的一是在不了有和人这中大为上个国我以要他ab1，。")
	gen := func(n int) []rune {
		s := make([]rune, n)
		for i := range s {
			s[i] = alpha[rng.Intn(len(alpha))]
		}
		return s
	}
	for _, n := range []int{0, 1, 2, 63, 64, 65, 127, 128, 129, 200, 300} {
		for k := 0; k < 20; k++ {
			a := gen(n)
			b := append([]rune(nil), a...)
			// edit b a little or a lot
			for e := rng.Intn(n/3 + 2); e > 0 && len(b) > 0; e-- {
				i := rng.Intn(len(b))
				switch rng.Intn(3) {
				case 0:
					b = append(b[:i], b[i+1:]...)
				case 1:
					b[i] = alpha[rng.Intn(len(alpha))]
				default:
					b = append(b[:i], append([]rune{alpha[rng.Intn(len(alpha))]}, b[i:]...)...)
				}
			}
			if k%5 == 0 {
				b = gen(rng.Intn(2*n + 1))
			}
			if got, want := Levenshtein(a, b), naiveLev(a, b); got != want {
				t.Fatalf("lev(%d chars, %d chars) = %d, want %d", len(a), len(b), got, want)
			}
		}
	}
}

func TestFeatureGroups(t *testing.T) {
	got := FeatureGroups([]string{"cols=4", "variants=photo+top", "headline_after_body=2/6", "pushin", "headline_after_body=0/5"})
	want := "cols=4 headline_after_body=none headline_after_body=some pushin variants=photo variants=top"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func story(kicker, title, sub string, names []string, paras ...string) Story {
	st := Story{Kicker: kicker, Title: title, Subtitle: sub, Names: names}
	for _, p := range paras {
		kind, text, ok := strings.Cut(p, ":")
		if !ok {
			kind, text = "body", p
		}
		st.Paragraphs = append(st.Paragraphs, Paragraph{kind, text})
	}
	return st
}

// edgeCases are (name, gold, pred) documents for the cases the script's
// rules decide: nothing predicted, stories merged, kickers, kinds, order.
func edgeCases(t *testing.T) [][3]string {
	gold, err := Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	var cases [][3]string
	add := func(name string, g, p []Story) {
		cases = append(cases, [3]string{name, string(Marshal(g)), string(Marshal(p))})
	}
	add("empty prediction", gold, nil)
	add("empty gold", nil, gold)
	add("nothing at all", nil, nil)
	merged := Story{Title: gold[1].Title}
	for _, g := range gold {
		merged.Paragraphs = append(merged.Paragraphs, g.Paragraphs...)
		merged.Names = append(merged.Names, g.Names...)
	}
	add("all merged into one", gold, []Story{merged})
	var pairs []Story
	for i := 0; i+1 < len(gold); i += 2 {
		m := gold[i]
		m.Paragraphs = append(append([]Paragraph(nil), gold[i].Paragraphs...), gold[i+1].Paragraphs...)
		pairs = append(pairs, m)
	}
	add("merged in pairs", gold, pairs)
	rev := make([]Story, len(gold))
	for i, g := range gold {
		rev[len(gold)-1-i] = g
	}
	add("stories in reverse order", gold, rev)
	// an unmatched story first, another between two matched ones
	junk := story("", "广告", "", nil, "这一段不属于任何一篇稿子，是版面上的广告文字。")
	mixed := append([]Story{junk}, gold[:2]...)
	mixed = append(mixed, junk)
	mixed = append(mixed, gold[2:]...)
	add("unmatched stories between", gold, mixed)
	dup := append(append([]Story(nil), gold...), gold[0], gold[0])
	add("a story printed three times", gold, dup)
	// every paragraph cut in two, paragraphs joined, characters changed
	var damaged []Story
	for i, g := range gold {
		p := g
		p.Paragraphs = nil
		for k, par := range g.Paragraphs {
			r := []rune(par.Text)
			switch {
			case i%3 == 0 && len(r) > 10:
				p.Paragraphs = append(p.Paragraphs, Paragraph{par.Kind, string(r[:len(r)/2])}, Paragraph{"body", string(r[len(r)/2:])})
			case i%3 == 1 && k > 0:
				p.Paragraphs[len(p.Paragraphs)-1].Text += strings.ReplaceAll(par.Text, "，", ",")
			default:
				p.Paragraphs = append(p.Paragraphs, Paragraph{"body", "  " + par.Text + "\n"})
			}
		}
		if i%2 == 0 {
			p.Names = nil
			p.Title = "错的标题"
		}
		damaged = append(damaged, p)
	}
	add("damaged", gold, damaged)
	kg := []Story{
		story("引题：一行", "主标题", "副标题", []string{"张三", "李 四"}, "subhead:核心阅读", "正文第一段，有不少字，足以匹配。", "caption:图为现场。", "credit:张三摄", "正文第二段也有很多字，用来凑够长度。"),
		story("", "第二篇", "", nil, "第二篇稿子的正文，说的是另一件事情，和第一篇无关。"),
		story("肩题", "", "", nil, ""), // a gold story with no text: never matched
	}
	kp := []Story{
		story("", "引题：一行", "主 标 题", []string{"张三", "李四", "王五"}, "核心阅读", "正文第一段，有不少字，足以匹配。", "caption:图为现场。", "body:张三摄", "正文第二段也有很多字，用来凑够长度。"),
		story("第二篇", "", "", []string{"  "}, "subhead:第二篇稿子的正文，说的是另一件事情，", "credit:和第一篇无关。"),
	}
	add("kickers and kinds", kg, kp)
	add("kickers and kinds, halves swapped", kp, kg)
	// paragraphs and bylines given as bare strings, as the script allows
	cases = append(cases, [3]string{"bare strings",
		`{"stories": [{"title": "甲", "subtitle": null, "paragraphs": ["第一段文字在这里。", "  ", "第二段文字在这里。"], "byline": ["赵六", ""]}]}`,
		`[{"title": "甲", "paragraphs": [{"text": "第一段文字在这里。第二段文字"}, {"kind": "subhead", "text": "在这里。"}], "byline": [{"role": "记者", "name": "赵 六"}]}]`})
	return cases
}

// randomCases damages the gold page at random: stories split, merged,
// dropped, shuffled, headlines moved between fields.
func randomCases(t *testing.T, n int) [][3]string {
	gold, err := Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(7))
	var out [][3]string
	for k := 0; k < n; k++ {
		var pred []Story
		for _, g := range gold {
			p := g
			p.Paragraphs = append([]Paragraph(nil), g.Paragraphs...)
			switch rng.Intn(6) {
			case 0:
				continue // lost
			case 1:
				if len(pred) > 0 { // merged into the previous one
					last := &pred[len(pred)-1]
					last.Paragraphs = append(last.Paragraphs, p.Paragraphs...)
					continue
				}
			case 2:
				if len(p.Paragraphs) > 1 { // split in two
					h := len(p.Paragraphs) / 2
					q := Story{Title: "续", Paragraphs: p.Paragraphs[h:]}
					p.Paragraphs = p.Paragraphs[:h]
					pred = append(pred, p, q)
					continue
				}
			case 3:
				p.Kicker, p.Title, p.Subtitle = p.Title, p.Subtitle, p.Kicker
			}
			pred = append(pred, p)
		}
		rng.Shuffle(len(pred), func(i, j int) {
			if rng.Intn(3) == 0 {
				pred[i], pred[j] = pred[j], pred[i]
			}
		})
		out = append(out, [3]string{"random", string(Marshal(gold)), string(Marshal(pred))})
	}
	return out
}

// TestAgreesWithPythonScorer runs ../shared/eval/score.py on the edge cases
// and on random damage and wants the same figures and matches to 1e-4.
// The corpus cases with the parser's predictions are compared in the
// main package's eval test, where the parse path is.
func TestAgreesWithPythonScorer(t *testing.T) {
	shared := SharedDir(".")
	if shared == "" {
		t.Skip("no ../shared next to the repository: score.py not here to compare with")
	}
	script := filepath.Join(shared, "eval", "score.py")
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to run " + script)
	}
	cases := append(edgeCases(t), randomCases(t, 12)...)
	pairs := make([][2][]byte, len(cases))
	for i, c := range cases {
		pairs[i] = [2][]byte{[]byte(c[1]), []byte(c[2])}
	}
	want, err := PythonScore(py, script, pairs)
	if err != nil {
		t.Fatal(err)
	}
	sawMiss := map[string]bool{}
	for i, c := range cases {
		gold, err := Parse([]byte(c[1]))
		if err != nil {
			t.Fatal(err)
		}
		pred, err := Parse([]byte(c[2]))
		if err != nil {
			t.Fatal(err)
		}
		got := Score(gold, pred)
		if d := Diff(got, want[i], 1e-4); len(d) > 0 {
			t.Errorf("%s (%d): Go and score.py disagree: %s\n go: %v\n py: %v", c[0], i, strings.Join(d, "; "), got, want[i])
		}
		for _, m := range Metrics {
			if v := m.Of(got); m.Higher && v < 1 || !m.Higher && v > 0 {
				sawMiss[m.Name] = true
			}
		}
	}
	// the cases must exercise every figure, or agreement shows little
	for _, m := range Metrics {
		if !sawMiss[m.Name] {
			t.Errorf("no case misses on %s", m.Name)
		}
	}
}
