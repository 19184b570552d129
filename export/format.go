package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/galley/galley/article"
)

// Format is an export format.
type Format string

const (
	FormatDOCX     Format = "docx"
	FormatJSON     Format = "json"
	FormatJSONL    Format = "jsonl"
	FormatMarkdown Format = "md"
	FormatText     Format = "txt"
)

// Formats lists the formats in the order a menu shows them.
var Formats = []Format{FormatDOCX, FormatJSON, FormatJSONL, FormatMarkdown, FormatText}

// ParseFormat accepts a format name or a common alias (word, markdown, text).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), ".")) {
	case "docx", "word":
		return FormatDOCX, nil
	case "json":
		return FormatJSON, nil
	case "jsonl", "ndjson", "jsonlines":
		return FormatJSONL, nil
	case "md", "markdown":
		return FormatMarkdown, nil
	case "txt", "text":
		return FormatText, nil
	}
	return "", fmt.Errorf("unknown format %q (want docx, json, jsonl, md or txt)", s)
}

// Description names the format for a menu or a file dialog.
func (f Format) Description() string {
	switch f {
	case FormatDOCX:
		return "Word document (.docx)"
	case FormatJSON:
		return "Story JSON (.json)"
	case FormatJSONL:
		return "JSON Lines, one story a line (.jsonl)"
	case FormatMarkdown:
		return "Markdown (.md)"
	case FormatText:
		return "Plain text (.txt)"
	}
	return string(f)
}

// Ext is the file extension, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// Item is one story to export with the date of its page (YYYY-MM-DD or
// ""), which names the file and dates the Word document.
type Item struct {
	Story    *article.Story
	PageDate string
	// PageEdits are the edits of the story's page that belong to no story
	// (running heads, folios, page breaks) and PageStories the number of
	// stories on that page. JSON with edits prints them (see pageEdits);
	// the other formats ignore them.
	PageEdits   []article.Edit
	PageStories int
}

// pageEdits are the page edits a JSON document of items prints beside its
// stories: when the items come from one page, all of them if the document
// holds the whole page, else those inside the stories' source spans (a
// running head between two columns of a story). Edits of several pages do
// not share one text, so a document of several pages prints none.
func pageEdits(items []Item) []article.Edit {
	if len(items) == 0 || len(items[0].PageEdits) == 0 {
		return nil
	}
	first := items[0].Story
	for _, it := range items[1:] {
		if it.Story.PageID != first.PageID || it.Story.Source.SHA256 != first.Source.SHA256 {
			return nil
		}
	}
	if len(items) >= items[0].PageStories {
		return items[0].PageEdits
	}
	var out []article.Edit
	for _, e := range items[0].PageEdits {
		for _, it := range items {
			if src := it.Story.Source; e.Start >= src.Start && e.End <= src.End {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// Render writes the items in format f into one document: one story alone,
// or all of them (Word: one story a page; JSON: {"stories": [...]}; JSON
// Lines: one a line; Markdown and text: separated by a rule).
func Render(f Format, items []Item, opt Options) ([]byte, error) {
	if len(items) == 0 {
		return nil, fmt.Errorf("no story to export")
	}
	var buf bytes.Buffer
	stories := make([]*article.Story, len(items))
	for i, it := range items {
		stories[i] = it.Story
		// The story JSON carries its page's date, so that an import puts
		// it back on a page of that date.
		if it.PageDate != "" && it.Story.Source.Date == "" {
			c := *it.Story
			c.Source.Date = it.PageDate
			stories[i] = &c
		}
	}
	var err error
	switch f {
	case FormatDOCX:
		d := opt.DOCX
		if d.Date == "" {
			d.Date = commonDate(items)
		}
		err = DOCXStories(&buf, stories, d)
	case FormatJSON:
		var edits []article.Edit
		if opt.JSON.Edits {
			edits = pageEdits(items)
		}
		if len(stories) == 1 && len(edits) == 0 {
			err = JSON(&buf, stories[0], opt.JSON)
		} else {
			err = JSONDocument(&buf, stories, edits, opt.JSON)
		}
	case FormatJSONL:
		for _, st := range stories {
			if err = JSONLine(&buf, st, opt.JSON); err != nil {
				break
			}
		}
	case FormatMarkdown:
		err = joinStories(&buf, stories, Markdown, "\n---\n\n")
	case FormatText:
		err = joinStories(&buf, stories, Text, "\n\n* * *\n\n")
	default:
		err = fmt.Errorf("unknown format %q", f)
	}
	if f == FormatMarkdown || f == FormatText {
		return dropControls(buf.Bytes()), err
	}
	return buf.Bytes(), err
}

// dropControls removes control characters but line feed and tab from a
// plain-text document: they have no form on paper, a NUL makes editors
// take the file for binary, and ESC drives the terminal that prints it.
// (JSON escapes them; Word's XML cannot hold them and drops them.)
func dropControls(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7F:
			continue
		case c == 0xC2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9F:
			i++ // a C1 control (U+0080–U+009F)
			continue
		}
		out = append(out, c)
	}
	return out
}

func joinStories(buf *bytes.Buffer, stories []*article.Story, write func(io.Writer, *article.Story) error, sep string) error {
	for i, st := range stories {
		if i > 0 {
			buf.WriteString(sep)
		}
		if err := write(buf, st); err != nil {
			return err
		}
	}
	return nil
}

// commonDate is the page date all items share, or "".
func commonDate(items []Item) string {
	d := items[0].PageDate
	for _, it := range items[1:] {
		if it.PageDate != d {
			return ""
		}
	}
	return d
}
