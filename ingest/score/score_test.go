package score

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const goldPath = "../../testdata/000_84aa73dab9e593a4.json"

func TestGoldAgainstItselfIsPerfect(t *testing.T) {
	gold, err := Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	r := Score(gold, gold)
	if r.StoryF1 != 1 || r.CER != 0 || r.ParaF1 != 1 || r.TitleAcc != 1 || r.BylineF1 != 1 || r.TextCER != 0 {
		t.Fatalf("gold vs gold: %v", r)
	}
}

// damage makes a prediction with every kind of error the metrics count:
// a lost story, two stories merged, a changed title, a dropped name,
// characters changed and paragraphs joined.
func damage(gold []Story) []Story {
	var pred []Story
	for i, g := range gold {
		p := Story{Title: g.Title, Subtitle: g.Subtitle, Names: append([]string(nil), g.Names...)}
		p.Paragraphs = append(p.Paragraphs, g.Paragraphs...)
		switch i {
		case 0:
			continue // lost
		case 1:
			p.Paragraphs[0] = strings.Replace(p.Paragraphs[0], "，", ",", -1)
			p.Paragraphs = append([]string{p.Paragraphs[0] + p.Paragraphs[1]}, p.Paragraphs[2:]...)
		case 2:
			p.Title = "错的标题"
			p.Names = nil
		case 3:
			last := &pred[len(pred)-1]
			last.Paragraphs = append(last.Paragraphs, p.Paragraphs...)
			continue // merged into the previous one
		}
		pred = append(pred, p)
	}
	return pred
}

func TestAgreesWithPythonScorer(t *testing.T) {
	script := "/work/shared/eval/score.py"
	if _, err := os.Stat(script); err != nil {
		t.Skip("score.py not on this machine")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	gold, err := Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	pred := damage(gold)
	type jsStory struct {
		Title      string   `json:"title"`
		Subtitle   string   `json:"subtitle"`
		Paragraphs []string `json:"paragraphs"`
		Byline     []string `json:"byline"`
	}
	var doc struct {
		Stories []jsStory `json:"stories"`
	}
	for _, p := range pred {
		doc.Stories = append(doc.Stories, jsStory{p.Title, p.Subtitle, p.Paragraphs, p.Names})
	}
	data, _ := json.Marshal(doc)
	predPath := filepath.Join(t.TempDir(), "pred.json")
	if err := os.WriteFile(predPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, goldPath, predPath, "--json").Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var want struct {
		StoriesGold int     `json:"stories_gold"`
		StoriesPred int     `json:"stories_pred"`
		StoryF1     float64 `json:"story_f1"`
		CER         float64 `json:"cer"`
		ParaF1      float64 `json:"para_f1"`
		TitleAcc    float64 `json:"title_acc"`
		BylineF1    float64 `json:"byline_f1"`
		TextCER     float64 `json:"text_cer"`
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	got := Score(gold, pred)
	wantR := Result{want.StoriesGold, want.StoriesPred, want.StoryF1, want.CER, want.ParaF1, want.TitleAcc, want.BylineF1, want.TextCER}
	if got != wantR {
		t.Fatalf("Go port disagrees with score.py\n go: %v\n py: %v", got, wantR)
	}
	if got.StoryF1 == 1 || got.CER == 0 || got.ParaF1 == 1 || got.TitleAcc == 1 || got.BylineF1 == 1 {
		t.Fatalf("the damaged prediction should miss on every metric: %v", got)
	}
}
