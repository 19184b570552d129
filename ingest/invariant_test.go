package ingest

import (
	"testing"

	"github.com/galley/galley/article"
)

// fold maps a rune to the form the cleaned text may hold it in.
func fold(r rune) rune {
	if h, ok := halfWidth(r); ok {
		return h
	}
	return r
}

// accountFor checks the invariant of DESIGN.md: every non-space character
// of the decoded page is in a story (headline or paragraph) or in an edit
// that dropped it, and the stories invent no character.
func accountFor(page *article.Page) (missing map[rune]int, invented map[rune]int) {
	in := map[rune]int{}
	for _, r := range page.Text {
		if !isSpace(r) && r != '\f' {
			in[fold(r)]++
		}
	}
	out := map[rune]int{}
	add := func(s string) {
		for _, r := range s {
			if !isSpace(r) {
				out[fold(r)]++
			}
		}
	}
	// An edit drops what its Before holds and its After does not.
	// Whitespace decisions drop nothing visible: a character inside their
	// span that went has an edit of its own.
	addDropped := func(e article.Edit) {
		switch e.Rule {
		case RuleDrop, RuleDehyphenate, RuleRunningHead, RulePageBreak, RuleHalfWidth, RuleCombined:
		default:
			return
		}
		kept := map[rune]int{}
		for _, r := range e.After {
			kept[fold(r)]++
		}
		for _, r := range e.Before {
			if isSpace(r) || r == '\f' {
				continue
			}
			if kept[fold(r)] > 0 {
				kept[fold(r)]--
				continue
			}
			out[fold(r)]++
		}
	}
	for _, st := range page.Stories {
		add(st.Kicker)
		add(st.Title)
		add(st.Subtitle)
		for _, p := range st.Paragraphs {
			add(p.Text)
		}
		for _, e := range st.Edits {
			addDropped(e)
		}
	}
	for _, e := range page.Edits {
		addDropped(e)
	}
	missing, invented = map[rune]int{}, map[rune]int{}
	for r, n := range in {
		if out[r] < n {
			missing[r] = n - out[r]
		}
	}
	for r, n := range out {
		if n > in[r] {
			invented[r] = n - in[r]
		}
	}
	return missing, invented
}

func assertNothingLost(t testing.TB, page *article.Page) {
	t.Helper()
	missing, invented := accountFor(page)
	if len(missing) > 0 {
		t.Fatalf("characters lost: %q", runeCounts(missing))
	}
	if len(invented) > 0 {
		t.Fatalf("characters invented: %q", runeCounts(invented))
	}
}

func runeCounts(m map[rune]int) string {
	s := ""
	for r, n := range m {
		for i := 0; i < n && i < 3; i++ {
			s += string(r)
		}
	}
	return s
}
