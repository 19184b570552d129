// Package seqlabel is a linear-chain sequence labeller: a structured
// perceptron (Collins 2002) with averaged weights and first-order Viterbi
// decoding. Each item of a sequence (here: a line of a newspaper page) is
// described by a set of string features; the model scores every tag from
// the features of the item and from the tag before it, and the decoder
// picks the best tag sequence for the whole page at once.
//
// Why this model: it is fitted in seconds on a few hundred annotated pages,
// its decisions are a sum of named feature weights that can be printed
// (Explain), it needs no numeric library, and a linear-chain CRF (what
// GROBID uses) gains little over it with this little data. The package knows
// nothing of newspapers: ingest describes the lines and names the tags.
package seqlabel

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Model holds the fitted weights.
type Model struct {
	Tags    []string
	index   map[string]int32 // feature -> row
	byName  *rowTable        // index again, for Row (see rowtable.go)
	names   []string         // row -> feature
	weights []float32        // row*len(Tags)+tag
	trans   []float32        // (prev+1)*len(Tags)+tag; prev -1 is the sequence start
	// barred[prev*len(Tags)+tag] rules the step out in decoding (see
	// ForbidSteps); nil: every step is open
	barred []bool
}

// step is the weight of going from tag prev (-1: the start) to tag k.
func (m *Model) step(prev, k int) float32 {
	nt := len(m.Tags)
	if prev >= 0 && m.barred != nil && m.barred[prev*nt+k] {
		return forbidden
	}
	return m.trans[(prev+1)*nt+k]
}

// ForbidSteps rules out, in decoding, going from one tag to the next where
// forbid says so: what is known for certain of the tags' order (a
// headline's second line goes on with the headline its first line began)
// is not left to the fitted weights. It is not written with the model;
// the caller says it again on a model it reads.
func (m *Model) ForbidSteps(forbid func(prev, tag string) bool) {
	nt := len(m.Tags)
	m.barred = make([]bool, nt*nt)
	for p, from := range m.Tags {
		for k, to := range m.Tags {
			m.barred[p*nt+k] = forbid(from, to)
		}
	}
}

// Sequence is one training example: the features of each item and its tag.
type Sequence struct {
	Features [][]string
	Tags     []int
	// Allowed, when set, is what the items may take when the sequence is
	// decoded as its kind of input is (Train fits on all tags)
	Allowed Allowed
}

// TagIndex returns the index of tag, or -1.
func (m *Model) TagIndex(tag string) int {
	for i, t := range m.Tags {
		if t == tag {
			return i
		}
	}
	return -1
}

// Row is the weight row of the feature named name, or -1 when the model
// weighs no such feature. A caller that decodes many items looks each
// feature up once with Row and decodes the rows (DecodeRows): the name
// can be built in a reused buffer, and no string is made for it.
func (m *Model) Row(name []byte) int32 {
	return m.byName.row(name)
}

// rows are the weight rows of each item's known features, in the
// features' order (so that the sums of their weights are the same).
func (m *Model) rows(feats [][]string) [][]int32 {
	out := make([][]int32, len(feats))
	for t, fs := range feats {
		for _, f := range fs {
			if r, ok := m.index[f]; ok {
				out[t] = append(out[t], r)
			}
		}
	}
	return out
}

// emission adds the weights of one item's rows to row (len(Tags) scores,
// zero before): the item's score of every tag. The rows are parts' rows,
// part after part.
func (m *Model) emission(row []float32, parts ...[]int32) {
	nt := len(row)
	if nt < 8 {
		for _, rs := range parts {
			for _, r := range rs {
				// (w cut to row's length: the loop reads both without bounds checks)
				w := m.weights[int(r)*nt : int(r)*nt+nt][:len(row)]
				for k, x := range w {
					row[k] += x
				}
			}
		}
		return
	}
	k := 0
	for ; k+8 <= nt; k += 8 {
		m.addEight(parts, row, k, k)
	}
	if k < nt {
		// the last tags, as the last eight of the row: those before k
		// are summed again but not kept
		m.addEight(parts, row, nt-8, k)
	}
}

// addEight adds the weights of parts' rows for the eight tags from at to
// row, keeping the sums of the tags from keep on. The eight sums stay in
// registers through all the rows, so no score is stored and read back
// once a row; each tag's weights are added in the rows' order, so the
// sums are those of adding row after row.
func (m *Model) addEight(parts [][]int32, row []float32, at, keep int) {
	nt := len(row)
	a := row[at : at+8 : at+8]
	a0, a1, a2, a3, a4, a5, a6, a7 := a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]
	for _, rs := range parts {
		for _, r := range rs {
			from := int(r)*nt + at
			w := m.weights[from : from+8 : from+8]
			a0 += w[0]
			a1 += w[1]
			a2 += w[2]
			a3 += w[3]
			a4 += w[4]
			a5 += w[5]
			a6 += w[6]
			a7 += w[7]
		}
	}
	sums := [8]float32{a0, a1, a2, a3, a4, a5, a6, a7}
	copy(row[keep:at+8], sums[keep-at:])
}

// Allowed says whether an item may take a tag; nil allows every tag.
// Decoding keeps to it: what is known for certain about an item (a line
// set in headline type is a headline) is not left to the weights.
type Allowed func(item, tag int) bool

// forbidden is the score of a tag an item may not take: low enough to
// lose against any allowed path, far from float32's limits.
const forbidden = -1e20

// mask sets the scores (row) of the tags item may not take. An item none
// of whose tags is allowed keeps them all.
func (m *Model) mask(row []float32, item int, allowed Allowed) {
	if allowed == nil {
		return
	}
	any := false
	for k := range row {
		any = any || allowed(item, k)
	}
	if !any {
		return
	}
	for k := range row {
		if !allowed(item, k) {
			row[k] = forbidden
		}
	}
}

// scoreItem fills row with item t's masked emission scores, of its rows
// rows[t] followed by more[t] (more may be nil).
func (m *Model) scoreItem(rows, more [][]int32, t int, allowed Allowed, row []float32) {
	clear(row)
	if more != nil {
		m.emission(row, rows[t], more[t])
	} else {
		m.emission(row, rows[t])
	}
	m.mask(row, t, allowed)
}

// Decode returns the best tag sequence for the items' features.
func (m *Model) Decode(feats [][]string, allowed Allowed) []int {
	return m.DecodeRows(m.rows(feats), allowed)
}

// DecodeRows is Decode for items described by the rows of their features
// (Row); a feature the model does not weigh has no row. Each item's
// scores are worked out as Viterbi reaches it, into one row reused, so
// no page-long table of scores is written and read back.
func (m *Model) DecodeRows(rows [][]int32, allowed Allowed) []int {
	return m.DecodeRowsAnd(rows, nil, allowed)
}

// DecodeRowsAnd is DecodeRows for items whose rows are rows[t] followed
// by more[t] (more nil, or as long as rows), as if they were written
// one after the other: a second pass's rows of its own and those read off
// the first pass need not be copied into one slice a line.
func (m *Model) DecodeRowsAnd(rows, more [][]int32, allowed Allowed) []int {
	if len(rows) == 0 {
		return nil
	}
	return m.viterbi(len(rows), func(t int, row []float32) { m.scoreItem(rows, more, t, allowed, row) })
}

// DecodeScores is Decode that also returns, for each item, the margin
// between the chosen tag and the best other tag in that position when the
// rest of the path is kept (small margins are close calls).
func (m *Model) DecodeScores(feats [][]string, allowed Allowed) (tags []int, margins []float32) {
	n, nt := len(feats), len(m.Tags)
	if n == 0 {
		return nil, nil
	}
	rows := m.rows(feats)
	em := make([]float32, n*nt)
	for t := range n {
		m.scoreItem(rows, nil, t, allowed, em[t*nt:(t+1)*nt])
	}
	tags = m.viterbi(n, func(t int, row []float32) { copy(row, em[t*nt:(t+1)*nt]) })
	margins = make([]float32, n)
	for t := 0; t < n; t++ {
		local := func(k int) float32 {
			s := em[t*nt+k]
			prev := -1
			if t > 0 {
				prev = tags[t-1]
			}
			s += m.step(prev, k)
			if t+1 < n {
				s += m.step(k, tags[t+1])
			}
			return s
		}
		best := local(tags[t])
		second := float32(-1e30)
		for k := 0; k < nt; k++ {
			if k != tags[t] {
				if s := local(k); s > second {
					second = s
				}
			}
		}
		margins[t] = best - second
	}
	return tags, margins
}

// viterbi is the best path over n items, emit giving each item's scores
// of the tags (into a row of len(Tags), items in order).
func (m *Model) viterbi(n int, emit func(t int, row []float32)) []int {
	nt := len(m.Tags)
	// the scores of the best paths to the item before and to this one
	before, cur := make([]float32, nt), make([]float32, nt)
	emt := make([]float32, nt)
	back := make([]int16, n*nt)
	emit(0, emt)
	for k := 0; k < nt; k++ {
		before[k] = emt[k] + m.trans[k]
	}
	steps := m.newSteps()
	for t := 1; t < n; t++ {
		emit(t, emt)
		steps.bestInto(before, cur, back[t*nt:(t+1)*nt])
		for k, e := range emt[:len(cur)] {
			cur[k] += e
		}
		before, cur = cur, before
	}
	out := make([]int, n)
	best := float32(-1e30)
	for k := 0; k < nt; k++ {
		if s := before[k]; s > best {
			best, out[n-1] = s, k
		}
	}
	for t := n - 1; t > 0; t-- {
		out[t-1] = int(back[t*nt+out[t]])
	}
	return out
}

// steps are the transitions as one step of Viterbi reads them.
type steps struct {
	// into[k*nt+p] is the weight of going from tag p to tag k, and
	// intoMax[k] the largest weight of going into k
	into, intoMax []float32
}

func (m *Model) newSteps() *steps {
	nt := len(m.Tags)
	st := &steps{into: make([]float32, nt*nt), intoMax: make([]float32, nt)}
	for k := 0; k < nt; k++ {
		st.intoMax[k] = float32(math.Inf(-1))
		for p := 0; p < nt; p++ {
			w := m.step(p, k)
			st.into[k*nt+p] = w
			st.intoMax[k] = max(st.intoMax[k], w)
		}
	}
	return st
}

// leaders is how many of the best tags before bestInto tries first.
const leaders = 2

// bestInto sets cur[k] to the best score of a path reaching tag k from
// the scores before, and bt[k] to the tag it comes from (the first of
// equal ones). A line's tags mostly differ by many times the weights of
// the steps, so the best path into k nearly always comes from one of the
// few best tags before: those are tried first, and the other tags only
// when the last of the leaders, with k's largest weight in, would not
// fall short of the best found (a sum of floats does not grow when a
// term shrinks, so the others cannot reach it then).
func (st *steps) bestInto(before, cur []float32, bt []int16) {
	nt := len(before)
	if nt <= leaders {
		for k := range cur {
			best, arg := st.bestFromAll(before, k)
			cur[k], bt[k] = best, int16(arg)
		}
		return
	}
	// the leaders, best first, equal scores in the tags' order
	var lead [leaders]int
	n := 0
	for p, x := range before {
		if n == leaders && !(x > before[lead[leaders-1]]) {
			continue
		}
		i := min(n, leaders-1)
		for ; i > 0 && before[lead[i-1]] < x; i-- {
			lead[i] = lead[i-1]
		}
		lead[i] = p
		n = min(n+1, leaders)
	}
	last := before[lead[leaders-1]]
	for k := range cur {
		w := st.into[k*nt : (k+1)*nt][:nt]
		best, arg := float32(-1e30), 0
		for _, p := range lead {
			if s := before[p] + w[p]; s > best || s == best && p < arg {
				best, arg = s, p
			}
		}
		if !(last+st.intoMax[k] < best) {
			best, arg = st.bestFromAll(before, k)
		}
		cur[k], bt[k] = best, int16(arg)
	}
}

// bestFromAll is bestInto's answer for tag k from every tag before.
func (st *steps) bestFromAll(before []float32, k int) (float32, int) {
	nt := len(before)
	best, arg := float32(-1e30), 0
	for p, w := range st.into[k*nt : (k+1)*nt][:nt] {
		if s := before[p] + w; s > best {
			best, arg = s, p
		}
	}
	return best, arg
}

// Train fits a model with the averaged structured perceptron: epochs
// passes over the sequences in an order shuffled by seed, so the same data
// and seed give the same model.
func Train(data []Sequence, tags []string, epochs int, seed int64) *Model {
	return TrainOrders(data, tags, epochs, []int64{seed})
}

// TrainOrders fits one averaged perceptron per seed, each visiting the
// sequences in its own shuffled order, and keeps the mean of their
// weights. A perceptron fitted on a few hundred pages depends on the order
// it met them in: lines no change touched flip their tag from one order to
// the next. The mean of several orders is steadier than any one of them.
func TrainOrders(data []Sequence, tags []string, epochs int, seeds []int64) *Model {
	m := newModel(data, tags)
	rows := make([][][]int32, len(data))
	for si, s := range data {
		rows[si] = m.rows(s.Features)
	}
	// the orders are fitted side by side, each on weights of its own
	// (decoding reads nothing else of the model that fitting writes)
	fits := make([]*Model, len(seeds))
	var wg sync.WaitGroup
	for k, seed := range seeds {
		fit := *m
		fit.weights = make([]float32, len(m.weights))
		fit.trans = make([]float32, len(m.trans))
		fits[k] = &fit
		wg.Add(1)
		go func() {
			defer wg.Done()
			fit.fit(data, rows, epochs, seed)
		}()
	}
	wg.Wait()
	// summed in the seeds' order, so the same seeds give the same model
	n := float32(len(seeds))
	for _, f := range fits {
		for i, w := range f.weights {
			m.weights[i] += w
		}
		for i, w := range f.trans {
			m.trans[i] += w
		}
	}
	for i := range m.weights {
		m.weights[i] /= n
	}
	for i := range m.trans {
		m.trans[i] /= n
	}
	m.prune(1e-3)
	return m
}

// newModel gives every feature of the data a row of zero weights.
func newModel(data []Sequence, tags []string) *Model {
	m := &Model{Tags: tags, index: map[string]int32{}}
	nt := len(tags)
	for _, s := range data {
		for _, fs := range s.Features {
			for _, f := range fs {
				if _, ok := m.index[f]; !ok {
					m.index[f] = int32(len(m.names))
					m.names = append(m.names, f)
				}
			}
		}
	}
	m.weights = make([]float32, len(m.names)*nt)
	m.trans = make([]float32, (nt+1)*nt)
	return m
}

// fit runs the averaged perceptron from zero weights over the sequences
// (rows: their items' feature rows) in the order seed shuffles them.
func (m *Model) fit(data []Sequence, rows [][][]int32, epochs int, seed int64) {
	nt := len(m.Tags)
	// Averaging: acc holds the sum of c*update, so the average is
	// w - acc/c at the end (Daumé's trick), with no per-step copy.
	accW := make([]float32, len(m.weights))
	accT := make([]float32, len(m.trans))
	c := float32(1)
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := data[si]
			pred := m.DecodeRows(rows[si], nil)
			for t := range pred {
				g, p := s.Tags[t], pred[t]
				gp, pp := -1, -1
				if t > 0 {
					gp, pp = s.Tags[t-1], pred[t-1]
				}
				if g != p {
					for _, row := range rows[si][t] {
						r := int(row) * nt
						m.weights[r+g]++
						m.weights[r+p]--
						accW[r+g] += c
						accW[r+p] -= c
					}
				}
				if g != p || gp != pp {
					m.trans[(gp+1)*nt+g]++
					m.trans[(pp+1)*nt+p]--
					accT[(gp+1)*nt+g] += c
					accT[(pp+1)*nt+p] -= c
				}
			}
			c++
		}
	}
	for i := range m.weights {
		m.weights[i] -= accW[i] / c
	}
	for i := range m.trans {
		m.trans[i] -= accT[i] / c
	}
}

// prune drops features whose weights are all near zero.
func (m *Model) prune(eps float32) {
	nt := len(m.Tags)
	var names []string
	var weights []float32
	index := map[string]int32{}
	for r, name := range m.names {
		w := m.weights[r*nt : (r+1)*nt]
		keep := false
		for _, x := range w {
			if x > eps || x < -eps {
				keep = true
				break
			}
		}
		if keep {
			index[name] = int32(len(names))
			names = append(names, name)
			weights = append(weights, w...)
		}
	}
	m.names, m.weights, m.index = names, weights, index
	m.byName = newRowTable(names, index)
}

// Contribution is one feature's part in a tag's score.
type Contribution struct {
	Feature string
	Weight  float32
}

// Explain returns the features of one item that weigh most for tag,
// strongest first (positive and negative), at most n of them.
func (m *Model) Explain(features []string, tag, n int) []Contribution {
	nt := len(m.Tags)
	var out []Contribution
	for _, f := range features {
		r, ok := m.index[f]
		if !ok {
			continue
		}
		if w := m.weights[int(r)*nt+tag]; w != 0 {
			out = append(out, Contribution{f, w})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return abs(out[i].Weight) > abs(out[j].Weight) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// Features reports how many features the model weighs.
func (m *Model) Features() int { return len(m.names) }

// The model file is text, one record a line, so it diffs and loads
// without a schema:
//
//	seqlabel 1
//	tags TAG TAG ...
//	trans W W ...                 ((tags+1) × tags weights)
//	FEATURE<TAB>TAG:W TAG:W ...   (non-zero weights only)

// Write writes the model in its text form.
func (m *Model) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "seqlabel 1\ntags %s\ntrans", strings.Join(m.Tags, " "))
	for _, x := range m.trans {
		bw.WriteByte(' ')
		bw.WriteString(strconv.FormatFloat(float64(x), 'g', 5, 32))
	}
	bw.WriteByte('\n')
	nt := len(m.Tags)
	order := make([]int, len(m.names))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return m.names[order[i]] < m.names[order[j]] })
	for _, r := range order {
		bw.WriteString(m.names[r])
		bw.WriteByte('\t')
		first := true
		for k, x := range m.weights[r*nt : (r+1)*nt] {
			if x > -1e-3 && x < 1e-3 {
				continue
			}
			if !first {
				bw.WriteByte(' ')
			}
			first = false
			bw.WriteString(strconv.Itoa(k))
			bw.WriteByte(':')
			bw.WriteString(strconv.FormatFloat(float64(x), 'g', 5, 32))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// Read reads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	next := func() (string, bool) {
		ok := sc.Scan()
		line++
		return sc.Text(), ok
	}
	bad := func(why string) error { return fmt.Errorf("model line %d: %s", line, why) }
	if s, ok := next(); !ok || s != "seqlabel 1" {
		return nil, bad("not a seqlabel model (version 1)")
	}
	s, ok := next()
	if !ok || !strings.HasPrefix(s, "tags ") {
		return nil, bad("want the tags")
	}
	m := &Model{Tags: strings.Fields(s[5:]), index: map[string]int32{}}
	nt := len(m.Tags)
	s, ok = next()
	if !ok || !strings.HasPrefix(s, "trans") {
		return nil, bad("want the transitions")
	}
	for _, f := range strings.Fields(s[5:]) {
		x, err := strconv.ParseFloat(f, 32)
		if err != nil {
			return nil, bad(err.Error())
		}
		m.trans = append(m.trans, float32(x))
	}
	if len(m.trans) != (nt+1)*nt {
		return nil, bad(fmt.Sprintf("%d transition weights for %d tags", len(m.trans), nt))
	}
	for sc.Scan() {
		line++
		s := sc.Text()
		tab := strings.IndexByte(s, '\t')
		if tab < 0 {
			return nil, bad("want FEATURE<TAB>weights")
		}
		row := make([]float32, nt)
		for _, kv := range strings.Fields(s[tab+1:]) {
			colon := strings.IndexByte(kv, ':')
			k, err1 := strconv.Atoi(kv[:max(colon, 0)])
			x, err2 := strconv.ParseFloat(kv[colon+1:], 32)
			if colon < 0 || err1 != nil || err2 != nil || k < 0 || k >= nt {
				return nil, bad("bad weight " + kv)
			}
			row[k] = float32(x)
		}
		m.index[s[:tab]] = int32(len(m.names))
		m.names = append(m.names, s[:tab])
		m.weights = append(m.weights, row...)
	}
	m.byName = newRowTable(m.names, m.index)
	return m, sc.Err()
}
