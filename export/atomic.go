package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// writeNew writes a new file in dir under name (or name-2, name-3 … when
// that is taken, in used or on disk) and returns its path. The content goes
// to a temporary file first, is synced, and is then moved into place, so the
// final name only ever holds a complete file. Errors name the file.
func writeNew(dir, name string, used map[string]bool, write func(*os.File) error) (string, error) {
	want := filepath.Join(dir, uniqueName(name, used))
	tmp, err := createTemp(dir)
	if err != nil {
		return "", fmt.Errorf("%s: %w", want, err)
	}
	tmpName := tmp.Name()
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmpName)
		return "", fmt.Errorf("%s: %w", want, err)
	}
	path, err := placeNoClobber(tmpName, dir, name, used)
	if err != nil {
		os.Remove(tmpName)
		return "", fmt.Errorf("%s: %w", want, err)
	}
	return path, nil
}

// placeNoClobber moves the finished temporary file to the first free name.
// A hard link fails when the name exists (even as another case on a
// case-insensitive disk), so no file is ever replaced, not even one that
// appeared since we looked; where links are not supported (FAT, some network
// shares) it checks and renames.
func placeNoClobber(tmp, dir, name string, used map[string]bool) (string, error) {
	for {
		cand := uniqueName(name, used)
		used[strings.ToLower(cand)] = true
		path := filepath.Join(dir, cand)
		err := os.Link(tmp, path)
		if err == nil {
			os.Remove(tmp)
			return path, nil
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if _, serr := os.Lstat(path); serr == nil {
			continue
		}
		if err := os.Rename(tmp, path); err != nil {
			return "", err
		}
		return path, nil
	}
}

// WriteFile renders items in format f as one document (see Render) and
// writes it to path, the file a user picked in a save dialog: an existing
// file there is replaced, but only once the new one is complete, so a full
// disk or a crash leaves the old file as it was.
func WriteFile(path string, f Format, items []Item, opt Options) error {
	data, err := Render(f, items, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Dir(path)
	tmp, err := createTemp(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
