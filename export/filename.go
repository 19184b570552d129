package export

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley/galley/article"
)

// maxNameBytes caps a file name's stem in UTF-8 bytes. File systems allow
// 255 bytes (ext4, APFS) or 255 UTF-16 units (NTFS) per name; 150 leaves room
// for a -NN suffix and the extension, and for CJK (3 bytes a character) it
// still keeps 50 characters of headline.
const maxNameBytes = 150

// windowsReserved are device names Windows refuses as file names, with any
// extension (con.docx is as bad as con).
var windowsReserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true,
	"COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true,
	"LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
	"CONIN$": true, "CONOUT$": true,
}

// StoryFileStem is the file name (without extension) for a story: the page
// date and the headline, "2022-06-23 标题", made safe by SafeFileName.
func StoryFileStem(pageDate string, st *article.Story) string {
	head := SafeFileName(st.Headline())
	if head == "" {
		head = "untitled"
	}
	if d := SafeFileName(pageDate); d != "" {
		return SafeFileName(d + " " + head)
	}
	return head
}

// SafeFileName turns any text into a name every common system accepts:
// characters Windows or macOS reserve (<>:"/\|?*) become spaces, control and
// invisible format characters go, runs of spaces fold into one, leading dots
// (hidden files) and trailing dots and spaces (Windows drops them) go,
// Windows device names get an underscore, and the result is cut to
// maxNameBytes on a character boundary. It returns "" when nothing is left.
func SafeFileName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case strings.ContainsRune(`<>:"/\|?*`, r), unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	name := trimName(b.String())
	if len(name) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = trimName(name[:cut])
	}
	stem := name
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	if windowsReserved[strings.ToUpper(strings.TrimRight(stem, " "))] {
		name = "_" + name
	}
	return name
}

func trimName(s string) string {
	s = strings.TrimLeft(s, ". ")
	return strings.TrimRight(s, ". ")
}
