package seqlabel

import (
	"hash/maphash"
	"math/bits"
)

// rowTable finds a feature's row by its name, as Model.index does, for
// Row: parsing a page looks up tens of names a line, and a Go map of the
// model's features (an 800 KB map of strings strewn over the heap) spent
// most of that time in cache misses on its groups and keys. Here a slot
// is 8 bytes (a tag of the name's hash and the row), so the slots of a
// model's features fit in a few hundred KB, a name is compared only when
// its tag matches, and the names lie run together in one string. A name
// is always compared before its row is given, so two names of one hash
// cannot be confused.
type rowTable struct {
	seed  maphash.Seed
	slots []uint64 // tag<<32 | row+1, 0 for an empty slot; open addressing, linear probing
	mask  uint64   // len(slots)-1 (a power of two)
	names string   // every row's name, in row order, run together
	ends  []uint32 // row r's name is names[ends[r-1]:ends[r]] (0 for r-1 = -1)
}

// newRowTable indexes names by row. A name held by several rows (a
// hand-edited model file) is found at the row index gives it, as Row's
// map lookup found it.
func newRowTable(names []string, index map[string]int32) *rowTable {
	t := &rowTable{seed: maphash.MakeSeed(), ends: make([]uint32, len(names))}
	size := 1 << bits.Len(uint(2*len(names))) // at most half full: short probes
	t.slots, t.mask = make([]uint64, size), uint64(size-1)
	total := 0
	for _, name := range names {
		total += len(name)
	}
	joined := make([]byte, 0, total)
	for r, name := range names {
		joined = append(joined, name...)
		t.ends[r] = uint32(len(joined))
	}
	t.names = string(joined)
	for r, name := range names {
		if index[name] == int32(r) {
			t.insert(maphash.String(t.seed, name), int32(r))
		}
	}
	return t
}

// insert puts row r, of a name whose hash is h, in the first free slot.
func (t *rowTable) insert(h uint64, r int32) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		if t.slots[i] == 0 {
			t.slots[i] = h>>32<<32 | uint64(r+1)
			return
		}
	}
}

// name is row r's name.
func (t *rowTable) name(r int32) string {
	start := uint32(0)
	if r > 0 {
		start = t.ends[r-1]
	}
	return t.names[start:t.ends[r]]
}

// row is the row of the feature named name, or -1.
func (t *rowTable) row(name []byte) int32 {
	h := maphash.Bytes(t.seed, name)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s>>32 == h>>32 {
			if r := int32(uint32(s)) - 1; t.name(r) == string(name) {
				return r
			}
		}
	}
}
