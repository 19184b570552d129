package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galley/galley/article"
)

func TestReadStoriesRoundTripGivesTheSameJSON(t *testing.T) {
	for _, opt := range []JSONOptions{{}, {KeepIDs: true, Edits: true}} {
		first := storyJSON(t, sampleStory(), opt)
		stories, err := ReadStories(bytes.NewReader(first))
		if err != nil {
			t.Fatalf("ReadStories of our own export: %v", err)
		}
		if len(stories) != 1 {
			t.Fatalf("%d stories, want 1", len(stories))
		}
		second := storyJSON(t, &stories[0], opt)
		if !bytes.Equal(first, second) {
			t.Errorf("JSON → ReadStories → JSON changed the story (%+v):\n%s\n---\n%s", opt, first, second)
		}
	}
}

func TestReadStoriesAcceptsEveryFormGalleyWrites(t *testing.T) {
	a, b := sampleStory(), englishStory()
	var single, doc, lines bytes.Buffer
	if err := JSON(&single, a, JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := JSONStories(&doc, []*article.Story{a, b}, JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, st := range []*article.Story{a, b} {
		if err := JSONLine(&lines, st, JSONOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	array := "[" + strings.TrimSpace(single.String()) + "]"
	cases := map[string]struct {
		in     string
		titles []string
	}{
		"single story":        {single.String(), []string{a.Title}},
		"with BOM and CRLF":   {"\ufeff" + strings.ReplaceAll(single.String(), "\n", "\r\n"), []string{a.Title}},
		"stories document":    {doc.String(), []string{a.Title, b.Title}},
		"JSON Lines":          {lines.String(), []string{a.Title, b.Title}},
		"array of stories":    {array, []string{a.Title}},
		"concatenated pretty": {single.String() + single.String(), []string{a.Title, a.Title}},
	}
	for name, c := range cases {
		got, err := ReadStories(strings.NewReader(c.in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var titles []string
		for _, st := range got {
			titles = append(titles, st.Title)
		}
		if strings.Join(titles, "|") != strings.Join(c.titles, "|") {
			t.Errorf("%s: titles %q, want %q", name, titles, c.titles)
		}
	}
}

func TestReadStoriesNamesTheLineAndFieldOfEachProblem(t *testing.T) {
	good := `{"format":"galley.story/v1","title":"好","paragraphs":[{"kind":"body","text":"正文"}]}`
	badKind := `{"format":"galley.story/v1","paragraphs":[{"kind":"body","text":"a"},{"kind":"note","text":"b"}]}`
	badStatus := `{"format":"galley.story/v1","paragraphs":[],"status":"finished"}`
	in := good + "\n" + badKind + "\n" + good + "\n" + badStatus + "\n"
	stories, err := ReadStories(strings.NewReader(in))
	if err == nil {
		t.Fatal("accepted a file with bad stories")
	}
	if stories != nil {
		t.Error("returned stories along with the error: an import must take all or nothing")
	}
	msg := err.Error()
	for _, want := range []string{"line 2: /paragraphs/1/kind", "line 4: /status"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "line 1") || strings.Contains(msg, "line 3") {
		t.Errorf("error blames a good line: %q", msg)
	}

	doc := "{\"stories\": [\n" + good + ",\n" + badKind + "\n]}"
	_, err = ReadStories(strings.NewReader(doc))
	if err == nil || !strings.Contains(err.Error(), "stories[1]: /paragraphs/1/kind") {
		t.Errorf("stories document: err = %v, want it to name stories[1]", err)
	}
}

func TestReadStoriesReportsBrokenJSONAndEmptyInput(t *testing.T) {
	broken := "{\"format\":\"galley.story/v1\",\n\"paragraphs\": [\n{\"kind\":\"body\" \"text\":\"x\"}]}"
	_, err := ReadStories(strings.NewReader(broken))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("syntax error: err = %v, want it on line 3", err)
	}
	good := `{"format":"galley.story/v1","paragraphs":[]}`
	lines := good + "\n" + good + "\n" + good + "\n" + `{"format":"galley.story/v1" "paragraphs":[]}` + "\n" + good + "\n"
	if _, err := ReadStories(strings.NewReader(lines)); err == nil || !strings.Contains(err.Error(), "line 4:") {
		t.Errorf("JSON Lines with a broken line 4: err = %v", err)
	}
	_, err = ReadStories(strings.NewReader(`{"format":"galley.story/v1","paragraphs":[`))
	if err == nil || !strings.Contains(err.Error(), "ends early") {
		t.Errorf("truncated file: err = %v", err)
	}
	for _, in := range []string{"", "  \n", `{"stories": []}`} {
		if _, err := ReadStories(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "no galley.story/v1 story") {
			t.Errorf("%q: err = %v, want 'no story found'", in, err)
		}
	}
	if _, err := ReadStories(strings.NewReader(`{"title":"no format"}`)); err == nil || !strings.Contains(err.Error(), "format") {
		t.Errorf("object without format: err = %v", err)
	}
}

// A story whose JSON leaves offsets out (another program wrote it) reads
// them as -1, "no offset"; an offset given as 0 stays 0.
func TestReadStoriesMarksMissingOffsets(t *testing.T) {
	in := `{"format": "galley.story/v1", "title": "外来稿件",
		"paragraphs": [{"kind": "body", "text": "没有位置。"}, {"kind": "body", "text": "有位置。", "start": 0, "end": 12}],
		"source": {"file": "other.txt", "end": 40},
		"flags": [{"kind": "uncertain", "message": "check"}],
		"edits": [{"rule": "cjk_space", "before": "a b", "after": "ab"}]}`
	stories, err := ReadStories(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	st := stories[0]
	p0, p1 := st.Paragraphs[0], st.Paragraphs[1]
	if p0.Start != -1 || p0.End != -1 || p1.Start != 0 || p1.End != 12 {
		t.Errorf("paragraph offsets %d–%d, %d–%d", p0.Start, p0.End, p1.Start, p1.End)
	}
	if st.Source.Start != -1 || st.Source.End != 40 {
		t.Errorf("source %d–%d", st.Source.Start, st.Source.End)
	}
	if f := st.Flags[0]; f.Start != -1 || f.End != -1 || f.Paragraph != -1 {
		t.Errorf("flag %+v", f)
	}
	if e := st.Edits[0]; e.Start != -1 || e.End != -1 || e.Paragraph != -1 || e.Offset != -1 {
		t.Errorf("edit %+v", e)
	}
}
