package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func storyJSON(t *testing.T, st *article.Story, opt JSONOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := JSON(&buf, st, opt); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if err := ValidateStoryJSON(buf.Bytes()); err != nil {
		t.Fatalf("exported JSON does not match the schema: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes()
}

func TestJSONIsIndentedUnescapedAndValid(t *testing.T) {
	out := storyJSON(t, sampleStory(), JSONOptions{})
	s := string(out)
	if !strings.HasPrefix(s, "{\n  \"format\": \"galley.story/v1\",\n") {
		t.Errorf("JSON does not start with a two-space indented format field:\n%.80s", s)
	}
	if !strings.Contains(s, "<数字阅读> & 纸质") {
		t.Error("HTML characters were escaped; they must stay as printed")
	}
	if strings.Contains(s, `"id"`) || strings.Contains(s, `"page_id"`) || strings.Contains(s, `"edits"`) {
		t.Error("archive ids or edits exported by default")
	}
	kept := string(storyJSON(t, sampleStory(), JSONOptions{KeepIDs: true, Edits: true}))
	if !strings.Contains(kept, `"id": 42`) || !strings.Contains(kept, `"rule": "cjk-space"`) {
		t.Error("KeepIDs/Edits did not keep ids and edits")
	}
}

func TestJSONOfAnEmptyStoryHasListsNotNulls(t *testing.T) {
	out := storyJSON(t, &article.Story{}, JSONOptions{})
	if bytes.Contains(out, []byte("null")) {
		t.Errorf("empty story exported with null:\n%s", out)
	}
}

func TestJSONLinesAndStoriesDocumentAreValid(t *testing.T) {
	stories := []*article.Story{sampleStory(), englishStory()}
	var lines bytes.Buffer
	for _, st := range stories {
		if err := JSONLine(&lines, st, JSONOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	ls := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
	if len(ls) != 2 {
		t.Fatalf("%d lines, want 2", len(ls))
	}
	for i, l := range ls {
		if err := ValidateStoryJSON([]byte(l)); err != nil {
			t.Errorf("line %d: %v", i+1, err)
		}
	}
	var doc bytes.Buffer
	if err := JSONStories(&doc, stories, JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	var wrapper struct{ Stories []json.RawMessage }
	if err := json.Unmarshal(doc.Bytes(), &wrapper); err != nil || len(wrapper.Stories) != 2 {
		t.Fatalf("stories document: %v, %d stories", err, len(wrapper.Stories))
	}
	for i, raw := range wrapper.Stories {
		if err := ValidateStoryJSON(raw); err != nil {
			t.Errorf("stories[%d]: %v", i, err)
		}
	}
}

// TestSchemaDescribesEveryStoryField fails when article.Story (or a type in
// it) gains a JSON field the schema does not describe: the schema has
// additionalProperties false, so such exports would not import.
func TestSchemaDescribesEveryStoryField(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(StorySchema, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	props := func(obj map[string]any) map[string]any { return obj["properties"].(map[string]any) }
	check := func(where string, typ reflect.Type, described map[string]any) {
		for i := 0; i < typ.NumField(); i++ {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if _, ok := described[name]; !ok {
				t.Errorf("schema %s lacks field %q of %s", where, name, typ)
			}
		}
	}
	check("story", reflect.TypeFor[article.Story](), props(schema))
	check("byline", reflect.TypeFor[article.Byline](), props(defs["byline"].(map[string]any)))
	check("paragraph", reflect.TypeFor[article.Paragraph](), props(defs["paragraph"].(map[string]any)))
	check("source", reflect.TypeFor[article.Source](), props(defs["source"].(map[string]any)))
	check("metadata", reflect.TypeFor[article.Metadata](), props(defs["metadata"].(map[string]any)))
	check("date", reflect.TypeFor[article.Date](), props(defs["date"].(map[string]any)))
	check("flag", reflect.TypeFor[article.Flag](), props(defs["flag"].(map[string]any)))
	check("edit", reflect.TypeFor[article.Edit](), props(defs["edit"].(map[string]any)))
}

func TestSchemaRejectsWhatIsWrongAndSaysWhere(t *testing.T) {
	cases := []struct{ name, json, want string }{
		{"wrong format", `{"format":"galley.story/v2","paragraphs":[]}`, "/format"},
		{"no paragraphs", `{"format":"galley.story/v1"}`, "paragraphs"},
		{"bad kind", `{"format":"galley.story/v1","paragraphs":[{"kind":"body","text":"a"},{"kind":"footnote","text":"b"}]}`, "/paragraphs/1/kind"},
		{"typo field", `{"format":"galley.story/v1","paragraphs":[],"titel":"x"}`, "titel"},
		{"bad status", `{"format":"galley.story/v1","paragraphs":[],"status":"done"}`, "/status"},
		{"text not string", `{"format":"galley.story/v1","paragraphs":[{"kind":"body","text":5}]}`, "/paragraphs/0/text"},
		{"bad sha", `{"format":"galley.story/v1","paragraphs":[],"source":{"sha256":"xyz"}}`, "/source/sha256"},
	}
	for _, c := range cases {
		err := ValidateStoryJSON([]byte(c.json))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not name %q", c.name, err, c.want)
		}
	}
}
