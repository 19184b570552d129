package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
)

func init() {
	register(command{
		name:    "train",
		usage:   "DIR... [--page RAW:GOLD]... [--page-weight N] [--out FILE] [--epochs N] [--exclude DATE,...]",
		summary: "fit the line model on annotated pages (raw.txt + lines.tsv folders)",
		run:     runTrain,
	})
}

// trainEpochs is how many passes over the pages fitting makes by default:
// on the corpus, held out by date in four folds and averaged over three
// orders, 15 passes read pages better than 10 on every figure, and 20 or
// 30 no better (`galley eval --folds 4 --orders 3`).
const trainEpochs = 15

// runTrain fits the line model on every case folder under the DIRs (a
// folder holding raw.txt and lines.tsv, or a folder of such folders) and
// writes it where the build embeds it, so the shipped model can be made
// again from the corpus: galley train ../shared/corpus.
func runTrain(env *cmdEnv, args []string) error {
	fs := newFlags(env, "train")
	out := fs.String("out", filepath.Join("ingest", "model", "lines.model"), "model file to write")
	epochs := fs.Int("epochs", trainEpochs, "passes over the pages")
	exclude := fs.String("exclude", "", "leave out the pages of these dates (YYYYMMDD,...), to score on them")
	var extra pagePairs
	fs.Var(&extra, "page", "a raw page and its gold stories, RAW:GOLD (repeatable)")
	weight := fs.Int("page-weight", 5, "how many times each --page counts against a corpus page")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 && len(extra) == 0 {
		return usagef("want at least one DIR of annotated pages")
	}
	if *epochs < 1 || *epochs > 1000 {
		return usagef("--epochs %d: want 1 to 1000", *epochs)
	}
	cases, err := annotatedCases(pos)
	if err != nil {
		return err
	}
	skip := map[string]bool{}
	for _, d := range splitList(*exclude) {
		skip[d] = true
	}
	var kept []string
	for _, c := range cases {
		if !skip[caseDate(c)] {
			kept = append(kept, c)
		}
	}
	found, err := trainingPages(kept)
	if err != nil {
		return err
	}
	var pages []ingest.TrainingPage
	for _, p := range found {
		pages = append(pages, p.TrainingPage)
	}
	for _, pr := range extra {
		raw, err := os.ReadFile(pr[0])
		if err != nil {
			return usagef("%v", err)
		}
		gold, err := os.ReadFile(pr[1])
		if err != nil {
			return usagef("%v", err)
		}
		pages = append(pages, ingest.TrainingPage{Name: pr[0], Raw: raw, Gold: gold, Weight: *weight})
	}
	if len(pages) == 0 {
		return usagef("no annotated pages (raw.txt with lines.tsv) under %v", pos)
	}
	model, err := ingest.TrainLineModel(pages, *epochs, lexicon.Shared())
	if err != nil {
		return usagef("%v", err)
	}
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := model.Write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "fitted on %d pages: %d features, written to %s\n", len(pages), model.Features(), *out)
	return nil
}

// distinctFiles tells the first of files with the same content: the
// corpus holds each page.pdf under two extractors' folders, and a page is
// trained on and scored once.
type distinctFiles map[[32]byte]bool

// first reads the file and reports whether no file read before had its
// content.
func (d distinctFiles) first(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	h := sha256.Sum256(data)
	if d[h] {
		return false, nil
	}
	d[h] = true
	return true, nil
}

// casePage is a training page and the case folder it came from.
type casePage struct {
	ingest.TrainingPage
	dir string
}

// trainingPages reads the annotated cases in dirs: each case's text
// (raw.txt with lines.tsv, or with gold.json to align) and its page.pdf
// with gold.json, each distinct PDF once (the corpus holds a page under
// two extractors' folders), so that one model learns both inputs.
func trainingPages(dirs []string) ([]casePage, error) {
	var out []casePage
	seen := distinctFiles{}
	for _, c := range dirs {
		gold, _ := os.ReadFile(filepath.Join(c, "gold.json"))
		if raw, err := os.ReadFile(filepath.Join(c, "raw.txt")); err == nil {
			tp := ingest.TrainingPage{Name: c, Raw: raw}
			if isFile(filepath.Join(c, "lines.tsv")) {
				if tp.Roles, err = os.ReadFile(filepath.Join(c, "lines.tsv")); err != nil {
					return nil, usagef("%v", err)
				}
			} else {
				tp.Gold = gold
			}
			out = append(out, casePage{tp, c})
		}
		pdf := filepath.Join(c, "page.pdf")
		if gold == nil {
			continue
		}
		if first, err := seen.first(pdf); err == nil && first {
			tp, err := pdfTrainingPage(pdf, gold)
			if err != nil {
				return nil, err
			}
			out = append(out, casePage{tp, c})
		}
	}
	return out, nil
}

// pagePairs collects --page RAW:GOLD flags.
type pagePairs [][2]string

func (p *pagePairs) String() string { return fmt.Sprint(*p) }

func (p *pagePairs) Set(s string) error {
	raw, gold, ok := strings.Cut(s, ":")
	if !ok || raw == "" || gold == "" {
		return fmt.Errorf("%q: want RAW:GOLD", s)
	}
	*p = append(*p, [2]string{raw, gold})
	return nil
}

// annotatedCases lists the case folders under dirs: folders holding
// raw.txt and lines.tsv or gold.json, or folders of them, sorted.
func annotatedCases(dirs []string) ([]string, error) {
	var out []string
	for _, d := range dirs {
		if isCase(d) {
			out = append(out, d)
			continue
		}
		entries, err := os.ReadDir(d)
		if err != nil {
			return nil, usagef("%v", err)
		}
		for _, e := range entries {
			c := filepath.Join(d, e.Name())
			if isCase(c) { // a folder or a link to one, as score.FindCases takes
				out = append(out, c)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func isCase(d string) bool {
	return isFile(filepath.Join(d, "raw.txt")) && (isFile(filepath.Join(d, "lines.tsv")) || isFile(filepath.Join(d, "gold.json"))) ||
		isFile(filepath.Join(d, "page.pdf")) && isFile(filepath.Join(d, "gold.json"))
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// caseDate is the page date a case folder is named by (dev_20200106-15_mutool
// → 20200106), or "" when it has none.
func caseDate(dir string) string {
	name := filepath.Base(dir)
	run := 0
	for i := 0; i < len(name); i++ {
		if name[i] >= '0' && name[i] <= '9' {
			run++
			if run == 8 && (i+1 == len(name) || name[i+1] < '0' || name[i+1] > '9') {
				return name[i-7 : i+1]
			}
			continue
		}
		run = 0
	}
	return ""
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
