package utf8x

import (
	"bufio"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// same checks every function against unicode/utf8 on s, at every offset
// and on every prefix.
func same(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		r1, n1 := First(s[i:])
		r2, n2 := utf8.DecodeRuneInString(s[i:])
		if r1 != r2 || n1 != n2 {
			t.Fatalf("First(%q) = %U, %d; utf8 says %U, %d", s[i:], r1, n1, r2, n2)
		}
	}
	for j := 0; j <= len(s); j++ {
		p := s[:j]
		if r1, n1 := First(p); true {
			if r2, n2 := utf8.DecodeRuneInString(p); r1 != r2 || n1 != n2 {
				t.Fatalf("First(%q) = %U, %d; utf8 says %U, %d", p, r1, n1, r2, n2)
			}
		}
		if r1, n1 := Last(p); true {
			if r2, n2 := utf8.DecodeLastRuneInString(p); r1 != r2 || n1 != n2 {
				t.Fatalf("Last(%q) = %U, %d; utf8 says %U, %d", p, r1, n1, r2, n2)
			}
		}
		if c1, c2 := Count(p), utf8.RuneCountInString(p); c1 != c2 {
			t.Fatalf("Count(%q) = %d; utf8 says %d", p, c1, c2)
		}
	}
}

// TestAgreesWithUTF8OnRandomBytes mixes valid runes of every length with
// bytes that make invalid, overlong, surrogate and cut sequences.
func TestAgreesWithUTF8OnRandomBytes(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", " ", "中", "国", "。", "（", "é", "ж", "𠀀", "\uFFFD", "\u3000",
		"\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd"}
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for n := rng.Intn(12); n > 0; n-- {
			switch rng.Intn(4) {
			case 0:
				b.WriteByte(byte(rng.Intn(256)))
			case 1:
				b.WriteByte(byte(0x80 + rng.Intn(0x40)))
			default:
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
		}
		same(t, b.String())
	}
	// every lead byte with every second byte, whole and cut
	for c0 := 0xC0; c0 < 0x100; c0++ {
		for c1 := 0; c1 < 0x100; c1++ {
			same(t, string([]byte{byte(c0), byte(c1), 0x80}))
			same(t, string([]byte{'x', byte(c0), byte(c1), 0xBF}))
		}
	}
}

// TestAgreesWithUTF8OnCorpusLines reads the shared corpus's pages, when
// they are there.
func TestAgreesWithUTF8OnCorpusLines(t *testing.T) {
	pages, _ := filepath.Glob("/work/shared/corpus/*/raw.txt")
	if len(pages) == 0 {
		t.Skip("no corpus at /work/shared/corpus")
	}
	lines := 0
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			same(t, sc.Text())
			lines++
		}
		f.Close()
	}
	t.Logf("%d lines", lines)
}

var benchText = strings.Repeat("濮阳工业园区在河南省君恒实业集团生物科技有限公司举行 2022 年综合应急演练。", 20)

func BenchmarkCount(b *testing.B) {
	for b.Loop() {
		Count(benchText)
	}
}

func BenchmarkCountUTF8(b *testing.B) {
	for b.Loop() {
		utf8.RuneCountInString(benchText)
	}
}

func BenchmarkFirst(b *testing.B) {
	for b.Loop() {
		for i := 0; i < len(benchText); {
			_, n := First(benchText[i:])
			i += n
		}
	}
}

func BenchmarkRange(b *testing.B) {
	for b.Loop() {
		for range benchText {
		}
	}
}

func BenchmarkDecodeRuneInString(b *testing.B) {
	for b.Loop() {
		for i := 0; i < len(benchText); {
			_, n := utf8.DecodeRuneInString(benchText[i:])
			i += n
		}
	}
}
