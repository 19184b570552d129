package export

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Temporary files are named after the process that writes them,
// .galley-export-PID-*.tmp, so that a later export into the folder can tell
// the files of an export that was killed (kill -9, a power cut) from those
// of one still running, and remove them.
const tempPrefix = ".galley-export-"

// staleAge is when a temporary file whose writer cannot be asked about
// (this system cannot tell, or an older Galley named it without its
// process) counts as left behind: exports write their files in seconds.
const staleAge = time.Hour

// createTemp creates a new temporary file in dir for an export. Unlike
// os.CreateTemp (always 0600) it asks for the ordinary 0644, less the
// umask, so that the exported file, once moved into place, can be read by
// whoever may read the folder, as a file any other program saves.
func createTemp(dir string) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, fmt.Sprintf("%s%d-%d.tmp", tempPrefix, os.Getpid(), rand.Uint64()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		return f, err
	}
}

// clearStaleTemps removes what killed exports left in dir. Errors are
// ignored: a file that cannot be removed stays hidden and harmless.
func clearStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, tempPrefix) || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		pidText, _, _ := strings.Cut(strings.TrimPrefix(name, tempPrefix), "-")
		pid, err := strconv.Atoi(pidText)
		stale := false
		switch alive, known := processAlive(pid); {
		case err == nil && pid == os.Getpid():
		case err == nil && known:
			stale = !alive
		default:
			if info, err := e.Info(); err == nil {
				stale = time.Since(info.ModTime()) > staleAge
			}
		}
		if stale {
			os.Remove(filepath.Join(dir, name))
		}
	}
}
