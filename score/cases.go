package score

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Case is one evaluation case: a folder with the raw extractor output
// (raw.txt) and the stories as printed (gold.json), as in ../shared/corpus.
type Case struct {
	Name      string // the folder's name
	Dir       string
	Raw       string // path of raw.txt ("" when the case has only its PDF)
	PDF       string // path of page.pdf, when the case has the page itself
	Gold      []Story
	Extractor string   // the tool that made raw.txt: gold.json's "extractor" first word, else the folder name's last _part
	Features  []string // gold.json's "layout_features"
}

const (
	rawName  = "raw.txt"
	pdfName  = "page.pdf"
	goldName = "gold.json"
)

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// isCase reports a case folder: gold.json and the page as text (raw.txt)
// or as PDF (page.pdf), or both.
func isCase(dir string) bool {
	return isFile(filepath.Join(dir, goldName)) && (isFile(filepath.Join(dir, rawName)) || isFile(filepath.Join(dir, pdfName)))
}

// FindCases lists the case folders in dirs: each dir is a case itself or a
// folder of cases (its subfolders that hold raw.txt and gold.json, in name
// order). A dir that is neither is an error naming it.
func FindCases(dirs []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, d := range dirs {
		fi, err := os.Stat(d)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("%s: not a folder (want a case folder with %s or %s and %s, or a folder of them)", d, rawName, pdfName, goldName)
		}
		if isCase(d) {
			add(filepath.Clean(d))
			continue
		}
		entries, err := os.ReadDir(d)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, e := range entries { // ReadDir sorts by name
			sub := filepath.Join(d, e.Name())
			if isCase(sub) { // a folder or a link to one
				add(sub)
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no case here (want %s or %s and %s in it or in its subfolders)", d, rawName, pdfName, goldName)
		}
	}
	return out, nil
}

// LoadCase reads a case folder's gold.json.
func LoadCase(dir string) (Case, error) {
	path := filepath.Join(dir, goldName)
	data, err := os.ReadFile(path)
	if err != nil {
		return Case{}, err
	}
	var meta struct {
		Extractor string          `json:"extractor"`
		Features  []string        `json:"layout_features"`
		Stories   json.RawMessage `json:"stories"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return Case{}, fmt.Errorf("%s: %v", path, err)
	}
	if meta.Stories == nil {
		return Case{}, fmt.Errorf("%s: no \"stories\" list", path)
	}
	gold, err := Parse(data)
	if err != nil {
		return Case{}, fmt.Errorf("%s: %w", path, err)
	}
	name := filepath.Base(dir)
	c := Case{Name: name, Dir: dir, Gold: gold, Features: meta.Features}
	if p := filepath.Join(dir, rawName); isFile(p) {
		c.Raw = p
	}
	if p := filepath.Join(dir, pdfName); isFile(p) {
		c.PDF = p
	}
	if f := strings.Fields(meta.Extractor); len(f) > 0 {
		c.Extractor = f[0]
	} else if i := strings.LastIndexByte(name, '_'); i >= 0 && i+1 < len(name) {
		c.Extractor = name[i+1:]
	}
	return c, nil
}

// FeatureGroups are the groups a case's layout features put it in. A flag
// (pushin) is its own group and so is a setting with a few values (cols=4);
// a set of variants (variants=photo+top) puts the case in one group per
// variant (variants=photo, variants=top); a share (headline_after_body=2/6)
// is bucketed into =none, =some or =all, since its exact fractions are each
// too rare to average.
func FeatureGroups(features []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	for _, f := range features {
		name, val, ok := strings.Cut(f, "=")
		switch {
		case !ok:
			add(f)
		case strings.Contains(val, "+"):
			for _, v := range strings.Split(val, "+") {
				add(name + "=" + v)
			}
		case strings.Contains(val, "/"):
			n, d, _ := strings.Cut(val, "/")
			switch {
			case n == "0":
				add(name + "=none")
			case n == d:
				add(name + "=all")
			default:
				add(name + "=some")
			}
		default:
			add(f)
		}
	}
	sort.Strings(out)
	return out
}
