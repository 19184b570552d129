package lexicon

import "unsafe"

// TagText is Tag with each word's Text cut from text itself, as printed
// (gse lower-cases Latin letters in Tag's words; here "K6" stays "K6"),
// and without building the words a second time: a caller that tags whole
// stories saves gse's conversion of every word to a string. Words and
// tags are Tag's otherwise.
func (l *Lexicon) TagText(text string) []Token {
	if !l.wait() || text == "" {
		return l.Tag(text)
	}
	out, ok := l.tagText(nil, text)
	if !ok {
		return l.Tag(text)
	}
	return out
}

// AppendTagText is TagText appending the words to dst: a caller that
// tags story after story can reuse one slice for their words.
func (l *Lexicon) AppendTagText(dst []Token, text string) []Token {
	if !l.wait() || text == "" {
		return append(dst, l.Tag(text)...)
	}
	out, ok := l.tagText(dst, text)
	if !ok {
		return append(dst, l.Tag(text)...)
	}
	return out
}

// tagText tags text for TagText, appending its words to dst (nil: a
// slice made at the words' number).
//
// As in Tag: a line break first, or gse ignores a user term at the very
// start of the text. The mapped dictionary's segmenter keeps gse's rule
// (see segment.go), so it needs the line break as well, and gives gse's
// words with it: the line break adds its length to every path, which can
// turn a tie between two paths one way or the other.
func (l *Lexicon) tagText(dst []Token, text string) ([]Token, bool) {
	gseMu.RLock()
	defer gseMu.RUnlock()
	if l.mapped == nil {
		return l.tagSegments(dst, "\n"+text)
	}
	// The words are cut from text itself: the line break and text are
	// only read while segmenting, from a buffer kept for the next story
	// instead of a copy of every story made for it.
	buf := segPool.Get().(*segBuffers)
	defer segPool.Put(buf)
	buf.input = append(append(buf.input[:0], '\n'), text...)
	input := unsafe.String(unsafe.SliceData(buf.input), len(buf.input))
	spans := l.mapped.segment(input, l.overlay.index(), buf)
	shift := 1 // input[a:b] is text[a-1:b-1]
	if len(spans) > 0 && spans[0].start == 0 && spans[0].end == 1 {
		spans = spans[1:]
	} else {
		// Never with gse's dictionary, whose words begin with no line
		// break; were it otherwise, the text without it.
		spans, shift = l.mapped.segment(text, l.overlay.index(), buf), 0
	}
	return l.appendSpans(dst, text, spans, shift), true
}

// appendSpans appends to dst (nil: a slice made for them) the words of
// spans, cut from text at their bounds less shift, with their tags (a
// user term's own).
func (l *Lexicon) appendSpans(dst []Token, text string, spans []wordSpan, shift int) []Token {
	if dst == nil {
		dst = make([]Token, 0, len(spans))
	}
	for _, s := range spans {
		word, tag := text[s.start-shift:s.end-shift], s.tag
		if t, ok := l.terms[word]; ok {
			tag = t
		}
		dst = append(dst, Token{Text: word, Tag: tag})
	}
	return dst
}

// tagSegments segments input (a line break, then the text) and returns
// the words after the line break, cut from input, with their tags,
// appended to dst (nil: a slice made for them); false when gse did not
// keep the line break apart (the mapped dictionary's segmenter then cuts
// the text alone). The caller holds gseMu.
func (l *Lexicon) tagSegments(dst []Token, input string) ([]Token, bool) {
	if l.mapped != nil {
		buf := segPool.Get().(*segBuffers)
		defer segPool.Put(buf)
		spans := l.mapped.segment(input, l.overlay.index(), buf)
		if len(spans) > 0 && spans[0].start == 0 && spans[0].end == 1 {
			spans = spans[1:]
		} else {
			// Never with gse's dictionary, whose words begin with no
			// line break; were it otherwise, the text without it.
			input = input[1:]
			spans = l.mapped.segment(input, l.overlay.index(), buf)
		}
		return l.appendSpans(dst, input, spans, 0), true
	}
	segs := l.seg.ModeSegment([]byte(input), false)
	if len(segs) == 0 || segs[0].Start() != 0 || segs[0].End() != 1 {
		return nil, false
	}
	if dst == nil {
		dst = make([]Token, 0, len(segs)-1)
	}
	for _, s := range segs[1:] {
		word := input[s.Start():s.End()]
		tag := s.Token().Pos()
		if t, ok := l.terms[word]; ok {
			tag = t
		}
		dst = append(dst, Token{Text: word, Tag: tag})
	}
	return dst, true
}
