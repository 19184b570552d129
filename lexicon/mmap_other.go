//go:build !unix

package lexicon

import (
	"io"
	"os"
)

// mapFile reads f whole where there is no mmap: slower, the same bytes.
func mapFile(f *os.File) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(f, maxDictFile))
	if err != nil {
		return nil, err
	}
	// A fresh []byte of this size is 8-aligned, as the nodes need.
	return b, nil
}

// unmapFile undoes mapFile: the garbage collector frees the bytes.
func unmapFile([]byte) {}
