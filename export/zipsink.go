package export

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// zipSink collects the documents in one zip, written to a temporary file
// in the folder and moved into place by close.
type zipSink struct {
	dir, name string // name without extension
	tmp       *os.File
	zw        *zip.Writer
	used      map[string]bool
	now       time.Time
	path      string
}

func newZipSink(dir, name string) (*zipSink, error) {
	if name == "" {
		name = "galley-export"
	}
	tmp, err := createTemp(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, name+".zip"), err)
	}
	return &zipSink{dir: dir, name: name, tmp: tmp, zw: zip.NewWriter(tmp), used: map[string]bool{}, now: time.Now()}, nil
}

func (z *zipSink) add(name string, data []byte) error {
	name = uniqueName(name, z.used)
	z.used[strings.ToLower(name)] = true
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.now})
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("%s in %s: %w", name, filepath.Join(z.dir, z.name+".zip"), err)
	}
	return nil
}

func (z *zipSink) close() error {
	want := filepath.Join(z.dir, z.name+".zip")
	err := z.zw.Close()
	if err == nil {
		err = z.tmp.Sync()
	}
	if cerr := z.tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(z.tmp.Name())
		return fmt.Errorf("%s: %w", want, err)
	}
	path, err := placeNoClobber(z.tmp.Name(), z.dir, z.name+".zip", map[string]bool{})
	if err != nil {
		os.Remove(z.tmp.Name())
		return fmt.Errorf("%s: %w", want, err)
	}
	z.path = path
	return nil
}

func (z *zipSink) abort() {
	z.tmp.Close()
	os.Remove(z.tmp.Name())
}

func (z *zipSink) written() []string {
	if z.path == "" {
		return nil
	}
	return []string{z.path}
}
