package app

import (
	"encoding/binary"
	"errors"
	"fmt"
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

// regularCandidates lists where systems keep a Simplified Chinese sans face.
func regularCandidates(mono bool) []fontCandidate {
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

// boldCandidate maps a regular collection to its bold sibling.
func boldPath(regular string) string {
	return strings.Replace(regular, "-Regular.", "-Bold.", 1)
}

// findChineseFont returns a standalone font (TTF/OTF bytes) with a Simplified
// Chinese face, and the file it came from.
func findChineseFont(mono, bold bool) ([]byte, string, error) {
	for _, c := range regularCandidates(mono) {
		path := c.path
		if bold {
			path = boldPath(path)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		face, err := faceFromFile(data, c.families)
		if err == nil {
			return face, path, nil
		}
	}
	return nil, "", errors.New("no Simplified Chinese font found; install fonts-noto-cjk or set GALLEY_FONT")
}

// faceFromFile returns data itself for a single font, or the face of a
// collection whose family name is one of families (in order of preference).
func faceFromFile(data []byte, families []string) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("font file too short")
	}
	if string(data[:4]) != "ttcf" {
		return data, nil
	}
	n := int(binary.BigEndian.Uint32(data[8:12]))
	if 12+4*n > len(data) {
		return nil, errors.New("bad collection header")
	}
	offsets := make([]int, n)
	names := make([]string, n)
	for i := range n {
		offsets[i] = int(binary.BigEndian.Uint32(data[12+4*i:]))
		names[i] = familyName(data, offsets[i])
	}
	for _, want := range families {
		for i, name := range names {
			if name == want {
				return extractFace(data, offsets[i])
			}
		}
	}
	return nil, fmt.Errorf("collection has no face named %v (has %v)", families, names)
}

type tableRecord struct {
	tag                    string
	checksum, offset, size uint32
}

func tableDir(data []byte, off int) ([]tableRecord, error) {
	if off+12 > len(data) {
		return nil, errors.New("bad font offset")
	}
	num := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*num > len(data) {
		return nil, errors.New("bad table directory")
	}
	recs := make([]tableRecord, num)
	for i := range num {
		r := data[off+12+16*i:]
		recs[i] = tableRecord{string(r[:4]), binary.BigEndian.Uint32(r[4:]), binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])}
		if int(recs[i].offset)+int(recs[i].size) > len(data) {
			return nil, fmt.Errorf("table %s runs past the file", recs[i].tag)
		}
	}
	return recs, nil
}

// familyName reads the Windows-Unicode family name (name ID 1) of the font
// whose table directory starts at off.
func familyName(data []byte, off int) string {
	recs, err := tableDir(data, off)
	if err != nil {
		return ""
	}
	for _, r := range recs {
		if r.tag != "name" {
			continue
		}
		t := data[r.offset : r.offset+r.size]
		if len(t) < 6 {
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
// same tables, laid out anew after a fresh table directory.
func extractFace(data []byte, off int) ([]byte, error) {
	recs, err := tableDir(data, off)
	if err != nil {
		return nil, err
	}
	head := 12 + 16*len(recs)
	total := head
	for _, r := range recs {
		total += int(r.size+3) &^ 3
	}
	out := make([]byte, total)
	copy(out[:12], data[off:off+12]) // sfnt version, table count, search hints
	pos := head
	for i, r := range recs {
		rec := out[12+16*i:]
		copy(rec[:4], r.tag)
		binary.BigEndian.PutUint32(rec[4:], r.checksum)
		binary.BigEndian.PutUint32(rec[8:], uint32(pos))
		binary.BigEndian.PutUint32(rec[12:], r.size)
		copy(out[pos:], data[r.offset:r.offset+r.size])
		pos += int(r.size+3) &^ 3
	}
	return out, nil
}
