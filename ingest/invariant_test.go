package ingest

import (
	"fmt"
	"sort"
	"strings"
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

// checkEdits checks that the edits of a page say truly what happened to
// each raw character: no two edits claim the same bytes (but a headline
// line's record, which holds the edits that cleaned the line), no page edit
// lies in a headline line, and every character the cleaner drops is
// covered by an edit that gives its own reason, or by the furniture line it
// stood in.
func checkEdits(page *article.Page) error {
	type claim struct {
		e     article.Edit
		where string
	}
	var heads, fine []claim
	add := func(e article.Edit, where string) {
		if e.Start < 0 || e.End > len(page.Text) || e.Start > e.End {
			fine = append(fine, claim{e, where})
			return
		}
		if e.Rule == RuleHeadlineLine {
			heads = append(heads, claim{e, where})
		} else if e.Start < e.End {
			fine = append(fine, claim{e, where})
		}
	}
	for _, e := range page.Edits {
		add(e, "page")
	}
	for i, st := range page.Stories {
		for _, e := range st.Edits {
			add(e, fmt.Sprintf("story %d", i))
		}
	}
	for _, c := range fine {
		if c.e.Start < 0 || c.e.End > len(page.Text) || c.e.Start > c.e.End {
			return fmt.Errorf("%s: edit %+v outside the page text", c.where, c.e)
		}
	}
	sort.Slice(fine, func(i, j int) bool { return fine[i].e.Start < fine[j].e.Start })
	for i := 1; i < len(fine); i++ {
		if a, b := fine[i-1], fine[i]; b.e.Start < a.e.End {
			return fmt.Errorf("edits overlap: %s %s [%d,%d) %q and %s %s [%d,%d) %q", a.where, a.e.Rule, a.e.Start, a.e.End, a.e.Before,
				b.where, b.e.Rule, b.e.Start, b.e.End, b.e.Before)
		}
	}
	// A headline line's record says where the line went; the edits that
	// cleaned it (which may join it to the next line of a title) are its
	// story's. No furniture may be taken from inside it as well.
	for _, h := range heads {
		for _, c := range fine {
			if c.where == "page" && c.e.Start < h.e.End && c.e.End > h.e.Start {
				return fmt.Errorf("page edit %s [%d,%d) %q inside the headline line [%d,%d) %q", c.e.Rule, c.e.Start, c.e.End,
					c.e.Before, h.e.Start, h.e.End, h.e.Before)
			}
		}
	}
	// every dropped character: the edit covering it says why
	k := 0
	for i, r := range page.Text {
		want, ok := dropped(r)
		if !ok {
			continue
		}
		for k < len(fine) && fine[k].e.End <= i {
			k++
		}
		if k == len(fine) || fine[k].e.Start > i {
			continue // not in any story's text: accountFor reports it lost
		}
		switch e := fine[k].e; e.Rule {
		case RuleRunningHead, RulePageBreak, RuleCombined:
		case RuleDrop:
			if !strings.Contains(e.Reason, want) {
				return fmt.Errorf("%U at %d dropped as %q, not %q", r, i, e.Reason, want)
			}
		default:
			return fmt.Errorf("%U at %d inside a %s edit %+v", r, i, e.Rule, e)
		}
	}
	return nil
}
