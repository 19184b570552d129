package ingest

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/seqlabel"
)

// The line model: which role each line of a page plays and where stories
// open, fitted on annotated pages by `galley train` and embedded here.

//go:embed model/lines.model
var embeddedLineModel []byte

var (
	lineModelOnce sync.Once
	lineModel     *Labeller
	lineModelErr  error
)

// LineModel returns the embedded line model, read on first use.
func LineModel() (*Labeller, error) {
	lineModelOnce.Do(func() {
		lineModel, lineModelErr = ReadLabeller(bytes.NewReader(embeddedLineModel))
		if lineModelErr == nil && strings.Join(lineModel.Tags(), " ") != strings.Join(lineTags(), " ") {
			lineModelErr = fmt.Errorf("the embedded line model's tags do not match this build's: run galley train")
		}
	})
	return lineModel, lineModelErr
}

// TrainingPage is one annotated page: its raw text and the role of each
// of its lines in the corpus's lines.tsv form (line, story, role, para,
// starts, also; a header row first).
type TrainingPage struct {
	Name  string
	Raw   []byte
	Roles []byte // lines.tsv; when nil, the roles are aligned from Gold
	Gold  []byte // the page's gold stories (score format)
	// Weight repeats the page in training (0 and 1: once): a kind of page
	// the corpus has few of counts for more.
	Weight int
	// Geometry, for a page read from a PDF: see Options.Geometry.
	Geometry map[int]LineGeometry
}

// LineExample turns an annotated page into the model's training sequence.
func LineExample(tp TrainingPage, lex *lexicon.Lexicon) (seqlabel.Sequence, error) {
	if tp.Roles == nil {
		if tp.Gold == nil {
			return seqlabel.Sequence{}, fmt.Errorf("%s: neither line roles nor gold stories", tp.Name)
		}
		roles, err := AlignGold(tp.Raw, tp.Gold, tp.Name)
		if err != nil {
			return seqlabel.Sequence{}, err
		}
		tp.Roles = roles
	}
	text, err := Decode(tp.Raw, tp.Name)
	if err != nil {
		return seqlabel.Sequence{}, err
	}
	type gold struct {
		story, role string
		starts      bool
	}
	byLine := map[int]gold{}
	sc := bufio.NewScanner(bytes.NewReader(tp.Roles))
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for row := 0; sc.Scan(); row++ {
		if row == 0 {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 5 {
			return seqlabel.Sequence{}, fmt.Errorf("%s: line %d of the roles: want 5 columns", tp.Name, row+1)
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			return seqlabel.Sequence{}, fmt.Errorf("%s: line %d of the roles: %v", tp.Name, row+1, err)
		}
		byLine[n] = gold{f[1], f[2], f[4] == "1"}
	}
	lay := newLayout(text, scanLines(text))
	if err := lay.attachGeometry(tp.Geometry); err != nil {
		return seqlabel.Sequence{}, fmt.Errorf("%s: %w", tp.Name, err)
	}
	p := newPageLines(lay, lex)
	tags := lineTags()
	seq := seqlabel.Sequence{Features: p.features(), Allowed: p.allowedTags(tags)}
	index := map[string]int{}
	for i, t := range tags {
		index[t] = i
	}
	lineNo := lineNumbers(lay)
	prevStory := ""
	for _, i := range p.idx {
		g, ok := byLine[lineNo[i]]
		t := lineTag{role: g.role, opens: g.starts}
		if !ok || g.role == RoleBlank || g.role == "" {
			t = lineTag{role: RoleBody}
		}
		// A story opens at the first line of its text; which story a
		// headline belongs to is decided apart (see owners.go).
		if t.role != RoleNoise && !isHeadlineRole(t.role) {
			t.opensStory = g.story != prevStory
			prevStory = g.story
		}
		k, ok := index[t.String()]
		if !ok {
			return seqlabel.Sequence{}, fmt.Errorf("%s: line %d: unknown role %q", tp.Name, lineNo[i], g.role)
		}
		seq.Tags = append(seq.Tags, k)
	}
	return seq, nil
}

// lineNumbers gives each of the layout's lines its 1-based line number in
// the text (a form feed's own line shares the number of the line it ends).
func lineNumbers(lay *layout) []int {
	out := make([]int, len(lay.lines))
	n, at := 1, 0
	for i, l := range lay.lines {
		n += strings.Count(lay.text[at:l.start], "\n")
		at = l.start
		out[i] = n
	}
	return out
}

// TrainLineModel fits the line model on annotated pages. lex, when set,
// is the dictionary Parse will use (reading order reads words with it).
func TrainLineModel(pages []TrainingPage, epochs int, lex *lexicon.Lexicon) (*Labeller, error) {
	var data []seqlabel.Sequence
	var groups []string
	for _, tp := range pages {
		s, err := LineExample(tp, lex)
		if err != nil {
			return nil, err
		}
		for k := 0; k < max(tp.Weight, 1); k++ {
			data = append(data, s)
			groups = append(groups, trainingGroup(tp))
		}
	}
	return FitLabeller(data, groups, epochs, shippedOrder), nil
}

// shippedOrder seeds the order the shipped model visits its pages in.
const shippedOrder = 1

// fitOrders is how many orders of its pages each pass of the line model
// is fitted in, its weights the mean of theirs. One perceptron's figures
// on pages it never saw move with the order it met its pages in: on the
// 48 development PDFs held out by date (eval --input pdf --folds 4
// --orders 3), page CER moves from 0.5 to 2 % between orders. The mean of
// five orders gave story F1 0.986 -> 0.987, page CER 1.33 -> 0.62 %, para
// F1 0.975 -> 0.982, title 0.980 -> 0.982, byline 0.958 -> 0.969, kind
// 0.910 -> 0.924; on their 96 text cases story F1 0.870 -> 0.873, page
// CER 29.2 -> 28.9 %, title 0.614 -> 0.625; three orders did as well on
// PDFs and a little worse on text.
const fitOrders = 5

// FitLineModelInOrder fits one pass of the line model as the mean of
// fitOrders perceptrons, each visiting the pages in an order seed gives.
func FitLineModelInOrder(data []seqlabel.Sequence, epochs int, seed int64) *seqlabel.Model {
	seeds := make([]int64, fitOrders)
	for k := range seeds {
		seeds[k] = seed + 1000*int64(k)
	}
	return seqlabel.TrainOrders(data, lineTags(), epochs, seeds)
}

// LineDecision is why a line got its role: the tag chosen, how far ahead
// of the runner-up the model put it, the features that weighed most, and
// the rule that overrode the model, if one did.
type LineDecision struct {
	Line    int    // 1-based line number in the decoded text
	Text    string // the line as printed
	Role    string
	Opens   bool // opens its paragraph or headline part
	Story   bool // opens a story's text
	Margin  float32
	Reasons []seqlabel.Contribution
	Rule    string
}

// ExplainLines labels the lines of a page as Parse does and says why.
func ExplainLines(raw []byte, opt Options) ([]LineDecision, error) {
	name := opt.File
	if name == "" {
		name = "input"
	}
	text, err := Decode(raw, name)
	if err != nil {
		return nil, err
	}
	model := opt.LineModel
	if model == nil {
		if model, err = LineModel(); err != nil {
			return nil, err
		}
	}
	lay := newLayout(text, scanLines(text))
	if err := lay.attachGeometry(opt.Geometry); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := newPageLines(lay, opt.Lexicon)
	idx, margins, feats, deciding := model.decodeExplained(p)
	tags, rules := decideTags(lay, p, model.Tags(), idx)
	// the grouping into stories notes where it overrode a line's place
	groupLabelled(p, tags, func(h string) []string { return headlineWords(h, opt.Lexicon) })
	for k, i := range p.idx {
		if note, ok := p.grouped[i]; ok && rules[k] == "" {
			rules[k] = note
		}
	}
	numbers := lineNumbers(lay)
	out := make([]LineDecision, len(tags))
	for k, t := range tags {
		l := &lay.lines[p.idx[k]]
		out[k] = LineDecision{Line: numbers[p.idx[k]], Text: lay.text[l.start:l.end], Role: t.role, Opens: t.opens,
			Story: t.opensStory, Margin: margins[k], Reasons: deciding.Explain(feats[k], deciding.TagIndex(t.String()), 6), Rule: rules[k]}
	}
	return out, nil
}
