package export

import (
	"bufio"
	"io"
	"strings"
	"unicode"

	"github.com/galley/galley/article"
)

// Text writes a story as plain UTF-8 text: headline lines, the byline line,
// then the paragraphs separated by blank lines. In a Chinese story every
// body paragraph starts with two ideographic spaces, the way Chinese plain
// text marks a paragraph, whatever its first character (a figure, a Latin
// name, an opening quote).
func Text(w io.Writer, st *article.Story) error {
	bw := bufio.NewWriter(w)
	indent := isChinese(st)
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
		if p.Kind == article.ParaBody && indent {
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

// isChinese tells whether a story is written in Chinese (more Han
// characters than Latin letters in its paragraphs), as opposed to one
// that quotes a Chinese name.
func isChinese(st *article.Story) bool {
	han, latin := 0, 0
	for _, p := range st.Paragraphs {
		for _, r := range p.Text {
			switch {
			case unicode.Is(unicode.Han, r):
				han++
			case unicode.In(r, unicode.Latin):
				latin++
			}
		}
	}
	return han > 0 && han >= latin
}
