package lexicon

// The user's terms beside the mapped dictionary. gse takes a new word into
// its trie (AddToken); the mapped trie is read-only, so the terms are kept
// here, and the segmenters (cutsearch.go, segment.go) follow the trie and
// the terms at once, as if they were one trie: at each step a word goes on
// while either has it or a longer word beginning with it, and a word that
// is a user term is that term, as gse's AddToken replaces the dictionary's
// value for the same word. The terms are few (tens to thousands), so a map
// of every prefix is small and answers each step with one lookup.
//
// What AddToken does, and what this matches: the term's token has the
// user's tag and frequency userFreq; its distance (the path length
// ModeSegment adds up) stays 0, since AddToken does not recompute the
// distances (CalcToken), and segment.go gives it 0 too, with the same
// consequence: Tag's shortest path takes the term wherever it begins,
// except at the very start of a text, where a path of length 0 reads as
// "no path yet" (hence Tag's leading line break, on either path); and the
// dictionary's total frequency, which Cut's route divides every word's
// frequency by, grows by userFreq for each term.
//
// Where this deliberately differs from gse in one process:
//   - gse adds userFreq to the total at every AddToken, and AddTerm calls
//     it again for a term re-added, or removed and added back: the total
//     keeps the session's history. Here each current term counts once,
//     which is the total a new process gets when it adds the same terms:
//     the cut of a text then depends on the terms, not on the edits.
//   - Removing a term that is also a dictionary word deletes the word from
//     gse's trie until the process ends; here the dictionary's word is
//     back.
//   - A NUL byte right after a term: cedar's edge labelled 0 leads from a
//     word to its value, so gse may read the term and the NUL as one
//     word, or not, as the shape of its trie has it; here the term ends
//     before the NUL, which is a character like any other. (Words of the
//     dictionary followed by a NUL are gse's exactly: that is the mapped
//     trie's shape.) Newspaper text holds no NUL bytes.
//   - Two terms with one key (K6路 and k6路: gse lower-cases Latin letters)
//     are one word in gse's trie, which the first removal deletes; here
//     the key stays until both are removed, with the tag last given.

// termPrefix is what the overlay knows of a string: how many keys begin
// with it (itself included) and, when it is a key, the term's tag.
type termPrefix struct {
	keys  int32
	isKey bool
	tag   string
	words int32 // terms with this key
}

// termOverlay indexes the user terms by gse's key for them (see termKey)
// and every byte prefix of that key. The caller holds gseMu: for writing
// to change it, for reading to use it.
type termOverlay struct {
	prefixes map[string]*termPrefix
}

// termKey is the string gse's trie holds for word: its pieces
// (SplitTextToWords) joined, which lower-cases the ASCII letters and
// nothing else.
func termKey(word string) string { return asciiLower(word) }

// add indexes a term that was not a term before, or gives an existing
// one its new tag (added says which).
func (o *termOverlay) add(word, tag string, added bool) {
	if o.prefixes == nil {
		o.prefixes = map[string]*termPrefix{}
	}
	key := termKey(word)
	p := o.prefixes[key]
	if p == nil || !p.isKey {
		for i := 1; i <= len(key); i++ {
			q := o.prefixes[key[:i]]
			if q == nil {
				q = &termPrefix{}
				o.prefixes[key[:i]] = q
			}
			q.keys++
		}
		p = o.prefixes[key]
		p.isKey = true
	}
	p.tag = tag
	if added {
		p.words++
	}
}

// remove drops a term.
func (o *termOverlay) remove(word string) {
	key := termKey(word)
	p := o.prefixes[key]
	if p == nil || !p.isKey {
		return
	}
	if p.words--; p.words > 0 {
		return
	}
	p.isKey, p.tag = false, ""
	for i := 1; i <= len(key); i++ {
		q := o.prefixes[key[:i]]
		if q.keys--; q.keys == 0 {
			delete(o.prefixes, key[:i])
		}
	}
}

// index is the map the segmenters read: nil when there are no terms, so
// that they skip it.
func (o *termOverlay) index() map[string]*termPrefix {
	if len(o.prefixes) == 0 {
		return nil
	}
	return o.prefixes
}

// asciiLower is s with A-Z lower-cased (gse's toLower), s itself when it
// has none.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
