package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley/galley/lexicon"
)

// startupHelperEnv makes the test binary run one galley command and say
// whether the process loaded the word dictionary (see TestStartupHelper).
const startupHelperEnv = "GALLEY_STARTUP_HELPER_ARGS"

// TestStartupHelper is not a test: started by TestCommandsThatCutNoWordLoadNoDictionary
// in a process of its own, it runs the command and reports.
func TestStartupHelper(t *testing.T) {
	args := os.Getenv(startupHelperEnv)
	if args == "" {
		t.Skip("runs only as the helper process of TestCommandsThatCutNoWordLoadNoDictionary")
	}
	code := run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr)
	fmt.Printf("\nexit %d, dictionary on the heap: %v\n", code, lexicon.Shared().OnHeap())
}

// No command builds gse's dictionary in memory: the compiled dictionary
// is read where it lies, mapped (a search cuts its query, a status change
// re-indexes one story, dict add cuts nothing). Each command starts in a
// process of its own, as from the shell, so nothing another test loaded
// counts.
func TestCommandsThatCutNoWordLoadNoDictionary(t *testing.T) {
	if lexicon.DefaultCacheDir() == "" {
		t.Skip("this system has no user cache folder, so no compiled dictionary to read in place")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	page := seedCopy(t, dir, "000_84aa73dab9e593a4.txt")
	if code, out, errOut := galleyCmd(t, db, "import", page); code != 0 {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := galleyCmd(t, db, "dict", "add", "柯望舒", "--tag", "nr"); code != 0 {
		t.Fatalf("dict add: %d\n%s%s", code, out, errOut)
	}
	for _, c := range [][]string{
		{"list"}, {"show", "3"}, {"status", "3", "checked"}, {"check"},
		{"backup", filepath.Join(dir, "copy.db")}, {"export", "--format", "txt", "--out", filepath.Join(dir, "out")},
		{"dict", "list"}, {"dict", "add", "司徒雷锋", "--tag", "nr"}, {"search", "安全生产"}, {"search", "drill"},
		{"parse", page},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStartupHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), startupHelperEnv+"="+strings.Join(append([]string{"--db", db}, c...), "\x1f"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("galley %s: %v\n%s", strings.Join(c, " "), err, out)
		}
		if !strings.Contains(string(out), "exit 0, dictionary on the heap: false") {
			t.Errorf("galley %s:\n%s", strings.Join(c, " "), out)
		}
	}
}
