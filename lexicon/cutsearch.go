package lexicon

import (
	"math"
	"unicode/utf8"
	"unsafe"

	"github.com/vcaesar/cedar"
)

// cutSearchHan is gse's CutSearch(run, true) for a run of Han characters,
// word for word, without gse's maps and string conversions: gse builds
// its word graph in maps and looks every prefix up in the trie from the
// root (a string allocated for each), which made the search index half
// of an import's work. Here the graph is slices and each starting point
// walks the trie once, one character further at each step. The route,
// the HMM for runs of single characters and the 2- and 3-character grams
// of search mode are gse's own rules (dag.go: getDag, calc, cutDAG,
// cutForSearch). The caller holds gseMu for reading.
func (l *Lexicon) cutSearchHan(run string) []string {
	md := (*mirrorDict)(unsafe.Pointer(l.seg.Dict))
	if !layoutMatches || md.trie == nil {
		return l.seg.CutSearch(run, true)
	}
	return cutSearchWith(run, searchDict{
		trie:      md.trie,
		freq:      func(v int) float64 { return md.Tokens[v].Freq() },
		totalFreq: md.totalFreq,
		hmmCut:    func(s string) []string { return l.seg.HMMCut(s) },
	})
}

// searchDict is what the search cut reads of a dictionary: the trie, each
// word's frequency by its value in the trie, the sum of the frequencies
// and gse's HMM cut for runs of unknown characters.
type searchDict struct {
	trie      *cedar.Cedar
	freq      func(v int) float64
	totalFreq float64
	hmmCut    func(string) []string
}

// cutSearchWith is cutSearchHan over any searchDict.
func cutSearchWith(run string, d searchDict) []string {
	// starts[i] is the byte offset of rune i; starts[n] = len(run).
	starts := make([]int, 0, len(run)/3+1)
	for i := range run {
		starts = append(starts, i)
	}
	n := len(starts)
	starts = append(starts, len(run))

	// find is gse's Dictionary.Find from trie node `from` over word.
	type found struct {
		id    int
		freq  float64
		known bool // a word or the beginning of one
	}
	step := func(from int, word string) (found, bool) {
		id, err := d.trie.Jump(unsafe.Slice(unsafe.StringData(word), len(word)), from)
		if err != nil {
			return found{}, false
		}
		v, err := d.trie.Value(id)
		if err != nil {
			return found{id: id, known: id != 0}, true
		}
		return found{id: id, freq: d.freq(v), known: true}, true
	}
	lookup := func(word string) (float64, bool) {
		if word == "" {
			return 0, false
		}
		f, ok := step(0, word)
		return f.freq, ok && f.known
	}

	// The graph: ends[k] lists the last runes of the words starting at k
	// (getDag), in order.
	ends := make([][]int, n)
	for k := 0; k < n; k++ {
		id := 0
		for i := k; i < n; i++ {
			f, ok := step(id, run[starts[i]:starts[i+1]])
			if !ok || !f.known {
				break
			}
			if f.freq > 0 {
				ends[k] = append(ends[k], i)
			}
			id = f.id
		}
		if len(ends[k]) == 0 {
			ends[k] = append(ends[k], k)
		}
	}
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
		for _, i := range ends[idx] {
			freq, ok := lookup(run[starts[idx]:starts[i+1]])
			var f float64
			if ok {
				f = math.Log(freq) - logT + rs[i+1].freq
			} else {
				f = math.Log(1.0) - logT + rs[i+1].freq
			}
			r := route{freq: f, index: i, set: true}
			if v := rs[idx]; !v.set {
				rs[idx] = r
			} else if v.freq < r.freq || (v.freq == r.freq && v.index < r.index) {
				rs[idx] = r
			}
		}
	}
	// The words (cutDAG), single characters gathered for the HMM.
	words := make([]string, 0, n)
	bufStart, bufLen := 0, 0
	flush := func() {
		if bufLen == 0 {
			return
		}
		s := run[starts[bufStart]:starts[bufStart+bufLen]]
		switch {
		case bufLen == 1:
			words = append(words, s)
		default:
			if v, ok := lookup(s); !ok || v == 0 {
				words = append(words, d.hmmCut(s)...)
			} else {
				for i := bufStart; i < bufStart+bufLen; i++ {
					words = append(words, run[starts[i]:starts[i+1]])
				}
			}
		}
		bufLen = 0
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
			words = append(words, run[starts[x]:starts[y]])
		}
		x = y
	}
	flush()
	// Search mode: the 2- and 3-character words inside each word.
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
				if v, ok := lookup(gram); ok && v > 0 {
					out = append(out, gram)
				}
			}
		}
		out = append(out, w)
	}
	return out
}
