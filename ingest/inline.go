package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/utf8x"
)

// piece is part of a paragraph's raw span with the kind it prints as.
type piece struct {
	span
	kind string
}

// lastSentenceEnd returns the byte offset just after the last sentence end
// (with its closing quotes) in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s); i > 0; i-- {
		if endsWithSentenceEnd(s[:i]) {
			j := i
			for j < len(s) {
				c, n := utf8x.First(s[j:])
				if !isCloser(c) {
					break
				}
				j += n
			}
			return j
		}
	}
	return -1
}

// endsWithSentenceEnd reports s ending with a sentence end other than
// '.', by its last bytes: lastSentenceEnd tries every byte offset from
// the end instead of decoding each rune backwards. A sentence end is
// ASCII or starts with a byte that begins a rune (E2, E3, EF), so the
// bytes of one are never the tail of another rune or of a byte that is
// not UTF-8: the offsets where one ends are those the rune by rune walk
// back from the end reaches.
func endsWithSentenceEnd(s string) bool {
	var end string
	switch s[len(s)-1] {
	case '!', '?':
		return true
	case 0x82:
		end = "。"
	case 0x81:
		end = "！"
	case 0x9F:
		end = "？"
	case 0xA6:
		end = "…"
	case 0x9B:
		end = "；"
	default:
		return false
	}
	return strings.HasSuffix(s, end)
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
//
// creditNext says a photo credit line follows the paragraph: then a
// sentence printed after the story's closing author credit (……。（张三
// 李四）工人们在调试设备。) is the picture's caption, not body text.
func splitInline(text string, sp span, creditNext bool) []piece {
	s := text[sp.start:sp.end]
	if k := captionAfterCredit(s, creditNext); k > 0 {
		out := []piece{{span{sp.start, sp.start + k}, article.ParaBody}}
		if j := lastSentenceEnd(s[k:]); !creditNext && j >= 0 {
			return append(out, piece{span{sp.start + k, sp.start + k + j}, article.ParaCaption},
				piece{span{sp.start + k + j, sp.end}, article.ParaCredit})
		}
		return append(out, piece{span{sp.start + k, sp.end}, article.ParaCaption})
	}
	capAt := -1
	for off := 0; ; {
		k, m := captionStart(s[off:])
		if k < 0 {
			break
		}
		k += off
		before := strings.TrimRightFunc(s[:k], isSpace)
		r, _ := utf8x.Last(before)
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
			r, sz := utf8x.First(rest[i:])
			i += sz
			if isSentenceEnd(r) && r != '.' {
				for i < len(rest) {
					c, n := utf8x.First(rest[i:])
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

// captionAfterCredit finds text after a closing author credit in s: the
// offset where the caption begins, or 0. The credit must follow a
// sentence end, and what follows it must be one or two short sentences
// that end the paragraph, with a photo credit after them (on the next
// line, or at the end of s).
func captionAfterCredit(s string, creditNext bool) int {
	// the caption and a credit after it are short: only the paragraph's
	// tail is searched, so a long paragraph costs no more than a short one
	const reach = (80 + 48 + 16) * utf8.UTFMax
	off := 0
	if len(s) > reach {
		off = len(s) - reach
		for off < len(s) && !utf8.RuneStart(s[off]) {
			off++
		}
	}
	for off < len(s) {
		c := strings.Index(s[off:], "）")
		if c < 0 {
			return 0
		}
		c += off + len("）")
		off = c
		head := strings.TrimRightFunc(s[:c], isSpace)
		open := strings.LastIndex(head, "（")
		if open < 0 || !isBylineParen(head) || !endsSentenceText(strings.TrimRightFunc(head[:open], isSpace)) {
			// the credit closes a story: it follows a sentence end (a
			// byline after a dateline, 本报讯（通讯员 甲乙）, opens one)
			continue
		}
		rest := s[c:]
		if strings.TrimSpace(rest) == "" {
			return 0
		}
		if !creditNext {
			j := lastSentenceEnd(rest)
			if j < 0 || !isCredit(rest[j:]) {
				continue
			}
			rest = rest[:j]
		}
		if isCaptionRest(rest) {
			return c
		}
	}
	return 0
}

// isCaptionRest reports text that can be a caption: at most 80 runes,
// ending with a sentence end, holding at most two sentences.
func isCaptionRest(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8x.Count(s) > 80 || !endsSentenceText(s) {
		return false
	}
	n := 0
	for _, r := range s {
		if isSentenceEnd(r) && r != '.' {
			n++
		}
	}
	return n <= 2
}

func endsSentenceText(s string) bool {
	last, sz := utf8x.Last(s)
	prev, _ := utf8x.Last(s[:len(s)-sz])
	return isSentenceEnd(last) || isCloser(last) && isSentenceEnd(prev)
}
