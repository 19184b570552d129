package ingest

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestMeasureIsTheFullestWidthAround checks each line's measure against
// its definition, counted afresh for every line: of the widths (8 and
// more, 257 for any wider) of the lines from 40 before to 39 after it, the
// most common one, the widest of those as common. The page's blocks of
// lines are each mostly of one width, from 3 to 150 characters (6 to 300
// columns), a third of the lines of any width from 1 to 150 characters.
func TestMeasureIsTheFullestWidthAround(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	var page []string
	for i := 0; i < 600; i++ {
		n := []int{3, 12, 20, 100, 150}[i/80%5]
		if rng.Intn(3) == 0 {
			n = 1 + rng.Intn(150)
		}
		page = append(page, strings.Repeat("字", n))
	}
	text := strings.Join(page, "\n") + "\n"
	lay := newLayout(text, scanLines(text))
	p := newPageLines(lay, nil)
	distinct := map[int]bool{}
	for k := range p.idx {
		var hist [258]int
		for j := max(k-40, 0); j <= min(k+39, len(p.idx)-1); j++ {
			if w := lay.lines[p.idx[j]].width; w >= 8 {
				hist[min(w, 257)]++
			}
		}
		want := 0
		for w := range hist {
			if hist[w] > 0 && hist[w] >= hist[want] {
				want = w
			}
		}
		if p.measure[k] != want {
			t.Fatalf("line %d: measure %d, want %d", k, p.measure[k], want)
		}
		distinct[want] = true
	}
	if len(distinct) < 2 {
		t.Errorf("every line's measure is one of %v: the page tests nothing", distinct)
	}
}

// appendSquashed drops exactly the runes isSpace names and keeps every
// other byte, also in text that is not valid UTF-8 and around runes whose
// lead byte a space shares: it looks at bytes, not runes.
func TestAppendSquashedDropsExactlyTheSpaces(t *testing.T) {
	pieces := []string{"本报", " ", "\t", "\n", "\v", "\r", "\f", "\u3000", "\u00a0", "\u00a9", "\u2000", "\u2001", "\u200a", "\u200b", "\u2028", "\u3001", "x", "\xe3", "\xc2", "\xe2\x80", "\x80", "·"}
	for i, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces[:i%5+1] {
				s := a + c + b + a
				var want []byte
				for k := 0; k < len(s); {
					r, n := utf8.DecodeRuneInString(s[k:])
					if !isSpace(r) {
						want = append(want, s[k:k+n]...)
					}
					k += n
				}
				if got := appendSquashed([]byte("前"), s); string(got) != "前"+string(want) {
					t.Errorf("appendSquashed(前, %q) = %q, want %q", s, got, "前"+string(want))
				}
			}
		}
	}
}
