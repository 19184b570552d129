package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Marshal writes stories in the format score.py reads: paragraphs of kind
// "" as bare strings, the others as {"kind", "text"}; byline names as
// {"name"} objects.
func Marshal(stories []Story) []byte {
	type name struct {
		Name string `json:"name"`
	}
	type js struct {
		Kicker     string `json:"kicker"`
		Title      string `json:"title"`
		Subtitle   string `json:"subtitle"`
		Paragraphs []any  `json:"paragraphs"`
		Byline     []name `json:"byline"`
	}
	doc := struct {
		Stories []js `json:"stories"`
	}{Stories: []js{}}
	for _, st := range stories {
		s := js{Kicker: st.Kicker, Title: st.Title, Subtitle: st.Subtitle, Paragraphs: []any{}, Byline: []name{}}
		for _, p := range st.Paragraphs {
			if p.Kind == "" {
				s.Paragraphs = append(s.Paragraphs, p.Text)
			} else {
				s.Paragraphs = append(s.Paragraphs, Paragraph{p.Kind, p.Text})
			}
		}
		for _, n := range st.Names {
			s.Byline = append(s.Byline, name{n})
		}
		doc.Stories = append(doc.Stories, s)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(doc) // strings and slices only: cannot fail
	return buf.Bytes()
}

// MarshalJSON gives a kinded paragraph the script's {"kind", "text"} form.
func (p Paragraph) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Kind string `json:"kind"`
		Text string `json:"text"`
	}{p.Kind, p.Text})
}

// SharedDir finds ../shared next to the repository: it walks up from dir
// to the folder holding go.mod and returns that folder's sibling "shared",
// or "" when there is none. Tests that compare with the project's corpus and
// scorer use it, so nothing depends on where the machine keeps them.
func SharedDir(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(shared); err == nil && fi.IsDir() {
				return shared
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// pythonDriver scores many (gold, pred) documents in one Python process
// with the script's own load and score functions.
const pythonDriver = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("score_py", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
def stories(d):
    return d["stories"] if isinstance(d, dict) else d
out = [mod.score(stories(g), stories(p)) for g, p in json.load(sys.stdin)]
json.dump(out, sys.stdout, ensure_ascii=False)
`

// PythonScore runs script (score.py) with python on each pair of gold and
// predicted documents and returns its figures, per_story included.
func PythonScore(python, script string, pairs [][2][]byte) ([]Result, error) {
	in := make([][2]json.RawMessage, len(pairs))
	for i, p := range pairs {
		in[i] = [2]json.RawMessage{p[0], p[1]}
	}
	data, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(python, "-c", pythonDriver, script)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %s", script, err, stderr.Bytes())
	}
	var raw []struct {
		Result
		PerStory []struct {
			Gold      int     `json:"gold"`
			Pred      *int    `json:"pred"`
			CER       float64 `json:"cer"`
			Title     string  `json:"title"`
			GoldTitle string  `json:"gold_title"`
		} `json:"per_story"`
	}
	if err := json.Unmarshal(out, &raw); err != nil {
		return nil, fmt.Errorf("%s: reading its output: %v", script, err)
	}
	if len(raw) != len(pairs) {
		return nil, errors.New(script + ": wrong number of results")
	}
	res := make([]Result, len(raw))
	for i, r := range raw {
		res[i] = r.Result
		res[i].PerStory = []StoryMatch{}
		for _, s := range r.PerStory {
			m := StoryMatch{Gold: s.Gold, Pred: -1, CER: s.CER, Title: s.Title, GoldTitle: s.GoldTitle}
			if s.Pred != nil {
				m.Pred = *s.Pred
			}
			res[i].PerStory = append(res[i].PerStory, m)
		}
	}
	return res, nil
}

// Diff lists where two results differ by more than tol (figures) or at all
// (counts and matches); empty when they agree.
func Diff(a, b Result, tol float64) []string {
	var out []string
	num := func(name string, x, y float64) {
		if d := x - y; d > tol || d < -tol {
			out = append(out, fmt.Sprintf("%s %.4f vs %.4f", name, x, y))
		}
	}
	if a.StoriesGold != b.StoriesGold || a.StoriesPred != b.StoriesPred {
		out = append(out, fmt.Sprintf("stories %d/%d vs %d/%d", a.StoriesPred, a.StoriesGold, b.StoriesPred, b.StoriesGold))
	}
	for _, m := range Metrics {
		num(m.Name, m.Of(a), m.Of(b))
	}
	if len(a.PerStory) != len(b.PerStory) {
		return append(out, fmt.Sprintf("%d vs %d per-story entries", len(a.PerStory), len(b.PerStory)))
	}
	for i := range a.PerStory {
		x, y := a.PerStory[i], b.PerStory[i]
		if x.Gold != y.Gold || x.Pred != y.Pred || x.Title != y.Title || x.GoldTitle != y.GoldTitle {
			out = append(out, fmt.Sprintf("story %d: %+v vs %+v", i, x, y))
		}
		num(fmt.Sprintf("story %d cer", i), x.CER, y.CER)
	}
	return out
}
