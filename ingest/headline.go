package ingest

import (
	"strings"

	"github.com/galley/galley/internal/utf8x"
	"github.com/galley/galley/lexicon"
)

// Headline owners. An extractor may print a headline before or after the
// body it belongs to; the words of the headline usually recur in its own
// story. Each group goes to the neighbour whose text holds more of its
// words; when that is a close call, the page's prevailing order decides
// (most pages print all headlines the same way) and the story is flagged.

// ownerMargin is the score difference below which an owner is a close call.
const ownerMargin = 0.15

// headlineWords are the words of a headline that say what it is about:
// gse words of two or more characters when a lexicon is given, else the
// CJK character pairs (and Latin words) of the headline.
func headlineWords(h string, lex *lexicon.Lexicon) []string {
	var out []string
	if lex != nil {
		for _, w := range lex.Cut(h) {
			if utf8x.Count(w) >= 2 && hasLetter(w) {
				out = append(out, w)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	var prev rune
	for _, r := range h {
		if isHan(r) && isHan(prev) {
			out = append(out, string(prev)+string(r))
		}
		prev = r
	}
	for _, w := range strings.FieldsFunc(h, func(r rune) bool { return !isWordRune(r) }) {
		if len(w) >= 3 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

func hasLetter(w string) bool {
	for _, r := range w {
		if isHan(r) || isWordRune(r) {
			return true
		}
	}
	return false
}

// overlapScore is the share of the words found in the story's text.
// Character pairs are looked up in one pass over the text (a pair is two
// runes packed in a uint64, compared against the headline's few pairs);
// longer words are searched for.
func overlapScore(words []string, paras []string) float64 {
	if len(words) == 0 {
		return 0
	}
	var pairs []uint64
	var seen []bool
	found := 0
	for _, w := range words {
		a, n := utf8x.First(w)
		b, m := utf8x.First(w[n:])
		if n+m == len(w) && isHan(a) && isHan(b) {
			pairs = append(pairs, uint64(a)<<32|uint64(b))
			seen = append(seen, false)
		} else if containsIn(paras, w) {
			found++
		}
	}
	if len(pairs) > 0 {
		// a 64-bit mask of the pairs' first runes skips most characters
		var mask uint64
		for _, p := range pairs {
			mask |= 1 << (uint32(p>>32) & 63)
		}
		for _, text := range paras {
			var prev rune
			for i := 0; i < len(text); {
				r, n := decodeAt(text, i)
				i += n
				if prev != 0 && isHan(r) {
					key := uint64(prev)<<32 | uint64(r)
					for k, p := range pairs {
						if p == key {
							seen[k] = true
						}
					}
				}
				prev = 0
				if mask&(1<<(uint32(r)&63)) != 0 && isHan(r) {
					prev = r
				}
			}
		}
		for _, ok := range seen {
			if ok {
				found++
			}
		}
	}
	return float64(found) / float64(len(words))
}

func containsIn(paras []string, w string) bool {
	for _, p := range paras {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// ownerChoice is the decision for one headline group.
type ownerChoice struct {
	owner int
	close bool
	diff  float64 // score of prev minus score of next
}

// chooseOwners decides every group's story. texts are the stories' cleaned
// body texts (lower-cased for Latin), heads the groups' cleaned text.
func chooseOwners(groups []headGroup, heads []string, texts [][]string, latin bool, lex *lexicon.Lexicon) []ownerChoice {
	choices := make([]ownerChoice, len(groups))
	orientation := 0.0 // > 0: headlines follow their bodies on this page
	for gi, g := range groups {
		c := &choices[gi]
		switch {
		case g.prev < 0 && g.next < 0:
			c.owner = -1
			continue
		case g.prev < 0:
			c.owner = g.next
			continue
		case g.next < 0:
			c.owner = g.prev
			continue
		case latin:
			c.owner = g.next
			continue
		}
		words := headlineWords(heads[gi], lex)
		c.diff = overlapScore(words, texts[g.prev]) - overlapScore(words, texts[g.next])
		if c.diff >= ownerMargin {
			orientation++
		} else if c.diff <= -ownerMargin {
			orientation--
		}
	}
	taken := map[int]bool{}
	for gi, g := range groups {
		c := &choices[gi]
		if g.prev < 0 || g.next < 0 || latin {
			taken[c.owner] = true
			continue
		}
		switch {
		case c.diff >= ownerMargin:
			c.owner = g.prev
		case c.diff <= -ownerMargin:
			c.owner = g.next
		default:
			c.close = true
			if orientation > 0 || orientation == 0 && c.diff > 0 {
				c.owner = g.prev
			} else {
				c.owner = g.next
			}
		}
		if taken[c.owner] {
			other := g.prev + g.next - c.owner
			if !taken[other] {
				c.owner, c.close = other, true
			}
		}
		taken[c.owner] = true
	}
	return choices
}

// Parallel headlines. A headline of two matching halves (弘扬传统友谊
// 续写时代华章, 人生之桥 名为奋斗（最美奋斗者）) is set with a gap between
// them, and the gap belongs to the headline. Printed side by side, the
// halves come out as one line with the gap in it; an extractor that cuts
// the line at the gap, or a page that stacks the halves, gives two lines,
// and a plain line end would run them together. Two lines are the halves
// when a blank line parts them and the break does not fall inside the
// wording (breaksInWording: an open quote, a number and its unit, a word
// cut in two), or when they are equally long phrases of
// three to five Han characters (the second may carry a bracketed tag)
// and no word runs across the break. A headline merely wrapped at the
// measure (暴雪预警升 / 级为黄色) breaks inside a word, and a long one
// (six characters and more) is more often a wrapped sentence than a
// couplet. Pages read from a PDF have the gap in the line itself.

// phraseBreaks are the raw offsets of the line breaks inside a headline
// part that part the halves of a parallel headline (ascending).
func (lay *layout) phraseBreaks(lines []int, lex *lexicon.Lexicon) []int {
	if lay.geom != nil || len(lines) < 2 {
		return nil
	}
	var out []int
	above := ""
	for k := 1; k < len(lines); k++ {
		a, b := lines[k-1], lines[k]
		lineA, lineB := squashSpaces(lay.content(a)), squashSpaces(lay.content(b))
		above += lineA
		// white between two lines parts two phrases, unless the break
		// falls inside the wording (a title wrapped over its measure)
		if lay.blankBetween(a, b) && endsHan(lineA) && startsHan(lineB) && !breaksInWording(above, lineA, lineB, lex) ||
			parallelHalves(lay.content(a), lay.content(b), lex) {
			out = append(out, lay.lines[b].cs)
		}
	}
	return out
}

// blankBetween reports a blank line between lines a and b (a < b).
func (lay *layout) blankBetween(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if lay.lines[i].blank() {
			return true
		}
	}
	return false
}

func endsHan(s string) bool {
	r, _ := utf8x.Last(strings.TrimSpace(s))
	return isHan(r)
}

func startsHan(s string) bool {
	r, _ := utf8x.First(strings.TrimSpace(s))
	return isHan(r)
}

// parallelHalves reports whether two headline lines are the two halves
// of a parallel headline (see phraseBreaks).
func parallelHalves(first, second string, lex *lexicon.Lexicon) bool {
	first = strings.TrimSpace(first)
	second = strings.TrimSpace(second)
	if i := strings.IndexAny(second, "（("); i > 0 {
		second = second[:i] // the bracketed tag after the second half
	}
	n := utf8x.Count(first)
	if n < 3 || n > 5 || utf8x.Count(second) != n || !allHan(first) || !allHan(second) {
		return false
	}
	if lex == nil {
		return true
	}
	// a word boundary at the break: the cut of the whole reads no word
	// across it
	return !lex.WordAcross(first+second, len(first))
}

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}
