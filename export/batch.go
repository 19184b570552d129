package export

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/galley/galley/article"
)

// Options say what Batch writes and where.
type Options struct {
	Format Format
	Dir    string // created when missing
	// Zip writes one .zip in Dir holding the files instead of the files.
	Zip bool
	// ZipName is the zip's name without extension; default "galley-export".
	ZipName string
	// OneFile writes all stories into one document, named after the story
	// when there is one, else "galley-export" (after the page date when all
	// stories share one). JSON Lines is always one file.
	OneFile bool
	JSON    JSONOptions
	DOCX    DOCXOptions
}

// Summary is what a batch did.
type Summary struct {
	Format  Format
	Stories int      // stories exported
	Files   []string // paths written: the files, or the zip alone
	Bytes   int64    // bytes of the exported documents (before zipping)
}

// String is the line the command prints at the end.
func (s Summary) String() string {
	noun := "stories"
	if s.Stories == 1 {
		noun = "story"
	}
	switch len(s.Files) {
	case 0:
		return fmt.Sprintf("exported %d %s", s.Stories, noun)
	case 1:
		return fmt.Sprintf("exported %d %s as %s to %s (%s)", s.Stories, noun, s.Format, s.Files[0], byteSize(s.Bytes))
	}
	return fmt.Sprintf("exported %d %s as %d %s files to %s (%s)", s.Stories, noun, len(s.Files), s.Format, filepath.Dir(s.Files[0]), byteSize(s.Bytes))
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Batch exports items to opt.Dir; see BatchSeq.
func Batch(ctx context.Context, items []Item, opt Options, progress func(done, total int)) (Summary, error) {
	seq := func(yield func(Item, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
	return BatchSeq(ctx, seq, len(items), opt, progress)
}

// BatchSeq exports the stories items yields (total of them, 0 if unknown)
// to opt.Dir: one file per story named "page-date headline.ext", or one
// document, or one zip. Names are safe on Windows, macOS and Linux and never
// replace a file already there (a -2, -3 … suffix is added). Each file is
// written to a temporary file and moved into place when complete, so a full
// disk or a cancel leaves no half file. progress, when not nil, is called
// after each story. Cancelling ctx stops between stories; the files written
// so far stay and are listed in the summary. Errors name the file.
func BatchSeq(ctx context.Context, items iter.Seq2[Item, error], total int, opt Options, progress func(done, total int)) (sum Summary, err error) {
	sum.Format = opt.Format
	if _, ferr := ParseFormat(string(opt.Format)); ferr != nil {
		return sum, ferr
	}
	if opt.Dir == "" {
		return sum, fmt.Errorf("no output folder given")
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return sum, fmt.Errorf("output folder: %w", err)
	}
	clearStaleTemps(opt.Dir)
	var out sink
	if opt.Zip {
		name := opt.ZipName
		if name == "" {
			name = "galley-export"
		}
		z, err := newZipSink(opt.Dir, SafeFileName(name))
		if err != nil {
			return sum, err
		}
		out = z
	} else {
		out = newDirSink(opt.Dir)
	}
	defer func() {
		if err != nil {
			out.abort()
			sum.Files = append(sum.Files, out.written()...)
			return
		}
		err = out.close()
		sum.Files = append(sum.Files, out.written()...)
	}()

	report := func() {
		if progress != nil {
			progress(sum.Stories, total)
		}
	}
	report()
	oneFile := opt.OneFile || opt.Format == FormatJSONL
	var pending []Item
	for it, ierr := range items {
		if ierr != nil {
			return sum, ierr
		}
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if it.Story == nil {
			continue
		}
		if oneFile {
			pending = append(pending, it)
		} else {
			data, err := Render(opt.Format, []Item{it}, opt)
			name := StoryFileStem(it.PageDate, it.Story) + opt.Format.Ext()
			if err != nil {
				return sum, fmt.Errorf("%s: %w", name, err)
			}
			if err := out.add(name, data); err != nil {
				return sum, err
			}
			sum.Bytes += int64(len(data))
		}
		sum.Stories++
		report()
	}
	if oneFile && len(pending) > 0 {
		// The page date leads the name when all stories share it, so an
		// import of the file (which dates pages by their file name) keeps it.
		stem := StoryFileStem(commonDate(pending), &article.Story{Title: "galley-export"})
		if len(pending) == 1 {
			stem = StoryFileStem(pending[0].PageDate, pending[0].Story)
		}
		name := stem + opt.Format.Ext()
		data, err := Render(opt.Format, pending, opt)
		if err != nil {
			return sum, fmt.Errorf("%s: %w", name, err)
		}
		if err := out.add(name, data); err != nil {
			return sum, err
		}
		sum.Bytes += int64(len(data))
	}
	return sum, nil
}

// sink receives finished documents.
type sink interface {
	add(name string, data []byte) error
	close() error
	abort()
	written() []string
}

// dirSink writes each document as its own file in dir.
type dirSink struct {
	dir   string
	used  map[string]bool // lower-cased names taken in this batch
	files []string
}

func newDirSink(dir string) *dirSink { return &dirSink{dir: dir, used: map[string]bool{}} }

func (d *dirSink) add(name string, data []byte) error {
	path, err := writeNew(d.dir, name, d.used, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	d.files = append(d.files, path)
	return nil
}

func (d *dirSink) close() error      { return nil }
func (d *dirSink) abort()            {}
func (d *dirSink) written() []string { return d.files }

// uniqueName returns name, or name-2, name-3 … (before the extension), the
// first one not in used. Names compare case-insensitively, as on Windows
// and macOS.
func uniqueName(name string, used map[string]bool) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; ; n++ {
		cand := name
		if n > 1 {
			cand = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		if !used[strings.ToLower(cand)] {
			return cand
		}
	}
}
