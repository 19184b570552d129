package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// English stories get a lighter treatment: names after a title or next to
// "said", organisations by their closing word, places from the dateline
// and a short list of countries. The Chinese rules find nothing in Latin
// text, so these add what they can and nothing that is not capitalised
// like a name.

const capWord = `[A-Z][a-z]+(?:-[A-Z][a-z]+)?`

var (
	englishTitled = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Dr|Prof)\.? (` + capWord + `(?: ` + capWord + `){0,2})|\b(?:President|Governor|Mayor|Senator|Minister|Premier|Chairman|Chairwoman|Professor|Director|Secretary|Ambassador|Judge|Coach|Captain) (` + capWord + `(?: ` + capWord + `){1,2})`)
	englishSaid   = regexp.MustCompile(`(` + capWord + ` ` + capWord + `(?: ` + capWord + `)?),? (?:said|says|told)\b|\b(?:said|says) (` + capWord + ` ` + capWord + `)\b`)
	englishOrg    = regexp.MustCompile(`\b((?:(?:[A-Z][A-Za-z&.-]+|of|and|for) ){0,5}[A-Z][A-Za-z&.-]* (?:Company|Corporation|Corp\.|Inc\.|Ltd\.?|Group|University|Bank|Association|Institute|Council|Committee|Agency|Ministry|Department|Administration|Commission|Foundation|College|Hospital|Academy))`)
)

// notFirstNames are capitalised words that open sentences, not names.
var notFirstNames = map[string]bool{
	"The": true, "This": true, "That": true, "These": true, "Those": true, "In": true, "On": true,
	"At": true, "But": true, "And": true, "He": true, "She": true, "They": true, "It": true,
	"We": true, "A": true, "An": true, "Monday": true, "Tuesday": true, "Wednesday": true,
	"Thursday": true, "Friday": true, "Saturday": true, "Sunday": true, "When": true, "As": true,
	"Officials": true, "Police": true, "Experts": true, "Residents": true,
}

var englishCountries = []string{
	"China", "United States", "Japan", "South Korea", "North Korea", "Russia", "India",
	"Britain", "United Kingdom", "France", "Germany", "Italy", "Spain", "Canada", "Australia",
	"Brazil", "Mexico", "Indonesia", "Vietnam", "Thailand", "Singapore", "Malaysia",
	"Philippines", "Pakistan", "Iran", "Israel", "Egypt", "South Africa", "Ukraine", "Europe",
	"Asia", "Africa", "Hong Kong", "Macao", "Taiwan", "Beijing", "Shanghai",
}

// mostlyLatin reports whether text has more Latin letters than ideographs.
func mostlyLatin(text string) bool {
	latin, han := 0, 0
	for _, r := range text {
		switch {
		case isHan(r):
			han++
		case r < unicode.MaxLatin1 && unicode.IsLetter(r):
			latin++
		}
	}
	return latin > han
}

func englishPeople(text string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{englishTitled, englishSaid} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			for _, g := range m[1:] {
				first, _, _ := strings.Cut(g, " ")
				if g != "" && !notFirstNames[first] {
					out = append(out, g)
				}
			}
		}
	}
	return out
}

func englishOrgs(text string) []string {
	var out []string
	for _, m := range englishOrg.FindAllStringSubmatch(text, -1) {
		name := m[1]
		for {
			first, rest, ok := strings.Cut(name, " ")
			if !ok || !(notFirstNames[first] || first == "of" || first == "and" || first == "for") {
				break
			}
			name = rest
		}
		out = append(out, strings.TrimRight(name, " "))
	}
	return out
}

// englishPlaces returns the dateline's city (BEIJING → Beijing) and the
// countries and cities of englishCountries the text names.
func englishPlaces(text, dateline string) []string {
	var out []string
	if city, _, ok := strings.Cut(dateline, ","); ok && city != "" {
		out = append(out, titleCase(city))
	}
	for _, c := range englishCountries {
		if i := strings.Index(text, c); i >= 0 && (i+len(c) == len(text) || !unicode.IsLetter(rune(text[i+len(c)]))) {
			out = append(out, c)
		}
	}
	return out
}
