package ingest

// Feature templates. Most of a line's features are fixed text around
// words from small sets ("w=" width "|e=" end class): parsing a page would
// build each such name and look it up in the model tens of times a line,
// though a page fills each template with only a few hundred combinations
// of words. A template numbers its combinations, and featureRows keeps,
// for the page, the model's row of each combination once it has been
// looked up by name. Training and --explain get the very names built the
// same way.

// wordSet is the words one slot of a template takes, numbered.
type wordSet struct {
	words []string
	ids   map[string]uint8
}

// noWord is the id of a word its set lacks: a feature with one is looked
// up by its name, not through its template's table.
const noWord = 0xFF

func newWordSet(words ...string) *wordSet {
	ws := &wordSet{words: words, ids: make(map[string]uint8, len(words))}
	for i, w := range words {
		ws.ids[w] = uint8(i)
	}
	return ws
}

// fill is a word to put in a slot: the word, and its id in the slot's set.
type fill struct {
	word string
	id   uint8
}

func (ws *wordSet) fill(w string) fill {
	if id, ok := ws.ids[w]; ok {
		return fill{w, id}
	}
	return fill{w, noWord}
}

// The words of the slots. A word missing from its set only costs speed.
var (
	// what shape says of a line's width, and of the page's edges
	widthWords = newWordSet("BOP", "EOP", "wide", "full", "m1", "m2", "m3", "half+", "quarter+", "short")
	// runeClass, shape's "sent", and the page's edges
	classWords = newWordSet("BOP", "EOP", "sent", "none", "end", "comma", "enum", "colon", "semi", "dash", "ellipsis",
		"rparen", "lparen", "rquote", "lquote", "lbook", "rbook", "digit", "han", "latin", "mark", "lost", "other")
	// the buckets of blank lines and of runes
	bucketWords = newWordSet("0", "1", "2", ">2", "4", "6", "8", "12", "16", "24", ">24", "40", ">40")
	styleWords  = newWordSet("dense", "blocks", "airy")
	relWords    = newWordSet("eq", "longer", "shorter")
	// the lexical overlap above and below
	overlapWords = newWordSet("none", "up", "down", "even")
	// the cues without characters of the line's own (cues)
	cueWords = newWordSet("dateline", "credit", "namecredit", "unclosed", "author", "byparen", "endcredit", "furn",
		"brk", "closes", "endcue", "dl_close", "caption_cue", "noise_cue", "list", "letterspaced", "spaces2+", "space1", "fewhan")
	// the second pass's (eachStackFeature): the first pass's tags and
	// their roles, with the page's edges; where a line stands in a run of
	// headline lines; how far the last story start is
	tagWords      = newWordSet(append([]string{"BOP", "EOP"}, lineTags()...)...)
	lineRoleWords = newWordSet(append([]string{"BOP", "EOP"}, LineRoles...)...)
	runWords      = newWordSet("0", "1", "2", "3", "4", "5", "6")
	sinceWords    = newWordSet("none", "0", "1", "2", "3", "5", "10", "20", "40", ">40")
	// the decisions of the rule cascade (cascadeFeatures)
	ruleWords = newWordSet("r:none", "r:furn", "r:start", "r:head", "r:headfirst", "r:headdown", "r:storyfirst",
		"r:para_body", "r:para_subhead", "r:para_caption", "r:para_credit", "r:para_kicker", "r:para_title", "r:para_subtitle")
)

// template is a feature's name: parts[i] before the word of slot i, and
// a last part after them when parts is one longer than slots.
type template struct {
	id    int
	parts []string
	slots []*wordSet
	size  int // the number of combinations of the slots' words
}

// templates are all templates, by id.
var templates []*template

// newTemplate makes the template of parts and slots, given in the order
// of the name: strings are fixed text, word sets are slots.
func newTemplate(of ...any) *template {
	t := &template{id: len(templates), size: 1}
	text := false
	for _, x := range of {
		switch x := x.(type) {
		case string:
			t.parts = append(t.parts, x)
			text = true
		case *wordSet:
			if !text {
				t.parts = append(t.parts, "")
			}
			t.slots = append(t.slots, x)
			t.size *= len(x.words)
			text = false
		}
	}
	templates = append(templates, t)
	return t
}

// appendName appends the name of t filled with fills to b.
func (t *template) appendName(b []byte, fills []fill) []byte {
	for i, f := range fills {
		b = append(b, t.parts[i]...)
		b = append(b, f.word...)
	}
	if len(t.parts) > len(fills) {
		b = append(b, t.parts[len(fills)]...)
	}
	return b
}

// combination numbers fills among t's combinations, or is -1 when a
// word is missing from its set.
func (t *template) combination(fills []fill) int {
	c := 0
	for i, f := range fills {
		if f.id == noWord {
			return -1
		}
		c = c*len(t.slots[i].words) + int(f.id)
	}
	return c
}
