package main

import "io"

// terminalWriter passes text to a terminal with its control characters
// shown as escapes (\x1b, \x07, \u009b): the text of stories comes from
// files anyone may have written, and ESC, BEL or CSI printed raw drive the
// terminal (clear the screen, retitle the window, move the cursor). Line
// feed and tab, which the listings print themselves, pass.
type terminalWriter struct {
	w    io.Writer
	lead bool // the last write ended with 0xC2, which may begin a C1 control
}

func terminalText(w io.Writer) io.Writer { return &terminalWriter{w: w} }

const hexDigits = "0123456789abcdef"

func (t *terminalWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+8)
	i := 0
	if t.lead {
		t.lead = false
		if len(p) > 0 && p[0] >= 0x80 && p[0] <= 0x9F {
			out = append(out, '\\', 'u', '0', '0', hexDigits[p[0]>>4], hexDigits[p[0]&15])
			i = 1
		} else {
			out = append(out, 0xC2)
		}
	}
	for ; i < len(p); i++ {
		c := p[i]
		switch {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7F:
			out = append(out, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		case c == 0xC2 && i+1 == len(p):
			t.lead = true
		case c == 0xC2 && p[i+1] >= 0x80 && p[i+1] <= 0x9F:
			out = append(out, '\\', 'u', '0', '0', hexDigits[p[i+1]>>4], hexDigits[p[i+1]&15])
			i++
		default:
			out = append(out, c)
		}
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
