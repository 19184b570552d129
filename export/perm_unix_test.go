//go:build unix

package export

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Exported files get the ordinary permissions, 0644 less the umask, as a
// file any other program saves: a colleague or the web server may read
// them (os.CreateTemp alone would leave every one 0600).
func TestExportedFilesHaveOrdinaryPermissions(t *testing.T) {
	for _, c := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o002, 0o644}, {0o077, 0o600}} {
		old := syscall.Umask(c.umask)
		dir := t.TempDir()
		items := []Item{{Story: titled("桥"), PageDate: "2024-03-05"}, {Story: titled("Park"), PageDate: "2024-03-05"}}
		var files []string
		for _, opt := range []Options{{Format: FormatDOCX, Dir: dir}, {Format: FormatMarkdown, Dir: dir, Zip: true}} {
			sum, err := Batch(context.Background(), items, opt, nil)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, sum.Files...)
		}
		chosen := filepath.Join(dir, "chosen.txt")
		if err := WriteFile(chosen, FormatText, items, Options{}); err != nil {
			t.Fatal(err)
		}
		files = append(files, chosen)
		syscall.Umask(old)
		for _, f := range files {
			fi, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != c.want {
				t.Errorf("umask %03o: %s is %04o, want %04o", c.umask, filepath.Base(f), got, c.want)
			}
		}
	}
}
