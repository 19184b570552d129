package ingest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// MaxPageBytes is the largest raw page Galley accepts. A newspaper page is a
// few tens of kilobytes and a whole issue a few megabytes; anything near
// this size is a dump, and refusing it keeps memory bounded (parsing holds
// a few copies of the text besides its lines, paragraphs and edits).
const MaxPageBytes = 32 << 20

// MaxPageLines and MaxPageStories bound what a page may be cut into, so
// that machine-made input (millions of one-character lines or datelines)
// is refused instead of exhausting memory. The sample page repeated to
// 20 MB has half a million lines and seven thousand stories.
const (
	MaxPageLines   = 1 << 20
	MaxPageStories = 50000
)

// ErrTooLarge is wrapped by the errors that refuse oversize input.
var ErrTooLarge = fmt.Errorf("larger than the %d MiB a page may have", MaxPageBytes>>20)

// ReadFile reads a raw page from disk, refusing files larger than
// MaxPageBytes before reading them, so a huge file never reaches memory.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a page", path)
	}
	if !fi.Mode().IsRegular() {
		// reading a named pipe nobody writes to would wait for ever
		return nil, fmt.Errorf("%s: %s", path, NotRegular(fi.Mode()))
	}
	if fi.Size() > MaxPageBytes {
		return nil, fmt.Errorf("%s: %d bytes: %w", path, fi.Size(), ErrTooLarge)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, path)
}

// NotRegular says why a file of this mode is not read as a page: it is
// not a regular file, and reading one (a named pipe, a device) may never
// end.
func NotRegular(m os.FileMode) string {
	what := "a special file"
	switch {
	case m&os.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		what = "a socket"
	case m&os.ModeDevice != 0:
		what = "a device"
	}
	return "not a regular file but " + what + ": save the page to a file and import that"
}

// ReadAll reads a raw page from r, stopping as soon as it has seen more than
// MaxPageBytes (a pipe or a file that grew after Stat), so memory stays
// bounded whatever r delivers.
func ReadAll(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxPageBytes {
		return nil, fmt.Errorf("%s: more than %d bytes: %w", name, MaxPageBytes, ErrTooLarge)
	}
	return data, nil
}

// Decode turns the raw bytes of a page into text: UTF-8 (with or without a
// byte order mark), UTF-16 with a byte order mark (or, without one, when the
// NUL pattern or its code units say so), Big5 (Taiwan and Hong Kong papers,
// told from GB18030 by a character-set detector), else GB18030 (a superset
// of GBK and GB2312). Line
// ends become "\n"; form feeds stay as page-break markers. Binary input and
// undecodable bytes are refused with an error naming the file and the byte
// offset.
func Decode(raw []byte, name string) (string, error) {
	if len(raw) > MaxPageBytes {
		return "", fmt.Errorf("%s: %d bytes: %w", name, len(raw), ErrTooLarge)
	}
	var text string
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		body := raw[3:]
		if off := invalidUTF8(body); off >= 0 {
			return "", fmt.Errorf("%s: invalid UTF-8 at byte offset %d", name, off+3)
		}
		text = string(body)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		s, err := decodeUTF16(raw[2:], false, 2, name)
		if err != nil {
			return "", err
		}
		text = s
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		s, err := decodeUTF16(raw[2:], true, 2, name)
		if err != nil {
			return "", err
		}
		text = s
	default:
		if bigEndian, ok := looksUTF16(raw); ok {
			s, err := decodeUTF16(raw, bigEndian, 0, name)
			if err != nil {
				return "", err
			}
			text = s
			break
		}
		if utf8.Valid(raw) {
			text = string(raw)
			break
		}
		if bigEndian, ok := looksUTF16Han(raw); ok {
			// Chinese in UTF-16 without a byte order mark: few or no NUL
			// bytes (only its ASCII has them), so looksUTF16 misses it
			s, err := decodeUTF16(raw, bigEndian, 0, name)
			if err != nil {
				return "", err
			}
			text = s
			break
		}
		if off := bytes.IndexByte(raw, 0); off >= 0 {
			return "", fmt.Errorf("%s: binary file (NUL byte at offset %d)", name, off)
		}
		if off, mostly := mostlyUTF8(raw); mostly {
			// a UTF-8 page with a damaged byte: read as GB18030 it
			// would turn into nonsense without a word of warning
			return "", fmt.Errorf("%s: invalid UTF-8 at byte offset %d", name, off)
		}
		if isBig5(raw) {
			s, err := decodeBig5(raw, name)
			if err != nil {
				return "", err
			}
			text = s
			break
		}
		if off := invalidGB18030(raw); off >= 0 {
			return "", fmt.Errorf("%s: neither UTF-8 nor GB18030: undecodable byte 0x%02X at offset %d",
				name, raw[off], off)
		}
		s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("%s: GB18030: %v", name, err)
		}
		text = string(s)
	}
	if off, ok := binaryOffset(text); ok {
		return "", fmt.Errorf("%s: binary file (control character at offset %d)", name, off)
	}
	return normalizeLineEnds(text), nil
}

// invalidUTF8 returns the offset of the first byte that is not part of valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// mostlyUTF8 reports text that is UTF-8 but for a few bad bytes (at most
// one in fifty of its multi-byte characters, or a single one), with the
// first bad offset.
func mostlyUTF8(b []byte) (first int, mostly bool) {
	first = -1
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if first < 0 {
				first = i
			}
			invalid++
			i++
			continue
		}
		valid++
		i += n
	}
	return first, valid >= 8 && invalid <= max(1, valid/50)
}

// looksUTF16 recognises UTF-16 without a byte order mark by its NUL bytes:
// text in Latin script has a NUL in every other byte.
func looksUTF16(b []byte) (bigEndian, ok bool) {
	n := len(b)
	if n < 8 || n%2 != 0 {
		return false, false
	}
	if n > 4096 {
		n = 4096
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*7 && even == 0:
		return false, true
	case even*10 >= half*7 && odd == 0:
		return true, true
	}
	return false, false
}

// decodeUTF16 decodes UTF-16, refusing unpaired surrogates. base is the
// number of bytes before b in the file (the byte order mark), for offsets.
func decodeUTF16(b []byte, bigEndian bool, base int, name string) (string, error) {
	if len(b)%2 != 0 {
		return "", fmt.Errorf("%s: UTF-16 with an odd number of bytes (stray byte at offset %d)", name, base+len(b)-1)
	}
	var sb strings.Builder
	sb.Grow(len(b) * 3 / 2)
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(b[i])<<8 | uint16(b[i+1])
		}
		return uint16(b[i+1])<<8 | uint16(b[i])
	}
	for i := 0; i < len(b); i += 2 {
		u := unit(i)
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+3 < len(b) {
				if v := unit(i + 2); v >= 0xDC00 && v < 0xE000 {
					sb.WriteRune(utf16.DecodeRune(rune(u), rune(v)))
					i += 2
					continue
				}
			}
			return "", fmt.Errorf("%s: UTF-16: unpaired surrogate at byte offset %d", name, base+i)
		case u >= 0xDC00 && u < 0xE000:
			return "", fmt.Errorf("%s: UTF-16: unpaired surrogate at byte offset %d", name, base+i)
		default:
			sb.WriteRune(rune(u))
		}
	}
	return sb.String(), nil
}

// invalidGB18030 checks the byte structure of GB18030 (one, two or four
// bytes per character) and returns the offset of the first byte that breaks
// it, or -1. The decoder itself would silently substitute U+FFFD.
func invalidGB18030(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c == 0x80 || c == 0xFF:
			return i
		case i+1 < len(b) && (b[i+1] >= 0x40 && b[i+1] <= 0x7E || b[i+1] >= 0x80 && b[i+1] <= 0xFE):
			i += 2
		case i+3 < len(b) && b[i+1] >= 0x30 && b[i+1] <= 0x39 &&
			b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			i += 4
		default:
			return i
		}
	}
	return -1
}

// binaryOffset reports a NUL, or a text whose first 8 KiB are more than 10 %
// control characters, as binary, with the offset of the first such byte.
func binaryOffset(s string) (int, bool) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return i, true
	}
	n := len(s)
	if n > 8192 {
		n = 8192
	}
	first, count := -1, 0
	for i := 0; i < n; i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if n > 0 && count*10 > n {
		return first, true
	}
	return 0, false
}

// normalizeLineEnds turns CRLF and lone CR into "\n".
func normalizeLineEnds(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			sb.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// detectSample is how much of a page the encoding checks below look at: a
// newspaper page says what it is long before, and the detector's time grows
// with its input.
const detectSample = 64 << 10

// looksUTF16Han recognises UTF-16 without a byte order mark by its code
// units: nearly all are text (ASCII, CJK characters and punctuation,
// full-width forms, general punctuation) and many are Chinese. GB18030 and
// Big5 read as UTF-16 give mostly Hangul, Yi, private-use and surrogate
// units in either byte order, so the two are not confused.
func looksUTF16Han(b []byte) (bigEndian, ok bool) {
	n := min(len(b), detectSample) &^ 1
	if n < 16 {
		return false, false
	}
	for _, be := range []bool{false, true} {
		units, good, han := 0, 0, 0
		for i := 0; i+1 < n; i += 2 {
			u := rune(b[i+1])<<8 | rune(b[i])
			if be {
				u = rune(b[i])<<8 | rune(b[i+1])
			}
			units++
			switch {
			case u >= 0x3400 && u <= 0x9FFF, u >= 0x3000 && u <= 0x303F, u >= 0xFF00 && u <= 0xFFEF:
				good++
				han++
			case u == '\t' || u == '\n' || u == '\r' || u == '\f', u >= 0x20 && u <= 0x7E, u >= 0xA0 && u <= 0xFF,
				u >= 0x2000 && u <= 0x206F, u >= 0x2100 && u <= 0x21FF, u >= 0x2460 && u <= 0x25FF,
				u >= 0x3040 && u <= 0x30FF, u >= 0xFE30 && u <= 0xFE4F:
				good++
			case u >= 0xD800 && u <= 0xDBFF && i+3 < n:
				// a pair: a character outside the BMP (CJK extension B)
				v := rune(b[i+3])<<8 | rune(b[i+2])
				if be {
					v = rune(b[i+2])<<8 | rune(b[i+3])
				}
				if v >= 0xDC00 && v <= 0xDFFF {
					good += 2
					han++
					units++
					i += 2
				}
			}
		}
		if good*100 >= units*97 && han*4 >= units {
			return be, true
		}
	}
	return false, false
}

// isBig5 asks the character-set detector (a port of ICU's, which weighs
// each encoding's most common characters) whether the bytes read better as
// Big5 than as GB18030. Both decode most byte pairs, so a guess by byte
// ranges alone would turn one into the other's nonsense.
func isBig5(b []byte) bool {
	results, err := chardet.NewTextDetector().DetectAll(b[:min(len(b), detectSample)])
	if err != nil {
		return false
	}
	big5, gb := 0, 0
	for _, r := range results {
		switch r.Charset {
		case "Big5":
			big5 = r.Confidence
		case "GB-18030":
			gb = r.Confidence
		}
	}
	return big5 > gb
}

// decodeBig5 decodes Big5 (with the Hong Kong HKSCS characters), refusing a
// byte pair it has no character for instead of writing U+FFFD.
func decodeBig5(b []byte, name string) (string, error) {
	out, err := traditionalchinese.Big5.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("%s: Big5: %v", name, err)
	}
	if !bytes.ContainsRune(out, utf8.RuneError) {
		return string(out), nil
	}
	// find the first pair without a character, for the message
	dec := traditionalchinese.Big5.NewDecoder()
	for i := 0; i < len(b); {
		n := 1
		if b[i] >= 0x81 && b[i] <= 0xFE && i+1 < len(b) {
			n = 2
		}
		if b[i] >= 0x80 {
			c, err := dec.Bytes(b[i : i+n])
			if err != nil || bytes.ContainsRune(c, utf8.RuneError) {
				return "", fmt.Errorf("%s: read as Big5 (Taiwan, Hong Kong), byte 0x%02X at offset %d has no character: save the page as UTF-8",
					name, b[i], i)
			}
		}
		i += n
	}
	return string(out), nil
}
