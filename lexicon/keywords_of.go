package lexicon

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse/hmm/idf"
)

// idfStopWords are the stop words gse's keyword ranking skips.
var idfStopWords = idf.NewStopWord()

// KeywordsOf ranks words that are already cut (each occurrence listed, so
// a word printed three times is listed three times) by TF-IDF and returns
// up to n of them, best first: what Keywords returns for a text whose Cut
// is words, without cutting the text a second time. Words of one rune,
// blanks and gse's stop words are skipped; a word missing from the IDF
// table weighs nothing, as in Keywords (gse's median IDF of a table
// loaded whole is 0). Ties go to the word that sorts first.
func (l *Lexicon) KeywordsOf(words []string, n int) []string {
	if n <= 0 || len(words) == 0 || !l.wait() {
		return nil
	}
	l.loadIdf()
	count := make(map[string]int, len(words))
	var order []string
	total := 0
	for _, w := range words {
		w = strings.TrimSpace(w)
		if utf8.RuneCountInString(w) < 2 || idfStopWords.IsStopWord(w) {
			continue
		}
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
		total++
	}
	if total == 0 {
		return nil
	}
	// each word beside its weight (0 without an IDF): the sort compared
	// them through a map, two lookups a comparison
	type weighed struct {
		word   string
		weight float64
	}
	ws := make([]weighed, len(order))
	for k, w := range order {
		ws[k].word = w
		if f, ok := l.idfOf(w); ok {
			ws[k].weight = f * (float64(count[w]) / float64(total)) // gse's order of operations
		}
	}
	sort.SliceStable(ws, func(i, j int) bool {
		wi, wj := ws[i].weight, ws[j].weight
		if wi != wj {
			return wi > wj
		}
		return ws[i].word < ws[j].word
	})
	for k := range ws {
		order[k] = ws[k].word
	}
	if len(order) > n {
		order = order[:n]
	}
	return order
}

// maxIdfCache bounds how many words' IDF the Lexicon remembers (a few MB).
const maxIdfCache = 1 << 16

// idfEntry is a remembered IDF lookup.
type idfEntry struct {
	idf   float64
	found bool
}

// idfOf returns word's IDF and whether the table has it. A lookup is a
// binary search of 270,000 words (a cache miss or two per step), and
// news text repeats its words from story to story, so the answers for
// the first maxIdfCache words asked about are kept. The IDF table never
// changes once loaded (user terms go to the segmenter, not to it).
func (l *Lexicon) idfOf(word string) (float64, bool) {
	if e, ok := l.idfCache.Load(word); ok {
		return e.(idfEntry).idf, e.(idfEntry).found
	}
	f, found := l.idf.lookup(word)
	if l.idfCached.Load() < maxIdfCache {
		if _, loaded := l.idfCache.LoadOrStore(word, idfEntry{f, found}); !loaded {
			l.idfCached.Add(1)
		}
	}
	return f, found
}
