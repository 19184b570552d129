package extract

import (
	"unicode"
)

// countChars is the story length editors count by (字数): every CJK
// character (Han ideographs, kana, hangul) counts one; every run of Latin
// letters (with apostrophes or hyphens inside, as in don't or co-op) counts
// one word; every number (a run of digits with its decimal point or
// thousands commas, as in 36.9 or 1,200) counts one. Punctuation, symbols
// (%, ￥) and spaces do not count.
func countChars(text string) int {
	n := 0
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isCJK(r):
			n++
		case unicode.IsLetter(r):
			n++
			for i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) && !isCJK(rs[i+1]) ||
				(rs[i+1] == '\'' || rs[i+1] == '’' || rs[i+1] == '-') && i+2 < len(rs) && unicode.IsLetter(rs[i+2]) && !isCJK(rs[i+2])) {
				i++
			}
		case unicode.IsDigit(r):
			n++
			for i+1 < len(rs) && (unicode.IsDigit(rs[i+1]) ||
				(rs[i+1] == '.' || rs[i+1] == ',') && i+2 < len(rs) && unicode.IsDigit(rs[i+2])) {
				i++
			}
		}
	}
	return n
}

func isCJK(r rune) bool {
	return isHan(r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}
