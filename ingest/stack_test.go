package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The line model fitted on the project's own pages has its second pass,
// survives its file, and cuts the sample page it was fitted on into the
// sample page's stories; a file of a first pass alone still reads.
func TestTwoPassModelFittedOnPagesCutsThem(t *testing.T) {
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	pages := []TrainingPage{{Name: seedZH, Raw: read(seedZH), Gold: read("../testdata/000_84aa73dab9e593a4.json")}}
	for _, n := range []string{"briefs", "continued", "feature", "headfirst", "mixed", "opinion", "wire"} {
		base := filepath.Join("..", "testdata", "pages", "synthetic_"+n)
		pages = append(pages, TrainingPage{Name: base + ".txt", Raw: read(base + ".txt"), Gold: read(base + ".gold.json")})
	}
	// 15 passes, as galley train makes: the mean of several orders
	// fitted in 5 passes each still loses a headline of eight pages
	model, err := TrainLineModel(pages, 15, nil)
	if err != nil {
		t.Fatal(err)
	}
	if model.Second == nil {
		t.Fatal("no second pass fitted on eight pages of eight groups")
	}
	var file bytes.Buffer
	if err := model.Write(&file); err != nil {
		t.Fatal(err)
	}
	back, err := ReadLabeller(bytes.NewReader(file.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Second == nil || back.Features() != model.Features() {
		t.Fatalf("the model file lost a pass: %d features of %d", back.Features(), model.Features())
	}
	var gold struct {
		Stories []struct{ Title string }
	}
	if err := json.Unmarshal(pages[0].Gold, &gold); err != nil {
		t.Fatal(err)
	}
	page, err := Parse(pages[0].Raw, Options{File: seedZH, LineModel: back})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, st := range page.Stories {
		titles = append(titles, squashed(st.Title))
	}
	for _, g := range gold.Stories {
		if !slices.Contains(titles, squashed(g.Title)) {
			t.Errorf("the two-pass model lost the sample page's story %q: %q", g.Title, titles)
		}
	}
	// a model file of one pass (an older build's) reads and parses
	var one bytes.Buffer
	if err := model.First.Write(&one); err != nil {
		t.Fatal(err)
	}
	single, err := ReadLabeller(&one)
	if err != nil || single.Second != nil {
		t.Fatalf("a one-pass file: %v, second pass %v", err, single != nil && single.Second != nil)
	}
	if _, err := Parse(pages[0].Raw, Options{File: seedZH, LineModel: single}); err != nil {
		t.Fatal(err)
	}
}

// The second pass reads where a line stands in the first pass's run of
// headline lines and what the run stands over.
func TestSecondPassReadsTheRunOfHeadlineLines(t *testing.T) {
	got := map[int][]string{}
	eachStackFeature([]string{"kicker+", "title+", "title", "body+!", "body"}, &featureWriter{name: func(k int, name []byte) {
		got[k] = append(got[k], string(name))
	}})
	for _, want := range []string{"s:hrun=3|1", "s:hbelow=body+!", "s:habove=BOP", "s:pt=kicker+|title+"} {
		if !slices.Contains(got[1], want) {
			t.Errorf("the title line's second-pass features lack %q: %q", want, got[1])
		}
	}
	if !slices.Contains(got[4], "s:since=1") {
		t.Errorf("the line under a story's first line is not one line from it: %q", got[4])
	}
}
