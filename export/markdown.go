package export

import (
	"bufio"
	"io"
	"strings"

	"github.com/galley/galley/article"
)

// Markdown writes a story as CommonMark: the kicker in bold above a level-1
// headline, the subtitle as a level-2 heading (it belongs to the headline),
// subheads as level-3 headings (they divide the body), the byline line and
// captions in italics, credits as a quote. Chinese has no italics (a
// slanted ideograph is a distortion, not a style), so a Chinese byline or
// caption is set upright. Characters Markdown would read as markup are
// escaped, so the text shows exactly as printed.
func Markdown(w io.Writer, st *article.Story) error {
	bw := bufio.NewWriter(w)
	first := true
	block := func(s string) {
		if !first {
			bw.WriteString("\n")
		}
		first = false
		bw.WriteString(s + "\n")
	}
	italic := func(s string) string {
		if hasHan(s) {
			return s
		}
		return "*" + s + "*"
	}
	if k := oneLine(st.Kicker); k != "" {
		block("**" + mdEscape(k) + "**")
	}
	if t := oneLine(st.Title); t != "" {
		block("# " + mdEscape(t))
	}
	if s := oneLine(st.Subtitle); s != "" {
		block("## " + mdEscape(s))
	}
	if l := bylineLine(st); l != "" {
		block(italic(mdEscape(l)))
	}
	for _, p := range st.Paragraphs {
		t := strings.TrimSpace(p.Text)
		if t == "" {
			continue
		}
		switch p.Kind {
		case article.ParaSubhead:
			block("### " + mdEscape(oneLine(t)))
		case article.ParaCaption:
			block(italic(mdEscape(mdLines(t))))
		case article.ParaCredit:
			block("> " + mdEscape(oneLine(t)))
		default:
			block(mdEscape(mdLines(t)))
		}
	}
	return bw.Flush()
}

// mdLines keeps line breaks inside a paragraph as hard breaks (a backslash
// at the end of the line) rather than letting Markdown join the lines.
func mdLines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\\\n")
}

// mdInline are the characters CommonMark may read as inline markup; & would
// start an entity (&amp; &copy; &#20013;).
var mdInline = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `&`, `\&`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
)

// mdEscape escapes inline markup and what would start a block at the start
// of a line (- + = for lists and setext headings, 1. or 1) for ordered lists).
func mdEscape(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		hard := strings.HasSuffix(l, `\`) && i < len(lines)-1
		if hard {
			l = strings.TrimSuffix(l, `\`)
		}
		l = mdInline.Replace(l)
		if l != "" && strings.ContainsRune("-+=", rune(l[0])) {
			l = `\` + l
		}
		if j := strings.IndexFunc(l, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (l[j] == '.' || l[j] == ')') {
			l = l[:j] + `\` + l[j:]
		}
		if hard {
			l += `\`
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
