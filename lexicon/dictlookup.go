package lexicon

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"unsafe"

	"github.com/go-ego/gse/hmm"
	"github.com/vcaesar/cedar"
)

// The mapped dictionary. Decoding the compiled file onto the heap (gse's
// token table, its pieces, the trie and the IDF table: 80 MB of Go
// memory) was most of what `galley parse` and the workbench kept. None of
// it needs to be Go objects: the segmenters read the trie's node array
// (cedar's Jump and Value read nothing else), each token's frequency,
// distance and tag (a 20-byte record), and the IDF table, all of which the
// file holds as they are in memory. So the file is mapped read-only and
// read where it lies: the kernel reads the pages the text touches and can
// drop them again, and every process on the machine shares them. Cut,
// Tag, Known, the search cut and the keywords all read it (cutsearch.go,
// segment.go, keywords_of.go); gse's own Dictionary is built only when the
// file cannot be used (see Lexicon.Load).
//
// The file is checked against its CRC once, through read(2) rather than
// the mapping, so the check leaves no page of the mapping resident (5 ms
// for the 40 MB file, which then sits in the page cache for the mapping).
// It is never rewritten in place (a new one is renamed over it), so the
// mapping stays what was checked.

// mappedDict is a compiled dictionary file, mapped.
type mappedDict struct {
	trie      trieNodes // in the mapping
	recs      []byte    // the token records (dictRecord bytes each)
	tags      []string  // the tags, by the index a record holds
	totalFreq float64
	idf       idfTable // in the mapping too
	// freqOf is the method value freq, made once: view hands it on to
	// every word Known asks about, which made a closure on the heap each
	freqOf func(v int) float64
	// roots is rootSteps(trie), made the first time a text is segmented
	rootsOnce sync.Once
	roots     []rootStep
	// idleSteps are the step caches no segment is using: kept with the
	// dictionary, whose steps they hold, not in a sync.Pool, which drops
	// its items at every collection (and a cache is worth its warm cells)
	stepsMu   sync.Mutex
	idleSteps []*stepCache
}

// takeSteps is a step cache of m's trie for one segment to use alone.
func (m *mappedDict) takeSteps() *stepCache {
	m.stepsMu.Lock()
	defer m.stepsMu.Unlock()
	if n := len(m.idleSteps); n > 0 {
		c := m.idleSteps[n-1]
		m.idleSteps = m.idleSteps[:n-1]
		return c
	}
	return &stepCache{trie: m.trie}
}

// putSteps hands back a cache takeSteps gave.
func (m *mappedDict) putSteps(c *stepCache) {
	m.stepsMu.Lock()
	m.idleSteps = append(m.idleSteps, c)
	m.stepsMu.Unlock()
}

// rootTable is m's rootSteps, made once.
func (m *mappedDict) rootTable() []rootStep {
	m.rootsOnce.Do(func() { m.roots = rootSteps(m.trie) })
	return m.roots
}

// dictRecord is a token record's size: frequency (float64), distance
// (float32), tag index (uint16), pieces (uint16), first piece (uint32),
// little-endian (see encodeCompiled).
const dictRecord = 20

var (
	mappedMu    sync.Mutex
	mappedFiles = map[string]mappedFile{} // by path
)

// mappedFile is a file mapped once per process: two Lexicons of one
// process (the workbench's and a command's) share the pages they touch.
type mappedFile struct {
	info os.FileInfo
	dict *mappedDict
}

// openMapped maps dir's compiled dictionary, checked, or says why not.
func openMapped(dir string) (*mappedDict, error) {
	if !layoutMatches {
		return nil, errors.New("gse's or cedar's types are not the ones this code knows")
	}
	if dir == "" {
		return nil, errors.New("no cache folder")
	}
	path := compiledPath(dir)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	mappedMu.Lock()
	defer mappedMu.Unlock()
	if mf, ok := mappedFiles[path]; ok && os.SameFile(mf.info, info) && mf.info.Size() == info.Size() &&
		mf.info.ModTime().Equal(info.ModTime()) {
		return mf.dict, nil
	}
	if err := checkSum(f, info.Size()); err != nil {
		return nil, err
	}
	data, err := mapFile(f)
	if err != nil {
		return nil, err
	}
	d, err := parseMapped(data)
	if err != nil {
		unmapFile(data)
		return nil, err
	}
	mappedFiles[path] = mappedFile{info: info, dict: d}
	return d, nil
}

// checkSum reads the file (size bytes) through f and compares it with
// its CRC.
func checkSum(f io.ReaderAt, size int64) error {
	var head [len(dictMagic) + 16]byte
	if _, err := f.ReadAt(head[:], 0); err != nil || string(head[:len(dictMagic)]) != dictMagic {
		return errors.New("not a compiled dictionary")
	}
	wantSum := uint32(binary.LittleEndian.Uint64(head[len(dictMagic):]))
	wantLen := int64(binary.LittleEndian.Uint64(head[len(dictMagic)+8:]))
	if wantLen != size-int64(len(head)) {
		return errors.New("compiled dictionary damaged: length")
	}
	sum := &crcReader{r: io.NewSectionReader(f, int64(len(head)), wantLen)}
	buf := make([]byte, 1<<20)
	if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{sum}, buf); err != nil {
		return err
	}
	if sum.sum != wantSum || sum.n != wantLen {
		return errors.New("compiled dictionary damaged: checksum")
	}
	return nil
}

// parseMapped finds the parts of a compiled file in data.
func parseMapped(data []byte) (*mappedDict, error) {
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
	tags := section(1)
	n := u64()
	if bad || nodesAt%8 != 0 || n > uint64(len(data)-off)/dictRecord {
		return nil, errors.New("compiled dictionary damaged")
	}
	recs := data[off : off+int(n)*dictRecord : off+int(n)*dictRecord]
	off += int(n) * dictRecord
	idfWords := section(1)
	idfEnds := section(4)
	idfs := section(8)
	size := int(scalars[6])
	if bad || off != len(data) || size <= 0 || len(nodes) != size*nodeSize {
		return nil, errors.New("compiled dictionary damaged")
	}
	if scalars[0] != 1 {
		return nil, errors.New("compiled dictionary of a trie not reduced") // gse builds none
	}
	d := &mappedDict{recs: recs, tags: strings.Split(string(tags), "\n"),
		totalFreq: math.Float64frombits(scalars[8]),
		idf:       idfTable{words: unsafe.String(unsafe.SliceData(idfWords), len(idfWords)), ends: idfEnds, idf: idfs}}
	if !d.idf.valid() {
		return nil, errors.New("compiled dictionary damaged: keyword table")
	}
	// The file's mapping starts on a page, the nodes 8-aligned within it.
	d.trie = unsafe.Slice((*mirrorNode)(unsafe.Pointer(unsafe.SliceData(nodes))), size)
	d.freqOf = d.freq
	return d, nil
}

// rec is the record of the token with value v in the trie. The trie's
// values are the records' indexes: a value past them is a file that
// passed its CRC but was not written by encodeCompiled, and panics here
// (a slice bound) rather than reading past the mapping.
func (d *mappedDict) rec(v int) []byte { return d.recs[v*dictRecord : v*dictRecord+dictRecord] }

// freq is the frequency of the token with value v.
func (d *mappedDict) freq(v int) float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(d.rec(v)))
}

// step is what ModeSegment reads of the token with value v, from one
// slice of its record: its distance, the path length (CalcToken's
// log2(total/freq), as gse computed it when it built the file), the index
// in d.tags of its part-of-speech tag, and the number of gse's pieces in
// its word.
func (d *mappedDict) step(v int) (dist float32, tag int32, pieces int) {
	r := d.rec(v)
	return math.Float32frombits(binary.LittleEndian.Uint32(r[8:])), int32(binary.LittleEndian.Uint16(r[12:])),
		int(binary.LittleEndian.Uint16(r[14:]))
}

// hmmOnce loads gse's HMM model for the mapped dictionary's Cut (gse's
// loaders do it for their own, under gseMu, which is why this takes gseMu
// as well). The caller does not hold gseMu.
var hmmOnce sync.Once

func loadHMM() {
	hmmOnce.Do(func() {
		gseMu.Lock()
		hmm.LoadModel()
		gseMu.Unlock()
	})
}
