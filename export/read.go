package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/article"
	"golang.org/x/text/encoding/simplifiedchinese"
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
	return ReadStoriesMax(r, 0)
}

// ReadStoriesMax is ReadStories refusing a file of more than max stories
// (0: no limit) as soon as it has seen one too many, so machine-made input
// is refused before it fills memory.
//
// Story JSON is UTF-8: bytes that are not (a GB18030 or UTF-16 file, a
// damaged byte) are refused with their offset instead of turning into
// U+FFFD as the JSON decoder would. Control characters (NUL, ESC, BEL…,
// written as \u escapes, which JSON allows) are refused in every text a
// story shows, with where they are: they are not text, and printed they
// drive the terminal. Edits keep theirs: the raw text an edit took out
// may have held one.
func ReadStoriesMax(r io.Reader, max int) ([]article.Story, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, errors.New("story JSON must be UTF-8, this file is UTF-16 (save it as UTF-8)")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if off := invalidUTF8(data); off >= 0 {
		return nil, fmt.Errorf("invalid UTF-8 at byte offset %d (line %d): story JSON must be UTF-8%s",
			off, lineAt(data, off), encodingHint(data))
	}
	var (
		stories  []article.Story
		problems []string
	)
	lines := lineCounter{data: data}
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
		line := lines.at(start)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %s", lines.at(syntaxOffset(err, start, len(data))), jsonErrorText(err)))
			break // the rest of the stream cannot be framed reliably
		}
		values++
		items := splitStories(raw)
		if max > 0 && len(stories)+len(items) > max {
			return nil, fmt.Errorf("more than the %d stories a file may hold (line %d)", max, line)
		}
		for _, item := range items {
			where := fmt.Sprintf("line %d", line)
			if item.index >= 0 {
				where += fmt.Sprintf(", %s[%d]", item.container, item.index)
			}
			st, err := decodeStory(item.raw)
			if err == nil {
				err = controlChars(&st)
			}
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

// lineCounter gives the lines of increasing offsets, counting each byte
// once: lineAt from the start for every story made reading a file of many
// stories quadratic (minutes for 25 MB).
type lineCounter struct {
	data      []byte
	off, line int
}

func (c *lineCounter) at(i int) int {
	i = min(i, len(c.data))
	if i < c.off {
		return lineAt(c.data, i)
	}
	c.line += bytes.Count(c.data[c.off:i], []byte("\n"))
	c.off = i
	return c.line + 1
}

// invalidUTF8 is the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// encodingHint names the encoding a file that is not UTF-8 is likely in.
func encodingHint(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 {
		return " (the NUL bytes say UTF-16: save it as UTF-8)"
	}
	// the decoder puts U+FFFD for what is not GB18030 either
	if t, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(t, utf8.RuneError) {
		return " (it may be GB18030/GBK: save it as UTF-8)"
	}
	return ""
}

// controlChars refuses control characters in the text of a story (every
// string of it but its edits), naming the field by its JSON pointer.
func controlChars(st *article.Story) error {
	var problems []string
	walkStrings(reflect.ValueOf(st).Elem(), "", func(ptr, s string) {
		for i, r := range s {
			if isControl(r) {
				problems = append(problems, fmt.Sprintf("%s: control character U+%04X at byte %d is not text (remove it)", ptr, r, i))
				return
			}
		}
	})
	if len(problems) > 0 {
		return schemaError{problems: problems}
	}
	return nil
}

// isControl reports C0 and C1 control characters and DEL, but tab and
// line feed (notes and edits may hold line ends).
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7F && r <= 0x9F
}

// walkStrings calls fn with the JSON pointer and value of every string in
// v, leaving out the edits (see ReadStoriesMax).
func walkStrings(v reflect.Value, ptr string, fn func(ptr, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(ptr, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), ptr, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), fmt.Sprintf("%s/%d", ptr, i), fn)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			walkStrings(iter.Value(), ptr+"/"+fmt.Sprint(iter.Key()), fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if name == "edits" && v.Type() == reflect.TypeOf(article.Story{}) {
				continue
			}
			walkStrings(v.Field(i), ptr+"/"+name, fn)
		}
	}
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
