package lexicon

import (
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/go-ego/gse/hmm"
	"github.com/vcaesar/cedar"
)

// The DAG cut: gse's Cut(text, true) and CutSearch(text, true), word for
// word, without gse's maps and string conversions. gse builds its word
// graph in maps and looks every prefix up in the trie from the root (a
// string allocated for each), which made the search index half of an
// import's work. Here the graph is slices and each starting point walks
// the trie once, one character further at each step. The route, the HMM
// for runs of single characters and the 2- and 3-character grams of search
// mode are gse's own rules (dag.go: getDag, calc, cutDAG, cutForSearch).
// It reads gse's own dictionary (the fallback, cutSearchHan) or the mapped
// one with the user terms beside it (dictlookup.go, userterms.go).

// dictView is what the DAG cut reads of a dictionary: the trie, each
// word's frequency by its value in the trie, the sum of the frequencies,
// and the user terms when they are not in the trie.
type dictView struct {
	trie      trieNodes
	freq      func(v int) float64
	totalFreq float64
	terms     map[string]*termPrefix // nil: none, or they are in the trie
}

// trieNodes is a cedar trie's node array, of a trie built reduced (as gse
// builds its own), read by jump and value as cedar's Jump and Value read
// it. They are cedar's code, here so that the segmenters' inner loop does
// not go through cedar's methods, their variadic base(reduced...) and
// their errors, a third of the time of a lookup.
type trieNodes []mirrorNode

// jump follows key from node `from`: cedar's Jump for a reduced trie.
func (t trieNodes) jump(from int, key string) (int, bool) {
	for i := 0; i < len(key); i++ {
		b := t[from].baseV
		if b >= 0 { // a leaf holding its value
			return from, false
		}
		to := -(b + 1) ^ int(key[i])
		if t[to].check != from {
			return from, false
		}
		from = to
	}
	return from, true
}

// value is the value of the word that ends at node id: cedar's Value.
func (t trieNodes) value(id int) (int, bool) {
	v := t[id].baseV
	if v >= 0 {
		return v, true
	}
	to := -(v + 1)
	if t[to].check == id && t[to].baseV >= 0 {
		return t[to].baseV, true
	}
	return 0, false
}

// nodesOf is the node array of a reduced cedar trie, false for another.
func nodesOf(c *cedar.Cedar) (trieNodes, bool) {
	mc := (*mirrorCedar)(unsafe.Pointer(c))
	if !layoutMatches || c == nil || !mc.Reduced {
		return nil, false
	}
	return unsafe.Slice((*mirrorNode)(unsafe.Pointer(unsafe.SliceData(mc.array))), len(mc.array)), true
}

// walk follows one word through a trie and the user terms at once, a
// piece (a rune, or one of gse's pieces) at a time: the word goes on while
// either has it or a longer word beginning with it.
type walk struct {
	trie            trieNodes
	terms           map[string]*termPrefix
	id              int
	inTrie, inTerms bool
	// roots, when set, holds the first step of every three-byte piece
	// (see rootSteps); fresh is true until the first step
	roots []rootStep
	fresh bool
	// steps, when set, keeps the steps taken by three-byte pieces below
	// the root (see stepCache)
	steps *stepCache
}

// stepCache keeps the trie's steps by a three-byte piece from a node
// other than the root, as jump and value take them, in a table of sets of
// four cells chosen by a hash of the two (a step newly taken goes first
// in its set, pushing the set's last out). A story's words come back
// again and again (its names, its subject), and every step through the
// node array is three reads far apart in it, where the table is small
// enough to stay in the cache. With one cell a step, a fifth of the steps
// of the sample page missed though the page takes fewer distinct steps
// than a third of the cells: steps whose hashes met threw each other out
// in turn. Four cells of a set lie in one cache line.
type stepCache struct {
	// first: the cache is allocated on a page boundary (large objects
	// are), so each set starts a cache line
	sets [stepSets][stepWays]stepCell
	trie trieNodes // the trie whose steps these are
}

const (
	stepWays    = 4
	stepSetBits = 12
	stepSets    = 1 << stepSetBits
)

// stepCell is a step from node from by the piece whose bytes are code:
// the node it leads to (-1: none) and the value of the word ending there
// (-1: none). A cell of zeros holds no step (no piece's code is 0).
type stepCell struct {
	from int32
	code uint32
	id   int32
	val  int32
}

// step is jump and value from node from by piece, a three-byte piece
// (rootIndex), through the cache.
func (c *stepCache) step(from int, piece string) (id, value int, ok bool) {
	code := uint32(piece[0])<<16 | uint32(piece[1])<<8 | uint32(piece[2])
	set := &c.sets[(uint64(from)<<24|uint64(code))*0x9E3779B97F4A7C15>>(64-stepSetBits)]
	for k := range set {
		if cell := &set[k]; cell.code == code && cell.from == int32(from) {
			return int(cell.id), int(cell.val), cell.id >= 0
		}
	}
	id32, val32 := c.trie.stepFrom(from, piece)
	copy(set[1:], set[:stepWays-1])
	set[0] = stepCell{from: int32(from), code: code, id: id32, val: val32}
	return int(id32), int(val32), id32 >= 0
}

// stepFrom is jump and value from node from by piece, as the step
// tables keep them: the node it leads to (-1: none) and the value of the
// word ending there (-1: none).
func (t trieNodes) stepFrom(from int, piece string) (id, value int32) {
	next, ok := t.jump(from, piece)
	if !ok {
		return -1, -1
	}
	if v, ok := t.value(next); ok {
		return int32(next), int32(v)
	}
	return int32(next), -1
}

func newWalk(trie trieNodes, terms map[string]*termPrefix) walk {
	return walk{trie: trie, terms: terms, inTrie: true, inTerms: terms != nil}
}

// rootStep is where the trie's root leads by one three-byte piece (a Han
// character, a full-width form or CJK punctuation): the node (-1: none)
// and the value of the word ending there (-1: none).
type rootStep struct{ id, value int32 }

// rootIndex is the index in a rootSteps table of a three-byte piece (its
// code point when it is well formed); ok is false for any other piece.
func rootIndex(piece string) (int, bool) {
	if len(piece) != 3 || piece[0]&0xF0 != 0xE0 {
		return 0, false
	}
	return int(piece[0]&0x0F)<<12 | int(piece[1]&0x3F)<<6 | int(piece[2]&0x3F), true
}

// rootSteps is the first step from the root of trie for every
// three-byte piece, as jump and value take it. Every character of a
// Chinese text starts a walk, and the three nodes of its bytes lie far
// apart in a 40 MB array: the table holds all three steps in one cell,
// and the characters a text uses stay in the cache.
func rootSteps(trie trieNodes) []rootStep {
	steps := make([]rootStep, 1<<16)
	for i := range steps {
		piece := string([]byte{0xE0 | byte(i>>12), 0x80 | byte(i>>6)&0x3F, 0x80 | byte(i)&0x3F})
		id, value := trie.stepFrom(0, piece)
		steps[i] = rootStep{id: id, value: value}
	}
	return steps
}

// firstPiece is piece's index in w.roots when it is the walk's first
// piece and three bytes long.
func (w *walk) firstPiece(piece string) (int, bool) {
	if !w.fresh {
		return 0, false
	}
	w.fresh = false
	return rootIndex(piece)
}

// next extends the word by piece; word is the word so far, piece its end.
// value is the trie's value for word (-1: none), term the user term that
// word is (nil: none); alive is false once no word is word or begins with
// it (gse's Find says "not found").
func (w *walk) next(piece, word string) (value int, term *termPrefix, alive bool) {
	value = -1
	if i, ok := w.firstPiece(piece); ok {
		if st := w.roots[i]; st.id < 0 {
			w.inTrie = false
		} else {
			w.id, value = int(st.id), int(st.value)
		}
	} else if _, three := rootIndex(piece); three && w.inTrie && w.steps != nil {
		if id, v, ok := w.steps.step(w.id, piece); !ok {
			w.inTrie = false
		} else {
			w.id, value = id, v
		}
	} else if w.inTrie {
		if id, ok := w.trie.jump(w.id, piece); !ok {
			w.inTrie = false
		} else {
			w.id = id
			if v, ok := w.trie.value(id); ok {
				value = v
			}
		}
	}
	if w.inTerms {
		if p := w.terms[word]; p == nil {
			w.inTerms = false
		} else if p.isKey {
			term = p
		}
	}
	return value, term, w.inTrie || w.inTerms
}

// wordFreq is a word's frequency: a user term's, else the dictionary's.
func (d *dictView) wordFreq(value int, term *termPrefix) float64 {
	switch {
	case term != nil:
		return userFreq
	case value >= 0:
		return d.freq(value)
	}
	return 0
}

// find is gse's Dictionary.Find: word's frequency, and whether it is a
// word or the beginning of one.
func (d *dictView) find(word string) (float64, bool) {
	if word == "" {
		return 0, false
	}
	w := newWalk(d.trie, d.terms)
	v, term, ok := w.next(word, word)
	return d.wordFreq(v, term), ok
}

// cutSearchHan is gse's CutSearch(run, true) for a run of Han characters.
// The caller holds gseMu for reading.
func (l *Lexicon) cutSearchHan(run string) []string {
	d, ok := l.view()
	if !ok {
		return l.seg.CutSearch(run, true)
	}
	return searchGrams(cutDAG(run, &d), &d)
}

// view is the loaded dictionary for the DAG cut: the mapped one with the
// user terms, or gse's own (which holds them); false when gse's types are
// not the ones this code knows. It is a value, not a pointer: Known asks
// for one a word, and none need be on the heap. The caller holds gseMu
// for reading.
func (l *Lexicon) view() (dictView, bool) {
	if m := l.mapped; m != nil {
		return dictView{trie: m.trie, freq: m.freqOf, totalFreq: m.totalFreq + userFreq*float64(len(l.terms)),
			terms: l.overlay.index()}, true
	}
	md := (*mirrorDict)(unsafe.Pointer(l.seg.Dict))
	nodes, ok := nodesOf(md.trie)
	if !ok {
		return dictView{}, false
	}
	return dictView{trie: nodes, freq: func(v int) float64 { return md.Tokens[v].Freq() }, totalFreq: md.totalFreq}, true
}

// cutText is gse's Cut(text, true) over d: cutDAG of cutInput(text).
func cutText(text string, d *dictView) []string {
	return cutDAG(cutInput(text), d)
}

// cutInput is text as gse's Cut reads it: lower-cased as gse does, each
// byte that is not UTF-8 a U+FFFD.
func cutInput(text string) string {
	if gse.ToLower {
		text = strings.ToLower(text)
	}
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // gse cuts []rune(text)
	}
	return text
}

// cutDAG is gse's cutDAG: the graph of the dictionary's words in run, the
// most probable route through it, and the HMM for the runs of single
// characters the route leaves. run is valid UTF-8.
func cutDAG(run string, d *dictView) []string {
	words := make([]string, 0, utf8.RuneCountInString(run))
	dagRoute(run, d, func(start, end int) {
		words = append(words, run[start:end])
	}, func(start, end int) {
		words = appendSingles(words, run[start:end], d)
	})
	return words
}

// wordAcrossDAG is wordAcrossWords(cutDAG(run, d), at) without the HMM
// for the runs of single characters that end at or before at or start at
// or after it: the HMM cuts a run into words that make up the run, so
// only the run around at can put a word across it.
func wordAcrossDAG(run string, d *dictView, at int) bool {
	across := false
	dagRoute(run, d, func(start, end int) {
		if start < at && end > at {
			across = utf8.RuneCountInString(run[start:end]) > 1
		}
	}, func(start, end int) {
		if start < at && end > at {
			across = wordAcrossWords(appendSingles(nil, run[start:end], d), at-start)
		}
	})
	return across
}

// wordAcrossWords reports whether words, the cut of a text, has a word
// of more than one character across byte offset at of the text: one that
// starts before at and ends after it.
func wordAcrossWords(words []string, at int) bool {
	from := 0
	for _, w := range words {
		if from < at && from+len(w) > at {
			return utf8.RuneCountInString(w) > 1
		}
		from += len(w)
	}
	return false
}

// dagRoute is the graph and the route of cutDAG, handed on stretch by
// stretch in order, by byte offsets into run: each word of the route of
// more than one character to word, each run of single characters (a run
// of one too) to singles.
func dagRoute(run string, d *dictView, word, singles func(start, end int)) {
	// starts[i] is the byte offset of rune i; starts[n] = len(run).
	starts := make([]int, 0, len(run)/3+1)
	for i := range run {
		starts = append(starts, i)
	}
	n := len(starts)
	starts = append(starts, len(run))

	// The graph (getDag): the words starting at each rune, in order, with
	// their frequencies (calc looks each up again; its Find gives what the
	// walk gave).
	type edge struct {
		last  int // the word's last rune
		freq  float64
		known bool
	}
	edges := make([]edge, 0, n*2)
	first := make([]int, n+1) // the edges of rune k are edges[first[k]:first[k+1]]
	for k := 0; k < n; k++ {
		first[k] = len(edges)
		w := newWalk(d.trie, d.terms)
		var single edge
		for i := k; i < n; i++ {
			v, term, ok := w.next(run[starts[i]:starts[i+1]], run[starts[k]:starts[i+1]])
			if !ok {
				break
			}
			f := d.wordFreq(v, term)
			if i == k {
				single = edge{last: k, freq: f, known: true}
			}
			if f > 0 {
				edges = append(edges, edge{last: i, freq: f, known: true})
			}
		}
		if len(edges) == first[k] {
			// No word: the character alone, with what Find says of it
			// (known with frequency 0 when it only begins words: gse's
			// log(0) then makes this route -Inf, and so does this).
			single.last = k
			edges = append(edges, single)
		}
	}
	first[n] = len(edges)

	// The best route (calc).
	type route struct {
		freq  float64
		index int
		set   bool
	}
	rs := make([]route, n+1)
	rs[n] = route{set: true}
	logT := math.Log(d.totalFreq)
	for idx := n - 1; idx >= 0; idx-- {
		for _, e := range edges[first[idx]:first[idx+1]] {
			var f float64
			if e.known {
				f = math.Log(e.freq) - logT + rs[e.last+1].freq
			} else {
				f = math.Log(1.0) - logT + rs[e.last+1].freq
			}
			r := route{freq: f, index: e.last, set: true}
			if v := rs[idx]; !v.set {
				rs[idx] = r
			} else if v.freq < r.freq || (v.freq == r.freq && v.index < r.index) {
				rs[idx] = r
			}
		}
	}

	// The stretches (cutDAG), single characters gathered.
	bufStart, bufLen := 0, 0
	flush := func() {
		if bufLen > 0 {
			singles(starts[bufStart], starts[bufStart+bufLen])
			bufLen = 0
		}
	}
	for x := 0; x < n; {
		y := rs[x].index + 1
		if y-x == 1 {
			if bufLen == 0 {
				bufStart = x
			}
			bufLen++
		} else {
			flush()
			word(starts[x], starts[y])
		}
		x = y
	}
	flush()
}

// appendSingles appends to words what cutDAG makes of s, a run of single
// characters on the route: a character alone as it is; a longer run that
// is no word of the dictionary cut by the HMM, one that is a word
// character by character.
func appendSingles(words []string, s string, d *dictView) []string {
	if utf8.RuneCountInString(s) == 1 {
		return append(words, s)
	}
	if v, ok := d.find(s); !ok || v == 0 {
		return append(words, hmm.Cut(s)...)
	}
	for s != "" {
		_, size := utf8.DecodeRuneInString(s)
		words = append(words, s[:size])
		s = s[size:]
	}
	return words
}

// searchGrams is gse's cutForSearch after its Cut: before each word, the
// 2- and 3-character words inside it.
func searchGrams(words []string, d *dictView) []string {
	out := make([]string, 0, len(words)*2)
	for _, w := range words {
		runes := utf8.RuneCountInString(w)
		for _, incr := range []int{2, 3} {
			if runes <= incr {
				continue
			}
			offs := make([]int, 0, runes+1)
			for i := range w {
				offs = append(offs, i)
			}
			offs = append(offs, len(w))
			for i := 0; i+incr <= runes; i++ {
				gram := w[offs[i]:offs[i+incr]]
				if v, ok := d.find(gram); ok && v > 0 {
					out = append(out, gram)
				}
			}
		}
		out = append(out, w)
	}
	return out
}
