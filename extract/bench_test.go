package extract

import (
	"testing"

	"github.com/galley/galley/article"
)

// BenchmarkStory measures metadata extraction over the sample page's
// stories (built from the gold paragraphs, as ingest hands them over).
// The dictionary is loaded before the timer starts; bytes are the UTF-8
// text of the stories' headlines and paragraphs.
func BenchmarkStory(b *testing.B) {
	stories, opt := benchStories(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range stories {
			st := stories[j]
			st.Byline = nil
			st.Metadata = article.Metadata{}
			Story(&st, opt)
		}
	}
}

// BenchmarkStoryParallel is BenchmarkStory with stories extracted on every
// core at once (stories are independent, and an import can hand them out
// to workers): the figure for the whole machine, not one core.
func BenchmarkStoryParallel(b *testing.B) {
	stories, opt := benchStories(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for j := range stories {
				st := stories[j]
				st.Byline = nil
				st.Metadata = article.Metadata{}
				Story(&st, opt)
			}
		}
	})
}

// benchStories loads the dictionary and the gold's stories outside the
// timer and sets the bytes a run covers: the UTF-8 text of the stories'
// headlines and paragraphs.
func benchStories(b *testing.B) ([]article.Story, Options) {
	lx := testLexicon(b)
	_, stories := loadGold(b)
	size := 0
	for i := range stories {
		size += len(storyText(&stories[i]))
	}
	// The first keyword lookup loads gse's IDF table: keep it out too.
	_ = lx.Keywords("预热", 1)
	b.SetBytes(int64(size))
	return stories, Options{PageDate: "2022-06-28", Lexicon: lx}
}
