package lexicon

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// The mapped dictionary's segmenters must give gse's words and tags. The
// reference is gse itself, loaded from its text the slow way once for the
// package, in a cache folder of its own that it writes the compiled file
// to; the Lexicons under test map that file.

var refDir string // the reference's cache folder (TestMain)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "galley-lexicon-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	refDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var ref struct {
	once      sync.Once
	lex       *Lexicon
	err       error
	baseTotal float64 // the dictionary's total frequency before any term
	words     []string
}

// reference is the Lexicon with gse's own dictionary. Its folder first
// holds a damaged compiled file, which its load must replace with a good
// one.
func reference(t testing.TB) *Lexicon {
	ref.once.Do(func() {
		if ref.err = os.WriteFile(compiledPath(refDir), []byte(dictMagic+"\x01\x02 a file cut short"), 0o644); ref.err != nil {
			return
		}
		l := NewWithCacheDir(refDir)
		if ref.err = l.Load(); ref.err != nil {
			return
		}
		l.loadIdf()
		ref.lex = l
		ref.baseTotal = l.seg.Dict.TotalFreq()
		for i := range l.seg.Dict.Tokens {
			ref.words = append(ref.words, l.seg.Dict.Tokens[i].Text())
		}
	})
	if ref.err != nil {
		t.Fatal(ref.err)
	}
	return ref.lex
}

// mappedLexicon is a new Lexicon on the reference's compiled file.
func mappedLexicon(t testing.TB) *Lexicon {
	reference(t)
	l := NewWithCacheDir(refDir)
	if err := l.Load(); err != nil {
		t.Fatal(err)
	}
	if l.mapped == nil {
		t.Fatal("the compiled file was not mapped")
	}
	return l
}

// withTerms adds terms to both Lexicons, runs f, and removes them again.
// gse keeps a trace of a term in its dictionary (see userterms.go: the
// total frequency, and a dictionary word the term replaced), which the
// reference is cleared of afterwards so that the next test compares with
// a clean gse.
func withTerms(t testing.TB, gse, mapped *Lexicon, terms []Term, f func()) {
	t.Helper()
	type restore struct {
		key   string
		value int
	}
	var dictWords []restore
	for _, term := range terms {
		key := termKey(term.Word)
		if v, _, err := gse.seg.Value(key); err == nil {
			dictWords = append(dictWords, restore{key, v})
		}
		for _, l := range []*Lexicon{gse, mapped} {
			if err := l.AddTerm(term.Word, term.Tag); err != nil {
				t.Fatal(err)
			}
		}
	}
	settleReference(gse)
	defer func() {
		for _, term := range terms {
			gse.RemoveTerm(term.Word)
			mapped.RemoveTerm(term.Word)
		}
		md := (*mirrorDict)(unsafe.Pointer(gse.seg.Dict))
		for _, w := range dictWords {
			if err := md.trie.Insert([]byte(w.key), w.value); err != nil {
				t.Fatal(err)
			}
		}
		settleReference(gse)
	}()
	f()
}

// settleReference sets gse's total frequency to what a process that added
// the current terms once gets (see userterms.go).
func settleReference(gse *Lexicon) {
	md := (*mirrorDict)(unsafe.Pointer(gse.seg.Dict))
	md.totalFreq = ref.baseTotal + userFreq*float64(len(gse.terms))
}

// compared says which methods sameAsGse compares: gse's Cut (with its
// HMM) is slow enough that a test over megabytes of text compares less.
type compared int

const (
	tags       compared = iota // TagText and Tag
	cuts                       // and SearchTokens and Cut
	everything                 // and Known and Keywords
)

// sameAsGse compares what the methods give for text on both Lexicons and
// reports the first difference of each.
func sameAsGse(t testing.TB, gse, mapped *Lexicon, text string, what compared) {
	t.Helper()
	short := text
	if r := []rune(text); len(r) > 40 {
		short = string(r[:40]) + "…"
	}
	if a, b := gse.TagText(text), mapped.TagText(text); !slices.Equal(a, b) {
		t.Errorf("TagText(%q): %s", short, firstDiff(a, b))
	}
	if a, b := gse.Tag(text), mapped.Tag(text); !slices.Equal(a, b) {
		t.Errorf("Tag(%q): %s", short, firstDiff(a, b))
	}
	if what < cuts {
		return
	}
	if a, b := gse.SearchTokens(text), mapped.SearchTokens(text); !slices.Equal(a, b) {
		t.Errorf("SearchTokens(%q): %s", short, firstDiff(a, b))
	}
	words := gse.Cut(text)
	if b := mapped.Cut(text); !slices.Equal(words, b) {
		t.Errorf("Cut(%q): %s", short, firstDiff(words, b))
	}
	if what < everything {
		return
	}
	for _, w := range words {
		for _, s := range []string{w, w + "的", firstRunes(w, 1), firstRunes(w, 2)} {
			if a, b := gse.Known(s), mapped.Known(s); a != b {
				t.Errorf("Known(%q) = %v, gse %v", s, b, a)
			}
		}
	}
	if a, b := gse.Keywords(text, 10), mapped.Keywords(text, 10); !slices.Equal(a, b) {
		t.Errorf("Keywords(%q) = %q, gse %q", short, b, a)
	}
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// firstDiff describes where two lists part.
func firstDiff[T comparable](want, got []T) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(i-2, 0)
	return fmt.Sprintf("%d items, gse %d; from item %d:\n mapped %v\n gse    %v", len(got), len(want), from,
		got[from:min(i+3, len(got))], want[from:min(i+3, len(want))])
}

// inventedTerms are names the dictionary lacks, one with Latin letters in
// both cases, one that is a dictionary word already (the term replaces it).
var inventedTerms = []Term{
	{"柯望舒", "nr"}, {"段利梅", "nr"}, {"冯立军", "nr"}, {"星河湾", "ns"}, {"云栖智谷", "nt"},
	{"K6快线", "n"}, {"鹭岛", "ns"}, {"新能源", "nt"}, {"覃", "nr"},
}

// The sample page, cut and tagged with the mapped dictionary, with and
// without user terms, gives gse's words and tags.
func TestMappedSamplePageIsGse(t *testing.T) {
	gse, mapped := reference(t), mappedLexicon(t)
	page, err := os.ReadFile(filepath.Join("..", "assets", "seeds", "000_84aa73dab9e593a4.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sameAsGse(t, gse, mapped, string(page), everything)
	withTerms(t, gse, mapped, inventedTerms, func() {
		text := "柯望舒在会上说，" + string(page) + "\n记者段利梅、冯立军报道：K6快线开进星河湾，覃"
		sameAsGse(t, gse, mapped, text, everything)
		sameAsGse(t, gse, mapped, "冯立军在会上说", everything)
	})
}

// randomText strings together dictionary words, user terms and characters
// of every kind a page may hold.
func randomText(r *rand.Rand, words []string, terms []Term) string {
	const punct = "，。、：；！？（）《》“”…—·,.;:!?()[]-/%&'\" "
	var b strings.Builder
	for n := 1 + r.IntN(40); n > 0; n-- {
		switch k := r.IntN(14); {
		case k < 5:
			b.WriteString(words[r.IntN(len(words))])
		case k == 5:
			b.WriteRune(rune(0x4e00 + r.IntN(0x9fa5-0x4e00)))
		case k == 6:
			for i := r.IntN(6); i >= 0; i-- {
				c := rune('a' + r.IntN(26))
				if r.IntN(2) == 0 {
					c -= 'a' - 'A'
				}
				b.WriteRune(c)
			}
		case k == 7:
			b.WriteString(fmt.Sprint(r.IntN(100000)))
			if r.IntN(3) == 0 {
				b.WriteString(".5")
			}
		case k == 8:
			p := []rune(punct)
			b.WriteRune(p[r.IntN(len(p))])
		case k == 9:
			b.WriteRune(rune(0xff01 + r.IntN(0xff5e-0xff01))) // full-width forms
		case k == 10:
			b.WriteString([]string{"\n", "\n\n", " ", "\t", "\r\n", "\u3000"}[r.IntN(6)])
		case k == 11 && len(terms) > 0:
			b.WriteString(terms[r.IntN(len(terms))].Word)
		case k == 12:
			b.WriteString([]string{"é", "Ωμέγα", "Москва", "\ufffd", "😀", "①", "Ⅻ", "ß", "〇"}[r.IntN(9)])
		default:
			b.WriteString(words[r.IntN(len(words))])
		}
	}
	return b.String()
}

// Texts made of random dictionary words and characters of every kind
// (Han, Latin in both cases, digits, punctuation, full-width forms, line
// breaks), with user terms and without, give gse's words and tags.
func TestMappedRandomTextsAreGse(t *testing.T) {
	gse, mapped := reference(t), mappedLexicon(t)
	r := rand.New(rand.NewPCG(12, 1))
	for i := 0; i < 400; i++ {
		sameAsGse(t, gse, mapped, randomText(r, ref.words, nil), everything)
	}
	// Words with Latin letters or digits in them (A股, T恤, 3D打印) are
	// several of gse's pieces, which a piece alone competes with.
	var mixed []string
	for _, w := range ref.words {
		if strings.ContainsAny(w, "abcdefghijklmnopqrstuvwxyz0123456789") && utf8.RuneCountInString(w) > 1 {
			mixed = append(mixed, w)
		}
	}
	for i := 0; i < 200; i++ {
		sameAsGse(t, gse, mapped, randomText(r, mixed, nil), everything)
	}
	withTerms(t, gse, mapped, inventedTerms, func() {
		for i := 0; i < 400; i++ {
			text := randomText(r, ref.words, inventedTerms)
			if i%4 == 0 { // a term at the very start
				text = inventedTerms[i/4%len(inventedTerms)].Word + text
			}
			sameAsGse(t, gse, mapped, text, everything)
		}
	})
	// Thousands of terms, as a newsroom's list of names: each adds to the
	// total frequency that Cut's route divides by, enough to change routes.
	many := slices.Clone(inventedTerms)
	for len(many) < 3000 {
		name := string([]rune{rune(0x4e00 + r.IntN(0x9fa5-0x4e00)), rune(0x4e00 + r.IntN(0x9fa5-0x4e00)), rune(0x4e00 + r.IntN(0x9fa5-0x4e00))})
		if _, _, known := gse.seg.Find(name); !known {
			many = append(many, Term{name, TermTags[r.IntN(len(TermTags))]})
		}
	}
	withTerms(t, gse, mapped, many, func() {
		for i := 0; i < 300; i++ {
			sameAsGse(t, gse, mapped, randomText(r, ref.words, many), everything)
		}
	})
	if t.Failed() {
		return
	}
	// Texts that are not UTF-8.
	for _, text := range []string{"科技\xff成果", "\xe4\xb8", "abc\x80DEF", "中\xed\xa0\x80国"} {
		sameAsGse(t, gse, mapped, text, everything)
	}
}

// Every page of the development corpus gives gse's words and tags.
func TestMappedCorpusIsGse(t *testing.T) {
	pages, _ := filepath.Glob("/work/shared/corpus/*/raw.txt")
	if len(pages) == 0 {
		t.Skip("no corpus at /work/shared/corpus: the mapped path is compared on the sample page and random texts only")
	}
	if testing.Short() {
		t.Skip("the corpus takes seconds to compare")
	}
	gse, mapped := reference(t), mappedLexicon(t)
	check := func(what compared) {
		for _, p := range pages {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			sameAsGse(t, gse, mapped, string(b), what)
			if t.Failed() {
				t.Fatalf("in %s", p)
			}
		}
	}
	check(cuts)
	withTerms(t, gse, mapped, inventedTerms, func() { check(tags) })
}

// A user term at the very start of a text: gse's ModeSegment does not keep
// it whole (its distance of 0 leaves the path there at 0, which reads as
// "no path yet"), and neither does the mapped segmenter, which follows the
// same rule; Tag and TagText keep it whole and tagged on both, by tagging
// after a line break.
func TestMappedTermAtTheStartIsGse(t *testing.T) {
	gse, mapped := reference(t), mappedLexicon(t)
	withTerms(t, gse, mapped, inventedTerms, func() {
		text := "冯立军在会上说"
		gseMu.RLock()
		var want []wordSpan
		for _, s := range gse.seg.ModeSegment([]byte(text), false) {
			want = append(want, wordSpan{s.Start(), s.End(), s.Token().Pos()})
		}
		got := mapped.mapped.segment(text, mapped.overlay.index(), new(segBuffers))
		gseMu.RUnlock()
		if !slices.Equal(got, want) {
			t.Errorf("segment(%q): %s", text, firstDiff(want, got))
		}
		if len(got) > 0 && text[got[0].start:got[0].end] == "冯立军" {
			t.Errorf("gse's rule changed: the term at the start is kept whole: %v", got)
		}
		toks := mapped.Tag(text)
		if len(toks) == 0 || toks[0] != (Token{"冯立军", "nr"}) {
			t.Errorf("Tag(%q) = %v, want the term first, tagged nr", text, toks)
		}
	})
}

// Terms added, re-tagged and removed on a mapped Lexicon change its words
// as they change gse's (a term removed leaves the dictionary's words).
func TestMappedTermsComeAndGo(t *testing.T) {
	gse, mapped := reference(t), mappedLexicon(t)
	text := "记者柯望舒报道，新能源汽车开进星河湾。"
	withTerms(t, gse, mapped, inventedTerms[:4], func() {
		sameAsGse(t, gse, mapped, text, everything)
		for _, l := range []*Lexicon{gse, mapped} {
			if err := l.AddTerm("柯望舒", "nz"); err == nil {
				t.Fatal("a bad tag was accepted")
			}
			if err := l.AddTerm("星河湾", "nt"); err != nil {
				t.Fatal(err)
			}
		}
		settleReference(gse)
		sameAsGse(t, gse, mapped, text, everything)
		for _, l := range []*Lexicon{gse, mapped} {
			l.RemoveTerm("柯望舒")
		}
		settleReference(gse)
		sameAsGse(t, gse, mapped, text, everything)
		if slices.Contains(mapped.Cut(text), "柯望舒") || mapped.Known("柯望舒") {
			t.Error("a removed term is still a word")
		}
	})
	sameAsGse(t, gse, mapped, text, everything)
	if !mapped.Known("新能源") {
		t.Error("the dictionary lost a word that was a term for a while")
	}
}

// A term file read before the dictionary loads takes effect on the mapped
// dictionary as on gse's.
func TestMappedTermsBeforeLoad(t *testing.T) {
	gse := reference(t)
	path := filepath.Join(t.TempDir(), "terms.txt")
	if err := os.WriteFile(path, []byte("柯望舒 nr\n云栖智谷 nt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	early := NewWithCacheDir(refDir)
	if err := early.LoadTermsFile(path); err != nil {
		t.Fatal(err)
	}
	if err := early.Load(); err != nil || early.mapped == nil {
		t.Fatalf("load: %v, mapped %v", err, early.mapped != nil)
	}
	if err := gse.LoadTermsFile(path); err != nil {
		t.Fatal(err)
	}
	settleReference(gse)
	defer func() {
		gse.RemoveTerm("柯望舒")
		gse.RemoveTerm("云栖智谷")
		settleReference(gse)
	}()
	sameAsGse(t, gse, early, "柯望舒走进云栖智谷，见到了柯望舒。", everything)
}

// Loading the mapped dictionary keeps it off the Go heap: what the load
// adds there is its bookkeeping, not the 80 MB gse's tables took.
func TestMappedLoadKeepsTheDictionaryOffTheHeap(t *testing.T) {
	reference(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l := NewWithCacheDir(refDir)
	mappedMu.Lock()
	clear(mappedFiles) // map the file anew, as a new process does
	mappedMu.Unlock()
	if err := l.Load(); err != nil || l.mapped == nil {
		t.Fatalf("load: %v", err)
	}
	l.Tag("科技成果转化需要企业参与")
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(l)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 8<<20 {
		t.Errorf("the load kept %.1f MB on the heap", float64(grown)/(1<<20))
	}
}

// FuzzMappedIsGse compares the mapped dictionary's methods with gse's on
// any text, with user terms and without.
func FuzzMappedIsGse(f *testing.F) {
	for _, s := range []string{"科技成果转化需要企业参与", "公交K6路10日起开通，GDP增长5.2%。", "柯望舒在会上说", "\xff中", "ＡＢＣ１２３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if utf8.RuneCountInString(text) > 2000 {
			return
		}
		gse, mapped := reference(t), mappedLexicon(t)
		sameAsGse(t, gse, mapped, text, everything)
		if strings.ContainsRune(text, 0) {
			return // a term then a NUL: see userterms.go
		}
		withTerms(t, gse, mapped, inventedTerms, func() {
			sameAsGse(t, gse, mapped, text, everything)
			sameAsGse(t, gse, mapped, "柯望舒"+text+"K6快线", everything)
		})
	})
}

// BenchmarkTagText tags the sample page with gse's dictionary and with
// the mapped one (the user's compiled file, so that the profile of the
// mapped run holds no load of gse's).
func BenchmarkTagText(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("..", "assets", "seeds", "000_84aa73dab9e593a4.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		lex  func(testing.TB) *Lexicon
	}{{"gse", reference}, {"mapped", func(testing.TB) *Lexicon { return loaded(b) }}} {
		b.Run(c.name, func(b *testing.B) {
			l := c.lex(b)
			if (l.mapped != nil) != (c.name == "mapped") {
				b.Skip("no compiled dictionary in the user cache folder")
			}
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				l.TagText(string(page))
			}
		})
	}
}

// WordAcross on the mapped dictionary, which asks the HMM only about the
// run of single characters around the offset, answers as the cut does,
// gse's own and the mapped one, at every offset of random texts (with
// user terms and without) and around every line break of the corpus.
func TestMappedWordAcrossIsTheCuts(t *testing.T) {
	gse, mapped := reference(t), mappedLexicon(t)
	check := func(text string) {
		t.Helper()
		cut, gseCut := mapped.Cut(text), gse.Cut(text)
		for at := 0; at <= len(text)+1; at++ {
			want := wordAcrossWords(cut, at)
			if got := mapped.WordAcross(text, at); got != want || wordAcrossWords(gseCut, at) != want {
				t.Fatalf("WordAcross(%q, %d) = %v, the cut %q says %v", text, at, got, cut, want)
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 3))
	for i := 0; i < 300; i++ {
		check(randomText(r, ref.words, nil))
	}
	withTerms(t, gse, mapped, inventedTerms, func() {
		for i := 0; i < 200; i++ {
			check(randomText(r, ref.words, inventedTerms))
		}
	})
	for _, text := range []string{"", "科技\xff成果", "\xe4\xb8", "abc\x80DEF", "中\xed\xa0\x80国", "İstanbul大学"} {
		check(text)
	}
	pages, _ := filepath.Glob("/work/shared/corpus/*/raw.txt")
	if testing.Short() {
		pages = nil
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i := 1; i < len(lines); i++ {
			above, below := []rune(strings.TrimSpace(lines[i-1])), []rune(strings.TrimSpace(lines[i]))
			above, below = above[max(0, len(above)-6):], below[:min(len(below), 6)]
			text := string(above) + string(below)
			cut := mapped.Cut(text)
			if at := len(string(above)); mapped.WordAcross(text, at) != wordAcrossWords(cut, at) {
				t.Fatalf("%s: WordAcross(%q, %d) is not what the cut %q says", p, text, at, cut)
			}
		}
	}
}
