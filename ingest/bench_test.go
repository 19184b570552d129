package ingest

import (
	"bytes"
	"os"
	"testing"

	"github.com/galley/galley/lexicon"
)

// bigPage is the sample page repeated to about 20 MB.
func bigPage(b *testing.B) []byte {
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		b.Fatal(err)
	}
	n := (20 << 20) / len(raw)
	return bytes.Repeat(append(raw, '\n'), n)
}

// BenchmarkParse20MB: decode, split and clean (no dictionary: headline
// owners by character pairs). go test -bench Parse -run XXX ./ingest
func BenchmarkParse20MB(b *testing.B) {
	raw := bigPage(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		page, err := Parse(raw, Options{File: "big.txt"})
		if err != nil {
			b.Fatal(err)
		}
		if len(page.Stories) < 1000 {
			b.Fatalf("%d stories", len(page.Stories))
		}
	}
}

// BenchmarkParse20MBWithLexicon decides headline owners with gse words; the
// dictionary is loaded before the timer starts.
func BenchmarkParse20MBWithLexicon(b *testing.B) {
	raw := bigPage(b)
	lex := lexicon.Shared()
	if err := lex.Load(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(raw, Options{File: "big.txt", Lexicon: lex}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNormaliseSamplePage is the cleaning rules alone over the page.
func BenchmarkNormaliseSamplePage(b *testing.B) {
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		normalizeSpans(text, []span{{0, len(text)}}, modeBody)
	}
}

// TestNoQuadraticPaths: pages built to hit the rules that look ahead or
// keep lists (quotes, brackets, captions, headlines) parse in time linear
// in their size; a quadratic rule would take minutes here.
func TestNoQuadraticPaths(t *testing.T) {
	for _, unit := range []string{"“聚力惠企 助推发展”", "（记者 张三）", "图为", "示 范 ", "标题\n\n", "vic-\ntory ",
		"。（张三 李四）设备。", "（赵明\n李华）", "10.2\n%", "（一）"} {
		raw := bytes.Repeat([]byte(unit), (4<<20)/len(unit))
		page, err := Parse(raw, Options{File: "adversarial.txt"})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Stories) == 0 {
			t.Fatalf("%q: no story", unit)
		}
	}
}
