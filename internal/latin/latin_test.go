package latin

import "testing"

func TestEndsWithAbbreviation(t *testing.T) {
	for _, s := range []string{"NEW YORK, Jan. 5.—Elbert H.", "a letter from Mr.", "the U.S.", "signed by Gen. ", "(J."} {
		if !EndsWithAbbreviation(s) {
			t.Errorf("EndsWithAbbreviation(%q) = false", s)
		}
	}
	for _, s := range []string{"the council voted.", "It was 5 per cent.", "said the Mayor.", "", "."} {
		if EndsWithAbbreviation(s) {
			t.Errorf("EndsWithAbbreviation(%q) = true", s)
		}
	}
}
