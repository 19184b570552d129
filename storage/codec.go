package storage

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"sync"

	"github.com/galley/galley/article"
)

// marshal writes JSON without HTML escaping, so that stored text reads as
// printed and substring searches (StoriesContaining) find & and <.
func marshal(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return string(bytes.TrimRight(b.Bytes(), "\n")), nil
}

// storyFields is a story's content as stored in a row, JSON lists encoded.
type storyFields struct {
	byline, paragraphs, metadata, flags, region, pictures string
}

func encodeFields(st *article.Story) (storyFields, error) {
	var f storyFields
	var err error
	if f.byline, err = marshal(st.Byline); err != nil {
		return f, err
	}
	if f.paragraphs, err = marshal(st.Paragraphs); err != nil {
		return f, err
	}
	if f.metadata, err = marshal(st.Metadata); err != nil {
		return f, err
	}
	if f.flags, err = marshal(st.Flags); err != nil {
		return f, err
	}
	// No region (a text page) is stored as the empty list, the column's
	// default, rather than JSON null.
	f.region, f.pictures = "[]", "[]"
	if len(st.Region) > 0 {
		if f.region, err = marshal(st.Region); err != nil {
			return f, err
		}
	}
	if len(st.Pictures) > 0 {
		f.pictures, err = marshal(st.Pictures)
	}
	return f, err
}

func decodeFields(st *article.Story, f storyFields) error {
	for _, d := range []struct {
		src string
		dst any
	}{{f.byline, &st.Byline}, {f.paragraphs, &st.Paragraphs}, {f.metadata, &st.Metadata}, {f.flags, &st.Flags}, {f.region, &st.Region}, {f.pictures, &st.Pictures}} {
		if err := json.Unmarshal([]byte(d.src), d.dst); err != nil {
			return err
		}
	}
	// A story without a region has none (nil), as it had before it was
	// saved, not an empty list: the JSON leaves it out either way.
	if len(st.Region) == 0 {
		st.Region = nil
	}
	if len(st.Pictures) == 0 {
		st.Pictures = nil
	}
	return nil
}

// packStory is a revision's stored form: the story JSON, zlib-compressed
// (a story's JSON shrinks to about a third).
func packStory(st *article.Story) ([]byte, error) { return pack(st) }

// packEdits stores a list of edits compressed; nil when there are none.
func packEdits(edits []article.Edit) ([]byte, error) {
	if len(edits) == 0 {
		return nil, nil
	}
	return pack(edits)
}

func unpackEdits(data []byte) ([]article.Edit, error) {
	if len(data) == 0 {
		return nil, nil
	}
	var edits []article.Edit
	return edits, unpack(data, &edits)
}

func pack(v any) ([]byte, error) {
	js, err := marshal(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(w)
	w.Reset(&b)
	if _, err := io.WriteString(w, js); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// zlibWriters are reused: a new writer allocates the compressor's tables
// (about a megabyte), which cost an import more than compressing did.
var zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}

func unpackStory(data []byte) (*article.Story, error) {
	var st article.Story
	if err := unpack(data, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

func unpack(data []byte, v any) error {
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	defer r.Close()
	return json.NewDecoder(r).Decode(v)
}
