package lexicon

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// loaded is one Lexicon shared by the tests of this file: loading the
// dictionary takes a second or two.
var (
	loadedOnce sync.Once
	loadedLex  *Lexicon
)

func loaded(t testing.TB) *Lexicon {
	loadedOnce.Do(func() {
		loadedLex = New()
		if err := loadedLex.Load(); err != nil {
			t.Fatal(err)
		}
	})
	return loadedLex
}

func TestCutKeepsCommonWords(t *testing.T) {
	l := loaded(t)
	words := l.Cut("科技成果转化需要企业参与")
	for _, want := range []string{"转化", "需要", "企业"} {
		if !slices.Contains(words, want) {
			t.Errorf("Cut lost %q: %q", want, words)
		}
	}
	if strings.Join(words, "") != "科技成果转化需要企业参与" {
		t.Errorf("Cut changed the text: %q", words)
	}
}

// loadedWithTerm is a new lexicon with one user term, added before the
// dictionary is loaded, then loaded.
func loadedWithTerm(t *testing.T, word, tag string) *Lexicon {
	t.Helper()
	l := New()
	if err := l.AddTerm(word, tag); err != nil {
		t.Fatal(err)
	}
	if err := l.Load(); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestUserTermKeepsANameWhole(t *testing.T) {
	// Added before the load finishes: must still take effect.
	l := loadedWithTerm(t, "柯望舒", "nr")
	if !slices.Contains(l.Cut("记者柯望舒报道"), "柯望舒") {
		t.Fatalf("user term cut apart: %q", l.Cut("记者柯望舒报道"))
	}
	var tag string
	for _, tok := range l.Tag("记者柯望舒报道") {
		if tok.Text == "柯望舒" {
			tag = tok.Tag
		}
	}
	if tag != "nr" {
		t.Errorf("tag of user term = %q, want nr", tag)
	}
	if !l.Known("柯望舒") {
		t.Error("Known does not see the user term")
	}
	l.RemoveTerm("柯望舒")
	if len(l.Terms()) != 0 {
		t.Errorf("Terms after remove = %v", l.Terms())
	}
}

func TestUserTermAtTheStartOfATextIsTagged(t *testing.T) {
	l := New()
	if err := l.AddTerm("冯立军", "nr"); err != nil {
		t.Fatal(err)
	}
	toks := l.Tag("冯立军在会上说")
	if len(toks) == 0 || toks[0].Text != "冯立军" || toks[0].Tag != "nr" {
		t.Fatalf("Tag = %v, want the user term first, tagged nr", toks)
	}
	var joined string
	for _, tok := range toks {
		joined += tok.Text
	}
	if joined != "冯立军在会上说" {
		t.Errorf("Tag changed the text: %q", joined)
	}
}

func TestKeywordsAreRepeatable(t *testing.T) {
	l := loaded(t)
	text := "apple banana cherry damson elder fig grape 苹果 香蕉 樱桃"
	first := l.Keywords(text, 4)
	for i := 0; i < 20; i++ {
		if got := l.Keywords(text, 4); !slices.Equal(got, first) {
			t.Fatalf("Keywords changed between calls: %q then %q", first, got)
		}
	}
}

func TestAddTermRejectsBadInput(t *testing.T) {
	l := New()
	if err := l.AddTerm("两 个", "nr"); err == nil {
		t.Error("a term with a space was accepted")
	}
	if err := l.AddTerm("词", "zz"); err == nil || !strings.Contains(err.Error(), "zz") {
		t.Errorf("unknown tag: err = %v", err)
	}
}

func TestSearchTokensFindShortWordsInsideLongOnes(t *testing.T) {
	l := loaded(t)
	toks := l.SearchTokens("市科学技术研究院与Galley Project签约")
	for _, want := range []string{"科学", "技术", "研究", "galley", "project"} {
		if !slices.Contains(toks, want) {
			t.Errorf("SearchTokens lacks %q: %q", want, toks)
		}
	}
	for _, tok := range toks {
		if strings.TrimSpace(tok) == "" {
			t.Errorf("blank token in %q", toks)
		}
	}
}

func TestKeywordsPreferTopicWords(t *testing.T) {
	l := loaded(t)
	text := strings.Repeat("新能源汽车产业发展迅速，新能源汽车销量增长，电池技术不断进步。", 3)
	kw := l.Keywords(text, 5)
	if len(kw) == 0 || len(kw) > 5 {
		t.Fatalf("Keywords = %q", kw)
	}
	if !slices.Contains(kw, "新能源") && !slices.Contains(kw, "汽车") && !slices.Contains(kw, "新能源汽车") {
		t.Errorf("Keywords miss the topic: %q", kw)
	}
}

func TestLoadTermsFileNamesTheBadLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terms.txt")
	os.WriteFile(path, []byte("# names\n柯望舒 nr\n\n星河湾 ns\n坏词 qq\n"), 0o644)
	l := New()
	err := l.LoadTermsFile(path)
	if err == nil || !strings.Contains(err.Error(), "terms.txt:5") {
		t.Fatalf("err = %v, want one naming terms.txt:5", err)
	}
	if got := l.Terms(); len(got) != 2 || got[0].Word != "星河湾" || got[0].Tag != "ns" {
		t.Errorf("Terms = %v", got)
	}
}

// TestConcurrentUse is meant for `go test -race`: the first Keywords call
// loads gse's keyword model, which rewrites tables a parallel Cut reads.
func TestConcurrentUse(t *testing.T) {
	l := New()
	if err := l.Load(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if i%4 == 0 {
					_ = l.AddTerm("并发词", "n")
				}
				if len(l.Cut("并发测试文本内容")) == 0 {
					t.Error("empty cut")
				}
				l.SearchTokens("检索 tokens")
				if i%4 == 1 && len(l.Keywords("并发测试的文本内容，并发测试", 2)) == 0 {
					t.Error("no keywords")
				}
			}
		}(i)
	}
	wg.Wait()
}

// Shared is one Lexicon for the process, and it loads nothing until a
// word is cut: the commands that never cut one do not pay for it.
func TestSharedLoadsOnFirstUse(t *testing.T) {
	l := Shared()
	if l != Shared() {
		t.Fatal("Shared returned two lexicons")
	}
	if l.Loaded() {
		t.Fatal("Shared loaded its dictionary before anything needed it")
	}
	if err := l.AddTerm("柯望舒", "nr"); err != nil || l.Loaded() {
		t.Fatalf("adding a term loaded the dictionary (err %v)", err)
	}
	if !slices.Contains(l.Cut("记者柯望舒报道"), "柯望舒") || !l.Loaded() || l.Err() != nil {
		t.Fatalf("Loaded=%v Err=%v", l.Loaded(), l.Err())
	}
	l.RemoveTerm("柯望舒")
}

// BenchmarkLoad measures the dictionary load and reports the heap the
// loaded dictionary keeps (MB-retained), which is what the app pays for
// as long as it runs.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&before)
		l := New()
		if err := l.Load(); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(l)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-retained")
}

func BenchmarkCut(b *testing.B) {
	l := loaded(b)
	text := strings.Repeat("今年以来，我市持续强化项目理念，加大投资项目入库力度。", 20)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Cut(text)
	}
}

// BenchmarkSearchTokens tokenises a seed page for the search index, as
// each import and each saved story does.
func BenchmarkSearchTokens(b *testing.B) {
	for _, name := range []string{"000_84aa73dab9e593a4.txt", "en_nytribune_1916-01-02_p1.txt"} {
		page, err := os.ReadFile(filepath.Join("..", "assets", "seeds", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name[:6], func(b *testing.B) {
			l := loaded(b)
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				l.SearchTokens(string(page))
			}
		})
	}
}
