package ingest

import (
	"math/rand"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// nasty inputs every rule must survive.
var nasty = []string{
	"",
	"\n\n\n",
	" ",
	"\f\f\f",
	"本报讯",
	"图为",
	"摄",
	"（",
	"“聚力 助推",
	"６ 月\ufffd\ufffd 23 日\u200b",
	"vic-\n",
	"-\n-\n-",
	"?\nx",
	"本报讯 （记者 段利梅） \n\n推动发展\n\n本报讯 （记者\n",
	"标题\n\n标题二\n\n标题三\n\n标题四\n",
	"ALL CAPS\nHEADLINE\nbody text.\nMORE CAPS\n",
	strings.Repeat("示 ", 200),
	strings.Repeat("“", 100) + strings.Repeat("”", 100),
	"a\r\nb\rc\f\r\n",
	" 图为现场。 本报记者 张三 摄\n 图为。摄",
	"（（（ ）））“”‘’",
	"\x01\x02text\x7f",
	// a dropped character closing the line before a running head and
	// another after it: one edit used to reach over the head (issue 13)
	"n\n创\ns\n\ufffd\n3版\n\u200b",
	"o\n同\nd\n\u00ad\n第版\n\ufffd",
	"a \ufffd \u200b b\n\ufffd\u200b",
}

func seedCorpus(f *testing.F) {
	for _, s := range nasty {
		f.Add([]byte(s))
	}
	for _, p := range []string{seedZH, seedEN} {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(raw)
		}
	}
}

// FuzzParse: for any input Parse never panics, and when it accepts the
// input every non-space character is accounted for.
func FuzzParse(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		page, err := Parse(raw, Options{File: "fuzz.txt"})
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		missing, invented := accountFor(page)
		if len(missing) > 0 || len(invented) > 0 {
			t.Fatalf("lost %q, invented %q", runeCounts(missing), runeCounts(invented))
		}
		if err := checkEdits(page); err != nil {
			t.Fatal(err)
		}
		for _, st := range page.Stories {
			for _, e := range st.Edits {
				if page.Text[e.Start:e.End] != e.Before {
					t.Fatalf("edit %+v: raw span holds %q", e, page.Text[e.Start:e.End])
				}
			}
		}
	})
}

// TestPropertyNothingLost runs the invariant over many random pages built
// from the pieces real pages are made of.
func TestPropertyNothingLost(t *testing.T) {
	pieces := []string{"本报讯", " ", "  ", "\n", "\n\n", "\f", "（记者 段利梅）", "（王为峰 赵尚元）", "图为", "现场。",
		"本报记者 李振涛 通讯员 吴峰 摄", "“", "”", "聚力惠企", "助推", "示 范", "，", "。", "６", "Ａ", "23", "日",
		"\ufffd", "vic-", "tory", "The", "WAR NEWS", "-", "?", "、", "第3版", "2022年6月28日 星期二", "x", "\u200b", "\t"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for n := rng.Intn(60); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		raw := []byte(b.String())
		page, err := Parse(raw, Options{File: "prop.txt"})
		if err != nil {
			t.Fatalf("input %q: %v", raw, err)
		}
		missing, invented := accountFor(page)
		if len(missing) > 0 || len(invented) > 0 {
			t.Fatalf("input %q: lost %q, invented %q", raw, runeCounts(missing), runeCounts(invented))
		}
		if err := checkEdits(page); err != nil {
			t.Fatalf("input %q: %v", raw, err)
		}
		for _, st := range page.Stories {
			for _, p := range st.Paragraphs {
				if !utf8.ValidString(p.Text) || p.Text == "" {
					t.Fatalf("input %q: bad paragraph %q", raw, p.Text)
				}
			}
		}
	}
}
