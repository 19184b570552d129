package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/galley/galley/internal/utf8x"
)

// maxKeywords is how many keywords a story gets.
const maxKeywords = 8

// Keywords are ranked by TF-IDF over the story's own tagged words
// (lexicon.KeywordsOf): the story is cut once, for entities and keywords
// alike, instead of once more by gse's ranker. Only the most frequent
// candidates are ranked, and their counts are damped (the commonest
// counts maxRepeats): a word a story repeats a dozen times (建设, 发展)
// should not bury the rarer words that say what the story is about.
const (
	maxKeywordCandidates = 30
	maxRepeats           = 4
)

// keywordTag reports the tags of words worth a keyword: nouns, names,
// places, organisations, verbal nouns, set phrases, abbreviations, Latin
// words. Plain verbs (推进, 加强) say what every story says.
func keywordTag(tag string) bool {
	switch tag {
	case "n", "nr", "nrfg", "ns", "nt", "nz", "vn", "l", "j", "eng", "an":
		return true
	}
	return false
}

// keywordWords lists the ranker's input from the story's tagged words:
// the candidates (words of the keyword tags, two runes or more, that
// keepKeyword accepts, no titles, no pieces of the people's names), most frequent first (ties by first use), each
// repeated by its damped count.
func keywordWords(ts []tok, people []string) []string {
	return new(storyBuffers).keywordWords(ts, people)
}

// keywordCand is a candidate of keywordWords and the times it stands in
// the story.
type keywordCand struct {
	word  string
	count int
}

// keywordWords is keywordWords in buf's map and slice of candidates.
func (buf *storyBuffers) keywordWords(ts []tok, people []string) []string {
	type cand = keywordCand
	if buf.kwIndex == nil {
		buf.kwIndex = make(map[string]int, len(ts)/4)
	}
	// index holds each word looked at, by its text: its candidate, or
	// -1 for a word left out. Whether a word is an office or part of a
	// name depends on its text alone (a token's length and script are its
	// text's), so a word that comes again is not asked again: the names
	// were searched for every word the story repeats.
	index, cands := buf.kwIndex, buf.kwCands[:0]
	for _, t := range ts {
		if t.n < 2 || !keywordTag(t.tag) {
			continue
		}
		if k, ok := index[t.text]; ok {
			if k >= 0 {
				cands[k].count++
			}
			continue
		}
		if officeTitle(t) || partOfName(t.text, people) {
			index[t.text] = -1
			continue // an office (市长, 县委书记) says nothing of the story
		}
		index[t.text] = len(cands)
		cands = append(cands, cand{t.text, 1})
	}
	clear(index)
	buf.kwCands = cands // (release clears them)
	kept := cands[:0]
	for _, c := range cands {
		if keepKeyword(c.word) {
			kept = append(kept, c)
		}
	}
	cands = kept
	slices.SortStableFunc(cands, func(a, b cand) int { return b.count - a.count })
	if len(cands) > maxKeywordCandidates {
		cands = cands[:maxKeywordCandidates]
	}
	if len(cands) == 0 {
		return nil
	}
	reps := func(c cand) int {
		if top := cands[0].count; top > maxRepeats {
			return max((c.count*maxRepeats+top/2)/top, 1)
		}
		return c.count
	}
	total := 0
	for _, c := range cands {
		total += reps(c)
	}
	out := make([]string, 0, total) // (its final size: it grew a word at a time)
	for _, c := range cands {
		for k := reps(c); k > 0; k-- {
			out = append(out, c.word)
		}
	}
	return out
}

// partOfName reports whether w is a piece of one of the names (国华 of
// 刘国华), which gse cut apart: a piece of a name is no keyword.
func partOfName(w string, names []string) bool {
	for _, n := range names {
		if len(n) > len(w) && strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// keywordStopwords are words TF-IDF ranks high in news text that say
// nothing about a story: pronouns, connectives, reporting words, time
// words and the dateline itself.
var keywordStopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`我们 你们 他们 她们 它们 我市 全市 本市 我省 全省 我县 全县 我区
		一个 一些 一种 这个 那个 这些 那些 这样 那样 没有 进行 以及 其中 通过 已经 表示 指出 强调
		记者 通讯员 本报讯 本报 今年 去年 明年 目前 同时 相关 此外 另外 因此 所以 但是 而且 并且
		就是 还是 可以 需要 能够 进一步 不断 积极 有关 方面 工作 情况 问题 时间 今天 昨天 今日 日前
		近日 以来 之后 之前 以后 以上 以下 其他 有效 实现 开展 推进 推动 加强 加快 坚持 要求 主要
		the and for that with this from have has was were are been will would said says its their
		they them his her she he not but also into than which who what when where about after
		before more most other some such only over year years there been being could should
		than then while were our out all any can one two new may last first just like many
		since under very much well per across off upon against between through during without
		within among toward towards again still even now here today yesterday tomorrow ever
		every each both either neither whose whom those these because though although until
		mr mrs ms dr`) {
		keywordStopwords[w] = true
	}
}

// keepKeyword filters what TF-IDF returns: no stopwords, no single
// characters, nothing with digits, nothing without a letter.
func keepKeyword(w string) bool {
	w = strings.TrimSpace(w)
	if allHan(w) { // most words: no case to fold, no digit to look for
		return utf8x.Count(w) >= 2 && !keywordStopwords[w]
	}
	if utf8x.Count(w) < 2 || keywordStopwords[strings.ToLower(w)] {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			letters++
		default:
			if !unicode.IsMark(r) && r != '-' && r != '\'' {
				return false
			}
		}
	}
	return letters > 0
}

// pickKeywords keeps the first maxKeywords candidates that pass
// keepKeyword, each once.
func pickKeywords(cands []string) []string {
	out := []string{}
	all := map[string]bool{}
	for _, c := range cands {
		all[strings.TrimSpace(c)] = true
	}
	seen := map[string]bool{}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if !keepKeyword(c) || seen[c] || longerPlaceIn(c, all) {
			continue
		}
		seen[c] = true
		out = append(out, c)
		if len(out) == maxKeywords {
			break
		}
	}
	return out
}

// longerPlaceIn reports whether the candidates also hold w with an
// administrative suffix (甲乙 beside 甲乙市): one keyword is enough.
func longerPlaceIn(w string, cands map[string]bool) bool {
	for _, suf := range adminSuffixes {
		if cands[w+suf] {
			return true
		}
	}
	return false
}

// latinWord reports whether s is a word of Latin letters (with ' or -).
func latinWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r < 0x250 && unicode.IsLetter(r)) && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}

// latinKeywords ranks the words of an English story by frequency (case
// folded, ties by first use): gse tags English words x and its IDF table
// knows none of them, so TF-IDF would rank them all alike.
func latinKeywords(ts []tok) []string {
	count := map[string]int{}
	var order []string
	for _, t := range ts {
		if t.n < 3 || !latinWord(t.text) {
			continue
		}
		w := strings.ToLower(t.text)
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	return order
}
