package lexicon

import (
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// TestStepCacheAgreesWithTheTrie asks the step cache for the steps of
// the sample page's characters from the nodes its words lead to, in a
// random order and many times over (so that sets fill, steps are pushed
// out and taken again), and checks every answer against the trie's own.
func TestStepCacheAgreesWithTheTrie(t *testing.T) {
	l := loaded(t)
	if l.mapped == nil {
		t.Skip("no compiled dictionary in the user cache folder")
	}
	page, err := os.ReadFile(filepath.Join("..", "assets", "seeds", "000_84aa73dab9e593a4.txt"))
	if err != nil {
		t.Fatal(err)
	}
	trie := l.mapped.trie
	var pieces []string
	seen := map[string]bool{}
	for _, r := range string(page) {
		if p := string(r); len(p) == 3 && !seen[p] {
			seen[p] = true
			pieces = append(pieces, p)
		}
	}
	// the nodes: where each character leads from the root, and from those
	// where each next character of the page leads
	froms := []int{0}
	runes := []rune(string(page))
	for i := 0; i+1 < len(runes); i++ {
		if id, _ := trie.stepFrom(0, string(runes[i])); id >= 0 {
			froms = append(froms, int(id))
			if next, _ := trie.stepFrom(int(id), string(runes[i+1])); next >= 0 {
				froms = append(froms, int(next))
			}
		}
	}
	c := &stepCache{trie: trie}
	rng := rand.New(rand.NewSource(1))
	for k := 0; k < 400000; k++ {
		from := froms[rng.Intn(len(froms))]
		piece := pieces[rng.Intn(len(pieces))]
		if k%2 == 1 {
			// half the steps are the page's own, which come back
			i := rng.Intn(len(runes) - 1)
			id, _ := trie.stepFrom(0, string(runes[i]))
			if id < 0 || len(string(runes[i+1])) != 3 {
				continue
			}
			from, piece = int(id), string(runes[i+1])
		}
		id, value, ok := c.step(from, piece)
		wantID, wantValue := trie.stepFrom(from, piece)
		if id != int(wantID) || value != int(wantValue) || ok != (wantID >= 0) {
			t.Fatalf("step(%d, %q) = %d, %d, %v; the trie says %d, %d", from, piece, id, value, ok, wantID, wantValue)
		}
	}
}
