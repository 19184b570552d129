package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/score"
)

// TestHeadlinePartsAreDecodedWhole: a line that goes on with a kicker,
// title or subtitle follows a line of that role. Decoded line by line, a
// kicker's first line came out a title and its second (ending in ——) a
// kicker, which splits one headline between two fields. (A rule that
// overrides the model's tag, a running head's say, is not the decoder's.) The sample page
// is read always; the development corpus, where the shipped model broke
// parts so on nine pages before, when it is next to the repository.
func TestHeadlinePartsAreDecodedWhole(t *testing.T) {
	pages := []string{seedZH}
	if shared := score.SharedDir("."); shared != "" {
		more, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "raw.txt"))
		pages = append(pages, more...)
	} else {
		t.Log("no ../shared/corpus next to the repository: the sample page only")
	}
	opt := Options{Lexicon: lexicon.Shared()}
	for _, path := range pages {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		opt.File = path
		lines, err := ExplainLines(raw, opt)
		if err != nil {
			t.Fatal(err)
		}
		prev := LineDecision{}
		for _, l := range lines {
			if isHeadlineRole(l.Role) && !l.Opens && prev.Role != l.Role && l.Rule == "" && prev.Rule == "" {
				t.Errorf("%s line %d: %s goes on with a part a %s line began", path, l.Line, l.Role, prev.Role)
			}
			prev = l
		}
	}
}
