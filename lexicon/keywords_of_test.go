package lexicon

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestKeywordsOfCountsRepeatsAndSkipsNoise(t *testing.T) {
	l := loaded(t)
	words := []string{"电池", "电池", "电池", "汽车", "的", " ", "", "了", "the", "and"}
	got := l.KeywordsOf(words, 5)
	if len(got) == 0 || got[0] != "电池" {
		t.Fatalf("KeywordsOf = %q, want 电池 (printed three times) first", got)
	}
	for _, w := range got {
		if len([]rune(w)) < 2 || w == "the" || w == "and" {
			t.Errorf("KeywordsOf kept %q: %q", w, got)
		}
	}
	if got := l.KeywordsOf(words, 1); len(got) != 1 {
		t.Errorf("n=1 gave %q", got)
	}
	if got := l.KeywordsOf(nil, 3); got != nil {
		t.Errorf("no words gave %q", got)
	}
	if got := l.KeywordsOf(words, 0); got != nil {
		t.Errorf("n=0 gave %q", got)
	}
}

// The IDF cache answers as the table does, and stops growing at its bound.
func TestIdfCacheStopsAtItsBound(t *testing.T) {
	l := loaded(t)
	l.KeywordsOf([]string{"电池"}, 1) // loads the IDF table
	for _, w := range []string{"电池", "新能源", "没有这个词语吧", "电池"} {
		want, wantOK := l.idf.lookup(w)
		got, ok := l.idfOf(w)
		if got != want || ok != wantOK {
			t.Errorf("idfOf(%q) = %v %v, table %v %v", w, got, ok, want, wantOK)
		}
	}
	defer l.idfCached.Store(l.idfCached.Load())
	l.idfCached.Store(maxIdfCache)
	l.idfOf("汽车产业链")
	if _, cached := l.idfCache.Load("汽车产业链"); cached {
		t.Error("the cache grew past its bound")
	}
}

// KeywordsOf is safe beside other lookups and term changes, including the
// first call, which loads the IDF table: every caller gets the same answer.
func TestKeywordsOfConcurrentUse(t *testing.T) {
	l := New()
	words := l.Cut(strings.Repeat("新能源汽车产业发展迅速，电池技术不断进步。", 4))
	want := make(chan []string, 8)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i == 0 {
				_ = l.AddTerm("柯望舒", "nr")
			}
			want <- l.KeywordsOf(words, 5)
		}(i)
	}
	wg.Wait()
	close(want)
	first := <-want
	if len(first) == 0 {
		t.Fatal("no keywords")
	}
	for got := range want {
		if !slices.Equal(got, first) {
			t.Errorf("concurrent KeywordsOf gave %q and %q", first, got)
		}
	}
}
