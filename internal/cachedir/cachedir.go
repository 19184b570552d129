// Package cachedir names the folder where Galley keeps what it builds once
// and reuses in every later process: the compiled dictionary, the compiled
// PDF engine. One place, so that $GALLEY_CACHE_DIR moves all of it.
package cachedir

import (
	"os"
	"path/filepath"
)

// Dir is $GALLEY_CACHE_DIR when set, else the system's per-user cache
// folder (~/.cache/galley on Linux), or "" when the system has none.
func Dir() string {
	if d := os.Getenv("GALLEY_CACHE_DIR"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "galley")
}
