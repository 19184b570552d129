package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	out := make([]tok, 0, len(in))
	for _, t := range in {
		if blank(t.Text) {
			// Spaces separate nothing the rules care about, but a run of
			// single characters must not join across them.
			out = append(out, tok{text: " ", tag: "x", n: 1})
			continue
		}
		tag, isUser := user[t.Text]
		if !isUser {
			tag = t.Tag
		}
		out = append(out, tok{text: t.Text, tag: tag, n: utf8.RuneCountInString(t.Text), han: allHan(t.Text), user: isUser})
	}
	return rejoinSplitSuffixes(out)
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

func init() {
	for _, suf := range orgSuffixes {
		rs := []rune(suf)
		for k := 1; k <= 2 && k < len(rs); k++ {
			p := string(rs[:k])
			suffixPieces[p] = append(suffixPieces[p], suf)
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
		if a.user || b.user || !a.han || !b.han || a.n > 2 || b.n < 2 {
			continue
		}
		for _, suf := range suffixPieces[a.text] {
			rest := suf[len(a.text):]
			left := strings.TrimPrefix(b.text, rest)
			tag, ok := splitLeftovers[left]
			if len(left) == len(b.text) || !ok {
				continue
			}
			ts[i] = tok{text: suf, tag: "n", n: utf8.RuneCountInString(suf), han: true}
			ts[i+1] = tok{text: left, tag: tag, n: 1, han: true}
			break
		}
	}
	return ts
}

// blank reports whether s holds nothing but white space (a word does
// not: it is told from its first character).
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
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
// start of the text).
func tag(lx *lexicon.Lexicon, text string) []lexicon.Token {
	return lx.Tag(text)
}
