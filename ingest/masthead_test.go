package ingest

import (
	"strings"
	"testing"
)

// TestEnglishMastheadIsFurniture: the date, price and number lines of an
// English paper's masthead are left out of the stories and recorded.
func TestEnglishMastheadIsFurniture(t *testing.T) {
	page := parseFile(t, seedEN)
	for _, want := range []string{"SUNDAY, JANUARY 2, 1916", "PRICE FIVE CENTS", "No. IM48"} {
		recorded := false
		for _, e := range page.Edits {
			if e.Rule == RuleRunningHead && strings.Contains(e.Before, want) {
				recorded = true
			}
		}
		if !recorded {
			t.Errorf("%q not recorded as page furniture", want)
		}
		for _, st := range page.Stories {
			text := st.Kicker + st.Title + st.Subtitle
			for _, p := range st.Paragraphs {
				text += p.Text
			}
			if strings.Contains(text, want) {
				t.Errorf("%q is in the story %q", want, st.Title)
			}
		}
	}
	// the volume and number spelt out, on lines of their own
	for _, s := range []string{"VOLUME SEVENTEEN.", "NUMBER 10.", "VOL. XII., NO. 16"} {
		if _, ok := mastheadLine(s); !ok {
			t.Errorf("%q not taken for a masthead line", s)
		}
	}
	for _, s := range []string{"The price of wheat rose by five cents on Monday.", "He said no. 12 men agreed.", "Volume of trade grew.", "Number 10 was lost."} {
		if _, ok := mastheadLine(s); ok {
			t.Errorf("%q taken for a masthead line", s)
		}
	}
}

// TestPaperName: a line over the masthead's date line that reads as a
// paper's name is furniture; a title-case headline is not a paper's name
// (but for one of two words ending as a name does, Good News: the rule is
// asked only of the lines over the date line, where no headline stands).
func TestPaperName(t *testing.T) {
	for _, s := range []string{"Fergus County Democrat", "Chickasha Daily Express", "The Evening World", "New-York Tribune"} {
		if !paperName(s) {
			t.Errorf("paperName(%q) = false", s)
		}
	}
	for _, s := range []string{"City Council Approves New Library Budget", "Farmers Market Returns to Main Street",
		"the daily news", "Times", "Page 2 News"} {
		if paperName(s) {
			t.Errorf("paperName(%q) = true", s)
		}
	}
	text := "Fergus County Democrat\nLEWISTOWN, FERGUS COUNTY. MONTANA. JANUARY 6. 1916.\n\nCouncil Meets\nThe council met on Monday.\n"
	page, err := Parse([]byte(text), Options{File: "fergus.txt"})
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, e := range page.Edits {
		if e.Rule == RuleRunningHead && (strings.Contains(e.Before, "Democrat") || strings.Contains(e.Before, "1916")) {
			recorded++
		}
	}
	if recorded != 2 {
		t.Errorf("%d of the paper's name and its date line recorded as furniture, want both: %+v", recorded, page.Edits)
	}
}

// TestEarsOverTheDateLineAreFurniture: what an old front page sets over
// its date line (the edition, the weather, a teaser, a box) is its
// masthead; the story under it keeps its text.
func TestEarsOverTheDateLineAreFurniture(t *testing.T) {
	text := "Liner Sunk Off Crete; Crew Saved\nWEATHER Cloudy to-night\nFINAL EDITION\n" +
		"The Morning Star\nSUNDAY, JANUARY 2, 1916.\nPRICE ONE CENT.\n\nCOUNCIL MEETS\n" +
		"The council met on Monday and voted to build a new bridge over the river.\n"
	page, err := Parse([]byte(text), Options{File: "ears.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != 1 || page.Stories[0].Title != "COUNCIL MEETS" {
		t.Fatalf("%d stories (%+v), want the council's alone", len(page.Stories), page.Stories)
	}
	for _, ear := range []string{"Liner Sunk Off Crete", "WEATHER", "FINAL EDITION", "The Morning Star"} {
		recorded := false
		for _, e := range page.Edits {
			recorded = recorded || e.Rule == RuleRunningHead && strings.Contains(e.Before, ear)
		}
		if !recorded {
			t.Errorf("%q not recorded as the masthead's", ear)
		}
	}
	assertNothingLost(t, page)
}
