package extract

import (
	"sync"
	"testing"

	"github.com/galley/galley/lexicon"
)

var (
	testLexOnce sync.Once
	testLex     *lexicon.Lexicon
)

// testLexicon is one loaded dictionary shared by the package's tests: it
// takes seconds to load, so it is loaded once.
func testLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	testLexOnce.Do(func() {
		testLex = lexicon.New()
		if err := testLex.Load(); err != nil {
			t.Fatalf("loading the dictionary: %v", err)
		}
	})
	return testLex
}
