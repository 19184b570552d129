// Package article holds the domain types shared by every part of Galley:
// a raw page, the stories cut from it, their paragraphs, bylines, metadata,
// the edits the automatic pass made and the flags it raised. It also defines
// the JSON form of a story (galley.story/v1), which is both what `galley
// parse` prints and Galley's export and interchange format.
//
// article imports nothing of ours, so every other package can depend on it.
package article

import "strings"

// Format is the value of the "format" field of every story in JSON.
const Format = "galley.story/v1"

// Offsets: every offset in this package (Source.Start/End, Paragraph.Start/End,
// Edit.Start/End, Flag.Start/End) is a byte offset into Page.Text, the decoded
// raw page with its line ends normalised to "\n". Byte offsets are what Go's
// strings index by, so the GUI and the pipeline need no conversion.

// Page is one raw page as imported: its decoded text and the stories in it.
type Page struct {
	ID      int64   `json:"id,omitempty"`
	File    string  `json:"file"`
	SHA256  string  `json:"sha256"`         // of the raw bytes as read from disk
	Text    string  `json:"text"`           // decoded, line ends normalised to \n
	Date    string  `json:"date,omitempty"` // page date, YYYY-MM-DD, when known
	Stories []Story `json:"stories"`
	// Width and Height are the printed page's size in points, for a page
	// read from a PDF (0 for text pages): the boxes of its stories and
	// paragraphs are in its coordinates.
	Width  float64 `json:"width,omitempty"`
	Height float64 `json:"height,omitempty"`
	// Edits that belong to no story: running heads, folios, page numbers,
	// lost glyphs between stories. Together with the stories' text and edits
	// they account for every non-space character of Text.
	Edits []Edit `json:"edits,omitempty"`
}

// Story kinds.
const (
	KindArticle = "article"
	KindPhoto   = "photo" // a picture with its caption and credit
)

// Story is one article of a page, cleaned, with its metadata.
type Story struct {
	Format     string      `json:"format"`
	ID         int64       `json:"id,omitempty"` // archive id, 0 before it is stored
	PageID     int64       `json:"page_id,omitempty"`
	Order      int         `json:"order"` // position on its page, from 0
	Kind       string      `json:"kind,omitempty"`
	Kicker     string      `json:"kicker"`
	Title      string      `json:"title"`
	Subtitle   string      `json:"subtitle"`
	Dateline   string      `json:"dateline"`
	Byline     []Byline    `json:"byline"`
	Paragraphs []Paragraph `json:"paragraphs"`
	Source     Source      `json:"source"`
	Metadata   Metadata    `json:"metadata"`
	Flags      []Flag      `json:"flags"`
	Status     Status      `json:"status"`
	Notes      string      `json:"notes,omitempty"`
	// Edits are printed only on request (galley parse --edits) and in the
	// archive; exports leave them out unless asked.
	Edits []Edit `json:"edits,omitempty"`
	// Region is every line of the story on the printed page (headline,
	// paragraphs), for a page read from a PDF.
	Region []Box `json:"region,omitempty"`
	// Pictures are the pictures of the story on the printed page (those
	// its captions, or its first lines, stand directly under or over), for
	// a page read from a PDF; a Word export can carry their crops.
	Pictures []Box `json:"pictures,omitempty"`

	// Revision is the archive revision this copy was read at (0: not read
	// from an archive). A save names it as its base and the archive refuses
	// a save over a newer revision, so that no editor's change is lost
	// silently. Bookkeeping, not content: never in JSON.
	Revision int `json:"-"`
}

// Byline is one credited person: role as printed (记者, 本报记者, 通讯员,
// 实习生, 摄影 …; empty for a bare trailing credit such as （王为峰 赵尚元）).
type Byline struct {
	Role string `json:"role"`
	Name string `json:"name"`
}

// Paragraph kinds.
const (
	ParaBody    = "body"
	ParaSubhead = "subhead"
	ParaCaption = "caption"
	ParaCredit  = "credit"
)

// ParagraphKinds lists the kinds in the order a menu shows them.
var ParagraphKinds = []string{ParaBody, ParaSubhead, ParaCaption, ParaCredit}

// Paragraph is one paragraph of cleaned text and the raw span it came from.
type Paragraph struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Start int    `json:"start"` // raw span in Page.Text
	End   int    `json:"end"`
	// Boxes are the paragraph's lines on the printed page, for a page
	// read from a PDF.
	Boxes []Box `json:"boxes,omitempty"`
}

// Box is a rectangle on a printed page, in points from its top-left
// corner, y growing downwards.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Source says where a story came from.
type Source struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	// Date is the date of the page, YYYY-MM-DD, when known. Exports write
	// it, so that stories imported back land on their own pages with their
	// dates; in the archive the page holds it.
	Date  string `json:"date,omitempty"`
	Start int    `json:"start"` // raw span in Page.Text
	End   int    `json:"end"`
}

// Metadata is what extract finds in a story.
type Metadata struct {
	Dates         []Date   `json:"dates"`
	People        []string `json:"people"`
	Places        []string `json:"places"`
	Organizations []string `json:"organizations"`
	Keywords      []string `json:"keywords"`
	Summary       string   `json:"summary"`
	Chars         int      `json:"chars"` // CJK characters plus Latin words, punctuation excluded
}

// Date is a date mentioned in a story: the text as printed and, when it can
// be resolved (with the page date for 6月23日), the full date YYYY-MM-DD.
type Date struct {
	Text  string `json:"text"`
	Value string `json:"value,omitempty"`
}

// Edit records one automatic change: which rule made it, the raw span it
// covers, the raw text there and what it became in the story. Paragraph and
// Offset locate After in the cleaned text (Paragraph -1: not in any
// paragraph, e.g. a headline line or a dropped running head), so the
// workbench can jump to an edit and undo it.
type Edit struct {
	Rule      string `json:"rule"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Before    string `json:"before"`
	After     string `json:"after"`
	Paragraph int    `json:"paragraph"`
	Offset    int    `json:"offset"`
	Reason    string `json:"reason,omitempty"` // why, in words, for dropped text
}

// Flag kinds.
const (
	FlagNoHeadline = "no_headline" // the story has no title
	FlagTruncated  = "truncated"   // stops mid-sentence: continued elsewhere
	FlagUncertain  = "uncertain"   // a close call the editor should check
	FlagDropped    = "dropped"     // text was removed (lost glyph, running head)
)

// Flag is something the editor should look at. Paragraph is -1 when the flag
// concerns the whole story; Start/End is the raw span, when there is one.
type Flag struct {
	Kind      string `json:"kind"`
	Message   string `json:"message"`
	Paragraph int    `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Status is where a story stands in the editor's workflow.
type Status string

const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in_progress"
	StatusChecked    Status = "checked"
	StatusApproved   Status = "approved"
)

// Statuses lists the workflow in order.
var Statuses = []Status{StatusNew, StatusInProgress, StatusChecked, StatusApproved}

// ParseStatus accepts a status name (also with a hyphen or a space instead
// of the underscore) and reports whether it is one of Statuses.
func ParseStatus(s string) (Status, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("-", "_", " ", "_").Replace(s)
	for _, st := range Statuses {
		if string(st) == s {
			return st, true
		}
	}
	return "", false
}

// Headline returns the story's title, or, when it has none, its first words,
// for lists and file names.
func (s *Story) Headline() string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	for _, p := range s.Paragraphs {
		if t := strings.TrimSpace(p.Text); t != "" {
			r := []rune(t)
			if len(r) > 24 {
				return string(r[:24]) + "…"
			}
			return t
		}
	}
	return ""
}

// Body returns the paragraphs' text joined by newlines.
func (s *Story) Body() string {
	var b strings.Builder
	for i, p := range s.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// HasFlag reports whether the story carries a flag of the given kind.
func (s *Story) HasFlag(kind string) bool {
	for _, f := range s.Flags {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

// Normalize fills the fields a story must always have in JSON: the format,
// a status, and empty lists instead of null.
func (s *Story) Normalize() {
	s.Format = Format
	if s.Status == "" {
		s.Status = StatusNew
	}
	if s.Kind == "" {
		s.Kind = KindArticle
	}
	if s.Byline == nil {
		s.Byline = []Byline{}
	}
	if s.Paragraphs == nil {
		s.Paragraphs = []Paragraph{}
	}
	if s.Flags == nil {
		s.Flags = []Flag{}
	}
	m := &s.Metadata
	if m.Dates == nil {
		m.Dates = []Date{}
	}
	for _, l := range []*[]string{&m.People, &m.Places, &m.Organizations, &m.Keywords} {
		if *l == nil {
			*l = []string{}
		}
	}
}

// Stories is the top-level JSON document of `galley parse` and of
// `--json` listings: {"stories": [...]}. With edits asked for, Edits holds
// the page's own edits (running heads, folios, page breaks: Page.Edits),
// which belong to no story, so that the stories and all the edits printed
// together account for every character of the page.
type Stories struct {
	Stories []Story `json:"stories"`
	// Width and Height are the printed page's size in points, for a page
	// read from a PDF (0 for text pages): the boxes of its stories and
	// paragraphs are in its coordinates.
	Width  float64 `json:"width,omitempty"`
	Height float64 `json:"height,omitempty"`
	Edits  []Edit  `json:"edits,omitempty"`
}
