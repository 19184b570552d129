package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/galley/galley/article"
)

// goldStory is a story of the hand-checked gold page, as score.py reads it.
type goldStory struct {
	Title      string              `json:"title"`
	Subtitle   string              `json:"subtitle"`
	Dateline   string              `json:"dateline"`
	Byline     []article.Byline    `json:"byline"`
	Paragraphs []article.Paragraph `json:"paragraphs"`
}

// loadGold reads the gold page the project keeps in testdata and builds
// stories from its paragraphs, as ingest hands them to extract: dateline
// and byline still printed at the head of the first paragraph.
func loadGold(t testing.TB) ([]goldStory, []article.Story) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "000_84aa73dab9e593a4.json"))
	if err != nil {
		t.Fatalf("reading the gold page: %v", err)
	}
	var doc struct {
		Stories []goldStory `json:"stories"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("gold page: %v", err)
	}
	stories := make([]article.Story, len(doc.Stories))
	for i, g := range doc.Stories {
		stories[i] = article.Story{Title: g.Title, Subtitle: g.Subtitle, Paragraphs: g.Paragraphs}
	}
	return doc.Stories, stories
}

// TestGoldDatelinesAndBylines runs extract on the gold page's stories and
// scores it the way score.py does: datelines exact, byline F1 over names.
func TestGoldDatelinesAndBylines(t *testing.T) {
	gold, stories := loadGold(t)
	opt := Options{PageDate: "2022-06-28", Lexicon: testLexicon(t)}
	tp, np, ng := 0, 0, 0
	for i := range stories {
		Story(&stories[i], opt)
		st, g := stories[i], gold[i]
		if st.Dateline != g.Dateline {
			t.Errorf("story %d (%s): dateline %q, gold %q", i, g.Title, st.Dateline, g.Dateline)
		}
		want := map[string]bool{}
		for _, b := range g.Byline {
			want[b.Name] = true
		}
		got := map[string]bool{}
		for _, b := range st.Byline {
			got[b.Name] = true
		}
		for n := range got {
			if want[n] {
				tp++
			}
		}
		np += len(got)
		ng += len(want)
		if !equalBylines(st.Byline, g.Byline) {
			t.Logf("story %d (%s): byline %v, gold %v", i, g.Title, st.Byline, g.Byline)
		}
	}
	p, r := float64(tp)/float64(max(np, 1)), float64(tp)/float64(max(ng, 1))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("byline F1 %.3f (precision %.3f, recall %.3f)", f1, p, r)
	if f1 < 0.9 {
		t.Errorf("byline F1 %.3f, want at least 0.9", f1)
	}
}

func equalBylines(a, b []article.Byline) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
