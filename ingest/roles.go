package ingest

import "strings"

// The roles a line of a page plays: the vocabulary of the line model, of
// the corpus's lines.tsv and of `galley parse --explain`. One place for it.
const (
	RoleNoise    = "noise"    // running head, folio: belongs to no story
	RoleKicker   = "kicker"   // the line over a title (肩题)
	RoleTitle    = "title"    // the headline (主题)
	RoleSubtitle = "subtitle" // the deck under it (副题)
	RoleBody     = "body"     // story text
	RoleSubhead  = "subhead"  // a heading inside the story (小标题)
	RoleCaption  = "caption"  // text under a picture
	RoleCredit   = "credit"   // author or photo credit printed as its own line
	RoleBlank    = "blank"    // an empty line (not labelled by the model)
)

// LineRoles lists the roles of content lines, in a fixed order.
var LineRoles = []string{RoleNoise, RoleKicker, RoleTitle, RoleSubtitle, RoleBody, RoleSubhead, RoleCaption, RoleCredit}

// isHeadlineRole reports the roles that go into a story's headline fields.
func isHeadlineRole(role string) bool {
	return role == RoleKicker || role == RoleTitle || role == RoleSubtitle
}

// A line's tag is its role with two marks: "+" when the line opens its
// paragraph or headline part, "!" when it opens a story's text (the first
// line, in the page's order, of the text of a story other than the one
// before). Headline lines carry no "!": a headline group always stands
// between stories' texts, and which of them it belongs to is decided for
// the whole page at once (owners.go). Noise has neither mark.
type lineTag struct {
	role       string
	opens      bool // opens a paragraph or headline part
	opensStory bool
}

func (t lineTag) String() string {
	if t.role == RoleNoise {
		return RoleNoise
	}
	s := t.role
	if t.opens {
		s += "+"
	}
	if t.opensStory {
		s += "!"
	}
	return s
}

func parseTag(s string) lineTag {
	t := lineTag{}
	if strings.HasSuffix(s, "!") {
		t.opensStory, s = true, s[:len(s)-1]
	}
	if strings.HasSuffix(s, "+") {
		t.opens, s = true, s[:len(s)-1]
	}
	t.role = s
	return t
}

// lineTags lists every tag the model may give, in a fixed order.
func lineTags() []string {
	out := []string{RoleNoise}
	for _, r := range LineRoles[1:] {
		for _, opens := range []bool{true, false} {
			out = append(out, lineTag{r, opens, false}.String())
			if !isHeadlineRole(r) {
				out = append(out, lineTag{r, opens, true}.String())
			}
		}
	}
	return out
}
