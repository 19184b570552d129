// Package latin knows the words of English text whose full stop ends no
// sentence: initials (J. Smith) and abbreviations (Mr., Jan., U.S.). The
// cleaner asks it whether a line's full stop ends a paragraph, metadata
// where a story's first sentence ends.
package latin

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are the words, lower case and without their full stop,
// that an English sentence goes on after.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true,
	"sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "no": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "gov": true, "gen": true,
	"sen": true, "rep": true, "u.s": true, "a.m": true, "p.m": true, "col": true, "capt": true,
	"lieut": true, "rev": true, "hon": true,
}

// IsAbbreviation reports whether word, the word before a full stop
// (without it), is an initial or an abbreviation.
func IsAbbreviation(word string) bool {
	if r, n := utf8.DecodeRuneInString(word); n == len(word) && unicode.IsUpper(r) {
		return true // an initial: J. Smith
	}
	return abbreviations[strings.ToLower(word)]
}

// EndsWithAbbreviation reports whether s ends with a full stop after an
// initial or an abbreviation (…Elbert H.).
func EndsWithAbbreviation(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	w, ok := strings.CutSuffix(s, ".")
	if !ok {
		return false
	}
	if k := strings.LastIndexAny(w, " (\"“"); k >= 0 {
		w = w[k+1:]
	}
	return w != "" && IsAbbreviation(w)
}
