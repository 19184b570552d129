package ingest

import (
	"os"
	"testing"
)

// TestFeatureRowsAreTheRowsOfTheNames: the rows parsing takes through
// the templates' tables are the rows of the names training and --explain
// see, line by line and in order.
func TestFeatureRowsAreTheRowsOfTheNames(t *testing.T) {
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		t.Fatal(err)
	}
	model, err := LineModel()
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	p := newPageLines(newLayout(text, scanLines(text)), nil)
	rows := p.featureRows(model)
	for k, names := range p.features() {
		var want []int32
		for _, name := range names {
			if r := model.Row([]byte(name)); r >= 0 {
				want = append(want, r)
			}
		}
		if len(rows[k]) != len(want) {
			t.Fatalf("line %d: %d rows, want %d", k, len(rows[k]), len(want))
		}
		for j := range want {
			if rows[k][j] != want[j] {
				t.Fatalf("line %d, feature %d: row %d, want %d", k, j, rows[k][j], want[j])
			}
		}
	}
}

// TestRuneClassesAreTemplateWords: every class runeClass gives is among
// classWords (else its features would be looked up by name: slower).
func TestRuneClassesAreTemplateWords(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if c := runeClass(r); classWords.fill(c).id == noWord {
			t.Fatalf("runeClass(%U) = %q, not in classWords", r, c)
		}
	}
	for _, b := range []buckets{blankBuckets, runeBuckets, relRuneBuckets} {
		for _, f := range b.fills {
			if f.id == noWord {
				t.Errorf("bucket %q is not in bucketWords", f.word)
			}
		}
	}
}
