package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/latin"
	"github.com/galley/galley/internal/utf8x"
)

// maxSummary is the longest summary in runes, before the ellipsis.
const maxSummary = 120

// closingQuotes may follow a sentence's final stop and belong to it.
const closingQuotes = "”’」』\")"

// firstSentence returns the first sentence of text: up to the first 。！？
// (with a closing quote that follows it), or for Latin text up to a . ! ?
// followed by a space and a capital letter that does not end a common
// abbreviation.
func firstSentence(text string) string {
	// Dashes and bullets opening a paragraph (———甲乙基地，…) are layout.
	text = strings.TrimLeft(strings.TrimSpace(text), "—－-─■□●◆▲◇△○· 　")
	for i, r := range text {
		end := -1
		switch r {
		case '。', '！', '？', '…':
			end = i + utf8.RuneLen(r)
		case '.', '!', '?':
			if latinSentenceEnd(text, i) {
				end = i + 1
			}
		}
		if end < 0 {
			continue
		}
		for end < len(text) {
			q, n := utf8x.First(text[end:])
			if !strings.ContainsRune(closingQuotes, q) && q != '…' {
				break
			}
			end += n
		}
		if attr := attribution(text[end:]); attr > 0 && strings.ContainsAny(text[end-len("”"):end], "”」\"") {
			end += attr
		}
		return strings.TrimSpace(text[:end])
	}
	return text
}

// speechVerbs close the attribution after a quote: “……。”甲乙丙说。
var speechVerbs = []string{"说", "表示", "介绍", "指出", "强调", "称", "坦言", "感慨", "告诉记者"}

// attribution returns the length of the clause that attributes a quote
// just closed (6月24日，甲乙公司负责人丁戊感激地说。) when the rest of the
// sentence is one, or 0: a quote alone does not say who spoke.
func attribution(rest string) int {
	stop := strings.IndexAny(rest, "。！？“")
	if stop <= 0 || !strings.HasPrefix(rest[stop:], "。") || utf8x.Count(rest[:stop]) > 60 {
		return 0
	}
	clause := rest[:stop]
	for _, v := range speechVerbs {
		if strings.HasSuffix(clause, v) || strings.Contains(clause, v+"，") || strings.HasSuffix(clause, v+"道") {
			return stop + len("。")
		}
	}
	return 0
}

func latinSentenceEnd(text string, i int) bool {
	rest := text[i+1:]
	if rest == "" {
		return true
	}
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	next, _ := utf8x.First(strings.TrimLeft(rest, " "))
	if !unicode.IsUpper(next) && !strings.ContainsRune("\"“", next) {
		return false
	}
	if text[i] != '.' {
		return true
	}
	w := text[:i]
	if k := strings.LastIndexAny(w, " (\"“"); k >= 0 {
		w = w[k+1:]
	}
	return !latin.IsAbbreviation(w)
}

// clauseBreaks are where a long sentence may be cut.
const clauseBreaks = "，；：、,;:"

// trimSummary shortens s to at most maxSummary runes, cutting at the last
// clause boundary that fits (so no clause is cut in half) and marking the
// cut with an ellipsis.
func trimSummary(s string) string {
	rs := []rune(s)
	if len(rs) <= maxSummary {
		return s
	}
	cut := -1
	for i := maxSummary; i > maxSummary/3; i-- {
		if strings.ContainsRune(clauseBreaks, rs[i]) {
			cut = i
			break
		}
	}
	if cut < 0 {
		cut = maxSummary
		if latin := strings.LastIndex(string(rs[:cut]), " "); latin > 0 && !isHan(rs[cut-1]) {
			return strings.TrimSpace(string(rs[:cut])[:latin]) + "…"
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace) + "…"
}

// Summary is the summary Story gives st as its text stands: the first
// sentence of its lead (the first body text after the dateline and byline),
// shortened. The workbench asks it after an editor's change, so that a
// summary nobody wrote follows the edited text (see Story).
func Summary(st *article.Story, opt Options) string {
	return trimSummary(firstSentence(readParts(st, roleLessName(opt.lexicon())).lead))
}
