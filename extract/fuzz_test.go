package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

// FuzzStory feeds arbitrary paragraphs to Story: it must never panic, and
// what it reports must come from the text (every date as printed, every
// byline name printed in the story).
func FuzzStory(f *testing.F) {
	for _, s := range []string{
		"本报讯（记者 孙立新）6月12日上午，县委书记刘晓东调研。\n截至昨天，进度过九成。（钱志远 孙丽）",
		"本报讯（", "（）", "本报讯 记者 ：", "（记者", "By ", "By JOHN", "BEIJING, June 1 (Xinhua) --",
		"本报记者 王建华 通讯员 刘晓东陈梅 摄", "12月31日至1月2日", "二〇二二年十二月三十一日", "\xff\xfe",
		strings.Repeat("（王", 40), strings.Repeat("有限公司", 30),
	} {
		f.Add(s, "2023-06-14")
	}
	lx := testLexicon(f)
	// Pay for what the lexicon loads on first use (the keyword model, some
	// 10 s on a busy machine) here, in each fuzzing process's set-up: the
	// fuzzing engine kills a process whose input runs longer than 10 s
	// (panic "deadlocked!", reported as "exit status 2" on the first seed).
	warm := article.Story{Paragraphs: []article.Paragraph{{Kind: article.ParaBody, Text: "本报讯（记者 孙立新）6月12日上午，县委书记刘晓东调研。"}}}
	Story(&warm, Options{PageDate: "2023-06-14", Lexicon: lx})
	f.Fuzz(func(t *testing.T, text, date string) {
		if !utf8.ValidString(text) {
			return // ingest hands over decoded text only
		}
		var st article.Story
		for _, p := range strings.Split(text, "\n") {
			st.Paragraphs = append(st.Paragraphs, article.Paragraph{Kind: article.ParaBody, Text: p})
		}
		if len(st.Paragraphs) > 1 {
			st.Paragraphs[len(st.Paragraphs)-1].Kind = article.ParaCredit
		}
		start := time.Now()
		Story(&st, Options{PageDate: date, Lexicon: lx})
		if d := time.Since(start); d > 5*time.Second {
			// half the fuzzing engine's limit for one input
			t.Errorf("Story took %v on %d bytes", d, len(text))
		}
		for _, d := range st.Metadata.Dates {
			if !strings.Contains(text, d.Text) {
				t.Errorf("date %q is not in the text", d.Text)
			}
		}
		squashed := strings.Join(strings.Fields(text), "")
		for _, b := range st.Byline {
			if b.Name == "" {
				t.Errorf("empty byline name in %v", st.Byline)
			}
			if !strings.Contains(strings.ToLower(squashed), strings.ToLower(strings.Join(strings.Fields(b.Name), ""))) {
				t.Errorf("byline name %q is not in the text", b.Name)
			}
		}
		if st.Metadata.Chars < 0 || utf8.RuneCountInString(st.Metadata.Summary) > maxSummary+1 {
			t.Errorf("chars %d, summary %q", st.Metadata.Chars, st.Metadata.Summary)
		}
	})
}
