// Package score is a Go port of ../shared/eval/score.py, the metrics the
// project is judged by: story F1, character error rate, paragraph-break F1,
// headline accuracy, byline F1 and text CER. It exists so tests can hold
// the bounds without Python; it follows the script step by step
// (difflib's SequenceMatcher with autojunk off, Levenshtein distance on
// code points) so the figures agree.
package score

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
)

// Story is what the metrics read of a story.
type Story struct {
	Title, Subtitle string
	Paragraphs      []string
	Names           []string // byline names
}

// Result holds the page's figures.
type Result struct {
	StoriesGold, StoriesPred int
	StoryF1, CER, ParaF1     float64
	TitleAcc, BylineF1       float64
	TextCER                  float64
}

func (r Result) String() string {
	return fmt.Sprintf("stories %d/%d  story_f1 %.3f  cer %.4f  para_f1 %.3f  title_acc %.3f  byline_f1 %.3f  text_cer %.4f",
		r.StoriesPred, r.StoriesGold, r.StoryF1, r.CER, r.ParaF1, r.TitleAcc, r.BylineF1, r.TextCER)
}

// Load reads a gold or predicted file: {"stories": [...]} or a bare list;
// paragraphs as {"kind","text"} objects or strings.
func Load(path string) ([]Story, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse is Load on bytes.
func Parse(data []byte) ([]Story, error) {
	type rawStory struct {
		Title, Subtitle string
		Paragraphs      []json.RawMessage
		Byline          []json.RawMessage
	}
	var doc struct {
		Stories []rawStory `json:"stories"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		var list []rawStory
		if err2 := json.Unmarshal(data, &list); err2 != nil {
			return nil, err
		}
		doc.Stories = list
	}
	out := make([]Story, 0, len(doc.Stories))
	for _, rs := range doc.Stories {
		st := Story{Title: rs.Title, Subtitle: rs.Subtitle}
		for _, p := range rs.Paragraphs {
			var s string
			if json.Unmarshal(p, &s) != nil {
				var o struct{ Text string }
				if err := json.Unmarshal(p, &o); err != nil {
					return nil, err
				}
				s = o.Text
			}
			st.Paragraphs = append(st.Paragraphs, s)
		}
		for _, b := range rs.Byline {
			var s string
			if json.Unmarshal(b, &s) != nil {
				var o struct{ Name string }
				if err := json.Unmarshal(b, &o); err != nil {
					return nil, err
				}
				s = o.Name
			}
			st.Names = append(st.Names, s)
		}
		out = append(out, st)
	}
	return out, nil
}

func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func paras(st Story) []string {
	var out []string
	for _, p := range st.Paragraphs {
		if t := strings.TrimFunc(p, isPySpace); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func body(st Story) string { return strings.Join(paras(st), "\n") }

func squash(t string) []rune {
	out := make([]rune, 0, len(t)/3)
	for _, r := range t {
		if !isPySpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// lev is the Levenshtein distance on code points.
func lev(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
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
			if d := prev[j] + 1; d < c {
				c = d
			}
			if d := cur[j-1] + 1; d < c {
				c = d
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

type block struct{ a, b, size int }

// matchingBlocks is difflib.SequenceMatcher(None, a, b,
// autojunk=False).get_matching_blocks().
func matchingBlocks(a, b []rune) []block {
	b2j := map[rune][]int{}
	for j, r := range b {
		b2j[r] = append(b2j[r], j)
	}
	longest := func(alo, ahi, blo, bhi int) block {
		besti, bestj, bestsize := alo, blo, 0
		j2len := map[int]int{}
		for i := alo; i < ahi; i++ {
			newj2len := map[int]int{}
			for _, j := range b2j[a[i]] {
				if j < blo {
					continue
				}
				if j >= bhi {
					break
				}
				k := j2len[j-1] + 1
				newj2len[j] = k
				if k > bestsize {
					besti, bestj, bestsize = i-k+1, j-k+1, k
				}
			}
			j2len = newj2len
		}
		for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
			besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
		}
		for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
			bestsize++
		}
		return block{besti, bestj, bestsize}
	}
	type quad struct{ alo, ahi, blo, bhi int }
	queue := []quad{{0, len(a), 0, len(b)}}
	var blocks []block
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		x := longest(q.alo, q.ahi, q.blo, q.bhi)
		if x.size > 0 {
			blocks = append(blocks, x)
			if q.alo < x.a && q.blo < x.b {
				queue = append(queue, quad{q.alo, x.a, q.blo, x.b})
			}
			if x.a+x.size < q.ahi && x.b+x.size < q.bhi {
				queue = append(queue, quad{x.a + x.size, q.ahi, x.b + x.size, q.bhi})
			}
		}
	}
	sort.Slice(blocks, func(i, j int) bool {
		if blocks[i].a != blocks[j].a {
			return blocks[i].a < blocks[j].a
		}
		if blocks[i].b != blocks[j].b {
			return blocks[i].b < blocks[j].b
		}
		return blocks[i].size < blocks[j].size
	})
	var out []block
	i1, j1, k1 := 0, 0, 0
	for _, x := range blocks {
		if i1+k1 == x.a && j1+k1 == x.b {
			k1 += x.size
			continue
		}
		if k1 > 0 {
			out = append(out, block{i1, j1, k1})
		}
		i1, j1, k1 = x.a, x.b, x.size
	}
	if k1 > 0 {
		out = append(out, block{i1, j1, k1})
	}
	return append(out, block{len(a), len(b), 0})
}

func titleText(st Story) string { return st.Title + st.Subtitle }

func overlap(g, p Story) float64 {
	a := squash(body(g))
	b := squash(body(p) + titleText(p))
	if len(a) == 0 {
		return 0
	}
	n := 0
	for _, bl := range matchingBlocks(a, b) {
		n += bl.size
	}
	return float64(n) / float64(len(a))
}

func breaks(st Story) map[int]bool {
	pos := map[int]bool{}
	ps := paras(st)
	n := 0
	for _, p := range ps[:max(0, len(ps)-1)] {
		n += len(squash(p))
		pos[n] = true
	}
	return pos
}

func mapBreaks(g, p Story) map[int]bool {
	a, b := squash(body(g)), squash(body(p))
	m := map[int]int{}
	for _, bl := range matchingBlocks(a, b) {
		for k := 0; k <= bl.size; k++ {
			if _, ok := m[bl.b+k]; !ok {
				m[bl.b+k] = bl.a + k
			}
		}
	}
	out := map[int]bool{}
	for x := range breaks(p) {
		if v, ok := m[x]; ok {
			out[v] = true
		}
	}
	return out
}

func names(st Story) map[string]bool {
	out := map[string]bool{}
	for _, n := range st.Names {
		if n != "" {
			out[string(squash(n))] = true
		}
	}
	return out
}

func f1(tp, np, ng int) float64 {
	if np == 0 && ng == 0 {
		return 1
	}
	var p, r float64
	if np > 0 {
		p = float64(tp) / float64(np)
	}
	if ng > 0 {
		r = float64(tp) / float64(ng)
	}
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score compares predicted stories with the gold ones.
func Score(gold, pred []Story) Result {
	type cand struct {
		ov     float64
		gi, pi int
	}
	var cands []cand
	for gi, g := range gold {
		for pi, p := range pred {
			cands = append(cands, cand{overlap(g, p), gi, pi})
		}
	}
	// Python sorts the tuples (ov, gi, pi) in reverse.
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.ov != b.ov {
			return a.ov > b.ov
		}
		if a.gi != b.gi {
			return a.gi > b.gi
		}
		return a.pi > b.pi
	})
	gmatched := map[int]int{}
	used := map[int]bool{}
	for _, c := range cands {
		if _, ok := gmatched[c.gi]; c.ov < 0.5 || ok || used[c.pi] {
			continue
		}
		gmatched[c.gi] = c.pi
		used[c.pi] = true
	}
	edits, total := 0, 0
	tpB, npB, ngB := 0, 0, 0
	tOK, tN := 0, 0
	tpN, npN, ngN := 0, 0, 0
	for gi, g := range gold {
		gtext := []rune(body(g))
		total += len(gtext)
		var heads []string
		for _, h := range []string{g.Title, g.Subtitle} {
			if h != "" {
				heads = append(heads, h)
			}
		}
		tN += len(heads)
		ngN += len(names(g))
		gb := breaks(g)
		ngB += len(gb)
		pi, ok := gmatched[gi]
		if !ok {
			edits += len(gtext)
			continue
		}
		p := pred[pi]
		edits += lev(gtext, []rune(body(p)))
		pb := mapBreaks(g, p)
		for x := range gb {
			if pb[x] {
				tpB++
			}
		}
		npB += len(breaks(p))
		ph := map[string]bool{}
		for _, h := range []string{p.Title, p.Subtitle} {
			if h != "" {
				ph[string(squash(h))] = true
			}
		}
		for _, h := range heads {
			if ph[string(squash(h))] {
				tOK++
			}
		}
		gn, pn := names(g), names(p)
		for n := range gn {
			if pn[n] {
				tpN++
			}
		}
		npN += len(pn)
	}
	for pi, p := range pred {
		if !used[pi] {
			edits += len([]rune(body(p)))
			npN += len(names(p))
			npB += len(breaks(p))
		}
	}
	var gall, pall strings.Builder
	for _, g := range gold {
		gall.WriteString(strings.Join(paras(g), ""))
	}
	for _, p := range pred {
		pall.WriteString(strings.Join(paras(p), ""))
	}
	ga := []rune(gall.String())
	r := Result{
		StoriesGold: len(gold), StoriesPred: len(pred),
		StoryF1:  round(f1(len(gmatched), len(pred), len(gold))),
		CER:      round(float64(edits) / float64(max(1, total))),
		ParaF1:   round(f1(tpB, npB, ngB)),
		TitleAcc: 1,
		BylineF1: round(f1(tpN, npN, ngN)),
		TextCER:  round(float64(lev(ga, []rune(pall.String()))) / float64(max(1, len(ga)))),
	}
	if tN > 0 {
		r.TitleAcc = round(float64(tOK) / float64(tN))
	}
	return r
}

func round(x float64) float64 {
	const p = 10000
	v := x*p + 0.5
	return float64(int64(v)) / p
}
