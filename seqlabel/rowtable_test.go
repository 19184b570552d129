package seqlabel

import (
	"fmt"
	"strings"
	"testing"
)

// manyFeatures is a model file of n features named as a page's are (parts
// run together), the name "dup" written twice.
func manyFeatures(n int) string {
	var b strings.Builder
	b.WriteString("seqlabel 1\ntags a b\ntrans 0 0 0 0 0 0\n")
	b.WriteString("dup\t0:1\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "w=%d|e=%c\t1:0.5\n", i, 'a'+i%26)
	}
	b.WriteString("dup\t1:2\n")
	return b.String()
}

// TestRowIsTheIndexRow checks Row against the model's map on every
// feature and on names near them that the model does not weigh.
func TestRowIsTheIndexRow(t *testing.T) {
	m, err := Read(strings.NewReader(manyFeatures(20000)))
	if err != nil {
		t.Fatal(err)
	}
	want := func(name string) int32 {
		if r, ok := m.index[name]; ok {
			return r
		}
		return -1
	}
	found := 0
	for _, name := range append(m.names, "", "d", "du", "dupe", "w=", "w=1|e=", "w=20000|e=a", "bias") {
		for _, probe := range []string{name, name + "x", strings.TrimSuffix(name, "a"), "p" + name} {
			if got, w := m.Row([]byte(probe)), want(probe); got != w {
				t.Fatalf("Row(%q) = %d, the index says %d", probe, got, w)
			} else if got >= 0 {
				found++
			}
		}
	}
	if found < len(m.names) {
		t.Errorf("%d names found of %d", found, len(m.names))
	}
	if r := m.Row([]byte("dup")); r != int32(len(m.names)-1) {
		t.Errorf("a name written twice is at row %d, want the last one's, %d", r, len(m.names)-1)
	}
}

// TestRowAfterTraining checks Row on a trained (pruned) model.
func TestRowAfterTraining(t *testing.T) {
	m := Train(toy(), []string{"head", "body", "cont"}, 5, 1)
	for _, name := range []string{"blank-before", "text", "unseen"} {
		want := int32(-1)
		if r, ok := m.index[name]; ok {
			want = r
		}
		if got := m.Row([]byte(name)); got != want {
			t.Errorf("Row(%q) = %d, want %d", name, got, want)
		}
	}
	if m.Row([]byte("text")) < 0 {
		t.Error("a trained feature has no row")
	}
}

// BenchmarkRow looks up names of which half the model weighs.
func BenchmarkRow(b *testing.B) {
	m, err := Read(strings.NewReader(manyFeatures(15000)))
	if err != nil {
		b.Fatal(err)
	}
	var probes [][]byte
	for i := 0; i < 30000; i += 7 {
		probes = append(probes, []byte(fmt.Sprintf("w=%d|e=%c", i, 'a'+i%26)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range probes {
			m.Row(p)
		}
	}
}
