package ingest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const sample = "本报讯 （记者 段利梅） 工业经济\r\n是地方经济的重要基础。\rEnd\n"
const sampleLF = "本报讯 （记者 段利梅） 工业经济\n是地方经济的重要基础。\nEnd\n"

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b bytes.Buffer
	put := func(u uint16) {
		if bigEndian {
			b.WriteByte(byte(u >> 8))
			b.WriteByte(byte(u))
		} else {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b.Bytes()
}

func TestDecodeEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(sample)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().String(sample + "𠀀")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		raw  []byte
		want string
	}{
		"utf-8":              {[]byte(sample), sampleLF},
		"utf-8 with BOM":     {append([]byte{0xEF, 0xBB, 0xBF}, sample...), sampleLF},
		"utf-16 LE with BOM": {utf16Bytes(sample, false, true), sampleLF},
		"utf-16 BE with BOM": {utf16Bytes(sample, true, true), sampleLF},
		"utf-16 LE, no BOM":  {utf16Bytes("Plain English text\r\n", false, false), "Plain English text\n"},
		"GBK":                {[]byte(gbk), sampleLF},
		"GB18030 four-byte":  {[]byte(gb18030), sampleLF + "𠀀"},
		"form feed kept":     {[]byte("page one\fpage two"), "page one\fpage two"},
		"CR only line ends":  {[]byte("a\rb\r\rc"), "a\nb\n\nc"},
		"empty file":         {nil, ""},
	}
	for name, c := range cases {
		got, err := Decode(c.raw, "page.txt")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", name, got, c.want)
		}
	}
}

func TestDecodeRefusesBinaryAndBadBytes(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	cases := map[string]struct {
		raw  []byte
		want string
	}{
		"binary with NUL":        {png, "offset 8"},
		"control characters":     {bytes.Repeat([]byte{1, 2, 3, 'a'}, 100), "offset 0"},
		"stray byte in GB text":  {append([]byte("abc\xb1\xbe"), 0xFF, 'x'), "offset 5"},
		"truncated GB character": {[]byte("abc\xb1"), "offset 3"},
		"unpaired surrogate":     {[]byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0}, "offset 4"},
		"bad UTF-8 after BOM":    {[]byte("\xEF\xBB\xBFok\xC3("), "offset 5"},
		"one bad byte in UTF-8":  {[]byte("本报讯 工业经济是地方经济的\xFF重要基础。"), "offset 40"},
	}
	for name, c := range cases {
		_, err := Decode(c.raw, "dir/bad.txt")
		if err == nil {
			t.Errorf("%s: decoded, want an error", name)
			continue
		}
		if !strings.Contains(err.Error(), "dir/bad.txt") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q should name the file and %q", name, err, c.want)
		}
	}
}

func TestReadFileRefusesHugeFileBeforeReading(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// a sparse 200 MB file: no disk used, and it must never be read
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = ReadFile(path)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), path) {
		t.Fatalf("ReadFile of 200 MB: %v, want a too-large error naming the file", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("refusing the file allocated %d bytes: it was read", grew)
	}
}

// endless yields n bytes of page text without holding them.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	line := []byte("本报讯 这是一行测试文字。\n")
	k := 0
	for k < len(p) && int64(k) < e.n {
		p[k] = line[k%len(line)]
		k++
	}
	e.n -= int64(k)
	return k, nil
}

func TestReadAllStopsAtTheLimit(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadAll(&endless{n: 200 << 20}, "stdin")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "stdin") {
		t.Fatalf("ReadAll of 200 MB: %v", err)
	}
	// io.ReadAll doubles its buffer: at most about 2 × the limit is ever held.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 512<<20 {
		t.Fatalf("reading 200 MB allocated %d MiB in total", grew>>20)
	}
	if _, err := Decode(make([]byte, MaxPageBytes+1), "big.txt"); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Decode of an oversize buffer: %v", err)
	}
}

func TestParseRecordsPageBreaks(t *testing.T) {
	raw := []byte("本报讯 第一篇。\n\f\n本报讯 第二篇。\n")
	page, err := Parse(raw, Options{File: "p.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != 2 {
		t.Fatalf("%d stories, want 2 split at the form feed", len(page.Stories))
	}
	found := false
	for _, e := range page.Edits {
		if e.Rule == RulePageBreak && e.Before == "\f" {
			found = true
		}
	}
	if !found {
		t.Fatalf("page break not recorded: %+v", page.Edits)
	}
	assertNothingLost(t, page)
}

// TestMachineMadePagesAreRefused: input within the byte limit that would
// still be cut into millions of pieces is refused with the file's name.
func TestMachineMadePagesAreRefused(t *testing.T) {
	cases := map[string][]byte{
		"lines":   bytes.Repeat([]byte("x\n"), MaxPageLines+1),
		"stories": bytes.Repeat([]byte("本报讯 这是一行测试文字。\n"), MaxPageStories+10),
	}
	for name, raw := range cases {
		_, err := Parse(raw, Options{File: "made.txt"})
		if err == nil || !strings.Contains(err.Error(), "made.txt") || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want a refusal naming the file and the %s", name, err, name)
		}
	}
}

// TestSamplePageInEveryEncoding: the same page saved as GB18030 with CRLF
// line ends, or as UTF-16, gives the same stories as in UTF-8.
func TestSamplePageInEveryEncoding(t *testing.T) {
	raw, err := os.ReadFile(seedZH)
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(raw), "\n", "\r\n")
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(crlf)
	if err != nil {
		t.Fatal(err)
	}
	want := storiesText(t, raw)
	for name, variant := range map[string][]byte{
		"GB18030 with CRLF": []byte(gb),
		"UTF-16 LE":         utf16Bytes(string(raw), false, true),
		"UTF-8 with BOM":    append([]byte{0xEF, 0xBB, 0xBF}, raw...),
	} {
		if got := storiesText(t, variant); got != want {
			t.Errorf("%s: stories differ from the UTF-8 page", name)
		}
	}
}

func storiesText(t *testing.T, raw []byte) string {
	t.Helper()
	page, err := Parse(raw, Options{File: "page.txt"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, st := range page.Stories {
		b.WriteString(st.Kicker + "|" + st.Title + "|" + st.Subtitle + "\n" + st.Body() + "\n\n")
	}
	return b.String()
}

// traditional is a short news item in traditional characters, as a Taiwan
// or Hong Kong paper prints it (written for this test).
const traditional = "本報訊（記者 陳建宏）臺北市政府昨天宣布，明年起將在各區增設十二座公共圖書館分館，" +
	"並延長現有分館的開放時間，讓上班族在晚間也能借閱書籍。\n市長表示，閱讀是城市競爭力的基礎，" +
	"政府會持續投入經費，改善館舍設備與數位服務。\n文化局指出，新分館將優先設在人口密集、交通便利的地點。\n"

// A Big5 page is read as Big5, not as GB18030 nonsense; the same text in
// GB18030 (which has the traditional characters too) stays GB18030.
func TestDecodeTellsBig5FromGB18030(t *testing.T) {
	big5, err := traditionalchinese.Big5.NewEncoder().String(traditional)
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(traditional)
	if err != nil {
		t.Fatal(err)
	}
	simplified, err := simplifiedchinese.GBK.NewEncoder().String(sample)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ raw, want string }{
		"Big5":                 {big5, traditional},
		"Big5, one line":       {big5[:strings.IndexByte(big5, '\n')], traditional[:strings.IndexByte(traditional, '\n')]},
		"GB18030 traditional":  {gb, traditional},
		"GBK simplified":       {simplified, sampleLF},
		"Big5 with CRLF lines": {strings.ReplaceAll(big5, "\n", "\r\n"), traditional},
	} {
		got, err := Decode([]byte(c.raw), "page.txt")
		if err != nil || got != c.want {
			t.Errorf("%s: %v\n got %q\nwant %q", name, err, got, c.want)
		}
	}
	// A byte pair Big5 has no character for is refused where it is.
	bad := []byte(big5)
	bad = append(bad[:41:41], append([]byte{0x81, 0x40}, bad[41:]...)...)
	if _, err := Decode(bad, "page.txt"); err == nil || !strings.Contains(err.Error(), "Big5") || !strings.Contains(err.Error(), "offset 41") {
		t.Errorf("undecodable Big5: %v", err)
	}
}

// Chinese in UTF-16 without a byte order mark is read as UTF-16, with or
// without line ends (with them it was called binary, without it became
// GB18030 nonsense).
func TestDecodeUTF16ChineseWithoutBOM(t *testing.T) {
	oneLine := strings.ReplaceAll(sampleLF, "\n", "")
	for _, be := range []bool{false, true} {
		for _, text := range []string{oneLine, sampleLF, traditional} {
			got, err := Decode(utf16Bytes(text, be, false), "page.txt")
			if err != nil || got != text {
				t.Errorf("big-endian %v: %v\n got %q\nwant %q", be, err, got, text)
			}
		}
	}
}
