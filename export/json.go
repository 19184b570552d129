package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/galley/galley/article"
)

// JSONOptions tune story JSON.
type JSONOptions struct {
	// KeepIDs keeps the archive ids (id, page_id). They mean nothing in
	// another archive and an import assigns new ones, so by default they
	// are left out and an export → import → export gives the same bytes.
	KeepIDs bool
	// Edits includes the automatic edits of each story.
	Edits bool
}

// exportForm returns the story as it is exported: normalised (format,
// status, empty lists rather than null) and without what opt leaves out.
// The caller's story is not changed.
func exportForm(st *article.Story, opt JSONOptions) article.Story {
	c := *st
	c.Normalize()
	if !opt.KeepIDs {
		c.ID, c.PageID = 0, 0
	}
	if !opt.Edits {
		c.Edits = nil
	}
	return c
}

// marshalStory encodes v with two-space indent and without HTML escaping
// (so < > & stay as printed); compact for JSON Lines.
func marshalStory(v any, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// JSON writes one story as an indented galley.story/v1 object.
func JSON(w io.Writer, st *article.Story, opt JSONOptions) error {
	b, err := marshalStory(exportForm(st, opt), true)
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	_, err = w.Write(b)
	return err
}

// JSONStories writes several stories as {"stories": [...]}, the form
// `galley parse` prints.
func JSONStories(w io.Writer, stories []*article.Story, opt JSONOptions) error {
	return JSONDocument(w, stories, nil, opt)
}

// JSONDocument writes {"stories": [...], "edits": [...]}: the stories with
// the page edits beside them (left out when empty or edits are not asked
// for).
func JSONDocument(w io.Writer, stories []*article.Story, pageEdits []article.Edit, opt JSONOptions) error {
	doc := article.Stories{Stories: make([]article.Story, len(stories))}
	if opt.Edits {
		doc.Edits = pageEdits
	}
	for i, st := range stories {
		doc.Stories[i] = exportForm(st, opt)
	}
	b, err := marshalStory(doc, true)
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	_, err = w.Write(b)
	return err
}

// JSONLine writes one story as one line of JSON Lines.
func JSONLine(w io.Writer, st *article.Story, opt JSONOptions) error {
	b, err := marshalStory(exportForm(st, opt), false)
	if err != nil {
		return fmt.Errorf("jsonl: %w", err)
	}
	_, err = w.Write(b)
	return err
}
