package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The temporary files of an export that was killed are removed by the next
// export into the folder; those of an export still running are not.
func TestExportClearsTheTempFilesOfAKilledExport(t *testing.T) {
	dir := t.TempDir()
	// a process that has ended: its pid names the killed export's files
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	killed := filepath.Join(dir, fmt.Sprintf(".galley-export-%d-123.tmp", dead))
	running := filepath.Join(dir, fmt.Sprintf(".galley-export-%d-456.tmp", os.Getppid()))
	old := filepath.Join(dir, ".galley-export-789.tmp") // named without a process
	young := filepath.Join(dir, ".galley-export-790.tmp")
	for _, f := range []string{killed, running, old, young} {
		os.WriteFile(f, []byte("half a document"), 0o644)
	}
	long := time.Now().Add(-2 * staleAge)
	os.Chtimes(old, long, long)

	items := []Item{{Story: sampleStory(), PageDate: "2024-03-05"}}
	if _, err := Batch(context.Background(), items, Options{Format: FormatText, Dir: dir}, nil); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{killed: false, old: false, running: true, young: true} {
		_, err := os.Stat(f)
		if got := err == nil; got != want {
			t.Errorf("%s: there %v, want %v", filepath.Base(f), got, want)
		}
	}
}

// Plain-text exports carry no control characters (NUL, ESC, BEL), even of
// a story that holds them.
func TestTextExportsDropControlCharacters(t *testing.T) {
	st := sampleStory()
	st.Title = "标题\x1b[31m红\x07"
	st.Paragraphs[0].Text = "正文\x00第一段\u009b。"
	for _, f := range []Format{FormatText, FormatMarkdown} {
		data, err := Render(f, []Item{{Story: st}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"\x00", "\x1b", "\x07", "\u009b"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s export holds %q", f, bad)
			}
		}
		if !bytes.Contains(data, []byte("正文第一段。")) || !bytes.Contains(data, []byte("31m红")) {
			t.Errorf("%s export lost text:\n%s", f, data)
		}
	}
}
