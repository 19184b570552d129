package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/galley/galley/article"
)

// maxReadProblems caps how many problems one ReadStories error lists.
const maxReadProblems = 20

// ReadStories reads stories in any form Galley writes: one story object,
// {"stories": [...]} (what `galley parse` prints), a JSON array of stories,
// or JSON Lines (one story a line; also any run of concatenated objects).
// Every story is checked against the galley.story/v1 schema. On any problem
// it returns no stories and an error naming each problem by line and JSON
// pointer, so an import takes all of a file or nothing. The caller adds the
// file name.
func ReadStories(r io.Reader) ([]article.Story, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var (
		stories  []article.Story
		problems []string
	)
	report := func(where string, err error) {
		var se schemaError
		if errors.As(err, &se) {
			for _, p := range se.problems {
				problems = append(problems, where+": "+p)
			}
			return
		}
		problems = append(problems, where+": "+err.Error())
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	values := 0
	for {
		start := skipSpace(data, int(dec.InputOffset()))
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		line := lineAt(data, start)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %s", lineAt(data, syntaxOffset(err, start, len(data))), jsonErrorText(err)))
			break // the rest of the stream cannot be framed reliably
		}
		values++
		for _, item := range splitStories(raw) {
			where := fmt.Sprintf("line %d", line)
			if item.index >= 0 {
				where += fmt.Sprintf(", %s[%d]", item.container, item.index)
			}
			st, err := decodeStory(item.raw)
			if err != nil {
				report(where, err)
				continue
			}
			stories = append(stories, st)
		}
		if len(problems) >= maxReadProblems {
			break
		}
	}
	if len(problems) > 0 {
		if len(problems) > maxReadProblems {
			problems = append(problems[:maxReadProblems], "…")
		}
		return nil, fmt.Errorf("not valid %s: %s", article.Format, strings.Join(problems, "\n  "))
	}
	if values == 0 || len(stories) == 0 {
		return nil, fmt.Errorf("no %s story found", article.Format)
	}
	return stories, nil
}

type rawStory struct {
	raw       json.RawMessage
	container string // "stories" or "" for a top-level array
	index     int    // -1 when the value itself is the story
}

// splitStories returns the stories one top-level value holds.
func splitStories(raw json.RawMessage) []rawStory {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			out := make([]rawStory, len(list))
			for i, r := range list {
				out[i] = rawStory{raw: r, container: "", index: i}
			}
			return out
		}
	}
	var wrapper map[string]json.RawMessage
	// Only a value that mentions "stories" can be a wrapper; most values
	// are single stories, which this spares a full parse.
	if bytes.Contains(raw, []byte(`"stories"`)) && json.Unmarshal(raw, &wrapper) == nil {
		_, hasFormat := wrapper["format"]
		if list, ok := wrapper["stories"]; ok && !hasFormat {
			var items []json.RawMessage
			if err := json.Unmarshal(list, &items); err == nil {
				out := make([]rawStory, len(items))
				for i, r := range items {
					out[i] = rawStory{raw: r, container: "stories", index: i}
				}
				return out
			}
		}
	}
	return []rawStory{{raw: raw, index: -1}}
}

// decodeStory validates one story object and decodes it.
func decodeStory(raw json.RawMessage) (article.Story, error) {
	var st article.Story
	if err := ValidateStoryJSON(raw); err != nil {
		return st, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return st, errors.New(jsonErrorText(err))
	}
	if err := markMissingOffsets(raw, &st); err != nil {
		return st, errors.New(jsonErrorText(err))
	}
	st.Normalize()
	return st, nil
}

// span is an offset pair as written; nil where the JSON has none.
type span struct{ Start, End *int }

// offsetsGiven is the part of a story that says which offsets the JSON
// gives: a story from another program (or typed by hand) may leave them
// out.
type offsetsGiven struct {
	Source     *span
	Paragraphs []span
	Flags      []struct {
		span
		Paragraph *int
	}
	Edits []struct {
		span
		Paragraph, Offset *int
	}
}

// markMissingOffsets sets every offset the JSON leaves out to -1, "no
// offset", as the schema defines it: decoded as 0 it would claim the text
// was printed at the very start of the page, and the workbench would shade
// the page's first line as its source.
func markMissingOffsets(raw []byte, st *article.Story) error {
	var given offsetsGiven
	if err := json.Unmarshal(raw, &given); err != nil {
		return err
	}
	none := func(p *int, v *int) {
		if p == nil {
			*v = -1
		}
	}
	if given.Source == nil {
		given.Source = &span{}
	}
	none(given.Source.Start, &st.Source.Start)
	none(given.Source.End, &st.Source.End)
	for i, g := range given.Paragraphs {
		none(g.Start, &st.Paragraphs[i].Start)
		none(g.End, &st.Paragraphs[i].End)
	}
	for i, g := range given.Flags {
		none(g.Start, &st.Flags[i].Start)
		none(g.End, &st.Flags[i].End)
		none(g.Paragraph, &st.Flags[i].Paragraph)
	}
	for i, g := range given.Edits {
		none(g.Start, &st.Edits[i].Start)
		none(g.End, &st.Edits[i].End)
		none(g.Paragraph, &st.Edits[i].Paragraph)
		none(g.Offset, &st.Edits[i].Offset)
	}
	return nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// lineAt is the 1-based line of byte offset i.
func lineAt(data []byte, i int) int {
	if i > len(data) {
		i = len(data)
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// syntaxOffset is where a decoding error lies: a json.Decoder's syntax
// error counts bytes from the start of the stream, up to and including the
// bad character; other errors (the input ends early) are placed at the end.
func syntaxOffset(err error, start, end int) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return max(int(se.Offset)-1, start)
	}
	return end
}

func jsonErrorText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("/%s: %s is not a %s", strings.ReplaceAll(te.Field, ".", "/"), te.Value, te.Type)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends early (a value or closing bracket is missing)"
	}
	return "bad JSON: " + err.Error()
}
