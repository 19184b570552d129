package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/galley/galley/ingest"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/score"
	"github.com/galley/galley/seqlabel"
)

func init() {
	register(command{
		name:    "eval",
		usage:   "DIR... [--json] [--verbose] [--sort METRIC] [--dict FILE] [--input text|pdf] [--folds K] [--orders N] [--model FILE] [--min-story-f1 X] [--max-cer X] [--min-para-f1 X] [--min-title-acc X] [--min-byline-f1 X] [--min-kind-f1 X] [--max-text-cer X]",
		summary: "parse every case (raw.txt + gold.json) in the folders and score it (story F1, page CER, paragraph F1, headline accuracy, byline F1, kind F1, text CER); exit 1 when a mean misses a bound",
		run:     runEval,
	})
}

// evalCase is one scored case as `galley eval --json` prints it.
type evalCase struct {
	Case      string   `json:"case"`
	Dir       string   `json:"dir"`
	Extractor string   `json:"extractor"`
	Features  []string `json:"layout_features"`
	// Error is why the case could not be parsed; it is then scored as an
	// empty prediction (every gold story missed), so the means count it.
	Error string `json:"error,omitempty"`
	score.Result
	// PerStory is printed with --verbose only.
	PerStory []score.StoryMatch `json:"per_story,omitempty"`
	pred     []score.Story      // for --verbose's unmatched predicted stories
}

// evalGroup is the means of the cases sharing an extractor or a layout
// feature.
type evalGroup struct {
	Name  string      `json:"name"`
	Cases int         `json:"cases"`
	Means score.Means `json:"means"`
}

type evalReport struct {
	Cases       []evalCase  `json:"cases"`
	Means       score.Means `json:"means"`
	ByExtractor []evalGroup `json:"by_extractor"`
	ByFeature   []evalGroup `json:"by_layout_feature"`
	Seconds     float64     `json:"seconds"`
	// Missed lists the bounds the means miss, as "story_f1 0.6200 < 0.9500".
	Missed []string `json:"missed"`
}

// errBoundsMissed makes the command exit 1 after printing its report.
var errBoundsMissed = errors.New("means below the bounds")

// bound is a --min-NAME or --max-NAME flag on a metric's mean.
type bound struct {
	metric score.Metric
	value  float64
	set    bool // given on the command line
}

func (b *bound) String() string {
	if b == nil || !b.set {
		return ""
	}
	return strconv.FormatFloat(b.value, 'g', -1, 64)
}

func (b *bound) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) {
		return fmt.Errorf("want a number, got %q", s)
	}
	b.value, b.set = v, true
	return nil
}

func (b *bound) flagName() string {
	dir := "max-"
	if b.metric.Higher {
		dir = "min-"
	}
	return dir + strings.ReplaceAll(b.metric.Name, "_", "-")
}

// missed tells whether mean misses the bound, as score.py compares.
func (b *bound) missed(mean float64) bool {
	if !b.set {
		return false
	}
	if b.metric.Higher {
		return mean < b.value
	}
	return mean > b.value
}

func runEval(env *cmdEnv, args []string) error {
	fs := newFlags(env, "eval")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	verbose := fs.Bool("verbose", false, "print each case's story matches (gold title, predicted title, cer)")
	sortBy := fs.String("sort", "", "list the cases worst first by this figure (story_f1, cer, …) instead of by name")
	dict := fs.String("dict", "", "file of user terms, one \"word [tag]\" a line")
	modelFile := fs.String("model", "", "score with this line model file (as `galley train` writes) instead of the shipped one")
	input := fs.String("input", "text", "what to parse of each case: text (raw.txt; page.pdf when a case has no raw.txt) or pdf (page.pdf, each distinct file once)")
	folds := fs.Int("folds", 0, "score each case with a line model fitted without its date's pages (K folds by date; 0: the shipped model)")
	orders := fs.Int("orders", 1, "with --folds: fit each fold's model in N orders of its pages and give each case's figures averaged over them (steadier, N times slower)")
	var bounds []*bound
	for _, m := range score.Metrics {
		b := &bound{metric: m}
		what := "minimum"
		if !m.Higher {
			what = "maximum"
		}
		fs.Var(b, b.flagName(), what+" mean "+m.Name+" (exit 1 when missed)")
		bounds = append(bounds, b)
	}
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("want at least one DIR: a case folder (raw.txt + gold.json) or a folder of them")
	}
	var sortMetric *score.Metric
	if *sortBy != "" {
		for i, m := range score.Metrics {
			if m.Name == *sortBy {
				sortMetric = &score.Metrics[i]
			}
		}
		if sortMetric == nil {
			var names []string
			for _, m := range score.Metrics {
				names = append(names, m.Name)
			}
			return usagef("--sort %q: want one of %s", *sortBy, strings.Join(names, ", "))
		}
	}
	paths, err := score.FindCases(dirs)
	if err != nil {
		return usagef("%v", err)
	}
	// Gold files are read first: a bad one is bad input, reported before
	// any parsing starts.
	cases := make([]score.Case, len(paths))
	for i, p := range paths {
		if cases[i], err = score.LoadCase(p); err != nil {
			return usagef("%v", err)
		}
	}
	switch *input {
	case "text":
		for i := range cases {
			if cases[i].Raw == "" {
				cases[i].Raw, cases[i].Extractor = cases[i].PDF, "pdf"
			}
		}
	case "pdf":
		if cases, err = pdfCases(cases); err != nil {
			return err
		}
	default:
		return usagef("--input %q: want text or pdf", *input)
	}
	lex := lexicon.Shared() // one dictionary for every case
	if *dict != "" {
		if err := lex.LoadTermsFile(*dict); err != nil {
			return usagef("--dict %s: %v", *dict, err)
		}
	}
	if *folds < 0 || *folds == 1 || *folds > 100 {
		return usagef("--folds %d: want 0 (the shipped model) or 2 to 100", *folds)
	}
	if *orders < 1 || *orders > 20 || *orders > 1 && *folds == 0 {
		return usagef("--orders %d: want 1 to 20, and --folds with more than one", *orders)
	}
	start := time.Now()
	models := make([]*ingest.Labeller, len(cases))
	switch {
	case *folds > 0 && *modelFile != "":
		return usagef("--folds and --model: give one")
	case *folds > 0:
		if models, err = foldModels(cases, *folds, 1); err != nil {
			return err
		}
	case *modelFile != "":
		m, err := readModelFile(*modelFile)
		if err != nil {
			return err
		}
		for i := range models {
			models[i] = m
		}
	}
	rep := evalReport{Cases: scoreCases(cases, lex, models)}
	for order := 2; order <= *orders; order++ {
		if models, err = foldModels(cases, *folds, int64(order)); err != nil {
			return err
		}
		addResults(rep.Cases, scoreCases(cases, lex, models))
	}
	if *orders > 1 {
		averageResults(rep.Cases, *orders)
	}
	rep.Seconds = time.Since(start).Seconds()
	summarize(&rep)
	if sortMetric != nil {
		worstFirst(rep.Cases, cases, *sortMetric)
	}
	for _, b := range bounds {
		if mean := rep.Means[b.metric.Name]; b.missed(mean) {
			op := "<"
			if !b.metric.Higher {
				op = ">"
			}
			rep.Missed = append(rep.Missed, fmt.Sprintf("%s %.4f %s %.4f", b.metric.Name, mean, op, b.value))
		}
	}
	if rep.Missed == nil {
		rep.Missed = []string{}
	}
	if !*verbose {
		for i := range rep.Cases {
			rep.Cases[i].PerStory = nil
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printReport(env.stdout, &rep, cases)
	}
	if len(rep.Missed) > 0 {
		if !*asJSON {
			fmt.Fprintln(env.stdout, "below bound: "+strings.Join(rep.Missed, ", "))
		}
		return errBoundsMissed
	}
	return nil
}

// scoreCases parses and scores the cases in parallel, one worker per
// processor; results keep the cases' order.
func scoreCases(cases []score.Case, lex *lexicon.Lexicon, models []*ingest.Labeller) []evalCase {
	out := make([]evalCase, len(cases))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(cases)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = scoreCase(cases[i], lex, models[i])
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// addResults adds each case's figures of another order to sum's (the
// story matches of the first order are kept).
func addResults(sum, more []evalCase) {
	for i := range sum {
		a, b := &sum[i].Result, more[i].Result
		a.StoriesPred += b.StoriesPred
		a.StoriesGold += b.StoriesGold
		a.StoryF1 += b.StoryF1
		a.CER += b.CER
		a.ParaF1 += b.ParaF1
		a.TitleAcc += b.TitleAcc
		a.BylineF1 += b.BylineF1
		a.KindF1 += b.KindF1
		a.TextCER += b.TextCER
	}
}

// averageResults divides the summed figures of n orders.
func averageResults(cases []evalCase, n int) {
	f := float64(n)
	for i := range cases {
		r := &cases[i].Result
		r.StoriesPred = (r.StoriesPred + n/2) / n
		r.StoriesGold /= n
		r.StoryF1 /= f
		r.CER /= f
		r.ParaF1 /= f
		r.TitleAcc /= f
		r.BylineF1 /= f
		r.KindF1 /= f
		r.TextCER /= f
	}
}

// pdfCases are the cases to score on their PDF: each distinct page.pdf
// once (the corpus holds each page under two extractors' folders).
func pdfCases(cases []score.Case) ([]score.Case, error) {
	var out []score.Case
	seen := distinctFiles{}
	for _, c := range cases {
		if c.PDF == "" {
			continue
		}
		first, err := seen.first(c.PDF)
		if err != nil {
			return nil, usagef("%v", err)
		}
		if !first {
			continue
		}
		c.Raw, c.Extractor = c.PDF, "pdf"
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, usagef("--input pdf: no case has a page.pdf")
	}
	return out, nil
}

func caseDirs(cases []score.Case) []string {
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = c.Dir
	}
	return out
}

func scoreCase(c score.Case, lex *lexicon.Lexicon, model *ingest.Labeller) evalCase {
	ec := evalCase{Case: c.Name, Dir: c.Dir, Extractor: c.Extractor, Features: c.Features}
	if ec.Features == nil {
		ec.Features = []string{}
	}
	var pred []score.Story
	page, err := parsePage(c.Raw, "", lex, model)
	if err != nil {
		ec.Error = err.Error()
	} else {
		pred = score.FromArticle(page.Stories)
	}
	ec.pred = pred
	ec.Result = score.Score(c.Gold, pred)
	ec.PerStory = ec.Result.PerStory
	ec.Result.PerStory = nil
	return ec
}

// foldModels fits k line models, each without the pages of one k-th of
// the dates (cross-validation by date: pages of one day share stories and
// layouts, so a page's own day must not train the model that scores it),
// and returns the model for each case.
func foldModels(cases []score.Case, k int, order int64) ([]*ingest.Labeller, error) {
	var dates []string
	for _, c := range cases {
		dates = append(dates, caseDate(c.Dir))
	}
	fold := ingest.GroupFolds(dates, k)
	if len(fold) < k {
		return nil, usagef("--folds %d: the cases have only %d dates", k, len(fold))
	}
	// Every case trains on its text and on its PDF (each distinct PDF
	// once): one model serves both inputs.
	pages, err := trainingPages(caseDirs(cases))
	if err != nil {
		return nil, err
	}
	// each page's features are computed once and serve every fold
	lex := lexicon.Shared()
	seqs := make([]seqlabel.Sequence, len(pages))
	for i, tp := range pages {
		s, err := ingest.LineExample(tp.TrainingPage, lex)
		if err != nil {
			return nil, usagef("%v", err)
		}
		seqs[i] = s
	}
	models := make([]*ingest.Labeller, k)
	var wg sync.WaitGroup
	for f := 0; f < k; f++ {
		var train []seqlabel.Sequence
		var groups []string
		for i, tp := range pages {
			if fold[caseDate(tp.dir)] != f {
				train = append(train, seqs[i])
				groups = append(groups, caseDate(tp.dir))
			}
		}
		wg.Add(1)
		go func(f int) {
			defer wg.Done()
			models[f] = ingest.FitLabeller(train, groups, trainEpochs, order)
		}(f)
	}
	wg.Wait()
	out := make([]*ingest.Labeller, len(cases))
	for i, c := range cases {
		out[i] = models[fold[caseDate(c.Dir)]]
	}
	return out, nil
}

func summarize(rep *evalReport) {
	results := func(keep func(evalCase) bool) []score.Result {
		var rs []score.Result
		for _, c := range rep.Cases {
			if keep(c) {
				rs = append(rs, c.Result)
			}
		}
		return rs
	}
	rep.Means = score.Mean(results(func(evalCase) bool { return true }))
	group := func(key func(evalCase) []string) []evalGroup {
		seen := map[string]bool{}
		var names []string
		for _, c := range rep.Cases {
			for _, k := range key(c) {
				if !seen[k] {
					seen[k] = true
					names = append(names, k)
				}
			}
		}
		sort.Strings(names)
		groups := []evalGroup{}
		for _, n := range names {
			rs := results(func(c evalCase) bool {
				for _, k := range key(c) {
					if k == n {
						return true
					}
				}
				return false
			})
			groups = append(groups, evalGroup{Name: n, Cases: len(rs), Means: score.Mean(rs)})
		}
		return groups
	}
	rep.ByExtractor = group(func(c evalCase) []string {
		if c.Extractor == "" {
			return []string{"unknown"}
		}
		return []string{c.Extractor}
	})
	rep.ByFeature = group(func(c evalCase) []string { return score.FeatureGroups(c.Features) })
}

// worstFirst orders the cases (and their gold, kept alongside for
// --verbose) by m, worst first; ties keep name order.
func worstFirst(rs []evalCase, cases []score.Case, m score.Metric) {
	idx := make([]int, len(rs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := m.Of(rs[idx[i]].Result), m.Of(rs[idx[j]].Result)
		if m.Higher {
			return a < b
		}
		return a > b
	})
	r2 := make([]evalCase, len(rs))
	c2 := make([]score.Case, len(cases))
	for k, i := range idx {
		r2[k], c2[k] = rs[i], cases[i]
	}
	copy(rs, r2)
	copy(cases, c2)
}

// printReport writes the table: a row per case, the means, then the means
// by extractor and by layout feature.
func printReport(w io.Writer, rep *evalReport, cases []score.Case) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := func(first, second string) {
		fmt.Fprintf(tw, "%s\t%s", first, second)
		for _, m := range score.Metrics {
			fmt.Fprintf(tw, "\t%s", m.Name)
		}
		fmt.Fprintln(tw)
	}
	figures := func(get func(score.Metric) float64) {
		for _, m := range score.Metrics {
			fmt.Fprintf(tw, "\t%.4f", get(m))
		}
		fmt.Fprintln(tw)
	}
	header("case", "stories")
	for _, c := range rep.Cases {
		fmt.Fprintf(tw, "%s\t%d/%d", c.Case, c.StoriesPred, c.StoriesGold)
		figures(func(m score.Metric) float64 { return m.Of(c.Result) })
	}
	fmt.Fprintf(tw, "mean of %d cases\t", len(rep.Cases))
	figures(func(m score.Metric) float64 { return rep.Means[m.Name] })
	tw.Flush()
	for _, c := range rep.Cases {
		if c.Error != "" {
			fmt.Fprintf(w, "%s: not parsed, scored as an empty page: %s\n", c.Case, c.Error)
		}
	}
	for _, part := range []struct {
		title  string
		groups []evalGroup
	}{{"by extractor", rep.ByExtractor}, {"by layout feature", rep.ByFeature}} {
		fmt.Fprintf(w, "\n%s\n", part.title)
		header("group", "cases")
		for _, g := range part.groups {
			fmt.Fprintf(tw, "%s\t%d", g.Name, g.Cases)
			figures(func(m score.Metric) float64 { return g.Means[m.Name] })
		}
		tw.Flush()
	}
	if len(rep.Cases) > 0 && rep.Cases[0].PerStory != nil {
		printMatches(w, rep, cases)
	}
	fmt.Fprintf(w, "\n%d cases in %.1f s\n", len(rep.Cases), rep.Seconds)
}

// printMatches is --verbose: each case's gold stories, the predicted story
// each was matched to, its cer and both titles, then the predicted stories
// that matched nothing.
func printMatches(w io.Writer, rep *evalReport, cases []score.Case) {
	for i, c := range rep.Cases {
		fmt.Fprintf(w, "\n%s  %s\n", c.Case, c.Result.String())
		for _, m := range c.PerStory {
			gold := cases[i].Gold[m.Gold]
			if m.Pred < 0 {
				fmt.Fprintf(w, "  gold %d -> none        %q  (%d chars lost)\n", m.Gold, headOf(gold), bodyLen(gold))
				continue
			}
			mark := " "
			if m.Title != m.GoldTitle {
				mark = "≠"
			}
			fmt.Fprintf(w, "  gold %d -> pred %d  cer %.4f  %s title %q (gold %q)\n", m.Gold, m.Pred, m.CER, mark, m.Title, m.GoldTitle)
		}
		matched := map[int]bool{}
		for _, m := range c.PerStory {
			matched[m.Pred] = true
		}
		for p, st := range c.pred {
			if !matched[p] {
				fmt.Fprintf(w, "  pred %d matched no gold story: %q (%d chars)\n", p, headOf(st), bodyLen(st))
			}
		}
	}
}

// headOf names a gold story for a reader: its title, else its kicker, else
// the start of its text.
func headOf(st score.Story) string {
	for _, h := range []string{st.Title, st.Kicker} {
		if h != "" {
			return h
		}
	}
	for _, p := range st.Paragraphs {
		if r := []rune(strings.TrimSpace(p.Text)); len(r) > 0 {
			return string(r[:min(len(r), 16)]) + "…"
		}
	}
	return ""
}

func bodyLen(st score.Story) int {
	n := 0
	for _, p := range st.Paragraphs {
		n += len([]rune(p.Text))
	}
	return n
}

// bound is a flag value.
var _ flag.Value = (*bound)(nil)

// readModelFile reads a line model as `galley train` writes it, for the
// --model flag of eval and parse; nil for "" (the shipped model).
func readModelFile(file string) (*ingest.Labeller, error) {
	if file == "" {
		return nil, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, usagef("--model: %v", err)
	}
	defer f.Close()
	m, err := ingest.ReadLabeller(f)
	if err != nil {
		return nil, usagef("--model %s: %v", file, err)
	}
	return m, nil
}
