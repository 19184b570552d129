package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// chronamPage is what TestChroniclingAmericaPages holds one page of
// testdata/english to: its masthead lines (furniture, in no story) and
// the bounds on its figures.
type chronamPage struct {
	masthead []string
	// leaks are the masthead lines the pipeline still puts in a story;
	// any other line found in a story fails the test
	leaks             map[string]bool
	storyF1, titleAcc float64 // at least
	cer, textCER      float64 // at most
	note              string
}

// The issue wants story F1 ≥ 0.9 and title accuracy ≥ 0.8 on English OCR
// pages; no page meets them yet, so each page's bounds sit a little
// below what the pipeline measured when its gold was made (Dec 2026), to
// catch a regression, and the gap is said in the page's note. A page
// that reaches the targets is logged so that its bounds can be raised.
const chronamStoryF1, chronamTitleAcc = 0.9, 0.8

var chronamPages = map[string]chronamPage{
	// measured: stories 7/5, story F1 0.833, CER 0.0248, para F1 0.651,
	// title 0.500, kind F1 1.000, text CER 0.0248
	"chronam_sn83030193_1916-01-04_seq1.txt": {
		masthead: []string{"Ship Races to Sinking Greek Liner to Save 90 of Crew", "Circulation Boolta Open to AU.",
			"C. (The New York World).", "NEW YORK, TUESDAY, JANUARY 4, 1U16.", "20 PAGES", "PRICE ONE CENT."},
		storyF1: 0.8, titleAcc: 0.45, cer: 0.03, textCER: 0.03,
		note: "a banner over two stories' decks (ONLY AMERICAN SAVED FROM PERSIA) runs into the " +
			"next title; a headline deck the OCR printed away from the rest (ON BOARD, AND SAVED " +
			"WOOD) goes with the next story or makes one; a third deck (ON NEW STOCK TRAIL.) takes " +
			"the title",
	},
	// measured: stories 12/12, story F1 1.000, CER 0.0048, para F1 0.720,
	// title 0.733, kind F1 1.000, text CER 0.0046
	"chronam_sn84036220_1916-01-06_seq1.txt": {
		masthead: []string{"ADL. XII., NO. 16", "Fergus County Democrat", "12 Pages",
			"LEWISTOWN, FERGUS COUNTY. MONTANA. JANUARY 6. 1916.", "PRICE FIVE CENT"},
		storyF1: 0.95, titleAcc: 0.7, cer: 0.01, textCER: 0.01,
		note: "a story's first capital deck reads as the last deck of the story above's " +
			"(H.S. HDD Till), and a capital deck under another runs into its title",
	},
	// measured: stories 4/4, story F1 1.000, CER 0.0253, para F1 0.615,
	// title 0.667, text CER 0.0253
	"chronam_sn86090528_1916-01-12_seq1.txt": {
		masthead: []string{"Chickasha Daily Express", "News By Wire Daily", "VOLUME SEVENTEEN.",
			"CHICKA8HA. OKLAHOMA, WEDNESDAY, JANUARY 12, 1916.", "NUMBER 10."},
		storyF1: 0.95, titleAcc: 0.6, cer: 0.03, textCER: 0.03,
		note: "a deck under the last capital deck (Musical Artists of Fame …) opens the text, " +
			"and the byline OCR read as Iiy Wilbur S. Forrest is not read",
	},
}

// TestChroniclingAmericaPages scores ingest alone on the English pages
// of testdata/english (excerpts of Chronicling America OCR, kept as the
// OCR gave them) against their hand-made gold, checks that nothing
// printed on them is lost and that the masthead stays out of the stories.
// Bylines and datelines are extract's: ingest leaves them at the head of
// the text, so the byline figure here says nothing of them.
func TestChroniclingAmericaPages(t *testing.T) {
	pages, err := filepath.Glob("../testdata/english/*.txt")
	if err != nil || len(pages) != len(chronamPages) {
		t.Fatalf("%d pages with gold (%v), want %d", len(pages), err, len(chronamPages))
	}
	for _, path := range pages {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, ok := chronamPages[filepath.Base(path)]
			if !ok {
				t.Fatal("no bounds for this page")
			}
			page, r := parseAndScore(t, path)
			if r.StoryF1 < want.storyF1 || r.TitleAcc < want.titleAcc || r.CER > want.cer || r.TextCER > want.textCER {
				t.Errorf("below the bounds: %v", r)
			}
			if r.StoryF1 >= chronamStoryF1 && r.TitleAcc >= chronamTitleAcc {
				t.Logf("meets the issue's targets: raise its bounds")
			} else {
				t.Logf("gap to story F1 %.1f, title %.1f: %s", chronamStoryF1, chronamTitleAcc, want.note)
			}

			assertNothingLost(t, page)

			for _, line := range want.masthead {
				in := -1
				for i, st := range page.Stories {
					text := st.Kicker + "\n" + st.Title + "\n" + st.Subtitle
					for _, p := range st.Paragraphs {
						text += "\n" + p.Text
					}
					if strings.Contains(text, line) {
						in = i
						break
					}
				}
				switch {
				case in >= 0 && !want.leaks[line]:
					t.Errorf("masthead line %q is in story %d (%q)", line, in, page.Stories[in].Title)
				case in < 0 && want.leaks[line]:
					t.Logf("masthead line %q no longer in a story: take it out of the leaks", line)
				}
			}
		})
	}
}

// TestCapitalDecksStayWithTheirStory: an old page stacks a story's decks,
// capitals and lower case in turn, over the dateline that opens its text;
// all of them are its headline (the first deck the title, the rest the
// subtitle), and a one-paragraph story whose first line is capitalised
// names is no deck.
func TestCapitalDecksStayWithTheirStory(t *testing.T) {
	text := `STEEL MAN OFFERS
WORDS OF CAUTION
Financier Says the Country Is
Moving Ahead Too Fast
SEES END OF WAR SOON
Tribunal Could Be Set Up to Keep
Peace in Future, He Holds.
NEW YORK, Jan. 5.—The chairman of the board said to-day
that the country was moving too fast and should take
care before the war ended.

CHARGED WITH BURGLARY.
Robert Mock and James Carson were brought
in from the ranch on Tuesday and charged
with the theft of a saddle.

NEW INTEREST RATE.
The new rate of four per cent at the bank
begins on Monday, the cashier said.
`
	page, err := Parse([]byte(text), Options{File: "decks.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != 3 {
		for _, st := range page.Stories {
			t.Logf("title %q subtitle %q", st.Title, st.Subtitle)
		}
		t.Fatalf("%d stories, want 3", len(page.Stories))
	}
	first := page.Stories[0]
	if first.Title != "STEEL MAN OFFERS WORDS OF CAUTION" ||
		!strings.Contains(first.Subtitle, "SEES END OF WAR SOON") || !strings.Contains(first.Subtitle, "Peace in Future") {
		t.Errorf("headline %q / %q: all four decks should be the first story's", first.Title, first.Subtitle)
	}
	if len(first.Paragraphs) == 0 || !strings.HasPrefix(first.Paragraphs[0].Text, "NEW YORK, Jan. 5.—") {
		t.Errorf("the first story's text should open at its dateline: %+v", first.Paragraphs)
	}
	burglary := page.Stories[1]
	if burglary.Title != "CHARGED WITH BURGLARY." || burglary.Subtitle != "" ||
		len(burglary.Paragraphs) == 0 || !strings.HasPrefix(burglary.Paragraphs[0].Text, "Robert Mock") {
		t.Errorf("story %q / %q %+v: its paragraph is its text, not a deck", burglary.Title, burglary.Subtitle, burglary.Paragraphs)
	}
}

// TestTitleOverADatelineInTheColumn: an old page sets a short title-case
// headline in the run of a column, right over its story's dateline and
// under the sentence that ends the story above; it is that story's
// title. A capitalised line over a dateline that goes on with an unended
// sentence is text.
func TestTitleOverADatelineInTheColumn(t *testing.T) {
	text := `NEW INTEREST RATE.
The new rate of four per cent at the
bank begins on Monday, the cashier
said.
Italy's Promise.
LONDON, Jan. 6.—A dispatch to the
Times says that Italy will send more
troops before the spring.
It was reported by the Minister of
War Office and Lord Kitchener
PARIS, Jan. 6.—the French said so.
`
	page, err := Parse([]byte(text), Options{File: "column.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != 2 {
		for _, st := range page.Stories {
			t.Logf("title %q", st.Title)
		}
		t.Fatalf("%d stories, want 2", len(page.Stories))
	}
	italy := page.Stories[1]
	if italy.Title != "Italy's Promise." || len(italy.Paragraphs) == 0 || !strings.HasPrefix(italy.Paragraphs[0].Text, "LONDON, Jan. 6.—") {
		t.Errorf("second story %q %+v: want Italy's Promise. over its dateline", italy.Title, italy.Paragraphs)
	}
	var all string
	for _, p := range italy.Paragraphs {
		all += p.Text + " "
	}
	if !strings.Contains(all, "War Office and Lord Kitchener") {
		t.Errorf("the capitalised line over PARIS ends a sentence of the text, not a headline: %q", all)
	}
	assertNothingLost(t, page)
}

// TestAnInitialAtALineEndEndsNoParagraph: a short English line ending
// with an initial (Elbert H.) goes on into the next line's sentence; one
// ending a sentence ends the paragraph.
func TestAnInitialAtALineEndEndsNoParagraph(t *testing.T) {
	text := "STEEL MAN SPEAKS\nNEW YORK, Jan. 5.—Elbert H.\nGary, chairman of the board of the steel\ncorporation, spoke to-day of the war.\nHe said peace would come soon.\n"
	page, err := Parse([]byte(text), Options{File: "initial.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != 1 || len(page.Stories[0].Paragraphs) == 0 {
		t.Fatalf("stories %+v", page.Stories)
	}
	if first := page.Stories[0].Paragraphs[0].Text; !strings.Contains(first, "Elbert H. Gary, chairman") {
		t.Errorf("first paragraph %q: the initial's line should run on into Gary's", first)
	}
}
