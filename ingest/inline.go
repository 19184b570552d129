package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

// piece is part of a paragraph's raw span with the kind it prints as.
type piece struct {
	span
	kind string
}

// lastSentenceEnd returns the byte offset just after the last sentence end
// (with its closing quotes) in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s); i > 0; {
		r, sz := utf8.DecodeLastRuneInString(s[:i])
		if isSentenceEnd(r) && r != '.' {
			j := i
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if !isCloser(c) {
					break
				}
				j += n
			}
			return j
		}
		i -= sz
	}
	return -1
}

// endsWithCredit reports a line whose text ends with a photo credit after
// its last sentence: …完工。 图为工地现场。 本报记者 张三 摄.
func endsWithCredit(s string) bool {
	j := lastSentenceEnd(s)
	if j < 0 {
		return false
	}
	return isCredit(s[j:])
}

// captionOpeners begin a picture's caption.
var captionOpeners = []string{"图为", "上图", "下图", "左图", "右图", "图①", "图②", "图③", "图④", "图⑤", "图⑥"}

// captionStart finds the first caption opener in s: its offset and length.
func captionStart(s string) (int, int) {
	if !strings.Contains(s, "图") {
		return -1, 0
	}
	best, size := -1, 0
	for _, o := range captionOpeners {
		if k := strings.Index(s, o); k >= 0 && (best < 0 || k < best) {
			best, size = k, len(o)
		}
	}
	return best, size
}

// splitInline cuts a paragraph's raw span where a caption (图为…) or a
// photo credit (… 摄) begins inside it: extractors run the picture's text
// into the body's last line.
func splitInline(text string, sp span) []piece {
	s := text[sp.start:sp.end]
	capAt := -1
	for off := 0; ; {
		k, m := captionStart(s[off:])
		if k < 0 {
			break
		}
		k += off
		before := strings.TrimRightFunc(s[:k], isSpace)
		r, _ := utf8.DecodeLastRuneInString(before)
		if before == "" || isSentenceEnd(r) || isCloser(r) && endsSentenceText(before) {
			capAt = k
			break
		}
		off = k + m
	}
	var out []piece
	body := span{sp.start, sp.end}
	if capAt >= 0 {
		body.end = sp.start + capAt
		rest := s[capAt:]
		capEnd := len(rest)
		for i := 0; i < len(rest); {
			r, sz := utf8.DecodeRuneInString(rest[i:])
			i += sz
			if isSentenceEnd(r) && r != '.' {
				for i < len(rest) {
					c, n := utf8.DecodeRuneInString(rest[i:])
					if !isCloser(c) {
						break
					}
					i += n
				}
				capEnd = i
				break
			}
		}
		tail := rest[capEnd:]
		if strings.TrimSpace(tail) != "" && !isCredit(tail) {
			capEnd = len(rest) // not a credit after it: keep it all as the caption
			tail = ""
		}
		if strings.TrimSpace(s[:capAt]) != "" {
			out = append(out, piece{body, article.ParaBody})
		}
		out = append(out, piece{span{sp.start + capAt, sp.start + capAt + capEnd}, article.ParaCaption})
		if strings.TrimSpace(tail) != "" {
			out = append(out, piece{span{sp.start + capAt + capEnd, sp.end}, article.ParaCredit})
		}
		return out
	}
	if isCredit(s) {
		return []piece{{sp, article.ParaCredit}}
	}
	if j := lastSentenceEnd(s); j >= 0 && j < len(s) && isCredit(s[j:]) {
		return []piece{{span{sp.start, sp.start + j}, article.ParaBody}, {span{sp.start + j, sp.end}, article.ParaCredit}}
	}
	return []piece{{sp, article.ParaBody}}
}

func endsSentenceText(s string) bool {
	last, sz := utf8.DecodeLastRuneInString(s)
	prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-sz])
	return isSentenceEnd(last) || isCloser(last) && isSentenceEnd(prev)
}
