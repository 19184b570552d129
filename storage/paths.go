package storage

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the archive lives when neither --db nor GALLEY_DB
// names one: the user's data folder for the app, as each system defines it
// ($XDG_DATA_HOME or ~/.local/share on Linux and BSD, ~/Library/Application
// Support on macOS, %AppData% on Windows).
func DefaultPath() string {
	return filepath.Join(dataDir(), "galley", "archive.db")
}

func dataDir() string {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return d
		}
	case "darwin":
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, "Library", "Application Support")
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return d
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share")
	}
	return "."
}
