// Package utf8x decodes UTF-8 as unicode/utf8 does, with the three-byte
// sequences of CJK text (lead bytes E1-EC: the Han ideographs, kana,
// hangul and most CJK punctuation) decoded inline. Every loop over a
// page's or a story's characters takes this step, and utf8's general path
// (its lead-byte table and range checks, out of line for any non-ASCII
// rune) showed in the profiles of parsing by several per cent. Each
// function returns exactly what its utf8 counterpart returns, invalid
// input included.
package utf8x

import "unicode/utf8"

// First is utf8.DecodeRuneInString(s). Like utf8's, it is inlined for
// ASCII and calls out for the rest.
func First(s string) (r rune, size int) {
	// (written as utf8 writes it, to stay within the inliner's budget)
	if s != "" && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	} else {
		r, size = firstMulti(s)
	}
	return
}

// firstMulti is First of a text that does not start with an ASCII byte.
func firstMulti(s string) (rune, int) {
	// (E1-EC followed by any two continuation bytes is always a valid
	// rune: E0's and ED's second bytes are restricted, these are not)
	if len(s) >= 3 {
		if c0, c1, c2 := s[0], s[1], s[2]; c0 >= 0xE1 && c0 <= 0xEC && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// Last is utf8.DecodeLastRuneInString(s) (a call, as utf8's is).
func Last(s string) (rune, int) {
	n := len(s)
	if n > 0 && s[n-1] < utf8.RuneSelf {
		return rune(s[n-1]), 1
	}
	// a lead byte E1-EC and two continuation bytes end s: utf8 steps back
	// over the two continuation bytes to the lead and decodes those three
	if n >= 3 {
		if c0, c1, c2 := s[n-3], s[n-2], s[n-1]; c0 >= 0xE1 && c0 <= 0xEC && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

// Count is utf8.RuneCountInString(s).
func Count(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xE1 && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return n
}
