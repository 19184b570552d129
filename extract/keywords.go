package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxKeywords is how many keywords a story gets.
const maxKeywords = 8

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
		they them his her she he not but also into than which who what when where`) {
		keywordStopwords[w] = true
	}
}

// keepKeyword filters what TF-IDF returns: no stopwords, no single
// characters, nothing with digits, nothing without a letter.
func keepKeyword(w string) bool {
	w = strings.TrimSpace(w)
	if utf8.RuneCountInString(w) < 2 || keywordStopwords[strings.ToLower(w)] {
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
	seen := map[string]bool{}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if !keepKeyword(c) || seen[c] {
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
