// Package lexicon puts go-ego/gse behind the small API the rest of Galley
// needs: word segmentation, part-of-speech tags, search tokens and keywords,
// with the Simplified Chinese dictionary embedded in the binary and the
// editor's own terms (names the dictionary lacks) on top.
//
// The dictionary loads on first use, in milliseconds from a compiled copy
// in the user cache folder (dictcache.go; the first run builds it from
// gse's text in a second or two), and before it has loaded the search cut
// reads that copy in place (dictlookup.go), so commands that cut only a
// query or one story never load it. Every method that needs the loaded
// dictionary waits for it. A Lexicon is safe for concurrent use: lookups
// share a read lock, adding or removing a term takes the write lock.
package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/go-ego/gse"
)

// Token is a word and its part-of-speech tag as gse names them: nr person,
// ns place, nt organisation, n noun, v verb, m numeral, x other …
type Token struct {
	Text string
	Tag  string
}

// Term is a word the editor added, with its tag (nr, ns, nt or n).
type Term struct {
	Word string
	Tag  string
}

// Tags that AddTerm accepts.
var TermTags = []string{"nr", "ns", "nt", "n"}

// userFreq is the frequency given to user terms: high enough that the
// segmenter keeps a name like 段利梅 whole instead of cutting it into
// known shorter words.
const userFreq = 100000

// Lexicon wraps a gse segmenter. The zero value is not usable; call New or
// Shared.
type Lexicon struct {
	loadOnce sync.Once
	ready    chan struct{}
	loadErr  error
	cacheDir string // where the compiled dictionary is kept ("": nowhere)

	seg       gse.Segmenter
	segLoaded bool              // seg holds the dictionary (guarded by gseMu)
	frozen    *compiled         // seg's trie cannot take new words yet: see thaw (guarded by gseMu)
	terms     map[string]string // user word → tag (guarded by gseMu)

	idfOnce sync.Once
	idf     *idfTable // set by Load from the compiled dictionary, else by loadIdf

	quickOnce sync.Once
	quick     atomic.Pointer[lookupDict] // the mapped trie for short texts, see quickSearchTokens

	idfCache  sync.Map     // word → idfEntry, see idfOf
	idfCached atomic.Int64 // entries in idfCache
}

// New returns a Lexicon whose dictionary is not loaded yet: call Load or
// LoadAsync, or just use it (the first lookup loads it). It keeps its
// compiled dictionary in DefaultCacheDir.
func New() *Lexicon { return NewWithCacheDir(DefaultCacheDir()) }

// NewWithCacheDir is New with the compiled dictionary kept in dir; ""
// keeps none, so every Load builds the dictionary from gse's text.
func NewWithCacheDir(dir string) *Lexicon {
	return &Lexicon{ready: make(chan struct{}), terms: map[string]string{}, cacheDir: dir}
}

// gseMu guards every segmenter and gse's package-level HMM tables, which
// gse rewrites each time a segmenter loads a dictionary (the keyword
// model's included): a load must not run beside a Cut of any Lexicon.
var gseMu sync.RWMutex

var (
	sharedOnce sync.Once
	shared     *Lexicon
)

// Shared returns the process-wide Lexicon. Its dictionary loads when
// something first needs it, so a command that never cuts a word (list,
// show, status, export) never pays for it.
func Shared() *Lexicon {
	sharedOnce.Do(func() { shared = New() })
	return shared
}

// Load loads the dictionary once and reports whether it succeeded. Calls
// after the first wait for the first to finish.
//
// The dictionary comes from the compiled file in the cache folder (see
// dictcache.go), which takes milliseconds; when there is none, or it
// cannot be used, gse builds the dictionary from its text (a second or
// two) and the compiled file is written for the next process.
func (l *Lexicon) Load() error {
	l.loadOnce.Do(func() {
		defer close(l.ready)
		gseMu.Lock()
		defer gseMu.Unlock()
		seg, c, err := loadSegmenter(l.cacheDir)
		if err != nil {
			l.loadErr = fmt.Errorf("loading the word dictionary: %w", err)
			return
		}
		l.seg, l.segLoaded = seg, true
		if c != nil {
			l.idf = &c.idf
			if c.nInfos != nil {
				l.frozen = c
			}
		}
		if len(l.terms) > 0 && l.thaw() {
			for w, tag := range l.terms { // terms added before the load finished
				_ = l.seg.AddToken(w, userFreq, tag)
			}
		}
	})
	<-l.ready
	return l.loadErr
}

// loadSegmenter returns a segmenter holding gse's simplified Chinese
// dictionary and, when it came from (or went to) the cache, the compiled
// form with the IDF table. The caller holds gseMu.
func loadSegmenter(cacheDir string) (gse.Segmenter, *compiled, error) {
	var seg gse.Segmenter
	seg.SkipLog = true
	if c, err := readCompiled(cacheDir); err == nil {
		seg.Dict = c.dict
		seg.Init() // what gse's loaders do first: defaults and the HMM model
		return seg, c, nil
	}
	seg, idf, data, err := compileDict()
	if seg.Dict == nil {
		if err == nil {
			err = errors.New("gse loaded no dictionary")
		}
		return seg, nil, err
	}
	if idf == nil {
		return seg, nil, nil // loadIdf builds the table when a keyword is asked for
	}
	if err == nil {
		// Saving can fail (a read-only home): this process has its
		// dictionary; the next one builds it again.
		_ = writeCompiled(cacheDir, data)
	}
	return seg, &compiled{idf: *idf}, nil
}

// thaw makes the trie of a dictionary read from the cache ready for new
// words (see compiled.thaw) and reports whether it is. Should the file
// have gone since, the dictionary is built again from gse's text: slow,
// but no word is lost. The caller holds gseMu for writing, before any
// user term is added.
func (l *Lexicon) thaw() bool {
	if l.frozen == nil {
		return true
	}
	if err := l.frozen.thaw(compiledPath(l.cacheDir)); err != nil {
		seg, _, _, _ := compileDict()
		if seg.Dict == nil {
			return false // the terms stay in l.terms, used by Tag
		}
		l.seg = seg
	}
	l.frozen = nil
	return true
}

// LoadAsync starts Load in the background and returns at once.
func (l *Lexicon) LoadAsync() { go l.Load() }

// Ready starts loading the dictionary in the background if nothing has
// yet, and returns a channel closed once it has loaded (or failed to: see
// Err).
func (l *Lexicon) Ready() <-chan struct{} {
	if !l.Loaded() {
		l.LoadAsync()
	}
	return l.ready
}

// Done returns a channel closed once the dictionary has loaded (or failed
// to), without starting a load: for watching a load someone else starts.
func (l *Lexicon) Done() <-chan struct{} { return l.ready }

// Loaded reports, without waiting, whether the dictionary is ready.
func (l *Lexicon) Loaded() bool {
	select {
	case <-l.ready:
		return l.loadErr == nil
	default:
		return false
	}
}

// Err is the load error, if the load finished and failed.
func (l *Lexicon) Err() error {
	select {
	case <-l.ready:
		return l.loadErr
	default:
		return nil
	}
}

// wait loads the dictionary if nobody has started it yet, then waits for it.
func (l *Lexicon) wait() bool { return l.Load() == nil }

// Cut splits text into words (accurate mode, with HMM for unknown words).
// Without a dictionary (a failed load) it falls back to single characters
// and Latin words, so callers never get nothing.
func (l *Lexicon) Cut(text string) []string {
	if !l.wait() {
		return fallbackCut(text)
	}
	gseMu.RLock()
	defer gseMu.RUnlock()
	return l.seg.Cut(text, true)
}

// Tag splits text into words with their part-of-speech tags.
func (l *Lexicon) Tag(text string) []Token {
	if !l.wait() {
		words := fallbackCut(text)
		out := make([]Token, len(words))
		for i, w := range words {
			out[i] = Token{Text: w, Tag: "x"}
		}
		return out
	}
	// gse ignores a user term at the very start of a text (冯立军在… comes
	// back as 冯/立/军), so tag after a line break and drop that again.
	gseMu.RLock()
	pos := l.seg.Pos("\n"+text, false)
	gseMu.RUnlock()
	if len(pos) > 0 && pos[0].Text == "\n" {
		pos = pos[1:]
	}
	out := make([]Token, 0, len(pos))
	for _, p := range pos {
		tag := p.Pos
		if t, ok := l.userTag(p.Text); ok {
			tag = t
		}
		out = append(out, Token{Text: p.Text, Tag: tag})
	}
	return out
}

func (l *Lexicon) userTag(word string) (string, bool) {
	gseMu.RLock()
	defer gseMu.RUnlock()
	t, ok := l.terms[word]
	return t, ok
}

// SearchTokens returns the tokens a full-text index should hold for text:
// for runs of Han characters, gse's search mode (long words and the
// shorter words inside them, so 科技 finds 科技研发平台); for everything
// else, the words of Unicode's word boundaries (UAX #29), lower-cased.
// Spaces and punctuation are dropped. Latin text never goes through gse:
// its HMM cut Latin letters with regular expressions, most of an English
// page's import, for the words that the word boundaries give at once.
func (l *Lexicon) SearchTokens(text string) []string {
	var out []string
	start, inHan := 0, false
	flush := func(end int) {
		if start == end {
			return
		}
		if inHan {
			out = l.hanSearchTokens(text[start:end], out)
		} else {
			out = latinSearchTokens(text[start:end], out)
		}
		start = end
	}
	for i, r := range text {
		if han := r >= 0x2e80 && unicode.Is(unicode.Han, r); han != inHan {
			flush(i)
			inHan = han
		}
	}
	flush(len(text))
	return out
}

// hanSearchTokens appends gse's search-mode words of a run of Han
// characters.
func (l *Lexicon) hanSearchTokens(run string, out []string) []string {
	words, ok := l.quickSearchTokens(run)
	switch {
	case ok:
	case l.wait():
		gseMu.RLock()
		words = l.cutSearchHan(run)
		gseMu.RUnlock()
	default:
		words = fallbackCut(run)
	}
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" && hasWordRune(w) {
			out = append(out, w)
		}
	}
	return out
}

// latinSearchTokens appends the words of text (no Han in it) that hold a
// letter or a digit, lower-cased.
func latinSearchTokens(text string, out []string) []string {
	ws := words.FromString(text)
	for ws.Next() {
		if w := ws.Value(); hasWordRune(w) {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// Keywords returns up to n keywords of text by TF-IDF, best first: gse's
// keyword ranking (its Cut, stop words and IDF table) with ties broken by
// the word, so that the same text always gives the same keywords.
func (l *Lexicon) Keywords(text string, n int) []string {
	if n <= 0 || !l.wait() {
		return nil
	}
	return l.KeywordsOf(l.Cut(text), n)
}

// loadIdf makes sure the IDF table for keyword ranking is there: Load
// takes it from the compiled dictionary; without one, gse's text is read
// here, once (the first keyword lookup pays for it).
func (l *Lexicon) loadIdf() {
	l.idfOnce.Do(func() {
		gseMu.Lock()
		defer gseMu.Unlock()
		if l.idf == nil {
			t := buildIdf()
			l.idf = &t
		}
	})
}

// Known reports whether word is in the dictionary or among the user terms.
func (l *Lexicon) Known(word string) bool {
	if _, ok := l.userTag(word); ok {
		return true
	}
	if !l.wait() {
		return false
	}
	gseMu.RLock()
	defer gseMu.RUnlock()
	_, _, ok := l.seg.Find(word)
	return ok
}

// AddTerm adds a word the dictionary lacks (a name, a place, an
// organisation) so that segmentation keeps it whole and tags it.
func (l *Lexicon) AddTerm(word, tag string) error {
	word = strings.TrimSpace(word)
	if word == "" || strings.ContainsAny(word, " \t\n") {
		return fmt.Errorf("a term is one word without spaces, not %q", word)
	}
	if tag == "" {
		tag = "n"
	}
	if !validTag(tag) {
		return fmt.Errorf("unknown tag %q for %q: use one of %s", tag, word, strings.Join(TermTags, ", "))
	}
	gseMu.Lock()
	defer gseMu.Unlock()
	l.terms[word] = tag
	if l.segLoaded && l.thaw() {
		_ = l.seg.RemoveToken(word)
		return l.seg.AddToken(word, userFreq, tag)
	}
	return nil // added to the dictionary when the load finishes
}

// RemoveTerm removes a user term. Words of the built-in dictionary stay.
func (l *Lexicon) RemoveTerm(word string) {
	gseMu.Lock()
	defer gseMu.Unlock()
	if _, ok := l.terms[word]; !ok {
		return
	}
	delete(l.terms, word)
	if l.segLoaded && l.thaw() {
		_ = l.seg.RemoveToken(word)
	}
}

// Terms lists the user terms, sorted by word.
func (l *Lexicon) Terms() []Term {
	gseMu.RLock()
	defer gseMu.RUnlock()
	out := make([]Term, 0, len(l.terms))
	for w, t := range l.terms {
		out = append(out, Term{Word: w, Tag: t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Word < out[j].Word })
	return out
}

// LoadTermsFile adds the terms of a text file: one per line, "word" or
// "word tag", blank lines and lines starting with # ignored. An error names
// the file and the line.
func (l *Lexicon) LoadTermsFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("dictionary file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return fmt.Errorf("%s:%d: not UTF-8 text", path, line)
		}
		fields := strings.Fields(text)
		tag := "n"
		if len(fields) > 1 {
			tag = fields[1]
		}
		if err := l.AddTerm(fields[0], tag); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ErrNotLoaded is returned by callers that need the dictionary and cannot
// wait for it.
var ErrNotLoaded = errors.New("the word dictionary is still loading")

func validTag(tag string) bool {
	for _, t := range TermTags {
		if t == tag {
			return true
		}
	}
	return false
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// fallbackCut splits text into single Han characters and runs of letters
// or digits: crude, but enough to keep search and tagging alive when the
// dictionary cannot be loaded.
func fallbackCut(text string) []string {
	var out []string
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			out = append(out, run.String())
			run.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			run.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}
