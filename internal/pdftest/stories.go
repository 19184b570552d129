package pdftest

import (
	"slices"
	"strings"
)

// ExpectedStory is what a reader should make of one story of a page: its
// text joined without line breaks (Chinese needs no space where a line
// broke), in reading order.
type ExpectedStory struct {
	Story      int // the Block.Story index
	Kicker     string
	Title      string
	Subtitle   string
	Paragraphs []string
	Captions   []string
	Credits    []string
	Images     []Image
}

// Stories gives the page's stories in the order of their indices, each
// built from its blocks in the order they are listed: a kicker, title or
// subtitle set in several blocks is joined into one; a body block with
// Indent starts a paragraph and one without continues the paragraph before
// it; every caption and every credit block is one entry.
func (p Page) Stories() []ExpectedStory {
	var ids []int
	for _, b := range p.Blocks {
		if b.Role != RoleNoise {
			ids = append(ids, b.Story)
		}
	}
	for _, im := range p.Images {
		ids = append(ids, im.Story)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)

	stories := make([]ExpectedStory, len(ids))
	at := make(map[int]*ExpectedStory, len(ids))
	for i, id := range ids {
		stories[i].Story = id
		at[id] = &stories[i]
	}
	for _, b := range p.Blocks {
		s := at[b.Story]
		text := b.Text()
		switch b.Role {
		case RoleKicker:
			s.Kicker += text
		case RoleTitle:
			s.Title += text
		case RoleSubtitle:
			s.Subtitle += text
		case RoleBody:
			if b.Indent || len(s.Paragraphs) == 0 {
				s.Paragraphs = append(s.Paragraphs, text)
			} else {
				s.Paragraphs[len(s.Paragraphs)-1] += text
			}
		case RoleCaption:
			s.Captions = append(s.Captions, text)
		case RoleCredit:
			s.Credits = append(s.Credits, text)
		}
	}
	for _, im := range p.Images {
		s := at[im.Story]
		s.Images = append(s.Images, im)
	}
	return stories
}

// Furniture is the text of the page's noise blocks (running heads, folios),
// in the order listed: what a reader should set aside, not put in a story.
func (p Page) Furniture() []string {
	var out []string
	for _, b := range p.Blocks {
		if b.Role == RoleNoise {
			out = append(out, b.Text())
		}
	}
	return out
}

// Text is the block's lines joined without breaks.
func (b Block) Text() string { return strings.Join(b.Lines, "") }

// BodyFirst is the page written the way prepress systems often write one:
// the body text first, from its last block back to its first, then the
// other blocks (headlines, captions, credits, furniture) from the last
// listed back. Where the text sits does not change, so a reader must give
// back the same text as from the page written in reading order.
func (p Page) BodyFirst() Page {
	var body, rest []int
	for i := len(p.Blocks) - 1; i >= 0; i-- {
		if p.Blocks[i].Role == RoleBody {
			body = append(body, i)
		} else {
			rest = append(rest, i)
		}
	}
	p.WriteOrder = append(body, rest...)
	return p
}
