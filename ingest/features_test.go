package ingest

import (
	"math/rand"
	"strings"
	"testing"
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
