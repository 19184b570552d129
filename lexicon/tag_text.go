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
	// very start of the text.
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
// when gse did not keep the line break apart. The caller holds gseMu.
func (l *Lexicon) tagSegments(input string) ([]Token, bool) {
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
