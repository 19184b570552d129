package seqlabel

import (
	"bytes"
	"math/rand"
	"reflect"
	"slices"
	"testing"
)

// toy: a line is "head" after a blank, "body" otherwise; the second body
// line after a head is "cont" — a tag only the transition from "body"
// can tell apart, so the decoder must use the tag before.
func toy() []Sequence {
	var data []Sequence
	for n := 2; n < 12; n++ {
		var s Sequence
		for i := 0; i < n; i++ {
			s.Features = append(s.Features, []string{"blank-before"}, []string{"text"}, []string{"text"})
			s.Tags = append(s.Tags, 0, 1, 2)
		}
		data = append(data, s)
	}
	return data
}

func TestTrainedModelLabelsByFeaturesAndTransitions(t *testing.T) {
	tags := []string{"head", "body", "cont"}
	m := Train(toy(), tags, 5, 1)
	feats := [][]string{{"blank-before"}, {"text"}, {"text"}, {"blank-before"}, {"text"}, {"text"}}
	if got, want := m.Decode(feats, nil), []int{0, 1, 2, 0, 1, 2}; !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded %v, want %v", got, want)
	}
	named := 0
	for tag := range tags {
		for _, c := range m.Explain([]string{"blank-before", "text", "unseen"}, tag, 5) {
			if c.Feature == "unseen" || c.Weight == 0 {
				t.Errorf("explained by %+v: a feature the model never weighed", c)
			}
			named++
		}
	}
	if named == 0 {
		t.Error("no feature explains any tag")
	}
}

func TestModelFileRoundTrip(t *testing.T) {
	m := Train(toy(), []string{"head", "body", "cont"}, 5, 1)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	feats := [][]string{{"text"}, {"blank-before"}, {"text"}, {"text"}}
	if a, b := m.Decode(feats, nil), back.Decode(feats, nil); !reflect.DeepEqual(a, b) {
		t.Errorf("read back decodes %v, written %v", b, a)
	}
	for _, bad := range []string{"", "seqlabel 2\n", "seqlabel 1\ntags a b\ntrans 1 2\n", "seqlabel 1\ntags a\ntrans 0 0\nf\t7:1\n"} {
		if _, err := Read(bytes.NewReader([]byte(bad))); err == nil {
			t.Errorf("%q read without an error", bad)
		}
	}
}

func TestSameDataSameModel(t *testing.T) {
	var a, b bytes.Buffer
	Train(toy(), []string{"head", "body", "cont"}, 3, 7).Write(&a)
	Train(toy(), []string{"head", "body", "cont"}, 3, 7).Write(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two fits on the same data and seed differ")
	}
	// orders fitted side by side still make one model, whichever
	// finishes first
	seeds := []int64{7, 8, 9, 10, 11}
	var c, d bytes.Buffer
	TrainOrders(toy(), []string{"head", "body", "cont"}, 3, seeds).Write(&c)
	for range 5 {
		d.Reset()
		TrainOrders(toy(), []string{"head", "body", "cont"}, 3, seeds).Write(&d)
		if !bytes.Equal(c.Bytes(), d.Bytes()) {
			t.Fatal("two fits in the same orders differ")
		}
	}
}

// The mean of several orders is a model of its own: it tags what each
// order tags right, and its weights are the mean of the orders' weights.
func TestTrainOrdersKeepsTheMeanOfTheOrders(t *testing.T) {
	tags := []string{"head", "body", "cont"}
	one := Train(toy(), tags, 5, 1)
	two := Train(toy(), tags, 5, 2)
	both := TrainOrders(toy(), tags, 5, []int64{1, 2})
	for _, f := range both.names {
		for k := range tags {
			want := (weight(one, f, k) + weight(two, f, k)) / 2
			if got := weight(both, f, k); abs(got-want) > 1e-3 {
				t.Fatalf("%s/%s: %v, the orders' mean is %v", f, tags[k], got, want)
			}
		}
	}
	for _, s := range toy() {
		if got := both.Decode(s.Features, nil); !slices.Equal(got, s.Tags) {
			t.Errorf("the mean of two orders tags %v as %v", s.Tags, got)
		}
	}
}

// weight is feature f's weight for tag k (0 when f was pruned).
func weight(m *Model, f string, k int) float32 {
	r, ok := m.index[f]
	if !ok {
		return 0
	}
	return m.weights[int(r)*len(m.Tags)+k]
}

// TestBestIntoIsExhaustive: the step of Viterbi that tries the best tags
// before first gives what trying every tag gives, on scores and weights
// with many ties and with spreads both wide and narrow.
func TestBestIntoIsExhaustive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, nt := range []int{1, 2, 3, 5, 23} {
		m := &Model{Tags: make([]string, nt), trans: make([]float32, (nt+1)*nt)}
		for it := 0; it < 2000; it++ {
			spread := []float32{1, 10, 1000}[it%3]
			for i := range m.trans {
				m.trans[i] = float32(rng.Intn(21) - 10)
			}
			st := m.newSteps()
			before := make([]float32, nt)
			for p := range before {
				before[p] = float32(rng.Intn(5)) * spread
			}
			cur, bt := make([]float32, nt), make([]int16, nt)
			st.bestInto(before, cur, bt)
			for k := 0; k < nt; k++ {
				best, arg := float32(-1e30), 0
				for p := 0; p < nt; p++ {
					if s := before[p] + m.trans[(p+1)*nt+k]; s > best {
						best, arg = s, p
					}
				}
				if cur[k] != best || int(bt[k]) != arg {
					t.Fatalf("%d tags, into %d: %v from %d, want %v from %d", nt, k, cur[k], bt[k], best, arg)
				}
			}
		}
	}
}

// TestEmissionAddsRowByRow: the emission scores summed eight tags at a
// time, of the rows whole or in two parts, are, to the bit, those of
// adding one row after another.
func TestEmissionAddsRowByRow(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for nt := 1; nt <= 30; nt++ {
		const features = 50
		m := &Model{Tags: make([]string, nt), weights: make([]float32, features*nt)}
		for i := range m.weights {
			m.weights[i] = rng.Float32()*20 - 10
		}
		rs := make([]int32, 40)
		for i := range rs {
			rs[i] = int32(rng.Intn(features))
		}
		got, parted, want := make([]float32, nt), make([]float32, nt), make([]float32, nt)
		m.emission(got, rs)
		cut := rng.Intn(len(rs) + 1)
		m.emission(parted, rs[:cut], rs[cut:])
		for _, r := range rs {
			for k := range want {
				want[k] += m.weights[int(r)*nt+k]
			}
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(parted, want) {
			t.Fatalf("%d tags: %v, in two parts %v, want %v", nt, got, parted, want)
		}
	}
}

// DecodeRowsAnd of each item's rows in two parts gives the tags of
// DecodeRows of the rows run together, for random weights and rows cut
// anywhere (an item's second part empty, or all of its rows).
func TestDecodeRowsAndIsDecodeRowsOfTheRowsTogether(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, nt := range []int{1, 3, 8, 12, 17} {
		const features = 60
		m := &Model{Tags: make([]string, nt), weights: make([]float32, features*nt), trans: make([]float32, (nt+1)*nt)}
		for i := range m.weights {
			m.weights[i] = rng.Float32()*20 - 10
		}
		for i := range m.trans {
			m.trans[i] = rng.Float32()*6 - 3
		}
		for it := 0; it < 50; it++ {
			n := 1 + rng.Intn(40)
			whole, first, second := make([][]int32, n), make([][]int32, n), make([][]int32, n)
			for k := range whole {
				for j := rng.Intn(30); j > 0; j-- {
					whole[k] = append(whole[k], int32(rng.Intn(features)))
				}
				cut := rng.Intn(len(whole[k]) + 1)
				first[k], second[k] = whole[k][:cut], whole[k][cut:]
			}
			allowed := func(item, tag int) bool { return (item+tag)%5 != 0 }
			if got, want := m.DecodeRowsAnd(first, second, allowed), m.DecodeRows(whole, allowed); !slices.Equal(got, want) {
				t.Fatalf("%d tags: %v, want %v", nt, got, want)
			}
		}
	}
}

// TestForbiddenStepsAreNeverDecoded: a step ruled out is not taken, even
// where the weights alone would take it, and the margins agree.
func TestForbiddenStepsAreNeverDecoded(t *testing.T) {
	tags := []string{"head", "body", "cont"}
	m := Train(toy(), tags, 5, 1)
	feats := [][]string{{"blank-before"}, {"text"}, {"text"}, {"blank-before"}, {"text"}, {"text"}}
	steps := func(path []int) (n int) {
		for k := 1; k < len(path); k++ {
			if tags[path[k-1]] == "body" && tags[path[k]] == "cont" {
				n++
			}
		}
		return n
	}
	if n := steps(m.Decode(feats, nil)); n != 2 {
		t.Fatalf("before forbidding, %d steps body -> cont decoded, want 2", n)
	}
	m.ForbidSteps(func(prev, tag string) bool { return prev == "body" && tag == "cont" })
	path := m.Decode(feats, nil)
	if n := steps(path); n != 0 {
		t.Errorf("decoded %v: %d forbidden steps taken", path, n)
	}
	scored, margins := m.DecodeScores(feats, nil)
	if !slices.Equal(scored, path) {
		t.Errorf("DecodeScores decodes %v, Decode %v", scored, path)
	}
	for k, x := range margins {
		if x < 0 || x > 1e10 {
			t.Errorf("item %d: margin %g measured against a forbidden step", k, x)
		}
	}
}
