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

// TestItemTextOfFollowingLinesIsTheCopy checks that itemText, a piece of
// the page's squashed text for lines that follow each other in reading
// order, is the text squashed line by line, for runs of lines split into
// parts anywhere, for lines out of order and for no lines at all.
func TestItemTextOfFollowingLinesIsTheCopy(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	pieces := []string{"字", "词", " ", "\u3000", "\t", "\u00a0", "a", "7", "，", "\u2002"}
	var page []string
	for i := 0; i < 400; i++ {
		var b strings.Builder
		for n := rng.Intn(30); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		if rng.Intn(6) == 0 {
			b.Reset() // a blank line: the content lines are not the layout's
		}
		page = append(page, b.String())
	}
	text := strings.Join(page, "\n") + "\n"
	p := newPageLines(newLayout(text, scanLines(text)), nil)
	copied := func(parts []labelledPart) string {
		var b []byte
		for _, part := range parts {
			for _, i := range part.lines {
				b = appendSquashed(b, p.lay.content(i))
			}
		}
		return string(b)
	}
	for trial := 0; trial < 2000; trial++ {
		from := rng.Intn(len(p.idx))
		to := min(from+rng.Intn(12), len(p.idx))
		lines := append([]int(nil), p.idx[from:to]...)
		if trial%5 == 0 && len(lines) > 1 {
			lines[0], lines[1] = lines[1], lines[0] // out of order: copied
		}
		var parts []labelledPart
		for len(lines) > 0 {
			n := 1 + rng.Intn(len(lines))
			parts = append(parts, labelledPart{role: RoleBody, lines: lines[:n]})
			lines = lines[n:]
		}
		if got, want := p.itemText(pageItem{parts: parts}), copied(parts); got != want {
			t.Fatalf("lines %v: itemText %q, want %q", parts, got, want)
		}
	}
}
