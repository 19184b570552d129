package ingest

import (
	"unicode"
	"unsafe"

	"github.com/galley/galley/internal/utf8x"
)

// Character classes used by every rule. They are plain range checks so the
// per-character loops stay fast (no tables, no regexps).

// isHan reports CJK ideographs (and the iteration mark 々, 〇).
func isHan(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF,
		r >= 0x20000 && r <= 0x3134F, r >= 0xF900 && r <= 0xFAFF,
		r == 0x3005, r == 0x3007:
		return true
	}
	return false
}

// isAnyDigit reports an ASCII or a full-width digit: a page sets numbers
// in either.
func isAnyDigit(r rune) bool { return isDigitRune(r) || r >= '０' && r <= '９' }

// firstRunes and lastRunes are the first and the last n characters of s
// (all of s when it is shorter).
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8x.Last(s[:i])
		i -= size
	}
	return s[i:]
}

// isCJKPunct reports punctuation set on the CJK grid: full-width marks,
// CJK quotes, brackets, dashes and ellipses. Spaces next to them are always
// the extractor's.
func isCJKPunct(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x303F && r != 0x3005 && r != 0x3007:
		return true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20,
		r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return true
	case r == '“', r == '”', r == '‘', r == '’', r == '—', r == '…', r == '·', r == '–', r == '―':
		return true
	}
	return false
}

// isCJK reports characters that take no spaces around them in Chinese text.
func isCJK(r rune) bool { return isHan(r) || isCJKPunct(r) || (r >= 0x3040 && r <= 0x30FF) }

// isWordRune reports Latin letters and digits (ASCII or other scripts).
func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return !isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isSpace reports the whitespace the normaliser decides about. Form feed is
// not here: it is a page break.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\r', 0x3000, 0xA0:
		return true
	}
	return r > 0x2000 && r <= 0x200A
}

// isSentenceEnd reports marks that end a sentence.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '…', '；', '.':
		return true
	}
	return false
}

// holdsSentenceEnd reports a mark that ends a sentence anywhere in s (a
// point between digits, 5.2, ends none).
func holdsSentenceEnd(s string) bool {
	var prev rune
	for i, r := range s {
		if isSentenceEnd(r) && !(r == '.' && unicode.IsDigit(prev) && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9') {
			return true
		}
		prev = r
	}
	return false
}

// isCloser reports closing quotes and brackets, which end a sentence when
// the mark before them does (“……。” or （……。）).
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '）', ')', '」', '』', '"', '\'', '》':
		return true
	}
	return false
}

// isOpener reports opening quotes and brackets: a line that opens with
// one quotes or notes, and is no heading.
func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '「', '『', '（', '(', '《', '【':
		return true
	}
	return false
}

// halfWidth maps full-width ASCII letters and digits to ASCII; punctuation
// stays full-width, as Chinese typesetting wants it.
func halfWidth(r rune) (rune, bool) {
	switch {
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		return r - 0xFEE0, true
	}
	return r, false
}

// dropped reports characters removed from the text with an edit: the
// replacement character left where a glyph was lost, invisible format
// characters and stray control characters.
func dropped(r rune) (reason string, ok bool) {
	switch {
	case r == 0xFFFD:
		return "lost glyph (U+FFFD) in the extracted text", true
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF || r == 0x00AD:
		return "invisible format character", true
	case r < 0x20 && r != '\n' && r != '\t' && r != '\f' && r != '\v' && r != '\r', r == 0x7F:
		return "control character", true
	}
	return "", false
}

// runeWidth is the display width: 2 for CJK (full-width) characters, 1 for
// the rest, 0 for what is dropped.
func runeWidth(r rune) int {
	if r < 0x1100 {
		return 1
	}
	if _, ok := dropped(r); ok {
		return 0
	}
	if isCJK(r) || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xFF01 && r <= 0xFF60 || r >= 0x1F300 && r <= 0x1FAFF {
		return 2
	}
	return 1
}

// decodeAt decodes the rune at s[i]: ASCII and the three-byte sequences
// of CJK text inline, the rest by utf8. It is the per-character step of
// every loop over a page, where utf8's general path shows in profiles.
func decodeAt(s string, i int) (rune, int) {
	return utf8x.First(s[i:])
}

// builtString is b as a string without copying it, as strings.Builder
// makes its string: for text built in a buffer of its own that nothing
// writes to afterwards (the squashed lines and items, made for every line
// of a page, were copied a second time only to become strings).
func builtString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
