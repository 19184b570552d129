package export

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

// Text writes a story as plain UTF-8 text: headline lines, the byline line,
// then the paragraphs separated by blank lines. Chinese body paragraphs start
// with two ideographic spaces, the way Chinese plain text marks a paragraph.
func Text(w io.Writer, st *article.Story) error {
	bw := bufio.NewWriter(w)
	head := false
	for _, l := range []string{st.Kicker, st.Title, st.Subtitle} {
		if l = oneLine(l); l != "" {
			bw.WriteString(l + "\n")
			head = true
		}
	}
	if l := bylineLine(st); l != "" {
		if head {
			bw.WriteString("\n")
		}
		bw.WriteString(l + "\n")
		head = true
	}
	for _, p := range st.Paragraphs {
		t := strings.TrimSpace(p.Text)
		if t == "" {
			continue
		}
		if head {
			bw.WriteString("\n")
		}
		head = true
		if p.Kind == article.ParaBody && startsCJK(t) {
			t = "\u3000\u3000" + t
		}
		bw.WriteString(t + "\n")
	}
	return bw.Flush()
}

// oneLine folds line breaks in a headline field into spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func startsCJK(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}
