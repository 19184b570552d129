package seqlabel

import (
	"bytes"
	"reflect"
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
}
