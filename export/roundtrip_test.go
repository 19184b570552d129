package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/galley/galley/article"
	"github.com/galley/galley/export"
	"github.com/galley/galley/importer"
	"github.com/galley/galley/storage"
)

// roundTripStories are two made-up stories of one page with every field
// a story can carry.
func roundTripStories() []*article.Story {
	first := &article.Story{
		Order: 0, Kind: article.KindArticle,
		Kicker: "城乡融合发展观察", Title: "清河县新建十二座社区图书馆", Subtitle: "全年借阅量突破30万册",
		Dateline: "本报讯",
		Byline:   []article.Byline{{Role: "记者", Name: "周明远"}, {Role: "通讯员", Name: "林小雨"}},
		Paragraphs: []article.Paragraph{
			{Kind: article.ParaBody, Text: "本报讯 （记者 周明远 通讯员 林小雨）今年以来，清河县新建社区图书馆12座。", Start: 10, End: 120,
				Boxes: []article.Box{{X0: 46, Y0: 120, X1: 180.5, Y1: 130}, {X0: 36, Y0: 135, X1: 180.5, Y1: 145}}},
			{Kind: article.ParaSubhead, Text: "书香进社区", Start: 121, End: 136, Boxes: []article.Box{{X0: 36, Y0: 150, X1: 96, Y1: 162}}},
			{Kind: article.ParaCaption, Text: "图为居民在图书馆阅读。", Start: 137, End: 170},
			{Kind: article.ParaCredit, Text: "本报记者 周明远 摄", Start: 171, End: 190},
		},
		Source: article.Source{File: "2024-03-05_page02.txt", SHA256: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", Start: 10, End: 190},
		Metadata: article.Metadata{
			Dates:  []article.Date{{Text: "今年以来"}, {Text: "3月5日", Value: "2024-03-05"}},
			People: []string{"周明远"}, Places: []string{"清河县"}, Organizations: []string{"清河县图书馆"},
			Keywords: []string{"社区图书馆", "借阅"}, Summary: "清河县新建十二座社区图书馆。", Chars: 60,
		},
		Flags:  []article.Flag{{Kind: article.FlagUncertain, Message: "check the subhead", Paragraph: 1, Start: 121, End: 136}},
		Status: article.StatusChecked,
		Notes:  "photo from the archive",
		// read from a PDF: the kicker, title and subtitle lines, then the
		// paragraphs' lines
		Region: []article.Box{{X0: 120, Y0: 40, X1: 475, Y1: 52}, {X0: 60, Y0: 58, X1: 535, Y1: 90}, {X0: 150, Y0: 96, X1: 445, Y1: 110},
			{X0: 46, Y0: 120, X1: 180.5, Y1: 130}, {X0: 36, Y0: 135, X1: 180.5, Y1: 145}, {X0: 36, Y0: 150, X1: 96, Y1: 162}},
	}
	second := &article.Story{
		Order: 1, Kind: article.KindPhoto,
		Paragraphs: []article.Paragraph{{Kind: article.ParaCaption, Text: "River Park opened on Tuesday.", Start: 200, End: 230}},
		Source:     article.Source{File: "2024-03-05_page02.txt", Start: 200, End: 230},
		Flags:      []article.Flag{{Kind: article.FlagNoHeadline, Message: "no title", Paragraph: -1}},
		Status:     article.StatusNew,
	}
	return []*article.Story{first, second}
}

// TestJSONImportExportRoundTrip exports stories as JSON (one file per
// story, as `galley export --format json` writes them, and as one JSON Lines
// file), imports them into a fresh archive with the importer `galley import`
// uses, exports them again, and expects the same JSON: JSON is Galley's
// lossless interchange and backup format.
func TestJSONImportExportRoundTrip(t *testing.T) {
	for _, format := range []export.Format{export.FormatJSON, export.FormatJSONL} {
		t.Run(string(format), func(t *testing.T) { roundTrip(t, format) })
	}
}

func roundTrip(t *testing.T, format export.Format) {
	dir := t.TempDir()
	stories := roundTripStories()
	items := make([]export.Item, len(stories))
	for i, st := range stories {
		items[i] = export.Item{Story: st, PageDate: "2024-03-05"}
	}
	out := filepath.Join(dir, "out")
	if _, err := export.Batch(context.Background(), items, export.Options{Format: format, Dir: out}, nil); err != nil {
		t.Fatal(err)
	}

	arch, err := storage.Open(filepath.Join(dir, "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer arch.Close()
	ctx := context.Background()
	if _, err := importer.Import(ctx, arch, []string{out}, importer.Options{}); err != nil {
		t.Fatalf("import %s: %v", out, err)
	}
	list, err := arch.Stories(ctx, storage.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(stories) {
		t.Fatalf("archive holds %d stories, want %d", len(list), len(stories))
	}
	byTitle := map[string]*article.Story{}
	for _, s := range list {
		if s.PageDate != "2024-03-05" {
			t.Errorf("story %q: page date %q after the import, want 2024-03-05", s.Headline, s.PageDate)
		}
		st, err := arch.Story(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		byTitle[st.Title] = st
	}
	for _, st := range stories {
		back := byTitle[st.Title]
		if back == nil {
			t.Fatalf("story %q is not in the archive after the import", st.Title)
		}
		want, got := jsonOf(t, st), jsonOf(t, back)
		if bytes.Equal(want, got) {
			continue
		}
		for _, field := range differingFields(t, want, got) {
			t.Errorf("story %q: %s changed in the round trip:\nexported:\n%s\nafter:\n%s", st.Title, field, want, got)
		}
	}
}

func jsonOf(t *testing.T, st *article.Story) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.JSON(&b, st, export.JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// differingFields lists the dotted paths of top-level and one-level-nested
// fields whose values differ.
func differingFields(t *testing.T, a, b []byte) []string {
	t.Helper()
	var ma, mb map[string]any
	if err := json.Unmarshal(a, &ma); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &mb); err != nil {
		t.Fatal(err)
	}
	var out []string
	for k, va := range ma {
		vb := mb[k]
		na, okA := va.(map[string]any)
		nb, okB := vb.(map[string]any)
		if okA && okB {
			for k2, v2 := range na {
				if !reflect.DeepEqual(v2, nb[k2]) {
					out = append(out, k+"."+k2)
				}
			}
			continue
		}
		if !reflect.DeepEqual(va, vb) {
			out = append(out, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
