package extract

import (
	"strings"
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
		if strings.TrimSpace(t.Text) == "" {
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
	return out
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
