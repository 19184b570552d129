package lexicon

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"strings"
	"sync"
	"unsafe"

	"github.com/go-ego/gse/hmm"
	"github.com/vcaesar/cedar"
)

// A search from the command line cuts a few words of query, and a status
// change rewrites one story's index row; loading the whole dictionary for
// that (the token table is 50 MB of Go objects) cost more than the work.
// The search cut needs only the trie and each word's frequency, so until
// the dictionary is loaded the compiled file is mapped into memory and
// read where it lies: the pages the text touches are read from disk,
// nothing is decoded, nothing is checked that the text does not reach.
// The CRC is not checked on this path (it would read the whole file): a
// damaged file cannot do worse than a wrong cut or an index out of range,
// which quickSearchTokens recovers from by loading the dictionary.

// lookupDict is a compiled dictionary's trie and frequencies, in place.
type lookupDict struct {
	trie      *cedar.Cedar
	recs      []byte // the token records (dictRecord bytes each)
	totalFreq float64
}

const dictRecord = 20

// openLookup maps the compiled dictionary at path and finds its parts.
func openLookup(path string) (*lookupDict, error) {
	if !layoutMatches {
		return nil, errors.New("gse's or cedar's types are not the ones this code knows")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := mapFile(f)
	if err != nil {
		return nil, err
	}
	if len(data) < len(dictMagic)+16 || string(data[:len(dictMagic)]) != dictMagic ||
		binary.LittleEndian.Uint64(data[len(dictMagic)+8:]) != uint64(len(data)-len(dictMagic)-16) {
		return nil, errors.New("not a compiled dictionary")
	}
	off := len(dictMagic) + 16
	bad := false
	u64 := func() uint64 {
		if off+8 > len(data) {
			bad = true
			return 0
		}
		v := binary.LittleEndian.Uint64(data[off:])
		off += 8
		return v
	}
	// section returns the next array's bytes, elem bytes an element.
	section := func(elem int) []byte {
		n := u64()
		if bad || n > uint64(len(data)-off)/uint64(elem) {
			bad = true
			return nil
		}
		b := data[off : off+int(n)*elem : off+int(n)*elem]
		off += int(n) * elem
		return b
	}
	scalars := make([]uint64, 9)
	for i := range scalars {
		scalars[i] = u64()
	}
	for i := 0; i < 257; i++ {
		u64()
	}
	nodeSize := int(unsafe.Sizeof(cedar.Node{}))
	nodesAt := off + 8
	nodes := section(nodeSize)
	section(int(unsafe.Sizeof(cedar.NInfo{})))
	section(int(unsafe.Sizeof(cedar.Block{})))
	section(1) // text
	section(2) // piece lengths
	section(1) // tags
	n := u64()
	if bad || nodesAt%8 != 0 || n > uint64(len(data)-off)/dictRecord {
		return nil, errors.New("compiled dictionary damaged")
	}
	recs := data[off : off+int(n)*dictRecord]
	size := int(scalars[6])
	if size <= 0 || len(nodes) != size*nodeSize {
		return nil, errors.New("compiled dictionary damaged")
	}
	// The file's mapping starts on a page, the nodes 8-aligned within it.
	trie := new(cedar.Cedar)
	*(*mirrorCedar)(unsafe.Pointer(trie)) = mirrorCedar{Reduced: scalars[0] == 1,
		array:    unsafe.Slice((*cedar.Node)(unsafe.Pointer(unsafe.SliceData(nodes))), size),
		capacity: size, size: size, ordered: scalars[1] == 1, maxTrial: int(scalars[2])}
	return &lookupDict{trie: trie, recs: recs, totalFreq: math.Float64frombits(scalars[8])}, nil
}

// freq is the frequency of the token with value v in the trie.
func (d *lookupDict) freq(v int) float64 {
	at := v * dictRecord
	if v < 0 || at+8 > len(d.recs) {
		panic("compiled dictionary: a value past the tokens")
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(d.recs[at:]))
}

// hmmOnce loads gse's HMM model for the quick cut (a dictionary load does
// it too, under gseMu, which is why this takes gseMu as well).
var hmmOnce sync.Once

// quickSearchTokens cuts a run of Han characters with the mapped trie
// when the dictionary is not loaded: ok is false when it cannot (a user
// term occurs in the run, there is no compiled file, or the file failed),
// and the caller loads the dictionary instead.
func (l *Lexicon) quickSearchTokens(run string) (words []string, ok bool) {
	if l.Loaded() {
		return nil, false
	}
	gseMu.RLock()
	for w := range l.terms {
		// A user term changes the cut only of a text that holds it.
		if strings.Contains(run, w) {
			gseMu.RUnlock()
			return nil, false
		}
	}
	gseMu.RUnlock()
	l.quickOnce.Do(func() {
		if l.cacheDir != "" {
			if d, err := openLookup(compiledPath(l.cacheDir)); err == nil {
				l.quick.Store(d)
			}
		}
	})
	d := l.quick.Load()
	if d == nil {
		return nil, false
	}
	hmmOnce.Do(func() {
		gseMu.Lock()
		hmm.LoadModel()
		gseMu.Unlock()
	})
	defer func() {
		if recover() != nil {
			l.quick.Store(nil)
			words, ok = nil, false
		}
	}()
	gseMu.RLock()
	defer gseMu.RUnlock()
	return cutSearchWith(run, searchDict{trie: d.trie, freq: d.freq, totalFreq: d.totalFreq,
		hmmCut: func(s string) []string { return hmm.Cut(s) }}), true
}
