package lexicon

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/go-ego/gse"
	"github.com/go-ego/gse/hmm/idf"
)

// samples are texts the compiled dictionary must cut exactly as gse's own
// does: news Chinese, names, numbers, mixed Latin, the seed pages.
func samples(t *testing.T) []string {
	out := []string{
		"科技成果转化需要企业参与",
		"中华人民共和国成立七十五周年，首都各界隆重集会。",
		"记者柯望舒报道：今年1至10月，全市完成固定资产投资3.5亿元，同比增长12.6%。",
		"市科学技术研究院与Galley Project签约，共建AI创新平台和5G实验室。",
		"新能源汽车产业发展迅速，新能源汽车销量增长，电池技术不断进步。",
	}
	for _, name := range []string{"000_84aa73dab9e593a4.txt", "en_nytribune_1916-01-02_p1.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "assets", "seeds", name))
		if err != nil {
			t.Fatalf("seed page: %v", err)
		}
		out = append(out, string(b))
	}
	return out
}

// The reference Lexicon, with a damaged compiled file in its cache
// folder, builds the dictionary from gse's text and writes a good file
// over the bad one; the next maps that file and must then cut, tag, look
// up and rank keywords exactly as the first, and rank keywords as gse's
// own TF-IDF ranker does.
func TestCompiledDictionaryCutsAsGseDoes(t *testing.T) {
	fromText := reference(t)
	if fromText.mapped != nil || fromText.frozen != nil || !fromText.segLoaded {
		t.Fatal("the first load came from a compiled file, in a folder that had only a damaged one")
	}
	compiled := mappedLexicon(t)

	var ranker idf.TagExtracter
	ranker.WithGse(fromText.seg)
	if err := ranker.LoadIdfStr(gse.ZhIdf); err != nil {
		t.Fatal(err)
	}
	for _, page := range samples(t) {
		short := page[:min(len(page), 40)]
		// Cut and Keywords go through gse's HMM, which takes seconds over
		// a whole English page (Galley cuts headlines with it, not pages).
		text := page
		if r := []rune(page); len(r) > 2000 && !strings.ContainsRune(page, '的') {
			text = string(r[:2000])
		}
		sameAsGse(t, fromText, compiled, text, everything)
		sameAsGse(t, fromText, compiled, page, tags)
		// gse's ranker, ties broken by the word as Keywords does.
		segs := ranker.ExtractTags(text, 1<<30)
		sort.SliceStable(segs, func(i, j int) bool {
			if segs[i].Weight != segs[j].Weight {
				return segs[i].Weight > segs[j].Weight
			}
			return segs[i].Text < segs[j].Text
		})
		var want []string
		for _, s := range segs[:min(len(segs), 8)] {
			want = append(want, s.Text)
		}
		if got := compiled.Keywords(text, 8); !slices.Equal(got, want) {
			t.Errorf("Keywords(%q…) = %q, gse ranks %q", short, got, want)
		}
		for _, w := range fromText.Cut(text) {
			f, _, ok := ranker.Idf.Freq(w)
			got, gotOK := compiled.idf.lookup(w)
			if (ok && f != 0) != gotOK || (gotOK && got != f) {
				t.Errorf("IDF of %q = %v %v, gse's table %v %v", w, got, gotOK, f, ok)
			}
		}
	}

	// The mapped dictionary takes new words, many of them.
	if err := compiled.AddTerm("柯望舒", "nr"); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(compiled.Cut("记者柯望舒报道"), "柯望舒") {
		t.Errorf("user term cut apart: %q", compiled.Cut("记者柯望舒报道"))
	}
	for i := 0; i < 3000; i++ {
		if err := compiled.AddTerm("测试词"+strings.Repeat("甲", i%7)+string(rune(0x4e00+i)), "n"); err != nil {
			t.Fatal(err)
		}
	}
	if !compiled.Known("测试词一") || !compiled.Known("柯望舒") || !compiled.Known("中华人民共和国") {
		t.Error("words lost among many terms")
	}
	compiled.RemoveTerm("柯望舒")
	if slices.Contains(compiled.Cut("记者柯望舒报道"), "柯望舒") {
		t.Error("a removed term still cut whole")
	}
}

// A damaged or foreign file is refused, never used: every byte changed and
// every cut is noticed, by the mapping and by the decoder.
func TestDamagedCompiledDictionaryIsRefused(t *testing.T) {
	l := reference(t) // the whole trie, as encodeCompiled needs it
	data, err := encodeCompiled(l.seg.Dict, *l.idf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeCompiled(bytes.NewReader(data), false); err != nil {
		t.Fatalf("a good file refused: %v", err)
	}
	// mapped reports whether file would be mapped (what openMapped checks
	// of the file it maps).
	mapped := func(file []byte) bool {
		if checkSum(bytes.NewReader(file), int64(len(file))) != nil {
			return false
		}
		_, err := parseMapped(file)
		return err == nil
	}
	if !mapped(data) {
		t.Fatal("a good file was not mapped")
	}
	for _, at := range []int{0, 9, 30, len(data) / 3, len(data) / 2, len(data) - 1} {
		bad := slices.Clone(data)
		bad[at] ^= 0x40
		if _, err := decodeCompiled(bytes.NewReader(bad), false); err == nil {
			t.Errorf("a file with byte %d changed was accepted", at)
		}
		if mapped(bad) {
			t.Errorf("a file with byte %d changed was mapped", at)
		}
	}
	for _, n := range []int{0, 10, len(data) / 2, len(data) - 1} {
		if _, err := decodeCompiled(bytes.NewReader(data[:n]), true); err == nil {
			t.Errorf("a file cut at %d bytes was accepted", n)
		}
		if mapped(data[:n]) {
			t.Errorf("a file cut at %d bytes was mapped", n)
		}
	}
	if _, err := decodeCompiled(bytes.NewReader(append(slices.Clone(data), 0)), false); err == nil {
		t.Error("a file with a byte too many was accepted")
	}
	if mapped(append(slices.Clone(data), 0)) {
		t.Error("a file with a byte too many was mapped")
	}

	// When the file can be read but not mapped, gse's dictionary is
	// decoded from it, the trie's sibling lists read on the first new
	// word: a file that changed since the load is noticed then, not used.
	dir := t.TempDir()
	if err := os.WriteFile(compiledPath(dir), data, 0o644); err != nil {
		t.Fatal(err)
	}
	lazy := NewWithCacheDir(dir)
	lazy.loadOnce.Do(func() { // Load, past the mapping
		defer close(lazy.ready)
		lazy.loadErr = lazy.loadGse()
	})
	if err := lazy.Load(); err != nil || lazy.frozen == nil || lazy.mapped != nil {
		t.Fatalf("load from the file: %v, frozen %v", err, lazy.frozen != nil)
	}
	sameAsGse(t, l, lazy, "记者柯望舒报道：今年1至10月，全市完成固定资产投资3.5亿元。", everything)
	sec := *lazy.frozen.nInfos
	changed := slices.Clone(data)
	changed[sec.off+sec.n/2] ^= 1
	if err := os.WriteFile(compiledPath(dir), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := lazy.frozen.thaw(compiledPath(dir)); err == nil {
		t.Error("sibling lists that changed since the load were used")
	}
	if err := os.WriteFile(compiledPath(dir), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := lazy.AddTerm("柯望舒", "nr"); err != nil || lazy.frozen != nil || !slices.Contains(lazy.Cut("记者柯望舒报道"), "柯望舒") {
		t.Errorf("a new word after the thaw: err %v, frozen %v", err, lazy.frozen != nil)
	}
}

// cutSearchHan cuts every run of Han characters exactly as gse's
// CutSearch does, on gse's dictionary and on the mapped one, with a user
// term too.
func TestCutSearchHanIsGsesCutSearch(t *testing.T) {
	gse, mapped := reference(t), mappedLexicon(t)
	runs := 0
	withTerms(t, gse, mapped, []Term{{"柯望舒", "nr"}}, func() {
		for _, page := range append(samples(t), "记者柯望舒报道", "中试基地专精特新研发平台常务会议", "〇一二") {
			var run []rune
			check := func() {
				if len(run) == 0 {
					return
				}
				s := string(run)
				run = run[:0]
				runs++
				loadHMM()
				gseMu.RLock()
				want, got, gotMapped := gse.seg.CutSearch(s, true), gse.cutSearchHan(s), mapped.cutSearchHan(s)
				gseMu.RUnlock()
				if !slices.Equal(got, want) {
					t.Errorf("cutSearchHan(%q) = %q, gse %q", s, got, want)
				}
				if !slices.Equal(gotMapped, want) {
					t.Errorf("mapped cutSearchHan(%q) = %q, gse %q", s, gotMapped, want)
				}
			}
			for _, r := range page {
				if r >= 0x2e80 && unicode.Is(unicode.Han, r) {
					run = append(run, r)
				} else {
					check()
				}
			}
			check()
		}
	})
	if runs < 100 {
		t.Fatalf("only %d runs of Han characters compared", runs)
	}
}
