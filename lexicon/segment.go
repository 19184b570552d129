package lexicon

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Tagging on the mapped dictionary: gse's ModeSegment(text, false) and
// each word's Pos, word for word, read from the mapped file. gse splits
// the text into pieces (SplitTextToWords: each character, but a run of
// Latin letters or digits is one piece), then finds the shortest path
// over the pieces, a word's length being its token's distance
// (segmentWords). It allocates a Token for every piece no word covers and
// looks words up through []Text slices; here the pieces are offsets into
// the text and the path's steps are small values.

// wordSpan is a word of the text, by byte offsets, and its tag.
type wordSpan struct {
	start, end int
	tag        string
}

// pseudoDistance and pseudoTag are gse's for a piece that no word starts
// with (or whose shortest word is longer): a word of its own, tagged x.
const (
	pseudoDistance float32 = 32
	pseudoTag              = "x"
)

// jumper is the best path to the end of a piece: its length and its last
// word (pieces, tag), as gse's jumper. The tag is an index into m.tags, or
// a user term's (see segment's termTag), or the pseudo-word's: no pointer,
// so the garbage collector need not scan the array.
type jumper struct {
	dist   float32
	pieces int32
	tag    int32
}

// segBuffers are segment's working slices, kept from one call to the
// next (segPool): a story is thousands of pieces, and their bounds, the
// path's steps and the words read off the path, made anew for every
// story, were two thirds of what tagging allocated.
type segBuffers struct {
	input   []byte // TagText's line break and text
	bounds  []int
	jumpers []jumper
	spans   []wordSpan
}

var segPool = sync.Pool{New: func() any { return new(segBuffers) }}

// segment is ModeSegment(text, false) over the mapped dictionary and the
// user terms (see userterms.go). The words are in buf.spans, good until
// buf is used again. The caller holds gseMu for reading.
func (m *mappedDict) segment(text string, terms map[string]*termPrefix, buf *segBuffers) []wordSpan {
	if text == "" {
		return nil
	}
	key := asciiLower(text) // gse's pieces, as its trie holds words
	buf.bounds = splitPieces(slices.Grow(buf.bounds[:0], len(text)/3+2), text)
	bounds := buf.bounds
	n := len(bounds) - 1

	// jumpers[i] is the best path to the end of piece i.
	const pseudo = -1
	var termTags []string // termTag(i) is termTags[i]
	termTag := func(i int) int32 { return int32(-2 - i) }
	buf.jumpers = slices.Grow(buf.jumpers[:0], n)[:n]
	jumpers := buf.jumpers
	clear(jumpers) // a length of 0 is "no path yet" (update)
	// update is gse's updateJumper, which reads a length of 0 as "no path
	// yet" (so that a user term, of distance 0, at the very start of a
	// text is replaced by whatever reaches its end next).
	update := func(j *jumper, base, dist float32, pieces int, tag int32) {
		if d := base + dist; j.dist == 0 || j.dist > d {
			*j = jumper{dist: d, pieces: int32(pieces), tag: tag}
		}
	}
	roots := m.rootTable()
	steps := m.takeSteps()
	defer m.putSteps(steps)
	// one walk, reset for each piece: a new one a piece was copied into
	// place through the stack, a stall on every character of a story
	w := newWalk(m.trie, terms)
	w.roots, w.steps = roots, steps
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = jumpers[cur-1].dist
		}
		// The words starting at this piece, shortest first (LookupTokens).
		w.id, w.inTrie, w.inTerms, w.fresh = 0, true, terms != nil, true
		shortest := 0
		for j := cur; j < n; j++ {
			v, term, ok := w.next(key[bounds[j]:bounds[j+1]], key[bounds[cur]:bounds[j+1]])
			if !ok {
				break
			}
			var dist float32 // a user term's is 0: see userterms.go
			var tag int32
			pieces := j - cur + 1
			switch {
			case term != nil:
				tag = termTag(len(termTags))
				termTags = append(termTags, term.tag)
			case v >= 0:
				// The word's own pieces, as gse counts them: a NUL byte
				// after a word leads cedar from the word's node to its
				// value (the edge labelled 0), so 成 followed by NUL finds
				// the token 成, one piece, not two.
				dist, tag, pieces = m.step(v)
			default:
				continue
			}
			if shortest == 0 {
				shortest = pieces
			}
			update(&jumpers[cur+pieces-1], base, dist, pieces, tag)
		}
		if shortest != 1 {
			update(&jumpers[cur], base, pseudoDistance, 1, pseudo)
		}
	}

	// The path, read from the end.
	count := 0
	for i := n - 1; i >= 0; i -= int(jumpers[i].pieces) {
		count++
	}
	buf.spans = slices.Grow(buf.spans[:0], count)[:count]
	out := buf.spans
	for i := n - 1; i >= 0; i -= int(jumpers[i].pieces) {
		count--
		j := jumpers[i]
		tag := pseudoTag
		switch {
		case j.tag >= 0:
			tag = m.tags[j.tag]
		case j.tag < pseudo:
			tag = termTags[-2-j.tag]
		}
		out[count] = wordSpan{start: bounds[i+1-int(j.pieces)], end: bounds[i+1], tag: tag}
	}
	return out
}

// splitPieces appends to bounds where gse's SplitTextToWords puts the
// pieces of text (with its default options): bounds[i] is where piece i
// starts, and the last bound is len(text). A letter or digit of one or
// two bytes in UTF-8 (Latin, Greek, Cyrillic …) joins a run of them; anything else,
// a Han character, a full-width form, punctuation, a space or a byte that
// is not UTF-8, is a piece alone.
func splitPieces(bounds []int, text string) []int {
	inRun := false
	for cur := 0; cur < len(text); {
		if c := text[cur]; c >= 0xE1 && c <= 0xEC && cur+2 < len(text) && text[cur+1]&0xC0 == 0x80 && text[cur+2]&0xC0 == 0x80 {
			// a three-byte rune, as the Han characters are: a piece of its
			// own (below), without decoding it (every story's every
			// character comes here)
			inRun = false
			bounds = append(bounds, cur)
			cur += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(text[cur:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inRun {
				bounds = append(bounds, cur)
				inRun = true
			}
		} else {
			inRun = false
			bounds = append(bounds, cur)
		}
		cur += size
	}
	return append(bounds, len(text))
}
