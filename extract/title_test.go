package extract

import (
	"testing"
	"unicode/utf8"
)

// TestIsTitleIsALookupOfTheLastRunes checks isTitle against its
// definition, a lookup of the token's last two, three and four
// ideographs in personTitles, on tokens made of the titles' own
// characters and others: every title alone, after a prefix, cut short,
// and every pair and triple of the characters.
func TestIsTitleIsALookupOfTheLastRunes(t *testing.T) {
	isListed := func(word string) bool {
		runes := []rune(word)
		for k := 2; k <= 4 && k <= len(runes); k++ {
			for _, title := range personTitles {
				if string(runes[len(runes)-k:]) == title {
					return true
				}
			}
		}
		return false
	}
	chars := []rune("副市委省王的了")
	words := []string{"市", "K6", "x长", "长长"}
	for _, title := range personTitles {
		chars = append(chars, []rune(title)...)
		_, size := utf8.DecodeLastRuneInString(title)
		words = append(words, title, "副"+title, "市委"+title, title[:len(title)-size], title+"们")
	}
	for _, a := range chars {
		for _, b := range chars {
			words = append(words, string([]rune{a, b}), string([]rune{a, b, chars[0]}), string([]rune{chars[1], a, b}))
		}
	}
	titles := 0
	for _, w := range words {
		tk := tok{text: w, n: utf8.RuneCountInString(w), han: allHan(w)}
		want := tk.han && tk.n >= 2 && isListed(w)
		if got := isTitle(tk); got != want {
			t.Errorf("isTitle(%q) = %v, want %v", w, got, want)
		}
		if want {
			titles++
		}
	}
	if titles < len(personTitles) || titles == len(words) {
		t.Errorf("%d titles among %d words: the words test too little", titles, len(words))
	}
}
