package app

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"unicode/utf16"
)

// Why this file exists: Fyne's bundled fonts have no Chinese glyphs, and its
// per-rune fallback asks the system for "a font with Han" without saying
// which language, so under an English or C locale it may pick the Japanese
// face of Noto Sans CJK and draw Japanese glyph forms (写 门 骨 …). The
// theme therefore asks for a Simplified Chinese face by name. System CJK fonts
// ship as TrueType/OpenType collections (.ttc: Noto Sans CJK, PingFang,
// Microsoft YaHei), and Fyne parses a theme font with font.ParseTTF, which
// reads a single font only; so we cut the Simplified Chinese face out of the
// collection into a standalone font in memory. Embedding a face instead would
// add 8–16 MB to the binary, and a subset cannot cover what editors type.

// fontCandidate is a file that may hold a Simplified Chinese face and the
// family names that mark that face inside it.
type fontCandidate struct {
	path     string
	families []string
}

// candidates lists where systems keep a Simplified Chinese sans face.
func candidates(mono bool) []fontCandidate {
	sc := []string{"Noto Sans CJK SC", "Source Han Sans SC"}
	if mono {
		sc = []string{"Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Source Han Sans SC"}
	}
	c := []fontCandidate{}
	if p := os.Getenv("GALLEY_FONT"); p != "" {
		c = append(c, fontCandidate{p, nil})
	}
	for _, dir := range []string{
		"/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk",
		"/usr/share/fonts/google-noto-cjk", "/usr/share/fonts/opentype/noto-cjk",
		"/usr/share/fonts/noto", "/usr/local/share/fonts",
	} {
		c = append(c, fontCandidate{dir + "/NotoSansCJK-Regular.ttc", sc},
			fontCandidate{dir + "/NotoSansCJKsc-Regular.otf", nil},
			fontCandidate{dir + "/NotoSansSC-Regular.otf", nil})
	}
	switch runtime.GOOS {
	case "darwin":
		c = append(c, fontCandidate{"/System/Library/Fonts/PingFang.ttc", []string{"PingFang SC", ".PingFang SC"}},
			fontCandidate{"/System/Library/Fonts/STHeiti Light.ttc", []string{"Heiti SC", "STHeiti"}})
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		c = append(c, fontCandidate{win + `\Fonts\msyh.ttc`, []string{"Microsoft YaHei"}},
			fontCandidate{win + `\Fonts\simsun.ttc`, []string{"SimSun"}})
	}
	return c
}

// boldPath maps a regular font file to its bold sibling.
func boldPath(regular string) string {
	return strings.Replace(regular, "-Regular.", "-Bold.", 1)
}

// chineseFace is where a Simplified Chinese face lies: a whole font file,
// or the face of a collection whose table directory starts at offset.
type chineseFace struct {
	path       string
	offset     int64
	collection bool
}

// locateChineseFace finds a Simplified Chinese face, reading only the
// files' headers and name tables: the face itself, 16 MB for Noto Sans CJK,
// is read when it is drawn (see faceResource).
func locateChineseFace(mono, bold bool) (chineseFace, error) {
	for _, c := range candidates(mono) {
		path := c.path
		if bold {
			path = boldPath(path)
		}
		if face, err := faceInFile(path, c.families); err == nil {
			return face, nil
		}
	}
	return chineseFace{}, errors.New("no Simplified Chinese font found; install fonts-noto-cjk or set GALLEY_FONT")
}

// findChineseFont returns a standalone font (TTF/OTF bytes) with a
// Simplified Chinese face, and the file it came from.
func findChineseFont(mono, bold bool) ([]byte, string, error) {
	face, err := locateChineseFace(mono, bold)
	if err != nil {
		return nil, "", err
	}
	data, err := face.read()
	return data, face.path, err
}

// faceInFile returns the file itself for a single font, or the face of a
// collection whose family name is one of families (in order of preference).
func faceInFile(path string, families []string) (chineseFace, error) {
	f, closeFont, err := openFont(path)
	if err != nil {
		return chineseFace{}, err
	}
	defer closeFont()
	var head [12]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return chineseFace{}, errors.New("font file too short")
	}
	if string(head[:4]) != "ttcf" {
		return chineseFace{path: path}, nil
	}
	n := int(binary.BigEndian.Uint32(head[8:12]))
	if n > 1024 {
		return chineseFace{}, errors.New("bad collection header")
	}
	dir := make([]byte, 4*n)
	if _, err := f.ReadAt(dir, 12); err != nil {
		return chineseFace{}, errors.New("bad collection header")
	}
	offsets := make([]int64, n)
	names := make([]string, n)
	for i := range n {
		offsets[i] = int64(binary.BigEndian.Uint32(dir[4*i:]))
		names[i] = familyName(f, offsets[i])
	}
	for _, want := range families {
		for i, name := range names {
			if name == want {
				return chineseFace{path: path, offset: offsets[i], collection: true}, nil
			}
		}
	}
	return chineseFace{}, fmt.Errorf("collection has no face named %v (has %v)", families, names)
}

// read returns the face as a standalone font.
func (c chineseFace) read() ([]byte, error) {
	if !c.collection {
		return os.ReadFile(c.path)
	}
	f, closeFont, err := openFont(c.path)
	if err != nil {
		return nil, err
	}
	defer closeFont()
	return extractFace(f, c.offset)
}

// fontReader is a font file being read in place: an io.SectionReader over
// the file, or a bytes.Reader over a font in memory.
type fontReader interface {
	io.ReaderAt
	Size() int64
}

// openFont opens path for reading in place; close it with the returned func.
func openFont(path string) (fontReader, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return io.NewSectionReader(f, 0, st.Size()), f.Close, nil
}

type tableRecord struct {
	tag                    string
	checksum, offset, size uint32
}

// tableDir reads the table directory of the font whose offset table
// starts at off.
func tableDir(r fontReader, off int64) ([]tableRecord, error) {
	var head [12]byte
	if _, err := r.ReadAt(head[:], off); err != nil {
		return nil, errors.New("bad font offset")
	}
	num := int(binary.BigEndian.Uint16(head[4:]))
	dir := make([]byte, 16*num)
	if _, err := r.ReadAt(dir, off+12); err != nil {
		return nil, errors.New("bad table directory")
	}
	recs := make([]tableRecord, num)
	for i := range num {
		d := dir[16*i:]
		recs[i] = tableRecord{string(d[:4]), binary.BigEndian.Uint32(d[4:]), binary.BigEndian.Uint32(d[8:]), binary.BigEndian.Uint32(d[12:])}
		if int64(recs[i].offset)+int64(recs[i].size) > r.Size() {
			return nil, fmt.Errorf("table %s runs past the file", recs[i].tag)
		}
	}
	return recs, nil
}

// readTable reads one table into dst (len(dst) == rec.size).
func readTable(r fontReader, rec tableRecord, dst []byte) error {
	if _, err := r.ReadAt(dst, int64(rec.offset)); err != nil {
		return fmt.Errorf("table %s: %w", rec.tag, err)
	}
	return nil
}

// familyName reads the Windows-Unicode family name (name ID 1) of the font
// whose table directory starts at off.
func familyName(r fontReader, off int64) string {
	recs, err := tableDir(r, off)
	if err != nil {
		return ""
	}
	for _, rec := range recs {
		if rec.tag != "name" {
			continue
		}
		t := make([]byte, rec.size)
		if readTable(r, rec, t) != nil || len(t) < 6 {
			return ""
		}
		count := int(binary.BigEndian.Uint16(t[2:]))
		strOff := int(binary.BigEndian.Uint16(t[4:]))
		for i := range count {
			rec := 6 + 12*i
			if rec+12 > len(t) {
				break
			}
			platform := binary.BigEndian.Uint16(t[rec:])
			nameID := binary.BigEndian.Uint16(t[rec+6:])
			length := int(binary.BigEndian.Uint16(t[rec+8:]))
			o := strOff + int(binary.BigEndian.Uint16(t[rec+10:]))
			lang := binary.BigEndian.Uint16(t[rec+4:])
			if platform != 3 || nameID != 1 || lang != 0x409 || o+length > len(t) {
				continue
			}
			u := make([]uint16, length/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(t[o+2*j:])
			}
			return string(utf16.Decode(u))
		}
	}
	return ""
}

// extractFace copies one face of a collection into a standalone font: the
// same tables, read straight into place after a fresh table directory (the
// collection itself is never read whole).
func extractFace(r fontReader, off int64) ([]byte, error) {
	recs, err := tableDir(r, off)
	if err != nil {
		return nil, err
	}
	head := 12 + 16*len(recs)
	total := head
	for _, rec := range recs {
		total += int(rec.size+3) &^ 3
	}
	out := make([]byte, total)
	if _, err := r.ReadAt(out[:12], off); err != nil { // sfnt version, table count, search hints
		return nil, err
	}
	pos := head
	for i, rec := range recs {
		d := out[12+16*i:]
		copy(d[:4], rec.tag)
		binary.BigEndian.PutUint32(d[4:], rec.checksum)
		binary.BigEndian.PutUint32(d[8:], uint32(pos))
		binary.BigEndian.PutUint32(d[12:], rec.size)
		if err := readTable(r, rec, out[pos:pos+int(rec.size)]); err != nil {
			return nil, err
		}
		pos += int(rec.size+3) &^ 3
	}
	return out, nil
}
