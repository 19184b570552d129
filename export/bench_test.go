package export

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

// benchStory is a story of typical length: about 2,400 characters in 16
// paragraphs, with headline fields, byline and metadata.
func benchStory() *article.Story {
	st := sampleStory()
	body := st.Paragraphs[0]
	body.Text = strings.Repeat("清河县在12个乡镇新建社区图书馆，居民步行15分钟即可借书，", 5)
	var paras []article.Paragraph
	for i := range 16 {
		if i%6 == 5 {
			paras = append(paras, st.Paragraphs[1])
			continue
		}
		paras = append(paras, body)
	}
	st.Paragraphs = append(paras, st.Paragraphs[3:]...)
	return st
}

func reportStoriesPerSecond(b *testing.B, stories int) {
	b.ReportMetric(float64(stories)/b.Elapsed().Seconds(), "stories/s")
}

func BenchmarkDOCX(b *testing.B) {
	st := benchStory()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := DOCX(&buf, st, DOCXOptions{Date: "2024-03-05"}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
	reportStoriesPerSecond(b, b.N)
}

func BenchmarkJSON(b *testing.B) {
	st := benchStory()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := JSON(&buf, st, JSONOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
	reportStoriesPerSecond(b, b.N)
}

func BenchmarkJSONLine(b *testing.B) {
	st := benchStory()
	for b.Loop() {
		if err := JSONLine(io.Discard, st, JSONOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	reportStoriesPerSecond(b, b.N)
}

func BenchmarkReadStories(b *testing.B) {
	var buf bytes.Buffer
	if err := JSON(&buf, benchStory(), JSONOptions{}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	for b.Loop() {
		if _, err := ReadStories(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	reportStoriesPerSecond(b, b.N)
}

// BenchmarkBatchDOCX includes the file system: 100 stories to a folder,
// each written to a temporary file, synced and linked into place.
func BenchmarkBatchDOCX(b *testing.B) {
	items := make([]Item, 100)
	for i := range items {
		items[i] = Item{Story: benchStory(), PageDate: "2024-03-05"}
	}
	for b.Loop() {
		if _, err := Batch(context.Background(), items, Options{Format: FormatDOCX, Dir: b.TempDir()}, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportStoriesPerSecond(b, b.N*len(items))
}
