package ingest

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/galley/galley/lexicon"
)

// interleaved prints the lines of columns as an extractor that sorts by
// baseline does when the columns' lines sit side by side: one line of each
// column in turn.
func interleaved(cols ...[]string) []string {
	var out []string
	for i := 0; ; i++ {
		more := false
		for _, c := range cols {
			if i < len(c) {
				out = append(out, c[i])
				more = true
			}
		}
		if !more {
			return out
		}
	}
}

// denseRuns are the runs of n lines of the sample page without a blank line
// between them: a column's worth of text each.
func denseRuns(t *testing.T, n int) [][]string {
	t.Helper()
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		t.Fatal(err)
	}
	var runs [][]string
	var cur []string
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(l) == "" {
			if len(cur) >= n {
				runs = append(runs, cur[:n])
			}
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	return runs
}

// TestInterleavedColumnsAreDealtBack: two to four columns printed line
// by line in turn come back one column after the other, also when the
// extractor set a blank line between every two lines; a single column is
// left as it is.
func TestInterleavedColumnsAreDealtBack(t *testing.T) {
	lex := lexicon.Shared()
	runs := denseRuns(t, 6)
	if len(runs) < 4 {
		t.Fatalf("%d dense runs of six lines on the sample page, want four", len(runs))
	}
	for _, k := range []int{2, 3, 4} {
		for _, spaced := range []bool{false, true} {
			// each column is two of the page's runs, so it reads on for twelve lines
			var cols [][]string
			for c := 0; c < k; c++ {
				cols = append(cols, append(append([]string{}, runs[c]...), runs[(c+k)%len(runs)]...))
			}
			sep := "\n"
			if spaced {
				sep = "\n\n"
			}
			text := strings.Join(interleaved(cols...), sep) + "\n"
			lay := newLayout(text, scanLines(text))
			var idx []int
			for i := range lay.lines {
				if !lay.lines[i].blank() {
					idx = append(idx, i)
				}
			}
			order := readingOrder(lay, idx, lex.Known)
			// the line after each line in reading order should be the
			// next line of its own column
			column := func(i int) int {
				if spaced {
					i /= 2
				}
				return i % k
			}
			same := 0
			for j := 1; j < len(order); j++ {
				if column(order[j]) == column(order[j-1]) {
					same++
				}
			}
			if want := len(order) - k; same < want*8/10 {
				t.Errorf("%d columns (spaced %v): %d of %d neighbours in reading order from one column, want at least %d",
					k, spaced, same, len(order)-1, want*8/10)
			}
		}
		// and without interleaving nothing moves
		var seq []string
		for c := 0; c < k; c++ {
			seq = append(seq, runs[c]...)
			seq = append(seq, runs[(c+k)%len(runs)]...)
		}
		flat := strings.Join(seq, "\n") + "\n"
		lay := newLayout(flat, scanLines(flat))
		var idx []int
		for i := range lay.lines {
			idx = append(idx, i)
		}
		idx = idx[:len(lay.lines)-1]
		for j, i := range readingOrder(lay, idx, lex.Known) {
			if i != idx[j] {
				t.Fatalf("a single column was reordered: %v", readingOrder(lay, idx, lex.Known))
			}
		}
	}
}

// TestLostGlyphIsFlaggedWhereItWas: a character the extractor lost
// (U+FFFD) is dropped from the text and flagged at its raw place.
func TestLostGlyphIsFlaggedWhereItWas(t *testing.T) {
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	at := strings.Index(text, "科技成果")
	damaged := text[:at] + "\uFFFD" + text[at+len("科"):]
	page, err := Parse([]byte(damaged), Options{File: "lost.txt"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, st := range page.Stories {
		for _, f := range st.Flags {
			if f.Message == "a character is missing here: check against the print" && f.Start <= at && at < f.End {
				found = true
				if f.Paragraph < 0 || strings.Contains(st.Paragraphs[f.Paragraph].Text, "\uFFFD") {
					t.Errorf("flag %+v: want it on the paragraph, the glyph out of the text", f)
				}
			}
		}
	}
	if !found {
		t.Error("no flag where the character was lost")
	}
}

// TestPairStatsCountsEachSide checks the counts of each character as the
// first and as the second of a pair against a count made character by
// character, on the sample page (whose lines have spaces, Latin and
// punctuation as well as Han characters).
func TestPairStatsCountsEachSide(t *testing.T) {
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	lay := newLayout(text, scanLines(text))
	var idx []int
	for i := range lay.lines {
		idx = append(idx, i)
	}
	ps := newPairStats(lay, idx, nil)
	first, next, total := map[rune]int{}, map[rune]int{}, 0
	for _, i := range idx {
		var prev rune
		for _, r := range lay.content(i) {
			if isSpace(r) {
				continue
			}
			if prev != 0 {
				first[prev]++
				next[r]++
				total++
			}
			prev = r
		}
	}
	if total < 1000 || ps.total != total {
		t.Fatalf("%d pairs counted, want %d (and a page's worth)", ps.total, total)
	}
	for _, c := range []struct {
		name      string
		got, want map[rune]int
	}{{"first", ps.first, first}, {"next", ps.next, next}} {
		if len(c.got) != len(c.want) {
			t.Errorf("%s: %d characters, want %d", c.name, len(c.got), len(c.want))
		}
		for r, n := range c.want {
			if c.got[r] != n {
				t.Errorf("%s[%q] = %d, want %d", c.name, r, c.got[r], n)
			}
		}
	}
}

// TestColumnsSetOffAreThreadedBack: sorted by baseline, columns that do
// not start level, that skip a baseline at a paragraph's space, or that
// end while another starts lower, do not alternate in strict turns; each
// line still goes under the line of its own column before it. The lines
// here run on where they continue their column and not elsewhere, so
// what is tested is the threading, not the page's character pairs.
func TestColumnsSetOffAreThreadedBack(t *testing.T) {
	type column struct{ first, lines, skip int } // first baseline; line that skips one (-1: none)
	for _, c := range []struct {
		name string
		cols []column
	}{
		{"the second column starts two lines lower", []column{{0, 20, -1}, {2, 20, -1}}},
		{"the first column skips a baseline", []column{{0, 20, 9}, {0, 20, -1}}},
		{"both, and the second skips one too", []column{{0, 24, 7}, {1, 24, 15}}},
		{"three columns, the middle one ending early", []column{{0, 18, 5}, {0, 9, -1}, {1, 18, 11}}},
		{"three columns, a fourth starting under the one that ended", []column{{0, 18, -1}, {0, 8, -1}, {0, 18, 4}, {10, 8, -1}}},
	} {
		type placed struct{ baseline, col, line int }
		var printed []placed
		for ci, col := range c.cols {
			for l := 0; l < col.lines; l++ {
				b := col.first + l
				if col.skip >= 0 && l >= col.skip {
					b++
				}
				printed = append(printed, placed{b, ci, l})
			}
		}
		slices.SortStableFunc(printed, func(a, b placed) int { return cmp.Or(a.baseline-b.baseline, a.col-b.col) })
		lines := make([]int, len(printed))
		for j := range lines {
			lines[j] = j
		}
		run := func(a, b int) float64 {
			if printed[a].col == printed[b].col && printed[b].line == printed[a].line+1 {
				return 2
			}
			return -1
		}
		k := min(len(c.cols), 3)
		order := threadColumns(lines, k, run, 0)
		if len(order) != len(lines) {
			t.Fatalf("%s: %d lines out of %d", c.name, len(order), len(lines))
		}
		var got []string
		wrong := 0
		for j, at := range order {
			p := printed[at]
			got = append(got, fmt.Sprintf("%c%d", 'a'+p.col, p.line))
			if j > 0 && p.line > 0 && run(order[j-1], at) < 0 {
				wrong++
			}
		}
		if wrong > 0 {
			t.Errorf("%s: %d lines not under the line of their column before them: %v", c.name, wrong, got)
		}
	}
}
