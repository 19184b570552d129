// Package score is the Go port of ../shared/eval/score.py, the metrics the
// project is judged by: story F1, page CER, paragraph-break F1, headline
// accuracy (kicker, title and subtitle lines), byline F1, kind F1 and text
// CER. It is evaluation, not pipeline: tests and `galley eval` use it to
// hold bounds without Python. It follows the script step by step (difflib's
// SequenceMatcher with autojunk off, Levenshtein distance on code points,
// Python's rounding to four places) so the figures agree; a test compares
// the two whenever the script is present.
package score

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/galley/galley/article"
)

// Story is what the metrics read of a story.
type Story struct {
	Kicker, Title, Subtitle string
	Paragraphs              []Paragraph
	Names                   []string // byline names as printed
}

// Paragraph is one paragraph; Kind is "" for a paragraph given as a bare
// string, which the script treats as plain body.
type Paragraph struct {
	Kind, Text string
}

// StoryMatch is the script's per_story entry: which predicted story a gold
// story was matched to (Pred −1 when none) and its character error rate.
type StoryMatch struct {
	Gold      int     `json:"gold"`
	Pred      int     `json:"pred"` // −1: no predicted story holds most of it
	CER       float64 `json:"cer"`
	Title     string  `json:"title"`
	GoldTitle string  `json:"gold_title"`
}

// Result holds the page's figures, with the script's JSON names.
type Result struct {
	StoriesGold int          `json:"stories_gold"`
	StoriesPred int          `json:"stories_pred"`
	StoryF1     float64      `json:"story_f1"`
	CER         float64      `json:"cer"`
	ParaF1      float64      `json:"para_f1"`
	TitleAcc    float64      `json:"title_acc"`
	BylineF1    float64      `json:"byline_f1"`
	KindF1      float64      `json:"kind_f1"`
	TextCER     float64      `json:"text_cer"`
	PerStory    []StoryMatch `json:"per_story"`
}

// String is the script's summary line.
func (r Result) String() string {
	return fmt.Sprintf("stories %d/%d  story_f1 %.3f  cer %.4f  para_f1 %.3f  title_acc %.3f  byline_f1 %.3f  kind_f1 %.3f  text_cer %.4f",
		r.StoriesPred, r.StoriesGold, r.StoryF1, r.CER, r.ParaF1, r.TitleAcc, r.BylineF1, r.KindF1, r.TextCER)
}

// Load reads a gold or predicted file: {"stories": [...]} or a bare list;
// paragraphs as {"kind","text"} objects or strings, byline entries as
// {"role","name"} objects or strings.
func Load(path string) ([]Story, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	st, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

type rawStory struct {
	Kicker, Title, Subtitle string
	Paragraphs              []json.RawMessage
	Byline                  []json.RawMessage
}

// Parse is Load on bytes.
func Parse(data []byte) ([]Story, error) {
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
	return fromRaw(doc.Stories)
}

func fromRaw(raw []rawStory) ([]Story, error) {
	out := make([]Story, 0, len(raw))
	for i, rs := range raw {
		st := Story{Kicker: rs.Kicker, Title: rs.Title, Subtitle: rs.Subtitle}
		for _, p := range rs.Paragraphs {
			var s string
			if json.Unmarshal(p, &s) == nil {
				st.Paragraphs = append(st.Paragraphs, Paragraph{Text: s})
				continue
			}
			// An object without "kind" is body, as p.get("kind", "body").
			o := struct{ Kind, Text *string }{}
			if err := json.Unmarshal(p, &o); err != nil {
				return nil, fmt.Errorf("story %d: paragraph %s: want a string or {\"kind\", \"text\"}", i, abbrev(p))
			}
			par := Paragraph{Kind: "body"}
			if o.Kind != nil {
				par.Kind = *o.Kind
			}
			if o.Text != nil {
				par.Text = *o.Text
			}
			st.Paragraphs = append(st.Paragraphs, par)
		}
		for _, b := range rs.Byline {
			var s string
			if json.Unmarshal(b, &s) != nil {
				var o struct{ Name string }
				if err := json.Unmarshal(b, &o); err != nil {
					return nil, fmt.Errorf("story %d: byline entry %s: want a string or {\"role\", \"name\"}", i, abbrev(b))
				}
				s = o.Name
			}
			st.Names = append(st.Names, s)
		}
		out = append(out, st)
	}
	return out, nil
}

func abbrev(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// FromArticle gives what the metrics read of the pipeline's stories, the
// same as the script reads of `galley parse`'s JSON.
func FromArticle(stories []article.Story) []Story {
	out := make([]Story, len(stories))
	for i, st := range stories {
		s := Story{Kicker: st.Kicker, Title: st.Title, Subtitle: st.Subtitle}
		for _, p := range st.Paragraphs {
			s.Paragraphs = append(s.Paragraphs, Paragraph{Kind: p.Kind, Text: p.Text})
		}
		for _, b := range st.Byline {
			s.Names = append(s.Names, b.Name)
		}
		out[i] = s
	}
	return out
}

// isPySpace is Python's str.isspace (and re's \s): Go's unicode.IsSpace
// plus the four information separators U+001C–U+001F.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func paras(st Story) []string {
	var out []string
	for _, p := range st.Paragraphs {
		if t := strings.TrimFunc(p.Text, isPySpace); t != "" {
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

func titleText(st Story) string { return st.Title + st.Subtitle }

// breaks are the positions of paragraph breaks in the whitespace-free body.
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

// mapBreaks gives p's paragraph breaks in g's squashed coordinates.
func mapBreaks(g, p Story) map[int]bool {
	a, b := squash(body(g)), squash(body(p))
	m := make([]int, len(b)+1)
	for i := range m {
		m[i] = -1
	}
	for _, bl := range newMatcher(b).matchingBlocks(a) {
		for k := 0; k <= bl.size; k++ {
			if m[bl.b+k] < 0 { // setdefault: the first block to reach a position keeps it
				m[bl.b+k] = bl.a + k
			}
		}
	}
	out := map[int]bool{}
	for x := range breaks(p) {
		if x < len(m) && m[x] >= 0 {
			out[m[x]] = true
		}
	}
	return out
}

type kindText struct{ kind, text string }

// kinded are the paragraphs that are not plain body, as (kind, squashed text).
func kinded(st Story) map[kindText]bool {
	out := map[kindText]bool{}
	for _, p := range st.Paragraphs {
		if p.Kind != "" && p.Kind != "body" && strings.TrimFunc(p.Text, isPySpace) != "" {
			out[kindText{p.Kind, string(squash(p.Text))}] = true
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

// heads are the headline lines the title accuracy counts.
func heads(st Story) []string {
	var out []string
	for _, h := range []string{st.Kicker, st.Title, st.Subtitle} {
		if h != "" {
			out = append(out, h)
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

func intersect[K comparable](a, b map[K]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// Score compares predicted stories with the gold ones as score.py does.
func Score(gold, pred []Story) Result {
	// A pair is eligible when the predicted story holds most of the gold
	// story's text; eligible pairs are matched largest first, so a small
	// story inside a merged prediction does not take it from the big story
	// it was merged into.
	type cand struct {
		n      int
		ov     float64
		gi, pi int
	}
	var cands []cand
	for pi, p := range pred {
		m := newMatcher(squash(body(p) + titleText(p)))
		for gi, g := range gold {
			a := squash(body(g))
			if len(a) == 0 {
				continue
			}
			n := 0
			for _, bl := range m.matchingBlocks(a) {
				n += bl.size
			}
			if ov := float64(n) / float64(len(a)); ov >= 0.5 {
				cands = append(cands, cand{n, ov, gi, pi})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.n != b.n {
			return a.n > b.n
		}
		if a.ov != b.ov {
			return a.ov > b.ov
		}
		if a.gi != b.gi {
			return a.gi < b.gi
		}
		return a.pi < b.pi
	})
	gmatched := map[int]int{}
	predGold := make([]int, len(pred)) // the gold story each predicted one matched, −1 none
	for i := range predGold {
		predGold[i] = -1
	}
	for _, c := range cands {
		if _, ok := gmatched[c.gi]; ok || predGold[c.pi] >= 0 {
			continue
		}
		gmatched[c.gi] = c.pi
		predGold[c.pi] = c.gi
	}
	edits, total := 0, 0
	tpB, npB, ngB := 0, 0, 0
	tOK, tN := 0, 0
	tpN, npN, ngN := 0, 0, 0
	tpK, npK, ngK := 0, 0, 0
	per := make([]StoryMatch, 0, len(gold))
	for gi, g := range gold {
		gtext := []rune(body(g))
		total += len(gtext)
		gh := heads(g)
		tN += len(gh)
		gn, gk, gb := names(g), kinded(g), breaks(g)
		ngN += len(gn)
		ngK += len(gk)
		ngB += len(gb)
		pi, ok := gmatched[gi]
		if !ok {
			edits += len(gtext)
			per = append(per, StoryMatch{Gold: gi, Pred: -1, CER: 1})
			continue
		}
		p := pred[pi]
		e := Levenshtein(gtext, []rune(body(p)))
		edits += e
		tpB += intersect(gb, mapBreaks(g, p))
		npB += len(breaks(p))
		ph := map[string]bool{}
		for _, h := range heads(p) {
			ph[string(squash(h))] = true
		}
		for _, h := range gh {
			if ph[string(squash(h))] {
				tOK++
			}
		}
		pn, pk := names(p), kinded(p)
		tpN += intersect(gn, pn)
		npN += len(pn)
		tpK += intersect(gk, pk)
		npK += len(pk)
		per = append(per, StoryMatch{Gold: gi, Pred: pi, CER: Round(float64(e) / float64(max(1, len(gtext)))),
			Title: p.Title, GoldTitle: g.Title})
	}
	for pi, p := range pred {
		if predGold[pi] < 0 {
			edits += len([]rune(body(p)))
			npN += len(names(p))
			npB += len(breaks(p))
			npK += len(kinded(p))
		}
	}
	r := Result{
		StoriesGold: len(gold), StoriesPred: len(pred),
		StoryF1:  Round(f1(len(gmatched), len(pred), len(gold))),
		CER:      Round(float64(edits) / float64(max(1, total))),
		ParaF1:   Round(f1(tpB, npB, ngB)),
		TitleAcc: 1,
		BylineF1: Round(f1(tpN, npN, ngN)),
		KindF1:   Round(f1(tpK, npK, ngK)),
		TextCER:  textCER(gold, pred, predGold),
		PerStory: per,
	}
	if tN > 0 {
		r.TitleAcc = Round(float64(tOK) / float64(tN))
	}
	return r
}

// textCER runs all paragraphs of all stories together, the predicted
// stories in the order of the gold stories they match (story order is not
// a character error); an unmatched one stays right after the predicted
// story it followed. The keys are computed as the script computes them,
// float steps of 1e-3 included, so ties sort the same.
func textCER(gold, pred []Story, predGold []int) float64 {
	type ordered struct {
		key float64
		pi  int
	}
	order := make([]ordered, len(pred))
	key := -1.0
	for pi := range pred {
		if gi := predGold[pi]; gi >= 0 {
			key = float64(gi)
		} else {
			key += 1e-3
		}
		order[pi] = ordered{key, pi}
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].key != order[j].key {
			return order[i].key < order[j].key
		}
		return order[i].pi < order[j].pi
	})
	var gall, pall strings.Builder
	for _, g := range gold {
		gall.WriteString(strings.Join(paras(g), ""))
	}
	for _, o := range order {
		pall.WriteString(strings.Join(paras(pred[o.pi]), ""))
	}
	ga := []rune(gall.String())
	return Round(float64(Levenshtein(ga, []rune(pall.String()))) / float64(max(1, len(ga))))
}

// Round is Python's round(x, 4): the exact binary value rounded to the
// nearest four-place decimal, ties to even (strconv does the same).
func Round(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}
