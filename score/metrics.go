package score

// Metric is one of the page figures: its name as score.py prints it and
// whether higher is better (F1s and accuracy) or lower (error rates). The
// eval command builds its columns, means and --min-*/--max-* bounds from
// this list, so a figure is named in one place.
type Metric struct {
	Name   string
	Higher bool // higher is better: a bound on it is a minimum
	Of     func(Result) float64
}

// Metrics are the figures in the order the script prints them.
var Metrics = []Metric{
	{"story_f1", true, func(r Result) float64 { return r.StoryF1 }},
	{"cer", false, func(r Result) float64 { return r.CER }},
	{"para_f1", true, func(r Result) float64 { return r.ParaF1 }},
	{"title_acc", true, func(r Result) float64 { return r.TitleAcc }},
	{"byline_f1", true, func(r Result) float64 { return r.BylineF1 }},
	{"kind_f1", true, func(r Result) float64 { return r.KindF1 }},
	{"text_cer", false, func(r Result) float64 { return r.TextCER }},
}

// Means is the mean of each metric over a set of results, by name.
type Means map[string]float64

// Mean averages each metric over rs (the per-page figures, rounded as the
// script prints them, so a mean is what averaging the script's outputs
// gives).
func Mean(rs []Result) Means {
	m := Means{}
	for _, mt := range Metrics {
		s := 0.0
		for _, r := range rs {
			s += mt.Of(r)
		}
		if len(rs) > 0 {
			m[mt.Name] = s / float64(len(rs))
		}
	}
	return m
}
