// Package lexicon puts go-ego/gse behind the small API the rest of Galley
// needs: word segmentation, part-of-speech tags, search tokens and keywords,
// with the Simplified Chinese dictionary embedded in the binary and the
// editor's own terms (names the dictionary lacks) on top.
//
// The dictionary loads on first use: the first run on a machine builds it
// from gse's text (a second or two) and writes a compiled copy to the user
// cache folder (dictcache.go); every later process maps that copy and
// reads it in place (dictlookup.go), which takes milliseconds and puts no
// dictionary on the Go heap, and cuts and tags text with Galley's own
// segmenters over it (cutsearch.go, segment.go), word for word gse's. When
// the copy cannot be used, gse's own segmenter does the work. Every method
// that needs the loaded dictionary waits for it. A Lexicon is safe for
// concurrent use: lookups share a read lock, adding or removing a term
// takes the write lock.
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

	// The dictionary: the mapped compiled file, or, when it cannot be
	// used, gse's segmenter holding the dictionary and the user terms.
	mapped    *mappedDict
	seg       gse.Segmenter
	segLoaded bool              // seg holds the dictionary (guarded by gseMu)
	frozen    *compiled         // seg's trie cannot take new words yet: see thaw (guarded by gseMu)
	terms     map[string]string // user word → tag (guarded by gseMu)
	overlay   termOverlay       // the terms as the mapped dictionary's segmenters read them (guarded by gseMu)

	idfOnce sync.Once
	idf     *idfTable // set by Load from the compiled dictionary, else by loadIdf

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
// The dictionary is the compiled file in the cache folder, mapped (see
// dictlookup.go), which takes milliseconds. When there is none, or it
// cannot be used (damaged, written by another gse, no cache folder), gse
// loads the dictionary: from the file decoded onto the heap if only the
// mapping failed, else from its text (a second or two), and the compiled
// file is written for the next process.
func (l *Lexicon) Load() error {
	l.loadOnce.Do(func() {
		defer close(l.ready)
		if m, err := openMapped(l.cacheDir); err == nil {
			l.mapped, l.idf = m, &m.idf // the terms are in l.overlay already
			return
		}
		l.loadErr = l.loadGse()
	})
	<-l.ready
	return l.loadErr
}

// loadGse loads gse's segmenter with the dictionary, for Load when the
// compiled file cannot be mapped, and gives it the terms added so far.
func (l *Lexicon) loadGse() error {
	gseMu.Lock()
	defer gseMu.Unlock()
	seg, c, err := loadSegmenter(l.cacheDir)
	if err != nil {
		return fmt.Errorf("loading the word dictionary: %w", err)
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
	return nil
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

// OnHeap reports whether gse's own dictionary was built in this process's
// memory (about 80 MB of objects, a second or more to build from text):
// only when the compiled file cannot be mapped.
func (l *Lexicon) OnHeap() bool {
	gseMu.RLock()
	defer gseMu.RUnlock()
	return l.segLoaded
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

// Cut splits text into words (accurate mode, with HMM for unknown words):
// gse's Cut(text, true). Without a dictionary (a failed load) it falls
// back to single characters and Latin words, so callers never get nothing.
func (l *Lexicon) Cut(text string) []string {
	if !l.wait() {
		return fallbackCut(text)
	}
	if l.mapped != nil {
		loadHMM()
	}
	gseMu.RLock()
	defer gseMu.RUnlock()
	if d, ok := l.view(); ok && l.mapped != nil {
		return cutText(text, &d)
	}
	return l.seg.Cut(text, true)
}

// WordAcross reports whether Cut(text) reads a word of more than one
// character across byte offset at of text: one that starts before at and
// ends after it. On the mapped dictionary it asks the HMM only about the
// run of single characters around at, if there is one: the HMM is most
// of the time of a short text's cut, and the grouping of a page's lines
// asks this of many pairs of lines.
func (l *Lexicon) WordAcross(text string, at int) bool {
	if !l.wait() || l.mapped == nil {
		return wordAcrossWords(l.Cut(text), at)
	}
	loadHMM()
	gseMu.RLock()
	defer gseMu.RUnlock()
	d, _ := l.view()
	return wordAcrossDAG(cutInput(text), &d, at)
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
	if l.mapped != nil {
		gseMu.RLock()
		defer gseMu.RUnlock()
		out, _ := l.tagSegments(nil, "\n"+text) // the line break: see below
		for i := range out {
			// gse's words are its pieces: Latin letters lower-cased.
			out[i].Text = asciiLower(out[i].Text)
			if t, ok := l.terms[out[i].Text]; ok {
				out[i].Tag = t
			}
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
	var words []string
	if l.wait() {
		if l.mapped != nil {
			loadHMM()
		}
		gseMu.RLock()
		words = l.cutSearchHan(run)
		gseMu.RUnlock()
	} else {
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
	if d, ok := l.view(); ok && l.mapped != nil {
		_, known := d.find(word) // a word, or the beginning of one, as gse's Find
		return known
	}
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
	_, had := l.terms[word]
	l.terms[word] = tag
	l.overlay.add(word, tag, !had)
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
	l.overlay.remove(word)
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
