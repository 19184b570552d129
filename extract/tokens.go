package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/internal/utf8x"
	"github.com/galley/galley/lexicon"
)

// tok is a tagged word with what the entity rules ask of it most often.
type tok struct {
	text string
	tag  string
	n    int  // length in runes
	han  bool // only CJK ideographs
	user bool // one of the editor's own terms: its tag is trusted as is
}

// makeToks converts tagged words; user holds the editor's terms (word →
// tag), which the entity rules take without asking for context.
func makeToks(in []lexicon.Token, user map[string]string) []tok {
	return appendToksOf(make([]tok, 0, len(in)), in, user)
}

// appendToksOf is makeToks appending the tokens to out.
func appendToksOf(out []tok, in []lexicon.Token, user map[string]string) []tok {
	for _, t := range in {
		n, blank, han := wordShape(t.Text)
		if blank {
			// Spaces separate nothing the rules care about, but a run of
			// single characters must not join across them.
			out = append(out, tok{text: " ", tag: "x", n: 1})
			continue
		}
		tag, isUser := user[t.Text]
		if !isUser {
			tag = t.Tag
		}
		out = append(out, tok{text: t.Text, tag: tag, n: n, han: han, user: isUser})
	}
	return mendNameCuts(rejoinSplitSuffixes(out))
}

// wordShape reads a word once for what makeToks asks of it (it was read
// three times): its length in runes, whether it is blank (nothing but
// white space, or empty) and whether it is only CJK ideographs (allHan).
func wordShape(s string) (n int, blank, han bool) {
	blank, han = true, s != ""
	for _, r := range s {
		n++
		blank = blank && unicode.IsSpace(r)
		han = han && isHan(r)
	}
	return n, blank, han
}

// splitLeftovers are the function words gse glues onto the end of an
// organisation's suffix when it cuts across it (甲乙银行为 cut as 甲乙 / 银 /
// 行为), with the tags gse gives them alone.
var splitLeftovers = map[string]string{
	"为": "p", "是": "v", "在": "p", "和": "c", "与": "p", "将": "d", "对": "p",
	"把": "p", "也": "d", "都": "d", "已": "d", "向": "p", "从": "p", "于": "p",
	"以": "p", "的": "uj", "就": "d", "还": "d", "又": "d", "被": "p",
}

// suffixPieces maps the first one or two ideographs of each organisation
// suffix to the suffixes they start (银 → 银行).
var suffixPieces = map[string][]string{}

// suffixFirsts holds the first ideographs of the suffixes, so that most
// words are told they start none without a lookup in suffixPieces.
var suffixFirsts = newRuneSet("")

func init() {
	for _, suf := range orgSuffixes {
		rs := []rune(suf)
		for k := 1; k <= 2 && k < len(rs); k++ {
			p := string(rs[:k])
			suffixPieces[p] = append(suffixPieces[p], suf)
		}
		if len(rs) > 1 {
			suffixFirsts.add(rs[0])
		}
	}
}

// rejoinSplitSuffixes mends an organisation suffix gse cut across: a
// lone piece of the suffix (银) followed by a word that starts with the
// rest of it and ends in a function word (行为) becomes the suffix (银行)
// and the function word (为). Only a lone piece is mended, so a word
// that merely ends like a suffix stays whole (白银 / 行业).
func rejoinSplitSuffixes(ts []tok) []tok {
	for i := 0; i+1 < len(ts); i++ {
		a, b := ts[i], ts[i+1]
		if a.user || b.user || !a.han || !b.han || a.n > 2 || b.n < 2 || !suffixFirsts.has(firstRune(a.text)) {
			continue
		}
		for _, suf := range suffixPieces[a.text] {
			rest := suf[len(a.text):]
			left := strings.TrimPrefix(b.text, rest)
			tag, ok := splitLeftovers[left]
			if len(left) == len(b.text) || !ok {
				continue
			}
			ts[i] = tok{text: suf, tag: "n", n: utf8x.Count(suf), han: true}
			ts[i+1] = tok{text: left, tag: tag, n: 1, han: true}
			break
		}
	}
	return ts
}

// singleHan is a one-ideograph token: what gse leaves of a word it does not
// know, such as a personal name.
func (t tok) singleHan() bool { return t.han && t.n == 1 }

func (t tok) personTag() bool { return strings.HasPrefix(t.tag, "nr") }

func (t tok) placeTag() bool { return t.tag == "ns" }

// at returns token i, or an empty token past either end.
func at(ts []tok, i int) tok {
	if i < 0 || i >= len(ts) {
		return tok{}
	}
	return ts[i]
}

// userTerms returns the lexicon's user terms as word → tag.
func userTerms(lx *lexicon.Lexicon) map[string]string {
	terms := lx.Terms()
	if len(terms) == 0 {
		return nil
	}
	m := make(map[string]string, len(terms))
	for _, t := range terms {
		m[t.Word] = t.Tag
	}
	return m
}

// tag tags text with lx (which keeps a user term whole even at the very
// start of the text); the words are cut from text, Latin letters in the
// case they are printed in.
func tag(lx *lexicon.Lexicon, text string) []lexicon.Token {
	return lx.TagText(text)
}

// storyBuffers are the slices of a story's words and tokens, kept from
// one story to the next (storyPool): they were a fifth of what a page's
// extraction allocated, made anew for every story.
type storyBuffers struct {
	words []lexicon.Token
	toks  []tok
	// keywordWords' candidates, by word, and the words' counts
	kwIndex map[string]int
	kwCands []keywordCand
}

var storyPool = sync.Pool{New: func() any { return new(storyBuffers) }}

// storyToks are text's tokens (makeToks of tag), in buf's slices, good
// until buf is released.
func (buf *storyBuffers) storyToks(lx *lexicon.Lexicon, text string, user map[string]string) []tok {
	buf.words = lx.AppendTagText(buf.words[:0], text)
	buf.toks = appendToksOf(buf.toks[:0], buf.words, user)
	return buf.toks
}

// release hands buf back to the pool, its slices cleared so that they
// keep no story's text alive.
func (buf *storyBuffers) release() {
	clear(buf.words)
	clear(buf.toks)
	clear(buf.kwCands)
	storyPool.Put(buf)
}

// mendNameCuts mends personal names gse cuts across:
//
//   - after a title, a name whose last character gse glued to a following
//     function word (市长 王建 / 华为 → 王建华 / 为; 副市长 李 / 振 / 华为 →
//     李振华 / 为): the title says a name stands there, and a name is not
//     followed by a bare noun;
//   - a three-character name that took the first character of a reporting
//     verb (张国强 / 调 → 张国 / 强调).
func mendNameCuts(ts []tok) []tok {
	var out []tok // nil until the first mend: most texts need none
	mend := func(i int) {
		if out == nil {
			out = append(make([]tok, 0, len(ts)), ts[:i]...)
		}
	}
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if isTitle(t) && i+1 < len(ts) {
			if name, used, rest, ok := nameGluedToFunctionWord(ts[i+1:]); ok {
				mend(i)
				out = append(out, t,
					tok{text: name, tag: "nr", n: utf8x.Count(name), han: true},
					tok{text: rest, tag: splitLeftovers[rest], n: 1, han: true})
				i += used
				continue
			}
		}
		if next := at(ts, i+1); t.han && t.n == 3 && !t.user && t.personTag() && surnameLen(t.text) == 1 && next.singleHan() {
			_, size := utf8x.Last(t.text)
			if verb := t.text[len(t.text)-size:] + next.text; reportingVerbs[verb] {
				mend(i)
				out = append(out,
					tok{text: t.text[:len(t.text)-size], tag: t.tag, n: 2, han: true},
					tok{text: verb, tag: "v", n: 2, han: true})
				i++
				continue
			}
		}
		if out != nil {
			out = append(out, t)
		}
	}
	if out == nil {
		return ts
	}
	return out
}

// nameGluedToFunctionWord reads, at the start of ts, a two-character name
// (one token, or a family name and a lone character) followed by a
// two-character word made of the name's last character and a function
// word. It returns the name, how many tokens it used and the function
// word.
func nameGluedToFunctionWord(ts []tok) (name string, used int, rest string, ok bool) {
	a := at(ts, 0)
	var head string
	switch {
	case a.han && a.n == 2 && a.personTag() && !a.user && surnameLen(a.text) == 1:
		head, used = a.text, 1
	case a.singleHan() && surnameLen(a.text) == 1 && at(ts, 1).singleHan() && !notNameRunes.has(firstRune(at(ts, 1).text)):
		head, used = a.text+at(ts, 1).text, 2
	default:
		return "", 0, "", false
	}
	glued := at(ts, used)
	if !glued.han || glued.n != 2 || glued.user {
		return "", 0, "", false
	}
	first := firstRune(glued.text)
	rest = glued.text[utf8.RuneLen(first):]
	if notNameRunes.has(first) || splitLeftovers[rest] == "" || !chineseNameShape(head+string(first)) {
		return "", 0, "", false
	}
	return head + string(first), used + 1, rest, true
}
