package ingest

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"

	"github.com/galley/galley/seqlabel"
)

// The line model in two passes (stacked sequential learning, Cohen and
// Carvalho 2005). The first pass tags each line from its own features and
// its neighbours'; its transitions see only the tag right before. The
// second pass reads the first pass's tags of the lines around as features
// too: how long the run of headline lines is and where the line sits in
// it, what the first pass put two and three lines away, how far the last
// story start is. A headline's parts (kicker over title over subtitle)
// and a story's first lines are decided by tags further off than one
// line, which the first pass cannot weigh.
//
// The second pass is fitted on first-pass tags of pages the first pass
// was not fitted on (out of fold, by date): tags of its own training
// pages would be right far more often than on a new page, and the second
// pass would learn to trust them blindly.

// Labeller is the line model: the first pass and the second pass fitted
// on its tags.
type Labeller struct {
	First  *seqlabel.Model
	Second *seqlabel.Model // nil: the first pass decides alone
}

// Tags are the names of the tags both passes choose among.
func (l *Labeller) Tags() []string { return l.First.Tags }

// Features counts the weighed features of both passes.
func (l *Labeller) Features() int {
	n := l.First.Features()
	if l.Second != nil {
		n += l.Second.Features()
	}
	return n
}

// secondPassMark separates the two passes in a model file.
const secondPassMark = "%% second pass\n"

// Write writes the labeller: the first pass, then the second after a
// line of its own.
func (l *Labeller) Write(w io.Writer) error {
	if err := l.First.Write(w); err != nil {
		return err
	}
	if l.Second == nil {
		return nil
	}
	if _, err := io.WriteString(w, secondPassMark); err != nil {
		return err
	}
	return l.Second.Write(w)
}

// ReadLabeller reads a labeller written by Write (a file of one pass is
// a labeller without a second).
func ReadLabeller(r io.Reader) (*Labeller, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	first, second := data, []byte(nil)
	if at := bytes.Index(data, []byte("\n"+secondPassMark)); at >= 0 {
		first, second = data[:at+1], data[at+1+len(secondPassMark):]
	}
	l := &Labeller{}
	if l.First, err = seqlabel.Read(bytes.NewReader(first)); err != nil {
		return nil, fmt.Errorf("first pass: %w", err)
	}
	if second != nil {
		if l.Second, err = seqlabel.Read(bytes.NewReader(second)); err != nil {
			return nil, fmt.Errorf("second pass: %w", err)
		}
		if !slices.Equal(l.Second.Tags, l.First.Tags) {
			return nil, fmt.Errorf("the second pass's tags are not the first's")
		}
	}
	l.forbidBrokenParts()
	return l, nil
}

// forbidBrokenParts keeps both passes from decoding a part broken off:
// see brokenPart.
func (l *Labeller) forbidBrokenParts() {
	l.First.ForbidSteps(brokenPart)
	if l.Second != nil {
		l.Second.ForbidSteps(brokenPart)
	}
}

// brokenPart reports a step from one line's tag to the next's that breaks
// a headline part, subhead or caption in two roles: a line that goes on
// with one (its tag does not open it) follows a line of the same role.
// Without it a kicker's second line, ending in ——, came out a kicker
// under a first line read as the title.
func brokenPart(prev, tag string) bool {
	p, t := parseTag(prev), parseTag(tag)
	switch t.role {
	case RoleKicker, RoleTitle, RoleSubtitle:
		return !t.opens && p.role != t.role
	}
	return false
}

// stackFolds is how many parts the training pages are cut into (by
// group) to tag each with a first pass fitted without it.
const stackFolds = 4

// FitLabeller fits both passes on training sequences made by LineExample;
// groups[i] names the group of data[i] (its date: pages of one day share
// stories, so the first-pass tags the second pass learns from come from
// models fitted without the page's day). seed orders the pages as
// FitLineModelInOrder does.
func FitLabeller(data []seqlabel.Sequence, groups []string, epochs int, seed int64) *Labeller {
	l := &Labeller{First: FitLineModelInOrder(data, epochs, seed)}
	defer l.forbidBrokenParts()
	fold := GroupFolds(groups, stackFolds)
	if len(fold) < stackFolds {
		return l
	}
	stacked := make([]seqlabel.Sequence, len(data))
	for f := 0; f < stackFolds; f++ {
		var fit []seqlabel.Sequence
		for i, s := range data {
			if fold[groups[i]] != f {
				fit = append(fit, s)
			}
		}
		first := FitLineModelInOrder(fit, epochs, seed)
		first.ForbidSteps(brokenPart)
		for i, s := range data {
			if fold[groups[i]] == f {
				// (decoded as parsing decodes: a PDF page's lines
				// keep to the tags their type allows)
				stacked[i] = stackSequence(s, first.Decode(s.Features, s.Allowed), first.Tags)
			}
		}
	}
	l.Second = FitLineModelInOrder(stacked, epochs, seed)
	return l
}

// GroupFolds deals the distinct groups, in sorted order, into k folds in
// turn, and gives each group's fold (the map holds every distinct group
// once: fewer than k of them leave folds empty).
func GroupFolds(groups []string, k int) map[string]int {
	var distinct []string
	for _, g := range groups {
		if !slices.Contains(distinct, g) {
			distinct = append(distinct, g)
		}
	}
	sort.Strings(distinct)
	fold := make(map[string]int, len(distinct))
	for i, g := range distinct {
		fold[g] = i % k
	}
	return fold
}

// trainingGroup is the group a training page is held out by when the
// second pass's tags are made: its date, else its name.
func trainingGroup(tp TrainingPage) string {
	if d := DateFromName(tp.Name); d != "" {
		return d
	}
	return tp.Name
}

// decode tags a page's lines: the first pass, and the second on its
// tags. Each line's features are written once and looked up in both.
func (l *Labeller) decode(p *pageLines) []int {
	if l.Second == nil {
		return l.First.DecodeRows(p.featureRows(l.First), p.allowedTags(l.First.Tags))
	}
	// (both passes choose among the same tags: fitting gives them one list,
	// ReadLabeller checks a file)
	allowed := p.allowedTags(l.Tags())
	rows := p.featureRowsOf(l.First, l.Second)
	first := l.First.DecodeRows(rows[0], allowed)
	return l.Second.DecodeRowsAnd(rows[1], l.stackRows(first), allowed)
}

// stackRows are the rows of each line's stack features, read off the
// first pass's tags: the second pass weighs them after the line's own
// rows (DecodeRowsAnd).
func (l *Labeller) stackRows(first []int) [][]int32 {
	fw := newRowWriter(len(first), 12, l.Second) // (10 rows a line on the corpus's pages)
	eachStackFeature(tagNames(first, l.Tags()), fw)
	return fw.rows(0)
}

// decodeExplained is decode for --explain: the tags, each line's margin
// and the features (by name) the deciding pass weighed.
func (l *Labeller) decodeExplained(p *pageLines) (tags []int, margins []float32, feats [][]string, deciding *seqlabel.Model) {
	feats = p.features()
	if l.Second == nil {
		tags, margins = l.First.DecodeScores(feats, p.allowedTags(l.First.Tags))
		return tags, margins, feats, l.First
	}
	allowed := p.allowedTags(l.Tags())
	first := l.First.Decode(feats, allowed)
	stacked := stackSequence(seqlabel.Sequence{Features: feats}, first, l.Tags())
	tags, margins = l.Second.DecodeScores(stacked.Features, allowed)
	return tags, margins, stacked.Features, l.Second
}

func tagNames(tags []int, names []string) []string {
	out := make([]string, len(tags))
	for k, t := range tags {
		out[k] = names[t]
	}
	return out
}

// stackSequence is seq with the second pass's features, from the tags
// predicted for its lines, added to each line's.
func stackSequence(seq seqlabel.Sequence, predicted []int, names []string) seqlabel.Sequence {
	out := seqlabel.Sequence{Tags: seq.Tags, Allowed: seq.Allowed, Features: make([][]string, len(seq.Features))}
	for k := range seq.Features {
		out.Features[k] = append([]string(nil), seq.Features[k]...)
	}
	eachStackFeature(tagNames(predicted, names), &featureWriter{name: func(k int, name []byte) {
		out.Features[k] = append(out.Features[k], string(name))
	}})
	return out
}

// The templates of eachStackFeature's features.
var (
	tST      = newTemplate("s:t=", tagWords)
	tSP      = newTemplate("s:p=", tagWords)
	tSN      = newTemplate("s:n=", tagWords)
	tSPT     = newTemplate("s:pt=", tagWords, "|", tagWords)
	tSTN     = newTemplate("s:tn=", tagWords, "|", tagWords)
	tSPN     = newTemplate("s:pn=", tagWords, "|", tagWords)
	tSPP     = newTemplate("s:pp=", lineRoleWords, "|", lineRoleWords)
	tSNN     = newTemplate("s:nn=", lineRoleWords, "|", lineRoleWords)
	tSR3     = newTemplate("s:r3=", lineRoleWords, "|", lineRoleWords)
	tSHRun   = newTemplate("s:hrun=", runWords, "|", runWords)
	tSHBelow = newTemplate("s:hbelow=", tagWords)
	tSHAbove = newTemplate("s:habove=", tagWords)
	tSSince  = newTemplate("s:since=", sinceWords)

	sinceNone    = sinceWords.fill("none")
	sinceBuckets = newBuckets(sinceWords, 0, 1, 2, 3, 5, 10, 20, 40)
)

// eachStackFeature writes the second pass's features of each line, read
// off the first pass's tags (one a line), into fw. They start with "s:"
// and say what the first pass put on the line and around it.
func eachStackFeature(tags []string, fw *featureWriter) {
	n := len(tags)
	tag := make([]fill, n)
	role := make([]string, n)
	roleFill := make([]fill, n)
	opensStory := make([]bool, n)
	for k, t := range tags {
		lt := parseTag(t)
		role[k], opensStory[k] = lt.role, lt.opensStory
		tag[k], roleFill[k] = tagWords.fill(t), lineRoleWords.fill(lt.role)
	}
	bop, eop := tagWords.fill("BOP"), tagWords.fill("EOP")
	if lineRoleWords.ids["BOP"] != bop.id || lineRoleWords.ids["EOP"] != eop.id {
		panic("ingest: BOP and EOP must have one id in tagWords and lineRoleWords")
	}
	at := func(a []fill, k int) fill {
		switch {
		case k < 0:
			return bop
		case k >= n:
			return eop
		}
		return a[k]
	}
	if fw.buf == nil {
		fw.buf = make([]byte, 0, 64)
	}
	lastStory := -1
	for k := range tags {
		fw.line = k
		fw.addT(tST, tag[k])
		fw.addT(tSP, at(tag, k-1))
		fw.addT(tSN, at(tag, k+1))
		fw.addT(tSPT, at(tag, k-1), tag[k])
		fw.addT(tSTN, tag[k], at(tag, k+1))
		fw.addT(tSPN, at(tag, k-1), at(tag, k+1))
		fw.addT(tSPP, at(roleFill, k-2), at(roleFill, k-1))
		fw.addT(tSNN, at(roleFill, k+1), at(roleFill, k+2))
		fw.addT(tSR3, at(roleFill, k-3), at(roleFill, k+3))
		// where the line sits in a run of headline lines, and what
		// stands over and under the run
		if isHeadlineRole(role[k]) {
			b, e := k, k
			for b > 0 && isHeadlineRole(role[b-1]) {
				b--
			}
			for e+1 < n && isHeadlineRole(role[e+1]) {
				e++
			}
			fw.addT(tSHRun, runWords.fill(strconv.Itoa(min(e-b+1, 6))), runWords.fill(strconv.Itoa(min(k-b, 5))))
			fw.addT(tSHBelow, at(tag, e+1))
			fw.addT(tSHAbove, at(tag, b-1))
		}
		if opensStory[k] {
			lastStory = k
		}
		since := sinceNone
		if lastStory >= 0 {
			since = sinceBuckets.of(k - lastStory)
		}
		fw.addT(tSSince, since)
	}
}
