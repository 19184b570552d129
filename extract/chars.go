package extract

import (
	"unicode"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/utf8x"
)

// countChars is the story length editors count by (字数): every CJK
// character (Han ideographs, kana, hangul) counts one; every run of Latin
// letters (with apostrophes or hyphens inside, as in don't or co-op) counts
// one word; every number (a run of digits with its decimal point or
// thousands commas, as in 36.9 or 1,200) counts one. Punctuation, symbols
// (%, ￥) and spaces do not count.
func countChars(text string) int {
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8x.First(text[i:])
		i += size
		switch {
		case isCJK(r):
			n++
		case unicode.IsLetter(r):
			n++
			// The rest of the word: letters, and ' ’ - between letters.
			for i < len(text) {
				r1, s1 := utf8x.First(text[i:])
				if latinLetter(r1) {
					i += s1
					continue
				}
				if r1 == '\'' || r1 == '’' || r1 == '-' {
					if r2, _ := utf8x.First(text[i+s1:]); i+s1 < len(text) && latinLetter(r2) {
						i += s1
						continue
					}
				}
				break
			}
		case unicode.IsDigit(r):
			n++
			// The rest of the number: digits, and . , between digits.
			for i < len(text) {
				r1, s1 := utf8x.First(text[i:])
				if unicode.IsDigit(r1) {
					i += s1
					continue
				}
				if r1 == '.' || r1 == ',' {
					if r2, _ := utf8x.First(text[i+s1:]); i+s1 < len(text) && unicode.IsDigit(r2) {
						i += s1
						continue
					}
				}
				break
			}
		}
	}
	return n
}

// latinLetter is a letter that continues a word: a letter that is not CJK.
func latinLetter(r rune) bool { return unicode.IsLetter(r) && !isCJK(r) }

func isCJK(r rune) bool {
	return isHan(r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// Chars is the story's length as editors count it (字数) and as Story fills
// Metadata.Chars: its paragraphs (not the headline), counted as countChars
// says. The workbench calls it on every edit, so it is kept cheap.
func Chars(st *article.Story) int {
	n := 0
	for _, p := range st.Paragraphs {
		n += countChars(p.Text)
	}
	return n
}
