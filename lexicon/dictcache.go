package lexicon

// The compiled dictionary. gse builds its dictionary from text every time
// a program starts: it parses 350,000 lines, inserts each word into a cedar
// double-array trie and computes each word's path length, about 1.3 s of
// CPU, and the keyword IDF table costs as much again. Neither gse nor cedar
// can save what they built (cedar's arrays and gse's tokens are unexported,
// and this version of cedar has no Save/Load), so Galley does it here: the
// first process that needs the dictionary builds it with gse as before and
// writes the trie's arrays, the tokens and the IDF table to a file in the
// user's cache folder; every later process maps that file and reads it in
// place (dictlookup.go), or, if it cannot map it, decodes it into gse's
// structures (decodeCompiled), either in milliseconds.
//
// Writing gse's and cedar's unexported fields needs unsafe: each mirror
// type below has the fields of the real type in the same order, and
// layoutMatches checks, through reflect, that the names, types and offsets
// are the same before any of it is used. A gse or cedar upgrade that
// changes them turns the cache off (the dictionary loads from text as
// before) instead of corrupting memory; the versions are also part of the
// cache file's name, so an upgrade never reads a file an older one wrote.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/galley/galley/internal/cachedir"
	"hash/crc32"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/vcaesar/cedar"
)

// mirrorCedar has cedar.Cedar's fields (cedar v0.20.2).
type mirrorCedar struct {
	Reduced bool

	array  []cedar.Node
	nInfos []cedar.NInfo
	blocks []cedar.Block
	reject [257]int

	blocksHeadFull   int
	blocksHeadClosed int
	blocksHeadOpen   int

	capacity int
	size     int
	ordered  bool
	maxTrial int
}

// mirrorDict has gse.Dictionary's fields (gse v0.80.3).
type mirrorDict struct {
	trie        *cedar.Cedar
	maxTokenLen int
	Tokens      []gse.Token
	totalFreq   float64
}

// mirrorToken has gse.Token's fields.
type mirrorToken struct {
	text     []gse.Text
	freq     float64
	pos      string
	distance float32
	segments []*gse.Segment
}

// mirrorNode has cedar.Node's fields: a trie cell.
type mirrorNode struct {
	baseV, check int
}

// layoutMatches reports whether every mirror type has its real type's
// fields (names, types, offsets) and the trie's cells hold no pointers, so
// that their bytes can be written to a file and read back.
var layoutMatches = func() bool {
	var fp strings.Builder
	for _, t := range []reflect.Type{reflect.TypeOf(cedar.Cedar{}), reflect.TypeOf(gse.Dictionary{}),
		reflect.TypeOf(gse.Token{}), reflect.TypeOf(cedar.Node{}), reflect.TypeOf(cedar.NInfo{}), reflect.TypeOf(cedar.Block{})} {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			fmt.Fprintf(&fp, "%s.%s:%s@%d;", t.Name(), f.Name, f.Type, f.Offset)
		}
	}
	layoutFingerprint = fp.String()
	same := func(real, mirror reflect.Type) bool {
		if real.Size() != mirror.Size() || real.NumField() != mirror.NumField() {
			return false
		}
		for i := 0; i < real.NumField(); i++ {
			r, m := real.Field(i), mirror.Field(i)
			if r.Name != m.Name || r.Type != m.Type || r.Offset != m.Offset {
				return false
			}
		}
		return true
	}
	plain := func(t reflect.Type) bool {
		for i := 0; i < t.NumField(); i++ {
			switch t.Field(i).Type.Kind() {
			case reflect.Int, reflect.Uint8:
			default:
				return false
			}
		}
		return true
	}
	return same(reflect.TypeOf(cedar.Cedar{}), reflect.TypeOf(mirrorCedar{})) &&
		same(reflect.TypeOf(gse.Dictionary{}), reflect.TypeOf(mirrorDict{})) &&
		same(reflect.TypeOf(gse.Token{}), reflect.TypeOf(mirrorToken{})) &&
		same(reflect.TypeOf(cedar.Node{}), reflect.TypeOf(mirrorNode{})) &&
		plain(reflect.TypeOf(cedar.Node{})) && plain(reflect.TypeOf(cedar.NInfo{})) &&
		plain(reflect.TypeOf(cedar.Block{}))
}()

// layoutFingerprint describes the fields of the types written (see
// cacheKey).
var layoutFingerprint string

// dictFormat changes whenever the file's layout does.
const dictFormat = 3

// dictMagic starts every compiled dictionary file.
const dictMagic = "GALLEYDC"

// cacheKey names what a compiled dictionary depends on: the file format,
// gse's version and dictionary, the layout of the types written, and the
// machine (the trie's arrays are written as they are in memory). Test
// binaries carry no module versions, so gse's own version constant and
// the size of its IDF text stand in for them: a test and the program
// share one file.
func cacheKey() string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%s|%s", gse.Version, len(gse.ZhIdf), runtime.GOARCH, layoutFingerprint)
	return fmt.Sprintf("zh_s-f%d-%016x", dictFormat, h.Sum64())
}

// DefaultCacheDir is where the compiled dictionary is kept unless
// $GALLEY_CACHE_DIR names another folder: the system's per-user cache
// folder (~/.cache/galley on Linux), or "" when the system has none.
func DefaultCacheDir() string { return cachedir.Dir() }

// compiled is a dictionary read from (or written to) a compiled file.
type compiled struct {
	dict *gse.Dictionary
	idf  idfTable
	// Where the trie's sibling lists and blocks lie in the file, when
	// they were left there (see thaw).
	nInfos, blocks *section
}

// thaw reads the parts of the trie that only adding or removing a word
// uses: cedar's sibling lists and free-block lists, 2.7 MB that a program
// that only cuts text (galley parse) never needs. Lookups (Jump, Value)
// read the node array alone. The caller holds gseMu for writing.
func (c *compiled) thaw(path string) error {
	if c.nInfos == nil {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("compiled dictionary: %w", err)
	}
	defer f.Close()
	nInfos, err := readSection[cedar.NInfo](f, *c.nInfos)
	if err != nil {
		return err
	}
	blocks, err := readSection[cedar.Block](f, *c.blocks)
	if err != nil {
		return err
	}
	mc := (*mirrorCedar)(unsafe.Pointer((*mirrorDict)(unsafe.Pointer(c.dict)).trie))
	if len(nInfos) != mc.size || len(blocks) != mc.size>>8 {
		return errors.New("compiled dictionary damaged: sizes")
	}
	mc.nInfos, mc.blocks = nInfos, blocks
	c.nInfos, c.blocks = nil, nil
	return nil
}

// idfTable is gse's keyword IDF table in a form that needs no loading:
// the words sorted, found by binary search. The two arrays are bytes, each
// number in the machine's byte order as array wrote it, because in the
// mapped file (dictlookup.go) they lie at any offset, where a []uint32 or
// a []float64 could not point.
type idfTable struct {
	words string // the words, one after another, in sorted order
	ends  []byte // uint32s: ends[i] is where word i ends in words
	idf   []byte // float64s: word i's IDF
}

func (t *idfTable) len() int { return len(t.ends) / 4 }

func (t *idfTable) end(i int) int { return int(binary.NativeEndian.Uint32(t.ends[4*i:])) }

func (t *idfTable) word(i int) string {
	start := 0
	if i > 0 {
		start = t.end(i - 1)
	}
	return t.words[start:t.end(i)]
}

// lookup returns word's IDF and whether the table has the word.
func (t *idfTable) lookup(word string) (float64, bool) {
	n := t.len()
	i := sort.Search(n, func(i int) bool { return t.word(i) >= word })
	if i < n && t.word(i) == word {
		return math.Float64frombits(binary.NativeEndian.Uint64(t.idf[8*i:])), true
	}
	return 0, false
}

// valid reports whether the table's arrays agree in length and the last
// word ends where the words do (what a damaged file would upset; a table
// that passes but is out of order panics on a slice bound, never reads
// past it). Reading every entry would page the whole mapped table in.
func (t *idfTable) valid() bool {
	n := t.len()
	return len(t.ends) == 4*n && len(t.idf) == 8*n && (n == 0 && t.words == "" || n > 0 && t.end(n-1) == len(t.words))
}

// buildIdf loads gse's IDF table as gse does (its filters and its lower
// casing included) and lists its words with their IDF.
func buildIdf() idfTable {
	type entry struct {
		word string
		idf  float64
	}
	var es []entry
	// gse's Idf hides its segmenter; one loaded the way Idf.LoadIdfStr
	// loads its own lists the same tokens.
	var seg gse.Segmenter
	seg.SkipLog = true
	_ = seg.LoadDictStr(gse.ZhIdf)
	for i := range seg.Dict.Tokens {
		t := &seg.Dict.Tokens[i]
		es = append(es, entry{t.Text(), t.Freq()})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].word < es[j].word })
	var words strings.Builder
	ends, idfs := make([]uint32, 0, len(es)), make([]float64, 0, len(es))
	for i, e := range es {
		if i > 0 && es[i-1].word == e.word {
			continue // gse keeps the first; the text has no duplicates
		}
		words.WriteString(e.word)
		ends = append(ends, uint32(words.Len()))
		idfs = append(idfs, e.idf)
	}
	return idfTable{words: words.String(), ends: bytesOf(ends), idf: bytesOf(idfs)}
}

// The file: dictMagic, the CRC-32C and length of everything after them,
// then the numbers and arrays below in order, little-endian. It is read
// as a stream: the arrays that stay (the trie, the words' bytes, the IDF
// table) straight into their own allocations, the token table through a
// small buffer, so that the peak memory is what the dictionary keeps.

type writer struct{ buf bytes.Buffer }

func (w *writer) u64(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	w.buf.Write(b[:])
}

// array writes a length and the bytes of s as they are in memory.
func array[T any](w *writer, s []T) {
	w.u64(uint64(len(s)))
	if len(s) > 0 {
		w.buf.Write(bytesOf(s))
	}
}

// bytesOf is the memory of s as bytes (T holds no pointers).
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// maxDictFile bounds what a reader accepts (the file is about 35 MB).
const maxDictFile = 1 << 30

type reader struct {
	r   *bufio.Reader
	pos int64 // bytes consumed, from the start of the file
	err error
}

// full reads len(b) bytes.
func (r *reader) full(b []byte) {
	if r.err != nil {
		return
	}
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.fail("cut short")
	}
	r.pos += int64(len(b))
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("compiled dictionary damaged: %s", what)
	}
}

func (r *reader) u64() uint64 {
	var b [8]byte
	r.full(b[:])
	return binary.LittleEndian.Uint64(b[:])
}

// readArray reads what array wrote into a new []T.
func readArray[T any](r *reader) []T {
	n := r.u64()
	var zero T
	if r.err != nil || n > maxDictFile/uint64(max(unsafe.Sizeof(zero), 1)) {
		r.fail("an array too long")
		return nil
	}
	s := make([]T, n)
	r.full(bytesOf(s))
	return s
}

// section is where an array lies in the file, and its checksum.
type section struct {
	off, n int64 // bytes
	sum    uint32
}

// skipArray passes over what array wrote, noting where it is.
func skipArray[T any](r *reader) section {
	n := r.u64()
	var zero T
	if r.err != nil || n > maxDictFile/uint64(max(unsafe.Sizeof(zero), 1)) {
		r.fail("an array too long")
		return section{}
	}
	sec := section{off: r.pos, n: int64(n) * int64(unsafe.Sizeof(zero))}
	var buf [4096]byte
	for left := sec.n; left > 0 && r.err == nil; {
		b := buf[:min(left, int64(len(buf)))]
		r.full(b)
		sec.sum = crc32.Update(sec.sum, castagnoli, b)
		left -= int64(len(b))
	}
	return sec
}

// readSection reads a section that skipArray passed over into a new []T.
func readSection[T any](f io.ReaderAt, sec section) ([]T, error) {
	var zero T
	s := make([]T, sec.n/int64(unsafe.Sizeof(zero)))
	b := bytesOf(s)
	if int64(len(b)) != sec.n {
		return nil, errors.New("compiled dictionary damaged: a section")
	}
	if _, err := f.ReadAt(b, sec.off); err != nil {
		return nil, fmt.Errorf("compiled dictionary: %w", err)
	}
	if crc32.Checksum(b, castagnoli) != sec.sum {
		return nil, errors.New("compiled dictionary changed since it was read")
	}
	return s, nil
}

// crcReader sums what passes through it.
type crcReader struct {
	r   io.Reader
	sum uint32
	n   int64
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.sum = crc32.Update(c.sum, castagnoli, p[:n])
	c.n += int64(n)
	return n, err
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encodeCompiled writes a dictionary gse has just loaded from text (before
// any user term is added) and the IDF table.
func encodeCompiled(d *gse.Dictionary, t idfTable) ([]byte, error) {
	if !layoutMatches {
		return nil, errors.New("gse's or cedar's types are not the ones this code knows")
	}
	md := (*mirrorDict)(unsafe.Pointer(d))
	mc := (*mirrorCedar)(unsafe.Pointer(md.trie))
	size := mc.size // cells past size are unused: the copy stops there
	if size > len(mc.array) || size > len(mc.nInfos) || size>>8 > len(mc.blocks) {
		return nil, errors.New("cedar trie larger than its arrays")
	}
	var w writer
	b2u := func(b bool) uint64 {
		if b {
			return 1
		}
		return 0
	}
	for _, v := range []uint64{b2u(mc.Reduced), b2u(mc.ordered), uint64(mc.maxTrial),
		uint64(mc.blocksHeadFull), uint64(mc.blocksHeadClosed), uint64(mc.blocksHeadOpen),
		uint64(size), uint64(md.maxTokenLen), math.Float64bits(md.totalFreq)} {
		w.u64(v)
	}
	for _, v := range mc.reject {
		w.u64(uint64(v))
	}
	array(&w, mc.array[:size])
	array(&w, mc.nInfos[:size])
	array(&w, mc.blocks[:size>>8])

	// Tokens. Their words are split into pieces as gse split them (a
	// piece per Han character, one per run of Latin letters or digits).
	// Pieces are shared: a word that begins another word (中华 of 中华人民)
	// points at the first pieces of the longer one, which saves a fifth
	// of the dictionary's memory. The file has the pieces' lengths (their
	// bytes follow one another in text), then the tags, then a record for
	// each token: frequency, path length, tag (an index into the tags),
	// number of pieces and first piece. gse's search-mode sub-segments of
	// each token are not kept: they serve ModeSegment(…, true) and
	// Slice/Pos in search mode, which Galley never calls (CutSearch does
	// not use them).
	n := len(md.Tokens)
	tok := func(i int) *mirrorToken { return (*mirrorToken)(unsafe.Pointer(&md.Tokens[i])) }
	word := func(i int) []byte { return textSliceToBytes(tok(i).text) }
	byWord := make([]int, n)
	for i := range byWord {
		byWord[i] = i
	}
	words := make([][]byte, n)
	for i := range words {
		words[i] = word(i)
	}
	sort.Slice(byWord, func(a, b int) bool { return bytes.Compare(words[byWord[a]], words[byWord[b]]) < 0 })
	// Every word that begins w comes right after w in sorted order, so a
	// word shares the pieces of the word after it or of none; walking
	// from the end, each word's first piece is known when it is reached.
	first := make([]int, n)
	var text []byte
	var pieceLens []uint16
	for j := n - 1; j >= 0; j-- {
		i := byWord[j]
		ps := tok(i).text
		if len(ps) > math.MaxUint16 {
			return nil, errors.New("a dictionary word that cannot be compiled")
		}
		if j+1 < n && piecePrefix(ps, tok(byWord[j+1]).text) {
			first[i] = first[byWord[j+1]]
			continue
		}
		first[i] = len(pieceLens)

		for _, p := range ps {
			if len(p) > math.MaxUint16 {
				return nil, errors.New("a dictionary word that cannot be compiled")
			}
			pieceLens = append(pieceLens, uint16(len(p)))
			text = append(text, p...)
		}
	}
	tagIndex := map[string]int{}
	var tagList []string
	var records writer
	for i := range md.Tokens {
		mt := tok(i)
		k, ok := tagIndex[mt.pos]
		if !ok {
			k = len(tagList)
			tagIndex[mt.pos] = k
			tagList = append(tagList, mt.pos)
		}
		if k > math.MaxUint16 || strings.Contains(mt.pos, "\n") || first[i] > math.MaxUint32 {
			return nil, errors.New("a dictionary word that cannot be compiled")
		}
		var rec [20]byte
		binary.LittleEndian.PutUint64(rec[0:], math.Float64bits(mt.freq))
		binary.LittleEndian.PutUint32(rec[8:], math.Float32bits(mt.distance))
		binary.LittleEndian.PutUint16(rec[12:], uint16(k))
		binary.LittleEndian.PutUint16(rec[14:], uint16(len(mt.text)))
		binary.LittleEndian.PutUint32(rec[16:], uint32(first[i]))
		records.buf.Write(rec[:])
	}
	array(&w, text)
	array(&w, pieceLens)
	array(&w, []byte(strings.Join(tagList, "\n")))
	w.u64(uint64(n))
	w.buf.Write(records.buf.Bytes())

	array(&w, []byte(t.words))
	w.u64(uint64(t.len())) // as array writes a []uint32
	w.buf.Write(t.ends)
	w.u64(uint64(t.len())) // and a []float64
	w.buf.Write(t.idf)

	body := w.buf.Bytes()
	var out writer
	out.buf.WriteString(dictMagic)
	out.u64(uint64(crc32.Checksum(body, castagnoli)))
	out.u64(uint64(len(body)))
	out.buf.Write(body)
	return out.buf.Bytes(), nil
}

// decodeCompiled rebuilds gse's dictionary from a compiled file. With
// lazy, the trie's sibling and block lists stay in the file until thaw.
func decodeCompiled(in io.Reader, lazy bool) (*compiled, error) {
	if !layoutMatches {
		return nil, errors.New("gse's or cedar's types are not the ones this code knows")
	}
	var head [len(dictMagic) + 16]byte
	if _, err := io.ReadFull(in, head[:]); err != nil || string(head[:len(dictMagic)]) != dictMagic {
		return nil, errors.New("not a compiled dictionary")
	}
	wantSum := uint32(binary.LittleEndian.Uint64(head[len(dictMagic):]))
	wantLen := int64(binary.LittleEndian.Uint64(head[len(dictMagic)+8:]))
	sum := &crcReader{r: in}
	r := &reader{r: bufio.NewReaderSize(sum, 1<<16), pos: int64(len(head))}

	reduced, ordered, maxTrial := r.u64() == 1, r.u64() == 1, int(r.u64())
	headFull, headClosed, headOpen := int(r.u64()), int(r.u64()), int(r.u64())
	size, maxTokenLen, totalFreq := int(r.u64()), int(r.u64()), math.Float64frombits(r.u64())
	var reject [257]int
	for i := range reject {
		reject[i] = int(r.u64())
	}
	nodes := readArray[cedar.Node](r)
	var nInfos []cedar.NInfo
	var blocks []cedar.Block
	var nInfoSec, blockSec section
	if lazy {
		nInfoSec, blockSec = skipArray[cedar.NInfo](r), skipArray[cedar.Block](r)
	} else {
		nInfos, blocks = readArray[cedar.NInfo](r), readArray[cedar.Block](r)
	}
	text := readArray[byte](r)
	// The pieces, in one allocation, point into text; their lengths pass
	// through a small buffer, and the tokens, in another allocation,
	// point into the pieces.
	np := r.u64()
	if r.err != nil || np > uint64(len(text)) {
		return nil, errors.New("compiled dictionary damaged: pieces")
	}
	pieces := make([]gse.Text, np)
	at := 0
	var lens [1 << 14]byte
	for i := 0; i < len(pieces); {
		m := min(len(pieces)-i, len(lens)/2)
		if r.full(lens[:2*m]); r.err != nil {
			return nil, r.err
		}
		for j := 0; j < m; j, i = j+1, i+1 {
			l := int(binary.LittleEndian.Uint16(lens[2*j:]))
			if at+l > len(text) {
				return nil, errors.New("compiled dictionary damaged: text")
			}
			pieces[i] = gse.Text(text[at : at+l : at+l])
			at += l
		}
	}
	tagList := strings.Split(string(readArray[byte](r)), "\n")
	n := r.u64()
	if r.err != nil {
		return nil, r.err
	}
	nInfoLen, blockLen := len(nInfos), len(blocks)
	if lazy {
		nInfoLen, blockLen = int(nInfoSec.n/int64(unsafe.Sizeof(cedar.NInfo{}))), int(blockSec.n/int64(unsafe.Sizeof(cedar.Block{})))
	}
	if size <= 0 || size%256 != 0 || len(nodes) != size || nInfoLen != size || blockLen != size>>8 ||
		n > uint64(len(text)) {
		return nil, errors.New("compiled dictionary damaged: sizes")
	}
	tokens := make([]gse.Token, n)
	var rec [20]byte
	for i := range tokens {
		if r.full(rec[:]); r.err != nil {
			return nil, r.err
		}
		tag, k := int(binary.LittleEndian.Uint16(rec[12:])), int(binary.LittleEndian.Uint16(rec[14:]))
		start := int(binary.LittleEndian.Uint32(rec[16:]))
		if tag >= len(tagList) || start+k > len(pieces) {
			return nil, errors.New("compiled dictionary damaged: tokens")
		}
		mt := (*mirrorToken)(unsafe.Pointer(&tokens[i]))
		mt.text, mt.pos = pieces[start:start+k:start+k], tagList[tag]
		mt.freq = math.Float64frombits(binary.LittleEndian.Uint64(rec[0:]))
		mt.distance = math.Float32frombits(binary.LittleEndian.Uint32(rec[8:]))
	}
	idfWords := readArray[byte](r)
	idfEnds := readArray[uint32](r)
	idfs := readArray[float64](r)
	if r.err != nil {
		return nil, r.err
	}
	if _, err := r.r.ReadByte(); err != io.EOF {
		return nil, errors.New("compiled dictionary damaged: too long")
	}
	if sum.sum != wantSum || sum.n != wantLen {
		return nil, errors.New("compiled dictionary damaged: checksum")
	}
	idf := idfTable{words: unsafe.String(unsafe.SliceData(idfWords), len(idfWords)), ends: bytesOf(idfEnds), idf: bytesOf(idfs)}
	if !idf.valid() {
		return nil, errors.New("compiled dictionary damaged: keyword table")
	}

	// The trie with its capacity set to its size: cedar grows it when a
	// user term needs room, as it does any trie that is full.
	trie := new(cedar.Cedar)
	*(*mirrorCedar)(unsafe.Pointer(trie)) = mirrorCedar{Reduced: reduced, array: nodes, nInfos: nInfos, blocks: blocks,
		reject: reject, blocksHeadFull: headFull, blocksHeadClosed: headClosed, blocksHeadOpen: headOpen,
		capacity: size, size: size, ordered: ordered, maxTrial: maxTrial}
	d := new(gse.Dictionary)
	*(*mirrorDict)(unsafe.Pointer(d)) = mirrorDict{trie: trie, maxTokenLen: maxTokenLen, Tokens: tokens, totalFreq: totalFreq}
	c := &compiled{dict: d, idf: idf}
	if lazy {
		c.nInfos, c.blocks = &nInfoSec, &blockSec
	}
	return c, nil
}

// piecePrefix reports whether the pieces a are the first pieces of b.
func piecePrefix(a, b []gse.Text) bool {
	if len(a) > len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func textSliceToBytes(ps []gse.Text) []byte {
	var out []byte
	for _, p := range ps {
		out = append(out, p...)
	}
	return out
}

// compileDict builds the dictionary from gse's text (the slow way) and
// returns the segmenter, the IDF table and the compiled form. Only the simplified
// dictionary is loaded: traditional forms add load time and memory for
// pages we do not receive; search mode and Pos need no HMM model beyond
// gse's built-in one.
func compileDict() (gse.Segmenter, *idfTable, []byte, error) {
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return seg, nil, nil, err
	}
	idf := buildIdf()
	data, err := encodeCompiled(seg.Dict, idf)
	return seg, &idf, data, err
}

// compiledPath is the compiled dictionary's file in dir.
func compiledPath(dir string) string { return filepath.Join(dir, cacheKey()+".dict") }

// readCompiled reads the compiled dictionary of dir, if there is one that
// this program can use.
func readCompiled(dir string) (*compiled, error) {
	if dir == "" {
		return nil, errors.New("no cache folder")
	}
	f, err := os.Open(compiledPath(dir))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodeCompiled(f, true)
}

// writeCompiled saves data as dir's compiled dictionary: written to a
// temporary file and renamed, so a process reading it at the same time
// sees the old file or the whole new one, never half of it.
func writeCompiled(dir string, data []byte) error {
	if dir == "" {
		return errors.New("no cache folder")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "dict-*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), compiledPath(dir))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
