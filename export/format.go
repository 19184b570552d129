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
		if len(stories) == 1 {
			err = JSON(&buf, stories[0], opt.JSON)
		} else {
			err = JSONStories(&buf, stories, opt.JSON)
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
	return buf.Bytes(), err
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
