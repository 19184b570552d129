package ingest

import (
	"os"
	"testing"

	"github.com/galley/galley/seqlabel"
)

// TestFeatureRowsAreTheRowsOfTheNames: the rows parsing takes through
// the templates' tables are the rows of the names training and --explain
// see, line by line and in order, for both passes of the model.
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
	passes := []*seqlabel.Model{model.First, model.Second}
	rows := p.featureRowsOf(passes...)
	for m, pass := range passes {
		for k, names := range p.features() {
			var want []int32
			for _, name := range names {
				if r := pass.Row([]byte(name)); r >= 0 {
					want = append(want, r)
				}
			}
			if len(rows[m][k]) != len(want) {
				t.Fatalf("pass %d, line %d: %d rows, want %d", m+1, k, len(rows[m][k]), len(want))
			}
			for j := range want {
				if rows[m][k][j] != want[j] {
					t.Fatalf("pass %d, line %d, feature %d: row %d, want %d", m+1, k, j, rows[m][k][j], want[j])
				}
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
