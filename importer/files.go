package importer

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley/galley/ingest"
	"github.com/galley/galley/pdfimport"
)

// Expand turns the paths given into the files to import, walking folders
// recursively in name order and leaving out hidden files and folders (.git,
// .DS_Store). Paths that do not exist or cannot be read, and files that are
// plainly neither text nor PDF (by name or by their first bytes), come back as results
// (Failed or Skipped) instead. In a folder only what may be a page is taken
// (see notPage): a folder of pages also holds a README or a picture, which a
// file named on its own would not be.
func Expand(paths []string) (files []string, rejected []Result) {
	seen := map[string]bool{}
	addFile := func(path string, inFolder bool) {
		if seen[path] {
			return
		}
		seen[path] = true
		why := notText(path)
		if why == "" && inFolder {
			why = notPage(path)
		}
		if why != "" {
			rejected = append(rejected, Result{File: path, Outcome: Skipped, Reason: why})
			return
		}
		files = append(files, path)
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			rejected = append(rejected, Result{File: p, Outcome: Failed, Reason: cleanPathError(err)})
			continue
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				// looking at its first bytes would wait for a writer
				rejected = append(rejected, Result{File: p, Outcome: Failed, Reason: ingest.NotRegular(st.Mode())})
				continue
			}
			addFile(p, false)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				rejected = append(rejected, Result{File: path, Outcome: Failed, Reason: cleanPathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			hidden := strings.HasPrefix(d.Name(), ".") && path != p
			switch {
			case d.IsDir() && hidden:
				return fs.SkipDir
			case d.IsDir(), hidden:
				return nil
			case !d.Type().IsRegular():
				rejected = append(rejected, Result{File: path, Outcome: Skipped, Reason: "not a regular file"})
				return nil
			}
			addFile(path, true)
			return nil
		})
	}
	return files, rejected
}

// pageExt are the names a page (or story JSON) has in a folder: text
// pages as the extractor wrote them, often without an extension, and PDFs.
var pageExt = map[string]bool{"": true, ".txt": true, ".text": true, ".json": true, ".jsonl": true, ".ndjson": true, ".pdf": true}

// notPage says why a file found in a folder is not taken as a page ("" when
// it may be one): a name other than pageExt (README.md, notes.csv), or the
// folder's own README, LICENSE or CHANGELOG.
func notPage(path string) string {
	base := strings.ToUpper(filepath.Base(path))
	for _, doc := range []string{"README", "LICENSE", "LICENCE", "CHANGELOG", "COPYING"} {
		if strings.HasPrefix(base, doc) {
			return "not a page: the folder's " + filepath.Base(path)
		}
	}
	if ext := strings.ToLower(filepath.Ext(path)); !pageExt[ext] {
		return "not a page: a " + ext + " file (pages in a folder are .txt, .pdf or story JSON; name the file to import it anyway)"
	}
	return ""
}

// cleanPathError drops the path from an error the result already names.
func cleanPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// binaryExt are kinds of file a newspaper folder holds beside its text
// pages.
var binaryExt = map[string]string{
	".doc": "a Word document", ".docx": "a Word document", ".odt": "an OpenDocument text",
	".jpg": "a picture", ".jpeg": "a picture", ".png": "a picture", ".gif": "a picture", ".tif": "a picture",
	".tiff": "a picture", ".bmp": "a picture", ".webp": "a picture", ".zip": "a zip archive", ".gz": "a compressed file",
	".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".db": "a database", ".sqlite": "a database", ".exe": "a program",
}

// magic are the first bytes of binary formats.
var magic = []struct {
	prefix, what string
}{
	{"PK\x03\x04", "a zip archive or Office document"}, {"\x89PNG", "a picture (PNG)"},
	{"\xff\xd8\xff", "a picture (JPEG)"}, {"GIF8", "a picture (GIF)"}, {"II*\x00", "a picture (TIFF)"},
	{"MM\x00*", "a picture (TIFF)"}, {"SQLite format 3\x00", "an SQLite database"}, {"\x1f\x8b", "a gzip file"},
	{"\x7fELF", "a program"}, {"MZ", "a program"}, {"\xd0\xcf\x11\xe0", "an old Office document"},
}

// headSize is how much of a file is looked at to tell what it is: a PDF
// reader finds the %PDF- header within the first KB.
const headSize = 1024

// notText says why a file is plainly not a page ("" when it may be one).
// Files that pass may still fail to decode; that is a failure with ingest's
// reason, not a skip. A PDF (by its name or its first bytes) may be one.
func notText(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if what, ok := binaryExt[ext]; ok {
		return "not a text file: " + what
	}
	head, err := readHead(path)
	if err != nil {
		return "" // reported when it is read
	}
	if len(head) == 0 {
		return "empty file"
	}
	if pdfimport.IsPDF(head) {
		return ""
	}
	for _, m := range magic {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return "not a text file: " + m.what
		}
	}
	return ""
}

// IsPDFFile reports a file to read as a PDF: named .pdf, or starting as a
// PDF does whatever its name. A .pdf that is not one is then refused with
// the PDF reader's reason (damaged, or not a PDF), which says more than
// "not text".
func IsPDFFile(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".pdf") {
		return true
	}
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return false // opening a named pipe to look would wait for a writer
	}
	head, err := readHead(path)
	return err == nil && pdfimport.IsPDF(head)
}

func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	return head[:n], nil
}
