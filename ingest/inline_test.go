package ingest

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEndsWithSentenceEndIsIsSentenceEnd checks the byte test against
// isSentenceEnd on every character of the Basic Multilingual Plane, alone
// and after text.
func TestEndsWithSentenceEndIsIsSentenceEnd(t *testing.T) {
	ends := 0
	for r := rune(1); r < 0x10000; r++ {
		want := isSentenceEnd(r) && r != '.'
		if got := endsWithSentenceEnd(string(r)); got != want {
			t.Errorf("endsWithSentenceEnd(%q) = %v, want %v", r, got, want)
		}
		if got := endsWithSentenceEnd("说" + string(r)); got != want {
			t.Errorf("endsWithSentenceEnd(%q) = %v, want %v", "说"+string(r), got, want)
		}
		if want {
			ends++
		}
	}
	if ends < 7 {
		t.Errorf("%d sentence ends", ends)
	}
}

// TestLastSentenceEndWalksRuneByRune checks lastSentenceEnd against the
// walk back from the end one rune at a time, on random texts of sentence
// ends, closers, ideographs, ASCII and bytes that are not UTF-8 (a
// sentence end's bytes cut short, or after a stray lead byte).
func TestLastSentenceEndWalksRuneByRune(t *testing.T) {
	byRunes := func(s string) int {
		for i := len(s); i > 0; {
			r, sz := utf8.DecodeLastRuneInString(s[:i])
			if isSentenceEnd(r) && r != '.' {
				j := i
				for j < len(s) {
					c, n := utf8.DecodeRuneInString(s[j:])
					if !isCloser(c) {
						break
					}
					j += n
				}
				return j
			}
			i -= sz
		}
		return -1
	}
	bits := []string{"。", "！", "？", "!", "?", "…", "；", ".", "”", "）", "」", "张", "摄", " ", "a", "3",
		"\xe3", "\xe3\x80", "\x80\x82", "\x82", "\xef\xbc", "\x9f", "\xe2\x80", "\xa6", "\xf0", "\xff", "\xbc\x81"}
	rng := rand.New(rand.NewSource(5))
	found := 0
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k > 0; k-- {
			b.WriteString(bits[rng.Intn(len(bits))])
		}
		s := b.String()
		got, want := lastSentenceEnd(s), byRunes(s)
		if got != want {
			t.Fatalf("lastSentenceEnd(%q) = %d, want %d", s, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	if found < 1000 || found > 19000 {
		t.Errorf("%d of 20000 texts have a sentence end: the texts test too little", found)
	}
}
