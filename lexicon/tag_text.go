package lexicon

// TagText is Tag with each word's Text cut from text itself, as printed
// (gse lower-cases Latin letters in Tag's words; here "K6" stays "K6"),
// and without building the words a second time: a caller that tags whole
// stories saves gse's conversion of every word to a string. Words and
// tags are Tag's otherwise.
func (l *Lexicon) TagText(text string) []Token {
	if !l.wait() || text == "" {
		return l.Tag(text)
	}
	// As in Tag: a line break first, or gse ignores a user term at the
	// very start of the text. The mapped dictionary's segmenter keeps
	// gse's rule (see segment.go), so it needs the line break as well, and
	// gives gse's words with it: the line break adds its length to every
	// path, which can turn a tie between two paths one way or the other.
	gseMu.RLock()
	out, ok := l.tagSegments("\n" + text)
	gseMu.RUnlock()
	if !ok {
		return l.Tag(text)
	}
	return out
}

// tagSegments segments input (a line break, then the text) and returns
// the words after the line break, cut from input, with their tags; false
// when gse did not keep the line break apart (the mapped dictionary's
// segmenter then cuts the text alone). The caller holds gseMu.
func (l *Lexicon) tagSegments(input string) ([]Token, bool) {
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
		out := make([]Token, 0, len(spans))
		for _, s := range spans {
			word, tag := input[s.start:s.end], s.tag
			if t, ok := l.terms[word]; ok {
				tag = t
			}
			out = append(out, Token{Text: word, Tag: tag})
		}
		return out, true
	}
	segs := l.seg.ModeSegment([]byte(input), false)
	if len(segs) == 0 || segs[0].Start() != 0 || segs[0].End() != 1 {
		return nil, false
	}
	out := make([]Token, 0, len(segs)-1)
	for _, s := range segs[1:] {
		word := input[s.Start():s.End()]
		tag := s.Token().Pos()
		if t, ok := l.terms[word]; ok {
			tag = t
		}
		out = append(out, Token{Text: word, Tag: tag})
	}
	return out, true
}
